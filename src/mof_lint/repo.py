"""RepoView: one pass over a repository tree, and the only room that touches the file system.

The scanned repository is untrusted. The view therefore
  * lists files once: `git ls-files` in a git work tree (through gitsafe: nothing the repository's
    git configuration names can run), otherwise its own walk that applies .gitignore files with
    `pathspec` (gitwildmatch, as git does, on the linear-time re2 engine);
  * never follows a symlink out of the root and never descends into a symlinked directory (loops
    and escapes are impossible by construction); a file is opened folder by folder from the root,
    none of them a symlink, so no read or size ever passes through a symlinked parent; opens only
    regular files, never blocking (a FIFO is not waited on);
  * reads at most a bounded prefix of any file (1 MiB of text, 64 KiB of a license, the header of a
    safetensors/GGUF file), and only when a detector asks;
  * recognises Git LFS pointer files (evidence of a large file, not its content);
  * turns every problem (permission denied, invalid UTF-8, a symlink escape) into a finding.
Detectors ask the view; they never open files themselves.
"""
from __future__ import annotations

import bisect
import collections
import contextlib
import errno
import functools
import gc
import json
import operator
import os
import stat
import struct
import time
import weakref
from dataclasses import dataclass, field
from itertools import compress, islice, repeat
from typing import TYPE_CHECKING

from mof_lint import gitsafe
from mof_lint.findings import Finding

if TYPE_CHECKING:
    from mof_lint.ahead import ListingAhead

TEXT_LIMIT = 1 << 20  # 1 MiB of any text file
# A notebook keeps what its cells showed (images as base64) between its cells: the cell that runs
# the model can sit past the first MiB. Read once, uncached, then the outputs are dropped.
NOTEBOOK_LIMIT = 8 << 20
LICENSE_LIMIT = 64 << 10  # license texts are short; 64 KiB covers the longest (GPL-3.0 is 35 KiB)
SNIFF_BYTES = 8192  # binary sniffing looks at this much
LFS_POINTER_MAX = 1024  # git-lfs pointers are ~130 bytes; the spec caps them at 1024
SAFETENSORS_HEADER_MAX = 16 << 20  # real headers are KBs to a few MBs
HEADERS_BUDGET = 32 << 20  # of safetensors headers parsed a run (~0.1 s a MiB; a real shard's is ~100 KiB)
MAX_FILES = 2_000_000
MAX_PATTERNS = 1_000  # ignore patterns taken from one .gitignore (or one exclude list)
MAX_PATTERNS_RUN = 1_000  # ... and from all of them: each costs ~40 ns per file listed
MAX_SUBMODULES = 10_000  # .gitmodules entries
# Reading and parsing file contents, a run, after the listing: each kind of content has its own count
# and byte caps; this is the safety valve over all of them together (real repositories need about a
# second; a tree built to max out every cap at once, several times that).
CONTENT_SECONDS = 5.0
TIME_NOTE, _TIME = "reading file contents stopped after ", "time"  # the MOF410 note once CONTENT_SECONDS are spent
UNTRACKED_TIMEOUT = 3.0  # seconds for git's untracked listing, plus 1 s per 100,000 tracked files
LFS_PREFIXES = (b"version https://git-lfs.github.com/spec/v1", b"version https://hawser.github.com/spec/v1")
SKIP_DIRS = frozenset({".git", ".hg", ".svn"})
# Third-party code kept in the tree: evidence found there is not the publisher's own work.
VENDOR_DIRS = frozenset({"third_party", "third-party", "thirdparty", "3rdparty", "vendor", "vendored",
                         "external", "externals", "extern", "dependencies", "deps", "node_modules", "site-packages", ".venv",
                         "venv", "bower_components", ".tox"})


# Tests and fixtures are not the release: their weights, data and licenses are not evidence.
TEST_DIRS = frozenset({"test", "tests", "testing", "fixtures", "fixture", "testdata", "test_data",
                       "__tests__", "unittests", "unit_tests", "unittest", "unit_test", "integration_tests",
                       "integration_test", "mock", "mocks"})


# Examples and tutorials written for users: a fine-tuning recipe there trains the user's model on the
# user's data. Evidence there does not count for the components the framework marks `own_only`.
EXAMPLE_DIRS = frozenset({"examples", "example", "tutorials", "tutorial", "colabs", "colab", "recipes", "recipe",
                          "cookbook", "cookbooks", "contrib", "community", "playground", "playgrounds"})


# ... and guides for users inside the documentation (docs/source/training/<framework>.md: how to
# fine-tune the model with a framework of the user's choice).
GUIDE_DIRS = frozenset({"training", "train", "finetuning", "fine-tuning", "fine_tuning", "finetune", "guides",
                        "guide", "how-to", "howto", "how_to"})
DOC_DIRS = frozenset({"docs", "doc", "documentation"})


def is_example_path(path: str) -> bool:
    """A file under a folder of examples or tutorials for users (any depth), or a guide under the
    documentation's training/fine-tuning/how-to folders."""
    low = path.lower()
    if not any(w in low for w in ("exampl", "tutorial", "colab", "recipe", "cookbook", "contrib", "communit",
                                  "playground", "doc")):
        return False  # the common case, decided without splitting
    folders = low.split("/")[:-1]
    if any(p in EXAMPLE_DIRS for p in folders):
        return True
    docs = next((i for i, p in enumerate(folders) if p in DOC_DIRS), None)
    return docs is not None and any(p in GUIDE_DIRS for p in folders[docs + 1:])


def _is_test_name(name: str) -> bool:
    return name.startswith("test_") or name.endswith(("_test.py", "_tests.py")) or name == "conftest.py"


def _is_test_dir(low: str) -> bool:
    """A folder of tests or fixtures, by its lowercased name: a known one, or one named test_* /
    tests_* (test_fixtures, test_assets)."""
    return low in TEST_DIRS or low.startswith(("test_", "tests_"))


def is_test_path(path: str) -> bool:
    """A test file or a file under a test/fixture/mock folder (for paths that are not entries;
    an entry knows it as `entry.test`)."""
    low = path.lower()
    if "test" not in low and "fixture" not in low and "mock" not in low:
        return False  # the common case, decided without splitting
    parts = low.split("/")
    return any(map(_is_test_dir, parts[:-1])) or _is_test_name(parts[-1])


@contextlib.contextmanager
def collector_paused():
    """Python's cyclic garbage collector off for a while, as it was after. A check makes a hundred
    thousand long-lived entries and then many small tuples and lists: every few thousand
    allocations the collector walks all the entries again (with it on, building 60,000 sort keys
    took 0.18 s instead of 0.03 s). Nothing a check builds needs it: its objects die with the
    report, the few reference cycles (parsed documents) are freed when it is back on."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class Folder:
    """What every file of one folder shares, computed once per folder by the listing: a hundred
    thousand files in a few thousand folders need a few thousand of these."""
    __slots__ = ("dir", "depth", "vendored", "test", "beneath", "sizes")

    def __init__(self, dir: str, depth: int, vendored: bool, test: bool, beneath: Beneath | None) -> None:
        self.dir = dir  # relative, "" for the root
        self.depth = depth  # folders above its files
        self.vendored = vendored  # third-party code: evidence there is not the publisher's
        self.test = test  # under a test/fixture folder
        self.beneath = beneath  # opens files below the root without following a symlink
        self.sizes: dict[str, int] = {}  # file name -> size, once known


_EntryFields = collections.namedtuple("_EntryFields", "path name ext test folder real")


class Entry(_EntryFields):
    """One file of the repository: (path, name, ext, test, folder, real). A tuple, so that the
    listing makes a folder's entries in one C-speed call (`Entry._make`) instead of one Python
    constructor per file (a hundred thousand of them a walk); what the files of a folder share (its
    path, depth, whether it is vendored or a test folder) lives once in its `Folder`. The walk knows
    a regular file from its directory entry alone; its size costs an `lstat`, so it is asked for
    only when a detector needs it (most files are judged by name), and kept in the folder.
    `real` is None, or for a symlink inside the root, its target relative to the root."""
    __slots__ = ()
    dir = property(operator.attrgetter("folder.dir"))
    depth = property(operator.attrgetter("folder.depth"))
    vendored = property(operator.attrgetter("folder.vendored"))

    def __new__(cls, path: str, size: int, vendored: bool = False, real: str | None = None) -> Entry:
        """Any file whose folder the listing has not described (stat'd files, symlinks, tests)."""
        cut = path.rfind("/")
        name = path[cut + 1:]
        folder = Folder(path[:cut] if cut >= 0 else "", path.count("/"), vendored, False, None)
        if size >= 0:
            folder.sizes[name] = size
        return tuple.__new__(cls, (path, name, _ext(name), is_test_path(path), folder, real))

    @property
    def symlink(self) -> bool:
        return self.real is not None

    @property
    def size(self) -> int:
        sizes = self.folder.sizes
        size = sizes.get(self.name)
        if size is None:
            try:  # neither the file nor a folder above it is followed if it became a symlink
                size = (self.folder.beneath or Beneath(".")).stat(self.path).st_size
            except OSError:
                size = 0  # unreadable; reading it reports MOF402
            sizes[self.name] = size
        return size

    @property
    def parts(self) -> list[str]:
        return self.path.split("/")

    def __repr__(self) -> str:
        return f"Entry({self.path!r}, {self.size})"


def SymlinkEntry(path: str, size: int, real: str, vendored: bool = False) -> Entry:
    """A symlink to a regular file inside the root: read through its target."""
    return Entry(path, size, vendored, real)


def _ext(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


_make_entry = functools.partial(tuple.__new__, Entry)  # in C: no Python frame per file


def listed_files(prefix: str, names: list[str], folder: Folder, names_index: NamesIndex | None = None):
    """(path, entry) pairs of the regular files `names` that the listing found in `folder` (whose
    path, with its "/", is `prefix`): the common case, made in a few C-speed passes over the names
    (an iterator: the caller's dict consumes it). The folder's joined names go to `names_index`."""
    joined = "\n".join(names)
    low_joined = joined.lower()
    low = low_joined.split("\n")
    aligned = len(low) == len(names) and len(low_joined) == len(joined)
    if len(low) != len(names):  # a name that lowers to a newline's twin: one at a time
        low = [n.lower() for n in names]
    paths = list(map(prefix.__add__, names)) if prefix else names
    if names_index is not None and names:
        names_index.add(prefix, joined, low_joined, len(names)) if aligned else names_index.odd.extend(paths)
    exts = ["." + tail if head else "" for head, _, tail in map(str.rpartition, low, repeat("."))]
    if folder.test or "test" not in low_joined:  # most folders hold no test_*.py: no test per name
        tests = repeat(folder.test)
    else:
        tests = [("test" in n and _is_test_name(n)) for n in low]
    return zip(paths, map(_make_entry, zip(paths, names, exts, tests, repeat(folder), repeat(None))))


class NamesIndex:
    """The listing's file names, folder by folder, joined into one text: what `RepoView.containing`
    scans for a word. Names are a third of the length of whole paths (a hundred thousand files in
    a few hundred folders repeat each folder's path a hundred times), and the scan is the cost of
    every `containing` call. Files listed one at a time (symlinks, stat'd paths) are kept in `odd`."""

    def __init__(self) -> None:
        self.prefixes: list[str] = []  # each folder's path with its "/" ("" for the root)
        self.blocks: list[str] = []  # each folder's names, joined by newlines ...
        self.low_blocks: list[str] = []  # ... and lowered (the same length: checked when added)
        self.listed = 0  # names in the blocks
        self.odd: list[str] = []  # paths outside the blocks
        self.entries: dict | None = None  # the listing these names are of (set when it is done)
        self._joined: tuple | None = None  # the joined texts and line starts `scan` searches, once built

    def add(self, prefix: str, joined: str, low_joined: str, count: int) -> None:
        self._joined = None
        self.prefixes.append(prefix)
        self.blocks.append(joined)
        self.low_blocks.append(low_joined)
        self.listed += count

    def scan(self, words: tuple[str, ...]) -> set[str]:
        """Paths holding any of the lowercase words (none holding a "/": a word never spans a
        folder and a name). Folder paths and the odd paths are scanned joined too, so that a tree
        of a hundred thousand folders costs C-speed searches, not a Python test per folder."""
        if self._joined is None:
            # a folder path or an odd path holding a newline would cut its line in two: by itself
            folder_low = [p.lower() for p in self.prefixes]
            folders_lined = [i for i, p in enumerate(folder_low) if "\n" not in p]
            odd_low = [p.lower() for p in self.odd]
            odd_lined = [i for i, p in enumerate(odd_low) if "\n" not in p]
            self._joined = ("\n".join(self.blocks), "\n".join(self.low_blocks), _line_starts(self.blocks),
                            "\n".join(folder_low[i] for i in folders_lined),
                            _line_starts([folder_low[i] for i in folders_lined]), folders_lined,
                            [i for i, p in enumerate(folder_low) if "\n" in p],
                            "\n".join(odd_low[i] for i in odd_lined), _line_starts([odd_low[i] for i in odd_lined]),
                            odd_lined, [p for p, low in zip(self.odd, odd_low) if "\n" in low])
        (text, low, starts, folders, folder_starts, folders_lined, folders_plain,
         odd, odd_starts, odd_lined, odd_plain) = self._joined
        hits: set[str] = set()
        for word in words:
            holding = [folders_lined[i] for i in _lines_holding(folders, folder_starts, word)]
            holding += [i for i in folders_plain if word in self.prefixes[i].lower()]
            for i in holding:  # every file of a folder whose path holds the word
                hits.update(map(self.prefixes[i].__add__, self.blocks[i].split("\n")))
            at = low.find(word)
            while at >= 0:
                start = low.rfind("\n", 0, at) + 1
                end = low.find("\n", at)
                end = len(low) if end < 0 else end
                hits.add(self.prefixes[bisect.bisect_right(starts, start) - 1] + text[start:end])
                at = low.find(word, end)  # from the next name on: one hit per name and word
            hits.update(self.odd[odd_lined[i]] for i in _lines_holding(odd, odd_starts, word))
            hits.update(p for p in odd_plain if word in p.lower())
        return hits


def _line_starts(lines: list[str]) -> list[int]:
    """Where each of `lines` starts once they are joined by newlines."""
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    return starts


def _lines_holding(text: str, starts: list[int], word: str):
    """Indexes of the lines of `text` (lines joined by newlines, starting at `starts`) that hold `word`."""
    at = text.find(word)
    while at >= 0:
        i = bisect.bisect_right(starts, at) - 1
        yield i
        at = text.find(word, starts[i + 1]) if i + 1 < len(starts) else -1


REGULAR_MODES = frozenset({"100644", "100755"})  # git index modes of a regular file
SKIP_NAMES = SKIP_DIRS | {"", ".", ".."}  # never listed, whatever git says
_BY_PATH = operator.attrgetter("path")
_NAME = operator.attrgetter("name")
_PATH_OF = operator.itemgetter(1)  # of a (mode, path) record
_HEAD = operator.itemgetter(0)
_IS_REGULAR = operator.methodcaller("is_file", follow_symlinks=False)
_IS_FILE = os.DirEntry.is_file  # follows a symlink: only for folders that hold none
_IS_LINK = os.DirEntry.is_symlink
_EXT = operator.attrgetter("ext")


def _ignore_spec(patterns: list[str]):
    """A gitignore matcher on re2: patterns come from the repository, and a backtracking engine
    can be made to take exponential time (`*a*a*a*a*a*a*a*a*a*a*a*a*b` against 'aaaa…')."""
    import pathspec  # only when there is something to ignore (it pulls in asyncio: 15 ms at start-up)
    return pathspec.GitIgnoreSpec.from_lines(patterns, backend="re2")


def _patterns(lines) -> tuple[list[str], int]:
    """(the first MAX_PATTERNS patterns of an ignore list, how many more there were); blank lines
    and comments are not patterns."""
    kept = [p for p in lines if p.strip() and not p.startswith("#")]
    return kept[:MAX_PATTERNS], max(0, len(kept) - MAX_PATTERNS)


_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | \
    getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_FILE_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_BENEATH = os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd


def _open_parent(root: str, parts: list[str]) -> int:
    """A descriptor of the folder holding root/<parts>, opened one folder at a time from the root,
    each with O_NOFOLLOW | O_DIRECTORY: a symlink (or a FIFO, or a file) anywhere on the way
    fails the open instead of being followed, and nothing can be swapped in between checks."""
    if any(p in ("", ".", "..") for p in parts):
        raise OSError(errno.EINVAL, "not a plain relative path")
    fd = os.open(root, _DIR_FLAGS & ~getattr(os, "O_NOFOLLOW", 0))  # the root itself is trusted
    try:
        for part in parts[:-1]:
            child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_beneath(root: str, rel: str) -> int:
    """A read-only, non-blocking descriptor of root/rel ("/"-separated), never through a symlink:
    not the file itself, not any folder above it."""
    parts = rel.split("/")
    if not _BENEATH:  # no dir_fd on this platform: check each component, then open
        _lstat_components(root, parts)
        return os.open(os.path.join(root, *parts), _FILE_FLAGS)
    parent = _open_parent(root, parts)
    try:
        return os.open(parts[-1], _FILE_FLAGS, dir_fd=parent)
    finally:
        os.close(parent)


class Beneath:
    """open_beneath for the many files of one view: the descriptors of the last few folders used
    are kept (files are mostly read folder by folder), so a file costs one open, not one per
    folder above it. They were opened the same way, so nothing they lead to is behind a symlink."""
    KEEP = 8

    def __init__(self, root: str) -> None:
        self.root = root
        self._fds: dict[str, int] = {}  # folder -> descriptor, least recently used first
        weakref.finalize(self, _close_all, self._fds)

    def _parent(self, parts: list[str]) -> int:
        if any(p in ("", ".", "..") for p in parts):
            raise OSError(errno.EINVAL, "not a plain relative path")
        folder = "/".join(parts[:-1])
        fd = self._fds.pop(folder, None)
        if fd is None:
            fd = _open_parent(self.root, parts)
            if len(self._fds) >= self.KEEP:
                os.close(self._fds.pop(next(iter(self._fds))))
        self._fds[folder] = fd
        return fd

    def open(self, rel: str) -> int:
        """A read-only, non-blocking descriptor of root/rel, never through a symlink."""
        parts = rel.split("/")
        if not _BENEATH:
            return open_beneath(self.root, rel)
        return os.open(parts[-1], _FILE_FLAGS, dir_fd=self._parent(parts))

    def stat(self, rel: str) -> os.stat_result:
        """lstat of root/rel, never through a symlinked folder."""
        parts = rel.split("/")
        if not _BENEATH:
            return _lstat_components(self.root, parts)
        return os.stat(parts[-1], dir_fd=self._parent(parts), follow_symlinks=False)


def _close_all(fds: dict[str, int]) -> None:
    for fd in fds.values():
        os.close(fd)
    fds.clear()


def _lstat_components(root: str, parts: list[str]) -> os.stat_result:
    if any(p in ("", ".", "..") for p in parts):
        raise OSError(errno.EINVAL, "not a plain relative path")
    path = root
    for part in parts[:-1]:
        path = os.path.join(path, part)
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            raise OSError(errno.ELOOP, "a folder on the path is a symlink or not a folder")
    return os.lstat(os.path.join(path, parts[-1]))


@dataclass(frozen=True)
class LfsPointer:
    oid: str
    size: int


@dataclass(frozen=True)
class WeightsHeader:
    format: str  # safetensors | gguf
    tensors: int
    parameters: int | None
    metadata: dict = field(default_factory=dict)


# The console entry (cli.run) ends the process without freeing what it made: the views it lists here
# stay alive until then, so a hundred thousand entries are never freed one by one (30-40 ms).
KEPT_UNTIL_EXIT: list | None = None


class RepoView:
    def __init__(self, root: str, exclude: list[str] | tuple[str, ...] = (), ahead: ListingAhead | None = None):
        """List `root` (minus the gitignore-style `exclude` patterns). `ahead`, when given, is the
        same listing started earlier in a child process (ListingAhead): it is taken when it is of
        this root and these patterns, and made here otherwise."""
        if KEPT_UNTIL_EXIT is not None:
            KEPT_UNTIL_EXIT.append(self)
        self._start(root)
        listed = ahead.take(self.root, tuple(exclude)) if ahead is not None else None
        with collector_paused():
            if listed is not None:
                self._replay(listed)
            else:
                self._list(exclude)
            # path order: the walk lists in it (checked at C speed); a git listing is sorted here
            paths = list(self.entries)
            if all(map(operator.lt, paths, islice(paths, 1, None))):
                self.files = list(self.entries.values())
            else:
                self.files = list(map(self.entries.__getitem__, sorted(paths)))
        self._names.entries = self.entries
        self._content_deadline = time.monotonic() + CONTENT_SECONDS

    def _start(self, root: str) -> None:
        """The fields of a view before its listing."""
        self.root = os.path.realpath(root)
        self._beneath = Beneath(self.root)
        self.entries: dict[str, Entry] = {}
        self.dirs: set[str] = set()
        self.symlinked_dirs: set[str] = set()
        self.submodules: set[str] = set()
        self.submodule_urls: dict[str, str] = {}  # path -> url, from .gitmodules
        self.findings: list[Finding] = []
        self.source = "walk"
        self._bytes: dict[tuple[str, int], bytes] = {}
        self._text: dict[str, tuple[str | None, int]] = {}  # path -> (text, the limit it was read to)
        self._memo: dict = {}
        # memo key -> a function giving its value computed elsewhere (ahead.ParsingAhead), or None
        self.pending: dict = {}
        self._names = NamesIndex()  # for `containing`
        self._noted: set[tuple[str, str]] = set()
        # folder -> (vendored, test, depth, blocked_by, exists) for the folders of a git listing;
        # depth -1: never listed (.git, "..")
        self._folders: dict[str, tuple[bool, bool, int, str, bool]] = {"": (False, False, 0, "", True)}
        self._patterns_left = MAX_PATTERNS_RUN
        self._headers_left = HEADERS_BUDGET
        # In a child listing ahead: what the listing found, in its order, instead of entries
        # (see _list_run, _put); the parent makes the entries from it (_replay).
        self._record: list[tuple] | None = None
        self._recorded = 0  # files in the record
        self._content_deadline = time.monotonic() + CONTENT_SECONDS  # set again once listed

    def _list(self, exclude) -> None:
        """The listing: git's when the tree is a git work tree git can list safely, else the walk."""
        self._exclude = self._spec(list(exclude), "the exclude patterns") if exclude else None
        self._submodules_from_gitmodules()
        listing = self._git_listing() if os.path.lexists(os.path.join(self.root, ".git")) else None
        if listing is not None and not self._add_git_listing(*listing):
            listing = None
        if listing is None:
            self._walk()

    # ------------------------------------------------------------------ listing ahead
    @classmethod
    def recorded_listing(cls, root: str, exclude: tuple[str, ...]) -> tuple:
        """What listing `root` finds, as plain data (ListingAhead's child sends it): the record of
        files in path order, and the view's other listing state."""
        view = cls.__new__(cls)
        view._start(root)
        view._record = []
        with collector_paused():
            view._list(exclude)
        return (view._record, view.dirs, view.symlinked_dirs, view.submodules, view.submodule_urls,
                view.findings, view._noted, view.source)

    def _replay(self, listed: tuple) -> None:
        """The entries of a recorded listing (recorded_listing), made here in the same order and by
        the same functions as a listing made here would make them."""
        (record, self.dirs, self.symlinked_dirs, self.submodules, self.submodule_urls, self.findings,
         self._noted, self.source) = listed
        folders: dict[str, Folder] = {}  # one per folder, shared by its runs, as the listing shares it
        for item in record:
            if len(item) == 6:  # a run of one folder's regular files
                prefix, names, folder_dir, depth, vendored, test = item
                folder = folders.get(folder_dir)
                if folder is None:
                    folder = folders[folder_dir] = Folder(folder_dir, depth, vendored, test, self._beneath)
                self.entries.update(listed_files(prefix, names, folder, self._names))
            else:  # one file listed by itself (stat'd, a symlink): Entry's arguments
                rel, args = item
                self.entries[rel] = Entry(*args)
                self._names.odd.append(rel)

    def _put(self, rel: str, args: tuple) -> None:
        """One file listed by itself: Entry(*args) as its entry, or (rel, args) into the record."""
        if self._record is not None:
            self._record.append((rel, args))
            self._recorded += 1
        else:
            self.entries[rel] = Entry(*args)
            self._names.odd.append(rel)

    def _listed_count(self) -> int:
        return len(self.entries) + self._recorded

    # ------------------------------------------------------------------ listing
    def _git_listing(self) -> tuple[list[tuple[str, str]], gitsafe.Running] | None:
        """(mode, path) of every tracked file (mode from the index: 100644/100755 a regular file,
        120000 a symlink, 160000 a submodule), and git started on the untracked, not ignored ones;
        None, with a note, when git cannot be used safely (the tree is walked instead)."""
        root = self.root
        problem = gitsafe.repository_problem(root)
        try:
            if problem:
                raise gitsafe.GitError(problem)
            tracked = gitsafe.list_index(root)
            for mode, path in tracked:
                if mode == "160000":  # gitlinks: known before any folder's flags are computed
                    self.submodules.add(path)
            for folder in set(map(_HEAD, map(str.rpartition, map(_PATH_OF, tracked), repeat("/")))):  # each once
                self._folder_info(folder)
            blocker = self._blocking_gitignore()
            if blocker:
                raise gitsafe.GitError(f"{blocker} is not a regular file (git would wait on it)")
            return tracked, gitsafe.start_untracked(root, UNTRACKED_TIMEOUT + len(tracked) / 100_000)
        except gitsafe.GitError as err:
            self._note("MOF409", f"{err}; walked the tree and applied .gitignore files")
            return None

    def _add_git_listing(self, tracked: list[tuple[str, str]], untracked: gitsafe.Running) -> bool:
        """The tracked files into entries while git lists the untracked ones (two processes, two
        cores), then those. False, with a note and nothing listed, when git's answer did not come:
        the caller walks the tree."""
        findings, noted = len(self.findings), set(self._noted)
        try:
            self._add_listed(tracked)
            paths = gitsafe.untracked_paths(untracked)
        except gitsafe.GitError as err:
            del self.findings[findings:]  # what the partial listing said is said again by the walk
            self._noted = noted
            self.entries.clear()
            self._names = NamesIndex()
            if self._record is not None:
                self._record.clear()
                self._recorded = 0
            self.dirs.clear()
            self.symlinked_dirs.clear()
            self._note("MOF409", f"{err}; walked the tree and applied .gitignore files")
            return False
        finally:
            untracked.cancel()  # already done, unless something above failed
        if paths:  # git lists no tracked path as untracked; the set guards against a git that would
            listed = set(map(_PATH_OF, tracked))
            self._add_listed([(None, path) for path in paths if path not in listed])
        self.source = "git"
        return True

    def _blocking_gitignore(self) -> str | None:
        """A .gitignore (in a folder git lists) that is a FIFO, a device or a symlink: git opens it
        with a blocking open(). One lstat per folder."""
        for folder, (_v, _t, depth, blocked, exists) in self._folders.items():
            if depth < 0 or blocked or not exists:
                continue
            rel = f"{folder}/.gitignore" if folder else ".gitignore"
            try:
                mode = os.lstat(os.path.join(self.root, rel)).st_mode
            except OSError:
                continue
            if not stat.S_ISREG(mode):
                return rel
        return None

    def _folder_info(self, folder: str) -> tuple[bool, bool, int, str, bool]:
        """(vendored, test, depth, blocked_by, exists) of a folder the git listing names, computed
        once per folder from its parent's: one lstat each, so a folder that is a symlink (or not a
        folder) is found once, and blocks every path under it (`blocked_by` names it)."""
        memo = self._folders
        info = memo.get(folder)
        if info is not None:
            return info
        chain = []
        while folder not in memo:
            chain.append(folder)
            cut = folder.rfind("/")
            folder = folder[:cut] if cut >= 0 else ""
        for folder in reversed(chain):
            cut = folder.rfind("/")
            vendored, test, depth, blocked, exists = memo[folder[:cut] if cut >= 0 else ""]
            name = folder[cut + 1:]
            if depth < 0 or blocked:
                memo[folder] = (vendored, test, depth, blocked, exists)
                continue
            if name in SKIP_DIRS or name in ("", ".", ".."):
                memo[folder] = (False, False, -1, "", False)
                continue
            if exists:  # below a missing folder everything is missing: no lstat
                try:
                    mode = os.lstat(os.path.join(self.root, folder)).st_mode
                    if not stat.S_ISDIR(mode):
                        blocked = folder
                except OSError:
                    exists = False  # deleted from the work tree: the index still names its files
            low = name.lower()
            memo[folder] = (vendored or low in VENDOR_DIRS or folder in self.submodules,
                            test or _is_test_dir(low), depth + 1, blocked, exists)
            if not blocked:
                self.dirs.add(folder)
        return memo[chain[0]]

    def _refuse_folder(self, folder: str) -> None:
        """A folder the index lists files under that is now a symlink or not a folder: its files are
        not listed (as the walk would not descend it), said once."""
        if ("refused", folder) in self._noted:
            return
        self._noted.add(("refused", folder))
        full = os.path.join(self.root, folder)
        try:
            mode = os.lstat(full).st_mode
        except OSError:
            return
        if stat.S_ISLNK(mode):
            self._add_symlink(folder, full, False)
        else:
            self._note("MOF402", f"{folder} is not a folder, though the git index lists files under it; "
                       "they were not read", folder)

    def _add_listed(self, paths: list[tuple[str | None, str]]) -> None:
        """A git listing into entries. A file the index holds as a regular file needs no system
        call (its size is read when asked, and a read never follows a symlink): they are grouped by
        folder and made in bulk, as the walk makes them. Symlinks, submodules and untracked paths
        are asked of the file system. Each folder is checked and its flags (vendored, test)
        computed once."""
        folders = self._folders
        # Runs of consecutive files of one folder, in git's order (sorted by path): listed run by run,
        # the entries come out in path order too, with nothing to sort after.
        runs: list[tuple[str, list[str]]] = []
        current, names = None, []
        others = []
        for mode, rel in paths:  # the one loop per path: a split and an append
            if mode in REGULAR_MODES:
                folder, _, name = rel.rpartition("/")
                if folder != current:
                    current, names = folder, [name]
                    runs.append((folder, names))
                else:
                    names.append(name)
            else:
                others.append((mode, rel))
        records: dict[str, Folder | None] = {}  # one per folder, shared by its runs; None: not listed
        for folder, names in runs:
            if folder not in records:
                vendored, test_dir, depth, blocked, _exists = folders.get(folder) or self._folder_info(folder)
                if blocked and depth >= 0:
                    self._refuse_folder(blocked)
                records[folder] = None if depth < 0 or blocked else \
                    Folder(folder, depth, vendored, test_dir, self._beneath)
            record = records[folder]
            if record is None:
                continue
            if not SKIP_NAMES.isdisjoint(names):
                names = [name for name in names if name not in SKIP_NAMES]
            prefix = f"{folder}/" if folder else ""
            if self._exclude:
                names = [name for name in names if not self._exclude.match_file(prefix + name)]
            self._list_run(prefix, names, record)
        root = self.root
        for mode, rel in others:
            folder, _, name = rel.rpartition("/")
            vendored, test_dir, depth, blocked, _exists = folders.get(folder) or self._folder_info(folder)
            if depth < 0 or name in SKIP_NAMES:
                continue
            if blocked:
                self._refuse_folder(blocked)
                continue
            if self._exclude and self._exclude.match_file(rel):
                continue
            full = os.path.join(root, rel)
            try:
                st = os.lstat(full)
            except OSError:
                continue  # listed in the index but gone from the work tree
            self._add_stat(rel, full, st, vendored, parents_known=True)

    def _add_stat(self, rel: str, full: str, st: os.stat_result, vendored: bool,
                  parents_known: bool = False) -> None:
        if self._listed_count() >= MAX_FILES:
            if ("MOF405", "") not in self._noted:
                self._note("MOF405", f"more than {MAX_FILES} files; the rest were not listed")
            return
        if stat.S_ISREG(st.st_mode):
            self._put(rel, (rel, st.st_size, vendored, None))
            if not parents_known:
                self._add_parents(rel)
        elif stat.S_ISLNK(st.st_mode):
            self._add_symlink(rel, full, vendored)
        elif stat.S_ISDIR(st.st_mode):
            self.submodules.add(rel)  # git lists a submodule as a path that is a directory
            self.dirs.add(rel)
            self._add_parents(rel)
        # FIFOs, sockets and devices are never opened

    def _add_symlink(self, rel: str, full: str, vendored: bool) -> None:
        try:
            target = os.path.realpath(full)
        except (OSError, RuntimeError):
            return
        if not (target == self.root or target.startswith(self.root + os.sep)):
            self._note("MOF401", f"{rel} is a symlink to a path outside the repository; not followed", rel)
            return
        try:
            tst = os.stat(target, follow_symlinks=False)
        except OSError:
            return  # dangling or looping symlink
        real_rel = os.path.relpath(target, self.root).replace(os.sep, "/")
        if stat.S_ISREG(tst.st_mode):
            self._put(rel, (rel, tst.st_size, vendored, real_rel))  # a SymlinkEntry
            self._add_parents(rel)
        elif stat.S_ISDIR(tst.st_mode):
            # Not descended: its files are listed under their real path already (or are excluded).
            self.symlinked_dirs.add(rel)

    def _add_parents(self, rel: str) -> None:
        while "/" in rel:
            rel = rel.rsplit("/", 1)[0]
            if rel in self.dirs:
                return
            self.dirs.add(rel)

    def _walk(self) -> None:
        """List the tree in path order, so that no sort of a hundred thousand paths is needed after:
        each folder's names are sorted (short C-speed sorts), and its files are listed around its
        subfolders where their names fall ("a.txt" < "a/..." < "ab.txt"). The stack holds folders
        to read and runs of a folder's files to list, in the order they come."""
        # ("dir", relative path, ignore specs in force: list of (base, spec), vendored?, test?) or
        # ("files", folder path with its "/", names, Folder)
        stack: list[tuple] = [("dir", "", [], False, False)]
        while stack:
            task = stack.pop()
            if task[0] == "files":
                self._list_run(*task[1:])
                continue
            _, rel_dir, specs, vendored_dir, test_dir = task
            depth = rel_dir.count("/") + 1 if rel_dir else 0
            full_dir = os.path.join(self.root, rel_dir) if rel_dir else self.root
            try:
                with os.scandir(full_dir) as it:
                    items = list(it)
            except OSError as err:
                self.findings.append(Finding("MOF402", f"directory {rel_dir or '.'} could not be "
                                             f"read ({err.strerror or type(err).__name__})",
                                             path=rel_dir or None))
                continue
            all_names = list(map(_NAME, items))
            if ".gitignore" in all_names:
                spec = self._read_ignore(rel_dir, ".gitignore")
                if spec is not None:
                    specs = specs + [(rel_dir, spec)]
            prefix = f"{rel_dir}/" if rel_dir else ""
            filtering = bool(specs or self._exclude)
            folder = Folder(rel_dir, depth, vendored_dir, test_dir, self._beneath)
            try:  # the directory entry's type: no system call for a regular file or a folder
                links = list(map(_IS_LINK, items))
                if any(links):  # is_file() would follow them: ask without following
                    regular = list(map(_IS_REGULAR, items))
                else:  # the common case: the plain method, without a keyword, costs a seventh
                    regular = list(map(_IS_FILE, items))
            except OSError:
                regular = [False] * len(items)  # asked again, one at a time, below
            names = list(compress(all_names, regular))
            if not SKIP_DIRS.isdisjoint(names):
                names = [name for name in names if name not in SKIP_DIRS]
            if filtering:
                names = [n for n in names if not self._ignored(prefix + n, False, specs)]
            names.sort()
            subdirs: list[tuple[str, tuple]] = []  # (name + "/": where its paths sort, its task)
            if len(names) < len(items):
                for item, name, is_file in zip(items, all_names, regular):
                    if is_file or name in SKIP_DIRS:
                        continue
                    rel = prefix + name
                    try:
                        is_dir = item.is_dir(follow_symlinks=False)
                    except OSError:
                        is_dir = False
                    if filtering and self._ignored(rel, is_dir, specs):
                        continue
                    if is_dir:
                        self.dirs.add(rel)
                        low = name.lower()
                        subdirs.append((name + "/", ("dir", rel, specs, vendored_dir or low in VENDOR_DIRS or
                                                     rel in self.submodules, test_dir or _is_test_dir(low))))
                        continue
                    try:
                        st = item.stat(follow_symlinks=False)
                    except OSError as err:
                        self.findings.append(Finding("MOF402", f"{rel} could not be read "
                                                     f"({err.strerror or type(err).__name__})", path=rel))
                        continue
                    self._add_stat(rel, item.path, st, vendored_dir, parents_known=True)  # out of order: rare
            if not subdirs:
                self._list_run(prefix, names, folder)  # the common case: a folder of files
                continue
            subdirs.sort()
            tasks: list[tuple] = []
            at = 0
            for key, sub in subdirs:  # the files whose names sort before each subfolder's paths
                end = bisect.bisect_left(names, key, at)
                if end > at:
                    tasks.append(("files", prefix, names[at:end], folder))
                tasks.append(sub)
                at = end
            if at < len(names):
                tasks.append(("files", prefix, names[at:], folder))
            stack.extend(reversed(tasks))

    def _list_run(self, prefix: str, names: list[str], folder: Folder) -> None:
        """A folder's regular files (or a run of them), in bulk; sizes lazily."""
        room = MAX_FILES - self._listed_count()
        if len(names) > room:
            names = names[:max(0, room)]
            self._note("MOF405", f"more than {MAX_FILES} files; the rest were not listed")
        if self._record is not None:
            self._record.append((prefix, names, folder.dir, folder.depth, folder.vendored, folder.test))
            self._recorded += len(names)
            return
        self.entries.update(listed_files(prefix, names, folder, self._names))

    def _read_ignore(self, rel_dir: str, name: str):
        rel = f"{rel_dir}/{name}" if rel_dir else name
        data = self._read_raw(rel, 256 << 10)
        if data is None:
            return None
        return self._spec(data.decode("utf-8", "replace").splitlines(), rel, rel)

    def _spec(self, lines: list[str], what: str, path: str | None = None):
        """A matcher for repository-supplied ignore patterns (a .gitignore, the exclude list): at most
        MAX_PATTERNS of them, on re2; None when they cannot be compiled."""
        patterns, dropped = _patterns(lines)
        if dropped:
            self._note("MOF405", f"{what} has {MAX_PATTERNS + dropped} patterns; only the first "
                       f"{MAX_PATTERNS} were applied", path)
        if len(patterns) > self._patterns_left:  # every file is matched against every pattern in force
            self._note("MOF405", f"{what}: over {MAX_PATTERNS_RUN} ignore patterns in the repository; only "
                       f"{self._patterns_left} of its {len(patterns)} were applied", path)
            patterns = patterns[:self._patterns_left]
        self._patterns_left -= len(patterns)
        if not patterns:
            return None
        try:
            return _ignore_spec(patterns)
        except Exception:  # noqa: BLE001 - a broken ignore file must not stop the scan
            self._note("MOF405", f"{what}: its patterns could not be compiled; none were applied", path)
            return None

    def _ignored(self, rel: str, is_dir: bool, specs) -> bool:
        if self._exclude and self._exclude.match_file(rel + ("/" if is_dir else "")):
            return True
        for base, spec in specs:
            sub = rel[len(base) + 1:] if base else rel
            if spec.match_file(sub + ("/" if is_dir else "")):
                return True
        return False

    def _submodules_from_gitmodules(self) -> None:
        data = self._read_raw(".gitmodules", 64 << 10)
        if not data:
            return
        path = url = None
        for line in data.decode("utf-8", "replace").splitlines() + ["[end]"]:
            if line.strip().startswith("["):  # a new [submodule "..."] section: the last one is complete
                if path and url:
                    self.submodule_urls[path] = url
                path = url = None
                continue
            key, _, value = line.strip().partition("=")
            if key.strip() == "url" and value.strip():
                url = value.strip()[:500]
            if key.strip() == "path" and value.strip():
                if len(self.submodules) >= MAX_SUBMODULES:
                    self._note("MOF405", f".gitmodules names more than {MAX_SUBMODULES} submodules; "
                               "the rest were not read", ".gitmodules")
                    return
                path = value.strip().strip("/")
                self.submodules.add(path)

    # ------------------------------------------------------------------ reading
    def _note(self, rule: str, message: str, path: str | None = None) -> None:
        key = (rule, path or "")
        if key not in self._noted:
            self._noted.add(key)
            self.findings.append(Finding(rule, message, path=path))

    def _read_raw(self, rel: str, limit: int, offset: int = 0) -> bytes | None:
        """Read at most `limit` bytes of a regular file inside the root, never through a symlink
        (of the file or of any folder above it: a symlinked file inside the root is read at its
        target, `entry.real`), never waiting on a FIFO."""
        entry = self.entries.get(rel)
        target = entry.real if entry and entry.real else rel
        try:
            fd = self._beneath.open(target)
        except OSError as err:
            if entry is None:
                return None
            if isinstance(err, FileNotFoundError) and self.source == "git":  # git lists its index unstatted
                self._note("MOF402", f"{rel} is in the git index but missing from the work tree (deleted "
                           "and not committed?); judged by its name only", rel)
            elif err.errno in (errno.ELOOP, errno.ENOTDIR):
                self._note("MOF401", f"{rel}: a symlink (or a non-folder) is on its path; not followed", rel)
            else:
                self._note("MOF402", f"{rel} could not be read ({err.strerror or type(err).__name__})", rel)
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            if offset:
                os.lseek(fd, offset, os.SEEK_SET)
            chunks = []
            left = limit
            while left > 0:
                chunk = os.read(fd, min(left, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
            return b"".join(chunks)
        except OSError as err:
            self._note("MOF402", f"{rel} could not be read ({err.strerror or type(err).__name__})", rel)
            return None
        finally:
            os.close(fd)

    def read(self, rel: str, limit: int = TEXT_LIMIT) -> bytes | None:
        key = (rel, limit)
        if key not in self._bytes:
            data = self._read_raw(rel, limit) if rel in self.entries else None
            if data is not None and len(data) > 256 << 10:
                return data  # large prefixes are not cached (memory stays flat)
            self._bytes[key] = data
        return self._bytes[key]

    def is_binary(self, rel: str) -> bool:
        head = self.read(rel, SNIFF_BYTES)
        return head is None or b"\0" in head

    def text(self, rel: str, limit: int = TEXT_LIMIT, cache: bool = True) -> str | None:
        """The file's text (a bounded prefix), or None when it is binary or unreadable."""
        if cache and rel in self._text:
            # kept with the limit it was read to: a prefix read for one check (a license's first 64
            # KiB) is not the whole text another asks for
            text, read_to = self._text[rel]
            entry = self.entries.get(rel)
            if limit <= read_to or entry is None or entry.size <= read_to:
                return text
        text = None
        data = self._read_raw(rel, limit) if rel in self.entries else None
        if data is not None and b"\0" not in data[:SNIFF_BYTES]:
            if data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
                data = data.decode("utf-16", "replace").encode("utf-8")
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as err:
                if len(data) - err.start <= 3 and len(data) >= limit:
                    text = data[:err.start].decode("utf-8")  # the limit cut a character in two
                else:
                    line = data[:err.start].count(b"\n") + 1
                    self.findings.append(Finding("MOF403", f"{rel} is not valid UTF-8 (first bad byte on "
                                                 f"line {line}); invalid bytes replaced", path=rel,
                                                 line=line))
                    text = data.decode("utf-8", "replace")
            if self.entries[rel].size > limit:
                self._note("MOF405", f"{rel} is {self.entries[rel].size} bytes; only the first "
                           f"{limit} were read", rel)
        if cache:
            self._text[rel] = (text, limit)
        return text

    def lfs(self, rel: str) -> LfsPointer | None:
        entry = self.entries.get(rel)
        if entry is None or entry.size > LFS_POINTER_MAX:
            return None
        data = self.read(rel, LFS_POINTER_MAX)
        if not data or not data.startswith(LFS_PREFIXES):
            return None
        oid = size = None
        for line in data.decode("ascii", "replace").splitlines()[1:]:
            key, _, value = line.partition(" ")
            if key == "oid" and value.startswith("sha256:") and len(value) == 71:
                oid = value[7:]
            elif key == "size" and value.isdigit() and len(value) < 20:
                size = int(value)
        if oid is None or size is None or any(c not in "0123456789abcdef" for c in oid):
            self._note("MOF408", f"{rel} starts like a Git LFS pointer but has no valid oid/size", rel)
            return None
        return LfsPointer(oid, size)

    def weights_header(self, rel: str) -> WeightsHeader | None:
        """Header of a safetensors or GGUF file; never reads tensor data."""
        entry = self.entries.get(rel)
        if entry is None:
            return None
        head = self.read(rel, 24)
        if not head:
            return None
        if head.startswith(b"GGUF"):
            if len(head) < 24:
                self._note("MOF407", f"{rel}: GGUF header truncated", rel)
                return None
            version, tensors, kvs = struct.unpack_from("<IQQ", head, 4)
            if version not in (1, 2, 3) or tensors > 10_000_000 or kvs > 10_000_000:
                self._note("MOF407", f"{rel}: GGUF header is implausible (version {version}, "
                           f"{tensors} tensors)", rel)
                return None
            return WeightsHeader("gguf", tensors, None, {"version": version})
        if entry.ext != ".safetensors" or len(head) < 8:
            return None
        (n,) = struct.unpack_from("<Q", head, 0)
        if n < 2 or n > SAFETENSORS_HEADER_MAX or n > entry.size - 8:
            self._note("MOF407", f"{rel}: safetensors header claims {n} bytes (file is "
                       f"{entry.size}); not read", rel)
            return None
        if n > self._headers_left or self.out_of_time(rel):
            self._note("MOF405", f"{rel}: its safetensors header ({n} bytes) was not read: over "
                       f"{HEADERS_BUDGET >> 20} MiB of weight headers a run", rel)
            return None
        self._headers_left -= n
        raw = self._read_raw(rel, n, offset=8)
        try:
            header = json.loads(raw.decode("utf-8")) if raw else None
        except (UnicodeDecodeError, ValueError, RecursionError, MemoryError):  # `[[[[…` nests too deep
            header = None
        if not isinstance(header, dict):
            self._note("MOF407", f"{rel}: safetensors header is not a JSON object", rel)
            return None
        params = 0
        tensors = 0
        for key, value in header.items():
            if key == "__metadata__" or not isinstance(value, dict):
                continue
            shape = value.get("shape")
            if isinstance(shape, list) and all(isinstance(d, int) and 0 <= d < 1 << 40 for d in shape):
                count = 1
                for d in shape:
                    count *= d
                params += count
                tensors += 1
        meta = header.get("__metadata__") if isinstance(header.get("__metadata__"), dict) else {}
        return WeightsHeader("safetensors", tensors, params, {str(k): str(v)[:200] for k, v in
                                                              list(meta.items())[:20]})

    def with_ext(self, *exts: str) -> list[Entry]:
        """The files with these extensions, in path order: detectors that care about a few kinds of
        files do not loop over a hundred thousand."""
        index = self.memo("_by_ext", self._index_by_ext)
        if len(exts) == 1:
            return index.get(exts[0], [])
        wanted = set(exts)
        lists = [index[x] for x in wanted if x in index]
        if len(lists) <= 1:
            return list(lists[0]) if lists else []
        if sum(map(len, lists)) * 8 > len(self.files):
            # Many files: one pass over the (sorted) listing beats sorting them again by a key.
            return [e for e in self.files if e.ext in wanted]
        return sorted((e for part in lists for e in part), key=_BY_PATH)

    def _index_by_ext(self) -> dict[str, list[Entry]]:
        # One pass in path order keeps each group in path order (a sort by extension and grouping
        # cost three times as much: a key per file, then an iterator per group).
        index: dict[str, list[Entry]] = {}
        get = index.get
        for entry, ext in zip(self.files, map(_EXT, self.files)):
            group = get(ext)
            if group is None:
                index[ext] = [entry]
            else:
                group.append(entry)
        return index

    def out_of_time(self, what: str) -> bool:
        """True once the run has spent CONTENT_SECONDS on contents: the loops that read and parse
        files ask before each file and stop. The first to stop leaves one MOF410 note."""
        if time.monotonic() < self._content_deadline:
            return False
        if ("MOF410", _TIME) not in self._noted:
            self._noted.add(("MOF410", _TIME))
            self.findings.append(Finding("MOF410", f"{TIME_NOTE}{CONTENT_SECONDS:g} s "
                                         f"(first left out: {what}); the rest are judged by name", level="note"))
        return True

    def memo(self, key, compute):
        """Cache a value derived from the view (parsed Markdown, Python facts); one being computed
        elsewhere (`pending`) is taken from there, or computed here if that failed."""
        if key not in self._memo:
            taken = self.pending.pop(key)() if key in self.pending else None
            self._memo[key] = compute() if taken is None else taken
        return self._memo[key]

    def notes_mark(self) -> tuple[int, set]:
        """Where the view's findings and notes stand now (for notes_since)."""
        return len(self.findings), set(self._noted)

    def notes_since(self, mark: tuple[int, set]) -> tuple[list, set]:
        """The findings added, and the notes taken, since `mark`."""
        return self.findings[mark[0]:], self._noted - mark[1]

    def sizes_of(self, entries) -> dict[str, int]:
        """path -> size of these entries (a system call for each size not yet known)."""
        return {e.path: e.size for e in entries}

    def adopt_sizes(self, sizes: dict[str, int]) -> None:
        """Sizes another process learned of files of this listing (ahead.ParsingAhead)."""
        for path, size in sizes.items():
            entry = self.entries.get(path)
            if entry is not None:
                entry.folder.sizes.setdefault(entry.name, size)

    def adopt_notes(self, findings: list, noted: set) -> None:
        """Findings and notes another process added to its copy of this view. A note this view took
        meanwhile is not repeated (both ran out of time: one MOF410 says so)."""
        repeated = noted & self._noted
        self.findings.extend(f for f in findings if (f.rule, _TIME if f.message.startswith(TIME_NOTE) else
                                                     f.path or "") not in repeated)
        self._noted |= noted

    # ------------------------------------------------------------------ queries
    def exists(self, rel: str) -> bool:
        return rel in self.entries or rel in self.dirs

    def containing(self, *words: str) -> list[Entry]:
        """The files whose path holds any of these lowercase words, in path order. One C-speed scan
        of all paths joined (`str.find`), not a Python loop over a hundred thousand entries: the
        cheap first cut of detectors that look for a word in a name ("licen", "result", "log").
        (Scanning names and folder paths apart was tried: each scan is shorter, but building the
        two blobs and their line starts cost four times the single blob, 0.13 s at 100 k files.)"""
        names = self._names
        if any(not w or "\n" in w for w in words):  # not a word of one line: the scans below need one
            return [e for e in self.files if any(w in e.path.lower() for w in words)]
        if names.entries is self.entries and names.listed + len(names.odd) == len(self.entries) and \
                not any("/" in w for w in words):  # the listing's own index, if these are its files
            entries = self.entries
            return sorted((entries[p] for p in names.scan(words)), key=_BY_PATH)
        joined, low = self.memo("_path_blob", self._path_blob)
        if low is None:  # a name holds a newline, or lowering changed a length ("İ"): the plain loop
            return [e for e in self.files if any(w in e.path.lower() for w in words)]
        hits = set()
        for word in words:
            at = low.find(word)
            while at >= 0:
                start = low.rfind("\n", 0, at) + 1
                end = low.find("\n", at)
                end = len(low) if end < 0 else end
                hits.add(joined[start:end])
                at = low.find(word, end)  # from the next path on: one hit per path and word
        entries = self.entries
        return sorted((entries[p] for p in hits), key=_BY_PATH)

    def _path_blob(self) -> tuple[str, str | None]:
        joined = "\n".join(self.entries)
        low = joined.lower()
        # A walk lists a name holding a newline (git quotes it): then a line is not a path, and the
        # scan would cut a path in two. Counting the newlines says so at C speed.
        whole = len(low) == len(joined) and joined.count("\n") == max(0, len(self.entries) - 1)
        return joined, (low if whole else None)

    def under(self, prefix: str):
        prefix = prefix.rstrip("/") + "/"
        return [e for e in self.files if e.path.startswith(prefix)]
