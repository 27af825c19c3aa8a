"""Research paper and technical report: the repository's *own*, never the works it cites.

A link counts as the model's own paper when the repository marks it so: it sits in a Citation /
BibTeX section or block, in CITATION.cff or a .bib file, or near the top of the README with an
anchor such as "Paper", "arXiv" or "Technical report", or a sentence says "our paper". Every other
arXiv/DOI link is a citation. PDFs in the tree count when their name says paper/report or they are
long documents; a one-page PDF is a figure.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from mof_lint.detectors.common import (MARKDOWN_EXT, NEWS_SECTION, document, markdown_docs, names_project, names_title,
                                       pointers, project_names, readme)
from mof_lint.detectors.data import DATA_DIR
from mof_lint.evidence import Evidence
from mof_lint.findings import Finding
from mof_lint.repo import RepoView, is_example_path, is_test_path
from mof_lint import lazyre

PAPER = "research_paper"
REPORT = "technical_report"
CITE_SECTION = lazyre.compile(r"cit(e|ation|ing)|bibtex|reference (this|us)|how to cite|引用|paper$|^paper|"
                              r"^publications?$|^references?$", re.I)
OWN_ANCHOR = lazyre.compile(r"\bpaper\b|arxiv|technical report|tech report|\breport\b|preprint|\bmanuscript\b|📄|📃|📝|"
                            r"论文|\bpdf\b", re.I)
# (the noun may be the link's text: "CARP is described in this [preprint](https://doi.org/...)")
OWN_CONTEXT = lazyre.compile(r"\b(our|this|the accompanying|the) [\[*_]{0,3}(paper|technical report|tech report|"
                             r"report|preprint|publication|manuscript)\b|\bpaper:|\breport:|\bmanuscript:|\bpre-?print:|论文", re.I)
# ... unless the sentence gives the paper to another work: "LoRA (as detailed in the [paper](…))",
# "Gaussian Error Linear Units (GELU) paper: https://…"
# ... or offers it as further reading on a technique the text names: "employing Q-LoRA (refer to the
# [paper](…))", "Check out the [paper](…) to learn more about how it works", "关于LoRA的详细介绍可以参考论文"
OTHER_WORKS_PAPER = lazyre.compile(r"\b(approach|method|technique|algorithm)\s+of\s+[A-Z][\w\-]{1,30}\b|"
                                   r"\([A-Z][\w\-]{1,20}\)\s+paper:|\bof\s+[A-Z][\w\-]{1,30}\s+\(as\s+(detailed|described)\s+in\s+the\b|"
                                   r"[A-Z][\w\-]{1,30}\s+\((please\s+)?(refer\s+to|see)\s+the\s+\[?paper\b|"
                                   r"\bthe\s+\[paper\]\([^)\s]{1,300}\)\s+to\s+(learn|read)\s+more\s+about\s+how\s+it\s+works|"
                                   r"关于\s?[A-Za-z][\w\-]{0,30}\s?的[^。]{0,20}可以?参考论文|"
                                   r"[A-Z][\w\-]{1,30}\s?[（(]\s?请?参考\s?\[?论文|[A-Z][\w\-]{1,30}的[^（(]{0,20}[（(]\s?如\s?\[?论文|"
                                   r"\b(information|details?)\s+(about|on)\s+[A-Z][\w\-]{1,30}\s+can\s+be\s+found\s+in\s+the\s+paper\b|"
                                   r"\baccording\s+to\s+(the\s+)?\[[A-Z][\w\-]{1,30}\]\([^)\s]{1,300}\)\s+paper\b")
REPORT_WORDS = lazyre.compile(r"technical report|tech report|\breport\b|white ?paper|blog", re.I)
PAPER_FILE = lazyre.compile(r"paper|report|technical|arxiv|preprint|whitepaper|manuscript|\d{4}\.\d{4,5}", re.I)
# (and the legal papers a release ships: a user agreement, terms of use, a use policy, 用户协议, 许可)
NOT_PAPER_FILE = lazyre.compile(r"model[_\-\s]?card|data[_\-\s]?card|datasheet|fig|plot|chart|poster|slides?|"
                                r"diagram|logo|license|licence|agreement|terms[_\-\s]?of|polic(y|ies)|eula|"
                                r"user[_\-\s]?(guide|manual)|协议|许可", re.I)
TOP_LINES = 40
MANY_CITED = 4
SURVEY_PAPERS = 20  # distinct arXiv papers in one document: a walk through others' techniques
# A section that thanks other works ("Acknowledgements", "Credits", "Related projects"): their papers
# and BibTeX entries are theirs.
REFERENCES = lazyre.compile(r"\breferences?\b", re.I)
THANKS_SECTION = lazyre.compile(r"acknowledg|\bthanks\b|\bcredits?\b|related (works?|projects?|papers?)", re.I)
# A section of others' papers about the model ("Papers mentioning ruGPT3", "Works using M", "Projects
# built on M", "Citations of M"): wherever a subsection and its BibTeX sit under it, they are theirs.
USED_BY_SECTION = lazyre.compile(r"\b(papers?|works?|projects?|publications?|research|studies)\s+(that\s+)?"
                                 r"(mention(s|ing)?|us(e|es|ing)|cit(e|es|ing)|buil(t|ding)\s+(on|with|upon)|based\s+on)\b|"
                                 r"\b(citations?\s+of|used\s+(in|by)|who\s+uses?)\b", re.I)
# "* Technical reports for metrics:\n  * [Model 2](url)": a README list item that names the reports,
# papers or publications of the work; the links nested under it are its own ("Related papers" is not).
OWN_LIST = lazyre.compile(r"\W{0,5}(our |the )?(technical reports?|tech reports?|papers?|publications?|reports?)\b", re.I)
PAPER_KINDS = ("arxiv", "doi", "paper", "pdf")


def _under_used_by(view: RepoView, p) -> bool:
    """The pointer's section, or a section enclosing it, lists others' works that use the model."""
    if USED_BY_SECTION.search(p.section or ""):
        return True
    if not p.path.lower().endswith(MARKDOWN_EXT):
        return False
    doc = document(view, p.path)
    return doc is not None and any(USED_BY_SECTION.search(t) for t in doc.outer_sections(p.line))


def _method_source(path: str) -> bool:
    """A source file below the root (litgpt/adapter.py, models/recognition/master/pytorch.py), or a
    document of an example for users (examples/doremi/README.md): its "this paper" is the method the
    module or the example implements, another work's."""
    return "/" in path and not path.lower().endswith(MARKDOWN_EXT + (".txt", ".cff", ".bib", ".html", ".tex")) \
        or is_example_path(path)


def detect(view: RepoView) -> list[Evidence]:
    out: list[Evidence] = []
    root = readme(view)
    top_limit = _top_limit(root)
    cited = 0
    seen: set[str] = set()
    # A citation section listing many works (the papers the code builds on) names no one of them as
    # this work's own: from MANY_CITED distinct papers up, its entries count only if marked elsewhere.
    per_section: dict[tuple[str, str], set[str]] = {}
    # ... and a .bib file of many entries is a bibliography (the works the docs cite), not CITATION.bib
    per_bib: dict[str, set[str]] = {}
    # ... and a document that walks through dozens of papers (a library of techniques, section by
    # section: "### One Write-Head Is All You Need ... This paper was largely ignored") says "this
    # paper" of the technique each section presents, not of the repository's own work
    per_doc: dict[str, set[str]] = {}
    for p in pointers(view):
        if p.kind in PAPER_KINDS and CITE_SECTION.search(p.section or ""):
            per_section.setdefault((p.path, p.section), set()).add(p.ref or p.url)
        if p.kind in PAPER_KINDS and p.path.lower().endswith(".bib"):
            per_bib.setdefault(p.path, set()).add(p.ref or p.url)
        if p.kind == "arxiv":
            per_doc.setdefault(p.path, set()).add(p.ref or p.url)
    crowded = {k for k, refs in per_section.items() if len(refs) >= MANY_CITED}
    bibliographies = {path for path, refs in per_bib.items() if len(refs) >= MANY_CITED}
    surveys = {path for path, refs in per_doc.items() if len(refs) >= SURVEY_PAPERS}
    for p in pointers(view):
        listed = root is not None and p.path == root.path and OWN_LIST.match(p.item)
        if (p.kind not in PAPER_KINDS and not (listed and p.kind == "other")) or is_test_path(p.path):
            continue
        entry = view.entries.get(p.path)
        if entry is not None and entry.vendored:
            continue
        name = p.path.rsplit("/", 1)[-1].lower()
        reason = None
        if p.path in bibliographies or (p.path, p.section) in crowded:
            reason = None  # one of many works cited
        elif _under_used_by(view, p):
            reason = None  # a paper that mentions or uses the model, not its own
        elif THANKS_SECTION.search(p.section or "") and not CITE_SECTION.search(p.section or "") and \
                not REFERENCES.search(p.section or ""):  # "References and Acknowledgements" cites its own too
            reason = None  # "Acknowledgement": the works this one thanks, BibTeX and all
        elif name.endswith((".cff", ".bib")):
            reason = f"cited as this work in {p.path}"
        elif CITE_SECTION.search(p.section or "") or "@" in p.context and "{" in p.context or \
                re.search(r"^\s*(eprint|journal|url|howpublished|booktitle)\s*=", p.context, re.I):
            reason = f"in the {p.section or 'citation'} section" if p.section else "in a BibTeX entry"
        elif OTHER_WORKS_PAPER.search(p.context):
            pass  # another work's paper, wherever the README gives it
        elif root is not None and p.path == root.path and p.line <= top_limit and \
                OWN_ANCHOR.search(p.text):
            reason = f"linked as \"{(p.text or p.kind)[:40]}\" at the top of the README"
        elif OWN_CONTEXT.search(p.context) and not _method_source(p.path) and p.path not in surveys:
            reason = "described as this work's paper"
        elif listed:
            reason = f"listed under \"{p.item.strip()[:40]}\" in the README"
        elif root is not None and p.path == root.path and _titled_for_project(p.text, root, view):
            # "[ALBERT: A Lite BERT for Self-supervised Learning ...](arxiv)" under "# ALBERT": the
            # paper's title opens with the name the README (or the project's package) goes by
            reason = f"linked by its title \"{p.text.strip()[:40]}\", which opens with the project's name"
        elif root is not None and p.path == root.path and OWN_ANCHOR.search(p.text) and \
                names_project(p.section, project_names(view)):
            # "### GFP-GAN: Towards Real-World Blind Face Restoration" then "[[Paper](arxiv)]": the
            # heading is the project's own title, wherever it sits in the README
            reason = f"linked as \"{(p.text or p.kind)[:40]}\" under the README's heading naming the project"
        elif root is not None and p.path == root.path and p.line <= top_limit and \
                (OWN_ANCHOR.search(_before(p)) or TITLE_LABEL.search(_before(p)) or IMPLEMENTS.search(_before(p)[-200:])):
            # "Paper source: [Yunet: a tiny ...](springer)", "TabNet: ... arXiv preprint [link]"
            reason = "labelled as the paper at the top of the README"
        elif root is not None and p.path == root.path and p.line <= top_limit and _venue_follows(root, p.line):
            reason = "given with its authors and venue at the top of the README"
        key = p.ref or p.url
        if reason is None:
            cited += 1
            out.append(Evidence(PAPER, "link_only", p.path, f"cited work {key} (not this model's paper)",
                                p.line, 0.2, p.url))
            continue
        if key in seen:
            continue
        seen.add(key)
        comp = REPORT if REPORT_WORDS.search(p.text + " " + p.context) and not CITE_SECTION.search(
            p.section or "") else PAPER
        label = f"arXiv:{p.ref}" if p.kind == "arxiv" else key
        # a paper announced in a news section ("Latest updates -- SAM 2 ... SAM 2 paper: arXiv") may be
        # a newer release's: one the README cites as this work comes first
        cited_here = name.endswith((".cff", ".bib")) or reason.startswith(("in the ", "in a BibTeX"))
        news = NEWS_SECTION.search(p.section or "") and not cited_here
        out.append(Evidence(comp, "link_only", p.path, f"{label}, {reason}" + (" (in a news section)" if news else ""),
                            p.line, 0.6 if news else 0.8, p.url))
    # a release blog post or report page linked at the top of the README ("Blog 7B: <url>"), or cited
    # as this work in the README's BibTeX (url = {https://…/blog/…})
    if root is not None:
        top = max(top_limit, root.front_matter_lines + TOP_LINES)
        for link in root.links:
            if not link.url.startswith("http"):
                continue
            line = root.lines[link.line - 1] if 0 < link.line <= len(root.lines) else ""
            label = link.text + " " + _own_lead(line[:max(0, line.find(link.url))])[-60:]
            if link.line <= top and WRITE_UP.search(label) and not index_page(link.url, link.text):
                out.append(Evidence(REPORT, "link_only", root.path, f"release write-up: {link.text[:60]}",
                                    link.line, 0.55, link.url))
                break
        else:
            for p in pointers(view):
                if p.path == root.path and p.kind == "other" and "/blog" in p.url.lower() and (
                        CITE_SECTION.search(p.section or "") or re.match(r"\s*(url|howpublished)\s*=", p.context)):
                    out.append(Evidence(REPORT, "link_only", root.path, f"release write-up cited as this work: "
                                        f"{p.url[:60]}", p.line, 0.55, p.url))
                    break
    out += _markdown_papers(view)
    opened = 0
    for e in view.with_ext(".pdf"):
        if e.vendored or e.test or NOT_PAPER_FILE.search(e.name):
            continue
        pages = None  # past MAX_PDFS (or the run's time budget) a PDF is judged by its name
        if opened < MAX_PDFS and not view.out_of_time(e.path):
            opened += 1
            pages = _pdf_pages(view, e.path)
        named = PAPER_FILE.search(e.name)
        if not named and DATA_DIR.search(e.dir):
            continue  # a long PDF among the data (a corpus's overview, its annotation guide) documents the data
        if named and pages == 1:
            continue  # a one-page PDF named for the paper is one of its figures (plots/task_generalization_paper.pdf)
        if named or (pages is not None and pages >= 6):
            comp = REPORT if re.search(r"report|technical|whitepaper", e.name, re.I) else PAPER
            what = f"{pages}-page PDF" if pages else "PDF"
            out.append(Evidence(comp, "present", e.path, f"{what} in the repository", 1,
                                0.8 if named else 0.6))
    own = [x for x in out if x.confidence >= 0.5]
    if not own and root is not None:
        own = _bibtex_paper(root)
        out += own
    if cited and not own:
        first = next(x for x in out if x.confidence < 0.5)
        view.findings.append(Finding("MOF104", f"{cited} paper link(s) found, none marked as this model's "
                                     "paper; add a Citation section or CITATION.cff", path=first.path,
                                     line=first.line, component=21))
    from mof_lint.detectors import strongest  # (the package imports this module)
    return strongest(view, out, lambda x: -x.confidence)


ABSTRACT = lazyre.compile(r"^\W*abstract\W*$", re.I)

# A README's BibTeX entry for a published work ("@inproceedings{Chan2022, title = {Efficient
# Geometry-aware 3D ...}, booktitle = {CVPR}") names the paper even when it gives no link. An
# @misc/@software entry (howpublished = {GitHub}) cites the repository itself, not a paper.
BIB_ENTRY = lazyre.compile(r"@(article|inproceedings|incollection|conference|techreport|phdthesis|book|inbook)"
                           r"\s{0,5}[{(]", re.I)
BIB_ANY_ENTRY = lazyre.compile(r"@[a-z]{2,20}\s{0,5}[{(]", re.I)
BIB_FIELD = lazyre.compile(r"^\s{0,40}(title|journal|booktitle|institution|school|publisher)\s{0,5}=\s{0,5}"
                           r"[{\"]{1,3}([^\n]{1,300})", re.I | re.M)
CITE_REQUEST = lazyre.compile(r"\bcit(e|ing|ation)\b|bibtex", re.I)
MAX_BIB_ENTRIES = 2  # more entries in the README's citation blocks: the works the code builds on


def _bibtex_paper(root) -> list[Evidence]:
    """The model's paper named only by a BibTeX entry in the README's citation block (no arXiv or DOI
    link, or none taken as its own): link_only, since the entry identifies the paper. Not when the
    blocks cite several works, nor when the entry's title names an earlier version of the project
    ("CodeGeeX: ..." cited by CodeGeeX4's README)."""
    entries = []
    for block in root.code:
        if not (CITE_SECTION.search(block.section or "") or CITE_REQUEST.search(root.lead_in(block.line))):
            continue
        starts = [m.start() for m in BIB_ANY_ENTRY.finditer(block.text)]
        for i, at in enumerate(starts):
            body = block.text[at:starts[i + 1] if i + 1 < len(starts) else len(block.text)]
            entries.append((block, at, body))
    if not entries or len(entries) > MAX_BIB_ENTRIES:
        return []
    block, at, body = entries[0]
    if not BIB_ENTRY.match(body):
        return []
    fields = {m.group(1).lower(): m.group(2) for m in BIB_FIELD.finditer(body)}
    title = re.sub(r"[{}\"]", "", fields.get("title", "")).rstrip(", ").strip()
    venue = next((fields[k] for k in ("journal", "booktitle", "institution", "school") if k in fields), "")
    venue = re.sub(r"[{}\"]", "", venue).rstrip(", ").strip()
    if len(title) < 8 or not venue or re.search(r"github|repository", venue, re.I) or _earlier_version(title, root):
        return []
    line = block.line + 1 + block.text.count("\n", 0, at)
    return [Evidence(PAPER, "link_only", root.path, f"\"{title[:80]}\" ({venue[:60]}), cited as this work in "
                     f"the README's BibTeX (no link)", line, 0.6)]


def _earlier_version(title: str, root) -> bool:
    """Whether a cited title's name ("CodeGeeX" in "CodeGeeX: A Pre-Trained Model ...") is the
    README's project name without its version ("CodeGeeX4", "Foo-v2", "Bar 2.5")."""
    name = title.split(":", 1)[0].strip() if ":" in title else ""
    heading = next((h.text for h in root.headings if h.level <= 2), "")
    project = re.split(r"[:(\-–—|<]", heading, 1)[0].strip() if heading else ""
    if not name or not project or len(name) > 40:
        return False
    squeeze = lambda text: re.sub(r"[^a-z0-9.]", "", text.lower())  # noqa: E731
    rest = squeeze(project)[len(squeeze(name)):] if squeeze(project).startswith(squeeze(name)) else None
    return bool(rest) and re.fullmatch(r"v?\d+(\.\d+)?", rest) is not None


def _markdown_papers(view: RepoView) -> list[Evidence]:
    """A paper or technical report committed as Markdown: named like one (technical_report.md,
    docs/paper.md) and written like one (an Abstract heading). Issue and pull-request templates
    ("bug_report.md") have no abstract."""
    out = []
    for doc in markdown_docs(view):
        name = doc.path.rsplit("/", 1)[-1]
        if doc.path.startswith(".github/") or not PAPER_FILE.search(name) or NOT_PAPER_FILE.search(name) \
                or not any(ABSTRACT.match(h.text) for h in doc.headings[:5]):
            continue
        comp = REPORT if re.search(r"report|technical|whitepaper", name, re.I) else PAPER
        out.append(Evidence(comp, "present", doc.path, "technical report in Markdown (with an abstract)"
                            if comp == REPORT else "paper in Markdown (with an abstract)", 1, 0.75))
    return out


URL = lazyre.compile(r"https?://[^\s)\]>]*")
WRITE_UP = lazyre.compile(r"\bblog\b|technical report|tech report|announcement", re.I)


def index_page(url: str, text: str) -> bool:
    """A link to a site's front or section page, not to one post: its path is empty, or one folder
    named as the link is (`<a href="https://ai.meta.com/blog/">Blog</a>`). A write-up has its own
    path (/blog/whisper, /news/announcing-model-7b)."""
    path = [part for part in urlsplit(url).path.split("/") if part]
    return not path or (len(path) == 1 and path[0].lower() == text.strip().lower())


# Where the previous link of a row ends: "[Blog](…) | [Direct Download](…)" gives each link its own words.
LINK_END = lazyre.compile(r"\)|</a>|\|")


def _own_lead(before: str) -> str:
    """The words before a link since the previous link on its line ended (`before` runs up to the
    link's address, so a Markdown link's own "[text](" is dropped first)."""
    if before.endswith("]("):
        before = before[:-2]
    return LINK_END.split(before)[-1]


# A paper's title that opens with a name and a colon ("BLEURT: Learning Robust Metrics ...").
NAMED_TITLE = lazyre.compile(r"^\W{0,3}(?P<name>[A-Za-z][\w.\-]{2,40}):\s+[A-Z]")


def _titled_for_project(text: str, root, view: RepoView) -> bool:
    """A link whose text is a paper's title opening with the project's name: the name one of the
    README's first headings begins with, or one of the project's own packages."""
    m = NAMED_TITLE.match(text or "")
    return bool(m) and (names_project(m.group("name"), project_names(view)) or names_title(m.group("name"), root))


def _before(p) -> str:
    """The text of the link's line before the link: its label ("Paper source:", "arXiv preprint")."""
    at = p.context.find(p.url)
    return URL.sub(" ", p.context[:at]) if at >= 0 else ""  # other links' addresses are not labels


# "This repository contains the implementation of [BioGPT: ...](journal)", "Official PyTorch
# implementation of [the paper](...)": the repository says it implements the linked work.
# ("training and inference code for the MoLeR model introduced in [Learning to Extend ...](arxiv)")
IMPLEMENTS = lazyre.compile(r"\b(implementation|code(\s+release)?|codebase)\s+(of|for)\s+(the\s+|our\s+)?(\w+\s+){0,5}?"
                            r"(\[[^\[\]]{0,300}\]\(|\W{0,3})$", re.I)
TITLE_LABEL = lazyre.compile(r"^\W*(paper\s+)?title\W*:", re.I)  # "*Title*: [CodeT5+: Open Code LLMs ...](arxiv)"


# The venue line of a paper's header block ("> *In Conference on Computer Vision and Pattern
# Recognition (CVPR), 2023*", "NeurIPS 2022 (Spotlight)"): a venue's name, then its year.
VENUE = lazyre.compile(r"\b(proceedings|conference|journal|transactions|CVPR|ICCV|ECCV|NeurIPS|NIPS|ICLR|ICML|"
                       r"AAAI|IJCAI|ACL|EMNLP|NAACL|MICCAI|KDD|SIGGRAPH|TPAMI|Nature|Science)\b[^\n]{0,100}?"
                       r"\b(19|20)\d\d\b")


def _venue_follows(root, line: int) -> bool:
    """A paper given as a header block at the top of the README: its title's link, then (within
    three lines of the same paragraph) its authors and the venue it appeared at, which says that
    this repository is that paper's code."""
    for n in range(line, min(line + 3, len(root.lines))):
        text = root.lines[n]
        if not text.strip() or text.lstrip().startswith("#"):
            return False
        if VENUE.search(text[:300]):
            return True
    return False


def _top_limit(root) -> int:
    """The README's top: its title block, up to the second heading (or TOP_LINES lines)."""
    if root is None:
        return 0
    fm = root.front_matter_lines
    heads = [h.line for h in root.headings if h.line > fm]
    limit = heads[1] if len(heads) > 1 else fm + TOP_LINES
    return max(min(limit, fm + TOP_LINES * 2), fm + 15)


MAX_PDFS = 50  # PDFs whose first MiB is read for a page count
PDF_TOKENS = lazyre.compile(rb"/Count\s+(\d{1,9})|/Type\s*/Pages\b|>")
# A linearized ("fast web view") PDF states its page count, /N, in a dictionary in its first 1024
# bytes (PDF 1.7, annex F): its page tree is often compressed out of sight (object streams, PDF 1.5+).
LINEARIZED = lazyre.compile(rb"<<\s*/Linearized\s[^>]{0,300}?/N\s+(\d{1,9})")


def _pdf_pages(view: RepoView, path: str) -> int | None:
    data = view.read(path, 1 << 20)
    if not data or not data.startswith(b"%PDF"):
        return None
    linearized = LINEARIZED.search(data[:1024])
    if linearized:
        return int(linearized.group(1))
    # A /Count in the same dictionary as /Type /Pages (no ">" between them), in one pass over the
    # three tokens: a pattern that scans ahead from each /Type /Pages for its /Count is quadratic on
    # a file of "/Type /Pages" repeated (five 1 MB PDFs took minutes).
    best, pages_here, counts_here = None, False, []
    for m in PDF_TOKENS.finditer(data):
        if m.group(0) == b">":
            pages_here, counts_here = False, []
        elif m.group(1) is not None:
            counts_here.append(int(m.group(1)))
            if pages_here:
                best = max(best or 0, counts_here[-1])
        else:
            pages_here = True
            if counts_here:
                best = max(best or 0, *counts_here)
    return best
