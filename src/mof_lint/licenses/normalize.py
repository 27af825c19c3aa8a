"""License text -> the word sequence that license matching compares.

Follows the SPDX License List Matching Guidelines (spdx.github.io/spdx-spec/v2.3/license-matching-guidelines-and-templates/)
the way GitHub's licensee applies them: case, whitespace, punctuation, quotes and dashes, bullets and
numbering, copyright and "all rights reserved" lines, varietal spellings (the guidelines' list of
equivalent words), http/https, and everything after "END OF TERMS AND CONDITIONS" (an appendix on how
to apply the license is not the license). BSD/MIT-style placeholders ("the copyright holder" vs the
holder's name) are rewritten to the template's words so a real holder does not count as a change.

The same function normalises the packaged corpus (tools/build_license_corpus.py) and the scanned
text, so both sides always agree.
"""
from __future__ import annotations

import re
import unicodedata

from mof_lint import lazyre

MAX_CHARS = 256 * 1024  # a license longer than this is not a license text we match word by word

# SPDX equivalent words (subset that occurs in license texts; the guideline's list, both directions
# folded to one spelling).
VARIETAL = {
    "acknowledgement": "acknowledgment", "analogue": "analog", "analyse": "analyze",
    "artefact": "artifact", "authorisation": "authorization", "authorised": "authorized",
    "calibre": "caliber", "cancelled": "canceled", "capitalisations": "capitalizations",
    "catalogue": "catalog", "categorise": "categorize", "centre": "center",
    "emphasised": "emphasized", "favour": "favor", "favourite": "favorite", "fulfil": "fulfill",
    "fulfilment": "fulfillment", "initialise": "initialize", "judgement": "judgment",
    "labelling": "labeling", "labour": "labor", "licence": "license", "licences": "licenses",
    "licenced": "licensed", "licencing": "licensing", "maximise": "maximize",
    "modelled": "modeled", "modelling": "modeling", "offence": "offense", "optimise": "optimize",
    "organisation": "organization", "organise": "organize", "practise": "practice",
    "programme": "program", "realise": "realize", "recognise": "recognize", "signalling": "signaling",
    "utilisation": "utilization", "whilst": "while", "wilful": "willful",
    "noncommercial": "non commercial", "sublicense": "sub license", "sublicensable": "sub licensable",
    "https": "http",
}
_PUNCT_WORDS = lazyre.compile(r"[a-z0-9]+")
# "Copyright (c) 2024 Foo" is a copyright line; "COPYRIGHT HOLDERS BE LIABLE" (a wrapped sentence of
# the license itself) is not.
_COPYRIGHT_LINE = lazyre.compile(r"^\W*(copyright\b(?!\s+(holders?|notices?|owners?|laws?|and\b|or\b|protection|"
                                 r"statement|licen|interest|infringement))|\(c\)\s*\d|©|all rights reserved)", re.I)
# A title line: non-word characters around words, spaces and ".,+-()" that name a license or agreement.
# Checked in three linear steps (edges stripped, the core's characters, the keyword): the single
# pattern this replaces had three adjacent runs that could all take "(", and took minutes on a line of them.
_TITLE_EDGES = lazyre.compile(r"^[\W_]+|(?<![\W_])[\W_]+$")
_TITLE_CORE = lazyre.compile(r"[\w\s.,+\-()]*")
_TITLE_WORD = lazyre.compile(r"\b(?:licen[cs]e|agreement)\b", re.I)
_END_OF_TERMS = lazyre.compile(r"end\s+of\s+terms\s+and\s+conditions", re.I)
# Replaceable text in the BSD/MIT family templates: whoever the holder is, compare the template words.
_PLACEHOLDERS = (
    (lazyre.compile(r"neither\s+the\s+name\s+of\s+(?:\S+\s+){1,12}?nor\s+the\s+names\s+of\s+(its|their)\s+contributors", re.I),
     "neither the name of the copyright holder nor the names of its contributors"),
    (lazyre.compile(r"this\s+software\s+is\s+provided\s+by\s+(?:\S+\s+){1,12}?(``|\"|')?as\s+is", re.I),
     "this software is provided by the copyright holders and contributors as is"),
    (lazyre.compile(r"in\s+no\s+event\s+shall\s+(?:\S+\s+){1,10}?be\s+liable", re.I),
     "in no event shall the copyright holder or contributors be liable"),
)


_ASCII = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"',
                        "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2010": "-", "\u2011": "-",
                        "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Unicode-fold and lowercase: curly quotes, dashes and full-width letters become ASCII."""
    text = unicodedata.normalize("NFKC", text[:MAX_CHARS]).translate(_ASCII)
    return text.lower()


def split_terms(text: str) -> tuple[str, str]:
    """(the terms, what follows "END OF TERMS AND CONDITIONS"). The tail is usually the appendix on
    how to apply the license, which copies may omit; it is compared separately (see matcher), never
    thrown away: a restriction appended after the terms is still an addition."""
    m = _END_OF_TERMS.search(text)
    return (text[:m.start()], text[m.end():]) if m else (text, "")


def strip_boilerplate(text: str) -> str:
    lines = [ln for ln in text.splitlines() if not _COPYRIGHT_LINE.match(ln)]
    # The title may be omitted or written in many ways ("The MIT License (MIT)", "MIT License"):
    # the guidelines ignore it, so a short first line naming a license is dropped on both sides.
    head = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if head is not None and len(lines[head].split()) <= 8 and _is_title(lines[head]):
        del lines[head]
    text = "\n".join(lines)
    for pattern, template in _PLACEHOLDERS:
        text = pattern.sub(template, text, count=1)
    return text


def _is_title(line: str) -> bool:
    core = _TITLE_EDGES.sub("", line)
    return bool(_TITLE_CORE.fullmatch(core) and _TITLE_WORD.search(core))


def words(text: str) -> list[str]:
    """The normalised word sequence of a license's terms (single characters -- list markers,
    articles, version separators -- are dropped on both sides)."""
    return terms_and_tail(text)[0]


def terms_and_tail(text: str) -> tuple[list[str], list[str]]:
    terms, tail = split_terms(fold(text))
    return _tokens(strip_boilerplate(terms)), _tokens(strip_boilerplate(tail))


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for w in _PUNCT_WORDS.findall(text):
        if len(w) < 2:
            continue
        rep = VARIETAL.get(w)
        if rep:
            out.extend(rep.split())
        else:
            out.append(w)
    return out


def bigrams(seq: list[str]) -> set[tuple[str, str]]:
    return set(zip(seq, seq[1:]))
