"""A Hugging Face Hub repository as a part of the release, read as metadata only.

`materialise("hf:ORG/MODEL", dest)` asks the Hub (through `huggingface_hub`: its endpoint, token,
headers and cache) for the repository's file list with sizes and LFS information, downloads the
few small files that say something about openness (the card, license files, `config.json`, small
JSON/YAML/CFF, model code) and writes a local tree that looks like a clone made with
`GIT_LFS_SKIP_SMUDGE=1`: every LFS file becomes its pointer (the evidence is its name, size and
hash), everything else that is not fetched is left out. A weight or data file is never requested.
The tree is then checked like any other part.

Every request has a timeout and the whole part a deadline; every answer is bounded in size and
validated (the Hub is another untrusted input). What goes wrong is a `HubProblem` whose message
names the part and why: the check turns it into a MOF413 note and judges the rest of the release.
"""
from __future__ import annotations

import json
import os
import stat
import time
from dataclasses import dataclass
from urllib.parse import quote

from mof_lint.parts import Part, hub_id

TIMEOUT = 8.0  # seconds per request (connect and each read)
DEADLINE = 20.0  # seconds for the whole part, however slow the server drips
MAX_INFO_BYTES = 16 << 20  # the repository's info with its file list
MAX_FILES = 20_000  # files of the listing kept
MAX_FETCHED = 40  # small files downloaded per part
MAX_FETCH_BYTES = 512 << 10  # per file; a bigger card is noted, not read
MAX_TOTAL_BYTES = 4 << 20  # per part
MAX_PATH = 400  # characters of a path in the listing
# What is worth reading, by name: the card, license texts, configs and small metadata, model code.
FETCH_EXTS = (".md", ".json", ".yaml", ".yml", ".cff", ".bib", ".py", ".txt", ".toml", ".cfg")
LICENSE_NAMES = ("license", "licence", "copying", "notice", "use_policy", "responsible_use", "terms")
# Text files that are data or vocabularies, not statements: never fetched.
SKIP_NAMES = ("vocab.json", "merges.txt", "tokenizer.json", "vocab.txt", "spiece.model")
FETCH_DEPTH = 2  # folders below the root a file may be in to be fetched


class HubProblem(Exception):
    """The part (or one file of it) could not be read; the message says why, for a person."""


class HubUnreachable(HubProblem):
    """No answer at all, or not in time: nothing more is asked of this Hub for this part."""


@dataclass(frozen=True)
class HubFile:
    path: str
    size: int
    lfs_sha256: str | None  # an LFS file: written as its pointer, never downloaded


def temporary_part(spec: str, stack) -> Part:
    """materialise() into a temporary folder that `stack` (a contextlib.ExitStack) removes."""
    import tempfile
    dest = stack.enter_context(tempfile.TemporaryDirectory(prefix="mof-lint-hub-"))
    return materialise(spec, dest)


def materialise(spec: str, dest: str, deadline: float | None = None) -> Part:
    """Part for `hf:ORG/NAME` with its metadata written under `dest` (an empty folder), or with
    `problem` set when the Hub could not be read."""
    repo = hub_id(spec)
    if repo is None:
        return Part(spec, None, problem="not a Hub id (hf:ORG/NAME or hf:datasets/ORG/NAME)")
    try:
        revision, files, fetched, notes = _read(repo, dest, deadline or time.monotonic() + DEADLINE)
    except HubProblem as err:
        return Part(spec, None, hub=repo, problem=str(err))
    return Part(spec, dest, hub=repo, revision=revision, notes=notes)


def _read(repo: str, dest: str, deadline: float) -> tuple[str | None, list[HubFile], int, list[str]]:
    try:
        import huggingface_hub  # noqa: F401 - only when a Hub part is named
    except ImportError:
        raise HubProblem("huggingface_hub is not installed; install it with: pip install 'mof-lint[hub]'") from None
    kind, name = ("datasets", repo[len("datasets/"):]) if repo.startswith("datasets/") else ("models", repo)
    offline = _env_true("HF_HUB_OFFLINE")
    if offline:
        revision, files, local = _from_cache(kind, name)
    else:
        info = _get_json(f"{_endpoint()}/api/{kind}/{_quote_id(name)}", {"blobs": "true"}, deadline)
        revision, files = _listing(info)
        local = {}
    notes = []
    if len(files) > MAX_FILES:
        notes.append(f"the Hub lists {len(files)} files; the first {MAX_FILES} were kept")
        files = files[:MAX_FILES]
    fetched = 0
    budget = MAX_TOTAL_BYTES
    for f in files:
        target = _create_path(dest, f.path)
        if target is None:
            notes.append(f"a file name the Hub listed was not usable and was left out: {f.path[:80]!r}")
            continue
        if f.lfs_sha256:
            _write_new(target, _lfs_pointer(f.lfs_sha256, f.size))
            continue
        if not _worth_fetching(f.path):
            continue
        if f.size > MAX_FETCH_BYTES:
            notes.append(f"{f.path} is {f.size} bytes; files over {MAX_FETCH_BYTES >> 10} KiB are not read")
            continue
        if fetched >= MAX_FETCHED or f.size > budget:
            notes.append(f"{f.path} and later files were not read (at most {MAX_FETCHED} files, "
                         f"{MAX_TOTAL_BYTES >> 20} MiB per Hub part)")
            break
        if offline:
            data = _read_cached(local.get(f.path))
        else:
            data = _cached(kind, name, revision, f.path) or _download(kind, name, revision, f.path, deadline)
        if data is None:
            continue
        fetched += 1
        budget -= len(data)
        _write_new(target, data)
    return revision, files, fetched, notes


# ------------------------------------------------------------------ the Hub's answers
def _listing(info) -> tuple[str | None, list[HubFile]]:
    """(commit, files) from the Hub's repository info (`siblings` with sizes and `lfs`)."""
    if not isinstance(info, dict) or not isinstance(info.get("siblings"), list):
        raise HubProblem("the Hub's answer is not a repository's info (no file list)")
    sha = info.get("sha")
    revision = sha if isinstance(sha, str) and len(sha) <= 64 and sha.isalnum() else None
    files = []
    for s in info["siblings"]:
        if not isinstance(s, dict) or not isinstance(s.get("rfilename"), str):
            continue
        size = s.get("size")
        lfs = s.get("lfs") if isinstance(s.get("lfs"), dict) else None
        if lfs is not None and isinstance(lfs.get("size"), int):
            size = lfs["size"]
        sha256 = lfs.get("sha256") if lfs else None
        if lfs is not None and not (isinstance(sha256, str) and len(sha256) == 64 and
                                    all(c in "0123456789abcdef" for c in sha256)):
            sha256 = "0" * 64  # an LFS file whose hash the Hub did not say: still a pointer, never fetched
        files.append(HubFile(s["rfilename"], size if isinstance(size, int) and size >= 0 else 0, sha256))
    return revision, files


def _endpoint() -> str:
    from huggingface_hub import constants
    return (os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")


def _token() -> str | None:
    """HF_TOKEN, else the token huggingface_hub stores (`hf auth login`). Never printed."""
    token = os.environ.get("HF_TOKEN")
    if token:
        return token
    try:
        from huggingface_hub import get_token
        return get_token()
    except Exception:  # noqa: BLE001 - no stored token is not a problem
        return None


def _headers() -> dict:
    """Our own few headers: huggingface_hub's `build_hf_headers` also detects "agent harnesses" by
    fetching a registry from the endpoint and caching it on disk, a request and a write that
    reading a repository's metadata has no use for."""
    from mof_lint import __version__
    headers = {"user-agent": f"mof-lint/{__version__}"}
    token = _token()
    if token:
        headers["authorization"] = f"Bearer {token}"
    return headers


def _quote_id(name: str) -> str:
    return "/".join(quote(p, safe="") for p in name.split("/"))


def _get(url: str, params: dict | None, limit: int, deadline: float) -> bytes:
    """The body of a GET, at most `limit` bytes (more is a HubProblem), within the deadline."""
    from huggingface_hub import get_session
    session = get_session()
    left = deadline - time.monotonic()
    if left <= 0:
        raise HubUnreachable(f"the Hub did not answer within {DEADLINE:g} s")
    timeout = min(TIMEOUT, left)
    try:
        if hasattr(session, "stream"):  # httpx (huggingface_hub 1.x and later)
            with session.stream("GET", url, params=params, headers=_headers(), timeout=timeout,
                                follow_redirects=True) as r:
                _status(r.status_code, url)
                return _bounded(r.iter_bytes(), limit, deadline)
        with session.get(url, params=params, headers=_headers(), timeout=timeout, stream=True,
                         allow_redirects=True) as r:  # requests (huggingface_hub 0.x)
            _status(r.status_code, url)
            return _bounded(r.iter_content(65536), limit, deadline)
    except HubProblem:
        raise
    except Exception as err:  # noqa: BLE001 - connection refused, DNS, TLS, timeouts: all say the same
        raise HubUnreachable(f"the Hub at {_endpoint()} could not be reached ({type(err).__name__})") from None


def _status(code: int, url: str) -> None:
    if code == 200:
        return
    why = {401: "it needs a token (gated or private: set HF_TOKEN)",
           403: "access is refused (gated: accept its terms on the Hub, then set HF_TOKEN)",
           404: "the Hub has no such repository or file",
           429: "the Hub is rate-limiting requests"}.get(code, f"the Hub answered HTTP {code}")
    raise HubProblem(why)


def _bounded(chunks, limit: int, deadline: float) -> bytes:
    out = bytearray()
    for chunk in chunks:
        out += chunk
        if len(out) > limit:
            raise HubProblem(f"the Hub's answer is over {limit >> 10} KiB; not read")
        if time.monotonic() > deadline:
            raise HubUnreachable(f"the Hub did not finish answering within {DEADLINE:g} s")
    return bytes(out)


def _get_json(url: str, params: dict | None, deadline: float):
    body = _get(url, params, MAX_INFO_BYTES, deadline)
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise HubProblem("the Hub's answer is not JSON (is HF_ENDPOINT the Hub?)") from None


def _download(kind: str, name: str, revision: str | None, path: str, deadline: float) -> bytes | None:
    prefix = "datasets/" if kind == "datasets" else ""
    url = f"{_endpoint()}/{prefix}{_quote_id(name)}/resolve/{quote(revision or 'main', safe='')}/{quote(path)}"
    try:
        return _get(url, None, MAX_FETCH_BYTES, deadline)
    except HubUnreachable:
        raise  # the part as a whole is unreadable
    except HubProblem:
        return None  # one file refused or too big: the rest of the part still counts


# ------------------------------------------------------------------ the Hub cache
def _cached(kind: str, name: str, revision: str | None, path: str) -> bytes | None:
    """A file of this exact revision that the Hub cache already holds."""
    if not revision:
        return None
    try:
        from huggingface_hub import try_to_load_from_cache
        found = try_to_load_from_cache(name, path, cache_dir=_cache_dir(), revision=revision, repo_type=kind[:-1])
    except Exception:  # noqa: BLE001 - a broken cache is no cache
        return None
    return _read_cached(found if isinstance(found, str) else None)


def _read_cached(path: str | None) -> bytes | None:
    if not path:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # the cache's own symlinks to blobs
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            return os.read(fd, MAX_FETCH_BYTES + 1)[:MAX_FETCH_BYTES]
        finally:
            os.close(fd)
    except OSError:
        return None


def _cache_dir() -> str:
    """The Hub cache huggingface_hub uses (HF_HUB_CACHE, else HF_HOME/hub), read when asked."""
    from huggingface_hub import constants
    if os.environ.get("HF_HUB_CACHE"):
        return os.environ["HF_HUB_CACHE"]
    if os.environ.get("HF_HOME"):
        return os.path.join(os.environ["HF_HOME"], "hub")
    return constants.HF_HUB_CACHE


def _from_cache(kind: str, name: str) -> tuple[str | None, list[HubFile], dict[str, str]]:
    """HF_HUB_OFFLINE: the files of the newest cached snapshot (those downloaded before)."""
    folder = os.path.join(_cache_dir(), f"{kind}--{name.replace('/', '--')}")
    try:
        with open(os.path.join(folder, "refs", "main"), encoding="utf-8") as fh:
            revision = fh.read(100).strip()
    except OSError:
        raise HubProblem("HF_HUB_OFFLINE is set and the Hub cache holds no copy of it") from None
    snap = os.path.join(folder, "snapshots", revision)
    files, local = [], {}
    for base, _dirs, names in os.walk(snap):
        for n in names:
            full = os.path.join(base, n)
            rel = os.path.relpath(full, snap).replace(os.sep, "/")
            try:
                size = os.stat(full).st_size
            except OSError:
                continue
            files.append(HubFile(rel, size, None))
            local[rel] = full
            if len(files) > MAX_FILES:
                break
    return revision, sorted(files, key=lambda f: f.path), local


# ------------------------------------------------------------------ the local tree
def _worth_fetching(path: str) -> bool:
    parts = path.split("/")
    name = parts[-1].lower()
    if len(parts) - 1 > FETCH_DEPTH or name in SKIP_NAMES:
        return False
    return name.startswith(LICENSE_NAMES) or name.endswith(FETCH_EXTS)


def _create_path(dest: str, rel: str) -> str | None:
    """The local path for a file the Hub lists, its folders made; None for a name that could
    escape the tree or is not a plain path (the listing is untrusted)."""
    if not rel or len(rel) > MAX_PATH or rel.startswith("/") or "\\" in rel or "\0" in rel:
        return None
    parts = rel.split("/")
    if any(p in ("", ".", "..") or p.lower() == ".git" or any(ord(c) < 32 for c in p) for p in parts):
        return None
    folder = dest
    for p in parts[:-1]:
        folder = os.path.join(folder, p)
        try:
            os.mkdir(folder)
        except FileExistsError:
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                return None
        except OSError:
            return None
    return os.path.join(folder, parts[-1])


def _write_new(path: str, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError:
        return  # listed twice: the first one stays
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _lfs_pointer(sha256: str, size: int) -> bytes:
    return f"version https://git-lfs.github.com/spec/v1\noid sha256:{sha256}\nsize {size}\n".encode()


def _env_true(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")
