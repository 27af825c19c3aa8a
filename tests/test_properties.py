"""Property-based tests (hypothesis) over everything that takes untrusted text: front matter,
declarations, manifests, license normalisation and matching, workflow-command escaping, Markdown
escaping, SVG text."""
from __future__ import annotations

import json
import os
import re
import xml.dom.minidom

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mof_lint.detectors import markdown
from mof_lint.licenses.matcher import KINDS, identify_text
from mof_lint.licenses.names import parse_expression, resolve_name
from mof_lint.licenses.normalize import words
from mof_lint.mot_model import load_mot_model
from mof_lint.report import badge, github
from mof_lint.report.markdown import md
from mof_lint.validation import validate
from mof_lint.yamlio import YamlError, load_yaml

# MOF_LINT_EXAMPLES=3000 for a longer hunt (measured: 8 properties x 3000 examples, 40 s, no failure)
FAST = settings(max_examples=int(os.environ.get("MOF_LINT_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=30)


def unescape_data(s: str) -> str:  # what the runner does
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


@FAST
@given(st.text(), st.text(), st.text())
def test_a_workflow_command_is_one_line_and_round_trips(message, path, title):
    cmd = github.command("warning", message, path, 3, None, title)
    assert "\n" not in cmd and "\r" not in cmd and cmd.startswith("::warning")
    head, _, data = cmd.partition("::")[2].partition("::")
    for prop in head.split(" ", 1)[1].split(",") if " " in head else []:
        key, _, value = prop.partition("=")
        assert key in ("file", "line", "title") and ":" not in value
    if len(message) < 3000:
        assert unescape_data(data) == message


@FAST
@given(st.text(max_size=200))
def test_markdown_escaping_leaves_nothing_active(text):
    out = md(text)
    assert "<" not in out and ">" not in out and "\n" not in out and "@" not in out
    assert not re.search(r"(?<!\\)\[", out) and not re.search(r"(?<!\\)\|", out)


@FAST
@given(st.text(max_size=60), st.text(max_size=60))
def test_badge_svg_is_xml_with_only_its_own_elements(label, message):
    svg = badge.svg(label, message, "#4c1")
    dom = xml.dom.minidom.parseString(svg.encode("utf-8"))
    assert {n.tagName for n in dom.getElementsByTagName("*")} <= {
        "svg", "title", "linearGradient", "stop", "clipPath", "rect", "g", "text"}
    assert json.loads(badge.endpoint(label, message, "#4c1"))["schemaVersion"] == 1


@FAST
@given(st.text(max_size=3000))
def test_license_matching_never_fails_and_never_calls_noise_open(text):
    match = identify_text(text)
    assert match.kind in KINDS
    words(text)
    resolve_name(text[:200])
    parse_expression(text[:200])


@FAST
@given(st.text(max_size=2000))
def test_markdown_with_front_matter_never_fails(body):
    doc = markdown.parse("README.md", "---\n" + body + "\n---\n# title\n" + body)
    assert doc.front_matter is None or isinstance(doc.front_matter, dict)


@FAST
@given(st.text(max_size=2000))
def test_yaml_loading_is_a_value_or_a_yaml_error(text):
    try:
        load_yaml(text, "x.yml")
    except YamlError as err:
        assert err.line >= 1


@FAST
@given(json_values)
def test_declarations_of_any_shape_never_fail(data):
    text = json.dumps({"framework": {"name": "Model Openness Framework"}, "release": data})
    model = load_mot_model("mof.yml", text)
    assert all(f.rule.startswith("MOF") for f in model.findings)


@FAST
@given(json_values)
def test_manifest_and_config_validation_never_fail(data):
    for schema in ("data-manifest", "config", "openness", "model-card"):
        for f in validate(data, data, schema, "x.yml", "MOF307"):
            assert f.line >= 1
