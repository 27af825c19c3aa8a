"""`--with hf:ORG/NAME`: a Hub repository read as metadata through huggingface_hub, against a local
HTTP server that stands in for the Hub (HF_ENDPOINT on 127.0.0.1) and fails the test if a weight
or data file is ever requested."""
from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import TORCH_MODEL, TRAIN_LOOP, build, component, run

pytest.importorskip("huggingface_hub")

SHA = "0123456789abcdef0123456789abcdef01234567"
TOKEN = "hf_TESTtokenNEVERprintedXYZ"
CARD = ("---\nlicense: apache-2.0\nlibrary_name: transformers\npipeline_tag: text-generation\n"
        "datasets:\n  - acme/corpus\nmodel-index:\n  - name: acme-7b\n    results:\n      - task: {type: text-generation}\n"
        "        dataset: {name: ARC, type: ai2_arc}\n        metrics: [{type: accuracy, value: 51.2}]\n---\n\n"
        "# acme-7b\n\n## Model details\n\nA 7B decoder-only model.\n\n## Intended uses\n\nResearch.\n\n"
        "## Bias, risks and limitations\n\nIt makes things up.\n\n## Evaluation\n\nSee the front matter.\n")
DATA_CARD = ("---\nlicense: cc-by-4.0\ntask_categories: [text-generation]\nsize_categories: [1B<n<10B]\n---\n\n"
             "# corpus\n\n## Dataset description\n\nPublic-domain books.\n\n## Data sources\n\nProject Gutenberg.\n")
CUSTOM_LICENSE = ("ACME COMMUNITY LICENSE AGREEMENT\n\n1. You may use the Model for research and for "
                  "commercial use by organisations with fewer than 700 million monthly active users.\n"
                  "2. You may not use the Model or its outputs to improve any other large language model.\n"
                  "3. You must comply with the Acceptable Use Policy.\n")
WEIGHTS = (".safetensors", ".bin", ".gguf", ".pt", ".parquet", ".arrow", ".jsonl")


def model_files() -> dict[str, dict]:
    """path -> {"body": bytes} for files served, {"lfs": size} for LFS files (never served)."""
    return {
        "README.md": {"body": CARD.encode()},
        "config.json": {"body": b'{"architectures": ["LlamaForCausalLM"], "hidden_size": 4096}\n'},
        "tokenizer.json": {"body": b'{"model": {"vocab": {}}}'},
        "model-00001-of-00002.safetensors": {"lfs": 4_900_000_000},
        "model-00002-of-00002.safetensors": {"lfs": 4_100_000_000},
        "pytorch_model.bin": {"lfs": 9_000_000_000},
        "../escape.md": {"body": b"# outside\n"},
        ".git/config": {"body": b"[core]\n"},
    }


class FakeHub:
    """The Hub's API as huggingface_hub calls it: /api/{models,datasets}/ID (with `blobs`) and
    /[datasets/]ID/resolve/REV/PATH. Repositories: acme/acme-7b, datasets acme/corpus, acme/gated
    (401 without the token), acme/html (an HTML page), acme/slow (never answers in time),
    acme/liar (a card listed small, served huge), acme/bigcard (a card listed over the cap)."""

    def __init__(self):
        self.requests: list[str] = []
        self.headers: list[dict] = []
        self.repos = {"models/acme/acme-7b": model_files(),
                      "datasets/acme/corpus": {"README.md": {"body": DATA_CARD.encode()},
                                               "data/train-00000.parquet": {"lfs": 2_000_000_000}},
                      "models/acme/gated": model_files(),
                      "models/acme/custom": {
                          "README.md": {"body": CARD.replace("license: apache-2.0", "license: other\nlicense_name: "
                                                             "acme-community-license\nlicense_link: LICENSE").encode()},
                          "LICENSE": {"body": CUSTOM_LICENSE.encode()},
                          "model.safetensors": {"lfs": 15_000_000_000}},
                      "models/acme/hostile": {
                          "README.md": {"body": CARD.encode()},
                          "a": {"body": b"a file where a folder will be asked for"},
                          "a/b.md": {"body": b"# under a file\n"},
                          "x" * 300 + ".md": {"body": b"# long\n"},
                          "\u00fcn\u00efcode/README.md": {"body": "# \u00fc\n".encode()},
                          "C:\\evil.md": {"body": b"# drive\n"},
                          "nul\u0000.md": {"body": b"# nul\n"},
                          "big.safetensors": {"lfs": 10**12},
                          "deep/" * 40 + "f.json": {"body": b"{}"}},
                      "models/acme/liar": {"README.md": {"body": b"x" * (3 << 20), "size": 100}},
                      "models/acme/bigcard": {"README.md": {"body": b"# big\n", "size": 50 << 20},
                                              "config.json": {"body": b"{}"}}}
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                hub.requests.append(self.path)
                hub.headers.append(dict(self.headers))
                hub.serve(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def send(self, h, code: int, body: bytes, ctype: str = "application/json"):
        h.send_response(code)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        try:
            h.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def serve(self, h):
        path = h.path.split("?")[0]
        if path.startswith("/api/"):
            kind, _, rest = path[len("/api/"):].partition("/")
            repo = f"{kind}/{rest}"
            if rest == "acme/html":
                return self.send(h, 200, b"<html><body>Welcome</body></html>", "text/html")
            if rest == "acme/slow":
                time.sleep(3)
                return self.send(h, 200, b"{}")
            if rest == "acme/gated" and h.headers.get("Authorization") != f"Bearer {TOKEN}":
                return self.send(h, 401, b'{"error": "Access to model acme/gated is restricted."}')
            if repo not in self.repos:
                return self.send(h, 404, b'{"error": "Repository not found"}')
            siblings = []
            for name, f in self.repos[repo].items():
                if "lfs" in f:
                    siblings.append({"rfilename": name, "size": f["lfs"],
                                     "lfs": {"sha256": "c" * 64, "size": f["lfs"], "pointerSize": 134}})
                else:
                    siblings.append({"rfilename": name, "size": f.get("size", len(f["body"]))})
            return self.send(h, 200, json.dumps({"id": rest, "sha": SHA, "siblings": siblings}).encode())
        # /[datasets/]ORG/NAME/resolve/REV/PATH
        bits = path.lstrip("/").split("/")
        kind = "datasets" if bits[0] == "datasets" else "models"
        bits = bits[1:] if kind == "datasets" else bits
        repo, file = f"{kind}/{bits[0]}/{bits[1]}", "/".join(bits[4:])
        f = self.repos.get(repo, {}).get(file)
        if f is None or "lfs" in f:
            return self.send(h, 404, b"not found", "text/plain")
        return self.send(h, 200, f["body"], "application/octet-stream")

    def asked_for_weights(self) -> list[str]:
        return [r for r in self.requests if "/resolve/" in r and r.split("?")[0].endswith(WEIGHTS)]


@pytest.fixture
def hub(monkeypatch, tmp_path):
    fake = FakeHub()
    monkeypatch.setenv("HF_ENDPOINT", fake.url)
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub-cache"))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))  # no stored token of this machine's
    yield fake
    assert fake.asked_for_weights() == [], "a weight or data file was requested"
    fake.close()


def code_repo(root: Path) -> Path:
    return build(root, {
        "README.md": "# acme-7b\n\nTraining code. The weights: [acme/acme-7b](https://huggingface.co/acme/acme-7b), "
                     "trained on [acme/corpus](https://huggingface.co/datasets/acme/corpus).\n",
        "LICENSE": (Path(__file__).parent / "data" / "licenses" / "Apache-2.0.txt").read_text("utf-8"),
        "model.py": TORCH_MODEL, "train.py": TRAIN_LOOP})


def check(*args: str) -> tuple[int, dict, str]:
    rc, out, err = run("check", *args, "--format", "json")
    return rc, json.loads(out), err


def test_a_hub_model_repository_is_read_as_metadata_and_judged_with_the_code(hub, tmp_path):
    code = code_repo(tmp_path / "code")
    rc, report, _ = check(str(code), "--with", "hf:acme/acme-7b")
    weights = component(report, "final_parameters")
    assert weights["status"] == "present" and weights["license"] == "Apache-2.0"
    assert weights["evidence"][0]["part"] == "hf:acme/acme-7b"
    assert weights["license_source"]["part"] == "hf:acme/acme-7b"
    assert component(report, "model_card")["evidence"][0]["part"] == "hf:acme/acme-7b"
    assert {"label": "hf:acme/acme-7b", "hub": "acme/acme-7b", "revision": SHA} in report["parts"]
    assert not any(f["rule"] == "MOF204" and f["component"] == weights["id"] for f in report["findings"])
    # the listing's unusable names were left out, said once each, never written outside the tree
    left_out = [f["message"] for f in report["findings"] if f["rule"] == "MOF413"]
    assert any("escape.md" in m for m in left_out) and any(".git/config" in m for m in left_out)
    assert not (tmp_path / "escape.md").exists()
    # what was fetched: the card and the config; never tokenizer.json (vocabulary), never an LFS file
    fetched = {r.split("/resolve/")[1].split("/", 1)[1] for r in hub.requests if "/resolve/" in r}
    assert fetched == {"README.md", "config.json"}
    # and nothing else was asked of the Hub (no registry, no telemetry)
    assert all(r.startswith(("/api/models/acme/acme-7b?", "/acme/acme-7b/resolve/")) for r in hub.requests), hub.requests
    # SARIF points at the Hub's page of the file
    sarif = json.loads(run("check", str(code), "--with", "hf:acme/acme-7b", "--format", "sarif")[1])
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
            for loc in r.get("locations", [])]
    assert not any("escape" in u for u in uris)


def test_follow_links_reads_the_hub_repositories_the_checkout_links_as_weights_and_data(hub, tmp_path):
    code = code_repo(tmp_path / "code")
    _, alone, _ = check(str(code))
    assert len(alone["parts"]) == 1 and hub.requests == []  # offline unless asked
    rc, report, _ = check(str(code), "--follow-links")
    labels = [p["label"] for p in report["parts"]]
    assert labels == [".", "hf:acme/acme-7b", "hf:datasets/acme/corpus"]
    assert component(report, "final_parameters")["status"] == "present"
    data_card = component(report, "data_card")
    assert data_card["status"] in ("present", "partial")


def test_a_gated_repository_needs_the_token_which_is_sent_and_never_shown(hub, tmp_path, monkeypatch):
    code = code_repo(tmp_path / "code")
    rc, report, err = check(str(code), "--with", "hf:acme/gated")
    notes = [f for f in report["findings"] if f["rule"] == "MOF413"]
    assert notes and "HF_TOKEN" in notes[0]["message"] and "hf:acme/gated" in notes[0]["message"]
    assert report["parts"][1]["problem"]
    assert component(report, "final_parameters")["status"] == "link_only"
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    rc, out, err = run("check", str(code), "--with", "hf:acme/gated", "--format", "json")
    assert component(json.loads(out), "final_parameters")["status"] == "present"
    for fmt in ("text", "json", "sarif", "markdown", "github"):
        rc, out, err = run("check", str(code), "--with", "hf:acme/gated", "--format", fmt, "-v")
        assert TOKEN not in out and TOKEN not in err


@pytest.mark.parametrize("repo, why", [
    ("hf:acme/missing", "no such repository"),
    ("hf:acme/html", "not JSON"),
    ("hf:acme/liar", None),  # the card is cut at the cap and not used; the part is still read
    ("hf:acme/bigcard", "not read"),
])
def test_what_the_hub_gets_wrong_is_a_note_on_the_part(hub, tmp_path, repo, why):
    code = code_repo(tmp_path / "code")
    rc, report, err = check(str(code), "--with", repo)
    assert rc in (0, 1) and "Traceback" not in err
    notes = [f["message"] for f in report["findings"] if f["rule"] == "MOF413"]
    if why:
        assert any(why in m and repo in m for m in notes), notes
    assert component(report, "model_architecture")["status"] == "present"  # the rest is judged


def test_an_unreachable_hub_ends_quickly_with_a_note_and_the_exit_the_findings_decide(tmp_path, monkeypatch):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    code = code_repo(tmp_path / "code")
    start = time.monotonic()
    rc, out, err = run("check", str(code), "--with", "hf:acme/acme-7b", "--format", "json")
    assert time.monotonic() - start < 5
    report = json.loads(out)
    note = next(f for f in report["findings"] if f["rule"] == "MOF413")
    assert "could not be reached" in note["message"] and note["level"] == "note"
    assert rc == run("check", str(code), "--format", "json")[0]  # the note changes no exit code


def test_a_slow_hub_is_cut_off_by_the_timeout(hub, tmp_path, monkeypatch):
    from mof_lint import hub as hubmod
    monkeypatch.setattr(hubmod, "TIMEOUT", 0.5)
    start = time.monotonic()
    rc, report, _ = check(str(code_repo(tmp_path / "code")), "--with", "hf:acme/slow")
    assert time.monotonic() - start < 3
    assert any(f["rule"] == "MOF413" and "could not be reached" in f["message"] for f in report["findings"])


def test_offline_mode_reads_the_hub_cache_and_asks_nothing(hub, tmp_path, monkeypatch):
    cache = tmp_path / "hub-cache" / "models--acme--acme-7b"
    build(cache, {"refs/main": SHA, f"snapshots/{SHA}/README.md": CARD,
                  f"snapshots/{SHA}/config.json": '{"architectures": ["LlamaForCausalLM"]}'})
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    rc, report, _ = check(str(code_repo(tmp_path / "code")), "--with", "hf:acme/acme-7b")
    assert hub.requests == []
    assert component(report, "model_card")["evidence"][0]["part"] == "hf:acme/acme-7b"
    rc, report, _ = check(str(code_repo(tmp_path / "code2")), "--with", "hf:acme/other")
    assert any("cache holds no copy" in f["message"] for f in report["findings"] if f["rule"] == "MOF413")


def test_without_huggingface_hub_the_note_says_what_to_install(tmp_path, monkeypatch):
    import builtins
    real = builtins.__import__

    def no_hub(name, *args, **kwargs):
        if name == "huggingface_hub" or name.startswith("huggingface_hub."):
            raise ImportError(name)
        return real(name, *args, **kwargs)
    monkeypatch.setattr(builtins, "__import__", no_hub)
    rc, report, _ = check(str(code_repo(tmp_path / "code")), "--with", "hf:acme/acme-7b")
    assert any("pip install 'mof-lint[hub]'" in f["message"] for f in report["findings"] if f["rule"] == "MOF413")


def test_init_declares_the_release_with_its_repository_and_hub_addresses(hub, tmp_path):
    from conftest import git
    code = code_repo(tmp_path / "code")
    git(code, "init", "-q")
    git(code, "remote", "add", "origin", "https://someone:ghp_SECRETinURL@github.com/acme/acme-7b.git")
    rc, decl, err = run("init", str(code), "--with", "hf:acme/acme-7b", "--stdout")
    assert rc == 0 and "ghp_SECRET" not in decl + err
    assert "repository: https://github.com/acme/acme-7b\n" in decl
    assert "huggingface: https://huggingface.co/acme/acme-7b\n" in decl
    # a component found on the Hub is declared by its Hub address, not as a path of the checkout
    assert f"component_path: https://huggingface.co/acme/acme-7b/blob/{SHA}/model-0000" in decl
    rc, out, _ = run("classify", str(build(tmp_path / "d", {"mof.yml": decl}) / "mof.yml"), "--format", "json")
    _, report, _ = check(str(code), "--with", "hf:acme/acme-7b")
    declared = json.loads(out)[0]["progress"]
    assert rc == 0 and {k: round(v, 4) for k, v in declared.items()} == \
        {k: round(v, 4) for k, v in report["strict_progress"].items()}


def test_a_custom_license_named_in_the_cards_front_matter_is_read_from_the_hub(hub, tmp_path):
    rc, report, _ = check(str(code_repo(tmp_path / "code")), "--with", "hf:acme/custom")
    weights = component(report, "final_parameters")
    assert weights["status"] == "present" and weights["license_source"]["part"] == "hf:acme/custom"
    assert not weights["open"] and weights["license"] not in ("Apache-2.0", None)
    fetched = {r.split("/resolve/")[1].split("/", 1)[1] for r in hub.requests if "/resolve/" in r}
    assert "LICENSE" in fetched  # license files are read; the weights never are
    # the code keeps the code repository's own license
    assert component(report, "model_architecture")["license"] == "Apache-2.0"


def test_a_hostile_listing_stays_inside_its_tree_and_is_noted(hub, tmp_path):
    """File names from the Hub are untrusted: a name under a file, an overlong one, a drive path,
    a NUL, 40 folders deep -- each is written inside the part's tree or left out with a note, and
    the rest of the part still counts."""
    rc, report, err = check(str(code_repo(tmp_path / "code")), "--with", "hf:acme/hostile")
    assert rc in (0, 1) and "Traceback" not in err
    assert component(report, "final_parameters")["evidence"][0]["part"] == "hf:acme/hostile"
    assert component(report, "model_card")["evidence"][0]["part"] == "hf:acme/hostile"
    notes = " ".join(f["message"] for f in report["findings"] if f["rule"] == "MOF413")
    assert "not usable" in notes
    assert not list(tmp_path.glob("**/evil.md")) and not (tmp_path / "C:").exists()


def test_follow_links_reads_at_most_four_and_says_which_it_left(tmp_path, monkeypatch):
    """Six Hub repositories linked as weights: four are followed (in the order found), the note
    names the others; links that are not a model or dataset repository (spaces, docs) are not."""
    from mof_lint.check import MAX_FOLLOW, run_check
    links = "".join(f"- [acme/m{i}](https://huggingface.co/acme/m{i})\n" for i in range(6))
    root = build(tmp_path / "r", {"README.md": "# m\n\n## Model weights\n\n" + links +
                                  "\nDemo: [space](https://huggingface.co/spaces/acme/demo)\n", "model.py": TORCH_MODEL})
    asked = []

    def follow(ids):
        asked.extend(ids)
        return []
    report = run_check(str(root), follow=follow)
    assert asked == [f"acme/m{i}" for i in range(MAX_FOLLOW)]
    note = next(f for f in report.findings if f.rule == "MOF413")
    assert "2 more were not read: acme/m4, acme/m5" in note.message
