"""A release of several parts (`--with`): a code repository checked together with a Hub-style model
repository (card with front matter, LFS pointers), each piece of evidence with its part, licenses
scoped per part, conflicts between parts, and every output format."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from conftest import ROOT, SCHEMAS, TORCH_MODEL, TRAIN_LOOP, build, check_json, component, run

APACHE = (Path(__file__).parent / "data" / "licenses" / "Apache-2.0.txt").read_text("utf-8")
LFS = "version https://git-lfs.github.com/spec/v1\noid sha256:{}\nsize {}\n"


def code_repo(root: Path, license_text: str | None = APACHE, extra: dict | None = None) -> Path:
    files = {
        "README.md": "# acme-7b\n\nTraining code for acme-7b. The weights are on the Hub: "
                     "[acme/acme-7b](https://huggingface.co/acme/acme-7b).\n\n## Training\n\n"
                     "```bash\npython train.py --lr 3e-4\n```\n",
        "model.py": TORCH_MODEL,
        "train.py": TRAIN_LOOP,
    }
    if license_text is not None:
        files["LICENSE"] = license_text
    return build(root, {**files, **(extra or {})})


def hub_repo(root: Path, license_id: str = "cc-by-4.0", extra: dict | None = None) -> Path:
    card = (f"---\nlicense: {license_id}\nlibrary_name: transformers\npipeline_tag: text-generation\n"
            "datasets:\n  - acme/corpus\n---\n\n# acme-7b\n\n## Model details\n\nA 7B decoder-only model.\n\n"
            "## Intended uses\n\nResearch.\n\n## Bias, risks and limitations\n\nIt makes things up.\n\n"
            "## Evaluation\n\n| Task | Score |\n| --- | --- |\n| ARC | 51.2 |\n")
    return build(root, {"README.md": card, "config.json": '{"architectures": ["LlamaForCausalLM"], "hidden_size": 4096}\n',
                        "model-00001-of-00002.safetensors": LFS.format("a" * 64, 4_900_000_000),
                        "model-00002-of-00002.safetensors": LFS.format("b" * 64, 4_100_000_000),
                        **(extra or {})})


def test_the_weights_take_the_hub_cards_license_and_each_piece_of_evidence_names_its_part(tmp_path):
    code = code_repo(tmp_path / "code")
    hub = hub_repo(tmp_path / "acme-7b")
    alone = check_json(code)
    weights = component(alone, "final_parameters")
    assert weights["status"] == "link_only" and weights["license"] is None
    assert any(f["rule"] == "MOF204" and f["component"] == weights["id"] for f in alone["findings"])

    both = check_json(code, "--with", str(hub))
    jsonschema.validate(both, json.loads((SCHEMAS / "report.schema.json").read_text()))
    weights = component(both, "final_parameters")
    assert weights["status"] == "present" and weights["license"] == "CC-BY-4.0"
    assert weights["evidence"][0]["part"] == str(hub) and weights["evidence"][0]["path"].endswith(".safetensors")
    assert weights["license_source"]["part"] == str(hub)
    assert not any(f["rule"] == "MOF204" and f["component"] == weights["id"] for f in both["findings"])
    card = component(both, "model_card")
    assert card["status"] == "present" and card["license"] == "CC-BY-4.0"
    # the code keeps the code repository's license, and its evidence carries no part (it is the checkout's)
    arch = component(both, "model_architecture")
    assert arch["license"] == "Apache-2.0" and "part" not in arch["evidence"][0]
    assert both["parts"] == [{"label": ".", "path": str(code)}, {"label": str(hub), "path": str(hub)}]
    # the class is computed over the release, under both policies (MOT's own rule already lets the
    # release-wide LICENSE stand in for the linked weights' missing license)
    assert both["strict_progress"]["3"] > alone["strict_progress"]["3"]
    assert both["progress"]["3"] >= alone["progress"]["3"]
    strict = {c["key"]: c["strict_status"] for c in both["components"]}
    assert strict["final_parameters"] == strict["model_card"] == "included"


def test_a_parts_own_license_covers_only_what_that_part_holds(tmp_path):
    # no LICENSE in the code repository: the Hub card's license does not license the GitHub code
    code = code_repo(tmp_path / "code", license_text=None)
    hub = hub_repo(tmp_path / "hub", license_id="apache-2.0")
    report = check_json(code, "--with", str(hub))
    assert component(report, "final_parameters")["license"] == "Apache-2.0"
    arch = component(report, "model_architecture")
    assert arch["status"] == "present" and arch["license"] is None
    assert any(f["rule"] == "MOF204" and f["component"] == arch["id"] and "part" not in f
               for f in report["findings"])


def test_parts_that_license_the_weights_differently_are_a_conflict_and_the_restricted_one_decides(tmp_path):
    code = code_repo(tmp_path / "code", extra={"README.md": "# acme-7b\n\nTraining code for acme-7b. The model "
                                                "weights are released under the Apache-2.0 license; get them from "
                                                "[acme/acme-7b](https://huggingface.co/acme/acme-7b).\n"})
    hub = hub_repo(tmp_path / "hub", license_id="llama3")
    report = check_json(code, "--with", str(hub))
    weights = component(report, "final_parameters")
    assert weights["license"] == "Llama-3" or weights["license_category"] == "restricted", weights
    assert not weights["open"]
    conflict = [f for f in report["findings"] if f["rule"] == "MOF208" and f.get("component") == weights["id"]]
    assert conflict and "parts of the release disagree" in conflict[0]["message"]
    assert "README.md" in conflict[0]["message"] and str(hub) in conflict[0]["message"]


def test_agreeing_parts_are_no_conflict(tmp_path):
    code = code_repo(tmp_path / "code", extra={"README.md": "# acme-7b\n\nThe model weights are released under "
                                                "CC-BY-4.0 on the Hub: [acme/acme-7b](https://huggingface.co/acme/acme-7b).\n"})
    report = check_json(code, "--with", str(hub_repo(tmp_path / "hub")))
    assert not [f for f in report["findings"] if f["rule"] == "MOF208"]
    assert component(report, "final_parameters")["license"] == "CC-BY-4.0"


def test_another_parts_complete_card_silences_the_checkouts_incomplete_one(tmp_path):
    code = code_repo(tmp_path / "code", extra={"README.md": "# acme-7b\n\n## Model details\n\nA 7B model; the "
                                                "weights are on the Hub: [acme/acme-7b](https://huggingface.co/acme/acme-7b).\n"})
    assert any(f["rule"] == "MOF103" for f in check_json(code)["findings"])
    report = check_json(code, "--with", str(hub_repo(tmp_path / "hub")))
    assert component(report, "model_card")["status"] == "present"
    assert not any(f["rule"] == "MOF103" for f in report["findings"])


def test_findings_on_another_parts_files_carry_the_part_in_every_format(tmp_path):
    code = code_repo(tmp_path / "code")
    hub = hub_repo(tmp_path / "hub", license_id="not-a-license-anyone-knows")
    report = check_json(code, "--with", str(hub))
    theirs = [f for f in report["findings"] if f.get("part") == str(hub)]
    assert any(f["rule"] == "MOF202" and f["path"] == "README.md" for f in theirs)
    # text: the path under the part's label
    code_text = run("check", str(code), "--with", str(hub))[1]
    assert f"{hub}/README.md" in code_text and f"with {hub} (local tree)" in code_text
    # GitHub annotations stay on files of the checked-out repository
    github = run("check", str(code), "--with", str(hub), "--format", "github")[1]
    assert "MOF202" not in github and "see the job summary" in github
    # SARIF: a location of its own (a file URI of that tree), never a path of this repository
    sarif = json.loads(run("check", str(code), "--with", str(hub), "--format", "sarif")[1])
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "MOF202"]
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri["uri"].startswith("file://") and uri["uri"].endswith("/hub/README.md") and "uriBaseId" not in uri
    assert results[0]["properties"]["part"] == str(hub)
    # Markdown: the part's label, no link into this repository
    md = run("check", str(code), "--with", str(hub), "--format", "markdown")[1]
    assert "Release parts: " in md and f"{hub}/README.md".replace("_", "\\_") in md


def test_a_part_that_cannot_be_read_is_a_usage_error(tmp_path):
    code = code_repo(tmp_path / "code")
    for bad, why in ((str(tmp_path / "missing"), "does not exist"), ("hf:not-an-id", "not a Hub id"),
                     ("hf:a/b/c", "not a Hub id"), (str(code), "is the checked repository itself")):
        rc, out, err = run("check", str(code), "--with", bad)
        assert rc == 2 and why in err and out == ""
    (tmp_path / "link").symlink_to(tmp_path / "code")
    rc, _, err = run("check", str(code), "--with", str(tmp_path / "link"))
    assert rc == 2 and "symlink" in err


def test_the_example_release_earns_class_iii_only_as_a_whole():
    code, hub = ROOT / "examples" / "release" / "tiny-llm-code", ROOT / "examples" / "release" / "tiny-llm-hub"
    alone = check_json(code)
    both = check_json(code, "--with", str(hub))
    assert alone["strict_class"] is None
    assert both["strict_class"] == 3 and both["class"] == 3
    assert component(both, "final_parameters")["license"] == "CC-BY-4.0"
    assert component(both, "model_architecture")["license"] == "Apache-2.0"


def test_badge_and_init_take_the_release_parts(tmp_path):
    code = code_repo(tmp_path / "code")
    hub = hub_repo(tmp_path / "hub")
    import xml.dom.minidom
    rc, svg, _ = run("badge", str(code), "--with", str(hub))
    title = xml.dom.minidom.parseString(svg).getElementsByTagName("title")[0].firstChild.data
    assert rc == 0 and title.endswith(f"(over the release: ., {hub})")
    assert "over the release" not in run("badge", str(code))[1]
    rc, decl, _ = run("init", str(code), "--with", str(hub), "--stdout")
    assert rc == 0 and "CC-BY-4.0" in decl


def test_a_technical_report_committed_as_markdown_counts_and_an_issue_template_does_not(repo):
    report = check_json(repo({
        "README.md": "# m\n",
        "docs/technical_report.md": "# The m technical report\n\n## Abstract\n\nWe train m.\n\n## Method\n\nText.\n",
        ".github/ISSUE_TEMPLATE/bug_report.md": "## Abstract\n\nDescribe the bug.\n",
        "notes/report.md": "# Weekly report\n\nNothing yet.\n",
    }))
    tr = component(report, "technical_report")
    assert tr["status"] == "present"
    assert [e["path"] for e in tr["evidence"] if e["confidence"] >= 0.5] == ["docs/technical_report.md"]
    paper = check_json(repo({"README.md": "# m\n", "paper.md": "# m\n\n**Abstract.**\n\n# Abstract\n\nText.\n"}))
    assert component(paper, "research_paper")["status"] == "present"


def test_the_action_checks_the_release_named_in_its_with_input(tmp_path):
    from test_action import run_in
    ws = tmp_path / "ws"
    code_repo(ws / "model")
    hub_repo(ws / "hf-clone", license_id="not-a-license-anyone-knows")
    code, stdout, outputs = run_in(ws, INPUT_PATH="model", INPUT_WITH="hf-clone\n# a comment\n",
                                   INPUT_REPORT_FILE="mof.json", INPUT_SARIF_FILE="mof.sarif")
    report = json.loads((ws / "mof.json").read_text())
    assert [p["label"] for p in report["parts"]] == [".", "hf-clone"]
    assert component(report, "final_parameters")["evidence"][0]["part"] == "hf-clone"
    # the other part's findings are in the summary, not annotations on this repository's files
    assert "MOF202" not in stdout and "file=hf-clone" not in stdout and "file=model/README.md" in stdout
    summary = (ws / "summary.md").read_text()
    assert "Release parts: hf-clone" in summary and "hf-clone/README.md" in summary
    sarif = json.loads((ws / "mof.sarif").read_text())
    assert any(r.get("properties", {}).get("part") == "hf-clone" for r in sarif["runs"][0]["results"])
    # a part outside the workspace, or reached through a symlink, is refused with an error annotation
    (ws / "planted").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    for bad in ("../elsewhere", "planted", "hf:bad"):
        code, stdout, _ = run_in(ws, INPUT_PATH="model", INPUT_WITH=bad)
        assert code == 2 and stdout.startswith("::error title=mof-lint::with:")


def test_a_part_cloned_inside_the_checkout_is_that_parts_only(tmp_path):
    code = code_repo(tmp_path / "code")
    hub_repo(code / "hf[clone]")  # cloned in the workspace, with a name gitignore would read as a pattern
    alone = check_json(code)  # without --with, it is just a folder of the checkout
    assert any(e["path"].startswith("hf[clone]/") for e in component(alone, "final_parameters")["evidence"])
    report = check_json(code, "--with", str(code / "hf[clone]"))
    for c in report["components"]:
        for e in c["evidence"]:
            assert not e["path"].startswith("hf[clone]/"), (c["key"], e)
    assert component(report, "final_parameters")["evidence"][0]["part"] == str(code / "hf[clone]")
    # the other way round, a part that holds the checkout, is refused
    rc, _, err = run("check", str(code / "hf[clone]"), "--with", str(code))
    assert rc == 2 and "holds the checked repository" in err


def test_a_pull_request_is_compared_with_its_base_as_the_same_release(tmp_path):
    import subprocess
    from conftest import git
    from test_action import commands, run_in
    import shutil
    ws = tmp_path / "ws"  # the example release (Class III only as a whole), its Hub clone in the workspace
    shutil.copytree(ROOT / "examples" / "release" / "tiny-llm-code", ws)
    shutil.copytree(ROOT / "examples" / "release" / "tiny-llm-hub", ws / "hf-model")
    (ws / ".gitignore").write_text("hf-model/\nsummary.md\noutput.txt\n")
    git(ws, "init", "-q")
    git(ws, "add", "-A")
    git(ws, "-c", "user.email=a@b", "-c", "user.name=t", "commit", "-qm", "base")
    base = subprocess.run(["git", "-C", str(ws), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 1, "base": {"sha": base}, "head": {"sha": "1" * 40}}}))
    # nothing changed: with the Hub part on both sides there is no drop (without it on the base, the
    # base would look worse and a real drop could hide)
    code, stdout, _ = run_in(ws, INPUT_WITH="hf-model", GITHUB_EVENT_PATH=str(event))
    assert not [c for c in commands(stdout) if "MOF106" in c]
    (ws / "tiny_llm" / "model.py").unlink()
    git(ws, "add", "-A")
    git(ws, "-c", "user.email=a@b", "-c", "user.name=t", "commit", "-qm", "drop the architecture")
    code, stdout, _ = run_in(ws, INPUT_WITH="hf-model", GITHUB_EVENT_PATH=str(event))
    drop = [c for c in commands(stdout) if "MOF106" in c]
    assert code == 1 and drop and "Model architecture" in drop[0]
