"""Training, inference, evaluation and data-preprocessing code.

Each Python file is judged by what it does (ast facts: `.backward()`, a `Trainer`, `generate`,
an evaluation library, a package API that loads the weights and runs the model) and by its name and
folder. What it does is strong evidence (present); a name alone is weaker (partial). Code that lives
elsewhere (a training submodule, "clone X and run its trainer") is a pointer. Tests and vendored code never count. Shell launchers and patches
against an upstream trainer count as training code; a Markdown document that only shows commands
for an external harness, with a link to it, is a pointer.
"""
from __future__ import annotations

import re
from dataclasses import replace

from mof_lint.detectors.architecture import module_classes
from mof_lint.detectors.common import (GENERIC_PACKAGES, code_blocks_with, in_evaluation_dir, news_aside, pointers,
                                      project_names, python_files, readme, squeezed, under_any)
from mof_lint.detectors.pyfacts import OPEN_TO_WRITE, OUTPUT_WRITERS, PyFacts
from mof_lint.evidence import Evidence, strongest_first
from mof_lint.repo import RepoView, is_example_path, is_test_path
from mof_lint import lazyre

ML_IMPORTS = ("torch", "tensorflow", "jax", "flax", "keras", "transformers", "lightning",
              "pytorch_lightning", "deepspeed", "accelerate", "megatron", "diffusers", "open_clip",
              "peft", "trl", "sklearn", "timm", "paddle", "mindspore", "mlx", "vllm", "onnxruntime",
              # the frameworks built on those that a model's code imports instead (a detectron2 or
              # OpenMMLab project's demo imports neither torch nor a model library by name)
              "detectron2", "mmcv", "mmengine", "mmdet", "mmseg", "mmpose", "fairseq", "espnet", "nemo")

TRAIN_NAME = lazyre.compile(r"(^|[_\-/])(train|training|trainer|finetune|fine_tune|finetuning|pretrain|"
                            r"pretraining|sft|dpo|rlhf|ppo|grpo|distill)([_\-./]|$)", re.I)
# Frameworks' own training entry points, which a script imports to run a training (fairseq-train as a
# function, LLaMA-Factory's and axolotl's trainers).
TRAIN_ENTRY_MODULES = ("fairseq_cli.train", "fairseq_cli.hydra_train", "llamafactory.train", "axolotl.cli.train")
TRAIN_CALLS = ("backward", "zero_grad", "clip_grad_norm_", "Trainer", "Seq2SeqTrainer", "SFTTrainer",
               "DPOTrainer", "PPOTrainer", "GRPOTrainer", "deepspeed.initialize", "fit_loop")
TRAIN_METHODS = ("training_step", "train_step")
# A function that runs one epoch (or the loop) of training, and the construction of an optimizer
EPOCH_TRAINER = lazyre.compile(r"^(train(_for)?_(one_|an_|single_)?epoch|train_loop|training_loop)$")
OPTIMIZER_BUILT = lazyre.compile(r"(^|\.)(optim|optax|optimizers)\.[A-Za-z]\w*$")

INFER_NAME = lazyre.compile(r"(^|[_\-/])(infer|inference|predict|predictor|prediction|generate|generation|gen|"
                            r"sample|sampling|sampler|demo|app|serve|server|api|chat|cli_demo|web_demo|"
                            r"txt2img|img2img|interactive|run_model|export_onnx|pipeline|transcribe|synthesi[sz]e|"
                            r"tts|translate|caption|run_pretrained\w*)s?([_\-.]|$)", re.I)
# What a model's public API does with its input once the weights are loaded (whisper.transcribe,
# clip's encode_image, a detector's infer): the verbs of inference, whatever the task.
RUN_VERB = lazyre.compile(r"^(transcribe|translate|encode|decode|embed|segment|detect|classify|predict|generate|"
                          r"infer|inference|synthesi[sz]e|tts|recogni[sz]e|caption|denoise|upscale|inpaint)(_\w+)?$")
# Reading parameters from disk or the Hub; a function of the package that does it is its loader.
WEIGHT_LOADS = ("load_state_dict", "torch.load", "torch.jit.load", "jax.numpy.load", "hf_hub_download",
                "snapshot_download", "from_pretrained", "InferenceSession", "readNet", "readNetFromONNX",
                "safetensors.torch.load_file", "load_checkpoint", "restore_checkpoint")
LOADER_DEF = lazyre.compile(r"^(load|load_model|load_models|load_checkpoint|load_pretrained\w*|from_pretrained|"
                            r"get_model|build_model|create_model)$")
INFER_CALLS = ("generate", "pipeline", "InferenceSession", "inference_mode", "stream_chat",
               "text_generation", "generate_text", "predict")
LOADING_CALLS = ("from_pretrained", "load_state_dict", "load_checkpoint", "load_model", "load",
                 "build_model", "create_model", "create_model_and_transforms")
# A loader named for what it reads (load_network_pkl, load_checkpoint_weights, load_generator): the
# weights, whatever the framework.
LOAD_CALL = lazyre.compile(r"load_\w{0,40}(model|network|net|checkpoint|ckpt|weights|params|pkl|generator)s?$", re.I)
# Running a network for its outputs, not to train it: gradients off or eval mode ...
NO_GRAD_CALLS = ("no_grad", "inference_mode", "eval")
# A helper that writes a result out, by its name (write_depth, save_images, write_segm_img)
WRITER_HELPER = lazyre.compile(r"^(write|save)_(?!(checkpoint|ckpt|model|state|weights|config|args|log))\w{2,40}$")
# ... and the outputs written out: the writers that take the path first (pyfacts records the folders
# they write into), and those known by their module.
OUTPUT_WRITES = tuple(sorted(OUTPUT_WRITERS)) + ("savefig", "sf.write", "soundfile.write", "torchaudio.save",
                                                 "wavfile.write", "np.save", "numpy.save", OPEN_TO_WRITE)
# (cog: Replicate's model server, whose predict.py loads the model in setup() and runs it in predict())
DEMO_IMPORTS = ("gradio", "streamlit", "fastapi", "flask", "uvicorn", "mdtex2html", "cog")

EVAL_NAME = lazyre.compile(r"(^|[_\-/])(eval|evals|evaluate|evaluation|evaluator|benchmark|benchmarks|bench|"
                           r"metric|metrics|score|scoring|zeroshot|zero_shot|few_shot|humaneval|mmlu|"
                           r"validate|validation)([_\-./]|$)", re.I)
EVAL_IMPORTS = ("lm_eval", "evaluate", "sklearn.metrics", "torchmetrics", "nltk.translate",
                "rouge_score", "rouge", "rouge_chinese", "sacrebleu", "pycocotools.cocoeval", "human_eval",
                "bert_score", "jiwer", "mauve", "torch_fidelity", "pytorch_fid", "bigcode_eval",
                "opencompass", "evalplus", "lighteval", "mteb", "clip_benchmark", "jieba")
EVAL_CALLS = ("simple_evaluate", "compute_metrics", "accuracy_score", "f1_score", "corpus_bleu",
              "sentence_bleu", "compute_bleu", "evaluate_functional_correctness", "calc_bleu",
              "compute_accuracy", "zero_shot_eval", "zero_shot_classifier")
HARNESS_REPOS = ("eleutherai/lm-evaluation-harness", "declare-lab/instruct-eval", "openai/human-eval",
                 "bigcode-project/bigcode-evaluation-harness", "open-compass/opencompass",
                 "stanford-crfm/helm", "huggingface/lighteval", "tatsu-lab/alpaca_eval",
                 "evalplus/evalplus", "embeddings-benchmark/mteb", "lm-sys/fastchat",
                 "mlfoundations/datacomp", "laion-ai/clip_benchmark", "openai/simple-evals",
                 "google/big-bench", "hendrycks/test", "microsoft/codexglue")

PREP_NAME = lazyre.compile(r"(^|[_\-/])(prepare|preprocess|preprocessing|pre_process|preprocessor|tokeni[sz]e|"
                           r"tokeni[sz]ation|dedup|dedupe|deduplicate|deduplication|filter|filtering|clean|"
                           r"cleaning|normali[sz]e|augment|augmentation|corpora|corpus|packed_dataset|"
                           r"shard|sharding|data_utils|data_prep|data_processing|process_data|merge_datasets|"
                           # build_dataset, build_chain_dataset, make_pretrain_data: a verb, then what data
                           r"(?:build|make|create|convert)_(?:[a-z0-9]{1,20}_)?(?:dataset|data|corpus)|download_data|"
                           r"generate_instruction|generate_data|apply_tokenizer|train_tokenizer|minhash)"
                           r"s?([_\-.]|$)", re.I)
PREP_CALLS = ("SentencePieceTrainer.train", "train_new_from_iterator", "BpeTrainer", "WordPieceTrainer",
              "MinHash", "MinHashLSH", "save_to_disk", "to_parquet", "build_sample_idx")
# `preprocess()` alone is usually an inference-time method of a model class, and `prepare_data()` a
# Lightning hook; only names that say they process data count.
PREP_FUNCS = lazyre.compile(r"^(preprocess_(function|data|dataset|example|sample|text|batch|corpus)\w*|"
                            r"tokeni[sz]e_(function|data|dataset|example|sample|text|batch|corpus)\w*|"
                            r"filter_(data|dataset|example|sample|text|doc)\w*|clean_(text|data|corpus)\w*|"
                            r"dedup\w*|normali[sz]e_text|encode_(example|sample)s?\w*|"
                            r"build_(dataset|corpus)\w*)$")
DATA_DIR = lazyre.compile(r"(^|/)(data|datasets?|preprocessing|data_prep|dr|tools/datasets)(/|$)", re.I)
USERS_SECTION = lazyre.compile(r"fine-?tun|how to use|usage|getting started|quick ?start|your own", re.I)
CLONE = lazyre.compile(r"git\s+clone\s+(?:--\S+\s+)*(https?://\S+)")
# A script run after the clone: "python train.py", "bash scripts/pretrain.sh", "torchrun finetune.py".
RUN_SCRIPT = lazyre.compile(r"(?:python3?|bash|sh|torchrun|deepspeed|accelerate\s+launch)\s+(?:[^\s.]+\s+){0,6}?"
                            r"([\w/\-]+\.(?:py|sh))\b")


def _stem(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]


def own_code(view: RepoView, path: str, copied_ok: bool = False) -> bool:
    """Neither vendored nor a test nor (unless `copied_ok`) in another publisher's package copied into
    the tree: the publisher's own file. A copied package's training and evaluation scripts are that
    project's examples; its inference code, when the release ships it, is still how to run this
    model (a fork of a framework adapted to serve it), hence `copied_ok` for inference."""
    entry = view.entries.get(path)
    if entry and entry.vendored or is_test_path(path) and not script_named_test(view, path) \
            or "/." in f"/{path.rpartition('/')[0]}":
        return False  # (a hidden folder -- .github/, .ci/, .rosetta-ci/ -- holds the project's tooling)
    return copied_ok or not under_any(path, embedded_packages(view))


def parsed_by_path(view: RepoView) -> dict:
    """The parsed Python files by path (one dictionary a run, shared by the detectors that follow imports)."""
    return view.memo("parsed_by_path", lambda: {f.path: f for f in python_files(view)})


TEST_FRAMEWORKS = ("pytest", "unittest", "nose", "hypothesis")


def script_named_test(view: RepoView, path: str) -> bool:
    """experiments/test_s2s.py that scores the model on its test split: named as a test file, outside
    any test folder, but with no test in it (no test_* function, no Test* class, no test framework
    imported) -- a script of the project, named for the split it runs on."""
    if not path.endswith(".py") or is_test_path(path.rpartition("/")[0] + "/x"):
        return False  # (a file under a tests/ folder is a test whatever it holds)
    facts = parsed_by_path(view).get(path)
    return facts is not None and facts.ok and not any(n.startswith("test") for n in facts.functions) \
        and not any(c.name.startswith("Test") for c in facts.classes) \
        and not any(i.split(".")[0] in TEST_FRAMEWORKS for i in facts.imports)


PACKAGE_MANIFESTS = ("setup.py", "pyproject.toml", "setup.cfg")
PROJECT_FILES = (*PACKAGE_MANIFESTS, "README.md", "README.rst", "README.txt", "README")
# A copyright line that names its holder: "Copyright (c) 2021 NVIDIA", "Copyright 2023 Meta" -- a year
# or a (c) after the word, so that a license's own wording ("the copyright owner", "copyright notice")
# is not taken for a holder.
COPYRIGHT_HOLDER = lazyre.compile(r"copyright\s+(?:(?:\(c\)|©)\s*(?:\d{4}(?:\s*[-,]\s*\d{4})*,?\s+)?|"
                                  r"\d{4}(?:\s*[-,]\s*\d{4})*,?\s+)([^\n]{3,80})", re.I)


def embedded_packages(view: RepoView) -> set[str]:
    """Folders below the root that are someone else's project copied in (env/SE3Transformer/ with
    NVIDIA's LICENSE and its own setup.py, GPT_SoVITS/BigVGAN/ with its README): a package manifest or
    a README, and a license of their own that is not the repository's -- another copyright holder, or
    another license than any of the root's (an Apache-2.0 sub-project in an MIT repository). Their
    training scripts, data and benchmarks are that project's, not this model's."""
    def build():
        roots = [e.path for e in view.containing("licen", "copying")
                 if "/" not in e.path and e.name.lower().startswith(("license", "copying"))]
        root_holders = {h for h in (_holder(view, p) for p in roots[:5]) if h}
        root_ids: set[str] | None = None  # identified once a sub-folder's license needs them
        out: set[str] = set()
        for e in view.containing("licen", "copying")[:200]:
            folder = e.dir
            if not folder or not e.name.lower().startswith(("license", "copying")) or \
                    not any(view.exists(f"{folder}/{m}") for m in PROJECT_FILES):
                continue
            holder = _holder(view, e.path)
            if holder and root_holders:
                if holder not in root_holders:
                    out.add(folder)
                continue
            if root_ids is None:
                root_ids = {i for i in (_license_id(view, p) for p in roots[:5]) if i != "unknown"}
            own = _license_id(view, e.path)
            if root_ids and own != "unknown" and own not in root_ids:
                out.add(folder)
        return out | _credited_folders(view) | _unannounced_projects(view)
    return view.memo("embedded_packages", build)


MAX_SUBPROJECT_READS = 200
# What makes a folder a project of its own: its README and its own dependency list
DEPENDENCY_LISTS = ("requirements.txt", "requirement.txt", "environment.yml", "environment.yaml", *PACKAGE_MANIFESTS)


def _unannounced_projects(view: RepoView) -> set[str]:
    """Folders below the root that are a project of their own (a README and a dependency list of their
    own, src/face3d/models/arcface_torch/ "Distributed Arcface Training in Pytorch") that the root
    README never names: another project's code copied in for a part, not the release's. A sub-project
    the README introduces (its folder's name appears in the README) is the release's own."""
    root = readme(view)
    if root is None:
        return set()
    said = squeezed(root.text, limit=200_000)
    # the project's names: its packages, and the first word of the README's title ("LaMa: ..." -> lama;
    # headings are read without their emoji, markdown._undecorated)
    title = next((h.text for h in root.headings), "")
    first = squeezed(re.split(r"[:\-–—(]|\s", title.strip() + " ", maxsplit=1)[0])
    names = {n for n in (*project_names(view), first) if len(n) >= 4}
    out = set()
    reads = MAX_SUBPROJECT_READS  # (a tree of fifty thousand such folders is not read fifty thousand times)
    for e in view.containing("readme"):
        folder = e.dir
        if not folder or not e.name.lower().startswith("readme") or folder in out or \
                not any(view.exists(f"{folder}/{m}") for m in DEPENDENCY_LISTS):
            continue
        name = squeezed(folder.rsplit("/", 1)[-1])
        if len(name) < 4 or name in said or name in GENERIC_PACKAGES:
            continue
        reads -= 1
        if reads < 0:
            break
        # a sub-project that calls itself by the project's name ("PyTorchVideo Trainer", a recipe
        # that "uses Moondream 2B") is the project's own
        own = squeezed(folder, limit=1000) + squeezed(view.text(e.path) or "", limit=1000)
        if not any(n in own for n in names):
            out.add(folder)
    return out


# The README's section that credits other people's work ("Acknowledgements", "Credits", "Thanks to")
CREDITS_HEADING = lazyre.compile(r"acknowledge?ments?|credits?|thanks|built (up)?on|based on|致谢|鸣谢", re.I)
GITHUB_PROJECT = lazyre.compile(r"^https?://github\.com/[\w.-]{1,60}/([\w.-]{1,80}?)(?:\.git)?(?:[/#?]|$)", re.I)
# what a copy's folder name adds to the project's ("funasr_detach", "cosyvoice-main", "bigvgan_lib")
COPY_SUFFIX = lazyre.compile(r"[_-](detach(ed)?|main|master|lib|src|vendored?|copy|local|custom)$", re.I)


def _credited_folders(view: RepoView) -> set[str]:
    """Folders named for a project the root README's acknowledgements link on GitHub ("* [CosyVoice](
    https://github.com/FunAudioLLM/CosyVoice)" beside cosyvoice/, "[FunASR](...)" beside
    funasr_detach/): that project's code copied in, even without a license of its own."""
    root = readme(view)
    if root is None:
        return set()
    credited = {m.group(1).lower() for link in root.links
                if CREDITS_HEADING.search(link.section or "") and (m := GITHUB_PROJECT.match(link.url))}
    if not credited:
        return set()
    folders = {d for d in view.dirs if d and "/" not in d}  # top-level folders only: a copy sits beside the code
    # (a folder named for a role -- src/, utils/ -- is not a credited "utils" repository's copy)
    return {d for d in folders if COPY_SUFFIX.sub("", d.lower()) in credited and d.lower() not in GENERIC_PACKAGES}


def _license_id(view: RepoView, path: str) -> str:
    from mof_lint.licenses.matcher import identify_text
    data = view.read(path, 64 << 10) or b""
    return identify_text(data.decode("utf-8", "replace")).license


def _holder(view: RepoView, path: str | None) -> str:
    """The first word of the copyright holder a license text names ("nvidia", "university"), or ""."""
    if path is None:
        return ""
    data = view.read(path, 4096) or b""
    m = COPYRIGHT_HOLDER.search(data.decode("utf-8", "replace"))
    words = re.findall(r"[a-z]{3,}", m.group(1).lower()) if m else []
    return next((w for w in words if w not in ("the", "and", "its", "all", "rights", "reserved")), "")


def _ml(facts: PyFacts) -> bool:
    return facts.imports_any(*ML_IMPORTS)


def _rank(view: RepoView, out: list[Evidence]) -> list[Evidence]:
    from mof_lint.detectors import strongest  # (the package imports this module)
    return strongest(view, out, strongest_first)  # (its ties: the root README's, then the shallowest)


def _shell_scripts(view: RepoView, pattern: re.Pattern):
    for e in view.with_ext(".sh", ".bash", ".slurm"):
        if own_code(view, e.path) and pattern.search(e.path.rsplit(".", 1)[0]):
            yield e


# A function that runs a module once to see it work (`demo_video_autoencoder_forward_backward`,
# `test_backward`, `sanity_check`): its backward pass checks that gradients flow, it trains nothing.
SMOKE_FUNCTION = lazyre.compile(r"^(demo|test|example|sanity|smoke|check|debug)(_|$)|_(demo|test|sanity_check)$", re.I)


def _optimises(f: PyFacts) -> bool:
    """The file's training calls update weights: more than a bare `.backward()` (which also computes
    gradients of a guidance potential at sampling time) -- an optimizer step, zero_grad, a trainer,
    or an optimizer library."""
    found = {n for n in TRAIN_CALLS if n in f.calls}
    return bool(found - {"backward"}) or f.calls_any("step", "zero_grad") is not None or \
        f.imports_any("torch.optim", "optax", "deepspeed", "apex.optimizers", "bitsandbytes.optim")


# Engines that wrap a model for training and for sharded inference alike (DeepSpeed ZeRO inference:
# `deepspeed.initialize(model=m, config_params=cfg)[0]`, then generate): training only with a step.
WRAPPERS = ("deepspeed.initialize",)


def _wraps_for_inference(f: PyFacts) -> bool:
    """The file's only training call is an engine wrapper, and nothing steps (no backward, no step)."""
    found = {n for n in TRAIN_CALLS if n in f.calls}
    return bool(found) and found <= set(WRAPPERS) and f.calls_any("backward", "step") is None


def detect_training(view: RepoView) -> list[Evidence]:
    comp = "training_code"
    out = []
    for f in python_files(view):
        if not own_code(view, f.path):
            continue
        line = f.calls_any(*TRAIN_CALLS)
        if line is not None and _wraps_for_inference(f):
            continue
        if line is not None and f.input_optimizers and not f.model_optimizers and \
                not any(n in f.calls for n in TRAIN_CALLS if n not in ("backward", "zero_grad", "clip_grad_norm_")):
            # `opt = torch.optim.Adam([T, Q])`, then zero_grad/backward/step: gradient descent on a list
            # of tensors (a structure's coordinates, a latent, an image), not on a model's weights
            out.append(Evidence(comp, "partial", f.path, "optimizes tensors it lists (inputs or coordinates), "
                                "not a model's weights", f.input_optimizers[0], 0.3))
            continue
        if line is not None and not _optimises(f):  # gradients, no weight update
            line = None
            if f.backward_lines and all(SMOKE_FUNCTION.search(f.function_at(n) or "") for n in f.backward_lines):
                continue  # `def demo_forward_backward(): … loss.backward()`: a module's own smoke test
            if not any(INFER_NAME.search(part) for part in f.path.split("/")) and _ml(f) and not any(
                    b.endswith("Function") for c in f.classes for b in c.bases):  # an op's own gradient
                # (in sampling or inference code a gradient steers the output: guidance)
                out.append(Evidence(comp, "partial", f.path, "computes training gradients (backward) without an "
                                    "optimizer step: a training building block", f.calls["backward"], 0.55))
                continue
        method = next((c for c in f.classes if c.methods & set(TRAIN_METHODS)), None)
        named = TRAIN_NAME.search(f.path)
        if line is None and f.imports_any(*TRAIN_ENTRY_MODULES):
            # `from fairseq_cli.train import cli_main as fairseq_train`: the script hands its run to a
            # framework's training entry point (the loop is the framework's; the run is this one)
            entry = next(m for m in TRAIN_ENTRY_MODULES if f.imports_any(m))
            out.append(Evidence(comp, "present", f.path, f"runs a framework's training entry point ({entry})",
                                1, 0.8))
            continue
        if line is not None and not named and (EVAL_NAME.search(_stem(f.path)) or INFER_NAME.search(_stem(f.path))) \
                and _evaluates_only(f):
            # an evaluation script that builds a Trainer to call trainer.eval(), or an inference module
            # that builds one only to restore the checkpoint it decodes with (lm_inference.py)
            line = None
        if line is None and _ml(f):
            # `optimizer = torch.optim.AdamW(...)` then `train_one_epoch(model, ..., optimizer)` each
            # epoch: the script drives a training loop kept in another module (DETR's engine.py)
            epoch = next((n for n in f.calls if EPOCH_TRAINER.match(n.rsplit(".", 1)[-1])), None)
            if epoch is not None and any(OPTIMIZER_BUILT.search(n) for n in f.calls):
                out.append(Evidence(comp, "present", f.path, f"builds an optimizer and runs {epoch}()",
                                    f.calls[epoch], 0.85))
                continue
        if line is not None and (_ml(f) or named):
            what = next(n for n in TRAIN_CALLS if n in f.calls and f.calls[n] == line)
            out.append(Evidence(comp, "present", f.path, f"training step: {what}()", line, 0.9))
        elif method is not None:
            out.append(Evidence(comp, "present", f.path, f"class {method.name} defines a training step",
                                method.line, 0.85))
        elif named and _ml(f):
            out.append(Evidence(comp, "partial", f.path, "training script by name", 1, 0.6))
    for e in _shell_scripts(view, TRAIN_NAME):
        out.append(Evidence(comp, "present", e.path, "training launcher script", 1, 0.6))
    out += _plugin_training(view)
    for e in view.with_ext(".patch", ".diff"):
        if own_code(view, e.path) and TRAIN_NAME.search(e.path):
            out.append(Evidence(comp, "present", e.path, "patch to an upstream trainer", 1, 0.6))
    if not any(x.confidence >= 0.5 for x in out):
        out += _code_elsewhere(view, comp, TRAIN_NAME, "trains the model")
    return _rank(view, out)


# A framework's training command run with the repository's own code plugged in: fairseq-style
# `fairseq-train data --user-dir ./unimol --task unimol --arch unimol_base` (also `$(which unicore-train)`).
# The loop is the framework's; the task, loss and model it trains are this repository's.
# Two searches per line, not one pattern with a lazy gap between the trainer and its flag: a gap that
# may span a line is retried from every "<x>-train" (quadratic on a line of them).
TRAIN_COMMAND = lazyre.compile(r"\b[a-z][a-z0-9_]{1,30}-train\b")
USER_DIR = lazyre.compile(r"--user[-_]dir[= ]+[\"']?\.?/?([\w\-./]{1,200})")


def _plugin_command(text: str) -> re.Match | None:
    """The --user-dir flag of the first line that runs a framework's trainer with one, or None."""
    start = 0
    for line in text.split("\n"):
        trainer = TRAIN_COMMAND.search(line) if "-train" in line and "--user" in line else None
        flag = USER_DIR.search(text, start + trainer.end(), start + len(line)) if trainer else None
        if flag:
            return flag
        start += len(line) + 1
    return None


def _plugin_training(view: RepoView) -> list[Evidence]:
    for doc, block in code_blocks_with(view, "--user-dir", "--user_dir"):
        if is_example_path(doc.path):
            continue
        text = block.text[:20000].replace("\\\n", " ")  # a command continued over lines is one line
        m = _plugin_command(text)
        if m is None:
            continue
        folder = doc.path.rpartition("/")[0]
        plugged = m.group(1).strip("/")
        if any(p in view.dirs for p in (f"{folder}/{plugged}" if folder else plugged, plugged)):
            line = block.line + 1 + text[:m.start()].count("\n")
            return [Evidence("training_code", "present", doc.path, f"runs a framework's trainer on the repository's "
                             f"own code (--user-dir {plugged[:60]})", line, 0.8)]
    return []


CODE_LABEL = lazyre.compile(r"\W{0,3}((pre-?)?training\s+)?code\W{0,3}$", re.I)
# A sentence that says where the training code is: the link beside it is that place.
TRAINING_CODE_AT = lazyre.compile(r"\b(training|train)(\s+and\s+(evaluation|inference|testing|test))?\s+"
                                  r"(codes?|scripts?|framework|pipeline|recipes?)(\s+"
                                  # ("can be found in", not "will be released": a promise points nowhere)
                                  r"(?:(?:is|are|can\s+be)\s+)?(in|at|on|available|released|provided|hosted|found|lives?)\b|"
                                  r"\s*:)",  # "2. Set up the training code: `git clone -b branch https://github.com/...`"
                                  re.I)
# A repository named as the trainer of a model (LTX-Video-Trainer, libfacedetection.train).
TRAINER_REPO = lazyre.compile(r"(^|[_\-.])(trainer|training|train)([_\-.]|$)", re.I)
TRAIN_WORDS = lazyre.compile(r"\b(pre-?training|training|sft|fine-?tuning|dpo|rlhf)\b", re.I)
CLONE_THIS = lazyre.compile(r"[\W\d]{0,6}clone\b", re.I)  # the line opens with "Clone ..." ("1. Clone this [OLMo branch](...)")
TRAINER_CLASSES = ("Trainer", "Seq2SeqTrainer", "SFTTrainer", "DPOTrainer", "PPOTrainer", "GRPOTrainer")


def _evaluates_only(f) -> bool:
    """The file's only training call is a Trainer it builds, and it never asks that trainer to train
    (no .train(), .fit(), backward or optimizer step): Trainer(...).eval() scores a checkpoint."""
    own = [n for n in TRAIN_CALLS if n in f.calls]
    return bool(own) and all(n in TRAINER_CLASSES for n in own) and not any(
        n in f.calls for n in ("train", "fit", "step", "backward", "fit_loop"))


def _code_elsewhere(view: RepoView, comp: str, names: re.Pattern, what: str) -> list[Evidence]:
    """Code that lives in another repository: a git submodule whose path or address names the task,
    or a shell block that clones a repository and then runs a script named for the task ("git clone
    https://github.com/org/trainer && python train.py"). A pointer, not code in the repository."""
    out = []
    for sub, url in sorted(view.submodule_urls.items()):
        if names.search(sub) or names.search(url.rsplit("/", 1)[-1]):
            out.append(Evidence(comp, "link_only", ".gitmodules", f"git submodule {sub} ({url[:80]}) {what}", 1,
                                0.6, url if url.startswith("http") else None))
    if comp == "training_code":
        for p in pointers(view):
            # "- **Pretraining** [Checkpoints](...), [Code](https://github.com/org/trainer/tree/branch)",
            # or "Clone this [trainer branch](github...)" under a Pretraining heading
            if p.kind != "github" or p.in_code or is_test_path(p.path) or USERS_SECTION.search(p.section or ""):
                continue
            code_label = CODE_LABEL.match(p.text or "") and TRAIN_WORDS.search(f"{p.item} {p.section} {p.context}")
            clone = TRAIN_WORDS.search(p.section or "") and CLONE_THIS.match(p.context)
            # "The training codes are in [BasicSR](github...)", "training code is available at [...]"
            said = TRAINING_CODE_AT.search(p.context)
            # "We provide an open-source repository for fine-tuning the model: [LTX-Video-Trainer](github...)"
            trainer = TRAINER_REPO.search(p.ref.rpartition("/")[2]) and TRAIN_WORDS.search(
                f"{p.item} {p.section} {p.context}")
            if code_label or clone or said or trainer:
                out.append(Evidence(comp, "link_only", p.path, f"the training code is another repository: "
                                    f"{p.url[:80]}", p.line, 0.6, p.url))
                break
    for doc, block in code_blocks_with(view, "git clone"):
        if USERS_SECTION.search(block.section or ""):
            continue  # "How to use > Finetuning": the user fine-tunes the released model with a toolkit
        clone = CLONE.search(block.text)
        after = block.text[clone.end():] if clone else ""
        if clone and any(names.search(cmd.group(1)) for cmd in RUN_SCRIPT.finditer(after)):
            out.append(Evidence(comp, "link_only", doc.path, f"clones {clone.group(1)[:80]} and runs its script, "
                                f"which {what}", block.line, 0.6, clone.group(1)))
            break
    return out


def detect_inference(view: RepoView) -> list[Evidence]:
    comp = "inference_code"
    out = []
    for f in python_files(view):
        if not own_code(view, f.path, copied_ok=True):
            continue
        named = INFER_NAME.search(f.path)
        call = f.calls_any(*INFER_CALLS)
        loads = f.calls_any(*LOADING_CALLS)
        if loads is None:
            loads = min((line for name, line in f.calls.items() if "." not in name and LOAD_CALL.match(name)),
                        default=None)
        demo = f.imports_any(*DEMO_IMPORTS)
        if call is not None and (_ml(f) or loads is not None) and not (
                TRAIN_NAME.search(_stem(f.path)) and not named):
            what = next(n for n in INFER_CALLS if n in f.calls and f.calls[n] == call)
            out.append(Evidence(comp, "present", f.path, f"inference entry point: {what}()", call, 0.85))
        elif named and (loads is not None or demo) and _ml(f) or (named and demo):
            out.append(Evidence(comp, "present", f.path, "loads the model in an inference/demo script",
                                loads or 1, 0.75))
        elif named and any(RUN_VERB.match(c) for c in f.calls):
            verb = next(c for c in sorted(f.calls) if RUN_VERB.match(c))
            out.append(Evidence(comp, "present", f.path, f"demo/inference script runs the model: {verb}()",
                                f.calls[verb], 0.7))
        elif named and _ml(f) and f.main_guard:
            out.append(Evidence(comp, "partial", f.path, "inference script by name", 1, 0.6))
        elif f.calls_any(*WEIGHT_LOADS) is not None and f.calls_any(*NO_GRAD_CALLS) is not None and \
                (saved := f.calls_any(*OUTPUT_WRITES)) is not None and f.calls_any(*TRAIN_CALLS) is None and \
                not TRAIN_NAME.search(_stem(f.path)) and _ml(f):
            # whatever its name (test.py, run.py): reads the parameters, runs the network without
            # gradients and writes what it produced (upscaled images, audio) -- running the model
            out.append(Evidence(comp, "present", f.path, "loads the weights, runs the model and saves its outputs",
                                saved, 0.65))
        elif f.main_guard and _ml(f) and f.calls_any("no_grad", "inference_mode") is not None and \
                f.calls_any(*TRAIN_CALLS) is None and not TRAIN_NAME.search(_stem(f.path)) and \
                (writer := next((c for c in sorted(f.calls) if WRITER_HELPER.match(c)), None)) is not None:
            # run_monodepth.py: builds the model (its constructor loads the weights), runs it without
            # gradients over the inputs and writes each result through a helper (write_depth)
            out.append(Evidence(comp, "present", f.path, f"runs the model without gradients and writes what it "
                                f"produced ({writer}())", f.calls[writer], 0.6))
        elif TEST_SCRIPT.match(_stem(f.path)) and f.main_guard and _ml(f) and \
                (loaded := f.calls_any(*WEIGHT_LOADS)) is not None and f.calls_any(*TRAIN_CALLS) is None:
            # tools/test.py, eval.py: an entry point that loads the checkpoint it is given (the released
            # one) and runs the network over a test set -- the model run, scored
            out.append(Evidence(comp, "partial", f.path, "a test script loads a checkpoint and runs the model on "
                                "data", loaded, 0.55))
        elif (mode := _evaluation_mode(f)) is not None:
            # `main.py --eval --resume ckpt.pth`: the training entry point's evaluation-only mode runs a
            # checkpoint it is given -- the released one -- over the data: a way to run the model
            out.append(Evidence(comp, "partial", f.path, f"its evaluation-only mode runs a given checkpoint "
                                f"(--{mode[0]}, --{mode[1]})", mode[2], 0.55))
        elif f.path.rpartition("/")[2] == "hubconf.py" and (hub := _hub_loads(view, f)) is not None:
            # torch.hub's entry points: torch.hub.load("org/repo", "name") builds the model and loads
            # the released weights
            out.append(Evidence(comp, "present", f.path, "torch.hub entry points load the released model",
                                hub, 0.75))
    out += _package_api(view)
    for doc, block in code_blocks_with(view, "from_pretrained(", ".generate(", "pipeline("):
        if block.lang in ("", "python", "py", "python3", "ipython"):
            out.append(Evidence(comp, "partial", doc.path, "usage snippet loads and runs the model",
                                block.line, 0.6))
    for e in view.with_ext(".ipynb"):
        if own_code(view, e.path, copied_ok=True) and (INFER_NAME.search(_stem(e.path)) or
                                   re.search(r"example|usage|quickstart|tutorial", e.path, re.I)):
            out.append(Evidence(comp, "present", e.path, "notebook that runs the model", 1, 0.6))
    return _rank(view, out)


# The entry point that runs a trained network over a test set, by its name: test.py, eval.py,
# evaluate.py, test_net.py (detectron2's), run_test.py.
TEST_SCRIPT = lazyre.compile(r"^(run_)?(test|eval|evaluate|evaluation|validate)(_net|_model)?$", re.I)
# A script's options that switch it to scoring only, and that give it a checkpoint to load.
EVAL_ONLY_OPTIONS = ("eval", "eval_only", "evaluate", "test_only", "do_predict", "predict_only")
CHECKPOINT_OPTIONS = ("resume", "pretrained", "checkpoint", "ckpt", "ckpt_path", "checkpoint_path", "init_checkpoint",
                      "weights", "model_path", "load_from", "finetune")


def _evaluation_mode(f: PyFacts) -> tuple[str, str, int] | None:
    """(eval option, checkpoint option, line of the load) of a script that declares both and loads
    parameters; None otherwise."""
    if f.options.isdisjoint(EVAL_ONLY_OPTIONS) or f.options.isdisjoint(CHECKPOINT_OPTIONS):
        return None
    loads = f.calls_any(*WEIGHT_LOADS, *LOADING_CALLS)
    if loads is None:
        loads = min((line for name, line in f.calls.items() if "." not in name and LOAD_CALL.match(name)), default=None)
    if loads is None:
        return None
    return (next(o for o in EVAL_ONLY_OPTIONS if o in f.options), next(o for o in CHECKPOINT_OPTIONS if o in f.options),
            loads)


def _hub_loads(view: RepoView, hubconf: PyFacts) -> int | None:
    """The line where torch.hub's entry points load weights: in hubconf.py itself, or in the repository's
    own modules it re-exports them from (`from models import *`, the builders taking pretrained=True)."""
    line = hubconf.calls_any("load_state_dict_from_url", *LOADING_CALLS)
    if line is not None:
        return line
    folder = hubconf.path.rpartition("/")[0]
    # torch.hub imports hubconf.py with its own folder on the path: `import models` is folder/models.py;
    # relative imports are recorded from the root already
    modules = {f"{folder}/{i}" if folder else i for i in (m.replace(".", "/") for m in hubconf.imports)}
    by_path = parsed_by_path(view)
    for module in sorted(modules | hubconf.local_imports):
        for candidate in (f"{module}.py", f"{module}/__init__.py"):
            facts = by_path.get(candidate)
            if facts is not None and facts.calls_any("load_state_dict_from_url", *LOADING_CALLS) is not None:
                return 1
    return None


def _exported_names(view: RepoView) -> dict[str, set[str]]:
    """Top-level folder -> the names its package's `__init__.py` (pkg/ or src/pkg/) imports from the
    package's own modules: its public API (`from resemblyzer.voice_encoder import VoiceEncoder`,
    `from .model import Speech`)."""
    out: dict[str, set[str]] = {}
    for f in python_files(view):
        parts = f.path.split("/")
        if parts[-1] != "__init__.py" or not 2 <= len(parts) <= 3:
            continue
        package = parts[-2]
        names = {i.rsplit(".", 1)[-1] for i in f.imports if i.startswith(package + ".")}
        names |= {p.rsplit("/", 1)[-1] for p in f.local_imports}
        out.setdefault(parts[0], set()).update(names)
    return out


def _package_api(view: RepoView) -> list[Evidence]:
    """A package whose public API loads the weights and runs the model is inference code, with none
    of the script names: one of its files defines a loader (`load_model()`, `load()`) that reads
    parameters, and a file of the same package defines an inference verb (`transcribe()`,
    `encode_image()`, `detect()`)."""
    loaders: dict[str, tuple] = {}  # package -> (file, loader name, line)
    runners: dict[str, tuple] = {}  # package -> (file, verb)
    exported = _exported_names(view)
    for f in python_files(view):
        if not own_code(view, f.path, copied_ok=True) or not _ml(f) or "/" not in f.path:
            continue
        package = f.path.split("/", 1)[0]
        loads = f.calls_any(*WEIGHT_LOADS)
        loader = sorted(n for n in f.functions if LOADER_DEF.match(n))
        # A class the package exports whose own methods run the model (VoiceEncoder.embed_utterance),
        # in a file that reads parameters: constructing it loads the weights, as `load_model()` would.
        model_classes = sorted((c.name, v) for c in f.classes if c.name in exported.get(package, ())
                               for v in sorted(c.methods) if RUN_VERB.match(v))
        if loads is not None and package not in loaders:
            if loader:
                loaders[package] = (f.path, loader[0], loads)
            elif model_classes:
                loaders[package] = (f.path, model_classes[0][0], loads)
                runners.setdefault(package, (f.path, f"{model_classes[0][0]}.{model_classes[0][1]}"))
            elif (factory := _exported_reader(f, loads, exported.get(package, ()))) is not None:
                # a factory the package exports that reads the parameters (`create_model_and_transforms()`
                # calling torch.load): whatever its name, the API's loader
                loaders[package] = (f.path, factory, loads)
        verbs = sorted(n for n in f.functions if RUN_VERB.match(n))
        if verbs and package not in runners:
            runners[package] = (f.path, verbs[0])
    out = []
    for package, (path, loader, line) in sorted(loaders.items()):
        if package in runners:
            verb = runners[package][1]
            out.append(Evidence("inference_code", "present", path, f"package API: {loader}() loads the weights, "
                                f"{verb}() runs the model", line, 0.8))
    return out


def _exported_reader(f: PyFacts, line: int, exported) -> str | None:
    """The exported function of `f` whose body holds `line` (where it reads parameters), if any."""
    return next((name for first, last, name in f.function_spans if first <= line <= last and name in exported), None)


# A function that scores predictions, defined or called: `def accuracy(output, target, topk=(1,))`,
# `jiwer.wer(refs, hyps)`, `compute_precisions(...)`, `compute_surface_dice_at_tolerance(...)`.
METRIC_FUNC = lazyre.compile(r"^(accuracy|top_?\d_accuracy|topk_accuracy|wer|cer|bleu|f1|f1_score|precision|recall|"
                             r"auc|roc_auc|mean_average_precision|map_score|iou|miou|perplexity|compute_(precisions?|"
                             r"accuracy|metrics?|scores?|wer|bleu|f1|auc)|dice(_coefficient|_score)?|"
                             r"compute_(\w{1,40}_)?(dice|hausdorff)(_\w{1,40})?)$", re.I)
# A script's own function named for running an evaluation (run_bpd_evaluation, evaluate_model):
# image_nll.py scores the model whatever the file is called. A bare `evaluate` is not enough: demos
# name their generate-an-answer function so.
EVAL_FUNC = lazyre.compile(r"^(run_\w{0,40}|\w{1,40}_)(evaluate|evaluation)(_\w{1,40})?$|^(evaluate|evaluation)_\w{1,40}$", re.I)
# A module that defines several such measures (utils/SurfaceDice.py: compute_dice_coefficient,
# compute_robust_hausdorff) is the scoring half of an evaluation, if not the script that runs it.
MIN_METRIC_DEFS = 2
# A function named for a measure among its words (boundary_f1, edge_recall_matting, compute_psnr_y).
MEASURE_TOKEN = lazyre.compile(r"(^|_)(f1|recall|precision|accuracy|iou|miou|auc|auroc|psnr|ssim|fid|bleu|wer|cer|"
                               r"mae|mse|rmse|lpips|dice|spearman|pearson)(_|$)", re.I)
# A function named for the evaluation pass itself (`evaluate`, `validate`, `val_epoch`): in a file that
# also calls a measure, the loop that scores the model.
# A training script that also scores the held-out test split: it names the split (`testloader`,
# `test_ds`, `X_test`, `best_test_auroc`) and calls a scoring function (`classification_scores`,
# `mean_sq_error`, `roc_auc_score`; a loss such as `mse_loss` is what training minimises, not a score).
TEST_SPLIT_NAME = lazyre.compile(r"(^|_)(test|testloader|testset)(_|$)|^(x|y|d)test$", re.I)
SCORE_CALL = lazyre.compile(r"(^|_)(scores?|auc|auroc|accuracy|acc|rmse|mse|mae|metrics?|bleu|wer|cer|psnr|ssim|f1)$|"
                            r"^mean_sq_error$", re.I)  # named for the score it returns (not set_matmul_precision)
EVAL_LOOP = lazyre.compile(r"^(evaluate|evaluation|validate|validation|val_one_epoch|evaluate_one_epoch|eval_epoch|"
                           r"val_epoch)$")


# A loop over held-out data inside a training script: one of the evaluation loops above, or one named
# for the loss it estimates on the validation split.
VALIDATION_LOOP = lazyre.compile(r"^(estimate_loss|eval_loss|evaluate_loss|val_loss|validation_loss|compute_val_loss|"
                                 r"run_validation|valid|valid_epoch|test_epoch)$")


# A script named for a measure of quality (fid.py, lpips.py, bleu.py): with a function of that name
# and a main guard, the evaluation the reported numbers come from.
MEASURE_STEM = lazyre.compile(r"(fid|kid|fvd|inception_score|clip_score|lpips|psnr|ssim|bleu|rouge|wer|cer|perplexity|"
                              r"mauve|pesq|stoi|rmsd|tm_score|lddt)$", re.I)


# (torch.cuda.synchronize waits for the GPU before a clock is read; a distributed barrier -- detectron2's
# comm.synchronize() in an evaluator gathering its predictions -- times nothing)
TIMING_CALLS = ("perf_counter", "time.time", "timeit", "cuda.synchronize", "elapsed_time", "process_time", "monotonic")


# A function named for a measure of quality anywhere in its name (get_symmetry_rmsd, compute_psnr,
# success_rate): a script that calls one scores something, whatever else it times.
SCORE_WORD = lazyre.compile(r"(^|_)(rmsd|rmse|mae|mse|psnr|ssim|lpips|fid|auroc|auprc|spearman|pearson|ndcg|mrr|dice|"
                            r"wer|cer|bleu|rouge|f1|accuracy|precision|recall|auc|iou|perplexity|success)(_|$)|"
                            r"(^|_)pass_at_(k|\d{1,3})(_|$)", re.I)  # code generation's pass@k (estimate_pass_at_k)


def _times_only(f: PyFacts) -> bool:
    """A script named benchmark that measures how long the model takes, and scores nothing."""
    return f.calls_any(*TIMING_CALLS) is not None and not any(
        METRIC_FUNC.match(n) or SCORE_WORD.search(n.rsplit(".", 1)[-1]) for n in _named_functions(f)) \
        and f.calls_any(*EVAL_CALLS) is None


def _named_functions(f: PyFacts) -> set[str]:
    """Functions a file defines or calls by their own name (not a parameter called: `f1(x)` inside
    `def compose(f1, f2)` is whatever the caller passed)."""
    return (set(f.calls) - f.params) | f.functions


# Tooling that quantizes the released model for deployment (quantization/awq/, quantize/): its
# evaluation scores the user's compressed copy, not the release.
QUANTIZATION_DIR = lazyre.compile(r"(^|/)quantiz\w*/", re.I)
# A loss module (loss.py, clip_loss.py, losses/metrics.py) computes the training objective: the metric
# library it imports (sklearn.metrics for a contrastive loss's logging) and its "metrics" name measure
# a training step, not the model's quality.
LOSS_MODULE = lazyre.compile(r"(^|/)(loss(es)?|criterions?)/|(^|[/_])(loss(es)?|criterions?)\.py$", re.I)


def detect_evaluation(view: RepoView) -> list[Evidence]:
    comp = "evaluation_code"
    out = []
    in_training = []  # validation loops of training scripts: kept apart (see the end)
    for f in python_files(view):
        if not own_code(view, f.path) or QUANTIZATION_DIR.search(f.path) or LOSS_MODULE.search(f.path):
            continue
        named = EVAL_NAME.search(f.path)
        libs = sorted(i for i in f.imports if any(i == r or i.startswith(r + ".") for r in EVAL_IMPORTS))
        call = f.calls_any(*EVAL_CALLS)
        if libs and (named or call is not None or f.imports_any("lm_eval", "human_eval", "evalplus")):
            out.append(Evidence(comp, "present", f.path, f"evaluation with {libs[0]}", 1, 0.85))
        elif call is not None:
            what = next(n for n in EVAL_CALLS if n in f.calls and f.calls[n] == call)
            out.append(Evidence(comp, "present", f.path, f"computes metrics: {what}()", call, 0.8))
        elif named and _times_only(f):
            out.append(Evidence(comp, "partial", f.path, "times the model (a speed benchmark, not a measure "
                                "of quality)", 1, 0.3))
        elif named and (_ml(f) or libs):
            out.append(Evidence(comp, "present", f.path, "evaluation script by name", 1, 0.65))
        elif named and (measure := next((n for n in sorted(f.functions) if MEASURE_TOKEN.search(n)), None)):
            # eval/boundary_metrics.py with boundary_f1(), edge_recall(): the measures of an evaluation,
            # written with numpy alone (no framework import to recognise it by)
            out.append(Evidence(comp, "partial", f.path, f"an evaluation module defines its measures: {measure}()",
                                f.calls.get(measure, 1), 0.55))
        elif f.main_guard and MEASURE_STEM.match(_stem(f.path)) and \
                (fn := next((n for n in sorted(f.functions) if _stem(f.path).lower() in n.lower().split("_")), None)):
            # fid.py defining calculate_fid_from_inception_stats(): the script that computes the measure
            out.append(Evidence(comp, "present", f.path, f"a script named for the measure it computes: {fn}()",
                                f.calls.get(fn, 1), 0.65))
        elif _ml(f) and f.calls_any(*TRAIN_CALLS) is None and not TRAIN_NAME.search(f.path) and (metric := next((n for n in sorted(_named_functions(f)) if METRIC_FUNC.match(n)),
                                        None)):
            out.append(Evidence(comp, "partial", f.path, f"scores the model's predictions: {metric}()",
                                f.calls.get(metric, 1), 0.6))
        elif named and f.main_guard:
            out.append(Evidence(comp, "partial", f.path, "evaluation script by name", 1, 0.55))
        elif f.main_guard and _ml(f) and f.calls_any(*TRAIN_CALLS) is None and not TRAIN_NAME.search(f.path) and \
                (runs := sorted(n for n in f.functions if EVAL_FUNC.match(n))):
            out.append(Evidence(comp, "partial", f.path, f"a script that runs an evaluation: {runs[0]}()", 1, 0.6))
        elif _ml(f) and (loops := sorted(n for n in f.functions if EVAL_LOOP.match(n))) and \
                (metric := next((n for n in sorted(set(f.calls) - f.params) if METRIC_FUNC.match(n)), None)):
            # a trainer's own evaluation loop (engine.evaluate, main.validate) that scores with a
            # measure: the code that produced the reported numbers when run on a released checkpoint
            out.append(Evidence(comp, "partial", f.path, f"an evaluation loop: {loops[0]}() scores with "
                                f"{metric}()", f.calls.get(metric, 1), 0.55))
        elif (mode := _evaluation_mode(f)) is not None:
            # `run_class_finetuning.py --eval --resume ckpt.pth`: scores the checkpoint it is given
            out.append(Evidence(comp, "partial", f.path, f"an evaluation-only mode scores a given checkpoint "
                                f"(--{mode[0]}, --{mode[1]})", mode[2], 0.55))
        elif f.calls_any(*TRAIN_CALLS) is None and not TRAIN_NAME.search(f.path) and \
                len(measures := sorted(n for n in f.functions if METRIC_FUNC.match(n))) >= MIN_METRIC_DEFS:
            out.append(Evidence(comp, "partial", f.path, f"defines measures: {', '.join(measures[:3])}()", 1, 0.55))
        elif _ml(f) and (call := next((n for n in sorted(f.test_split_calls) if EVAL_LOOP.match(n)), None)):
            # `solver.evaluate("test")`: a framework's engine scores the model on the test split by name
            out.append(Evidence(comp, "partial", f.path, f"scores the test split: {call}(\"test\")",
                                f.test_split_calls[call], 0.55))
        elif _ml(f) and any(TEST_SPLIT_NAME.search(n) for n in f.assigned) and \
                (score := next((n for n in sorted(set(f.calls) - f.params) if "." not in n and SCORE_CALL.search(n)
                                                                and not n.lower().endswith("loss")), None)):
            out.append(Evidence(comp, "partial", f.path, f"scores the held-out test split: {score}()",
                                f.calls.get(score, 1), 0.55))
        elif (loop := next((n for n in sorted(f.functions) if n in f.calls and
                            (EVAL_LOOP.match(n) or VALIDATION_LOOP.match(n))), None)) and \
                _ml(f) and (f.calls_any(*TRAIN_CALLS) is not None or TRAIN_NAME.search(f.path)):
            # a training script that scores held-out data as it trains (nanoGPT's estimate_loss(),
            # a trainer's validate()): the code behind the reported validation figures, not a benchmark
            in_training.append(Evidence(comp, "partial", f.path, f"validation during training: {loop}()",
                                        f.calls.get(loop, 1), 0.5))
    for e in _shell_scripts(view, EVAL_NAME):
        if not QUANTIZATION_DIR.search(e.path):
            out.append(Evidence(comp, "partial", e.path, "evaluation launcher script", 1, 0.55))
    if not any(x.confidence >= 0.5 for x in out):
        seen = set()
        for p in pointers(view):
            if p.kind == "github" and p.ref.lower() in HARNESS_REPOS and p.ref.lower() not in seen \
                    and not news_aside(p) and not _other_part_of_harness(p.url):
                seen.add(p.ref.lower())
                out.append(Evidence(comp, "link_only", p.path, f"uses the external harness {p.ref}",
                                    p.line, 0.7, p.url))
    # Validation inside the training loop is the weakest evaluation code: where the release names the
    # harness its scores come from, that harness is its evaluation, and the loop is only noted.
    harness = any(x.status == "link_only" and x.confidence >= 0.5 for x in out)
    out += [replace(x, confidence=0.3) for x in in_training] if harness else in_training
    return _rank(view, out)


# A file of the harness's repository that is not its evaluation ("From https://github.com/lm-sys/FastChat/
# blob/main/fastchat/conversation.py" above a copied chat template): code borrowed from a project that
# also serves and trains models, not the benchmark it runs.
HARNESS_FILE = lazyre.compile(r"/(?:blob|tree)/[^/\s]{1,100}/(\S{1,300})")
HARNESS_EVAL_PART = lazyre.compile(r"eval|judge|bench|tasks?\b|score", re.I)


def _other_part_of_harness(url: str) -> bool:
    m = HARNESS_FILE.search(url)
    return m is not None and not HARNESS_EVAL_PART.search(m.group(1))


def model_side_modules(view: RepoView) -> frozenset[str]:
    """The modules (paths without ".py") that the files defining the network import relatively, and
    the preparation-named modules those import in turn (gemma3_model.py -> gemma3_preprocessor.py ->
    siglip_vision/preprocessor.py): the model's own input processing, run at inference on whatever
    the user gives it, not code that prepared the training data."""
    def build():
        by_module = {f.path[:-3]: f for f in python_files(view) if f.path.endswith(".py")}
        model_files = {path for defs in module_classes(view).values() for path, _cls, _facts in defs}
        found = {m for f in python_files(view) if f.path in model_files for m in f.local_imports}
        todo = [m for m in found if m in by_module and PREP_NAME.search(m.rsplit("/", 1)[-1])]
        while todo:
            for m in by_module[todo.pop()].local_imports:
                if m not in found:
                    found.add(m)
                    if m in by_module and PREP_NAME.search(m.rsplit("/", 1)[-1]):
                        todo.append(m)
        return frozenset(found)
    return view.memo("model_side_modules", build)


# A class that is part of the model (its tokenizer, processor, codec or network): its
# tokenize_batch() or preprocess_text() turns the user's input into the model's at inference.
MODEL_SIDE_CLASS = lazyre.compile(r"(tokeni[sz]er|processor|model|codec|encoder|decoder|pipeline|predictor)$", re.I)


def _model_methods(f: PyFacts) -> set[str]:
    """The methods of the model's own classes (by name, or by a network base class)."""
    return {m for c in f.classes if MODEL_SIDE_CLASS.search(c.name) or any(b.endswith("Module") for b in c.bases)
            for m in c.methods}


def detect_preprocessing(view: RepoView) -> list[Evidence]:
    comp = "data_preprocessing_code"
    out = []
    for f in python_files(view):
        if not own_code(view, f.path) or in_evaluation_dir(f.path):
            continue  # (an evaluation's data loading prepares the benchmarks, not the training data)
        named = PREP_NAME.search(_stem(f.path))
        call = f.calls_any(*PREP_CALLS)
        funcs = sorted(n for n in f.functions if PREP_FUNCS.match(n))
        if funcs:
            funcs = [n for n in funcs if n not in _model_methods(f)]
        in_data_dir = DATA_DIR.search(f.path.rsplit("/", 1)[0]) if "/" in f.path else None
        if call is not None:
            what = next(n for n in PREP_CALLS if n in f.calls and f.calls[n] == call)
            out.append(Evidence(comp, "present", f.path, f"data processing: {what}()", call, 0.8))
        elif not f.main_guard and f.path[:-3] in model_side_modules(view):
            continue  # a library module of the model's forward pass, not a preparation script
        elif named and (f.main_guard or _ml(f) or funcs or f.imports_any("datasets", "json", "pandas")):
            out.append(Evidence(comp, "present", f.path, "data preparation script by name", 1, 0.75))
        elif funcs and (f.imports_any("datasets") or _ml(f)) and not f.imports_any(*DEMO_IMPORTS):
            # (a demo app's clean_text() cleans what its user pastes in, not the training data)
            out.append(Evidence(comp, "partial", f.path, f"defines {funcs[0]}()", 1, 0.6))
        elif in_data_dir and re.search(r"transform|augment", _stem(f.path), re.I) and \
                re.search(r"train", f.path, re.I):
            out.append(Evidence(comp, "partial", f.path, "training-data transforms", 1, 0.6))
    for e in _shell_scripts(view, PREP_NAME):
        out.append(Evidence(comp, "partial", e.path, "data preparation script", 1, 0.55))
    if not any(x.confidence >= 0.5 for x in out):
        out += _training_data_pipeline(view)
    return _rank(view, out)


# A module that holds a training pipeline's data code: data.py, datasets/, data_modules.py, dataloader.py
DATA_MODULE = lazyre.compile(r"^(data|datasets?|data_?modules?|data_?pipelines?|data_?loaders?|data_?utils)$", re.I)


# The calls that assemble a training input pipeline of transforms (torchvision, albumentations,
# torchaudio, MONAI): the training code's own cropping, flipping, jitter and normalisation of the data.
INPUT_TRANSFORMS = ("transforms.Compose", "T.Compose", "A.Compose", "albumentations.Compose", "RandomResizedCrop",
                    "RandomHorizontalFlip", "RandAugment", "ColorJitter")


def _training_data_pipeline(view: RepoView) -> list[Evidence]:
    """The code that turns raw data into training examples, found by what the training code uses
    rather than by file names: the repository's own data modules that a training script imports
    (`from pkg.data import get_data`, or any module defining a dataset class), a dataset class of the
    training script itself (`class LazySupervisedDataset(Dataset)`), or a function of the training
    script that it maps over its dataset (`data.map(generate_and_tokenize_prompt)`)."""
    out = []
    parsed = parsed_by_path(view)
    seen: set[str] = set()  # modules already given (imported as pkg.data and as pkg.data.get_data)
    for f in parsed.values():
        if not own_code(view, f.path) or not (_training_entry(f) or _calls_imported_trainer(view, parsed, f)
                                               or _drives_imported_step(view, parsed, f)):
            continue
        mapped = sorted(f.mapped & f.functions)
        if mapped:
            out.append(Evidence("data_preprocessing_code", "partial", f.path, f"the training code maps its data "
                                f"through {mapped[0]}()", 1, 0.6))
        composed = next((n for n in INPUT_TRANSFORMS if n in f.calls), None)
        if composed:
            out.append(Evidence("data_preprocessing_code", "partial", f.path, f"the training code builds its input "
                                f"transforms ({composed}())", f.calls[composed], 0.55))
        own = _dataset_class(f)
        if own:
            out.append(Evidence("data_preprocessing_code", "partial", f.path, f"the training code's dataset "
                                f"class {own.name} prepares its examples", own.line, 0.55))
        base = f.path.rpartition("/")[0]
        for module in sorted(f.imports):
            path = _module_path(view, module, base)
            if not path or path == f.path or path in seen or not own_code(view, path):
                continue
            cls = _dataset_class(parsed[path]) if path in parsed else None
            via = ""
            if cls is None and path in parsed:
                # one step further: a factory module the trainer imports (`from data_provider.data_factory
                # import data_provider`) that picks among the dataset classes of another module
                via, (path, cls) = path, _imported_dataset_class(view, parsed, parsed[path], seen)
                if cls is None:
                    path, via = via, ""
            if cls is not None or any(DATA_MODULE.match(part) for part in path[:-3].split("/")[-2:]):
                seen.add(path)
                what = f"its dataset class {cls.name}" if cls else "its data module"
                what = f"{what}, through {via}" if via else what
                out.append(Evidence("data_preprocessing_code", "partial", path, f"the data pipeline {f.path} "
                                    f"imports ({what})", cls.line if cls else 1, 0.6))
    return out


def _imported_modules(view: RepoView, parsed: dict, f):
    """(path, facts) of the repository's own parsed modules that `f` imports, in import order."""
    base = f.path.rpartition("/")[0]
    for module in sorted(f.imports):
        path = _module_path(view, module, base)
        if path and path != f.path and path in parsed:
            yield path, parsed[path]


def _imported_dataset_class(view: RepoView, parsed: dict, f, seen: set[str]):
    """The first dataset class among the repository's own modules that `f` imports."""
    for path, other in _imported_modules(view, parsed, f):
        if path not in seen and own_code(view, path) and (cls := _dataset_class(other)) is not None:
            return path, cls
    return "", None


# The loop a launcher hands its model and data to (`from utils import train` ... `train(model, loader)`).
TRAINER_FUNCS = ("train", "train_model", "train_loop", "run_training", "fit")


def _calls_imported_trainer(view: RepoView, parsed: dict, f) -> bool:
    """A launcher (exe_physio.py: build the data loaders, then `train(model, config, loader)`) that calls
    a training function of the repository's own module it imports -- one whose file takes training
    steps -- is a training entry, though the step is in the other file. So is a module that defines the
    training function itself around another module's step (run_lib.py's `def train(config)` with the
    step function of losses.py, which takes the optimizer steps)."""
    called = [n for n in TRAINER_FUNCS if n in f.calls and n not in f.functions]
    defines = any(n in f.functions for n in TRAINER_FUNCS)
    if not (called or defines) or not (_ml(f) or f.main_guard):
        return False
    return any((defines or any(n in other.functions for n in called)) and other.calls_any(*TRAIN_CALLS) is not None
               for _path, other in _imported_modules(view, parsed, f))


def _drives_imported_step(view: RepoView, parsed: dict, f) -> bool:
    """A training-named script with no framework import of its own (SPADE's train.py: `import data`,
    then a Pix2PixTrainer from trainers/ that takes the optimizer steps) drives the training that a
    module it imports carries out: it is where the run's data comes in."""
    return bool(TRAIN_NAME.search(f.path)) and any(other.calls_any(*TRAIN_CALLS) is not None
                                                   for _path, other in _imported_modules(view, parsed, f))


def _training_entry(f) -> bool:
    """A file that trains: a training step in ML code or a training-named file, or a training-named
    script (image_train.py calling a TrainLoop defined elsewhere)."""
    named = TRAIN_NAME.search(f.path)
    return (f.calls_any(*TRAIN_CALLS) is not None and bool(_ml(f) or named)) or \
        bool(named and (f.main_guard or _ml(f)))


def _dataset_class(f):
    """The first class that serves training examples: a subclass of a Dataset (torch's Dataset or
    IterableDataset, or another library's) that yields items (`__getitem__` or `__iter__`)."""
    for c in f.classes:
        if any(b.rsplit(".", 1)[-1].endswith("Dataset") for b in c.bases) and \
                c.methods & {"__getitem__", "__iter__"}:
            return c
    return None


def _module_path(view: RepoView, module: str, base: str = "") -> str | None:
    """The repository's file for a dotted import (`pkg.data` -> pkg/data.py or src/pkg/data.py,
    a package's __init__.py, or beside the importing script in `base`: a script run from its own
    folder imports its siblings), trying the name and the names it is inside of (`pkg.data.get_data`)."""
    parts = module.split(".")
    roots = ("", "src/") + ((base + "/",) if base else ())
    for n in range(len(parts), 0, -1):
        stem = "/".join(parts[:n])
        for root in roots:
            for path in (f"{root}{stem}.py", f"{root}{stem}/__init__.py"):
                if path in view.entries:
                    return path
    return None
