"""A hostile repository, built here, run through every command and output format.

For each hazard: no traceback, exit code 0 or 1, a finding where it matters, nothing read outside the
root (a secret beside the repository never shows up), nothing written into the tree, and no injected
workflow command, SVG element or Markdown in any output."""
from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.dom.minidom
from pathlib import Path

import pytest

SECRET = "TOPSECRET-7f3a9c-outside-the-repository"
NAMES = ["%0A::error::injected.py", "##[error]legacy.md", "a,b:c.md", 'quote"s\'.txt', "<script>alert(1)</script>.md",
         "[link](javascript:alert(1)).md", "new\nline::warning::x.md", "@octocat.md", "pipe|cell.md"]


def _gguf_truncated() -> bytes:
    return b"GGUF" + struct.pack("<I", 3) + struct.pack("<Q", 10 ** 12)  # claims a trillion tensors, then ends


def _safetensors(header: dict, total: int | None = None) -> bytes:
    raw = json.dumps(header).encode()
    return struct.pack("<Q", len(raw)) + raw


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = Path(tempfile.mkdtemp(prefix="mof-hostile-", dir="/tmp"))
    os.chmod(base, 0o755)
    (base / "secret.txt").write_text(SECRET + "\n")
    root = base / "repo"
    root.mkdir()
    w = lambda rel, data: _write(root / rel, data)  # noqa: E731
    # links out of the root, a loop, a directory symlinked into itself
    os.symlink("/etc/passwd", root / "LICENSE-DATA")
    os.symlink("../secret.txt", root / "MODEL_CARD.md")
    os.symlink("..", root / "up")
    os.symlink("loop_b", root / "loop_a")
    os.symlink("loop_a", root / "loop_b")
    (root / "self").mkdir()
    os.symlink(".", root / "self" / "again")
    # weights: a sparse 100 GB file with a sane header, a header claiming 2^60 bytes, truncated GGUF, LFS garbage
    big = root / "weights" / "model.safetensors"
    big.parent.mkdir()
    with open(big, "wb") as fh:
        fh.write(_safetensors({"w": {"dtype": "F32", "shape": [4, 4], "data_offsets": [0, 64]}}))
        fh.truncate(100 * 1024 ** 3)
    w("weights/liar.safetensors", struct.pack("<Q", 2 ** 60) + b"{}")
    w("weights/model.gguf", _gguf_truncated())
    w("weights/pytorch_model.bin", b"version https://git-lfs.github.com/spec/v1\noid sha256:zzzz\nsize -1\n\x00\xff")
    # documents: binary, invalid UTF-8, front-matter bombs, a 200 MB single-line README
    w("docs/README.md", b"\x89PNG\r\n\x1a\n" + os.urandom(4096))
    w("LICENSE", b"Permission is hereby granted \xff\xfe\xfd free of charge" + b"\xc3\x28" * 100)
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{c}: &{c} [{(',').join('*' + p for _ in range(9))}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    w("cards/model_card.md", "---\n" + bomb + "---\n# card\n")
    w("cards/deep_card.md", "---\nlicense: " + "[" * 10000 + "]" * 10000 + "\n---\n# deep\n")
    with open(root / "README.md", "wb") as fh:
        fh.write(b"# Model " + b"is a fully open-source model [x](http://e) " * 10 + b"a" * (200 * 1024 * 1024))
    # names that try to become workflow commands, HTML, Markdown, mentions
    for name in NAMES:
        w(f"names/{name}", "# x\n")
    # code the compiler warns about ("0x1for": SyntaxWarning), in a folder named as a workflow command:
    # Python's warning line starts with the file's path
    w("::error title=injected::x/warn.py", "y = [0x1for x in z]\nimport torch\n")
    # 20 000 files in one directory, a 200-level deep path
    crowd = root / "crowd"
    crowd.mkdir()
    for i in range(20000):
        (crowd / f"f{i}.txt").write_bytes(b"")
    deep = root
    for i in range(200):
        deep = deep / f"d{i % 10}"
    deep.mkdir(parents=True)
    (deep / "train.py").write_text("import torch\nloss.backward()\n")
    # unreadable file and directory (effective when the check runs as an unprivileged user)
    w("locked/secret_weights.pt", b"x" * 100)
    os.chmod(root / "locked" / "secret_weights.pt", 0)
    (root / "sealed").mkdir()
    w("sealed/inside.py", "x = 1\n")
    os.chmod(root / "sealed", 0)
    # a broken .git
    w(".git", "gitdir: /nonexistent/worktree\n")
    # everything else readable by "nobody"
    for dirpath, dirnames, filenames in os.walk(root):
        for d in dirnames:
            p = os.path.join(dirpath, d)
            if not os.path.islink(p) and not p.endswith("sealed"):
                os.chmod(p, 0o755)
    yield root
    os.chmod(root / "sealed", 0o755)
    shutil.rmtree(base, ignore_errors=True)


def _write(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)
    os.chmod(path, 0o644)


def _snapshot(root: Path) -> dict:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in filenames + dirnames:
            p = os.path.join(dirpath, name)
            try:
                st = os.lstat(p)
            except OSError:
                continue
            out[p] = (st.st_size, st.st_mtime_ns)
    return out


def _unprivileged_prefix() -> list[str]:
    """As root, permission bits mean nothing; drop the capabilities that bypass them (setpriv, from
    util-linux) so that unreadable files and folders are unreadable for the check too."""
    if os.geteuid() == 0 and shutil.which("setpriv"):
        return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    return []


PERMISSIONS_APPLY = os.geteuid() != 0 or bool(shutil.which("setpriv"))


def _run(args, cwd=None):
    env = dict(os.environ, NO_COLOR="1")
    env.pop("MOF_LINT_DEBUG", None)
    return subprocess.run([*_unprivileged_prefix(), sys.executable, "-m", "mof_lint", *args], capture_output=True,
                          timeout=600, cwd=cwd, env=env)


@pytest.fixture(scope="module")
def outputs(hostile):
    before = _snapshot(hostile)
    out = {}
    for fmt in ("text", "json", "github", "sarif", "markdown"):
        r = _run(["check", str(hostile), "--format", fmt])
        out[fmt] = r
    out["badge"] = _run(["badge", str(hostile)])
    out["licenses"] = _run(["licenses", str(hostile), "--format", "json"])
    out["init"] = _run(["init", str(hostile), "--stdout"])
    after = _snapshot(hostile)
    return out, before, after


def test_no_traceback_and_sane_exit_codes(outputs):
    runs, _, _ = outputs
    for name, r in runs.items():
        text = (r.stdout + r.stderr).decode("utf-8", "replace")
        assert "Traceback" not in text and "internal error" not in text, (name, text[-2000:])
        assert r.returncode in (0, 1), (name, r.returncode, text[-1000:])


def test_nothing_outside_the_root_is_read_or_shown(outputs):
    runs, _, _ = outputs
    for name, r in runs.items():
        blob = r.stdout + r.stderr
        assert SECRET.encode() not in blob, name
        assert b"root:x:0:0" not in blob, name  # /etc/passwd


def test_nothing_is_written_into_the_tree(outputs):
    _, before, after = outputs
    assert before == after


def test_the_hazards_are_findings_with_paths(outputs):
    report = json.loads(outputs[0]["json"].stdout)
    by_rule = {}
    for f in report["findings"]:
        by_rule.setdefault(f["rule"], set()).add(f["path"])
    assert {"LICENSE-DATA", "MODEL_CARD.md", "up"} <= by_rule.get("MOF401", set())
    assert "weights/liar.safetensors" in by_rule.get("MOF407", set())
    assert "weights/model.gguf" in by_rule.get("MOF407", set())
    assert "weights/pytorch_model.bin" in by_rule.get("MOF408", set())
    assert "cards/model_card.md" in by_rule.get("MOF304", set())  # the alias bomb, refused
    assert "cards/deep_card.md" in by_rule.get("MOF304", set())
    assert "docs/README.md" in by_rule.get("MOF406", set())
    assert "README.md" in by_rule.get("MOF405", set())  # read only in part
    if PERMISSIONS_APPLY:
        assert {"sealed", "locked/secret_weights.pt"} <= by_rule.get("MOF402", set())
    weights = next(c for c in report["components"] if c["key"] == "final_parameters")
    assert weights["status"] == "present"  # the sparse 100 GB file, from its header alone


def test_no_injected_workflow_command(outputs):
    stdout = outputs[0]["github"].stdout.decode("utf-8", "replace")
    for line in stdout.split("\n"):
        if not line:
            continue
        m = re.match(r"^::(error|warning|notice)( ([a-z]+=[^:,]*)(,[a-z]+=[^:,]*)*)?::", line)
        assert m, f"a line that is not one of ours: {line[:200]!r}"
    assert "::error::injected" not in stdout and "\n::warning::x" not in stdout


def test_no_run_writes_a_workflow_command_or_a_warning_on_stderr(outputs):
    """The runner reads workflow commands from stderr too: nothing the repository holds may start a
    line there (the compiler's warnings about its code used to, with the file's path first)."""
    for name, run in outputs[0].items():
        err = run.stderr.decode("utf-8", "replace")
        assert "SyntaxWarning" not in err and "DeprecationWarning" not in err, name
        assert not any(line.lstrip().startswith(("::", "##[")) for line in err.split("\n")), name


def test_human_formats_cannot_form_a_workflow_command_anywhere_in_a_line(outputs):
    runs = outputs[0]
    for name in ("text", "markdown"):
        out = runs[name].stdout.decode("utf-8", "replace") + runs[name].stderr.decode("utf-8", "replace")
        assert "::" not in out and "##[" not in out, name


def test_no_markup_injection_in_markdown_sarif_and_badge(outputs):
    runs = outputs[0]
    md = runs["markdown"].stdout.decode("utf-8", "replace")
    assert "<script" not in md and "](javascript" not in md and "@octocat" not in md
    for line in md.split("\n"):
        if line.startswith("|"):
            assert line.count("|") - line.count("\\|") == 6, line[:200]  # no extra table cells
    sarif = json.loads(runs["sarif"].stdout)
    for res in sarif["runs"][0]["results"]:
        for loc in res.get("locations", []):
            uri = loc["physicalLocation"]["artifactLocation"]["uri"]
            assert "\n" not in uri and " " not in uri and "<" not in uri
    svg = runs["badge"].stdout.decode()
    dom = xml.dom.minidom.parseString(svg)
    assert {n.tagName for n in dom.getElementsByTagName("*")} <= {
        "svg", "title", "linearGradient", "stop", "clipPath", "rect", "g", "text"}
