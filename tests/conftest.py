"""Shared helpers: fixture repositories are built in each test from real files and real text."""
from __future__ import annotations

import io
import json
import os
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from mof_lint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tiny-gpt"
SCHEMAS = ROOT / "schemas"

# The first paragraph of the Apache License 2.0 and the MIT License, verbatim.
APACHE_HEAD = """
                                 Apache License
                           Version 2.0, January 2004
                        http://www.apache.org/licenses/

   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION
"""
MIT_TEXT = """MIT License

Copyright (c) 2024 Example Authors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.
"""

TORCH_MODEL = """import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(x)
"""

TRAIN_LOOP = """import torch
from model import Net

model = Net()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for x, y in []:
    loss = torch.nn.functional.mse_loss(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
"""


def build(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write `files` (path -> text or bytes) under root and return root."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def build_chains(root: Path, chains: list[list[str]]) -> set[str]:
    """Files from chains of names ("a", "a.b", "x" -> the file a/a.b/x), skipping a chain whose file
    or folders another chain's are in the way of; returns the paths made."""
    made: set[str] = set()
    for chain in chains:
        path = "/".join(chain)
        if any(path == m or path.startswith(m + "/") or m.startswith(path + "/") for m in made):
            continue
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("x")
        made.add(path)
    return made


def run(*args: str) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def check_json(path: Path | str, *extra: str) -> dict:
    code, out, _ = run("check", str(path), "--format", "json", *extra)
    assert code in (0, 1)
    return json.loads(out)


def component(report: dict, key: str) -> dict:
    return next(c for c in report["components"] if c["key"] == key)


def git(root: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path):
    made = []

    def make(files: dict[str, str | bytes]) -> Path:
        made.append(files)
        return build(tmp_path / f"repo{len(made)}", files)
    return make
