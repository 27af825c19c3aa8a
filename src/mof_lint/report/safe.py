"""Text from the scanned repository (file names, README lines) is untrusted: make it printable."""
from __future__ import annotations

from mof_lint import lazyre

_CONTROL = lazyre.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


_SURROGATE = lazyre.compile("[\ud800-\udfff]")


def encodable(text) -> str:
    """The text with every lone surrogate as U+FFFD: undecodable bytes of a file name (surrogate
    escapes) and `\\ud800` escapes in a repository's JSON cannot be written as UTF-8 at all."""
    return _SURROGATE.sub("\ufffd", str(text))


def clean(text) -> str:
    """A string safe to print on one line: undecodable bytes (surrogate escapes from file names)
    shown as U+FFFD, control and bidi characters removed, newlines as spaces."""
    if text is None:
        return ""
    s = encodable(text).replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub("", s)


def clean_path(path) -> str | None:
    return None if path is None else clean(path)


_COMMANDS = lazyre.compile(r":(?=:)|##\[")  # every ':' before a ':', so that '::::' leaves no '::' either


def display(text) -> str:
    """`clean`, and no workflow command can form: CI logs parse `::command::` and the older
    `##[command]` form, so a file name such as `::error::x` or `##[error]x` is broken up with a
    zero-width space (invisible on screen). For human-facing formats only; JSON keeps the name."""
    return _COMMANDS.sub(lambda m: m.group(0)[0] + "\u200b" + m.group(0)[1:], clean(text))
