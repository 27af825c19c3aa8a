"""Model card and data card.

A model card is a dedicated file (MODEL_CARD.md, model-card.md, a PDF card) or a README doing the
card's job; it is scored by the sections of the Hugging Face model card template. A README is a
card only where a model is released (weights in the tree or linked) or it has a section only a card
has: a code project's README documents code. A data card is a
dedicated file (DATA_CARD.md, a datasheet, a dataset README or Hub dataset card) or, partially, a
section about the training data in a README or model card.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from mof_lint.detectors.common import (MARKDOWN_EXT, clause_of, config_files, document, in_evaluation_dir,
                                       in_evaluation_folder, markdown_docs, news_aside, pointers, readme)
from mof_lint.detectors.markdown import MdDoc
from mof_lint.detectors.weights import released
from mof_lint.evidence import Evidence, strongest_first
from mof_lint.findings import Finding
from mof_lint.repo import RepoView, is_example_path, is_test_path
from mof_lint import lazyre

# The Hugging Face model card template's sections (huggingface_hub modelcard_template.md).
CARD_SECTIONS = {
    "model details": lazyre.compile(r"model (details|description|summary|overview|architecture|card)|"
                                    r"^(overview|introduction|about|description|summary|highlights)\b|"
                                    r"模型介绍|^介绍", re.I),
    "intended uses": lazyre.compile(r"intended|\buses\b|use[ -]?cases?|direct use|downstream use|"
                                    r"out[- ]of[- ]scope|applications?|用途", re.I),
    "bias, risks and limitations": lazyre.compile(r"bias|risks?|limitations?|ethic|safety|harm|局限|风险",
                                                  re.I),
    "training details": lazyre.compile(r"training|pre-?training|fine-?tuning|训练", re.I),
    "evaluation": lazyre.compile(r"evaluation|results|performance|benchmarks?|metrics|评测|评估|效果", re.I),
}
CARD_EXT = frozenset((".pdf", ".txt", ".html", ".rst", *MARKDOWN_EXT))
# How much data there is, as a data description states it: "~9B tokens", "8,013,769 documents",
# "95K hours", "1.2M images" (a count with its unit; a bare number or a version is not a size).
# The number is bounded (20 characters): an unbounded run would rescan "0.0.0.0..." from every digit.
# (one word may name what is counted: "130,000 protein chains", "1,000 read hours")
DATA_UNITS = (r"(?:tokens|documents|docs|samples|examples|sentences|images|hours|utterances|sequences|cells|"
              r"proteins|structures|chains|molecules|compounds|speakers|recordings|"
              r"pairs|words|characters|conversations|dialogues|videos|clips|instances)\b")
DATA_SIZE = lazyre.compile(r"\b\d[\d,.]{0,19}\s?(?:[kmbt]\b|thousand|million|billion|trillion)?\s*(?:[a-z\-]{2,20}\s)?"
                           + DATA_UNITS, re.I)
CARD_NAME = lazyre.compile(r"(^|[_\-\s/])(model[_\-\s]?card|modelcard)", re.I)
DATA_CARD_NAME = lazyre.compile(r"(^|[_\-\s/])(data[_\-\s]?card|datacard|datasheets?|dataset[_\-\s]?card|"
                                r"data[_\-\s]?statement)|(^|/)(data|dataset|datasets)\.md$", re.I)
# What every DATA_CARD_NAME path and every README holds: the cheap first cut over the listing.
DATA_CARD_WORDS = ("card", "datasheet", "statement", "data.md", "dataset.md", "datasets.md", "readme")
# A heading about the data as a whole ("Data", "Training data", "Datasets and licenses", "Data
# collection"), not one that only starts with the word ("Data augmentation on the fly", "Data
# pipelines for <another project>"): the whole heading is checked.
DATA_HEADING = lazyre.compile(r"(training|pre-?training|fine-?tuning)\s+(data|datasets?|corpus|corpora|sets?)\b|"
                              r"^(the\s+)?(data|datasets?|corpus|corpora)(\s+(details|sources?|release|generation|"
                              r"collection|composition|statistics|description|overview|summary|card|process|used))*"
                              r"(\s+(and|&)\s+[\w-]+)?\s*(:\s*)?$|训练数据|^数据",
                              re.I)
# A heading about how the data was made ("Data Preparation", "DataMix", "Data construction and model
# training", "Preparing datasets", "中文数据"): a description when it says how much data there is, a
# set-up step otherwise (the body is checked, see detect_data_card).
DATA_MAKING_HEADING = lazyre.compile(r"^(the\s+)?((pre-?)?training\s+)?(data|datasets?|corpus|corpora)\s?(preparation|processing|"
                                     r"pipeline|construction|collecting|mix(ture)?|curation|filtering|cleaning)\b|"
                                     r"^(preparing|prepare)\s+(the\s+)?((pre-?)?training\s+)?(data|datasets?|corpus|corpora)\b|"
                                     r"数据", re.I)
# The size of a corpus, not of a how-to's sample ("50 videos", "1. Extract images"): thousands at least,
# in digits or with a magnitude ("146.8M instances", "1,000 hours", "2T tokens").
CORPUS_SIZE = lazyre.compile(r"\b(\d{1,3}(,\d{3})+|\d{4,}|\d{1,4}(\.\d{1,3})?\s?([kmbt]|thousand|million|billion|trillion))\+?\s?"
                             r"(?:[a-z\-]{2,20}\s)?" + DATA_UNITS, re.I)
# ... but not the making of a benchmark's data ("评测数据", "Test data preparation")
EVAL_TITLE = lazyre.compile(r"eval|benchmark|\btest|评测|评估|测试", re.I)
TRAINED_ON = lazyre.compile(r"\b(trained|train(ing)? (data|set|corpus)|pre-?train(ed|ing)|fine-?tun(ed|ing)|"
                            r"instruction-?tun(ed|ing))\b|训练", re.I)
# A link that calls itself the data, in a line about a training stage ("**Pretraining**
# [Checkpoints](...), [Code](...), [Data](hf.co/datasets/...)"): the release's list of its artefacts.
DATA_LINK_TEXT = lazyre.compile(r"((pre-?)?training |sft |fine-?tuning )?(data|datasets?|corpus)$", re.I)
HF_FILE_URL = lazyre.compile(r"/(resolve|blob|raw)/", re.I)  # one file of a dataset repository, not its card
TRAINING_HEADING = lazyre.compile(r"^training\b|^training (details|procedure)", re.I)
TRAINING_DATA_TEXT = lazyre.compile(r"training data|data ?set|corpus", re.I)
HF_DATASET_KEYS = ("task_categories", "dataset_info", "size_categories", "configs", "source_datasets",
                   "annotations_creators", "pretty_name")
# Sections only a card has: a code project's README has training and evaluation how-tos too.
CARD_ONLY_SECTIONS = ("model details", "intended uses", "bias, risks and limitations")
# "Overview", "About", "Introduction" open any project's README: only a heading that names the model's
# details ("Model description") is the card's own section.
MODEL_DETAILS_HEADING = lazyre.compile(r"model (details|description|summary|overview|architecture|card)|模型介绍", re.I)


def card_only(doc: MdDoc, sections: dict[str, int]) -> bool:
    """The README has a section only a model card has (intended uses, limitations, model details
    under that name), not merely an opening every project's README has."""
    for name in CARD_ONLY_SECTIONS:
        line = sections.get(name)
        if line is None:
            continue
        if name != "model details" or any(h.line == line and MODEL_DETAILS_HEADING.search(h.text) for h in doc.headings):
            return True
    return False


MODEL_WORDS = lazyre.compile(r"\b(model|weights|checkpoints?|parameters|fine-?tuned|pre-?trained)\b|模型",
                             re.I)


# "trained on SlimPajama", "pre-trained for 3 epochs on The Pile": a named corpus after the verb.
# ("trained on 680,000 hours of audio" describes the data; only a name tells which dataset it is.)
TRAINED_ON_NAMED = lazyre.compile(r"\b(trained|pre-?trained|fine-?tuned|trains?)(\s+\w+){0,4}\s+on\s+(the\s+)?[A-Z]")
TRAINED_ON_COUNT = lazyre.compile(r"\b(trained|pre-?trained|fine-?tuned|trains?)(\s+\w+){0,4}\s+on\s+(about\s+|over\s+)?\d")


def _card_names_its_datasets(doc: MdDoc, fm: dict) -> str:
    """A model card whose front matter lists `datasets:` and whose prose names one of them in a
    sentence about training ("created by fine-tuning ... on [aGender], [Timit] ..."): the card
    describes its data's sources, if nothing more. The dataset names are the front matter's."""
    names = fm.get("datasets")
    names = [names] if isinstance(names, str) else names
    if not isinstance(names, list):
        return ""
    wanted = {str(n).rsplit("/", 1)[-1].lower().replace("_", "").replace("-", "")[:60] for n in names[:50] if n}
    wanted.discard("")
    body = "\n".join(doc.lines[doc.front_matter_lines:doc.front_matter_lines + 200])
    for paragraph in body[:20000].split("\n\n"):
        if not TRAINED_ON.search(paragraph):
            continue
        flat = re.sub(r"[\s_\-]", "", paragraph.lower())
        hits = sorted(n for n in wanted if n in flat)
        if hits:
            return ", ".join(hits[:3])
    return ""


def names_training_data(body: str, named_only: bool = False, tables: bool = True) -> bool:
    """A Training section that speaks of its data (a Hub dataset link, "trained on <Name>", unless
    `named_only` "trained on <a count> ...", and if `tables` a table row about the data), not a
    how-to-train section that mentions "your dataset" in passing."""
    if "huggingface.co/datasets/" in body or TRAINED_ON_NAMED.search(body):
        return True
    if not named_only and TRAINED_ON_COUNT.search(body):
        return True
    return tables and any(line.lstrip().startswith("|") and TRAINING_DATA_TEXT.search(line)
                          for line in body.splitlines())


def card_sections(doc: MdDoc) -> dict[str, int]:
    """Template section -> line of the first heading that covers it."""
    found: dict[str, int] = {}
    for h in doc.headings:
        for name, pattern in CARD_SECTIONS.items():
            if name not in found and pattern.search(h.text.strip()):
                found[name] = h.line
    return found


def _prose(doc: MdDoc) -> str:
    """The README's own words about the model: its lines outside code blocks and outside the list
    steps of installation ("3. Download pre-trained weights" says where the weights go, not what the
    model is)."""
    code = {n for b in doc.code for n in range(b.line, min(b.line + b.text.count("\n") + 2, 3001))}
    lines = []
    for n, line in enumerate(doc.lines[:3000], 1):
        if n in code or INSTALL_SECTION.search(doc.section_of(n)) or not _words_beside_links(line):
            continue  # (a line of badges says nothing: fifty leaderboard badges must not crowd out the text)
        lines.append(line)
    return "\n".join(lines)


MD_LINK = lazyre.compile(r"!?\[[^\[\]\n]{0,500}\]\([^()\n]{0,2000}\)")


def _words_beside_links(line: str) -> bool:
    """Whether a line says something besides its links and images (`[![PWC](badge)](url)` does not)."""
    if "](" not in line:
        return True
    rest = MD_LINK.sub("", MD_LINK.sub("", line[:5000]))
    return any(c.isalpha() for c in rest)


# The headings under which a paper's README says what its model is ("Overview" opens any project).
MODEL_DESCRIPTION = lazyre.compile(r"^\W*(introduction|(overall |model |network )?architectures?|tl;?\s?dr|abstract|"
                                   r"method(ology)?|approach)\W*$", re.I)
INSTALL_SECTION = lazyre.compile(r"install|setup|set up|getting started|requirements|environment|download", re.I)


def detect_model_card(view: RepoView) -> list[Evidence]:
    comp = "model_card"
    out = []
    for e in view.containing("card"):  # every CARD_NAME says "card"
        if e.ext not in CARD_EXT or e.vendored or e.test or not CARD_NAME.search(e.path):
            continue
        if e.ext == ".pdf":
            out.append(Evidence(comp, "present", e.path, "model card (PDF)", 1, 0.85))
        elif e.ext in MARKDOWN_EXT + (".txt", ".html", ".rst"):
            out.append(_score_card(view, e.path, dedicated=True))
    for doc in markdown_docs(view):
        fm = doc.front_matter or {}
        if "/" not in doc.path and doc.path.lower().startswith("readme") and fm and (
                "model-index" in fm or "pipeline_tag" in fm or "library_name" in fm or "base_model" in fm
                or ("license" in fm and not any(k in fm for k in HF_DATASET_KEYS))):
            out.append(_score_card(view, doc.path, dedicated=True, hub=True))
    root = readme(view)
    if root is not None and not any(ev.path == root.path for ev in out):
        sections = card_sections(root)
        if len(sections) >= 4:
            out.append(Evidence(comp, "present", root.path, "README serves as the model card ("
                                + ", ".join(sections) + ")", 1, 0.75))
        elif (sections or MODEL_WORDS.search(_prose(root)[:20000])) and (released(view) or card_only(root, sections)):
            missing = [s for s in CARD_SECTIONS if s not in sections]
            out.append(Evidence(comp, "partial", root.path, "README describes the model; card sections "
                                "missing: " + ", ".join(missing), 1, 0.65))
        elif (described := next((h for h in root.headings if MODEL_DESCRIPTION.match(h.text.strip())), None)):
            # A code project that releases no model, but whose README has the paper's own account of
            # it (an Introduction, the Overall Architecture, a TL;DR): what the model is, if not what
            # it is for or where it fails -- part of a card
            out.append(Evidence(comp, "partial", root.path, f"README describes the model (\"{described.text[:40]}\"); "
                                "no released model, no card sections", described.line, 0.5))
        elif sections or MODEL_WORDS.search(root.text[:20000]):
            # A code project's README (install, usage, how to train) in a repository that releases no
            # model: documentation of code, not a card. Kept visible, below the status threshold.
            out.append(Evidence(comp, "partial", root.path, "README documents code; no released model "
                                "(weights in the tree or linked) for it to be the card of", 1, 0.3))
    if not any(x.confidence >= 0.5 for x in out):
        for p in pointers(view):
            if p.kind == "hf_model" and re.search(r"model card|card", p.text + " " + p.context, re.I):
                out.append(Evidence(comp, "link_only", p.path, f"model card on the Hub: {p.ref}", p.line,
                                    0.6, p.url))
                break
    best = [x for x in out if x.confidence >= 0.5]
    if best and all(x.status != "present" for x in best):
        top = best[0]
        view.findings.append(Finding("MOF103", f"{top.path}: {top.detail}; add the missing sections "
                                     "(Hugging Face model card template)", path=top.path, line=1,
                                     component=13))
    return out


def _score_card(view: RepoView, path: str, dedicated: bool, hub: bool = False) -> Evidence:
    doc = document(view, path) if path.lower().endswith(MARKDOWN_EXT) else None
    if doc is None:
        return Evidence("model_card", "present" if dedicated else "partial", path, "model card file",
                        1, 0.7)
    sections = card_sections(doc)
    what = "Hub model card (front matter)" if hub else "model card"
    if len(sections) >= 3 or (dedicated and len(sections) >= 2):
        return Evidence("model_card", "present", path, f"{what} with {', '.join(sections)}", 1, 0.9)
    missing = [s for s in CARD_SECTIONS if s not in sections]
    return Evidence("model_card", "partial", path, f"{what}; missing sections: {', '.join(missing)}", 1,
                    0.75)


def _folders_with_python(view: RepoView) -> set[str]:
    """Every folder that holds a .py file at any depth, in one pass over the files (asking each data
    folder's README about the whole tree would cost folders x files)."""
    def build():
        out: set[str] = set()
        for e in view.with_ext(".py"):
            folder = e.dir
            while folder and folder not in out:
                out.add(folder)
                folder = folder.rpartition("/")[0]
        return out
    return view.memo("folders_with_python", build)


GENERIC_DATA_DOC = lazyre.compile(r"(^|/)(data|dataset|datasets)\.md$", re.I)  # named for a topic, not "card"


def _howto_for_users(view: RepoView, path: str) -> bool:
    """A page about data that speaks to the reader's own data and gives no size of any: how to
    configure a data loader (docs/datasets.md), not a description of what the model was trained on."""
    from mof_lint.detectors.common import USERS_DATA
    doc = document(view, path)
    return doc is not None and bool(USERS_DATA.search(doc.text[:5000])) and not DATA_SIZE.search(doc.text[:20000])


MIN_DATASET_SOURCES = 3
# An API reference directive (Sphinx autodoc, mkdocstrings) or an inline code span (`DataConfig`, `--x`)
API_DIRECTIVE = lazyre.compile(r"^[ \t]{0,8}(\.\. auto(class|module|function|data)::|:::\s)", re.M)
CODE_SPAN = lazyre.compile(r"`[^`\n]{1,200}`")


def _api_page(view: RepoView, path: str) -> bool:
    """A docs page about data (docs/data.md) that documents the library's data handling: an API
    directive, or one inline code span every 150 characters, and at most one outside site linked (a
    description of datasets links where each comes from)."""
    doc = document(view, path)
    if doc is None or _dataset_sources(view, path) > 1:
        return False
    text = doc.text[:20000]
    return bool(API_DIRECTIVE.search(text)) or len(CODE_SPAN.findall(text)) * 150 >= len(text)


def _dataset_sources(view: RepoView, path: str) -> int:
    """How many outside sites a data page links (each dataset's home or download page)."""
    doc = document(view, path)
    hosts = {urlsplit(link.url).hostname for link in (doc.links if doc else [])[:500]
             if link.url.startswith(("http://", "https://"))}
    hosts.discard(None)
    return len(hosts)


# A data page titled as a set-up step ("Prepare datasets", "Download the data", "Dataset setup").
SETUP_TITLE = lazyre.compile(r"^\W*(prepar(e|ing|ation)|download(ing)?|set(ting)?[ -]?up|get(ting)?|fetch(ing)?|"
                             r"install(ing)?)\b|\b(preparation|setup|download|layout|structure)\W*$|"
                             r"(准备|下载|获取|整理|準備)\W*$", re.I)  # "数据集准备": dataset preparation


def _layout_howto(view: RepoView, path: str) -> bool:
    """A data folder's README whose title is a set-up step and that gives no size of the data: how to
    fetch or arrange it (YOLOX's datasets/README.md, "Prepare datasets"), not a description."""
    doc = document(view, path) if path.lower().endswith(MARKDOWN_EXT) else None
    if doc is None or not doc.headings:
        return False
    return bool(SETUP_TITLE.search(doc.headings[0].text.strip())) and not DATA_SIZE.search(doc.text[:20000])


# A heading's step label ("Stage 0: ", "Step 2. ", "3.1 "): what follows it is the title.
STEP_NUMBER = lazyre.compile(r"^\W{0,5}((stage|step|part)\s{0,3}\d{1,3}\s{0,3}[:.)\-]?|\d{1,3}(\.\d{1,3}){0,3}[.)]?)\s{0,5}", re.I)
# A set-up sentence: where to get the data and how to lay it out, or whom to ask about it.
SETUP_SENTENCE = lazyre.compile(r"\b(download|organi[sz]|place|put|unzip|untar|extract|prepar|store|save|symlink|"
                                r"arrang|structure|as follows|following|should look like|contact|request|apply)", re.I)
HTML_TAG = lazyre.compile(r"<[^<>\n]{0,300}>")
BARE_URL = lazyre.compile(r"\bhttps?://\S{1,2000}")


def _fetch_howto(body: str) -> bool:
    """A data section that only says how to get and arrange the data ("Please download [COCO 2017] and
    organize them as following:" and a folder tree; "The data can be downloaded from these links. If
    you have any question, please contact ..."): every sentence of its prose is a set-up step and no
    size of the data is given. Such a section says where the data is, not what it is."""
    from mof_lint.detectors.results import prose  # (results imports this module: imported on use)
    text = BARE_URL.sub(" ", HTML_TAG.sub(" ", prose(body[:4000])))
    if DATA_SIZE.search(text):
        return False
    sentences = [s for s in re.split(r"[.!?\u3002\n]+", text) if len(re.findall(r"[^\W\d_]{2,}", s)) >= 3]
    return all(SETUP_SENTENCE.search(s) for s in sentences)


# "We use [wiki103](...) data as example": a data section that walks the reader through an example
# corpus describes the recipe's input, not the data the released model was trained on.
EXAMPLE_DATA = lazyre.compile(r"\b(use|uses|using|used|take|takes|taking)\s+(\S+\s+){0,6}?as\s+(an?\s+)?example\b", re.I)


# A YAML/TOML data config in a data folder (data/coco.yaml, configs/data/pretrain.yaml).
DATA_CONFIG_DIR = lazyre.compile(r"(^|/)(data|datasets?)(/|$)", re.I)


def _documented_data_configs(view: RepoView) -> list[Evidence]:
    """A data config whose comments say how much data each split holds ("train2017.txt  # 118287
    images", "# 235M examples"): the dataset documented where it is declared, a data card in brief.
    An example's or a tutorial's config is the reader's data, not the release's."""
    for e, text in config_files(view):
        if e.ext not in (".yaml", ".yml", ".toml") or not DATA_CONFIG_DIR.search(e.dir) or is_example_path(e.path):
            continue
        for number, line in enumerate(text[:20000].split("\n"), 1):
            comment = line.partition("#")[2]
            size = CORPUS_SIZE.search(comment) if comment else None
            if size:
                return [Evidence("data_card", "partial", e.path, f"the data config gives the data's size in its "
                                 f"comments (\"{size.group(0)[:40]}\")", number, 0.55)]
    return []


def detect_data_card(view: RepoView) -> list[Evidence]:
    comp = "data_card"
    out = []
    for e in view.containing(*DATA_CARD_WORDS):
        if e.ext not in CARD_EXT or e.vendored or e.test:
            continue
        if DATA_CARD_NAME.search(e.path) and e.ext in MARKDOWN_EXT + (".pdf", ".txt", ".rst", ".html"):
            if GENERIC_DATA_DOC.search(e.path) and _howto_for_users(view, e.path):
                sources = _dataset_sources(view, e.path)
                if sources >= MIN_DATASET_SOURCES:
                    # DATA.md: "COCO", "LVIS", "Objects365", each with where it comes from and how it is
                    # laid out -- the training data's sources, whatever it also says of custom data
                    out.append(Evidence(comp, "partial", e.path, f"a data preparation guide naming where its "
                                        f"datasets come from ({sources} sources linked)", 1, 0.55))
                    continue
                out.append(Evidence(comp, "partial", e.path, "a how-to for the reader's own data, not a "
                                    "description of the training data", 1, 0.3))
                continue
            if GENERIC_DATA_DOC.search(e.path) and _api_page(view, e.path):
                out.append(Evidence(comp, "partial", e.path, "documents the code's data handling (its classes and "
                                    "options), not a dataset", 1, 0.3))
                continue
            out.append(Evidence(comp, "present", e.path, "data card / datasheet", 1, 0.85))
        elif e.name.lower() in ("readme.md", "readme.txt", "readme.rst") and re.search(
                r"(^|/)(data|datasets?|corpus|corpora)/[^/]*$", e.path, re.I) and \
                e.dir not in _folders_with_python(view) and \
                not in_evaluation_folder(view, e.path):  # a folder of training data, not of tools or test sets
            if _layout_howto(view, e.path):
                out.append(Evidence(comp, "partial", e.path, "README of a data folder that only says how to "
                                    "fetch or lay out the data, not what it is", 1, 0.3))
                continue
            out.append(Evidence(comp, "present", e.path, "README of a data folder", 1, 0.75))
        elif e.name.lower() in ("readme.md", "readme.txt", "readme.rst") and re.search(
                r"(^|/)(data|datasets?|corpus|corpora)/[^/]+/[^/]*$", e.path, re.I) and \
                not in_evaluation_folder(view, e.path):
            # data/<dataset>/README.md beside the script that prepares it: a description of the data
            # when it says how much there is ("train has ~9B tokens ... from 8,013,769 documents")
            text = view.text(e.path) or ""
            m = DATA_SIZE.search(text[:6000])
            if m:
                out.append(Evidence(comp, "partial", e.path, f"README of a dataset folder giving its size "
                                    f"(\"{m.group(0)[:40]}\")", text[:m.start()].count("\n") + 1, 0.55))
    for doc in markdown_docs(view):
        fm = doc.front_matter or {}
        if any(k in fm for k in HF_DATASET_KEYS):
            out.append(Evidence(comp, "present", doc.path, "Hugging Face dataset card (front matter)", 1,
                                0.85))
            continue
        if any(x.path == doc.path for x in out):
            continue
        named = _card_names_its_datasets(doc, fm)
        if named:
            out.append(Evidence(comp, "partial", doc.path, f"the card says what it was trained on ({named}); "
                                "sources only", doc.front_matter_lines + 1, 0.55))
            continue
        # a card or the release's README, not a training guide beside it (TRAINING.md: how to train a
        # voice of your own, with your dataset)
        card_file = bool(CARD_NAME.search(doc.path))
        is_card = card_file or ("/" not in doc.path and doc.path.lower().startswith("readme"))
        for h in doc.headings:
            title = h.text.strip()
            body = doc.section_text(h, 4000)
            if DATA_HEADING.search(title) and len(body.strip()) >= 80 and not EXAMPLE_DATA.search(body[:1000]):
                if in_evaluation_dir(doc.path) or in_evaluation_folder(view, doc.path):
                    break  # a benchmark's own README: its data is evaluation data, not the training data
                if _fetch_howto(body) or (SETUP_TITLE.search(STEP_NUMBER.sub("", title)) and
                                          not DATA_SIZE.search(body[:4000]) and "://" not in body[:4000]):
                    # (a set-up step that names where the data comes from, a link per source, documents
                    # its sources: kept as a description)
                    out.append(Evidence(comp, "partial", doc.path, f"section \"{title[:60]}\" only says how to "
                                        "download and arrange the data, not what it is", h.line, 0.3))
                    break
                out.append(Evidence(comp, "partial", doc.path, f"section \"{title[:60]}\" describes "
                                    "the data", h.line, 0.6))
                break
            if DATA_MAKING_HEADING.search(STEP_NUMBER.sub("", title)) and not EVAL_TITLE.search(title) and \
                    not EXAMPLE_DATA.search(body[:1000]) and \
                    not (in_evaluation_dir(doc.path) or in_evaluation_folder(view, doc.path)):
                from mof_lint.detectors.results import prose  # (results imports this module: imported on use)
                size = CORPUS_SIZE.search(prose(body[:4000]))
                if size:
                    out.append(Evidence(comp, "partial", doc.path, f"section \"{title[:60]}\" says how the data "
                                        f"was made and how much there is (\"{size.group(0)[:40]}\")", h.line, 0.55))
                    break
            # a card's Training section that describes its data (HF template: Training Data)
            # (a README's Training section is a how-to as often: there only a named dataset counts, not
            # a table of the fields the reader's own data needs)
            if is_card and TRAINING_HEADING.search(title) and TRAINING_DATA_TEXT.search(body[:4000]) \
                    and names_training_data(body[:4000], named_only=not card_file, tables=card_file):
                out.append(Evidence(comp, "partial", doc.path, f"section \"{title[:60]}\" describes "
                                    "the training data", h.line, 0.55))
                break
    out += _documented_data_configs(view)
    if not any(x.confidence >= 0.5 for x in out):
        for p in pointers(view):
            # the card of a dataset the model was trained on: a Hub dataset in a data section, or in a
            # clause that says the model was trained on it -- not any dataset the README mentions (a
            # list of related projects, an example input file inside a dataset repository)
            if p.kind == "hf_dataset" and not is_test_path(p.path) and not in_evaluation_dir(p.path) and \
                    not news_aside(p) and \
                    not HF_FILE_URL.search(p.url) and (DATA_HEADING.search(p.section or "")
                                                       or TRAINED_ON.search(clause_of(p))
                                                       or (DATA_LINK_TEXT.match(p.text.strip())
                                                           and TRAINED_ON.search(p.context))):
                out.append(Evidence(comp, "link_only", p.path, f"dataset card on the Hub: {p.ref}", p.line,
                                    0.55, p.url))
                break
    from mof_lint.detectors import strongest  # (the package imports this module)
    return strongest(view, out, strongest_first)
