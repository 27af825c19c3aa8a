"""`mof-lint licenses`: every license statement in repositories, folders or single files, with its
category, MOT's verdict and the components it covers. A file given by name is always examined as a
license text, whatever its name; a folder is checked as a repository (so coverage is real)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from mof_lint.framework import FRAMEWORK
from mof_lint.licenses.catalog import catalog
from mof_lint.repo import LICENSE_LIMIT


@dataclass
class LicenseRow:
    path: str
    line: int | None
    license: str
    category: str
    mot_open: bool
    components: list[str] = field(default_factory=list)
    confidence: float = 0.0
    kind: str = ""
    scope: str = ""
    source: str = ""
    detail: str = ""
    written: str | None = None
    why: str = ""  # why it covers those components
    alone: bool = False  # a file given on its own (covers nothing until it lies in a repository)

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "license": self.license, "category": self.category,
                "mot_open": self.mot_open, "components": self.components, "confidence": self.confidence,
                "kind": self.kind, "scope": self.scope, "source": self.source, "detail": self.detail,
                "written": self.written, "why": self.why, "alone": self.alone}


def _row(path: str, ev, components: list[str]) -> LicenseRow:
    from mof_lint.check import coverage_reason
    cat = catalog()
    return LicenseRow(path=path, line=ev.line, license=ev.license, category=cat.category(ev.license),
                      mot_open=cat.mot_open(ev.license), components=components,
                      confidence=round(ev.confidence, 2), kind=ev.kind, scope=ev.scope, source=ev.source,
                      detail=ev.detail, written=ev.written if ev.written != ev.license else None,
                      why=coverage_reason(ev))


def scan_file(path: str) -> LicenseRow:
    from mof_lint.detectors.licenses import examine_file, name_words
    from mof_lint.report.files import read_bytes
    raw = read_bytes(path, LICENSE_LIMIT, cut=True)  # no symlink, never blocking (FileRefused says why)
    text = None if b"\x00" in raw[:8192] else raw.decode("utf-8", "replace")
    name = os.path.basename(path)
    ev = examine_file(name, text, name_words(name))
    # A file on its own covers nothing yet: what it would cover depends on where it lies in a
    # repository and what else is there. Say that, not "all 17 components".
    row = _row(path, ev, [])
    row.alone = True
    if ev.scope in ("distribution", "directory"):
        row.why = ("a file on its own covers nothing yet; as a repository's root LICENSE it would cover "
                   "what no more specific statement covers (check the repository to see what)")
    else:
        kinds = [c.name for c in FRAMEWORK.ordered() if c.license_scope == ev.scope]
        row.why = (f"a file on its own covers nothing yet; its name marks it for the {ev.scope} "
                   f"({', '.join(kinds)}) of the repository it lies in")
    return row


def scan_repository(root: str, exclude: tuple[str, ...] = ()) -> list[LicenseRow]:
    from mof_lint.check import run_check
    report = run_check(root, exclude=exclude)
    rows = []
    for ev in report.licenses:
        covers = [r.component.name for r in report.results if r.license_evidence is ev]
        rows.append(_row(os.path.join(root, ev.path) if root not in (".", "") else ev.path, ev, covers))
    return rows
