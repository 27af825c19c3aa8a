"""License names, URLs and SPDX expressions as people write them -> the id they mean.

`resolve_name("Apache License, Version 2.0")` -> ("Apache-2.0", False): the id, and whether the
writer already used the exact id (if not, the linter suggests it). Names are compared by a key that
drops case, punctuation and filler words ("the", "license", "version"), so "MIT License",
"Apache 2.0", "CC BY-NC 4.0", "BSD-3" and "Llama 3.1 Community License" all find their id. An
ambiguous name ("BSD", "GPL") resolves to nothing rather than to a guess.

Expressions (`MIT OR Apache-2.0`, `GPL-2.0-or-later WITH Classpath-exception-2.0`) are parsed by
`license-expression`, the SPDX expression library of the ScanCode project.
"""
from __future__ import annotations

import re
from functools import lru_cache

from license_expression import get_spdx_licensing

from mof_lint.licenses.catalog import catalog
from mof_lint.safeparse import too_deep
from mof_lint import lazyre

FILLER = lazyre.compile(r"\b(the|licen[cs]e[ds]?|version|agreement|international|universal|terms|of|use)\b", re.I)
EXPRESSION_OPERATOR = lazyre.compile(r"\s(AND|OR|WITH)\s|^\(|\)$", re.I)


def name_key(text: str) -> str:
    t = text.lower().replace("licence", "license")
    t = re.sub(r"(?:\b|(?<=[a-z]))v\.?\s*(\d)", r" \1", t)  # "v3.0", "GPLv3", "v. 2"
    t = FILLER.sub(" ", t)
    return re.sub(r"[^a-z0-9.+]", "", t).strip(".")


def _variants(key: str) -> set[str]:
    out = {key}
    if key.endswith(".0"):
        out.add(key[:-2])
    if "clause" in key:
        out.add(key.replace("clause", ""))
    for k in list(out):
        if k.endswith("only"):  # "GNU General Public License v3.0" is the -only license
            out.add(k[:-4])
            out.add(k[:-4].removesuffix(".0"))
    return out


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    cat = catalog()
    index: dict[str, str] = {}

    def put(written: str, lic_id: str, strong: bool) -> None:
        for k in _variants(name_key(written)):
            if k and (strong or k not in index):
                index[k] = lic_id

    for lic_id, rec in cat.spdx.items():
        if rec.get("isDeprecatedLicenseId"):
            continue
        put(rec.get("name", ""), lic_id, False)
    for lic_id, rec in cat.spdx.items():  # ids win over names
        if not rec.get("isDeprecatedLicenseId"):
            put(lic_id, lic_id, True)
    for lic_id, rec in cat.mof.items():
        put(rec.get("name", ""), lic_id, False)
        put(lic_id, lic_id, True)
    for lic_id, rec in cat.named.items():
        target = rec.get("spdx") or lic_id
        put(rec.get("name", ""), target, True)
        put(lic_id, target, True)
    for alias, rec in cat.aliases.items():
        if rec.get("spdx"):
            put(alias, rec["spdx"], True)
        else:
            index.pop(name_key(alias), None)  # ambiguous: never guess
    # deprecated GNU ids ("GPL-3.0") and bare family names mean the "-only" license when a version is given
    for lic_id, rec in cat.spdx.items():
        if rec.get("isDeprecatedLicenseId") and f"{lic_id}-only" in cat.spdx:
            for k in _variants(name_key(lic_id)):
                index.setdefault(k, f"{lic_id}-only")
    for ambiguous in ("bsd", "gpl", "lgpl", "agpl", "cc", "creativecommons", "gnu", "other", "custom"):
        index.pop(ambiguous, None)
    return index


def resolve_name(written: str) -> tuple[str | None, bool]:
    """(id, exact) for a license name or id as written; (None, False) when it is not one."""
    if not isinstance(written, str):
        return None, False
    w = written.strip().strip("\"'`*[]")
    if not w or len(w) > 120:
        return None, False
    cat = catalog()
    if w in cat.spdx or w in cat.mof or w in cat.open_data or w in cat.open_other:
        return w, True
    if w.lower() in cat.named:
        target = cat.named[w.lower()].get("spdx") or w.lower()
        return target, w == target or target == w.lower()
    index = _index()
    candidates = [w, re.sub(r"\([^()]*\)", " ", w)] + re.findall(r"\(([^()]+)\)", w)
    for cand in candidates:
        hit = index.get(name_key(cand))
        if hit:
            return hit, False
    m = CC_WITHOUT_VERSION.fullmatch(re.sub(r"^(?:the|a|an)\s+", "", w, flags=re.I))
    if m:  # "CC-BY-NC", "CC BY-SA license": people write the family; its current version (4.0) is meant
        lic = "CC-" + "-".join(re.findall(r"by|nc|sa|nd", m.group(1).lower())).upper() + "-4.0"
        if lic in cat.spdx:
            return lic, False
    return None, False


# A Creative Commons license named without its version.
CC_WITHOUT_VERSION = lazyre.compile(r"(?:creative\s+commons\s+|cc[\s_-]*)((?:by)(?:[\s_-]*(?:nc|sa|nd)){0,2})"
                                    r"(?:\s+licen[cs]e)?", re.I)


@lru_cache(maxsize=1)
def _url_index() -> dict[str, str]:
    cat = catalog()
    out: dict[str, str] = {}
    for lic_id, rec in cat.spdx.items():
        if rec.get("isDeprecatedLicenseId"):
            continue
        for u in [*(rec.get("seeAlso") or []), f"https://spdx.org/licenses/{lic_id}.html"]:
            out.setdefault(url_key(u), lic_id)
    for lic_id, rec in cat.named.items():
        for u in rec.get("urls", []) or []:
            out[url_key(u)] = rec.get("spdx") or lic_id
    return out


def url_key(url: str) -> str:
    u = url.strip().lower().rstrip(".,;)")
    u = re.sub(r"^https?://(www\.)?", "", u)
    u = re.sub(r"(/legalcode(\.[a-z-]+)?|/deed\.[a-z-]+|\.html?|\.txt|\.php)$", "", u)
    return u.rstrip("/")


# Sites whose license pages are named by the license id: opensource.org/licenses/MIT,
# choosealicense.com/licenses/apache-2.0, spdx.org/licenses/CC-BY-4.0.
_ID_IN_URL = lazyre.compile(r"^(?:opensource\.org/licenses?|choosealicense\.com/licenses|spdx\.org/licenses)/([\w.+-]+)$")


def resolve_url(url: str) -> str | None:
    key = url_key(url)
    hit = _url_index().get(key)
    if hit:
        return hit
    m = _ID_IN_URL.match(key)
    return resolve_name(m.group(1))[0] if m else None


_STOP = lazyre.compile(r"[,;:()\[\]]|\s(?:but|and|or|except|for|with|which|unless|while|if)\s|\.(?!\d)")


def find_license_name(fragment: str, max_words: int = 9) -> tuple[str | None, str]:
    """The license a phrase starts with: "the MIT license, but the weights ..." -> ("MIT", "the MIT
    license"). Tries the longest run of words first, stopping at clause boundaries."""
    head = re.sub(r",\s*(?=(?:version|v)\s*\d)", " ", fragment.strip(), flags=re.I)
    head = _STOP.split(head, maxsplit=1)[0]
    toks = head.split()[:max_words]
    for n in range(len(toks), 0, -1):
        cand = " ".join(toks[:n])
        lic, _ = resolve_name(cand)
        if lic:
            return lic, cand
    return None, ""


def looks_like_expression(written: str) -> bool:
    return bool(EXPRESSION_OPERATOR.search(written.strip()))


MAX_EXPRESSION_NESTING = 16  # real SPDX expressions nest two or three levels
MAX_EXPRESSION_CHARS = 1000  # and name a few licenses: a hundred OR'ed ids take seconds to parse


def parse_expression(written: str) -> tuple[str | None, list[str], list[str]]:
    """(normalised expression, ids in it, unknown symbols). The expression is None when it does not
    parse or names ids that are neither SPDX nor known to mof-lint."""
    licensing = _licensing()
    if len(written) > MAX_EXPRESSION_CHARS or too_deep(written, "expression", MAX_EXPRESSION_NESTING) is not None:
        return None, [], [written]  # the parser and the walks over its tree recurse once per level
    try:
        parsed = licensing.parse(written, validate=False)
    except Exception:  # noqa: BLE001 - the parser's own bugs too: "()" raises IndexError inside it
        return None, [], [written]
    if parsed is None:
        return None, [], []
    symbols = licensing.license_symbols(parsed, unique=True)
    known_exceptions = {s.key for s in symbols if s.is_exception and s.key in licensing.known_symbols}
    keys = [s.key for s in symbols if s.key not in known_exceptions]
    unknown = []
    fixed = {}
    for k in keys:
        lic, exact = resolve_name(k)
        if lic is None:
            unknown.append(k)
        elif not exact or lic != k:
            fixed[k] = lic
    text = parsed.render()
    for old, new in fixed.items():
        text = re.sub(rf"(?<![\w.+-]){re.escape(old)}(?![\w.+-])", new, text)
    ids = [fixed.get(k, k) for k in keys]
    return (None if unknown else text), ids, unknown


@lru_cache(maxsize=1)
def _licensing():
    return get_spdx_licensing()
