"""Model parameters, final and intermediate.

In the tree: weight files by extension and size, Git LFS pointers (evidence of the file, not its
content), safetensors/GGUF headers. As pointers: Hugging Face model repositories and collections,
download URLs of weight files, checkpoint folders on file hosts under a model-zoo heading,
`from_pretrained("org/name")` calls. Intermediate checkpoints are told by step
numbers in names, `revision="step1000"` and links to checkpoint folders or revisions.
Traps: tokenizer files (`tokenizer.model`, `*.tiktoken`), test fixtures, tiny heads (under 1 MiB),
compiled extensions and pickled indices are not weights.
"""
from __future__ import annotations

from dataclasses import replace

import re
from itertools import islice
from urllib.parse import urlsplit

from mof_lint.detectors.common import (FETCH_COMMAND, TOKENIZER_RE, WEIGHT_EXT, code_blocks_with, document,
                                       markdown_docs, news_aside, pointers, python_files, readme)
from mof_lint.evidence import MIN_CONFIDENCE, Evidence, strongest_first
from mof_lint.findings import Finding
from mof_lint.repo import RepoView, is_example_path, is_test_path
from mof_lint import lazyre

FINAL = "final_parameters"
INTERMEDIATE = "intermediate_parameters"
MIN_WEIGHT_BYTES = 1 << 20
# A self-contained model format (graph and parameters in one file, built to be deployed) is a model at
# any realistic size: small detectors and classifiers ship as 200 KB ONNX or TFLite files. The 1 MiB
# floor above guards against tiny heads and embedding tables saved as .pt/.npz/.bin.
SELF_CONTAINED = (".onnx", ".tflite", ".mlmodel")
MIN_SELF_CONTAINED_BYTES = 16 << 10
# Checkpoints are often shared as folders on a file host, linked from a "Model zoo" / "Checkpoints"
# table whose link text is only "link" or a model name.
FILE_HOST = lazyre.compile(r"https?://(drive\.google\.com|docs\.google\.com/uc|(www\.)?dropbox\.com|"
                           r"dl\.dropboxusercontent\.com|1drv\.ms|onedrive\.live\.com|pan\.baidu\.com|"
                           r"zenodo\.org/(records?|api)/|(www\.)?figshare\.com|mega\.nz|app\.box\.com|"
                           r"storage\.googleapis\.com/|[\w.-]+\.s3[\w.-]*\.amazonaws\.com/|"
                           r"[\w-]+\.blob\.core\.windows\.net/|"
                           # a release's attached files (github.com/org/repo/releases/download/v1/model.zip)
                           r"github\.com/[\w.\-]{1,100}/[\w.\-]{1,100}/releases/download/|"
                           # a Seafile share, the cloud drive universities run (cloud.tsinghua.edu.cn,
                           # heibox.uni-heidelberg.de): /f/<hex> is a shared file, /d/<hex> a folder
                           r"[\w.-]{1,100}/[fd]/[0-9a-f]{10,40}/)", re.I)
# Model registries other than the Hugging Face Hub: a model page there is the weights, as a Hub
# repository is (NVIDIA NGC's catalog, Kaggle Models, ModelScope, TensorFlow Hub).
MODEL_REGISTRY = lazyre.compile(r"https?://((catalog\.)?ngc\.nvidia\.com/(catalog/models|orgs/[\w\-/]{1,120}/models)/|"
                                r"(www\.)?kaggle\.com/models/|(www\.)?modelscope\.cn/models/|tfhub\.dev/)", re.I)
CHECKPOINT_TALK = lazyre.compile(r"\b(checkpoints?|ckpts?|weights|model zoo|pre-?trained models?|model "
                                 r"download|released models?)\b|"
                                 # "Download the model", "Download and unpack a model" above `curl … | tar xz`
                                 r"\bdownload(?: and (?:unpack|extract|unzip|untar))? (?:a |the |our )?(?:pre-?trained |trained )?"
                                 r"models?\b|"
                                 # "The pretrained StyleTTS and Hifi-GAN on LJSpeech can be downloaded at [link]"
                                 r"\bpre-?trained\s[^.\n]{0,80}?\bdownload", re.I)
# A file-host link whose own text names the trained model ("Download our [published model]").
MODEL_LINK_TEXT = lazyre.compile(r"(our |the )?(published|released|pre-?existing|trained|final|pre-?trained) "
                                 r"(models?|networks?|checkpoints?)$", re.I)  # matched on the stripped text
# A weights file by its extension, or a weights file packed alone (PyTorch's `model_best.pth.tar`
# convention, `vitl16.pth.tar`, `model.ckpt.zip`): wherever it is hosted, a download of the weights.
WEIGHTS_FILE_URL = lazyre.compile(r"\.(safetensors|bin|pt|pth|ckpt|h5|gguf|onnx|msgpack|tflite|npz|pdparams|nemo|"
                                  r"(pth?|ckpt|safetensors|h5)\.(tar|tar\.gz|tgz|gz|zip))$", re.I)
# Pickled objects: weights only when the address or the call that reads them says so.
PICKLED = lazyre.compile(r"\.(pkl|pickle|joblib)$", re.I)
# Containers as often of data as of weights (HDF5, NumPy archives): an address ending so names
# weights only when it says "model", "checkpoint", "weights"... or a loader of weights reads it.
CONTAINER = lazyre.compile(r"\.(h5|hdf5|npz)$", re.I)
CONTAINER_OF_WEIGHTS = lazyre.compile(r"model|weight|ckpt|checkpoint|pre-?trained|params", re.I)
MODEL_PATH_WORDS = lazyre.compile(r"pre-?trained|checkpoints?|ckpts?|weights|models?[_\-/]|networks?|model_final")
# The calls a line makes (`enc = load_model("https://…/encoder.pkl", dev)` -> load_model).
CALLED = lazyre.compile(r"([A-Za-z_][\w.]{0,80})\s*\(")
# The files a download command (common.FETCH_COMMAND) may fetch as weights: an archive or a weights file.
ARCHIVE_OR_WEIGHTS = lazyre.compile(r"\.(tgz|tar|tar\.gz|zip|7z|pt|pth|ckpt|safetensors|bin|h5|onnx|pkl|pb|npz|"
                                    r"gguf|tflite)$", re.I)
STEP_RE = lazyre.compile(r"(^|[/_\-.])(step|steps|iter|iteration|global_step|checkpoint|ckpt|epoch)[_\-]?"
                         r"\d+[kKmM]?($|[/_\-.])", re.I)
STEP_NUMBER = lazyre.compile(r"\d+")  # the numbers of a step-numbered path: the rest names its series
# quoted as code or named in a comment ("pass e.g. `revision=step10000-tokens41B`")
# (ckpt_356, step-1000, epoch_3: the Hub branch names of a run's saved steps, separator or not)
REVISION_RE = lazyre.compile(r"""revision\s*=\s*["'`]?(step|iter|ckpt|checkpoint|epoch)[_\-]?\d[\w.\-]*""", re.I)
# A release list in which one checkpoint resumes another ("sd-v1-2.ckpt: Resumed from sd-v1-1.ckpt")
# publishes successive stages of one training run: intermediate parameters, named rather than linked.
RESUMED_FROM = lazyre.compile(r"\b(resumed|continued(?: training)?) from\s+`?([\w.\-]+\.(?:ckpt|safetensors|pth?|bin))`?",
                              re.I)
# An archive named for what it holds (diffdock_models.zip, pretrained_weights.tar.gz, ckpts.zip): the
# checkpoints, shipped as one download (a release asset, a file host) and unpacked by the code.
WEIGHTS_ARCHIVE = lazyre.compile(r"(models?|weights?|checkpoints?|ckpts?|params|pretrained)([_\-.][\w\-]{0,80})?"
                                 r"\.(zip|tar|tgz|tar\.gz|tar\.bz2|7z)$", re.I)
INTERMEDIATE_WORDS = lazyre.compile(r"intermediate|checkpoints?/|/tree/(step|iter|ckpt|checkpoint)", re.I)
HUB_REPO = lazyre.compile(r"https?://(?:www\.)?(?:huggingface\.co|hf\.co)/([\w.\-]{1,96}/[\w.\-]{1,96})", re.I)
# A model's name at an earlier stage of its training (name-sft before name's preference tuning,
# name-unsupervised before its supervised stage, name-stage1). "-base" names no stage: a base model
# and its chat model are both releases.
STAGE_SUFFIX = lazyre.compile(r"[-_](sft|pretrain|pretrained|stage[-_]?\d|unsupervised|warmup)(?=$|[-_.])", re.I)
# `.bin` is used for much besides weights; only these names are weights.
# The rest of the name is bounded (a file name is at most 255 bytes): each keyword does not rescan it all.
DAT_MODEL_NAME = lazyre.compile(r"model|weights?|params|checkpoint|ckpt|predictor|detector|classifier|recogni[sz]",
                                re.I)
BIN_NAMES = lazyre.compile(r"(pytorch_model|model|adapter_model|diffusion_pytorch_model|consolidated|"
                           r"weights?|params|checkpoint|ckpt)[\w.\-]{0,255}\.bin$", re.I)
NOT_WEIGHTS = lazyre.compile(r"(optimizer|scheduler|rng_state|training_args|trainer_state|scaler|"
                             r"tokenizer|vocab)", re.I)
WEIGHTS_CONTEXT = lazyre.compile(r"weight|checkpoint|ckpt|download|model|param|🤗|hugging\s*face|release",
                                 re.I)
# The Hub's own pages (its model search "huggingface.co/models?pipeline_tag=…", docs, tasks): no release
# is there, whatever the link says ("any [HuggingFace checkpoint](…/models?…) of a language model").
HUB_PAGE = lazyre.compile(r"https?://(www\.)?(huggingface\.co|hf\.co)/", re.I)
HF_NOT_MODEL = lazyre.compile(r"(^|/)(datasets|spaces|docs|blog|papers)(/|$)|safety[-_]checker", re.I)
# A page that documents or teaches (a library's API docs, a Read the Docs site, a blog tutorial): a link
# there named for checkpoints ("PyTorch's checkpoint functionality", "How to upload transformer weights")
# explains a feature; no weights are released there.
DOCS_PAGE = lazyre.compile(r"^https?://([\w-]{1,60}\.)*(docs?\.[\w.-]{1,100}|[\w.-]{1,100}\.readthedocs\.io|medium\.com)(/|$)|"
                           r"^https?://[\w.-]{1,100}/(\S{0,200}/)?(docs?|documentation|tutorials?|blog)/", re.I)
HOWTO_TEXT = lazyre.compile(r"^\W*(how to|how-to|tutorial|guide)\b", re.I)


# A NumPy array file is data unless its name says it holds a network's parameters (EDM's
# generative_model_ema.npy, resnet_weights.npy); "model_outputs.npy" is what a model produced.
WEIGHT_FILE_EXT = WEIGHT_EXT + (".npy",)
NPY_WEIGHTS = lazyre.compile(r"weights?|params|parameters|ckpt|checkpoint|state_dict|(^|[_\-])model([_\-]ema)?\.npy$",
                             re.I)
# ... but an array of the data's statistics (norm_params.npy, mean_std_params.npy) is no network
NPY_STATISTICS = lazyre.compile(r"norm|stat|mean|std|scal", re.I)


def _is_weight_file(path: str, name: str, ext: str) -> bool:
    if ext not in WEIGHT_FILE_EXT or TOKENIZER_RE.search(path):
        return False
    if ext == ".npy" and (not NPY_WEIGHTS.search(name) or NPY_STATISTICS.search(name)):
        return False
    if ext == ".bin" and not BIN_NAMES.search(name):
        return False
    if ext in (".npz", ".pb") and not re.search(r"model|weight|param|ckpt|checkpoint", name, re.I):
        return False
    # .dat is any binary; dlib's models are .dat files named for what they are
    # (shape_predictor_68_face_landmarks.dat, mmod_human_face_detector.dat, ..._resnet_model_v1.dat)
    if ext == ".dat" and not DAT_MODEL_NAME.search(name):
        return False
    return not NOT_WEIGHTS.search(name)


# TensorFlow.js keeps a model's parameters in shard files named by the model beside a JSON manifest that
# lists them: face_recognition_model-shard1 (no extension) beside face_recognition_model-weights_manifest.json,
# or group1-shard1of2.bin beside model.json. The shards have no weights extension; the manifest says what they are.
TFJS_SHARD = lazyre.compile(r"^(.{0,200}?)[-_]?(group\d{1,4}-)?shard\d{1,4}(of\d{1,4})?(\.bin)?$", re.I)


def _tfjs_models(view: RepoView) -> list[tuple[str, list]]:
    """The TensorFlow.js models of the tree: (a name, its shard entries), one per manifest's model, in
    path order. A shard counts only beside a manifest (a "shard3" alone is any split file)."""
    models: dict[str, list] = {}
    for e in view.with_ext("", ".bin"):  # (few files: a corpus's shard-00001.jsonl is not looked at)
        m = TFJS_SHARD.match(e.name) if "shard" in e.name.lower() else None
        if m is None or e.vendored:
            continue
        folder = e.path[:len(e.path) - len(e.name)]
        prefix = m.group(1).rstrip("-_")
        manifests = (f"{folder}{prefix}-weights_manifest.json", f"{folder}{prefix}_weights_manifest.json",
                     f"{folder}weights_manifest.json", f"{folder}model.json")
        if any(x in view.entries for x in manifests):
            models.setdefault(folder + (prefix or "model"), []).append(e)
    return sorted(models.items())


def _module_checkpoint(view: RepoView, e) -> bool:
    """Whether `e` (a step-numbered weights file) sits in a folder of Python code and is the only one
    of its series: no other weights file has its path with another number (epoch_00080.pth alone;
    epoch_10.pth beside epoch_20.pth is a series)."""
    series = view.memo("_step_series", lambda: _step_counts(view))
    code_dirs = view.memo("_python_dirs", lambda: {f.dir for f in view.with_ext(".py")})
    return e.dir in code_dirs and series.get(_series_key(e.path), 0) <= 1


def _series_key(path: str) -> str:
    return STEP_NUMBER.sub("#", path)


def _step_counts(view: RepoView) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in view.with_ext(*WEIGHT_FILE_EXT):
        if _is_weight_file(f.path, f.name, f.ext) and STEP_RE.search(f.path):
            key = _series_key(f.path)
            counts[key] = counts.get(key, 0) + 1
    return counts


def table_caption(view: RepoView, p) -> str:
    """The line or two just above the table a link sits in ("*You can click on the numbers to be
    directed to corresponding checkpoints.*" over a results table whose scores link to checkpoints):
    what the table's links are, as its caption says. "" for a link outside a table."""
    if not p.context.lstrip().startswith("|"):
        return ""
    doc = document(view, p.path)
    if doc is None:
        return ""
    n = min(p.line, len(doc.lines)) - 1
    while n > 0 and doc.lines[n - 1].lstrip().startswith("|") and p.line - n < 500:
        n -= 1
    above = [line for line in doc.lines[max(0, n - 4):n] if line.strip() and not line.lstrip().startswith("#")]
    return " ".join(above[-2:])[:600]


def detect(view: RepoView) -> list[Evidence]:
    """Final and intermediate parameters; computed once a run (the model card asks too: a README is a
    model card only where a model is released)."""
    return view.memo("weights_evidence", lambda: _detect(view))


def released(view: RepoView) -> bool:
    """Does the repository release a model: final parameters in the tree or pointed to?"""
    return any(e.component == FINAL and e.confidence >= MIN_CONFIDENCE for e in detect(view))


# The extensions of a weights file named in a listing.
LISTED_WEIGHTS_EXT = (".ckpt", ".pt", ".pth", ".bin", ".safetensors", ".h5", ".npz", ".pkl", ".msgpack")


def _listed_step_checkpoints(view: RepoView) -> list[Evidence]:
    """A document that shows what the release's download holds as a file tree, under words about the
    checkpoints ("These checkpoints are available at ...", then `├── N-Step-Checkpoint_0_5000.ckpt`
    ... `└── N-Step-Checkpoint_3_30000.ckpt`): one series of training-step checkpoints published with
    the model. A command's local path (`--pretrained /fsx/.../epoch_24.pt`) is no listing."""
    for doc, block in code_blocks_with(view, "\u251c", "\u2514"):  # the tree glyphs of `tree` output
        if is_test_path(doc.path) or is_example_path(doc.path):
            continue
        steps: dict[str, set[str]] = {}
        names = [w.strip("`'\",") for w in block.text[:20000].split()[:2000]]  # (a listing is one name a line)
        for name in [n for n in names if 0 < len(n) <= 200 and n.lower().endswith(LISTED_WEIGHTS_EXT)][:500]:
            m = STEP_RE.search(name)
            if m:  # the same name up to its step, numbers after it aside (Checkpoint_1_10000): one series
                key = name[:m.start()] + STEP_NUMBER.sub("#", name[m.start():])
                steps.setdefault(key, set()).add(name)
        series = next((k for k, v in steps.items() if len(v) >= 2), None)
        if series and CHECKPOINT_TALK.search(f"{doc.lead_in(block.line)} {block.section}"):
            return [Evidence(INTERMEDIATE, "link_only", doc.path, f"the download's listing holds "
                             f"{len(steps[series])} training-step checkpoints ({series[:60]})", block.line, 0.65)]
    return []


# A weights file named by its training step alone ("105000.ckpt"): one of a run's checkpoints.
STEP_NAMED = lazyre.compile(r"(?<![\w.\-])(\d{3,9})\.(?:ckpt|pt|pth|safetensors|bin|pkl)\b")
# (not "checkpoints": "the checkpoints 256.pt and 512.pt" are named by resolution)
STEP_TALK = lazyre.compile(r"\b(iterations?|steps?|epochs?|iters?)\b", re.I)


def _step_named_checkpoints(view: RepoView) -> list[Evidence]:
    """The README names two or more weights files by their step alone, beside words about steps or
    iterations ("we have released 4 model weights: 105000.ckpt, 165000.ckpt, 230000.ckpt, 300000.ckpt
    ... the checkpoint after 105000 iterations"): checkpoints along one run, the intermediate ones too."""
    root = readme(view)
    if root is None:
        return []
    text = root.text[:100_000]
    steps: dict[str, int] = {}
    for m in islice(STEP_NAMED.finditer(text), 200):
        steps.setdefault(m.group(1), m.start())
    if len(steps) < 2:
        return []
    first = min(steps.values())
    if not STEP_TALK.search(text[max(0, first - 300):first + 600]):
        return []
    names = sorted(steps, key=int)
    return [Evidence(INTERMEDIATE, "link_only", root.path, f"{len(names)} checkpoints named by their step "
                     f"({', '.join(names[:4])})", text.count("\n", 0, first) + 1, 0.65)]


def _stage_checkpoints(final: list[Evidence]) -> list[Evidence]:
    """Hub repositories the release links beside the model they led to (OLMo-7B-SFT beside OLMo-7B,
    nomic-embed-text-v1-unsupervised beside nomic-embed-text-v1): the checkpoint of an earlier
    stage of the same training, an intermediate parameter set."""
    hub: dict[str, Evidence] = {}
    for e in final:
        m = HUB_REPO.match(e.url or "") if e.status == "link_only" else None
        if m:
            hub.setdefault(m.group(1).lower(), e)
    out: list[Evidence] = []
    for ref, e in hub.items():
        org, _, name = ref.partition("/")
        later = f"{org}/{STAGE_SUFFIX.sub('', name, count=1)}"
        if later != ref and later in hub and len(out) < 10:
            out.append(Evidence(INTERMEDIATE, "link_only", e.path, f"an earlier training stage of {later} on "
                                f"the Hub: {ref}", e.line, 0.7, e.url))
    return out


def _detect(view: RepoView) -> list[Evidence]:
    final: list[Evidence] = []
    inter: list[Evidence] = []
    small = 0
    sizes: dict[str, int] = {}  # committed final weights that count, by path
    for e in view.with_ext(*WEIGHT_FILE_EXT):
        if not _is_weight_file(e.path, e.name, e.ext):
            continue
        lfs = view.lfs(e.path)
        size = lfs.size if lfs else e.size
        test = e.test or e.vendored
        target = inter if STEP_RE.search(e.path) else final
        comp = INTERMEDIATE if target is inter else FINAL
        how = "Git LFS pointer to" if lfs else "weights file,"
        detail = f"{how} {_human(size)}"
        if e.ext in (".safetensors", ".gguf") and not lfs:
            header = view.weights_header(e.path)
            if header and header.parameters:
                detail += f", {header.tensors} tensors, {_human(header.parameters, 'params')}"
            elif header:
                detail += f", {header.tensors} tensors"
        if test:
            target.append(Evidence(comp, "present", e.path, detail + " (test fixture)", 1, 0.2))
        elif size < (MIN_SELF_CONTAINED_BYTES if e.ext in SELF_CONTAINED else MIN_WEIGHT_BYTES):
            small += 1
            target.append(Evidence(comp, "present", e.path, detail + " (too small to be the model)", 1,
                                   0.3))
            if small <= 3:
                view.findings.append(Finding("MOF105", f"{e.path} is {_human(size)}; too small to count "
                                             "as the model's parameters", path=e.path, line=1,
                                             component=10))
        elif target is inter and _module_checkpoint(view, e):
            # Utils/ASR/epoch_00080.pth beside Utils/ASR/models.py, alone of its series: the checkpoint a
            # code module ships (an auxiliary model's last epoch), not checkpoints along this training
            inter.append(Evidence(comp, "present", e.path, detail + " (one step-numbered file beside the "
                                  "module's code, not a series)", 1, 0.3))
        else:
            target.append(Evidence(comp, "present", e.path, detail, 1, 0.9))
            if target is final:
                sizes[e.path] = size
    for model, shards in _tfjs_models(view):
        size = sum(lfs.size if (lfs := view.lfs(e.path)) else e.size for e in shards)
        first = shards[0]
        detail = f"TensorFlow.js weights, {len(shards)} shard{'s' if len(shards) > 1 else ''} of {_human(size)}"
        if first.test:
            final.append(Evidence(FINAL, "present", first.path, detail + " (test fixture)", 1, 0.2))
        elif size < MIN_SELF_CONTAINED_BYTES:
            final.append(Evidence(FINAL, "present", first.path, detail + " (too small to be the model)", 1, 0.3))
        else:
            final.append(Evidence(FINAL, "present", first.path, detail, 1, 0.9))
            sizes[first.path] = size
    seen: set[tuple[str, str]] = set()
    run_for = _scripts_run_for(view)
    for p in pointers(view):
        key = (p.kind, p.ref or p.url)
        if key in seen:
            continue
        blob = f"{p.url} {p.text}"
        if p.kind == "hf_model" and not HF_NOT_MODEL.search(p.url):
            if is_test_path(p.path):
                continue
            if is_example_path(p.path):
                # examples/llama/README.md: the base model a recipe fine-tunes, or what an example
                # experiment published -- a user's or an experiment's model, not this release's. (Not
                # marked seen: the README linking the same repository still counts.)
                final.append(Evidence(FINAL, "link_only", p.path, f"Hugging Face model repository {p.ref} (in "
                                      "an example for users, not this model's)", p.line, 0.35, p.url))
                continue
            seen.add(key)
            if INTERMEDIATE_WORDS.search(blob) or STEP_RE.search(p.url.split("/tree/")[-1]) and "/tree/" in p.url:
                inter.append(Evidence(INTERMEDIATE, "link_only", p.path, f"checkpoints on the Hub: {p.ref}",
                                      p.line, 0.75, p.url))
            conf = 0.8 if WEIGHTS_CONTEXT.search(p.context + " " + p.text + " " + p.section) else 0.6
            final.append(Evidence(FINAL, "link_only", p.path, f"Hugging Face model repository {p.ref}",
                                  p.line, conf, p.url))
        elif p.kind == "hf_collection" and not is_test_path(p.path) and not news_aside(p):
            seen.add(key)
            conf = 0.75 if WEIGHTS_CONTEXT.search(f"{p.context} {p.text} {p.section} {p.ref}") else 0.55
            final.append(Evidence(FINAL, "link_only", p.path, f"Hugging Face collection {p.ref}", p.line, conf, p.url))
        elif p.kind in ("download", "github", "other") and WEIGHTS_FILE_URL.search(p.url.split("?")[0]) \
                and not _data_container(view, p):
            if TOKENIZER_RE.search(p.url.split("/")[-1]):
                continue
            seen.add(key)
            target, comp = (inter, INTERMEDIATE) if STEP_RE.search(p.url.rsplit("/", 1)[-1]) else (final, FINAL)
            target.append(Evidence(comp, "link_only", p.path, f"download URL of a weights file: "
                                   f"{p.url.rsplit('/', 1)[-1][:80]}", p.line, 0.8, p.url))
        elif p.kind in ("download", "github", "other") and PICKLED.search(_last_part(p.url)) and \
                (MODEL_PATH_WORDS.search(p.url.split("?")[0].lower()) or _reads_weights(_source_line(view, p))) \
                and not TOKENIZER_RE.search(_last_part(p.url)) and not news_aside(p):
            # a pickled network (StyleGAN's and EDM's .pkl, Detectron2's model_final.pkl) named as a
            # model by its address, or handed to a loader (`load_model("https://cdn/.../encoder.pkl")`);
            # a pickle of anything else (a vocabulary, data) is neither
            seen.add(key)
            target, comp = (inter, INTERMEDIATE) if STEP_RE.search(_last_part(p.url)) else (final, FINAL)
            target.append(Evidence(comp, "link_only", p.path, f"download URL of a pickled network: "
                                   f"{_last_part(p.url)[:80]}", p.line, 0.7, p.url))
        elif p.kind == "other" and MODEL_REGISTRY.match(p.url) and not news_aside(p):
            seen.add(key)
            target, comp = (inter, INTERMEDIATE) if INTERMEDIATE_WORDS.search(blob) else (final, FINAL)
            conf = 0.75 if WEIGHTS_CONTEXT.search(f"{p.context} {p.text} {p.section}") else 0.55
            target.append(Evidence(comp, "link_only", p.path, f"model page on a model registry: {p.url[:80]}",
                                   p.line, conf, p.url))
        elif p.kind in ("download", "github", "other") and WEIGHTS_ARCHIVE.search(_last_part(p.url)) \
                and not TOKENIZER_RE.search(_last_part(p.url)):
            seen.add(key)
            target, comp = (inter, INTERMEDIATE) if INTERMEDIATE_WORDS.search(blob) else (final, FINAL)
            target.append(Evidence(comp, "link_only", p.path, f"download URL of a checkpoint archive: "
                                   f"{_last_part(p.url)[:80]}", p.line, 0.7, p.url))
        elif p.kind in ("other", "download", "github") and FILE_HOST.match(p.url) and not p.in_code \
                and (CHECKPOINT_TALK.search(f"{p.section} {p.context} {p.text}") or MODEL_LINK_TEXT.match(p.text.strip())
                     or CHECKPOINT_TALK.search(table_caption(view, p))) \
                and not news_aside(p):
            seen.add(key)
            target, comp = (inter, INTERMEDIATE) if INTERMEDIATE_WORDS.search(blob) else (final, FINAL)
            target.append(Evidence(comp, "link_only", p.path, f"checkpoints on a file host: {p.url[:80]}",
                                   p.line, 0.6, p.url))
        elif (p.kind == "hf_org" or p.kind == "other" and not HUB_PAGE.match(p.url)) and \
                re.search(r"weights|checkpoints?|ckpts?|pre-?trained[_\-\s]?(models?|networks?)",
                          WANDB.sub(" ", p.url + " " + p.text), re.I) \
                and WEIGHTS_CONTEXT.search(p.section + " " + p.context) and not p.in_code \
                and not DOCS_PAGE.match(p.url) and not HOWTO_TEXT.match(p.text):
            seen.add(key)
            target, comp = (inter, INTERMEDIATE) if INTERMEDIATE_WORDS.search(blob) else (final, FINAL)
            target.append(Evidence(comp, "link_only", p.path, f"link to weights: {p.text or p.url}"[:120],
                                   p.line, 0.55, p.url))
        elif p.in_code and p.kind in ("download", "other") and ARCHIVE_OR_WEIGHTS.search(_last_part(p.url)) \
                and FETCH_COMMAND.search(p.context[:500]) and not news_aside(p) \
                and CHECKPOINT_TALK.search(_block_lead_in(view, p)):
            # "3. Download pre-trained weights" above `wget https://host/RF2_jan24.tgz`
            seen.add(key)
            target, comp = (inter, INTERMEDIATE) if INTERMEDIATE_WORDS.search(blob) else (final, FINAL)
            target.append(Evidence(comp, "link_only", p.path, f"download command for the weights: "
                                   f"{_last_part(p.url)[:80]}", p.line, 0.6, p.url))
        elif p.in_code and p.kind in ("download", "other") and p.path in run_for and FETCH_COMMAND.search(p.context[:500]) \
                and CHECKPOINT_TALK.search(run_for[p.path]) and not TOKENIZER_RE.search(_last_part(p.url)):
            # "Download weights and vocabulary:" above `bash download.sh`, whose one command is
            # `gdown --folder https://bit.ly/x`: what the script fetches is what the step says
            seen.add(key)
            target, comp = (inter, INTERMEDIATE) if INTERMEDIATE_WORDS.search(blob) else (final, FINAL)
            target.append(Evidence(comp, "link_only", p.path, f"download script the README runs to get the "
                                   f"weights: {p.url[:80]}", p.line, 0.6, p.url))
    inter.extend(_stage_checkpoints(final))
    inter.extend(_listed_step_checkpoints(view))
    inter.extend(_step_named_checkpoints(view))
    for facts in python_files(view):
        if is_test_path(facts.path):
            continue
        if DOWNLOAD_MODELS_SCRIPT.search(facts.path) and not is_example_path(facts.path):
            # preprocessing/download_model.py: BASE_URL = "https://host/atlas", the file names joined
            # at run time -- the script is the weights' pointer, by the address it builds on
            url, line = next(((u, n) for u, n in facts.strings if URL_ONLY.match(u) and urlsplit(u).path.strip("/")),
                             ("", 0))
            if url and ("script", url) not in seen:
                seen.add(("script", url))
                final.append(Evidence(FINAL, "link_only", facts.path, f"script named for downloading the models "
                                      f"fetches them from {url[:80]}", line, 0.6, url))
        for url, line in facts.strings:  # an archive the code downloads, its address built at run time
            if "://" not in url and WEIGHTS_ARCHIVE.search(_last_part(url)) and ("code", _last_part(url)) not in seen:
                seen.add(("code", _last_part(url)))
                final.append(Evidence(FINAL, "link_only", facts.path, "downloads a checkpoint archive: "
                                      f"{_last_part(url)[:80]}", line, 0.7))
        for repo_id, line, _remote in facts.pretrained:
            if "/" in repo_id and not repo_id.startswith((".", "/")) and ("hf_model", repo_id) not in seen:
                seen.add(("hf_model", repo_id))
                final.append(Evidence(FINAL, "link_only", facts.path, f"loads {repo_id} from the Hub",
                                      line, 0.6, f"https://huggingface.co/{repo_id}"))
    for doc in markdown_docs(view):
        if is_test_path(doc.path):
            continue
        for n, raw in enumerate(doc.lines, 1):
            m = RESUMED_FROM.search(raw[:2000]) if "from" in raw else None
            if m:
                inter.append(Evidence(INTERMEDIATE, "link_only", doc.path, f"a released checkpoint resumes "
                                      f"another ({m.group(2)[:60]}): stages of one training run", n, 0.6))
                break
    for doc, block in code_blocks_with(view, "from_pretrained(", "snapshot_download(", "hf_hub_download(",
                                       "huggingface-cli download", "hf download"):
        if is_test_path(doc.path):
            continue
        for m in HUB_LOAD.finditer(block.text[:20000]):
            repo_id = m.group(1) or m.group(2)
            call_end = block.text.find(")", m.end())
            call = block.text[m.start():call_end if call_end >= 0 else m.end() + 200][:300]
            if ("hf_model", repo_id) in seen or NOT_MODEL_REPO.search(call):
                continue
            seen.add(("hf_model", repo_id))
            final.append(Evidence(FINAL, "link_only", doc.path, f"the document's code loads {repo_id} from the Hub",
                                  block.line, 0.7, f"https://huggingface.co/{repo_id}"))
            break
    for doc, block in code_blocks_with(view, "revision=", "revision ="):
        m = REVISION_RE.search(block.text)
        if m:
            inter.append(Evidence(INTERMEDIATE, "link_only", doc.path, f"loads an intermediate revision "
                                  f"({m.group(0)})", block.line, 0.75))
    final = _auxiliary_beside_linked(final, sizes)
    from mof_lint.detectors import strongest  # (the package imports this module)
    return strongest(view, final, strongest_first) + strongest(view, inter, strongest_first)


# A few committed weights files (AUXILIARY_MAX_FILES), all this small, none named like the model a
# strong link points to (its Hub repository, a checkpoint download): a voice-activity detector, an edge
# detector, a demo's encoded example that the code uses; the linked weights are the model. Files named
# like it (yunet.onnx linked, face_detection_yunet_int8.onnx committed) are the model in other formats;
# many small files are a zoo of small models: both count.
AUXILIARY_MAX_BYTES = 4 << 20
AUXILIARY_MAX_FILES = 3
LINKED_MODEL_CONFIDENCE = 0.8
GENERIC_NAME_TOKENS = frozenset({"model", "models", "weights", "weight", "checkpoint", "checkpoints", "ckpt", "pth",
                                 "bin", "onnx", "tflite", "safetensors", "int", "fp", "bf", "quant", "pretrained",
                                 "final", "best", "last", "latest", "base", "small", "large", "tiny", "the", "and"})


def _name_tokens(name: str) -> set[str]:
    return {t for t in re.split(r"[^a-z]+", name.lower()) if len(t) >= 3 and t not in GENERIC_NAME_TOKENS}


def _auxiliary_beside_linked(final: list[Evidence], sizes: dict[str, int]) -> list[Evidence]:
    linked = next((e for e in final if e.status == "link_only" and e.confidence >= LINKED_MODEL_CONFIDENCE), None)
    if linked is None or not sizes or len(sizes) > AUXILIARY_MAX_FILES or max(sizes.values()) >= AUXILIARY_MAX_BYTES:
        return final
    where = linked.url or f"{linked.path}:{linked.line}"
    model = _name_tokens(urlsplit(linked.url).path.rstrip("/").rsplit("/", 1)[-1] if linked.url else linked.detail)
    if any(_name_tokens(path.rsplit("/", 1)[-1]) & model for path in sizes):
        return final
    return [replace(e, confidence=0.4, detail=f"{e.detail} (small beside the model linked at {where[:80]}: "
                    "an auxiliary model)") if e.path in sizes and e.status == "present" else e for e in final]


# A document's code that fetches a model repository from the Hub: `snapshot_download(repo_id="org/m")`,
# `Model.from_pretrained("org/m")`, `huggingface-cli download org/m` (a dataset or a Space is not one).
HUB_LOAD = lazyre.compile(r"""(?:from_pretrained|snapshot_download|hf_hub_download)\(\s*(?:repo_id\s*=\s*)?["']"""
                          r"""([\w.\-]{1,96}/[\w.\-]{1,96})["']|(?:huggingface-cli|\bhf)[ \t]+download[ \t]+"""
                          r"""([\w.\-]{1,96}/[\w.\-]{1,96})""")
NOT_MODEL_REPO = lazyre.compile(r"""repo_type\s*=\s*["'](dataset|space)|--repo-type[ =](dataset|space)""")


def _reads_weights(line: str) -> bool:
    """The line calls a weights loader: one of the code detector's (torch.load, from_pretrained, ...)
    or one named for what it reads (load_model, load_network_pkl)."""
    from mof_lint.detectors.code import LOAD_CALL, WEIGHT_LOADS
    return any(name in WEIGHT_LOADS or LOAD_CALL.match(name.rsplit(".", 1)[-1])
               for name in CALLED.findall(line))


def _source_line(view: RepoView, p) -> str:
    """The line of its file that holds pointer `p` (a code string's context is the string alone; a
    notebook's pointers are numbered in its cells): the first line of the file holding the address,
    at most 500 characters."""
    if not p.in_code:
        return p.context[:500]
    text = view.text(p.path) or ""
    at = text.find(p.url)
    if at < 0:
        return ""
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1:end if end >= 0 else len(text)][:500]


def _block_lead_in(view: RepoView, p) -> str:
    """The paragraph that introduces the code block holding pointer `p` ("Download pre-trained
    weights under network directory"), "" when there is none."""
    if p.path.lower().endswith(".sh"):
        return p.section  # the comment over the command ("# Get model weights")
    if not p.path.lower().endswith((".md", ".markdown", ".mdx")):
        return ""
    doc = document(view, p.path)
    if doc is None:
        return ""
    block = next((b for b in doc.code if b.line <= p.line <= b.line + b.text.count("\n") + 1), None)
    return doc.lead_in(block.line) if block is not None else ""


# "Weights & Biases" (wandb.ai) is an experiment tracker: its name is no word about weights
WANDB = lazyre.compile(r"weights\s{0,3}(&|&amp;|and)\s{0,3}biases|https?://(www\.)?wandb\.(ai|com)\S{0,300}", re.I)


# A script named for fetching the models (download_model.py, get_pretrained_models.py, fetch_weights.py)
DOWNLOAD_MODELS_SCRIPT = lazyre.compile(r"(^|/)(download|get|fetch)_?(pretrained_?)?(models?|weights|checkpoints?|ckpts?)"
                                        r"\.py$", re.I)
URL_ONLY = lazyre.compile(r"\Ahttps?://[^\s\"'<>]{1,500}\Z")  # (anchored: a search does not rescan from every "https://")


# `bash download.sh`, `sh ./scripts/get_weights.sh`, `./download.sh`, `source fetch.sh` in a document's code
RUNS_SCRIPT = lazyre.compile(r"(?:^|[\s;&|(])(?:bash|sh|source|\.)?\s{0,4}(\.?/?[\w.\-/]{1,200}\.sh)\b", re.M)


def _scripts_run_for(view: RepoView) -> dict[str, str]:
    """Shell script path -> the lead-in of the documents' code blocks that run it ("Download weights
    and vocabulary:" above `bash download.sh`): what the script is run for, in the documents' words."""
    def build():
        out: dict[str, str] = {}
        for doc, block in code_blocks_with(view, ".sh"):
            if is_test_path(doc.path):
                continue
            lead = doc.lead_in(block.line)
            if not lead:
                continue
            folder = doc.path.rsplit("/", 1)[0] + "/" if "/" in doc.path else ""
            for m in RUNS_SCRIPT.finditer(block.text[:4000]):
                name = m.group(1)[2:] if m.group(1).startswith("./") else m.group(1)
                if name.startswith(("/", "../")):
                    continue  # outside the repository
                for path in (folder + name, name):
                    if path in view.entries:
                        out[path] = (out.get(path, "") + " " + lead)[-600:]
                        break
        return out
    return view.memo("scripts_run_for", build)


def _data_container(view: RepoView, p) -> bool:
    """A link to an HDF5 or NumPy archive that neither its address nor the line reading it calls a
    model: a matrix of counts, reference statistics, a TF-IDF index (data, not weights)."""
    return bool(CONTAINER.search(_last_part(p.url))) and not (
        CONTAINER_OF_WEIGHTS.search(p.url.split("?")[0]) or _reads_weights(_source_line(view, p)))


def _last_part(url: str) -> str:
    return url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def _human(n: int, unit: str = "B") -> str:
    value = float(n)
    for suffix in ("", "K", "M", "G", "T", "P"):
        if value < 1000 or suffix == "P":
            return f"{value:.0f} {suffix}{unit}" if suffix == "" else f"{value:.1f} {suffix}{unit}"
        value /= 1000 if unit != "B" else 1024
    return f"{n} {unit}"
