"""License statements: license files (as GitHub's licensee finds them), SPDX-License-Identifier
headers, package metadata (pyproject.toml, setup.py, package.json, CITATION.cff) and a model card's
`license:` front matter.

Each statement gets a scope from where it sits: a file named for the model/weights, data, code or
docs covers that kind; a root LICENSE covers the whole release (MOT's "distribution" license); a
LICENSE in a subfolder covers that folder. Identifying a license *text* is the license matcher's
job; here a file is identified only by an SPDX-License-Identifier line or an id in its name, and is
otherwise `unknown` (with its title as a hint).
"""
from __future__ import annotations

import ast
import json
import re

from mof_lint.detectors.common import is_test_path, markdown_docs, readme
from mof_lint.evidence import LicenseEvidence
from mof_lint.licenses.catalog import catalog
from mof_lint.repo import LICENSE_LIMIT, RepoView

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

LICENSE_FILE = re.compile(r"^(?:([\w\-]+?)[_\-.])?(un)?(licen[cs]e|copying)(?:[_\-.]([\w\-.]+?))?"
                          r"(\.(md|markdown|txt|rst|html))?$", re.I)
CODE_EXT = (".py", ".js", ".ts", ".go", ".rs", ".java", ".c", ".h", ".cpp", ".rb", ".json", ".yaml",
            ".yml", ".toml", ".cfg", ".ipynb", ".sh", ".png", ".jpg", ".svg", ".pdf")
SCOPE_WORDS = (("weights", re.compile(r"model|weight|checkpoint|param", re.I)),
               ("data", re.compile(r"data|dataset|corpus", re.I)),
               ("code", re.compile(r"code|software|source", re.I)),
               ("document", re.compile(r"doc|docs|documentation|content|text", re.I)))
SPDX_LINE = re.compile(r"SPDX-License-Identifier:\s*([\w.\-+ ()]+?)\s*(?:\*/|-->|#}|$)", re.M)
HEADER_EXT = (".py", ".sh", ".js", ".ts", ".c", ".h", ".cc", ".cpp", ".cu", ".rs", ".go", ".java")
MAX_HEADER_FILES = 3000


def _scope_of(path: str, words: str) -> str:
    for scope, pattern in SCOPE_WORDS:
        if words and pattern.search(words):
            return scope
    return "distribution" if "/" not in path else "directory"


def license_files(view: RepoView):
    for e in view.files:
        if e.vendored or is_test_path(e.path) or e.ext in CODE_EXT:
            continue
        parts = e.path.split("/")
        if len(parts) >= 2 and parts[-2].upper() == "LICENSES":  # REUSE layout: LICENSES/<id>.txt
            yield e, "reuse", e.name.rsplit(".", 1)[0]
            continue
        m = LICENSE_FILE.match(e.name)
        if m:
            words = " ".join(w for w in (m.group(1), m.group(4)) if w)
            yield e, "file", words
        elif parts[-2:-1] and re.search(r"licen[cs]es?$", parts[-2], re.I) and e.ext in ("", ".txt", ".md"):
            yield e, "file", e.name  # model_licenses/LICENSE_70B and the like


def detect(view: RepoView) -> list[LicenseEvidence]:
    cat = catalog()
    out: list[LicenseEvidence] = []
    for e, kind, words in license_files(view):
        if kind == "reuse":
            lic = cat.canonical(words) or words
            out.append(LicenseEvidence(e.path, lic, "distribution", "reuse", 1, 0.8,
                                       "REUSE license text (LICENSES/)"))
            continue
        scope = _scope_of(e.path, words)
        text = view.text(e.path, limit=LICENSE_LIMIT)
        if text is None:
            out.append(LicenseEvidence(e.path, "unknown", scope, "file", 1, 0.5, "binary or unreadable"))
            continue
        m = SPDX_LINE.search(text[:4000])
        named = cat.canonical(words.replace(" ", "-")) if words else None
        if m and cat.canonical(m.group(1)):
            line = text[:m.start()].count("\n") + 1
            out.append(LicenseEvidence(e.path, cat.canonical(m.group(1)), scope, "file", line, 0.95,
                                       "SPDX-License-Identifier in the license file", m.group(1)))
        elif named:
            out.append(LicenseEvidence(e.path, named, scope, "file", 1, 0.7,
                                       f"license named in the file name ({words})"))
        else:
            title = next((ln.strip(" #*=-\t") for ln in text.splitlines() if ln.strip(" #*=-\t")), "")[:80]
            out.append(LicenseEvidence(e.path, "unknown", scope, "file", 1, 0.9,
                                       f"text not identified (starts \"{title}\")" if title else "empty file"))
    out.extend(_declared(view))
    return out


def _declared(view: RepoView) -> list[LicenseEvidence]:
    cat = catalog()
    out: list[LicenseEvidence] = []

    def add(path, written, scope, source, line, conf, detail):
        if not isinstance(written, str) or not written.strip():
            return
        lic = cat.canonical(written) or _expression(written) or "unknown"
        out.append(LicenseEvidence(path, lic, scope, source, line, conf, detail, written.strip()[:120]))

    if "pyproject.toml" in view.entries:
        text = view.text("pyproject.toml") or ""
        try:
            project = tomllib.loads(text).get("project", {})
        except (tomllib.TOMLDecodeError, ValueError):
            project = {}
        lic = project.get("license")
        if isinstance(lic, dict):
            lic = lic.get("text") if isinstance(lic.get("text"), str) and len(lic.get("text")) < 80 else None
        line = next((i for i, ln in enumerate(text.splitlines(), 1) if ln.strip().startswith("license")), 1)
        add("pyproject.toml", lic, "code", "pyproject", line, 0.8, "pyproject.toml [project] license")
    for name in ("setup.py",):
        if name in view.entries:
            try:
                tree = ast.parse(view.text(name) or "")
            except (SyntaxError, ValueError, RecursionError):
                tree = None
            for node in ast.walk(tree) if tree else []:
                if isinstance(node, ast.keyword) and node.arg == "license" and \
                        isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                    add(name, node.value.value, "code", "setup", node.value.lineno, 0.75, "setup(license=...)")
    if "package.json" in view.entries:
        try:
            pkg = json.loads(view.text("package.json") or "")
        except ValueError:
            pkg = {}
        if isinstance(pkg, dict):
            add("package.json", pkg.get("license"), "code", "package.json", 1, 0.75, "package.json license")
    if "CITATION.cff" in view.entries:
        text = view.text("CITATION.cff") or ""
        m = re.search(r"^license:\s*['\"]?([\w.\-+]+)", text, re.M)
        if m:
            add("CITATION.cff", m.group(1), "distribution", "citation", text[:m.start()].count("\n") + 1, 0.6,
                "CITATION.cff license")
    cards = [d for d in markdown_docs(view) if d.front_matter and "license" in d.front_matter]
    root = readme(view)
    for doc in cards:
        fm = doc.front_matter
        written = fm.get("license")
        if isinstance(written, list):
            written = " OR ".join(str(w) for w in written)
        if written is None:
            continue
        written = str(written)
        line = _front_matter_line(doc, "license")
        detail = "model card front matter license"
        if written.lower() == "other" and isinstance(fm.get("license_name"), str):
            detail += f" (license_name: {fm['license_name'][:60]})"
        # On the Hub the card's `license:` is the repository's license: the whole release.
        scope = "distribution" if doc is root else ("weights" if "card" in doc.path.lower() else "directory")
        add(doc.path, written, scope, "card", line, 0.85, detail)
    headers: dict[str, list[tuple[str, int]]] = {}
    n = 0
    for e in view.files:
        if e.ext not in HEADER_EXT or e.vendored or is_test_path(e.path):
            continue
        n += 1
        if n > MAX_HEADER_FILES:
            break
        head = view.read(e.path, 2048)
        if not head or b"SPDX-License-Identifier" not in head:
            continue
        text = head.decode("utf-8", "replace")
        m = SPDX_LINE.search(text)
        if m:
            headers.setdefault(m.group(1).strip(), []).append((e.path, text[:m.start()].count("\n") + 1))
    for written, where in sorted(headers.items(), key=lambda kv: -len(kv[1]))[:5]:
        add(where[0][0], written, "code", "spdx-header", where[0][1], 0.7,
            f"SPDX-License-Identifier in {len(where)} source file(s)")
    return out


def _expression(written: str) -> str | None:
    """A simple SPDX expression whose every id is known, normalised (full parsing is the license
    matcher's job)."""
    cat = catalog()
    parts = re.split(r"\s+(AND|OR|WITH)\s+", written.strip().strip("()"))
    if len(parts) < 3:
        return None
    ids = parts[0::2]
    canon = [cat.canonical(i.strip("() ")) for i in ids]
    if any(c is None for c in canon):
        return None
    out = [canon[0]]
    for op, c in zip(parts[1::2], canon[1:]):
        out += [op, c]
    return " ".join(out)


def _front_matter_line(doc, key: str) -> int:
    for i, ln in enumerate(doc.lines[:doc.front_matter_lines], 1):
        if ln.startswith(f"{key}:"):
            return i
    return 1

