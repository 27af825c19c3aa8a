#!/usr/bin/env python3
"""Bounded resources on adversarial input: every regex and parser that sees untrusted text, timed on
inputs built to make a backtracking engine suffer, and peak memory of `mof-lint check` on the same
small tree with tiny versus huge (sparse) files.

Usage: python3 benchmarks/bench_adversarial.py
Prints the slowest case per function (milliseconds) and the two peak RSS figures (MiB).
"""
from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

N = 200_000  # characters per adversarial string (the readers cap files at 1 MiB of text)
CASES = {
    "spaces": " " * N,
    "one word": "a" * N,
    "nested brackets": "[" * (N // 2) + "]" * (N // 2),
    "almost a link": "[x](" * (N // 4),
    "licensed under": "licensed under the " * (N // 19),
    "neither the name of": "neither the name of " * (N // 20),
    "copyright lines": "copyright (c) 2024 x\n" * (N // 21),
    "urls": "https://x.org/" * (N // 14),
    "arxiv-ish": "arXiv:2401." * (N // 11),
    "open source claims": "is a fully open source " * (N // 23),
    "yaml-ish": "a: [" * (N // 4),
}


def targets():
    from mof_lint.declarations import OPENNESS_CLAIM
    from mof_lint.detectors import markdown
    from mof_lint.detectors.licenses import _statements
    from mof_lint.licenses.matcher import identify_text
    from mof_lint.licenses.normalize import words
    from mof_lint.report.markdown import md
    from mof_lint.yamlio import YamlError, load_yaml

    def yaml(text):
        try:
            load_yaml(text[:20000], "x")
        except YamlError:
            pass
    return {
        "license matcher": identify_text,
        "license normaliser": words,
        "markdown parse": lambda t: markdown.parse("README.md", t),
        "license prose (per line)": lambda t: list(_statements(t[:2000], "License", {})),
        "openness claims (per line)": lambda t: OPENNESS_CLAIM.search(t[:3000]),
        "markdown escaping": md,
        "yaml (front matter size)": yaml,
    }


def rss_of(cmd) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


def memory_vs_file_size() -> tuple[float, float]:
    out = []
    for size in (1024, 20 * 1024 ** 3):
        with tempfile.TemporaryDirectory() as tmp:
            for name in ("README.md", "LICENSE", "data/train.jsonl", "weights/model.bin", "notes.txt"):
                p = Path(tmp, name)
                p.parent.mkdir(parents=True, exist_ok=True)
                with open(p, "wb") as fh:
                    fh.write(b"# x\n")
                    fh.truncate(size)  # sparse: no disk used
            # a fresh interpreter per size, so the peak is this run's alone
            out.append(float(subprocess.run(
                [sys.executable, "-c", "import resource,sys; from mof_lint.cli import main; "
                 f"main(['check', {tmp!r}, '--format', 'json']); "
                 "sys.stderr.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))"],
                capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT / "src"))).stderr.strip()
                or "nan"))
    return out[0], out[1]


def main() -> int:
    funcs = targets()
    print(f"adversarial inputs of {N:,} characters; slowest case per function:")
    for fname, fn in funcs.items():
        worst, worst_case = 0.0, ""
        for cname, text in CASES.items():
            t = time.perf_counter()
            fn(text)
            dt = time.perf_counter() - t
            if dt > worst:
                worst, worst_case = dt, cname
        print(f"  {fname:28s} {worst * 1000:8.1f} ms  ({worst_case})")
    small, huge = memory_vs_file_size()
    print(f"peak RSS, 5 files of 1 KiB     {small:6.1f} MiB")
    print(f"peak RSS, 5 files of 20 GiB    {huge:6.1f} MiB  (sparse; memory does not follow file size)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
