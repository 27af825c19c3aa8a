"""Claims meet evidence: mof.yml declarations, card front matter, openness claims in prose, `init`,
and what `classify` says about MOT's own model files."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import EXAMPLE, ROOT, TORCH_MODEL, TRAIN_LOOP, build, check_json, run
from mof_lint.check import run_check

APACHE = (ROOT / "tests" / "data" / "licenses" / "Apache-2.0.txt").read_text("utf-8")
MOT_MODELS = ROOT.parent / "shared" / "mot" / "models"

DECLARATION = """framework:
  name: Model Openness Framework
  version: '1.0'
  date: '2024-12-15'
release:
  name: tiny
  version: '1'
  date: '2025-01-01'
  producer: Acme
  contact: ''
  license:
    distribution:
      name: Apache-2.0
      path: LICENSE
  components:
    - name: Model architecture
      description: the model
      component_path: model.py
    - name: Training code
      description: training
      license: MIT
    - name: Datasets
      description: data
      component_path: data/train.jsonl
    - name: Model card
      description: card
      license_path: docs/LICENSE-DOCS
"""


def findings(report, rule):
    return [f for f in report.findings if f.rule == rule]


def test_declared_claims_are_checked_on_their_lines(tmp_path):
    root = build(tmp_path / "r", {"LICENSE": APACHE, "model.py": TORCH_MODEL, "train.py": TRAIN_LOOP,
                                  "mof.yml": DECLARATION, "README.md": "# tiny\n\nA model.\n"})
    report = run_check(str(root))
    missing = {(f.line, f.message.split(":")[0]) for f in findings(report, "MOF310")}
    assert (22, "Datasets") in missing  # data/train.jsonl does not exist (line of the entry)
    assert any(f.line == 25 and "docs/LICENSE-DOCS" in f.message for f in findings(report, "MOF310"))
    conflict = findings(report, "MOF314")
    assert conflict and conflict[0].line == 19 and "'MIT'" in conflict[0].message and "Apache-2.0" in conflict[0].message
    assert report.declaration[0] == "mof.yml"


def test_found_but_not_declared_is_a_suggestion(tmp_path):
    decl = DECLARATION.split("    - name: Training code")[0]
    root = build(tmp_path / "r", {"LICENSE": APACHE, "model.py": TORCH_MODEL, "train.py": TRAIN_LOOP,
                                  "mof.yml": decl})
    notes = findings(run_check(str(root)), "MOF311")
    assert any("Training code" in f.message and f.line == 15 for f in notes)


def test_a_broken_declaration_is_a_finding_with_a_line_not_a_crash(tmp_path):
    root = build(tmp_path / "r", {"LICENSE": APACHE, "mof.yml": "framework:\n  name: [unclosed\n"})
    report = run_check(str(root))
    assert any(f.rule == "MOF300" and f.path == "mof.yml" for f in report.findings)
    root = build(tmp_path / "r2", {"LICENSE": APACHE, "mof.yml": DECLARATION.replace("version: '1.0'", "version: 1.0")
                                   .replace("  producer: Acme\n", "  producer: 7\n")})
    schema_errors = findings(run_check(str(root)), "MOF306")
    assert {f.line for f in schema_errors} >= {3, 9}


def test_a_yaml_bomb_declaration_is_refused(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    root = build(tmp_path / "r", {"LICENSE": APACHE, "mof.yml": bomb})
    assert any(f.rule == "MOF300" and "aliases" in f.message for f in run_check(str(root)).findings)


def test_card_front_matter_fields_are_validated(tmp_path):
    card = "---\nlicense: apache-2.0\ndatasets: roneneldan/TinyStories\nmodel-index:\n  - name: tiny\n---\n# tiny\n"
    root = build(tmp_path / "r", {"LICENSE": APACHE, "README.md": card})
    errs = findings(run_check(str(root)), "MOF304")
    lines = {f.line for f in errs}
    assert 3 in lines and 5 in lines  # datasets must be a list; model-index entries need results
    assert all(f.path == "README.md" for f in errs)


@pytest.mark.parametrize("sentence, flagged", [
    ("Tiny is a fully open-source language model.", True),
    ("We open-source the model and its training code.", True),
    ("Tiny is an open science release.", True),
    ("It plugs into many open-source projects built upon Llama.", False),
    ("Thanks to the open source ecosystem.", False),
    ("See the [GLM-4 open source model](https://github.com/THUDM/GLM-4).", False),
    ("Tiny is not a fully open-source model.", False),
])
def test_openness_claims_in_the_readme(tmp_path, sentence, flagged):
    readme = f"# Tiny\n\n{sentence}\n\nWeights: https://huggingface.co/acme/tiny\n"
    root = build(tmp_path / "r", {"LICENSE": APACHE, "model.py": TORCH_MODEL, "README.md": readme})
    claims = findings(run_check(str(root)), "MOF312")
    assert bool(claims) == flagged
    if flagged:
        assert claims[0].line == 3 and "open-weight" in claims[0].message


def test_init_writes_a_declaration_that_classifies_like_check(tmp_path):
    repo = tmp_path / "tiny"
    shutil.copytree(EXAMPLE, repo)
    code, out, _ = run("init", str(repo))
    assert code == 0 and (repo / "mof.yml").is_file() and (repo / ".mof-lint.yml").is_file()
    report = check_json(repo)
    code, out, _ = run("classify", str(repo / "mof.yml"), "--format", "json")
    assert json.loads(out)[0]["class"] == report["strict_class"]
    assert not [f for f in report["findings"] if f["rule"] in ("MOF306", "MOF308", "MOF310", "MOF311", "MOF314")]
    before = (repo / "mof.yml").read_bytes()
    (repo / "mof.yml").write_text("# mine\n")
    code, out, err = run("init", str(repo))
    assert code == 0 and (repo / "mof.yml").read_text() == "# mine\n"
    assert f"kept {repo / 'mof.yml'}: it exists" in out and "declared class" not in out
    assert run("init", str(repo), "--force")[0] == 0 and (repo / "mof.yml").read_bytes()[:40] == before[:40]


def test_init_stdout_writes_nothing(tmp_path):
    repo = build(tmp_path / "r", {"LICENSE": APACHE, "model.py": TORCH_MODEL})
    code, out, _ = run("init", str(repo), "--stdout")
    assert code == 0 and "Model architecture" in out and not (repo / "mof.yml").exists()


@pytest.mark.skipif(not MOT_MODELS.is_dir(), reason="MOT's model files are beside the checkout, not in it")
def test_classify_reports_what_mot_silently_misreads():
    files = sorted(str(p) for p in MOT_MODELS.glob("*.yml"))
    code, out, _ = run("classify", *files, "--format", "json")
    rows = json.loads(out)
    assert len(rows) == len(files) == 273
    rules = {f["rule"] for r in rows for f in r["findings"]}
    assert "MOF308" in rules and "MOF306" not in rules
    # MOT imports every one of its published files, so none holds a field MOT's importer cannot set;
    # their repository/huggingface fields are read (0.1.0 wrongly said MOT ignores them)
    assert "MOF313" not in rules
    apache = [f for r in rows for f in r["findings"] if "'Apache 2.0'" in f["message"]]
    assert apache and "write 'Apache-2.0'" in apache[0]["message"]


def test_classify_flags_non_spdx_ids_unknown_names_and_fields(tmp_path):
    fixture = ROOT / "tests" / "data" / "mot"
    src = sorted(fixture.glob("*.yml"))[0].read_text("utf-8")
    bad = src.replace("release:\n", "release:\n  legacy_field: 1\n", 1)
    path = tmp_path / "m.yml"
    path.write_text(bad + "", encoding="utf-8")
    code, out, _ = run("classify", str(path), "--format", "json")
    assert any(f["rule"] == "MOF313" and "legacy_field" in f["message"] for f in json.loads(out)[0]["findings"])


CROISSANT = {
    "@context": {"@vocab": "https://schema.org/", "cr": "http://mlcommons.org/croissant/"},
    "@type": "sc:Dataset", "conformsTo": "http://mlcommons.org/croissant/1.0",
    "name": "tinystories-clean", "description": "TinyStories after dedup.",
    "license": "https://spdx.org/licenses/CDLA-Sharing-1.0.html", "url": "https://huggingface.co/datasets/acme/ts",
    "creator": {"@type": "Organization", "name": "Acme"}, "datePublished": "2025-01-01",
}


def test_data_manifests_in_every_accepted_form(tmp_path):
    good = {"LICENSE": APACHE,
            "data/manifest.yaml": "datasets:\n  - name: TinyStories\n    url: https://hf.co/datasets/x\n    license: CDLA-Sharing-1.0\n",
            "data/croissant.json": json.dumps(CROISSANT, indent=2)}
    root = build(tmp_path / "ok", good)
    assert not findings(run_check(str(root)), "MOF307")
    bad_croissant = dict(CROISSANT)
    del bad_croissant["license"]
    bad = {"LICENSE": APACHE,
           "data/manifest.yaml": "datasets:\n  - name: TinyStories\n    license: CDLA-Sharing-1.0\n  - url: x\n",
           "data/croissant.json": json.dumps(bad_croissant, indent=2)}
    got = findings(run_check(str(build(tmp_path / "bad", bad))), "MOF307")
    by_path = {}
    for f in got:
        by_path.setdefault(f.path, []).append(f)
    assert {f.line for f in by_path["data/manifest.yaml"]} >= {2, 4}  # no url/path; no name
    assert any("license" in f.message for f in by_path["data/croissant.json"])


def test_a_huge_or_broken_manifest_is_a_finding(tmp_path):
    root = build(tmp_path / "r", {"LICENSE": APACHE, "data/manifest.json": "{\"datasets\": [" + "1," * 700_000 + "1]}",
                                  "datasets.yaml": "datasets:\n  - name: [\n"})
    got = {f.path: f for f in findings(run_check(str(root)), "MOF307")}
    assert "not validated" in got["data/manifest.json"].message
    assert got["datasets.yaml"].line >= 2


def test_a_50_mb_declaration_is_refused_quickly(tmp_path):
    root = build(tmp_path / "r", {"LICENSE": APACHE})
    with open(root / "mof.yml", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    report = run_check(str(root))
    assert any(f.rule == "MOF306" and "not read" in f.message for f in report.findings)


def test_a_non_utf8_card_is_read_with_a_finding(tmp_path):
    card = b"---\nlicense: apache-2.0\nlicense_name: caf\xe9\n---\n# Tiny caf\xe9 model\n\nA model.\n"
    root = build(tmp_path / "r", {"LICENSE": APACHE, "README.md": card})
    report = run_check(str(root))
    assert any(f.rule == "MOF403" and f.path == "README.md" for f in report.findings)
    assert any(e.source == "card" and e.license == "Apache-2.0" for e in report.licenses)


def test_mof313_follows_what_mots_importer_reads(tmp_path):
    """MOT imports `release` alone and sets each key on its Model entity (lfai/model_openness_tool
    @8b5d30e9, ModelUpdater::update): repository/huggingface/description are read, a key that is no
    field of the entity fails the import, anything outside `release` is ignored."""
    fixture = ROOT / "tests" / "data" / "mot"
    src = sorted(fixture.glob("*.yml"))[0].read_text("utf-8")
    read = src.replace("release:\n", "release:\n  repository: https://github.com/org/m\n"
                       "  huggingface: https://huggingface.co/org/m\n  description: A model.\n", 1)
    path = tmp_path / "m.yml"
    path.write_text(read, encoding="utf-8")
    findings = json.loads(run("classify", str(path), "--format", "json")[1])[0]["findings"]
    assert not [f for f in findings if f["rule"] == "MOF313"]
    path.write_text(src.replace("release:\n", "release:\n  homepage: https://org.ai\n", 1) + "extra: 1\n",
                    encoding="utf-8")
    found = {f["message"].split(":")[0]: f for f in json.loads(run("classify", str(path), "--format", "json")[1])[0]
             ["findings"] if f["rule"] == "MOF313"}
    assert found["release.homepage"]["level"] == "warning" and "fails" in found["release.homepage"]["message"]
    assert found["extra"]["level"] == "note" and "ignores" in found["extra"]["message"]


def test_init_then_check_is_clean_for_a_release_and_for_linked_datasets(tmp_path):
    """What `init` declares is what `check` found: the next check has nothing to say about the
    declaration (datasets that are only linked get a note suggesting a manifest, not a warning), also
    when components live in another local part of the release (declared as ../<part>/<path>)."""
    release = tmp_path / "release"
    shutil.copytree(EXAMPLE.parent / "release", release)
    code, out, _ = run("init", str(release / "tiny-llm-code"), "--with", str(release / "tiny-llm-hub"))
    assert code == 0
    assert "component_path: ../tiny-llm-hub/model.safetensors" in (release / "tiny-llm-code" / "mof.yml").read_text()
    report = check_json(release / "tiny-llm-code", "--with", str(release / "tiny-llm-hub"))
    assert not [f for f in report["findings"] if f["rule"].startswith("MOF3") and f["level"] != "note"]
    linked = build(tmp_path / "linked", {"LICENSE": APACHE, "model.py": TORCH_MODEL, "README.md":
                                         "# m\n\nWeights: https://huggingface.co/acme/m\n\nTrained on "
                                         "[the Pile](https://huggingface.co/datasets/EleutherAI/pile).\n"})
    assert run("init", str(linked))[0] == 0
    report = check_json(linked)
    assert not [f for f in report["findings"] if f["rule"].startswith("MOF3") and f["level"] != "note"]
    assert any(f["rule"] == "MOF310" and "no data manifest" in f["message"] for f in report["findings"])
