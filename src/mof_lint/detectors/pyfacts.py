"""Facts about a Python file, read with `ast` (never imported, never run): imports, classes and
their bases (resolved through import aliases), calls, `from_pretrained` targets."""
from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field

from mof_lint import lazyre
from mof_lint.safeparse import PARSE_ERRORS, ParseFailure, load_json, parse_python, too_deep

MAX_NODES = 400_000  # a 1 MiB file has far fewer; bounds the walk on generated code
MAX_SPANS = 5_000  # function spans kept a file (a real module defines a few hundred at most)


# The Hugging Face Hub client's calls that fetch a repository's files.
HUB_DOWNLOADS = frozenset({"snapshot_download", "hf_hub_download"})

@dataclass
class ClassDef:
    name: str
    bases: list[str]  # dotted, aliases resolved: "torch.nn.Module"
    line: int
    methods: frozenset[str]


@dataclass
class PyFacts:
    path: str
    ok: bool = True
    error: str = ""
    error_line: int | None = None
    imports: set[str] = field(default_factory=set)  # dotted modules: "torch.nn", "lm_eval"
    classes: list[ClassDef] = field(default_factory=list)
    calls: dict[str, int] = field(default_factory=dict)  # called name (last part and dotted) -> line
    functions: set[str] = field(default_factory=set)
    function_spans: list[tuple[int, int, str]] = field(default_factory=list)  # (first line, last line, name)
    backward_lines: list[int] = field(default_factory=list)  # where `.backward(…)` is called (the first 50)
    assigned: set[str] = field(default_factory=set)  # module- and function-level variable names
    # ... of them, those given a literal list, tuple, set or dict that holds strings (a data mix
    # written out: {"c4": 0.5, "wiki": 0.5}), not the result of a call
    literal_assigned: set[str] = field(default_factory=set)
    mapped: set[str] = field(default_factory=set)  # names passed to a `.map(...)` call (ds.map(tokenize))
    pretrained: list[tuple[str, int, bool]] = field(default_factory=list)  # (repo id, line, remote code)
    # datasets loaded by name: load_dataset("org/name"), tfds.load("cifar10"), tfds.builder("lsun/church")
    loaded_datasets: list[tuple[str, int]] = field(default_factory=list)  # (name, line), the first 20
    strings: list[tuple[str, int]] = field(default_factory=list)  # URL-like string constants
    named_files: set[str] = field(default_factory=set)  # file names its string constants give ("x.wav")
    # command-line options given a literal default (`add_argument("--global-batch-size", default=256)`
    # -> "global_batch_size"): the settings a script runs with unless told otherwise
    arg_defaults: set[str] = field(default_factory=set)
    options: set[str] = field(default_factory=set)  # every command-line option it declares ("eval", "resume")
    # names a function takes as parameters (`def compose(f1, f2)`): a call of one (`f1(x)`) calls
    # whatever was passed, not a function of that name
    params: set[str] = field(default_factory=set)
    main_guard: bool = False
    # folders it writes images or audio into, from the literal start of the path it gives the
    # writer (`cv2.imwrite('results/{:s}_rlt.png'.format(base), out)` -> "results")
    output_dirs: set[str] = field(default_factory=set)
    # where it first writes a picture, a video or a sound it made (MEDIA_WRITERS, or `.save("x.png")`),
    # 0 if nowhere: the model it runs produces media
    writes_media: int = 0
    # the repository's own modules it imports relatively, as paths without ".py" (in m/model.py,
    # `from .vision import preprocessor` -> "m/vision", "m/vision/preprocessor"): which of its files
    # this one builds on
    local_imports: set[str] = field(default_factory=set)
    # calls given the test split by name (`solver.evaluate("test")`, `run(split="test")`): call -> line
    test_split_calls: dict[str, int] = field(default_factory=dict)
    # the torch.optim optimizers it builds (OPTIMIZERS; the first 20): the lines of those given a literal
    # list of tensors (`Adam([T, Q])`: coordinates, a latent, an input image), and of those given anything
    # else (`model.parameters()`, a list of parameter groups)
    input_optimizers: list[int] = field(default_factory=list)
    model_optimizers: list[int] = field(default_factory=list)

    def imports_any(self, *roots: str) -> bool:
        return any(i == r or i.startswith(r + ".") for i in self.imports for r in roots)

    def calls_any(self, *names: str) -> int | None:
        lines = [self.calls[n] for n in names if n in self.calls]
        return min(lines) if lines else None

    def function_at(self, line: int) -> str | None:
        """The name of the innermost function whose body holds `line` (None at module level)."""
        inside = [(first, name) for first, last, name in self.function_spans if first <= line <= last]
        return max(inside)[1] if inside else None


def _dotted(node) -> str | None:
    """"torch.nn.Module" for an attribute chain, "a.b().c" through calls; a loop, not recursion, so
    a chain as long as the parser allows costs no stack."""
    suffix = ""  # what the outer links add, built from the outside in
    while True:
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        tail = "." + ".".join(reversed(parts)) if parts else ""
        if isinstance(node, ast.Name):
            return node.id + tail + suffix
        if not isinstance(node, ast.Call):
            return None
        if tail:
            suffix = "()" + tail + suffix
        node = node.func


# Calls that write an image or a sound to a path given as their first argument.
OUTPUT_WRITERS = frozenset({"imwrite", "imsave", "save_image", "write_wav"})
# ... and every call that writes a picture, a video or a sound: by the last part of its name, or whole
MEDIA_WRITERS = OUTPUT_WRITERS | {"mimsave", "mimwrite", "write_video", "write_gif", "save_video", "export_to_video",
                                  "export_to_gif"}
MEDIA_WRITER_CALLS = frozenset({"PIL.Image.fromarray().save", "soundfile.write", "torchaudio.save",
                                "scipy.io.wavfile.write"})
MEDIA_FILE = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".mp4", ".webm", ".wav", ".mp3", ".flac")
TFDS_LOADS = frozenset({"tensorflow_datasets.load", "tensorflow_datasets.builder", "tfds.load", "tfds.builder"})
# `open(path, "w")`: the name a file opened for writing is recorded under among the calls (no call of
# the program can have it: it is not an identifier)
OPEN_TO_WRITE = "open(w)"


# torch.optim's optimizers: what they are given is what a step changes
OPTIMIZERS = frozenset({"Adam", "AdamW", "SGD", "LBFGS", "RMSprop", "Adagrad", "Adadelta", "Adamax", "NAdam", "RAdam"})


def _writes(call: ast.Call) -> bool:
    """Whether an `open(...)` call opens its file for writing or appending (mode "w", "wb", "a", "x")."""
    mode = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "mode"), None)
    return isinstance(mode, ast.Constant) and isinstance(mode.value, str) and any(c in mode.value for c in "wax")
_FOLDER_NAME = lazyre.compile(r"[A-Za-z0-9_\-]{1,60}")


def _media_path(call: ast.Call) -> bool:
    """Whether a call's first argument is a path ending in a picture's, a video's or a sound's
    extension, written out: `image.save("astronaut.png")`, `img.save(f"out/{i}.jpg")`,
    `img.save(os.path.join(folder, f"{i:06d}.png"))`."""
    arg = call.args[0] if call.args else None
    if isinstance(arg, ast.Call) and _dotted(arg.func) in ("os.path.join", "osp.join", "path.join") and arg.args:
        arg = arg.args[-1]
    if isinstance(arg, ast.JoinedStr) and arg.values:
        arg = arg.values[-1]
    return isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.lower().endswith(MEDIA_FILE)


def _folder_prefix(path: str) -> str:
    """The (up to four) plain folder names a written path starts with: "./results/x.png" -> "results",
    "out/{:s}/a.png" -> "out"; "" when the path does not start with one. Split, not one regular
    expression: a pattern that tries up to 60 characters per folder name backtracks 60 times at every
    position a search tries (linear, but slow enough to count as a stall)."""
    if path.startswith("./"):
        path = path[2:]
    names = []
    for name in path.split("/", 4)[:-1]:  # each of these is followed by a "/"
        if not _FOLDER_NAME.fullmatch(name):
            break
        names.append(name)
    return "/".join(names)


def _leading_folder(arg) -> str:
    """The folder a path argument starts with, when it is written out: "results/x.png",
    "results/{:s}_rlt.png".format(...), f"results/{name}.png", os.path.join("results", name)."""
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute) and arg.func.attr == "format":
        arg = arg.func.value
    elif isinstance(arg, ast.Call) and _dotted(arg.func) in ("os.path.join", "osp.join", "path.join") and arg.args:
        first = arg.args[0]
        return first.value.strip("./")[:120] if isinstance(first, ast.Constant) and isinstance(first.value, str) \
            and _folder_prefix(first.value.rstrip("/") + "/") else ""
    if isinstance(arg, ast.JoinedStr) and arg.values:
        arg = arg.values[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return _folder_prefix(arg.value)
    return ""


def _url_constants(tree) -> dict[str, str]:
    """The module's own constants that hold an address (`URL_PREFIX = "https://host/models/"`):
    the code builds its download addresses from them."""
    out = {}
    for stmt in getattr(tree, "body", [])[:2000]:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str) \
                and "://" in stmt.value.value and len(stmt.value.value) < 1000 and len(out) < 50:
            out[stmt.targets[0].id] = stmt.value.value
    return out


def _joined_url(node, prefixes: dict[str, str]) -> str:
    """The address an expression builds from one of the module's address constants and a literal
    (`PREFIX + "name.bin"`, `f"{PREFIX}/name.bin"`), "" for anything else."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = node.left, node.right
        if isinstance(left, ast.Name) and left.id in prefixes and isinstance(right, ast.Constant) \
                and isinstance(right.value, str) and len(right.value) < 300:
            return prefixes[left.id] + right.value
    elif isinstance(node, ast.JoinedStr) and len(node.values) == 2:
        head, tail = node.values
        if isinstance(head, ast.FormattedValue) and isinstance(head.value, ast.Name) and head.value.id in prefixes \
                and isinstance(tail, ast.Constant) and isinstance(tail.value, str) and len(tail.value) < 300:
            return prefixes[head.value.id] + tail.value
    return ""


def analyse(path: str, source: str) -> PyFacts:
    facts = PyFacts(path)
    try:
        tree = parse_python(source, path)
    except ParseFailure as err:
        facts.ok = False
        facts.error = err.message
        facts.error_line = err.line
        return facts
    aliases: dict[str, str] = {}
    nodes = 0
    try:
        walk = list(ast.walk(tree))
    except RecursionError:
        facts.ok = False
        facts.error = "nested too deeply"
        return facts
    for node in walk:
        nodes += 1
        if nodes > MAX_NODES:
            break
        if isinstance(node, ast.Import):
            for a in node.names:
                facts.imports.add(a.name)
                aliases[(a.asname or a.name).split(".")[0]] = a.name if a.asname else a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            facts.imports.add(node.module)
            for a in node.names:
                facts.imports.add(f"{node.module}.{a.name}")
                aliases[a.asname or a.name] = f"{node.module}.{a.name}"
        elif isinstance(node, ast.ImportFrom) and node.level:
            folder = path.split("/")[:-node.level]  # `from .` is the file's own folder, `from ..` its parent's
            module = "/".join(folder + node.module.split(".")) if node.module else "/".join(folder)
            if node.module:
                facts.local_imports.add(module)
            for a in node.names:
                aliases.setdefault(a.asname or a.name, a.name)
                facts.local_imports.add(f"{module}/{a.name}" if module else a.name)
    url_prefixes = _url_constants(tree)
    for node in walk[:MAX_NODES]:
        if isinstance(node, ast.ClassDef):
            bases = []
            for b in node.bases:
                d = _dotted(b)
                if d:
                    head, _, rest = d.partition(".")
                    full = aliases.get(head, head)
                    bases.append(f"{full}.{rest}" if rest else full)
            methods = frozenset(n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)))
            facts.classes.append(ClassDef(node.name, bases, node.lineno, methods))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            if not isinstance(node, ast.Lambda):
                facts.functions.add(node.name)
                if len(facts.function_spans) < MAX_SPANS:
                    facts.function_spans.append((node.lineno, node.end_lineno or node.lineno, node.name))
            if len(facts.params) < 2000:
                a = node.args
                facts.params.update(x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs))
        elif isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr == "map":
                facts.mapped.update(a.id for a in node.args[:1] if isinstance(a, ast.Name))
            d = _dotted(node.func)
            if d:
                last = d.rsplit(".", 1)[-1]
                facts.calls.setdefault(last, node.lineno)
                if last == "backward" and len(facts.backward_lines) < 50:
                    facts.backward_lines.append(node.lineno)
                head, _, rest = d.partition(".")
                full = aliases.get(head, head) + (f".{rest}" if rest else "")
                facts.calls.setdefault(full, node.lineno)
                if rest:  # "SentencePieceTrainer.train" matches spm.SentencePieceTrainer.train(...) too
                    facts.calls.setdefault(".".join(d.rsplit(".", 2)[-2:]), node.lineno)
                if last == "add_argument" and node.args and len(facts.options) < 500:
                    flag = node.args[0]
                    if isinstance(flag, ast.Constant) and isinstance(flag.value, str):
                        option = flag.value.lstrip("-").replace("-", "_").lower()[:60]
                        facts.options.add(option)
                        if any(k.arg == "default" and isinstance(k.value, ast.Constant) and k.value.value is not None
                               for k in node.keywords):
                            facts.arg_defaults.add(option)
                split = next((a for a in node.args[:1]), None) or next(
                    (k.value for k in node.keywords if k.arg in ("split", "mode", "subset")), None)
                if isinstance(split, ast.Constant) and split.value == "test" and len(facts.test_split_calls) < 20:
                    facts.test_split_calls.setdefault(last, node.lineno)
                if last in OPTIMIZERS and ("optim" in d or d == last) and \
                        len(facts.input_optimizers) + len(facts.model_optimizers) < 20:
                    target = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "params"), None)
                    if isinstance(target, (ast.List, ast.Tuple)) and target.elts and \
                            all(isinstance(x, ast.Name) for x in target.elts):
                        facts.input_optimizers.append(node.lineno)
                    elif target is not None:
                        facts.model_optimizers.append(node.lineno)
                if d == "open" and _writes(node):  # a file opened to be written: recorded as a call
                    facts.calls.setdefault(OPEN_TO_WRITE, node.lineno)
                if not facts.writes_media and (last in MEDIA_WRITERS or full in MEDIA_WRITER_CALLS or
                                               last == "save" and _media_path(node)):
                    facts.writes_media = node.lineno
                if last in OUTPUT_WRITERS and node.args and len(facts.output_dirs) < 20:
                    folder = _leading_folder(node.args[0])
                    if folder:
                        facts.output_dirs.add(folder)
                if (last == "load_dataset" or full in TFDS_LOADS) and node.args and len(facts.loaded_datasets) < 20:
                    name = node.args[0]
                    if isinstance(name, ast.Constant) and isinstance(name.value, str) and name.value:
                        facts.loaded_datasets.append((name.value[:200], node.lineno))
                if last == "from_pretrained" and node.args:
                    arg = node.args[0]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        remote = any(k.arg == "trust_remote_code" and isinstance(k.value, ast.Constant)
                                     and k.value.value is True for k in node.keywords)
                        facts.pretrained.append((arg.value, node.lineno, remote))
                elif last in HUB_DOWNLOADS:
                    # snapshot_download(repo_id="org/model"), hf_hub_download("org/model", "ckpt.pt"):
                    # the Hub's own client fetching a model repository (not a dataset or a Space)
                    kw = {k.arg: k.value for k in node.keywords if k.arg}
                    arg = kw.get("repo_id") or (node.args[0] if node.args else None)
                    kind = kw.get("repo_type")
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and (
                            kind is None or isinstance(kind, ast.Constant) and kind.value in (None, "model")):
                        facts.pretrained.append((arg.value, node.lineno, False))
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            for t in (node.targets if isinstance(node, ast.Assign) else [node.target]):
                if isinstance(t, ast.Name):
                    facts.assigned.add(t.id)
                    if _holds_strings(node.value):
                        facts.literal_assigned.add(t.id)
        elif isinstance(node, ast.If):
            t = node.test
            if (isinstance(t, ast.Compare) and isinstance(t.left, ast.Name) and t.left.id == "__name__"):
                facts.main_guard = True
        elif isinstance(node, (ast.BinOp, ast.JoinedStr)) and url_prefixes and len(facts.strings) < 500:
            joined = _joined_url(node, url_prefixes)
            if joined:  # URL_PREFIX + "bert-base-pytorch_model.bin", f"{BASE_URL}/model.pt"
                facts.strings.append((joined, node.lineno))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            v = node.value
            # a URL, or the fixed part of one built at run time (f"{REPO}/releases/download/v1/models.zip")
            if ("://" in v or "/releases/" in v and "download/" in v) and len(v) < 2000 and len(facts.strings) < 500:
                facts.strings.append((v, getattr(node, "lineno", 0)))
            elif len(v) < 300 and "." in v[-6:] and "\n" not in v and len(facts.named_files) < 500:
                facts.named_files.add(v.rsplit("/", 1)[-1])  # "resources/speaker0.mp3": a file it reads
    return facts


# nbformat 4 writes its keys sorted, so "cells" opens the file: a notebook cut at the read limit (a
# notebook of a few MB whose saved outputs are images) still holds its first cells whole.
_CELLS_START = lazyre.compile(r'\{\s*"cells"\s*:\s*\[')
_BETWEEN_CELLS = lazyre.compile(r"\s*,?\s*")


def _load_notebook(text: str, path: str, cut: bool):
    """The notebook's JSON; for a notebook `cut` at the read limit, {"cells": the cells complete in
    what was read}. ParseFailure when it is not JSON and was not cut (broken, nested without end)."""
    try:
        return load_json(text, path)
    except ParseFailure:
        start = _CELLS_START.match(text, len(text) - len(text.lstrip())) if cut else None
        if start is None or too_deep(text, "json") is not None:
            raise
    decoder = json.JSONDecoder()
    cells: list = []
    i = start.end()
    while True:  # one cell at a time: each is decoded once, so the work is linear in what was read
        i = _BETWEEN_CELLS.match(text, i).end()
        if i >= len(text) or text[i] == "]":
            break
        try:
            cell, i = decoder.raw_decode(text, i)
        except PARSE_ERRORS:
            break  # the cell the cut went through
        cells.append(cell)
    return {"cells": cells}


def notebook_source(text: str, path: str, cut: bool = False) -> str | None:
    """The code cells of a Jupyter notebook, joined; None when it is JSON but not a notebook.
    ParseFailure when it is not JSON (broken, nested without end, or cut at the read limit before
    its first cell ends; a notebook `cut` there is read as far as its cells are whole)."""
    cells = notebook_cells(text, path, cut)
    if cells is None:
        return None
    # IPython magics and shell escapes are not Python
    return "\n\n".join("\n".join("" if ln.lstrip().startswith(("%", "!")) else ln for ln in src.split("\n"))
                       for src, _ in cells)


def notebook_cells(text: str, path: str, cut: bool = False) -> list[tuple[str, list[str]]] | None:
    """(source, output types) of each code cell of a Jupyter notebook; None when it is JSON but not
    a notebook. ParseFailure as for notebook_source."""
    nb = _load_notebook(text, path, cut)
    cells = nb.get("cells") if isinstance(nb, dict) else None
    if not isinstance(cells, list):
        return None
    out = []
    for cell in cells:
        if isinstance(cell, dict) and cell.get("cell_type") == "code":
            src = cell.get("source")
            src = "".join(x for x in src if isinstance(x, str)) if isinstance(src, list) else \
                (src if isinstance(src, str) else "")
            outputs = cell.get("outputs") if isinstance(cell.get("outputs"), list) else []
            out.append((src, [o.get("output_type", "") for o in outputs if isinstance(o, dict)]))
    return out


def notebook_outputs(text: str, path: str, limit: int = 256 << 10, cut: bool = False) -> str:
    """What a Jupyter notebook's code cells printed or showed as text, as saved (at most `limit`
    characters); "" for a notebook without outputs. ParseFailure as for notebook_source."""
    nb = _load_notebook(text, path, cut)
    cells = nb.get("cells") if isinstance(nb, dict) else None
    out: list[str] = []
    size = 0
    for cell in cells if isinstance(cells, list) else []:
        for o in (cell.get("outputs") if isinstance(cell, dict) and isinstance(cell.get("outputs"), list) else []):
            if not isinstance(o, dict):
                continue
            data = o.get("data") if isinstance(o.get("data"), dict) else {}
            shown = o.get("text", data.get("text/plain", ""))
            shown = "".join(x for x in shown if isinstance(x, str)) if isinstance(shown, list) else \
                (shown if isinstance(shown, str) else "")
            out.append(shown[:limit - size])
            size += len(out[-1])
            if size >= limit:
                return "\n".join(out)
    return "\n".join(out)


_LITERALS = (ast.List, ast.Tuple, ast.Set, ast.Dict)


def _holds_strings(value) -> bool:
    """A literal collection with a string among its direct items, keys or values (or those of the
    literals nested in it, two levels down)."""
    if not isinstance(value, _LITERALS):
        return False
    level = [value]
    for _depth in range(3):
        items = [x for lit in level for x in (lit.keys + lit.values if isinstance(lit, ast.Dict) else lit.elts)
                 if x is not None]
        if any(isinstance(x, ast.Constant) and isinstance(x.value, str) for x in items):
            return True
        level = [x for x in items if isinstance(x, _LITERALS)]
    return False

