"""Model architecture: code that defines the network.

Found from Python classes whose bases (resolved through import aliases, and transitively through
the repository's own classes) are framework module classes: torch `nn.Module`, flax `linen.Module`,
Keras `Model`/`Layer`, Hugging Face `PreTrainedModel`, Lightning, Haiku, Equinox. A repository that
only loads an architecture from a library (`config.json` naming `architectures`) or from the Hub
(`trust_remote_code=True`) points at it instead.
Trap: a `model.py` whose class wraps an evaluation harness (lm-eval's `LM`) is evaluation code.
"""
from __future__ import annotations

import re
import sys

from mof_lint.detectors import pyfacts
from mof_lint.detectors.common import code_blocks_with, pointers, python_files
from mof_lint.evidence import Evidence, strongest_first
from mof_lint.repo import RepoView, is_test_path
from mof_lint.safeparse import ParseFailure, load_json, unparsable
from mof_lint import lazyre

COMPONENT = "model_architecture"
FRAMEWORK_BASES = lazyre.compile(
    r"(^|\.)(torch\.nn\.Module|torch\.nn\.modules\.module\.Module|nn\.Module|flax\.linen\.Module|"
    r"linen\.Module|keras\.Model|keras\.models\.Model|keras\.layers\.Layer|keras\.Layer|"
    r"\w*PreTrainedModel|\w*PretrainedModel|LightningModule|haiku\.Module|hk\.Module|equinox\.Module|"
    r"eqx\.Module|torch\.jit\.ScriptModule|MegatronModule|ModelMixin)$")
# A class extending a library's network class ("transformer.models.DecoderOnlyLanguageModel" of a
# JAX library, "transformers.LlamaForCausalLM") in code that imports a deep-learning framework: the
# released network is that class with this file's changes. A standard-library class (json.JSONEncoder)
# is never a network.
LIBRARY_NETWORK = lazyre.compile(
    r"\.\w*(LanguageModel|Transformer|TransformerLayer|TransformerBlock|DecoderStack|EncoderStack|DecoderLayer|"
    r"EncoderLayer|Decoder|Encoder|Attention|For(CausalLM|ConditionalGeneration|MaskedLM|SequenceClassification|"
    r"TokenClassification))$")
DL_FRAMEWORKS = ("torch", "jax", "flax", "tensorflow", "keras", "paddle", "mindspore", "mxnet", "haiku", "trax")
HARNESS_BASES = lazyre.compile(r"(^|\.)(lm_eval\.\S*|LM|TemplateLM|TemplateAPI|HFLM)$")

# A model's code file on the Hub or another repository (transformers' naming: modeling_<name>.py).
# checkpoint = "org/name" ... AutoModel.from_pretrained(checkpoint, trust_remote_code=True)
REMOTE_LOAD_BY_NAME = lazyre.compile(r"from_pretrained\(\s*(\w+)\b[^)]{0,300}?trust_remote_code\s*=\s*True")
REPO_ID_ASSIGNMENT = lazyre.compile(r"\b(\w+)\s*=\s*[\"']([\w.\-]+/[\w.\-]+)[\"']")
MODELING_FILE = lazyre.compile(r"/modeling_[\w\-]+\.py$", re.I)

def module_classes(view: RepoView) -> dict[str, list]:
    """Class name -> [(path, ClassDef)] for every class that is a neural-network module."""
    def build():
        by_name: dict[str, list] = {}
        for facts in python_files(view):
            for cls in facts.classes:
                by_name.setdefault(cls.name, []).append((facts.path, cls, facts))
        modules: set[str] = set()
        changed = True
        while changed:  # transitive closure over the repository's own class hierarchy
            changed = False
            for name, defs in by_name.items():
                if name in modules:
                    continue
                for _path, cls, facts in defs:
                    if _is_harness(cls, facts):
                        continue
                    if any(FRAMEWORK_BASES.search(b) or _extends_library_network(b, facts) for b in cls.bases) or \
                            any(b.rsplit(".", 1)[-1] in modules for b in cls.bases):
                        modules.add(name)
                        changed = True
                        break
        return {n: by_name[n] for n in modules}
    return view.memo("module_classes", build)


# Module classes in a file that patches or compresses another library's model (llama_monkey_patch.py,
# compression.py's quantized Linear, a LoRA layer) modify an architecture kept elsewhere; they do not
# define the released one.
PATCH_FILE = lazyre.compile(r"monkey[_\-]?patch|(^|[_\-])patch(es|ed)?([_\-.]|$)|compress|quantiz|(^|[_\-])lora([_\-.]|$)",
                            re.I)
# A network written as functions that build layers, not as module classes: TensorFlow 1 graphs
# (tf.get_variable, tf.variable_scope, tf.layers.dense), Keras' functional API (layers.Dense(...)(x)).
GRAPH_CALLS = frozenset({"get_variable", "variable_scope", "dense", "conv1d", "conv2d", "conv3d", "layer_norm",
                         "batch_normalization", "embedding_lookup", "Dense", "Conv1D", "Conv2D", "Conv3D",
                         "LayerNormalization", "BatchNormalization", "Embedding", "MultiHeadAttention", "LSTM",
                         "GRU", "dropout", "Dropout"})
GRAPH_FRAMEWORKS = ("tensorflow", "tf_keras", "keras", "mesh_tensorflow", "jax", "flax", "haiku", "trax")
MIN_GRAPH_CALLS = 3
PYTHON_LANGS = frozenset({"python", "py", "python3", "ipython", "pycon"})
MAX_SNIPPET = 64 << 10


def _snippet_architecture(view: RepoView) -> Evidence | None:
    """A card's usage code that defines the model's class and loads the released weights into it
    (`class AgeGenderModel(Wav2Vec2PreTrainedModel): ...` then `AgeGenderModel.from_pretrained("o/m")`):
    the architecture is written in the card, if only as a snippet. A class that is defined but never
    loaded is a how-to for the reader's own model."""
    for doc, block in code_blocks_with(view, "from_pretrained"):
        if block.lang not in PYTHON_LANGS or "class " not in block.text or len(block.text) > MAX_SNIPPET or \
                is_test_path(doc.path):
            continue
        facts = pyfacts.analyse(doc.path, block.text)
        if not facts.ok:
            continue
        modules: set[str] = set()
        for _ in range(len(facts.classes)):  # the block's own hierarchy, to a fixed point
            grown = {c.name for c in facts.classes if any(
                FRAMEWORK_BASES.search(b) or b.rsplit(".", 1)[-1] in modules for b in c.bases)}
            if grown == modules:
                break
            modules = grown
        loaded = next((c for c in facts.classes if c.name in modules and f"{c.name}.from_pretrained" in facts.calls),
                      None)
        if loaded is not None:
            return Evidence(COMPONENT, "partial", doc.path, f"usage code defines the model class {loaded.name} "
                            "and loads the weights into it", loaded.line + block.line, 0.6)
    return None


def _graph_functions(view: RepoView) -> list[Evidence]:
    """Files that build the network from a framework's layer functions (at least MIN_GRAPH_CALLS
    kinds of them), in a repository that defines no module class."""
    out: list[tuple[int, str, Evidence]] = []
    for facts in python_files(view):
        if is_test_path(facts.path) or not facts.imports_any(*GRAPH_FRAMEWORKS):
            continue
        entry = view.entries.get(facts.path)
        if entry is not None and entry.vendored or PATCH_FILE.search(facts.path.rsplit("/", 1)[-1]):
            continue
        used = sorted({name.rsplit(".", 1)[-1] for name in facts.calls} & GRAPH_CALLS)
        if len(used) >= MIN_GRAPH_CALLS:
            line = min(line for name, line in facts.calls.items() if name.rsplit(".", 1)[-1] in GRAPH_CALLS)
            out.append((-len(used), facts.path, Evidence(COMPONENT, "present", facts.path, "builds the network "
                                                         f"from layer functions ({', '.join(used[:4])})", line, 0.75)))
    return [e for _n, _p, e in sorted(out, key=lambda t: t[:2])[:20]]  # the most kinds of layers first


def _extends_library_network(base: str, facts) -> bool:
    return "." in base and base.split(".", 1)[0] not in sys.stdlib_module_names and \
        LIBRARY_NETWORK.search(base) is not None and facts.imports_any(*DL_FRAMEWORKS)


def _is_harness(cls, facts) -> bool:
    return facts.imports_any("lm_eval") and any(HARNESS_BASES.search(b) for b in cls.bases)


def detect(view: RepoView) -> list[Evidence]:
    out: list[Evidence] = []
    files: dict[str, list] = {}
    for name, defs in module_classes(view).items():
        for path, cls, _facts in defs:
            files.setdefault(path, []).append(cls)
    for path in sorted(files, key=lambda p: (-len(files[p]), p)):
        classes = sorted(files[path], key=lambda c: c.line)
        entry = view.entries.get(path)
        vendored = entry is not None and entry.vendored
        test = is_test_path(path)
        first = classes[0]
        base = first.bases[0].rsplit(".", 2)[-2:] if first.bases else []
        detail = f"class {first.name}({'.'.join(base)})" + (
            f" and {len(classes) - 1} more module classes" if len(classes) > 1 else "")
        patch = PATCH_FILE.search(path.rsplit("/", 1)[-1])
        conf = 0.9 if not (vendored or test or patch) else 0.3
        if vendored:
            detail += " (vendored code)"
        elif test:
            detail += " (in tests)"
        elif patch:
            detail += " (patches or compresses another model's layers)"
        out.append(Evidence(COMPONENT, "present", path, detail, first.line, conf))
    if not any(e.confidence >= 0.5 for e in out):
        out += _graph_functions(view)
    if any(e.confidence >= 0.5 for e in out):
        return sorted(out, key=strongest_first)[:20]
    snippet = _snippet_architecture(view)
    if snippet is not None:
        return [snippet] + sorted(out, key=strongest_first)[:19]
    # Pointers: the architecture lives in a library or on the Hub.
    for facts in python_files(view):
        for repo_id, line, remote in facts.pretrained:
            if remote:
                out.append(Evidence(COMPONENT, "link_only", facts.path,
                                    f"model code loaded from the Hub with trust_remote_code ({repo_id})",
                                    line, 0.7, f"https://huggingface.co/{repo_id}"))
    for doc, block in code_blocks_with(view, "trust_remote_code=True"):
        # from_pretrained("org/name", ...) or checkpoint = "org/name" ... from_pretrained(checkpoint, ...)
        remote_vars = set(REMOTE_LOAD_BY_NAME.findall(block.text))
        m = re.search(r"from_pretrained\(\s*[\"']([\w.\-]+/[\w.\-]+)[\"']", block.text) or next(
            (a for a in REPO_ID_ASSIGNMENT.finditer(block.text) if a.group(1) in remote_vars), None)
        if m:
            out.append(Evidence(COMPONENT, "link_only", doc.path, "README loads model code from the Hub "
                                f"with trust_remote_code ({m.group(m.lastindex)})", block.line, 0.7,
                                f"https://huggingface.co/{m.group(m.lastindex)}"))
    for p in pointers(view):  # "the [model class](https://huggingface.co/org/m/blob/main/modeling_m.py)"
        if MODELING_FILE.search(p.url.split("?")[0]) and not is_test_path(p.path):
            out.append(Evidence(COMPONENT, "link_only", p.path, f"links the model code {p.url.rsplit('/', 1)[-1][:60]}",
                                p.line, 0.7, p.url))
            break
    for e in view.with_ext(".json"):
        if e.name == "config.json" and not e.vendored and not e.test and e.size < 1 << 20:
            if view.out_of_time(e.path):
                break
            text = view.text(e.path)
            if text is None:  # binary or unreadable: the view says so
                continue
            try:
                cfg = load_json(text, e.path)
            except ParseFailure as err:
                view.findings.append(unparsable(err, e.path))
                continue
            archs = cfg.get("architectures") if isinstance(cfg, dict) else None
            if isinstance(archs, list) and archs and all(isinstance(a, str) for a in archs):
                out.append(Evidence(COMPONENT, "link_only", e.path,
                                    f"config.json names the library architecture {', '.join(archs[:3])}",
                                    1, 0.7))
    return sorted(out, key=strongest_first)[:20]
