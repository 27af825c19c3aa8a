"""The one way mof-lint runs git.

The scanned repository is untrusted, and so is its `.git`: its config can name commands (filter
drivers for `.gitattributes`, core.fsmonitor, hooks, a pager, diff.external, a promisor remote whose
transport runs a program), point git at another work tree (core.worktree) and include files that
block when opened (a FIFO). Every git process therefore runs
  * with a scrubbed environment: no inherited GIT_* variable, no system or global config, no
    prompts, no pager, GIT_DIR and GIT_WORK_TREE explicit (so core.worktree and a `.git` file's
    `gitdir:` redirection are never honoured, and no repository is discovered above the root);
  * with `-c` overrides, which win over every config file, for each setting that runs a command
    or opens a file we did not choose;
  * with stdin closed and a timeout;
  * only on commands that never apply filters or textconv: ls-files, ls-tree, cat-file (without
    --filters / --textconv), rev-parse. The base commit of a pull request is read blob by blob,
    never with `git archive` or a checkout, and written as regular files only.
Nothing else in mof-lint starts git (a test greps for it).
"""
from __future__ import annotations

import os
import stat
import subprocess
import threading
import time
from dataclasses import dataclass

from mof_lint import lazyre

# Settings that run a program or read a file of the repository's choosing, neutralised. `-c` wins
# over the repository's config and its includes.
OVERRIDES = (
    "core.fsmonitor=false", "core.hooksPath=/dev/null", "core.untrackedCache=false", "core.pager=cat",
    "core.sshCommand=", "core.askPass=", "core.gitProxy=", "core.alternateRefsCommand=",
    "core.excludesFile=/dev/null", "core.attributesFile=/dev/null", "core.bare=false",
    "diff.external=", "credential.helper=", "protocol.allow=never", "gc.auto=0", "maintenance.auto=false",
)
PROBE_TIMEOUT = 3  # reading the config and HEAD takes milliseconds; longer means something blocks
LIST_TIMEOUT = 60
EXPORT_TIMEOUT = 120
# The base commit's export: files larger than this are written as sparse files of their true size
# (names and sizes are what the checks compare; nothing mof-lint reads lies past 16 MiB)
EXPORT_FILE_MAX = 16 << 20
EXPORT_TOTAL_MAX = 512 << 20
EXPORT_FILES_MAX = 500_000
# Files git opens with a blocking open() when it reads a repository: each must be a regular file
# (or absent), never a FIFO, device or symlink.
GIT_DIR_FILES = ("HEAD", "config", "config.worktree", "index", "info/exclude", "packed-refs")


class GitError(Exception):
    """git could not answer; the message says why, for a note."""


def _env(root: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_DIR=os.path.join(root, ".git"), GIT_WORK_TREE=root, GIT_CONFIG_NOSYSTEM="1",
               GIT_CONFIG_GLOBAL="/dev/null", GIT_ATTR_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0",
               GIT_OPTIONAL_LOCKS="0", GIT_PAGER="cat", PAGER="cat", GIT_ASKPASS="", SSH_ASKPASS="",
               GIT_NO_REPLACE_OBJECTS="1", GIT_NO_LAZY_FETCH="1", GIT_PROTOCOL_FROM_USER="0", LC_ALL="C")
    return env


def command(root: str, *args: str) -> list[str]:
    """The argv for `git <args>` on the repository at `root` (an absolute, real path)."""
    cmd = ["git", "--no-pager", "--no-replace-objects", "--literal-pathspecs"]
    for setting in (*OVERRIDES, f"safe.directory={root}"):
        cmd += ["-c", setting]
    return [*cmd, *args]


class Running:
    """A git process started by `start`: its output is collected by `result`, within `timeout`
    seconds of the start (the caller works meanwhile: git walks the tree for untracked files while
    mof-lint makes the entries of the tracked ones)."""

    def __init__(self, root: str, args: tuple[str, ...], timeout: float) -> None:
        self.args = args
        self.timeout = timeout
        self._deadline = time.monotonic() + timeout
        try:
            self._proc = subprocess.Popen(command(root, *args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, env=_env(root), cwd=root)
        except (OSError, subprocess.SubprocessError) as err:
            raise GitError(f"git {args[0]} could not run ({type(err).__name__})") from None

    def result(self) -> bytes:
        """stdout; GitError when git failed or is still running at the deadline (it is killed)."""
        try:
            out, err = self._proc.communicate(timeout=max(0.0, self._deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.communicate()
            raise GitError(f"git {self.args[0]} did not finish in {self.timeout:g} s") from None
        if self._proc.returncode != 0:
            msg = err.decode("utf-8", "replace").strip().splitlines()
            raise GitError(f"git {self.args[0]} failed" + (f" ({msg[0][:200]})" if msg else ""))
        return out

    def cancel(self) -> None:
        """Stop it if `result` was never asked (nothing is left running behind a failure)."""
        if self._proc.returncode is None:
            self._proc.kill()
            self._proc.communicate()


def start(root: str, *args: str, timeout: float) -> Running:
    """`git <args>` started; `.result()` waits for its stdout."""
    return Running(root, args, timeout)


def run(root: str, *args: str, timeout: float) -> bytes:
    """stdout of `git <args>`; GitError when it fails or takes longer than `timeout` seconds."""
    return start(root, *args, timeout=timeout).result()


def find_repository(path: str) -> tuple[str, str] | None:
    """(the work tree holding `path`, `path` relative to it) -- the nearest folder from `path` up
    that has a `.git` -- or None. `path` is a real path."""
    top = path
    while not os.path.lexists(os.path.join(top, ".git")):
        parent = os.path.dirname(top)
        if parent == top:
            return None
        top = parent
    rel = os.path.relpath(path, top)
    return top, ("" if rel == "." else rel.replace(os.sep, "/"))


def repository_problem(root: str) -> str | None:
    """Why git must not be run on `root` (None when it may): `.git` must be a real directory inside
    the root (a `.git` file or symlink sends git to another place), must not share another
    repository's directory (commondir), and the files git opens must not block or lead outside."""
    gitdir = os.path.join(root, ".git")
    try:
        st = os.lstat(gitdir)
    except OSError:
        return ".git could not be read"
    if stat.S_ISLNK(st.st_mode):
        return ".git is a symlink; not followed"
    if not stat.S_ISDIR(st.st_mode):
        return ".git is a file (a linked worktree or submodule whose repository is elsewhere); not followed"
    if os.path.lexists(os.path.join(gitdir, "commondir")):
        return ".git/commondir sends git to another repository; not followed"
    for name in GIT_DIR_FILES:
        try:
            mode = os.lstat(os.path.join(gitdir, name)).st_mode
        except FileNotFoundError:
            continue
        except OSError:
            return f".git/{name} could not be read"
        if not stat.S_ISREG(mode):
            return f".git/{name} is not a regular file"
    try:  # the config is read by every command: an include of a FIFO would block it
        run(root, "rev-parse", "--git-dir", timeout=PROBE_TIMEOUT)
    except GitError as err:
        return str(err)
    return None


def object_store_problem(root: str) -> str | None:
    """Why the objects of `root` must not be read (None when they may): the object store or its
    info folder is a symlink, or `objects/info/alternates` (or `http-alternates`) lends objects from
    another place, so reading a commit would read files outside the root. Listing the index reads
    no object and does not need this."""
    objects = os.path.join(root, ".git", "objects")
    for folder in (objects, os.path.join(objects, "info")):
        try:
            if stat.S_ISLNK(os.lstat(folder).st_mode):
                return f"{os.path.relpath(folder, root)} is a symlink; not followed"
        except FileNotFoundError:
            continue
        except OSError:
            return f"{os.path.relpath(folder, root)} could not be read"
    for name in ("alternates", "http-alternates"):
        if os.path.lexists(os.path.join(objects, "info", name)):
            return f".git/objects/info/{name} borrows objects from outside the repository; not read"
    return None


def list_index(root: str) -> list[tuple[str, str]]:
    """(mode, path) of every path in the index, in index order, each once (a conflicted path is
    listed once per stage); paths outside a sparse checkout (skip-worktree) are left out.
    Undecodable bytes are kept as surrogate escapes."""
    out = os.fsdecode(run(root, "ls-files", "-z", "-t", "--stage", "--cached", timeout=LIST_TIMEOUT))
    # each record: "<tag> <mode> <object> <stage>\t<path>\0"; tag "S" is skip-worktree. One C-speed
    # scan of the whole listing (a hundred thousand records), not a Python loop per record.
    records = _INDEX_RECORD.findall(out)
    if any(stage != "0" for _mode, stage, _path in records):  # a conflict lists a path once per stage
        records = list({path: (mode, stage, path) for mode, stage, path in reversed(records)}.values())[::-1]
    return [(mode, path) for mode, _stage, path in records]


_INDEX_RECORD = lazyre.compile(r"(?:^|(?<=\0))[^S\0] (\d{6}) [0-9a-f]+ (\d)\t([^\0]+)")


def start_untracked(root: str, timeout: float) -> Running:
    """Start listing the untracked files that no ignore rule excludes (`untracked_paths` reads the
    answer). git opens every .gitignore it meets with a blocking open(), so the caller gives this
    a short timeout and walks the tree when it expires."""
    return start(root, "ls-files", "-z", "--others", "--exclude-standard", timeout=timeout)


def untracked_paths(running: Running) -> list[str]:
    return [p for p in os.fsdecode(running.result()).split("\0") if p]


def has_commit(root: str, sha: str) -> bool:
    try:
        run(root, "cat-file", "-e", f"{sha}^{{commit}}", timeout=30)
    except GitError:
        return False
    return True


def safe_relative(path: str) -> bool:
    """A path that can be created under a fresh directory without leaving it or making a `.git`."""
    parts = path.split("/")
    return not any(p in ("", ".", "..") or p.lower() == ".git" for p in parts)


@dataclass
class Export:
    files: int = 0  # written with their content
    placeholders: int = 0  # too large, over the total or lacking in the clone: sparse files of their size
    skipped: int = 0  # symlinks, submodules, unsafe or uncreatable paths, over the count


def export_commit(root: str, commit: str, dest: str, subdir: str = "") -> Export:
    """The files of `commit` (under its folder `subdir`) written under `dest` (a new, empty
    directory), as regular files only: symlinks and submodules are left out, and paths that would
    leave `dest` are refused. Blobs are read with `git cat-file --batch`, which applies no filter or
    textconv."""
    problem = object_store_problem(root)
    if problem:
        raise GitError(problem)
    tree = f"{commit}:{subdir}" if subdir else f"{commit}^{{tree}}"
    listing = run(root, "ls-tree", "-r", "-z", "-l", "--full-tree", tree, timeout=LIST_TIMEOUT)
    result = Export()
    wanted: list[tuple[str, str]] = []  # (object id, path) of the blobs to write
    total = 0
    for rec in os.fsdecode(listing).split("\0"):
        meta, _, path = rec.partition("\t")
        fields = meta.split()
        if len(fields) != 4:
            continue
        mode, kind, oid, size = fields
        if kind != "blob" or mode not in ("100644", "100755") or not safe_relative(path) \
                or result.files + result.placeholders >= EXPORT_FILES_MAX:
            result.skipped += 1
            continue
        if not size.isdigit():  # "-": the clone lacks the blob (a partial clone): the name still counts
            result.placeholders += _write_file(dest, path, None, 0)
            continue
        if int(size) > EXPORT_FILE_MAX or total + int(size) > EXPORT_TOTAL_MAX:
            result.placeholders += _write_file(dest, path, None, int(size))
            continue
        total += int(size)
        wanted.append((oid, path))
    written = 0
    for path, data in _blobs(root, wanted):
        done = _write_file(dest, path, data, 0 if data is None else len(data))
        written += done
        if data is None:
            result.placeholders += done
        else:
            result.files += done
    result.skipped += len(wanted) - written
    return result


def _blobs(root: str, wanted: list[tuple[str, str]]):
    """(path, content) of each wanted blob, streamed from one `git cat-file --batch` (content None
    for a blob the clone lacks: one missing object must not drop the files after it); the whole
    read is bounded by EXPORT_TIMEOUT (the process is killed when it expires)."""
    if not wanted:
        return
    try:
        proc = subprocess.Popen(command(root, "cat-file", "--batch"), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=_env(root), cwd=root)
    except OSError as err:
        raise GitError(f"git cat-file could not run ({type(err).__name__})") from None
    request = "".join(f"{oid}\n" for oid, _ in wanted).encode()

    def feed():  # a separate writer: git's output must be read while the request is written
        try:
            proc.stdin.write(request)
            proc.stdin.close()
        except OSError:
            pass
    writer = threading.Thread(target=feed, daemon=True)
    watchdog = threading.Timer(EXPORT_TIMEOUT, proc.kill)
    writer.start()
    watchdog.start()
    try:
        for _oid, path in wanted:
            header = proc.stdout.readline().split()
            if header[1:] == [b"missing"]:
                yield path, None
                continue
            if len(header) != 3 or header[1] != b"blob" or not header[2].isdigit():
                return  # missing object or killed: what was read so far is all there is
            size = int(header[2])
            data = proc.stdout.read(size)
            proc.stdout.read(1)  # the newline after each object
            if len(data) != size:
                return
            yield path, data
    finally:
        watchdog.cancel()
        proc.kill()
        proc.wait()
        proc.stdout.close()
        writer.join(timeout=1)


def _write_file(dest: str, path: str, data: bytes | None, size: int) -> int:
    """Write one exported file (1), or nothing (0) when its path cannot be created. Folders are
    made here and nothing else ever exists under `dest`, so no component can be a symlink; the
    file is created exclusively and without following one anyway."""
    full = os.path.join(dest, path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        os.makedirs(os.path.dirname(full), exist_ok=True)
        fd = os.open(full, flags, 0o644)
    except OSError:
        return 0
    try:
        if data is None:
            os.ftruncate(fd, size)  # sparse: no byte is written
        else:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
    except OSError:
        return 0
    finally:
        os.close(fd)
    return 1


def origin_url(root: str) -> str | None:
    """The repository's `remote.origin.url` as a public https address (credentials dropped, scp-style
    `git@host:org/repo` rewritten), or None: no git, no remote, or git must not be run here."""
    from urllib.parse import urlsplit
    if not os.path.isdir(os.path.join(root, ".git")) or repository_problem(root):
        return None
    try:
        url = run(root, "config", "--get", "remote.origin.url", timeout=5).decode("utf-8", "replace").strip()
    except GitError:
        return None
    if url.startswith("git@") and ":" in url:
        host, _, rest = url[4:].partition(":")
        url = f"https://{host}/{rest}"
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("https", "http") or not parts.hostname or any(c in url for c in " \n\r\t"):
        return None
    path = parts.path[:-4] if parts.path.endswith(".git") else parts.path
    return f"https://{parts.hostname}{path}"  # userinfo (a token in the URL) and port never kept
