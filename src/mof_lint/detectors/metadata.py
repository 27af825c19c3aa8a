"""Model metadata (training configurations, optimizer states, logs) and supporting libraries and
tools (dependency manifests, containers)."""
from __future__ import annotations

import re

from mof_lint.detectors.code import TRAIN_CALLS, TRAIN_NAME, own_code
from mof_lint.detectors.common import code_blocks_with, config_files, markdown_docs, pointers, python_files
from mof_lint.detectors.results import METRIC
from mof_lint.evidence import Evidence
from mof_lint.repo import RepoView, is_example_path, is_test_path
from mof_lint import lazyre

# (a key may carry its owner's name, as gin-style configs write it: `AdamW.lr: 0.0001`)
HYPERPARAMS = lazyre.compile(r"^[^\S\n]*[\"']?(?:\w{1,40}\.){0,3}(lr|learning_rate|batch_size|train_batch_size|micro_batch_size|"
                             r"global_batch_size|warmup(_steps|_iters|_ratio)?|weight_decay|optimizer|"
                             r"train_iters|max_steps|num_steps|num_train_epochs|num_epochs|n_epochs|epochs|"
                             r"gradient_accumulation_steps|grad_accum(?:_steps|_factor)?|"
                             r"base_learning_rate|lr_scheduler|max_lr|min_lr|"
                             # the training frameworks' own names: BasicSR (total_iter, batch_size_per_gpu),
                             # mmcv (max_epochs, samples_per_gpu), detectron2 (BASE_LR, MAX_ITER, IMS_PER_BATCH)
                             r"total_iters?|max_iters?|max_epochs|warmup_iters?|batch_size_per_gpu|samples_per_gpu|"
                             r"ims_per_batch|base_lr|"
                             # INI-style configs: darknet's [net] (momentum, max_batches), spaCy/thinc (learn_rate)
                             r"momentum|max_batches|learn_rate)[\"']?\s*[:=]", re.I | re.M)
HP_NAMES = frozenset({"lr", "learning_rate", "batch_size", "train_batch_size", "micro_batch_size", "global_batch_size",
                      "warmup", "warmup_steps", "warmup_iters", "warmup_ratio", "weight_decay", "optimizer",
                      "train_iters", "max_steps", "num_steps", "max_iters", "num_train_epochs", "epochs", "num_epochs",
                      "gradient_accumulation_steps", "base_learning_rate", "lr_scheduler", "max_lr", "min_lr",
                      "lr_decay_iters", "micro_batch_size", "lora_r", "lora_alpha", "dropout", "beta1", "beta2",
                      "bs", "total_batch_size", "n_epochs", "max_epochs", "accum_iter", "blr", "lr_warmup_steps"})
# A Python module of settings (config/train_gpt2.py, openfold/config.py, hparams.py, models/hp/vision.py): training
# configuration written as code.
CONFIG_PY = lazyre.compile(r"(^|/|_)(configs?|configuration|hparams|hp|hyper_?params?|hyperparameters?|settings)(/|[_\-.])",
                           re.I)
# A settings module names each part's settings with the part's prefix (vocoder/hparams.py: voc_lr,
# voc_batch_size; a stage's options: s0_lr, s0_iterations): the name after the prefix is the setting.
PART_PREFIX = lazyre.compile(r"[a-z][a-z0-9]{0,11}_")
# An architecture configuration (a Hub config.json, a model YAML): the model's shape, not how it was
# trained -- part of the metadata.
ARCH_KEYS = lazyre.compile(r"(^|[{,])[^\S\n]*[\"']?(architectures|model_type|hidden_size|num_hidden_layers|num_attention_heads|"
                           r"n_layers?|n_embd|n_head|d_model|num_layers|intermediate_size|vocab_size|"
                           # a convolutional or U-Net model's shape (DDPM's ch_mult, num_res_blocks)
                           r"ch_mult|channel_mult|dim_mults|num_res_blocks|model_channels|base_channels|"
                           r"attn_resolutions|attention_resolutions|"
                           # a model's own prefix on the same shapes (unCLIP's xf_layers, xf_heads)
                           r"[a-z]{1,12}_(?:layers|heads))[\"']?\s*[:=]",
                           re.I | re.M)
# ... the same written in Python: a settings module or a model builder (build_sam.py) that fixes the
# shape of each released size (`encoder_embed_dim=1280, encoder_depth=32, encoder_num_heads=16`).
BUILD_PY = lazyre.compile(r"(^|/)((build|builder|make|create)_\w{1,60}|builders?)\.py$|(^|/)model_?(configs?|sizes?|zoo)\.py$", re.I)
# A settings module may prefix the keys with the model's part (model_hidden_size, model_num_layers).
PY_ARCH_KEYS = lazyre.compile(r"\b(?:[a-z]{1,12}_)?((?:encoder_|decoder_)?(?:embed_dim|embedding_(?:dim|size)|model_dim|ffn_inner_dim|depth|num_heads?|n_layers?|hidden_size|"
                              r"d_model|n_embd|n_heads?|num_attention_heads|num_hidden_layers|intermediate_size|"
                              r"mlp_ratio|mlp_dim|patch_size|num_blocks?|num_(?:\w{1,20}_)?(?:channels?|layers?|heads)))[\"']?\s*[:=]\s*\d", re.I)
NOT_ARCH_CONFIG = lazyre.compile(r"tokenizer|preprocessor|generation_config|special_tokens|vocab", re.I)
# A training command line with its hyperparameters (--lr 3e-4 --batch_size 128) in a document.
HP_FLAG = lazyre.compile(r"--(lr|learning[_-]rate|batch[_-]size|batch|micro[_-]batch[_-]size|warmup[_-]?\w*|weight[_-]decay|wd|"
                         r"dropout|kimg|"  # StyleGAN/EDM-style options: --batch=32 --kimg=5000 --dropout=0.05
                         r"epochs|num[_-]epochs|num[_-]train[_-]epochs|max[_-]steps|gradient[_-]accumulation[_-]steps|"
                         r"lora[_-]r|lora[_-]alpha|beta[12]|adam[_-]beta[12])\b", re.I)
# ... and the model's shape given on the same command line (--d_model 512 --e_layers 2 --n_heads 8): the
# released run's settings as much as its learning rate (time-series and research code set them per run).
ARCH_FLAG = lazyre.compile(r"--(d_model|d_ff|e_layers|d_layers|n_heads|num_heads|n_layers|num_layers|hidden_size|"
                           r"hidden_dim|embed_dim|depth|seq_len|label_len|pred_len|patch_len|num_blocks)\b", re.I)
# Settings only an optimiser reads: a script that passes one launches training, whatever its name
# (scripts/ETTm2.sh: `python run.py --learning_rate 1e-5 --e_layers 2 ...`).
OPTIMISER_FLAGS = frozenset({"lr", "learning_rate", "weight_decay", "wd", "adam_beta1", "adam_beta2", "beta1", "beta2",
                             "epochs", "num_epochs", "num_train_epochs", "gradient_accumulation_steps"})
# ... unless the script sits with the data or is named for preparing it (a copy of a launch line that
# kept its --lr, in data/cellxgene/array_process_allcounts.sh).
DATA_SCRIPT = lazyre.compile(r"(^|/)(data|datasets?|preprocess\w*)/|process|prepar|download|convert", re.I)
# A launch script is read whole up to this size; at most this many scripts a run.
SCRIPT_MAX = 64 << 10
MAX_SCRIPTS = 200
# The columns of a model-size table in a card ("#layers | #params | Embedding Dim", "Params | Context
# length | GQA | Token count"): each kind of architecture fact once. Two facts of the model's shape
# (depth, width, heads, context, experts, training tokens) make one; sizes alone (parameters, a
# vocabulary, a "Params" column beside benchmark scores) do not.
ARCH_COLUMNS = (
    ("parameters", lazyre.compile(r"\bparam(eter)?s?\b|^\s*(model )?size\s*$", re.I)),
    ("layers", lazyre.compile(r"\blayers?\b|\bdepth\b|\bblocks\b", re.I)),
    ("width", lazyre.compile(r"\bhidden\b|\bembed(ding)?s?\b.{0,12}\b(dim|size)|\bd_?model\b|\bwidth\b|\bmodel dim", re.I)),
    ("heads", lazyre.compile(r"\bheads?\b|\bgqa\b|\bmqa\b", re.I)),
    ("context", lazyre.compile(r"\bcontext\b|\bseq(uence)?[ _]?len|\bmax(imum)? (length|tokens)\b", re.I)),
    ("vocabulary", lazyre.compile(r"\bvocab", re.I)),
    ("experts", lazyre.compile(r"\bexperts?\b|\bactive param", re.I)),
    ("training tokens", lazyre.compile(r"\btokens?\b.{0,8}\b(count|seen|trained)\b|\b(pre-?)?train(ed|ing) tokens\b", re.I)),
)


def _unprefixed(name: str) -> str:
    low = name.lower()
    m = PART_PREFIX.match(low)
    return low[m.end():] if m else low


SIZES_ONLY = frozenset({"parameters", "vocabulary"})


def architecture_columns(header: list[str]) -> list[str]:
    """The kinds of architecture facts a table's header names (see ARCH_COLUMNS), in its order; empty
    when the table is about scores (as many metric columns as architecture ones) or names fewer than
    two facts of the model's shape."""
    kinds = []
    for cell in header:
        kind = next((k for k, pattern in ARCH_COLUMNS if pattern.search(cell[:80])), None)
        if kind and kind not in kinds:
            kinds.append(kind)
    metrics = sum(1 for cell in header if METRIC.search(cell[:80]))
    if len(set(kinds) - SIZES_ONLY) < 2 or metrics >= len(kinds):
        return []
    return kinds
STATE_FILES = lazyre.compile(r"(^|/)(trainer_state\.json|training_args\.(bin|json)|optimizer\.(pt|bin)|"
                             r"scheduler\.pt|events\.out\.tfevents[^/]*|train(ing)?_log[^/]*|[^/]*\.log)$", re.I)
LIBRARY_FILES = lazyre.compile(r"^(requirements[\w\-.]*\.txt|setup\.py|setup\.cfg|pyproject\.toml|"
                               r"environment[\w\-.]*\.ya?ml|pipfile|poetry\.lock|dockerfile|conda[\w\-.]*\.ya?ml|"
                               r"package\.json|cargo\.toml)$", re.I)
# What every LIBRARY_FILES name holds: the cheap first cut over the listing.
LIBRARY_WORDS = ("requirements", "setup.", "pyproject", "environment", "pipfile", "poetry.lock", "dockerfile",
                 "conda", "package.json", "cargo.toml")


# A Hydra defaults list: `defaults:` then `  - group: option` items (`- _self_` and overrides aside).
HYDRA_DEFAULTS = lazyre.compile(r"^defaults:[^\S\n]*\n((?:[^\S\n]+-[^\n]*(?:\n|\Z)){1,40})", re.M)
HYDRA_ITEM = lazyre.compile(r"^[^\S\n]+-[^\S\n]+(?:override[^\S\n]+)?/?([\w./-]{1,80}):[^\S\n]*([\w./-]{1,80})[^\S\n]*$",
                            re.M)
MAX_COMPOSED = 20


def _composed_files(path: str, text: str, texts: dict[str, str]) -> list[str]:
    """The group files a Hydra config's defaults list composes that were read: `- optimizers: adam`
    in configs/training/big.yaml is configs/training/optimizers/adam.yaml."""
    m = HYDRA_DEFAULTS.search(text[:64 << 10])
    if not m:
        return []
    base = path.rpartition("/")[0]
    out = []
    for item in HYDRA_ITEM.finditer(m.group(1)):
        group, option = item.group(1).strip("/"), item.group(2)
        for ext in (".yaml", ".yml"):
            candidate = f"{base}/{group}/{option}{ext}" if base else f"{group}/{option}{ext}"
            if candidate in texts and candidate != path:
                out.append(candidate)
                break
        if len(out) >= MAX_COMPOSED:
            break
    return out


# A module that only declares a program's command-line options (parser.py, arguments.py, opts.py,
# options/train_options.py): when its defaults set the training hyperparameters, they are the run's
# settings unless told otherwise -- the configuration written as option defaults, if not its record.
OPTIONS_PY = lazyre.compile(r"(^|/)((arg_?)?parser|arguments?|args|options?|opts?|flags|hparams_?parser|"
                            r"\w{1,30}_(options|opts|args|arguments))\.py$", re.I)
# ... where an epoch count goes by its singular too (`add_argument('--epoch', default=100)`), and an
# option's short names are a run's settings as well (`--n_batch 8 --n_iter 3 --lr_warmup 0.002`,
# `--batch 16 --iter 800000`); as assigned names in code, `batch` and `iter` are loop variables.
OPTION_HP_NAMES = HP_NAMES | {"epoch", "n_epoch", "max_epoch", "num_epoch", "learning-rate", "batch", "n_batch",
                              "iter", "iters", "n_iter", "num_iters", "lr_schedule", "lr_warmup", "max_grad_norm",
                              "grad_clip", "clip_grad"}


# A function named for the defaults of the model's settings (get_default_hyperparameters,
# get_default_config, default_hparams) ...
DEFAULTS_FUNC = lazyre.compile(r"^_?(get_)?default_(hyper_?)?(params|parameters|hparams|config|configs|settings)$|"
                               r"^_?get_default_(hyper_?)?(params|parameters|hparams|config|settings)\w{0,20}$", re.I)
# ... that sets values (`"gnn_hidden_dim": 64,`, `C.batch_size = 64`), several of them
SETTING_LINE = lazyre.compile(r"^[ \t]{0,40}[\"']?[\w.]{1,60}[\"']?[ \t]{0,5}[:=][ \t]{0,5}[-\d.\[(\"'TFN]")
MIN_DEFAULT_SETTINGS = 4


def _settings_in(view: RepoView, path: str, span: tuple[int, int, str]) -> int:
    """How many lines of the function at `span` set a value."""
    lines = (view.text(path) or "").split("\n")[span[0]:min(span[1], span[0] + 400)]
    return sum(1 for line in lines if SETTING_LINE.match(line[:300]))


def detect_metadata(view: RepoView) -> list[Evidence]:
    comp = "model_metadata"
    out = []
    candidates = view.with_ext(".json", ".bin", ".pt") + [  # (.log files are among the paths with "log")
        e for e in view.containing("tfevents", "log") if e.ext not in (".json", ".bin", ".pt")]
    for e in candidates:
        if not e.vendored and STATE_FILES.search(e.path) and not e.test:
            out.append(Evidence(comp, "present", e.path, "training state or log", 1, 0.7))
    configs = config_files(view)
    texts = {e.path: text for e, text in configs}
    for e, text in configs:
        hits = {m.group(1).lower() for m in HYPERPARAMS.finditer(text)}
        composed = ""
        if len(hits) < 2 and "defaults" in text:
            # Hydra: a run's configuration is its file and the group files its `defaults:` list
            # composes (optimizers/default.yaml holds the lr, trainer/ddp.yaml the max_epochs)
            parts = _composed_files(e.path, text, texts)
            for part in parts:
                hits |= {m.group(1).lower() for m in HYPERPARAMS.finditer(texts[part])}
            composed = " with the files its Hydra defaults compose" if parts else ""
        if len(hits) >= 2:
            out.append(Evidence(comp, "present", e.path, "training configuration ("
                                + ", ".join(sorted(hits)[:3]) + ")" + composed,
                                1, 0.75))
            if len(out) >= 40:
                break
        elif len({m.group(2).lower() for m in ARCH_KEYS.finditer(text)}) >= 2 and not NOT_ARCH_CONFIG.search(e.name):
            out.append(Evidence(comp, "partial", e.path, "architecture configuration (no training "
                                "hyperparameters)", 1, 0.55))
    for f in python_files(view):
        if not own_code(view, f.path):
            continue
        assigned = {n.lower() for n in f.assigned} & HP_NAMES
        if CONFIG_PY.search(f.path):
            assigned |= {_unprefixed(n) for n in (*f.assigned, *f.arg_defaults)} & HP_NAMES
        hits = set()
        if CONFIG_PY.search(f.path) or len(assigned) >= 3:
            text = view.text(f.path) or ""
            hits = assigned | {m.group(1).lower() for m in HYPERPARAMS.finditer(text[:256 << 10])}
        if len(hits) >= 3 or (len(hits) >= 2 and CONFIG_PY.search(f.path)):
            out.append(Evidence(comp, "present", f.path, "training configuration in code ("
                                + ", ".join(sorted(hits)[:3]) + ")", 1, 0.7))
        elif (CONFIG_PY.search(f.path) or BUILD_PY.search(f.path)) and \
                len(keys := {m.group(1).lower() for m in PY_ARCH_KEYS.finditer((view.text(f.path) or "")[:256 << 10])}) >= 3:
            out.append(Evidence(comp, "partial", f.path, "architecture configuration in code ("
                                + ", ".join(sorted(keys)[:3]) + "; no training hyperparameters)", 1, 0.55))
        elif len(defaults := f.arg_defaults & OPTION_HP_NAMES) >= 2 and TRAIN_NAME.search(f.path) and \
                f.calls_any(*TRAIN_CALLS) is not None:
            # a training script whose options default to the run's settings ("the hyperparameters we
            # used in our paper"): the configuration, if not the run's record
            out.append(Evidence(comp, "partial", f.path, "training script's option defaults set the hyperparameters ("
                                + ", ".join(sorted(defaults)[:3]) + ")", 1, 0.55))
        elif len(defaults := f.arg_defaults & OPTION_HP_NAMES) >= 2 and OPTIONS_PY.search(f.path):
            out.append(Evidence(comp, "partial", f.path, "the options module's defaults set the hyperparameters ("
                                + ", ".join(sorted(defaults)[:3]) + ")", 1, 0.55))
        elif (span := next((sp for sp in f.function_spans if DEFAULTS_FUNC.match(sp[2])), None)) is not None and \
                _settings_in(view, f.path, span) >= MIN_DEFAULT_SETTINGS:
            # `def get_default_hyperparameters(): return {"gnn_hidden_dim": 64, "kl_divergence_weight": 0.02,
            # ...}`: the settings the model is built and trained with unless told otherwise, in code
            out.append(Evidence(comp, "partial", f.path, f"{span[2]}() gives the model's default settings",
                                span[0], 0.55))
    for doc, block in code_blocks_with(view, "--lr", "--learning", "--batch", "--micro", "--epochs", "--num_epochs"):
        flags = {m.group(1).lower().replace("-", "_") for m in HP_FLAG.finditer(block.text)}
        if len(flags) >= 2 and not is_test_path(doc.path):
            out.append(Evidence(comp, "partial", doc.path, "training command with its hyperparameters ("
                                + ", ".join(sorted(flags)[:3]) + ")", block.line, 0.55))
            break
    out += _options_tables(view)
    for e in [e for e in view.with_ext(".sh", ".bash", ".slurm") if own_code(view, e.path)][:MAX_SCRIPTS]:
        if e.size > SCRIPT_MAX:
            continue
        text = view.text(e.path) or ""
        flags = {m.group(1).lower().replace("-", "_") for m in HP_FLAG.finditer(text)}
        if "train" not in e.path.lower() and "train" not in text.lower() and \
                not (flags & OPTIMISER_FLAGS and not DATA_SCRIPT.search(e.path)):
            continue  # the same shape flags drive data processing and inference scripts; an optimiser's do not
        flags |= {m.group(1).lower().replace("-", "_") for m in ARCH_FLAG.finditer(text)}
        if len(flags) >= 3:  # a launch script that sets the training hyperparameters on its command line
            out.append(Evidence(comp, "present", e.path, "launch script sets the training hyperparameters ("
                                + ", ".join(sorted(flags)[:3]) + ")", 1, 0.65))
    for doc in markdown_docs(view):
        if is_test_path(doc.path):
            continue
        found = next(((t, kinds) for t in doc.tables if (kinds := architecture_columns(t.header))), None)
        if found is not None:
            table, kinds = found
            out.append(Evidence(comp, "partial", doc.path, f"model-size table ({', '.join(kinds[:4])})",
                                table.line, 0.55))
    for p in pointers(view):
        if re.search(r"wandb\.ai|tensorboard\.dev", p.url) and not is_test_path(p.path):
            out.append(Evidence(comp, "link_only", p.path, "training logs: " + p.url[:80], p.line, 0.7, p.url))
            break
    from mof_lint.detectors import strongest  # (the package imports this module)
    return strongest(view, out, lambda x: -x.confidence)


def detect_libraries(view: RepoView) -> list[Evidence]:
    comp = "supporting_libraries"
    out = []
    for e in view.containing(*LIBRARY_WORDS):
        if e.depth <= 2 and not e.vendored and LIBRARY_FILES.match(e.name):
            out.append(Evidence(comp, "present", e.path, "dependency / environment manifest", 1, 0.8))
    return sorted(out, key=lambda x: (x.path.count("/"), x.path))[:20]


def _options_tables(view: RepoView) -> list[Evidence]:
    """A table giving each released model's training options (`--batch=256 --lr=2e-4 --dropout=0.05` in
    a cell of its row): the training configuration of each, written out."""
    for doc in markdown_docs(view):
        if is_test_path(doc.path) or is_example_path(doc.path):
            continue
        for table in doc.tables[:50]:
            for row in table.rows[:200]:
                flags = {m.group(1).lower().replace("-", "_") for m in HP_FLAG.finditer(" ".join(row)[:2000])}
                if len(flags) >= 2:
                    return [Evidence("model_metadata", "partial", doc.path, "table of each model's training options ("
                                     + ", ".join(sorted(flags)[:3]) + ")", table.line, 0.55)]
    return []
