"""What mof-lint knows of a license id: MOT's "open" verdict, its category, its canonical spelling.

MOT's rule (mot/RULES.md, LicenseHandler): open(id) = record.isFsfLibre or record.isOsiApproved or
id in open_data_licenses or id in open_licenses, where the record is the mof-licenses.json entry if
there is one (replacing the licenses.json entry whole), else the licenses.json entry. Ids are exact
and case-sensitive: "Apache 2.0" is not open to MOT, and neither is an SPDX expression.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from mof_lint import datafiles

from ruamel.yaml import YAML

CATEGORIES = ("open-source", "open-data", "open-content", "restricted", "proprietary", "unknown")
# Content type -> the category an open license of that kind has (MOF: open-source code licenses,
# open-data licenses for data and parameters, open-content licenses for documents).
_KIND_OF_CONTENT = {"code": "open-source", "data": "open-data", "document": "open-content"}


@dataclass(frozen=True)
class LicenseInfo:
    id: str  # canonical id (SPDX where one exists) or the name as written
    name: str
    category: str
    mot_open: bool
    content_types: frozenset[str]  # MOT's "type-appropriate" content types (may be empty)
    spdx: bool  # is `id` an SPDX License List id


class Catalog:
    def __init__(self) -> None:
        spdx = json.loads(datafiles.read_text("mof_lint.framework", "licenses.json"))["licenses"]
        mof = json.loads(datafiles.read_text("mof_lint.framework", "mof-licenses.json"))["licenses"]
        self.spdx = {r["licenseId"]: r for r in spdx}
        # MOT imports mof-licenses.json second; a later entry for the same id replaces the earlier.
        self.mof = {}
        self._kinds: dict[str, set[str]] = {}  # every ContentType an id is listed with (it can repeat)
        for r in mof:
            self.mof[r["licenseId"]] = r
            ct = r.get("ContentType") or []
            self._kinds.setdefault(r["licenseId"], set()).update([ct] if isinstance(ct, str) else ct)
        lists = YAML(typ="safe").load(datafiles.read_text("mof_lint.framework", "open-licenses.yml"))
        self.open_data = frozenset(lists["open_data_licenses"])
        self.open_other = frozenset(lists["open_licenses"])
        known = YAML(typ="safe").load(
            datafiles.read_text("mof_lint.licenses", "known.yml"))
        self.aliases = {k.lower(): v for k, v in known["aliases"].items()}
        self.named = {k.lower(): v for k, v in known["named"].items()}
        self.titles = list(known.get("titles") or [])
        self.restricted_patterns = [re.compile(p, re.I) for p in known["restricted_id_patterns"]]
        self.restricted_ids = frozenset(known.get("restricted_ids") or [])
        self.open_data_patterns = [re.compile(p) for p in known.get("open_data_id_patterns") or []]
        self.open_content_patterns = [re.compile(p) for p in known.get("open_content_id_patterns") or []]
        self._lower = {i.lower(): i for i in (*self.spdx, *self.mof, *self.open_data, *self.open_other)}
        # Licenses of their own (LicenseRef-<title>) whose terms the matcher read as restricting use.
        self.custom_restricted: set[str] = set()
        # ... and those whose terms are about a model (matcher.register_terms)
        self.custom_models: set[str] = set()

    # --- MOT's rule, exact -------------------------------------------------------------------
    def record(self, license_id: str) -> dict | None:
        return self.mof.get(license_id) or self.spdx.get(license_id)

    def mot_open(self, license_id: str | None) -> bool:
        if not license_id or not isinstance(license_id, str):
            return False
        rec = self.record(license_id) or {}
        return bool(rec.get("isFsfLibre") or rec.get("isOsiApproved")
                    or license_id in self.open_data or license_id in self.open_other)

    def content_types(self, license_id: str) -> frozenset[str]:
        ct = (self.mof.get(license_id) or {}).get("ContentType") or []
        return frozenset([ct] if isinstance(ct, str) else ct)

    # --- mof-lint's view ---------------------------------------------------------------------
    def canonical(self, written: str) -> str | None:
        """The id a written license name stands for: exact SPDX/MOT id, a case variant of one, or a
        known Hugging Face alias. None when it is not an id mof-lint knows (a near-miss like
        "Apache 2.0" is for the license matcher to suggest, not to silently accept here)."""
        w = written.strip()
        if w in self.spdx or w in self.mof or w in self.open_data or w in self.open_other:
            return w
        low = w.lower()
        if low in self._lower:
            return self._lower[low]
        alias = self.aliases.get(low)
        if alias and alias.get("spdx"):
            return alias["spdx"]
        if low in self.named:
            return low
        return None

    def info(self, license_id: str) -> LicenseInfo:
        rec = self.record(license_id)
        is_spdx = license_id in self.spdx
        named = self.named.get(license_id.lower())
        alias = self.aliases.get(license_id.lower())
        name = (rec or {}).get("name") or (named or alias or {}).get("name") or license_id
        return LicenseInfo(id=license_id, name=name, category=self.category(license_id),
                           mot_open=self.mot_open(license_id),
                           content_types=self.content_types(license_id), spdx=is_spdx)

    def licenses_a_model(self, license_id: str | None) -> bool:
        """The license's terms are about a model (known.yml `subject: model`, or a license of its own
        whose terms define the model): a Llama community license, the Gemma terms, a RAIL-M. A code
        license says nothing of weights stored elsewhere."""
        named = self.named.get((license_id or "").lower())
        return bool(named and named.get("subject") == "model") or license_id in self.custom_models

    def category(self, license_id: str) -> str:
        """One of CATEGORIES. An expression takes the best alternative of an OR (the user may choose
        it) and the worst part of an AND (all of it applies)."""
        if license_id in ("unknown", "", None):
            return "unknown"
        parts = _split_expression(license_id)
        if parts:
            op, ids = parts
            cats = [self.category(i) for i in ids]
            pick = max if op == "OR" else min
            return pick(cats, key=CATEGORY_RANK.__getitem__)
        named = self.named.get(license_id.lower()) or self.aliases.get(license_id.lower())
        if named and named.get("category"):
            return named["category"]
        if license_id in self.restricted_ids or license_id in self.custom_restricted or \
                any(p.search(license_id) for p in self.restricted_patterns):
            return "restricted"
        types = self._kinds.get(license_id)
        if types:  # MOT's own word on the kind: the first of code < data < document it lists
            for kind in ("code", "data", "document"):
                if kind in types:
                    return _KIND_OF_CONTENT[kind]
        if any(p.search(license_id) for p in self.open_data_patterns):
            return "open-data"
        if any(p.search(license_id) for p in self.open_content_patterns):
            return "open-content"
        rec = self.record(license_id)
        if rec and (rec.get("isOsiApproved") or rec.get("isFsfLibre")):
            return "open-source"
        if license_id in self.open_data or license_id in self.open_other:
            return "open-data"
        if rec:
            return "proprietary" if "proprietary" in rec.get("name", "").lower() else "unknown"
        return "unknown"

    def is_open(self, license_id: str | None) -> bool:
        """mof-lint's reading of "open" (the strict policy): MOT's rule for a single id, and for an
        SPDX expression, any alternative of an OR / every part of an AND open. MOT itself never
        accepts an expression (`mot_open`)."""
        if not license_id:
            return False
        parts = _split_expression(license_id)
        if parts:
            op, ids = parts
            return (any if op == "OR" else all)(self.is_open(i) for i in ids)
        return self.mot_open(license_id) and self.category(license_id) not in ("restricted", "proprietary")

    def type_appropriate(self, license_id: str | None, content_type: str) -> bool | None:
        """The framework's intended type rule: is this license meant for this kind of content (code,
        data, document)? MOT's ContentType list first; else the license's category. None when the
        license is not open at all (that is a different finding)."""
        if not license_id or not self.is_open(license_id):
            return None
        parts = _split_expression(license_id)
        if parts:
            op, ids = parts
            verdicts = [self.type_appropriate(i, content_type) for i in ids if self.is_open(i)]
            return (any if op == "OR" else all)(bool(v) for v in verdicts)
        kinds = self.content_types(license_id)
        if kinds:
            return content_type in kinds
        cat = self.category(license_id)
        return {"open-source": "code", "open-data": "data", "open-content": "document"}.get(cat) == content_type \
            or (cat == "open-content" and content_type == "data")  # CC-BY is MOF's example for data too


CATEGORY_RANK = {"proprietary": 0, "restricted": 1, "unknown": 2, "open-content": 3, "open-data": 3,
                 "open-source": 3}


def _split_expression(license_id: str) -> tuple[str, list[str]] | None:
    """("OR", ["MIT", "Apache-2.0"]) for a flat expression; None for a single id. Nested
    expressions are split at their top-level operator."""
    if " " not in license_id.strip():
        return None
    depth, tokens, cur = 0, [], ""
    for ch in license_id:
        depth += ch == "("
        depth -= ch == ")"
        cur += ch
        for op in (" OR ", " AND "):
            if depth == 0 and cur.endswith(op):
                tokens.append((op.strip(), cur[:-len(op)]))
                cur = ""
    if not tokens:
        inner = license_id.strip()
        if inner.startswith("(") and inner.endswith(")"):
            return _split_expression(inner[1:-1])
        if " WITH " in inner:  # "X WITH exception": judged by X
            return "AND", [inner.split(" WITH ")[0].strip()]
        return None
    ops = {op for op, _ in tokens}
    op = "AND" if "AND" in ops and "OR" in ops else ops.pop()  # mixed at top level: be conservative
    ids = [t for _, t in tokens] + [cur]
    return op, [i.strip().strip("()").split(" WITH ")[0].strip() for i in ids]


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    return Catalog()
