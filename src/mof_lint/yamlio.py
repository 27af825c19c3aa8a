"""YAML from untrusted repositories, loaded with line marks and without surprises.

ruamel.yaml's round-trip loader keeps the line and column of every key and item (`.lc`), so
findings can point at the exact line. Untrusted YAML is bounded before it is built: an "alias bomb"
(billion laughs) is cheap to parse but explodes when walked, so documents with more aliases than any
real card or declaration needs are refused; deep nesting that would exhaust the recursion limit is
caught and reported.
"""
from __future__ import annotations

import warnings

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent

from mof_lint.safeparse import too_deep

MAX_ALIASES = 64  # a real model card or MOT file uses none
MAX_DEPTH = 64  # front matter and declarations are a few levels deep
# ruamel's line-marking loader builds about 10,000 nodes a second; real cards, declarations and
# manifests have a few thousand at most (a 500-dataset manifest: ~4,000), so a document of more is
# refused (found by the fast C parser, before the slow loader sees it) and no document costs more
# than about a second.
MAX_EVENTS = 10_000


class YamlError(Exception):
    def __init__(self, message: str, line: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def _yaml() -> YAML:
    y = YAML(typ="rt", pure=True)
    y.allow_duplicate_keys = False
    return y


def _precheck(text: str, where: str) -> None:
    # Flow brackets first, by one linear scan: ruamel's scanner looks ahead up to 1024 characters
    # for a possible key at every flow level, seconds on `[[[[…` long before its events say how deep.
    line = too_deep(text, "yaml", MAX_DEPTH)
    if line is not None:
        raise YamlError(f"{where}: YAML nested deeper than {MAX_DEPTH} levels; refused", line)
    try:
        _count_events(_fast_parser().parse(text), where)
        return
    except YamlError:
        raise
    except (YAMLError, ValueError, RecursionError):
        pass  # libyaml (YAML 1.1) refused it: ruamel's own parser judges, with the same caps
    try:
        _count_events(_yaml().parse(text), where)
    except MarkedYAMLError as err:
        raise _marked(err, where) from None
    except YAMLError as err:
        raise YamlError(f"{where}: invalid YAML: {_one_line(err)}") from None
    except RecursionError:
        raise YamlError(f"{where}: YAML nested too deeply to parse") from None


def _fast_parser() -> YAML:
    return YAML(typ="safe", pure=False)  # libyaml's parser (ruamel.yaml.clib) where it is installed


def _count_events(events, where: str) -> None:
    """Refuse a document with too many aliases, too deep a nesting or too many nodes, from its
    parse events (nothing is built)."""
    depth = aliases = count = 0
    for event in events:
        count += 1
        if isinstance(event, AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YamlError(f"{where}: more than {MAX_ALIASES} YAML aliases; refused "
                                "(alias bombs expand exponentially)", _line(event))
        elif isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(f"{where}: YAML nested deeper than {MAX_DEPTH} levels; refused", _line(event))
        elif type(event).__name__ in ("MappingEndEvent", "SequenceEndEvent"):
            depth -= 1
        if count > MAX_EVENTS:
            raise YamlError(f"{where}: YAML document too large (over {MAX_EVENTS} nodes)", _line(event))


def _line(event) -> int:
    mark = getattr(event, "start_mark", None)
    return (mark.line + 1) if mark is not None else 1


def _one_line(err) -> str:
    return " ".join(str(err).split())[:300]


def _marked(err: MarkedYAMLError, where: str) -> YamlError:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    col = mark.column + 1 if mark else 1
    what = err.problem or err.context or "invalid YAML"
    return YamlError(f"{where}: invalid YAML at line {line}, column {col}: {what}", line, col)


def load_yaml(text: str, where: str = "YAML", line_offset: int = 0):
    """Parse one YAML document. Returns (data, data): the same round-trip object twice, kept as a
    pair so callers can name the second use "marks" (it carries `.lc` line information).
    Raises YamlError with a 1-based line (shifted by `line_offset`, for front matter)."""
    try:
        _precheck(text, where)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = _yaml().load(text)
    except YamlError as err:
        err.line += line_offset
        raise
    except MarkedYAMLError as err:
        e = _marked(err, where)
        e.line += line_offset
        raise e from None
    except (YAMLError, ValueError, TypeError) as err:
        raise YamlError(f"{where}: invalid YAML: {_one_line(err)}", 1 + line_offset) from None
    except RecursionError:
        raise YamlError(f"{where}: YAML nested too deeply to parse", 1 + line_offset) from None
    return data, data
