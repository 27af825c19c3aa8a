"""ListingAhead: the checkout listed by a child process while the parent imports the checks. A view
made from the child's record must be the view a listing made in the parent gives, on every shape
the listing handles (gitignores, excludes, symlinks, vendored and test folders, git listings, caps),
and any failure of the child must leave the parent to list by itself."""
from __future__ import annotations

import json
import os
import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mof_lint.ahead as ahead_mod
import mof_lint.repo as repo_mod
from conftest import MIT_TEXT, TORCH_MODEL, TRAIN_LOOP, build, build_chains, git, run
from mof_lint.ahead import ListingAhead
from mof_lint.repo import RepoView

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def described(view: RepoView) -> dict:
    """Everything the listing decides, in the order it decides it."""
    return {
        "entries": [(p, e.name, e.ext, e.test, e.dir, e.depth, e.vendored, e.real, e.size)
                    for p, e in view.entries.items()],
        "files": [e.path for e in view.files],
        "dirs": sorted(view.dirs), "symlinked": sorted(view.symlinked_dirs),
        "submodules": sorted(view.submodules), "submodule_urls": view.submodule_urls,
        "findings": [(f.rule, f.message, f.path, f.line) for f in view.findings],
        "source": view.source,
        "containing": [e.path for e in view.containing("data", "model", "test", "\n")],
        "by_ext": {x: [e.path for e in view.with_ext(x)] for x in (".py", ".md", ".json", "")},
    }


def both(root, exclude=()) -> tuple[dict, dict, bool]:
    """(the view listed here, the view made from a child's listing, whether the record was used)."""
    plain = described(RepoView(str(root), exclude=exclude))
    used = []
    replay = RepoView._replay

    def spy(self, listed):
        used.append(True)
        return replay(self, listed)
    RepoView._replay = spy
    try:
        with ListingAhead(str(root), tuple(exclude)) as ahead:
            made = described(RepoView(str(root), exclude=exclude, ahead=ahead))
    finally:
        RepoView._replay = replay
    return plain, made, bool(used)


SHAPES = {
    ".gitignore": "*.log\nbuild/\n", "src/.gitignore": "secret.txt\n", "src/model.py": TORCH_MODEL,
    "src/secret.txt": "no", "train.log": "no", "build/out.bin": "no", "train.py": TRAIN_LOOP,
    "LICENSE": MIT_TEXT, "README.md": "# m\n", "third_party/lib/x.py": "x = 1\n",
    "tests/fixtures/data.jsonl": "{}\n", "src/test_model.py": "x = 1\n", "data/train.jsonl": "x" * 3000,
    "a-b/x": "", "a.b": "", "a/x": "", "a0": "", "odd\nname.md": "# n\n", "weights/model.safetensors": b"\0" * 64,
    ".gitmodules": '[submodule "ext"]\n\tpath = ext\n\turl = https://github.com/o/ext\n',
}


def _with_links(root):
    os.symlink("src/model.py", root / "model_link.py")  # a symlink to a file inside: listed by itself
    os.symlink("/etc/passwd", root / "escape.txt")  # out of the root: a note, never followed
    os.symlink("src", root / "src_again")  # a symlinked folder: not descended
    os.mkfifo(root / "pipe.md")
    return root


def test_a_walked_tree_is_the_same_listed_ahead(tmp_path):
    root = _with_links(build(tmp_path / "r", SHAPES))
    plain, made, used = both(root)
    assert used and made == plain
    assert "model_link.py" in [p for p, *_ in made["entries"]] and made["symlinked"] == ["src_again"]
    assert any(rule == "MOF401" for rule, *_ in made["findings"])


def test_exclude_patterns_are_the_same_listed_ahead(tmp_path):
    root = build(tmp_path / "r", SHAPES)
    plain, made, used = both(root, ("data/", "*.md", "/a.b"))
    assert used and made == plain and "data/train.jsonl" not in [p for p, *_ in made["entries"]]


def test_a_git_listing_is_the_same_listed_ahead(tmp_path):
    root = _with_links(build(tmp_path / "r", SHAPES))
    git(root, "init", "-q")
    git(root, "add", "src", "train.py", "LICENSE", "model_link.py", ".gitignore")
    git(root, "commit", "-qm", "init")
    (root / "src" / "model.py").unlink()  # in the index, gone from the work tree
    plain, made, used = both(root)
    assert used and made == plain and made["source"] == "git"


def test_the_file_cap_is_the_same_listed_ahead(tmp_path, monkeypatch):
    monkeypatch.setattr(repo_mod, "MAX_FILES", 7)  # the child is forked with the cap in force
    root = _with_links(build(tmp_path / "r", SHAPES))
    plain, made, used = both(root)
    assert used and made == plain and len(made["entries"]) == 7
    assert any(rule == "MOF405" for rule, *_ in made["findings"])


@given(st.lists(st.lists(st.sampled_from(["a", "a.b", "a-b", "ab", "A", "é", "1", "a.", "x.PY", "y.py",
                                          "data", "test_m.py", "tests", "vendor", ".a"]),
                         min_size=1, max_size=4), min_size=1, max_size=20))
@settings(max_examples=int(os.environ.get("MOF_LINT_EXAMPLES", "150")) // 5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_tree_is_the_same_listed_ahead(tmp_path_factory, chains):
    root = tmp_path_factory.mktemp("t")
    build_chains(root, chains)
    plain, ahead, used = both(root)
    assert used and ahead == plain


def _reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_a_listing_of_another_root_or_other_patterns_is_not_taken_and_its_child_is_reaped(tmp_path):
    one = build(tmp_path / "one", {"a.py": "x = 1\n"})
    two = build(tmp_path / "two", {"b.py": "x = 1\n"})
    ahead = ListingAhead(str(one), ())
    pid = ahead.pid
    view = RepoView(str(two), ahead=ahead)
    assert list(view.entries) == ["b.py"] and _reaped(pid)
    ahead = ListingAhead(str(one), ("*.md",))
    pid = ahead.pid
    assert list(RepoView(str(one), ahead=ahead).entries) == ["a.py"] and _reaped(pid)
    ahead = ListingAhead(str(one), ())
    pid = ahead.pid
    ahead.close()  # never taken (the check stopped before listing): stopped and reaped
    assert _reaped(pid) and ahead.take(os.path.realpath(one), ()) is None


def test_a_child_that_fails_leaves_the_parent_to_list(tmp_path, monkeypatch):
    root = build(tmp_path / "r", SHAPES)
    expected = described(RepoView(str(root)))

    def broken(cls, root, exclude):
        raise RuntimeError("a bug in the child")
    monkeypatch.setattr(RepoView, "recorded_listing", classmethod(broken))
    ahead = ListingAhead(str(root), ())
    assert described(RepoView(str(root), ahead=ahead)) == expected

    def killed(cls, root, exclude):
        os.kill(os.getpid(), signal.SIGKILL)
    monkeypatch.setattr(RepoView, "recorded_listing", classmethod(killed))
    ahead = ListingAhead(str(root), ())
    assert described(RepoView(str(root), ahead=ahead)) == expected


def test_a_short_message_leaves_the_parent_to_list(tmp_path, monkeypatch):
    root = build(tmp_path / "r", SHAPES)
    expected = described(RepoView(str(root)))
    real_dumps = ahead_mod.pickle.dumps
    monkeypatch.setattr(ahead_mod.pickle, "dumps", lambda obj, *a: real_dumps(obj, *a)[:100])
    assert described(RepoView(str(root), ahead=ListingAhead(str(root), ()))) == expected


def test_without_fork_nothing_is_started(tmp_path, monkeypatch):
    root = build(tmp_path / "r", {"a.py": "x = 1\n"})
    monkeypatch.delattr(os, "fork")
    ahead = ListingAhead(str(root), ())
    assert ahead.pid is None and ahead.take(os.path.realpath(root), ()) is None
    assert list(RepoView(str(root), ahead=ahead).entries) == ["a.py"]


@pytest.fixture
def taken(monkeypatch) -> list:
    """(exclude patterns, whether the child's listing came) of each listing taken."""
    seen: list = []
    real_take = ListingAhead.take

    def take(self, root, exclude):
        listed = real_take(self, root, exclude)
        seen.append((exclude, listed is not None))
        return listed
    monkeypatch.setattr(ListingAhead, "take", take)
    return seen


def test_check_lists_ahead_and_reports_the_same(tmp_path, monkeypatch, taken):
    """The CLI's check starts the listing before importing the checks and takes it; its report is
    the report of a check that lists by itself (configuration excludes included)."""
    root = build(tmp_path / "r", {**SHAPES, ".mof-lint.yml": "exclude: [data/]\n"})
    code, out, _ = run("check", str(root), "--format", "json", "--exclude", "*.log")
    assert taken == [(("*.log", "data/"), True)]
    monkeypatch.setattr(ahead_mod.os, "fork", None, raising=False)
    monkeypatch.delattr(ahead_mod.os, "fork")
    code2, out2, _ = run("check", str(root), "--format", "json", "--exclude", "*.log")
    assert (code, json.loads(out)) == (code2, json.loads(out2))
    assert taken[-1] == (("*.log", "data/"), False)


def test_a_stuck_child_is_stopped_and_the_parent_lists(tmp_path, monkeypatch):
    root = build(tmp_path / "r", SHAPES)
    expected = described(RepoView(str(root)))

    def stuck(cls, root, exclude):
        signal.pause()
    monkeypatch.setattr(RepoView, "recorded_listing", classmethod(stuck))
    monkeypatch.setattr(ahead_mod, "WAIT_SECONDS", 0.5)
    ahead = ListingAhead(str(root), ())
    pid = ahead.pid
    assert described(RepoView(str(root), ahead=ahead)) == expected and _reaped(pid)


def test_the_action_lists_ahead_too(tmp_path, taken):
    """The Action's check starts the checkout's listing before importing the checks as well, with
    the configuration's excludes, and takes it."""
    from test_action import run_in
    build(tmp_path, {**SHAPES, ".mof-lint.yml": "exclude: [data/]\n"})
    code, _, outputs = run_in(tmp_path)
    assert code in (0, 1) and outputs["class"] and taken == [(("data/",), True)]


# --- ParsingAhead: the Python files parsed by a child while the parent reads the documents ---------

PYTHON_SHAPES = {
    "README.md": "# m\n\nWeights: [hub](https://huggingface.co/org/m). Paper: https://arxiv.org/abs/2401.00001\n",
    "LICENSE": MIT_TEXT, "model.py": TORCH_MODEL, "train.py": TRAIN_LOOP,
    "broken.py": "def broken(:\n    pass\n",  # MOF404 from the child
    "big.py": "x = 1\n" * 2000,  # over the (lowered) file limit: MOF405 from the child
    "fetch.py": "URL = 'https://huggingface.co/datasets/org/corpus'\n",
    "notebooks/demo.ipynb": json.dumps({"cells": [{"cell_type": "code", "source": ["import torch\n"]}],
                                        "nbformat": 4, "nbformat_minor": 5}),
    "get.sh": "wget https://example.org/m.ckpt\n", "configs/train.yaml": "lr: 0.001\nbatch_size: 8\n",
}


@pytest.fixture
def parsed(monkeypatch) -> list:
    """Whether each ParsingAhead taken brought the child's parse."""
    seen: list = []
    real_take = ahead_mod.ParsingAhead.take

    def take(self):
        facts = real_take(self)
        seen.append(facts is not None)
        return facts
    monkeypatch.setattr(ahead_mod.ParsingAhead, "take", take)
    monkeypatch.setattr("mof_lint.detectors.common.PYTHON_FILE_MAX", 4096)
    return seen


def checked(root, monkeypatch, fork: bool) -> tuple[int, dict]:
    with monkeypatch.context() as m:
        if not fork:
            m.delattr(ahead_mod.os, "fork")
        code, out, _ = run("check", str(root), "--format", "json")
    return code, json.loads(out)


def test_python_parsed_ahead_gives_the_same_report(tmp_path, monkeypatch, parsed):
    """The child's facts and notes make the report a check parsing by itself makes: evidence, links
    found in Python strings, MOF404/MOF405 on the child's files, in the same order."""
    root = build(tmp_path / "r", PYTHON_SHAPES)
    ahead, alone = checked(root, monkeypatch, True), checked(root, monkeypatch, False)
    assert parsed == [True] and ahead == alone
    rules = {(f["rule"], f.get("path")) for f in ahead[1]["findings"]}
    assert {("MOF404", "broken.py"), ("MOF405", "big.py")} <= rules


def broken_child(monkeypatch, kind, work: str, failure: str) -> list:
    """Make the `kind` child's `work` fail this way (raises, killed, stuck, a short message); the pids
    of the children forked are collected in the list returned."""
    pids = []
    real_fork = kind._fork

    def fork(self, answer):
        real_fork(self, answer)
        pids.append(self.pid)
    monkeypatch.setattr(kind, "_fork", fork)
    real_dumps = ahead_mod.pickle.dumps
    broken = {"raises": lambda self: 1 / 0, "killed": lambda self: os.kill(os.getpid(), signal.SIGKILL),
              "stuck": lambda self: signal.pause(),
              "short": lambda self: real_dumps(({}, [], set()), ahead_mod.pickle.HIGHEST_PROTOCOL)[:5]}[failure]
    monkeypatch.setattr(kind, work, broken)
    monkeypatch.setattr(ahead_mod, "WAIT_SECONDS", 0.5)
    return pids


@pytest.mark.parametrize("failure", ["raises", "killed", "stuck", "short"])
@pytest.mark.parametrize("kind, work, shapes, taken, seen", [
    ("ParsingAhead", "_parse", "PYTHON_SHAPES", "parsed", [False]),
    ("DetectingAhead", "_detect", "DETECTOR_SHAPES", "detected", [False, False]),  # (no fork: no child either)
])
def test_a_child_that_fails_leaves_its_work_to_the_parent(tmp_path, monkeypatch, request, failure, kind, work, shapes,
                                                          taken, seen):
    """The parsing child (Python files) and the detecting child (half of the detectors): any failure
    gives the report a check doing the work itself gives, and the child is reaped."""
    record = request.getfixturevalue(taken)
    root = build(tmp_path / "r", globals()[shapes])
    expected = checked(root, monkeypatch, False)
    pids = broken_child(monkeypatch, getattr(ahead_mod, kind), work, failure)
    assert checked(root, monkeypatch, True) == expected
    assert record == seen and len(pids) == 1 and _reaped(pids[0])


def test_a_parse_nobody_takes_is_stopped_and_reaped(tmp_path):
    view = RepoView(str(build(tmp_path / "r", PYTHON_SHAPES)))
    with ahead_mod.ParsingAhead(view) as ahead:
        pid = ahead.pid
        assert "python_files" in view.pending
    assert _reaped(pid)


def test_notes_both_processes_took_are_not_repeated(tmp_path):
    """Both ran out of time: the view keeps its own MOF410 time note and takes the child's others."""
    from mof_lint.findings import Finding
    view = RepoView(str(build(tmp_path / "r", PYTHON_SHAPES)))
    view._content_deadline = 0
    assert view.out_of_time("README.md")
    mark = view.notes_mark()
    child = RepoView(str(tmp_path / "r"))
    child._noted, child.findings = set(mark[1]) - {("MOF410", "time")}, []
    child._content_deadline = 0
    child.out_of_time("model.py")
    child.findings.append(Finding("MOF404", "broken.py could not be parsed", path="broken.py", line=1))
    view.adopt_notes(*child.notes_since((0, set(child._noted) - {("MOF410", "time")})))
    assert [(f.rule, f.path) for f in view.findings] == [("MOF410", None), ("MOF404", "broken.py")]
    assert "first left out: README.md" in view.findings[0].message


def test_the_sizes_the_parsing_child_learned_are_the_views(tmp_path, monkeypatch):
    """The child also learns the sizes of the possible data files (a system call each); the view takes
    them with the parse and asks the file system for none of them again."""
    from mof_lint.detectors import common
    files = {**PYTHON_SHAPES, "data/train.jsonl": '{"text": "a"}\n' * 200, "data/labels.csv": "a,b\n" * 100}
    view = RepoView(str(build(tmp_path / "r", files)))
    with ahead_mod.ParsingAhead(view):
        def no_stat(*_a, **_k):
            raise AssertionError("asked the file system again")
        monkeypatch.setattr(repo_mod.Beneath, "stat", no_stat)  # in this process only: the child has forked
        assert [f.path for f in common.python_files(view)]
        sizes = {e.name: e.size for e in view.files if e.dir == "data"}
    assert sizes == {"labels.csv": len("a,b\n" * 100), "train.jsonl": len('{"text": "a"}\n' * 200)}


# --- DetectingAhead: half of the detectors (and the license detection) run by a child ----------------

@pytest.fixture
def detected(monkeypatch) -> list:
    """Whether each DetectingAhead's first result came from the child."""
    seen: list = []
    real_result = ahead_mod.DetectingAhead.result

    def result(self, name):
        first = not self._taken
        found = real_result(self, name)
        if first:
            seen.append(self._results is not None)
        return found
    monkeypatch.setattr(ahead_mod.DetectingAhead, "result", result)
    return seen


DETECTOR_SHAPES = {**PYTHON_SHAPES,
                   "MODEL_CARD.md": "# Model card\n\n## Training data\n\nTrained on [Pile](https://huggingface.co/"
                                    "datasets/org/pile), 300B tokens of English text.\n\n## Evaluation\n\n"
                                    "| Task | Accuracy |\n|---|---|\n| ARC | 0.51 |\n",
                   "samples/generated_0.png": "\x89PNG\r\n", "LICENSE-DATA": "CC-BY-4.0\n"}


def test_detectors_run_by_a_child_give_the_same_report(tmp_path, monkeypatch, detected):
    """The child's evidence (cards, papers, results, samples) and licenses, in detector order, make
    the report a check running every detector itself makes."""
    root = build(tmp_path / "r", DETECTOR_SHAPES)
    ahead, alone = checked(root, monkeypatch, True), checked(root, monkeypatch, False)
    assert detected == [True, False] and ahead == alone  # (no fork: no child, every detector run here)
    statuses = {c["key"]: c["status"] for c in ahead[1]["components"]}
    assert statuses["data_card"] != "absent" and statuses["research_paper"] != "absent" and ahead[1]["licenses"]


def test_a_detector_that_fails_in_the_child_is_a_finding_once(tmp_path, monkeypatch):
    """A bug in a detector the child runs costs that detector's evidence and leaves one MOF412, as
    in a check running it itself."""
    import mof_lint.detectors as detectors
    root = build(tmp_path / "r", DETECTOR_SHAPES)

    def broken(view):
        raise RuntimeError("boom")
    monkeypatch.setattr(detectors, "DETECTORS", tuple(broken if d is detectors.results.detect else d
                                                      for d in detectors.DETECTORS))
    monkeypatch.setattr("mof_lint.detectors.CHILD_SHARE", (broken,))
    monkeypatch.setattr("mof_lint.check.CHILD_SHARE", (broken,))
    ahead, alone = checked(root, monkeypatch, True), checked(root, monkeypatch, False)
    assert ahead == alone
    assert [f["rule"] for f in ahead[1]["findings"]].count("MOF412") == 1


def test_a_child_that_answered_is_reaped_by_close_at_the_latest(tmp_path):
    view = RepoView(str(build(tmp_path / "r", PYTHON_SHAPES)))
    with ahead_mod.DetectingAhead(view, [("t", lambda: 41 + 1, None)]) as child:
        pid = child.pid
        assert child.result("t") == 42 and child.result("other") is None
    assert _reaped(pid)
