#!/usr/bin/env python3
"""Speed and memory of `mof-lint check` on a synthetic model repository, next to a bare
`os.scandir` walk of the same tree measured in the same run.

Usage: python3 benchmarks/bench_tree.py [--files 10000] [--keep DIR]
Prints: files, bare walk seconds, mof-lint seconds, ratio, mof-lint peak RSS (MiB), start-up time.
The tree mixes code, configs, Markdown, data shards and a few large *sparse* weight files (so the
benchmark needs no disk space for them and shows that mof-lint never reads tensor data).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CODE = "import torch\nimport torch.nn as nn\n\n\nclass Block{n}(nn.Module):\n    def forward(self, x):\n        return x\n"
CONFIG = "learning_rate: 3.0e-4\nbatch_size: 64\nmax_steps: {n}\n"
DOC = "# Module {n}\n\nSee [the paper](https://arxiv.org/abs/2401.{n:05d}).\n"


def make_tree(root: str, files: int) -> None:
    per_dir = 200
    for i in range(files):
        d = os.path.join(root, f"pkg{i // per_dir // 20}", f"sub{i // per_dir}")
        os.makedirs(d, exist_ok=True)
        kind = i % 10
        if kind < 6:
            name, text = f"mod{i}.py", CODE.format(n=i)
        elif kind < 8:
            name, text = f"cfg{i}.yaml", CONFIG.format(n=i)
        elif kind < 9:
            name, text = f"notes{i}.md", DOC.format(n=i % 100000)
        else:
            name, text = f"shard{i}.jsonl", '{"text": "hello"}\n' * 50
        with open(os.path.join(d, name), "w") as fh:
            fh.write(text)
    with open(os.path.join(root, "README.md"), "w") as fh:
        fh.write("# Synthetic model\n\n## Model details\nA model.\n")
    with open(os.path.join(root, "LICENSE"), "w") as fh:
        fh.write("SPDX-License-Identifier: Apache-2.0\n")
    os.makedirs(os.path.join(root, "weights"), exist_ok=True)
    for k in range(3):  # 3 x 50 GB sparse files
        with open(os.path.join(root, "weights", f"model-0000{k}.safetensors"), "wb") as fh:
            fh.write(b"\x02\x00\x00\x00\x00\x00\x00\x00{}")
            fh.truncate(50 * 1024 ** 3)


def bare_walk(root: str, with_stat: bool = True) -> int:
    """The floor: list every file of the tree (and stat it, as a linter that wants sizes must)."""
    n = 0
    stack = [root]
    while stack:
        with os.scandir(stack.pop()) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    stack.append(e.path)
                else:
                    if with_stat:
                        e.stat(follow_symlinks=False)
                    n += 1
    return n


def make_git_index(root: str) -> None:
    """Make the tree a git work tree whose index lists every file, without hashing 150 GB of sparse
    weights: each path is entered with the empty blob's id (`git ls-files` reads only the index)."""
    subprocess.run(["git", "init", "-q", root], check=True)
    paths = []
    for folder, _dirs, files in os.walk(root):
        if ".git" in folder.split(os.sep):
            continue
        paths += [os.path.relpath(os.path.join(folder, f), root) for f in files]
    info = "".join(f"100644 e69de29bb2d1d6434b8b29ae775ad8c2e48c5391\t{p}\n" for p in paths)
    subprocess.run(["git", "-C", root, "update-index", "--add", "--index-info"], input=info.encode(), check=True)


def timed_walk(root: str, with_stat: bool = True) -> tuple[int, float]:
    t = time.perf_counter()
    n = bare_walk(root, with_stat)
    return n, time.perf_counter() - t


NAMES_ONLY_PROCESS = (
    "import os, sys\n"
    "stack, n = [sys.argv[1]], 0\n"
    "while stack:\n"
    "    with os.scandir(stack.pop()) as it:\n"
    "        for e in it:\n"
    "            if e.is_dir(follow_symlinks=False): stack.append(e.path)\n"
    "            else: n += 1\n"
    "print(n)\n")


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of a child process. A child that fails (exit 2 and above: a
    usage or internal error, or mof-lint not importable) stops the benchmark: its time would be
    the time of a failure, not of a check."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    done = subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t
    if done.returncode not in (0, 1):  # mof-lint check: 0 passed, 1 findings at the threshold
        raise SystemExit(f"bench_tree: {' '.join(cmd[:4])} … exited {done.returncode}:\n"
                         f"{done.stderr.decode(errors='replace')[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def ensure_bytecode() -> str:
    """Compile mof-lint's modules the way `pip install .` does, where their bytecode is missing or
    older than the source. An editable install run under PYTHONDONTWRITEBYTECODE=1 (this project's
    machines set it) writes no `__pycache__`, and one edited module compiles on every run (13
    modules: 0.1 s): the figure would then time the compiler, not a check. Installed packages (the
    README's first command, the Action's image) carry their bytecode. Every module is checked, not
    one: a stale module among cached ones was what the earlier check missed."""
    import compileall
    import importlib.util
    spec = importlib.util.find_spec("mof_lint")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("bench_tree: mof_lint is not importable; install it first (pip install -e .)")
    pkg = list(spec.submodule_search_locations)[0]
    stale = []
    for folder, _dirs, files in os.walk(pkg):
        for name in files:
            if name.endswith(".py"):
                source = os.path.join(folder, name)
                cached = importlib.util.cache_from_source(source)
                if not os.path.isfile(cached) or os.path.getmtime(cached) < os.path.getmtime(source):
                    stale.append(source)
    if not stale:
        return "cached"
    compileall.compile_dir(pkg, quiet=1)
    return f"{len(stale)} modules compiled now in {pkg} (missing or older than their source)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--keep", help="build the tree here and keep it")
    ap.add_argument("--repeat", type=int, default=5, help="runs of each measurement (medians are printed)")
    ap.add_argument("--git", action="store_true", help="also time the tree as a git work tree (listed with "
                    "`git ls-files` instead of a walk)")
    ap.add_argument("--docker", metavar="IMAGE", help="also time `docker run --rm IMAGE --version` (the "
                    "Action's container start), e.g. an image built with `docker build -t mof-lint .`")
    args = ap.parse_args()
    root = args.keep or tempfile.mkdtemp(prefix="mof-bench-")
    try:
        if not os.path.exists(os.path.join(root, "README.md")):
            make_tree(root, args.files)
        if os.path.isdir(os.path.join(root, ".git")):
            # left by an earlier --git run on a kept tree: the walk figures below must time a walk
            shutil.rmtree(os.path.join(root, ".git"))
        # Alternate the runs and take medians: the machine's noise (page cache, other jobs) hits both.
        bytecode = ensure_bytecode()
        walks, names_only, names_proc, checks, rss = [], [], [], [], 0.0
        for _ in range(args.repeat):
            n, w = timed_walk(root)
            walks.append(w)
            names_only.append(timed_walk(root, with_stat=False)[1])
            # the same walk as a whole process (interpreter start-up included, as for mof-lint)
            names_proc.append(timed([sys.executable, "-c", NAMES_ONLY_PROCESS, root])[0])
            wall, peak = timed([sys.executable, "-m", "mof_lint", "check", root, "--format", "json"])
            checks.append(wall)
            rss = max(rss, peak)
        start, _ = timed([sys.executable, "-m", "mof_lint", "--version"])
        walk, bare_names, names_process, wall = (statistics.median(x) for x in (walks, names_only, names_proc,
                                                                                 checks))
        print(f"files            {n}  (median of {args.repeat} runs each)")
        print(f"bare walk        {walk:.3f} s  (os.scandir + stat of every file)")
        print(f"mof-lint check   {wall:.3f} s  (ratio {wall / walk:.1f}x, includes interpreter start-up)")
        print(f"names-only walk  {bare_names:.3f} s  (os.scandir without stat, in this process; ratio "
              f"{wall / bare_names:.1f}x)")
        print(f"  as a process   {names_process:.3f} s  (python3 -c <the same walk>, start-up included; ratio "
              f"{wall / names_process:.1f}x)")
        print(f"peak RSS         {rss:.0f} MiB")
        print(f"start-up         {start:.3f} s  (mof-lint --version)")
        print(f"bytecode         {bytecode}")
        if args.git:
            if not os.path.isdir(os.path.join(root, ".git")):
                make_git_index(root)
            runs = [timed([sys.executable, "-m", "mof_lint", "check", root, "--format", "json"])[0]
                    for _ in range(args.repeat)]
            git_wall = statistics.median(runs)
            print(f"as a git tree    {git_wall:.3f} s  (ratio {git_wall / walk:.1f}x the stat walk)")
        if args.docker and shutil.which("docker"):
            runs = [timed(["docker", "run", "--rm", "--network", "none", args.docker, "--version"])[0]
                    for _ in range(3)]
            print(f"container start  {min(runs):.3f} s  (docker run --rm {args.docker} --version, best of 3)")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
