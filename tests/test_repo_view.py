"""RepoView: one walk, ignores honoured, symlinks contained, reads bounded, problems as findings."""
import json
import os
import struct

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MIT_TEXT, build, build_chains, git
from mof_lint.repo import TEXT_LIMIT, RepoView, is_test_path


def _safetensors(tensors: dict, claim: int | None = None) -> bytes:
    header = json.dumps({name: {"dtype": "F32", "shape": shape, "data_offsets": [0, 0]}
                         for name, shape in tensors.items()}).encode()
    return struct.pack("<Q", claim if claim is not None else len(header)) + header + b"\0" * 64


def test_walk_honours_nested_gitignore_and_skips_dot_git(tmp_path):
    root = build(tmp_path, {
        ".gitignore": "*.log\nbuild/\n",
        "src/.gitignore": "secret.txt\n",
        "src/model.py": "x = 1\n",
        "src/secret.txt": "no",
        "train.log": "no",
        "build/out.bin": "no",
        ".git/config": "[core]\n",
        "README.md": "# hi\n",
    })
    view = RepoView(str(root))
    assert view.source == "walk"
    assert set(view.entries) == {".gitignore", "src/.gitignore", "src/model.py", "README.md"}


def test_git_work_tree_uses_ls_files_and_its_ignores(tmp_path):
    root = build(tmp_path, {".gitignore": "ignored/\n", "a.py": "x = 1\n", "ignored/b.py": "y = 2\n",
                            "untracked.md": "# u\n"})
    git(root, "init", "-q")
    git(root, "add", "a.py", ".gitignore")
    git(root, "commit", "-qm", "init")
    view = RepoView(str(root))
    assert view.source == "git"
    assert set(view.entries) == {".gitignore", "a.py", "untracked.md"}


FLAG_TREE = {
    "README.md": "# m\n", "src/model.py": "x = 1\n", "src/test_model.py": "x = 1\n",
    "src/model_test.py": "x = 1\n", "tests/fixtures/data.jsonl": "{}\n", "Tests/w.bin": "x" * 5000,
    "pkg/mocks/deep/cfg.yaml": "a: 1\n", "contest/entry.py": "x = 1\n", "docs/testing.md": "# t\n",
    "conftest.py": "x = 1\n", "attestation/sig.txt": "s\n",
}


def test_walk_and_git_listing_agree_on_sizes_depths_and_test_flags(tmp_path):
    """The walk derives depth and the test-file flag from its folder and reads sizes only when
    asked; they must be what the path and the file say, and what a git listing computes."""
    walked = RepoView(str(build(tmp_path / "w", FLAG_TREE)))
    repo = build(tmp_path / "g", FLAG_TREE)
    git(repo, "init", "-q")
    listed = RepoView(str(repo))
    assert (walked.source, listed.source) == ("walk", "git")
    for view in (walked, listed):
        assert set(view.entries) == set(FLAG_TREE)
        for e in view.files:
            assert e.depth == e.path.count("/"), e.path
            assert e.test == is_test_path(e.path), e.path
            assert e.size == len(FLAG_TREE[e.path].encode()), e.path
    assert {e.path for e in walked.files if e.test} == {
        "src/test_model.py", "src/model_test.py", "tests/fixtures/data.jsonl", "Tests/w.bin",
        "pkg/mocks/deep/cfg.yaml", "conftest.py"}


def test_git_listing_takes_types_from_the_index(tmp_path):
    """Regular files come from the index without a stat; a symlink, a file deleted from the work
    tree, an untracked file and a conflicted path are still what they are."""
    root = build(tmp_path, {"a.py": "x = 1\n", "gone.md": "# g\n", "README.md": "# r\n"})
    os.symlink("README.md", root / "link.md")
    os.symlink("/etc/passwd", root / "out.txt")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "init")
    (root / "gone.md").unlink()
    (root / "new.txt").write_text("untracked\n")
    mimic = "100644 " + "0" * 40 + " 0\tevil.txt"  # an untracked name shaped like an index record
    (root / mimic).write_text("x\n")
    view = RepoView(str(root))
    assert view.source == "git"
    assert set(view.entries) == {"a.py", "gone.md", "README.md", "link.md", "new.txt", mimic}
    assert view.entries["link.md"].symlink and view.entries["link.md"].real == "README.md"
    assert view.text("link.md") == "# r\n"
    assert any(f.rule == "MOF401" and f.path == "out.txt" for f in view.findings)
    assert view.text("gone.md") is None and view.entries["gone.md"].size == 0
    assert any(f.rule == "MOF402" and f.path == "gone.md" and "missing from the work tree" in f.message
               for f in view.findings)
    # a path outside a sparse checkout (skip-worktree) is not in the work tree: not listed
    git(root, "update-index", "--skip-worktree", "a.py")
    (root / "a.py").unlink()
    assert "a.py" not in RepoView(str(root)).entries


def test_broken_git_dir_falls_back_to_walk_with_a_note(tmp_path):
    root = build(tmp_path, {".git": "gitdir: /nonexistent/place\n", "a.py": "x = 1\n"})
    view = RepoView(str(root))
    assert view.source == "walk"
    assert "a.py" in view.entries
    assert any(f.rule == "MOF409" for f in view.findings)


def test_symlinks_never_leave_the_root(tmp_path):
    outside = build(tmp_path / "outside", {"secret.txt": "TOP SECRET", "dir/x.py": "import os\n"})
    root = build(tmp_path / "repo", {"README.md": "# r\n", "real/notes.md": "inside\n"})
    os.symlink(outside / "secret.txt", root / "leak.txt")
    os.symlink(outside / "dir", root / "linked_dir")
    os.symlink("real", root / "alias")  # a symlinked directory inside the root: not descended
    os.symlink(root / "real" / "notes.md", root / "notes_link.md")
    os.symlink("loop", root / "loop")
    view = RepoView(str(root))
    assert "leak.txt" not in view.entries and view.read("leak.txt") is None
    assert not any(p.startswith(("linked_dir/", "alias/")) for p in view.entries)
    assert view.text("notes_link.md") == "inside\n"
    escapes = {f.path for f in view.findings if f.rule == "MOF401"}
    assert escapes == {"leak.txt", "linked_dir"}


def test_reads_are_bounded_and_sparse_giants_are_cheap(tmp_path):
    root = build(tmp_path, {"README.md": "# x\n" + "a" * (TEXT_LIMIT + 5000)})
    with open(root / "model.safetensors", "wb") as fh:  # 100 GB, sparse
        fh.write(_safetensors({"w": [1024, 1024], "b": [1024]}))
        fh.truncate(100 * 1024 ** 3)
    view = RepoView(str(root))
    assert len(view.text("README.md")) == TEXT_LIMIT
    assert any(f.rule == "MOF405" and f.path == "README.md" for f in view.findings)
    header = view.weights_header("model.safetensors")
    assert header.format == "safetensors" and header.tensors == 2 and header.parameters == 1024 * 1024 + 1024


def test_safetensors_header_claiming_2_to_the_60_is_refused(tmp_path):
    root = build(tmp_path, {"model.safetensors": _safetensors({"w": [2, 2]}, claim=2 ** 60)})
    view = RepoView(str(root))
    assert view.weights_header("model.safetensors") is None
    assert any(f.rule == "MOF407" for f in view.findings)


def test_gguf_header_and_truncated_gguf(tmp_path):
    good = b"GGUF" + struct.pack("<IQQ", 3, 291, 24)
    root = build(tmp_path, {"m.gguf": good + b"\0" * 100, "t.gguf": b"GGUF\x03\x00"})
    view = RepoView(str(root))
    assert view.weights_header("m.gguf").tensors == 291
    assert view.weights_header("t.gguf") is None
    assert any(f.rule == "MOF407" and f.path == "t.gguf" for f in view.findings)


def test_lfs_pointers_are_recognised_and_garbage_reported(tmp_path):
    oid = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393"
    root = build(tmp_path, {
        "w.safetensors": f"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize 123456789\n",
        "bad.bin": "version https://git-lfs.github.com/spec/v1\noid sha256:zzz\nsize lots\n",
    })
    view = RepoView(str(root))
    assert view.lfs("w.safetensors").size == 123456789
    assert view.lfs("bad.bin") is None
    assert any(f.rule == "MOF408" and f.path == "bad.bin" for f in view.findings)


def test_invalid_utf8_and_binary_text(tmp_path):
    root = build(tmp_path, {"README.md": b"# Model\n\nCaf\xe9 \xff\xfe\n", "LICENSE": b"\x00\x01\x02binary"})
    view = RepoView(str(root))
    assert "Caf" in view.text("README.md")
    assert any(f.rule == "MOF403" and f.line == 3 for f in view.findings)
    assert view.text("LICENSE") is None


def test_unreadable_directory_is_a_finding(tmp_path, monkeypatch):
    root = build(tmp_path, {"locked/a.py": "x = 1\n", "README.md": MIT_TEXT})
    os.chmod(root / "locked", 0)
    if os.geteuid() == 0:  # root reads everything: make the kernel's answer for it
        real = os.scandir

        def scandir(path):
            if str(path).endswith("locked"):
                raise PermissionError(13, "Permission denied")
            return real(path)
        monkeypatch.setattr(os, "scandir", scandir)
    try:
        view = RepoView(str(root))
    finally:
        os.chmod(root / "locked", 0o755)
    assert "locked/a.py" not in view.entries
    assert any(f.rule == "MOF402" and f.path == "locked" for f in view.findings)


def test_fifo_is_never_opened(tmp_path):
    root = build(tmp_path, {"README.md": "# x\n"})
    os.mkfifo(root / "LICENSE")
    view = RepoView(str(root))  # would block forever if the FIFO were opened
    assert "LICENSE" not in view.entries


def test_exclude_patterns(tmp_path):
    root = build(tmp_path, {"keep.py": "", "legacy/old.py": "", "docs/x.md": ""})
    view = RepoView(str(root), exclude=["legacy/", "*.md"])
    assert set(view.entries) == {"keep.py"}


def _view_of(tmp_path, paths):
    """A view whose listing is exactly `paths` (the walk itself is tested above)."""
    from mof_lint.repo import Entry
    view = RepoView(str(tmp_path))
    view.entries = {p: Entry(p, 0) for p in paths}
    view.files = sorted(view.entries.values(), key=lambda e: e.path)
    return view


def test_containing_is_the_plain_loop_over_paths(tmp_path):
    paths = ["LICENSE", "a/LICENSE-MODEL", "docs/licenses/x.txt", "src/model.py", "COPYING",
             "results/eval.json", "x/licenlicen", "İstanbul/LICENSE", "z/last-licen"]
    view = _view_of(tmp_path, paths)
    for words in (("licen",), ("licen", "copying"), ("result", "licen"), ("nothing",), ("/",)):
        expect = [e.path for e in view.files if any(w in e.path.lower() for w in words)]
        assert [e.path for e in view.containing(*words)] == expect, words


def test_containing_finds_words_in_names_and_folders_whatever_the_names_hold(tmp_path):
    """A word is found in a file's name or anywhere in its folder's path (every file under the folder);
    a name holding a newline or lowering longer ("İ") neither breaks the scan nor shifts other files."""
    paths = ["a/LICENSE", "b/model.py", "Data/x/one.txt", "Data/two.txt", "İx/licence", "n\nlicense", "zz"]
    view = _view_of(tmp_path, paths)
    assert [e.path for e in view.containing("licen", "data")] == [
        "Data/two.txt", "Data/x/one.txt", "a/LICENSE", "n\nlicense", "İx/licence"]
    assert [e.path for e in view.containing("zz")] == ["zz"]
    assert [e.path for e in view.containing("a/")] == ["Data/two.txt", "Data/x/one.txt", "a/LICENSE"]


@given(st.lists(st.text(alphabet="abLIcensİ/_.-xé\n", min_size=1, max_size=12), max_size=30, unique=True),
       st.lists(st.sampled_from(["licen", "a", "ce", "x.", "/", "é", "a/", "İ", "\n", "", "x\nl"]), min_size=1, max_size=3))
@settings(max_examples=int(os.environ.get("MOF_LINT_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_containing_agrees_with_the_loop_on_any_paths(tmp_path, paths, words):
    view = _view_of(tmp_path, paths)
    expect = [e.path for e in view.files if any(w in e.path.lower() for w in words)]
    assert [e.path for e in view.containing(*words)] == expect


LISTED = ["LICENSE", "a/LICENSE-MODEL", "docs/licenses/x.txt", "src/model.py", "COPYING", "Data/x/one.txt",
          "Data/two.txt", "İx/licence", "n\nlicense", "results/eval.json", "x/licenlicen", "ΑΣ/card.md",
          "deep/er/still/data.md", "z/last-licen"]
WORDS = (("licen",), ("licen", "copying"), ("result", "licen"), ("data",), ("card", "data.md"), ("nothing",),
         ("ς",), ("a/",), ("x",),
         ("\n",), ("",), ("n\nl",))  # not words of one line: they once sent the scans round forever


def _plain(view, words):
    return [e.path for e in view.files if any(w in e.path.lower() for w in words)]


def test_containing_on_a_walked_tree_is_the_plain_loop(tmp_path):
    """The listing's own index of names (folder by folder) answers as the loop over whole paths,
    whatever the names hold (a newline, letters that lower longer or differently at a word's end)."""
    root = build(tmp_path / "r", {p: "x" for p in LISTED})
    os.symlink("src/model.py", root / "model-link.py")  # listed one at a time, outside the index
    view = RepoView(str(root))
    assert view.source == "walk" and len(view.files) == len(LISTED) + 1
    # the index answers for the listing: folders in blocks; the symlink, and the run of names whose
    # "n\nlicense" would cut a block's lines, one path at a time
    odd = view._names.odd
    assert view._names.listed + len(odd) == len(view.files) and {"model-link.py", "n\nlicense"} <= set(odd)
    assert view._names.listed >= 10
    for words in WORDS:
        assert [e.path for e in view.containing(*words)] == _plain(view, words), words


def test_containing_on_a_git_listing_is_the_plain_loop(tmp_path):
    root = build(tmp_path / "r", {p: "x" for p in LISTED if "\n" not in p})
    git(root, "init", "-q")
    git(root, "add", "-A")
    (root / "untracked-licen.txt").write_text("x")
    view = RepoView(str(root))
    assert view.source == "git" and "untracked-licen.txt" in view.entries
    for words in WORDS:
        assert [e.path for e in view.containing(*words)] == _plain(view, words), words


@given(st.lists(st.text(alphabet="abLIcensİ_.-xéΣ\n", min_size=1, max_size=8), min_size=1, max_size=12, unique=True),
       st.lists(st.sampled_from(["licen", "a", "ce", "x.", "é", "İ", "ς", "σ", "\n", "", "e\nl"]), min_size=1, max_size=3))
@settings(max_examples=int(os.environ.get("MOF_LINT_EXAMPLES", "150")) // 3, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_containing_on_any_walked_names_is_the_plain_loop(tmp_path_factory, names, words):
    root = tmp_path_factory.mktemp("t")
    for i, name in enumerate(names):  # a folder level and a file level from the same names
        if name in (".", ".."):
            continue
        (root / name).mkdir(exist_ok=True)
        (root / name / names[(i + 1) % len(names)]).write_text("x") if names[(i + 1) % len(names)] not in (
            ".", "..") else None
    view = RepoView(str(root))
    assert [e.path for e in view.containing(*words)] == _plain(view, words)


@given(st.lists(st.lists(st.sampled_from(["a", "a.b", "a-b", "ab", "a_", "A", "b", "é", "1", "a.", "a0", "-", "x.PY",
                                          "y.py", "z.md", ".a", "c.b.md"]),
                         min_size=1, max_size=4), min_size=1, max_size=25))
@settings(max_examples=int(os.environ.get("MOF_LINT_EXAMPLES", "150")) // 3, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_walk_lists_every_file_in_path_order(tmp_path_factory, chains):
    """Files and folders whose names sort around each other ("a-b" < "a.b" < "a/x" < "a0" < "ab"):
    the walk lists each folder's files around its subfolders, so that the listing is already in path
    order (no sort of every path after) and holds every file."""
    root = tmp_path_factory.mktemp("t")
    made = build_chains(root, chains)
    view = RepoView(str(root))
    assert sorted(view.entries) == sorted(made)
    assert list(view.entries) == sorted(view.entries)  # listed in path order: nothing left to sort
    assert [e.path for e in view.files] == sorted(made)
    # the extension index built as the files came is the one a pass over the sorted files gives
    for ext in {e.ext for e in view.files} | {".none"}:
        assert view.with_ext(ext) == [e for e in view.files if e.ext == ext]


def test_a_git_listing_is_taken_in_path_order_and_untracked_files_are_sorted_in(tmp_path):
    """git lists the index sorted by path: its files are listed run by run (a folder's files around
    its subfolders' runs) and come out in path order; untracked files listed after are sorted in."""
    paths = ["a-b/x", "a.b", "a/x", "a/y/z", "a/z", "a0", "ab/c", "b"]
    root = build(tmp_path / "r", {p: "x" for p in paths})
    git(root, "init", "-q")
    git(root, "add", "-A")
    view = RepoView(str(root))
    assert view.source == "git" and list(view.entries) == sorted(paths) == [e.path for e in view.files]
    (root / "a" / "new").write_text("x")
    view = RepoView(str(root))
    assert [e.path for e in view.files] == sorted(paths + ["a/new"])


def test_ignore_patterns_have_one_budget_for_the_whole_tree(tmp_path, monkeypatch):
    """Every listed file is matched against every ignore pattern in force, so the patterns of all
    .gitignore files and the exclude list together are capped (first come, first applied)."""
    import mof_lint.repo as repo
    monkeypatch.setattr(repo, "MAX_PATTERNS_RUN", 3)
    root = build(tmp_path, {".gitignore": "*.a\n*.b\n", "sub/.gitignore": "*.c\n*.d\n",
                            "x.a": "", "x.b": "", "sub/x.c": "", "sub/x.d": "", "sub/x.e": ""})
    view = RepoView(str(root))
    assert {"x.a", "x.b", "sub/x.c"}.isdisjoint(view.entries)  # the first three patterns applied
    assert "sub/x.d" in view.entries and "sub/x.e" in view.entries  # the fourth was over the budget
    assert any(f.rule == "MOF405" and f.path == "sub/.gitignore" for f in view.findings)
    view = RepoView(str(root), exclude=["*.e", "*.d", "*.x"])  # the exclude list comes first
    assert "sub/x.e" not in view.entries and "x.a" in view.entries


def test_safetensors_headers_have_a_budget_a_run(tmp_path, monkeypatch):
    """A header may be 16 MiB and parsing one costs ~0.1 s a MiB: twenty such shards took 29 s.
    Headers are read until HEADERS_BUDGET bytes a run; the rest are weights by name and size."""
    import mof_lint.repo as repo
    tensors = {f"layer{i}.weight": [4, 4] for i in range(50)}
    root = build(tmp_path, {f"model-{k:05d}-of-00003.safetensors": _safetensors(tensors) for k in range(3)})
    one = len(_safetensors(tensors)) - 8 - 64
    monkeypatch.setattr(repo, "HEADERS_BUDGET", 2 * one)
    view = RepoView(str(root))
    headers = [view.weights_header(e.path) for e in view.files]
    assert [h.tensors if h else None for h in headers] == [50, 50, None]
    assert [f.path for f in view.findings if f.rule == "MOF405"] == ["model-00002-of-00003.safetensors"]


@given(st.lists(st.lists(st.sampled_from(["a", "b.py", "test_c.py", "tests", "vendor", "d", "x_test.py", "e.py",
                                          "third_party", "conftest.py", "f.ipynb"]),
                         min_size=1, max_size=4), min_size=1, max_size=25),
       st.integers(min_value=0, max_value=30))
@settings(max_examples=int(os.environ.get("MOF_LINT_EXAMPLES", "150")) // 3, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_the_first_cut_of_python_files_is_the_stable_sort_it_replaces(tmp_path_factory, chains, n):
    """common.first_cut buckets a folder's files at once; it must pick what a stable sort of the
    entries by (vendored, test, depth) picks, in the same order, including symlinked files (an
    entry of their own) and two extension lists one after the other."""
    import operator

    from mof_lint.detectors.common import first_cut
    root = tmp_path_factory.mktemp("t")
    made = build_chains(root, chains)
    for i, path in enumerate(sorted(made)[:3]):
        os.symlink(os.path.join(root, path), root / f"link{i}.py")
    view = RepoView(str(root))
    entries = view.with_ext(".py") + view.with_ext(".ipynb") + view.with_ext("")
    key = operator.attrgetter("folder.vendored", "test", "folder.depth")
    assert first_cut(entries, n) == sorted(entries, key=key)[:n]


def test_a_prefix_read_for_one_check_is_not_the_text_another_gets(tmp_path):
    """view.text caches what it read with the limit it read to: a check that reads a file's first KiB
    (a license, a manifest's head) does not leave a later reader of the whole file with that prefix."""
    from mof_lint.repo import RepoView
    body = "# Notes\n\n" + "".join(f"line {i} of a long document\n" for i in range(4000))
    (tmp_path / "NOTES.md").write_text(body)
    view = RepoView(str(tmp_path))
    assert view.text("NOTES.md", 1024) == body[:1024]
    assert view.text("NOTES.md") == body
    assert view.text("NOTES.md", 1024) == body  # the whole text, once read, serves smaller asks too
