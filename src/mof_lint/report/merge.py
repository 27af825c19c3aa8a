"""`mof-lint merge`: many `check --format json` reports (one per repository of an org-wide matrix)
into one table, and the class a report states for `badge --report`. Reports are input like any
other: read through report/files.py (a regular file, no symlink, bounded, JSON) and then checked for
the fields used here, so a forged, truncated or foreign file is refused with a reason and never
counted as a result."""
from __future__ import annotations

import json
import math
import os
from types import SimpleNamespace

from mof_lint.framework import CLASS_NUMBERS
from mof_lint.report.files import FileRefused, read_json
from mof_lint.report.markdown import md
from mof_lint.report.safe import clean

MAX_REPORT_BYTES = 16 << 20


def _class(path: str, data: dict, key: str) -> int | None:
    value = data.get(key)
    if value is None or (type(value) is int and value in CLASS_NUMBERS):
        return value
    raise FileRefused(path, f"is not a mof-lint JSON report ({key!r} is not 1, 2, 3 or null)")


def _progress(path: str, data: dict, key: str) -> dict[int, float]:
    value = data.get(key)
    ok = isinstance(value, dict) and all(
        type(value.get(str(n))) in (int, float) and math.isfinite(value[str(n)]) and 0 <= value[str(n)] <= 100
        for n in CLASS_NUMBERS)
    if not ok:
        raise FileRefused(path, f"is not a mof-lint JSON report ({key!r} is not a progress per class)")
    return {n: float(value[str(n)]) for n in CLASS_NUMBERS}


def _text(data: dict, *keys: str) -> str | None:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data if isinstance(data, str) else None


def load_report(path: str) -> dict:
    """The report at `path`, with the fields merge and badge read checked; FileRefused otherwise."""
    data = read_json(path, MAX_REPORT_BYTES)
    if not isinstance(data, dict) or _text(data, "tool", "name") != "mof-lint":
        raise FileRefused(path, "is not a mof-lint JSON report (no tool.name \"mof-lint\")")
    for key in ("class", "strict_class"):
        _class(path, data, key)
    if not isinstance(data.get("findings", []), list):
        raise FileRefused(path, "is not a mof-lint JSON report ('findings' is not a list)")
    return data


def report_class(path: str, policy: str | None = None) -> SimpleNamespace:
    """The class and progress a report states under `policy` (default: the report's own)."""
    data = load_report(path)
    policy = policy or (data.get("policy") if data.get("policy") in ("strict", "mot") else "strict")
    prefix = "strict_" if policy == "strict" else ""
    return SimpleNamespace(mof_class=_class(path, data, f"{prefix}class"),
                           progress=_progress(path, data, f"{prefix}progress"))


def _row(path: str) -> dict:
    data = load_report(path)
    findings = [f for f in data.get("findings") or [] if isinstance(f, dict)]
    progress_key = "strict_progress" if "strict_progress" in data else "progress"
    return {
        "report": clean(path),
        "repository": os.path.basename((_text(data, "path") or path).rstrip("/")) or path,
        "class": data.get("class"), "class_name": _text(data, "class_name"),
        "strict_class": data.get("strict_class"), "strict_class_name": _text(data, "strict_class_name"),
        "progress": {str(n): v for n, v in _progress(path, data, progress_key).items()},
        "label": _text(data, "verdicts", "label", "text"),
        "errors": sum(1 for f in findings if f.get("level") == "error"),
        "warnings": sum(1 for f in findings if f.get("level") == "warning"),
    }


def merge_reports(paths: list[str], fmt: str = "markdown") -> tuple[str, list[str]]:
    """(the table, one line per report that could not be used, naming it and why). An unusable
    report is listed as such in the table too: it never counts as a result."""
    rows, unreadable = [], []
    for path in paths:
        try:
            rows.append(_row(path))
        except FileRefused as err:
            rows.append({"report": clean(path), "error": err.why[:200]})
            unreadable.append(str(err))
    rows.sort(key=lambda r: (r.get("strict_class") or 9, r.get("class") or 9, r.get("repository") or r["report"]))
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n", unreadable
    out = ["| Repository | Class (strict) | Class (MOT) | Progress III / II / I | Label | Errors | Warnings |",
           "|---|---|---|---|---|---|---|"]
    for r in rows:
        if "error" in r:
            out.append(f"| {md(r['report'])} | – | – | – | unreadable report: {md(r['error'])} | – | – |")
            continue
        p = " / ".join(f"{r['progress'][k]:.0f}%" for k in ("3", "2", "1"))
        out.append(f"| {md(r['repository'])} | {md(r.get('strict_class_name') or '–')} | "
                   f"{md(r.get('class_name') or '–')} | {p} | {md(r.get('label') or '')} | {r['errors']} | "
                   f"{r['warnings']} |")
    return "\n".join(out) + "\n", unreadable
