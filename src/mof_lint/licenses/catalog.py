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
from importlib import resources

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
        fw = resources.files("mof_lint.framework")
        spdx = json.loads(fw.joinpath("licenses.json").read_text("utf-8"))["licenses"]
        mof = json.loads(fw.joinpath("mof-licenses.json").read_text("utf-8"))["licenses"]
        self.spdx = {r["licenseId"]: r for r in spdx}
        # MOT imports mof-licenses.json second; a later entry for the same id replaces the earlier.
        self.mof = {}
        self._kinds: dict[str, set[str]] = {}  # every ContentType an id is listed with (it can repeat)
        for r in mof:
            self.mof[r["licenseId"]] = r
            ct = r.get("ContentType") or []
            self._kinds.setdefault(r["licenseId"], set()).update([ct] if isinstance(ct, str) else ct)
        lists = YAML(typ="safe").load(fw.joinpath("open-licenses.yml").read_text("utf-8"))
        self.open_data = frozenset(lists["open_data_licenses"])
        self.open_other = frozenset(lists["open_licenses"])
        known = YAML(typ="safe").load(
            resources.files("mof_lint.licenses").joinpath("known.yml").read_text("utf-8"))
        self.aliases = {k.lower(): v for k, v in known["aliases"].items()}
        self.named = {k.lower(): v for k, v in known["named"].items()}
        self.titles = list(known.get("titles") or [])
        self.restricted_patterns = [re.compile(p, re.I) for p in known["restricted_id_patterns"]]
        self._lower = {i.lower(): i for i in (*self.spdx, *self.mof, *self.open_data, *self.open_other)}

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

    def category(self, license_id: str) -> str:
        if license_id in ("unknown", "", None):
            return "unknown"
        named = self.named.get(license_id.lower()) or self.aliases.get(license_id.lower())
        if named and named.get("category"):
            return named["category"]
        if any(p.search(license_id) for p in self.restricted_patterns):
            return "restricted"
        types = self._kinds.get(license_id)
        if types:
            # the first kind MOT lists for it, in MOF order code < data < document
            for kind in ("code", "data", "document"):
                if kind in types:
                    return _KIND_OF_CONTENT[kind]
        rec = self.record(license_id)
        if rec and (rec.get("isOsiApproved") or rec.get("isFsfLibre")):
            return "open-source"
        if license_id in self.open_data or license_id in self.open_other:
            return "open-content" if license_id.startswith(("CC-BY", "GFDL")) else "open-data"
        if rec:
            return "proprietary" if "proprietary" in rec.get("name", "").lower() else "unknown"
        return "unknown"


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    return Catalog()
