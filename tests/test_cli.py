"""The CLI as a user meets it: exit codes, formats, the JSON contract, and no writes into the tree."""
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import APACHE_HEAD, EXAMPLE, SCHEMAS, TORCH_MODEL, build, check_json, component, run
from mof_lint.yamlio import YamlError, load_yaml

MOT_DATA = Path(__file__).parent / "data" / "mot"


def _tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for dirpath, dirnames, filenames in sorted(os.walk(root)):
        dirnames.sort()
        for name in sorted(filenames):
            p = Path(dirpath) / name
            h.update(str(p.relative_to(root)).encode())
            if not p.is_symlink():
                h.update(p.read_bytes())
    return h.hexdigest()


def test_example_repository_reaches_class_2_and_says_what_class_1_needs():
    before = _tree_digest(EXAMPLE)
    code, out, err = run("check", str(EXAMPLE), "--color", "never")
    assert code == 0, err
    assert "Class II - Open Tooling Model" in out
    assert "Next: Class I - Open Science Model needs Model parameters (Intermediate) (missing)" in out
    assert "model.py:10 class CausalSelfAttention(nn.Module)" in out
    assert _tree_digest(EXAMPLE) == before  # nothing written into the scanned tree


def test_json_report_follows_the_schema():
    schema = json.loads((SCHEMAS / "report.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    code, out, _ = run("check", str(EXAMPLE), "--format", "json")
    report = json.loads(out)
    jsonschema.Draft202012Validator(schema).validate(report)
    assert report["class"] == 2 and report["strict_class"] == 2
    assert report["progress"]["3"] == 100.0
    assert component(report, "model_card")["status"] == "present"
    assert component(report, "intermediate_parameters")["status"] == "absent"


def test_min_class_gate_fails_with_a_finding_naming_what_is_missing(tmp_path):
    code, out, _ = run("check", str(EXAMPLE), "--min-class", "1", "--format", "json")
    assert code == 1
    gate = [f for f in json.loads(out)["findings"] if f["rule"] == "MOF100"]
    assert len(gate) == 1 and "Model parameters (Intermediate) (missing)" in gate[0]["message"]
    assert gate[0]["path"] == "README.md" and gate[0]["level"] == "error"
    assert run("check", str(EXAMPLE), "--min-class", "2")[0] == 0


def test_output_file_and_config_file(tmp_path):
    root = build(tmp_path / "r", {"model.py": TORCH_MODEL, "LICENSE": "x\n",
                                  ".mof-lint.yml": "policy: mot\nexclude: [model.py]\n"})
    out_file = tmp_path / "report.json"
    code, out, _ = run("check", str(root), "--format", "json", "-o", str(out_file))
    assert out == ""
    report = json.loads(out_file.read_text())
    assert report["policy"] == "mot"
    assert component(report, "model_architecture")["status"] == "absent"  # excluded by config


def test_usage_errors_exit_2(tmp_path):
    assert run("check", str(tmp_path / "missing"))[0] == 2
    assert run("check", str(EXAMPLE), "--format", "yaml")[0] == 2
    assert run("check", str(EXAMPLE), "--min-class", "4")[0] == 2
    bad = build(tmp_path / "b", {".mof-lint.yml": "policy: [\n"})
    code, _, err = run("check", str(bad))
    assert code == 2 and "invalid YAML" in err
    assert run()[0] == 2


def test_no_license_is_an_error_exit_1(tmp_path):
    root = build(tmp_path / "r", {"model.py": TORCH_MODEL})
    code, out, _ = run("check", str(root))
    assert code == 1 and "MOF201" in out


def test_classify_reproduces_mot_in_json():
    files = sorted(str(p) for p in MOT_DATA.glob("Class*.yml"))
    code, out, _ = run("classify", *files, "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == len(files)
    by_file = {Path(r["file"]).name: r for r in rows}
    assert by_file["Class1TestFile_C1_100%-C2_100%-C3_100%_15C_2G_15L_15V_0I_15T.yml"]["class"] == 1
    r = by_file["Class2RTestFile_C1_77%-C2_100%-C3_100%_11C_1G_11L_11V_0I_11T.yml"]
    assert r["class"] == 2 and abs(r["progress"]["1"] - 76.92307692307693) < 1e-9


def test_classify_broken_file_is_a_finding_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("release:\n  components: [\n")
    code, out, err = run("classify", str(bad))
    assert code == 1 and "MOF300" in out and "Traceback" not in err


def test_classify_fails_a_file_that_breaks_mots_schema_but_not_a_low_class(tmp_path):
    # the pre-commit hook `mof-lint-declaration` runs classify: an invalid declaration must fail it
    invalid = tmp_path / "mof.yml"
    invalid.write_text("name: x\nrelease:\n  name: x\n")
    code, out, _ = run("classify", str(invalid))
    assert code == 1 and "MOF306" in out and "'license' is a required property" in out
    valid = sorted(str(p) for p in MOT_DATA.glob("Class*.yml"))[:1]  # whatever its class
    code, _, _ = run("classify", *valid)
    assert code == 0
    assert run("classify", str(tmp_path / "missing.yml"))[0] == 2


def test_rules_lists_every_rule_and_components():
    from mof_lint.findings import RULES
    code, out, _ = run("rules", "--format", "json")
    ids = [r["id"] for r in json.loads(out)]
    assert code == 0 and ids == list(RULES) and all(r.startswith("MOF") for r in ids)
    code, out, _ = run("rules", "--components")
    assert out.count("Class ") == 17


def test_help_teaches_and_version():
    proc = subprocess.run([sys.executable, "-m", "mof_lint", "check", "--help"], capture_output=True,
                          text=True)
    assert proc.returncode == 0 and "--min-class" in proc.stdout and "exit codes" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "mof_lint", "--version"], capture_output=True, text=True)
    assert proc.stdout.startswith("mof-lint ")


def test_the_console_entry_flushes_everything_exits_with_mains_code_and_survives_a_closed_pipe(tmp_path):
    """`python -m mof_lint` (and the `mof-lint` script, cli.run) ends the process without freeing the
    check's objects: the whole report must still reach a file or a pipe, the exit code must be
    main()'s, and a reader that stops early (`| head`) must not produce a traceback."""
    cmd = [sys.executable, "-m", "mof_lint", "check", str(EXAMPLE), "--format", "json"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 0 and json.loads(proc.stdout)["class"] == 2
    bad = subprocess.run(cmd + ["--min-class", "9"], capture_output=True, text=True)
    assert bad.returncode == 2 and "min-class" in bad.stderr
    out = tmp_path / "big.json"
    with open(out, "w") as fh:  # no -o: the redirected stdout is a block-buffered file
        proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 0 and json.loads(out.read_text())["tool"]["name"] == "mof-lint"
    reader = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.read(10)
    reader.stdout.close()  # the reader goes away before the report is written
    _, err = reader.communicate(timeout=60)
    assert reader.returncode in (0, 1) and b"Traceback" not in err


def test_yaml_alias_bomb_and_deep_nesting_are_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    with pytest.raises(YamlError, match="aliases"):
        load_yaml(bomb)
    with pytest.raises(YamlError, match="nested"):
        load_yaml("a: " + "[" * 10000 + "]" * 10000)


def test_hostile_file_names_are_printed_safely(tmp_path):
    root = build(tmp_path / "r", {"LICENSE": "x\n", "weights/model\n::error::x.bin": b"\0" * 10})
    code, out, _ = run("check", str(root), "--verbose", "--color", "never")
    assert "\n::error::" not in out
    report = json.loads(run("check", str(root), "--format", "json")[1])
    assert all("\n" not in (f["path"] or "") for f in report["findings"])


def test_config_schema_errors_point_at_line_and_column(tmp_path):
    root = build(tmp_path / "r", {"LICENSE": "x\n", ".mof-lint.yml":
                                  "policy: strict\nmin-class: 4\nseverity:\n  MOF101: fatal\nunknown-key: 1\n"})
    code, _, err = run("check", str(root))
    assert code == 2
    assert ".mof-lint.yml:2:1: MOF305" in err and "min-class" in err
    assert ".mof-lint.yml:4:3: MOF305" in err and "fatal" in err
    assert "unknown key" in err


def test_config_override_needs_a_justification_and_is_reported(tmp_path):
    files = {"LICENSE": APACHE_HEAD, "model.py": TORCH_MODEL, ".mof-lint.yml":
             "components:\n  - component: final_parameters\n    status: link_only\n    license: Apache-2.0\n"}
    root = build(tmp_path / "r", files)
    code, _, err = run("check", str(root))
    assert code == 2 and "justification" in err
    files[".mof-lint.yml"] += "    url: https://huggingface.co/acme/tiny\n    justification: Weights are on the Hub under Apache-2.0.\n"
    root = build(tmp_path / "r2", files)
    report = check_json(root)
    weights = component(report, "final_parameters")
    assert weights["status"] == "link_only" and weights["license"] == "Apache-2.0"
    assert weights["license_source"]["path"] == ".mof-lint.yml"
    note = next(f for f in report["findings"] if f["rule"] == "MOF309")
    assert note["line"] == 2 and "Weights are on the Hub" in note["message"]


def test_config_disables_rules_changes_levels_and_fail_on(tmp_path):
    root = build(tmp_path / "r", {"model.py": TORCH_MODEL})  # no license: MOF201 error
    assert run("check", str(root))[0] == 1
    root2 = build(tmp_path / "r2", {"model.py": TORCH_MODEL, ".mof-lint.yml": "severity: {MOF201: warning}\n"})
    assert run("check", str(root2))[0] == 0
    assert run("check", str(root2), "--fail-on", "warning")[0] == 1
    root3 = build(tmp_path / "r3", {"model.py": TORCH_MODEL, ".mof-lint.yml": "disable: [MOF201, MOF101]\n"})
    report = check_json(root3)
    assert not {f["rule"] for f in report["findings"]} & {"MOF201", "MOF101"}


def test_the_rules_page_is_in_sync_with_the_rules():
    code, out, _ = run("rules", "--format", "markdown")
    assert code == 0
    assert (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text("utf-8") == out
    from mof_lint.findings import RULES
    for rule in RULES.values():
        assert f'<a id="{rule.id.lower()}"></a>' in out and rule.docs_url.endswith(f"#{rule.id.lower()}")
