"""The container action, built and run once -- where a Docker daemon and a base image are at hand.

Base images cannot be pulled on the project's machines; the README ("Docker") shows how to import a
local one. Set MOF_LINT_DOCKER_BASE to its tag (default: local/python-base:bookworm) to run this."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import EXAMPLE, ROOT

BASE = os.environ.get("MOF_LINT_DOCKER_BASE", "local/python-base:bookworm")


def _docker_ready() -> bool:
    if shutil.which("docker") is None:
        return False
    try:
        info = subprocess.run(["docker", "image", "inspect", BASE], capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return False
    return info.returncode == 0


@pytest.mark.skipif(not _docker_ready(), reason=f"no Docker daemon or no base image {BASE}")
def test_image_builds_and_runs_the_action_once(tmp_path):
    tag = "mof-lint:test"
    build = subprocess.run(["docker", "build", "--network", "host", "--build-arg", f"BASE={BASE}", "-t", tag, "."],
                           cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws / "model")
    (ws / "out").touch()
    run = subprocess.run(["docker", "run", "--rm", "--network", "none", "-v", f"{ws}:/github/workspace",
                          "-e", "GITHUB_WORKSPACE=/github/workspace", "-e", "INPUT_PATH=model",
                          "-e", "INPUT_MIN-CLASS=2", "-e", "INPUT_SARIF-FILE=mof.sarif",
                          "-e", "GITHUB_OUTPUT=/github/workspace/out", tag, "action"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "class=2" in (ws / "out").read_text()
    assert (ws / "mof.sarif").is_file()
