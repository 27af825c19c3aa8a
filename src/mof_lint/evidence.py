"""Evidence: what a detector saw, where, and how sure it is. Detectors return these; they never
decide a class."""
from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("present", "partial", "link_only", "absent")
STATUS_RANK = {"absent": 0, "link_only": 1, "partial": 2, "present": 3}
# Evidence below this confidence is reported (in JSON and --verbose) but does not set a status.
MIN_CONFIDENCE = 0.5


@dataclass(frozen=True)
class Evidence:
    component: str  # framework key, e.g. "model_card"
    status: str  # present | partial | link_only
    path: str  # file in the repository where it was seen
    detail: str  # what was seen, one line
    line: int | None = None
    confidence: float = 0.8
    url: str | None = None  # for pointers
    part: str = ""  # the release part it was seen in (its label); "" for the checkout

    def as_dict(self) -> dict:
        d = {"path": self.path, "line": self.line, "detail": self.detail, "status": self.status,
             "confidence": round(self.confidence, 2)}
        if self.url:
            d["url"] = self.url
        if self.part:
            d["part"] = self.part
        return d


@dataclass(frozen=True)
class LicenseEvidence:
    """A license statement: a license file, an SPDX header, a metadata field, a card's `license:`."""
    path: str
    license: str  # canonical id, a named non-SPDX license, or "unknown"
    scope: str  # distribution | code | weights | data | document | directory
    source: str  # file | spdx-header | pyproject | setup | package.json | card | citation | reuse | prose
    line: int | None = 1
    confidence: float = 0.9
    detail: str = ""
    written: str | None = None  # the id as written, when it differs from `license`
    # how the license was known: full | with-additions | modified | partial | title | notice |
    # reference | none (a license file's text, see licenses.matcher) or declared | prose
    kind: str = "declared"
    part: str = ""  # the release part whose file makes the statement; "" for the checkout

    def as_dict(self) -> dict:
        d = {"path": self.path, "line": self.line, "license": self.license, "scope": self.scope,
             "source": self.source, "kind": self.kind, "confidence": round(self.confidence, 2),
             "detail": self.detail}
        if self.part:
            d["part"] = self.part
        if self.written and self.written != self.license:
            d["written"] = self.written
        return d


_KEEP_ORDER = {"present": 0, "partial": 1, "link_only": 2}


def strongest_first(e: Evidence) -> tuple:
    """Sort key for the evidence a detector keeps under its cap: evidence that sets a status first (a
    hundred zero-byte `.bin` files must not push a table of Hub links out), then files before
    pointers, then the surest; among equals the root README's (the release's front page, not a
    PROJECT.md of community projects), then the shallowest."""
    front = "/" not in e.path and e.path.lower().startswith("readme")
    return (e.confidence < MIN_CONFIDENCE, _KEEP_ORDER.get(e.status, 3), -e.confidence, not front,
            e.path.count("/"), e.path)


def best_status(evidence: list[Evidence]) -> str:
    confident = [e for e in evidence if e.confidence >= MIN_CONFIDENCE]
    if not confident:
        return "absent"
    return max(confident, key=lambda e: STATUS_RANK[e.status]).status
