"""Findings and the rules behind them: the one place where each rule id, level and help text live.

Rule ids are stable and never reused:
  MOF1xx  components (what is missing or incomplete)
  MOF2xx  licenses
  MOF3xx  declarations, schemas and model files
  MOF4xx  repository hygiene and robustness (files mof-lint could not read as expected)
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from mof_lint import lazyre

LEVELS = ("error", "warning", "note")
DOCS = "https://github.com/mof-lint/mof-lint/blob/main/docs/rules.md"


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    level: str
    summary: str
    help: str

    @property
    def docs_url(self) -> str:
        return f"{DOCS}#{self.id.lower()}"


_RULES = [
    Rule("MOF100", "class-below-minimum", "error", "The repository's MOF class is below the minimum",
         "The class computed from the repository is lower than `--min-class` (or `min-class` in the "
         "Action). The message lists what the required class still needs."),
    Rule("MOF101", "component-missing", "warning", "A required MOF component was not found",
         "No evidence of this component was found in the repository: no file, no pointer. Add it "
         "(the message says what mof-lint looks for), or link to where it is published."),
    Rule("MOF102", "component-pointer-only", "note", "A component is only linked, not in the repository",
         "Code and documents must be files in the repository under the strict policy; only weights, "
         "datasets and papers may be pointers. Commit the component, or use `--policy mot`."),
    Rule("MOF103", "model-card-incomplete", "warning", "The model card lacks sections",
         "A model card should cover the sections of the Hugging Face model card template: model "
         "details, intended uses, bias/risks/limitations, training details and evaluation."),
    Rule("MOF104", "paper-not-identified", "note", "Papers are linked but none is the model's own",
         "arXiv or DOI links were found, but none is marked as this model's paper. Put the paper "
         "in a Citation section (BibTeX) or in CITATION.cff, or link it near the top of the README."),
    Rule("MOF105", "weights-too-small", "note", "A weight file is too small to be the model",
         "Weight files under 1 MiB are taken for test fixtures or small heads, not the model's "
         "parameters. Ignore this note if the model really is that small."),
    Rule("MOF106", "class-lowered", "error", "The change lowers the MOF class",
         "On a pull request, the base commit was checked with the same settings and reached a higher "
         "class; the message names the components the change lost. Restore them, or accept the drop by "
         "lowering `min-class` knowingly."),
    Rule("MOF201", "license-missing", "error", "No license found",
         "The repository has no license file and declares no license. Without one nothing in it is "
         "open. Add a LICENSE file (and LICENSE-MODEL / LICENSE-DATA where weights or data differ)."),
    Rule("MOF202", "license-unidentified", "warning", "A license file could not be identified",
         "The text of this license file was not matched to a known license, so it counts as "
         "`unknown` and not as open. Use the unmodified license text, or add an "
         "`SPDX-License-Identifier:` line."),
    Rule("MOF203", "license-not-open", "warning", "A component's license is not open",
         "The license that covers this component is not an open license as the MOF (and MOT) "
         "define it: an OSI/FSF license for code, an open-data or open-content license for data, "
         "weights and documents. Use-based (RAIL, Llama) and non-commercial terms are not open."),
    Rule("MOF204", "component-unlicensed", "warning", "A component has no license",
         "The component was found but no license covers it: no license file for its kind and no "
         "repository-wide license."),
    Rule("MOF205", "license-id-misspelled", "note", "A license is not written as its exact SPDX id",
         "The license was recognised, but not as written: \"Apache 2.0\" is `Apache-2.0`, \"MIT "
         "License\" is `MIT`. MOT and most tools compare ids exactly, so write the id.  A model "
         "card's lowercase Hub id (`apache-2.0`) is fine."),
    Rule("MOF206", "license-text-incomplete", "warning", "A license file is not the full license text",
         "The file names or points to a license but does not hold its full text (a notice, a link, "
         "a title), or holds a license text with additions. It is counted as the license it names "
         "(as unknown, not open, when it is a link to a license mof-lint does not know), but "
         "distributing a license usually means shipping its text: add the unmodified text, and keep "
         "additions in a separate NOTICE file."),
    Rule("MOF207", "license-type-mismatch", "note", "A license of the wrong kind covers a component",
         "The MOF intends open-source licenses for code, open-data licenses for datasets and "
         "weights, open-content licenses for documents; MOT records the kinds each license is meant "
         "for (mof-licenses.json) and shows a warning when a component's license is not. The class "
         "does not change."),
    Rule("MOF208", "license-conflict", "warning", "License statements contradict each other",
         "A README sentence, a card's `license:` or package metadata names a different license "
         "than the license file for the same part of the release, or two parts of a release (`--with`) "
         "license one component differently. Make them agree. Until they do, a restricted or "
         "proprietary statement decides if either is one (no badge comes from a conflict); otherwise "
         "the license file counts."),
    Rule("MOF300", "yaml-invalid", "error", "A YAML file could not be parsed",
         "The file is not valid YAML (or was refused as unsafe: alias bombs, extreme nesting). "
         "The message gives the line and column."),
    Rule("MOF301", "model-file-invalid", "error", "A MOT model file has the wrong shape",
         "The file does not have the structure of a Model Openness Tool model file "
         "(`framework`, `release.components` ...)."),
    Rule("MOF302", "component-name-unknown", "warning", "Unknown component name",
         "MOT maps a component name it does not know to Datasets, silently. Use one of the 17 "
         "component names exactly (`mof-lint rules --components` lists them)."),
    Rule("MOF303", "component-duplicate", "warning", "A component is listed twice",
         "MOT keeps the last entry of a duplicated component; the earlier one is ignored."),
    Rule("MOF304", "front-matter-invalid", "warning", "A card's YAML front matter is broken",
         "The `---` block at the top of a model or dataset card is not valid YAML, so the Hub "
         "ignores its metadata (license, datasets, model-index)."),
    Rule("MOF305", "config-invalid", "error", "The configuration file is invalid",
         "`.mof-lint.yml` does not follow schemas/config.schema.json (the message gives the key, line "
         "and column). mof-lint stops with exit code 2 rather than guess what was meant."),
    Rule("MOF306", "declaration-invalid", "error", "An openness declaration breaks the MOT schema",
         "A MOT-format declaration (mof.yml) does not follow the Model Openness Tool's schema "
         "(schemas/openness.schema.json, the same constraints as MOT's): MOT would refuse or misread it."),
    Rule("MOF307", "manifest-invalid", "warning", "A data manifest lacks what it must say",
         "A data manifest should name each dataset with where it is (url or path) and its license; "
         "the accepted forms are in schemas/data-manifest.schema.json (simple YAML, Croissant 1.0 "
         "JSON-LD, a Hugging Face dataset card's front matter)."),
    Rule("MOF308", "license-not-spdx", "warning", "A declared license is not an exact SPDX id",
         "MOT compares license ids exactly: \"Apache 2.0\" or \"MIT License\" is not open to it, and "
         "the component counts as not openly licensed. The message suggests the id to write."),
    Rule("MOF309", "component-overridden", "note", "A component is set by the configuration",
         "`.mof-lint.yml` overrides what mof-lint found for this component; the justification is "
         "shown so that reviewers can judge the claim."),
    Rule("MOF310", "claim-without-evidence", "warning", "A declared component has no evidence here",
         "The declaration says the component is released, but nothing in the repository shows it: "
         "no file at `component_path`, no license at `license_path`, no file or link that is the "
         "component. Fix the path, add the component, or remove the claim. (Declared datasets that "
         "were found but that no data manifest lists are a note suggesting one.) A path may name a "
         "file of another local part of the release as `../<part>/<path>`."),
    Rule("MOF311", "evidence-without-claim", "note", "A component was found but is not declared",
         "The repository holds this component but the declaration does not list it; add it so that "
         "MOT (and readers) count it."),
    Rule("MOF312", "openness-claim", "warning", "The README claims more openness than the evidence shows",
         "A README or card calls the model \"open source\", \"fully open\" or \"open science\", but "
         "the computed verdict is lower (open-weight, or no MOF class). State what is open instead, "
         "or release what is missing."),
    Rule("MOF313", "declaration-field-unknown", "note", "A declaration has a field MOT does not read",
         "Checked against MOT's code, not only its schema: MOT imports the `release` mapping alone and "
         "sets each of its keys on its Model entity, so `repository`, `huggingface` and `description` are "
         "read; a field outside `release` (or in a component, besides name, license, license_path and "
         "component_path) is ignored; a release key that is no field of the entity fails MOT's import "
         "(reported as a warning)."),
    Rule("MOF314", "declaration-conflict", "warning", "A declaration disagrees with the repository",
         "The declared license of a component differs from the license mof-lint found for it (for "
         "example, the declaration says MIT and the LICENSE text is Apache-2.0)."),
    Rule("MOF401", "symlink-outside", "warning", "A symlink points outside the repository",
         "mof-lint never follows symlinks out of the repository root; the target is not examined."),
    Rule("MOF402", "file-unreadable", "warning", "A file or directory could not be read",
         "Permission denied or an I/O error; whatever it holds is not counted."),
    Rule("MOF403", "text-not-utf8", "note", "A text file is not valid UTF-8",
         "Invalid bytes were replaced while reading; sections and links may be missed."),
    Rule("MOF404", "python-unparsable", "note", "A Python file could not be parsed",
         "mof-lint reads Python with `ast` and never runs it; a file that does not parse (or was "
         "cut at the read limit) is judged by its name only."),
    Rule("MOF405", "file-truncated", "note", "A file was read only in part",
         "mof-lint reads a bounded prefix of every file (1 MiB of text, 64 KiB of a license); "
         "content past that is not examined."),
    Rule("MOF406", "binary-document", "warning", "A document is binary",
         "A README, card or license that is not text cannot be read."),
    Rule("MOF407", "weights-header-invalid", "warning", "A weights file has an invalid header",
         "The safetensors / GGUF header is truncated or claims impossible sizes; the file may be "
         "corrupt or not what its name says."),
    Rule("MOF408", "lfs-pointer-invalid", "warning", "A Git LFS pointer is malformed",
         "The file starts like a Git LFS pointer but lacks a valid `oid sha256:` or `size` line."),
    Rule("MOF409", "git-unavailable", "note", "The git file list could not be read",
         "The tree is a git work tree but `git ls-files` failed; mof-lint walked the tree and "
         "applied .gitignore files itself."),
    Rule("MOF410", "large-tree-sampled", "note", "Only the most relevant files of a big tree were parsed",
         "To stay fast on very large trees, mof-lint reads a bounded number and amount of each kind of "
         "file (Python, Markdown, configuration, license texts, data manifests, PDFs), the most relevant "
         "first (shallow, named like model, training or data code, READMEs and cards), and stops reading "
         "contents after a few seconds in all; the others are judged by their names. The message says "
         "which limit was reached. Exclude vendored or generated folders with `exclude` to let the "
         "relevant ones in."),
    Rule("MOF411", "file-unparsable", "note", "A JSON, TOML or notebook file could not be parsed",
         "The file is not valid JSON or TOML, or nests brackets deeper than any real file (100 "
         "levels), which mof-lint refuses before parsing; what it says (architectures, a package's "
         "license, a notebook's code) is not counted. The message gives the line."),
    Rule("MOF412", "internal-error", "error", "mof-lint failed on part of the repository",
         "One check raised an unexpected error; mof-lint skipped it and produced the rest of the "
         "report, so the components it looks for may be missing. This is a bug in mof-lint: please "
         "report it with the message."),
    Rule("MOF413", "release-part-unreachable", "note", "A Hub part of the release could not be read",
         "The Hub did not answer (no network, a closed port, a timeout), refused (401/403: gated or "
         "private; set HF_TOKEN), does not have the repository (404), sent something that is not the "
         "Hub's answer, or huggingface_hub is not installed (`pip install 'mof-lint[hub]'`). The "
         "release is judged without that part; the message names the part and why. With "
         "HF_HUB_OFFLINE=1 only what the Hub cache holds is read."),
]

RULES: dict[str, Rule] = {r.id: r for r in _RULES}


@dataclass
class Finding:
    rule: str
    message: str
    path: str | None = None
    line: int | None = None
    level: str | None = None  # defaults to the rule's level
    component: int | None = None
    column: int | None = None
    omitted: int = 0  # > 0: this finding stands for that many others of its rule (see `bounded`)
    part: str = ""  # the release part its path is in (its label); "" for the checkout

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise KeyError(f"unknown rule {self.rule}")
        if self.level is None:
            self.level = RULES[self.rule].level

    def as_dict(self) -> dict:
        d = {"rule": self.rule, "level": self.level, "message": self.message,
             "path": self.path, "line": self.line}
        if self.column is not None:
            d["column"] = self.column
        if self.component is not None:
            d["component"] = self.component
        if self.omitted:
            d["omitted"] = self.omitted
        if self.part:
            d["part"] = self.part
        return d


LEVEL_ORDER = {"error": 0, "warning": 1, "note": 2}


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then by file, line, rule and message: an order that does not depend on which
    check ran first (a child process may have parsed some files)."""
    return sorted(findings, key=lambda f: (LEVEL_ORDER[f.level], f.path or "", f.line or 0, f.rule, f.part or "",
                                           f.message))


# Bounded output: 50,000 symlinks out of the root are 50,000 findings of one rule that say the same
# thing, and every reporter (a SARIF upload, check-run annotations, the job summary) has a limit.
# Repeated findings are summed up once, here, before any reporter sees them.
GROUP_AFTER = 20  # findings of one rule with one message shape kept before the rest are summed up
MAX_PER_RULE = 100  # findings of one rule kept however varied their messages
_VARYING = lazyre.compile(r"""'[^']*'|"[^"]*"|`[^`]*`|\d+""")


def _shape(f: Finding) -> str:
    """The message without what varies from one finding to the next: its own path, quoted text,
    numbers."""
    text = f.message.replace(f.path, "{path}") if f.path else f.message
    return _VARYING.sub("#", text)


def bounded(findings: list[Finding]) -> list[Finding]:
    """The findings with repetition summed up: of each rule, at most GROUP_AFTER findings of one
    message shape and MAX_PER_RULE in all are kept (the first ones, in the given order); the rest
    become one finding per rule and level that says how many were left out (its `omitted`)."""
    kept: list[Finding] = []
    per_shape: Counter = Counter()
    per_rule: Counter = Counter()
    left_out: Counter = Counter()
    for f in findings:
        key = (f.rule, f.level)
        if f.omitted or per_rule[key] >= MAX_PER_RULE or per_shape[key, _shape(f)] >= GROUP_AFTER:
            left_out[key] += f.omitted or 1
            continue
        per_rule[key] += 1
        per_shape[key, _shape(f)] += 1
        kept.append(f)
    for (rule, level), n in left_out.items():
        kept.append(Finding(rule, f"… and {n:,} more {rule} findings: {RULES[rule].summary[0].lower()}"
                            f"{RULES[rule].summary[1:]} (repeated findings are summed up)", level=level, omitted=n))
    return kept


def level_counts(findings: list[Finding]) -> dict[str, int]:
    """How many findings of each level there were before `bounded` summed them up."""
    counts = dict.fromkeys(LEVELS, 0)
    for f in findings:
        counts[f.level] += f.omitted or 1
    return counts


def totals(findings: list[Finding]) -> dict[str, int]:
    """How many findings of each rule there were before `bounded` summed them up."""
    counts: Counter = Counter()
    for f in findings:
        counts[f.rule] += f.omitted or 1
    return dict(sorted(counts.items()))
