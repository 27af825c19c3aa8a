"""License statements, wherever a repository makes them:
  * license files, found the way GitHub's licensee finds them (LICENSE, LICENCE, COPYING, UNLICENSE
    and their variants; LICENSE-CODE, LICENSE-MODEL, LICENSE_WEIGHTS, MODEL_LICENSE, DATA_LICENSE;
    `model_licenses/`; `LICENSES/<id>.txt` in the REUSE layout; a LICENSE in a model's folder),
    identified from their text by mof_lint.licenses.matcher;
  * SPDX-License-Identifier lines (in license files and source headers);
  * package metadata: pyproject.toml, setup.cfg, setup.py, package.json, CITATION.cff;
  * a model card's front matter: `license`, `license_name`, `license_link`;
  * README / card prose ("the weights are released under CC-BY-4.0") and license badges.

Each statement gets a scope -- which part of the release it covers -- from where it sits and what it
says: a file or sentence that names the model/weights, data, code or docs covers that kind; a root
LICENSE or a card's `license:` covers the whole release (MOT's "distribution" license); a LICENSE in
a subfolder covers that folder. check.py decides which statement covers which component.
"""
from __future__ import annotations

import ast
import configparser
import re

from mof_lint.detectors.common import manifest_files, markdown_docs, names_title, readme, yaml_document
from mof_lint.evidence import LicenseEvidence
from mof_lint.findings import Finding
from mof_lint.licenses.catalog import catalog
from mof_lint.licenses.matcher import identify_text
from mof_lint.licenses.names import find_license_name, looks_like_expression, parse_expression, resolve_name, \
    resolve_url
from mof_lint.repo import LICENSE_LIMIT, RepoView
from mof_lint.safeparse import ParseFailure, load_json, load_toml, parse_python, unparsable
from mof_lint import lazyre

# A file name (at most 255 characters: the bounds keep a longer string from costing more)
LICENSE_FILE = lazyre.compile(r"^(?:([\w\-]{1,255}?)[_\-.])?(un)?(licen[cs]es?|copying)(?:[_\-.]([\w\-.]{1,255}?))?"
                              r"(\.(md|markdown|txt|rst|html))?$", re.I)
CODE_EXT = (".py", ".js", ".ts", ".go", ".rs", ".java", ".c", ".h", ".cpp", ".rb", ".json", ".yaml",
            ".yml", ".toml", ".cfg", ".ipynb", ".sh", ".png", ".jpg", ".svg", ".pdf")
SCOPE_WORDS = (("weights", lazyre.compile(r"model|weight|checkpoint|param", re.I)),
               ("data", lazyre.compile(r"data|dataset|corpus", re.I)),
               ("code", lazyre.compile(r"code|software|source", re.I)),
               ("document", lazyre.compile(r"\bdoc|docs|documentation|content|text", re.I)))
# The id is words joined by single runs of spaces, so no two repetitions can take the same spaces (the
# lazy "[\w ()]+?\s*" this replaces backtracked cubically on a header line of spaces).
SPDX_LINE = lazyre.compile(r"SPDX-License-Identifier:\s*([\w.\-+()]+(?: +[\w.\-+()]+)*)[^\S\n]*(?:\*/|-->|#}|$)", re.M)
HEADER_EXT = (".py", ".sh", ".js", ".ts", ".c", ".h", ".cc", ".cpp", ".cu", ".rs", ".go", ".java")
MAX_HEADER_FILES = 400
# how sure a file's identification is, by the matcher's kind of match
KIND_CONFIDENCE = {"full": 0.95, "with-additions": 0.8, "title": 0.75, "custom": 0.85, "notice": 0.6, "reference": 0.6,
                   "modified": 0.9, "partial": 0.9, "none": 0.9}


def detect(view: RepoView) -> list[LicenseEvidence]:
    files = from_license_files(view)
    known_files = {e.path: e.license for e in files}
    return [*files, *from_package_metadata(view), *from_cards(view), *from_data_manifests(view),
            *from_prose(view, known_files),
            *from_source_headers(view, release_wide=any(e.scope == "distribution" for e in files))]


# ------------------------------------------------------------------------------------ license files
def _scope_of(path: str, words: str) -> str:
    for scope, pattern in SCOPE_WORDS:
        if words and pattern.search(words):
            return scope
    return "distribution" if "/" not in path else "directory"


def name_words(name: str) -> str:
    """The words around LICENSE in a license file's name: "LICENSE_MODELS" -> "MODELS"."""
    m = LICENSE_FILE.match(name)
    if m:
        return " ".join(w for w in (m.group(1), m.group(4)) if w)
    return name.rsplit(".", 1)[0]


def license_files(view: RepoView):
    """(entry, kind, words) for each file that is a license by its name or place."""
    for e in view.containing("licen", "copying"):  # a license file or folder names itself
        if e.vendored or e.test or e.ext in CODE_EXT:
            continue
        parts = e.path.split("/")
        if len(parts) >= 2 and parts[-2].upper() == "LICENSES":  # REUSE layout: LICENSES/<id>.txt
            yield e, "reuse", e.name.rsplit(".", 1)[0]
            continue
        if LICENSE_FILE.match(e.name):
            yield e, "file", name_words(e.name)
        elif parts[-2:-1] and re.search(r"licen[cs]es?$", parts[-2], re.I) and e.ext in ("", ".txt", ".md"):
            yield e, "file", f"{parts[-2]} {e.name}"  # model_licenses/LICENSE_70B and the like


def examine_file(path: str, text: str | None, words: str = "", scope: str | None = None) -> LicenseEvidence:
    """One license file's statement: an SPDX-License-Identifier line wins, then the text itself."""
    scope = scope or _scope_of(path, words)
    if text is None:
        return LicenseEvidence(path, "unknown", scope, "file", 1, 0.5, "binary or unreadable", kind="none")
    m = SPDX_LINE.search(text[:4000])
    if m:
        lic = declared_id(m.group(1))
        if lic != "unknown":
            line = text[:m.start()].count("\n") + 1
            return LicenseEvidence(path, lic, scope, "file", line, 0.95,
                                   "SPDX-License-Identifier in the license file", m.group(1).strip(), kind="declared")
    match = identify_text(text)
    return LicenseEvidence(path, match.license, scope, "file", match.line, KIND_CONFIDENCE[match.kind],
                           match.detail, kind=match.kind)


MAX_LICENSE_FILES = 200  # identified by text; a tree with thousands (vendored packages) gets the shallowest
# ... and at most this much text: identifying 64 KiB takes the matcher ~35 ms (a real license of a few
# KiB, ~3 ms), so 200 files of 64 KiB would take 7 s. Shallowest files first, like the count.
LICENSE_TEXT_BUDGET = 4 << 20


def from_license_files(view: RepoView) -> list[LicenseEvidence]:
    cat = catalog()
    out = []
    found = list(license_files(view))
    if len(found) > MAX_LICENSE_FILES:
        found.sort(key=lambda t: (t[0].path.count("/"), t[0].path))
        view.findings.append(Finding("MOF410", f"{len(found)} license files; the {MAX_LICENSE_FILES} shallowest were "
                                     "identified, the others not read", level="note"))
        found = found[:MAX_LICENSE_FILES]
    found = _within_text_budget(view, found)
    for e, kind, words in found:
        if view.out_of_time(e.path):
            break
        text = view.text(e.path, limit=LICENSE_LIMIT)
        if kind == "reuse":
            lic = cat.canonical(words) or "unknown"
            ev = examine_file(e.path, text, scope="distribution")
            detail = "REUSE license text (LICENSES/)"
            if ev.kind == "full" and lic != "unknown" and ev.license != lic:
                detail += f"; its text is {ev.license}, not {lic}"
                lic = "unknown"
            out.append(LicenseEvidence(e.path, lic, "distribution", "reuse", 1, 0.8, detail, words, kind="declared"))
            continue
        out.append(examine_file(e.path, text, words))
    return out


def _within_text_budget(view: RepoView, found: list) -> list:
    """The license files whose text fits LICENSE_TEXT_BUDGET, the shallowest first, in their order."""
    budget, kept = LICENSE_TEXT_BUDGET, set()
    for e, _kind, _words in sorted(found, key=lambda t: (t[0].depth, t[0].path)):
        cost = min(e.size, LICENSE_LIMIT)
        if cost <= budget:
            budget -= cost
            kept.add(e.path)
    if len(kept) < len(found):
        view.findings.append(Finding("MOF410", f"{len(found) - len(kept)} license files were not read: over "
                                     f"{LICENSE_TEXT_BUDGET >> 20} MiB of license text (the shallowest were read)",
                                     level="note"))
    return [t for t in found if t[0].path in kept]


# ------------------------------------------------------------------------------ declared license ids
def declared_id(written: str) -> str:
    """A declared license id or expression -> canonical id/expression, or "unknown"."""
    if not isinstance(written, str) or not written.strip():
        return "unknown"
    lic, _ = resolve_name(written)
    if lic:
        return lic
    if looks_like_expression(written):
        expr, _, unknown = parse_expression(written)
        if expr and not unknown:
            return expr
    return "unknown"


def _declared(path, written, scope, source, line, conf, detail) -> LicenseEvidence | None:
    if not isinstance(written, str) or not written.strip():
        return None
    lic = declared_id(written)
    return LicenseEvidence(path, lic, scope, source, line, conf, detail, written.strip()[:120], kind="declared")


CONFIG_LICENSE_KEY = lazyre.compile(r"^[^\S\n]*license[^\S\n]*=", re.M)  # pyproject.toml, setup.cfg
PACKAGE_JSON_LICENSE_KEY = lazyre.compile(r'"license"\s*:')
CITATION_LICENSE = lazyre.compile(r"^license:[^\S\n]*['\"]?([\w.\-+]+(?: +[\w.\-+]+)*)['\"]?[^\S\n]*$", re.M)


def _line_of(text: str, pattern: re.Pattern) -> int:
    m = pattern.search(text)
    return text[:m.start()].count("\n") + 1 if m else 1


def from_package_metadata(view: RepoView) -> list[LicenseEvidence]:
    out: list[LicenseEvidence | None] = []
    if "pyproject.toml" in view.entries:
        text = view.text("pyproject.toml") or ""
        try:
            project = load_toml(text, "pyproject.toml").get("project", {})
        except ParseFailure as err:
            view.findings.append(unparsable(err, "pyproject.toml"))
            project = {}
        lic = project.get("license") if isinstance(project, dict) else None
        if isinstance(lic, dict):
            lic = lic.get("text") if isinstance(lic.get("text"), str) and len(lic["text"]) < 80 else None
        out.append(_declared("pyproject.toml", lic, "code", "pyproject", _line_of(text, CONFIG_LICENSE_KEY), 0.8,
                             "pyproject.toml [project] license"))
    if "setup.cfg" in view.entries:
        text = view.text("setup.cfg") or ""
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(text)
            lic = parser.get("metadata", "license", fallback=None)
        except (configparser.Error, ValueError):
            lic = None
        out.append(_declared("setup.cfg", lic, "code", "setup", _line_of(text, CONFIG_LICENSE_KEY), 0.75,
                             "setup.cfg [metadata] license"))
    if "setup.py" in view.entries:
        try:
            tree = parse_python(view.text("setup.py") or "", "setup.py")
        except ParseFailure:  # reported with the other Python files (MOF404)
            tree = None
        for node in ast.walk(tree) if tree else []:
            if isinstance(node, ast.keyword) and node.arg == "license" and \
                    isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                out.append(_declared("setup.py", node.value.value, "code", "setup", node.value.lineno, 0.75,
                                     "setup(license=...)"))
    if "package.json" in view.entries:
        text = view.text("package.json") or ""
        try:
            pkg = load_json(text, "package.json")
        except ParseFailure as err:
            view.findings.append(unparsable(err, "package.json"))
            pkg = {}
        if isinstance(pkg, dict):
            out.append(_declared("package.json", pkg.get("license"), "code", "package.json",
                                 _line_of(text, PACKAGE_JSON_LICENSE_KEY), 0.75, "package.json license"))
    if "CITATION.cff" in view.entries:
        text = view.text("CITATION.cff") or ""
        m = CITATION_LICENSE.search(text)
        if m:
            out.append(_declared("CITATION.cff", m.group(1), "distribution", "citation",
                                 text[:m.start()].count("\n") + 1, 0.6, "CITATION.cff license"))
    return [e for e in out if e is not None]


def from_cards(view: RepoView) -> list[LicenseEvidence]:
    """A card's front matter. On the Hub the root card's `license:` is the repository's license: the
    whole release. `license: other` takes its name from `license_name` / `license_link`."""
    out = []
    root = readme(view)
    for doc in markdown_docs(view):
        fm = doc.front_matter
        if not isinstance(fm, dict) or "license" not in fm:
            continue
        written = fm.get("license")
        if isinstance(written, list):
            written = " OR ".join(str(w) for w in written)
        if written is None:
            continue
        written = str(written)
        line = _front_matter_line(doc, "license")
        detail = "model card front matter license"
        scope = "distribution" if doc is root else ("weights" if "card" in doc.path.lower() else "directory")
        ev = _declared(doc.path, written, scope, "card", line, 0.85, detail)
        if ev and written.strip().lower() == "other":
            name, link = fm.get("license_name"), fm.get("license_link")
            lic = "unknown"
            if isinstance(name, str):
                lic = declared_id(name)
                detail += f" (license: other, license_name: {name[:60]})"
            if lic == "unknown" and isinstance(link, str):
                lic = resolve_url(link) or "unknown"
                detail += f" (license_link: {link[:80]})"
            ev = LicenseEvidence(doc.path, lic, scope, "card", line, 0.8, detail, written, kind="declared")
        if ev:
            out.append(ev)
    return out


MAX_MANIFEST_ENTRIES = 500


def from_data_manifests(view: RepoView) -> list[LicenseEvidence]:
    """`license:` of each dataset a data manifest lists ({datasets: [{name, url, license}, ...]}, or
    a list of such entries). They license the data, never the code or the weights."""
    out = []
    for e in manifest_files(view):
        parsed = yaml_document(view, e.path)  # JSON is YAML
        if not isinstance(parsed, tuple):
            continue  # broken, binary or huge: the declarations room reports it
        data = parsed[0]
        entries = []
        if isinstance(data, dict):
            for key in ("datasets", "evaluation", "data", "sources"):
                if isinstance(data.get(key), list):
                    entries += data[key]
        elif isinstance(data, list):
            entries = data
        if len(entries) > MAX_MANIFEST_ENTRIES:
            view.findings.append(Finding("MOF405", f"{e.path} lists {len(entries)} datasets; the licenses of the "
                                         f"first {MAX_MANIFEST_ENTRIES} were read", path=e.path, line=1))
        for item in entries[:MAX_MANIFEST_ENTRIES]:
            if not isinstance(item, dict) or not isinstance(item.get("license"), str):
                continue
            line = _lc_line(item, "license")
            name = item.get("name") if isinstance(item.get("name"), str) else "a dataset"
            ev = _declared(e.path, item["license"], "data", "manifest", line, 0.75,
                           f"data manifest: license of {name[:60]}")
            if ev:
                out.append(ev)
    return out


def _lc_line(node, key: str) -> int:
    try:
        return node.lc.key(key)[0] + 1
    except (AttributeError, KeyError, TypeError):
        return 1


def _front_matter_line(doc, key: str) -> int:
    for i, ln in enumerate(doc.lines[:doc.front_matter_lines], 1):
        if ln.startswith(f"{key}:"):
            return i
    return 1


# ------------------------------------------------------------------------------------------ prose
# The name is looked ahead at, not consumed: "provided under and subject to the Gemma Terms of Use"
# tries each keyword in turn.
PROSE = lazyre.compile(r"\b(?:under|subject\s+to|terms\s+of)\s+(?=(?:the\s+terms\s+of\s+)?(?:an?\s+|the\s+)?"
                       r"(?P<name>[^\n]{2,400}))", re.I)
# Words that praise the license before its name ("under a permissive, commercially friendly Apache 2.0
# license"): the name follows them.
OPEN_ADJECTIVES = lazyre.compile(r"^(?:(?:very|fully|more)\s+)?(?:permissive|open|open[- ]source|free|liberal|"
                                 r"commercially[- ]friendly|business[- ]friendly|standard)(?:\s*,\s*|\s+)"
                                 r"(?:(?:and\s+)?(?:permissive|open|open[- ]source|free|liberal|commercially[- ]friendly|"
                                 r"business[- ]friendly|standard)\s+)?", re.I)
# "under X" is a license statement when the clause says something is released / licensed
# (in either form: "released under", "We're releasing the model under")
RELEASE_VERB = lazyre.compile(r"\b(?:licen[cs](?:ed|ing)|releas(?:ed|ing)|available|distribut(?:ed|ing)|provid(?:ed|ing)|"
                              r"publish(?:ed|ing)|shar(?:ed|ing)|offer(?:ed|ing)|governed|is|are|falls?|accept(?:ed)?|"
                              r"agree)\b", re.I)
# A license by a name mof-lint does not know ("the SA-1B Dataset Research License"): a statement all
# the same, of an unknown (so not open) license.
# The last word may be lower case ("the Rosetta-DL Software license"): the capitalised words name it.
UNKNOWN_NAME = lazyre.compile(r"(?P<n>(?<![\w.+-])(?:[A-Z0-9][\w.+-]*\s+){1,6}(?:[Ll]icen[cs]e|Terms of Use|"
                              r"License Agreement)\b)")
# A license described, not named, as one that is not open
RESTRICTIVE_KIND = lazyre.compile(r"(?<![\w-])(?:(?:(?:an?|the|our|its|their)\s+)?(?:own\s+|[\w-]+\s+){0,2}?"
                                  r"(?:non-?commercial|research[- ](?:only|purposes?)|custom|proprietary|restrictive|"
                                  r"restricted)(?:\s+[\w-]+){0,3}?\s+licen[cs]e\b|(?:(?:an?|our|its|their)\s+)?own\s+"
                                  r"licen[cs]e\b)", re.I)  # starts at a word's start: a run of letters is tried once
# A use restriction stated without a license's name ("the model is for research and learning only",
# "commercial use is not allowed", "仅供学术研究"): terms that are not open, whatever the files say.
USE_RESTRICTION = lazyre.compile(r"\b(?:for|to)\s+(?:non-?commercial\s+|academic\s+|scientific\s+)?(?:research|academic)"
                                 r"(?:\s+(?:and|&|or)\s+(?:learning|education(?:al)?|academic|non-?commercial))?"
                                 r"(?:\s+(?:purposes?|use|usage))?\s+only\b|"
                                 r"\bonly\s+(?:be\s+used\s+)?for\s+(?:non-?commercial\s+|academic\s+)?(?:research|academic)\b|"
                                 r"\bcommercial\s+(?:use|usage)\b[^.;\n]{0,40}?\b(?:is|are)\s+(?:not\s+(?:allowed|permitted)|prohibited|forbidden)\b|"
                                 r"\bnot\s+(?:be\s+)?(?:used|allowed)\s+for\s+commercial\b|"
                                 r"仅供(?:学术)?(?:研究|学习)|(?:禁止|不得|不可|不允许)[^。\n]{0,6}商(?:业|用)", re.I)
INTENDED = lazyre.compile(r"\bintend|\bmeant\b|\bdesigned\b|\bintended\s+uses?\b|\buses\b", re.I)
LICENSE_LABEL = lazyre.compile(r"^\W*licen[cs]e\W*[:|]\s*(?P<name>[^\n|]{2,100})", re.I)
BADGE = lazyre.compile(r"img\.shields\.io/badge/licen[cs]e-(?P<name>[^/?)\s]+?)-[0-9a-z]+(?:\.svg)?", re.I)
LICENSE_SECTION = lazyre.compile(r"licen[cs]e|licensing|terms of use", re.I)
MAX_PROSE_LINES = 4000
MAX_PARAGRAPH = 3000  # characters of a wrapped paragraph read as one statement
# A line worth reading for a statement: it says "license", shows a badge, or names a common license
# ("The code is released under Apache 2.0."); the statement itself still needs "under <name>".
LICENSE_MENTION = lazyre.compile(r"licen[cs]|shields\.io|terms of use|research|academic|commercial|仅供|商用|商业|\b(apache|mit|bsd|[al]?gpl|mpl|cc[- ]?by|cc0|"
                                 r"creative commons|openrail|odc|pddl|cdla|eupl|unlicense)\b", re.I)


# "The/This license applies to ...", "The license above covers ...": the repository's license file.
LICENSE_APPLIES = lazyre.compile(r"\b(the|this|our|that)\s+(following\s+|same\s+)?licen[cs]e\s+(above\s+|below\s+)?(also\s+)?"
                                 r"(applies|covers|governs)\b", re.I)


def _root_license(license_files: dict[str, str]) -> tuple[str, str] | None:
    """(path, id) of the root license file, when there is exactly one identified."""
    roots = [(p, lic) for p, lic in license_files.items() if "/" not in p and lic and lic != "unknown"]
    return roots[0] if len(roots) == 1 else None


# A section named for the code's license ("### AlphaFold Code License"): what it says is the code's.
CODE_SECTION = lazyre.compile(r"\b(code|software|source)\b", re.I)
# A card's section about the model itself (the Hugging Face template's "Model Details" / "Model
# Description"): a bare "License:" line there licenses the model.
MODEL_SECTION = lazyre.compile(r"\bmodel\s+(details|description|card|summary|information|info|overview|sources?)\b",
                               re.I)


# "model" names the weights, except as the first word of another thing: the model code, the model card
MODEL_AS_ADJECTIVE = lazyre.compile(r"\bmodel(?:'s)?\s+(code|source|implementation|scripts?|architecture|definition|"
                                    r"card|documentation)\b")


def _prose_scopes(sentence: str) -> list[str]:
    low = MODEL_AS_ADJECTIVE.sub(r"\1", sentence.lower())
    scopes = []
    if re.search(r"\b(weights?|checkpoints?|model(s|\s+parameters)?|parameters|params)\b|模型|权重", low):
        scopes.append("weights")
    if re.search(r"\b(data|datasets?|corpus|corpora)\b|数据", low):
        scopes.append("data")
    if re.search(r"\b(code|source code|software|codebase|scripts?|implementation|architecture)\b|"
                 r"(?<!open[- ])\bsource\b|代码", low):
        scopes.append("code")
    if re.search(r"\b(documentation|docs|paper|card)\b", low):
        scopes.append("document")
    return scopes or ["distribution"]


def from_prose(view: RepoView, license_files: dict[str, str] | None = None) -> list[LicenseEvidence]:
    """Sentences in the README and model cards that say under which license something is released.
    Only the top-level documents speak for the release; a line must mention a license. A sentence
    may name the license only by linking to a license file of the repository ("under [a license
    with use-based restrictions](LICENSE)"): it then says that file's license."""
    license_files = license_files or {}
    docs = [d for d in markdown_docs(view) if "/" not in d.path]
    out = []
    named = []  # statements whose subject is the model the document is titled with (NAMED_SUBJECT)
    for doc in docs:
        start = doc.front_matter_lines
        for i, line, last in _prose_units(doc, start):
            section = doc.section_of(i)
            first = i
            for sentence in SENTENCE_END.split(_flatten_link_texts(line)):
                i = None  # the sentence's line, looked up only for a sentence that makes a statement
                clauses = CLAUSE.split(sentence)
                for k, clause in enumerate(clauses):
                    # "released under MIT, and the weights under CC BY-NC 4.0": the verb is said once
                    said = " ".join(clauses[:k])
                    # "M-8B is derived from Llama-3.1-8B and is originally licensed under the Llama 3.1
                    # license": the upstream model's license, not one this release is under
                    upstream = UPSTREAM_LICENSE.search(clause)
                    statements = list(_statements(clause[:upstream.start()] if upstream else clause, section,
                                                  license_files, said))
                    root_license = _root_license(license_files)
                    if not statements and root_license and LICENSE_APPLIES.search(clause):
                        # "The license applies to the code as well as the M models": the repository's
                        # license file, said to cover what the sentence names
                        statements = [(root_license[1], f"{root_license[0]} (\"{clause.strip()[:60]}\")",
                                       "says the license file applies")]
                    if statements and i is None:
                        i = first = _sentence_line(doc, sentence, first, last)
                    for lic, written, how in statements:
                        scopes = _prose_scopes(clause)
                        if how == "restricts use":
                            # a restriction speaks of the model's terms when it names the model; what a
                            # card says the model is meant for ("intended to be used for research
                            # purposes only", under Intended Use) describes its use, not its license
                            if INTENDED.search(clause) or INTENDED.search(section or ""):
                                continue
                            scopes = [x for x in scopes if x == "weights"]
                        if scopes == ["distribution"] and MODEL_SECTION.search(section or "") and \
                                LICENSE_LABEL.match(line):
                            # the card template's "- **License:** Apache 2.0" under Model Details
                            scopes = ["weights"]
                        elif scopes == ["distribution"] and CODE_SECTION.search(section or "") and \
                                LICENSE_SECTION.search(section or ""):
                            scopes = ["code"]
                        for scope in scopes:
                            out.append(LicenseEvidence(doc.path, lic, scope, "prose", i, 0.6,
                                                       f"{doc.path} {how}: \"{written[:80]}\"", written,
                                                       kind="prose"))
                        subject = NAMED_SUBJECT.match(clause.strip())
                        if scopes == ["distribution"] and subject and names_title(subject.group("name"), doc):
                            named.append(LicenseEvidence(
                                doc.path, lic, "weights", "prose", i, 0.55,
                                f"{doc.path} says {subject.group('name')[:40]}, the model it documents, is released "
                                f"under \"{written[:60]}\"", written, kind="prose"))
    if not any(lic.scope == "weights" for lic in out):
        out += named
    return _dedupe(out)


def _prose_units(doc, start: int):
    """Each line or hard-wrapped paragraph that mentions a license. A
    paragraph wrapped at a fixed column ("... are made available under the terms of the Creative /
    Commons Attribution 4.0 International (CC BY 4.0) license.") is read whole: its subject and its
    license often sit on different lines. Yields (first line, text, last line)."""
    paragraphs, at = doc.paragraphs, 0
    done_until = 0
    for i, line in enumerate(doc.lines[start:MAX_PROSE_LINES], start + 1):
        if i <= done_until:
            continue
        while at < len(paragraphs) and paragraphs[at][1] < i:
            at += 1
        if at < len(paragraphs) and paragraphs[at][0] <= i and paragraphs[at][1] > paragraphs[at][0]:
            first, last = paragraphs[at]
            done_until = last
            text, read = _joined(doc.lines[first - 1:last])
            if not LICENSE_MENTION.search(text):
                continue
            yield i, text, first + read - 1
        elif len(line) <= 2000 and LICENSE_MENTION.search(line):
            yield i, line, i


def _sentence_line(doc, sentence: str, first: int, last: int) -> int:
    """The line of a wrapped paragraph (lines `first`..`last`) where `sentence` starts: the first
    one holding its opening words; `first` when they wrap or were rewritten (a link's text)."""
    words = " ".join(sentence.split()[:3])
    if first == last or not words:
        return first
    return next((n for n in range(first, last + 1) if words in doc.lines[n - 1]), first)


def _joined(lines: list[str]) -> tuple[str, int]:
    """A paragraph's first MAX_PARAGRAPH characters as one text, and how many of its lines that
    took; a hard line break (two trailing spaces, a backslash, <br>) ends a sentence there
    ("License: MIT  /  Weights: CC BY-NC 4.0" are two statements)."""
    out, size, read = [], 0, 0
    for line in lines:
        if size >= MAX_PARAGRAPH:
            break
        tail = line[-16:].rstrip().lower()
        hard = line.endswith("  ") or tail.endswith("\\") or HARD_BREAK.search(tail)
        out.append(line.strip() + ("; " if hard else " "))
        size += len(out[-1])
        read += 1
    return "".join(out)[:MAX_PARAGRAPH], max(read, 1)


HARD_BREAK = lazyre.compile(r"<br\s{0,4}/?>$")


# "Bark is now licensed under the MIT License", "DINO is released under the Apache 2.0 license": the
# sentence's subject is the name the document is titled with, the model it is about. It licenses the
# weights too, unless another sentence speaks of the weights' license (a code project named for the
# model it reimplements states the weights' own terms apart).
NAMED_SUBJECT = lazyre.compile(r"^\W{0,8}(?P<name>[A-Z][\w.\-]{1,40}(?:\s[A-Z0-9][\w.\-]{0,40}){0,3})\s(?:is|are)\s"
                               r"(?:now\s|also\s)?(?:released|licen[cs]ed|provided|distributed|available|made\savailable|"
                               r"open[- ]sourced)\s")


# Where a clause turns to the license a work it derives from was first released under.
UPSTREAM_LICENSE = lazyre.compile(r"\b(?:originally|initially|first)\s+(?:licen[cs]ed|released|distributed|published)\b",
                                  re.I)


# A line often holds several statements ("The code is Apache-2.0. The weights are under the Model
# License."); each sentence or clause speaks only for the things it names. A comma starts a new
# clause when another thing gets its own license ("..., and the weights under ...", "..., data
# under ..."), not in a list of things ("Apache-2.0 for code, weights and documentation").
SENTENCE_END = lazyre.compile(r"(?<=[a-z0-9)\]])[.!?](?:\s+|$)|[。；;]", re.I)
CLAUSE = lazyre.compile(r",?(?<!\s)\s+(?:while|whereas|but|however)\s+|"  # (?<!\s): from a run's first space only
                        r",\s+(?:and\s+)?(?=(?:the\s+|our\s+|all\s+|its\s+|their\s+)?(?:[a-z][\w'’-]*\s+){0,2}?"
                        r"(?:weights?|checkpoints?|parameters|params|code|source|software|data(?:sets?)?|corpus|"
                        r"documentation|docs|models?)\b[^,;]{0,80}?\b(?:under|subject\s+to)\b)", re.I)


def _statements(line: str, section: str, license_files: dict[str, str] | None = None, said: str = ""):
    """(license id, text as written, how it was said) for each license a line names. `said`: the
    sentence before this clause, where its verb may be ("..., and the weights under X")."""
    license_files = license_files or {}
    seen = set()
    for m in BADGE.finditer(line):
        name = m.group("name").replace("--", "-").replace("_", " ").replace("%20", " ")
        lic, _ = resolve_name(name)
        if lic and lic not in seen:
            seen.add(lic)
            yield lic, name, "has a license badge"
    for n, m in enumerate(PROSE.finditer(line)):
        if n >= 6:
            break  # a real clause names a license once or twice; a line of "under under ..." is not one
        if not RELEASE_VERB.search(said + " " + line[:m.start()]):
            continue
        text = OPEN_ADJECTIVES.sub("", _strip_markdown(m.group("name")))
        lic, written = find_license_name(text)
        if lic is None:
            url = re.search(r"\]\((https?://[^)\s\]]+)\)", m.group("name"))  # no "]": linear on "](https://" x n
            lic = resolve_url(url.group(1)) if url else None
            written = url.group(1) if url else ""
        if lic is None:
            target = re.match(r"[^\n]{0,400}?\]\((?:\./)?([^)\s#?:]+)\)", m.group("name"))
            if target and target.group(1) in license_files:
                lic, written = license_files[target.group(1)], f"a link to {target.group(1)}"
        if lic is None:
            named = UNKNOWN_NAME.match(text)
            if named and not re.match(r"(this|our|the|a|an|its|their|same)\s", named.group("n"), re.I):
                lic, written = "unknown", named.group("n").strip()
        if lic is None:
            restrictive = RESTRICTIVE_KIND.match(text)
            if restrictive:  # "under a non-commercial license": not open, whatever the LICENSE file says
                lic, written = "unknown", restrictive.group(0).strip()
        if lic and lic not in seen:
            seen.add(lic)
            yield lic, written, "says"
    if not seen and (restricted := USE_RESTRICTION.search(_strip_markdown(line))):
        # "the model is for research and learning only": not an open license, named or not
        seen.add("unknown")
        yield "unknown", restricted.group(0).strip(), "restricts use"
    if LICENSE_SECTION.search(section or "") or LICENSE_LABEL.match(line):
        m = LICENSE_LABEL.match(line)
        text = _strip_markdown(m.group("name") if m else line)
        lic, written = find_license_name(text)
        if lic and lic not in seen:
            seen.add(lic)
            yield lic, written, "license section says"


def _flatten_link_texts(line: str) -> str:
    """Link texts are one phrase: "[a license which ..., but otherwise permissive](LICENSE)" must not
    be cut into clauses."""
    return re.sub(r"\[([^\]]{0,300})\]\(", lambda m: "[" + re.sub(
        r"[,.;!?。；]|\b(?:but|while|whereas|however)\b", " ", m.group(1)) + "](", line)


# Brackets and parentheses end each run, so every "[" or "(" starts a scan that stops at the next one
# (a URL may hold one pair of parentheses: wikipedia's "Foo_(bar)").
_URL_IN_PARENS = r"\([^()]*(?:\([^()]*\)[^()]*)?\)"
MARKDOWN_IMAGE = lazyre.compile(r"!\[[^\[\]]*\]" + _URL_IN_PARENS)
MARKDOWN_LINK = lazyre.compile(r"\[([^\[\]]*)\]" + _URL_IN_PARENS)


def _strip_markdown(text: str) -> str:
    text = MARKDOWN_IMAGE.sub(" ", text)
    text = MARKDOWN_LINK.sub(r"\1", text)  # links -> their text
    return re.sub(r"[*_`>#]+", "", text).strip()


def _dedupe(evs: list[LicenseEvidence]) -> list[LicenseEvidence]:
    seen, out = set(), []
    for e in evs:
        key = (e.path, e.license, e.scope)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


# ----------------------------------------------------------------------------------- source headers
def from_source_headers(view: RepoView, release_wide: bool = False) -> list[LicenseEvidence]:
    """SPDX-License-Identifier lines of the source files. A header speaks for the file it heads: for
    the repository's code only where it is the project's convention (in at least half of the source
    files read) or where no release-wide license file says otherwise; else for its own folder (one
    copied file's header -- hydit/modules/trt/engine.py's Apache-2.0 -- must not relicense the
    code of a release under a community license)."""
    headers: dict[str, list[tuple[str, int]]] = {}
    n = 0
    for e in view.with_ext(*HEADER_EXT):
        if e.vendored or e.test:
            continue
        if n >= MAX_HEADER_FILES:
            break
        n += 1
        head = view.read(e.path, 2048)
        if not head or b"SPDX-License-Identifier" not in head:
            continue
        text = head.decode("utf-8", "replace")
        m = SPDX_LINE.search(text)
        if m:
            headers.setdefault(m.group(1).strip(), []).append((e.path, text[:m.start()].count("\n") + 1))
    out = []
    for written, where in sorted(headers.items(), key=lambda kv: -len(kv[1]))[:5]:
        convention = not release_wide or len(where) * 2 >= n
        scope = "code" if convention else "directory"
        out.append(_declared(where[0][0], written, scope, "spdx-header", where[0][1], 0.7,
                             f"SPDX-License-Identifier in {len(where)} of {n} source file(s)"))
    return [e for e in out if e is not None]
