"""Detectors on fixture repositories built here, one test per concern and per trap seen in real
repositories."""
import os

from conftest import APACHE_HEAD, MIT_TEXT, TORCH_MODEL, TRAIN_LOOP
from mof_lint.check import run_check

MB = 1 << 20


def status(root, key, policy="strict"):
    report = run_check(str(root), policy=policy)
    r = next(r for r in report.results if r.component.key == key)
    return r.status, r, report


def lfs(size: int) -> str:
    return ("version https://git-lfs.github.com/spec/v1\n"
            "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
            f"size {size}\n")


# ---- architecture -------------------------------------------------------------------------------
def test_architecture_from_nn_module_subclass_resolved_through_aliases(repo):
    root = repo({"net/blocks.py": "from torch import nn\nclass Block(nn.Module):\n    pass\n",
                 "net/model.py": "from .blocks import Block\nclass Model(Block):\n    pass\n"})
    st, r, _ = status(root, "model_architecture")
    assert st == "present"
    assert {e.path for e in r.evidence} == {"net/blocks.py", "net/model.py"}


def test_model_py_wrapping_an_eval_harness_is_evaluation_code_not_architecture(repo):
    root = repo({"model.py": "from lm_eval.api.model import LM\nimport lm_eval\n\n"
                             "class MyModel(LM):\n    def loglikelihood(self, requests):\n        return []\n"})
    assert status(root, "model_architecture")[0] == "absent"
    assert status(root, "evaluation_code")[0] == "present"


def test_vendored_and_submodule_code_does_not_count(repo):
    root = repo({"third_party/gpt/model.py": TORCH_MODEL, "ext/lib/model.py": TORCH_MODEL,
                 ".gitmodules": '[submodule "ext/lib"]\n\tpath = ext/lib\n\turl = https://github.com/o/lib\n'})
    assert status(root, "model_architecture")[0] == "absent"


def test_architecture_on_the_hub_is_a_pointer(repo):
    root = repo({"cli_demo.py": "from transformers import AutoModel\n"
                                "m = AutoModel.from_pretrained('org/chat-6b', trust_remote_code=True)\n"})
    st, r, _ = status(root, "model_architecture")
    assert st == "link_only" and "org/chat-6b" in r.evidence[0].detail


# ---- weights ------------------------------------------------------------------------------------
def test_weights_lfs_pointer_counts_as_present(repo):
    root = repo({"model.safetensors": lfs(5 * 10 ** 9)})
    st, r, _ = status(root, "final_parameters")
    assert st == "present" and "LFS" in r.evidence[0].detail


def test_test_fixture_weights_tokenizers_and_tiny_heads_are_not_weights(repo):
    root = repo({"tests/fixtures/model.safetensors": lfs(50 * MB),
                 "tokenizer.model": b"\x0a" * (2 * MB), "enc.tiktoken": "YQ== 0\n" * 1000,
                 "heads/classifier.pt": b"\x80\x02" * 1000})
    st, r, report = status(root, "final_parameters")
    assert st == "absent"
    assert any(f.rule == "MOF105" and f.path == "heads/classifier.pt" for f in report.findings)


def test_weights_by_size_and_huggingface_link(repo):
    root = repo({"README.md": "# M\n\nDownload the weights from "
                              "[the Hub](https://huggingface.co/acme/m-7b).\n"})
    st, r, _ = status(root, "final_parameters")
    assert st == "link_only" and r.evidence[0].url == "https://huggingface.co/acme/m-7b"


def test_intermediate_checkpoints_by_step_and_revision(repo):
    root = repo({"checkpoints/step_1000/model.safetensors": lfs(100 * MB)})
    assert status(root, "intermediate_parameters")[0] == "present"
    root2 = repo({"README.md": "# M\n\n```python\nm = AutoModel.from_pretrained('acme/m', "
                               "revision='step143000')\n```\n"})
    assert status(root2, "intermediate_parameters")[0] == "link_only"


# ---- code roles ---------------------------------------------------------------------------------
def test_training_inference_preprocessing_code(repo):
    root = repo({
        "model.py": TORCH_MODEL, "train.py": TRAIN_LOOP,
        "generate.py": "import torch\nfrom model import Net\nm = Net()\n"
                       "m.load_state_dict(torch.load('w.pt'))\nout = m.generate(x)\n",
        "scripts/prepare_data.py": "import json\n\ndef dedup(rows):\n    return rows\n\n"
                                   "if __name__ == '__main__':\n    pass\n",
    })
    report = run_check(str(root))
    got = {r.component.key: r.status for r in report.results}
    assert got["training_code"] == "present"
    assert got["inference_code"] == "present"
    assert got["data_preprocessing_code"] == "present"
    assert got["evaluation_code"] == "absent"


def test_release_list_where_one_checkpoint_resumes_another_names_intermediate_stages(repo):
    # Trap from CompVis/stable-diffusion: sd-v1-1 .. sd-v1-4 are successive stages of one run.
    lineage = ("# M\n\n### Weights\n\n- `m-v1-1.ckpt`: 237k steps at 256x256.\n"
               "- `m-v1-2.ckpt`: Resumed from `m-v1-1.ckpt`. 515k steps at 512x512.\n")
    st, r, _ = status(repo({"README.md": lineage}), "intermediate_parameters")
    assert st == "link_only" and r.evidence[0].line == 6 and "m-v1-1.ckpt" in r.evidence[0].detail
    # a fine-tune that starts from somebody's base model publishes no stages of its own run
    base = "# M\n\nInitialized from `llama-7b.bin` and fine-tuned from `base.safetensors` for 3 epochs.\n"
    assert status(repo({"README.md": base}), "intermediate_parameters")[0] == "absent"


def test_external_eval_harness_link_is_a_pointer(repo):
    root = repo({"EVAL.md": "# Eval\n\nWe use [lm-evaluation-harness]"
                            "(https://github.com/EleutherAI/lm-evaluation-harness).\n"})
    assert status(root, "evaluation_code")[0] == "link_only"


# ---- cards --------------------------------------------------------------------------------------
def test_model_card_scored_by_template_sections(repo):
    full = repo({"MODEL_CARD.md": "# Card\n## Model details\nx\n## Intended uses\nx\n"
                                  "## Bias, risks and limitations\nx\n## Training details\nx\n"
                                  "## Evaluation\nx\n"})
    assert status(full, "model_card")[0] == "present"


def test_readme_without_card_sections_is_partial_with_a_finding(tmp_path):
    from conftest import build
    root = build(tmp_path, {"README.md": "# Tool\n\nThis model does things.\n\n## Install\npip\n\n"
                                         "Weights: https://huggingface.co/org/tool\n"})
    st, r, report = status(root, "model_card")
    assert st == "partial"
    assert any(f.rule == "MOF103" for f in report.findings)


def test_data_card_files_and_sections(repo):
    assert status(repo({"docs/datasheet.md": "# Datasheet\n"}), "data_card")[0] == "present"


def test_data_section_in_readme_is_a_partial_data_card(tmp_path):
    from conftest import build
    root = build(tmp_path, {"README.md": "# M\n\n## Training data\n\nWe trained on 1T tokens of web "
                                         "text filtered for quality, plus code from permissive repos.\n"})
    assert status(root, "data_card")[0] == "partial"


# ---- papers -------------------------------------------------------------------------------------
def test_own_paper_in_citation_section_vs_cited_works(repo):
    root = repo({"README.md": "# M\n\nWe build on [LLaMA](https://arxiv.org/abs/2302.13971) and "
                              "[LoRA](https://arxiv.org/abs/2106.09685).\n\n## Usage\n\nrun it\n"})
    st, r, report = status(root, "research_paper")
    assert st == "absent"
    assert any(f.rule == "MOF104" for f in report.findings)
    with open(root / "README.md", "a") as fh:
        fh.write("\n## Citation\n\n```bibtex\n@article{m2024,\n  title={M},\n"
                 "  eprint={2401.02385},\n  archivePrefix={arXiv}\n}\n```\n")
    st, r, _ = status(root, "research_paper")
    assert st == "link_only" and "2401.02385" in r.evidence[0].detail


def test_pdf_plot_is_not_a_paper_but_a_long_pdf_is(repo):
    plot = b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj\n" + b"0" * 5000
    paper = b"%PDF-1.5\n1 0 obj << /Type /Pages /Kids [] /Count 12 >> endobj\n" + b"0" * 5000
    assert status(repo({"figures/loss_curve.pdf": plot, "assets/result.pdf": plot}),
                  "research_paper")[0] == "absent"
    assert status(repo({"docs/tinygpt.pdf": paper}), "research_paper")[0] == "present"


# ---- results, data, samples ---------------------------------------------------------------------
def test_results_table_in_readme(repo):
    root = repo({"README.md": "# M\n\n## Results\n\n| Model | MMLU | HellaSwag |\n|---|---|---|\n"
                              "| m-7b | 61.2 | 79.0 |\n"})
    st, r, _ = status(root, "evaluation_results")
    assert st == "present" and r.evidence[0].line == 5


def test_dataset_manifest_and_hub_dataset_links(repo):
    assert status(repo({"data/manifest.yaml": "datasets: []\n"}), "datasets")[0] == "present"
    root = repo({"README.md": "---\ndatasets:\n  - acme/web\n---\n# M\n"})
    assert status(root, "datasets")[0] == "link_only"


def test_datasets_named_in_news_are_evidence_only_when_their_clause_speaks_of_training(repo):
    # Trap from THUDM/ChatGLM-6B: its update section announces a sibling model and the benchmark
    # it was scored on; CodeT5's names the data a model variant was pretrained on.
    news = ("# M\n\n## 更新信息\n\n* 发布 M2，经过了 600B 数据预训练，相比一代模型全面提升，"
            "[CodeBench](https://huggingface.co/datasets/acme/codebench) 评测集的成绩大幅提升。\n\n"
            "## News\n\n* M2 is out: it scores 61 on [HardEval](https://huggingface.co/datasets/acme/hard), "
            "up from 40.\n")
    root = repo({"README.md": news})
    assert status(root, "datasets")[0] == "absent"
    assert status(root, "data_card")[0] == "absent"
    own = ("# M\n\n## Updates\n\n* M-large was first pretrained on the Python split of "
           "[Github Code](https://huggingface.co/datasets/codeparrot/github-code) data, followed by "
           "another 10 epochs.\n")
    root = repo({"README.md": own})
    st, r, _ = status(root, "datasets")
    assert st == "link_only" and "codeparrot/github-code" in r.evidence[0].detail
    assert status(root, "data_card")[0] == "link_only"


def test_thousands_of_small_files_do_not_hide_data_shards_in_a_data_folder(repo):
    files = {f"assets/icons/i{n:05d}.json": '{"w": 16}' for n in range(2500)}
    files["data/train-00000-of-00001.parquet"] = lfs(300 * MB)
    st, r, report = status(repo(files), "datasets")
    assert st == "present" and r.evidence[0].path == "data/train-00000-of-00001.parquet"
    assert any(f.rule == "MOF410" and "possible data files" in f.message for f in report.findings)


def test_sample_outputs_but_not_logos_or_diagrams(repo):
    assert status(repo({"assets/logo.png": b"\x89PNG", "assets/architecture.png": b"\x89PNG"}),
                  "sample_outputs")[0] == "absent"
    assert status(repo({"samples/gen-001.png": b"\x89PNG"}), "sample_outputs")[0] == "present"


# ---- licenses -----------------------------------------------------------------------------------
def test_license_files_scopes_and_declared_ids(repo):
    root = repo({"LICENSE": APACHE_HEAD, "LICENSE_MODEL": "Some custom model terms\n",
                 "pyproject.toml": '[project]\nname = "m"\nlicense = "MIT"\n',
                 "src/m.py": "# SPDX-License-Identifier: Apache-2.0\nx = 1\n",
                 "model.py": TORCH_MODEL, "model.safetensors": lfs(50 * MB)})
    report = run_check(str(root))
    lic = {(x.path, x.scope): x.license for x in report.licenses}
    assert lic[("LICENSE", "distribution")] == "unknown"  # text matching is not in the core
    assert lic[("LICENSE_MODEL", "weights")] == "unknown"
    assert lic[("pyproject.toml", "code")] == "MIT"
    assert lic[("src/m.py", "code")] == "Apache-2.0"
    results = {r.component.key: r for r in report.results}
    assert results["model_architecture"].license == "MIT" and results["model_architecture"].open
    assert results["final_parameters"].license == "unknown" and not results["final_parameters"].open
    assert sum(f.rule == "MOF202" for f in report.findings) == 2


def test_one_copied_files_spdx_header_does_not_relicense_the_code_under_a_restricted_license(repo):
    """A release under a restricted model license (ChatGLM-6B's, a real text) with one copied file
    headed `SPDX-License-Identifier: Apache-2.0`: the header speaks for its file's folder, so the
    architecture keeps the release's terms (not open). Headers on most of the sources are the
    project's convention and license its code."""
    from conftest import ROOT
    restricted = (ROOT / "tests" / "data" / "licenses" / "chatglm-MODEL_LICENSE.txt").read_text("utf-8")
    sources = {f"m/layer{i}.py": "import torch\nx = 1\n" for i in range(5)}
    files = {"LICENSE": restricted, "m/model.py": TORCH_MODEL, **sources,
             "m/trt/engine.py": "# SPDX-License-Identifier: Apache-2.0\nimport ctypes\n"}
    arch = {r.component.key: r for r in run_check(str(repo(files))).results}["model_architecture"]
    assert arch.license == "chatglm-6b" and not arch.open
    headed = {path: "# SPDX-License-Identifier: Apache-2.0\n" + text for path, text in files.items()
              if path.endswith(".py")}
    arch = {r.component.key: r for r in run_check(str(repo({**files, **headed}))).results}["model_architecture"]
    assert arch.license == "Apache-2.0"


def test_among_equal_evidence_the_root_readmes_is_shown_first(repo):
    """Two Hub model links of the same weight, one in a PROJECT.md of community projects (sorting first
    by name), one in the README: the finding and the table point at the README's, the release's own."""
    link = "## Weights\n\nDownload the model from https://huggingface.co/{} .\n"
    root = repo({"LICENSE": APACHE_HEAD, "model.py": TORCH_MODEL,
                 "PROJECT.md": "# Community projects\n\n" + link.format("someone/m-fast"),
                 "README.md": "# M\n\n" + link.format("org/m")})
    weights = {r.component.key: r for r in run_check(str(root)).results}["final_parameters"]
    assert weights.status == "link_only" and weights.evidence[0].path == "README.md"


def test_no_license_at_all_is_an_error(repo):
    report = run_check(str(repo({"model.py": TORCH_MODEL})))
    assert any(f.rule == "MOF201" and f.level == "error" for f in report.findings)


def test_card_license_covers_the_release(repo):
    root = repo({"README.md": "---\nlicense: apache-2.0\n---\n# M\n", "model.py": TORCH_MODEL,
                 "LICENSE": MIT_TEXT})
    report = run_check(str(root))
    arch = next(r for r in report.results if r.component.key == "model_architecture")
    assert arch.license == "Apache-2.0"


def test_symlinked_directory_is_not_scanned_twice_or_escaped(tmp_path):
    from conftest import build
    outside = build(tmp_path / "elsewhere", {"model.py": TORCH_MODEL})
    root = build(tmp_path / "repo", {"README.md": "# M\n"})
    os.symlink(outside, root / "code")
    report = run_check(str(root))
    assert next(r for r in report.results if r.component.key == "model_architecture").status == "absent"
    assert any(f.rule == "MOF401" and f.path == "code" for f in report.findings)


def test_bad_front_matter_is_a_finding_on_its_line(repo):
    root = repo({"README.md": "---\nlicense: [unclosed\ntags: x\n---\n# M\n"})
    report = run_check(str(root))
    f = next(f for f in report.findings if f.rule == "MOF304")
    assert f.path == "README.md" and f.line >= 2


def test_a_gallery_of_asset_images_counts_as_sample_outputs_but_plots_do_not(repo):
    png = b"\x89PNG\r\n\x1a\n"
    assert status(repo({"assets/loss_curve.png": png, "assets/scaling_plot.png": png,
                        "assets/fig3.png": png}), "sample_outputs")[0] == "absent"
    assert status(repo({"assets/a.png": png, "assets/b.png": png}), "sample_outputs")[0] == "absent"
    assert status(repo({"assets/cat_answer.png": png, "assets/a.png": png, "assets/b.png": png,
                        "assets/c.jpg": png}), "sample_outputs")[0] == "present"
    # figures that explain the method are not outputs: two model pictures and an algorithm are no gallery
    assert status(repo({"assets/selection.png": png, "assets/m3.png": png, "assets/ssd_algorithm.png": png}),
                  "sample_outputs")[0] == "absent"


def test_malformed_urls_in_code_are_not_a_crash(repo):
    root = repo({"setup_urls.py": "A = 'http://[::1'\nB = 'https://[bad/x.bin'\n", "LICENSE": "x\n"})
    report = run_check(str(root))
    assert report.files == 2
