"""License identification on real license texts (tests/data/licenses, see SOURCE.md), modified and
truncated copies, notices, names, expressions, and how statements become component licenses."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from mof_lint.check import run_check
from mof_lint.licenses.catalog import catalog
from mof_lint.licenses.matcher import identify_text
from mof_lint.licenses.names import parse_expression, resolve_name, resolve_url

from conftest import TORCH_MODEL, TRAIN_LOOP, build, check_json, run

TEXTS = Path(__file__).parent / "data" / "licenses"


def text(name: str) -> str:
    return (TEXTS / name).read_text("utf-8", errors="replace")


MIT_TEXT = text("MIT-six.txt")


@pytest.mark.parametrize("name, expected", [
    ("Apache-2.0.txt", "Apache-2.0"),
    ("MIT-six.txt", "MIT"),
    ("GPL-3.0.txt", "GPL-3.0-only"),
    ("MPL-2.0.txt", "MPL-2.0"),
    ("CC0-1.0.txt", "CC0-1.0"),
    ("BSD-3-Clause-debian.txt", "BSD-3-Clause"),
    ("codet5-LICENSE.txt", "BSD-3-Clause"),  # a real holder in the BSD placeholders
    ("alpaca-DATA_LICENSE.txt", "CC-BY-NC-4.0"),
    ("mobileclip-LICENSE_DATA.txt", "CC-BY-NC-ND-4.0"),
    ("stable-diffusion-LICENSE.txt", "creativeml-openrail-m"),
])
def test_real_license_texts_are_identified_in_full(name, expected):
    match = identify_text(text(name))
    assert (match.license, match.kind) == (expected, "full")


def test_ai_licenses_without_a_packaged_text_are_recognised_by_title_and_are_restricted():
    for name, expected in (("mobileclip-LICENSE_MODELS.txt", "apple-amlr"), ("chatglm-MODEL_LICENSE.txt", "chatglm-6b")):
        match = identify_text(text(name))
        assert (match.license, match.kind) == (expected, "title")
        assert catalog().category(match.license) == "restricted" and not catalog().mot_open(match.license)


def test_a_license_text_with_a_note_appended_is_reported_with_additions():
    match = identify_text(text("mobileclip-LICENSE.txt"))  # MIT plus "models are under separate terms"
    assert (match.license, match.kind) == ("MIT", "with-additions")


def test_apache_with_vendored_licenses_appended_keeps_its_identity():
    # gpt-neox: "Version 2.0, January 2024" (a typo), then the MIT and BSD texts of vendored code,
    # naming "Google Research": a proper noun, not a research-only restriction
    match = identify_text(text("gpt-neox-LICENSE.txt"))
    assert (match.license, match.kind) == ("Apache-2.0", "with-additions")


def test_a_restriction_after_the_end_of_terms_is_not_ignored():
    apache = text("Apache-2.0.txt")
    match = identify_text(apache + "\nThe Work may be used for non-commercial research purposes only.\n")
    assert (match.license, match.kind) == ("unknown", "with-additions") and "commercial" in match.detail


# --- modified texts are never the original ---------------------------------------------------
def test_mit_with_a_non_commercial_clause_is_not_mit():
    modified = MIT_TEXT + "\nThe Software may not be used for commercial purposes.\n"
    match = identify_text(modified)
    assert match.license == "unknown" and match.kind in ("modified", "with-additions")


def test_one_changed_grant_in_mit_is_not_mit():
    modified = MIT_TEXT.replace("free of charge", "for a fee")
    assert identify_text(MIT_TEXT).license == "MIT"
    assert identify_text(modified).license == "unknown"


def test_a_clause_hidden_in_apache_is_caught_though_every_word_is_still_there():
    apache = text("Apache-2.0.txt")
    # 14 words, all of which already occur in the license: word-set Dice stays at 100 %
    clause = ("You may not use the Work or any Derivative Works for any purpose other than "
              "Your own evaluation of the Work.\n")
    modified = apache.replace("   2. Grant of Copyright License.", clause + "   2. Grant of Copyright License.")
    assert modified != apache
    match = identify_text(modified)
    assert match.license == "unknown" and match.kind == "modified"


def test_a_truncated_license_is_partial_not_the_license():
    apache = text("Apache-2.0.txt")
    match = identify_text(apache[: len(apache) // 3])
    assert (match.license, match.kind) == ("unknown", "partial") and "Apache-2.0" in match.detail


def test_a_reordered_license_is_not_the_license():
    apache = text("Apache-2.0.txt")
    end = apache.index("END OF TERMS")
    paragraphs = apache[:end].split("\n\n")
    match = identify_text("\n\n".join(reversed(paragraphs)) + apache[end:])
    assert match.license == "unknown" and match.kind == "modified"


# --- notices, links, names ---------------------------------------------------------------------
APACHE_NOTICE = text("apache-notice.txt")  # the 16-line header the Apache License asks for


def test_a_16_line_apache_notice_is_a_notice_not_the_license_text():
    match = identify_text(APACHE_NOTICE)
    assert (match.license, match.kind, match.line) == ("Apache-2.0", "notice", 3)


@pytest.mark.parametrize("body, expected", [
    ("https://opensource.org/licenses/MIT\n", "MIT"),
    ("See https://creativecommons.org/licenses/by-nc/4.0/legalcode\n", "CC-BY-NC-4.0"),
    ("https://www.apache.org/licenses/LICENSE-2.0.txt\n", "Apache-2.0"),
    ("https://example.com/our-terms\n", "unknown"),
])
def test_a_file_that_is_only_a_url_is_a_reference(body, expected, tmp_path):
    match = identify_text(body)
    assert (match.license, match.kind) == (expected, "reference")
    # in a repository it is MOF206 (not the full text), never MOF202 (an unidentified text), also
    # when the license it points to is unknown
    root = build(tmp_path / "r", {"LICENSE": body, "model.py": "import torch\n"})
    rules = {f["rule"] for f in check_json(root)["findings"] if f["path"] == "LICENSE"}
    assert "MOF206" in rules and "MOF202" not in rules


def test_a_notice_that_also_restricts_is_not_counted():
    match = identify_text("The code is released under the MIT license, but the weights are for "
                          "non-commercial research use only.\n")
    assert match.license == "unknown"


@pytest.mark.parametrize("written, expected, exact", [
    ("Apache-2.0", "Apache-2.0", True),
    ("Apache 2.0", "Apache-2.0", False),
    ("Apache License, Version 2.0", "Apache-2.0", False),
    ("MIT License", "MIT", False),
    ("The MIT License (MIT)", "MIT", False),
    ("BSD-3", "BSD-3-Clause", False),
    ("BSD 3-Clause License", "BSD-3-Clause", False),
    ("GPLv3", "GPL-3.0-only", False),
    ("CC BY-NC 4.0", "CC-BY-NC-4.0", False),
    ("Creative Commons Attribution 4.0 International", "CC-BY-4.0", False),
    ("cc0", "CC0-1.0", False),
    ("llama3.1", "llama3.1", True),
    ("Llama 3.1 Community License Agreement", "llama3.1", False),
    ("openrail++", "openrail++", True),
    ("CreativeML Open RAIL-M", "creativeml-openrail-m", False),
    ("c-uda", "C-UDA-1.0", False),  # Hugging Face ids that are not SPDX spellings
    ("lgpl-lr", "LGPLLR", False),
    ("BSD", None, False),  # ambiguous: never guess
    ("GPL", None, False),
    ("our own license", None, False),
])
def test_license_names_resolve_to_ids(written, expected, exact):
    assert resolve_name(written) == (expected, exact if expected else False)


def test_expressions_through_license_expression():
    assert parse_expression("mit or apache 2.0") == ("MIT OR Apache-2.0", ["MIT", "Apache-2.0"], [])
    expr, ids, unknown = parse_expression("GPL-2.0-or-later WITH Classpath-exception-2.0")
    assert expr == "GPL-2.0-or-later WITH Classpath-exception-2.0" and unknown == []
    assert parse_expression("MIT OR our-terms")[2] == ["our-terms"]


@pytest.mark.parametrize("written", ["()", "( )", "(())", "MIT AND ()", "() OR MIT", "((MIT)", "MIT)(", ")("])
def test_malformed_parentheses_do_not_parse_and_never_raise(written):
    """The SPDX parser's own bugs on malformed text (IndexError on "()") are "does not parse", never a
    crash: a license line is the repository's text."""
    assert parse_expression(written)[0] is None


def test_url_to_id_uses_spdx_see_also():
    assert resolve_url("https://creativecommons.org/licenses/by/4.0/") == "CC-BY-4.0"
    assert resolve_url("http://www.apache.org/licenses/LICENSE-2.0") == "Apache-2.0"


# --- categories and verdicts -------------------------------------------------------------------
@pytest.mark.parametrize("lic, category, mot_open, strict_open", [
    ("Apache-2.0", "open-source", True, True),
    ("CDLA-Permissive-2.0", "open-data", True, True),
    ("CC-BY-4.0", "open-content", True, True),
    ("CC-BY-NC-4.0", "restricted", False, False),
    ("llama3.1", "restricted", False, False),
    ("openrail++", "restricted", False, False),
    ("BUSL-1.1", "restricted", False, False),
    ("C-UDA-1.0", "restricted", False, False),  # computational uses only, though MOT lists it as data
    ("OpenMDW-1.0", "open-data", True, True),
    ("PDDL-1.0", "open-data", False, False),  # MOT's quirk: it lists ODC-PDDL-1.0, not the SPDX id
    ("ODC-PDDL-1.0", "open-data", True, True),
    ("MIT OR Apache-2.0", "open-source", False, True),  # MOT compares ids exactly
    ("MIT AND CC-BY-NC-4.0", "restricted", False, False),
    ("MIT OR CC-BY-NC-4.0", "open-source", False, True),
])
def test_category_mot_verdict_and_strict_reading(lic, category, mot_open, strict_open):
    cat = catalog()
    assert (cat.category(lic), cat.mot_open(lic), cat.is_open(lic)) == (category, mot_open, strict_open)


def test_type_rule_follows_mot_content_types():
    cat = catalog()
    assert cat.type_appropriate("MIT", "code") is True
    assert cat.type_appropriate("MIT", "data") is False  # a code license on weights
    assert cat.type_appropriate("CDLA-Permissive-2.0", "data") is True
    assert cat.type_appropriate("CC-BY-NC-4.0", "data") is None  # not open: another finding


# --- statements in a repository ----------------------------------------------------------------
def _model_repo(**extra):
    files = {"model.py": TORCH_MODEL, "train.py": TRAIN_LOOP,
             "README.md": "# Tiny\n\nWeights: https://huggingface.co/acme/tiny\n"}
    files.update(extra)
    return files


def test_readme_prose_gives_the_weights_their_own_license(repo):
    root = repo(_model_repo(**{
        "LICENSE": text("Apache-2.0.txt"),
        "README.md": "# Tiny\n\nWeights: https://huggingface.co/acme/tiny\n\n## License\n\n"
                     "The code is released under the Apache 2.0 license. The model weights are "
                     "released under CC BY-NC 4.0.\n"}))
    report = run_check(str(root))
    by_key = {r.component.key: r for r in report.results}
    assert by_key["final_parameters"].license == "CC-BY-NC-4.0"
    assert not by_key["final_parameters"].open
    assert by_key["training_code"].license == "Apache-2.0"
    assert report.label[0] == "open-weight"


def _prose_statements(repo, readme_lines: str) -> set[tuple[str, str, int]]:
    """(license, scope, line) of every README sentence statement; the text starts on line 3."""
    from mof_lint.detectors.licenses import from_prose
    from mof_lint.repo import RepoView
    root = repo({"README.md": "# Tiny\n\n" + readme_lines})
    return {(e.license, e.scope, e.line) for e in from_prose(RepoView(str(root)))}


def test_prose_names_a_license_without_the_word_license_and_model_code_is_code(repo):
    got = _prose_statements(repo, "The model code (the Transformers library's LlamaForCausalLM) is released "
                                  "under Apache 2.0.\nThe model card is shared under CC-BY-4.0.\n"
                                  "The weights are released under the Tiny Community Terms.\n"
                                  "We thank MIT and the BSD community for support.\n")
    assert got == {("Apache-2.0", "code", 3), ("CC-BY-4.0", "document", 4)}


def test_a_statement_wrapped_across_lines_is_read_as_one_sentence(repo):
    # READMEs wrapped at 80 columns put a sentence's subject on one line and its license on the
    # next: read line by line, neither line says what the license covers.
    got = _prose_statements(repo, "### Model parameters license\n\n"
                                  "While the Tiny code is licensed under the Apache 2.0 License, the Tiny\n"
                                  "parameters are made available under the terms of the Creative\n"
                                  "Commons Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)\n"
                                  "license. See the disclaimer below.\n\n"
                                  "License: Apache-2.0 for the code  \n"
                                  "Checkpoints: see the model zoo\n")
    assert ("CC-BY-NC-4.0", "weights", 5) in got
    assert ("Apache-2.0", "code", 5) in got
    # a comma before another owner's thing starts a new clause ("..., DeepMind's parameters fall under")
    got2 = _prose_statements(repo, "The source code is licensed under the Apache Licence, Version 2.0, "
                                   "DeepMind's pretrained parameters fall under the CC BY 4.0 license.\n")
    assert got2 == {("Apache-2.0", "code", 3), ("CC-BY-4.0", "weights", 3)}
    # a hard line break ends the statement: the checkpoints line does not take the code's license
    assert ("Apache-2.0", "weights", 9) not in got and ("Apache-2.0", "weights", 10) not in got


def test_one_sentence_two_licenses_each_for_what_it_names(repo):
    # The second license is said without its verb; giving the code's MIT to the weights too would
    # call CC BY-NC weights open.
    got = _prose_statements(repo, "The code in this repository is released under the MIT License, and the "
                                  "weights under CC BY-NC 4.0.\nAll scripts are under GPL-3.0, checkpoints under "
                                  "OpenRAIL++.\n- License: Apache-2.0 for code, weights and documentation.\n"
                                  "Gemma is provided under and subject to the Gemma Terms of Use.\n"
                                  "The source is available under BSD-3-Clause, and the trained models under the "
                                  "CC BY 4.0 license.\n")
    assert got == {("MIT", "code", 3), ("CC-BY-NC-4.0", "weights", 3), ("GPL-3.0", "code", 4),
                   ("openrail++", "weights", 4), ("Apache-2.0", "code", 5), ("Apache-2.0", "weights", 5),
                   ("Apache-2.0", "document", 5), ("gemma", "distribution", 6), ("BSD-3-Clause", "code", 7),
                   ("CC-BY-4.0", "weights", 7)}


def test_weights_said_to_be_under_a_non_commercial_license_do_not_take_the_root_mit(repo):
    lfs = ("version https://git-lfs.github.com/spec/v1\noid sha256:" + "a" * 64 + "\nsize 500000000\n")
    root = repo(_model_repo(**{
        "LICENSE": MIT_TEXT, "model.safetensors": lfs,
        "README.md": "# Tiny\n\nThe model weights are released for research purposes only under a "
                     "non-commercial license.\n"}))
    report = run_check(str(root))
    weights = {r.component.key: r for r in report.results}["final_parameters"]
    assert weights.status == "present" and weights.license == "unknown" and not weights.open
    assert {r.component.key: r for r in report.results}["training_code"].license == "MIT"
    assert _prose_statements(repo, "The weights are released under a permissive license.\n") == set()


def test_the_cards_license_not_a_conflicting_root_license_covers_the_weights(repo):
    lfs = ("version https://git-lfs.github.com/spec/v1\noid sha256:" + "a" * 64 + "\nsize 500000000\n")
    root = repo(_model_repo(**{"LICENSE": text("Apache-2.0.txt"), "model.safetensors": lfs,
                               "README.md": "---\nlicense: llama3\n---\n# Tiny\n"}))
    report = run_check(str(root))
    by_key = {r.component.key: r for r in report.results}
    assert by_key["final_parameters"].license == "llama3" and not by_key["final_parameters"].open
    assert by_key["training_code"].license == "Apache-2.0"
    assert any(f.rule == "MOF208" for f in report.findings)
    # the other way round: an open card beside a non-commercial LICENSE does not make the weights open
    root = repo(_model_repo(**{"LICENSE": text("alpaca-DATA_LICENSE.txt"), "model.safetensors": lfs,
                               "README.md": "---\nlicense: apache-2.0\n---\n# Tiny\n"}))
    weights = {r.component.key: r for r in run_check(str(root)).results}["final_parameters"]
    assert weights.license == "CC-BY-NC-4.0" and not weights.open


def test_a_restricted_statement_beats_an_open_one_about_the_same_weights(repo):
    lfs = ("version https://git-lfs.github.com/spec/v1\noid sha256:" + "a" * 64 + "\nsize 500000000\n")
    root = repo(_model_repo(**{"LICENSE": text("Apache-2.0.txt"), "LICENSE-MODEL": MIT_TEXT,
                               "model.safetensors": lfs,
                               "README.md": "# Tiny\n\nThe model weights are released under CC BY-NC 4.0.\n"}))
    report = run_check(str(root))
    by_key = {r.component.key: r for r in report.results}
    assert by_key["final_parameters"].license == "CC-BY-NC-4.0" and not by_key["final_parameters"].open
    assert by_key["training_code"].license == "Apache-2.0"


def test_an_unknown_license_named_in_prose_is_unknown_not_the_root_license(repo):
    root = repo(_model_repo(**{
        "LICENSE": text("Apache-2.0.txt"),
        "data/train.jsonl": '{"text": "a"}\n',
        "README.md": "# Tiny\n\nWeights: https://huggingface.co/acme/tiny\n\nBy downloading the dataset "
                     "you accept the terms of the Acme Dataset Research License.\n"}))
    lic = [e for e in run_check(str(root)).licenses if e.source == "prose"]
    assert [(e.license, e.scope) for e in lic] == [("unknown", "data")]


def test_license_files_for_model_and_data_and_conflicting_readme(repo):
    root = repo(_model_repo(**{
        "LICENSE": MIT_TEXT,
        "LICENSE-MODEL": text("alpaca-DATA_LICENSE.txt"),
        "README.md": "# Tiny\n\nWeights: https://huggingface.co/acme/tiny\n\nThis project is licensed "
                     "under the Apache License 2.0.\n"}))
    report = run_check(str(root))
    rules = {(f.rule, f.path) for f in report.findings}
    assert ("MOF208", "README.md") in rules  # README says Apache-2.0, LICENSE is MIT
    weights = next(r for r in report.results if r.component.key == "final_parameters")
    assert (weights.license, weights.license_evidence.path) == ("CC-BY-NC-4.0", "LICENSE-MODEL")


def test_notice_only_license_file_counts_but_is_flagged(repo):
    report = run_check(str(repo(_model_repo(LICENSE=APACHE_NOTICE))))
    code = next(r for r in report.results if r.component.key == "training_code")
    assert code.license == "Apache-2.0"
    assert any(f.rule == "MOF206" and f.path == "LICENSE" for f in report.findings)


def test_misspelled_declared_id_gets_a_suggestion(repo):
    root = repo(_model_repo(**{"LICENSE": MIT_TEXT,
                               "pyproject.toml": '[project]\nname = "tiny"\nlicense = {text = "MIT License"}\n'}))
    found = [f for f in run_check(str(root)).findings if f.rule == "MOF205"]
    assert found and "'MIT'" in found[0].message and found[0].path == "pyproject.toml" and found[0].line == 3


def test_card_license_other_uses_license_name(repo):
    card = ("---\nlicense: other\nlicense_name: llama3.1\nlicense_link: LICENSE\n---\n# Tiny\n\n"
            "Weights: https://huggingface.co/acme/tiny\n")
    report = run_check(str(repo(_model_repo(**{"README.md": card}))))
    weights = next(r for r in report.results if r.component.key == "final_parameters")
    assert weights.license == "llama3.1" and weights.license_category == "restricted"


def test_a_code_license_on_weights_is_a_type_note(repo):
    readme = "# Tiny\n\nWeights: https://huggingface.co/acme/tiny\n\nThe weights are released under the MIT license.\n"
    report = run_check(str(repo(_model_repo(LICENSE=MIT_TEXT, **{"README.md": readme}))))
    assert any(f.rule == "MOF207" and f.component == 10 for f in report.findings)  # Model parameters (Final)


def test_osaid_checklist_names_the_failing_item(repo):
    report = run_check(str(repo(_model_repo(**{"LICENSE": text("Apache-2.0.txt"),
                                                "LICENSE-MODEL": text("stable-diffusion-LICENSE.txt")}))))
    items = {i.id: i for i in report.osaid.items}
    assert not report.osaid.passes
    assert not items["parameters"].ok and "creativeml-openrail-m" in items["parameters"].why
    assert not items["data_information"].ok


def test_licenses_command_json_and_a_file_named_anything(tmp_path):
    odd = tmp_path / "terms-of-the-weights.txt"
    odd.write_text(text("alpaca-DATA_LICENSE.txt"), encoding="utf-8")
    code, out, _ = run("licenses", str(odd), "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 1
    row = rows[0]
    assert {k: row[k] for k in ("license", "category", "mot_open", "line")} == \
        {"license": "CC-BY-NC-4.0", "category": "restricted", "mot_open": False, "line": 1}
    assert set(row) >= {"path", "line", "license", "category", "mot_open", "components", "confidence"}
    # a file on its own covers nothing yet (not "all 17 components"); its name marks it for the weights
    assert row["components"] == [] and row["alone"] is True
    assert "covers nothing yet" in row["why"] and "Model parameters (Final)" in row["why"]
    plain = tmp_path / "LICENSE"
    plain.write_text(text("Apache-2.0.txt"), encoding="utf-8")
    code, out, _ = run("licenses", str(plain))
    assert code == 0 and "covers: a file on its own covers nothing yet" in out and "Training code" not in out


def test_licenses_command_on_a_repository_lists_coverage(repo):
    root = repo(_model_repo(**{"LICENSE": text("Apache-2.0.txt"),
                               "WEIGHT_LICENSE": text("alpaca-DATA_LICENSE.txt")}))
    code, out, _ = run("licenses", str(root), "--format", "json")
    rows = {Path(r["path"]).name: r for r in json.loads(out)}
    assert "Model parameters (Final)" in rows["WEIGHT_LICENSE"]["components"]
    assert "Training code" in rows["LICENSE"]["components"]


def test_licenses_command_refuses_what_is_not_a_file(tmp_path):
    code, out, err = run("licenses", str(tmp_path / "missing"))
    assert code == 2 and "does not exist" in err


def test_check_text_output_shows_label_and_osaid(repo):
    root = repo(_model_repo(**{"LICENSE": text("Apache-2.0.txt"),
                               "LICENSE-MODEL": text("alpaca-DATA_LICENSE.txt")}))
    code, out, _ = run("check", str(root))
    assert "Label: open-weight:" in out
    assert "Open Source AI Definition 1.0: does not meet it" in out and "CC-BY-NC-4.0 (not open terms)" in out


def test_binary_and_invalid_utf8_license_files_are_findings_not_crashes(repo):
    root = repo(_model_repo(**{"LICENSE": b"\x00\x01\x02binary\xff" * 100,
                               "LICENSE-MODEL": "Licence \udcff".encode("utf-8", "surrogateescape") + b"\xfe\xfd"}))
    report = run_check(str(root))
    kinds = {e.path: e.license for e in report.licenses if e.source == "file"}
    assert kinds == {"LICENSE": "unknown", "LICENSE-MODEL": "unknown"}
    assert any(f.rule == "MOF202" and f.path == "LICENSE" for f in report.findings)


def test_the_repository_license_does_not_cover_weights_it_only_links_to(repo):
    report = run_check(str(repo(_model_repo(LICENSE=text("Apache-2.0.txt")))))
    by_key = {r.component.key: r for r in report.results}
    assert by_key["final_parameters"].status == "link_only" and by_key["final_parameters"].license is None
    assert by_key["training_code"].license == "Apache-2.0"
    msg = next(f.message for f in report.findings if f.rule == "MOF204" and f.component == 10)
    assert "only linked" in msg
    # MOT itself gives a listed component without a license the release's distribution license:
    # the MOT policy does the same, the strict one does not
    assert report.mot.status[10] == "included" and report.strict.status[10] != "included"
    # the advice works: the sentence it suggests, added to the README, licenses the linked weights
    suggested = msg.split("e.g. ")[1].strip('"')
    root = repo(_model_repo(LICENSE=text("Apache-2.0.txt"),
                            **{"README.md": "# Tiny\n\nWeights: https://huggingface.co/acme/tiny\n\n"
                                            + suggested + "\n"}))
    report = run_check(str(root))
    assert {r.component.key: r for r in report.results}["final_parameters"].license == "Apache-2.0"
    assert not any(f.rule == "MOF204" and f.component == 10 for f in report.findings)


def test_a_data_manifest_licenses_the_data(repo):
    manifest = ("datasets:\n  - name: TinyStories\n    url: https://huggingface.co/datasets/roneneldan/TinyStories\n"
                "    license: CDLA-Sharing-1.0\n")
    report = run_check(str(repo(_model_repo(**{"LICENSE": text("Apache-2.0.txt"), "data/manifest.yaml": manifest}))))
    ev = next(e for e in report.licenses if e.source == "manifest")
    assert (ev.license, ev.scope, ev.line) == ("CDLA-Sharing-1.0", "data", 4)
    datasets = next(r for r in report.results if r.component.key == "datasets")
    assert datasets.license == "CDLA-Sharing-1.0" and datasets.open


def test_a_sentence_that_links_its_license_file(repo):
    readme = ("# Tiny\n\nThe weights are available via [the Hub](https://huggingface.co/acme/tiny) under "
              "[a license with use-based restrictions, but otherwise permissive](LICENSE).\n")
    report = run_check(str(repo(_model_repo(**{"LICENSE": text("stable-diffusion-LICENSE.txt"), "README.md": readme}))))
    weights = next(r for r in report.results if r.component.key == "final_parameters")
    assert weights.license == "creativeml-openrail-m" and weights.license_evidence.source == "prose"


def test_a_restricted_license_with_an_acceptable_use_policy_appended_keeps_its_name():
    text_ = text("stable-diffusion-LICENSE.txt") + "\nAcceptable Use Policy: you may not use the model for military purposes.\n"
    match = identify_text(text_)
    assert match.license == "creativeml-openrail-m" and match.kind in ("with-additions", "modified")
    assert catalog().category(match.license) == "restricted"


def test_half_an_open_license_is_never_a_look_alike():
    for name in ("MIT-six.txt", "BSD-3-Clause-debian.txt", "GPL-3.0.txt"):
        full = text(name)
        match = identify_text(full[: len(full) // 2])
        assert match.license == "unknown" and match.kind == "partial", (name, match)


# ---- never a license name the text is not (issue 12, kind 6) ---------------------------------------
def _openrail_with(title: str | None, drop=(8, 12)) -> str:
    """The real CreativeML OpenRAIL-M text with some paragraphs removed and, optionally, its title
    replaced: a modified copy of a restricted license."""
    text = (TEXTS / "stable-diffusion-LICENSE.txt").read_text()
    lines = text.splitlines()
    if title is not None:
        lines = lines[:2] + [title] + lines[3:]
    paras = "\n".join(lines).split("\n\n")
    return "\n\n".join(paras[:drop[0]] + paras[drop[1]:])


def test_a_license_whose_title_names_another_license_is_reported_by_its_own_title():
    from mof_lint.licenses.catalog import catalog
    from mof_lint.licenses.matcher import identify_text
    m = identify_text(_openrail_with("ACME 2.0 RESEARCH LICENSE AGREEMENT"))
    assert m.license == "LicenseRef-ACME-2.0-RESEARCH-LICENSE-AGREEMENT" and m.kind == "custom"
    assert catalog().category(m.license) == "restricted"
    # the same modified text under its own title is still a variant of that license
    assert identify_text(_openrail_with(None)).license == "creativeml-openrail-m"


def test_a_license_of_its_own_is_restricted_by_its_terms_not_unknown():
    from mof_lint.licenses.catalog import catalog
    from mof_lint.licenses.matcher import identify_text
    terms = ("ACME MODEL LICENSE AGREEMENT\n\n1. Grant. Acme grants you a worldwide, royalty-free license to use, "
             "copy and modify the Model and its outputs solely for non-commercial research purposes.\n\n"
             "2. Restrictions. You may not use the Model for commercial purposes or to provide a service to "
             "third parties. Redistribution must keep this agreement.\n\n3. Termination. Acme may end this "
             "license if you breach it.\n")
    m = identify_text(terms)
    assert m.license == "LicenseRef-ACME-MODEL-LICENSE-AGREEMENT" and catalog().category(m.license) == "restricted"
    permissive = terms.replace("solely for non-commercial research purposes", "for any purpose") \
        .replace("You may not use the Model for commercial purposes or to provide a service to third parties. ", "")
    m2 = identify_text(permissive)
    assert m2.license == "LicenseRef-ACME-MODEL-LICENSE-AGREEMENT" and catalog().category(m2.license) != "restricted"
    assert not catalog().is_open(m2.license)  # an unknown license of its own is never counted open


def test_a_creative_commons_license_named_without_its_version_is_its_current_version():
    """READMEs write "the CC-BY-NC license": the family's current version (4.0) is meant, and its
    category (non-commercial: restricted) is the same in every version."""
    for written, lic in (("CC-BY-NC", "CC-BY-NC-4.0"), ("CC BY-SA", "CC-BY-SA-4.0"), ("the CC-BY license", "CC-BY-4.0"),
                         ("Creative Commons BY-NC-ND license", "CC-BY-NC-ND-4.0")):
        assert resolve_name(written)[0] == lic, written
    assert resolve_name("CC-XYZ")[0] is None


def test_weights_licensed_in_a_readme_sentence_with_a_versionless_cc_name(tmp_path):
    from conftest import build
    readme = ("# M\n\nWeights: https://huggingface.co/org/m\n\n## License\n\nOur code is released under MIT License. "
              "The pre-trained models are licensed under the CC-BY-NC license due to the training data.\n")
    root = build(tmp_path, {"README.md": readme, "model.py": TORCH_MODEL, "LICENSE": (TEXTS / "MIT-six.txt").read_text()})
    report = run_check(str(root))
    weights = next(r for r in report.results if r.component.key == "final_parameters")
    assert weights.license == "CC-BY-NC-4.0" and not weights.open


def test_the_card_templates_license_line_under_model_details_licenses_the_model(tmp_path):
    """`- **License:** Apache 2.0` in the Hugging Face card template's Model Details section says the
    model's license; the root LICENSE still covers the code."""
    from conftest import build
    readme = ("# M\n\nWeights: https://huggingface.co/org/m\n\n## Model Details\n\n- **Developed by:** Org\n"
              "- **License:** Apache 2.0\n- **Model type:** causal LM\n")
    root = build(tmp_path, {"README.md": readme, "model.py": TORCH_MODEL, "LICENSE": (TEXTS / "MIT-six.txt").read_text()})
    by_key = {r.component.key: r for r in run_check(str(root)).results}
    assert by_key["final_parameters"].license == "Apache-2.0"
    assert by_key["model_architecture"].license == "MIT"


def test_a_sentence_saying_the_license_applies_to_the_models_licenses_the_weights(tmp_path):
    from conftest import build
    readme = ("# M\n\nWeights: https://huggingface.co/org/m\n\n## License\n\n"
              "The license applies to the code as well as the M models.\n")
    files = {"README.md": readme, "model.py": TORCH_MODEL, "LICENSE": (TEXTS / "MIT-six.txt").read_text()}
    weights = next(r for r in run_check(str(build(tmp_path / "a", files))).results
                   if r.component.key == "final_parameters")
    assert weights.license == "MIT"
    # without that sentence, a linked model is not covered by the repository's license (strict policy)
    files["README.md"] = "# M\n\nWeights: https://huggingface.co/org/m\n"
    weights = next(r for r in run_check(str(build(tmp_path / "b", files))).results
                   if r.component.key == "final_parameters")
    assert weights.license is None


def test_a_license_sentence_under_a_code_license_heading_licenses_the_code_only(tmp_path):
    """"### M Code License / Licensed under the Apache License, Version 2.0": the code's license, not
    the release's; the weights committed beside it are not covered by it."""
    from conftest import build
    readme = ("# M\n\n## License and Disclaimer\n\n### M Code License\n\n"
              "Licensed under the Apache License, Version 2.0 (the \"License\").\n")
    lfs = "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a" * 64 + "\nsize 500000000\n"
    files = {"README.md": readme, "model.py": TORCH_MODEL, "weights/m.safetensors": lfs}
    by_key = {r.component.key: r for r in run_check(str(build(tmp_path, files))).results}
    assert by_key["model_architecture"].license == "Apache-2.0"
    assert by_key["final_parameters"].status == "present" and by_key["final_parameters"].license is None


@pytest.mark.parametrize("sentence, expected", [
    # the "-ing" form of the verb is a statement as much as the participle
    ("We're releasing the model under a permissive Apache 2.0 license.", "Apache-2.0"),
    # words praising the license come before its name
    ("The weights are released under a permissive, commercially friendly Apache 2.0 license.", "Apache-2.0"),
    ("The model weights are distributed under the free MIT license.", "MIT"),
    # "the following license applies to ... the M models": the root license file, said of the weights
    ("The following license applies to all code in this repo, as well as the M models.", "MIT"),
    # praise without a name names nothing; a verb-less mention states nothing
    ("We are releasing the model under a permissive license.", None),
    ("Compare the model with others under the Apache 2.0 license.", None),
])
def test_license_statements_in_the_forms_cards_write_them(tmp_path, sentence, expected):
    readme = f"# M\n\nWeights: https://huggingface.co/org/m\n\n{sentence}\n"
    files = {"README.md": readme, "model.py": TORCH_MODEL, "LICENSE": (TEXTS / "MIT-six.txt").read_text()}
    weights = next(r for r in run_check(str(build(tmp_path, files))).results if r.component.key == "final_parameters")
    assert weights.license == expected


def test_a_license_sentence_whose_subject_is_the_model_the_readme_is_titled_with_licenses_the_weights(tmp_path):
    """"Bark is now licensed under the MIT License" in a README titled "Bark": the model the document
    is about, so its linked weights too. Not when the subject is something else ("PyTorch is released
    under ..."), and not when another sentence states the weights' own terms (a reimplementation
    named for the model, whose weights keep their original license)."""
    def weights(name, readme):
        root = build(tmp_path / name, {"README.md": readme, "model.py": TORCH_MODEL})
        return next(r for r in run_check(str(root)).results if r.component.key == "final_parameters").license

    hub = "Weights: https://huggingface.co/org/bark\n\n"
    assert weights("named", f"# 🐶 Bark\n\n{hub}## License\n\n- Bark is now licensed under the MIT License.\n") == "MIT"
    assert weights("switcher", f"## English | 中文\n\n## Bark: a text-to-audio model\n\n{hub}"
                               "Bark is released under the Apache 2.0 license.\n") == "Apache-2.0"
    assert weights("other", f"# Bark\n\n{hub}PyTorch is released under the BSD license.\n") is None
    assert weights("project", f"# Bark\n\n{hub}This project is released under the MIT License.\n") is None
    assert weights("own_terms", f"# Lit-Bark\n\n{hub}Lit-Bark is released under the Apache 2.0 license.\n\n"
                                "The original Bark weights are distributed under a research-only license.\n") == "unknown"


def test_a_use_restriction_on_the_model_is_a_license_that_is_not_open(tmp_path):
    """"The model is for research and learning only", "本模型仅供学术研究使用", "commercial use of the
    weights is not allowed": terms stated without a license's name, not open whatever the repository's
    LICENSE says. What a card says the model is meant for ("intended to be used for research purposes
    only", under Intended Use) is its intended use, not its terms; a restriction on the code alone
    says nothing of the weights."""
    def weights(name, readme):
        files = {"README.md": readme, "model.py": TORCH_MODEL, "LICENSE": (TEXTS / "MIT-six.txt").read_text()}
        root = build(tmp_path / name, files)
        return next(r for r in run_check(str(root)).results if r.component.key == "final_parameters").license

    hub = "# M\n\nWeights: https://huggingface.co/org/m\n\n"
    assert weights("en", hub + "Considering the base model's constraints, the model is for research and learning only.\n") == "unknown"
    assert weights("zh", hub + "本模型权重仅供学术研究使用。\n") == "unknown"
    assert weights("commercial", hub + "Commercial use of the weights is not allowed.\n") == "unknown"
    assert weights("intended", hub + "## Intended Use\n\nThese models are intended to be used for research "
                                     "purposes only.\n") is None
    assert weights("code", hub + "The training scripts are for research purposes only.\n") is None
    # ... and the finding says where the terms were stated, as for a named license that is not open
    root = build(tmp_path / "finding", {"README.md": hub + "\nThe model is for research and learning only.\n",
                                        "model.py": TORCH_MODEL})
    found = [f for f in run_check(str(root)).findings if f.rule == "MOF203"]
    assert [(f.path, f.line) for f in found] == [("README.md", 6)] and "research and learning only" in found[0].message


def test_a_model_license_as_the_repository_license_covers_the_linked_weights(tmp_path):
    """A LICENSE whose terms are a model's (a RAIL-M, a Llama community license: known.yml `subject:
    model`) licenses the weights the repository links to, as a card's `license:` does; a code license
    in the same place does not (the weights' own terms are unknown)."""
    from conftest import build
    readme = "# M\n\nWeights: https://huggingface.co/org/m\n"

    def weights(name: str, license_text: str):
        files = {"README.md": readme, "model.py": TORCH_MODEL, "LICENSE": license_text}
        report = run_check(str(build(tmp_path / name, files)))
        return next(r for r in report.results if r.component.key == "final_parameters")

    rail = weights("rail", text("stable-diffusion-LICENSE.txt"))
    assert rail.status == "link_only"
    assert (rail.license, rail.license_category, rail.open) == ("creativeml-openrail-m", "restricted", False)
    assert weights("mit", text("MIT-six.txt")).license is None


def test_a_test_fixture_beside_linked_weights_does_not_pick_its_folders_license(tmp_path):
    """Weights linked from the README, a tiny fixture model under pkg/tests/assets, and pkg/LICENSE
    (MIT): the weights live where the links point, so the README's sentence about them decides, not the
    license of the folder that holds the fixture."""
    import struct
    from conftest import build
    header = json.dumps({"w": {"dtype": "F32", "shape": [4, 4], "data_offsets": [0, 64]}}).encode()
    fixture = struct.pack("<Q", len(header)) + header + b"\0" * 64
    readme = ("# M\n\nWeights: https://huggingface.co/org/m-large and https://huggingface.co/org/m-small\n\n"
              "The weights for the models are released under the CC-BY 4.0 license.\n")
    files = {"README.md": readme, "LICENSE": text("MIT-six.txt"), "pkg/LICENSE": text("MIT-six.txt"),
             "pkg/m/model.py": TORCH_MODEL, "pkg/tests/assets/test_lm_model.safetensors": fixture}
    weights = next(r for r in run_check(str(build(tmp_path / "m", files))).results
                   if r.component.key == "final_parameters")
    assert weights.status == "link_only"
    assert weights.license == "CC-BY-4.0"


@pytest.mark.parametrize("sentence, expected", [
    # a license of its own, named in capitals before a lower-case "license": unknown terms, not the MIT
    ("While the code is licensed under the MIT License, the trained weights are made available for "
     "non-commercial use only under the terms of the Acme-DL Software license.", "unknown"),
    ("The weights are released under the Acme Model License.", "unknown"),
    ("The weights are released under the MIT license.", "MIT"),
])
def test_weights_under_a_license_of_their_own_named_with_a_lower_case_license(tmp_path, sentence, expected):
    from conftest import build
    readme = f"# M\n\nWeights: https://huggingface.co/org/m\n\n{sentence}\n"
    files = {"README.md": readme, "model.py": TORCH_MODEL, "LICENSE": text("MIT-six.txt")}
    weights = next(r for r in run_check(str(build(tmp_path / "m", files))).results
                   if r.component.key == "final_parameters")
    assert weights.license == expected and not (expected == "unknown" and weights.open)


def _own_model_license(title: str) -> str:
    """A license of its own for a model, in the words such agreements use (defined terms, a
    non-commercial grant, an acceptable-use clause)."""
    return (f"{title}\n\n1. Definitions.\n\"Model\" means the machine learning model, the model weights and "
            "model parameters distributed by Licensor under this Agreement. \"Model Derivatives\" means any "
            "modification of the Model, any model trained on outputs of the Model, and any model created by "
            "transfer of patterns of the weights of the Model.\n\n2. Grant. Subject to this Agreement, Licensor "
            "grants You a non-exclusive, worldwide, non-transferable, royalty-free license to use, reproduce "
            "and modify the Model and Model Derivatives for non-commercial research purposes only. You may not "
            "use the Model or any Model Derivatives for any commercial purpose.\n\n3. Acceptable Use. You "
            "shall use the Model in accordance with the acceptable use policy. The Model is provided \"as "
            "is\", without warranty of any kind, and Licensor shall not be liable for any use of the Model.\n")


def test_a_license_of_its_own_for_a_model_covers_the_linked_weights_in_the_cli_too(tmp_path):
    """A LICENSE of its own whose terms define a model (its weights, Model Derivatives) licenses the
    linked weights like a known model license. What the license matcher learns of such a license (it
    restricts use; it is a model's) is learned where the license check runs: in `mof-lint check`, a
    child process. The command must report what the library reports."""
    import uuid
    from conftest import build, check_json, component
    title = f"ACME {uuid.uuid4().hex[:8].upper()} MODEL LICENSE AGREEMENT"  # new to this process's catalog
    files = {"README.md": "# M\n\nWeights: https://huggingface.co/org/m\n", "model.py": TORCH_MODEL,
             "LICENSE": _own_model_license(title)}
    root = build(tmp_path / "m", files)
    report = check_json(root)
    weights = component(report, "final_parameters")
    assert weights["license"].startswith("LicenseRef-ACME-") and weights["license_category"] == "restricted"
    assert not weights["open"]
    assert [lic["category"] for lic in report["licenses"] if lic["path"] == "LICENSE"] == ["restricted"]
    library = next(r for r in run_check(str(root)).results if r.component.key == "final_parameters")
    assert (library.license, library.license_category) == (weights["license"], "restricted")


@pytest.mark.parametrize("name, expected", [("alpaca-DATA_LICENSE.txt", "CC-BY-NC-4.0"),
                                            ("mobileclip-LICENSE_DATA.txt", "CC-BY-NC-ND-4.0")])
def test_a_note_above_a_license_title_is_not_its_title(name, expected):
    """"## THIS LICENSE IS FOR THE MODEL WEIGHTS ONLY" above a (slightly edited) restricted license: a
    sentence about the license, not a title naming another one; the text is still the license it is."""
    body = text(name).replace(".", ". Use requires registration with the Licensor before deployment.", 1)
    match = identify_text("## THIS LICENSE IS FOR THE MODEL WEIGHTS ONLY\n\n" + body)
    assert match.license == expected
