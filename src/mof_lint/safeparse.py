"""Parsing repository files that may nest without end: JSON, TOML, YAML (a pre-check) and Python.

Python's parsers recurse once per level of nesting (`json`, `tomllib`, ruamel's composer, `ast` and
the code that walks what they build), so `[[[[…` a hundred thousand deep ends in RecursionError or
MemoryError, and `f()()()…` half a million long crashes the interpreter in `ast.parse` on Python
3.10. Real configs, notebooks, package metadata and model code nest a few levels deep; so before a
parser sees a file, one linear scan finds its deepest nesting (brackets outside strings and
comments; for Python also chained calls, attributes and operators) and refuses a file nested
deeper than any real one with a ParseFailure that names the line. Whatever a parser still raises
becomes a ParseFailure too: callers turn it into a finding on the file.
"""
from __future__ import annotations

import ast
import json
import re
import warnings

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from mof_lint.findings import Finding
from mof_lint import lazyre

MAX_NESTING = 100  # brackets: far more than any real file, far less than a parser's recursion limit
# Links of one expression's chain nest one AST node each: f()()(), a.b.c, 1+1+1, not not x,
# lambda: lambda: … Real code has a few dozen at most (a long string concatenation).
MAX_CHAIN = 1000

PARSE_ERRORS = (ValueError, SyntaxError, RecursionError, MemoryError, TypeError, OverflowError)


class ParseFailure(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


# What hides brackets (a string or a comment, matched whole; an unclosed one runs to the end) or
# one bracket. Each alternative starts with its own character, so a scan is linear.
_STRING = r'"(?:[^"\\]|\\.)*"?'
_TOML = (r'"""[\s\S]*?(?:"""|\Z)|\'\'\'[\s\S]*?(?:\'\'\'|\Z)|"(?:[^"\\\n]|\\.)*"?|\'[^\'\n]*\'?|'
         r'#[^\n]*')
# YAML: a quote opens a string and `#` a comment only where a token starts (`it's` is plain text)
_YAML = r'(?:(?<=[\s\[{,:])|^)(?:"(?:[^"\\]|\\.)*"?|\'(?:[^\']|\'\')*\'?|#[^\n]*)'
SCANNERS = {"json": lazyre.compile(rf"(?P<skip>{_STRING})|(?P<open>[\[{{])|(?P<close>[\]}}])", re.S),
            "toml": lazyre.compile(rf"(?P<skip>{_TOML})|(?P<open>[\[{{])|(?P<close>[\]}}])", re.S),
            "yaml": lazyre.compile(rf"(?P<skip>{_YAML})|(?P<open>[\[{{])|(?P<close>[\]}}])", re.S | re.M),
            "expression": lazyre.compile(r"(?P<open>\()|(?P<close>\))")}  # SPDX license expressions


def unparsable(err: ParseFailure, path: str) -> Finding:
    """The finding (MOF411) for a JSON, TOML or notebook file a parser refused."""
    return Finding("MOF411", f"{err.message}; what it says is not counted", path=path, line=err.line or 1)


def too_deep(text: str, language: str, limit: int = MAX_NESTING) -> int | None:
    """The line where brackets first nest deeper than `limit`, or None. Brackets in strings and
    comments do not count; unbalanced closers are forgiven (the parser reports them)."""
    depth = 0
    for m in SCANNERS[language].finditer(text):
        kind = m.lastgroup
        if kind == "open":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, m.start()) + 1
        elif kind == "close" and depth:
            depth -= 1
    return None


def _refuse(text: str, language: str, where: str, what: str) -> None:
    line = too_deep(text, language)
    if line is not None:
        raise ParseFailure(f"{where}: {what} nested deeper than {MAX_NESTING} levels; not parsed", line)


def load_json(text: str, where: str):
    """The parsed JSON, or ParseFailure (with the line when known)."""
    _refuse(text, "json", where, "JSON")
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise ParseFailure(f"{where}: invalid JSON: {err.msg}", err.lineno) from None
    except PARSE_ERRORS as err:
        raise ParseFailure(f"{where}: JSON could not be parsed ({type(err).__name__})") from None


def load_toml(text: str, where: str) -> dict:
    _refuse(text, "toml", where, "TOML")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        m = re.search(r"line (\d+)", str(err))
        raise ParseFailure(f"{where}: invalid TOML: {str(err)[:200]}", int(m.group(1)) if m else None) from None
    except PARSE_ERRORS as err:
        raise ParseFailure(f"{where}: TOML could not be parsed ({type(err).__name__})") from None


# Python tokens for the pre-check: strings, comments and line continuations (skipped), brackets,
# separators (`,` `;`, and a newline outside brackets, end a chain) and chain links.
_PYTHON = lazyre.compile(
    r'(?P<skip>"""[\s\S]*?(?:"""|\Z)|\'\'\'[\s\S]*?(?:\'\'\'|\Z)|"(?:[^"\\\n]|\\.)*"?|'
    r"'(?:[^'\\\n]|\\.)*'?|#[^\n]*|\\\n)"
    r"|(?P<open>[(\[{])|(?P<close>[)\]}])|(?P<sep>[,;])|(?P<nl>\n)"
    r"|(?P<link>\.(?=\s*[A-Za-z_])|\*\*|//|<<|>>|[-+*/%@&|^~]|\b(?:not|lambda|else|await)\b)", re.S)


_F_PREFIX = lazyre.compile(r"(?:^|\W)(?:[rR]?[fF]|[fF][rR])$")  # before the quote of an f-string
MAX_FSTRING_LEVELS = 4  # f-strings inside f-strings need another quote each


def _python_depth(source: str, level: int = 0) -> tuple[str, int] | None:
    """("brackets" | "chain", line) where the source first nests deeper than the parser can take,
    or None. A chain's depth adds up through the brackets around it: f(1+1+…(g()()…)). The
    expressions of an f-string are code too (`f"{g()()()…}"` crashes Python 3.10 as well)."""
    depth = 0
    base = links = 0  # links of the enclosing segments, and of the current one
    stack: list[int] = []
    for m in _PYTHON.finditer(source):
        kind = m.lastgroup
        if kind == "skip":
            token = m.group()
            if token[0] in "'\"" and level < MAX_FSTRING_LEVELS and \
                    _F_PREFIX.search(source, max(0, m.start() - 3), m.start()):
                quote = 3 if token[:3] in ('"""', "'''") else 1
                inner = _python_depth(token[quote:], level + 1)
                if inner is not None:
                    return inner[0], source.count("\n", 0, m.start()) + inner[1]
            continue
        if kind == "open":
            depth += 1
            links += 1  # a call or subscript is a link of the chain it follows
            if depth > MAX_NESTING:
                return "brackets", source.count("\n", 0, m.start()) + 1
            stack.append(links)
            base += links
            links = 0
        elif kind == "close":
            if stack:
                depth -= 1
                links = stack.pop()
                base -= links
        elif kind == "sep" or (kind == "nl" and not stack):
            links = 0
        elif kind == "link":
            links += 1
        if base + links > MAX_CHAIN:
            return "chain", source.count("\n", 0, m.start()) + 1
    return None


def parse_python(source: str, where: str) -> ast.Module:
    """`ast.parse`, refusing first what would nest deeper than the parser or a walker can take."""
    deep = _python_depth(source)
    if deep is not None:
        what = (f"brackets nested deeper than {MAX_NESTING} levels" if deep[0] == "brackets" else
                f"an expression chains more than {MAX_CHAIN} calls, attributes or operators")
        raise ParseFailure(what, deep[1])
    try:
        # The compiler warns on stderr (a SyntaxWarning for "1if x", a DeprecationWarning for "\\d")
        # with the file's path first on the line: a repository's folder named "::error::..." would
        # write a workflow command into the job's log. What the code says is read, not reported so.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source, filename=where)
    except SyntaxError as err:
        raise ParseFailure(f"{type(err).__name__}: {err.msg}", err.lineno) from None
    except PARSE_ERRORS as err:
        raise ParseFailure(f"{type(err).__name__}: {str(err)[:100]}".rstrip(": ")) from None
