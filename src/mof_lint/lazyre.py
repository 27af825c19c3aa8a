"""Regular expressions compiled on first use.

The detectors declare some 270 patterns at module level. Python compiles a pattern in Python code
(its parser and compiler are pure Python), about 0.2 ms each: compiling them all was 40 % of the
time every run spends importing, although a run on a given repository uses about half of them
(a repository without notebooks never needs the notebook patterns). A `LazyPattern` compiles on
the first use of any of its methods and then keeps the compiled pattern's bound methods on itself,
so a later `PATTERN.search(text)` is one attribute lookup and a C call, as with a compiled pattern.

Declare with `lazyre.compile(pattern, flags)` where a module would call `re.compile` at import
time. `pattern` is known without compiling (patterns built from others read it at import).
"""
from __future__ import annotations

import re

# What a module does with a pattern: bound at the first use, all at once.
_BOUND = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
          "flags", "groups", "groupindex")


class LazyPattern:
    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def compiled(self) -> re.Pattern:
        """The compiled pattern (compiled now if it was not yet)."""
        compiled = re.compile(self.pattern, self._flags)
        for name in _BOUND:
            setattr(self, name, getattr(compiled, name))
        return compiled

    def __getattr__(self, name: str):
        # Only called for an attribute the instance does not hold yet: the first use.
        if name.startswith("__") or name not in _BOUND:
            raise AttributeError(name)
        self.compiled()
        return self.__dict__[name]

    def __repr__(self) -> str:
        return f"lazyre.compile({self.pattern!r}, {self._flags!r})"


def compile(pattern: str | bytes, flags: int = 0) -> LazyPattern:  # noqa: A001 - mirrors re.compile
    return LazyPattern(pattern, flags)
