"""Patterns declared at import and compiled on first use (mof_lint.lazyre)."""
import re

import pytest

from mof_lint import lazyre
from mof_lint.detectors import samples


def test_nothing_is_compiled_until_a_method_is_used():
    p = lazyre.compile(r"\bweights?\b", re.I)
    assert p.pattern == r"\bweights?\b"  # read without compiling: patterns built from others need it
    assert "search" not in vars(p)
    assert p.search("The WEIGHTS are here").group(0) == "WEIGHTS"
    assert "search" in vars(p) and "match" in vars(p)  # all bound at once, as the compiled pattern's own


def test_a_lazy_pattern_answers_as_the_compiled_one():
    text = "a1 b22 c333\nd4"
    lazy, real = lazyre.compile(r"(?P<word>[a-z])(\d+)", re.M), re.compile(r"(?P<word>[a-z])(\d+)", re.M)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.findall(text) == real.findall(text)
    assert lazy.sub(r"\2", text) == real.sub(r"\2", text)
    assert lazy.split(text) == real.split(text)
    assert lazy.fullmatch("z9").groupdict() == {"word": "z"}
    assert (lazy.flags, lazy.groups, dict(lazy.groupindex)) == (real.flags, real.groups, dict(real.groupindex))
    assert lazy.compiled() is real  # re's own cache: one compiled object for one (pattern, flags)


def test_an_unknown_attribute_is_an_attribute_error_not_a_compile():
    p = lazyre.compile("x")
    with pytest.raises(AttributeError):
        p.no_such_method  # noqa: B018
    assert "search" not in vars(p)


def test_a_broken_pattern_fails_at_first_use_with_re_error():
    p = lazyre.compile("(unclosed")
    with pytest.raises(re.error):
        p.search("text")


def test_the_detectors_declare_their_patterns_lazily():
    """A run compiles only what it uses: the module-level patterns of a detector are lazy."""
    declared = [v for v in vars(samples).values() if isinstance(v, lazyre.LazyPattern)]
    assert len(declared) >= 10
    assert not [v for v in vars(samples).values() if isinstance(v, re.Pattern)]
