"""Random-repository fuzzing of the whole tool: build small trees from fragments that matter to
the detectors (front matter, license names, LFS pointers, weight headers, YAML aliases, workflow
commands, invalid UTF-8, random bytes), run `check` in every format plus `licenses` and `badge`,
and report any traceback, unexpected exit code, invalid JSON or stray workflow command.

Usage: python3 tools/fuzz_trees.py [--runs 300] [--seed 1]
Measured: 800 trees (seeds 7 and 99), no failure. A failing tree is kept in /tmp/mof-fuzz-<n>.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import sys
import tempfile
import traceback

from mof_lint.cli import main as cli

NAMES = ["README.md", "LICENSE", "LICENSE-MODEL", "config.json", "mof.yml", "data/manifest.yaml", "croissant.json",
         "model.py", "train.py", "CITATION.cff", "pyproject.toml", "setup.cfg", "package.json", "model.safetensors",
         "model.gguf", "DATA_CARD.md", "MODEL_CARD.md", "results.json", "demo.ipynb", "LICENSES/MIT.txt",
         "docs/paper.pdf", "weights/model-00001.bin", ".gitignore", ".gitmodules"]
FRAGMENTS = [b"---\nlicense: ", b"apache-2.0", b"\n---\n", b"# Title\n", b"## License\n", b"released under ",
             b"MIT License", b"{", b"}", b"[", b"]", b":", b"&a", b"*a", b"\xff\xfe", b"\x00", b"\n", b"\t",
             b"class M(nn.Module):\n", b"import torch\n", b"datasets:\n  - name: x\n    license: ", b"CC-BY-4.0",
             b"version https://git-lfs.github.com/spec/v1\noid sha256:", b"size 99999999999\n", b"%PDF-1.4",
             b"\x08\x00\x00\x00\x00\x00\x00\x00", b"GGUF", b"https://huggingface.co/", b"arxiv.org/abs/2401.00001",
             b"| a | b |\n|---|---|\n| 1 | 2 |\n", b"::error::x", b"<script>", b"%0A", b"\r\n",
             b"release:\n  components:\n"]
COMMANDS = ("::error ", "::warning ", "::notice ", "::group::", "::endgroup::")


def _run(args: list[str]) -> tuple[int | None, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli(args)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def _tree(rng: random.Random, root: str) -> None:
    for name in rng.sample(NAMES, rng.randint(1, len(NAMES))):
        path = os.path.join(root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = b"".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 40)))
        if rng.random() < 0.1:
            data = rng.randbytes(rng.randint(0, 3000))
        with open(path, "wb") as fh:
            fh.write(data)


def _problems(root: str) -> list[str]:
    found = []
    for fmt in ("json", "sarif", "github", "markdown", "text"):
        code, out, err = _run(["check", root, "--format", fmt])
        if code == 2 and "MOF305" in err:
            return found  # a broken .mof-lint.yml is a usage error, reported on its line
        if code not in (0, 1):
            found.append(f"check --format {fmt}: exit {code}: {err[:200]}")
        if fmt in ("json", "sarif"):
            json.loads(out)
        if fmt == "github":
            found += [f"stray command: {line[:100]}" for line in out.splitlines()
                      if line.startswith("::") and not line.startswith(COMMANDS)]
    for args in (["licenses", root], ["badge", root, "-o", os.path.join(root, "..", "fuzz-badge.svg")]):
        code, _, err = _run(args)
        if code not in (0, 1):
            found.append(f"{args[0]}: exit {code}: {err[:200]}")
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    failures = 0
    for n in range(args.runs):
        work = tempfile.mkdtemp(prefix="mof-fuzz-")
        root = os.path.join(work, "repo")
        os.mkdir(root)
        try:
            _tree(rng, root)
            try:
                problems = _problems(root)
            except Exception:  # noqa: BLE001 - the point is to catch anything
                problems = [traceback.format_exc(limit=5)]
            if problems:
                failures += 1
                keep = f"/tmp/mof-fuzz-{n}"
                shutil.copytree(root, keep, dirs_exist_ok=True)
                print(f"tree {n} (kept in {keep}):", *problems, sep="\n  ")
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(f"trees {args.runs}, failing {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
