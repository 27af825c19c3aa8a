"""Datasets and evaluation data.

Datasets: data files in data folders, data manifests (a dataset list, Croissant JSON-LD), configs and
code that name the training data or list its download URLs, a card's `datasets:` front matter, and
pointers to Hub datasets or downloads in a data section. Evaluation data: data files in evaluation
folders and links to benchmark data in evaluation sections.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from mof_lint.detectors.cards import (CARD_NAME, DATA_HEADING, TRAINING_DATA_TEXT, TRAINING_HEADING,
                                      names_training_data)
from mof_lint.detectors.common import (DATA_EXT, EVAL_DIR, FETCH_COMMAND, MARKDOWN_EXT, MEDIA_EXT, TOKENIZER_RE,
                                       TRAINING_CONTEXT, USERS_DATA, config_files, document, in_evaluation_dir,
                                       in_evaluation_folder, markdown_docs, news_aside, pointers, python_files, readme,
                                       sentence_of)
from mof_lint.detectors.results import METRIC, RESULT_FILE, RUN_RECORD
from mof_lint.detectors.weights import NPY_STATISTICS, NPY_WEIGHTS
from mof_lint.evidence import Evidence, strongest_first
from mof_lint.findings import Finding
from mof_lint.repo import DOC_DIRS, RepoView, is_example_path, is_test_path
from mof_lint import lazyre

DATASETS = "datasets"
EVAL_DATA = "evaluation_data"
DATA_DIR = lazyre.compile(r"(^|/)(data|datasets?|corpus|corpora|training_data|train_data|shards?)(/|$)", re.I)
# A qualified data folder (preprocessed_data/, raw_data/, eval-data/; not metadata/, meta_data/ or
# toy_data/): a file in it named for a held-out split is that split.
SPLIT_DATA_DIR = lazyre.compile(r"(^|/)(?!(meta|toy|demo|dummy|mock|fake)[_\-])[a-z0-9]{1,20}[_\-](data|datasets?)(/|$)", re.I)
DATA_NAME = lazyre.compile(r"(^|[_\-.])(train|training|data|dataset|corpus|instructions?|sft|pretrain)"
                           r"([_\-.]|$)", re.I)
# A run's log (logs/olmoe-sft-logs.txt, train_log.jsonl, trainer_state.json) records training; it is
# the model's metadata, not its data.
LOG_FILE = lazyre.compile(r"(^|[/_\-.])(logs?|logging|trainer_state)([/_\-.]|$)", re.I)
# Data kept for post-training quantization (a calibration set: quantize/quantize_data/wikitext-train.arrow)
# tunes the quantizer, not the model.
CALIBRATION_DIR = lazyre.compile(r"quantiz|calibrat", re.I)  # matched on the folder path only
# A folder of an evaluation that holds what is not a test set: label lists, the scores or answers a run
# produced ("Your_Results/", "table/answer/", "openseg_labels/").
NOT_EVAL_SET_DIR = lazyre.compile(r"(^|/|_)(labels?|results?|answers?|predictions?|outputs?)(/|_|$)", re.I)
# ... or named so (a sample list, unlike a training folder's "sample", is the test set: not named here)
NOT_EVAL_SET_NAME = lazyre.compile(r"label|synset|classes|categor|vocab|metrics?|results?|scores?|(^|[_\-])rules?[_\-.]",
                                   re.I)
# The inputs of a data-generation pipeline (self-instruct seed tasks, the problems a generator rewrites):
# a folder named for generating data (code_for_generating_data/, data_generator/, generate_data/) or a
# seed file (zh_seed_tasks.json). What the model was trained on is what the pipeline produced.
GENERATION_INPUT = lazyre.compile(r"generat\w{0,20}[_\-]data|data[_\-]?generat|(^|[/_\-])seeds?([/_\-.]|$)", re.I)
# A demo's folder (demo/, web_demo/, interpreter_demo/): the files there are what the demo reads.
DEMO_DIR = lazyre.compile(r"(^|/)([a-z0-9]{1,30}[_\-])?demos?([_\-][a-z0-9]{1,30})?(/|$)", re.I)
# A numbered or bulleted set-up step whose label is getting the data ("2. Download data.", "- Prepare the
# datasets:").
DATA_STEP = lazyre.compile(r"^[^\S\n]*(?:(?:[-*+]|\d{1,2}[.)])[^\S\n]*)?(?:\*\*)?(download|get|obtain|prepare|fetch)\s+"
                           r"(the\s+)?(training\s+)?(data|datasets?)\b", re.I)
# A file named for the split a model is scored on (test.json, dev.tsv, x_valid.jsonl, CDR_TestSet.txt).
HELD_OUT_SPLIT = lazyre.compile(r"(^|[_\-.])(test|tests|testset|test_?set|val|valid|validation|dev|heldout|held_out)"
                                r"([_\-.]|$)|testset", re.I)
# A folder of split lists (filelists/ljs_audio_text_test_filelist.txt, data_list/k400/val.csv,
# train_test_inputs/nyu_test_files_with_gt.txt): each file names the items of one split, so the one
# named for a held-out split is the evaluation set, given item by item.
SPLIT_LIST_DIR = lazyre.compile(r"(^|/)(file_?lists?|data_?lists?|(data_?)?splits|train_test_inputs)(/|$)", re.I)
# A Hub dataset named as a benchmark (allenai/reward-bench, openai/gsm8k, THUDM/humaneval-x,
# Shengcao1006/MMHal-Bench, lighteval/mmlu): what models are scored on, not what they are trained on.
BENCHMARK_DATASET = lazyre.compile(r"bench|(^|[_\-.])evals?([_\-.]|$)|humaneval|gsm8k|mmlu|hellaswag|truthful_?qa|"
                                   r"winogrande|mbpp|lambada|glue|squad|"
                                   # ... or in camel case (stepfun-ai/StepEval-Audio-360, MMEval): "Eval" as a
                                   # word of the name, not the letters inside one ("Medieval")
                                   r"(?-i:(^|(?<=[A-Za-z0-9]))Evals?(?=[A-Z0-9_\-.]|$))", re.I)
EVAL_SECTION = lazyre.compile(r"eval|benchmark|test set|testset|评测|评估", re.I)
MANIFEST_NAME = lazyre.compile(r"(data(set)?s?[_\-]?(manifest|list|mix|mixture|sources?|registry|config))|"
                               r"manifest|croissant", re.I)
# Files that are not data whatever folder they sit in: project metadata anywhere in the path, tool
# configuration and tokenizer JSON by name, and dependency manifests, lock files and environments,
# which list packages ("datasets==2.14"). Plain words are C-speed substring tests and names are
# matched whole: one regex of unanchored alternatives cost 6-11 us a path, on thousands of paths.
NOT_DATA_WORDS = ("requirements", "license", "readme", "changelog", "notice", "authors", "contributing",
                  "codeowners", "cmakelists",
                  # a documentation build's output (Sphinx copies each page's source as .rst.txt)
                  "_sources/", "_build/", "build/html/", ".rst.txt")
NOT_DATA_NAME = lazyre.compile(r"(package(-lock)?|tsconfig|config|settings|launch|tokenizer[\w\-]{0,40}|"
                               r"special_tokens_map|vocab|merges|generation_config|preprocessor_config|"
                               r"\.?eslintrc|renovate|composer)\.json|pyproject\.toml|setup\.cfg|pipfile|cargo\.toml",
                               re.I)
LOCK_OR_ENV_EXT = (".yaml", ".yml", ".json", ".toml")
CONFIG_TOKEN = lazyre.compile(r"(^|[_\-.])(config|configs|cfg)([_\-.]|$)")  # in a lowered name
LOCK_TOKEN = lazyre.compile(r"(^|[\-_.])lock([\-_.]|$)")  # conda-lock.yml, package-lock.json; not blocks.json


def not_data(path: str) -> bool:
    low = path.lower()
    if any(w in low for w in NOT_DATA_WORDS):
        return True
    folder, _, name = low.rpartition("/")
    if name.endswith(".txt") and not DOC_DIRS.isdisjoint(folder.split("/")):
        return True  # text in the documentation (docs/train-help.txt, a command's --help output) documents
    return bool(NOT_DATA_NAME.fullmatch(name)) or name.endswith(LOCK_OR_ENV_EXT) and bool(
        LOCK_TOKEN.search(name) or name.startswith(("environment", "conda")) and name.endswith((".yaml", ".yml")))


CONFIG_DATA_KEYS = lazyre.compile(r"^[^\S\n]*[\"']?(data_path|train_data_paths?|train_data|train_files?|datasets?|"
                                  r"dataset_names?|data_files|train_dataset|train_data_config|data_config|"
                                  r"data_mix|train_datasets|dataset_name_or_path)[\"']?\s*[:=]", re.I | re.M)
# ... and the data it is scored on, named on the key's own line (`TEST: ("coco_2017_val",)`,
# `val_data: librispeech_dev`): not a section header such as detectron2's `TEST:` of evaluation settings.
EVAL_CONFIG_KEYS = lazyre.compile(r"^[^\S\n]*[\"']?(TEST|VAL|val_data|eval_data|test_data|validation_data|"
                                  r"eval_datasets?|test_datasets?|val_datasets?|valid_data)[\"']?[^\S\n]*[:=]"
                                  r"[^\S\n]*[\[(\"']*[A-Za-z]", re.M)
DATA_URL = lazyre.compile(r"\.(jsonl|json|csv|tsv|parquet|arrow|tfrecords?|zst|gz|bz2|xz|tar|zip|txt)(\?|$)", re.I)
# Hosts that hold data sets only (a Dataverse file, a PhysioNet challenge, a UCI or OpenML set, a Kaggle
# dataset): an address there is data, whatever its extension (dataverse.harvard.edu/api/access/datafile/6153417).
DATA_HOST = lazyre.compile(r"\bdataverse\.|\bphysionet\.org/|\barchive\.ics\.uci\.edu/|\bopenml\.org/d|"
                           r"\bkaggle\.com/(datasets|c|competitions)/", re.I)
# A script named for fetching data (download.py, get_data.py, download_datasets.py)
DOWNLOAD_SCRIPT = lazyre.compile(r"(^|/)(download|get|fetch)(_?(data|datasets?|corpus|corpora))?\.py$", re.I)
# A loader's generic builders (load_dataset("json", data_files=...)) name a format, not a dataset.
GENERIC_BUILDERS = frozenset({"json", "csv", "text", "parquet", "arrow", "imagefolder", "audiofolder",
                              "videofolder", "webdataset", "pandas", "generator", "sql", "xml", "spark"})
# A module named for scoring or running the model (eval.py, benchmark_x.py, infer.py): what it loads
# is scored or run on, not trained on.
SCORING_MODULE = lazyre.compile(r"(^|[_\-])(eval\w*|evaluat\w*|bench\w*|metrics?|scor\w*|test\w*|infer\w*|"
                                r"predict\w*|demo|app)([_\-.]|$)", re.I)


def _named_loads(f) -> list[tuple[str, int]]:
    """The datasets a module loads by name (a Hub id, a TFDS name), not local paths or formats."""
    return [(name, line) for name, line in f.loaded_datasets
            if name.lower() not in GENERIC_BUILDERS and not name.startswith((".", "/", "~"))
            and "." not in name.rsplit("/", 1)[-1] and " " not in name and "{" not in name]


# The files a model is loaded from, whatever their extension (trRosetta-xaa-config.json, vocab.txt,
# merges.txt): addresses of them are not data.
MODEL_FILE_NAME = lazyre.compile(r"config|vocab|tokeni[sz]er|merges|pytorch_model|checkpoint|weights", re.I)
MANIFEST_EXT = frozenset((".yaml", ".yml", ".json", ".jsonld", ".csv", ".tsv", ".md", ".toml"))
# The last extension of each data file kind (".jsonl.gz" is a ".gz"): the files examined as data.
DATA_FILE_EXT = tuple({"." + x.rsplit(".", 1)[-1] for x in DATA_EXT} | {".gz"})
MIN_DATA_BYTES = 2048
# Label maps, indices, lookups (a name-to-group table), vocabularies, statistics, metrics and format
# samples sit in data folders but are not training data.
NOT_TRAINING_DATA = lazyre.compile(r"label|idx|index|synset|classes|categor|few_?shots?|mapping|sample|example|demo|dummy|toy|mock|custom(?![a-z])|"
                                   # (an underscore ends a word here: mfa_dict.txt, metadata_phone.csv)
                                   r"group|lookup|vocab|dictionary|(?<![a-z])dict(?![a-z])|stats?(?![a-z])|statistics|"
                                   r"metrics?|results?|scores?|meta\b|metadata(?![a-z])|schema|2id|id2|"
                                   # lists of identifiers or names and maps between them (gene_ids.txt,
                                   # protein_gene_map.json, class_names.txt)
                                   r"[_\-.]ids?(?![a-z])|[_\-.]names?(?![a-z])|[_\-.]map(?![a-z])|\bmap[_\-.]|"
                                   # ... between label sets by their sizes (map22kto1k.txt, in21k_to_1k.json)
                                   r"\bmap\d|(?<!\d)\d{1,6}k?_?to_?\d{1,6}k?\b|"
                                   # ... also written in camelCase (ade20k_instance_imgCatIds.json)
                                   r"(?-i:[a-z](Ids?|IDs?|Names|Map)\b)", re.I)

# What a link's own sentence calls it: a split held out for evaluation, or the data a model was trained on.
EVAL_SET = lazyre.compile(r"\b(evaluation|validation|test|held[- ]?out)\s+(sets?|splits?|data(sets?)?)\b", re.I)
# A section that tells where to get the data before training ("Data preparation", "Dataset download"):
# its download links point to the data (the section is a how-to, so it does not describe the data).
# Matched after the heading's numbering ("2.1 ") is stripped.
DATA_SETUP_HEADING = lazyre.compile(r"(training\s+)?(data|datasets?)\s+(preparation|download|setup)\s*$",
                                    re.I)
# ... and "Download datasets", "Preparing the data" in the release's own README (in a sub-folder's
# guide, "Download the dataset" is mostly the example data of a fine-tuning tutorial).
GET_DATA_HEADING = lazyre.compile(r"^(download(ing)?|get(ting)?|prepar(e|ing)|fetch(ing)?)\s+(the\s+)?(training\s+)?"
                                  r"(data|datasets?)\s*$", re.I)


# In a data set-up section, a sentence that downloads from the link ("Download and extract ImageNet
# train and val images from http://image-net.org/") points to the data, whatever the link's words.
DOWNLOAD_VERB = lazyre.compile(r"\b(download|fetch|obtain)\w*\b|下载", re.I)


def data_setup_section(p) -> bool:
    """The link's section is the one that says how to get or set up the data."""
    title = (p.section or "").lstrip("0123456789. \t")
    return bool(DATA_SETUP_HEADING.match(title) or "/" not in p.path and p.path.lower().startswith("readme")
                and GET_DATA_HEADING.match(title))
# A download that says it holds the held-out split as well: "train and val images", "the training
# and test splits", "train/val/test".
SPLITS_TOO = lazyre.compile(r"\btrain(ing)?\s*(,|and|&|/|\+)\s*(val|valid|validation|test|dev)\b|"
                            r"\b(val|validation|test|dev)\s*(and|&|/|\+)\s*train(ing)?\b", re.I)
TRAINING_DATA_CLAUSE = lazyre.compile(r"\b(trained (on|with)|training (data|sets?|corpus|corpora)|to train)\b", re.I)

# A configuration written to be filled in: named as a template, or naming placeholder data.
TEMPLATE_NAME = lazyre.compile(r"example|template|sample|dummy|skeleton", re.I)
PLACEHOLDER = lazyre.compile(r"/path/to\b|\bpath_to_|\byour[_\-/ ]|\bmy[_\-]?(bucket|data|dataset|audio|corpus)\b|<[\w \-]{1,40}>",
                             re.I)

# A config value that builds a loader class (Hydra's `_target_`, Lightning's `class_path`) and names no
# dataset by name, URL or Hub id, only a local folder to read.
LOADER_SPEC = lazyre.compile(r"^[^\S\n]*(_target_|class_path)\s*:", re.M)
NAMED_DATA = lazyre.compile(r"^[^\S\n]*(name|dataset_name|hf_name|path|repo_id)\s*:\s*[\"']?[\w.\-]{1,80}/[\w.\-]{1,80}[\"']?\s*$|"
                            r"https?://|^[^\S\n]*(name|dataset_name)\s*:\s*[\"']?[A-Za-z][\w.\-]{1,80}[\"']?\s*$", re.M)

# A literal that names the training data's mixture: `data_mix = {...}`, `train_data_config = {...}`,
# `mixture = [...]` -- not a run's training configuration (`train_config = {'dataset': cfg.dataset,
# 'lr': ...}`), which names the data only among its settings.
DATA_MIX_NAME = lazyre.compile(r"(^|_)(data_(config|mix|mixture)|(train_)?(mix|mixture))$")

MAX_DATA_EVIDENCE = 200
MAX_DATA_CANDIDATES = 2000  # files examined (size, pointer); those in data-like folders first
# Small candidates opened to see whether they are Git LFS pointers: more than the evidence kept
# (MAX_DATA_EVIDENCE) with room for small files that are not.
MAX_POINTER_CHECKS = 400


def _is_data_file(view: RepoView, e, budget: list[int] | None = None) -> bool:
    if e.ext not in DATA_EXT and not e.name.lower().endswith((".jsonl.zst", ".json.gz", ".jsonl.gz")):
        return False
    if not_data(e.path) or TOKENIZER_RE.search(e.name) or RESULT_FILE.search(e.path) or LOG_FILE.search(e.path):
        return False
    if e.ext == ".npy" and NPY_WEIGHTS.search(e.name) and not NPY_STATISTICS.search(e.name):
        return False  # generative_model_ema.npy: a network's parameters (weights.py), not data
    if e.ext == ".json" and RUN_RECORD.match(e.name[:-5]):  # report.json, stats.json: what a run wrote
        return False
    if e.ext == ".json" and CONFIG_TOKEN.search(e.name[:-5].lower()):
        return False  # train_decoder_config.test.json, model_cfg.json: a run's settings, whatever split it names
    if e.size >= MIN_DATA_BYTES:
        return True  # bigger than any Git LFS pointer: no need to open it
    if budget is not None:  # thousands of tiny files: a few hundred opened say whether they are pointers
        budget[0] -= 1
        if budget[0] < 0:
            return False
    lfs = view.lfs(e.path)
    return lfs is not None and lfs.size >= MIN_DATA_BYTES


# The README's training command and the data config it passes: `python train.py --data coco.yaml`.
TRAIN_DATA_ARG = lazyre.compile(r"\btrain\w{0,30}\.py\b[^\n`]{0,300}?--data(?:set)?(?:[_-](?:config|cfg|yaml))?[ =]"
                                r"[\"']?([\w./\-]{1,160}\.(?:ya?ml|json))\b")


def _training_command_data(view: RepoView) -> list[Evidence]:
    """The data config that the documented training command passes (`python train.py --data
    coco.yaml`), when it is a file of the repository that names splits or downloads: the list of
    what the released model was trained on, as the training run reads it."""
    by_name: dict[str, list] = {}
    for doc in markdown_docs(view):
        if is_test_path(doc.path) or is_example_path(doc.path):
            continue
        for n, line in enumerate(doc.lines[:3000], 1):
            m = TRAIN_DATA_ARG.search(line[:2000]) if "--data" in line else None
            if m is None or TEMPLATE_NAME.search(m.group(1).rsplit("/", 1)[-1]):
                continue
            if not by_name:
                for e in view.with_ext(".yaml", ".yml", ".json"):
                    if not (e.vendored or e.test):
                        by_name.setdefault(e.name, []).append(e)
            target = m.group(1).lstrip("./")
            found = next((e for e in by_name.get(target.rsplit("/", 1)[-1], [])
                          if e.path == target or e.path.endswith("/" + target) or "/" not in target), None)
            if found is not None and SPLIT_KEYS.search((view.text(found.path) or "")[:64 << 10]):
                return [Evidence(DATASETS, "partial", found.path, f"the data config of the training command "
                                 f"in {doc.path}", 1, 0.6)]
    return []


# A data config's own keys: the splits it lists (`train: train2017.txt`) or where it downloads from.
SPLIT_KEYS = lazyre.compile(r"^(train|val|valid|validation|test|download|train_split|train_path)\s*:", re.M)


def _section_before(view: RepoView, p) -> str:
    """The prose of the section holding pointer `p`, from its heading down to `p` (at most 40 lines):
    what the section says of the data before its download command."""
    doc = document(view, p.path) if p.path.lower().endswith(MARKDOWN_EXT) else None
    if doc is None:
        return ""
    start = max((h.line for h in doc.headings if h.line <= p.line), default=1)
    start = max(start, p.line - 40)
    return "\n".join(line for n, line in enumerate(doc.lines[start - 1:p.line - 1], start) if not doc.in_code(n))


def fetched_data(p) -> bool:
    """A download command in a data section's code block (`wget "https://.../data.tar" -O data.tar`),
    or any in a script named for fetching the data (egs/ljspeech/local/data_download.sh)."""
    return bool(FETCH_COMMAND.search(p.context[:500]) and (
        (DATA_HEADING.search(p.section or "") or data_setup_section(p)) and re.search(r"data", p.url, re.I)
        or DATA_FETCH_SCRIPT.search(p.path)))


# A script named for fetching the data: download_data.sh, data_download.sh, get_datasets.py
DATA_FETCH_SCRIPT = lazyre.compile(r"(^|/)((download|get|fetch)_?(the_?)?(data|datasets?|corpus|corpora)|"
                                   r"(data|datasets?|corpus|corpora)_?(download|fetch))\.(sh|bash|py)$", re.I)


# The README of the repository's data folder ("# Downloading datasets ... go to [this page on
# image-net.org](...)"): every section of it is about the data, whatever its heading says.
DATA_FOLDER_README = lazyre.compile(r"^(data|datasets?|corpus|corpora)/readme\.md$", re.I)
TRAINING_WORD = lazyre.compile(r"\b(pre-?)?train(ed|ing)?\b|训练", re.I)


def _training_data_readme(view: RepoView, path: str) -> bool:
    """The data folder's README, when it ties its datasets to training (the `--data_dir` of "the
    training script"); one that publishes datasets the model labelled never speaks of training."""
    if not DATA_FOLDER_README.search(path):
        return False
    doc = document(view, path)
    return doc is not None and bool(TRAINING_WORD.search(doc.text[:50_000]))


# "You can use the following code to finetune your model ... (for example: [a dataset](...))"
# ("如果您需要进一步微调模型": if you need to fine-tune the model further)
YOUR_MODEL = lazyre.compile(r"\b(fine-?tune|train|adapt)\s+your\s+(own\s+)?models?\b|(您|你)[^。\n]{0,12}微调", re.I)


def _users_data_link(view: RepoView, p) -> bool:
    """A dataset linked in a paragraph that tells the reader how to fine-tune their own model (or
    with their own data): an example of what the reader might use, not what this model was trained on."""
    doc = document(view, p.path) if p.path.lower().endswith(MARKDOWN_EXT) else None
    text = doc.paragraph_at(p.line) if doc is not None else p.context
    return bool(YOUR_MODEL.search(text) or USERS_DATA.search(text))


def _under_evaluation_heading(view: RepoView, p) -> bool:
    """A link in a sub-section of the evaluation ("Benchmark results" > "General domain" > [BBH](...)),
    unless its own section is about data ("Training data" under "Evaluation and training"). The
    parents' context is weaker than the section's own: only for links to data hosts (a Hub dataset, a
    download), not to a code repository ("Evaluation data" > "Caveats" > [detector research](github))."""
    if DATA_HEADING.search(p.section or "") or p.kind == "github" or not p.path.lower().endswith(MARKDOWN_EXT):
        return False
    doc = document(view, p.path)
    return doc is not None and any(EVAL_SECTION.search(title) for title in doc.outer_sections(p.line))


def _under_data_heading(view: RepoView, p) -> bool:
    """A link in a sub-section of the README's data section ("Data" > "LMDB Data" > [Pretraining
    corpus](https://host/pfam.tar.gz)): the parent says what the sub-sections' downloads are."""
    if not p.path.lower().endswith(MARKDOWN_EXT):
        return False
    doc = document(view, p.path)
    return doc is not None and any(DATA_HEADING.search(title) for title in doc.outer_sections(p.line))


# A repository that is a dataset's home (NVlabs/ffhq-dataset, LAION-AI/audio-dataset), not code.
# "All the six benchmark datasets can be obtained from [Google Drive](...)": the sentence says where
# the data is got from, in the passive as set-up steps often put it.
DATA_FROM = lazyre.compile(r"\b(data ?sets?|data|corpus|corpora)\b[^.\n]{0,60}?\b(can be|are|is)\s+"
                           r"(obtained|downloaded|accessed|fetched|found)\s+(from|at|on|via|here)\b", re.I)
DATASET_REPO = lazyre.compile(r"(^|[_\-.])(datasets?|data|corpus|corpora)([_\-.]|$)", re.I)
DOWNLOAD_DATA_SENTENCE = lazyre.compile(r"\bdownload\b[^;\n]{0,160}?\b(data ?set|data|corpus)\b", re.I)
DATASET_WORDS = lazyre.compile(r"\b(data ?sets?|data|corpus|corpora)\b", re.I)
# A sentence that tells the reader to fetch something ("1. Download [X]", "a) Download and extract the
# [X](...)"), or says the data was the paper's ("For the [X dataset] used in the paper run ...").
IMPERATIVE_DOWNLOAD = lazyre.compile(r"^[^\w\n]{0,4}(?:\w{1,2}[.)][^\S\n]{1,3})?(?:please[^\S\n]+|first(?:ly)?,?[^\S\n]+)?"
                                     r"(download|fetch|obtain)\b", re.I)
USED_IN_PAPER = lazyre.compile(r"\bused (in|for|by) (the|our) (paper|experiments?|training|work)\b", re.I)
# data given to try something on ("the demo [dataset]", "a toy dataset"), not the training data
DEMO_DATA = lazyre.compile(r"\b(demo|example|sample|toy|dummy|tiny|mini)[^\S\n]{1,3}\[?(data ?sets?|data|corpus)\b", re.I)


def _model_owners(view: RepoView) -> frozenset[str]:
    """The Hub owners whose model repositories the root README links (the release's publishers)."""
    def build():
        root = readme(view)
        if root is None:
            return frozenset()
        return frozenset(p.ref.split("/")[0].lower() for p in pointers(view)
                         if p.kind == "hf_model" and p.path == root.path)
    return view.memo("_hub_model_owners", build)


def _download_named_data(text: str, sentence: str) -> bool:
    """The link's own words name a data set ("LJ Speech dataset") and its sentence tells the reader
    to download it, or says it is the data the paper used: where the data comes from, in whatever
    section the step is written."""
    return bool(DATASET_WORDS.search(text) and not DEMO_DATA.search(sentence) and (
        IMPERATIVE_DOWNLOAD.match(sentence) or DOWNLOAD_VERB.search(sentence) and USED_IN_PAPER.search(sentence)))


# One dataset's location in a config's list of datasets: a storage bucket or address per entry.
DATA_LOCATION = lazyre.compile(r"^[ \t-]{0,12}[\"']?(bucket|uri|url|hf_path|data_files|location|source|path)[\"']?\s*:\s*"
                               r"[\"']?(s3|gs|gcs|r2|az|abfss?|hf|https?)://", re.I | re.M)
MIN_LISTED_DATASETS = 3
# Addresses in a config that are not where data is: a paper, a code page, a checkpoint (an OpenMMLab
# metafile.yml gives each model's `Paper: URL:`, `Code: URL:` and `Weights:` beside "Training Data: COCO").
NOT_DATA_ADDRESS = lazyre.compile(r"^[\w.\-]{0,40}(arxiv\.org|github\.com|openreview\.net|aclanthology\.org|doi\.org)/|"
                                  r"\.(pth|pt|ckpt|bin|safetensors|pdf|py)(#|\?|$)", re.I)


def _data_locations(text: str) -> int:
    """How many data locations (`bucket: s3://...`, `url: https://...`) a config lists, leaving out
    papers, code pages and checkpoints."""
    count = 0
    for m in DATA_LOCATION.finditer(text):
        url = text[m.end():m.end() + 300].split(None, 1)[0].strip("\"',") if text[m.end():m.end() + 1].strip() else ""
        if url and not NOT_DATA_ADDRESS.search(url):
            count += 1
    return count


# A split's folder inside a data folder (data/test/GSM8K_test.jsonl, datasets/tests/): the held-out
# split of the data, not the unit tests' fixtures that a test/ folder elsewhere holds.
SPLIT_TEST_FOLDER = lazyre.compile(r"(^|/)(data|datasets?|corpus|corpora)/(test|tests)/", re.I)


def held_out_folder(e) -> bool:
    """A data file whose only test-like folder is the test split of a data folder."""
    return bool(e.test and SPLIT_TEST_FOLDER.search(e.path)
                and not is_test_path(SPLIT_TEST_FOLDER.sub(r"\1\2/", e.path, count=1)))


SPLIT_RECORD_EXT = frozenset({".csv", ".tsv", ".json", ".jsonl", ".parquet", ".arrow", ".npz", ".pkl", ".lmdb"})


def _feeds_training(f) -> bool:
    """Code whose loads are the training data: it trains, prepares data (by name or as a data module or
    dataset class), not an application of the model (a notebook clustering sentences it embedded)."""
    from mof_lint.detectors import code  # (code's helpers, imported on use as the package imports both)
    stem = f.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return code._training_entry(f) or bool(code.TRAIN_NAME.search(f.path) or code.PREP_NAME.search(stem)) \
        or code._dataset_class(f) is not None \
        or bool(code.DATA_DIR.search(f.path.rpartition("/")[0])) or bool(code.DATA_MODULE.match(stem))


def hosted_picture(url: str) -> bool:
    """A link to one picture, clip or recording inside a Hub dataset repository (.../resolve/main/x.svg):
    the file is shown, as a badge or a figure, not the dataset read."""
    path = urlsplit(url).path.lower()
    return any(part in path for part in ("/resolve/", "/raw/", "/blob/")) and path.endswith(MEDIA_EXT)


def beside_training_split(view: RepoView, e) -> bool:
    """A file named for a held-out split next to its training twin (np_test.csv beside np_train.csv,
    valid.jsonl beside train.jsonl): the two halves of one dataset, whatever the folder is called.
    Records only (a .txt pair is as often two lists of paths or a data mix's weights as data)."""
    m = HELD_OUT_SPLIT.search(e.name) if e.ext in SPLIT_RECORD_EXT else None
    if m is None or m.group(2) is None:
        return False
    prefix = f"{e.dir}/" if e.dir else ""
    head, tail = e.name[:m.start(2)], e.name[m.end(2):]
    return any(view.exists(f"{prefix}{head}{word}{tail}") for word in ("train", "training", "TRAIN", "Train"))


def data_candidates(view: RepoView, manifests: set[str] = frozenset()) -> tuple[list, int]:
    """(the files examined as possible data, how many there were): the repository's own files with a
    data extension, at most MAX_DATA_CANDIDATES of them, those in data-like folders first."""
    candidates = [e for e in view.with_ext(*DATA_FILE_EXT)
                  if not (e.vendored or e.path in manifests or e.test and not held_out_folder(e))]
    found = len(candidates)
    if found > MAX_DATA_CANDIDATES:
        folder_rank: dict[str, int] = {}

        def rank(e) -> int:
            if e.dir not in folder_rank:
                folder_rank[e.dir] = 0 if DATA_DIR.search(e.dir) or EVAL_DIR.search(e.dir) else 1
            return folder_rank[e.dir]
        candidates.sort(key=rank)  # stable: path order within each rank
        candidates = candidates[:MAX_DATA_CANDIDATES]
    return candidates, found


# A README section that shows how to use the released model (not how to train it).
USAGE_SECTION = lazyre.compile(r"usage|quick ?start|getting started|example|demo|inference|how to use|tutorial", re.I)
# A data file a Python snippet opens by its path: np.load("data/x_train.npy"), pd.read_csv('data/a.csv').
LOADED_PATH = lazyre.compile(r"[\"']\.?/?([\w\-./]{1,200}\.(?:npy|npz|csv|tsv|jsonl?|parquet|pkl|h5|txt))[\"']")


# A snippet that trains (its data is training data): a trainer, a training script, a loss step.
TRAIN_WORDS_IN_CODE = lazyre.compile(r"\btrain\.py\b|\bTrainer\(|\.backward\(|\boptimizer\.step\(")


def usage_inputs(view: RepoView) -> set[str]:
    """Files the root README's Python usage example loads ("# Load your dataset / X_train =
    np.load('data/hapmap1_X_train.npy')"): the example's inputs, shipped so that the snippet runs --
    not the data the model was trained or scored on."""
    root = readme(view)
    out: set[str] = set()
    if root is None:
        return out
    for block in root.code[:200]:
        if block.lang.lower() in ("python", "py") and USAGE_SECTION.search(block.section or "") and \
                not TRAIN_WORDS_IN_CODE.search(block.text[:5000]):
            out.update(m.group(1) for m in LOADED_PATH.finditer(block.text[:5000]))
    return out


# The keys of the manifest.json a web app (W3C Web App Manifest) or a browser extension ships: it
# names the app's icons and start page, not datasets.
APP_MANIFEST_KEYS = lazyre.compile(r'"(start_url|short_name|manifest_version|theme_color|background_color)"\s*:')


# A manifest whose name says what else it lists: a TensorFlow.js model's weights_manifest.json (its
# shards), a web build's asset-manifest.json, a package's or plugin's manifest.
OTHER_MANIFEST = lazyre.compile(r"(weights?|model|asset|app|build|package|plugin|extension)[_\-]?manifest", re.I)


def _not_data_manifest(view: RepoView, e) -> bool:
    """A manifest that lists something other than data: named so (OTHER_MANIFEST), or a manifest.json
    that is a web app's or a browser extension's manifest (its first KiB names its start page, short
    name or manifest version)."""
    if OTHER_MANIFEST.search(e.name):
        return True
    if e.name.lower() != "manifest.json":
        return False
    head = view.text(e.path, 4096, cache=False) or ""  # a prefix: not the text other checks read
    return bool(APP_MANIFEST_KEYS.search(head))


def detect(view: RepoView) -> list[Evidence]:
    ds: list[Evidence] = []
    ev: list[Evidence] = []
    data_files = 0
    pointer_checks = [MAX_POINTER_CHECKS]
    candidates = []
    manifests = set()
    for e in view.containing("data", "manifest", "croissant"):  # every MANIFEST_NAME holds one
        if e.ext in MANIFEST_EXT and not (e.vendored or e.test) and MANIFEST_NAME.search(e.name) \
                and not _not_data_manifest(view, e):
            ds.append(Evidence(DATASETS, "present", e.path, "data manifest", 1, 0.8))
            manifests.add(e.path)
    candidates, found = data_candidates(view, manifests)
    if found > MAX_DATA_CANDIDATES:  # a few thousand shards say as much as a hundred thousand
        view.findings.append(Finding("MOF410", f"{found} possible data files; the first "
                                     f"{MAX_DATA_CANDIDATES} (data folders first) were examined", level="note"))
    example_inputs = usage_inputs(view)
    for e in candidates:
        if data_files >= MAX_DATA_EVIDENCE or not _is_data_file(view, e, pointer_checks):
            continue
        if e.path in example_inputs:
            ds.append(Evidence(DATASETS, "present", e.path, "a file the README's usage example loads: the "
                               "example's input", 1, 0.3))
            continue
        data_files += 1
        lfs = " (Git LFS)" if view.lfs(e.path) else ""
        if EVAL_DIR.search(e.dir) or in_evaluation_folder(view, e.path):
            # (an evaluation folder also keeps label lists, judge rules, answers and scores: not its sets)
            conf = 0.35 if NOT_EVAL_SET_NAME.search(e.name) or NOT_EVAL_SET_DIR.search(e.dir) else 0.7
            ev.append(Evidence(EVAL_DATA, "present", e.path, f"evaluation data file{lfs}", 1, conf))
        elif (DATA_DIR.search(e.dir) or SPLIT_LIST_DIR.search(e.dir) or SPLIT_DATA_DIR.search(e.dir)
              or DATA_NAME.search(e.name)) and HELD_OUT_SPLIT.search(e.name) or held_out_folder(e) \
                or beside_training_split(view, e):
            # data/BC5CDR/raw/test.json, librispeech_test_clean.lst: the split a model is scored on
            ev.append(Evidence(EVAL_DATA, "present", e.path, f"held-out split ({e.name[:60]}){lfs}", 1, 0.65))
        elif DATA_DIR.search(e.dir) or DATA_NAME.search(e.name):
            conf = 0.35 if NOT_TRAINING_DATA.search(e.name) or CALIBRATION_DIR.search(e.dir) or \
                DEMO_DIR.search(e.dir) or GENERATION_INPUT.search(e.path) else 0.7
            ds.append(Evidence(DATASETS, "present", e.path, f"data file{lfs}", 1, conf))
    # data named by configs and code
    for e, text in config_files(view):
        if not_data(e.path) or EVAL_DIR.search(e.dir) or RESULT_FILE.search(e.path):
            continue  # an evaluation's config or results name the data it scored, not the training data
        m = CONFIG_DATA_KEYS.search(text)
        if m and (TEMPLATE_NAME.search(e.name) or PLACEHOLDER.search(text[m.end():m.end() + 400])):
            continue  # a template to fill in ("/path/to/audio", "s3://my-bucket"): no data named
        if m and LOADER_SPEC.search(text[m.end():m.end() + 200]) and not NAMED_DATA.search(text[m.end():m.end() + 400]):
            continue  # `train_dataset: {_target_: pkg.SomeDataset, proto_files: [data/protos]}`: a loader, no data named
        if m:
            line = text[:m.start()].count("\n") + 1
            located = _data_locations(text[m.end():m.end() + (64 << 10)])
            if located >= MIN_LISTED_DATASETS:
                # `datasets: [{name: reddit, bucket: s3://…/shard-{00000..00666}.jsonl.gz}, …]`: the list of
                # the training datasets with where each is, as a manifest gives it
                ds.append(Evidence(DATASETS, "present", e.path, f"config lists its datasets with their locations "
                                   f"({located})", line, 0.7))
            else:
                ds.append(Evidence(DATASETS, "link_only", e.path, f"config names its data ({m.group(1)})", line, 0.6))
            held_out = EVAL_CONFIG_KEYS.search(text)
            if held_out and len(ev) < 20:  # `DATASETS: {TRAIN: (coco_2017_train,), TEST: (coco_2017_val,)}`
                ev.append(Evidence(EVAL_DATA, "link_only", e.path, f"config names its evaluation data "
                                   f"({held_out.group(1)})", text[:held_out.start()].count("\n") + 1, 0.55))
    ds += _training_command_data(view)
    for f in python_files(view):
        if is_test_path(f.path) or (view.entries.get(f.path) and view.entries[f.path].vendored):
            continue
        urls = [s for s, _ in f.strings if (DATA_URL.search(s) or "://" in s and DATA_HOST.search(s))
                and "arxiv" not in s and not MODEL_FILE_NAME.search(s.rsplit("/", 1)[-1])]
        # (download.py fetching one or two data archives: the script is the data's pointer)
        listing = len(urls) >= 3 or DOWNLOAD_SCRIPT.search(f.path) and any("://" in u for u in urls)
        if listing and (in_evaluation_dir(f.path) or in_evaluation_folder(view, f.path)):
            # an evaluation toolkit's dataset registry: the benchmarks it scores on
            ev.append(Evidence(EVAL_DATA, "link_only", f.path, f"evaluation code lists {len(urls)} data download URLs",
                               f.strings[0][1], 0.55))
        elif listing:  # (the data is where they point: a pointer, as a config naming its data is)
            ds.append(Evidence(DATASETS, "link_only", f.path, f"lists {len(urls)} data download URLs",
                               f.strings[0][1], 0.6))
        elif any(DATA_MIX_NAME.search(n) for n in f.literal_assigned):
            ds.append(Evidence(DATASETS, "partial", f.path, "defines the training data mix", 1, 0.55))
        elif (named := _named_loads(f)) and not (in_evaluation_dir(f.path) or in_evaluation_folder(view, f.path)
                                                  or SCORING_MODULE.search(f.path.rsplit("/", 1)[-1])) \
                and _feeds_training(f):
            # `tfds.builder('cifar10')`, `load_dataset("tatsu-lab/alpaca")` in the code that prepares the
            # data: the datasets, by the names their hub resolves (an evaluation's loads are its benchmarks)
            name, line = named[0]
            url = f"https://huggingface.co/datasets/{name}" if "/" in name and f.calls_any("load_dataset") else None
            ds.append(Evidence(DATASETS, "link_only", f.path, f"the code loads the dataset {name[:60]} by name"
                               + (f" (and {len(named) - 1} more)" if len(named) > 1 else ""), line, 0.6, url))
    for doc in markdown_docs(view):
        if CARD_NAME.search(doc.path):  # a model card's Training section that names its data
            for h in doc.headings:
                body = doc.section_text(h, 4000)[:4000]
                if TRAINING_HEADING.search(h.text.strip()) and TRAINING_DATA_TEXT.search(body) and \
                        names_training_data(body, named_only=True):
                    ds.append(Evidence(DATASETS, "partial", doc.path, f"card section \"{h.text[:50]}\" names "
                                       "the training data", h.line, 0.55))
                    break
        fm = doc.front_matter or {}
        names = fm.get("datasets")
        if isinstance(names, list) and names:
            ds.append(Evidence(DATASETS, "link_only", doc.path, "card front matter names datasets: "
                               + ", ".join(str(n) for n in names[:3]), 1, 0.75,
                               f"https://huggingface.co/datasets/{names[0]}"))
        for table in doc.tables:
            # a table whose first column lists datasets, not a results table with a "datasets" column
            if table.header and re.match(r"\s*(training |pre-?training )?(data ?sets?|corpus|corpora|data"
                                         r"( sources?)?|sources?|subsets?)\s*$", table.header[0], re.I) \
                    and len(table.rows) >= 1 and not EVAL_SECTION.search(table.section) \
                    and not any(METRIC.search(h) for h in table.header[1:]):
                if in_evaluation_dir(doc.path) or in_evaluation_folder(view, doc.path):
                    # a benchmark's README listing its sets (and an instruct set of its own): evaluation data
                    ev.append(Evidence(EVAL_DATA, "link_only", doc.path, "a table of an evaluation folder's "
                                       "README lists its data sets", table.line, 0.55))
                else:
                    ds.append(Evidence(DATASETS, "link_only", doc.path, "table lists the training data",
                                       table.line, 0.6))
                break
        for link in doc.links:
            if not link.url.startswith(("http", "/", ".")) and "/" not in link.url:
                target = link.url
            elif link.url.startswith(("./", "/")) or "://" not in link.url:
                target = link.url.lstrip("./")
            else:
                continue
            if DATA_URL.search(target) and DATA_NAME.search(target.rsplit("/", 1)[-1]) and \
                    DATA_HEADING.search(link.section or ""):
                ds.append(Evidence(DATASETS, "partial" if not view.exists(target) else "present", doc.path,
                                   f"links the training data file {target[:80]}", link.line, 0.6))
    seen: set[tuple[str, str]] = set()  # (component, link) given with confidence
    weak: set[tuple[str, str]] = set()  # ... given as a passing mention only: a later, surer one still counts
    for p in pointers(view):
        if is_test_path(p.path) or p.kind not in ("hf_dataset", "other", "download", "github"):
            continue  # papers, models, spaces: not data
        if p.kind == "hf_dataset" and hosted_picture(p.url):
            continue  # a badge or a figure kept in a Hub dataset repository (huggingface/badges): a picture
        sentence = sentence_of(view, p) if not p.in_code else p.context
        # evaluation data by where the link is, or by what its own words call it ("the IDs of the
        # evaluation set", "a validation set from [CAMEO](...)")
        in_eval = EVAL_SECTION.search(p.section or "") or EVAL_DIR.search(p.path) or \
            in_evaluation_folder(view, p.path) or EVAL_SET.search(f"{p.text} {sentence}") or \
            _under_evaluation_heading(view, p) or \
            (p.kind == "hf_dataset" and BENCHMARK_DATASET.search(p.ref.rpartition("/")[2])) or \
            (DATA_FETCH_SCRIPT.search(p.path) and BENCHMARK_DATASET.search(p.path.rpartition("/")[0]))
        comp = EVAL_DATA if in_eval else DATASETS
        if (comp, p.ref) in seen:
            continue
        if p.kind == "hf_dataset" and _users_data_link(view, p):
            continue  # "to fine-tune your model ... for example: [alpaca_gpt4_zh](...)": the reader's data
        if p.kind == "hf_dataset":
            target = ev if in_eval else ds
            # a Hub dataset named beside other projects' news is not this model's data
            about_data = (in_eval or DATA_HEADING.search(p.section or "") or
                          TRAINING_CONTEXT.search(p.context + " " + p.text) or
                          p.path.lower().startswith(("data", "train")) or
                          # `git lfs clone https://huggingface.co/datasets/...` after "We provide the
                          # training data for replication": the command's paragraph says what it fetches
                          p.in_code and TRAINING_DATA_CLAUSE.search(_section_before(view, p)[-1000:]) or
                # a data set the release's own publisher put on the Hub beside its models (a resources
                # table's "deita-6k-v0" next to "deita-7b-v1.0-sft"): the release's data
                p.ref.split("/")[0].lower() in _model_owners(view)) \
                and not news_aside(p)
            if not about_data and (comp, p.ref) in weak:
                continue
            (seen if about_data else weak).add((comp, p.ref))
            target.append(Evidence(comp, "link_only", p.path, f"Hugging Face dataset {p.ref}", p.line,
                                   0.75 if about_data else 0.35, p.url))
        elif p.kind in ("other", "download", "github") and not p.in_code and not in_eval and \
                DATA_STEP.match(p.context) and not USERS_DATA.search(p.context):
            # "2. Download data. You can obtain all the six benchmarks from [[Autoformer](github)]": a
            # set-up step that gets the data names where it comes from, whatever host the link is on
            seen.add((comp, p.ref))
            ds.append(Evidence(DATASETS, "link_only", p.path, f"data download step: {(p.text or p.url)[:80]}",
                               p.line, 0.6, p.url))
        elif p.kind in ("other", "download", "github") and (not p.in_code or fetched_data(p)):
            blob = f"{p.url} {p.text}"
            # (or a dataset's home page that the sentence says to download it from: "Download the
            # [ImageNet-1K](http://image-net.org/) classification dataset")
            dataish = re.search(r"data|download|drive\.google|cloud\.tsinghua|kaggle|zenodo|figshare|"
                                r"storage|bucket|human-eval|docs\.google\.com/spreadsheets", blob, re.I) or \
                DOWNLOAD_DATA_SENTENCE.search(sentence[:500]) or DATA_FETCH_SCRIPT.search(p.path) or \
                (data_setup_section(p) and DOWNLOAD_VERB.search(sentence[:500]))  # "Download ... images from <site>"
            if in_eval and (dataish or EVAL_SET.search(f"{p.text} {sentence}")):
                seen.add((comp, p.ref))
                ev.append(Evidence(EVAL_DATA, "link_only", p.path, f"evaluation data: {(p.text or p.url)[:80]}",
                                   p.line, 0.6, p.url))
            elif (DATA_HEADING.search(p.section or "") or data_setup_section(p) or
                  TRAINING_DATA_CLAUSE.search(sentence) or DATA_FROM.search(sentence[:500]) or
                  _training_data_readme(view, p.path) or
                  _under_data_heading(view, p) or DATA_FETCH_SCRIPT.search(p.path) or
                  # "1. Download [LJ Speech Data].", "Download and extract the [LJ Speech dataset](...)": the
                  # link's own words name a data set and the sentence says to fetch it, whatever the section
                  _download_named_data(p.text, sentence[:500])) and dataish \
                    and not USERS_DATA.search(f"{p.text} {sentence[:500]}") \
                    and (p.kind != "github" or DATASET_REPO.search(p.ref.rpartition("/")[2])):
                seen.add((comp, p.ref))
                ds.append(Evidence(DATASETS, "link_only", p.path, f"data download: {(p.text or p.url)[:80]}",
                                   p.line, 0.6, p.url))
                if SPLITS_TOO.search(sentence) or (p.in_code and SPLITS_TOO.search(_section_before(view, p))):
                    # "COCO 2017 train and val images", or the data section that introduces the
                    # download command ("the datasets with our train/val/test splits"): the split it
                    # is scored on
                    ev.append(Evidence(EVAL_DATA, "link_only", p.path, "evaluation split of the linked data: "
                                       f"{(p.text or p.url)[:60]}", p.line, 0.5, p.url))
    from mof_lint.detectors import strongest  # (the package imports this module)
    return strongest(view, ds, strongest_first) + strongest(view, ev, strongest_first)
