"""The container action, built and run once -- where a Docker daemon and a base image are at hand.

Base images cannot be pulled on the project's machines; the README ("Docker") shows how to import a
local one. Set MOF_LINT_DOCKER_BASE to its tag (default: local/python-base:bookworm) to run this."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import EXAMPLE, ROOT

CANDIDATES = [os.environ.get("MOF_LINT_DOCKER_BASE"), "local/python-base:bookworm", "python:3.12.8-slim-bookworm"]


def _base_image() -> str | None:
    """The first candidate base that the local Docker daemon has (nothing is pulled)."""
    if shutil.which("docker") is None:
        return None
    for image in filter(None, CANDIDATES):
        try:
            if subprocess.run(["docker", "image", "inspect", image], capture_output=True, timeout=20).returncode == 0:
                return image
        except (OSError, subprocess.SubprocessError):
            return None
    return None


BASE = _base_image()


@pytest.mark.skipif(BASE is None, reason="no Docker daemon, or none of the base images is present locally")
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
