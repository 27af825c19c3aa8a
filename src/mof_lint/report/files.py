"""The files mof-lint writes (reports, SARIF, badges, `init`'s starters) and the JSON files it reads
(reports to merge or badge, the GitHub event). mof-lint runs inside checkouts of repositories it
does not trust: a committed `mof.json` may be a symlink to a file outside, a folder on the way may be
a symlink, a name may be a FIFO that blocks whoever opens it. So every write goes through
`write_text` and every JSON read through `read_json`: no symlink is followed (the file itself or a
relative parent folder), nothing but a regular file is written or read, nothing blocks, and a refusal
is a `FileRefused` whose text is one line naming the file and why.
"""
from __future__ import annotations

import errno
import json
import os
import stat

from mof_lint.report.safe import clean

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)
DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | NOFOLLOW | CLOEXEC
READ_LIMIT = 16 << 20


class FileRefused(Exception):
    """A path mof-lint will not write or read. str() is one printable line: '<path>: <why>'."""

    def __init__(self, path: str, why: str):
        super().__init__(f"{clean(path)}: {why}")
        self.why = why


def _kind(st: os.stat_result) -> str:
    mode = st.st_mode
    if stat.S_ISLNK(mode):
        return "a symlink"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a regular file"


def _why(err: OSError, name: str, dir_fd: int | None) -> str:
    """What an open() failure means for the user, looking at what is there (without following it)."""
    try:
        what = _kind(os.stat(name, dir_fd=dir_fd, follow_symlinks=False))
    except OSError:
        what = None
    if what == "a symlink":
        return "is a symlink; mof-lint never reads or writes through one"
    if what not in (None, "a regular file"):
        return f"is {what}, not a regular file"
    if err.errno == errno.ENOENT:
        return "does not exist"
    return (err.strerror or type(err).__name__).lower()


def _open_parent(path: str, base: str | None, make_parents: bool) -> int:
    """A descriptor of the folder that holds `path`, reached without following a symlink in any
    folder named in `path` (an absolute path's folders are the user's own choice and are trusted).
    Missing folders are created when `make_parents`."""
    head = os.path.dirname(path)
    if os.path.isabs(path):
        start, parts = head, []
    else:
        start, parts = base or ".", [p for p in head.split("/") if p not in ("", ".")]
    fd = os.open(start, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | CLOEXEC)
    try:
        for i, part in enumerate(parts):
            shown = "/".join(parts[:i + 1])
            try:
                nfd = os.open(part, DIR_FLAGS, dir_fd=fd)
            except FileNotFoundError:
                if not make_parents:
                    raise FileRefused(path, f"folder {clean(shown)} does not exist") from None
                os.mkdir(part, 0o755, dir_fd=fd)
                nfd = os.open(part, DIR_FLAGS, dir_fd=fd)
            except OSError as err:
                raise FileRefused(path, f"folder {clean(shown)} {_why(err, part, fd)}") from None
            os.close(fd)
            fd = nfd
    except BaseException:
        os.close(fd)
        raise
    return fd


def _open(path: str, flags: int, base: str | None = None, make_parents: bool = False) -> int:
    """os.open of `path` with `flags` (which carry O_NOFOLLOW) from a parent folder reached
    without symlinks; FileRefused, saying why, when that fails."""
    if "\0" in path:
        raise FileRefused(path, "has a NUL character")
    name = os.path.basename(path)
    try:
        parent = _open_parent(path, base, make_parents)
    except OSError as err:  # the starting folder itself, or a folder that could not be made
        raise FileRefused(path, (err.strerror or type(err).__name__).lower()) from None
    try:
        return os.open(name, flags, 0o644, dir_fd=parent)
    except OSError as err:
        raise FileRefused(path, _why(err, name, parent)) from None
    finally:
        os.close(parent)


def write_text(path: str, text: str, base: str | None = None, make_parents: bool = False) -> None:
    """Write `text` (UTF-8) to `path`, relative to `base` (default: the current folder).
    Raises FileRefused for a symlink, a symlinked parent, a folder, a FIFO, socket or device, and
    for any other failure (its reason in words)."""
    name = os.path.basename(path)
    if not path or path.endswith("/") or name in (".", ".."):
        raise FileRefused(path or "''", "is a folder name, not a file name")
    # no O_TRUNC: nothing is changed before the file is known to be a regular file;
    # O_NONBLOCK: a FIFO without a reader fails (ENXIO) instead of blocking
    fd = _open(path, os.O_WRONLY | os.O_CREAT | NOFOLLOW | NONBLOCK | CLOEXEC, base, make_parents)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(path, f"is {_kind(st)}, not a regular file")
        os.ftruncate(fd, 0)
        data = text.encode("utf-8", "replace")  # a lone surrogate cannot be written as UTF-8
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as err:
        raise FileRefused(path, (err.strerror or type(err).__name__).lower()) from None
    finally:
        os.close(fd)


def read_bytes(path: str, limit: int = READ_LIMIT, cut: bool = False) -> bytes:
    """A regular file's bytes, never through a symlink, never blocking; a file over `limit` bytes
    is refused, or with `cut` read up to the limit."""
    fd = _open(path, os.O_RDONLY | NOFOLLOW | NONBLOCK | CLOEXEC)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(path, f"is {_kind(st)}, not a regular file")
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(fd, min(1 << 20, limit + 1 - size))):
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise FileRefused(path, (err.strerror or type(err).__name__).lower()) from None
    finally:
        os.close(fd)
    if size > limit and not cut:
        raise FileRefused(path, f"is larger than {limit >> 20} MiB")
    return b"".join(chunks)[:limit]


def read_json(path: str, limit: int = READ_LIMIT):
    """The JSON value in a regular file (see read_bytes); FileRefused when it is not JSON."""
    raw = read_bytes(path, limit)
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise FileRefused(path, "is not UTF-8 text") from None
    except json.JSONDecodeError as err:
        raise FileRefused(path, f"is not JSON ({err.msg} at line {err.lineno}, column {err.colno})") from None
    except RecursionError:
        raise FileRefused(path, "is not usable JSON (nested too deeply)") from None
