"""Every regular expression mof-lint runs on repository text is linear in the text, found by itself.

Discovery: every module of the package is imported and every compiled pattern it holds at module level
(also inside module-level dicts, lists, tuples and objects of mof_lint classes, and behind cached
zero-argument loaders such as the license catalog) is collected; literal patterns passed to `re.search`
and friends inside functions are read from the source with `ast` and compiled here, so none escapes.
A pattern built at run time from something that is not a literal fails the static test unless it is
listed below with the reason it cannot backtrack.

Attack: each pattern is run on shaped inputs a backtracking engine suffers on -- long runs of one
character, alternating pairs, and near misses (literal fragments and characters of the pattern itself,
then a long run, then a tail that does not match) -- at 2,000 characters, and where that took long, at
500 too; where the time grew more than 6x, again at 4,000 and 16,000 (best of 5, twice; CPU time). It
fails when the time grows more than 10x per 4x more text above an absolute floor, or when one pattern's
attack outlives 4 CPU seconds (more on a machine slower than the one the budget was set on).
"""
from __future__ import annotations

import ast
import functools
import json
import importlib
import inspect
import pkgutil
import re
import signal
import time
from collections import deque
from pathlib import Path

import pytest
from conftest import build

import mof_lint
from mof_lint import lazyre

try:  # Python 3.11+
    from re import _constants as sre_c
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

PACKAGE = Path(mof_lint.__file__).parent
RE_FUNCS = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "finditer": 2, "findall": 2,
            "split": 3, "sub": 4, "subn": 4}  # function -> position of its flags argument
# Patterns built at run time that discovery cannot compile from the source, and why they are linear.
DYNAMIC = {
    ("mof_lint/licenses/names.py", "parse_expression"):
        "an escaped literal id between two fixed one-character lookarounds",
    ("mof_lint/licenses/catalog.py", "__init__"):
        "known.yml's patterns: collected through the cached catalog() loader and attacked like the rest",
    ("mof_lint/licenses/matcher.py", "_titles"):
        "known.yml's title patterns: collected through the cached _titles() loader and attacked like the rest",
    ("mof_lint/lazyre.py", "compiled"):
        "the module-level patterns declared with lazyre.compile: discovery compiles each one and attacks it",
}
BASE_CHARS = " \t\n()[]{}<>-_*.,:;|#/\\\"'`a0=+!?@%&~^$A\u00e9\u4e2d\x00"
PAIRS = ("a ", "0 ", "0.", "a.", " (", "()", "[]", "a-", "a,", "a:", "| ", "0|", "a\n", " \n", "-_", "a_",
         "a/", "a=", "1 ", " |", "a'", '"a', "*a", "#a")
TAILS = ("\x01", "")
SIZES = (500, 2000, 4000, 16000)  # screening pair, then the confirming pair
GROWTH_SUSPECT, GROWTH_FAIL = 6.0, 10.0  # per 4x more text; linear is ~4
FLOOR_SUSPECT, FLOOR_FAIL = 0.0002, 0.005  # seconds: below these, noise
FLOOR_BOUNDED = 0.001  # at n=2,000 a linear pattern takes microseconds; 1 ms grown 10x from n=500 is not noise
BUDGET = 4.0  # CPU seconds of attack per pattern before the alarm calls it super-linear (the slowest linear: ~1.9)
# The budget was set on a machine where the calibration below took REFERENCE_SECONDS; a slower machine
# (a CI runner, a busy host) gets a proportionally larger one, so a linear pattern is never timed out.
REFERENCE_SECONDS = 0.018


@functools.lru_cache(maxsize=None)
def machine_budget() -> float:
    """BUDGET scaled by how slowly this machine runs a linear regular-expression workload (best of 5)."""
    return _calibrated_budget()


def _calibrated_budget() -> float:
    probe, text = re.compile(r"[A-Za-z_]{1,60}/"), "_" * 16000
    times = []
    for _ in range(5):
        start = time.process_time()
        for _ in range(3):
            probe.search(text)
        times.append(time.process_time() - start)
    return BUDGET * max(1.0, min(times) / REFERENCE_SECONDS)


# --- discovery -----------------------------------------------------------------------------------

def _modules():
    out = []
    for info in pkgutil.walk_packages(mof_lint.__path__, "mof_lint."):
        if info.name.endswith("__main__"):
            continue  # running it is what importing it does
        out.append(importlib.import_module(info.name))
    return [mof_lint] + out


def _walk(obj, where, out, seen, depth=0):
    if id(obj) in seen or depth > 4:
        return
    seen.add(id(obj))
    if isinstance(obj, lazyre.LazyPattern):  # declared at import, compiled on first use
        obj = obj.compiled()
    if isinstance(obj, re.Pattern):
        out.setdefault((obj.pattern, obj.flags), (obj, where))
    elif isinstance(obj, dict):
        for k, v in obj.items():
            _walk(k, f"{where}[key]", out, seen, depth + 1)
            _walk(v, f"{where}[{k!r}]"[:120], out, seen, depth + 1)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for i, v in enumerate(obj):
            _walk(v, f"{where}[{i}]", out, seen, depth + 1)
    elif type(obj).__module__.startswith("mof_lint") and hasattr(obj, "__dict__") and not inspect.isclass(obj) \
            and not inspect.isfunction(obj) and not inspect.ismodule(obj):
        for k, v in vars(obj).items():
            _walk(v, f"{where}.{k}", out, seen, depth + 1)


def _cached_loaders(module):
    """Zero-argument functools.lru_cache functions defined in the module: the catalog, the titles."""
    for name, fn in vars(module).items():
        if isinstance(fn, functools._lru_cache_wrapper) and getattr(fn, "__module__", "") == module.__name__:
            try:
                if not inspect.signature(fn).parameters:
                    yield name, fn
            except (TypeError, ValueError):
                continue


def _source_calls():
    """(relative path, enclosing function, re function, pattern node, flags node, line) for every re.X call."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        rel = str(path.relative_to(PACKAGE.parent))
        stack = [(tree, "<module>")]
        while stack:
            node, func = stack.pop()
            for child in ast.iter_child_nodes(node):
                inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else func
                if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute) and \
                        isinstance(child.func.value, ast.Name) and child.func.value.id == "re" and \
                        child.func.attr in RE_FUNCS and (child.args or child.keywords):
                    kw = {k.arg: k.value for k in child.keywords}
                    pos = RE_FUNCS[child.func.attr]
                    pattern = child.args[0] if child.args else kw.get("pattern")
                    flags = child.args[pos] if len(child.args) > pos else kw.get("flags")
                    yield rel, func, child.func.attr, pattern, flags, child.lineno
                stack.append((child, inner))


def _literal(node):
    try:  # a constant, or constants and re's flags joined by operators
        code = compile(ast.Expression(node), "<pattern>", "eval")
        return eval(code, {"__builtins__": {}, "re": re}, {})  # noqa: S307 - the package's own source
    except Exception:  # a name, a call, an f-string with values: not a literal
        return None


CALLED_AS = {"search": "search", "match": "match", "fullmatch": "fullmatch", "finditer": "finditer",
             "findall": "finditer", "sub": "finditer", "subn": "finditer", "split": "finditer"}


@functools.lru_cache(maxsize=1)
def inline_methods() -> dict:
    """(pattern, flags) of a literal pattern written in a call inside a function -> how it is called there."""
    out: dict = {}
    for _, func, fn, pattern, flags, _ in _source_calls():
        text = _literal(pattern) if pattern is not None and func != "<module>" else None
        if isinstance(text, (str, bytes)) and fn in CALLED_AS:
            compiled = re.compile(text, (_literal(flags) if flags is not None else 0) or 0)
            out.setdefault((compiled.pattern, compiled.flags), set()).add(CALLED_AS[fn])
    return out


@functools.lru_cache(maxsize=1)
def discovered() -> dict:
    """(pattern, flags) -> (compiled pattern, where it lives)."""
    out: dict = {}
    seen: set = set()
    for module in _modules():
        for name, value in list(vars(module).items()):
            if not inspect.ismodule(value) and not inspect.isclass(value):
                _walk(value, f"{module.__name__}.{name}", out, seen)
        for name, loader in _cached_loaders(module):
            _walk(loader(), f"{module.__name__}.{name}()", out, seen)
    for rel, func, _, pattern, flags, line in _source_calls():
        text = _literal(pattern) if pattern is not None else None
        if isinstance(text, (str, bytes)):
            fl = _literal(flags) if flags is not None else 0
            compiled = re.compile(text, fl or 0)
            out.setdefault((compiled.pattern, compiled.flags), (compiled, f"{rel}:{line} in {func}"))
    return out


@functools.lru_cache(maxsize=1)
def _methods_used() -> dict:
    """Pattern text -> the anchored methods (match, fullmatch) the code calls on it somewhere."""
    used: dict = {}
    names = {}
    for compiled, where in discovered().values():
        names.setdefault(where.rsplit(".", 1)[-1], []).append(compiled.pattern)
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("match", "fullmatch"):
                base = node.func.value
                name = base.id if isinstance(base, ast.Name) else base.attr if isinstance(base, ast.Attribute) else ""
                for text in names.get(name, []):
                    used.setdefault(text, set()).add(node.func.attr)
                if isinstance(base, ast.Name) and base.id == "re" and node.args:
                    text = _literal(node.args[0])
                    if text is not None:
                        used.setdefault(text, set()).add(node.func.attr)
    return used


# --- shapes --------------------------------------------------------------------------------------

def _pieces(pattern):
    """(literal strings the pattern holds, characters some repetition of it can consume, whether it
    repeats at all, the literal strings in the order they come): only a run that a repetition
    consumes can make an engine backtrack."""
    fragments: set[str] = set()
    ordered: list[str] = []
    consumed: set[str] = set()
    reps = {sre_c.CATEGORY_DIGIT: "0", sre_c.CATEGORY_SPACE: " \t\n", sre_c.CATEGORY_WORD: "a0_",
            sre_c.CATEGORY_NOT_DIGIT: "a -", sre_c.CATEGORY_NOT_SPACE: "a0(-", sre_c.CATEGORY_NOT_WORD: " -(."}
    repeats = (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None))
    repeated = [False]

    def walk(sub, inside):
        run: list[str] = []
        for op, av in sub:
            if op is sre_c.LITERAL:
                run.append(chr(av))
                if inside:
                    consumed.add(chr(av))
                continue
            if run:
                fragments.add("".join(run))
                ordered.append("".join(run))
                run = []
            if op is sre_c.IN and inside:
                for o, a in av:
                    if o is sre_c.LITERAL:
                        consumed.add(chr(a))
                    elif o is sre_c.RANGE:
                        consumed.update((chr(a[0]), chr(a[1])))
                    elif o is sre_c.CATEGORY:
                        consumed.update(reps.get(a, ""))
                    elif o is sre_c.NEGATE:
                        consumed.update(BASE_CHARS)
            elif op in (sre_c.NOT_LITERAL, sre_c.ANY) and inside:
                consumed.update(BASE_CHARS)
            elif op is sre_c.SUBPATTERN:
                walk(av[-1], inside)
            elif op in repeats:
                repeated[0] = repeated[0] or av[1] > 1
                walk(av[2], inside or av[1] > 1)
            elif op is sre_c.BRANCH:
                for alt in av[1]:
                    walk(alt, inside)
            elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
                walk(av[1], inside)
            elif op is getattr(sre_c, "ATOMIC_GROUP", None):
                walk(av, inside)
            elif op is sre_c.GROUPREF_EXISTS:
                walk(av[1], inside)
                if av[2] is not None:
                    walk(av[2], inside)
        if run:
            fragments.add("".join(run))
            ordered.append("".join(run))

    text = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    walk(sre_parse.parse(text, pattern.flags & ~re.UNICODE if isinstance(pattern.pattern, bytes) else pattern.flags),
         False)
    return sorted(fragments, key=lambda f: (-len(f), f))[:12], sorted(consumed), repeated[0], ordered[:8]


_SAMPLE = {sre_c.CATEGORY_DIGIT: "0", sre_c.CATEGORY_SPACE: " ", sre_c.CATEGORY_WORD: "a",
           sre_c.CATEGORY_NOT_DIGIT: "a", sre_c.CATEGORY_NOT_SPACE: "a", sre_c.CATEGORY_NOT_WORD: " "}


def _sample(sub) -> list[str]:
    """A short string each top-level element of a parsed pattern matches, in order (a repetition
    taken once, a branch by its first alternative, an anchor or lookaround as nothing)."""
    out = []
    for op, av in sub:
        if op is sre_c.LITERAL:
            out.append(chr(av))
        elif op is sre_c.NOT_LITERAL:
            out.append("a" if chr(av) != "a" else "b")
        elif op is sre_c.ANY:
            out.append("a")
        elif op is sre_c.IN:
            if av and av[0][0] is sre_c.NEGATE:
                out.append(next((c for c in "a0 -x" if not any(o is sre_c.LITERAL and chr(a) == c for o, a in av)), "a"))
            else:
                o, a = av[0]
                out.append(chr(a) if o is sre_c.LITERAL else chr(a[0]) if o is sre_c.RANGE
                           else _SAMPLE.get(a, "a"))
        elif op is sre_c.SUBPATTERN:
            out.append("".join(_sample(av[-1])))
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
            out.append("".join(_sample(av[2])) * max(av[0], 1))
        elif op is sre_c.BRANCH:
            out.append("".join(_sample(av[1][0])))
        elif op is getattr(sre_c, "ATOMIC_GROUP", None):
            out.append("".join(_sample(av)))
    return out


def _prefixes(pattern) -> list[str]:
    """Strings the pattern's beginning matches: its sampled elements cut after each (at most 8)."""
    text = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    flags = pattern.flags & ~re.UNICODE if isinstance(pattern.pattern, bytes) else pattern.flags
    parts = _sample(sre_parse.parse(text, flags))
    cuts = sorted({c for c in ("".join(parts[:j]) for j in range(2, len(parts) + 1)) if 1 < len(c) <= 64}, key=len)
    step = max(1, len(cuts) // 8)
    return cuts[::-1][::step][:8]  # spread over the pattern, the whole sample first


def shapes(pattern):
    """name -> function of n giving an input of about n characters."""
    fragments, consumed, repeats, ordered = _pieces(pattern)
    out = {}
    for c in BASE_CHARS if not repeats else sorted(set(BASE_CHARS) | set(consumed)):
        for tail in TAILS[:2 if repeats else 1]:
            out[f"{c!r}*n+{tail!r}"] = lambda n, c=c, tail=tail: c * n + tail
    if not repeats:  # no repetition: bounded work per start, the runs above are a sanity check
        return out
    for p in sorted(set(PAIRS) | {c + " " for c in consumed} | {c + "a" for c in consumed}):
        out[f"{p!r}*n/2"] = lambda n, p=p: p * (n // 2) + "\x01"
    near = sorted(set(consumed) | set(" \t.a0-(|"))
    for f in fragments:
        for c in near:
            out[f"{f!r}+{c!r}*n"] = lambda n, f=f, c=c: f + c * n + "\x01"
        for sep in (" ", "", "\n"):
            out[f"({f!r}+{sep!r})*k"] = lambda n, f=f, sep=sep: (f + sep) * (n // (len(f) + len(sep))) + "\x01"
    # The pattern's literals in order, repeated: every start matches the beginning, so a repetition
    # after it that scans ahead for the rest ("/Type /Pages" then "[^>]*?/Count") scans ahead from
    # every start: quadratic, which no single near miss shows.
    chains = {sep.join(ordered[:j]) for j in range(2, len(ordered) + 1) for sep in (" ", "")}
    for chain in sorted(chains | set(_prefixes(pattern))):  # ... and the beginnings it matches, sampled
        out[f"({chain!r})*k"] = lambda n, c=chain: c * (n // len(c)) + "\x01"
    return out


# --- timing --------------------------------------------------------------------------------------

class _Stalled(Exception):
    pass


def _raise(*_):
    raise _Stalled


def _once(run, text) -> float:
    """CPU time of one run: another process taking the CPU (the suite runs beside other work) is not
    the pattern's doing."""
    start = time.thread_time()
    run(text)
    return time.thread_time() - start


def _best(run, text) -> float:
    return min(_once(run, text) for _ in range(5))


def _runners(pattern, methods):
    every = {"search": pattern.search, "match": pattern.match, "fullmatch": pattern.fullmatch,
             "finditer": lambda s: deque(pattern.finditer(s), maxlen=0)}
    return {name: every[name] for name in sorted(methods)}


def _texts(make, encode):
    texts = [make(n) for n in SIZES]
    return [t.encode("latin-1") for t in texts] if encode else texts


def superlinear(pattern, methods=("search", "finditer"), budget=None) -> str | None:
    """A description of the first shape on which the pattern's time grows faster than linearly, or None.
    Screening: one run at n=2,000 (linear patterns take microseconds there); a slow one is timed at 500
    too, and if it grew more than 6x, 500 against 2,000 and then 4,000 against 16,000, best of 5, twice
    each (the first pair catches a gap bounded at thousands of characters, linear only past it)."""
    budget = budget or machine_budget()
    encode = isinstance(pattern.pattern, bytes)
    current = "?"
    old = signal.signal(signal.SIGVTALRM, _raise)
    signal.setitimer(signal.ITIMER_VIRTUAL, budget)  # CPU seconds, like the measurements
    try:
        for shape, make in shapes(pattern).items():
            try:
                small, screen, mid, large = _texts(make, encode)
            except UnicodeEncodeError:
                continue
            for method, run in _runners(pattern, methods).items():
                current = f"{method} on {shape}"
                t2 = _once(run, screen)
                if t2 < FLOOR_SUSPECT or t2 < GROWTH_SUSPECT * _best(run, small):
                    continue
                # quadratic up to a bound: a lazy gap of thousands of characters retried from every
                # start grows like n^2 until n passes the bound, then "linearly" at bound x n
                for _ in range(2):
                    t1, t2 = _best(run, small), _best(run, screen)
                    if t2 < FLOOR_BOUNDED or t2 < GROWTH_FAIL * t1:
                        break
                else:
                    return f"{current}: {t1 * 1000:.1f} ms at n={SIZES[0]}, {t2 * 1000:.1f} ms at n={SIZES[1]}"
                for _ in range(2):  # twice: once can be a fluke
                    t3, t4 = _best(run, mid), _best(run, large)
                    if t4 < FLOOR_FAIL or t4 < GROWTH_FAIL * t3:
                        break
                else:
                    return f"{current}: {t3 * 1000:.1f} ms at n={SIZES[2]}, {t4 * 1000:.1f} ms at n={SIZES[3]}"
    except _Stalled:
        return f"{current}: over {budget} CPU seconds"
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, old)
    return None


# --- tests ---------------------------------------------------------------------------------------

def _ids():
    return [where for _, where in discovered().values()]


@pytest.mark.parametrize("key", list(discovered()), ids=_ids())
def test_pattern_is_linear_on_shaped_input(key):
    compiled, where = discovered()[key]
    # a pattern written in one call is attacked the way that call runs it; a named one every way
    # a caller could: search and finditer, and match/fullmatch where the code calls them
    methods = inline_methods().get(key) if ".py:" in where else \
        {"search", "finditer"} | _methods_used().get(compiled.pattern, set())
    found = superlinear(compiled, methods)
    if found is not None and found.endswith("CPU seconds"):
        # The budget is calibrated once, at the suite's start; a host that slowed down since (a shared
        # VM, CPU time stretched by a neighbour) times linear patterns out. Calibrated again now, and
        # at least doubled, the budget still stops a backtracking pattern (minutes, not seconds).
        found = superlinear(compiled, methods, budget=max(2 * machine_budget(), _calibrated_budget()))
    assert found is None, f"{where}: /{compiled.pattern}/ grows super-linearly: {found}"


def test_discovery_sees_the_patterns_that_read_repository_text():
    found = {where.split("[")[0] for _, where in discovered().values()}
    assert len(discovered()) > 100
    for name in ("mof_lint.licenses.normalize._TITLE_CORE", "mof_lint.licenses.catalog.catalog().restricted_patterns",
                 "mof_lint.licenses.matcher._titles()"):
        assert name in found, sorted(found)
    # patterns written inline in functions are compiled from the source too
    assert any(w.startswith("mof_lint/licenses/names.py:") and w.endswith(" in resolve_name") for w in _ids())


def test_no_pattern_escapes_discovery():
    """A pattern built at run time inside a function is not compiled by discovery: each one is listed."""
    escaped = []
    for rel, func, fn, pattern, _, line in _source_calls():
        if func == "<module>" or pattern is None or isinstance(_literal(pattern), (str, bytes)):
            continue  # module-level objects are collected after import
        if (rel, func) not in DYNAMIC:
            escaped.append(f"{rel}:{line} re.{fn}({ast.unparse(pattern)}) in {func}")
    assert not escaped, "patterns discovery cannot see (make them module-level constants):\n" + "\n".join(escaped)


def test_the_attack_catches_backtracking_patterns():
    """The detector itself: known quadratic, cubic and exponential shapes are caught, linear ones pass."""
    for bad in (r"^\s*\(?\s*x", r"[\w\s]+\s*:", r"(a+)+$", r"^[\W_]*[\w ()]*\blicense\b[\w ()]*[\W_]*$",
                r"\d+(\.\d+)?\s*(\d+(\.\d+)?\s*)*%"):
        assert superlinear(re.compile(bad, re.I), budget=0.5), bad
    for good in (r"x[\s(]*y", r"\b\w+:", r"^license\s*=", r"\[([^\]]{0,30})\]\("):
        assert superlinear(re.compile(good, re.I), budget=0.5 * machine_budget() / BUDGET) is None, good


# --- work that multiplies ------------------------------------------------------------------------

def _cpu(fn) -> float:
    return min(_once(lambda _: fn(), None) for _ in range(3))


def _markdown(k: int) -> str:
    """k headings at alternating levels, each with a bare link and an arXiv id under it."""
    return "".join(f"{'#' * (1 + i % 3)} Results {i}\n\nsee https://example.org/{i} and arXiv:2401.{i:05d}\n\n"
                   for i in range(k))


def test_headings_times_links_is_linear():
    """Every line asks for its section and every heading for its text: one index, not a scan each
    (the parse itself is timed elsewhere: markdown-it is linear)."""
    from mof_lint.detectors.markdown import parse

    def lookups(doc):
        for h in doc.headings:
            doc.section_text(h, 4000)
        return [doc.section_of(n) for n in range(1, len(doc.lines) + 1)]

    assert lookups(parse("README.md", _markdown(3)))[:5] == ["Results 0"] * 4 + ["Results 1"]
    small, large = (parse("README.md", _markdown(k)) for k in (500, 4000))
    t_small, t_large = _cpu(lambda: lookups(small)), _cpu(lambda: lookups(large))
    assert t_large < 20 * t_small or t_large < FLOOR_FAIL, (t_small, t_large)  # 8x the text: ~8x, not ~64x


def test_section_text_ends_at_the_next_heading_of_the_same_or_a_higher_level():
    from mof_lint.detectors.markdown import parse
    doc = parse("README.md", "# A\na\n## B\nb\n### C\nc\n## D\nd\n# E\ne\n")
    texts = {h.text: doc.section_text(h).split() for h in doc.headings}
    assert texts == {"A": ["a", "##", "B", "b", "###", "C", "c", "##", "D", "d"], "B": ["b", "###", "C", "c"],
                     "C": ["c"], "D": ["d"], "E": ["e"]}
    assert doc.section_text(doc.headings[0], limit=3).split() == ["a", "##", "B"]


def test_data_manifests_are_parsed_within_a_count_and_a_byte_budget(tmp_path):
    from mof_lint.detectors import common
    from mof_lint.repo import RepoView
    record = "  - name: d{i}\n    url: https://example.org/{i}.jsonl\n    license: CC-BY-4.0\n"
    files = {f"data/set{j:02d}/manifest.yaml": "datasets:\n" + "".join(record.format(i=i) for i in range(20))
             for j in range(40)}
    files["datasets.yaml"] = "datasets:\n" + record.format(i=0)
    view = RepoView(str(build(tmp_path / "r", files)))
    read = common.manifest_files(view)
    assert len(read) == common.MAX_MANIFESTS and read[0].path == "datasets.yaml"  # the shallowest first
    assert sum(e.size for e in read) <= common.MANIFEST_BUDGET
    assert [f.rule for f in view.findings if "data manifests" in f.message] == ["MOF410"]


def test_links_are_capped_per_file(tmp_path):
    from mof_lint.detectors import common
    from mof_lint.repo import RepoView
    n = common.MAX_POINTERS_PER_FILE + 500
    view = RepoView(str(build(tmp_path / "r", {"links.sh": "".join(f"curl https://example.org/{i}\n"
                                                                     for i in range(n))})))
    assert len([p for p in common.pointers(view) if p.path == "links.sh"]) == common.MAX_POINTERS_PER_FILE



def test_the_run_keeps_the_first_links_documents_then_code_then_other_files(tmp_path, monkeypatch):
    """The run-wide cap keeps links in one order (Markdown, Python strings, then scripts and
    configuration files) however the kinds are read: the documents' and other files' links are found
    apart from the Python files' (while a child parses those)."""
    from mof_lint.detectors import common
    from mof_lint.repo import RepoView
    monkeypatch.setattr(common, "MAX_POINTERS", 7)
    monkeypatch.setattr(common, "MAX_POINTERS_PER_FILE", 3)
    files = {"README.md": "".join(f"- [d{i}](https://example.org/doc/{i})\n" for i in range(4)),
             "fetch.py": "".join(f"URL{i} = 'https://example.org/py/{i}'\n" for i in range(3)),
             "get.sh": "".join(f"curl https://example.org/sh/{i}\n" for i in range(3))}
    view = RepoView(str(build(tmp_path / "r", files)))
    urls = [p.url.rsplit("/", 2)[-2] + p.url[-1] for p in common.pointers(view)]
    assert urls == ["doc0", "doc1", "doc2", "py0", "py1", "py2", "sh0"]
    assert [f.rule for f in view.findings if "links in the repository" in f.message] == ["MOF410"]

def test_rewritten_patterns_still_read_what_they_read():
    """The linear rewrites keep their meaning on the forms real files use."""
    from mof_lint.detectors.licenses import CITATION_LICENSE, SPDX_LINE
    from mof_lint.detectors.results import NUMBER, PERCENT_OR_DECIMAL
    from mof_lint.licenses.normalize import _is_title
    spdx = {"# SPDX-License-Identifier: Apache-2.0\n": "Apache-2.0", "/* SPDX-License-Identifier: MIT */": "MIT",
            "<!-- SPDX-License-Identifier: MIT OR Apache-2.0 -->": "MIT OR Apache-2.0",
            "{# SPDX-License-Identifier: BSD-3-Clause #}": "BSD-3-Clause",
            "// SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note\r\n": "GPL-2.0-only WITH Linux-syscall-note",
            "SPDX-License-Identifier: (MIT)-->": "(MIT)"}
    for line, written in spdx.items():
        assert SPDX_LINE.search(line).group(1) == written, line
    assert not SPDX_LINE.search("SPDX-License-Identifier: MIT; see LICENSE")
    for text, written in {"license: MIT\n": "MIT", "license: 'Apache-2.0'\n": "Apache-2.0",
                          'cff-version: 1.2.0\nlicense: "CC-BY-4.0"  \n': "CC-BY-4.0"}.items():
        assert CITATION_LICENSE.search(text).group(1) == written
    assert [c for c in ("71.2", "**84.5**", "< 3", "12 %", "-0.5 ± 0.1", "3.1 (2.9)", "_42_", "n/a", "7B", "")
            if NUMBER.match(c)] == ["71.2", "**84.5**", "< 3", "12 %", "-0.5 ± 0.1", "3.1 (2.9)", "_42_"]
    assert PERCENT_OR_DECIMAL.search("accuracy 71 %") and PERCENT_OR_DECIMAL.search("ppl 3.14")
    assert not PERCENT_OR_DECIMAL.search("trained for 3 epochs")
    titles = ["MIT License", "The MIT License (MIT)", "  Apache License  ", "== GNU GENERAL PUBLIC LICENSE ==",
              "LICENSE AGREEMENT", "Llama 2 Community License Agreement"]
    assert all(_is_title(t) for t in titles)
    assert not any(_is_title(t) for t in ("License: MIT", "Copyright 2024", "see https://x.org/license", "(" * 9))


def test_dense_markup_is_parsed_only_as_far_as_its_cost_allows():
    """markdown-it costs up to ~30 us per '[', '!', '*', '_' in the worst shapes: a document dense
    with them is cut at a line start after MAX_COSTLY of them; ordinary documents are parsed whole."""
    from mof_lint.detectors import markdown
    readme = "".join(f"## Part {i}\n\nSee [the docs](https://x.org/{i}) and *this* or `my_option_{i}`.\n\n"
                     for i in range(1500))  # ~100 KiB, a few thousand costly characters
    doc = markdown.parse("README.md", readme)
    assert doc.parsed_chars is None and len(doc.headings) == 1500 and len(doc.links) == 1500
    for unit in ("![", "[", "*_", "![x](", "_a_ "):
        dense = "# Title\n" + "".join(unit * 40 + "\n" for _ in range(markdown.MAX_PARSE // (40 * len(unit))))
        doc = markdown.parse("x.md", dense)
        assert doc.parsed_chars is not None and doc.parsed_chars < len(dense), unit
        assert dense[doc.parsed_chars - 1] == "\n"  # cut at a line start
        assert len(markdown.COSTLY.findall(dense[:doc.parsed_chars])) < markdown.MAX_COSTLY
        assert [h.text for h in doc.headings] == ["Title"]


def test_markdown_parsing_has_one_budget_for_every_caller(tmp_path, monkeypatch):
    """Card files are parsed by the card detector, not only through markdown_docs: the byte and time
    budgets are kept in one place (`document`), so no caller can parse past them."""
    from mof_lint.detectors import cards, common
    from mof_lint.repo import RepoView
    files = {f"cards/model_card_{i}.md": f"# Model card {i}\n\n## Limitations\nSome.\n" for i in range(6)}
    files["README.md"] = "# Model\n"
    view = RepoView(str(build(tmp_path / "r", files)))
    monkeypatch.setattr(common, "MARKDOWN_SECONDS", 0.0)  # the time budget is spent at once
    assert common.readme(view) is None
    cards.detect_model_card(view)  # asks for every card file: each refused, no parse
    notes = [f for f in view.findings if f.rule == "MOF410" and "Markdown parsing stopped" in f.message]
    assert len(notes) == 1 and "seconds" in notes[0].message
    assert not any(key[0] == "md" and value is not None for key, value in view._memo.items()
                   if isinstance(key, tuple))
    view = RepoView(str(build(tmp_path / "s", files)))
    monkeypatch.setattr(common, "MARKDOWN_SECONDS", 3.0)
    monkeypatch.setattr(common, "MARKDOWN_BUDGET", 60)  # bytes: the README and one card fit
    assert [d.path for d in common.markdown_docs(view)] == ["README.md", "cards/model_card_0.md"]
    assert any("over 0 MiB" in f.message for f in view.findings if f.rule == "MOF410")


def test_many_cards_of_dense_markup_end_in_seconds(tmp_path):
    """Sixty 128 KiB card files of the costliest shapes (each took 1.5-4 s to parse whole)."""
    from mof_lint.cli import main
    shapes = ("![", "[", "*_", "[x](", "![x](", "_a_")
    files = {f"model_card_{i}.md": (shapes[i % 6] * 70_000)[:128 * 1024] for i in range(60)}
    root = build(tmp_path / "r", files)
    started = time.process_time()
    assert main(["check", str(root), "--format", "json", "-o", str(tmp_path / "out.json")]) in (0, 1)
    assert time.process_time() - started < 20  # CPU seconds (about 3 here); parsed whole, they took minutes


def test_yaml_is_refused_by_its_node_count_before_the_slow_loader(tmp_path):
    """ruamel's line-marking loader builds ~10,000 nodes a second: a declaration and a config of
    250 KB of flow sequences took 11 s. The node count is taken by libyaml's parser first (the same
    caps; ruamel's own parser judges what libyaml refuses), so such files are refused at once."""
    from mof_lint import yamlio
    from mof_lint.cli import main
    many = "a:\n" + "".join(f"  k{i}: [1, 2, 3]\n" for i in range(yamlio.MAX_EVENTS // 5))
    with pytest.raises(yamlio.YamlError, match="too large"):
        yamlio.load_yaml(many, "many.yml")
    assert yamlio.load_yaml("%YAML 1.2\n---\nlicense: mit\n", "v12")[0] == {"license": "mit"}  # libyaml says 1.1 only
    with pytest.raises(yamlio.YamlError, match="line 2"):
        yamlio.load_yaml("a: [1, 2\n", "broken")
    root = build(tmp_path / "r", {"mof.yml": many, "README.md": "# Model\n"})
    out = tmp_path / "out.json"
    assert main(["check", str(root), "--format", "json", "-o", str(out)]) in (0, 1)
    findings = json.loads(out.read_text())["findings"]
    assert any(f["path"] == "mof.yml" and "too large" in f["message"] for f in findings)
    (root / ".mof-lint.yml").write_text(many)
    assert main(["check", str(root), "--format", "json", "-o", str(out)]) == 2  # a broken config stops the run


@pytest.mark.parametrize("kind", ["python", "config", "license"])
def test_content_reads_stop_at_a_byte_budget_shallowest_first(tmp_path, monkeypatch, kind):
    """Each kind of file read for its content has a count cap and a byte budget (a few hundred
    64 KiB files of dense Python, configs or license text took 10-20 s); what is left out is
    said in a MOF410 note, and the most relevant (shallowest) files are the ones read."""
    from mof_lint.detectors import common, licenses
    from mof_lint.repo import RepoView
    body = {"python": "def f(x):\n    return x\n" * 200, "config": "learning_rate: 0.1\n" * 200,
            "license": "Permission is hereby granted, free of charge.\n" * 100}[kind]
    name = {"python": "model_{i}.py", "config": "conf_{i}.yaml", "license": "LICENSE-{i}"}[kind]
    files = {("deep/er/" if i % 2 else "") + name.format(i=i): body for i in range(20)}
    view = RepoView(str(build(tmp_path / "r", files)))
    if kind == "python":
        monkeypatch.setattr(common, "PYTHON_BUDGET", 5 * len(body))
        read = [f.path for f in common.python_files(view)]
    elif kind == "config":
        monkeypatch.setattr(common, "CONFIG_BUDGET", 5 * len(body))
        read = [e.path for e, _ in common.config_files(view)]
    else:
        monkeypatch.setattr(licenses, "LICENSE_TEXT_BUDGET", 5 * len(body))
        read = [ev.path for ev in licenses.from_license_files(view)]
    assert 4 <= len(read) <= 6 and all("/" not in p for p in read)  # the shallow half first
    assert any(f.rule == "MOF410" for f in view.findings)


def test_one_time_budget_over_all_content_reads(tmp_path, monkeypatch):
    """Every kind of content has its own caps; CONTENT_SECONDS bounds them together. Spent at
    once, nothing is parsed, one note says so, and the report is still whole."""
    from mof_lint import repo
    from mof_lint.cli import main
    files = {"README.md": "# Model\n\n## Limitations\nSome.\n", "model.py": "import torch\n",
             "LICENSE": "MIT License\n", "data/datasets.yaml": "datasets:\n  - name: x\n    license: mit\n",
             "configs/train.yaml": "learning_rate: 0.1\nbatch_size: 8\n"}
    root = build(tmp_path / "r", files)
    out = tmp_path / "out.json"
    monkeypatch.setattr(repo, "CONTENT_SECONDS", 0.0)
    assert main(["check", str(root), "--format", "json", "-o", str(out)]) in (0, 1)
    report = json.loads(out.read_text())
    notes = [f for f in report["findings"] if f["rule"] == "MOF410" and "stopped after" in f["message"]]
    assert len(notes) == 1
    assert len(report["components"]) == 17
    monkeypatch.setattr(repo, "CONTENT_SECONDS", 60.0)
    assert main(["check", str(root), "--format", "json", "-o", str(out)]) in (0, 1)
    assert not any("stopped after" in f["message"] for f in json.loads(out.read_text())["findings"])


def test_pdf_page_count_is_one_pass_and_reads_what_it_read(tmp_path):
    """/Count belongs to a /Type /Pages dictionary when no '>' lies between them, either order; a
    file of "/Type/Pages" repeated (two scan-ahead patterns took minutes on five 1 MB PDFs) is one
    pass, and PDFs past MAX_PDFS are judged by name."""
    from mof_lint.detectors import papers
    from mof_lint.repo import RepoView
    files = {"a.pdf": b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 7 >> endobj\n",
             "b.pdf": b"%PDF << /Count 12 /Kids [1 0 R] /Type/Pages >> << /Type /Pages /Count 3 >>",
             "c.pdf": b"%PDF << /Type /Catalog /Count 99 >> << /Type /Pages /Count 2 >>",
             "d.pdf": b"%PDF << /Type /Pages /Kids [] >> /Count 5", "e.pdf": b"not a pdf",
             "f.pdf": b"%PDF-1.4\n" + b"/Type/Pages " * 80_000}
    view = RepoView(str(build(tmp_path / "r", files)))
    assert [papers._pdf_pages(view, p) for p in sorted(files)] == [7, 12, 2, None, None, None]


def test_the_harness_catches_scan_ahead_after_a_repeated_beginning():
    """The shapes that found the PDF and license-link patterns: the pattern's own beginning,
    sampled, repeated (each start matches it, then scans ahead to the end)."""
    for old in (rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)",
                r"\]\((https?://[^)\s]+)\)"):
        assert superlinear(re.compile(old)) is not None, old
    assert superlinear(re.compile(r"\]\((https?://[^)\s\]]+)\)")) is None


def test_the_harness_catches_a_gap_bounded_at_thousands_of_characters():
    """`<x>-train ... --user-dir` written as one pattern with a 3,000-character lazy gap: on a line of
    `-train--user` every start scans 3,000 characters, n x 3,000 -- quadratic until n passes 3,000 and
    seconds on a long README line. The 4,000/16,000 pair sees it linear; the 500/2,000 pair does not."""
    gap = r"\b[a-z][a-z0-9_]{1,30}-train\b[^\n]{0,3000}?--user[-_]dir[= ]+([\w\-./]{1,200})"
    assert superlinear(re.compile(gap)) is not None
    assert superlinear(re.compile(r"\b[a-z][a-z0-9_]{1,30}-train\b[^\n]{0,30}?--user[-_]dir")) is None


def test_a_python_file_over_the_size_cap_is_judged_by_name(tmp_path, monkeypatch):
    """A MiB of dense code is ~250 MB of syntax tree: such files are not parsed, and say so."""
    from mof_lint.detectors import common
    from mof_lint.repo import RepoView
    monkeypatch.setattr(common, "PYTHON_FILE_MAX", 1000)
    view = RepoView(str(build(tmp_path / "r", {"model.py": "import torch\n" * 200, "train.py": "import torch\n"})))
    assert [f.path for f in common.python_files(view)] == ["train.py"]
    assert [f.path for f in view.findings if f.rule == "MOF405"] == ["model.py"]
