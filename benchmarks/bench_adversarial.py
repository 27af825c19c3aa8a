#!/usr/bin/env python3
"""Bounded resources on adversarial input: every regex and parser that sees untrusted text, timed on
inputs built to make a backtracking engine suffer, and peak memory of `mof-lint check` on the same
small tree with tiny versus huge (sparse) files.

Usage: python3 benchmarks/bench_adversarial.py
Prints the slowest case per function (milliseconds), the two peak RSS figures (MiB), and one
`mof-lint check` per hostile tree of issue 11 (outputs, git and symlinks, regex shapes, nesting).
"""
from __future__ import annotations

import os
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


# The peak resident memory of the interpreter that evaluates it, in MiB. Not ru_maxrss: Linux keeps a
# process's peak across fork and exec, so a child started by this (large) benchmark would report the
# benchmark's own peak; VmHWM belongs to the child's address space alone.
PEAK_MIB = ("int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) / 1024")


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
                [sys.executable, "-c", "import sys; from mof_lint.cli import main; "
                 f"main(['check', {tmp!r}, '--format', 'json']); "
                 f"sys.stderr.write(str({PEAK_MIB}))"],
                capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT / "src"))).stderr.strip()
                or "nan"))
    return out[0], out[1]


def bench_outputs(links: int = 50_000) -> None:
    """Bounded output: a tree of `links` symlinks out of the root through `check` (time), the JSON,
    SARIF (bytes, gzip) and GitHub formats, and the check-run requests a local HTTP server counts."""
    import gzip
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from mof_lint.check import run_check
    from mof_lint.report import github, json_report, markdown, sarif
    from mof_lint.report.github_api import client, publish_check_run

    requests = []

    class CheckRuns(BaseHTTPRequestHandler):
        def _answer(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            requests.append(self.command)
            body = json.dumps({"id": 42, "url": f"http://127.0.0.1:{server.server_port}/repos/o/r/check-runs/42"})
            self.send_response(201 if self.command == "POST" else 200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body.encode())
        do_POST = do_PATCH = _answer

        def log_message(self, *args):
            pass

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "README.md").write_text("# Model\n")
        for i in range(links):
            os.symlink("/etc/hostname", os.path.join(tmp, f"link{i:05d}"))
        t = time.perf_counter()
        report = run_check(tmp)
        check_s = time.perf_counter() - t
        data = json_report.as_dict(report)
        sarif_text = sarif.render(report)
        server = ThreadingHTTPServer(("127.0.0.1", 0), CheckRuns)
        threading.Thread(target=server.serve_forever, daemon=True).start()

        def publish() -> float:  # paced as in the Action
            t = time.perf_counter()
            publish_check_run(client("t", f"http://127.0.0.1:{server.server_port}"), "o/r", "a" * 40, report,
                              markdown.render(report), "success")
            return time.perf_counter() - t
        publish_s = publish()
        grouped = (len(requests), requests[:])
        # the caps behind the grouping: 50,000 findings that are all different (no grouping helps)
        from mof_lint.findings import Finding
        report.findings = [Finding("MOF202", f"finding {i}", path=f"f{i}", line=1) for i in range(links)]
        raw_sarif = sarif.render(report)
        requests.clear()
        raw_publish_s = publish()
        server.shutdown()
    print(f"{links:,} symlinks out of the root: check {check_s:.2f} s; "
          f"{data['stats']['findings'].get('MOF401', 0):,} MOF401 findings summed up to "
          f"{len(data['findings'])} findings in all")
    print(f"  SARIF {len(sarif_text.encode()) / 1024:.0f} KiB ({len(gzip.compress(sarif_text.encode())) / 1024:.1f} KiB gzip), "
          f"{len(json.loads(sarif_text)['runs'][0]['results'])} results; "
          f"{len(github.annotations(report.findings))} workflow commands")
    print(f"  check run: {grouped[0]} request(s) ({', '.join(grouped[1])}), {publish_s:.2f} s with pacing")
    print(f"{links:,} different findings (caps only): SARIF {len(raw_sarif.encode()) / 2 ** 20:.1f} MiB "
          f"({len(gzip.compress(raw_sarif.encode())) / 2 ** 20:.2f} MiB gzip), "
          f"{len(json.loads(raw_sarif)['runs'][0]['results'])} results; check run: {len(requests)} requests, "
          f"{raw_publish_s:.2f} s with pacing")


def bench_git_and_symlinks(n: int = 10_000) -> None:
    """Hostile trees for the listing (seconds of one check or listing each): FIFOs everywhere
    (README.md, LICENSE, a .py, .gitignore) in a plain tree and in a git work tree, a FIFO .gitignore
    in an untracked folder (git waits on it: the short untracked-listing timeout, then a walk), the
    pathological ignore pattern against 1,000 names of 60 a's, and `n` submodules x `n` folders."""
    import re

    from mof_lint.check import run_check
    from mof_lint.repo import UNTRACKED_TIMEOUT, RepoView

    def git(root, *args, stdin=None):
        subprocess.run(["git", "-C", root, "-c", "user.name=b", "-c", "user.email=b@b", *args], input=stdin,
                       check=True, capture_output=True)

    def timed_check(root):
        t = time.perf_counter()
        run_check(root)
        return time.perf_counter() - t

    print("hostile trees (one check each):")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("plain", "git"):
            root = os.path.join(tmp, kind)
            os.makedirs(os.path.join(root, "sub"))
            if kind == "git":
                git(root, "init", "-q")
            for name in (".gitignore", "README.md", "LICENSE", "model.py", "sub/.gitignore"):
                os.mkfifo(os.path.join(root, name))
            Path(root, "train.py").write_text("import torch\n")
            print(f"  FIFOs as .gitignore, README.md, LICENSE, model.py ({kind:5s}) {timed_check(root):6.2f} s")
        root = os.path.join(tmp, "untracked-fifo")
        os.makedirs(os.path.join(root, "new"))
        Path(root, "model.py").write_text("import torch\n")
        git(root, "init", "-q")
        git(root, "add", "-A")
        git(root, "commit", "-qm", "x")
        os.mkfifo(os.path.join(root, "new", ".gitignore"))
        print(f"  FIFO .gitignore in an untracked folder (git)  {timed_check(root):6.2f} s  "
              f"(git waits on it: {UNTRACKED_TIMEOUT:g} s timeout, then a walk)")

        pattern = "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b"
        root = os.path.join(tmp, "pattern")
        os.makedirs(root)
        for i in range(1000):
            Path(root, "a" * 60 + f"{i:04d}").write_text("x")
        Path(root, ".gitignore").write_text((pattern + "\n") * 100)
        Path(root, ".mof-lint.yml").write_text(f"exclude: ['{pattern}']\n")
        t = time.perf_counter()
        RepoView(root, exclude=[pattern])
        re2_s = time.perf_counter() - t
        from pathspec.patterns.gitwildmatch import GitWildMatchPattern
        backtracking = re.compile(GitWildMatchPattern.pattern_to_regex(pattern)[0])
        t = time.perf_counter()
        backtracking.match("a" * 22)
        re_s = time.perf_counter() - t
        print(f"  '{pattern}' x 101 vs 1,000 names of 60 a's   {re2_s:6.2f} s  (listing on re2; Python's re "
              f"takes {re_s:.2f} s on ONE name of 22 a's, about x3.5 per 2 more)")

        root = os.path.join(tmp, "submodules")
        os.makedirs(root)
        git(root, "init", "-q")
        blob = subprocess.run(["git", "-C", root, "hash-object", "-w", "--stdin"], input=b"x = 1\n",
                              capture_output=True, check=True).stdout.decode().strip()
        index = [f"160000 {'1' * 40} 0\tmodules/sub{i}" for i in range(n)]
        index += [f"100644 {blob} 0\tpkg{i}/lib/file.py" for i in range(n)]
        git(root, "update-index", "--index-info", stdin="\n".join(index).encode() + b"\n")
        for i in range(n):
            os.makedirs(os.path.join(root, "modules", f"sub{i}"))  # submodules not cloned: empty folders
            os.makedirs(os.path.join(root, f"pkg{i}", "lib"))
            Path(root, f"pkg{i}", "lib", "file.py").write_text("x = 1\n")
        t = time.perf_counter()
        view = RepoView(root)
        list_s = time.perf_counter() - t
        print(f"  {n:,} submodules x {n:,} folders (git)       {list_s:6.2f} s listing ({len(view.files):,} files, "
              f"{len(view.submodules):,} submodules), {timed_check(root):.2f} s check")


def _shape_trees() -> dict:
    """name -> {path: text} of the attacks on regular expressions and multiplied work (see
    tests/test_shapes.py), each inside an otherwise ordinary small repository."""
    record = "  - name: d{i}\n    url: https://example.org/{i}.jsonl\n    license: CC-BY-4.0\n"
    manifest = "datasets:\n" + "".join(record.format(i=i) for i in range(128 * 1024 // len(record.format(i=1000))))
    markdown = "".join(f"## Results {i}\n\nsee https://example.org/{i} and arXiv:2401.{i % 99999:05d}\n\n"
                       for i in range(19_000))  # 1 MiB
    return {
        "4 KiB LICENSE: SPDX-License-Identifier: + spaces": {"LICENSE": "SPDX-License-Identifier:" + " " * 3000 + "\x01"
                                                              + "x" * 1000},  # within the 4,000 characters read
        "ten 2 KiB .py headers of spaces": {f"src/m{i}.py": "# SPDX-License-Identifier:" + " " * 2000 + "\x01\n"
                                             for i in range(10)},
        "12 KiB README results table": {"README.md": "## Results\n\n| model | acc |\n|---|---|\n"
                                        + "".join(f"| m{i} | 1{' ' * 2000}x |\n" for i in range(6))},
        "CITATION.cff license: + spaces": {"CITATION.cff": "cff-version: 1.2.0\nlicense: " + " " * 4000 + "\x01\n"},
        "pyproject.toml + setup.cfg of newlines": {"pyproject.toml": "\n" * 60_000 + "x",
                                                   "setup.cfg": "\n" * 60_000 + "x"},
        "license title of 64 K parentheses": {"LICENSE": "(" * 65_000 + "\x01\nPermission is granted.\n"},
        "31 MiB of Markdown, headings and links": {f"docs/d{i:02d}.md": markdown for i in range(31)},
        "40 x 128 KiB data manifests": {f"data/s{i:02d}/manifest.yaml": manifest for i in range(40)},
    }


def bench_shapes(src: str | None = None, timeout: float = 120.0) -> None:
    """Time and peak memory of `mof-lint check` on a tree holding each attack (a fresh interpreter
    each; `src`, or BENCH_SHAPES_SRC, runs another checkout's code, e.g. the one before the fix)."""
    _time_trees("regex and multiplied-work attacks", _shape_trees(), src, timeout)


def _content_trees() -> dict:
    """Trees that fill each kind of content read to its count cap with costly files, and one with
    all of them at once (the per-kind byte budgets and the one time budget are what bound them)."""
    code = "".join(f"def f{i}(x, y=[1, {{'a': (3, 4)}}]):\n    return [a + b for a, b in zip(x, y)] if x else "
                   f"{{k: v for k, v in y}}\n" for i in range(600))[:64 << 10]
    config = "".join(f"learning_rate_{i}: 0.001\nbatch_size_{i}: [1, 2, 3]\ndata_path_{i}: "
                     f"'https://example.org/x{i}.jsonl'\n" for i in range(4000))[:200_000]
    license_text = ("Permission is hereby granted, free of charge, to any person obtaining a copy of this "
                    "software, to deal in the Software without restriction. " * 600)[:64 << 10]
    shapes = ("![", "[", "*_", "[x](", "![x](", "_a_")
    cards = {f"model_card_{i}.md": (shapes[i % 6] * 70_000)[:128 << 10] for i in range(60)}
    python = {f"train_model_{i}.py": code for i in range(300)}
    configs = {f"configs/config_{i}.yaml": config for i in range(400)}
    licenses = {f"LICENSE-{i}": license_text for i in range(200)}
    flow = "a:\n" + "".join(f"  k{i}: [1, 2, 3]\n" for i in range(15_000))
    yaml = {"mof.yml": flow[:250_000], "data/datasets.yaml": flow[:60_000], "eval/datasets.yaml": flow[:60_000]}
    every = {**dict(list(cards.items())[:12]), **dict(list(python.items())[:100]),
             **dict(list(configs.items())[:60]), **dict(list(licenses.items())[:80]), **yaml}
    import json
    import struct
    header = json.dumps({f"t{i}": {"dtype": "F32", "shape": [1, 2], "data_offsets": [0, 8]}
                         for i in range(200_000)}).encode()
    shards = {f"model-{k:05d}.safetensors": struct.pack("<Q", len(header)) + header + b"\0" * 8 for k in range(6)}
    pdfs = {f"paper{i}.pdf": b"%PDF-1.4\n" + b"/Type/Pages " * 87_000 for i in range(5)}
    return {"6 safetensors shards of 14 MB headers": shards, "5 PDFs of 1 MB of '/Type/Pages'": pdfs,
            "60 cards of dense link/emphasis markup (128 KiB)": cards, "300 x 64 KiB of dense Python": python,
            "400 x 200 KB configuration files": configs, "200 license texts of 64 KiB": licenses,
            "YAML of 250 KB / 60 KB of flow sequences": yaml, "all of the above at once (smaller counts)": every}


def bench_content(src: str | None = None, timeout: float = 120.0) -> None:
    """Each kind of content read filled to its cap with costly files (issue 11's budgets)."""
    _time_trees("content reads at their caps", _content_trees(), src, timeout)


def _time_trees(title: str, trees: dict, src: str | None, timeout: float) -> None:
    """One `mof-lint check` per tree, each in a fresh interpreter: seconds and peak memory."""
    src = src or os.environ.get("BENCH_SHAPES_SRC")
    code = ("import sys,time; from mof_lint.cli import main; t=time.perf_counter(); "
            "main(['check', sys.argv[1], '--format', 'json']); "
            f"sys.stderr.write('%.2f %.1f' % (time.perf_counter()-t, {PEAK_MIB}))")
    print(f"{title}, one `mof-lint check` each ({src or 'this checkout'}):")
    for name, files in trees.items():
        with tempfile.TemporaryDirectory() as tmp:
            Path(tmp, "model.py").write_text("import torch\n")
            for rel, text in files.items():
                Path(tmp, rel).parent.mkdir(parents=True, exist_ok=True)
                if isinstance(text, bytes):
                    Path(tmp, rel).write_bytes(text)
                else:
                    Path(tmp, rel).write_text(text)
            try:
                run = subprocess.run([sys.executable, "-c", code, tmp], capture_output=True, text=True, timeout=timeout,
                                     env=dict(os.environ, PYTHONPATH=src or str(ROOT / "src")))
                seconds, mib = run.stderr.strip().split()[-2:]
                print(f"  {name:44s} {float(seconds):7.2f} s  {float(mib):6.1f} MiB")
            except subprocess.TimeoutExpired:
                print(f"  {name:44s} over {timeout:.0f} s (stopped)")


def bench_nesting(depth: int = 100_000) -> None:
    """Time and peak memory of `mof-lint check` (a fresh interpreter each) on a repository holding
    one file nested `depth` levels deep, for every parser that reads repository files."""
    import struct
    brackets = "[" * depth + "]" * depth
    header = ('{"x": ' + brackets + "}").encode()
    cases = [  # (what, path, content)
        ("config.json [[[[", "config.json", brackets),
        ("package.json {{{{", "package.json", '{"a": ' * depth + "1" + "}" * depth),
        ("safetensors header", "model.safetensors", struct.pack("<Q", len(header)) + header),
        ("notebook JSON", "analysis.ipynb", '{"cells": ' + brackets + "}"),
        ("notebook code f()()()", "analysis.ipynb",
         '{"cells": [{"cell_type": "code", "source": "x = f' + "()" * depth + '"}]}'),
        ("model.py f()()()", "model.py", "x = f" + "()" * depth + "\n"),
        ("model.py ((((", "model.py", "x = " + "(" * depth + ")" * depth),
        ("train.py 1+1+1", "train.py", "x = 1" + "+1" * depth + "\n"),
        ("manifest flow [[[[", "data/manifest.yaml", "datasets: " + brackets),
        ("manifest block - - -", "data/manifest.yaml", "datasets:\n" + "- " * depth + "x"),
        ("mof.yml {a: {a:", "mof.yml", "framework: " + "{a: " * depth + "x" + "}" * depth),
        ("card front matter - - -", "README.md", "---\ntags:\n" + "- " * (depth // 4) + "x\n---\n# Model\n"),
        ("pyproject.toml {a = {a =", "pyproject.toml", "[project]\nx = " + "{a = " * depth + "1" + "}" * depth),
        ("croissant.json [[[[", "croissant.json", '{"@context": {}, "x": ' + brackets + "}"),
        ("card license (MIT OR (", "README.md", "---\nlicense: '" + "(MIT OR " * 1000 + "MIT" + ")" * 1000 + "'\n---\n"),
    ]
    probe = ("import sys,time; from mof_lint.cli import main; t=time.perf_counter(); "
             "code=main(['check', sys.argv[1], '--format', 'json']); "
             f"print(code, time.perf_counter()-t, {PEAK_MIB}, file=sys.stderr)")
    print(f"nesting {depth:,} deep, one `mof-lint check` each (exit code, seconds, peak RSS):")
    for what, rel, content in cases:
        with tempfile.TemporaryDirectory() as tmp:
            Path(tmp, rel).parent.mkdir(parents=True, exist_ok=True)
            Path(tmp, rel).write_bytes(content if isinstance(content, bytes) else content.encode())
            proc = subprocess.run([sys.executable, "-c", probe, tmp], capture_output=True, text=True,
                                  env=dict(os.environ, PYTHONPATH=str(ROOT / "src")))
            code, seconds, mib = (proc.stderr.strip().splitlines() or ["? 0 0"])[-1].split()[-3:]
            print(f"  {what:28s} exit {code}  {float(seconds):6.2f} s  {float(mib):6.1f} MiB")

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
    bench_outputs()
    bench_git_and_symlinks()
    bench_shapes()
    bench_content()
    bench_nesting()
    return 0


if __name__ == "__main__":
    sys.exit(main())
