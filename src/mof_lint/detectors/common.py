"""Shared, memoised views of a repository for detectors: its documents, its Python files, every
link it contains, and what a link points at. All pure functions of the RepoView."""
from __future__ import annotations

from bisect import bisect_right

import operator
import re
import time
from dataclasses import dataclass
from itertools import groupby, islice
from urllib.parse import unquote, urlsplit

from mof_lint.detectors import markdown, pyfacts
from mof_lint.findings import Finding
from mof_lint.repo import NOTEBOOK_LIMIT, TEXT_LIMIT, RepoView
from mof_lint.safeparse import ParseFailure, unparsable
from mof_lint import lazyre

MARKDOWN_EXT = (".md", ".markdown", ".mdx")
# Big trees: parse the most relevant files only (shallow, named like model code or docs); the rest
# are judged by name. A note (MOF410) says how many were left unparsed.
MAX_MARKDOWN = 200
MARKDOWN_BUDGET = 1 << 20  # bytes of Markdown parsed per run: markdown-it takes ~5 s a MiB of dense links
# ... and seconds: markdown-it is not linear on every shape (128 KiB of "[x](" takes 1.5 s), so a run
# stops parsing Markdown once it has spent this long on it, whoever asks (every document goes
# through `document`). Real repositories spend well under a second; the cap only bites on
# pathological documents, and a MOF410 note says which were left unparsed.
MARKDOWN_SECONDS = 3.0
MAX_PYTHON = 300
# ... and at most this much source: the analysis costs 0.5-2 s a MiB (a real model repository's 300
# most relevant files hold 0.1-1 MiB), so 300 files of 64 KiB took 10 s.
PYTHON_BUDGET = 2 << 20
PYTHON_FILE_MAX = 512 << 10  # one file: a MiB of dense code is ~250 MB of syntax tree (real model code: < 200 KiB)
# Matched on the lowered name, without re.I: case-insensitive matching turns off the engine's literal
# fast paths (12 us a name against 1 us), and this runs on up to 1,500 names a check.
RELEVANT_CODE = lazyre.compile(r"train|model|eval|infer|generat|predict|sampl|data|prep|process|token|finetun|"
                               r"pretrain|run|main|app|demo|serve|bench|config|arch|net|dedup|filter|clean|download")
README_NAMES = ("readme.md", "readme.markdown", "readme.mdx", "readme.rst", "readme.txt", "readme")
WEIGHT_EXT = (".safetensors", ".bin", ".pt", ".pth", ".ckpt", ".h5", ".hdf5", ".keras", ".gguf", ".ggml",
              ".onnx", ".msgpack", ".tflite", ".mlmodel", ".pdparams", ".npz", ".pb", ".nemo", ".engine", ".dat")
DATA_EXT = (".jsonl", ".json", ".csv", ".tsv", ".parquet", ".arrow", ".tfrecord", ".tfrecords",
            ".txt", ".jsonl.gz", ".json.gz", ".csv.gz", ".zst", ".npy", ".feather", ".avro", ".xml")
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff")
MEDIA_EXT = IMAGE_EXT + (".mp4", ".webm", ".mov", ".wav", ".mp3", ".flac", ".ogg")
# Files that look like weights by extension but are tokenizers or vocabularies (a common trap).
TOKENIZER_RE = lazyre.compile(r"(tokeni[sz]er|vocab|merges|sentencepiece|spiece|bpe|\.tiktoken$|"
                              r"(^|/)(sp|spm)\.model$|tokenizer\.model$)", re.I)


# ---------------------------------------------------------------------------------- documents
# own, shallow files first; a stable sort of a path-ordered list keeps path order among equals (C-speed
# key: the folder's fields are read directly, not through the entry's properties)
_TEST_DEPTH = operator.attrgetter("test", "folder.depth")
def markdown_docs(view: RepoView) -> list[markdown.MdDoc]:
    def build():
        # (.github/ holds the hosting platform's issue and pull-request templates: "## Output" there
        # asks a reporter for their output; nothing in it documents the model)
        entries = [e for e in view.with_ext(*MARKDOWN_EXT) if not e.vendored and not e.path.startswith(".github/")]
        entries.sort(key=_TEST_DEPTH)  # with_ext lists are in path order
        docs = []
        for e in entries[:MAX_MARKDOWN]:
            doc = document(view, e.path)
            if doc is not None:
                docs.append(doc)
        return docs
    return view.memo("markdown_docs", build)


def read_documents(view: RepoView) -> None:
    """Read and parse the Markdown and configuration files every check reads (what this process does
    while a child parses the Python files: ahead.ParsingAhead)."""
    text_pointers(view)  # the Markdown documents and the configuration files, read and parsed


def document(view: RepoView, path: str) -> markdown.MdDoc | None:
    def build():
        text = view.text(path)
        if text is None:
            if path in view.entries and view.entries[path].size:
                view.findings.append(Finding("MOF406", f"{path} is not text (binary content); "
                                             "it was not read", path=path, line=1))
            return None
        if view.out_of_time(path):
            return None
        budget = view.memo("_markdown_budget", lambda: {"bytes": MARKDOWN_BUDGET, "seconds": MARKDOWN_SECONDS,
                                                        "left_out": 0})
        cost = min(len(text), markdown.MAX_PARSE)
        if budget["bytes"] < cost or budget["seconds"] <= 0:
            if not budget["left_out"]:
                why = "seconds" if budget["seconds"] <= 0 else "MiB"
                limit = MARKDOWN_SECONDS if why == "seconds" else MARKDOWN_BUDGET >> 20
                view.findings.append(Finding("MOF410", f"Markdown parsing stopped at {path}: over {limit:g} {why} "
                                             "of documents; it and the rest are not read", level="note"))
            budget["left_out"] += 1
            return None
        budget["bytes"] -= cost
        started = time.perf_counter()
        doc = markdown.parse(path, text)
        budget["seconds"] -= time.perf_counter() - started
        if doc.parsed_chars is not None:
            view.findings.append(Finding("MOF405", f"{path} is dense with link and emphasis markup; headings, tables "
                                         f"and links were read from its first {doc.parsed_chars} characters only",
                                         path=path, level="note"))
        if doc.front_matter_error is not None:
            err = doc.front_matter_error
            view.findings.append(Finding("MOF304", err.message, path=path, line=err.line))
        return doc
    return view.memo(("md", path), build)


# A data manifest by its file name: data/manifest.yaml, datasets.json, data_sources.yml, croissant.json
# (not data.json / data.yaml: those are usually data or a YOLO-style config, not a list of datasets)
MANIFEST_FILE = lazyre.compile(r"^(data(set)?s?[_\-]?(manifest|list|sources?)|datasets?|manifest|croissant[\w.-]*)"
                               r"\.(ya?ml|json|jsonld)$", re.I)
MAX_MANIFEST_BYTES = 64 * 1024  # a list of datasets; a bigger "manifest" is a file list, not parsed
# Pure-Python YAML with line marks reads ~50 KB a second: a run parses this many manifests and bytes
# of them at most (shallowest first), whatever the tree holds.
MAX_MANIFESTS = 16
MANIFEST_BUDGET = 128 * 1024


def manifest_files(view: RepoView) -> list:
    """The data manifests of the tree that are read, shallowest first: at most MAX_MANIFESTS files and
    MANIFEST_BUDGET bytes of them (one over MAX_MANIFEST_BYTES is listed, to be reported, not parsed).
    A note (MOF410) says how many were left out."""
    def build():
        cands = sorted((e for e in view.with_ext(".yaml", ".yml", ".json", ".jsonld")
                        if MANIFEST_FILE.match(e.name) and not e.vendored and not e.test),
                       key=lambda e: (e.depth, e.path))
        kept, budget = [], MANIFEST_BUDGET
        for e in cands:
            cost = e.size if e.size <= MAX_MANIFEST_BYTES else 0
            if len(kept) < MAX_MANIFESTS and cost <= budget:
                kept.append(e)
                budget -= cost
        if len(kept) < len(cands):
            view.findings.append(Finding("MOF410", f"{len(cands)} data manifests; {len(kept)} were read (at most "
                                         f"{MAX_MANIFESTS} files and {MANIFEST_BUDGET >> 10} KiB), the others not",
                                         level="note"))
        return kept
    return view.memo("manifest_files", build)


def yaml_document(view: RepoView, path: str):
    """(data, marks) of a YAML or JSON file of the repository, parsed once per run; a YamlError
    when it does not parse; None when it is binary or larger than a manifest can reasonably be
    (pure-Python YAML with line marks is slow on megabytes)."""
    from mof_lint.yamlio import YamlError, load_yaml

    def build():
        e = view.entries.get(path)
        if e is None or e.size > MAX_MANIFEST_BYTES or view.out_of_time(path):
            return None
        text = view.text(path)
        if text is None:
            return None
        try:
            return load_yaml(text, path)
        except YamlError as err:
            return err
    return view.memo(("yaml", path), build)


def readme(view: RepoView) -> markdown.MdDoc | None:
    """The root README (the Hub's model card when it has front matter)."""
    by_lower = view.memo("_root_names", lambda: {p.lower(): p for p in sorted(
        p for p in view.entries if "/" not in p)})  # path order: README.md and readme.md pick one the same way
    for name in README_NAMES:
        if name in by_lower:
            return document(view, by_lower[name])
    return None


# Top-level package folders that name a role, not the project (src/, utils/, models/ ...).
GENERIC_PACKAGES = frozenset({"src", "lib", "libs", "utils", "util", "tools", "scripts", "models", "model", "core",
                              "common", "configs", "config", "data", "datasets", "tests", "test", "docs", "examples",
                              "modules", "networks", "nets", "ops", "app", "apps", "demo", "notebooks", "third_party",
                              "training", "train", "eval", "evaluation", "inference", "package", "python"})
_SHORTCODE = lazyre.compile(r":[a-z0-9_+\-]{1,30}:")


def squeezed(text: str, limit: int = 300) -> str:
    """Lowercase letters and digits only (of the first `limit` characters), emoji shortcodes (":book:")
    dropped: "GFP-GAN" -> "gfpgan"."""
    return "".join(filter(str.isalnum, _SHORTCODE.sub("", text[:limit].lower())))


def project_names(view: RepoView) -> frozenset[str]:
    """The names the project gives its own code: its top-level Python packages (a folder with an
    __init__.py, not one named for a role like utils/ or models/), squeezed, four characters or more."""
    def build():
        names = set()
        for folder in view.dirs:
            if "/" not in folder and folder.lower() not in GENERIC_PACKAGES and f"{folder}/__init__.py" in view.entries:
                name = squeezed(folder)
                if len(name) >= 4:
                    names.add(name)
        return frozenset(names)
    return view.memo("project_names", build)


def names_project(title: str, names: frozenset[str]) -> bool:
    """Whether a heading begins with one of the project's names ("GFP-GAN: Towards ..." for gfpgan)."""
    key = squeezed(title or "")
    return any(key.startswith(name) for name in names)


# Words that open a sentence or a title without naming anything ("This is released under", "The ...").
GENERIC_SUBJECT = frozenset({"this", "the", "our", "all", "code", "software", "data", "it", "we", "everything",
                             "repository", "project", "source", "these", "its", "each", "any"})
TITLE_HEADINGS = 3


def names_title(name: str, doc) -> bool:
    """Whether `name` is what the document's title calls its subject ("Bark" under "# 🐶 Bark", "GFPGAN"
    under "## GFP-GAN: Towards ..."): one of its first headings begins with it (a language switcher or
    a badge row may come first)."""
    key = squeezed(name)
    if not name.split() or name.split()[0].lower() in GENERIC_SUBJECT or len(key) < 3:
        return False
    return any(squeezed(h.text).startswith(key) for h in doc.headings[:TITLE_HEADINGS])


def readmes(view: RepoView) -> list[markdown.MdDoc]:
    """Every README-like document, root first."""
    return [d for d in markdown_docs(view) if d.path.lower().rsplit("/", 1)[-1].startswith("readme")]


# ---------------------------------------------------------------------------------- python
_FOLDER = operator.attrgetter("folder")
_TEST = operator.attrgetter("test")


def first_cut(entries: list, n: int) -> list:
    """The first `n` of `entries` (in path order) by (vendored, test, depth): own code before
    vendored, non-test before test, shallow before deep, path order within; what a stable sort on
    that key gives, without a key per entry. A folder's files share vendored and depth, so they go
    to their bucket run by run; only a run that holds a test file is split file by file."""
    buckets: dict[tuple[bool, bool, int], list] = {}
    for folder, run in groupby(entries, key=_FOLDER):
        run = list(run)
        key = (folder.vendored, False, folder.depth)
        if any(map(_TEST, run)):
            for e in run:
                buckets.setdefault((folder.vendored, e.test, folder.depth), []).append(e)
        else:
            buckets.setdefault(key, []).extend(run)
    out: list = []
    for key in sorted(buckets):
        out.extend(buckets[key])
        if len(out) >= n:
            break
    return out[:n]


def python_files(view: RepoView) -> list[pyfacts.PyFacts]:
    def build():
        entries = view.with_ext(".py") + view.with_ext(".ipynb")
        if len(entries) > 5 * MAX_PYTHON:  # a cheap first cut (no regex) on very big trees
            entries = first_cut(entries, 5 * MAX_PYTHON)
        entries.sort(key=lambda e: (e.vendored, e.test, not RELEVANT_CODE.search(e.name.lower()),
                                    e.depth, e.path))
        total = len(view.with_ext(".py")) + len(view.with_ext(".ipynb"))
        if total > MAX_PYTHON:
            view.findings.append(Finding("MOF410", f"{total} Python files; the {MAX_PYTHON} most relevant "
                                         "(shallow, named like model, training or data code) were parsed, the "
                                         "others judged by name", path=None, line=None, level="note"))
        out = []
        budget = PYTHON_BUDGET
        for e in entries[:MAX_PYTHON]:
            if view.out_of_time(e.path):
                break
            if budget <= 0:
                view.findings.append(Finding("MOF410", f"Python parsing stopped at {e.path}: over "
                                             f"{PYTHON_BUDGET >> 20} MiB of source; the rest are judged by name",
                                             level="note"))
                break
            if e.ext == ".py" and e.size > PYTHON_FILE_MAX:
                view.findings.append(Finding("MOF405", f"{e.path} is {e.size} bytes of Python; files over "
                                             f"{PYTHON_FILE_MAX >> 10} KiB are judged by name (their syntax tree "
                                             "would take hundreds of MiB)", path=e.path, level="note"))
                continue
            text = view.text(e.path, NOTEBOOK_LIMIT if e.ext == ".ipynb" else TEXT_LIMIT, cache=False)
            if text is None:
                continue
            if e.ext == ".ipynb":
                try:  # a notebook over the limit is read as far as its cells are whole
                    text = pyfacts.notebook_source(text, e.path, cut=e.size > NOTEBOOK_LIMIT)
                except ParseFailure as err:
                    if not e.vendored and e.size <= NOTEBOOK_LIMIT:  # a notebook cut at the limit is MOF405's
                        view.findings.append(unparsable(err, e.path))
                    continue
                if text is None:
                    continue
            # the budget bounds what is parsed: a notebook's code cells, not the images and tables its
            # outputs kept (two notebooks of plots used to stop the parsing of every file after them)
            budget -= len(text)
            facts = pyfacts.analyse(e.path, text)
            if not facts.ok and not e.vendored:
                view.findings.append(Finding("MOF404", f"{e.path} could not be parsed as Python "
                                             f"({facts.error}); judged by its name only",
                                             path=e.path, line=facts.error_line))
            out.append(facts)
        return out
    return view.memo("python_files", build)


# ---------------------------------------------------------------------------------- links
@dataclass(frozen=True)
class Pointer:
    """A link found in the repository and what it points at."""
    url: str
    kind: str  # hf_model | hf_dataset | hf_space | hf_collection | arxiv | doi | paper | github | download | other
    ref: str  # the id: "org/name", an arXiv id, a DOI, "owner/repo"
    path: str  # file it was found in
    line: int
    text: str = ""  # anchor text
    section: str = ""  # heading above it
    in_code: bool = False
    context: str = ""  # the source line, cut to 300 characters
    item: str = ""  # the label of the list item the link is nested under (markdown.Link.item)


# A README's news or update section announces releases, often other projects' (a successor model,
# a sibling code model); the datasets it names there are not evidence of this model's data unless
# the clause that links them speaks of training ("pretrained on ... [Github Code](...)").
NEWS_SECTION = lazyre.compile(r"\b(news|updates?|changelog|change log|release notes|what'?s new|announcements?)\b|"
                              r"更新|新闻|动态|公告", re.I)
TRAINING_CONTEXT = lazyre.compile(r"\b(train(ed|ing)?|pre-?train(ed|ing)?|fine-?tun(ed|ing)|corpus|data ?set)\b"
                                  r"|训练|数据", re.I)
CLAUSE_END = lazyre.compile(r"[。；;！？，]|[.!?,:](?=\s)")
ARXIV_RE = lazyre.compile(r"arxiv\.org/(?:abs|pdf|html)/([a-z\-]+/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?", re.I)
ARXIV_ID_RE = lazyre.compile(r"(?:arxiv[:\s]*|eprint\s*=\s*[{\"]\s*)(\d{4}\.\d{4,5})", re.I)
HF_RE = lazyre.compile(r"^https?://(?:www\.)?(?:huggingface\.co|hf\.co)/(.*)$", re.I)
HF_NON_REPO = {"docs", "blog", "papers", "spaces", "datasets", "models", "learn", "join", "login",
               "pricing", "settings", "organizations", "new", "api", "tasks", "collections", "posts",
               "chat", "inference-endpoints", "transformers", "course", "search", "enterprise",
               "huggingface", "terms-of-service", "privacy", "changelog", "support", "hub"}
GITHUB_RE = lazyre.compile(r"^https?://(?:www\.)?github\.com/([\w.\-]+)/([\w.\-]+)", re.I)
BIB_DOI_RE = lazyre.compile(r"\s{0,40}doi\s{0,5}=\s{0,5}[{\"]\s{0,5}(10\.\d{4,9}/[^\s\"{}]{1,200})", re.I)
DOI_RE = lazyre.compile(r"(?:doi\.org/|doi:\s*)(10\.\d{4,9}/[^\s\"'<>\])}]+)", re.I)
PAPER_HOSTS = ("openreview.net/forum", "openreview.net/pdf", "aclanthology.org", "aclweb.org/anthology",
               "proceedings.neurips.cc", "proceedings.mlr.press", "papers.nips.cc", "openaccess.thecvf.com",
               "ieeexplore.ieee.org", "dl.acm.org", "link.springer.com", "jmlr.org/papers",
               "ojs.aaai.org", "semanticscholar.org/paper", "research/publications", "ai.meta.com/research",
               "ai.facebook.com/research", "storage.googleapis.com/deepmind-media", "papers.ssrn.com",
               # preprint servers and journals of the sciences (biology, chemistry, medicine)
               "biorxiv.org/content", "medrxiv.org/content", "chemrxiv.org", "nature.com/articles",
               "science.org/doi", "cell.com/", "academic.oup.com/", "pnas.org/doi", "plos.org/", "ncbi.nlm.nih.gov/pmc")


# A Hub dataset repository named for checkpoints or weights (datasets/rhasspy/piper-checkpoints):
# the Hub's dataset storage used as a store of model files, not a dataset.
HUB_MODEL_STORE = lazyre.compile(r"(^|[_\-.])(checkpoints?|ckpts?|weights|pretrained[_\-]models?)$", re.I)


def classify_url(url: str) -> tuple[str, str]:
    u = url.strip()
    m = ARXIV_RE.search(u)
    if m:
        return "arxiv", m.group(1)
    m = DOI_RE.search(u)
    if m:
        doi = m.group(1).rstrip(".")
        if "zenodo" in doi.lower():
            return "zenodo", doi  # software archives, not papers
        if doi.lower().startswith("10.48550/arxiv."):
            return "arxiv", doi.split(".", 2)[-1]
        return "doi", doi
    m = HF_RE.match(u)
    if m:
        rest = unquote(m.group(1)).split("?")[0].split("#")[0].strip("/")
        parts = [p for p in rest.split("/") if p]
        if len(parts) >= 3 and parts[0] == "datasets" and HUB_MODEL_STORE.search(parts[2]):
            return "hf_model", f"{parts[1]}/{parts[2]}"  # a dataset repository that stores checkpoints
        if len(parts) >= 3 and parts[0] == "datasets":
            return "hf_dataset", f"{parts[1]}/{parts[2]}"
        if len(parts) == 2 and parts[0] == "datasets":  # a canonical dataset: no organisation (squad)
            return "hf_dataset", parts[1]
        if len(parts) >= 3 and parts[0] == "spaces":
            return "hf_space", f"{parts[1]}/{parts[2]}"
        if len(parts) >= 2 and parts[0] == "papers":
            return "arxiv", parts[1]
        if len(parts) >= 3 and parts[0] == "collections":  # a curated list of the release's repositories
            return "hf_collection", f"{parts[1]}/{parts[2]}"
        if len(parts) >= 2 and parts[0] not in HF_NON_REPO and not parts[1].startswith("?"):
            return "hf_model", f"{parts[0]}/{parts[1]}"
        if len(parts) == 1 and parts[0] not in HF_NON_REPO:
            return "hf_org", parts[0]
        return "other", ""
    m = GITHUB_RE.match(u)
    if m:
        repo = m.group(2)
        repo = repo[:-4] if repo.lower().endswith(".git") else repo
        return "github", f"{m.group(1)}/{repo}"
    low = u.lower()
    if any(h in low for h in PAPER_HOSTS):
        return "paper", u
    try:
        path = urlsplit(u).path.lower() if "://" in u else low
    except ValueError:  # "Invalid IPv6 URL" and friends: untrusted text is not always a URL
        return "other", u
    if path.endswith(".pdf"):
        return "pdf", u
    if path.endswith(WEIGHT_EXT) or path.endswith((".tar", ".tar.gz", ".zip", ".tgz")):
        return "download", u
    return "other", u


MAX_CONFIGS = 400
CONFIG_BUDGET = 8 << 20  # bytes of configuration text read a run (each is scanned by several detectors)
# (.gin: the configuration language of Google's JAX and TensorFlow training libraries -- T5X, meliad)
CONFIG_EXT = (".yaml", ".yml", ".json", ".toml", ".gin", ".cfg", ".ini")
RELEVANT_CONFIG_WORDS = ("train", "conf", "args", "hparam", "param", "model", "data", "setting", "recipe",
                         "experiment")
RELEVANT_CONFIG = lazyre.compile("|".join(RELEVANT_CONFIG_WORDS), re.I)
_DEPTH = operator.attrgetter("depth")


def config_files(view: RepoView) -> list[tuple]:
    """(entry, text) of the configuration files worth reading -- YAML, JSON, TOML under 256 KiB,
    not vendored or test files -- at most MAX_CONFIGS, shallow and config-like names first. Read
    once per run and shared by the detectors that look for data, hyperparameters and links."""
    def build():
        cands = [e for e in view.with_ext(*CONFIG_EXT) if not e.vendored and not e.test]
        if len(cands) > MAX_CONFIGS:  # order: depth, then config-like names, then path
            relevant = {e.path for e in view.containing(*RELEVANT_CONFIG_WORDS) if RELEVANT_CONFIG.search(e.name)}
            cands = sorted([e for e in cands if e.path in relevant] + [e for e in cands if e.path not in relevant],
                           key=_DEPTH)  # stable: config-like names first within a depth, path order in each
        out = []
        budget = CONFIG_BUDGET
        for e in cands:
            if len(out) >= MAX_CONFIGS:
                break
            if e.size >= 256 << 10 or e.size > budget:  # sizes last: each costs a system call
                continue
            if view.out_of_time(e.path):
                break
            text = view.text(e.path, cache=False)
            if text is not None:
                out.append((e, text))
                budget -= len(text)
        if budget < CONFIG_BUDGET >> 4 and len(out) < len(cands):
            view.findings.append(Finding("MOF410", f"configuration files: {len(out)} of {len(cands)} read "
                                         f"(at most {MAX_CONFIGS} and {CONFIG_BUDGET >> 20} MiB)", level="note"))
        return out
    return view.memo("config_files", build)


# A file with more links than this is a link dump, not a README; the run as a whole keeps at most
# MAX_POINTERS (each holds its line as context: memory grows with the count).
MAX_POINTERS_PER_FILE = markdown.MAX_LINKS
MAX_POINTERS = 20_000


def pointers(view: RepoView) -> list[Pointer]:
    """Every link in the repository's documents, code strings, shell scripts and citation files."""
    def build():
        out: list[Pointer] = []

        def add(found) -> None:  # one file's pointers, within both caps
            out.extend(islice(found, max(0, min(MAX_POINTERS_PER_FILE, MAX_POINTERS - len(out)))))

        in_docs, in_texts = text_pointers(view)
        for found in in_docs:
            add(found)
        for facts in python_files(view):
            add(p for s, line in facts.strings for m in markdown.URL_RE.finditer(s)
                for p in _pointer(m.group(0), facts.path, line, "", "", True, s[:300]))
        for found in in_texts:
            add(found)
        if len(out) >= MAX_POINTERS:
            view.findings.append(Finding("MOF410", f"over {MAX_POINTERS} links in the repository; the first "
                                         f"{MAX_POINTERS} were followed", level="note"))
        return out
    return view.memo("pointers", build)


def text_pointers(view: RepoView) -> tuple[list[list[Pointer]], list[list[Pointer]]]:
    """The links of each Markdown document, and of each shell script, citation and configuration
    file: one list per file, in the order `pointers` takes them, each within MAX_POINTERS_PER_FILE
    (and each kind within MAX_POINTERS). Apart from the Python files' links, so that they can be
    found while a child process parses the Python files."""
    def build():
        def capped(files):
            groups, total = [], 0
            for found in files:
                if total >= MAX_POINTERS:
                    break
                groups.append(list(islice(found, MAX_POINTERS_PER_FILE)))
                total += len(groups[-1])
            return groups
        return capped(map(_doc_pointers, markdown_docs(view))), capped(_text_files_pointers(view))
    return view.memo("text_pointers", build)


def _text_files_pointers(view: RepoView):
    """Each shell script's, citation's and configuration file's links (a generator per file)."""
    configs = {e.path: text for e, text in config_files(view)}
    others = 0
    for e in view.with_ext(".sh", ".cff", ".bib", ".txt", ".yaml", ".yml", ".cfg", ".rst"):
        if e.vendored or (e.depth > 2 and e.ext in (".txt", ".yaml", ".yml")):
            continue
        if e.path in configs:
            text = configs[e.path]
        elif e.ext in (".yaml", ".yml") or others >= MAX_CONFIGS or e.size > 512 << 10:
            continue  # YAML beyond the shared cap is not read twice
        else:
            others += 1
            text = view.text(e.path, cache=False) or ""
        yield _text_pointers(e, text)


def _doc_pointers(doc: markdown.MdDoc):
    joined: dict[int, str] = {}  # paragraph -> its text, joined once however many links it holds
    for link in doc.links:
        ctx = _link_context(doc, link, joined)
        yield from _pointer(link.url, doc.path, link.line, link.text, link.section, link.in_code, ctx, link.item)
    # bare arXiv ids in text and BibTeX (eprint = {2401.02385}, journal = {arXiv:2304.02643}), and
    # BibTeX's DOI field (doi = {10.21105/joss.05027}), which names the paper without a link
    for n, raw in enumerate(doc.lines, 1):
        ctx = None
        for m in ARXIV_ID_RE.finditer(raw[:5000]):
            ctx = ctx if ctx is not None else raw[:300]  # one context per line, however many ids it has
            yield Pointer(f"https://arxiv.org/abs/{m.group(1)}", "arxiv", m.group(1),
                          doc.path, n, "", doc.section_of(n), False, ctx)
        if "doi" in raw[:60].lower():
            m = BIB_DOI_RE.match(raw)
            if m:
                url = f"https://doi.org/{m.group(1).rstrip('.,')}"
                kind, ref = classify_url(url)
                yield Pointer(url, kind, ref, doc.path, n, "", doc.section_of(n), False, raw[:300])


def _text_pointers(e, text: str):
    shell = e.ext == ".sh"
    comment, commented = "", False  # a shell script's comment above its commands: their "section"
    for n, raw in enumerate(text.split("\n"), 1):
        ctx = raw[:300]
        if shell:
            line = raw.strip()
            if line.startswith("#") and not line.startswith("#!"):
                # "# Get model weights" over `curl https://host/graph.pb > graph.pb`: what the commands
                # up to the next blank line fetch
                words = line.lstrip("#").strip()
                comment = f"{comment} {words}"[-200:].strip() if commented else words[:200]
                commented = True
                continue
            commented = False
            if not line:
                comment = ""
        if "http" in raw:
            for m in markdown.URL_RE.finditer(raw[:5000]):
                yield from _pointer(m.group(0).rstrip(".,;:'\""), e.path, n, "", comment, shell, ctx)
        if e.ext in (".cff", ".bib"):
            for m in ARXIV_ID_RE.finditer(raw[:5000]):
                yield Pointer(f"https://arxiv.org/abs/{m.group(1)}", "arxiv", m.group(1), e.path, n, "", "", False, ctx)


def _link_context(doc: markdown.MdDoc, link, joined: dict[int, str]) -> str:
    """What surrounds a link: its source line, or, in a paragraph wrapped over several lines, the
    sentence that holds it ("The pretrained parameters are available from\n[our bucket](...) under
    CC BY 4.0"): what a link is said to be is often written on the line before it."""
    if not 0 < link.line <= len(doc.lines):
        return ""
    line = doc.lines[link.line - 1]
    at = bisect_right(doc.paragraphs, (link.line, len(doc.lines) + 1)) - 1
    if at < 0 or not doc.paragraphs[at][0] <= link.line <= doc.paragraphs[at][1] or \
            doc.paragraphs[at][0] == doc.paragraphs[at][1]:
        return line[:300]
    text = joined.get(at)
    if text is None:
        text = joined[at] = doc.paragraph_at(link.line)
    where = text.find(link.url)
    if where < 0:
        return line[:300]
    start = max((m.end() for m in SENTENCE_END.finditer(text, max(0, where - 400), where)), default=max(0, where - 300))
    end = SENTENCE_END.search(text, where + len(link.url), where + len(link.url) + 400)
    return text[start:end.end() if end else where + len(link.url) + 200].strip()[:600]


def clause_of(p: Pointer) -> str:
    """The clause of the link's source line that holds the link (one line of news can name
    several projects)."""
    at = p.context.find(p.url)
    if at < 0:
        return p.context
    start = max((m.end() for m in CLAUSE_END.finditer(p.context, 0, at)), default=0)
    end = CLAUSE_END.search(p.context, at + len(p.url))
    return p.context[start:end.start() if end else len(p.context)]


SENTENCE_END = lazyre.compile(r"[.!?。！？](?=\s|$)")


def sentence_of(view: RepoView, p: Pointer) -> str:
    """The sentence that holds the link, read across the soft line breaks of its paragraph in a
    Markdown document ("... download an AlphaFold-style validation set\nfrom [CAMEO](...)"); the
    source line elsewhere."""
    doc = document(view, p.path) if p.path.lower().endswith(MARKDOWN_EXT) else None
    text = doc.paragraph_at(p.line) if doc is not None else ""
    at = text.find(p.url) if text else -1
    if at < 0:
        return p.context
    start = max((m.end() for m in SENTENCE_END.finditer(text, 0, at)), default=0)
    end = SENTENCE_END.search(text, at + len(p.url))
    return text[start:end.end() if end else len(text)].strip()


# A shell line that fetches a file (`wget "https://host/data.tar"`, `gdown ...`, `gsutil cp ...`): in a
# README's code block, the way the release gives its data or weights, as much as a link in prose.
FETCH_COMMAND = lazyre.compile(r"^\s*(\$\s*)?(wget|curl|gdown|aria2c|azcopy|gsutil\s+(-m\s+)?cp|aws\s+s3\s+cp)\b")


def news_aside(p: Pointer) -> bool:
    """A link in a news/update section whose own clause does not speak of training."""
    return bool(NEWS_SECTION.search(p.section or "")) and not TRAINING_CONTEXT.search(clause_of(p))


DOUBLED_SCHEME = lazyre.compile(r"^(?:https?://)+(?=https?://)", re.I)


def _pointer(url, path, line, text, section, in_code, context, item=""):
    if not url or not url.lower().startswith(("http://", "https://")):
        return []
    url = DOUBLED_SCHEME.sub("", url)  # "git clone https://https://huggingface.co/org/model"
    kind, ref = classify_url(url)
    return [Pointer(url, kind, ref, path, line, text, section, in_code, context, item)]


def heading_matches(title: str, pattern: re.Pattern) -> bool:
    return bool(pattern.search(title))


def code_blocks_with(view: RepoView, *needles: str):
    """(document, code block) pairs whose code contains any of `needles`."""
    for doc in markdown_docs(view):
        for block in doc.code:
            if any(n in block.text for n in needles):
                yield doc, block


# Words addressed to the reader about the reader's own data: "your customized dataset", "the path to
# your directory of audio", "fine-tune on your own data" -- a how-to, not a description of this model's.
# Also the reader's options ("You can find fine-tuning datasets on platforms like the Hub, with datasets
# like [X](...)", "你可以…数据集") and data given to try a recipe on ("You can download a sample dataset
# [X](...)", "示例数据集").
USERS_DATA = lazyre.compile(r"\byour (own |custom(ized)? |private )?(data(sets?)?|corpus|task|use[ -]case|"
                            r"directory of \w+)\b|\bcustom(ized)? data(sets?)?\b|"
                            r"\byou (can|could|may|might) (also )?(find|use|get|download|choose|pick|try)\b[^.\n]{0,80}?"
                            r"\bdata ?sets?\b|\b(a|an) (sample|example|demo|toy|dummy) data ?(sets?)?\b|"
                            # "the [data demo]", "demo data": a set to try the recipe on, not the training data
                            # ("sample" only with its article: "we sample data from ..." is a verb)
                            r"\b(example|demo|toy|dummy) data ?(sets?)?\b|\bdata ?(sets?)?[ _-]demos?\b|"
                            r"你可以[^。\n]{0,40}?数据集|(示例|样例)数据集?", re.I)


# A folder whose own README opens by saying its data is for evaluation ("how we prepared the data for
# evaluation", "benchmark datasets", "test sets"): everything in it is evaluation data, not training
# data, whatever the folder is called (data/, assets/).
EVAL_OPENING = lazyre.compile(r"\b(evaluat\w*|benchmark\w*|test[ -]?sets?|held[ -]?out)\b|评测|评估", re.I)
TRAIN_OPENING = lazyre.compile(r"\b(train(ed|ing)? (data|set|corpus)|pre-?training)\b", re.I)


# A release page whose code lives elsewhere: "The complete code and scripts of M have been included in
# [Repo](https://github.com/...)", "Source code is available at [github](...)".
CODE_MOVED = lazyre.compile(r"\b(source )?code\b[^.\n]{0,80}?\b(included|available|released|hosted|moved|found|"
                            r"maintained|lives?|located)\b", re.I)
# What a model's code is written in (a project page's JavaScript is not model code).
MODEL_CODE_EXT = (".py", ".ipynb", ".cu", ".cpp", ".cc", ".c", ".jl", ".rs", ".lua", ".scala", ".java", ".go")


def code_repository(view: RepoView) -> Pointer | None:
    """The GitHub repository a code-less release page (no model code at all, only documents and a
    web page) says its code lives in, from a sentence of its README beside the link."""
    def find():
        # one extension at a time: each is the view's own index list, and the first own file ends it
        if any(not (e.vendored or e.test) for ext in MODEL_CODE_EXT for e in view.with_ext(ext)):
            return None
        root = readme(view)
        for p in pointers(view):
            if root is not None and p.path == root.path and p.kind == "github" and not p.in_code and \
                    CODE_MOVED.search(p.context[:500]):
                return p
        return None
    return view.memo("code_repository", find)


# A folder of evaluation material by its name (eval/, benchmarks/, test_sets/, and eval_mm/,
# evaluation_tools/: named for the evaluation first).
# eval/, evaluation_scripts/, and a prefixed one (lm-eval/, qwencoder-eval/): a folder named for evaluation.
EVAL_DIR = lazyre.compile(r"(^|/)(([a-z0-9]{1,20}[_\-])?(eval|evals|evaluations?)([_\-][a-z0-9]{1,20})?|benchmarks?|"
                          r"test_sets?|testsets?)(/|$)", re.I)


def in_evaluation_dir(path: str) -> bool:
    """Is the file in a folder named for evaluation? (Every EVAL_DIR name holds one of these words: a
    C-speed test first, on tens of thousands of paths.)"""
    folder = path.rpartition("/")[0]
    low = folder.lower()
    return any(w in low for w in ("eval", "bench", "test")) and bool(EVAL_DIR.search(folder))


def evaluation_folders(view: RepoView) -> set[str]:
    """Folders (not the root) whose README's title and first paragraph speak of evaluation and not of
    training data."""
    def build():
        out = set()
        for doc in markdown_docs(view):
            folder, _, name = doc.path.rpartition("/")
            if not folder or not name.lower().startswith("readme"):
                continue
            opening = " ".join(doc.text[:600].split("\n\n", 2)[:2])
            if EVAL_OPENING.search(opening) and not TRAIN_OPENING.search(opening):
                out.add(folder)
        return out
    return view.memo("evaluation_folders", build)


def under_any(path: str, folders) -> bool:
    """Is `path` inside one of `folders` (at any depth)?"""
    while "/" in path and folders:
        path = path.rpartition("/")[0]
        if path in folders:
            return True
    return False


def in_evaluation_folder(view: RepoView, path: str) -> bool:
    return under_any(path, evaluation_folders(view))

