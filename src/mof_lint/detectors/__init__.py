"""Detectors: small pure functions from a RepoView to evidence, one per concern.

Each returns a list of `Evidence` for the components it knows (named by framework key). They never
touch the file system (the view reads, bounded and cached) and never decide a class.
"""
from __future__ import annotations

import os
import re
import sys
import traceback
from dataclasses import replace

from mof_lint.detectors import (architecture, cards, code, data, licenses, metadata, papers, results,
                                samples, weights)
from mof_lint.detectors.common import USERS_DATA, code_repository, markdown_docs, readme, under_any
from mof_lint.evidence import MIN_CONFIDENCE, Evidence, best_status
from mof_lint.framework import FRAMEWORK
from mof_lint.repo import is_example_path
from mof_lint import lazyre

DETECTORS = (
    architecture.detect,
    weights.detect,
    code.detect_training,
    code.detect_inference,
    code.detect_evaluation,
    code.detect_preprocessing,
    data.detect,
    cards.detect_model_card,
    cards.detect_data_card,
    papers.detect,
    results.detect,
    samples.detect,
    metadata.detect_metadata,
    metadata.detect_libraries,
)


# The detectors a second process may run (ahead.DetectingAhead) while this one runs the rest, with the
# license detection: on a large tree the two shares take about as long (100 k files, one process
# timing each: data 39 ms, licenses 16, the code and metadata detectors 5-8 each; the metadata
# pair moved here cut the parent's detector phase from 101 to 87 ms, median of 12 runs; the
# evaluation-code detector did not: it shares the code detectors' memos).
CHILD_SHARE = (cards.detect_model_card, cards.detect_data_card, papers.detect, results.detect, samples.detect,
               metadata.detect_metadata, metadata.detect_libraries)


def detector_tasks(view, detectors) -> list:
    """(name, run, fallback) of these detectors on `view`, as `guarded` runs them."""
    return [(_name(d), lambda d=d: d(view), []) for d in detectors]


def run_all(view, elsewhere=None):
    """All component evidence, in detector order. A detector that fails costs its own evidence and
    leaves a MOF412 finding; the others still run. `elsewhere`: a DetectingAhead running some of
    them; what it could not give is run here."""
    out = []
    tasks = detector_tasks(view, DETECTORS)
    mine = {name: guarded(view.findings, name, run, fallback) for name, run, fallback in tasks
            if elsewhere is None or name not in elsewhere.names}
    for name, run, fallback in tasks:
        found = mine[name] if name in mine else elsewhere.result(name)
        out.extend(found if found is not None else guarded(view.findings, name, run, fallback))
    out.extend(guarded(view.findings, "code_elsewhere", lambda: code_elsewhere(view), []))
    ctx = foreign_context(view)
    out = [users_example(e) if (kind := foreign(e, ctx)) == "users"
           else another_project(e) if kind == "copied" else e for e in out]
    return out + guarded(view.findings, "from_own_evaluation", lambda: from_own_evaluation(out), [])


def foreign_context(view) -> tuple:
    """What says whose a piece of evidence is, found once a run: (the README calls the repository a
    collection of examples, folders of recipes for users, recipe sections of the README, folders of
    other projects copied in, example folders that reproduce the authors' own results)."""
    def build():
        whole = guarded(view.findings, "examples_collection", lambda: examples_collection(view), False)
        recipes = guarded(view.findings, "recipe_folders", lambda: recipe_folders(view), set())
        sections = guarded(view.findings, "recipe_sections", lambda: recipe_sections(view), [])
        recipes = recipes | {folder for _path, _first, _last, folders in sections for folder in folders}
        copied = guarded(view.findings, "embedded_packages", lambda: code.embedded_packages(view), set())
        reproduce = guarded(view.findings, "reproduction_folders", lambda: reproduction_folders(view), set())
        return whole, recipes, sections, copied, reproduce
    return view.memo("foreign_context", build)


def foreign(e: Evidence, ctx: tuple) -> str | None:
    """"users" for evidence from an example or recipe for users (of a component that must be the
    release's own), "copied" for evidence from another project copied into the tree, else None."""
    whole, recipes, sections, copied, reproduce = ctx
    own_only = _OWN_ONLY.get(e.component)
    if (own_only or e.component in RECIPE_ONLY) and under_any(e.path, recipes) or \
            own_only and (whole or is_example_path(e.path) and not under_any(e.path, reproduce) or _in_section(e, sections)):
        return "users"
    if e.component not in COPIED_OK and under_any(e.path, copied):
        return "copied"
    return None


def strongest(view, evidence: list[Evidence], key, n: int = 20) -> list[Evidence]:
    """The first `n` of a detector's evidence by `key`, the release's own before what examples for
    users and copied projects hold (run_all weakens those): a cap must never let a hundred example
    configurations push out the one launch script of the model's own run."""
    ctx = foreign_context(view)
    return sorted(evidence, key=lambda e: (foreign(e, ctx) is not None, key(e)))[:n]


def from_own_evaluation(evidence: list[Evidence]) -> list[Evidence]:
    """What the release's own evaluation code implies, weaker than any direct evidence (which, found,
    decides):
    * with training data it only points to (or ships) and no evaluation data found, the sets that
      code scores the model on -- the held-out split of that data, or the public benchmarks of its
      field -- are reachable by the same pointers or the code's own loaders: a pointer at the code;
    * with no inference code found, the evaluation runs the model on inputs and takes its
      predictions (a validation loop, a test pass after training, rollouts of a policy), which is what
      inference code does, only not as a script of its own: partial inference code there."""
    by_component: dict[str, list[Evidence]] = {}
    for e in evidence:
        by_component.setdefault(e.component, []).append(e)
    at = _own_evaluation(by_component)
    if at is None:
        return []
    out = []
    if best_status(by_component.get("evaluation_data", [])) == "absent" and \
            best_status(by_component.get("datasets", [])) != "absent":
        out.append(Evidence("evaluation_data", "link_only", at.path,
                            f"the evaluation code ({at.path}) scores the model on sets outside the tree: held-out "
                            "splits or benchmarks of the data the release points to", at.line, MIN_CONFIDENCE))
    if best_status(by_component.get("inference_code", [])) == "absent":
        out.append(Evidence("inference_code", "partial", at.path,
                            f"the model makes its predictions only inside the evaluation code ({at.path}); no "
                            "inference script of its own", at.line, MIN_CONFIDENCE))
    return out


def _own_evaluation(by_component: dict[str, list[Evidence]]) -> Evidence | None:
    """The strongest evidence of the release's own evaluation code in the tree (an example's or a
    copied project's stays below the confidence threshold), or None."""
    scorers = [e for e in by_component.get("evaluation_code", [])
               if e.status in ("present", "partial") and e.confidence >= MIN_CONFIDENCE]
    return max(scorers, key=lambda e: e.confidence) if scorers else None


# Another publisher's project copied into the tree (code.embedded_packages) is that project's: its data,
# cards, results and samples are not this model's. Its inference code, when the release ships it, is
# still how to run this model (a fork adapted to serve it), and its modules what the model is built
# from (a speech model's decoder taken from the credited TTS project).
COPIED_OK = frozenset({"inference_code", "model_architecture"})


def another_project(e: Evidence) -> Evidence:
    return replace(e, confidence=min(e.confidence, 0.3),
                   detail=f"{e.detail} (in another project copied into the tree, not this model's own)")


def _in_section(e: Evidence, sections) -> bool:
    return any(e.path == path and first <= e.line <= last for path, first, last, _folders in sections)


def code_elsewhere(view) -> list[Evidence]:
    """A release page with no model code that names the repository holding it: every kind of code the
    framework knows is a pointer there (the framework's `code` components)."""
    p = code_repository(view)
    if p is None:
        return []
    return [Evidence(c.key, "link_only", p.path, f"the code is in another repository: {p.url[:80]}", p.line, 0.6,
                     p.url) for c in FRAMEWORK.components if c.content_type == "code"]


# What a fine-tuning recipe for the reader's data also makes the reader's own: its evaluation scores the
# reader's fine-tuned model (an examples/ folder's evaluation script may well score the release).
RECIPE_ONLY = frozenset({"evaluation_code"})


# A folder's README that fine-tunes the released model on the reader's data (common.USERS_DATA: "You
# can also prepare your customized dataset"): its code is a recipe for users.
RECIPE_FOLDER = lazyre.compile(r"fine[-_ ]?tun|\bsft\b|lora|adapt|微调", re.I)
# ... or that offers itself as examples ("This folder provides fine-tuning examples for M-2B",
# "本目录提供 M-2B 模型的微调示例", "This section demonstrates an example of finetuning", "designed for
# demonstration purposes"): worked examples are written for the reader to run and adapt.
EXAMPLES_OPENING = lazyre.compile(r"\b(provides?|contains?|offers?|includes?|gives?|here (are|is)|shows?|"
                                  r"demonstrates?|illustrates?)\s+([\w\-.]+\s+){0,5}?examples?\b|"
                                  r"\bfor demonstration purposes?\b|示例|样例|范例|例子", re.I)


# "In this directory we provide scripts ... for reproducing our experimental results": an examples/
# folder that holds the authors' own experiments, not recipes written for the reader's models.
REPRODUCES_OURS = lazyre.compile(r"\breproduc\w*\s+(our|the paper'?s?)\s+(\w+\s+){0,2}?(results|experiments|numbers)\b",
                                 re.I)


def reproduction_folders(view) -> set[str]:
    """Example folders whose README opens by saying they reproduce the authors' own results."""
    out = set()
    for doc in markdown_docs(view):
        folder, _, name = doc.path.rpartition("/")
        if folder and name.lower().startswith("readme") and is_example_path(doc.path) and \
                REPRODUCES_OURS.search(doc.text[:1500]):
            out.add(folder)
    return out


def recipe_folders(view) -> set[str]:
    """Folders below the root whose README fine-tunes the released model for the reader: named or
    titled for fine-tuning, and inviting the reader's own data, or offering examples, in its opening."""
    out = set()
    for doc in markdown_docs(view):
        folder, _, name = doc.path.rpartition("/")
        if not folder or not name.lower().startswith("readme"):
            continue
        title = doc.headings[0].text if doc.headings else ""
        opening = doc.text[:2000]
        if RECIPE_FOLDER.search(f"{folder.rsplit('/', 1)[-1]} {title}") and (
                USERS_DATA.search(opening) or EXAMPLES_OPENING.search(opening)):
            out.add(folder)
    return out



# "Welcome to the Gemma Cookbook: a collection of guides and examples for ...", "This repository
# contains examples for ...": the whole repository is examples for users, as an examples/ folder is
# inside one. The repository itself must be so introduced: a cookbook it only links ("[llama-cookbook]
# (...)"), "audio samples using our model", or "contains the model implementation and examples for
# fine-tuning" (a release that also ships examples) is not a collection.
COLLECTION = lazyre.compile(r"^#{1,3}[ \t][^\n]*\bcook ?book\b|\bwelcome to (the )?([\w-]+\s+){0,3}cook ?book\b|"
                            r"\b(is|are) (a|an|the|our) ([\w-]+\s+){0,3}?cook ?book\b|"
                            r"\bcollection of (\w+\s+){0,3}(guides|examples|tutorials|notebooks|recipes|samples)\b|"
                            r"\b(repo|repository|project)\s+(contains|provides|holds|offers|has|is)\s+(\w+\s+){0,2}?"
                            r"(examples|tutorials|recipes|notebooks|guides)\b", re.I | re.M)


def recipe_sections(view) -> list[tuple[str, int, int, set[str]]]:
    """Sections of a top-level README that fine-tune the released model for the reader ("# 模型微调
    ... 下面我们给一个微调 M-7B 的单机训练例子", "## Fine-tuning ... you can also prepare your own
    dataset"): (path, first line, last line, the fine-tuning folders it sends the reader to). What
    such a section says about data and hyperparameters is the recipe's, not the release's."""
    folders: list[str] | None = None  # the fine-tuning folders near the root, listed once a section needs them
    out = []
    for doc in markdown_docs(view):
        if "/" in doc.path or not doc.path.lower().startswith("readme"):
            continue
        for h in doc.headings:
            if not RECIPE_FOLDER.search(h.text):
                continue
            body = doc.section_text(h)
            if not (USERS_DATA.search(body[:20_000]) or EXAMPLES_OPENING.search(body[:20_000])):
                continue
            last = h.line + body.count("\n")
            if folders is None:
                folders = [d for d in view.dirs if d.count("/") < 2 and RECIPE_FOLDER.search(d.rsplit("/", 1)[-1])]
            words = set(PATH_WORDS.split(body[:20_000]))  # `cd M/fine-tune`, fine-tune/train.py
            mentioned = {d for d in folders if any(w == d or w.startswith(d + "/") or w.endswith("/" + d) or
                                                   f"/{d}/" in w for w in words)}
            out.append((doc.path, h.line, last, mentioned))
            if len(out) >= MAX_RECIPE_SECTIONS:
                return out
    return out


MAX_RECIPE_SECTIONS = 20
PATH_WORDS = lazyre.compile(r"[\s`'\"()\[\]]+")


def examples_collection(view) -> bool:
    """The root README introduces the repository as a cookbook or a collection of examples."""
    root = readme(view)
    if root is None:
        return False
    start = root.front_matter_lines
    opening = "\n".join(root.lines[start:start + 12])[:1500]
    return bool(COLLECTION.search(opening))


def users_example(e: Evidence) -> Evidence:
    """Evidence from an example or tutorial for users, for a component that must be the release's own
    (the framework's `own_only`): kept in the report, below the confidence that sets a status."""
    return replace(e, confidence=min(e.confidence, 0.3),
                   detail=f"{e.detail} (in an example for users, not this model's own)")


_OWN_ONLY = {c.key: c.own_only for c in FRAMEWORK.components}


def guarded(findings: list, what: str, run, fallback):
    """run(); if it raises, `fallback` and a MOF412 finding appended to `findings`: a bug in one
    check must cost that check, never the report (every file is the scanned repository's, and any
    of them may be built to break a parser)."""
    try:
        return run()
    except Exception as err:  # noqa: BLE001 - any bug at all: the rest of the report still comes
        if os.environ.get("MOF_LINT_DEBUG"):
            traceback.print_exc(file=sys.stderr)
        from mof_lint.findings import Finding
        detail = " ".join(str(err).split())[:200]
        findings.append(Finding("MOF412", f"internal error in {what} ({type(err).__name__}"
                                f"{': ' + detail if detail else ''}); what it looks for is missing from this "
                                "report. This is a bug in mof-lint: please report it "
                                "(https://github.com/mof-lint/mof-lint/issues), with MOF_LINT_DEBUG=1's traceback"))
        return fallback


def _name(detector) -> str:
    return f"{detector.__module__.rsplit('.', 1)[-1]}.{detector.__name__}"


detect_licenses = licenses.detect
