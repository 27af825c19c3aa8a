"""`mof-lint check`: repository -> RepoView -> evidence -> licenses -> class -> Report.

This module wires the rooms together; it reads no files itself (the view does) and formats nothing
(reporters do).
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, replace

from mof_lint import __version__, declarations, verdicts
from mof_lint.ahead import DetectingAhead, ParsingAhead
from mof_lint.config import Config
from mof_lint.classify import (Classification, classify_repository, listed_components, mot_classify,
                               substituted)
from mof_lint.detectors import CHILD_SHARE, detect_licenses, detector_tasks, guarded, run_all
from mof_lint.detectors.common import manifest_files, pointers, python_files, read_documents, readme
from mof_lint.evidence import MIN_CONFIDENCE, Evidence, LicenseEvidence, best_status
from mof_lint.findings import Finding, bounded, sort_findings
from mof_lint.framework import FRAMEWORK, Component
from mof_lint.licenses.catalog import catalog
from mof_lint.parts import Part, checkout_exclude
from mof_lint.repo import RepoView, collector_paused

# Where a license of each scope may come from when nothing specific covers a component, in order.
SCOPE_FALLBACK = {
    "code": ("code", "distribution"),
    "weights": ("weights", "distribution"),
    "data": ("data", "distribution"),
    "document": ("document", "distribution"),
}
SOURCE_RANK = {"file": 0, "reuse": 1, "card": 2, "pyproject": 3, "setup": 3, "package.json": 3,
               "citation": 4, "manifest": 4, "spdx-header": 5, "prose": 6}
# Findings that a component found in one part is incomplete (when the release is several parts,
# another part may hold it complete)
INCOMPLETE_RULES = ("MOF103",)
# License files that are not the full text of one license (see licenses.matcher)
INCOMPLETE_KINDS = {"with-additions": "holds the {lic} text plus other words; review the additions",
                    "notice": "holds only a notice pointing to {lic}, not the license text",
                    "reference": "holds only a link or the name of {lic}, not the license text",
                    "title": "is recognised as {lic} by its title only; its text was not compared with a known version"}


@dataclass
class ComponentResult:
    component: Component
    status: str
    license: str | None
    license_category: str | None
    open: bool
    license_evidence: LicenseEvidence | None
    evidence: list[Evidence] = field(default_factory=list)
    strict_open: bool = False  # mof-lint's reading (SPDX expressions evaluated)
    type_appropriate: bool | None = None  # the framework's intended license type for this content
    # what each part of the release says covers it, when parts say different things (MOF208)
    license_conflict: list[LicenseEvidence] = field(default_factory=list)


@dataclass
class Report:
    root: str
    version: str
    results: list[ComponentResult]
    mot: Classification
    strict: Classification
    policy: str
    findings: list[Finding]
    licenses: list[LicenseEvidence]
    files: int
    listing: str  # git | walk
    min_class: int | None = None
    osaid: object = None  # verdicts.OsaidVerdict
    label: tuple[str, str] = ("closed", "")
    fail_on: str = "error"  # error | warning | never: the lowest finding level that fails the gate
    declaration: tuple | None = None  # (path, Classification of what it declares, or None)
    parts: list[Part] = field(default_factory=list)  # the checkout first, then each --with part

    def part(self, key: str) -> Part | None:
        """The part whose evidence carries `key` in its `part` field."""
        return next((p for p in self.parts if p.key == key), None)

    @property
    def chosen(self) -> Classification:
        return self.strict if self.policy == "strict" else self.mot

    def gate_failed(self) -> bool:
        """Findings at or above `fail_on` fail the run; MOF100 (class below the minimum) always does."""
        if any(f.rule in ("MOF100", "MOF106") and f.level == "error" for f in self.findings):
            return True
        levels = {"error": ("error",), "warning": ("error", "warning"), "never": ()}[self.fail_on]
        return any(f.level in levels for f in self.findings)


def component_license(comp: Component, licenses: list[LicenseEvidence],
                      evidence: list[Evidence] = (), status: str = "present") -> LicenseEvidence | None:
    """The license statement that covers a component, over every part of the release (see
    `license_choices`): where parts disagree, a restricted statement decides (no badge comes from a
    conflict), else the part that holds the component."""
    return decided_license(license_choices(comp, licenses, evidence, status), evidence)


def decided_license(choices: list[LicenseEvidence], evidence: list[Evidence]) -> LicenseEvidence | None:
    """The one of the parts' choices that licenses the component: a restricted one if any is, else
    the one of the part that holds it, else the strongest statement."""
    if len(choices) <= 1:
        return choices[0] if choices else None
    cat = catalog()
    holding = _holding_parts(evidence)
    return min(choices, key=lambda lic: (cat.category(lic.license) not in ("restricted", "proprietary"),
                                         lic.part not in holding, *_statement_rank(lic)))


def license_choices(comp: Component, licenses: list[LicenseEvidence], evidence: list[Evidence] = (),
                    status: str = "present") -> list[LicenseEvidence]:
    """What covers the component in each part of the release. A part's release-wide statements (its
    root LICENSE, its card's `license:`) cover what that part holds: the code repository's LICENSE
    its code, the Hub repository's card the weights and documents there. Statements for one kind
    (a LICENSE-MODEL, "the weights are released under ...") cover that kind wherever it lives. In a
    single-part release this is exactly `_part_license`."""
    parts = {lic.part for lic in licenses} | {e.part for e in evidence}
    if len(parts) <= 1:
        one = _part_license(comp, licenses, evidence, status)
        return [one] if one else []
    holding = _holding_parts(evidence)
    out = []
    for part in dict.fromkeys(lic.part for lic in licenses):
        # A part that holds the component (its evidence sets the status) speaks for it with all its
        # statements; another part only with statements for this kind of content: the code
        # repository's README, which mentions the model, does not make its LICENSE the card's.
        evs = [e for e in evidence if e.part == part] if part in holding else []
        one = _part_license(comp, [lic for lic in licenses if lic.part == part], evs, best_status(evs))
        if one is not None:
            out.append(one)
    return out


def _holding_parts(evidence: list[Evidence]) -> set[str]:
    """The parts whose evidence sets the component's status."""
    status = best_status(evidence)
    return {e.part for e in evidence if e.status == status and e.confidence >= MIN_CONFIDENCE}


def _part_license(comp: Component, licenses: list[LicenseEvidence],
                  evidence: list[Evidence] = (), status: str = "present") -> LicenseEvidence | None:
    """The license statement that covers a component within one part: a LICENSE in the folder that holds all of its
    evidence; else one for its kind; else the release-wide one (MOT's fallback to the distribution
    license) -- but only for what the repository itself holds: a repository's LICENSE does not
    license weights or a paper it merely links to (that would call unknown terms open).
    Identified statements win over unknown texts; license files over metadata fields, metadata over
    prose -- except that a statement naming a restricted or proprietary license beats open ones at
    the same level: when a LICENSE-MODEL says MIT and the README says the weights are CC BY-NC,
    the conflict (MOF208) is the publisher's to settle, and no badge comes from it."""
    cat = catalog()

    def best(cands, card_first: bool = False):
        def closed(lic) -> bool:  # (a card's `license:` speaks for the model: it decides only for weights)
            return cat.category(lic.license) in ("restricted", "proprietary") and \
                (lic.source != "card" or comp.license_scope == "weights")
        return min(cands, key=lambda lic: (not closed(lic), card_first and lic.source != "card",
                                           *_statement_rank(lic)))

    # the folder of the evidence that sets the status: a test fixture beside linked weights is not
    # where the weights live
    folders = {e.path.rsplit("/", 1)[0] if "/" in e.path else "" for e in evidence
               if not e.url and e.status == status and e.confidence >= MIN_CONFIDENCE}
    if len(folders) == 1 and (folder := folders.pop()):
        local = [lic for lic in licenses if lic.scope == "directory" and
                 (folder + "/").startswith(lic.path.rsplit("/", 1)[0] + "/")]
        if local:
            return best(local)
    for scope in SCOPE_FALLBACK[comp.license_scope]:
        cands = [lic for lic in licenses if lic.scope == scope]
        if scope == "distribution" and comp.license_scope == "weights" and \
                len({lic.license for lic in cands}) > 1 and any(lic.source == "card" for lic in cands):
            # The model card's `license:` and a root LICENSE disagree (MOF208 says so). Which one
            # licenses the weights is the publisher's to settle; until then the weights take a
            # restricted one if either is, else the card's (even `other`): no badge from a conflict.
            return best(cands, card_first=True)
        if scope == "distribution" and not _distributed(comp, status):
            # a model card's `license:` speaks for the model wherever its weights are hosted, and so
            # does a LICENSE whose terms are a model's (the Llama community license, a RAIL-M)
            cands = [lic for lic in cands if comp.license_scope == "weights" and
                     (lic.source == "card" or cat.licenses_a_model(lic.license))]
        if cands:
            return best(cands)
    return None


def _statement_rank(lic: LicenseEvidence) -> tuple:
    """Identified statements before unknown texts, license files before metadata before prose."""
    return lic.license == "unknown", SOURCE_RANK.get(lic.source, 9), -lic.confidence, lic.path


def release_license(licenses: list[LicenseEvidence]) -> str | None:
    """The release-wide license MOT would record as `release.license.distribution`: the root
    LICENSE or the card's `license:`."""
    cands = [lic for lic in licenses if lic.scope == "distribution"]
    return min(cands, key=_statement_rank).license if cands else None


def _distributed(comp: Component, status: str) -> bool:
    """Does the repository itself hold the component, so that its own license covers it? Weights
    and data only when their files are here (`present`; a config that names a dataset is not the
    dataset); code and documents also when partly here."""
    if comp.license_scope in ("weights", "data"):
        return status == "present"
    return status in ("present", "partial")


def coverage_reason(ev: LicenseEvidence) -> str:
    """Why a license statement covers the components it covers, in one phrase."""
    what = {"weights": "the weights", "data": "the data", "code": "the code", "document": "the documents"}
    if ev.scope == "directory":
        return f"a license in the folder that holds the component ({ev.path})"
    if ev.scope == "distribution":
        if ev.source == "card":
            return "the model card's `license:` (on the Hub it licenses the whole repository)"
        if catalog().licenses_a_model(ev.license):
            return ("the release-wide license (MOT's distribution license), a model license: it covers the "
                    "model's weights wherever they are hosted")
        return "the release-wide license (MOT's distribution license): nothing more specific covers it"
    if ev.source == "prose":
        return f"a sentence about {what[ev.scope]} ({ev.path}:{ev.line})"
    if ev.source in ("file", "reuse"):
        return f"a license file named for {what[ev.scope]}"
    return f"{ev.source} metadata, which speaks for {what[ev.scope]}"


# The README sentence MOF204 suggests for each kind of component: each is read as a license of that kind.
LICENSE_SENTENCE = {"weights": "The weights are released under Apache-2.0",
                    "data": "The data is released under CC-BY-4.0",
                    "code": "The code is released under Apache-2.0",
                    "document": "The documentation (model card, paper) is released under CC-BY-4.0"}


@collector_paused()
def run_check(path: str, policy: str | None = None, min_class: int | None = None,
              exclude: tuple[str, ...] = (), config: Config | None = None,
              parts: tuple[Part, ...] | list[Part] = (), follow=None, ahead=None) -> Report:
    """Check one repository, or a release of several parts: `path` is the checkout, each of `parts`
    another tree of the same release (see parts.py). Explicit arguments win over the
    configuration's settings (whose `exclude` applies to the checkout only). `follow`, when given,
    turns Hub ids into parts (`--follow-links`): the Hub repositories the checkout's own evidence
    links as its weights or data are read too. `ahead`: the checkout's listing, started before
    (ahead.ListingAhead), taken when it is of this path and these exclude patterns."""
    config = config or Config()
    policy = policy or config.policy or "strict"
    min_class = min_class if min_class is not None else config.min_class
    view = RepoView(path, exclude=checkout_exclude(path, exclude, config, parts), ahead=ahead)
    license_task = ("license detection", lambda: detect_licenses(view), [])
    with contextlib.ExitStack() as stack:
        detecting = None
        if ahead is not None:  # a command, not a library call: the Python files are parsed by a child
            stack.enter_context(ParsingAhead(view))
            read_documents(view)
            # taken from the parsing child, and what both shares below (and the checks after them) read
            for shared in (python_files, pointers, readme, manifest_files):
                shared(view)
            detecting = stack.enter_context(DetectingAhead(view, detector_tasks(view, CHILD_SHARE) + [license_task]))
        evidence = run_all(view, detecting)
        licenses = detecting.result(license_task[0]) if detecting is not None else None
    if licenses is None:
        licenses = guarded(view.findings, *license_task)
    part_views, part_findings = [], []
    if follow is not None:
        ids, more = followed_hub_ids(evidence, {p.hub for p in parts if p.hub})
        if more:
            part_findings.append(Finding("MOF413", f"--follow-links followed {MAX_FOLLOW} Hub links; "
                                         f"{len(more)} more were not read: {', '.join(more[:5])}"))
        parts = list(parts) + list(follow(ids))
    for part in parts:
        if part.path is None:  # could not be read: the note says why, the rest of the release is judged
            part_findings.append(Finding("MOF413", f"release part {part.label} was not read: {part.problem}"))
            continue
        part_findings += [Finding("MOF413", f"release part {part.label}: {note}", part=part.key)
                          for note in part.notes]
        pview = RepoView(part.path)
        part_views.append((part, pview))
        evidence += [replace(e, part=part.key) for e in run_all(pview)]
        licenses += [replace(lic, part=part.key) for lic in
                     guarded(pview.findings, "license detection", lambda v=pview: detect_licenses(v), [])]
    cat = catalog()
    by_key: dict[str, list[Evidence]] = {}
    for ev in evidence:
        by_key.setdefault(ev.component, []).append(ev)
    overrides = {ov.component.id: ov for ov in config.overrides}
    override_findings = []
    results = []
    for comp in FRAMEWORK.ordered():
        evs = by_key.get(comp.key, [])
        status = best_status(evs)
        choices = license_choices(comp, licenses, evs, status) if status != "absent" else []
        lic_ev = decided_license(choices, evs)
        conflict = choices if any(not _agrees(a.license, b.license) for a in choices for b in choices) else []
        ov = overrides.get(comp.id)
        if ov is not None:
            status, evs, lic_ev = _apply_override(ov, config.path or ".mof-lint.yml", status, evs, lic_ev)
            override_findings.append(Finding(
                "MOF309", f"{comp.name} is set by {config.path or '.mof-lint.yml'}, not found by mof-lint: "
                f"{ov.justification}", path=config.path, line=ov.line, component=comp.id))
        lic = lic_ev.license if lic_ev else None
        results.append(ComponentResult(
            component=comp, status=status, license=lic,
            license_category=cat.category(lic) if lic else None,
            open=bool(lic and cat.mot_open(lic)), license_evidence=lic_ev,
            # the evidence that set the status first (a linked dataset must not head a "present" row)
            evidence=sorted(evs, key=lambda e, s=status: (e.status != s, -e.confidence)),
            strict_open=cat.is_open(lic), type_appropriate=cat.type_appropriate(lic, comp.content_type),
            license_conflict=conflict))
    mot = classify_repository(results, "mot", release_license(licenses))
    strict = classify_repository(results, "strict")
    findings = list(view.findings) + override_findings + part_findings
    for part, pview in part_views:  # what went wrong reading another part: on that part's files
        findings += [replace(f, part=part.key) for f in pview.findings]
    if part_views:  # "the card lacks sections" says nothing when another part holds a complete card
        complete = {r.component.id for r in results if r.status == "present"}
        findings = [f for f in findings if not (f.rule in INCOMPLETE_RULES and f.component in complete)]
        findings += [replace(f, part=part.key) for f in
                     guarded(findings, f"checking cards of {part.label}", lambda v=pview: declarations.check_cards(v), [])]
    findings += guarded(findings, "component findings",
                        lambda: _component_findings(view, results, licenses, strict), [])
    findings += guarded(findings, "license findings", lambda: license_findings(view, results, licenses), [])
    report = Report(root=view.root, version=__version__, results=results, mot=mot, strict=strict,
                    policy=policy, findings=[], licenses=licenses, files=len(view.files),
                    listing=view.source, min_class=min_class,
                    parts=[Part(".", path)] + list(parts) if parts else [])
    chosen = report.chosen
    report.osaid = verdicts.osaid(results)
    report.label = verdicts.plain_label(results, chosen.mof_class)
    decl = guarded(findings, "reading the declaration", lambda: declarations.find_declaration(view, config.declaration),
                   None)
    if decl is not None:
        findings += guarded(findings, "checking the declaration",
                            lambda: declarations.check_declaration(view, decl, results,
                                                                   tuple(v for _, v in part_views)), [])
        report.declaration = (decl.path, mot_classify(decl.model.listed) if decl.model.readable else None)
    elif config.declaration:
        findings.append(Finding("MOF310", f"the configured declaration {config.declaration!r} does not exist",
                                path=config.path, line=1))
    findings += guarded(findings, "checking cards", lambda: declarations.check_cards(view), [])
    findings += guarded(findings, "checking data manifests", lambda: declarations.check_manifests(view), [])
    findings += guarded(findings, "checking openness claims", lambda: declarations.openness_claims(view, report), [])
    if min_class is not None and (chosen.mof_class is None or chosen.mof_class > min_class):
        target = FRAMEWORK.class_name(min_class)
        gap = classify_gap(results, policy, min_class)
        anchor = _anchor(view)
        findings.append(Finding("MOF100", f"class is {chosen.class_name} ({policy} policy), below the "
                                f"required {target}; still needed: {gap}", path=anchor,
                                line=1 if anchor else None))
    report.findings = bounded(sort_findings(_configured(_dedupe(findings), config)))  # once, for every reporter
    report.fail_on = config.fail_on or "error"
    return report


MAX_FOLLOW = 4  # Hub repositories --follow-links reads


def followed_hub_ids(evidence: list[Evidence], named: set) -> tuple[list[str], list[str]]:
    """(Hub ids to read, ids left out over MAX_FOLLOW): the Hub repositories that the checkout's
    confident evidence links as the model's weights or its data, in the order found."""
    from mof_lint.parts import hub_id
    from mof_lint.detectors.common import HF_RE
    ids: list[str] = []
    for ev in evidence:
        comp = FRAMEWORK.by_key.get(ev.component)
        if ev.part or not ev.url or ev.confidence < MIN_CONFIDENCE or comp is None or \
                comp.license_scope not in ("weights", "data"):
            continue
        m = HF_RE.match(ev.url)
        if not m:
            continue
        bits = m.group(1).split("?")[0].split("#")[0].split("/")
        kind = bits[0] if bits and bits[0] in ("datasets", "models") else ""
        bits = bits[1:] if kind else bits
        if len(bits) < 2 or bits[0] in ("spaces", "collections", "docs", "blog", "papers"):
            continue
        found = hub_id(f"hf:{'datasets/' if kind == 'datasets' else ''}{bits[0]}/{bits[1]}")
        if found and found not in named and found not in ids:
            ids.append(found)
    return ids[:MAX_FOLLOW], ids[MAX_FOLLOW:]


def _apply_override(ov, where: str, status, evs, lic_ev):
    from mof_lint.detectors.licenses import declared_id
    comp = ov.component
    if ov.status is not None:
        status = ov.status
        evs = [] if ov.status == "absent" else [Evidence(
            comp.key, ov.status, ov.path or where, f"set in {where}: {ov.justification}", ov.line if not ov.path else None,
            1.0, ov.url)] + list(evs)
    if ov.license is not None:
        lic_ev = LicenseEvidence(where, declared_id(ov.license), comp.license_scope, "config", ov.line, 1.0,
                                 f"set in {where}: {ov.justification}", ov.license, kind="declared")
    elif status == "absent":
        lic_ev = None
    return status, evs, lic_ev


def _configured(findings: list[Finding], config: Config) -> list[Finding]:
    """Rules the configuration disables are dropped; levels it changes are changed."""
    out = []
    for f in findings:
        if f.rule in config.disable:
            continue
        if f.rule in config.severity:
            f.level = config.severity[f.rule]
        out.append(f)
    return out


def classify_gap(results, policy: str, target: int) -> str:
    listed, excluded = listed_components(results, policy)
    eff = substituted(mot_classify(listed, policy).status)
    needs = []
    for comp in FRAMEWORK.components:
        if comp.required and comp.mof_class >= target and eff[comp.id] != "included":
            reason = "only a link" if comp.id in excluded else {
                "missing": "missing", "unlicensed": "no license", "invalid": "license not open"}[eff[comp.id]]
            needs.append(f"{comp.name} ({reason})")
    return ", ".join(needs) or "nothing"


def _anchor(view: RepoView) -> str | None:
    """Repository-level findings are anchored to a real file: the README, else a license file."""
    doc = readme(view)
    if doc is not None:
        return doc.path
    return view.files[0].path if view.files else None


def _component_findings(view, results, licenses, strict: Classification) -> list[Finding]:
    out = []
    anchor = _anchor(view)
    line = 1 if anchor else None
    if not licenses:
        out.append(Finding("MOF201", "no license file (LICENSE, COPYING, LICENSE-*) and no declared "
                           "license; nothing here is open until one is added", path=anchor, line=line))
    for lic in licenses:
        if lic.license == "unknown" and lic.source in ("file", "reuse") and lic.kind == "reference":
            continue  # a file that is only a link is MOF206 (see license_findings), not an unknown text
        if lic.license == "unknown" and lic.source in ("file", "reuse"):
            out.append(Finding("MOF202", f"{lic.path}: {lic.detail}; counted as unknown (not open)",
                               path=lic.path, line=lic.line or 1, part=lic.part))
        elif lic.license == "unknown" and lic.source != "prose":
            out.append(Finding("MOF202", f"{lic.path}: license {lic.written!r} is not an SPDX id or a "
                               "license mof-lint knows; counted as unknown", path=lic.path,
                               line=lic.line or 1, part=lic.part))
    cat = catalog()
    found = {r.component.id for r in results if r.status != "absent"}
    stood_in = {missing for missing, by in FRAMEWORK.substitutes if by in found}
    for r in results:
        comp = r.component
        if r.status == "absent":
            if comp.required and comp.id not in stood_in:
                out.append(Finding("MOF101", f"{comp.name} not found (Class {_roman(comp.mof_class)}): "
                                   f"{comp.hint}", path=anchor, line=line, component=comp.id))
            continue
        if not comp.required:
            continue
        if strict.status.get(comp.id) and r.status == "link_only" and not comp.pointer_ok:
            ev = r.evidence[0]
            out.append(Finding("MOF102", f"{comp.name} is only linked ({ev.detail}); the strict policy "
                               "needs it in the repository", path=ev.path, line=ev.line, component=comp.id,
                               part=ev.part))
        if r.license is None and licenses:
            # what names a license for this kind of component: a sentence works for what is linked too
            sentence = f"\"{LICENSE_SENTENCE[comp.license_scope]}\""
            file = {"weights": "a LICENSE-MODEL file", "data": "a LICENSE-DATA file or a `license:` per dataset "
                    "in a data manifest", "code": "a LICENSE-CODE file", "document": None}[comp.license_scope]
            if r.status == "link_only":
                why = (f"it is only linked ({r.evidence[0].detail}), and the repository's own license covers "
                       f"what the repository holds, not what it links to; name the license of the linked "
                       f"{comp.license_scope} in the README, e.g. {sentence}")
            else:
                kind = f"{file}, or a README line such as {sentence}" if file else f"a README line such as {sentence}"
                why = f"the license statements found cover other parts of the release; add {kind} or a root LICENSE"
            out.append(Finding("MOF204", f"{comp.name}: no license covers it: {why}",
                               path=r.evidence[0].path, line=r.evidence[0].line, component=comp.id,
                               part=r.evidence[0].part))
        elif r.license and r.license != "unknown" and not cat.mot_open(r.license):
            lic = r.license_evidence
            out.append(Finding("MOF203", f"{comp.name} is under {r.license} "
                               f"({cat.category(r.license)}), which is not an open license",
                               path=lic.path if lic else anchor, line=lic.line if lic else line,
                               component=comp.id, part=lic.part if lic else ""))
        elif r.license == "unknown" and (lic := r.license_evidence) is not None and lic.source == "prose":
            # a sentence that states terms without an open license's name ("under a research-only
            # license", "for research and learning only"): say where, as for a named license
            # (an unidentified license file has its own finding, MOF202/MOF206)
            out.append(Finding("MOF203", f"{comp.name}: {lic.detail}, terms that are not an open license; "
                               "if it is meant to be open, name an open license there",
                               path=lic.path, line=lic.line or 1, component=comp.id, part=lic.part))
    return out


def license_findings(view, results, licenses) -> list[Finding]:
    """What is wrong with the license statements themselves: incomplete texts, ids written the wrong
    way, statements that contradict each other, licenses of the wrong kind for a component."""
    cat = catalog()
    out = []
    for lic in licenses:
        if lic.source == "file" and lic.kind in INCOMPLETE_KINDS and lic.license != "unknown":
            out.append(Finding("MOF206", f"{lic.path} " + INCOMPLETE_KINDS[lic.kind].format(lic=lic.license),
                               path=lic.path, line=lic.line or 1, part=lic.part))
        elif lic.source in ("file", "reuse") and lic.kind == "reference":
            out.append(Finding("MOF206", f"{lic.path}: {lic.detail}; mof-lint does not know the license it "
                               "points to, so it counts as unknown (not open) until the license text itself is "
                               "in the file", path=lic.path, line=lic.line or 1, part=lic.part))
        if lic.kind == "declared" and lic.written and lic.license != "unknown" and lic.written != lic.license:
            hub_spelling = lic.source == "card" and lic.written.lower() == lic.license.lower()
            if not hub_spelling and lic.written.lower() != "other":
                out.append(Finding("MOF205", f"license {lic.written!r} is not an exact SPDX id: write "
                                   f"{lic.license!r} (MOT and most tools match ids exactly)",
                                   path=lic.path, line=lic.line or 1, part=lic.part))
    for part in dict.fromkeys(lic.part for lic in licenses):  # statements of one part against each other
        out += _conflicts([lic for lic in licenses if lic.part == part])
    out += [_part_conflict(r) for r in results if r.license_conflict]
    for r in results:
        if r.status == "absent" or not r.component.required or r.type_appropriate is not False:
            continue
        ev = r.license_evidence
        kind = {"code": "code", "data": "data and weights", "document": "documents"}[r.component.content_type]
        out.append(Finding("MOF207", f"{r.component.name} is under {r.license} ({cat.category(r.license)}), "
                           f"which the framework does not intend for {kind}; MOT shows a type warning",
                           path=ev.path if ev else None, line=(ev.line or 1) if ev else None,
                           component=r.component.id, part=ev.part if ev else ""))
    return out


def _part_conflict(r: ComponentResult) -> Finding:
    """Parts of the release that license one component differently: a code repository's README
    says the weights are Apache-2.0, the Hub card says `license: llama3`."""
    said = "; ".join(f"{lic.part or '.'}: {lic.path} says {lic.license}" for lic in r.license_conflict)
    at = next((lic for lic in r.license_conflict if not lic.part), r.license_conflict[0])
    return Finding("MOF208", f"{r.component.name}: the parts of the release disagree ({said}); "
                   f"{r.license} is taken until they agree (a restricted statement decides)",
                   path=at.path, line=at.line or 1, component=r.component.id, part=at.part)


def _conflicts(licenses: list[LicenseEvidence]) -> list[Finding]:
    """Two statements for the same part of the release that name different licenses, such as a
    README that says MIT beside a LICENSE that is Apache-2.0."""
    out = []
    files = [lic for lic in licenses if lic.source in ("file", "reuse") and lic.license != "unknown"]
    claims = [lic for lic in licenses if lic.source not in ("file", "reuse", "spdx-header")
              and lic.license != "unknown"]
    for claim in claims:
        same = [f for f in files if f.scope == claim.scope]
        if not same and claim.scope == "code":  # a root LICENSE covers the code too
            same = [f for f in files if f.scope == "distribution"]
        if not same or any(_agrees(claim.license, f.license) for f in same):
            continue
        f = same[0]
        out.append(Finding("MOF208", f"{claim.path} says {claim.license} for the "
                           f"{'whole release' if claim.scope == 'distribution' else claim.scope}, but "
                           f"{f.path} is {f.license}", path=claim.path, line=claim.line or 1, part=claim.part))
    return out


def _agrees(a: str, b: str) -> bool:
    if a == b:
        return True
    return a in b.replace("(", " ").replace(")", " ").split() or b in a.replace("(", " ").replace(")", " ").split()


def _roman(n: int) -> str:
    return {1: "I", 2: "II", 3: "III"}.get(n, str(n))


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        key = (f.rule, f.part, f.path, f.line, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out

