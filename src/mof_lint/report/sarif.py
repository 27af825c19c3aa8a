"""SARIF 2.1.0 for GitHub code scanning (`upload-sarif`): one run, every rule with its help, stable
rule ids, repository-relative URIs, partial fingerprints that survive line shifts, and an
`automationDetails.id` so several runs (a matrix) stay apart. Findings about the repository as a
whole are anchored to a real file (the README) because code scanning needs a location."""
from __future__ import annotations

import hashlib
import json
from urllib.parse import quote

from mof_lint.findings import RULES
from mof_lint.framework import FRAMEWORK
from mof_lint.report.safe import clean

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "note": "note"}
INFO_URI = "https://github.com/mof-lint/mof-lint"
# GitHub code scanning takes at most 25,000 results per run and 10 MB of gzip per upload: stay far
# below both whatever the repository holds (findings are already summed up, see findings.bounded)
MAX_RESULTS = 5000
MAX_RESULT_BYTES = 8 << 20  # of the results in the file, before gzip
MAX_MESSAGE = 2000


def _uri(path: str) -> str:
    return quote(clean(path).replace("\\", "/"), safe="/")


def fingerprint(f) -> str:
    """Stable across line moves: rule, file, component and the message without numbers."""
    import re
    text = re.sub(r"\d+", "#", clean(f.message))
    key = "\0".join([f.rule, clean(f.path or ""), str(f.component or ""), text] + ([clean(f.part)] if f.part else []))
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:32]


def as_dict(report, automation_id: str = "mof-lint/") -> dict:
    rules = list(RULES.values())
    index = {r.id: i for i, r in enumerate(rules)}
    anchor = next((f.path for f in report.findings if f.path and not f.part), None)
    results, size = [], 0
    for f in report.findings:
        if len(results) >= MAX_RESULTS or size >= MAX_RESULT_BYTES:
            break
        path = f.path or anchor
        part = report.part(f.part) if f.part and hasattr(report, "part") else None
        result = {
            "ruleId": f.rule, "ruleIndex": index[f.rule], "level": LEVEL[f.level],
            "message": {"text": clean(f.message)[:MAX_MESSAGE] or RULES[f.rule].summary},
            "partialFingerprints": {"mofLintFinding/v1": fingerprint(f)},
        }
        if f.part:  # a file of another part of the release: its own URI, not one of this repository
            url = part.file_url(f.path) if part is not None and f.path else None
            if url:
                result["locations"] = [{"physicalLocation": {
                    "artifactLocation": {"uri": url}, "region": {"startLine": max(1, int(f.line or 1))}}}]
            elif anchor:  # code scanning needs a location: the repository's anchor, the part named
                result["locations"] = [{"physicalLocation": {
                    "artifactLocation": {"uri": _uri(anchor), "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 1}}}]
            result["message"]["text"] = clean(f"[{f.part}] {f.message}")[:MAX_MESSAGE]
            result["properties"] = {"part": clean(f.part)}
        elif path:
            region = {"startLine": max(1, int(f.line or 1))}
            if f.column:
                region["startColumn"] = max(1, int(f.column))
            result["locations"] = [{"physicalLocation": {
                "artifactLocation": {"uri": _uri(path), "uriBaseId": "%SRCROOT%"}, "region": region}}]
        if f.component:
            result.setdefault("properties", {})["component"] = FRAMEWORK.by_id[f.component].name
        results.append(result)
        text = json.dumps(result, indent=2, ensure_ascii=False)
        size += len(text.encode("utf-8")) + 8 * (text.count("\n") + 1)  # as indented at its depth in the file
    left_out = len(report.findings) - len(results)
    chosen = report.chosen
    return {
        "$schema": SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "mof-lint", "version": report.version, "semanticVersion": report.version,
                "informationUri": INFO_URI,
                "rules": [{
                    "id": r.id, "name": r.name,
                    "shortDescription": {"text": r.summary},
                    "fullDescription": {"text": r.help},
                    "help": {"text": r.help, "markdown": f"**{r.summary}.** {r.help}"},
                    "helpUri": r.docs_url,
                    "defaultConfiguration": {"level": LEVEL[r.level]},
                } for r in rules]}},
            "automationDetails": {"id": automation_id},
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": [
                {"level": "note", "message": {"text": f"{left_out} more findings are left out of this SARIF "
                                                      f"file (at most {MAX_RESULTS} results, "
                                                      f"{MAX_RESULT_BYTES >> 20} MiB); the JSON report lists them"}}]
                if left_out else []}],
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "the repository root"}}},
            "results": results,
            "properties": {"mofClass": chosen.mof_class, "mofClassName": chosen.class_name,
                           "policy": report.policy,
                           "progress": {str(k): round(v, 2) for k, v in chosen.progress.items()},
                           "resultsLeftOut": left_out},
        }],
    }


def render(report, automation_id: str = "mof-lint/") -> str:
    return json.dumps(as_dict(report, automation_id), indent=2, ensure_ascii=False) + "\n"
