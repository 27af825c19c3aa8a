"""Verdicts beside the MOF class, for readers who know other words for "open":
  * the OSI Open Source AI Definition 1.0 as a binary checklist (framework/osaid.yml says which
    components each item looks at and what it needs), with the reason an item fails;
  * a plain label: closed, open-weight, open-weight under open terms, or the MOF class.
Pure functions of the per-component results; they read no files.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from mof_lint import datafiles

from ruamel.yaml import YAML

from mof_lint.framework import FRAMEWORK
from mof_lint.licenses.catalog import catalog


@lru_cache(maxsize=1)
def osaid_data() -> dict:
    return YAML(typ="safe").load(datafiles.read_text("mof_lint.framework", "osaid.yml"))


@dataclass
class OsaidItem:
    id: str
    name: str
    ok: bool
    why: str


@dataclass
class OsaidVerdict:
    passes: bool
    items: list[OsaidItem] = field(default_factory=list)

    def as_dict(self) -> dict:
        d = osaid_data()["definition"]
        return {"definition": f"{d['name']} {d['version']}", "passes": self.passes,
                "items": [{"id": i.id, "name": i.name, "ok": i.ok, "why": i.why} for i in self.items]}


def osi_approved(license_id: str | None) -> bool:
    """Every alternative a user must take is OSI-approved (an OR needs one, an AND needs all)."""
    if not license_id:
        return False
    cat = catalog()
    rec = cat.record(license_id)
    if rec is not None:
        return bool(rec.get("isOsiApproved"))
    from mof_lint.licenses.catalog import _split_expression
    parts = _split_expression(license_id)
    if not parts:
        return False
    op, ids = parts
    return (any if op == "OR" else all)(osi_approved(i) for i in ids)


def open_terms(license_id: str | None) -> bool:
    return catalog().is_open(license_id)


def osaid(results) -> OsaidVerdict:
    by_key = {r.component.key: r for r in results}
    items = []
    for item in osaid_data()["items"]:
        found = [by_key[k] for k in item["components"] if by_key[k].status != "absent"]
        missing = [FRAMEWORK.by_key[k].name for k in item["required"] if by_key[k].status == "absent"]
        need = item["needs"]
        if need == "present":
            ok = bool(found)
            why = (f"found: {', '.join(r.component.name for r in found)}" if ok
                   else f"none of {', '.join(FRAMEWORK.by_key[k].name for k in item['components'])} was found")
        else:
            check = osi_approved if need == "osi-approved" else open_terms
            bad = [r for r in found if not check(r.license)]
            ok = not missing and not bad
            reasons = [f"{name} not found" for name in missing]
            reasons += [f"{r.component.name} is under {r.license or 'no license'}"
                        + (" (not OSI-approved)" if need == "osi-approved" else " (not open terms)") for r in bad]
            why = "; ".join(reasons) if reasons else \
                "; ".join(f"{r.component.name}: {r.license}" for r in found)
        items.append(OsaidItem(item["id"], item["name"], ok, why))
    return OsaidVerdict(all(i.ok for i in items), items)


def plain_label(results, mof_class: int | None) -> tuple[str, str]:
    """(label id, sentence). The MOF class when one is reached; else what the weights allow."""
    labels = osaid_data()["labels"]
    if mof_class is not None:
        return "mof-class", labels["mof-class"].format(class_name=FRAMEWORK.class_name(mof_class))
    weights = next((r for r in results if r.component.key == "final_parameters"), None)
    if weights is None or weights.status == "absent":
        return "closed", labels["closed"]
    if open_terms(weights.license):
        return "open-weight-open-terms", labels["open-weight-open-terms"]
    return "open-weight", labels["open-weight"]
