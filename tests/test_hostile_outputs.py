"""Every file mof-lint writes or reads besides the scanned tree, and every answer it gets, may be
hostile: an output name the repository planted as a symlink, a folder or a FIFO; a report, event
file or GitHub API answer that is not what it should be; a tree that makes 50,000 findings. Each
write path is tried on each trap, each input on each malformation; nothing may leave the root,
block, or end in a traceback, and every output stays bounded."""
from __future__ import annotations

import contextlib
import json
import os
import re
import signal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, TORCH_MODEL, build, run
from mof_lint.findings import GROUP_AFTER, Finding
from mof_lint.report import github, markdown, sarif
from mof_lint.report.files import FileRefused, read_json, write_text
from test_action import APACHE, TOKEN, commands, run_in

SECRET = "the file outside the repository\n"


@contextlib.contextmanager
def no_block(seconds: int = 5):
    """Fail (instead of hanging the suite) when an open() blocks, on a FIFO say."""
    def stuck(signum, frame):
        raise TimeoutError("blocked")
    old = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def plant(ws: Path, name: str, trap: str) -> Path | None:
    """Put a trap where mof-lint will write `name`; returns the outside file a symlink points to."""
    path = ws / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if trap == "symlink":
        outside = ws.parent / f"outside-{path.name}"
        outside.write_text(SECRET)
        path.symlink_to(outside)
        return outside
    if trap == "symlinked folder":
        outside_dir = ws.parent / "outside-dir"
        outside_dir.mkdir(exist_ok=True)
        path.parent.rmdir()
        path.parent.symlink_to(outside_dir, target_is_directory=True)
        return outside_dir / path.name
    if trap == "folder":
        path.mkdir()
    elif trap == "fifo":
        os.mkfifo(path)
    return None


def assert_untouched(ws: Path, name: str, trap: str, outside: Path | None) -> None:
    if trap == "symlink":
        assert outside.read_text() == SECRET
    elif trap == "symlinked folder":
        assert not outside.exists()
    elif trap == "folder":
        assert (ws / name).is_dir() and not any((ws / name).iterdir())


TRAPS = ["symlink", "symlinked folder", "folder", "fifo"]
CLI_WRITES = [*(["check", ".", "--format", fmt, "-o"] for fmt in ("text", "json", "github", "sarif", "markdown")),
              ["badge", ".", "-o"], ["badge", ".", "--endpoint"]]


@pytest.mark.parametrize("trap", TRAPS)
@pytest.mark.parametrize("argv", CLI_WRITES, ids=lambda a: " ".join(a[:4]))
def test_cli_outputs_refuse_every_trap(tmp_path, monkeypatch, argv, trap):
    ws = build(tmp_path / "ws", {"model.py": TORCH_MODEL, "LICENSE": APACHE})
    name = "out/mof.json" if trap == "symlinked folder" else "mof.json"
    outside = plant(ws, name, trap)
    monkeypatch.chdir(ws)
    with no_block():
        code, _, err = run(*argv, name)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("mof-lint: ") and name.split("/")[0] in err
    assert {"symlink": "symlink", "symlinked folder": "symlink", "folder": "a folder", "fifo": "FIFO"}[trap] in err
    assert_untouched(ws, name, trap, outside)


@pytest.mark.parametrize("name", [".", "out/", "..", ""])
def test_a_folder_name_as_output_is_a_usage_error(tmp_path, monkeypatch, name):
    ws = build(tmp_path / "ws", {"model.py": TORCH_MODEL, "LICENSE": APACHE, "out/keep": "x"})
    monkeypatch.chdir(ws)
    code, _, err = run("check", ".", "-o", name)
    assert code == 2 and "not written" in err and "Traceback" not in err


def test_output_is_truncated_only_after_the_checks(tmp_path):
    target = tmp_path / "mof.json"
    target.write_text("x" * 10000)
    write_text(str(target), "short")
    assert target.read_text() == "short"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with no_block(), pytest.raises(FileRefused, match="FIFO"):
        write_text(str(fifo), "x")
    with pytest.raises(FileRefused, match="NUL"):
        read_json(str(tmp_path / "a\0b"))


@pytest.mark.parametrize("trap", TRAPS)
@pytest.mark.parametrize("starter", ["mof.yml", ".mof-lint.yml"])
def test_init_refuses_every_trap(tmp_path, starter, trap):
    root = build(tmp_path / "ws", {"model.py": TORCH_MODEL, "LICENSE": APACHE})
    if trap == "symlinked folder":  # init writes at the root: the root itself named through a link
        link = tmp_path / "link"
        link.symlink_to(root, target_is_directory=True)
        code, _, err = run("init", str(link))
        assert code == 2 and "symlink" in err and not (root / starter).exists()
        return
    outside = plant(root, starter, trap)
    with no_block():
        code, _, err = run("init", str(root), "--force")
    assert code == 2 and starter in err and "Traceback" not in err
    assert_untouched(root, starter, trap, outside)


@pytest.mark.parametrize("trap", TRAPS)
@pytest.mark.parametrize("what", ["report-file", "sarif-file", "badge-file"])
def test_action_outputs_refuse_every_trap_and_the_rest_is_produced(tmp_path, what, trap):
    ws = build(tmp_path / "ws", {"model.py": TORCH_MODEL, "LICENSE": APACHE})
    name = "out/mof.out" if trap == "symlinked folder" else "mof.out"
    outside = plant(ws, name, trap)
    with no_block():
        code, stdout, outputs = run_in(ws, **{f"INPUT_{what.upper()}": name})
    assert code == 0 and what not in outputs and outputs["class-name"]
    assert any(c.startswith("::warning") and f"{what} not written" in c for c in commands(stdout))
    assert (ws / "summary.md").read_text().startswith("## MOF openness")
    assert_untouched(ws, name, trap, outside)


def test_action_badge_endpoint_json_refuses_a_symlink(tmp_path):
    ws = build(tmp_path / "ws", {"model.py": TORCH_MODEL, "LICENSE": APACHE})
    outside = plant(ws, "b.endpoint.json", "symlink")
    code, stdout, outputs = run_in(ws, **{"INPUT_BADGE-FILE": "b.svg"})
    assert outputs["badge-file"] == "b.svg" and "badge-endpoint-file" not in outputs
    assert outside.read_text() == SECRET and "endpoint JSON not written" in stdout


def test_action_path_through_a_symlink_is_refused(tmp_path):
    ws = build(tmp_path / "ws", {"LICENSE": APACHE})
    (tmp_path / "elsewhere").mkdir()
    (ws / "model").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    code, stdout, _ = run_in(ws, INPUT_PATH="model")
    assert code == 2 and "goes through a symlink" in stdout


# ------------------------------------------------------------ malformed reports and event files
DEEP = "[" * 100_000 + "]" * 100_000
BAD_REPORTS = {
    "not JSON": ("<html>hello</html>", "not JSON"),
    "a list": ("[1, 2]", "not a mof-lint JSON report"),
    "foreign tool": ('{"tool": {"name": "other"}}', "not a mof-lint JSON report"),
    "class as text": ('{"tool": {"name": "mof-lint"}, "class": "3", "progress": {}}', "'class'"),
    "no progress": ('{"tool": {"name": "mof-lint"}, "class": 3, "strict_class": 2, "findings": []}', "progress"),
    "progress of the wrong shape": ('{"tool": {"name": "mof-lint"}, "class": 3, "strict_class": null, '
                                    '"progress": [1], "strict_progress": {"3": "x"}}', "progress"),
    "findings not a list": ('{"tool": {"name": "mof-lint"}, "findings": {"x": 1}}', "'findings'"),
    "deep nesting": (DEEP, "nested too deeply"),
    "not UTF-8": (b"\xff\xfe{}", "not UTF-8"),
}


def bad_input(tmp_path: Path, kind: str) -> tuple[Path, str]:
    path = tmp_path / "report.json"
    if kind == "missing":
        return path, "does not exist"
    if kind == "folder":
        path.mkdir()
        return path, "is a folder"
    if kind == "fifo":
        os.mkfifo(path)
        return path, "FIFO"
    if kind == "symlink":
        good = tmp_path / "good.json"
        good.write_text(run("check", str(EXAMPLE), "--format", "json")[1])
        path.symlink_to(good)
        return path, "symlink"
    content, why = BAD_REPORTS[kind]
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path, why


BAD_KINDS = [*BAD_REPORTS, "missing", "folder", "fifo", "symlink"]


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_merge_and_badge_refuse_a_bad_report_in_one_line(tmp_path, kind):
    path, why = bad_input(tmp_path, kind)
    good = tmp_path / "ok.json"
    good.write_text(run("check", str(EXAMPLE), "--format", "json")[1])
    with no_block():
        code, out, err = run("merge", str(good), str(path))
    assert code == 2 and err.count("\n") == 1 and str(path) in err and why in err
    assert "tiny-gpt" in out and "unreadable report" in out  # the good one is still in the table
    with no_block():
        code, out, err = run("badge", "--report", str(path))
    assert code == 2 and out == "" and err.count("\n") == 1 and str(path) in err and why in err


def test_badge_reads_a_good_report(tmp_path):
    good = tmp_path / "ok.json"
    good.write_text(run("check", str(EXAMPLE), "--format", "json")[1])
    code, out, _ = run("badge", "--report", str(good))
    assert code == 0 and ">Class II<" in out


@pytest.mark.parametrize("event", ["not JSON {", "[1, 2]", json.dumps({"pull_request": "7"}),
                                   json.dumps({"pull_request": {"number": "7", "base": [], "head": {"sha": 5}}}),
                                   DEEP, "missing", "folder"])
def test_a_bad_event_file_is_a_warning_and_the_run_goes_on(tmp_path, event):
    ws = build(tmp_path / "ws", {"model.py": TORCH_MODEL, "LICENSE": APACHE})
    path = tmp_path / "event.json"
    if event == "folder":
        path.mkdir()
    elif event != "missing":
        path.write_text(event)
    code, stdout, outputs = run_in(ws, GITHUB_EVENT_PATH=str(path), **{"INPUT_REPORT-FILE": "r.json"})
    assert code == 0 and outputs["report-file"] == "r.json" and outputs["class-name"]
    assert (ws / "summary.md").read_text().startswith("## MOF openness")
    if event in ("not JSON {", "[1, 2]", DEEP, "missing", "folder"):
        assert any("the event file" in c for c in commands(stdout))


# ------------------------------------------------------------ every command's PATH arguments
def trap_path(tmp_path: Path, kind: str) -> str:
    if kind == "missing":
        return str(tmp_path / "nothing-here")
    if kind == "fifo":
        os.mkfifo(tmp_path / "pipe")
        return str(tmp_path / "pipe")
    if kind == "file as folder":
        (tmp_path / "file").write_text("x")
        return str(tmp_path / "file") + "/"
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "LICENSE").write_text(APACHE)
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    return str(tmp_path / "link")


@pytest.mark.parametrize("kind", ["missing", "fifo", "file as folder", "symlink"])
@pytest.mark.parametrize("command", ["check", "licenses", "badge", "init", "classify"])
def test_every_command_refuses_a_path_it_cannot_examine(tmp_path, command, kind):
    path = trap_path(tmp_path, kind)
    with no_block():
        code, out, err = run(command, path)
    assert code == 2 and "Traceback" not in err and "internal error" not in err
    assert err.startswith("mof-lint: ") and path.rstrip("/") in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 folder anyway")
def test_licenses_on_an_unreadable_folder_exits_2(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        code, _, err = run("licenses", str(folder))
    finally:
        folder.chmod(0o755)
    assert code == 2 and "cannot be read" in err


# ------------------------------------------------------------ bounded output
N_LINKS = 500  # enough to sum up; the 50,000 of the issue are in benchmarks/bench_adversarial.py


@pytest.fixture(scope="module")
def links_tree(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("links")
    build(root, {"model.py": TORCH_MODEL, "LICENSE": APACHE, "README.md": "# Model\n"})
    for i in range(N_LINKS):
        os.symlink("/etc/hostname", root / f"link{i:05d}")
    return root


def test_repeated_findings_are_summed_up_in_every_format(links_tree):
    code, out, _ = run("check", str(links_tree), "--format", "json")
    report = json.loads(out)
    mof401 = [f for f in report["findings"] if f["rule"] == "MOF401"]
    assert len(mof401) == GROUP_AFTER + 1 and mof401[-1]["omitted"] == N_LINKS - GROUP_AFTER
    assert report["stats"]["findings"]["MOF401"] == N_LINKS
    summary = f"… and {N_LINKS - GROUP_AFTER:,} more MOF401 findings"
    assert summary in mof401[-1]["message"]
    for fmt in ("text", "markdown", "github"):
        out = run("check", str(links_tree), "--format", fmt)[1]
        assert out.count("MOF401") <= GROUP_AFTER + 2 and len(out) < 100_000  # the summary names it twice
    sarif_doc = json.loads(run("check", str(links_tree), "--format", "sarif")[1])
    assert len(sarif_doc["runs"][0]["results"]) == len(report["findings"])
    assert any(summary in r["message"]["text"] for r in sarif_doc["runs"][0]["results"])
    assert any(summary in line for line in run("check", str(links_tree), "--format", "text")[1].splitlines())


def _many(n: int, message: str = "finding {i}") -> list[Finding]:
    return [Finding("MOF202", message.format(i=i), path=f"file{i}.txt", line=i + 1) for i in range(n)]


def test_sarif_is_capped_by_count_and_size_with_a_note(links_tree, monkeypatch):
    from mof_lint.check import run_check
    report = run_check(str(links_tree))
    report.findings = _many(sarif.MAX_RESULTS + 700)
    run_doc = json.loads(sarif.render(report))["runs"][0]
    assert len(run_doc["results"]) == sarif.MAX_RESULTS and run_doc["properties"]["resultsLeftOut"] == 700
    assert "700 more findings" in run_doc["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    monkeypatch.setattr(sarif, "MAX_RESULT_BYTES", 1 << 20)  # the size cap, on a smaller scale
    report.findings = _many(1000, "é" * 5000 + " {i}")  # 1,000 results of 2,000 two-byte characters
    text = sarif.render(report)
    assert (1 << 20) < len(text.encode()) < (1 << 20) + (200 << 10)
    assert json.loads(text)["runs"][0]["properties"]["resultsLeftOut"] > 0


def test_workflow_commands_stay_at_ten_per_level():
    lines = github.annotations(_many(3000) + [Finding("MOF405", f"n {i}", path=f"p{i}") for i in range(50)])
    assert len(lines) == 10 + 9 + 1 and lines[-1].startswith("::notice")


# ------------------------------------------------------------ the GitHub API answering badly
def _record(httpserver):
    """Answer the check-run calls as GitHub does; the list of the request bodies."""
    seen = []

    def handler(request):
        from werkzeug import Response
        seen.append(json.loads(request.data))
        body = json.dumps({"id": 42, "url": f"{httpserver.url_for('')}repos/acme/tiny/check-runs/42"})
        return Response(body, status=201 if request.method == "POST" else 200, content_type="application/json")
    httpserver.expect_request("/repos/acme/tiny/check-runs", method="POST").respond_with_handler(handler)
    httpserver.expect_request("/repos/acme/tiny/check-runs/42", method="PATCH").respond_with_handler(handler)
    return seen


def test_check_run_updates_are_bounded_with_a_summary_of_the_rest(httpserver, links_tree):
    from mof_lint.check import run_check
    from mof_lint.report.github_api import MAX_ANNOTATIONS, client, publish_check_run
    seen = _record(httpserver)
    report = run_check(str(links_tree))
    report.findings = _many(3000)
    gh = client(TOKEN, httpserver.url_for(""), paced=False)
    assert publish_check_run(gh, "acme/tiny", "a" * 40, report, "## summary", "success") == 42
    assert len(seen) == MAX_ANNOTATIONS // 50 == 10
    assert sum(len(body["output"]["annotations"]) for body in seen) == MAX_ANNOTATIONS
    assert "2,500 more findings are not annotated" in seen[0]["output"]["summary"]


def test_the_action_on_a_tree_of_outside_links_sends_few_updates(httpserver, tmp_path, links_tree):
    seen = _record(httpserver)
    ws = tmp_path / "ws"
    ws.mkdir()
    for entry in os.scandir(links_tree):
        os.symlink(os.readlink(entry.path), ws / entry.name) if entry.is_symlink() else \
            (ws / entry.name).write_bytes(Path(entry.path).read_bytes())
    code, stdout, outputs = run_in(ws, **{"INPUT_GITHUB-TOKEN": TOKEN, "GITHUB_API_URL": httpserver.url_for("").rstrip("/"),
                                          "INPUT_SARIF-FILE": "mof.sarif"})
    assert len(seen) == 1 and len(commands(stdout)) <= 31
    assert int(outputs["findings"]) > N_LINKS  # the output counts every finding, summed-up ones too
    assert (ws / "mof.sarif").stat().st_size < 200_000


ANSWERS = {
    "an HTML page": ("<html><body>Gateway</body></html>", 200, "text/html"),
    "invalid JSON": ('{"id": 42,', 201, "application/json"),
    "a 500": ('{"message": "boom"}', 500, "application/json"),
    "a 502 in HTML": ("<html>502</html>", 502, "text/html"),
    "a list": ("[1, 2, 3]", 201, "application/json"),
    "no id": ('{"name": "x"}', 201, "application/json"),
    "id as text": ('{"id": "42", "url": 7}', 201, "application/json"),
}


@pytest.mark.parametrize("answer", ANSWERS)
def test_a_malformed_api_answer_is_a_note_and_the_run_goes_on(httpserver, tmp_path, answer):
    from werkzeug import Response
    body, status, ctype = ANSWERS[answer]
    reply = lambda request: Response(body, status=status, content_type=ctype)  # noqa: E731
    for path, method in (("/repos/acme/tiny/check-runs", "POST"), ("/repos/acme/tiny/issues/7", "GET"),
                         ("/repos/acme/tiny/issues/7/comments", "GET"), ("/repos/acme/tiny/issues/7/comments", "POST")):
        httpserver.expect_request(path, method=method).respond_with_handler(reply)
    ws = build(tmp_path / "ws", {"model.py": TORCH_MODEL, "LICENSE": APACHE})
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "base": {"sha": "b" * 40}, "head": {"sha": "c" * 40}}}))
    code, stdout, outputs = run_in(ws, **{"INPUT_GITHUB-TOKEN": TOKEN, "INPUT_COMMENT": "true",
                                          "GITHUB_API_URL": httpserver.url_for("").rstrip("/"),
                                          "GITHUB_EVENT_PATH": str(event), "INPUT_REPORT-FILE": "r.json"})
    assert code == 0 and outputs["report-file"] == "r.json" and outputs["class-name"]
    notes = [c for c in commands(stdout) if c.startswith("::notice") and "title=mof-lint" in c]
    assert any("check run not created" in c for c in notes)
    assert any("PR comment not written" in c for c in notes) or answer in ("a list", "no id", "id as text")
    assert TOKEN not in stdout and "Traceback" not in stdout


# ------------------------------------------------------------ no injection, whatever the file name
DANGEROUS = ["::", "::error::", "%0A", "%25", "\n", "\r", ",", ":", "<script>", "](javascript:alert(1))", "[x]",
             "|", "`", "@octocat", "<img src=x>", "&lt;", "##[error]", "\u202e", "\x1b[31m", "\udcff", "a", "/", " "]


@settings(max_examples=int(os.environ.get("MOF_LINT_EXAMPLES", "150")), deadline=None)
@given(st.lists(st.sampled_from(DANGEROUS), min_size=1, max_size=12).map("".join),
       st.lists(st.sampled_from(DANGEROUS), max_size=12).map("".join))
def test_no_file_name_or_message_injects_a_command_or_markup(name, message):
    f = Finding("MOF202", message or "m", path=name, line=3)
    for line in github.annotations([f]):
        assert "\n" not in line and "\r" not in line and line.count("::") == 2
        head = line.split("::")[1]
        for prop in head.split(" ", 1)[1].split(",") if " " in head else []:
            assert ":" not in prop.partition("=")[2]
        line.encode("utf-8")  # printable: no lone surrogate
    for base in (None, "https://github.com/o/r/blob/" + "0" * 40):
        cell = f"{markdown._link(name, 3, base)} {markdown.md(message)}"
        assert "\n" not in cell and "<" not in cell and "@" not in cell and "\u202e" not in cell
        targets = re.findall(r"(?<!\\)\]\(([^)]*)", cell)  # links that Markdown would make
        assert targets == ([] if base is None else [targets[0]]) and all(t.startswith(base) for t in targets)
        cell.encode("utf-8")
