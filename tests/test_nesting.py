"""Every parser of repository files survives any nesting, and one failure never loses the report.

Each case puts a file nested 10, 1,000 and 100,000 levels deep (brackets, braces, parentheses,
chained calls, YAML flow and block collections) where a detector reads it, runs `mof-lint check
--format json`, and wants a report (exit 0 or 1, never an internal error) with, past the limit, a
finding on that file and line; under it, the file is read as usual (no refusal).
"""
from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from mof_lint import detectors
from mof_lint.safeparse import MAX_CHAIN, MAX_NESTING, parse_python
from mof_lint.yamlio import MAX_DEPTH as YAML_DEPTH
from conftest import MIT_TEXT, ROOT, TORCH_MODEL, TRAIN_LOOP, build, run

DEPTHS = (10, 1_000, 100_000)
# what a refused file's finding says: too deep, or (100,000 levels make big files) over a size cap
REFUSAL = re.compile(r"nested deeper|nested too deeply|chains more than|could not be parsed|RecursionError|"
                     r"MemoryError|too many nested|not parsed|not validated|not read|larger than")


def json_nest(kind: str, d: int) -> str:
    return "[" * d + "1" + "]" * d if kind == "[" else '{"a": ' * d + "1" + "}" * d


def yaml_nest(kind: str, d: int) -> str:
    """A value nested d deep: flow brackets or braces, or block sequences (`- - - x`)."""
    if kind == "block":
        return "\n" + "- " * d + "x"
    return " " + ("[" * d + "x" + "]" * d if kind == "[" else "{a: " * d + "x" + "}" * d)


def python_nest(kind: str, d: int) -> str:
    return {"call": "x = f" + "()" * d, "(": "x = " + "(" * d + "1" + ")" * d, "[": "x = " + "[" * d + "]" * d,
            "f-string": 'x = f"{g' + "()" * d + '}"'}[kind] + "\n"


def safetensors(kind: str, d: int) -> bytes:
    header = (json_nest("{", d) if kind == "{" else '{"x": ' + json_nest("[", d) + "}").encode()
    return struct.pack("<Q", len(header)) + header + b"\0" * 16


def notebook_json(kind: str, d: int) -> str:
    return '{"nbformat": 4, "cells": ' + json_nest(kind, d) + "}"


def notebook_code(kind: str, d: int) -> str:
    return json.dumps({"nbformat": 4, "cells": [{"cell_type": "code", "source": python_nest(kind, d)}]})


def toml_nest(kind: str, d: int) -> str:
    value = "[" * d + "1" + "]" * d if kind == "[" else "{a = " * d + "1" + "}" * d
    return '[project]\nname = "x"\nx = ' + value + "\n"


# (name, path, kinds, content(kind, depth), rule past the limit, its line when one line says it, limit)
CASES = [
    ("config.json", "config.json", ("[", "{"), json_nest, "MOF411", 1, MAX_NESTING),
    ("package.json", "package.json", ("[", "{"), json_nest, "MOF411", 1, MAX_NESTING),
    ("safetensors header", "model.safetensors", ("[", "{"), safetensors, "MOF407", None, MAX_NESTING),
    ("notebook JSON", "analysis.ipynb", ("[", "{"), notebook_json, "MOF411", 1, MAX_NESTING),
    ("notebook code", "analysis.ipynb", ("call", "(", "["), notebook_code, "MOF404", 1, MAX_NESTING),
    ("model.py", "model.py", ("call", "(", "[", "f-string"), python_nest, "MOF404", 1, MAX_NESTING),
    ("train.py", "train.py", ("call", "(", "[", "f-string"), python_nest, "MOF404", 1, MAX_NESTING),
    ("data manifest", "data/manifest.yaml", ("[", "{", "block"), lambda k, d: "datasets:" + yaml_nest(k, d) + "\n",
     "MOF307", None, YAML_DEPTH),
    ("Croissant", "croissant.json", ("[", "{"), lambda k, d: '{"@context": {}, "x": ' + json_nest(k, d) + "}",
     "MOF307", 1, YAML_DEPTH),
    ("mof.yml", "mof.yml", ("[", "{", "block"), lambda k, d: "release:\n  name: x\nframework:" + yaml_nest(k, d) + "\n",
     ("MOF300", "MOF306"), None, YAML_DEPTH),  # (a 100,000-deep one is over the size a declaration may have)
    ("card front matter", "README.md", ("[", "{", "block"),
     lambda k, d: "---\nlicense: mit\ntags:" + yaml_nest(k, d) + "\n---\n# Model\n", "MOF304", None, YAML_DEPTH),
    ("model card front matter", "MODEL_CARD.md", ("[", "{", "block"),
     lambda k, d: "---\ntags:" + yaml_nest(k, d) + "\n---\n# Model card\n", "MOF304", None, YAML_DEPTH),
    ("pyproject.toml", "pyproject.toml", ("[", "{"), toml_nest, "MOF411", 3, MAX_NESTING),
    # CITATION.cff is read line by line (license, arXiv ids, links), never parsed: nesting is inert
    ("CITATION.cff", "CITATION.cff", ("[", "block"), lambda k, d: "cff-version: 1.2.0\ntitle:" + yaml_nest(k, d) + "\n",
     None, None, 0),
]
MATRIX = [pytest.param(path, content, kind, depth, rule, line, limit, id=f"{name}-{kind}-{depth}")
          for name, path, kinds, content, rule, line, limit in CASES for kind in kinds for depth in DEPTHS]


def _limit(kind: str, limit: int) -> int:
    if kind == "f-string":
        return MAX_CHAIN - 1  # the replacement field's brace is a link of the chain too
    return MAX_CHAIN if kind == "call" else limit  # f()()() nests no bracket: the chain bound applies


@pytest.mark.parametrize("path, content, kind, depth, rule, line, limit", MATRIX)
def test_every_parser_survives_any_nesting(tmp_path, path, content, kind, depth, rule, line, limit):
    root = build(tmp_path, {"LICENSE": MIT_TEXT, path: content(kind, depth)})
    code, out, err = run("check", str(root), "--format", "json")
    assert code in (0, 1), err
    report = json.loads(out)
    assert not [f for f in report["findings"] if f["rule"] == "MOF412"]
    on_file = [f for f in report["findings"] if f["path"] == path]
    refused = [f for f in on_file if REFUSAL.search(f["message"]) or f["rule"] == rule == "MOF407"]
    if rule is None:
        assert not refused
    elif depth > _limit(kind, limit):
        rules = rule if isinstance(rule, tuple) else (rule,)
        assert [f for f in refused if f["rule"] in rules and (line is None or f["line"] == line)], on_file
    else:
        assert not refused, on_file  # a file nested like real ones is read as usual


@pytest.mark.parametrize("kind", ["[", "{", "block"])
def test_a_deep_configuration_stops_with_its_own_error_not_an_internal_one(tmp_path, kind):
    """A broken .mof-lint.yml stops the run with MOF305 and exit 2 (the documented contract: mof-lint
    does not guess what the configuration meant), however deep it nests."""
    root = build(tmp_path, {"LICENSE": MIT_TEXT, ".mof-lint.yml": "exclude:" + yaml_nest(kind, 100_000) + "\n"})
    code, out, err = run("check", str(root), "--format", "json")
    assert code == 2 and "MOF305" in err and re.search("nested deeper than|larger than", err)
    assert "internal error" not in err and "Traceback" not in err


def test_a_deep_config_json_in_a_subprocess_still_gives_the_report(tmp_path):
    root = build(tmp_path, {"LICENSE": MIT_TEXT, "train.py": TRAIN_LOOP, "config.json": json_nest("[", 100_000)})
    proc = subprocess.run([sys.executable, "-m", "mof_lint", "check", str(root), "--format", "json"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    assert [f for f in report["findings"] if f["rule"] == "MOF411" and f["path"] == "config.json" and f["line"] == 1]
    training = next(c for c in report["components"] if c["key"] == "training_code")
    assert training["status"] == "present"  # the rest of the repository was still read


def test_brackets_in_strings_and_comments_do_not_count(tmp_path):
    deep = "[" * 5000
    root = build(tmp_path, {"LICENSE": MIT_TEXT,
                            "config.json": json.dumps({"architectures": ["LlamaForCausalLM"], "note": deep}),
                            "train.py": f"# {deep}\nS = '{deep}'\nT = \"\"\"{deep}\n{deep}\"\"\"\n" + TRAIN_LOOP,
                            "pyproject.toml": f'[project]\nname = "x"\nlicense = "MIT"\n# {deep}\nd = "{deep}"\n'})
    code, out, _ = run("check", str(root), "--format", "json")
    report = json.loads(out)
    assert not [f for f in report["findings"] if REFUSAL.search(f["message"]) or f["rule"] == "MOF411"]
    arch = next(c for c in report["components"] if c["key"] == "model_architecture")
    assert [e for e in arch["evidence"] if e["path"] == "config.json"]
    assert next(c for c in report["components"] if c["key"] == "training_code")["status"] == "present"
    assert next(c for c in report["components"] if c["key"] == "supporting_libraries")["status"] == "present"


def test_the_python_pre_check_passes_real_code():
    """mof-lint's own sources and tests: long calls, string concatenations, nested literals."""
    files = sorted((ROOT / "src").rglob("*.py")) + sorted((ROOT / "tests").rglob("*.py"))
    assert len(files) > 40
    for path in files:
        parse_python(path.read_text("utf-8"), str(path))


def _boom(view):
    raise RecursionError("maximum recursion depth exceeded (a detector bug)")


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "markdown"])
def test_a_failing_detector_costs_its_evidence_not_the_report(tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(detectors, "DETECTORS", (_boom, *detectors.DETECTORS))
    root = build(tmp_path, {"LICENSE": MIT_TEXT, "model.py": TORCH_MODEL})
    code, out, err = run("check", str(root), "--format", fmt)
    assert code == 1, err  # MOF412 is an error: an incomplete check does not pass
    assert "internal error" not in err and "Traceback" not in err
    assert "MOF412" in out and "boom" in out
    if fmt == "json":
        report = json.loads(out)
        arch = next(c for c in report["components"] if c["key"] == "model_architecture")
        assert arch["status"] == "present"  # the other detectors ran
        assert [f for f in report["findings"] if f["rule"] == "MOF412" and "please report" in f["message"]]
    elif fmt == "sarif":
        json.loads(out)


def test_a_failing_license_detection_or_declaration_check_keeps_the_report(tmp_path, monkeypatch):
    from mof_lint import check, declarations
    monkeypatch.setattr(check, "detect_licenses", _boom)
    monkeypatch.setattr(declarations, "check_cards", _boom)
    root = build(tmp_path, {"LICENSE": MIT_TEXT, "model.py": TORCH_MODEL})
    code, out, err = run("check", str(root), "--format", "json")
    assert code == 1, err
    report = json.loads(out)
    failed = {f["message"].split(" (", 1)[0] for f in report["findings"] if f["rule"] == "MOF412"}
    assert failed == {"internal error in license detection", "internal error in checking cards"}
    assert next(c for c in report["components"] if c["key"] == "model_architecture")["status"] == "present"
