"""Claims meet evidence.

A repository makes claims in three places: an openness declaration in MOT's model format (`mof.yml`),
the YAML front matter of its model card, and the prose of its README. This room reads the claims and
checks them against what the detectors found -- it never decides a class itself:
  * the declaration is validated against schemas/openness.schema.json (MOF306) and read as MOT reads
    it (unknown names, duplicates, non-SPDX ids: MOF302/303/308, unknown fields MOF313);
  * each declared component needs evidence: a `component_path` / `license_path` that exists (or is a
    URL), or a file or link the detectors found (MOF310); a declared license that differs from the
    one found is MOF314; a component found but not declared is MOF311;
  * card front matter is validated against schemas/model-card.schema.json (MOF304);
  * "open source", "fully open", "open science" in a README or card, when the verdict is lower, is
    MOF312 on that line, quoting the claim and what is missing.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from mof_lint.detectors.common import markdown_docs, readme
from mof_lint.findings import Finding
from mof_lint.framework import FRAMEWORK
from mof_lint.mot_model import MotModel, load_mot_model
from mof_lint.repo import RepoView
from mof_lint.validation import validate
from mof_lint import lazyre

DECLARATION_NAMES = ("mof.yml", "mof.yaml", ".mof.yml", "openness.yml", "openness.yaml", "model_openness.yml",
                     "model-openness.yml")
URL = lazyre.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


@dataclass
class Declaration:
    path: str
    model: MotModel


MAX_DECLARATION_BYTES = 256 * 1024  # MOT's largest model file is under 10 KiB


def find_declaration(view: RepoView, configured: str | None = None) -> Declaration | None:
    names = [configured] if configured else sorted(n for n in DECLARATION_NAMES if n in view.entries)
    for name in names:
        if name not in view.entries:
            continue
        if view.entries[name].size > MAX_DECLARATION_BYTES:
            model = MotModel(name, None, readable=False)
            model.findings.append(Finding("MOF306", f"{name} is {view.entries[name].size // 1024} KiB; an openness "
                                          "declaration is a few KiB, so it was not read", path=name, line=1))
            return Declaration(name, model)
        text = view.text(name)
        if text is None:
            continue
        return Declaration(name, load_mot_model(name, text))
    return None


def _exists(view: RepoView, target: str, others: tuple = ()) -> bool:
    """Is `target` (a path of the declaration) a file or folder of the checkout -- or, written
    `../<part>/<path>` relative to the checkout, of another local part of the release?"""
    if target.strip().startswith("../"):
        full = os.path.normpath(os.path.join(view.root, target.strip()))
        for other in others:
            rel = os.path.relpath(full, other.root)
            if rel != "." and not rel.startswith(".."):
                return _exists(other, rel.replace(os.sep, "/"))
        return False
    t = target.strip().lstrip("./").rstrip("/")
    if not t:
        return False
    return t in view.entries or any(p.startswith(t + "/") for p in view.entries)


def check_declaration(view: RepoView, decl: Declaration, results, others: tuple = ()) -> list[Finding]:
    """The declaration against what was found; `others` are the views of the release's other local
    parts (a declaration may name their files as ../<part>/<path>)."""
    out = list(decl.model.findings)
    if not decl.model.readable:
        return out
    by_id = {r.component.id: r for r in results}
    for cid, entry in decl.model.entries.items():
        comp = FRAMEWORK.by_id[cid]
        r = by_id[cid]
        for key, target in (("component_path", entry.component_path), ("license_path", entry.license_path)):
            if target and not URL.match(target) and not _exists(view, target, others):
                out.append(Finding("MOF310", f"{comp.name}: {key} {target!r} does not exist in the repository",
                                   path=decl.path, line=entry.line, component=cid))
        pointed = entry.component_path and (URL.match(entry.component_path) or
                                            _exists(view, entry.component_path, others))
        if r.status == "absent" and not pointed:
            out.append(Finding("MOF310", f"{comp.name} is declared, but mof-lint found no file or link that is "
                               f"it{_hint(comp)}", path=decl.path, line=entry.line, component=cid))
        found = r.license
        if entry.license and found and found != "unknown" and entry.license not in ("", "unlicensed") \
                and _canon(entry.license) != found and r.license_evidence is not None \
                and r.license_evidence.source != "config":
            out.append(Finding("MOF314", f"{comp.name}: declared {entry.license!r}, but {r.license_evidence.path} "
                               f"says {found}", path=decl.path, line=entry.line, component=cid))
        if cid == FRAMEWORK.by_key["datasets"].id and not _has_manifest(r):
            # found (a link, a config naming them) but in no list a machine can read: advice, not a
            # contradiction (`init` declares what `check` found, and the two must agree)
            out.append(Finding("MOF310", "Datasets are declared and found, but no data manifest lists them "
                               "(a data/manifest.yaml with name, url and license per dataset, a Croissant file, "
                               "or the card's `datasets:`)", path=decl.path, line=entry.line, component=cid,
                               level="note"))
    for r in results:
        if r.status in ("present", "partial") and r.component.id not in decl.model.entries:
            out.append(Finding("MOF311", f"{r.component.name} was found ({r.evidence[0].path}) but is not declared "
                               f"in {decl.path}", path=decl.path, line=decl.model.components_line,
                               component=r.component.id))
    return out


def _canon(written: str) -> str:
    from mof_lint.detectors.licenses import declared_id
    return declared_id(written)


def _hint(comp) -> str:
    return f" ({comp.hint})" if comp.hint else ""


def _has_manifest(result) -> bool:
    """The datasets are listed where a machine reads them: a data manifest, a Croissant file, a
    card's `datasets:` front matter, or a Hub dataset repository of the release."""
    return any("manifest" in e.detail or "croissant" in e.detail.lower() or "front matter" in e.detail
               or e.part.startswith("hf:datasets/") for e in result.evidence)


# ------------------------------------------------------------------------------ data manifests


def check_manifests(view: RepoView) -> list[Finding]:
    """Data manifests against schemas/data-manifest.schema.json (simple YAML, Croissant 1.0 JSON-LD,
    a dataset card's front matter), every problem on its line (MOF307)."""
    from mof_lint.detectors.common import MAX_MANIFEST_BYTES, manifest_files, yaml_document
    from mof_lint.yamlio import YamlError
    out = []
    for e in manifest_files(view):
        if e.size > MAX_MANIFEST_BYTES:
            out.append(Finding("MOF307", f"{e.path} is {e.size // 1024} KiB; a data manifest over "
                               f"{MAX_MANIFEST_BYTES // 1024} KiB is not validated (list datasets here, keep file "
                               "lists elsewhere)", path=e.path, line=1))
            continue
        parsed = yaml_document(view, e.path)
        if parsed is None:
            continue  # binary: MOF406 from the view
        if isinstance(parsed, YamlError):
            out.append(Finding("MOF307", parsed.message, path=e.path, line=parsed.line, column=parsed.column))
            continue
        data, marks = parsed
        if not isinstance(data, (dict, list)):
            out.append(Finding("MOF307", f"{e.path}: a data manifest must be a mapping", path=e.path, line=1))
            continue
        if isinstance(data, dict) and not ({"datasets", "@context", "license"} & set(map(str, data))):
            continue  # some other YAML that happens to have the name
        out += validate(data, marks, "data-manifest", e.path, "MOF307", part=_form(data))
    for doc in markdown_docs(view):
        fm = doc.front_matter
        if isinstance(fm, dict) and DATA_CARD_DOC.search(doc.path) and ({"dataset_info", "configs", "task_categories",
                                                                          "size_categories", "source_datasets"}
                                                                         & set(map(str, fm))):
            for f in validate(fm, fm, "data-manifest", doc.path, "MOF307", line_offset=1,
                              part="huggingface-dataset-card"):
                out.append(f)
    return out


def _form(data) -> str:
    if isinstance(data, dict) and "@context" in data:
        return "croissant"
    if isinstance(data, dict) and "datasets" in data:
        return "simple"
    return "huggingface-dataset-card" if isinstance(data, dict) else "simple"


# A name's rest is bounded (a path component is at most 255 bytes): each keyword in a long name
# would otherwise rescan the whole name.
DATA_CARD_DOC = lazyre.compile(r"(data[_-]?card|datasheet|(^|/)data(sets?)?/[^/]{0,255}readme)[^/]{0,255}\.md$", re.I)


# --------------------------------------------------------------------------------- model card
def check_cards(view: RepoView) -> list[Finding]:
    """Front matter of model cards: the fields the Hub defines, with the types it expects."""
    out = []
    for doc in markdown_docs(view):
        fm = doc.front_matter
        if not isinstance(fm, dict) or not ({"license", "datasets", "model-index", "base_model",
                                             "pipeline_tag", "library_name"} & set(map(str, fm))):
            continue
        out += validate(fm, fm, "model-card", f"{doc.path} front matter", "MOF304", line_offset=1)
        for f in out:
            if f.path and f.path.endswith(" front matter"):
                f.path = doc.path
    return out


# ------------------------------------------------------------------------------ prose claims
# A claim about *this* model: "X is a fully open-source language model", "our open-source weights",
# "we open-source the model". "The open-source ecosystem", "open-source projects built upon Llama" or
# a link to another repository's "open source model" are not claims about this release.
_OPEN = r"(?P<claim>fully[\s-]+open(?:[\s-]+sourced?)?|completely\s+open|truly\s+open|100\s*%\s*open|" \
        r"open[\s-]+sourced?|open[\s-]+science|open[\s-]+weights?)"
OPENNESS_CLAIM = lazyre.compile(
    r"\b(?:is|are|as|an?|the\s+first|our|its|this)\s+(?:[\w.-]+\s+){0,3}?" + _OPEN +
    r"(?:\s+|-)(?:[\w.-]+\s+){0,2}?(?P<what>models?|llms?|language\s+models?|weights|release|checkpoints?|"
    r"foundation\s+models?|ai\s+models?|ai\s+systems?)\b"
    r"|\bwe\s+(?:have\s+|are\s+)?(?:fully\s+)?(?P<verb>open[\s-]?sourc(?:e|ed|ing))\s+(?:the|our|all|this|these)\b",
    re.I)
NEGATED = lazyre.compile(r"\b(not|n't|never|no longer|isn't|aren't)\b", re.I)
MAX_CLAIMS = 3


def openness_claims(view: RepoView, report) -> list[Finding]:
    """MOF312: the README or a model card claims more openness than the verdict shows."""
    chosen = report.chosen
    if chosen.mof_class is not None and chosen.mof_class == min(k.number for k in FRAMEWORK.classes):
        return []  # Class I: the highest class; any claim is backed
    root = readme(view)
    docs = ([root] if root is not None else []) + [
        d for d in markdown_docs(view) if d is not root and CARD_DOC.search(d.path) and d.path.count("/") <= 1]
    out = []
    for doc in docs:
        in_code = {ln for block in doc.code for ln in range(block.line, block.line + block.text.count("\n") + 2)}
        for i, line in enumerate(doc.lines[:4000], 1):
            if i in in_code or len(line) > 3000:
                continue
            m = OPENNESS_CLAIM.search(line)
            if m is None or _inside_link_text(line, m.start()):
                continue
            at = m.start("claim") if m.group("claim") else m.start("verb")
            if NEGATED.search(line[max(0, m.start() - 30):at]):
                continue
            claim = (m.group("claim") or m.group("verb") or "").strip()
            if claim.lower().startswith("open") and ("weight" in claim.lower()) and report.label[0] != "closed":
                continue  # "open weights" is what an open-weight release is
            out.append(Finding("MOF312", _claim_message(claim, report), path=doc.path, line=i))
            break  # one claim per document is enough to make the point
        if len(out) >= MAX_CLAIMS:
            break
    return out


CARD_DOC = lazyre.compile(r"(^|/)(model[_-]?card|[^/]{0,255}_model_card)[^/]{0,255}\.md$", re.I)  # bounded: above


def _inside_link_text(line: str, pos: int) -> bool:
    """Is `pos` inside the text of a Markdown link ("[GLM-4 open source model](https://...)")?"""
    opened = line.rfind("[", 0, pos)
    return opened != -1 and line.find("]", opened) > pos and line.rfind("]", 0, pos) < opened


def _claim_message(claim: str, report) -> str:
    chosen = report.chosen
    fails = [i for i in (report.osaid.items if report.osaid else []) if not i.ok]
    needs = ", ".join(FRAMEWORK.by_id[n.component].name for n in chosen.needs[:4])
    verdict = report.label[1].split(":")[0] if report.label[1] else report.label[0]
    parts = [f"\"{claim}\", but the evidence says {verdict}"]
    if chosen.mof_class is not None:
        parts.append(f"({FRAMEWORK.class_name(chosen.mof_class)})")
    if needs:
        parts.append(f"; the next class needs {needs}")
    if fails:
        parts.append("; OSAID 1.0 fails on " + ", ".join(f"{i.name.lower()} ({i.why[:80]})" for i in fails[:2]))
    return " ".join(parts).replace(" ;", ";")
