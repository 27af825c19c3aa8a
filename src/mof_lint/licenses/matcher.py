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

import base64
import gzip
import heapq
import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from mof_lint import datafiles

from mof_lint.licenses.names import find_license_name, resolve_name, resolve_url
from mof_lint.licenses.normalize import _COPYRIGHT_LINE as COPYRIGHT_LINE
from mof_lint.licenses.normalize import bigrams, fold, terms_and_tail
from mof_lint import lazyre

FULL_DICE = 0.98  # licensee's CONFIDENCE_THRESHOLD
NEAR_DICE = 0.90  # short licenses (MIT: ~90 distinct words) lose 2 % to a single added word
# Real copies of a license differ from the reference by a handful of word pairs at most (a title, a
# date, a holder's name: <= 3 measured over 47 real files); an inserted or deleted clause differs by
# many more. Beyond this many differing bigrams a text is "modified", whatever its Dice score.
MAX_BIGRAM_EDITS = 3
SIMILAR_DICE = 0.75  # below this a text is not reported as a variant of a license at all
CONTAINS = 0.95  # share of a text's word pairs that must come from a license for it to be a partial copy
RESTRICTION_WORDS = frozenset(
    "commercial noncommercial research prohibited prohibit prohibits restricted restrict restriction "
    "restrictions military harm harmful ethical acceptable evaluation academic personal "
    "nonprofit derivative derivatives revoke nc nd forbidden forbid".split())
# Words that, *added* to an otherwise unmodified license text, narrow its grant ("only in France",
# "except for ..."). Too common in notices to be cues there.
NARROWING_WORDS = RESTRICTION_WORDS | frozenset("only except exclusively solely excluding".split())
# In longer additions (third-party notices, a paragraph after the terms) single words mislead
# ("Google Research", "without restriction" in an appended MIT text): look for restricting phrases.
STRONG_WORDS = frozenset("military weapons prohibited prohibit prohibits forbidden nc nd surveillance".split())
CUE_PAIRS = frozenset(tuple(p.split()) for p in (
    "non commercial", "commercial use", "commercial purpose", "commercial purposes", "commercial products",
    "commercial activities", "research purposes", "research purpose", "research only", "research use",
    "for research", "academic purposes", "academic use", "personal use", "evaluation purposes",
    "evaluation only", "only for", "use only", "solely for", "exclusively for", "not for",
    "acceptable use", "use policy", "use restrictions"))

# kind of a match, from strongest to weakest
KINDS = ("full", "with-additions", "modified", "partial", "title", "custom", "notice", "reference", "none")


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


@dataclass(frozen=True, eq=False)
class _Entry:
    """One license of the corpus. The word sequence is split only for the few candidates a text is
    compared with; ranking needs just the precomputed word-set mask and its size."""
    id: str
    name: str
    words: str
    tail_text: str  # after "END OF TERMS AND CONDITIONS": the appendix
    mask: int  # the word set as a bit mask over the corpus vocabulary: overlap = (a & b).bit_count()
    size: int  # number of distinct words

    @property
    def seq(self) -> tuple[str, ...]:
        return _split(self.words)

    @property
    def tail(self) -> tuple[str, ...]:
        return _split(self.tail_text)

    @property
    def wordset(self) -> frozenset[str]:
        return _wordset(self.words)

    @property
    def grams(self) -> set[tuple[str, str]]:
        return _grams(self.words)

    @property
    def tail_grams(self) -> set[tuple[str, str]]:
        return _grams(self.tail_text)


@lru_cache(maxsize=128)
def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


@lru_cache(maxsize=128)
def _wordset(text: str) -> frozenset[str]:
    return frozenset(_split(text))


@lru_cache(maxsize=128)
def _grams(text: str) -> set[tuple[str, str]]:
    return bigrams(list(_split(text)))


@lru_cache(maxsize=64)
def _gram_counts(entry: _Entry) -> Counter:
    return Counter(zip(entry.seq, entry.seq[1:]))


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
    raw = datafiles.read_bytes("mof_lint.licenses", "corpus.json.gz")
    data = json.loads(gzip.decompress(raw))
    out = _Corpus(_Entry(rec["id"], rec["name"], rec["words"], rec.get("tail", ""),
                         int.from_bytes(base64.b64decode(rec["mask"]), "little"), rec["size"])
                  for rec in data["licenses"])
    out.vocab = {w: i for i, w in enumerate(data["vocab"])}
    return out


@lru_cache(maxsize=1)
def _titles() -> tuple[tuple[str, re.Pattern], ...]:
    from mof_lint.licenses.catalog import catalog
    return tuple((t["id"], re.compile(t["pattern"], re.I | re.M)) for t in catalog().titles)


def build_index(records: list[dict]) -> dict:
    """For tools/build_license_corpus.py: the vocabulary and each record's word-set mask, so that
    loading the corpus costs no splitting."""
    vocab: dict[str, int] = {}
    for rec in records:
        for w in sorted(set(rec["words"].split())):
            vocab.setdefault(w, len(vocab))
    shell = _Corpus()
    shell.vocab = vocab
    for rec in records:
        ws = frozenset(rec["words"].split())
        m = shell.mask(ws)
        rec["mask"] = base64.b64encode(m.to_bytes((m.bit_length() + 7) // 8, "little")).decode("ascii")
        rec["size"] = len(ws)
    return {"vocab": list(vocab), "licenses": records}


def identify_text(text: str) -> TextMatch:
    """What license a license file's text is. Pure function of the text."""
    seq, tail = terms_and_tail(text)
    if not seq and not tail:
        return TextMatch("unknown", "none", 0.0, "empty file")
    seq = seq or tail
    wordset = frozenset(seq)
    mask = corpus().mask(wordset)
    ranked = _rank(wordset, mask)
    grams = bigrams(seq)
    if ranked:
        for score, entry in ranked[:3]:
            if score < NEAR_DICE:
                break
            verdict = _compare(entry, score, seq, tail, wordset)
            if verdict is not None:
                return verdict
        score, entry = ranked[0]
        if score >= SIMILAR_DICE and not catalog_open(entry.id):
            # Close to a restricted license: a known title says which it is ("Llama 4 Community
            # License" close to llama3.2's words); a title naming another license is that license,
            # never the one it resembles ("SDXL 0.9 Research License Agreement" is not llama1).
            other = _other_license_title(text, entry.id)
            if other:
                return _title(text) or _custom(other, text, score, f"resembles the {entry.id} text but its "
                                               "title names another license")
        if score >= FULL_DICE:  # the words of the license, but sentences added, removed or rewritten
            shared = len(entry.grams & grams)
            return _variant("modified", entry.id, score,
                            f"a modified copy of the {entry.id} text ({len(grams) - shared} word pairs added, "
                            f"{len(entry.grams) - shared} removed)")
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
    own = text_title(text)
    if own and find_license_name(own)[0] is None and not _names_known_family(own) and not (
            ranked and ranked[0][0] >= SIMILAR_DICE and catalog_open(ranked[0][1].id)):
        # a license of its own ("Acme Model License Agreement"): named by its title, judged by its terms
        return _custom(own, text, ranked[0][0] if ranked else 0.0, "a license the corpus does not hold")
    if ranked and ranked[0][0] >= SIMILAR_DICE:
        best_score, best = ranked[0]
        kind = "partial" if len(wordset) < 0.8 * best.size else "modified"
        what = "a partial copy" if kind == "partial" else "a modified copy"
        return _variant(kind, best.id, best_score, f"{what} of the {best.id} text ({best_score:.1%} of its words)")
    return TextMatch("unknown", "none", ranked[0][0] if ranked else 0.0, "text not identified")


def _compare(entry: _Entry, score: float, seq: list[str], tail: list[str], wordset: frozenset) -> TextMatch | None:
    """The verdict when the text's terms are this license's terms, else None."""
    ref = entry.grams
    body = _without_preamble(seq, ref)
    # counted with multiplicity: "free of charge" -> "for a fee" removes pairs that occur elsewhere too
    have, want = Counter(zip(body, body[1:])), _gram_counts(entry)
    n_added, n_removed = sum((have - want).values()), sum((want - have).values())
    if n_added > MAX_BIGRAM_EDITS or n_removed > MAX_BIGRAM_EDITS:
        return None
    cue = _restriction_cue(wordset - entry.wordset, NARROWING_WORDS)
    if cue:
        return _variant("modified", entry.id, score, f"the {entry.id} text with added words such as \"{cue}\"")
    # After the terms, a copy may keep or drop the appendix, but anything else is an addition.
    added = bigrams(tail) - entry.tail_grams - ref
    if len(added) > MAX_BIGRAM_EDITS:
        extra = set(tail) - set(entry.tail) - entry.wordset
        cue = _phrase_cue(_minus_contained_licenses(added))
        if cue:
            return _variant("with-additions", entry.id, score, f"the full {entry.id} text plus {len(extra)} "
                            f"words after its terms that mention \"{cue}\"")
        return TextMatch(entry.id, "with-additions", score,
                         f"the full {entry.id} text plus {len(extra)} other words after its terms")
    return TextMatch(entry.id, "full", score, f"{entry.id} license text ({score:.1%} of words, "
                     f"{n_added + n_removed} word pairs differ)")


def _variant(kind: str, lic_id: str, score: float, detail: str) -> TextMatch:
    """A text that is not exactly the license: never counted as an *open* license; a variant of a
    restricted one is still that restricted license (it is not open either way, and saying which
    license it resembles is the useful answer)."""
    if catalog_open(lic_id):
        return TextMatch("unknown", kind, score, f"{detail}; not counted as {lic_id}")
    return TextMatch(lic_id, kind, score, f"{detail}; {lic_id} is not open either way")


def _rank(wordset: frozenset[str], mask: int) -> list[tuple[float, _Entry]]:
    n = len(wordset)
    out = []
    for entry in corpus():
        m = entry.size
        if 2 * min(n, m) / (n + m) < SIMILAR_DICE:  # the best Dice these sizes allow
            continue
        out.append((2 * (mask & entry.mask).bit_count() / (n + m), entry))
    top = heapq.nlargest(12, out, key=lambda t: t[0])  # then ties by preference, on a dozen only
    top.sort(key=lambda t: (-round(t[0], 4), preference(t[1].id)))
    return top[:5]


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
        missing = len(ref - grams)
        cov = 1 - missing / len(ref)
        if missing <= MAX_BIGRAM_EDITS and (best is None or len(entry.seq) > len(best[1].seq)):
            best = (cov, entry)
    if best is None:
        return None
    cov, entry = best
    extra = len(wordset - entry.wordset)
    cue = _phrase_cue(_minus_contained_licenses(grams - entry.grams))
    if cue:  # "MIT, but not for commercial use": whatever the additions say, it is not plain MIT
        return _variant("with-additions", entry.id, cov, f"the full {entry.id} text plus {extra} other "
                        f"words that mention \"{cue}\"")
    return TextMatch(entry.id, "with-additions", cov, f"the full {entry.id} text plus {extra} other words")


def _containment_candidates(wordset: frozenset, mask: int) -> list[_Entry]:
    # a contained license has (nearly) all its words in the text
    out = []
    for entry in corpus():
        m = entry.size
        if m <= len(wordset) and (mask & entry.mask).bit_count() >= 0.97 * m:
            out.append(entry)
    return out


MAX_PREAMBLE = 8


def _without_preamble(seq: list[str], ref: set) -> list[str]:
    """The text without a short line of words before the license starts (a project name,
    "pycparser -- A C parser in Python"): that is not a change to the license."""
    i = 0
    while i < min(MAX_PREAMBLE, len(seq) - 1) and (seq[i], seq[i + 1]) not in ref:
        i += 1
    return seq[i:] if i < MAX_PREAMBLE else seq


def _partial(grams: set, wordset: frozenset, mask: int) -> TextMatch | None:
    """The first part of a license, cut short: nearly all of the text's word pairs are the
    license's, but much of the license is missing."""
    if len(grams) < 30:
        return None
    n = len(wordset)
    found = []
    for entry in corpus():
        if entry.size < n or (mask & entry.mask).bit_count() < 0.95 * n:
            continue
        inside = len(grams & entry.grams) / len(grams)
        if inside >= CONTAINS and len(grams) < 0.9 * len(entry.grams):
            found.append((inside, entry))
    if not found:
        return None
    # the license the text is the beginning of: most of its pairs, then the shortest such license
    found.sort(key=lambda t: (-round(t[0], 3), len(t[1].grams), preference(t[1].id)))
    inside, entry = found[0]
    close = [e for i, e in found if i >= inside - 0.01]
    share = len(grams) / len(entry.grams)
    detail = f"a partial copy of the {entry.id} text (about {share:.0%} of it)"
    if len({catalog_open(e.id) for e in close}) > 1:  # as much the start of an open as of a closed license
        return TextMatch("unknown", "partial", inside, f"{detail}; not counted as any license")
    return _variant("partial", entry.id, inside, detail)


def _minus_contained_licenses(added: set) -> set:
    """Additions without the full texts of other licenses they hold (a LICENSE that appends the MIT
    and BSD texts of vendored code): those are licenses of other parts, not restrictions."""
    words = frozenset(w for pair in added for w in pair)
    mask = corpus().mask(words)
    for entry in _containment_candidates(words, mask):
        if len(entry.grams) >= 30 and len(entry.grams - added) <= MAX_BIGRAM_EDITS and \
                catalog_open(entry.id):
            added = added - entry.grams
    return added


def catalog_open(lic_id: str) -> bool:
    from mof_lint.licenses.catalog import catalog
    return catalog().is_open(lic_id)


def catalog_info(lic_id: str):
    from mof_lint.licenses.catalog import catalog
    return catalog().info(lic_id)


def register_terms(lic_id: str, restricted: bool, about_a_model: bool) -> None:
    """Record what the terms of a license of its own say (the last text read under a title decides):
    whether they restrict use, whether they are a model's (catalog.licenses_a_model)."""
    from mof_lint.licenses.catalog import catalog
    cat = catalog()
    for known, yes in ((cat.custom_restricted, restricted), (cat.custom_models, about_a_model)):
        if yes:
            known.add(lic_id)
        else:
            known.discard(lic_id)


# Terms about a model: "Model Derivatives", "the model weights", "trained model", or the word itself
# again and again (a community license for a model defines and restricts "the Model" throughout).
MODEL_PAIRS = frozenset({("model", "weights"), ("model", "derivatives"), ("trained", "model"),
                         ("model", "parameters"), ("machine", "learning")})
MODEL_WORDS_MIN = 10


def _phrase_cue(pairs: set) -> str | None:
    hits = sorted(" ".join(p) for p in pairs if p in CUE_PAIRS)
    hits += sorted(w for p in pairs for w in p if w in STRONG_WORDS)
    return hits[0] if hits else None


def _restriction_cue(extra: frozenset[str] | set[str], cues: frozenset[str] = RESTRICTION_WORDS) -> str | None:
    hits = sorted(extra & cues)
    return hits[0] if hits else None


NOTICE = lazyre.compile(r"(?:licensed|released|distributed|available|provided|published|made available)\s+"
                        r"(?:to you\s+)?under\s+(?:the\s+terms\s+of\s+)?(?P<name>[^\n]{2,120})", re.I)
# The GNU family's notice: "under the terms of the GNU General Public License as published by the
# Free Software Foundation, either version 3 of the License, or (at your option) any later version".
GNU_NOTICE = lazyre.compile(r"terms\s+of\s+the\s+gnu\s+(lesser\s+|library\s+|affero\s+)?general\s+public\s+license"
                            r"[^.]{0,120}?version\s+(\d(?:\.\d)?)(?:\s+of\s+the\s+license)?(?P<later>,?\s+or\s+"
                            r"(?:\(at\s+your\s+option\)\s+)?any\s+later\s+version)?", re.I)
GNU_IDS = {"": "GPL", "lesser ": "LGPL", "library ": "LGPL", "affero ": "AGPL"}
URL = lazyre.compile(r"https?://[^\s<>\"')\]]+", re.I)


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
    cue = _phrase_cue(bigrams(seq))
    folded = fold(text)[:20000]
    gnu = GNU_NOTICE.search(folded)
    if gnu:
        family = GNU_IDS[(gnu.group(1) or "").lower().split()[0] + " " if gnu.group(1) else ""]
        version = gnu.group(2) if "." in gnu.group(2) else gnu.group(2) + ".0"
        lic = f"{family}-{version}-{'or-later' if gnu.group('later') else 'only'}"
        from mof_lint.licenses.catalog import catalog
        if lic in catalog().spdx:
            return _notice(lic, cue, f"a GNU notice for {lic}, not the license text",
                           folded[:gnu.start()].count("\n") + 1)
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


# Words of a license title that do not tell one license from another.
GENERIC_TITLE_WORDS = frozenset(
    "license licence licenses agreement terms of use the community research version and for non commercial "
    "noncommercial model models software ai open public end user eula conditions a an copyright ltd inc llc "
    "dated acceptable policy responsible rail m".split())
TITLE_LINE = lazyre.compile(r"\b(licen[cs]e|agreement|terms of use)\b", re.I)
NUMBERS = lazyre.compile(r"\d+(?:\.\d+)*")
# A line that says something rather than names something: a pronoun and its verb.
SENTENCE_LINE = lazyre.compile(r"(?:this|these|the following|it)\s+(?:\w+\s+)?(?:is|are|applies|apply|covers|governs)\b",
                               re.I)


def text_title(text: str) -> str | None:
    """The text's own title: its first non-empty line when it is short and names a license or an
    agreement ("SDXL 0.9 RESEARCH LICENSE AGREEMENT")."""
    for line in text[:4000].splitlines()[:8]:
        line = line.strip().strip("#*=_-").strip()
        if not line or COPYRIGHT_LINE.match(line) or SENTENCE_LINE.match(line):
            continue  # a note above the title ("THIS LICENSE IS FOR THE MODEL WEIGHTS ONLY") is not it
        if len(line) <= 100 and len(line.split()) <= 12 and TITLE_LINE.search(line):
            return line
        return None
    return None


@lru_cache(maxsize=1)
def _known_name_words() -> frozenset[str]:
    """Every word of every license name mof-lint knows (SPDX's and the AI licenses')."""
    from mof_lint.licenses.catalog import catalog
    cat = catalog()
    names = [str(r.get("name", "")) for r in cat.spdx.values()] + [str(r.get("name", "")) for r in cat.named.values()]
    names += list(cat.spdx) + list(cat.named)
    return frozenset(w for n in names for w in re.findall(r"[a-z]+", n.lower()) if len(w) > 1)


def _names_known_family(title: str) -> bool:
    """A title that names a known license ("Apache License", "BSD License", "GNU GPL") without a
    version: a damaged copy of that license, not a license of its own."""
    distinctive = set(re.findall(r"[a-z]+", fold(title))) - GENERIC_TITLE_WORDS
    return not distinctive or bool(distinctive & _known_name_words())


def _other_license_title(text: str, lic_id: str) -> str | None:
    """The text's title when it names a license other than `lic_id`: none of its distinctive words is
    in the license's name, or its version numbers differ."""
    title = text_title(text)
    if not title:
        return None
    info = catalog_info(lic_id)
    name = f"{lic_id} {info.name}".lower()
    t_low = fold(title)
    t_words = set(re.findall(r"[a-z]+", t_low)) - GENERIC_TITLE_WORDS
    n_words = set(re.findall(r"[a-z]+", name))
    t_nums, n_nums = set(NUMBERS.findall(t_low)), set(NUMBERS.findall(name))
    if (t_words and not t_words & n_words) or (t_nums and n_nums and not t_nums & n_nums):
        return title
    return None


def _custom(title: str, text: str, score: float, why: str) -> TextMatch:
    """A license of its own, reported by its title as `LicenseRef-<title>` (SPDX's form for a license
    without an id), restricted when its terms limit use (non-commercial, research only, ...)."""
    slug = re.sub(r"[^A-Za-z0-9.+]+", "-", title).strip("-.")
    if len(slug) > 80:
        slug = slug[:80].rsplit("-", 1)[0]
    slug = slug or "custom"
    lic_id = f"LicenseRef-{slug}"
    seq, tail = terms_and_tail(text)
    pairs = bigrams(seq + tail)
    cue = _phrase_cue(pairs) or _restriction_cue(set(seq) & STRONG_WORDS)
    register_terms(lic_id, restricted=bool(cue), about_a_model=bool(pairs & MODEL_PAIRS) or
                   sum(w in ("model", "models") for w in seq) >= MODEL_WORDS_MIN)
    if cue:
        return TextMatch(lic_id, "custom", score, f"\"{title[:60]}\": {why}; its terms restrict use "
                         f"(\"{cue}\"), so it is not open")
    return TextMatch(lic_id, "custom", score, f"\"{title[:60]}\": {why}; its terms were not recognised as open")


def _title(text: str) -> TextMatch | None:
    head = "\n".join(fold(text).splitlines()[:40])
    for lic_id, pattern in _titles():
        m = pattern.search(head)
        if m:
            line = head[:m.start()].count("\n") + 1
            return TextMatch(lic_id, "title", 0.0,
                             f"recognised by its title \"{m.group(0).strip()[:60]}\" (a restricted license)", line)
    return None
