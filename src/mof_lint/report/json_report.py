"""JSON report: the contract in DESIGN.md, validated by schemas/report.schema.json."""
from __future__ import annotations

import json

from mof_lint.check import Report, coverage_reason
from mof_lint.findings import totals
from mof_lint.framework import FRAMEWORK
from mof_lint.licenses.catalog import catalog
from mof_lint.report.safe import clean, clean_path


def _progress(cls) -> dict[str, float]:
    return {str(k): round(v, 6) for k, v in sorted(cls.progress.items(), reverse=True)}


def _needs(cls) -> list[dict]:
    return [{"id": n.component, "name": FRAMEWORK.by_id[n.component].name, "reason": n.reason,
             **({"license": clean(n.license)} if n.license else {})} for n in cls.needs]


def as_dict(report: Report) -> dict:
    cat = catalog()
    comps = []
    for r in report.results:
        c = r.component
        comps.append({
            "id": c.id, "name": c.name, "key": c.key, "type": c.content_type, "class": c.mof_class,
            "required": c.required, "status": r.status,
            "license": clean(r.license) if r.license else None,
            "license_category": r.license_category, "open": r.open,
            "strict_open": r.strict_open, "type_appropriate": r.type_appropriate,
            "license_source": ({"path": clean_path(r.license_evidence.path), "line": r.license_evidence.line,
                                "scope": r.license_evidence.scope, "kind": r.license_evidence.kind,
                                "why": clean(coverage_reason(r.license_evidence)),
                                **({"part": clean(r.license_evidence.part)} if r.license_evidence.part else {})}
                               if r.license_evidence else None),
            "mot_status": report.mot.status[c.id], "strict_status": report.strict.status[c.id],
            "evidence": [{**e.as_dict(), "path": clean_path(e.path), "detail": clean(e.detail),
                          **({"url": clean(e.url)} if e.url else {}),
                          **({"part": clean(e.part)} if e.part else {})} for e in r.evidence],
        })
    return {
        "tool": {"name": "mof-lint", "version": report.version},
        "framework": {"name": FRAMEWORK.name, "version": FRAMEWORK.version, "source": FRAMEWORK.source},
        "path": clean(report.root),
        "policy": report.policy,
        "class": report.mot.mof_class,
        "class_name": report.mot.class_name,
        "progress": _progress(report.mot),
        "strict_class": report.strict.mof_class,
        "strict_class_name": report.strict.class_name,
        "strict_progress": _progress(report.strict),
        "next": {
            "mot": {"class": report.mot.next_class, "needs": _needs(report.mot)},
            "strict": {"class": report.strict.next_class, "needs": _needs(report.strict)},
        },
        "min_class": report.min_class,
        "components": comps,
        "licenses": [{**lic.as_dict(), "path": clean_path(lic.path), "detail": clean(lic.detail),
                      "license": clean(lic.license), "category": cat.category(lic.license),
                      "mot_open": cat.mot_open(lic.license),
                      "components": [r.component.id for r in report.results if r.license_evidence is lic],
                      **({"part": clean(lic.part)} if lic.part else {}),
                      **({"written": clean(lic.written)} if lic.written and lic.written != lic.license else {})}
                     for lic in report.licenses],
        "declaration": ({"path": clean_path(report.declaration[0]),
                         "class": report.declaration[1].mof_class if report.declaration[1] else None,
                         "progress": _progress(report.declaration[1]) if report.declaration[1] else None}
                        if report.declaration else None),
        "verdicts": {"label": {"id": report.label[0], "text": report.label[1]},
                     "osaid": {**report.osaid.as_dict(),
                               "items": [{**i, "why": clean(i["why"])} for i in report.osaid.as_dict()["items"]]}},
        "findings": [{**f.as_dict(), "message": clean(f.message), "path": clean_path(f.path),
                      **({"part": clean(f.part)} if f.part else {})}
                     for f in report.findings],
        "parts": [{k: clean(v) for k, v in p.as_dict().items()} for p in report.parts]
        or [{"label": ".", "path": clean(report.root)}],
        "stats": {"files": report.files, "listing": report.listing,
                  "findings": totals(report.findings)},
    }


def render(report: Report) -> str:
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"
