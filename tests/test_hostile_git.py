"""A repository whose git configuration, `.git`, folders and ignore files are hostile.

mof-lint must never run what the repository's git configuration names, never let `.git` send
git to another tree, never read through a symlinked folder, never wait on a FIFO and never take
super-linear time on patterns the repository supplies."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager, redirect_stdout
from pathlib import Path

import pytest

from conftest import APACHE_HEAD, EXAMPLE, TORCH_MODEL, TRAIN_LOOP, build, git, run
from mof_lint import gitsafe, repo
from mof_lint.action import run_action
from mof_lint.repo import RepoView

SRC = Path(__file__).resolve().parent.parent / "src" / "mof_lint"
SECRET = "TOPSECRET-git-9d41"
MODEL_FILES = {"model.py": TORCH_MODEL, "train.py": TRAIN_LOOP, "LICENSE": APACHE_HEAD,
               "README.md": "# Tiny\n\nA model.\n", "data/x.json": '{"a": 1}\n'}


@contextmanager
def deadline(seconds: float):
    """Fail (instead of hanging the suite) when the block is still running after `seconds`."""
    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _head(root: Path) -> str:
    return subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()


def _hostile_config(root: Path, markers: Path) -> list[str]:
    """Append to .git/config every setting that makes git run a command (each would create its
    marker file), plus a hooks folder whose every hook does the same; returns the marker names."""
    names = ["smudge", "clean", "process", "fsmonitor", "pager", "external", "textconv", "alias", "ssh",
             "askpass", "editor"]
    touch = {n: f"\"sh -c 'touch {markers / n}; echo SMUDGED'\"" for n in names}  # quoted: ';' starts a comment
    (root / ".git" / "hooks-evil").mkdir()
    for hook in ("pre-commit", "post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc",
                 "fsmonitor-watchman", "post-merge"):
        path = root / ".git" / "hooks-evil" / hook
        path.write_text(f"#!/bin/sh\ntouch {markers / 'hook'}\n")
        path.chmod(0o755)
    names.append("hook")
    with open(root / ".git" / "config", "a") as fh:
        fh.write(f"""[filter "x"]
\tsmudge = {touch['smudge']}
\tclean = {touch['clean']}
\tprocess = {touch['process']}
\trequired = true
[diff "x"]
\ttextconv = {touch['textconv']}
[core]
\tfsmonitor = {touch['fsmonitor']}
\thooksPath = {root / '.git' / 'hooks-evil'}
\tpager = {touch['pager']}
\tsshCommand = {touch['ssh']}
\taskPass = {touch['askpass']}
\teditor = {touch['editor']}
[diff]
\texternal = {touch['external']}
[alias]
\tls-files = !{touch['alias']}
\tcat-file = !{touch['alias']}
""")
    return names


@pytest.fixture
def hostile_repo(tmp_path):
    """A committed model repository (base), a second commit that drops train.py (head), then a
    .git/config that names commands everywhere and a .gitattributes that applies them to every
    file."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE, root)
    (root / ".gitattributes").write_text("* filter=x diff=x\n")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    base = _head(root)
    (root / "train.py").unlink()
    git(root, "add", "-A")
    git(root, "commit", "-qm", "head")
    markers = tmp_path / "markers"
    markers.mkdir()
    names = _hostile_config(root, markers)
    (root / "untracked.md").write_text("# new\n")
    return root, base, markers, names


def test_the_repositorys_git_configuration_never_runs_a_command(hostile_repo, tmp_path):
    root, base, markers, names = hostile_repo
    view = RepoView(str(root))  # the listing: index, then untracked files
    committed = {str(p.relative_to(EXAMPLE)): p.read_bytes() for p in EXAMPLE.rglob("*") if p.is_file()}
    assert view.source == "git"
    assert set(view.entries) == set(committed) - {"train.py"} | {".gitattributes", "untracked.md"}
    assert view.read("model.py") == committed["model.py"]

    dest = tmp_path / "base"
    dest.mkdir()
    exported = gitsafe.export_commit(str(root), base, str(dest))  # the pull request's base
    assert exported.files == len(committed) + 1
    for rel, content in committed.items():
        assert (dest / rel).read_bytes() == content, rel  # committed content: no smudge, no textconv

    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 3, "base": {"sha": base}, "head": {"sha": "1" * 40}}}))
    env = {"GITHUB_WORKSPACE": str(root), "GITHUB_EVENT_PATH": str(event)}
    with redirect_stdout(io.StringIO()) as out:
        code = run_action(env)  # the whole Action: listing, base comparison, class drop
    assert code == 1 and "MOF106" in out.getvalue() and "Training code" in out.getvalue()
    assert sorted(os.listdir(markers)) == []

    # the configuration is live: plain git runs it (what mof-lint used to do for the base)
    subprocess.run(["git", "-C", str(root), "archive", "--format=tar", base], capture_output=True)
    subprocess.run(["git", "-C", str(root), "status"], capture_output=True)
    assert {"process", "fsmonitor"} <= set(os.listdir(markers))


def test_export_writes_regular_files_only_inside_the_folder(tmp_path):
    """A base commit with a symlink out, a submodule, a file far over the size cap (written as a
    sparse file of its size) and the rest as committed."""
    root = build(tmp_path / "repo", {"a.py": "x = 1\n", "big.bin": b"\0" * 2048})
    os.symlink("/etc/passwd", root / "passwd")
    os.symlink("../../outside", root / "up")
    git(root, "init", "-q")
    git(root, "add", "-A")
    sub_oid = "1" * 40
    git(root, "update-index", "--add", "--cacheinfo", f"160000,{sub_oid},vendor/sub")
    git(root, "commit", "-qm", "base")
    dest = tmp_path / "export"
    dest.mkdir()
    original = gitsafe.EXPORT_FILE_MAX
    gitsafe.EXPORT_FILE_MAX = 1024
    try:
        result = gitsafe.export_commit(str(root), _head(root), str(dest))
    finally:
        gitsafe.EXPORT_FILE_MAX = original
    assert (result.files, result.placeholders, result.skipped) == (1, 1, 3)
    listed = {str(p.relative_to(dest)) for p in dest.rglob("*")}
    assert listed == {"a.py", "big.bin"}
    assert not any(p.is_symlink() for p in dest.rglob("*"))
    assert os.path.getsize(dest / "big.bin") == 2048 and (dest / "a.py").read_text() == "x = 1\n"
    for bad in ("../x", "/etc/x", "a/../../x", ".git/config", "sub/.GIT/hooks/x", "a//b", "./a"):
        assert not gitsafe.safe_relative(bad), bad
    assert gitsafe.safe_relative("weights/model.safetensors")


def test_a_dot_git_file_or_core_worktree_never_sends_git_elsewhere(tmp_path):
    elsewhere = build(tmp_path / "elsewhere", {"other.py": "y = 2\n"})
    git(elsewhere, "init", "-q")
    git(elsewhere, "add", "-A")
    git(elsewhere, "commit", "-qm", "other")
    root = build(tmp_path / "repo", {"model.py": TORCH_MODEL, "README.md": "# r\n"})

    (root / ".git").write_text(f"gitdir: {elsewhere / '.git'}\n")
    view = RepoView(str(root))
    assert view.source == "walk" and set(view.entries) == {"model.py", "README.md"}
    assert any(f.rule == "MOF409" and ".git is a file" in f.message for f in view.findings)

    (root / ".git").unlink()
    os.symlink(elsewhere / ".git", root / ".git")
    view = RepoView(str(root))
    assert view.source == "walk" and set(view.entries) == {"model.py", "README.md"}
    assert any(f.rule == "MOF409" and "symlink" in f.message for f in view.findings)

    (root / ".git").unlink()
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "mine")
    with open(root / ".git" / "config", "a") as fh:
        fh.write(f"[core]\n\tworktree = {elsewhere}\n")
    (root / "new.md").write_text("# untracked\n")
    view = RepoView(str(root))
    assert view.source == "git"
    assert set(view.entries) == {"model.py", "README.md", "new.md"}  # nothing of the other tree


def test_a_symlinked_folder_under_git_is_never_read_through(tmp_path):
    outside = build(tmp_path / "outside", {"x.json": f'{{"secret": "{SECRET}"}}\n',
                                           "README.md": f"# {SECRET}\n"})
    root = build(tmp_path / "repo", {**MODEL_FILES, "docs/README.md": "# docs\n", "real/y.md": "# y\n"})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    (root / "data" / "x.json").unlink()
    (root / "data").rmdir()
    os.symlink(outside, root / "data")  # the index still lists data/x.json
    (root / "docs" / "README.md").unlink()
    (root / "docs").rmdir()
    os.symlink("real", root / "docs")  # a symlinked folder inside the root: not descended either
    view = RepoView(str(root))
    assert view.source == "git"
    assert "data/x.json" not in view.entries and "docs/README.md" not in view.entries
    assert [f.path for f in view.findings if f.rule == "MOF401"] == ["data"]
    assert "docs" in view.symlinked_dirs
    code, out, err = run("check", str(root), "--format", "json")
    assert SECRET not in out + err


def test_reads_and_sizes_never_pass_a_symlinked_parent(tmp_path):
    """The folder is swapped for a symlink after the listing: the read is refused, the size is not
    the outside file's."""
    outside = build(tmp_path / "outside", {"x.json": SECRET * 100})
    root = build(tmp_path / "repo", {"data/x.json": "{}\n", "data/deep/y.md": "# y\n"})
    view = RepoView(str(root))
    assert set(view.entries) == {"data/x.json", "data/deep/y.md"}
    os.rename(root / "data", tmp_path / "moved")
    os.symlink(outside, root / "data")
    assert view.entries["data/x.json"].size == 0
    assert view.text("data/x.json") is None and view.read("data/x.json") is None
    assert any(f.rule == "MOF401" and f.path == "data/x.json" for f in view.findings)
    with pytest.raises(OSError):
        os.close(repo.open_beneath(str(root), "data/x.json"))
    os.close(repo.open_beneath(str(tmp_path), "moved/deep/y.md"))  # real folders are fine


def test_a_config_file_behind_a_symlink_in_the_repository_is_refused(tmp_path):
    outside = build(tmp_path / "outside", {"cfg.yml": f"policy: {SECRET}\n"})
    root = build(tmp_path / "repo", {"model.py": TORCH_MODEL, "conf/real.yml": "policy: mot\n"})
    os.symlink(outside, root / "linked")
    os.symlink(outside / "cfg.yml", root / "conf" / "link.yml")
    for name in ("linked/cfg.yml", "conf/link.yml"):
        code, out, err = run("check", str(root), "--config", str(root / name))
        assert code == 2, name
        assert SECRET not in out + err and "symlink" in err, err
    assert run("check", str(root), "--config", str(root / "conf" / "real.yml"))[0] in (0, 1)
    code, out, err = run("check", str(root), "--config", str(outside / "cfg.yml"))  # outside: the user's choice
    assert code == 2 and "MOF305" in err


def _fifo_tree(root: Path) -> Path:
    for name in (".gitignore", "README.md", "LICENSE", "model.py", "sub/.gitignore"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(root / name)
    (root / "train.py").write_text(TRAIN_LOOP)
    return root


def _check_subprocess(root: Path) -> tuple[subprocess.CompletedProcess, float]:
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "mof_lint", "check", str(root), "--format", "json"],
                          capture_output=True, timeout=30)
    return proc, time.monotonic() - start


@pytest.mark.parametrize("with_git", [False, True])
def test_a_fifo_anywhere_never_stalls_the_check(tmp_path, with_git):
    root = tmp_path / "repo"
    root.mkdir()
    if with_git:  # committed as regular files, then replaced by FIFOs in the work tree
        build(root, {"README.md": "# r\n", "model.py": TORCH_MODEL})
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-qm", "init")
        (root / "README.md").unlink()
        (root / "model.py").unlink()
    _fifo_tree(root)
    proc, took = _check_subprocess(root)
    assert proc.returncode in (0, 1), proc.stderr
    assert took < 8
    report = json.loads(proc.stdout)
    notes = [f["message"] for f in report["findings"] if f["rule"] == "MOF409"]
    assert bool(notes) == with_git and all(".gitignore is not a regular file" in n for n in notes)


def test_a_fifo_gitignore_in_an_untracked_folder_or_a_blocking_config_is_waited_on_briefly(tmp_path, monkeypatch):
    monkeypatch.setattr(repo, "UNTRACKED_TIMEOUT", 0.5)
    monkeypatch.setattr(gitsafe, "PROBE_TIMEOUT", 0.5)
    root = build(tmp_path / "repo", {"model.py": TORCH_MODEL})
    (root / "outside").symlink_to(tmp_path)  # noted by the git listing, then again by the walk
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    (root / "new").mkdir()
    os.mkfifo(root / "new" / ".gitignore")  # git finds it only while listing untracked files
    with deadline(5):
        view = RepoView(str(root))
    assert view.source == "walk" and "model.py" in view.entries
    assert any(f.rule == "MOF409" and "did not finish" in f.message for f in view.findings)
    # the tracked files were listed while git looked for untracked ones: that listing is dropped
    # whole, and what it said is said once, by the walk
    assert [f.path for f in view.findings if f.rule == "MOF401"] == ["outside"]

    os.unlink(root / "new" / ".gitignore")
    os.mkfifo(tmp_path / "include.fifo")
    with open(root / ".git" / "config", "a") as fh:
        fh.write(f"[include]\n\tpath = {tmp_path / 'include.fifo'}\n")
    with deadline(5):
        view = RepoView(str(root))
    assert view.source == "walk" and any(f.rule == "MOF409" for f in view.findings)

    (root / ".git" / "config").unlink()
    os.mkfifo(root / ".git" / "config")
    with deadline(5):
        view = RepoView(str(root))
    assert view.source == "walk"
    assert any(f.rule == "MOF409" and ".git/config is not a regular file" in f.message for f in view.findings)


PATHOLOGICAL = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"


def test_pathological_ignore_patterns_take_linear_time(tmp_path):
    """A backtracking regex engine takes exponential time on this pattern against 'aaaa…' (60 a's:
    longer than the age of the universe); re2 takes microseconds."""
    files = {"a" * 60: "x", f"{'a' * 59}/{'a' * 60}": "x", "model.py": TORCH_MODEL,
             ".gitignore": "\n".join([PATHOLOGICAL] * 50) + "\n",
             ".mof-lint.yml": f"exclude:\n  - '{PATHOLOGICAL}'\n"}
    root = build(tmp_path / "walked", files)
    with deadline(10):
        start = time.monotonic()
        report = json.loads(run("check", str(root), "--format", "json", "--exclude", PATHOLOGICAL)[1])
        took = time.monotonic() - start
    assert took < 3 and report["components"]
    view = RepoView(str(root), exclude=[PATHOLOGICAL])
    assert "a" * 60 in view.entries  # matching still works: no 'b', not ignored
    assert RepoView(str(root), exclude=["*a*a*a"]).entries.keys() == {"model.py", ".gitignore", ".mof-lint.yml"}


def test_ignore_files_and_gitmodules_are_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(repo, "MAX_SUBMODULES", 3)
    lines = [f"ignored{i}.txt" for i in range(repo.MAX_PATTERNS + 5)]
    gitmodules = "".join(f'[submodule "s{i}"]\n\tpath = vendor{i}\n' for i in range(5))
    root = build(tmp_path, {".gitignore": "\n".join(lines) + "\n", "ignored0.txt": "x",
                            f"ignored{repo.MAX_PATTERNS + 2}.txt": "x", ".gitmodules": gitmodules})
    view = RepoView(str(root))
    assert "ignored0.txt" not in view.entries  # the first patterns apply
    assert f"ignored{repo.MAX_PATTERNS + 2}.txt" in view.entries  # past the cap: not applied, said so
    assert any(f.rule == "MOF405" and f.path == ".gitignore" for f in view.findings)
    assert view.submodules == {"vendor0", "vendor1", "vendor2"}
    assert any(f.rule == "MOF405" and f.path == ".gitmodules" for f in view.findings)


def test_many_submodules_and_folders_list_in_linear_time(tmp_path):
    """The vendored flag of a folder is its parent's or its own: no loop over every submodule."""
    def listing_time(n: int) -> float:
        view = RepoView(str(build(tmp_path / f"r{n}", {"x": "x"})))
        view.submodules = {f"sub{i}" for i in range(n)}
        view._folders = {"": (False, False, 0, "", True)}
        paths = [("100644", f"dir{i}/sub/file.py") for i in range(n)]
        start = time.perf_counter()
        view._add_listed(paths)
        assert len(view.entries) == n + 1
        return time.perf_counter() - start
    small, large = listing_time(1000), listing_time(8000)
    assert large < 8 * small * 3 + 0.05  # quadratic would be 64 times


def test_a_deeply_nested_safetensors_header_is_a_finding(tmp_path):
    header = b"[" * 100_000 + b"]" * 100_000
    root = build(tmp_path, {"model.safetensors": len(header).to_bytes(8, "little") + header})
    view = RepoView(str(root))
    assert view.weights_header("model.safetensors") is None
    assert any(f.rule == "MOF407" for f in view.findings)


def test_only_gitsafe_starts_git():
    """Every git process goes through gitsafe (its sanitised environment and overrides)."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.name == "gitsafe.py":
            continue
        text = path.read_text()
        if re.search(r"\bsubprocess\b|\bPopen\b|os\.system|os\.exec|os\.spawn", text):
            offenders.append(str(path.relative_to(SRC)))
        if re.search(r"""["']git["']\s*,""", text):
            offenders.append(str(path.relative_to(SRC)))
    assert offenders == []


def test_the_base_is_never_read_through_borrowed_or_symlinked_objects(tmp_path):
    """Objects lent by `alternates` (or an object store that is a symlink) lie outside the root:
    the base export refuses them, saying why, while the listing (index only) still works."""
    lender = build(tmp_path / "lender", {"secret.py": "SECRET = 1\n"})
    git(lender, "init", "-q")
    git(lender, "add", "-A")
    git(lender, "commit", "-qm", "lender")
    root = build(tmp_path / "repo", {"model.py": TORCH_MODEL})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    base = _head(root)
    assert gitsafe.object_store_problem(str(root)) is None
    (root / ".git/objects/info/alternates").write_text(str(lender / ".git/objects") + "\n")
    dest = tmp_path / "export"
    dest.mkdir()
    with pytest.raises(gitsafe.GitError, match="alternates"):
        gitsafe.export_commit(str(root), base, str(dest))
    assert list(dest.iterdir()) == []
    assert RepoView(str(root)).source == "git"  # the index is still listed
    os.remove(root / ".git/objects/info/alternates")
    moved = tmp_path / "objects-elsewhere"
    os.rename(root / ".git/objects", moved)
    os.symlink(moved, root / ".git/objects")
    with pytest.raises(gitsafe.GitError, match="symlink"):
        gitsafe.export_commit(str(root), base, str(dest))


def test_export_keeps_every_file_when_the_clone_lacks_some_blobs(tmp_path):
    """A partial clone (or a pruned object store) lacks some blobs: the export writes the others and
    keeps the lacking ones visible by name, instead of stopping at the first missing object."""
    files = {f"f{i:02d}.py": f"x = {i}\n" for i in range(10)}
    root = build(tmp_path / "repo", {**files, "weights/model.safetensors": "lacking\n"})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    lacking = [git_oid(root, "f03.py"), git_oid(root, "weights/model.safetensors")]
    for oid in lacking:  # loose objects: deleting one is what a blob-less partial clone looks like
        os.remove(root / ".git" / "objects" / oid[:2] / oid[2:])
    dest = tmp_path / "export"
    dest.mkdir()
    result = gitsafe.export_commit(str(root), _head(root), str(dest))
    assert (result.files, result.placeholders, result.skipped) == (9, 2, 0)
    assert {p.name for p in dest.rglob("*") if p.is_file()} == {*files, "model.safetensors"}
    assert (dest / "f09.py").read_text() == "x = 9\n" and (dest / "f03.py").stat().st_size == 0


def git_oid(root: Path, path: str) -> str:
    return subprocess.run(["git", "-C", str(root), "rev-parse", f"HEAD:{path}"], capture_output=True,
                          text=True, check=True).stdout.strip()
