"""The framework data and MOT's classification algorithm, checked against MOT's own fixtures."""
import json
import math
import re
from pathlib import Path

import pytest

from mof_lint.classify import mot_classify
from mof_lint.framework import FRAMEWORK
from mof_lint.licenses.catalog import catalog
from mof_lint.mot_model import load_mot_model

MOT_DATA = Path(__file__).parent / "data" / "mot"


def _expected():
    raw = (MOT_DATA / "expected_results.json").read_text()
    data = json.loads(re.sub(r",(\s*[}\]])", r"\1", raw))  # MOT's dump has trailing commas
    return {m["release"]["name"]: m["classification"] for m in data["models"]}


EXPECTED = _expected()
FIXTURES = sorted(MOT_DATA.glob("*.yml"))


def test_framework_has_mots_17_components_and_cumulative_requirements():
    assert len(FRAMEWORK.components) == 17
    assert len({c.id for c in FRAMEWORK.components}) == 17
    sizes = [len(FRAMEWORK.required(n)) for n in (3, 2, 1)]
    assert sizes == [6, 4, 4]  # 6, 10, 14 cumulative, as MOT's RULES say
    optional = {c.name for c in FRAMEWORK.components if not c.required}
    assert optional == {"Sample model outputs", "Supporting libraries and tools", "Model metadata"}
    assert FRAMEWORK.class_name(2) == "Class II - Open Tooling Model"
    assert FRAMEWORK.class_name(None) == "Unclassified"


def test_all_27_mot_fixtures_are_present():
    assert len(FIXTURES) == 27 == len(EXPECTED)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem[:40])
def test_classify_reproduces_mot_fixture(path):
    model = load_mot_model(str(path), path.read_text())
    result = mot_classify(model.listed)
    expected = EXPECTED[model.name]
    assert (result.mof_class or 0) == expected["class"]
    for number, value in expected["progress"].items():
        assert math.isclose(result.progress[int(number)], value, abs_tol=1e-9), number


def test_paper_stands_in_for_report_in_classes_3_and_2_only():
    names = ["Model architecture", "Model parameters (Final)", "Evaluation results", "Model card",
             "Data card", "Research paper"]
    listed = {FRAMEWORK.by_name[n].id: "Apache-2.0" for n in names}
    result = mot_classify(listed)
    assert result.mof_class == 3 and result.progress[3] == 100.0
    # Class II breaks first (no code listed), so Class I progress is 0 whatever the substitution
    assert result.progress[1] == 0.0
    assert result.status[11] == "missing"


@pytest.mark.parametrize("license_id,is_open", [
    ("Apache-2.0", True), ("MIT", True), ("CC-BY-4.0", True), ("CC0-1.0", True),
    ("OpenMDW-1.0", True), ("ODC-PDDL-1.0", True),
    ("PDDL-1.0", False),  # MOT quirk: the SPDX spelling is not in its open-data list
    ("Apache-1.0", True),  # not OSI-approved, but FSF libre: MOT's rule takes either flag
    ("CC-PDDC", False),  # in MOT's curated list, but neither flag nor an open-data id
    ("Apache 2.0", False), ("apache-2.0", False), ("MIT OR Apache-2.0", False),
    ("CC-BY-NC-4.0", False), ("llama3.1", False), ("", False), (None, False),
])
def test_mot_open_rule_is_exact(license_id, is_open):
    assert catalog().mot_open(license_id) is is_open


def test_license_categories_and_canonical_spellings():
    cat = catalog()
    assert cat.canonical("apache-2.0") == "Apache-2.0"
    assert cat.canonical("odc-by") == "ODC-By-1.0"
    assert cat.canonical("Apache 2.0") is None  # a near miss is the matcher's to suggest, not accepted
    assert cat.category("MIT") == "open-source"
    assert cat.category("CC-BY-NC-4.0") == "restricted"
    assert cat.category("creativeml-openrail-m") == "restricted"
    assert cat.category("CC0-1.0") == "open-data"
    assert cat.category("CC-BY-4.0") == "open-content"


def test_unknown_and_duplicate_component_names_are_reported_and_mapped_like_mot(tmp_path):
    text = """framework: {name: Model Openness Framework, version: '1.0', date: '2024-12-15'}
release:
  name: demo
  producer: me
  license:
    distribution: {name: Apache-2.0}
  components:
    - name: Model card
    - name: Modle architecture
    - name: Model card
      license: CC-BY-NC-4.0
"""
    model = load_mot_model("demo.yml", text)
    rules = [(f.rule, f.line) for f in model.findings]
    assert ("MOF302", 9) in rules  # the typo, on its line
    assert ("MOF303", 10) in rules  # the duplicate, on its line
    assert model.listed[15] == "Apache-2.0"  # unknown name counted as Datasets, as MOT does
    assert model.listed[13] == "CC-BY-NC-4.0"  # the last duplicate wins


def test_broken_model_file_is_a_finding_with_a_line():
    model = load_mot_model("bad.yml", "release:\n  name: [unclosed\n  components: []\n")
    assert not model.readable
    assert model.findings[0].rule == "MOF300"
    assert model.findings[0].line >= 2
