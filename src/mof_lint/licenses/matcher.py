"""License text -> identifier, never promoting a text to a license it is not.

The corpus (corpus.json.gz, built by tools/build_license_corpus.py from ScanCode's LicenseDB) holds
every SPDX license text and the AI licenses, normalised. A text is compared with each candidate the
way GitHub's licensee does, Dice coefficient of the two *word sets*, to rank candidates. To be
called that license a text must then differ from it by no more than a handful of word pairs
(bigrams) in each direction: real copies differ by a title, a date or a holder's name; an added,
removed or rewritten clause changes many pairs even when every word is still there (licensee's 98 %
word-set threshold alone lets a 1,600-word license hide a 15-word clause). And:
  * the text's extra words (in the text, not in the license) must not include restriction words
    ("non commercial", "research", "prohibited", ...): one added clause can turn MIT into a
    non-commercial license while keeping 98 % of its words.
Below that, a text is reported as what it is: a modified or partial copy of a license, a license
text with additions, a notice that points to a license, a bare URL, or a restricted AI license
recognised by its title. Only `full` matches are the license itself.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from mof_lint.licenses.names import find_license_name, resolve_name, resolve_url
from mof_lint.licenses.normalize import bigrams, fold, words

FULL_DICE = 0.98  # licensee's CONFIDENCE_THRESHOLD
NEAR_DICE = 0.90  # short licenses (MIT: ~90 distinct words) lose 2 % to a single added word
# Real copies of a license differ from the reference by a handful of word pairs at most (a title, a
# date, a holder's name: <= 3 measured over 47 real files); an inserted or deleted clause differs by
# many more. Beyond this many differing bigrams a text is "modified", whatever its Dice score.
MAX_BIGRAM_EDITS = 3
MAX_BIGRAM_EDIT_SHARE = 0.002
SIMILAR_DICE = 0.75  # below this a text is not reported as a variant of a license at all
CONTAINS = 0.95  # share of a license's bigrams a longer text must hold to "contain" the license
RESTRICTION_WORDS = frozenset(
    "commercial noncommercial research prohibited prohibit prohibits restricted restrict restriction "
    "restrictions military harm harmful ethical acceptable evaluation academic personal "
    "nonprofit derivative derivatives revoke nc nd forbidden forbid".split())
# Words that, *added* to an otherwise unmodified license text, narrow its grant ("only in France",
# "except for ..."). Too common in notices to be cues there.
NARROWING_WORDS = RESTRICTION_WORDS | frozenset("only except exclusively solely excluding".split())

# kind of a match, from strongest to weakest
KINDS = ("full", "with-additions", "modified", "partial", "title", "notice", "reference", "none")


@dataclass(frozen=True)
class TextMatch:
    license: str  # an id, or "unknown"
    kind: str  # one of KINDS
    score: float  # word-set Dice with the best candidate (0..1), 1.0 for exact ids
    detail: str
    line: int = 1

    @property
    def identified(self) -> bool:
        """Is the text *the* license (full text), as opposed to a hint of one."""
        return self.kind == "full"


@dataclass(frozen=True)
class _Entry:
    id: str
    name: str
    seq: tuple[str, ...]
    wordset: frozenset[str]
    mask: int  # the word set as a bit mask over the corpus vocabulary: overlap = (a & b).bit_count()

    @property
    def grams(self) -> set[tuple[str, str]]:
        return _grams(self)


@lru_cache(maxsize=64)
def _grams(entry: _Entry) -> set[tuple[str, str]]:
    return bigrams(list(entry.seq))


class _Corpus(tuple):
    vocab: dict[str, int]

    def mask(self, wordset: frozenset[str]) -> int:
        bits = bytearray((len(self.vocab) + 7) // 8)
        for w in wordset:
            i = self.vocab.get(w)
            if i is not None:
                bits[i >> 3] |= 1 << (i & 7)
        return int.from_bytes(bits, "little")


@lru_cache(maxsize=1)
def corpus() -> _Corpus:
    raw = resources.files("mof_lint.licenses").joinpath("corpus.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    seqs = [tuple(rec["words"].split()) for rec in data["licenses"]]
    vocab: dict[str, int] = {}
    for seq in seqs:
        for w in seq:
            vocab.setdefault(w, len(vocab))
    shell = _Corpus()
    shell.vocab = vocab
    entries = []
    for rec, seq in zip(data["licenses"], seqs):
        ws = frozenset(seq)
        entries.append(_Entry(rec["id"], rec["name"], seq, ws, shell.mask(ws)))
    out = _Corpus(entries)
    out.vocab = vocab
    return out


@lru_cache(maxsize=1)
def _titles() -> tuple[tuple[str, re.Pattern], ...]:
    from mof_lint.licenses.catalog import catalog
    return tuple((t["id"], re.compile(t["pattern"], re.I | re.M)) for t in catalog().titles)


def dice(a: frozenset | set, b: frozenset | set) -> float:
    if not a and not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def identify_text(text: str) -> TextMatch:
    """What license a license file's text is. Pure function of the text."""
    seq = words(text)
    if not seq:
        return TextMatch("unknown", "none", 0.0, "empty file")
    wordset = frozenset(seq)
    mask = corpus().mask(wordset)
    ranked = _rank(wordset, mask)
    if ranked:
        grams = bigrams(seq)
        for score, entry in ranked[:3]:
            if score < NEAR_DICE:
                break
            ref = entry.grams
            body = _without_preamble(seq, ref)
            shared = len(ref & body)
            allowed = MAX_BIGRAM_EDITS + MAX_BIGRAM_EDIT_SHARE * len(ref)
            if len(body) - shared <= allowed and len(ref) - shared <= allowed:
                cue = _restriction_cue(wordset - entry.wordset, NARROWING_WORDS)
                if cue:
                    return TextMatch("unknown", "modified", score,
                                     f"the {entry.id} text with added words such as \"{cue}\"; not counted as {entry.id}")
                return TextMatch(entry.id, "full", score, f"{entry.id} license text ({score:.1%} of words, "
                                 f"{len(body) - shared} word pairs differ)")
        score, entry = ranked[0]
        if score >= FULL_DICE:  # the words of the license, but sentences added, removed or rewritten
            shared = len(entry.grams & grams)
            return TextMatch("unknown", "modified", score,
                             f"a modified copy of the {entry.id} text ({len(grams) - shared} word pairs added, "
                             f"{len(entry.grams) - shared} removed); not counted as {entry.id}")
        # a whole license inside a longer file (a LICENSE with third-party notices appended)
        contained = _contained(grams, wordset, mask)
        if contained:
            return contained
    short = _short_text(text, seq)
    if short:
        return short
    part = _partial(grams if ranked else bigrams(seq), wordset, mask)
    if part:
        return part
    title = _title(text)
    if title:
        return title
    if ranked and ranked[0][0] >= SIMILAR_DICE:
        best_score, best = ranked[0]
        kind = "partial" if len(wordset) < 0.8 * len(best.wordset) else "modified"
        what = "a partial copy" if kind == "partial" else "a modified copy"
        return TextMatch("unknown", kind, best_score,
                         f"{what} of the {best.id} text ({best_score:.1%} of its words); not counted as {best.id}")
    return TextMatch("unknown", "none", ranked[0][0] if ranked else 0.0, "text not identified")


def _rank(wordset: frozenset[str], mask: int) -> list[tuple[float, _Entry]]:
    n = len(wordset)
    out = []
    for entry in corpus():
        m = len(entry.wordset)
        if 2 * min(n, m) / (n + m) < SIMILAR_DICE:  # the best Dice these sizes allow
            continue
        out.append((2 * (mask & entry.mask).bit_count() / (n + m), entry))
    out.sort(key=lambda t: (-round(t[0], 4), preference(t[1].id)))
    return out[:5]


def preference(lic_id: str) -> tuple:
    """Among ids whose texts are the same (GFDL-1.3-only / -invariants-only / -or-later,
    GPL-3.0-only / -or-later), the plain one: the text alone cannot say more."""
    variant = any(w in lic_id for w in ("invariants", "or-later", "-with-", "-no-", "-RFN", "-Perl"))
    return (variant, len(lic_id), lic_id)


def _contained(grams: set, wordset: frozenset, mask: int) -> TextMatch | None:
    """Some license's full text inside a longer file: report it as that license *with additions*
    (never as the license alone)."""
    best = None
    for entry in _containment_candidates(wordset, mask):
        ref = entry.grams
        if len(ref) < 30:
            continue
        cov = len(ref & grams) / len(ref)
        if cov >= CONTAINS and (best is None or len(entry.seq) > len(best[1].seq)):
            best = (cov, entry)
    if best is None:
        return None
    cov, entry = best
    extra = len(wordset - entry.wordset)
    cue = _restriction_cue(wordset - entry.wordset)
    if cue:  # "MIT, but not for commercial use": whatever the additions say, it is not plain MIT
        return TextMatch("unknown", "with-additions", cov, f"the full {entry.id} text plus {extra} other "
                         f"words that mention \"{cue}\"; not counted as {entry.id}")
    return TextMatch(entry.id, "with-additions", cov, f"the full {entry.id} text plus {extra} other words")


def _containment_candidates(wordset: frozenset, mask: int) -> list[_Entry]:
    # a contained license has (nearly) all its words in the text
    out = []
    for entry in corpus():
        m = len(entry.wordset)
        if m <= len(wordset) and (mask & entry.mask).bit_count() >= 0.97 * m:
            out.append(entry)
    return out


MAX_PREAMBLE = 8


def _without_preamble(seq: list[str], ref: set) -> set:
    """The text's word pairs without a short line of words before the license starts (a project
    name, "pycparser -- A C parser in Python"): that is not a change to the license."""
    i = 0
    while i < min(MAX_PREAMBLE, len(seq) - 1) and (seq[i], seq[i + 1]) not in ref:
        i += 1
    return bigrams(seq[i:]) if i < MAX_PREAMBLE else bigrams(seq)


def _partial(grams: set, wordset: frozenset, mask: int) -> TextMatch | None:
    """The first part of a license, cut short: nearly all of the text's word pairs are the
    license's, but much of the license is missing."""
    if len(grams) < 30:
        return None
    n = len(wordset)
    for entry in corpus():
        if len(entry.wordset) < n or (mask & entry.mask).bit_count() < 0.95 * n:
            continue
        inside = len(grams & entry.grams) / len(grams)
        if inside >= CONTAINS and len(grams) < 0.9 * len(entry.grams):
            share = len(grams) / len(entry.grams)
            return TextMatch("unknown", "partial", inside, f"a partial copy of the {entry.id} text (about "
                             f"{share:.0%} of it); not counted as {entry.id}")
    return None


def _restriction_cue(extra: frozenset[str] | set[str], cues: frozenset[str] = RESTRICTION_WORDS) -> str | None:
    hits = sorted(extra & cues)
    return hits[0] if hits else None


NOTICE = re.compile(r"(?:licensed|released|distributed|available|provided|published|made available)\s+"
                    r"(?:to you\s+)?under\s+(?:the\s+terms\s+of\s+)?(?P<name>[^\n]{2,120})", re.I)
URL = re.compile(r"https?://[^\s<>\"')\]]+", re.I)


def _short_text(text: str, seq: list[str]) -> TextMatch | None:
    """A file that is only a URL, only an id, or a notice pointing at a license."""
    if len(seq) > 400:
        return None
    stripped = text.strip()
    urls = URL.findall(stripped)
    if urls and len(seq) <= 12:
        lic = next((resolve_url(u) for u in urls if resolve_url(u)), None)
        if lic:
            return TextMatch(lic, "reference", 1.0, f"only a link to the {lic} license ({urls[0][:80]})")
        return TextMatch("unknown", "reference", 0.0, f"only a link ({urls[0][:80]}), no license text")
    if len(seq) <= 6:
        lic, exact = resolve_name(stripped.splitlines()[0] if stripped else "")
        if lic:
            return TextMatch(lic, "reference", 1.0, f"only the license name \"{stripped[:60]}\", no license text")
    cue = _restriction_cue(set(seq))
    folded = fold(text)[:20000]
    for m in NOTICE.finditer(folded):
        lic, _ = find_license_name(m.group("name"))
        if lic:
            line = folded[:m.start()].count("\n") + 1
            return _notice(lic, cue, f"a notice that points to {lic}, not the license text", line)
    for u in urls:
        lic = resolve_url(u)
        if lic:
            return _notice(lic, cue, f"a notice that links to the {lic} license, not its text", 1)
    return None


def _notice(lic: str, cue: str | None, detail: str, line: int) -> TextMatch:
    if cue:  # "code under MIT; the weights for research only": the notice alone does not decide
        return TextMatch("unknown", "notice", 0.0, f"{detail}, and it also says \"{cue}\"; not counted as {lic}",
                         line)
    return TextMatch(lic, "notice", 1.0, detail, line)


def _title(text: str) -> TextMatch | None:
    head = "\n".join(fold(text).splitlines()[:40])
    for lic_id, pattern in _titles():
        m = pattern.search(head)
        if m:
            line = head[:m.start()].count("\n") + 1
            return TextMatch(lic_id, "title", 0.0,
                             f"recognised by its title \"{m.group(0).strip()[:60]}\" (a restricted license)", line)
    return None
