"""`mof-lint merge`: many `check --format json` reports (one per repository of an org-wide matrix)
into one table. Reports are read defensively: a file that is not a mof-lint report is listed as such."""
from __future__ import annotations

import json
import os

from mof_lint.report.markdown import md

MAX_REPORT_BYTES = 16 << 20


def _row(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.loads(fh.read(MAX_REPORT_BYTES))
        if not isinstance(data, dict) or data.get("tool", {}).get("name") != "mof-lint":
            raise ValueError("not a mof-lint report")
    except (OSError, ValueError, AttributeError) as err:
        return {"report": path, "error": str(getattr(err, "strerror", None) or err)[:120]}
    findings = data.get("findings") or []
    return {
        "report": path,
        "repository": os.path.basename(str(data.get("path") or path).rstrip("/")) or path,
        "class": data.get("class"), "class_name": data.get("class_name"),
        "strict_class": data.get("strict_class"), "strict_class_name": data.get("strict_class_name"),
        "progress": data.get("strict_progress") or data.get("progress"),
        "label": ((data.get("verdicts") or {}).get("label") or {}).get("text"),
        "errors": sum(1 for f in findings if f.get("level") == "error"),
        "warnings": sum(1 for f in findings if f.get("level") == "warning"),
    }


def merge_reports(paths: list[str], fmt: str = "markdown") -> tuple[str, int]:
    rows = [_row(p) for p in paths]
    rows.sort(key=lambda r: (r.get("strict_class") or 9, r.get("class") or 9, r.get("repository") or r["report"]))
    code = 1 if any("error" in r for r in rows) else 0
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n", code
    out = ["| Repository | Class (strict) | Class (MOT) | Progress III / II / I | Label | Errors | Warnings |",
           "|---|---|---|---|---|---|---|"]
    for r in rows:
        if "error" in r:
            out.append(f"| {md(r['report'])} | – | – | – | unreadable report: {md(r['error'])} | – | – |")
            continue
        prog = r.get("progress") or {}
        p = " / ".join(f"{float(prog.get(k, 0)):.0f}%" for k in ("3", "2", "1"))
        out.append(f"| {md(r['repository'])} | {md(r.get('strict_class_name') or '–')} | "
                   f"{md(r.get('class_name') or '–')} | {p} | {md(r.get('label') or '')} | {r['errors']} | "
                   f"{r['warnings']} |")
    return "\n".join(out) + "\n", code
