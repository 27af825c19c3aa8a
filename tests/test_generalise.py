"""General patterns behind the errors seen on real repositories nobody tuned for (issue 12): each
test names the pattern, builds the smallest repository that shows it, and checks both sides (the
trap does not count; the real thing still does)."""
from __future__ import annotations

import json

import pytest
from conftest import APACHE_HEAD, MIT_TEXT, ROOT, TORCH_MODEL, TRAIN_LOOP, build
from mof_lint.check import run_check
from mof_lint.repo import is_example_path

BASE = {"LICENSE": APACHE_HEAD, "model.py": TORCH_MODEL}
FINETUNE_CONFIG = ("model_name_or_path: org/base-7b\ndataset: alpaca_en_demo\nlearning_rate: 1.0e-5\n"
                   "num_train_epochs: 3.0\ngradient_accumulation_steps: 8\n")


def status(root, key, policy="strict"):
    report = run_check(str(root), policy=policy)
    return next(r for r in report.results if r.component.key == key).status


def readme_status(tmp_path, name: str, readme: str, key: str) -> str:
    """The status of `key` in a repository of the base files and this README."""
    return status(build(tmp_path / name, {**BASE, "README.md": readme}), key)


def file_status(tmp_path, name: str, path: str, text: str, key: str) -> str:
    """The status of `key` in a repository of the base files, a bare README and this one file."""
    return status(build(tmp_path / name, {**BASE, "README.md": "# M\n", path: text}), key)


def alone_status(tmp_path, name: str, path: str, text: str, key: str) -> str:
    """The status of `key` in a repository of a license, a bare README and this one file (no model.py
    of the base files beside it)."""
    return status(build(tmp_path / name, {"LICENSE": APACHE_HEAD, "README.md": "# M\n", path: text}), key)


# ---- someone else's material: examples and tutorials for users -------------------------------
def test_examples_and_tutorials_for_users_are_not_this_models_training_material(tmp_path):
    """A fine-tuning recipe in examples/ (a trainer, its config naming a dataset) trains the user's
    model on the user's data: not this model's training code, datasets or metadata."""
    root = build(tmp_path / "r", {**BASE, "README.md": "# M\n",
                                  "examples/finetune/train.py": TRAIN_LOOP,
                                  "examples/finetune/sft.yaml": FINETUNE_CONFIG,
                                  "docs/source/training/framework.md": "# Fine-tune with a framework\n\n"
                                  "Download the [data](https://example.org/data.zip) and train.\n"})
    for key in ("training_code", "datasets", "model_metadata"):
        assert status(root, key) == "absent", key
    # the same files as the release's own: they count
    own = build(tmp_path / "own", {**BASE, "README.md": "# M\n", "train.py": TRAIN_LOOP,
                                   "configs/sft.yaml": FINETUNE_CONFIG})
    assert status(own, "training_code") == "present"
    assert status(own, "model_metadata") != "absent"


def test_example_folders_recognised_at_any_depth_but_not_by_substring():
    assert is_example_path("examples/a/train.py") and is_example_path("src/pkg/tutorials/x.ipynb")
    assert is_example_path("docs/source/training/ms_swift.md") and is_example_path("colabs/finetuning.ipynb")
    assert not is_example_path("train.py") and not is_example_path("example_train.py")
    assert not is_example_path("docs/index.md") and not is_example_path("training/train.py")
    assert not is_example_path("src/counterexamples/x.py")


# ---- documents: a code project's README is not a model card ------------------------------------
LIBRARY_README = ("# fastnet\n\nA PyTorch implementation of the FastNet architecture for tabular data.\n\n"
                  "## Installation\n\n    pip install fastnet\n\n## Training\n\nCall `model.fit(X, y)` to train "
                  "the model on your data.\n\n## Evaluation metrics\n\nPass `eval_metric=['auc']`.\n")


def test_readme_of_a_code_project_that_releases_no_model_is_not_a_model_card(tmp_path):
    """Install / usage / how-to-train sections describe code; with no weights in the tree or linked
    there is no model for the README to be the card of."""
    lib = build(tmp_path / "lib", {**BASE, "README.md": LIBRARY_README})
    assert status(lib, "model_card") == "absent"
    # the same README in a repository that releases the model (a link to its weights) is a partial card
    released = build(tmp_path / "rel", {**BASE, "README.md": LIBRARY_README + "\n## Pretrained weights\n\n"
                                        "Download [fastnet-base](https://huggingface.co/org/fastnet-base).\n"})
    assert status(released, "model_card") == "partial"
    # and a README with a section only a card has (limitations) is a partial card without weights
    limits = build(tmp_path / "lim", {**BASE, "README.md": LIBRARY_README + "\n## Limitations\n\nFails on "
                                      "tables with more than 500 columns.\n"})
    assert status(limits, "model_card") == "partial"
    # and a paper's README that gives its own account of the model (Introduction, Overall
    # Architecture, TL;DR) says what the model is: part of a card, though no weights are released
    for heading in ("Introduction", "Overall Architecture", "TL;DR"):
        told = LIBRARY_README.replace("## Installation", f"## {heading}\n\nFastNet attends over rows and "
                                      "columns of a table.\n\n## Installation")
        assert status(build(tmp_path / heading[:3], {**BASE, "README.md": told}), "model_card", "mot") == "partial"


# ---- weights written unusually -------------------------------------------------------------------
def test_small_self_contained_model_files_are_the_model_but_small_heads_are_not(tmp_path):
    """A 200 KB face detector in ONNX is the whole model; a 200 KB .pt tensor is a head or a table."""
    onnx = build(tmp_path / "onnx", {**BASE, "README.md": "# D\n", "detector_2023.onnx": b"\x08\x07" * 100_000})
    assert status(onnx, "final_parameters") == "present"
    head = build(tmp_path / "pt", {**BASE, "README.md": "# D\n", "col_embedding.pt": b"\x80\x02" * 100_000})
    assert status(head, "final_parameters") == "absent"


def test_checkpoint_folders_on_a_file_host_linked_from_a_model_zoo_table(tmp_path):
    zoo = ("# M\n\n## Pretrained model zoo\n\n| Model | Description | Download |\n|---|---|---|\n"
           "| whole (recommended) | Pretrained on 33M cells | [link](https://drive.google.com/drive/folders/1oWh) |\n")
    root = build(tmp_path / "zoo", {**BASE, "README.md": zoo})
    assert status(root, "final_parameters") == "link_only"
    data = ("# M\n\n## Benchmark datasets\n\n| Dataset | Download |\n|---|---|\n"
            "| pancreas | [link](https://drive.google.com/drive/folders/1xyz) |\n")
    assert status(build(tmp_path / "data", {**BASE, "README.md": data}), "final_parameters") == "absent"


# ---- data cards and datasets: what describes the training data -------------------------------
def test_a_hub_dataset_mentioned_in_passing_is_not_the_data_card(tmp_path):
    """Related projects and example inputs link Hub datasets too; a data card link is a dataset the
    model was trained on."""
    passing = ("# M\n\n## Resources\n\n- [dolly-alpaca](https://huggingface.co/datasets/someone/dolly-alpaca), "
               "an Alpaca-compatible version of another instruct dataset\n\n## Usage\n\nTry the image "
               "https://huggingface.co/datasets/someone/random_img/resolve/main/park.png\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": passing}), "data_card") == "absent"
    trained = "# M\n\nThe model was fine-tuned on [our instructions](https://huggingface.co/datasets/org/instr).\n"
    assert status(build(tmp_path / "b", {**BASE, "README.md": trained}), "data_card") == "link_only"


def test_only_a_heading_about_the_data_as_a_whole_makes_a_data_section(tmp_path):
    body = "Random rotations and crops are applied to every batch while the model trains, on the fly.\n"
    aug = f"# M\n\n## Data augmentation on the fly\n\n{body}"
    assert status(build(tmp_path / "a", {**BASE, "README.md": aug}), "data_card") == "absent"
    data = ("# M\n\n## Training data\n\nWeb text from 2023 crawls, filtered for quality and deduplicated; "
            "1T tokens, 80 % English, 20 % code.\n")
    assert status(build(tmp_path / "b", {**BASE, "README.md": data}), "data_card") == "partial"


@pytest.mark.parametrize("heading, body, expected", [
    ("Stage 0: Prepare Training data", "The recipe reads wav.scp and text files; each line of wav.scp is an "
     "utterance id and the audio path, each line of text is the id and its transcript.", "absent"),
    ("2.1 Download the data", "The loader expects the corpus unpacked into one folder of audio files "
     "with a transcript beside each.", "absent"),
    ("Stage 0: Prepare Training data", "The corpus holds 1,000 hours of read Mandarin speech from 400 "
     "speakers, recorded in quiet rooms.", "partial"),
    ("Training data", "The recipe reads wav.scp and text files of read Mandarin speech from 400 speakers "
     "recorded in quiet rooms.", "partial"),
    ("Pre-training datasets download", "We train on the filtered synthetic captions of [CC3M](https://example.org/cc3m) "
     "and [LAION](https://example.org/laion) from BLIP, with their image sources.", "partial"),
])
def test_a_data_section_titled_as_a_set_up_step_describes_no_data_unless_it_gives_its_size(tmp_path, heading, body,
                                                                                         expected):
    """"Stage 0: Prepare Training data", "2.1 Download the data": a set-up step (the step label
    stripped) says how to get and lay out the data; a size, or links to where the data comes from, make
    it a description of the data."""
    readme = f"# M\n\nA speech recognizer.\n\n## {heading}\n\n{body}\n"
    assert status(build(tmp_path / "r", {**BASE, "README.md": readme}), "data_card") == expected


@pytest.mark.parametrize("decorated", ["\U0001F4DA Data", ":books: Data", "\u2728 Data \u2728", "\U0001F468\u200d\u2695\ufe0f Data"])
def test_a_heading_decorated_with_an_emoji_is_read_by_its_words(tmp_path, decorated):
    """"## 📚 Data", "## :books: Data": the emoji (a character, a shortcode, a ZWJ sequence) decorates
    the title; the heading is the data section all the same."""
    readme = (f"# M\n\n## {decorated}\n\nWe collected 226,042 doctor-patient dialogues from an online "
              "consultation site and 61,400 distilled instructions; each type is listed below with a sample.\n")
    assert readme_status(tmp_path, "r", readme, "data_card") == "partial"


def test_a_decorated_set_up_step_in_chinese_is_no_data_description(tmp_path):
    """"## 📊 数据集准备" (dataset preparation) is a set-up step, in Chinese."""
    prepare = ("# M\n\n## \U0001F4CA 数据集准备\n\n仅需要以以下文件结构将数据集放入 dataset_raw 目录即可，文件类型必须是 wav，"
               "可以自定义说话人名称。\n\n```\ndataset_raw\n└───speaker0\n    └───xxx1-xxx1.wav\n```\n")
    assert readme_status(tmp_path, "a", prepare, "data_card") == "absent"


def test_a_readme_training_section_with_a_table_of_input_fields_is_a_how_to(tmp_path):
    """A README's "## :truck: Training" whose only data words are a table of the fields the reader's own
    CSV needs is a how-to; a model card's Training section with such a table describes its data."""
    fields = ("# M\n\n## :truck: Training\n\n### Data Preparation\n\nCreate a CSV file for your data with these "
              "fields:\n\n| Field | Required | Description |\n|---|---|---|\n| image_path | yes | image path in the "
              "dataset folder |\n| text_zh | yes | caption of the training data item |\n")
    assert readme_status(tmp_path, "b", fields, "data_card") == "absent"
    card = fields.replace(":truck: Training", "Training").replace("your data", "the training data")
    assert status(build(tmp_path / "c", {**BASE, "README.md": "# M\n", "MODEL_CARD.md": card}), "data_card") == "partial"


def test_a_section_on_how_the_data_was_made_describes_it_when_it_gives_a_corpus_size(tmp_path):
    """"## Data Preparation" that says how the corpus was built and how big it is ("146.8M instances,
    3.87B tokens") describes the data; the same heading over a how-to for the reader's own clips ("about
    50 videos", "1. Extract images") does not: a corpus is thousands of things at least."""
    made = ("# M\n\n## Data Preparation\n\nWe extracted comment chains from Reddit threads of 2005-2017 and "
            "filtered out URLs, bot replies and offensive words: 146.8M instances, 3.87B tokens in all.\n")
    assert readme_status(tmp_path, "a", made, "data_card") == "partial"
    howto = ("# M\n\n## Data Preparation\n\nCollect about 50 videos of one subject and run the steps:\n\n"
             "1. Extract images\n2. Run COLMAP on them to get the camera poses\n3. Crop each frame to 512x512\n")
    assert readme_status(tmp_path, "b", howto, "data_card") == "absent"
    bench = made.replace("## Data Preparation", "## 评测数据构建")  # building the evaluation data
    assert readme_status(tmp_path, "c", bench, "data_card") == "absent"


def test_a_data_config_that_gives_its_splits_sizes_in_comments_is_a_brief_data_card(tmp_path):
    """data/coco.yaml with `train: train2017.txt  # 118287 images` and the class names: the dataset is
    documented where it is declared. Without sizes it only says where the files are; an example's
    config is the reader's data."""
    config = ("path: ../datasets/coco  # dataset root dir\ntrain: train2017.txt  # train images 118287 images\n"
              "val: val2017.txt  # val images 5000 images\n\n# Classes\nnames:\n  0: person\n  1: bicycle\n")
    assert file_status(tmp_path, "a", "data/coco.yaml", config, "data_card") == "partial"
    bare = config.replace(" 118287 images", "").replace(" 5000 images", "")
    assert file_status(tmp_path, "b", "data/coco.yaml", bare, "data_card") == "absent"
    assert file_status(tmp_path, "c", "examples/data/coco.yaml", config, "data_card") == "absent"


def test_a_how_to_train_section_is_not_a_description_of_the_training_data(tmp_path):
    howto = ("# M\n\nWeights: https://huggingface.co/org/m\n\n## Training\n\nRun `python main.py --base cfg.yaml`."
             " Configs combine model, training and data settings; edit the dataset path for your own dataset.\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": howto}), "data_card") == "absent"
    named = howto + "\nThe released model was trained on SlimPajama (627B tokens) for one epoch.\n"
    assert status(build(tmp_path / "b", {**BASE, "README.md": named}), "data_card") == "partial"


def test_a_data_folder_whose_readme_says_it_is_for_evaluation_holds_evaluation_data(tmp_path):
    """data/ is not training data when its README says the data there is for evaluation."""
    files = {**BASE, "README.md": "# M\n", "data/part-001.jsonl": '{"text": "a b"}\n' * 200,
             "data/README.md": "How we prepared the data for evaluation, to help replicate our results.\n\n"
                               "## LibriSpeech\n\nWe used [test-clean](https://huggingface.co/datasets/org/"
                               "librispeech_test).\n"}
    root = build(tmp_path / "a", files)
    assert status(root, "datasets") == "absent"
    assert status(root, "evaluation_data") == "present"
    train = build(tmp_path / "b", {**files, "data/README.md": "The training data of the model.\n"})
    assert status(train, "datasets") == "present"


# ---- evaluation results: quality, not speed; sentences, not code -------------------------------
def test_a_speed_table_and_version_numbers_are_not_evaluation_results(tmp_path):
    speed = ("# M\n\n## Benchmark Results\n\nDecoding on one GPU.\n\n| Model | Concurrency | Avg Latency | RTF |\n"
             "|---|---|---|---|\n| M-base | 2 | 253 ms | 0.0394 |\n| M-base | 4 | 401 ms | 0.0321 |\n\n"
             "## Evaluation\n\n> `pip install ctranslate2==3.24.0` if CUDA 11.\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": speed}), "evaluation_results") == "absent"
    quality = speed + "\n| Model | WER | SIM |\n|---|---|---|\n| M-base | 2.42 | 0.66 |\n| M-small | 3.10 | 0.61 |\n"
    assert status(build(tmp_path / "b", {**BASE, "README.md": quality}), "evaluation_results") == "present"


def test_a_card_that_states_scores_in_sentences_reports_results(tmp_path):
    card = ("# Model card\n\n## Bias and fairness\n\nWe found accuracy >96% across all groups for gender "
            "classification, and about 63% for age classification.\n")
    root = build(tmp_path / "a", {**BASE, "README.md": "# M\n", "model-card.md": card})
    assert status(root, "evaluation_results") == "partial"
    plain = card.replace(">96%", "high").replace("about 63%", "lower")
    assert file_status(tmp_path, "b", "model-card.md", plain, "evaluation_results") == "absent"


# ---- sample outputs: outputs, not inputs or a documentation site; pages of outputs elsewhere ----
def test_reference_inputs_and_doc_site_assets_are_not_sample_outputs(tmp_path):
    files = {**BASE, "README.md": "# M\n", "infer/examples/basic/basic_ref_en.wav": b"RIFF" + b"\0" * 5000,
             "docs/_static/css/fonts/fontawesome-webfont.svg": "<svg/>" * 100,
             "docs/_static/img/a.png": b"\x89PNG" + b"\0" * 500, "docs/_static/img/b.png": b"\x89PNG" + b"\0" * 500,
             "docs/_static/img/c.png": b"\x89PNG" + b"\0" * 500}
    assert status(build(tmp_path / "a", files), "sample_outputs") == "absent"
    out = build(tmp_path / "b", {**files, "samples/generated_01.wav": b"RIFF" + b"\0" * 5000})
    assert status(out, "sample_outputs") == "present"


def test_a_page_of_examples_elsewhere_is_a_pointer_to_sample_outputs(tmp_path):
    page = "# M\n\n[![demo](https://img.shields.io/badge/Demo-orange.svg)](https://org.github.io/M/)\n"
    assert status(build(tmp_path / "a", {**BASE, "README.md": page}), "sample_outputs") == "link_only"
    paper = ('# M\n\n## Papers using M\n\n- "[Patch Generation with Language Models](https://par.nsf.gov/biblio/1)"\n'
             "- [multi-task examples](https://www.kaggle.com/someone/notebook)\n")
    assert status(build(tmp_path / "b", {**BASE, "README.md": paper}), "sample_outputs") == "absent"


# ---- inference code written as a package API -------------------------------------------------
LOADER = ('import torch\nfrom .model import Speech\n\n\ndef load_model(name: str):\n'
          '    state = torch.load(_download(name), map_location="cpu")\n    model = Speech()\n'
          '    model.load_state_dict(state)\n    return model\n\n\ndef _download(name):\n    return name\n')
RUNNER = ('import torch\n\n\ndef transcribe(model, audio):\n    with torch.no_grad():\n'
          '        return model.decode(model.encode(audio))\n')


def test_a_package_whose_api_loads_the_weights_and_runs_the_model_is_inference_code(tmp_path):
    """load_model() reads the parameters, transcribe() runs the model: inference code, with no
    infer/predict/demo in any name."""
    pkg = build(tmp_path / "a", {**BASE, "README.md": "# M\n", "speech/__init__.py": LOADER,
                                 "speech/transcribe.py": RUNNER, "speech/model.py": TORCH_MODEL})
    assert status(pkg, "inference_code") == "present"
    # a package with the verb but no loader of weights (it reads a JSON vocabulary) is not
    vocab = LOADER.replace("torch.load(_download(name), map_location=\"cpu\")", "json.load(open(name))") \
        .replace("model.load_state_dict(state)", "model.vocab = state").replace("import torch", "import json, torch")
    lib = build(tmp_path / "b", {**BASE, "README.md": "# M\n", "speech/__init__.py": vocab,
                                 "speech/core.py": RUNNER, "speech/model.py": TORCH_MODEL})
    assert status(build(tmp_path / "c", {**BASE, "README.md": "# M\n", "speech/__init__.py": LOADER,
                                         "speech/core.py": RUNNER, "speech/model.py": TORCH_MODEL}),
                  "inference_code") == "present"
    assert status(lib, "inference_code") == "absent"


def test_a_demo_script_that_runs_the_model_through_a_wrapper_is_inference_code(tmp_path):
    demo = ("import argparse\nimport cv2\nfrom detector import Detector\n\nif __name__ == '__main__':\n"
            "    model = Detector('face_2023.onnx')\n    faces = model.infer(cv2.imread('in.jpg'))\n")
    root = build(tmp_path / "a", {**BASE, "README.md": "# M\n", "demo.py": demo})
    assert status(root, "inference_code") == "present"


# ---- model metadata written as code, as an architecture config, as a command line --------------
def test_training_configuration_written_as_a_python_module_is_model_metadata(tmp_path):
    cfg = "# train a GPT-2 (124M)\nbatch_size = 12\nblock_size = 1024\nmax_iters = 600000\nlr_decay_iters = 600000\n"
    assert file_status(tmp_path, "a", "config/train_gpt2.py", cfg, "model_metadata") == "present"
    plain = build(tmp_path / "b", {**BASE, "README.md": "# M\n", "utils.py": "lr = 0.1\nname = 'x'\n"})
    assert status(plain, "model_metadata") == "absent"


def test_an_architecture_configuration_is_partial_metadata_but_a_tokenizer_config_is_not(tmp_path):
    arch = '{"architectures": ["Wav2Vec2Model"], "hidden_size": 1024, "num_hidden_layers": 24}\n'
    assert file_status(tmp_path, "a", "config.json", arch, "model_metadata") == "partial"
    tok = '{"model_type": "llama", "vocab_size": 32000, "model_max_length": 2048}\n'
    assert file_status(tmp_path, "b", "tokenizer_config.json", tok, "model_metadata") == "absent"


def test_the_training_command_with_its_hyperparameters_in_the_readme_is_partial_metadata(tmp_path):
    readme = ("# M\n\n## Official weights\n\n```bash\npython finetune.py --base_model org/base --num_epochs=10 "
              "--learning_rate 3e-4 --lora_r 16\n```\n")
    assert readme_status(tmp_path, "a", readme, "model_metadata") == "partial"
    usage = "# M\n\n```bash\npython generate.py --base_model org/base --share_gradio\n```\n"
    assert readme_status(tmp_path, "b", usage, "model_metadata") == "absent"


def test_a_launch_script_that_sets_the_training_hyperparameters_is_model_metadata(tmp_path):
    """A shell script that starts training with its hyperparameters on the command line is the
    training configuration; the same flags in a data-processing script are not."""
    launch = ("num_gpus=8\ntorchrun --nproc_per_node $num_gpus -m src.my_train.main \\\n  --lr 1.e-3 \\\n"
              "  --batch-size 256 \\\n  --epochs 30 \\\n  --wd 0.2\n")
    assert file_status(tmp_path, "a", "configs/run_big.sh", launch, "model_metadata") == "present"
    process = "python process_counts.py \\\n  --batch-size 32 \\\n  --epochs 2 \\\n  --lr 0.0001\n"
    assert file_status(tmp_path, "b", "data/process_all.sh", process, "model_metadata") == "absent"


def test_a_cap_on_evidence_keeps_the_releases_own_before_examples_and_copied_projects(tmp_path):
    """Thirty example configurations for users (weakened after the detectors run) must not fill the
    detector's cap and push out the one launch script of the model's own run."""
    launch = ("num_gpus=8\ntorchrun --nproc_per_node $num_gpus -m src.my_train.main \\\n  --lr 1.e-3 \\\n"
              "  --batch-size 256 \\\n  --epochs 30 \\\n  --wd 0.2\n")
    config = "optimizer: adam\nlr: 3.0e-4\nbatch_size: 64\nmax_epoch: {n}\n"
    examples = {f"examples/recipe{n:02d}/config/train.yaml": config.format(n=n) for n in range(30)}
    files = {**BASE, "README.md": "# M\n", "run_scripts/pretrain_m_large.sh": launch, **examples}
    report = run_check(str(build(tmp_path / "a", files)))
    meta = next(r for r in report.results if r.component.key == "model_metadata")
    assert meta.status == "present" and meta.evidence[0].path == "run_scripts/pretrain_m_large.sh"
    assert any("example for users" in e.detail for e in meta.evidence)  # the examples are still listed
    del files["run_scripts/pretrain_m_large.sh"]
    assert status(build(tmp_path / "b", files), "model_metadata") == "absent"


def test_a_model_size_table_in_the_card_is_partial_metadata_but_sizes_or_scores_are_not(tmp_path):
    """A table of the model's shape (layers, width, heads, context) is architecture metadata;
    parameter counts and vocabulary sizes alone, or a benchmark table with a Params column, are not."""
    shape = ("# M\n\n## Pre-trained models\n\n| Name | #layers | #params | Embedding Dim |\n|---|---|---|---|\n"
             "| m-small | 12 | 35M | 480 |\n| m-large | 33 | 650M | 1280 |\n")
    assert readme_status(tmp_path, "a", shape, "model_metadata") == "partial"
    tokens = ("# M\n\n| Model | Default context window | Pretrained tokens |\n|---|---|---|\n| M 6B | 4K | 3T |\n")
    assert readme_status(tmp_path, "t", tokens, "model_metadata") == "partial"
    html = ("# M\n\n<table><tr><td></td><td><strong>Params</strong></td><td><strong>Context length</strong></td>"
            "<td><strong>GQA</strong></td></tr><tr><td>M 8B</td><td>8B</td><td>8k</td><td>Yes</td></tr></table>\n")
    assert readme_status(tmp_path, "b", html, "model_metadata") == "partial"
    sizes = ("# M\n\n## Architecture\n\n| Model | Parameters | Attention | Output Vocab size |\n|---|---|---|---|\n"
             "| text | 80 M | Causal | 10,000 |\n")
    assert readme_status(tmp_path, "c", sizes, "model_metadata") == "absent"
    scores = ("# M\n\n| Model | Params | Layers | Hidden size | MMLU | GSM8K | HumanEval |\n"
              "|---|---|---|---|---|---|---|\n| M | 7B | 32 | 4096 | 60.1 | 40.2 | 30.5 |\n")
    assert readme_status(tmp_path, "d", scores, "model_metadata") == "absent"


# ---- the model's own paper, written the ways READMEs write it ------------------------------------
def paper_status(tmp_path, name, readme):
    report = run_check(str(build(tmp_path / name, {**BASE, "README.md": readme})))
    statuses = {r.component.key: r.status for r in report.results}
    return statuses["research_paper"] if statuses["research_paper"] != "absent" else statuses["technical_report"]


def test_own_paper_labelled_on_its_line_at_the_top_or_on_a_preprint_server(tmp_path):
    assert paper_status(tmp_path, "a", "# YuNet\n\nA tiny face detector.\n\n- Paper source: [Yunet: a tiny "
                        "face detector](https://link.springer.com/article/10.1007/s11633-023-1423-y)\n\n## Demo\n") \
        == "link_only"
    assert paper_status(tmp_path, "b", "# scX\n\n[![Preprint](https://img.shields.io/badge/preprint-available-green)]"
                        "(https://www.biorxiv.org/content/10.1101/2023.04.30.538439)\n\n## Install\n") == "link_only"
    # "Manuscript:" is the label of a paper too (a bare address after it)
    assert paper_status(tmp_path, "m", "# TTS-X\n\nA multi-voice text-to-speech program.\n\n"
                        "Manuscript: https://arxiv.org/abs/2305.07243\n\n## Install\n") == "link_only"
    # a method the project uses, linked at the top, is someone else's paper
    assert paper_status(tmp_path, "c", "# M-LoRA\n\nReproduces M using [low-rank adaptation (LoRA)]"
                        "(https://arxiv.org/pdf/2106.09685.pdf).\n\n## Setup\n") == "absent"


def test_a_release_blog_post_is_the_write_up_at_the_top_or_in_the_citation(tmp_path):
    top = "# Inference\n\nBlog 7B: [https://example.ai/news/announcing-7b/](https://example.ai/news/announcing-7b/)\n"
    assert paper_status(tmp_path, "a", top) == "link_only"
    cite = ("# M\n\nAn instruction-tuned model.\n\n## Citation\n\n```\n@online{M,\n  title = {M},\n"
            "  url = {https://www.example.com/blog/2023/04/12/m-first-open-model},\n}\n```\n")
    assert paper_status(tmp_path, "b", cite) == "link_only"


def test_links_nested_under_a_list_item_naming_the_reports_are_the_works_own(tmp_path):
    """A README list item labels the links nested under it: "Technical reports for metrics:" makes
    them this work's reports (and says where its scores are); "Related papers:" does not."""
    own = ("# M\n\nA library for the M models.\n\n## Learn more\n\n* Documentation: [docs](https://m.dev/docs)\n"
           "* Technical reports for metrics and model capabilities:\n"
           "  * [M 1](https://go.example/m1report)\n  * [M 2](https://storage.example.com/m2/M2Report.pdf)\n")
    root = build(tmp_path / "a", {**BASE, "README.md": own})
    assert status(root, "research_paper") == "link_only" or status(root, "technical_report") == "link_only"
    assert status(root, "evaluation_results") == "link_only"
    related = own.replace("Technical reports for metrics and model capabilities:", "Related work we build on:")
    other = build(tmp_path / "b", {**BASE, "README.md": related})
    assert status(other, "research_paper") == "absent" and status(other, "technical_report") == "absent"
    assert status(other, "evaluation_results") == "absent"
    flat = own.replace("  * [M 1]", "* [M 1]").replace("  * [M 2]", "* [M 2]")  # siblings, not nested
    assert status(build(tmp_path / "c", {**BASE, "README.md": flat}), "evaluation_results") == "absent"


def test_a_card_snippet_that_defines_the_model_class_and_loads_the_weights_is_the_architecture(tmp_path):
    """Hub cards of custom heads write the model's class in their usage code and load the weights into
    it: partial architecture code. A class defined without loading anything is a how-to."""
    card = ("# M\n\n## Usage\n\n```python\nimport torch.nn as nn\n"
            "from transformers.models.wav2vec2.modeling_wav2vec2 import Wav2Vec2Model, Wav2Vec2PreTrainedModel\n\n"
            "class Head(nn.Module):\n    def forward(self, x):\n        return x\n\n"
            "class AgeModel(Wav2Vec2PreTrainedModel):\n    def __init__(self, config):\n"
            "        super().__init__(config)\n        self.head = Head()\n\n"
            "model = AgeModel.from_pretrained('org/age-model')\n```\n")
    files = {"LICENSE": APACHE_HEAD, "README.md": card}
    assert status(build(tmp_path / "a", files), "model_architecture") == "partial"
    howto = card.replace("model = AgeModel.from_pretrained('org/age-model')",
                         "base = Wav2Vec2Model.from_pretrained('org/base')")
    assert status(build(tmp_path / "b", {**files, "README.md": howto}), "model_architecture") != "partial"


def test_another_publishers_package_copied_into_the_tree_is_not_this_models_code(tmp_path):
    """A sub-folder with its own package manifest and a license of another copyright holder is a
    dependency copied in: its training scripts are that project's. A sub-package of the same
    holder is the publisher's own."""
    own_license = MIT_TEXT
    theirs = MIT_TEXT.replace("Example Authors", "NVIDIA CORPORATION & AFFILIATES")
    files = {"LICENSE": own_license, "README.md": "# M\n", "model.py": TORCH_MODEL,
             "env/SE3/LICENSE": theirs, "env/SE3/setup.py": "from setuptools import setup\nsetup(name='se3')\n",
             "env/SE3/se3/runtime/training.py": TRAIN_LOOP}
    assert status(build(tmp_path / "a", files), "training_code") == "absent"
    same = {**files, "env/SE3/LICENSE": own_license}
    assert status(build(tmp_path / "b", same), "training_code") == "present"
    # a framework fork shipped to run this model: its inference code is still how to run it
    serve = ("import torch\nfrom model import Net\n\nmodel = Net()\nmodel.load_state_dict(torch.load('m.pt'))\n"
             "print(model(torch.zeros(1, 4)))\n")
    fork = {**files, "env/SE3/tools/generate_samples.py": serve}
    assert status(build(tmp_path / "c", fork), "inference_code") == "present"


def test_a_gradient_without_an_optimizer_step_is_not_a_training_loop(tmp_path):
    """`.backward()` in sampling code computes a guidance gradient; elsewhere, without an optimizer
    step, it is a training building block (partial); with one, a training step."""
    guide = ("import torch\n\ndef guide(xyz, potential):\n    xyz.requires_grad = True\n"
             "    potential(xyz).backward()\n    return xyz.grad\n")
    assert file_status(tmp_path, "a", "pkg/inference/utils.py", guide, "training_code") == "absent"
    assert file_status(tmp_path, "b", "pkg/balancer.py", guide, "training_code") == "partial"
    assert file_status(tmp_path, "c", "pkg/loop.py", TRAIN_LOOP, "training_code") == "present"


def test_a_frameworks_trainer_run_on_the_repositorys_own_plugin_code_is_training_code(tmp_path):
    """`fairseq-train data --user-dir ./m --task m --arch m_base` (or `$(which unicore-train)`) in the README:
    the loop is the framework's, the task, loss and model it trains are the repository's. Without that
    folder in the tree, or in an example for users, it is not this repository's training code."""
    task = "from unicore.tasks import register_task\n\n@register_task('m')\nclass MTask:\n    pass\n"
    run = ("# M\n\nA molecular model.\n\n## Pretraining\n\n```bash\nlr=1e-4\npython -m torch.distributed.launch "
           "--nproc_per_node=8 $(which unicore-train) $data_path \\\n  --user-dir ./m --train-subset train \\\n"
           "  --task m --loss m --arch m_base --lr $lr\n```\n")
    files = {"LICENSE": APACHE_HEAD, "README.md": run, "m/__init__.py": "", "m/tasks/m.py": task}
    root = build(tmp_path / "a", files)
    assert status(root, "training_code") == "present"
    report = run_check(str(root))
    ev = next(r for r in report.results if r.component.key == "training_code").evidence[0]
    assert (ev.path, ev.line) == ("README.md", 9)  # the line the command starts on
    assert status(build(tmp_path / "b", {**files, "README.md": run.replace("./m ", "./other ")}), "training_code") == "absent"
    example = {k: v for k, v in files.items() if k != "README.md"} | {"README.md": "# M\n", "examples/README.md": run}
    assert status(build(tmp_path / "c", example), "training_code") == "absent"


@pytest.mark.parametrize("then, expected", [
    ("engine.module.eval()\nprint(engine.module.generate(torch.zeros(1, 4, dtype=torch.long)))\n", "absent"),
    ("for batch in loader:\n    loss = engine(batch).loss\n    engine.backward(loss)\n    engine.step()\n", "present"),
])
def test_an_engine_that_wraps_the_model_for_sharded_inference_is_not_a_training_step(tmp_path, then, expected):
    """DeepSpeed ZeRO inference calls `deepspeed.initialize(model=m, config_params=cfg)[0]` to shard the
    model, then generates: nothing steps. With a backward pass and an engine step, the same call trains."""
    wrap = ("import deepspeed\nimport torch\nfrom transformers import AutoModelForCausalLM\n\n"
            "model = AutoModelForCausalLM.from_pretrained('org/m')\n"
            "engine = deepspeed.initialize(model=model, config_params={'zero_optimization': {'stage': 3}})[0]\n")
    assert file_status(tmp_path, "a", "scripts/ds_zero.py", wrap + then, "training_code") == expected


def test_weights_files_named_by_their_training_step_are_intermediate_checkpoints(tmp_path):
    """Two or more weights files named by a step count alone, with words about iterations or steps:
    checkpoints along one run. Numbers that are resolutions, or a single checkpoint, are no series."""
    def intermediate(name, sentence):
        readme = f"# M\n\nA novel-view synthesis model.\n\n## Weights\n\n{sentence}\n"
        return readme_status(tmp_path, name, readme, "intermediate_parameters")
    assert intermediate("run", "We have released 4 model weights: 105000.ckpt, 165000.ckpt, 230000.ckpt, "
                        "300000.ckpt. By default we use 105000.ckpt, after finetuning 105000 iterations.") == "link_only"
    assert intermediate("sizes", "Download the checkpoints 256.pt and 512.pt for the two image resolutions.") == "absent"
    assert intermediate("one", "Download 105000.ckpt, the checkpoint after 105000 iterations.") == "absent"


def test_a_docs_page_about_the_codes_data_handling_is_not_a_datasheet(tmp_path):
    """docs/dataset.md of a library documents its data classes and options (an autodoc directive, a page
    dense with `code`), not the data a model was trained on; a DATASET.md that describes datasets and
    links where each comes from is the data's documentation."""
    def card(name, text):
        return status(build(tmp_path / name, {**BASE, "README.md": "# M\n", "docs/dataset.md": text}), "data_card")
    autodoc = "# Datasets\n\n```{eval-rst}\n.. autoclass:: pkg.datasets.TextDataset\n    :members:\n```\n"
    assert card("auto", autodoc) == "absent"
    options = ("# Dataset\n\nDatasets are set by `--train_dataset.type` (`huggingface` or `json`); `--train_dataset."
               "path` names it and `--train_dataset.fields` the `text` field; `seq_length` cuts it.\n")
    assert card("opts", options) == "absent"
    described = ("# Datasets\n\nThe model was trained on [Kinetics-400](https://example.org/k400), 240k clips of "
                 "human actions from web videos, and [Something-Something](https://example.com/ssv2), 169k clips "
                 "of hand gestures filmed by crowd workers.\n")
    assert card("desc", described) == "present"


@pytest.mark.parametrize("writer, expected", [("write_depth", "present"), ("save_images", "present"),
                                              ("save_checkpoint", "absent")])
def test_a_script_that_runs_the_model_without_gradients_and_writes_results_through_a_helper_is_inference(
        tmp_path, writer, expected):
    """run_monodepth.py builds the model (its constructor loads the weights it is given), runs it under
    no_grad over the input images and writes each result through a helper (write_depth): it runs the
    model, whatever its name. Saving a checkpoint is no result."""
    script = ("import glob\nimport torch\nfrom m.models import DepthModel\nfrom m.io import read_image, WRITER\n\n"
              "def run(inputs, outputs, weights):\n    model = DepthModel(path=weights)\n    model.eval()\n"
              "    for name in glob.glob(inputs + '/*.png'):\n        with torch.no_grad():\n"
              "            depth = model.forward(read_image(name))\n        WRITER(outputs + '/' + name, depth)\n\n"
              "if __name__ == '__main__':\n    run('input', 'output', 'weights/m.pt')\n").replace("WRITER", writer)
    assert file_status(tmp_path, "a", "run_depth.py", script, "inference_code") == expected


def test_gradient_descent_on_listed_tensors_is_not_training_the_model(tmp_path):
    """`opt = torch.optim.Adam([T, Q])` then zero_grad/backward/step moves a structure's coordinates
    (or a latent, an image) to lower a loss: the model's weights are not what changes. An optimizer
    given the model's parameters (or parameter groups) trains it."""
    fold = ("import torch\n\nclass Folder:\n    def fold(self, T, Q, loss_fn, steps=100):\n"
            "        T.requires_grad_(); Q.requires_grad_()\n        opt = torch.optim.Adam([T, Q], lr=0.1)\n"
            "        for _ in range(steps):\n            loss = loss_fn(T, Q)\n            opt.zero_grad()\n"
            "            loss.backward()\n            opt.step()\n        return T, Q\n")
    assert file_status(tmp_path, "a", "network/fold.py", fold, "training_code") == "absent"
    groups = fold.replace("torch.optim.Adam([T, Q], lr=0.1)", "torch.optim.Adam(self.net.parameters(), lr=0.1)")
    assert file_status(tmp_path, "b", "network/fold.py", groups, "training_code") == "present"
    both = fold + ("\ndef train(net, batches):\n    opt = torch.optim.AdamW([{'params': net.parameters()}])\n"
                   "    for x in batches:\n        opt.zero_grad()\n        net(x).sum().backward()\n        opt.step()\n")
    assert file_status(tmp_path, "c", "network/fold.py", both, "training_code") == "present"


def test_a_benchmark_that_only_times_the_model_is_not_evaluation_code(tmp_path):
    bench = ("import time\nimport torch\nfrom model import Net\n\nm = Net()\nt0 = time.perf_counter()\n"
             "m(torch.zeros(1, 4))\nprint(time.perf_counter() - t0)\n")
    assert file_status(tmp_path, "a", "benchmark.py", bench, "evaluation_code") == "absent"
    scored = bench + "\ndef accuracy(pred, gold):\n    return (pred == gold).float().mean()\n"
    assert file_status(tmp_path, "b", "benchmark.py", scored, "evaluation_code") == "present"
    # a measure named anywhere in a called function's name (get_symmetry_rmsd) scores the model too
    rmsd = bench + "\nfrom utils import get_symmetry_rmsd\n\nprint(get_symmetry_rmsd(m, m))\n"
    assert file_status(tmp_path, "c", "evaluate.py", rmsd, "evaluation_code") == "present"


def test_a_dependencys_readme_and_an_evaluations_config_are_not_this_models_evidence(tmp_path):
    """Projects kept under dependencies/ are third-party (their results are theirs); the config an
    evaluation wrote next to its scores names the data it scored, not the training data."""
    dep = ("# Efficiency pentathlon\n\n## Local evaluation.\n\nOn our machine the throughput was 47.3 words/s "
           "and accuracy 0.812 on the held-out split, with latency 12.5 ms per batch.\n")
    files = {**BASE, "README.md": "# M\n", "inference/dependencies/pentathlon/README.md": dep}
    assert status(build(tmp_path / "a", files), "evaluation_results") == "absent"
    own = {**BASE, "README.md": "# M\n", "docs/RESULTS.md": dep}
    assert status(build(tmp_path / "b", own), "evaluation_results") != "absent"
    cfg = '{"config": {"data_path": "/data/pile/val", "batch_size": 8}, "results": {"acc": 0.5}}\n'
    ev = {**BASE, "README.md": "# M\n", "evals/bias/run1_eval_results.json": cfg}
    assert status(build(tmp_path / "c", ev), "datasets") == "absent"


def test_a_fine_tuning_folder_that_invites_the_readers_data_is_a_recipe_for_users(tmp_path):
    """finetune/ whose README fine-tunes the released model on "your customized dataset" holds users'
    recipes: not this model's training code; the same folder without that invitation still counts."""
    recipe = ("# Finetune code for M 6B\n\nBy default we use a small public dataset to finetune the base model.\n"
              "You can also prepare your customized dataset in the following jsonl format.\n")
    files = {**BASE, "README.md": "# M\n", "finetune/README.md": recipe, "finetune/sft/main.py": TRAIN_LOOP}
    assert status(build(tmp_path / "a", files), "training_code") == "absent"
    own = {**files, "finetune/README.md": "# Fine-tuning of M-Chat\n\nHow M-Chat was tuned from M-Base.\n"}
    assert status(build(tmp_path / "b", own), "training_code") == "present"
    # the recipe's evaluation scores the reader's fine-tuned model; a CI folder's benchmark is tooling
    scorer = "import torch\nfrom sklearn.metrics import accuracy_score\n\nprint(accuracy_score([1], [1]))\n"
    evals = {**files, "finetune/sft/prompt_eval.py": scorer, ".project-ci/benchmark.py": scorer}
    assert status(build(tmp_path / "c", evals), "evaluation_code") == "absent"
    assert status(build(tmp_path / "d", {**evals, "eval/score.py": scorer}), "evaluation_code") == "present"


def test_a_fine_tuning_folder_that_offers_examples_is_a_recipe_for_users(tmp_path):
    """A finetune/ folder whose README opens by offering fine-tuning examples (in English or
    Chinese, or as a demonstration) holds recipes for users: its sample data is not this model's training data and its
    script not this model's training code. The same folder describing how the model was tuned counts."""
    data = "\n".join('{"prompt": "question %d", "response": "answer %d"}' % (i, i) for i in range(200)) + "\n"
    for n, opening in enumerate(("This folder provides fine-tuning examples for M-2B, full and LoRA.",
                                 "本目录提供 M-2B 模型的微调示例，包括全量微调和 PEFT。",
                                 "This section demonstrates an example of M finetuning on one language pair.",
                                 "The trainer was designed mainly for demonstration purposes.")):
        files = {**BASE, "README.md": "# M\n", "finetune/README.md": f"# M fine-tuning\n\n{opening}\n",
                 "finetune/finetune.py": TRAIN_LOOP, "finetune/data/chat/train.json": data}
        assert status(build(tmp_path / f"a{n}", files), "datasets") == "absent"
        assert status(build(tmp_path / f"b{n}", files), "training_code") == "absent"
    own = {**files, "finetune/README.md": "# Fine-tuning of M-Chat\n\nHow M-Chat was tuned from M-Base.\n"}
    assert status(build(tmp_path / "c", own), "datasets") == "present"
    assert status(build(tmp_path / "d", own), "training_code") == "present"


def test_a_checkpoint_archive_download_is_a_weights_pointer(tmp_path):
    """Checkpoints shipped as one archive named for them (a GitHub release asset, a file host), linked
    from the README or downloaded by the code from an address built at run time, are the weights as a
    pointer; an archive of data or of the source is not."""
    readme = ("# M\n\n## Setup\n\nDownload [the checkpoints](https://github.com/o/m/releases/download/v1.1/"
              "m_models.zip) and unzip them.\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": readme}), "final_parameters") == "link_only"
    code = ('import os\n\nREPO = os.environ.get("REPO", "https://github.com/o/m")\n'
            'URLS = [f"{REPO}/releases/latest/download/m_models.zip"]\n')
    files = {**BASE, "README.md": "# M\n", "inference.py": code}
    assert status(build(tmp_path / "b", files), "final_parameters") == "link_only"
    other = ("# M\n\n## Setup\n\nDownload [the data](https://github.com/o/m/releases/download/v1.1/pdbbind.zip) "
             "and [the source](https://github.com/o/m/archive/refs/tags/v1.1.zip).\n")
    assert status(build(tmp_path / "c", {**BASE, "README.md": other}), "final_parameters") == "absent"


def test_a_readme_that_sends_the_reader_to_the_paper_for_scores_points_to_results(tmp_path):
    """"Evaluations (corresponding to Table 3 of the paper)", "improvement in performance (see [our new
    paper](...))": the scores are in the paper, a pointer. A README that sends the reader to the paper for
    the method, or names a table of its own, points to no results."""
    for n, said in enumerate(("To run zero-shot evaluations of models (corresponding to Table 3 of the paper), "
                              "use the harness.",
                              "M-2 brings a significant improvement in performance (see the description in "
                              "[our new paper](https://arxiv.org/abs/2402.00001)).",
                              "See the technical report for detailed benchmark results.")):
        readme = f"# M\n\nPaper: https://arxiv.org/abs/2401.00001\n\n## Evaluation\n\n{said}\n"
        assert status(build(tmp_path / f"a{n}", {**BASE, "README.md": readme}), "evaluation_results") == "link_only"
    for n, said in enumerate(("See the paper for details of the architecture.",
                              "The results below are averaged over three seeds; see Table 3.")):
        readme = f"# M\n\nPaper: https://arxiv.org/abs/2401.00001\n\n{said}\n"
        assert status(build(tmp_path / f"b{n}", {**BASE, "README.md": readme}), "evaluation_results") == "absent"


def test_layers_that_patch_or_compress_another_model_are_not_its_architecture(tmp_path):
    """A serving project that monkey-patches a library model's attention or swaps in quantized Linear
    layers (llama_condense_monkey_patch.py, compression.py) defines no architecture of its own; the
    same module class in the model's own file does."""
    files = {"LICENSE": APACHE_HEAD, "README.md": "# Serve M\n",
             "serve/model/llama_condense_monkey_patch.py": TORCH_MODEL, "serve/model/compression.py": TORCH_MODEL}
    assert status(build(tmp_path / "a", files), "model_architecture") == "absent"
    own = {**files, "serve/model/m.py": TORCH_MODEL}
    assert status(build(tmp_path / "b", own), "model_architecture") == "present"


def test_a_link_to_the_hubs_model_search_is_not_weights(tmp_path):
    """A library that fine-tunes "any [HuggingFace checkpoint](https://huggingface.co/models?...)" releases
    no weights; a link to a checkpoint folder on a file host under the same words still counts."""
    doc = ("# API\n\n## Weights\n\n- `llm` (str): [HuggingFace checkpoint](https://huggingface.co/models?"
           "pipeline_tag=text-generation&sort=downloads) of a pretrained language model to fine-tune\n")
    files = {**BASE, "README.md": "# M\n", "docs/api.md": doc}
    assert status(build(tmp_path / "a", files), "final_parameters") == "absent"
    own = {**files, "docs/api.md": doc.replace("https://huggingface.co/models?pipeline_tag=text-generation&"
                                               "sort=downloads", "https://example.org/m/checkpoints")}
    assert status(build(tmp_path / "b", own), "final_parameters") == "link_only"


def test_a_line_labelled_samples_points_to_sample_outputs(tmp_path):
    """"Audio samples: [https://m.github.io/](https://m.github.io/)": the line's label says what the page
    holds, even when the link text is only the address; a project page labelled otherwise is no samples."""
    readme = "# M\n\nPaper: https://arxiv.org/abs/2401.00001\n\nAudio samples: [https://m.github.io/](https://m.github.io/)\n"
    assert status(build(tmp_path / "a", {**BASE, "README.md": readme}), "sample_outputs") == "link_only"
    other = readme.replace("Audio samples:", "Project page:")
    assert status(build(tmp_path / "b", {**BASE, "README.md": other}), "sample_outputs") == "absent"


def test_a_code_less_release_page_points_to_its_code_repository(tmp_path):
    """A repository that is only a project page ("The complete code and scripts of M have been included
    in [Big-Repo](https://github.com/o/big)", a web page and its scripts) points to every kind of code;
    a repository with code of its own is judged on that code, and a page that links a repository
    without saying it holds the code points to none."""
    readme = ("# M\n\nThe complete code and scripts of M have been included in [Big-Repo](https://github.com/o/big).\n"
              "\nM is a model for forecasting.\n")
    page = {"LICENSE": APACHE_HEAD, "README.md": readme, "index.html": "<html><body>M</body></html>\n",
            "assets/js/main.js": "console.log('page');\n"}
    for key in ("training_code", "inference_code", "evaluation_code", "model_architecture"):
        assert status(build(tmp_path / f"a_{key}", page), key) == "link_only"
    assert status(build(tmp_path / "b", {**page, "model.py": TORCH_MODEL}), "training_code") == "absent"
    other = {**page, "README.md": "# M\n\nSee also [Big-Repo](https://github.com/o/big) for related work.\n"}
    assert status(build(tmp_path / "c", other), "training_code") == "absent"


def test_a_model_page_on_a_registry_other_than_the_hub_is_a_weights_pointer(tmp_path):
    """NVIDIA NGC's catalog, Kaggle Models, ModelScope and TensorFlow Hub hold released weights as the
    Hugging Face Hub does; a registry's page of something else (a Kaggle dataset) does not."""
    for n, url in enumerate(("https://ngc.nvidia.com/catalog/models/nvidia:research:m3",
                             "https://www.kaggle.com/models/org/m3", "https://modelscope.cn/models/org/m3")):
        readme = f"# M\n\n## Additional material\n\n- [M3 pre-trained models]({url}) for configs T and R\n"
        assert status(build(tmp_path / f"a{n}", {**BASE, "README.md": readme}), "final_parameters") == "link_only"
    readme = "# M\n\n## Data\n\n- [faces](https://www.kaggle.com/datasets/org/faces)\n"
    assert status(build(tmp_path / "b", {**BASE, "README.md": readme}), "final_parameters") == "absent"


def test_a_script_named_gen_that_loads_the_network_is_inference_code(tmp_path):
    """gen_images.py that loads a pickled network with a loader named for it (load_network_pkl) and
    renders images is inference code; a gen_*.py that builds a data list is not."""
    script = ("import torch\nimport legacy\n\n\ndef main(network_pkl):\n    with open(network_pkl, 'rb') as f:\n"
              "        G = legacy.load_network_pkl(f)['G_ema']\n    z = torch.randn([1, 512])\n    return G(z, None)\n"
              "\n\nif __name__ == '__main__':\n    main('m.pkl')\n")
    files = {**BASE, "README.md": "# M\n", "gen_images.py": script}
    assert status(build(tmp_path / "a", files), "inference_code") == "present"
    lister = "import os\n\n\ndef main():\n    return sorted(os.listdir('data'))\n"
    assert status(build(tmp_path / "b", {**BASE, "README.md": "# M\n", "gen_list.py": lister}),
                  "inference_code") == "absent"


TF1_MODEL = '''import tensorflow as tf


def attention_layer(x, width):
    with tf.variable_scope("attention"):
        q = tf.layers.dense(x, width, name="query")
        k = tf.layers.dense(x, width, name="key")
        w = tf.get_variable("scale", [width])
    return tf.nn.softmax(q * k) * w


def transformer(x, width, layers):
    for i in range(layers):
        with tf.variable_scope(f"layer_{i}"):
            x = tf.contrib.layers.layer_norm(x + attention_layer(x, width))
            x = tf.nn.dropout(x, 0.9)
    return x
'''


def test_a_network_written_as_tensorflow_functions_is_architecture(tmp_path):
    """TensorFlow 1 models (and Keras' functional API) build the network in functions, with no module
    class: layer-building calls of several kinds are the architecture; a script that only trains with
    one dense head is not."""
    files = {"LICENSE": APACHE_HEAD, "README.md": "# M\n", "m/modeling.py": TF1_MODEL}
    assert status(build(tmp_path / "a", files), "model_architecture") == "present"
    head = "import tensorflow as tf\n\n\ndef head(x):\n    return tf.layers.dense(x, 2)\n"
    files = {"LICENSE": APACHE_HEAD, "README.md": "# M\n", "m/run_classifier.py": head}
    assert status(build(tmp_path / "b", files), "model_architecture") == "absent"


def test_an_overview_heading_does_not_make_a_library_readme_a_model_card(tmp_path):
    """A library that trains the user's own model (no released weights) opens its README with
    "Overview": every project does, so it is not a card; "Model description" is the card's own section."""
    readme = ("# TabGen\n\n## Overview\n\nTabGen is a collection of deep-learning synthesizers for tabular "
              "data; the model learns from your table.\n\n## Install\n\npip install tabgen\n\n## Usage\n\n"
              "Fit the model and sample rows.\n")
    files = {**BASE, "README.md": readme}
    assert status(build(tmp_path / "a", files), "model_card") == "absent"
    card = readme.replace("## Overview", "## Model description")
    assert status(build(tmp_path / "b", {**BASE, "README.md": card}), "model_card") == "partial"


def test_pictures_bundled_by_a_web_client_are_not_outputs(tmp_path):
    """A JavaScript client (a folder with a package.json) bundles its interface's pictures, demo
    screens included, under public/ or src/: not what the model produced; the same pictures in a
    samples/ folder are."""
    jpg = b"\xff\xd8\xff\xe0" + b"\x00" * 4000
    app = {**BASE, "README.md": "# M\n", "client/package.json": '{"name": "client"}\n',
           **{f"client/public/assets/images/demo/image{i}.jpg": jpg for i in range(4)}}
    assert status(build(tmp_path / "a", app), "sample_outputs") == "absent"
    own = {**BASE, "README.md": "# M\n", **{f"samples/demo/image{i}.jpg": jpg for i in range(4)}}
    assert status(build(tmp_path / "b", own), "sample_outputs") == "present"


def test_a_held_out_loss_in_a_release_table_is_a_result(tmp_path):
    """A language model's release table that gives each model's validation loss reports results; a
    table of training losses by step does not."""
    table = ("# M\n\n## Models\n\n| model | dim | n_layers | val loss | download |\n| --- | --- | --- | --- | --- |\n"
             "| 15M | 288 | 6 | 1.072 | [m15](https://example.org/m15.pt) |\n"
             "| 42M | 512 | 8 | 0.847 | [m42](https://example.org/m42.pt) |\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": table}), "evaluation_results") == "present"
    train = table.replace("val loss", "train loss").replace("## Models", "## Training run")
    assert status(build(tmp_path / "b", {**BASE, "README.md": train}), "evaluation_results") == "absent"


def test_a_parameter_named_like_a_metric_is_not_a_metric(tmp_path):
    """`def compose2(f1, f2): return lambda x: f2(f1(x))` in a demo calls whatever it was given, not
    an F1 score: no evaluation code; a function that computes F1 still is."""
    demo = ("import torch\n\n\ndef compose2(f1, f2):\n    return lambda x: f2(f1(x))\n\n\n"
            "def run(model, x):\n    prep = compose2(torch.tensor, torch.flatten)\n    return model(prep(x))\n")
    files = {**BASE, "README.md": "# M\n", "tf/run_onnx.py": demo}
    assert status(build(tmp_path / "a", files), "evaluation_code") == "absent"
    scorer = demo + "\n\ndef f1(pred, gold):\n    return 2 * (pred & gold).sum() / (pred.sum() + gold.sum())\n"
    assert status(build(tmp_path / "b", {**files, "tf/run_onnx.py": scorer}), "evaluation_code") == "partial"


BUILDER = ("from functools import partial\nfrom m.modeling import Encoder\n\n\n"
           "def build_m_h(checkpoint=None):\n    return _build(encoder_embed_dim=1280, encoder_depth=32, "
           "encoder_num_heads=16, checkpoint=checkpoint)\n\n\ndef _build(**kw):\n    return Encoder(**kw)\n")
BARE_BUILDER = "from m.modeling import Encoder\n\n\ndef build_m(**kw):\n    return Encoder(**kw)\n"
# fairseq2's naming: a builder.py of dataclass configs per size (model_dim=1024, num_encoder_layers=24)
SIZES_BUILDER = ("from dataclasses import dataclass\n\n\n@dataclass\nclass MConfig:\n    model_dim: int\n\n\n"
                 "def _large():\n    return MConfig(model_dim=1024, num_encoder_layers=24, num_decoder_layers=24,\n"
                 "                   num_encoder_attn_heads=16, ffn_inner_dim=8192)\n")


@pytest.mark.parametrize("name, builder, expected", [("build_m.py", BUILDER, "partial"),
                                                     ("build_m.py", BARE_BUILDER, "absent"),
                                                     ("builder.py", SIZES_BUILDER, "partial"),
                                                     ("builder.py", BARE_BUILDER, "absent")])
def test_an_architecture_configuration_written_in_python_is_partial_metadata(tmp_path, name, builder, expected):
    """A model builder or settings module that fixes each released size's shape (build_m.py:
    encoder_embed_dim=1280, encoder_depth=32, encoder_num_heads=16; config.py's 'num_head': 8; a
    builder.py's model_dim=1024, num_encoder_layers=24) is the model's metadata, if only its
    architecture; a builder that passes no sizes is not."""
    files = {**BASE, "README.md": "# M\n", f"m/{name}": builder}
    assert status(build(tmp_path, files), "model_metadata") == expected


def test_the_paper_a_readme_says_the_repository_implements_is_its_own(tmp_path):
    """"This repository contains the implementation of [M: a model for X](journal link)" at the top of
    the README names the work's own paper; a link under "built on [Other](...)" does not."""
    own = ("# M\n\nThis repository contains the implementation of [M: Generative Pre-trained Transformer for X]"
           "(https://academic.oup.com/bib/article/doi/10.1093/bib/bbac409), by A and B.\n\n## Usage\n\nRun it.\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": own}), "research_paper") == "link_only"
    other = own.replace("This repository contains the implementation of", "This repository builds on")
    assert status(build(tmp_path / "b", {**BASE, "README.md": other}), "research_paper") == "absent"


def test_a_source_files_this_paper_is_the_method_it_implements(tmp_path):
    """A docstring "Implementation of the paper: LLaMA-Adapter (https://arxiv.org/abs/2303.16199)" in
    pkg/adapter.py names the method that module implements, not the release's paper; a README page
    that says the same of the release does."""
    doc = "Implementation of the paper: LLaMA-Adapter, https://arxiv.org/abs/2303.16199 (zero-init attention).\n"
    code = f'"""{doc}"""\nimport torch\n\n\ndef adapter(x):\n    return x\n'
    assert file_status(tmp_path, "a", "pkg/adapter.py", code, "research_paper") == "absent"
    assert file_status(tmp_path, "b", "docs/adapter.md", f"# Adapter\n\n{doc}", "research_paper") == "link_only"
    # an example's README, for users, implements a method of its own the same way
    assert file_status(tmp_path, "c", "examples/adapter/README.md", f"# Adapter\n\n{doc}", "research_paper") == "absent"


def test_a_preprint_labelled_in_a_list_of_links_is_the_works_paper(tmp_path):
    """"- Arxiv pre-print: https://arxiv.org/abs/2205.13760" under "## Links" at the end of a long README
    (below the top, where a bare link would be taken as the work's own): a label like "Paper: <url>"."""
    usage = "".join(f"Step {i}: run the scoring script on the assay files of group {i}.\n\n" for i in range(60))
    readme = (f"# M\n\nCode for fitness prediction.\n\n## Usage\n\n{usage}## Links\n\n"
              "- Hugging Face Hub (model checkpoints): https://huggingface.co/org/m\n"
              "- Arxiv pre-print: https://arxiv.org/abs/2205.13760\n")
    assert readme_status(tmp_path, "a", readme, "research_paper") == "link_only"


TRAIN_WITH_TEST_PASS = """import torch
from model import Net


def evaluate(model, loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in loader:
            pred = model(x).argmax(dim=1)
            correct += (pred == y).sum().item()
    return correct / len(loader.dataset)


def main():
    model = Net()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(10):
        for x, y in train_loader:
            loss = torch.nn.functional.cross_entropy(model(x), y)
            opt.zero_grad(); loss.backward(); opt.step()
        print("test accuracy", evaluate(model, test_loader))
    torch.save(model.state_dict(), "model.pt")


if __name__ == "__main__":
    main()
"""


def test_a_model_that_predicts_only_inside_its_evaluation_has_partial_inference_code(tmp_path):
    """The test pass after training runs the model on inputs and takes its predictions: inference
    code, though not a script of its own (partial). The same training script without its test pass
    has none."""
    readme = "# M\n\nTrain with `python train.py`.\n"
    root = build(tmp_path / "a", {**BASE, "README.md": readme, "train.py": TRAIN_WITH_TEST_PASS})
    assert status(root, "evaluation_code") in ("present", "partial")
    assert status(root, "inference_code") == "partial"
    no_eval = TRAIN_WITH_TEST_PASS.replace('        print("test accuracy", evaluate(model, test_loader))\n', "")
    no_eval = no_eval[no_eval.index("def main"):].replace("def main", "import torch\nfrom model import Net\n\n\ndef main")
    root = build(tmp_path / "b", {**BASE, "README.md": readme, "train.py": no_eval})
    assert status(root, "inference_code") == "absent"


def test_a_training_script_that_builds_its_input_transforms_prepares_its_data(tmp_path):
    """Cropping, flipping and normalising the images a training run reads is data preprocessing
    done by the training code itself (partial): no separate preparation script is needed."""
    train = ("import torch\nfrom torchvision import datasets, transforms\nfrom model import Net\n\n\n"
             "def main():\n    tf = transforms.Compose([transforms.RandomResizedCrop(224), transforms.ToTensor()])\n"
             "    data = datasets.ImageFolder('/data/train', transform=tf)\n    model = Net()\n"
             "    opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
             "    for x, y in torch.utils.data.DataLoader(data, batch_size=64):\n"
             "        loss = torch.nn.functional.cross_entropy(model(x), y)\n"
             "        opt.zero_grad(); loss.backward(); opt.step()\n\n\nif __name__ == '__main__':\n    main()\n")
    files = {**BASE, "README.md": "# M\n\nTrain with `python train.py`.\n", "train.py": train}
    assert status(build(tmp_path / "a", files), "data_preprocessing_code") == "partial"
    bare = train.replace("transforms.Compose([transforms.RandomResizedCrop(224), transforms.ToTensor()])", "None")
    assert status(build(tmp_path / "b", {**files, "train.py": bare}), "data_preprocessing_code") == "absent"


def test_an_hdf5_or_numpy_download_is_weights_only_when_its_address_says_so(tmp_path):
    """HDF5 and NumPy archives hold data as often as weights (a single-cell count matrix, FID
    reference statistics): a link to one is a weights pointer when its address names a model or its
    checkpoint, not otherwise."""
    readme = ("# M\n\nDownload the input from [here](https://cf.example.com/samples/pbmc_10k_filtered_feature_"
              "bc_matrix.h5) and the statistics from [there](https://host.example/fid/cifar10-32x32.npz).\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": readme}), "final_parameters") == "absent"
    readme += "\nThe trained network: [model_best.h5](https://storage.example.com/m/model_best.h5).\n"
    assert status(build(tmp_path / "b", {**BASE, "README.md": readme}), "final_parameters") == "link_only"


def test_what_a_link_is_said_to_be_is_read_across_the_wrapped_lines_of_its_sentence(tmp_path):
    """A README wrapped at a fixed column puts "This repository is an implementation of" on one line
    and the link's title and address on the next: the sentence, not the link's line, says what the
    link is."""
    own = ("# M\n\nThis repository is an implementation of [Transfer Learning from Small Models to\n"
           "Large Ones](https://arxiv.org/pdf/2401.00001.pdf) (M) with a fast vocoder.\n\n## Usage\n\nRun it.\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": own}), "research_paper") == "link_only"
    other = own.replace("This repository is an implementation of", "This repository builds on")
    assert status(build(tmp_path / "b", {**BASE, "README.md": other}), "research_paper") == "absent"


@pytest.mark.parametrize("name, expected", [("custom_data.json", "absent"), ("customer_reviews.json", "present")])
def test_a_custom_data_template_is_not_training_data_but_customer_data_is(tmp_path, name, expected):
    """meta/custom_data.json shows where the reader's own data goes; customer_reviews.json is data."""
    data = "\n".join('{"text": "review %d", "label": %d}' % (i, i % 2) for i in range(200)) + "\n"
    files = {**BASE, "README.md": "# M\n", f"data/{name}": data}
    assert status(build(tmp_path, files), "datasets") == expected


def test_a_training_log_is_not_data(tmp_path):
    """A run's log in a data-looking name (logs/m-sft-logs.txt, data/train_log.jsonl) records the
    training, it is not the data trained on; a dialogue corpus (dialog_data.jsonl) still is."""
    log = "".join(f"step {i} loss {1 / (i + 1):.4f} lr 3e-4 tokens {i * 4096}\n" for i in range(300))
    for n, path in enumerate(("logs/m-sft-logs.txt", "data/train_log.jsonl")):
        files = {**BASE, "README.md": "# M\n", path: log}
        assert status(build(tmp_path / f"l{n}", files), "datasets") == "absent"
    files = {**BASE, "README.md": "# M\n", "data/dialog_data.jsonl": log}
    assert status(build(tmp_path / "d", files), "datasets") == "present"


def test_a_quantization_calibration_set_is_not_training_data(tmp_path):
    """Text kept beside a post-training quantization script (quantize/quantize_data/, calibration/)
    calibrates the quantizer: it is not the data the model was trained on. The same file in data/ is."""
    data = "\n".join('{"instruction": "task %d", "output": "answer %d"}' % (i, i) for i in range(200)) + "\n"
    for n, folder in enumerate(("quantize/quantize_data", "calibration_sets")):
        files = {**BASE, "README.md": "# M\n", f"{folder}/alpaca_data_cleaned.json": data}
        assert status(build(tmp_path / f"q{n}", files), "datasets") == "absent"
    assert status(build(tmp_path / "d", {**BASE, "README.md": "# M\n", "data/alpaca_data_cleaned.json": data}),
                  "datasets") == "present"


def test_the_inputs_of_a_data_generation_pipeline_are_not_the_training_data(tmp_path):
    """Self-instruct seed tasks (data/seed_tasks.json) and the problems a generator rewrites
    (code_for_generating_data/data/MATH_train.json, data_generator/squall/data.json) are what a pipeline
    starts from; the model was trained on what it produced. The same file as data/train.json is data."""
    data = "\n".join('{"instruction": "task %d", "output": "answer %d"}' % (i, i) for i in range(200)) + "\n"
    for n, path in enumerate(("data/1.5M/zh_seed_tasks.json", "code_for_generating_data/data/MATH_train.json",
                              "data_generator/squall/data.json", "data/seeds/tasks.jsonl")):
        files = {**BASE, "README.md": "# M\n", path: data}
        assert status(build(tmp_path / f"g{n}", files), "datasets") == "absent", path
    assert status(build(tmp_path / "d", {**BASE, "README.md": "# M\n", "data/MATH_train.json": data}),
                  "datasets") == "present"


def test_package_manifests_templates_and_loader_how_tos_name_no_training_data(tmp_path):
    """A dependency manifest's `datasets = "2.14"`, a config template's "/path/to/audio", and a
    docs/datasets.md that tells the reader how to point the loader at their own data describe no
    training data; a config naming real data and a datasets.md that describes the corpus do."""
    files = {**BASE, "README.md": "# M\n",
             "pyproject.toml": '[tool.poetry.dependencies]\ndatasets = "2.14.5"\ntorch = "2.1"\n',
             "conda-lock.yml": "package:\n  datasets: 2.14.5\n",
             "configs/dataset_configs/local_training_example.json":
                 '{\n  "dataset_type": "audio_dir",\n  "datasets": [{"id": "a", "path": "/path/to/audio/dataset/"}]\n}\n',
             "configs/run.json": '{\n  "datasets": [{"id": "a", "path": "/path/to/your/data"}]\n}\n',
             "docs/datasets.md": ("# Datasets\n\nTo use a local directory of audio samples, set `dataset_type` and give "
                                  "the path to your directory of audio samples.\n")}
    root = build(tmp_path / "a", files)
    assert status(root, "datasets") == "absent" and status(root, "data_card") == "absent"
    real = {**files, "configs/run.json": '{\n  "datasets": ["librispeech_960h", "commonvoice_en"]\n}\n',
            "docs/datasets.md": "# Datasets\n\nM was trained on 60,000 hours of licensed speech from audiobooks.\n"}
    root = build(tmp_path / "b", real)
    assert status(root, "datasets") != "absent" and status(root, "data_card") == "present"


def test_not_data_by_name_is_decided_without_a_regex_per_path():
    from mof_lint.detectors.data import not_data
    for path in ("conda-lock.yml", "x/package-lock.json", "environment.yml", "env/conda-gpu.yaml", "pyproject.toml",
                 "a/setup.cfg", "LICENSE", "licenses/x.json", "docs/README.md", "cfg/tokenizer_config.json"):
        assert not_data(path) is True, path
    for path in ("data/train.json", "data/blocks.json", "data/clock.json", "data/configs.json", "env/data.yaml"):
        assert not_data(path) is False, path


def test_an_autograd_functions_backward_is_not_training_code(tmp_path):
    kernel = ("import torch\n\nclass CellFn(torch.autograd.Function):\n    @staticmethod\n"
              "    def forward(ctx, x):\n        return x\n\n    @staticmethod\n    def backward(ctx, g):\n"
              "        return g\n\ndef cell(x):\n    y = CellFn.apply(x)\n    y.sum().backward()\n    return y\n")
    assert file_status(tmp_path, "a", "blocks/cell.py", kernel, "training_code") == "absent"


def test_an_evaluation_folders_labels_rules_and_answers_are_not_its_data(tmp_path):
    """An evaluation folder keeps more than its test sets: the label list a benchmark uses, the rules a
    judge model is given, the answers and scores a run produced. None is evaluation data; the list of
    test samples is."""
    rows = "".join(f'{{"question_id": {i}, "text": "Describe picture {i} in detail.", "category": "conv"}}\n'
                   for i in range(80))
    for n, path in enumerate(("eval/openseg_labels/ade20k_150.txt", "eval/llava_bench/rule.json",
                              "eval/mme/Your_Results/OCR.txt", "eval/table/answer/answer_gpt35.jsonl",
                              "eval/benchmark/combined_results.csv")):
        assert file_status(tmp_path, f"e{n}", path, rows, "evaluation_data") == "absent", path
    assert file_status(tmp_path, "s", "eval/dis5k_sample_list.txt", rows, "evaluation_data") == "present"


def test_a_committed_test_or_validation_split_is_evaluation_data(tmp_path):
    rows = "".join(f'{{"text": "sentence number {i} about a protein", "label": {i % 2}}}\n' for i in range(80))
    files = {**BASE, "README.md": "# M\n", "data/BC5CDR/raw/test.json": rows, "data/BC5CDR/raw/train.json": rows}
    root = build(tmp_path / "a", files)
    assert status(root, "evaluation_data") == "present" and status(root, "datasets") == "present"
    only_train = {k: v for k, v in files.items() if not k.endswith("test.json")}
    assert status(build(tmp_path / "b", only_train), "evaluation_data") == "absent"
    contest = {**only_train, "data/BC5CDR/raw/contest_entries.json": rows}  # "test" inside a word
    assert status(build(tmp_path / "c", contest), "evaluation_data") == "absent"


def test_a_held_out_split_in_a_qualified_data_folder_is_evaluation_data(tmp_path):
    """preprocessed_data/LJSpeech/val.txt beside train.txt (the FastSpeech 2 layout): the utterances the
    model is validated on, item by item. meta_data/ and toy_data/ are not data folders of that kind."""
    rows = "".join(f"LJ001-{i:04d}|{{HH AH0 L OW1}}|printing, in the only sense with which we are at present "
                   f"concerned {i}\n" for i in range(80))
    files = {**BASE, "README.md": "# M\n", "preprocessed_data/LJSpeech/val.txt": rows,
             "preprocessed_data/LJSpeech/train.txt": rows}
    assert status(build(tmp_path / "a", files), "evaluation_data") == "present"
    for folder in ("meta_data", "toy_data"):
        moved = {k.replace("preprocessed_data", folder): v for k, v in files.items()}
        assert status(build(tmp_path / folder, moved), "evaluation_data") == "absent", folder


def test_a_held_out_split_beside_its_training_twin_is_evaluation_data_in_any_folder(tmp_path):
    """moldata/finetune/np_test.csv beside np_train.csv: the two halves of one dataset, whatever the
    folder is called. Alone, or as a .txt pair (two path lists, a data mix's weights), it is not."""
    rows = "".join(f"CC(C)C{i}O,{i % 7}.{i}\n" for i in range(300))
    files = {**BASE, "README.md": "# M\n", "moldata/finetune/np_test.csv": rows,
             "moldata/finetune/np_train.csv": rows}
    assert status(build(tmp_path / "a", files), "evaluation_data") == "present"
    alone = {k: v for k, v in files.items() if not k.endswith("np_train.csv")}
    assert status(build(tmp_path / "b", alone), "evaluation_data") == "absent"
    lists = {k.replace(".csv", ".txt"): v for k, v in files.items()}
    assert status(build(tmp_path / "c", lists), "evaluation_data") == "absent"


# ---- sample outputs shown in documents and notebooks ----------------------------------------------
NOTEBOOK = ('{"cells": [{"cell_type": "code", "source": ["import torch\\n", "probs = model.generate(x)"], '
            '"outputs": [{"output_type": "execute_result", "data": {"text/plain": ["[0.92, 0.08]"]}}, '
            '{"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo="}}]}], "metadata": {}, '
            '"nbformat": 4, "nbformat_minor": 5}\n')


def test_a_notebook_that_imports_the_repositorys_own_package_runs_its_model(tmp_path):
    """A tutorial that drives the release through its own package (`from gears import GEARS`), with no
    framework import of its own, kept what the model predicted; importing a package the repository does
    not hold (pandas, a third-party client) is not the release's model."""
    def notebook(module):
        return NOTEBOOK.replace("import torch", f"from {module} import Model").replace("model.generate", "m.predict")
    own = {**BASE, "README.md": "# M\n", "gears/__init__.py": "from .model import Model\n",
           "gears/model.py": TORCH_MODEL, "demo/tutorial.ipynb": notebook("gears")}
    assert status(build(tmp_path / "a", own), "sample_outputs") == "partial"
    other = {**own, "demo/tutorial.ipynb": notebook("somelib")}
    assert status(build(tmp_path / "b", other), "sample_outputs") == "absent"


def test_a_section_of_example_outputs_and_a_notebook_that_kept_its_outputs_are_samples(tmp_path):
    section = ("# M\n\n## Example outputs\n\n**Instruction**: Tell me about alpacas.\n\n**M**: Alpacas are small "
               "domesticated camelids from South America, raised for their soft fleece.\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": section}), "sample_outputs") == "partial"
    faq = ("# M\n\n## My generated audio sounds like a 1980s phone call.\n\nThat's because the prompt was "
           "recorded on a phone: use a cleaner prompt, and the output will follow it closely enough.\n")
    assert status(build(tmp_path / "b", {**BASE, "README.md": faq}), "sample_outputs") == "absent"
    nb = build(tmp_path / "c", {**BASE, "README.md": "# M\n", "notebooks/Interacting_with_M.ipynb": NOTEBOOK})
    assert status(nb, "sample_outputs") == "partial"
    elsewhere = ("# M\n\n## Samples\n\nSamples including baselines are provided on [our sample page]"
                 "(https://m.example.org/papers/m/samples.html). You can also watch a short demo of what the model "
                 "achieves for music by clicking the thumbnail below.\n\n## Install\n")
    assert status(build(tmp_path / "e", {**BASE, "README.md": elsewhere}), "sample_outputs") == "link_only"
    empty = ('{"cells": [{"cell_type": "code", "source": ["import torch\\n", "probs = model.generate(x)"], '
             '"outputs": []}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n')  # never run, nothing kept
    nb2 = build(tmp_path / "d", {**BASE, "README.md": "# M\n", "notebooks/Interacting_with_M.ipynb": empty})
    assert status(nb2, "sample_outputs") == "absent"


def test_an_input_a_demo_runs_on_is_not_a_sample_output(tmp_path):
    """An audio clip in an example folder that the folder's README runs its demo on, or says comes
    from a public dataset, is what the model reads; a clip the model produced still counts."""
    wav = b"RIFF" + b"\0" * 4000
    readme = ("# C++ example\n\nRun:\n\n`./demo clip.wav 16000 0.5`\n\n"
              "The sample file talk.wav is part of the Voxconverse dataset.\n")
    files = {**BASE, "README.md": "# M\n", "examples/cpp/README.md": readme, "examples/cpp/clip.wav": wav,
             "examples/cpp/talk.wav": wav}
    assert status(build(tmp_path / "a", files), "sample_outputs") == "absent"
    made = {**files, "examples/cpp/generated_speech.wav": wav}
    assert status(build(tmp_path / "b", made), "sample_outputs") == "present"


def test_logos_guides_reference_inputs_and_doc_pages_are_not_sample_outputs(tmp_path):
    """Images used as the face of a link to another site (sponsors, "try it on" buttons), how-to
    screenshots, audio the demo's code reads as its reference voice, and a docs page named for its
    topic (docs/prediction.md) are not outputs; three plain gallery images still are."""
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 2000
    usage = ('# Usage\n\n<a href="https://app.example.com/bot/1"><img src="../resources/partner-hd.png" height="28"></a>\n'
             '[![Space](../resources/space.png)](https://huggingface.co/spaces/org/m)\n'
             '<p><a href="https://cloud.example.org/m"><img src="../resources/cloud.png"></a></p>\n')
    app = "import gradio as gr\nexamples = [['Hello', 'resources/demo_speaker0.mp3']]\n"
    files = {**BASE, "README.md": "# M\n", "docs/USAGE.md": usage, "docs/prediction.md": "# Prediction\n\nRun it.\n",
             "resources/partner-hd.png": png, "resources/space.png": png, "resources/cloud.png": png,
             "resources/tts-guide.png": png,
             "resources/demo_speaker0.mp3": b"ID3" + b"\0" * 3000, "app.py": app}
    assert status(build(tmp_path / "a", files), "sample_outputs") == "absent"
    gallery = {**files, "assets/cat.png": png, "assets/dog.png": png, "assets/bird.png": png}
    assert status(build(tmp_path / "b", gallery), "sample_outputs") == "present"


def test_an_analysis_notebook_with_outputs_is_not_a_sample_of_the_model(tmp_path):
    """A notebook's outputs are samples when a cell that asks the model for an output kept what it
    showed, in a notebook that imports a framework: a data notebook's `df.sample()` or a case study
    of scores is analysis."""
    analysis = NOTEBOOK.replace("import torch\\n", "import pandas as pd\\n").replace(
        "probs = model.generate(x)", "rows = df.sample(5)")
    nb = build(tmp_path / "a", {**BASE, "README.md": "# M\n", "case-studies/eda.ipynb": analysis})
    assert status(nb, "sample_outputs") == "absent"
    scores = NOTEBOOK.replace("probs = model.generate(x)", "bias = compare(scores_a, scores_b)")
    assert file_status(tmp_path, "b", "case-studies/bias.ipynb", scores, "sample_outputs") == "absent"
    printed = NOTEBOOK.replace("probs = model.generate(x)", "print(pipe(prompt))").replace(
        '"execute_result"', '"stream"')
    assert file_status(tmp_path, "c", "demo.ipynb", printed, "sample_outputs") == "partial"
    tuned = printed.replace("print(pipe(prompt))", "model.finetune(mixture, steps=100)\\n", 1).replace(
        '"source": ["import torch', '"source": ["print(pipe(prompt))\\n", "import torch')
    assert file_status(tmp_path, "d", "trivia.ipynb", tuned, "sample_outputs") == "absent"  # a fine-tuning tutorial shows the reader's model, not this one


def test_a_block_of_scores_introduced_as_output_is_results_not_a_sample(tmp_path):
    scores = "\n".join(f"Average accuracy 0.{200 + i} - subject{i}" for i in range(8))
    readme = f"# M\n\n## Run the benchmark\n\nOutput format:\n\n```\n{scores}\n```\n"
    assert readme_status(tmp_path, "a", readme, "sample_outputs") == "absent"
    timing = "Time Elapsed: 500.91 s\nMax GPU memory usage:  2.09 GiB.\nThroughput:  47.30 words / s\nLatency: 5009.10 ms / batch"
    bench = f"# M\n\n## Run the efficiency benchmark\n\nOutput format:\n\n```\n{timing}\n```\n"
    assert readme_status(tmp_path, "c", bench, "sample_outputs") == "absent"
    tree = "out_dir/\n├── predictions/\n│   ├── [input]_model_0.cif    # the predicted structure\n└── processed/\n"
    layout = f"# M\n\n## Output\n\nAfter running the model, the generated outputs are organised like this:\n\n```\n{tree}```\n"
    assert readme_status(tmp_path, "d", layout, "sample_outputs") == "absent"
    story = ("Once upon a time a small robot learned to paint the sky. It painted every morning, and the birds "
             "came to watch the colours change over the hills.")
    generated = f"# M\n\n## Try it\n\nThe model generated the following:\n\n```\n{story}\n```\n"
    assert readme_status(tmp_path, "b", generated, "sample_outputs") == "partial"
    # the sentence says an evaluation printed it, whatever the lines look like (placeholders, a table print)
    for i, lead in enumerate(("After evaluation, the script should report some output like this:",
                              "*The output exactly matches Table 3 from the paper:*",
                              "The benchmark script outputs something like this:")):
        printed = f"# M\n\n## Evaluate\n\n{lead}\n\n```\n{story}\n```\n"
        assert readme_status(tmp_path, f"e{i}", printed, "sample_outputs") == "absent", lead


def test_a_block_introduced_as_the_models_input_or_in_a_process_page_is_not_a_sample(tmp_path):
    """What the model is given (the lead's subject is a prompt, an input, a template) is not what it
    produced, and a page about the project's own process shows a tool's output, never the model's."""
    story = ("Once upon a time a small robot learned to paint the sky. It painted every morning, and the birds "
             "came to watch the colours change over the hills.")
    for i, lead in enumerate(("Then the whole prompt for generating the second response is:",
                              "The input template that produces the chat format looks like this:")):
        readme = f"# M\n\n## Prompt format\n\n{lead}\n\n```\n{story}\n```\n"
        assert readme_status(tmp_path, f"a{i}", readme, "sample_outputs") == "absent", lead
    # the same block when the sentence names what the model produced first is a sample
    for i, lead in enumerate(("The response the model generates for this prompt is:",
                              "Given this input, the model generates:")):
        readme = f"# M\n\n## Try it\n\n{lead}\n\n```\n{story}\n```\n"
        assert readme_status(tmp_path, f"b{i}", readme, "sample_outputs") == "partial", lead
    remotes = "\n".join(f"origin https://github.com/USERNAME/project.git ({w})" for w in ("fetch", "push"))
    page = f"# Contributing\n\nYou can see this by running `git remote -v`, which will output something like this:\n\n```\n{remotes}\n{remotes}\n```\n"
    root = build(tmp_path / "c", {**BASE, "README.md": "# M\n", "CONTRIBUTING.md": page})
    assert status(root, "sample_outputs") == "absent"
    root = build(tmp_path / "d", {**BASE, "README.md": "# M\n", "docs/usage.md": page.replace("# Contributing", "# Usage")})
    assert status(root, "sample_outputs") == "partial"  # the same block in a usage page is taken as shown


def test_code_that_scores_the_models_predictions_is_evaluation_code(tmp_path):
    nb_eval = ('{"cells": [{"cell_type": "code", "source": ["import torch\\n", "def accuracy(output, target, topk=(1,)):\\n",'
               ' "    pred = output.topk(max(topk), 1)[1].t()\\n", "    return [float(pred.eq(target).sum())]\\n",'
               ' "top1 = accuracy(model(images), labels)\\n"], "outputs": []}], "metadata": {}, "nbformat": 4, '
               '"nbformat_minor": 5}\n')
    root = build(tmp_path / "a", {**BASE, "README.md": "# M\n", "notebooks/Prompt_Engineering.ipynb": nb_eval})
    assert status(root, "evaluation_code") == "partial"
    # a training loop that reports its accuracy is training code, not evaluation code
    loop = TRAIN_LOOP + "\ndef accuracy(out, y):\n    return (out.argmax(1) == y).float().mean()\n"
    assert file_status(tmp_path, "c", "fit.py", loop, "evaluation_code") == "absent"
    helper = "import torch\n\ndef normalize(x):\n    return x / x.norm()\n"
    assert file_status(tmp_path, "b", "utils.py", helper, "evaluation_code") == "absent"


def test_weights_pointed_to_by_a_hub_collection_an_html_link_or_a_doubled_scheme(tmp_path):
    """Hub collections, <a href> links with their text, `git clone https://https://huggingface.co/...`."""
    html = ('# M\n\n<p align="center">\n  :hugs: <a href="https://huggingface.co/collections/org/m-4-models-6811a">'
            'HuggingFace Collection</a>&nbsp; |\n</p>\n')
    assert readme_status(tmp_path, "a", html, "final_parameters") == "link_only"
    clone = "# M\n\n## Download\n\n```shell\ngit clone https://https://huggingface.co/org/m-small\n```\n"
    assert readme_status(tmp_path, "b", clone, "final_parameters") == "link_only"


def test_the_text_of_an_html_link_is_its_label():
    from mof_lint.detectors.markdown import parse
    doc = parse("README.md", '<a href="https://arxiv.org/abs/2401.00001">📄 Paper</a> and <a href="x.md">x</a>\n')
    assert [(link.url, link.text) for link in doc.links] == [("https://arxiv.org/abs/2401.00001", "📄 Paper"),
                                                             ("x.md", "x")]


def test_own_paper_as_a_title_line_or_an_html_link_in_a_block_of_badges(tmp_path):
    title = ("# M+\n\nOfficial release.\n\n*Title*: [M+: Open Code Models for Understanding and Generation]"
             "(https://arxiv.org/pdf/2305.07922.pdf)\n\n## Install\n")
    assert paper_status(tmp_path, "a", title) == "link_only"
    badges = ('# M\n\n<p align="center">\n  :books: <a href="https://arxiv.org/abs/2405.04324">Paper</a>&nbsp; | '
              '<a href="https://example.org/blog">Blog</a>\n</p>\n\n## Introduction\n\nM is a family of models.\n')
    assert paper_status(tmp_path, "b", badges) == "link_only"


# ---- caps never drop the strongest evidence; architecture that lives on the Hub ------------------
def test_a_hundred_empty_weight_files_do_not_push_the_hub_links_out(tmp_path):
    files = {**BASE, **{f"models/12B/pytorch_model_{i:05d}-of-00100.bin": b"" for i in range(100)},
             "README.md": "# M\n\n## Download\n\n| Model | Hugging Face |\n|---|---|\n"
                          "| M-12B | [link](https://huggingface.co/org/m-12b) |\n"}
    assert status(build(tmp_path / "a", files), "final_parameters") == "link_only"


def test_model_code_loaded_with_trust_remote_code_or_linked_as_modeling_file_is_a_pointer(tmp_path):
    files = {"LICENSE": APACHE_HEAD}
    remote = ("# M\n\n```python\ncheckpoint = \"org/m-16b\"\nmodel = AutoModel.from_pretrained(checkpoint, "
              "trust_remote_code=True)\n```\n")
    assert status(build(tmp_path / "a", {**files, "README.md": remote}), "model_architecture") == "link_only"
    linked = ("# M\n\nThe [model class](https://huggingface.co/org/m-16b/blob/main/modeling_m.py) is defined in "
              "the Hub repository.\n")
    assert status(build(tmp_path / "b", {**files, "README.md": linked}), "model_architecture") == "link_only"
    # a custom *pipeline* loaded with trust_remote_code is not the model's architecture
    pipe = "# M\n\n```python\np = pipeline(model=\"org/m-12b\", trust_remote_code=True)\n```\n"
    assert status(build(tmp_path / "c", {**files, "README.md": pipe}), "model_architecture") == "absent"


def test_training_code_in_a_submodule_or_behind_clone_and_run_is_a_pointer(tmp_path):
    sub = ('[submodule "trainer"]\n\tpath = third_party/llm-trainer\n\turl = https://github.com/org/llm-trainer\n')
    root = build(tmp_path / "a", {**BASE, "README.md": "# M\n", ".gitmodules": sub, "third_party/llm-trainer/.keep": ""})
    assert status(root, "training_code") == "link_only"
    clone = ("# M\n\n## Reproduce\n\n```bash\ngit clone https://github.com/org/recipes\ncd recipes\n"
             "torchrun --nproc_per_node 8 pretrain.py --config m.yaml\n```\n")
    assert readme_status(tmp_path, "b", clone, "training_code") == "link_only"
    usage = "# M\n\n```bash\ngit clone https://github.com/org/m\ncd m\npython demo.py\n```\n"
    assert readme_status(tmp_path, "c", usage, "training_code") == "absent"
    # users fine-tuning the released model with a toolkit: not this model's training code
    users = clone.replace("## Reproduce", "## How to use\n\n### Finetuning")
    assert readme_status(tmp_path, "d", users, "training_code") == "absent"


def test_figures_of_scores_and_notebooks_of_plots_are_not_sample_outputs(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 2000
    files = {**BASE, "README.md": "# M\n", "assets/compression_rate.png": png, "assets/data_distribution.jpg": png,
             "images/evaluation_m16b_chat.jpg": png, "media/MMLU 21 Subjects.png": png,
             "plots.ipynb": NOTEBOOK}
    assert status(build(tmp_path / "a", files), "sample_outputs") == "absent"
    assert status(build(tmp_path / "b", {**files, "assets/chat_example.png": png}), "sample_outputs") == "present"


def test_a_repository_that_introduces_itself_as_a_cookbook_is_examples_throughout(tmp_path):
    readme = ("# Welcome to the M Cookbook\n\nThis is a collection of guides and examples for M models.\n")
    files = {**BASE, "README.md": readme, "Finetune_with_LoRA/train.py": TRAIN_LOOP}
    assert status(build(tmp_path / "a", files), "training_code") == "absent"
    own = {**files, "README.md": "# M\n\nThe training code of the M models.\n"}
    assert status(build(tmp_path / "b", own), "training_code") == "present"
    listed = {**files, "README.md": "# M\n\nThis repository contains examples for fine-tuning M.\n"}
    assert status(build(tmp_path / "c", listed), "training_code") == "absent"


def test_a_release_that_also_ships_examples_or_links_a_cookbook_is_not_a_collection(tmp_path):
    """"contains PyTorch pretrained models, inference examples for the following papers", a linked
    [m-cookbook](...), "audio samples using our model": the repository is the release, and its
    training code is its own."""
    for n, opening in enumerate((
            "This repository contains PyTorch pretrained models, inference examples for the following papers:",
            "This repository contains the model implementation and examples for sampling and fine-tuning.",
            "See also [m-cookbook](https://github.com/o/m-cookbook) for recipes.",
            "Visit our [website](https://o.github.io) for audio samples using our published model.")):
        files = {**BASE, "README.md": f"# M\n\n{opening}\n", "trainer/train.py": TRAIN_LOOP}
        assert status(build(tmp_path / str(n), files), "training_code") == "present", opening


def test_lookups_vocabularies_and_metrics_in_a_data_folder_are_not_training_data(tmp_path):
    rows = '{"a": 1}\n' * 300
    files = {**BASE, "README.md": "# M\n", "data/gene2group.json": rows, "data/metrics.json": rows,
             "data/vocab.json": rows, "data/cell_stats.csv": rows}
    assert status(build(tmp_path / "a", files), "datasets") == "absent"
    assert status(build(tmp_path / "b", {**files, "data/train-00001.jsonl": rows}), "datasets") == "present"


def test_the_evidence_that_set_a_status_heads_the_row(tmp_path):
    """A present evaluation-data file is shown before a surer-looking link to a Hub dataset."""
    files = {**BASE, "README.md": "# M\n", "eval/librispeech_clean.jsonl": '{"q": "a"}\n' * 300,
             "eval/README.md": "Evaluation sets.\n\n[fleurs](https://huggingface.co/datasets/google/fleurs)\n"}
    report = run_check(str(build(tmp_path / "a", files)))
    row = next(r for r in report.results if r.component.key == "evaluation_data")
    assert row.status == "present" and row.evidence[0].status == "present"


# ---- the hosting platform's templates are not documentation of the model ---------------------
def test_issue_and_pull_request_templates_are_not_model_documentation(tmp_path):
    """.github/ISSUE_TEMPLATE/bug_report.md asks a reporter for "## Output" and "## Training data
    used": the template's headings describe the issue form, not the model's outputs or data."""
    template = ("---\nname: Bug report\nabout: Report a bug\n---\n\n## Describe the bug\n\n## Output\n\n"
                "```\n<paste the model output here>\n```\n\n## Training data used\n\nWhich dataset?\n")
    root = build(tmp_path / "r", {**BASE, "README.md": "# M\n", ".github/ISSUE_TEMPLATE/bug_report.md": template,
                                  ".github/pull_request_template.md": "## Evaluation results\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"})
    for key in ("sample_outputs", "data_card", "evaluation_results"):
        assert status(root, key) == "absent", key
    # the same sections in the repository's own documentation count
    own = build(tmp_path / "own", {**BASE, "README.md": "# M\n", "docs/outputs.md": template.split("---\n", 2)[2]
                                   .replace("<paste the model output here>", "Once upon a time, a small robot said hello.")})
    assert status(own, "sample_outputs") != "absent"


# ---- a dataset folder's README that says how much data there is -------------------------------
def test_a_dataset_folders_readme_giving_its_size_is_a_partial_data_card(tmp_path):
    """data/<dataset>/README.md beside the script that prepares the data, saying how much there is
    ("train has ~9B tokens ... 8,013,769 documents"), describes the training data in part; the same
    folder whose README only says how to run the script does not, nor does an evaluation folder's."""
    sized = ("## openwebtext dataset\n\nafter running `prepare.py` we get:\n\n- train has ~9B tokens "
             "(9,035,582,198)\n- val has ~4M tokens\n\nthis came from 8,013,769 documents in total.\n")
    root = build(tmp_path / "r", {**BASE, "README.md": "# M\n", "data/openwebtext/prepare.py": "import numpy\n",
                                  "data/openwebtext/readme.md": sized})
    assert status(root, "data_card") == "partial"
    how_to = build(tmp_path / "h", {**BASE, "README.md": "# M\n", "data/openwebtext/prepare.py": "import numpy\n",
                                    "data/openwebtext/readme.md": "Run `python prepare.py` to download the data (v2.1).\n"})
    assert status(how_to, "data_card") == "absent"
    held_out = build(tmp_path / "e", {**BASE, "README.md": "# M\n", "data/README.md": "# Evaluation data\n\n"
                                      "The benchmarks we evaluate on.\n", "data/mmlu/README.md": "14,042 examples.\n"})
    assert status(held_out, "data_card") == "absent"


# ---- a Hub card that says what it was trained on ---------------------------------------------
def test_a_hub_card_naming_its_training_datasets_in_prose_is_a_partial_data_card(tmp_path):
    """Front matter lists `datasets:` and the card's prose says the model was trained (fine-tuned)
    on them: the card gives its data's sources, a partial data card. The front matter alone, or a
    mention of the dataset that is not about training, is not."""
    front = "---\nlicense: apache-2.0\ndatasets:\n- agender\n- mozilla_common_voice\n---\n\n# Age model\n\n"
    said = front + ("The model was created by fine-tuning [Wav2Vec2](https://huggingface.co/facebook/wav2vec2)\n"
                    "on [aGender](https://example.org/agender) and [Mozilla Common Voice](https://commonvoice.mozilla.org/).\n")
    assert readme_status(tmp_path, "said", said, "data_card") == "partial"
    assert readme_status(tmp_path, "listed", front + "A model for age recognition.\n", "data_card") == "absent"
    other = front + "Try it on a clip from Mozilla Common Voice in the demo.\n\nIt was trained for 3 epochs.\n"
    assert readme_status(tmp_path, "other", other, "data_card") == "absent"


# ---- what a link, a table or a block is: the words around it, not a name -----------------------
def test_a_link_to_a_sites_blog_index_is_not_the_release_write_up(tmp_path):
    """`<a href="https://x.ai/blog/">Blog</a>` is the blog's front page; a post has its own path."""
    index = readme_status(tmp_path, "index", '# M\n\n<a href="https://x.ai/blog/">Blog</a>\n', "technical_report")
    post = readme_status(tmp_path, "post", "# M\n\n[Blog](https://x.ai/blog/model-v1)\n", "technical_report")
    assert (index, post) == ("absent", "link_only")


def test_a_data_mix_is_a_literal_not_a_variable_named_like_one(tmp_path):
    """`train_data_config = make_config(args)` only names a configuration object; a mix written out
    (`data_mix = {"c4": 0.5, ...}`) lists the training data."""
    call = "import torch\n\ntrain_data_config = make_config(args)\n"
    mix = 'import torch\n\ndata_mix = {"c4": 0.5, "wikipedia": 0.3, "books": 0.2}\n'
    assert file_status(tmp_path, "call", "train.py", call, "datasets") == "absent"
    assert file_status(tmp_path, "mix", "train.py", mix, "datasets") == "partial"
    # a run's training configuration names the data among its settings: not a mix
    run = "import torch\n\ntrain_config = {'dataset': cfg.dataset, 'resume_dir': cfg.resume_dir}\n"
    assert file_status(tmp_path, "run", "main.py", run, "datasets") == "absent"
    written = 'import torch\n\ntrain_data_config = [("c4", 0.5), ("books", 0.5)]\n'
    assert file_status(tmp_path, "w", "train.py", written, "datasets") == "partial"


def test_a_canonical_hub_dataset_without_an_organisation_is_a_dataset_link(tmp_path):
    readme = "# M\n\nWe trained it on the [OpenWebText](https://huggingface.co/datasets/openwebtext) corpus.\n"
    assert readme_status(tmp_path, "r", readme, "datasets") == "link_only"


def test_a_passing_mention_of_a_dataset_does_not_hide_a_later_sure_one(tmp_path):
    """The root README names the dataset in passing first; the data README says the model was
    trained on it: the sure mention is kept, however the files are ordered."""
    from mof_lint.check import run_check
    root = build(tmp_path / "r", {**BASE, "README.md": "# M\n\nSee also [dolly-15k](https://huggingface.co/"
                                  "datasets/org/dolly-15k).\n",
                                  "data/README.md": "# Data\n\nThe model was trained on [dolly-15k]"
                                  "(https://huggingface.co/datasets/org/dolly-15k).\n"})
    row = next(r for r in run_check(str(root)).results if r.component.key == "datasets")
    assert row.status == "link_only" and row.evidence[0].path == "data/README.md"
    assert max(e.confidence for e in row.evidence) >= 0.7


def test_a_links_own_sentence_says_it_is_evaluation_or_training_data(tmp_path):
    """A sentence wrapped over two lines says what its link is, under any heading: a validation set
    is evaluation data, files "required to train" the model are its data."""
    validation = ("# M\n\n## Training\n\nTo check a model during training, download an AlphaFold-style validation set\n"
                  "from [CAMEO](https://cameo3d.org/download/).\n")
    root = build(tmp_path / "v", {**BASE, "README.md": validation})
    assert (status(root, "evaluation_data"), status(root, "datasets")) == ("link_only", "absent")
    training = ("# M\n\n## Setup\n\nAll the files required to train M are freely\navailable at "
                "[the registry](https://registry.example.org/m-data/).\n")
    assert readme_status(tmp_path, "t", training, "datasets") == "link_only"
    # the same link with nothing said about training or evaluation: neither
    plain = "# M\n\n## Setup\n\nSee [the registry](https://registry.example.org/m-data/).\n"
    assert readme_status(tmp_path, "p", plain, "datasets") == "absent"


def test_the_paragraph_introducing_a_table_or_block_gives_its_role(tmp_path):
    """Results and samples are often introduced by a sentence, not a heading."""
    # (columns named by no known measure: only the lead-in says what the numbers are)
    table = ("# M\n\nResults of accuracy evaluation with our tools:\n\n| Model | Easy | Hard |\n"
             "|---|---|---|\n| m | 0.884 | 0.708 |\n")
    assert readme_status(tmp_path, "t", table, "evaluation_results") == "present"
    no_lead = "# M\n\nModels we ship:\n\n| Model | Easy | Hard |\n|---|---|---|\n| m | 0.884 | 0.708 |\n"
    assert readme_status(tmp_path, "n", no_lead, "evaluation_results") == "absent"
    scores = ("# M\n\nAverage validation scores of the checkpoints are listed below.\n\n"
              "    finetuning_1.pt: 0.9088\n    finetuning_2.pt: 0.9101\n")
    assert readme_status(tmp_path, "s", scores, "evaluation_results") == "partial"
    sample = ("# M\n\n## Quick start\n\nRun the sampler. It generates samples like this:\n\n```\n"
              "ROMEO: What light through yonder window breaks? It is the east,\nand Juliet is the sun.\n```\n")
    assert readme_status(tmp_path, "g", sample, "sample_outputs") == "partial"
    command = ("# M\n\n## Quick start\n\nIt generates samples like this:\n\n```\n"
               "python sample.py --out_dir=out --num_samples=10 --max_new_tokens=500 --seed=1337\n```\n")
    assert readme_status(tmp_path, "c", command, "sample_outputs") == "absent"
    flags = ("# M\n\nThere are various flags for controlling the samples:\n\n```\n"
             "python3 src/generate_unconditional_samples.py --top_k 40 --temperature 0.7 | tee /tmp/samples\n```\n")
    assert readme_status(tmp_path, "f", flags, "sample_outputs") == "absent"


def test_a_training_set_heading_is_a_data_heading(tmp_path):
    doc = ("# Setting up the training set\n\nThe training set is built from 130,000 protein chains of the PDB, "
           "clustered at 40% identity; alignments were computed with HHblits against UniRef30.\n")
    root = build(tmp_path / "r", {**BASE, "README.md": "# M\n", "docs/training_setup.md": doc})
    assert status(root, "data_card") == "partial"


def test_the_data_pipeline_the_training_code_uses_is_preprocessing_code(tmp_path):
    """Found by what the training code uses, not by file names: its own data module, or a function
    it maps over its dataset. The same modules with no training code using them are not counted."""
    loader = "import json\n\n\ndef get_data(path):\n    return [json.loads(line) for line in open(path)]\n"
    train = "from pkg.data import get_data\n" + TRAIN_LOOP
    used = build(tmp_path / "used", {**BASE, "README.md": "# M\n", "train.py": train,
                                     "src/pkg/data.py": loader, "src/pkg/__init__.py": ""})
    report = run_check(str(used))
    row = next(r for r in report.results if r.component.key == "data_preprocessing_code")
    assert row.status == "partial" and row.evidence[0].path == "src/pkg/data.py"
    unused = build(tmp_path / "unused", {**BASE, "README.md": "# M\n", "src/pkg/data.py": loader})
    assert status(unused, "data_preprocessing_code") == "absent"
    mapped = TRAIN_LOOP + ("\n\ndef generate_and_tokenize_prompt(example):\n    return example\n\n\n"
                           "train_data = dataset.shuffle().map(generate_and_tokenize_prompt)\n")
    assert file_status(tmp_path, "mapped", "finetune.py", mapped, "data_preprocessing_code") == "partial"


def test_a_results_table_written_in_html_is_a_results_table(tmp_path):
    """Cards often write their benchmark tables in HTML; they are read as tables (and linearly:
    `<a<a<a...` costs what its length costs)."""
    html = ("# M\n\n## Benchmarks\n\n<table>\n  <tr>\n   <td><strong>Benchmark</strong></td>\n"
            "   <td><strong>M 8B</strong></td>\n  </tr>\n  <tr>\n   <td>MMLU (5-shot)</td>\n   <td>66.6</td>\n"
            "  </tr>\n  <tr><td>AGIEval</td><td>45.9</td></tr>\n</table>\n")
    assert readme_status(tmp_path, "h", html, "evaluation_results") == "present"
    from mof_lint.detectors.markdown import parse
    doc = parse("README.md", "<table><tr><td>a<td>b<tr><td>1<td>2\n")  # cells closed by the next one
    assert [(t.header, t.rows) for t in doc.tables] == [(["a", "b"], [["1", "2"]])]
    assert parse("README.md", "<table>" + "<a" * 50_000 + "\n").tables == []


DATASET_CLASS = ("import torch\nfrom torch.utils.data import Dataset\n\n\nclass ImageDataset(Dataset):\n"
                 "    def __init__(self, paths):\n        self.paths = paths\n\n    def __len__(self):\n"
                 "        return len(self.paths)\n\n    def __getitem__(self, i):\n"
                 "        return torch.load(self.paths[i])[:, 16:240, 16:240]  # centre crop\n")


def test_a_dataset_class_the_training_script_imports_is_preprocessing_code(tmp_path):
    """A training script (run from its own folder, or importing a package) that loads its examples
    through the repository's own Dataset subclass: that class prepares the training data (partial).
    The same class that no training script uses is not counted."""
    train = "from dataset.images import ImageDataset\n" + TRAIN_LOOP
    used = build(tmp_path / "used", {**BASE, "README.md": "# M\n", "depth/train.py": train,
                                     "depth/dataset/images.py": DATASET_CLASS})
    report = run_check(str(used))
    row = next(r for r in report.results if r.component.key == "data_preprocessing_code")
    assert row.status == "partial" and row.evidence[0].path == "depth/dataset/images.py"
    assert "ImageDataset" in row.evidence[0].detail and len(row.evidence) == 1  # one evidence a module
    # a training script named for training that calls a loop defined elsewhere still uses it
    launcher = ("from pkg.image_data import ImageDataset\nfrom pkg.loop import TrainLoop\n\n\n"
                "if __name__ == '__main__':\n    TrainLoop(ImageDataset([])).run()\n")
    named = build(tmp_path / "named", {**BASE, "README.md": "# M\n", "scripts/image_train.py": launcher,
                                       "pkg/image_data.py": DATASET_CLASS, "pkg/__init__.py": ""})
    assert status(named, "data_preprocessing_code") == "partial"
    # the training script's own dataset class
    inline = DATASET_CLASS + "\n\n" + TRAIN_LOOP
    assert file_status(tmp_path, "inline", "train.py", inline, "data_preprocessing_code") == "partial"
    unused = build(tmp_path / "unused", {**BASE, "README.md": "# M\n", "pkg/image_data.py": DATASET_CLASS})
    assert status(unused, "data_preprocessing_code") == "absent"


def test_a_dataset_class_reached_through_the_trainers_data_factory_is_preprocessing_code(tmp_path):
    """The time-series trainers' layout: the training code imports a factory
    (`from data_provider.data_factory import data_provider`) that picks among the dataset classes of
    a sibling module; the dataset module is the data pipeline, one import away. A factory that
    reaches no dataset class is not."""
    train = "from data_provider.data_factory import data_provider\n" + TRAIN_LOOP
    factory = ("from data_provider.data_loader import ImageDataset\n\n\ndef data_provider(flag):\n"
               "    return ImageDataset([flag])\n")
    tree = build(tmp_path / "via", {**BASE, "README.md": "# M\n", "exp/exp_main.py": train,
                                    "data_provider/data_factory.py": factory,
                                    "data_provider/data_loader.py": DATASET_CLASS})
    row = next(r for r in run_check(str(tree)).results if r.component.key == "data_preprocessing_code")
    assert row.status == "partial" and row.evidence[0].path == "data_provider/data_loader.py"
    assert "through data_provider/data_factory.py" in row.evidence[0].detail
    nothing = build(tmp_path / "none", {**BASE, "README.md": "# M\n", "exp/exp_main.py": train,
                                        "data_provider/data_factory.py": "def data_provider(flag):\n    return [flag]\n"})
    assert status(nothing, "data_preprocessing_code") == "absent"


def test_a_dotted_call_name_matches_however_the_module_was_imported():
    """`SentencePieceTrainer.train` is the call whether written spm.SentencePieceTrainer.train(...)
    (import sentencepiece as spm) or SentencePieceTrainer.train(...) (from sentencepiece import ...)."""
    from mof_lint.detectors.pyfacts import analyse
    for src in ("import sentencepiece as spm\nspm.SentencePieceTrainer.train(input='a.txt')\n",
                "from sentencepiece import SentencePieceTrainer\nSentencePieceTrainer.train(input='a.txt')\n"):
        assert analyse("tok.py", src).calls_any("SentencePieceTrainer.train") == 2
    assert analyse("t.py", "import x\nx.train()\n").calls_any("SentencePieceTrainer.train") is None


def test_results_tables_in_other_fields_measures_are_results(tmp_path):
    """A model zoo table scored in detection's (box AP, PQ), audio's (SI-SDR) or forecasting's
    (CRPS) measures reports evaluation results, as an accuracy table does; a table of names and
    sizes does not."""
    for cols in (("box AP", "PQ"), ("SI-SDR", "PESQ"), ("CRPS", "MASE")):
        table = (f"# M\n\n## Model Zoo\n\n| name | backbone | {cols[0]} | {cols[1]} |\n|---|---|---|---|\n"
                 "| M-S | R50 | 42.0 | 43.4 |\n| M-L | R101 | 43.5 | 45.1 |\n")
        assert readme_status(tmp_path, cols[0].replace(" ", ""), table, "evaluation_results") == "present", cols
    sizes = "# M\n\n## Model Zoo\n\n| name | backbone | size |\n|---|---|---|\n| M-S | R50 | 159Mb |\n"
    assert readme_status(tmp_path, "sizes", sizes, "evaluation_results") == "absent"


def test_torch_hub_entry_points_that_load_the_weights_are_inference_code(tmp_path):
    """hubconf.py is what torch.hub.load runs: entry points that build the model and load the
    released weights are code to run the model. A hubconf.py that loads nothing is not."""
    hub = ("import torch\nfrom model import Net\n\ndependencies = ['torch']\n\n\ndef net_base(pretrained=False):\n"
           "    model = Net()\n    if pretrained:\n        state = torch.hub.load_state_dict_from_url("
           "'https://example.org/net.pth')\n        model.load_state_dict(state)\n    return model\n")
    assert file_status(tmp_path, "hub", "hubconf.py", hub, "inference_code") == "present"
    bare = "dependencies = ['torch']\n"
    assert file_status(tmp_path, "bare", "hubconf.py", bare, "inference_code") == "absent"


def test_a_data_preparation_section_points_to_the_training_and_held_out_data(tmp_path):
    """"Data preparation: download COCO train and val images from <link>": the link points to the
    training data, and to the evaluation split it names. A link that names only the training split
    points to no evaluation data; the how-to section does not describe the data (no data card)."""
    both = ("# M\n\n## Data preparation\n\nDownload and extract COCO 2017 train and val images with annotations "
            "from\n[http://cocodataset.org](http://cocodataset.org/#download).\n")
    root = build(tmp_path / "both", {**BASE, "README.md": both})
    assert status(root, "datasets") == "link_only" and status(root, "evaluation_data") == "link_only"
    assert status(root, "data_card") == "absent"
    train_only = both.replace("train and val images", "training images")
    root = build(tmp_path / "train", {**BASE, "README.md": train_only})
    assert status(root, "datasets") == "link_only" and status(root, "evaluation_data") == "absent"


def test_results_figures_are_known_by_their_place_not_their_file_name(tmp_path):
    """A figure under a results heading (HTML <img> too), or one whose alt text or introducing
    sentence names a measure, shows results, however its file is called; a logo or a speed chart
    there does not. A comparison table of numbers reports results."""
    cases = {
        "html": ("# M\n\n## Evaluation Results\n\nWe outperform others.\n\n<img src=\"./figures/Figure1.jpg\" />\n",
                 "partial"),
        "alt": ("# M\n\n## Models and languages\n\nThe figure below breaks performance down by language.\n\n"
                "![WER breakdown by language](https://github.com/org/m/assets/1/f4619d66)\n", "partial"),
        "logo": ("# M\n\n## Evaluation Results\n\nSoon.\n\n<img src=\"./figures/logo.png\" />\n", "absent"),
        "speed": ("# M\n\n## Performance\n\nThroughput in tokens/s on one GPU:\n\n<img src=\"./figures/f2.png\">\n",
                  "absent"),
        "cmp": ("# M\n\n### Comparison to related works\n\n| Model | Contact prediction | Structure |\n|---|---|---|\n"
                "| Other | 39.3 | 52.1 |\n| M-3B | 54.5 | 71.2 |\n", "present"),
    }
    got = {name: readme_status(tmp_path, name, text, "evaluation_results") for name, (text, _) in cases.items()}
    assert got == {name: want for name, (_, want) in cases.items()}
    # by its file name alone: a latency chart measures the serving stack; accuracy against latency scores the model
    charts = {"docs/images/multi-gpu-latency.png": "absent", "docs/images/throughput_benchmark.png": "absent",
              "assets/accuracy_latency_pareto.png": "present", "assets/eval_results.png": "present"}
    got = {path: file_status(tmp_path, f"f{n}", path, "\x89PNG" + "x" * 64, "evaluation_results")
           for n, path in enumerate(charts)}
    assert got == charts


def test_a_paper_address_is_not_a_figure_in_a_results_section(tmp_path):
    """"Further analysis is in [the paper](https://arxiv.org/abs/2406.09414)": the arXiv number holds
    "6.09" but reports nothing; the same section with a score does."""
    text = ("# M\n\n## Performance and limitations\n\nThe models are robust. Further analysis is in "
            "[the paper](https://arxiv.org/abs/2406.09414) and at https://example.org/v1.23/report.\n")
    assert readme_status(tmp_path, "addr", text, "evaluation_results") == "absent"
    scored = text + "\nOn the test set the word error rate is 4.25 points lower.\n"
    assert readme_status(tmp_path, "scored", scored, "evaluation_results") == "partial"


def test_a_badge_inside_an_html_anchor_labels_the_link(tmp_path):
    """<a href='arxiv...'><img src='https://img.shields.io/badge/Paper-Arxiv-red'></a> at the top of a
    README: the badge's words (or the image's alt text) are the link's label, so the paper is this
    work's own. The same link labelled by nothing is only a cited work."""
    from mof_lint.detectors.markdown import image_label, parse
    assert image_label("<img src='https://img.shields.io/badge/Paper-Arxiv-red'>") == "Paper Arxiv"
    assert image_label('<img alt="Technical report" src="x.svg">') == "Technical report"
    assert image_label("<img src='https://img.shields.io/badge/arXiv-2401.00001-b31b1b'>") == "arXiv 2401.00001"
    assert image_label("<img src='https://img.shields.io/badge/Tech--Report-PDF-blue'>") == "Tech-Report PDF"
    top = ("# M\n\n<a href='https://arxiv.org/abs/2310.09478'><img src='https://img.shields.io/badge/Paper-Arxiv-red'>"
           "</a> <a href='https://m.github.io'><img src='https://img.shields.io/badge/Project-Page-Green'></a>\n\n"
           "## Usage\n\nRun it.\n")
    assert [(lk.url, lk.text) for lk in parse("README.md", top).links if "arxiv" in lk.url] == \
        [("https://arxiv.org/abs/2310.09478", "Paper Arxiv")]
    assert readme_status(tmp_path, "badge", top, "research_paper") == "link_only"
    report = run_check(str(build(tmp_path / "badge2", {**BASE, "README.md": top})))
    row = next(r for r in report.results if r.component.key == "research_paper")
    assert "top of the README" in row.evidence[0].detail
    bare = top.replace("<img src='https://img.shields.io/badge/Paper-Arxiv-red'>", "<img src='x.png'>")
    report = run_check(str(build(tmp_path / "bare", {**BASE, "README.md": bare})))
    row = next(r for r in report.results if r.component.key == "research_paper")
    assert row.evidence and "not this model's paper" in row.evidence[0].detail


def test_pictures_of_predictions_are_samples_but_inputs_quoted_in_code_examples_are_not(tmp_path):
    """A picture of what the model predicted (casp14_predictions.gif) is a sample output; a picture
    the README's code example opens (`load_image('./demo/image2.jpg')`) is the demo's input,
    and "predictable" in a plot's folder name is not a prediction. (A demo/ folder names its pictures
    samples; an examples/ folder alone does not: test_a_picture_named_a_sample_only_by_its_examples_folder.)"""
    png = b"\x89PNG" + b"\0" * 500
    assert file_status(tmp_path, "p", "imgs/casp14_predictions.gif", png, "sample_outputs") == "present"
    assert status(build(tmp_path / "q", {**BASE, "README.md": "# M\n",
                                         "predictable-memorization/graphs/graph_1b.svg": png}),
                  "sample_outputs") == "absent"
    readme = ("# M\n\n## Quick start\n\n```python\npixel_values = load_image('./demo/image2.jpg')\n"
              "response = model.chat(tokenizer, pixel_values, 'Describe the image.')\n```\n")
    assert status(build(tmp_path / "i", {**BASE, "README.md": readme, "demo/image2.jpg": png}),
                  "sample_outputs") == "absent"
    assert file_status(tmp_path, "o", "demo/image2.jpg", png, "sample_outputs") == "present"


def test_a_figure_about_the_data_in_a_datasets_section_is_not_a_score_of_the_model(tmp_path):
    """A model card's Datasets section saying "the label accuracy was approximately 90%" describes the
    data; the same sentence in a Performance section states a score."""
    card = ("# Overview\n\nA model.\n\n# Datasets\n\nThe dataset creators found that the label accuracy was "
            "approximately 90% throughout the dataset.\n\n# Performance\n\nWe report FID.\n")
    root = build(tmp_path / "data", {**BASE, "README.md": "# M\n", "model-card.md": card})
    assert status(root, "evaluation_results") == "absent"
    moved = card.replace("# Performance\n\nWe report FID.", "# Performance\n\nThe top-1 accuracy was 81.2%.")
    root = build(tmp_path / "perf", {**BASE, "README.md": "# M\n", "model-card.md": moved})
    assert status(root, "evaluation_results") == "partial"


def test_a_training_scripts_option_defaults_are_partial_metadata(tmp_path):
    """`parser.add_argument("--epochs", default=1400)`, `--global-batch-size 256`, `--lr 1e-4` in the
    script that trains: the run's hyperparameters as defaults (partial). The same options in a
    sampling script, or options without defaults, are not."""
    args = ("import argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--data-path', required=True)\n"
            "parser.add_argument('--epochs', type=int, default=1400)\n"
            "parser.add_argument('--global-batch-size', type=int, default=256)\n")
    root = build(tmp_path / "t", {**BASE, "README.md": "# M\n", "train.py": args + TRAIN_LOOP})
    report = run_check(str(root))
    row = next(r for r in report.results if r.component.key == "model_metadata")
    assert row.status == "partial" and "epochs" in row.evidence[0].detail
    from mof_lint.detectors.pyfacts import analyse
    assert analyse("train.py", args).arg_defaults == {"epochs", "global_batch_size"}
    assert file_status(tmp_path, "s", "sample.py", args, "model_metadata") == "absent"
    bare = args.replace(", default=1400", "").replace(", default=256", "")
    assert status(build(tmp_path / "b", {**BASE, "README.md": "# M\n", "train.py": bare + TRAIN_LOOP}),
                  "model_metadata") == "absent"


def test_short_option_names_of_a_training_script_are_hyperparameters_too(tmp_path):
    """`--batch 16 --iter 800000` (a GAN trainer's options), `--n_batch 8 --n_iter 3 --lr_warmup 0.002`:
    short names of the same settings. Two of them with defaults in the training script are partial
    metadata; a script whose only defaults are paths is not."""
    args = ("import argparse\nparser = argparse.ArgumentParser()\nparser.add_argument('--path', type=str)\n"
            "parser.add_argument('--iter', type=int, default=800000)\n"
            "parser.add_argument('--batch', type=int, default=16)\n")
    root = build(tmp_path / "t", {**BASE, "README.md": "# M\n", "train_simple.py": args + TRAIN_LOOP})
    assert status(root, "model_metadata") == "partial"
    paths = args.replace("'--iter', type=int, default=800000", "'--ckpt', type=str, default='ckpt/'").replace(
        "'--batch', type=int, default=16", "'--save_dir', type=str, default='out/'")
    root = build(tmp_path / "p", {**BASE, "README.md": "# M\n", "train_simple.py": paths + TRAIN_LOOP})
    assert status(root, "model_metadata") == "absent"


@pytest.mark.parametrize("folder", ["unit_test", "unittest", "integration_tests"])
def test_data_under_any_spelling_of_a_test_folder_is_a_fixture(tmp_path, folder):
    """dataset/unit_test/raw/poses.jsonl (a unit test's inputs) is not the training data; the same file
    in dataset/raw/ is."""
    rows = "".join(f'{{"pose": [{i}, {i + 1}, {i + 2}], "frame": "clip_{i:04d}"}}\n' for i in range(80))
    assert file_status(tmp_path, "a", "dataset/raw/poses.jsonl", rows, "datasets") == "present"
    assert file_status(tmp_path, "b", f"dataset/{folder}/raw/poses.jsonl", rows, "datasets") == "absent"


def test_lists_of_identifiers_and_maps_in_a_data_folder_are_not_training_data(tmp_path):
    """notebooks/x/data/gene_ids.txt, protein_gene_map.json: lookups a notebook uses, not data the
    model was trained on (at most a weak hint); a corpus file beside them is training data."""
    ids = "\n".join(f"ENSG{i:011d}" for i in range(400)) + "\n"
    files = {**BASE, "README.md": "# M\n", "notebooks/bulk/data/bulk_gene_ids.txt": ids,
             "notebooks/sct/data/protein_gene_map.json": "{" + ", ".join(f'"P{i}": "G{i}"' for i in range(300)) + "}"}
    assert status(build(tmp_path / "ids", files), "datasets") == "absent"
    corpus = "\n".join(f'{{"text": "sequence {i} ACGT"}}' for i in range(300)) + "\n"
    assert status(build(tmp_path / "corpus", {**files, "data/pretrain.jsonl": corpus}), "datasets") == "present"


def test_a_weights_file_attached_to_a_github_release_is_a_pointer_to_the_weights(tmp_path):
    """[RealESRGAN_x4plus](https://github.com/org/m/releases/download/v0.1.0/m_x4.pth): a weights file
    by its extension wherever it is hosted; a release's zip of executables is not weights."""
    zoo = "# M\n\n| Model | Scale |\n|---|---|\n| [m_x4](https://github.com/org/m/releases/download/v0.1.0/m_x4.pth) | 4 |\n"
    assert readme_status(tmp_path, "rel", zoo, "final_parameters") == "link_only"
    exe = "# M\n\nGet the [app](https://github.com/org/m/releases/download/v0.2/m-ncnn-vulkan-windows.zip).\n"
    assert readme_status(tmp_path, "exe", exe, "final_parameters") == "absent"


def test_hyperparameters_written_with_their_owners_name_are_a_training_configuration(tmp_path):
    """Gin-style configs name each setting with its owner (`AdamW.lr: 0.0001`, `train.batch_size: 72`):
    a training configuration as much as `lr:` and `batch_size:` are."""
    gin = ("DAC.sample_rate: 44100\nDAC.encoder_dim: 64\n\n# Optimization\nAdamW.betas: [0.8, 0.99]\n"
           "AdamW.lr: 0.0001\nExponentialLR.gamma: 0.999996\n\ntrain.batch_size: 72\nnum_iters: 400000\n")
    assert file_status(tmp_path, "gin", "conf/final/44khz.yml", gin, "model_metadata") == "present"
    plain = "DAC.sample_rate: 44100\nDAC.encoder_dim: 64\n"
    assert file_status(tmp_path, "plain", "conf/final/44khz.yml", plain, "model_metadata") == "absent"


def test_a_picture_of_a_template_is_not_a_sample_output(tmp_path):
    """docs/assets/chattemplate.png shows the format a prompt takes, not what the model answered;
    chat_example.png beside it is a sample."""
    png = b"\x89PNG" + b"\0" * 500
    assert file_status(tmp_path, "t", "docs/assets/chattemplate.png", png, "sample_outputs") == "absent"
    assert file_status(tmp_path, "e", "docs/assets/chat_example.png", png, "sample_outputs") == "present"


def test_notebook_outputs_do_not_use_up_the_python_parsing_budget(tmp_path):
    """Notebooks that kept plots in their outputs (near a MiB of JSON each, a few lines of code) are
    charged for the code parsed, not for their outputs: the training loop in a file parsed after
    them is still read."""
    import json as _json
    plot = {"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo" * 90_000}, "metadata": {}}
    nb = _json.dumps({"cells": [{"cell_type": "code", "source": ["import matplotlib\n"], "outputs": [plot],
                                 "metadata": {}, "execution_count": 1}], "metadata": {}, "nbformat": 4,
                      "nbformat_minor": 5})
    assert 0.9e6 < len(nb) < 1 << 20
    files = {**BASE, "README.md": "# M\n", "zz/deep/loop.py": TRAIN_LOOP,
             **{f"a{i}.ipynb": nb for i in range(3)}}
    report = run_check(str(build(tmp_path / "nb", files)))
    assert not [f for f in report.findings if f.rule == "MOF410" and "Python parsing stopped" in f.message]
    assert next(r for r in report.results if r.component.key == "training_code").status == "present"


def test_a_config_that_builds_a_data_loader_names_no_data(tmp_path):
    """`train_dataset: {_target_: pkg.SemanticDataset, proto_files: [data/protos]}` says which class reads
    a local folder, not which data the model was trained on; the same block with a dataset's name does."""
    loader = ("train_dataset:\n  _target_: pkg.datasets.SemanticDataset\n  proto_files:\n    - data/protos\n"
              "  max_length: 4096\n")
    assert file_status(tmp_path, "l", "configs/finetune.yaml", loader, "datasets") == "absent"
    named = loader.replace("  proto_files:\n    - data/protos\n", "  name: HuggingFaceFW/fineweb-edu\n")
    assert file_status(tmp_path, "n", "configs/finetune.yaml", named, "datasets") == "link_only"


def test_an_evaluation_script_that_builds_a_trainer_to_evaluate_is_not_training_code(tmp_path):
    """`trainer = Trainer(model=m, eval_dataloader=dl); trainer.eval()` in eval_ckpt.py scores a checkpoint;
    the same Trainer asked to .fit() trains."""
    src = ("import torch\nfrom composer.trainer import Trainer\n\n\ndef main(model, dl):\n"
           "    trainer = Trainer(model=model, eval_dataloader=dl)\n    trainer.eval()\n")
    assert file_status(tmp_path, "e", "scripts/eval_ckpt.py", src, "training_code") == "absent"
    fits = src.replace("trainer.eval()", "trainer.fit()")
    assert file_status(tmp_path, "f", "scripts/eval_ckpt.py", fits, "training_code") == "present"


def test_an_inference_module_that_builds_a_trainer_to_restore_weights_is_not_training_code(tmp_path):
    """lm_inference.py builds its framework's Trainer with no training data only to restore the
    checkpoint it decodes with: inference, not training; the same module asked to .train() trains."""
    src = ("import jax\nfrom meliad import training_loop\n\n\nclass LanguageModelInference:\n"
           "    def __init__(self, load_dir):\n        self.trainer = training_loop.Trainer(\n"
           "            get_training_dataset_iterator=lambda: None, load_dir=load_dir, workdir='')\n"
           "        self.state = self.trainer.initialize_model()\n")
    assert file_status(tmp_path, "i", "lm_inference.py", src, "training_code") == "absent"
    trains = src + "        self.trainer.train()\n"
    assert file_status(tmp_path, "t", "lm_inference.py", trains, "training_code") == "present"


def test_training_code_kept_in_another_repository_is_a_pointer(tmp_path):
    """"- **Pretraining** [Checkpoints](hub), [Code](https://github.com/org/trainer/tree/moe)" and
    "1. Clone this [trainer branch](github...)" under a Pretraining heading point to the training code;
    a [Code](github) link beside a demo does not."""
    listed = ("# M\n\n### Artifacts\n\n- **Pretraining** [Checkpoints](https://hf.co/org/m), "
              "[Code](https://github.com/org/trainer/tree/moe) and [Logs](https://wandb.ai/org/m)\n")
    assert readme_status(tmp_path, "listed", listed, "training_code") == "link_only"
    clone = ("# M\n\n### Pretraining\n\n1. Clone this [trainer branch](https://github.com/org/trainer/tree/moe) "
             "and install it.\n2. Run the launch script.\n")
    assert readme_status(tmp_path, "clone", clone, "training_code") == "link_only"
    demo = "# M\n\n### Demo\n\n- **Web demo** [Code](https://github.com/org/m-demo)\n"
    assert readme_status(tmp_path, "demo", demo, "training_code") == "absent"


def test_a_revision_named_in_a_code_comment_loads_an_intermediate_checkpoint(tmp_path):
    """"# Load different ckpts via passing e.g. `revision=step10000-tokens41B`" inside the usage snippet
    tells that the training steps are published; `revision=main` does not."""
    snippet = ("# M\n\n```python\n# Load different ckpts via passing e.g. `revision=step10000-tokens41B`\n"
               "model = AutoModelForCausalLM.from_pretrained(\"org/m\")\n```\n")
    assert readme_status(tmp_path, "c", snippet, "intermediate_parameters") == "link_only"
    main = snippet.replace("revision=step10000-tokens41B", "revision=main")
    assert readme_status(tmp_path, "m", main, "intermediate_parameters") == "absent"
    # a saved step's branch with a separator (LLM360's and MobiLlama's `revision="ckpt_356"`)
    for name in ("ckpt_356", "step-1000", "epoch_3"):
        named = snippet.replace("revision=step10000-tokens41B", f'revision="{name}"')
        assert readme_status(tmp_path, name, named, "intermediate_parameters") == "link_only"


def test_a_citation_section_of_many_works_names_none_of_them_as_this_works_paper(tmp_path):
    """"## Citations" listing the five papers the code builds on: cited works, not this model's paper;
    a citation section with its one paper is the work's own."""
    refs = "".join(f"```bibtex\n@article{{w{i},\n  title={{Work {i}}},\n  journal={{arXiv:2302.0{i}540}},\n}}\n```\n"
                   f"[arXiv](https://arxiv.org/abs/2302.0{i}540)\n\n" for i in range(5))
    many = "# M\n\nA model.\n\n## Citations\n\n" + refs
    assert readme_status(tmp_path, "many", many, "research_paper") == "absent"
    one = "# M\n\nA model.\n\n## Citation\n\nPlease cite [our paper](https://arxiv.org/abs/2302.00540).\n"
    assert readme_status(tmp_path, "one", one, "research_paper") == "link_only"


def test_pictures_an_assets_folder_holds_for_the_demo_script_to_open_are_inputs(tmp_path):
    """Several pictures in an assets folder read as a gallery of the model's outputs, unless the
    repository's code names them as the files it opens (`{"cow": "scripts/images/cow.jpg"}` in a
    multimodal demo): then they are what the demo reads. A picture the code never names still counts."""
    png = b"\x89PNG" + b"\0" * 500
    pictures = {f"scripts/images/{n}.jpg": png for n in ("cow", "lily", "sunflower")}
    demo = ('import sys\n\nIMAGES = {"cow": "scripts/images/cow.jpg", "lily": "scripts/images/lily.jpg",\n'
            '          "sunflower": "scripts/images/sunflower.jpg"}\n\n\ndef main():\n'
            '    for name, path in IMAGES.items():\n        print(model.generate([open_image(path), "Describe."]))\n')
    files = {**BASE, "README.md": "# M\n", **pictures}
    assert status(build(tmp_path / "gallery", files), "sample_outputs") == "present"
    assert status(build(tmp_path / "inputs", {**files, "scripts/run_multimodal.py": demo}), "sample_outputs") == "absent"


def test_the_models_own_input_preprocessor_is_not_data_preparation(tmp_path):
    """A preprocessor module that the network's code imports (gemma3_model.py -> gemma3_preprocessor.py
    -> vision/preprocessor.py) turns the user's inputs into tensors at inference: the model's own code,
    not code that prepared its training data. The same module run as a script over a corpus counts."""
    net = ("import torch\nfrom torch import nn\nfrom . import m_preprocessor\n\n\nclass M(nn.Module):\n"
           "    def forward(self, prompt):\n        return m_preprocessor.prepare_inputs(prompt)\n")
    outer = ("import torch\nfrom .vision import preprocessor\n\n\ndef prepare_inputs(prompt):\n"
             "    return [preprocessor.preprocess_images(x) for x in prompt]\n")
    inner = ("import torch\n\n\ndef preprocess_images(images):\n"
             "    return torch.stack([torch.as_tensor(i) / 255.0 for i in images])\n")
    files = {**BASE, "README.md": "# M\n", "m/model.py": net, "m/m_preprocessor.py": outer,
             "m/vision/preprocessor.py": inner, "m/__init__.py": "", "m/vision/__init__.py": ""}
    assert status(build(tmp_path / "side", files), "data_preprocessing_code") == "absent"
    script = inner + ("\n\nif __name__ == '__main__':\n    import sys\n"
                      "    torch.save(preprocess_images(torch.load(sys.argv[1])), sys.argv[2])\n")
    assert status(build(tmp_path / "script", {**files, "m/vision/preprocessor.py": script}),
                  "data_preprocessing_code") == "present"
    loose = {k: v for k, v in files.items() if k != "m/model.py"}
    assert status(build(tmp_path / "loose", loose), "data_preprocessing_code") == "present"


def test_a_module_that_defines_several_measures_is_partial_evaluation_code(tmp_path):
    """A module of measures (utils/SurfaceDice.py: compute_dice_coefficient, compute_robust_hausdorff),
    even in plain NumPy, is the scoring half of an evaluation; one such function alone, or measures
    inside the training script (logged while training), are not."""
    dice = ("import numpy as np\n\n\ndef compute_dice_coefficient(mask_gt, mask_pred):\n"
            "    return 2 * (mask_gt & mask_pred).sum() / (mask_gt.sum() + mask_pred.sum())\n")
    hausdorff = ("\n\ndef compute_robust_hausdorff(distances, percent):\n"
                 "    return np.percentile(distances, percent)\n")
    files = {**BASE, "README.md": "# M\n"}
    assert status(build(tmp_path / "two", {**files, "utils/SurfaceDice.py": dice + hausdorff}),
                  "evaluation_code") == "partial"
    assert status(build(tmp_path / "one", {**files, "utils/SurfaceDice.py": dice}), "evaluation_code") == "absent"
    trainer = dice + hausdorff + "\n\ndef step(model, opt, loss):\n    loss.backward()\n    opt.step()\n"
    assert status(build(tmp_path / "train", {**files, "train_utils.py": trainer}), "evaluation_code") == "absent"


def test_a_data_section_about_an_example_corpus_is_not_a_data_card(tmp_path):
    """A pre-training recipe's "Data" section that uses a public corpus "as example" ("We use wiki103
    data as example ... run prepare_data.py to tokenize it") walks the reader through the recipe's
    input; it does not describe what the released model was trained on. The same section naming the
    model's own data still counts."""
    body = ("We use [wiki103](https://example.org/wikitext-103-v1.zip) data as example, which is publicly "
            "available. It contains three text files; we use train.txt to train the model and valid.txt to "
            "evaluate the intermediate checkpoints.\n")
    files = {**BASE, "README.md": "# M\n", "experiments/language_model/README.md": f"# Pre-train M\n\n## Data\n\n{body}"}
    assert status(build(tmp_path / "example", files), "data_card") == "absent"
    own = body.replace("data as example, which is publicly available", "and 160 GB of web text, deduplicated")
    files["experiments/language_model/README.md"] = f"# Pre-train M\n\n## Data\n\n{own}"
    assert status(build(tmp_path / "own", files), "data_card") == "partial"


def test_the_data_config_the_documented_training_command_passes_is_the_data_manifest(tmp_path):
    """`python train.py --data coco.yaml` in the README, with data/coco.yaml listing the splits and
    where to download them, names the data the released model was trained on (one of many dataset
    configs the folder may hold for users); the same config that no training command passes, or a
    command in a users' examples folder, does not."""
    config = ("# COCO 2017 dataset\npath: ../datasets/coco\ntrain: train2017.txt  # 118287 images\n"
              "val: val2017.txt  # 5000 images\nnames:\n  0: person\n  1: bicycle\n"
              "download: |\n  urls = ['http://images.cocodataset.org/zips/train2017.zip']\n")
    command = "# M\n\n## Training\n\n```bash\npython train.py --data coco.yaml --epochs 300 --cfg m.yaml\n```\n"
    files = {**BASE, "data/coco.yaml": config, "data/VOC.yaml": config.replace("COCO 2017", "VOC")}
    assert status(build(tmp_path / "cmd", {**files, "README.md": command}), "datasets") == "partial"
    assert status(build(tmp_path / "none", {**files, "README.md": "# M\n"}), "datasets") == "absent"
    assert status(build(tmp_path / "ex", {**files, "README.md": "# M\n", "examples/README.md": command}),
                  "datasets") == "absent"


def test_json_files_an_evaluation_wrote_are_results_but_its_settings_are_not(tmp_path):
    """exp/<dataset>/<method>/eval_catboost.json holding measures with values (`"r2-mean": 0.83`,
    `"rmse-mean": 0.47`) are the evaluation's scores as the experiment left them; an eval_config.json
    of settings (batch size, seed) is not."""
    scores = json.dumps({"synthetic": {"test": {"r2-mean": 0.8362, "r2-std": 0.0015, "rmse-mean": 0.4621}},
                         "real": {"test": {"r2-mean": 0.8535, "rmse-mean": 0.437}}}, indent=4)
    settings = json.dumps({"batch_size": 256, "seed": 0, "lr": 0.001, "n_estimators": 2000}, indent=4)
    files = {**BASE, "README.md": "# M\n"}
    assert status(build(tmp_path / "a", {**files, "exp/abalone/m/eval_catboost.json": scores}),
                  "evaluation_results") == "present"
    assert status(build(tmp_path / "b", {**files, "exp/abalone/m/eval_config.json": settings}),
                  "evaluation_results") == "absent"


def test_a_download_command_in_a_data_section_points_to_the_data(tmp_path):
    """`wget "https://host/data.tar" -O data.tar` in a code block under "Datasets" gives the data as
    a pointer, as a link in the prose would; the same command for a checkpoint under "Setup" does not."""
    readme = ("# M\n\n### Datasets\n\nWe upload the datasets used in the paper with our splits.\n\n```bash\n"
              "wget \"https://www.dropbox.com/s/abc/data.tar?dl=0\" -O data.tar\ntar -xvf data.tar\n```\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": readme}), "datasets") == "link_only"
    setup = readme.replace("### Datasets", "### Setup").replace("data.tar", "ckpt.tar")
    assert status(build(tmp_path / "b", {**BASE, "README.md": setup}), "datasets") == "absent"


def test_a_readme_section_that_gives_a_fine_tuning_example_makes_its_folder_a_recipe(tmp_path):
    """The README's "Fine-tuning" section that gives the reader an example ("Below we give an example
    of fine-tuning M-7B on one machine", "下面我们给一个微调的例子") and sends them to `cd M/fine-tune`:
    that folder's trainer and the section's sample data and hyperparameters are the reader's recipe,
    not how M was trained. A section that says how M itself was trained still counts."""
    for n, lead in enumerate(("Below we give an example of fine-tuning M-7B-Base on one machine.",
                              "下面我们给一个微调 M-7B-Base 的单机训练例子。")):
        readme = (f"# M\n\nA model.\n\n# Fine-tuning\n\n{lead}\n\n```shell\ncd M/fine-tune\n"
                  "deepspeed fine-tune.py --learning_rate 2e-5 --per_device_train_batch_size 16 "
                  "--gradient_accumulation_steps 1 --num_train_epochs 1\n```\n\nTraining data: sampled from "
                  "[multiturn_chat](https://huggingface.co/datasets/org/multiturn_chat).\n")
        files = {**BASE, "README.md": readme, "fine-tune/fine-tune.py": TRAIN_LOOP}
        root = build(tmp_path / f"recipe{n}", files)
        assert status(root, "training_code") == "absent"
        assert status(root, "datasets") == "absent"
        assert status(root, "model_metadata") == "absent"
    own = readme.replace("# Fine-tuning", "# Training").replace(lead, "M-7B-Chat was trained from M-7B-Base as follows.")
    root = build(tmp_path / "own", {**files, "README.md": own})
    assert status(root, "training_code") == "present"
    assert status(root, "datasets") == "link_only"


def test_a_benchmark_linked_in_a_sub_section_of_the_results_is_evaluation_data(tmp_path):
    """[BBH](hf dataset) under "Benchmark results" > "General domain" is a benchmark the model was
    scored on: evaluation data, not training data; a dataset linked under "Training" > "Data" is."""
    readme = ("# M\n\n# Benchmark results\n\n## General domain\n\n- [BBH](https://huggingface.co/datasets/org/bbh) "
              "is a challenging subset of Big-Bench.\n\n| Model | BBH |\n|---|---|\n| M | 41.2 |\n")
    root = build(tmp_path / "eval", {**BASE, "README.md": readme})
    assert status(root, "datasets") == "absent"
    assert status(root, "evaluation_data") == "link_only"
    trained = readme.replace("# Benchmark results\n\n## General domain", "# Training\n\n## Data")
    assert status(build(tmp_path / "train", {**BASE, "README.md": trained}), "datasets") == "link_only"
    # a parent heading's context is weaker than the section's own: a code repository under
    # "Evaluation Data" > "Caveats" is research the card mentions, not a test set
    caveat = ("# M card\n\n## Evaluation Data\n\n### Caveats\n\nWe conducted [detection research]"
              "(https://github.com/org/m-output-dataset/tree/master/detector) with simple classifiers.\n")
    assert status(build(tmp_path / "caveat", {**BASE, "README.md": caveat}), "evaluation_data") == "absent"


def test_a_script_whose_own_function_runs_an_evaluation_is_evaluation_code(tmp_path):
    """scripts/image_nll.py loads the weights and calls its own run_bpd_evaluation(): evaluation code
    whatever the file is called; a sampling script with no such function is not."""
    script = ("import argparse\n\nimport torch\n\n\ndef main():\n    model = torch.load(argparse.ArgumentParser()"
              ".parse_args().model_path)\n    {call}(model)\n\n\ndef {call}(model):\n"
              "    return [model(torch.zeros(1, 3, 64, 64)).mean().item() for _ in range(10)]\n\n\n"
              "if __name__ == '__main__':\n    main()\n")
    files = {**BASE, "README.md": "# M\n"}
    root = build(tmp_path / "nll", {**files, "scripts/image_nll.py": script.format(call="run_bpd_evaluation")})
    assert status(root, "evaluation_code") == "partial"
    root = build(tmp_path / "sample", {**files, "scripts/image_nll.py": script.format(call="sample_images")})
    assert status(root, "evaluation_code") == "absent"
    # a demo's answer function called plain `evaluate` (generate.py) says nothing of scoring
    root = build(tmp_path / "demo", {**files, "generate.py": script.format(call="evaluate")})
    assert status(root, "evaluation_code") == "absent"


def test_links_in_the_data_folders_readme_point_to_the_data(tmp_path):
    """datasets/README.md ("# Downloading datasets", then one section per dataset, each linking
    where to download it for the training script) points to the training data under any section
    title; the same page kept as docs/README.md does not say it is about data."""
    page = ("# Downloading datasets\n\nInstructions for downloading the datasets used by this codebase.\n\n"
            "## ImageNet-64\n\nTo download ImageNet-64, go to [this page on image-net.org]"
            "(http://www.image-net.org/small/download.php) and pass the folder to the training script.\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": "# M\n", "datasets/README.md": page}),
                  "datasets") == "link_only"
    assert status(build(tmp_path / "b", {**BASE, "README.md": "# M\n", "docs/README.md": page}),
                  "datasets") == "absent"
    # a data folder that publishes what the model labelled never ties its datasets to training
    labelled = page.replace("pass the folder to the training script", "read the labels with pandas")
    assert status(build(tmp_path / "c", {**BASE, "README.md": "# M\n", "datasets/README.md": labelled}),
                  "datasets") == "absent"


def test_a_spreadsheet_that_lists_the_training_mixture_points_to_the_data(tmp_path):
    """"(the full mixture of training data is described in [more detail here](docs.google.com/
    spreadsheets/...))" points to the data manifest; a spreadsheet of scores does not."""
    readme = ("# M\n\n## M 1B\n\nM 1B is a 1B parameter model trained on a 1.6T token dataset which consists of "
              "a mix of RedPajama and Pile (the full mixture of training data is described in [more detail here]"
              "(https://docs.google.com/spreadsheets/d/1YW/edit?usp=sharing)).\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": readme}), "datasets") == "link_only"
    scores = "# M\n\n## Results\n\nAll our scores are in [this sheet](https://docs.google.com/spreadsheets/d/1YW/edit).\n"
    assert status(build(tmp_path / "b", {**BASE, "README.md": scores}), "datasets") == "absent"


@pytest.mark.parametrize("paragraph", [
    "You can use the following code to finetune your model if needed. When the trainset (the dataset needs "
    "to be downloaded, for example: [alpaca_gpt4_zh](https://huggingface.co/datasets/org/alpaca_gpt4_zh)) is set, "
    "the module is fine-tuned.",
    "如果您需要进一步微调模型，可以参考如下代码。当 trainset (数据集需下载到本地，例如：[alpaca_gpt4_zh]"
    "(https://huggingface.co/datasets/org/alpaca_gpt4_zh)) 被设置之后，会自动微调。"])
def test_a_dataset_offered_for_the_readers_own_fine_tuning_is_not_training_data(tmp_path, paragraph):
    """A Hub dataset given as an example in a paragraph that tells the reader how to fine-tune their
    own model is what the reader might use; the same dataset named as what M was trained on counts."""
    readme = f"# M\n\n## Training\n\n{paragraph}\n"
    assert status(build(tmp_path / "users", {**BASE, "README.md": readme}), "datasets") == "absent"
    own = ("# M\n\n## Training\n\nM was trained on [alpaca_gpt4_zh]"
           "(https://huggingface.co/datasets/org/alpaca_gpt4_zh).\n")
    assert status(build(tmp_path / "own", {**BASE, "README.md": own}), "datasets") == "link_only"


def test_a_file_host_link_whose_text_names_the_published_model_is_the_weights(tmp_path):
    """"Download our [published model]" (a reference-style link to a Google Drive file) gives the
    weights; the mel-spectrograms linked beside it under a plain heading do not."""
    readme = ("# M\n\n## Use\n\n1. Download our [published model]\n2. Download [mel-spectrograms]\n\n"
              "[published model]: https://drive.google.com/open?id=1rpK8CzAAirq9\n"
              "[mel-spectrograms]: https://drive.google.com/file/d/1g_VXK2lpP9/view\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": readme}), "final_parameters") == "link_only"
    inputs = readme.replace("1. Download our [published model]\n", "")
    assert status(build(tmp_path / "b", {**BASE, "README.md": inputs}), "final_parameters") == "absent"


def test_a_page_the_readme_sends_the_reader_to_for_samples_is_the_sample_outputs(tmp_path):
    """"Visit our [website] for audio samples" points to the samples, whatever the link says; the same
    page offered "for more information" does not."""
    readme = "# M\n\nA vocoder.\n\nVisit our [website] for audio samples.\n\n[website]: https://org.github.io/M\n"
    assert status(build(tmp_path / "a", {**BASE, "README.md": readme}), "sample_outputs") == "link_only"
    info = readme.replace("for audio samples", "for more information")
    assert status(build(tmp_path / "b", {**BASE, "README.md": info}), "sample_outputs") == "absent"


def test_an_architecture_config_with_the_models_own_key_prefix_is_partial_metadata(tmp_path):
    """configs/prior.yaml fixing `xf_layers: 20`, `xf_heads: 32` (a model's own prefix on the usual
    shape keys) is the architecture's configuration; one such key alone is not."""
    config = "model:\n  type: prior\n  hparams:\n    text_ctx: 77\n    xf_width: 2048\n    xf_layers: 20\n    xf_heads: 32\n"
    files = {**BASE, "README.md": "# M\n"}
    assert status(build(tmp_path / "a", {**files, "configs/prior_1B.yaml": config}), "model_metadata") == "partial"
    one = config.replace("    xf_heads: 32\n", "")
    assert status(build(tmp_path / "b", {**files, "configs/prior_1B.yaml": one}), "model_metadata") == "absent"


def test_a_generated_html_table_whose_header_cells_sit_under_tbody_is_read_as_results(tmp_path):
    """MODEL_ZOO.md's generated tables put their <th> cells straight under <tbody>, with no <tr>:
    they are the header row still, and a table of PQ/AP/mIoU per checkpoint is the results."""
    table = ("# Model zoo\n\n## COCO\n\n<table><tbody>\n<!-- TABLE HEADER -->\n<th>Name</th>\n<th>Backbone</th>\n"
             "<th>PQ</th>\n<th>AP</th>\n<th>mIoU</th>\n<th>download</th>\n<!-- TABLE BODY -->\n"
             "<tr><td>M</td>\n<td>R50</td>\n<td>51.9</td>\n<td>41.7</td>\n<td>61.7</td>\n"
             "<td><a href=\"https://dl.example.org/m/model_final.pkl\">model</a></td>\n</tr>\n</tbody></table>\n")
    root = build(tmp_path / "zoo", {**BASE, "README.md": "# M\n", "MODEL_ZOO.md": table})
    assert status(root, "evaluation_results") == "present"


@pytest.mark.parametrize("name, expected", [("ade20k_instance_imgCatIds.json", "absent"),
                                            ("ade20k_instance_train.json", "present")])
def test_an_identifier_map_named_in_camel_case_is_not_training_data(tmp_path, name, expected):
    """datasets/ade20k_instance_imgCatIds.json maps images to category ids, as gene_ids.txt does:
    not data the model was trained on; a split file in the same folder is."""
    records = json.dumps([{"image_id": i, "category_ids": [i % 7, i % 11]} for i in range(300)])
    root = build(tmp_path, {**BASE, "README.md": "# M\n", f"datasets/{name}": records})
    assert status(root, "datasets") == expected


@pytest.mark.parametrize("path, expected", [("quantization/awq/eval_quantized_model.py", "absent"),
                                            ("eval/eval_model.py", "present")])
def test_evaluation_inside_quantization_tooling_scores_the_users_copy(tmp_path, path, expected):
    """An eval script under quantization/ scores the user's compressed copy of the model (deployment
    tooling); the same script in the repository's eval/ folder evaluates the release."""
    script = ("import torch\nfrom lm_eval import simple_evaluate\n\n\ndef main(model):\n"
              "    return simple_evaluate(model=model, tasks=['wikitext'])\n")
    assert status(build(tmp_path, {**BASE, "README.md": "# M\n", path: script}), "evaluation_code") == expected


@pytest.mark.parametrize("name, expected", [("stats.json", "absent"), ("generated.jsonl", "present")])
def test_a_runs_scores_in_an_output_folder_are_not_sample_outputs(tmp_path, name, expected):
    """output/adult/tuned/0/stats.json is a run's record of scores, not text the model generated; a
    generations file in the same folder is."""
    body = "\n".join(json.dumps({"prompt": f"q{i}", "text": f"an answer {i}", "score": 0.5}) for i in range(50))
    root = build(tmp_path, {**BASE, "README.md": "# M\n", f"output/adult/tuned/0/{name}": body})
    assert status(root, "sample_outputs") == expected


def test_a_download_command_introduced_as_the_weights_is_a_weights_pointer(tmp_path):
    """"3. Download pre-trained weights" above `wget https://host/M_jan24.tgz` gives the weights as a
    pointer, whatever the archive is called; the same command under "Download sequence databases"
    fetches what inference searches, not weights."""
    readme = ("# M\n\n## Installation\n\n3. Download pre-trained weights under network directory\n```\ncd network\n"
              "wget https://files.example.org/m/M_jan24.tgz\ntar xvfz M_jan24.tgz\n```\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": readme}), "final_parameters") == "link_only"
    databases = readme.replace("Download pre-trained weights under network directory", "Download sequence databases")
    assert status(build(tmp_path / "b", {**BASE, "README.md": databases}), "final_parameters") == "absent"


def test_weights_named_only_in_installation_steps_do_not_make_the_readme_a_card(tmp_path):
    """A README whose only words about a model are an installation step ("Download pre-trained
    weights") documents code: not a model card, even though the weights are released; one that says
    what the model is, in its own prose, is a partial card."""
    readme = ("# M\nGitHub repo for M\n\n## Installation\n\n3. Download pre-trained weights under network directory\n"
              "```\nwget https://files.example.org/m/M_jan24.tgz\n```\n\n## Examples\n\n```\npython predict.py -inputs a.fa\n```\n")
    root = build(tmp_path / "code", {**BASE, "README.md": readme})
    assert status(root, "final_parameters") == "link_only"
    assert status(root, "model_card") == "absent"
    described = readme.replace("GitHub repo for M", "M is a model that predicts protein structures from sequences; "
                               "its pre-trained parameters are released below.")
    assert status(build(tmp_path / "card", {**BASE, "README.md": described}), "model_card") == "partial"


ENCODER = ('import torch\nfrom torch import nn\n\n\nclass VoiceEncoder(nn.Module):\n'
           '    def __init__(self, weights="pretrained.pt"):\n        super().__init__()\n'
           '        self.lstm = nn.LSTM(40, 256, 3)\n'
           '        self.load_state_dict(torch.load(weights, map_location="cpu"))\n\n'
           '    def embed_utterance(self, mels):\n        with torch.no_grad():\n'
           '            return self.lstm(mels)[0][-1]\n')


def test_a_model_class_the_package_exports_that_loads_its_weights_and_runs_is_inference_code(tmp_path):
    """The public API is a class: constructing VoiceEncoder reads the parameters and its own
    embed_utterance() runs the model. The package's __init__ exports it; an unexported class of the
    same shape (an internal helper), or an exported one that loads nothing, is not that API."""
    files = {**BASE, "README.md": "# M\n", "voice/encoder.py": ENCODER}
    exported = build(tmp_path / "a", {**files, "voice/__init__.py": "from voice.encoder import VoiceEncoder\n"})
    assert status(exported, "inference_code") == "present"
    relative = build(tmp_path / "b", {**files, "voice/__init__.py": "from .encoder import VoiceEncoder\n"})
    assert status(relative, "inference_code") == "present"
    internal = build(tmp_path / "c", {**files, "voice/__init__.py": "name = 'voice'\n"})
    assert status(internal, "inference_code") == "absent"
    no_weights = ENCODER.replace('self.load_state_dict(torch.load(weights, map_location="cpu"))', "pass")
    untrained = build(tmp_path / "d", {**files, "voice/encoder.py": no_weights,
                                       "voice/__init__.py": "from .encoder import VoiceEncoder\n"})
    assert status(untrained, "inference_code") == "absent"


def test_a_settings_module_whose_shape_keys_carry_the_models_prefix_is_partial_metadata(tmp_path):
    """hparams.py fixes the network's shape as model_hidden_size, model_embedding_size,
    model_num_layers: the architecture's settings, whatever prefix names the part they belong to.
    Settings of the audio front end alone (window lengths, sampling rate) are not the model's shape."""
    shape = "## Model\nmodel_hidden_size = 256\nmodel_embedding_size = 256\nmodel_num_layers = 3\n"
    assert file_status(tmp_path, "a", "voice/hparams.py", shape, "model_metadata") == "partial"
    audio = "mel_window_length = 25\nmel_window_step = 10\nsampling_rate = 16000\nvad_window_length = 30\n"
    assert file_status(tmp_path, "b", "voice/hparams.py", audio, "model_metadata") == "absent"


def test_a_hub_dataset_linked_as_the_data_of_a_training_stage_is_the_data_card_on_the_hub(tmp_path):
    """A release's list of artefacts ("**Pretraining** [Checkpoints](...), [Data](hf.co/datasets/...)")
    names the link as the stage's data: the dataset's Hub page is the data card. A dataset linked as
    something else on such a line ([Demo inputs]) is not, nor is [Data] on a line about inference."""
    line = ("# M\n\n## Artifacts\n\n- **Pretraining** [Checkpoints](https://huggingface.co/org/m), "
            "[Data](https://huggingface.co/datasets/org/mix) and [Logs](https://wandb.ai/org/run)\n")
    assert readme_status(tmp_path, "a", line, "data_card") == "link_only"
    other = line.replace("[Data]", "[Demo inputs]")
    assert readme_status(tmp_path, "b", other, "data_card") == "absent"
    serving = line.replace("**Pretraining**", "**Serving**")
    assert readme_status(tmp_path, "c", serving, "data_card") == "absent"


ENGINE = ('import torch\nfrom timm.utils import accuracy\n\n\ndef train_one_epoch(model, loader, opt):\n'
          '    for x, y in loader:\n        loss = torch.nn.functional.cross_entropy(model(x), y)\n'
          '        opt.zero_grad()\n        loss.backward()\n        opt.step()\n\n\n'
          '@torch.no_grad()\ndef evaluate(loader, model):\n    for x, y in loader:\n'
          '        acc1, acc5 = accuracy(model(x), y, topk=(1, 5))\n    return acc1, acc5\n')


def test_a_trainers_evaluation_loop_that_scores_with_a_measure_is_partial_evaluation_code(tmp_path):
    """engine.py trains, and its own evaluate() scores the model with accuracy(): the loop that
    produced the reported numbers (main.py --eval runs it on a released checkpoint). A demo's
    evaluate() that only generates an answer, with no measure, is not."""
    assert file_status(tmp_path, "a", "engine.py", ENGINE, "evaluation_code") == "partial"
    demo = ('import torch\n\n\ndef evaluate(model, prompt):\n    with torch.no_grad():\n'
            '        return model.generate(prompt)\n')
    assert file_status(tmp_path, "b", "chat.py", demo, "evaluation_code") == "absent"


def test_torch_hub_entry_points_reexported_from_the_repositorys_modules_load_the_model(tmp_path):
    """hubconf.py only re-exports builders (`from models import *`); the builders download the
    released checkpoint when pretrained=True: torch.hub.load runs them, so it is inference code. A
    hubconf whose modules load nothing (architectures only, random weights) is not."""
    builders = (TORCH_MODEL + '\n\ndef deit_tiny(pretrained=False):\n    model = Net()\n    if pretrained:\n'
                '        model.load_state_dict(torch.hub.load_state_dict_from_url("https://dl.example.org/t.pth"))\n'
                '    return model\n')
    hub = 'from models import *\n\ndependencies = ["torch"]\n'
    root = build(tmp_path / "a", {**BASE, "README.md": "# M\n", "models.py": builders, "hubconf.py": hub})
    assert status(root, "inference_code") == "present"
    bare = build(tmp_path / "b", {**BASE, "README.md": "# M\n", "models.py": TORCH_MODEL, "hubconf.py": hub})
    assert status(bare, "inference_code") == "absent"


UPSCALE = ('import glob\nimport cv2\nimport torch\nimport arch\n\nmodel = arch.Net()\n'
           'model.load_state_dict(torch.load("models/x4.pth"), strict=True)\nmodel.eval()\n'
           'for path in glob.glob("LR/*"):\n    with torch.no_grad():\n'
           '        out = model(torch.from_numpy(cv2.imread(path))).numpy()\n'
           '    cv2.imwrite("results/" + path.split("/")[-1], out)\n')


def test_a_script_that_loads_the_weights_runs_the_network_and_saves_its_outputs_is_inference(tmp_path):
    """test.py (no inference word in its name, no main guard) reads the checkpoint, runs the network
    without gradients and writes the upscaled images: running the model. The same script that
    also steps an optimiser is training, and one that saves nothing only checks shapes."""
    assert file_status(tmp_path, "a", "test.py", UPSCALE, "inference_code") == "present"
    trains = UPSCALE.replace("    cv2.imwrite(", "    out.sum().backward()\n    cv2.imwrite(")
    assert file_status(tmp_path, "b", "test.py", trains, "inference_code") == "absent"
    silent = UPSCALE.replace('    cv2.imwrite("results/" + path.split("/")[-1], out)\n', "    print(out.shape)\n")
    assert file_status(tmp_path, "c", "test.py", silent, "inference_code") == "absent"


def test_label_set_maps_and_built_documentation_are_not_training_data(tmp_path):
    """data/map22kto1k.txt maps one label set onto another by their sizes; docs/build/html/_sources/
    holds the documentation's page sources copied by Sphinx. Neither is data the model was trained
    on; a corpus file in the same data folder still is."""
    rows = "\n".join(f"{i} {i % 1000}" for i in range(900)) + "\n"
    page = "Processing data\n===============\n\n" + "Load a dataset with the loader.\n" * 120
    files = {**BASE, "README.md": "# M\n", "data/map22kto1k.txt": rows, "data/in21k_to_1k.txt": rows,
             "docs/build/html/_sources/notes/process_data.rst.txt": page}
    assert status(build(tmp_path / "maps", files), "datasets") == "absent"
    corpus = "\n".join(f'{{"text": "sentence {i} of the corpus"}}' for i in range(300)) + "\n"
    assert status(build(tmp_path / "corpus", {**files, "data/train.jsonl": corpus}), "datasets") == "present"


def test_a_cards_table_of_its_training_datasets_points_to_the_data(tmp_path):
    """| Subset | Tokens | in the card names what the model was trained on: the data is elsewhere, so
    the table is a pointer to it (as a config naming its data is), not data in the repository. A
    table of scores per dataset under the evaluation heading lists no training data."""
    mix = ("# M\n\n## Training data\n\n| Subset | Tokens (B) |\n|---|---|\n| Arxiv | 30.0 |\n| Book | 28.9 |\n"
           "| C4 | 197.7 |\n| StarCoder | 291.9 |\n")
    assert readme_status(tmp_path, "mix", mix, "datasets") == "link_only"
    scores = "# M\n\n## Evaluation\n\n| Dataset | Accuracy |\n|---|---|\n| ARC | 42.0 |\n| PIQA | 77.1 |\n"
    assert readme_status(tmp_path, "scores", scores, "datasets") == "absent"


def _notebook(printed: str) -> str:
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": ["model.fit(train)\n", "model.test(test)\n"],
         "outputs": [{"output_type": "stream", "name": "stdout", "text": [printed]}]}]})


def test_a_notebook_whose_saved_output_reports_held_out_scores_is_partial_results(tmp_path):
    """DEMO/run.ipynb kept what its run printed: "Testing MSE: 0.80 , Concordance Index: 0.56" --
    scores on held-out data, recorded where they were computed. A notebook that printed training
    losses only, or a tutorial for users in examples/, is not the model's results."""
    scored = _notebook("Epoch 1 loss 0.91\nTesting MSE: 0.8047 , Concordance Index: 0.5623\n")
    assert file_status(tmp_path, "a", "DEMO/run.ipynb", scored, "evaluation_results") == "partial"
    losses = _notebook("Epoch 1 loss 0.91\nEpoch 2 loss 0.75\n")
    assert file_status(tmp_path, "b", "DEMO/run.ipynb", losses, "evaluation_results") == "absent"
    assert file_status(tmp_path, "c", "examples/run.ipynb", scored, "evaluation_results") == "absent"


@pytest.mark.parametrize("line, expected", [
    ("The training codes are in [BasicSR](https://github.com/org/basicsr). This repo only tests.", "link_only"),
    ("Our training code is available at [trainer](https://github.com/org/trainer).", "link_only"),
    ("The inference code is in [runtime](https://github.com/org/runtime).", "absent"),
    ("Training code is not released yet; see [our other work](https://github.com/org/other).", "absent"),
])
def test_a_sentence_saying_the_training_code_is_in_a_linked_repository_is_a_pointer(tmp_path, line, expected):
    """The README says where the training code lives and links it: a pointer to training code
    kept in another repository. Not for other code, and not when the sentence says it is not out."""
    assert readme_status(tmp_path, "r", f"# M\n\n{line}\n", "training_code") == expected


def test_a_config_that_names_its_test_split_points_to_the_evaluation_data(tmp_path):
    """`DATASETS: {TRAIN: ("coco_2017_train",), TEST: ("coco_2017_val",)}` names the split the model
    is scored on, kept elsewhere: a pointer to evaluation data, as the training split is one to the
    training data. A `TEST:` section of evaluation settings (EVAL_PERIOD) names no data."""
    named = 'DATASETS:\n  TRAIN: ("coco_2017_train",)\n  TEST: ("coco_2017_val",)\nSOLVER:\n  BASE_LR: 0.0001\n'
    assert file_status(tmp_path, "a", "configs/base.yaml", named, "evaluation_data") == "link_only"
    settings = 'DATASETS:\n  TRAIN: ("coco_2017_train",)\nTEST:\n  EVAL_PERIOD: 5000\nSOLVER:\n  BASE_LR: 0.0001\n'
    assert file_status(tmp_path, "b", "configs/base.yaml", settings, "evaluation_data") == "absent"


def test_a_data_section_that_says_its_download_holds_the_test_splits_points_to_evaluation_data(tmp_path):
    """"We upload the datasets with our train/val/test splits" and then the wget command: the archive
    holds the splits the model is scored on, so it points to evaluation data as well as training
    data. A data section that says nothing of splits points to training data only."""
    section = ("# M\n\n### Datasets\n\nWe upload the datasets used in the paper with our train/val/test splits.\n\n"
               "You could load the datasets with the following commands:\n\n```bash\n"
               "wget \"https://www.dropbox.com/s/abc/data.tar?dl=0\" -O data.tar\ntar -xvf data.tar\n```\n")
    assert readme_status(tmp_path, "a", section, "evaluation_data") == "link_only"
    plain = section.replace(" with our train/val/test splits", "")
    assert readme_status(tmp_path, "b", plain, "evaluation_data") == "absent"
    assert readme_status(tmp_path, "c", plain, "datasets") == "link_only"


def test_media_in_the_folder_the_repositorys_script_writes_its_outputs_to_are_samples(tmp_path):
    """test.py writes `cv2.imwrite('results/{:s}_rlt.png'.format(base), out)`: the picture committed in
    results/ is what the model produced when it ran. The same picture in a folder no script writes
    to says nothing by itself, and a tutorial's output folder is the user's."""
    png = b"\\x89PNG\\r\\n\\x1a\\n" + b"\\x00" * 64
    files = {**BASE, "README.md": "# M\n", "test.py": UPSCALE.replace(
        'cv2.imwrite("results/" + path.split("/")[-1], out)', "cv2.imwrite('results/{:s}_rlt.png'.format(path), out)")}
    assert status(build(tmp_path / "a", {**files, "results/baboon_rlt.png": png}), "sample_outputs") == "present"
    assert status(build(tmp_path / "b", {**files, "pictures/baboon_rlt.png": png}), "sample_outputs") == "absent"
    tutorial = {**BASE, "README.md": "# M\n", "tutorials/run.py": files["test.py"], "tutorials/results/x.png": png}
    assert status(build(tmp_path / "c", tutorial), "sample_outputs") == "absent"


def test_a_paper_announced_in_a_news_section_yields_to_the_one_the_readme_cites_as_this_work(tmp_path):
    """"## Latest updates -- M2 ... M2 paper: arXiv" announces a newer release; the Citing section's
    BibTeX names this work's paper, which is the one shown. Without a citation, the news link is kept."""
    news = ("# M\n\n## Latest updates -- M2\n\n* M2 paper: https://arxiv.org/abs/2408.00714\n\n"
            "## Model\n\nM segments images.\n\n")
    cite = "## Citing M\n\n```\n@article{m,\n  journal={arXiv:2304.02643},\n  year={2023}\n}\n```\n"
    report = run_check(str(build(tmp_path / "a", {**BASE, "README.md": news + cite})))
    row = next(r for r in report.results if r.component.key == "research_paper")
    assert row.status == "link_only" and "2304.02643" in row.evidence[0].detail
    report = run_check(str(build(tmp_path / "b", {**BASE, "README.md": news})))
    row = next(r for r in report.results if r.component.key == "research_paper")
    assert row.status == "link_only" and "2408.00714" in row.evidence[0].detail


def test_a_weights_file_packed_alone_is_a_pointer_to_the_weights(tmp_path):
    """PyTorch's `model_best.pth.tar` convention: a checkpoint saved (or packed) as `<name>.pth.tar`,
    `<name>.ckpt.zip`, is a weights file wherever it is hosted; a plain archive of a name that says
    nothing is not."""
    zoo = ('# M\n\n<table><tr><td>ViT-L/16</td>\n<td><a href="https://dl.example.org/m/vitl16.pth.tar">checkpoint'
           '</a></td></tr></table>\n')
    assert readme_status(tmp_path, "tar", zoo, "final_parameters") == "link_only"
    ckpt = "# M\n\nGet [the model](https://downloads.example.org/m/epoch_final.ckpt.zip).\n"
    assert readme_status(tmp_path, "zip", ckpt, "final_parameters") == "link_only"
    plain = "# M\n\nGet [the sources](https://downloads.example.org/m/release-1.2.tar.gz).\n"
    assert readme_status(tmp_path, "src", plain, "final_parameters") == "absent"


def test_a_file_host_link_in_a_released_models_table_is_the_weights(tmp_path):
    """"## Released Models" with a table of sizes and `[link](https://storage.googleapis.com/…/m_small.zip)`:
    the released checkpoints, though the link says only "link"; a dataset table on the same host is not."""
    zoo = ("# M\n\n## Released Models\n\n| Model | Layers | Download |\n|---|---|---|\n"
           "| M-Small | 12 | [link](https://storage.googleapis.com/m-data/m_small.zip) |\n")
    assert readme_status(tmp_path, "rel", zoo, "final_parameters") == "link_only"
    data = ("# M\n\n## Datasets\n\n| Dataset | Download |\n|---|---|\n"
            "| corpus | [link](https://storage.googleapis.com/m-data/corpus.zip) |\n")
    assert readme_status(tmp_path, "data", data, "final_parameters") == "absent"


LINEARIZED_PDF = (b"%PDF-1.5\n%\xbf\xf7\xa2\xfe\n248 0 obj\n<< /Linearized 1 /L 1328991 /H [ 3330 613 ] /O 252 "
                  b"/E 134688 /N 22 /T 1327232 >>\nendobj\n249 0 obj\n<< /Type /XRef /Filter /FlateDecode >>\nstream\n"
                  + bytes(range(256)) * 40 + b"\nendstream\n")


def test_a_linearized_pdf_says_its_page_count_at_its_top(tmp_path):
    """A "fast web view" PDF compresses its page tree into object streams (no /Count to read), but
    its linearization dictionary in the first 1024 bytes gives the page count, /N: a 22-page report
    committed as DeepSeek_R1.pdf is the paper; a one-page linearized figure is not."""
    assert status(build(tmp_path / "r", {**BASE, "M_v1.pdf": LINEARIZED_PDF}), "research_paper") == "present"
    figure = LINEARIZED_PDF.replace(b"/N 22", b"/N 1")
    assert status(build(tmp_path / "f", {**BASE, "M_v1.pdf": figure}), "research_paper") == "absent"


def test_a_long_pdf_among_the_data_documents_the_data_not_the_model(tmp_path):
    """data/CORPUS/raw/CORPUS.overview.pdf, 13 pages: the corpus's own documentation, not the
    model's paper; a PDF named as a paper counts wherever it is."""
    doc = {**BASE, "data/corpus/raw/corpus.overview.pdf": LINEARIZED_PDF}
    assert status(build(tmp_path / "d", doc), "research_paper") == "absent"
    named = {**BASE, "data/m_paper.pdf": LINEARIZED_PDF}
    assert status(build(tmp_path / "n", named), "research_paper") == "present"


@pytest.mark.parametrize("name, expected", [
    ("M_UserAgreement_用户协议.pdf", "absent"), ("Terms_of_Use.pdf", "absent"), ("acceptable_use_policy.pdf", "absent"),
    ("M_user_guide.pdf", "absent"), ("M_overview.pdf", "present"),
])
def test_a_long_legal_pdf_is_not_the_models_paper(tmp_path, name, expected):
    """A release's user agreement, terms of use or use policy can run to many pages; it is not the
    model's paper. A long PDF named for nothing else still is."""
    assert status(build(tmp_path / "p", {**BASE, name: LINEARIZED_PDF}), "research_paper") == expected


def test_a_backward_pass_in_a_modules_own_demo_is_not_training_code(tmp_path):
    """A model module that ends with `def demo_forward_backward(): … loss.backward()` under
    `if __name__ == "__main__"` checks that gradients flow; a backward pass in the module's own
    loss function is still a training building block."""
    demo = ("import torch\nfrom torch import nn\n\n\nclass AE(nn.Module):\n    def forward(self, x):\n        return x\n\n\n"
            "def demo_autoencoder_forward_backward():\n    m = AE()\n    x = torch.randn(2, 3)\n"
            "    loss = torch.nn.functional.mse_loss(m(x), x)\n    loss.backward()\n    print(loss.item())\n\n\n"
            "if __name__ == \"__main__\":\n    demo_autoencoder_forward_backward()\n")
    assert file_status(tmp_path, "demo", "pkg/models/autoencoder.py", demo, "training_code") == "absent"
    block = demo.replace("def demo_autoencoder_forward_backward", "def reconstruction_step").replace(
        "    demo_autoencoder_forward_backward()", "    reconstruction_step()")
    assert file_status(tmp_path, "block", "pkg/models/autoencoder.py", block, "training_code") == "partial"
    # a module whose own method runs the backward pass and whose test() calls it as well: a building block
    balancer = ("import torch\n\n\nclass Balancer:\n    def backward(self, losses, x):\n"
                "        out = sum(losses.values())\n        x.backward(out)\n\n\n"
                "def test():\n    x = torch.zeros(2, requires_grad=True)\n    b = Balancer()\n    b.backward({'l': x.sum()}, x)\n")
    assert file_status(tmp_path, "bal", "pkg/balancer.py", balancer, "training_code") == "partial"


def test_a_script_named_for_the_measure_it_computes_is_evaluation_code(tmp_path):
    """fid.py with calculate_fid_from_inception_stats() and a main guard: the script that scores the
    model's samples, though its name is the measure's, not "eval"; a fid.py that only loads images,
    or a measure's module without a script, is not by this rule."""
    fid = ("import numpy as np\nimport torch\n\n\ndef calculate_inception_stats(path):\n    return np.zeros(2), np.eye(2)\n\n\n"
           "def calculate_fid_from_inception_stats(mu, sigma, mu_ref, sigma_ref):\n"
           "    return float(np.square(mu - mu_ref).sum())\n\n\nif __name__ == \"__main__\":\n"
           "    print(calculate_fid_from_inception_stats(*calculate_inception_stats('a'), *calculate_inception_stats('b')))\n")
    assert file_status(tmp_path, "fid", "fid.py", fid, "evaluation_code") == "present"
    loader = "import torch\n\n\ndef load_images(path):\n    return torch.zeros(1)\n\n\nif __name__ == \"__main__\":\n    load_images('a')\n"
    assert file_status(tmp_path, "load", "fid.py", loader, "evaluation_code") == "absent"


def test_text_in_the_documentation_is_not_training_data(tmp_path):
    """docs/train-help.txt and docs/dataset-tool-help.txt (a command's --help output, 3 KB): the
    names say train and dataset, the folder says documentation; the same file in data/ is data."""
    help_text = "Usage: train.py [OPTIONS]\n\n  Train diffusion-based generative model.\n" + "  --opt TEXT  an option\n" * 150
    docs = {**BASE, "README.md": "# M\n", "docs/train-help.txt": help_text, "docs/dataset-tool-help.txt": help_text}
    assert status(build(tmp_path / "d", docs), "datasets") == "absent"
    data = {**BASE, "README.md": "# M\n", "data/train.txt": help_text}
    assert status(build(tmp_path / "t", data), "datasets") == "present"


def test_a_publications_section_lists_the_projects_own_papers(tmp_path):
    """"## Publications" with the two papers of the model's releases (CodeGen, CodeGen2): the
    project's own papers, as a "Citation" section's are; a section citing many works is not."""
    own = ("# M\n\nOfficial release of the M models.\n\n## News\n\nM2 released.\n\n## Publications\n\n"
           "[M: An Open Model](https://arxiv.org/abs/2203.13474)  \nA. Author, B. Author\n\n"
           "[M2: Lessons](https://arxiv.org/abs/2305.02309)  \nA. Author\n\n## Usage\n\nRun it.\n")
    assert readme_status(tmp_path, "own", own, "research_paper") == "link_only"
    many = own.replace("## Usage", "[X](https://arxiv.org/abs/2101.00001)\n\n[Y](https://arxiv.org/abs/2101.00002)\n\n"
                       "[Z](https://arxiv.org/abs/2101.00003)\n\n## Usage")
    assert readme_status(tmp_path, "many", many, "research_paper") == "absent"


def test_weights_in_a_test_fixtures_folder_are_a_fixture(tmp_path):
    """test_fixtures/test-model/model.pt (a tiny model the tests load) is not the release's weights,
    as tests/fixtures/ would not be; the same file in checkpoints/ is."""
    big = b"\x80\x02" * (3 << 20)
    fixture = {**BASE, "README.md": "# M\n", "test_fixtures/test-model/model.pt": big}
    assert status(build(tmp_path / "f", fixture), "final_parameters") == "absent"
    real = {**BASE, "README.md": "# M\n", "checkpoints/model.pt": big}
    assert status(build(tmp_path / "r", real), "final_parameters") == "present"


@pytest.mark.parametrize("call, folder", [
    ("cv2.imwrite('results/{:s}_rlt.png'.format(name), out)", "results"),
    ("save_image(x, f'./out/samples/{step}.png')", ""),  # the path is the second argument
    ("save_image(f'./out/samples/{step}.png', x)", "out/samples"),
    ("imsave('a/b/c/d/e/f.png', x)", "a/b/c/d"),  # four folder names at most
    ("imwrite(os.path.join('samples', name), x)", "samples"),
    ("imwrite('picture.png', x)", ""),  # no folder
    ("imwrite('{}/x.png'.format(d), x)", ""),  # the folder is not written out
    ("imwrite('" + "a" * 61 + "/x.png', x)", ""),  # no plain folder name is that long
])
def test_the_folder_a_script_writes_its_pictures_to_is_read_from_the_path_it_writes(call, folder):
    from mof_lint.detectors.pyfacts import analyse
    facts = analyse("demo.py", f"import os, cv2\n{call}\n")
    assert facts.output_dirs == ({folder} if folder else set())


def test_a_paper_link_under_the_heading_that_names_the_project_is_its_own_paper(tmp_path):
    """`### :book: GFP-GAN: Towards Real-World Blind Face Restoration` then `[[Paper](arxiv)]`, far down
    the README: a heading beginning with the project's own package name (gfpgan/) titles its own
    paper. The same link under a heading naming another project is a cited work."""
    filler = "".join(f"- update {i}\n" for i in range(60))
    readme = ("# Face restoration\n\n## News\n\n" + filler + "\n### :book: GFP-GAN: Towards Real-World Blind Face Restoration\n\n"
              "> [[Paper](https://arxiv.org/abs/2101.04061)] [[Project Page](https://example.org/gfpgan)]\n")
    files = {**BASE, "gfpgan/__init__.py": "", "gfpgan/archs.py": TORCH_MODEL}
    assert status(build(tmp_path / "own", {**files, "README.md": readme}), "research_paper") == "link_only"
    other = readme.replace("GFP-GAN: Towards", "RestoreFormer: Towards")
    assert status(build(tmp_path / "other", {**files, "README.md": other}), "research_paper") == "absent"
    # a package named for its role (models/) names no project
    generic = {**BASE, "models/__init__.py": "", "models/archs.py": TORCH_MODEL,
               "README.md": readme.replace("GFP-GAN: Towards", "Models: Towards")}
    assert status(build(tmp_path / "generic", generic), "research_paper") == "absent"


@pytest.mark.parametrize("config", [
    # BasicSR options
    "train:\n  optim_g:\n    type: Adam\n    lr: !!float 2e-3\n  total_iter: 800000\n  warmup_iter: -1\n"
    "datasets:\n  train:\n    batch_size_per_gpu: 3\n",
    # mmcv / mmdetection
    "data:\n  samples_per_gpu: 2\nrunner:\n  type: EpochBasedRunner\n  max_epochs: 12\n",
    # detectron2
    "SOLVER:\n  IMS_PER_BATCH: 16\n  BASE_LR: 0.02\n  MAX_ITER: 90000\n",
])
def test_training_frameworks_own_setting_names_are_a_training_configuration(tmp_path, config):
    """BasicSR, mmcv and detectron2 name a run's schedule and batch their own way (total_iter,
    max_epochs, IMS_PER_BATCH): a training configuration like lr and batch_size; the model's
    architecture settings alone are not."""
    assert file_status(tmp_path, "fw", "options/train_x4.yml", config, "model_metadata") == "present"
    assert file_status(tmp_path, "arch", "options/arch.yml", "network_g:\n  type: RRDBNet\n  num_feat: 64\n",
                       "model_metadata") == "absent"


def test_measure_code_in_a_folder_named_for_evaluation_is_evaluation_code(tmp_path):
    """metrics/periodicity.py, evaluate/lm_eval_harness.py: a folder named for evaluation names its
    modules' purpose as a file name would; a module there that is not model code (a JSON logger) is not."""
    metric = ("import torch\n\n\ndef calculate_periodicity_metrics(y, y_hat):\n"
              "    return torch.mean((y - y_hat) ** 2)\n")
    assert file_status(tmp_path, "m", "metrics/periodicity.py", metric, "evaluation_code") == "present"
    logger = "import json\n\n\ndef save(results, path):\n    json.dump(results, open(path, 'w'))\n"
    assert file_status(tmp_path, "l", "metrics/store.py", logger, "evaluation_code") == "absent"


def test_a_binary_named_for_the_model_it_holds_is_weights_whatever_its_extension(tmp_path):
    """dlib ships its models as .dat files named for what they are (shape_predictor_68_face_landmarks.dat,
    mmod_human_face_detector.dat): weights committed to the repository. A .dat of another name is
    just binary data."""
    blob = "\0" * (3 << 20)
    for name in ("shape_predictor_68_face_landmarks.dat", "mmod_human_face_detector.dat"):
        assert file_status(tmp_path, name, f"pkg/models/{name}", blob, "final_parameters") == "present"
    assert file_status(tmp_path, "events", "pkg/models/events.dat", blob, "final_parameters") == "absent"


OPTIONS_TABLE = ("# M\n\n| Model | GPUs | Options |\n|---|---|---|\n"
                 "| ffhq-64x64 | 8xV100 | `--cond=0 --arch=ddpmpp --batch=256 --lr=2e-4 --dropout=0.05` |\n")


@pytest.mark.parametrize("readme, expected", [
    (OPTIONS_TABLE, "partial"),
    ("# M\n\n```\npython train.py --outdir=runs --cfg=stylegan3-t --batch=32 --gamma=8.2 --kimg=5000\n```\n", "partial"),
    (OPTIONS_TABLE.replace(" --lr=2e-4 --dropout=0.05", ""), "absent"),  # one option names no configuration
])
def test_each_models_training_options_written_out_are_its_training_configuration(tmp_path, readme, expected):
    """EDM's README gives each released model's options in a table cell (`--batch=256 --lr=2e-4
    --dropout=0.05`); StyleGAN3's docs run `train.py ... --batch=32 --kimg=5000`: training
    configurations written out. A table whose cells name one option, or none, is not."""
    assert readme_status(tmp_path, "r", readme, "model_metadata") == expected


LISTED = ("datasets:\n" + "".join(f'  - name: "{n}"\n    bucket: "s3://corpus/{n}/shard-{{00000..00099}}.jsonl.gz"\n'
                                   f"    objective:\n      type: paired\n" for n in ("reddit", "amazon_reviews", "paq")))


@pytest.mark.parametrize("config, expected", [
    (LISTED, "present"),  # the training datasets, each with where it is: a manifest in all but name
    ("datasets:\n  - name: reddit\n  - name: amazon_reviews\n  - name: paq\n", "link_only"),  # named only
    (LISTED.replace('  - name: "paq"\n    bucket: "s3://corpus/paq/shard-{00000..00099}.jsonl.gz"\n', ""), "link_only"),
])
def test_a_config_listing_its_datasets_with_their_locations_is_a_data_manifest(tmp_path, config, expected):
    assert file_status(tmp_path, "c", "configs/data/pretrain.yaml", config, "datasets") == expected


def test_the_license_a_base_model_was_originally_released_under_is_not_the_releases(tmp_path):
    """"M-Distill-8B is derived from Llama-3.1-8B and is originally licensed under the Llama 3.1
    license": the upstream model's license. The release is under what its own sentence says (MIT);
    a release that says it is under the Llama license is."""
    readme = ("# M\n\n## License\nThis code repository and the model weights are licensed under the MIT License.\n"
              "- M-Distill-8B is derived from Llama-3.1-8B-Base and is originally licensed under the "
              "[Llama3.1 license](https://huggingface.co/meta-llama/Llama-3.1-8B/blob/main/LICENSE).\n"
              "- M-Distill-7B is derived from Qwen-2.5, which are originally licensed under the Apache 2.0 License.\n")
    def stated(root):
        return {lic.license for lic in run_check(str(root)).licenses if lic.source == "prose"}
    assert stated(build(tmp_path / "r", {"model.py": TORCH_MODEL, "README.md": readme})) == {"MIT"}
    own = readme.replace("is originally licensed under", "is released under")
    assert stated(build(tmp_path / "o", {"model.py": TORCH_MODEL, "README.md": own})) & {"llama3", "llama3.1"}


@pytest.mark.parametrize("paths, expected", [
    (["ckpt/epoch_10.pth", "ckpt/epoch_20.pth"], "present"),  # a series along the training
    (["runs/step_1000/model.pth", "runs/step_2000/model.pth"], "present"),  # a series of step folders
    (["Utils/ASR/epoch_00080.pth"], "absent"),  # the checkpoint a code module ships: its last epoch
    (["Utils/ASR/epoch_00080.pth", "Utils/ASR/epoch_00090.pth"], "present"),  # two: a series
])
def test_intermediate_checkpoints_are_a_series_not_one_step_numbered_file(tmp_path, paths, expected):
    blob = "\0" * (2 << 20)
    code = {"Utils/ASR/models.py": TORCH_MODEL, "ckpt/train.py": TRAIN_LOOP, "runs/step_1000/model.py": TORCH_MODEL}
    root = build(tmp_path / "r", {**BASE, "README.md": "# M\n", **code, **{p: blob for p in paths}})
    assert status(root, "intermediate_parameters") == expected


@pytest.mark.parametrize("scope", ["weights", "data", "code", "document"])
def test_the_license_sentence_mof204_suggests_is_read_as_a_license_of_that_kind(tmp_path, scope):
    """MOF204's example README sentence, written as suggested, licenses that kind of component (the
    code one names no model: evaluation or training code is not "model code")."""
    from mof_lint.check import LICENSE_SENTENCE
    readme = f"# M\n\n## License\n\n{LICENSE_SENTENCE[scope]}.\n"
    report = run_check(str(build(tmp_path / "r", {"model.py": TORCH_MODEL, "README.md": readme})))
    assert {lic.scope for lic in report.licenses if lic.source == "prose"} == {scope}


@pytest.mark.parametrize("code, expected", [
    ('URL_PREFIX = "https://s3.amazonaws.com/lab/models/"\nARCHIVE = {"base": URL_PREFIX + "base-pytorch_model.bin"}\n',
     "link_only"),
    ('BASE_URL = "https://models.example.org/v1"\nCKPT = f"{BASE_URL}/net-final.pt"\n', "link_only"),
    # an address built from a constant that is not this module's own, or a non-weights file: nothing
    ('from cfg import URL_PREFIX\nARCHIVE = {"base": URL_PREFIX + "base-pytorch_model.bin"}\n', "absent"),
    ('URL_PREFIX = "https://s3.amazonaws.com/lab/models/"\nDOC = URL_PREFIX + "index.html"\n', "absent"),
])
def test_a_weights_address_built_from_the_modules_url_constant_is_a_weights_pointer(tmp_path, code, expected):
    """Model code that downloads its checkpoints from `PREFIX + "name.bin"` points to the weights, as
    a full address string does."""
    assert file_status(tmp_path, "m", "pkg/modeling.py", code, "final_parameters") == expected


def test_addresses_of_a_models_config_and_vocabulary_files_are_not_data(tmp_path):
    """Three download addresses make a list of data files, unless they are the files a model loads."""
    configs = "".join(f'CONFIG_{i} = "https://host.example.org/models/net-{i}-config.json"\n' for i in range(4))
    assert file_status(tmp_path, "c", "pkg/modeling.py", configs, "datasets") == "absent"
    data = "".join(f'SPLIT_{i} = "https://host.example.org/data/split-{i}.jsonl"\n' for i in range(4))
    assert file_status(tmp_path, "d", "pkg/download.py", data, "datasets") == "link_only"


def test_a_training_guide_beside_the_readme_is_not_the_cards_training_section(tmp_path):
    """The card template's Training section that names its data is a partial data card in a card
    (README.md, MODEL_CARD.md); a TRAINING.md guide that walks the reader through preparing a dataset
    of their own is not."""
    section = ("# Training\n\nThe model was trained on the LibriTTS dataset (585 hours of read English speech "
               "from 2,456 speakers), prepared with `python -m pkg.preprocess`: each clip is resampled "
               "and written with its transcript.\n")
    for name, expected in (("MODEL_CARD.md", "partial"), ("TRAINING.md", "absent")):
        root = build(tmp_path / name, {**BASE, "README.md": "# M\n", name: section})
        assert status(root, "data_card") == expected, name


@pytest.mark.parametrize("url, kind", [
    ("https://huggingface.co/datasets/org/voice-checkpoints/tree/main", "hf_model"),
    ("https://huggingface.co/datasets/org/model_weights", "hf_model"),
    ("https://huggingface.co/datasets/org/speech-corpus", "hf_dataset"),
    ("https://huggingface.co/datasets/org/checkpoint-eval-logs", "hf_dataset"),
])
def test_a_hub_dataset_repository_named_for_checkpoints_is_a_store_of_model_files(url, kind):
    from mof_lint.detectors.common import classify_url
    assert classify_url(url)[0] == kind


def test_a_download_in_a_sub_section_of_the_data_section_is_the_data(tmp_path):
    """"## Data" > "### LMDB format" > [Corpus](https://host/data/corpus.tar.gz): the parent heading
    says what the sub-section's downloads are; the same link under another parent is not data."""
    body = "\n\n### LMDB format\n\n[Corpus](https://host.example.org/data_pytorch/corpus.tar.gz)\n"
    assert readme_status(tmp_path, "d", "# M\n\n## Data\n\nWhere the files are." + body, "datasets") == "link_only"
    assert readme_status(tmp_path, "o", "# M\n\n## Extras\n\nOther files." + body, "datasets") == "absent"


@pytest.mark.parametrize("sentence, expected", [
    ("CARP is described in this [preprint](https://doi.org/10.1101/2022.05.19.492714).", "link_only"),
    ("The method is explained in our **[paper](https://arxiv.org/abs/2301.00001)**.", "link_only"),
    ("The encoder follows [Kalchbrenner et al.](https://arxiv.org/abs/1610.10099).", "absent"),
])
def test_a_link_whose_text_is_the_noun_of_our_paper_is_the_own_paper(tmp_path, sentence, expected):
    """"this [preprint](url)" says "this preprint" with the link's brackets between the words."""
    readme = "# M\n\n" + "Intro line.\n\n" * 30 + f"## Models\n\n{sentence}\n"  # past the README's top lines
    assert readme_status(tmp_path, "p", readme, "research_paper") == expected


@pytest.mark.parametrize("comment, expected", [
    ("# Get model weights", "link_only"),
    ("# Download the pretrained checkpoint\n# (about 1 GB)", "link_only"),
    ("# Get the demo's fonts", "absent"),
    ("# Get model weights\n", "absent"),  # a blank line ends what the comment is about
])
def test_a_shell_scripts_comment_says_what_its_download_command_fetches(tmp_path, comment, expected):
    script = f"#!/bin/sh\nset -e\n{comment}\ncurl https://host.example.org/demo/large3/graph_optimized.pb > g.pb\n"
    assert file_status(tmp_path, "s", "demo/script.sh", script, "final_parameters") == expected


@pytest.mark.parametrize("heading, expected", [
    ("Download datasets", "link_only"), ("2. Preparing the data", "link_only"), ("Downloads", "absent")])
def test_a_download_command_under_a_download_the_data_heading_fetches_the_data(tmp_path, heading, expected):
    readme = (f"# M\n\n## {heading}\n\nTo fetch one, run\n\n```\n"
              "wget https://host.example.org/glow/data/celeba-tfr.tar\n```\n")
    assert readme_status(tmp_path, "d", readme, "datasets") == expected
    # a sub-folder's fine-tuning guide: "Download the dataset" is its example data, not the model's
    guide = build(tmp_path / "g", {**BASE, "README.md": "# M\n", "ptuning/README.md": readme})
    assert status(guide, "datasets") == "absent" or heading != "Download datasets"


@pytest.mark.parametrize("tail, expected", [
    ("from utils import classification_scores\ntestloader = []\n"
     "test_accuracy, test_auroc = classification_scores(model, testloader)\n", "partial"),
    # scoring with no test split named, or only a loss on the test split: training, not evaluation
    ("from utils import classification_scores\nacc = classification_scores(model, [])\n", "absent"),
    ("test_loader = []\ntest_l1 = torch.nn.functional.l1_loss(model(test_loader), 0)\n", "absent"),
    ("test_loader = []\ntorch.set_float32_matmul_precision('high')\n", "absent"),  # a setting, not a score
])
def test_a_training_script_that_scores_the_held_out_test_split_holds_evaluation_code(tmp_path, tail, expected):
    """Besides training, it names the test split and scores the model on it: partial evaluation code."""
    assert file_status(tmp_path, "t", "train.py", TRAIN_LOOP + "\n" + tail, "evaluation_code") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Download the [ImageNet-1K](http://image-net.org/) classification dataset and unpack it.", "link_only"),
    ("See [ImageNet-1K](http://image-net.org/) for the classes.", "absent"),  # named, not fetched
])
def test_a_datasets_home_page_the_setup_section_says_to_download_from_is_the_data(tmp_path, sentence, expected):
    doc = f"# Installation\n\n## Dataset Preparation\n\n{sentence}\n"
    root = build(tmp_path / "d", {**BASE, "README.md": "# M\n", "INSTALL.md": doc})
    assert status(root, "datasets") == expected


def test_a_one_page_pdf_named_for_the_paper_is_one_of_its_figures(tmp_path):
    """plotstables/task_generalization_bloom_paper.pdf, one page: a figure made for the paper; the
    same name with the paper's 22 pages is the paper."""
    figure = LINEARIZED_PDF.replace(b"/N 22", b"/N 1")
    name = "plotstables/task_generalization_paper.pdf"
    assert status(build(tmp_path / "f", {**BASE, name: figure}), "research_paper") == "absent"
    assert status(build(tmp_path / "p", {**BASE, name: LINEARIZED_PDF}), "research_paper") == "present"


@pytest.mark.parametrize("tail, expected", [
    ("def estimate_loss():\n    return 0.0\n\nval_loss = estimate_loss()\n", "partial"),  # nanoGPT
    ("def validate(model):\n    return 0.0\n\nvalidate(model)\n", "partial"),  # a trainer's own loop
    ("def validate(model):\n    return 0.0\n", "absent"),  # defined, never run
    ("def estimate_lr():\n    return 0.1\n\nlr = estimate_lr()\n", "absent"),  # not held-out data
])
def test_a_training_script_that_validates_as_it_trains_holds_partial_evaluation_code(tmp_path, tail, expected):
    """A training loop that scores held-out data as it trains (estimate_loss(), validate()) is the
    code behind the reported validation figures: partial evaluation code."""
    assert file_status(tmp_path, "t", "train.py", TRAIN_LOOP + "\n" + tail, "evaluation_code") == expected


def test_the_harness_the_release_names_is_its_evaluation_not_the_validation_loop(tmp_path):
    """Where the README says its scores come from an external harness, that harness is the evaluation
    code (link_only); validation inside the training loop is only noted."""
    train = TRAIN_LOOP + "\ndef validate(model):\n    return 0.0\n\nvalidate(model)\n"
    readme = ("# M\n\n## Evaluation\n\nWe evaluate with [lm-evaluation-harness]"
              "(https://github.com/EleutherAI/lm-evaluation-harness).\n")
    root = build(tmp_path / "h", {**BASE, "README.md": readme, "train.py": train})
    assert status(root, "evaluation_code") == "link_only"


@pytest.mark.parametrize("call, expected", [
    ("outputs = infer(model, image)", "partial"),  # the notebook's own inference function
    ("ids = predict(model, batch)", "partial"),
    ("outputs = model_infer_stats(model)", "absent"),  # a longer name that only contains the word
    ("outputs = config.infer(x)", "partial"),  # a method, as before
    # the repository's own driver, in a cell whose title says it runs the model
    ("#@title Inference on example image\\n\", \"pred = driver.eval_example_images(ckpt, files)", "partial"),
    ("# Run prediction\\n\", \"pred = driver.eval_example_images(ckpt, files)", "partial"),
    ("# Load the data\\n\", \"pred = driver.eval_example_images(ckpt, files)", "absent"),
])
def test_a_notebook_that_runs_its_own_inference_function_and_kept_the_result_shows_samples(tmp_path, call, expected):
    nb = NOTEBOOK.replace("probs = model.generate(x)", call)
    assert file_status(tmp_path, "n", "notebooks/inference.ipynb", nb, "sample_outputs") == expected


TOKENIZER_CLASS = ("import torch\n\n\nclass AudioTokenizer:\n    def tokenize_batch(self, batch):\n"
                   "        return torch.tensor(batch)\n")


@pytest.mark.parametrize("path, text, expected", [
    # the model's own tokenizer: its tokenize_batch() turns the user's input into the model's
    ("pkg/models/audio_tokenizer.py", TOKENIZER_CLASS, "absent"),
    # a demo app's clean_text() cleans what its user pastes in
    ("demo/rag_demo.py", "import torch\nimport gradio as gr\n\n\ndef clean_text(text):\n    return text.strip()\n",
     "absent"),
    # the same functions in a data script of the release: its data preparation
    ("pkg/data/prepare.py", "import torch\n\n\ndef tokenize_batch(batch):\n    return torch.tensor(batch)\n",
     "present"),
    ("tools/text_utils.py", "import torch\n\n\ndef clean_text(text):\n    return text.strip()\n", "partial"),
])
def test_input_processing_of_the_model_or_a_demo_is_not_data_preparation(tmp_path, path, text, expected):
    assert file_status(tmp_path, "p", path, text, "data_preprocessing_code") == expected


def test_a_script_that_lists_data_download_urls_points_to_the_data(tmp_path):
    """Three data URLs in a script: the data is where they point (link_only, as a config that names
    its data is), not part of it in the repository. Two are enough only in a script named for
    downloading the data (test_data_addresses_in_code_point_to_the_datasets); elsewhere they may be
    incidental."""
    script = ("import urllib.request\n\nURLS = [\n" + "".join(
        f"    'https://data.example.org/corpus/train-{i:03d}.jsonl.gz',\n" for i in range(3)) +
        "]\nfor u in URLS:\n    urllib.request.urlretrieve(u, u.rsplit('/', 1)[-1])\n")
    assert file_status(tmp_path, "d", "tools/corpus_utils.py", script, "datasets") == "link_only"
    two = script.replace("    'https://data.example.org/corpus/train-002.jsonl.gz',\n", "")
    assert file_status(tmp_path, "e", "tools/corpus_utils.py", two, "datasets") == "absent"
    assert file_status(tmp_path, "f", "tools/download.py", two, "datasets") == "link_only"


@pytest.mark.parametrize("url, expected", [
    ("https://github.com/example-lab/faces-dataset", "link_only"),  # the dataset's own repository
    ("https://github.com/example-lab/face-tools", "absent"),  # a code repository
])
def test_a_datasets_own_repository_linked_where_the_data_is_prepared_points_to_the_data(tmp_path, url, expected):
    readme = f"# M\n\n## Preparing datasets\n\nDownload the faces from [the dataset's page]({url}) first.\n"
    assert readme_status(tmp_path, "d", readme, "datasets") == expected


def test_an_evaluation_toolkits_data_code_is_about_the_benchmarks(tmp_path):
    """eval_mm/ (a folder named for the evaluation first) holding a dataset registry of download URLs
    and a data-building function: the benchmarks the model is scored on, not its training data or
    the preparation of it."""
    registry = ("import torch\n\nURLS = {\n" + "".join(
        f"    'bench{i}': 'https://data.example.org/bench/bench{i}.tsv',\n" for i in range(3)) +
        "}\n\n\ndef build_dataset_from_config(cfg):\n    return torch.tensor([])\n")
    root = build(tmp_path / "e", {**BASE, "README.md": "# M\n", "eval_mm/toolkit/datasets.py": registry})
    assert status(root, "datasets") == "absent"
    assert status(root, "evaluation_data") == "link_only"
    assert status(root, "data_preprocessing_code") == "absent"
    own = build(tmp_path / "o", {**BASE, "README.md": "# M\n", "pkg/datasets.py": registry})
    assert status(own, "datasets") == "link_only" and status(own, "data_preprocessing_code") == "partial"


def test_another_project_copied_into_the_tree_is_not_this_models_evidence(tmp_path):
    """A folder with its own package manifest and a license naming another copyright holder
    (env/SE3Transformer/ with NVIDIA's license inside a protein model's repository) is another
    project: its training code and its data are that project's."""
    other = {"env/Lib/LICENSE": MIT_TEXT.replace("Copyright", "Copyright 2021 Othercorp", 1),
             "env/Lib/setup.py": "from setuptools import setup\nsetup(name='lib')\n",
             "env/Lib/README.md": "# Lib\n",
             "env/Lib/data/train.jsonl": '{"text": "a training example"}\n' * 200,
             "env/Lib/train.py": TRAIN_LOOP}
    mine = {"LICENSE": MIT_TEXT.replace("Copyright", "Copyright 2024 Modellab", 1), "model.py": TORCH_MODEL,
            "README.md": "# M\n"}
    root = build(tmp_path / "c", {**mine, **other})
    assert status(root, "training_code") == "absent"
    assert status(root, "datasets") == "absent"
    # the same folder without a license of its own is the release's
    own = build(tmp_path / "o", {**mine, **{k: v for k, v in other.items() if not k.endswith("LICENSE")}})
    assert status(own, "training_code") == "present"
    assert status(own, "datasets") == "present"


@pytest.mark.parametrize("sentence, expected", [
    ("Our method is described in the [paper](https://arxiv.org/abs/2401.00001).", "link_only"),
    # the paper of another work the sentence names
    ("The fine-tuning approach of LoRA (as detailed in the [paper](https://arxiv.org/abs/2401.00001)) "
     "updates the adapter only.", "absent"),
    ("Reference: Gaussian Error Linear Units (GELU) paper: https://arxiv.org/abs/2401.00001", "absent"),
])
def test_the_paper_of_another_work_a_sentence_names_is_not_this_models(tmp_path, sentence, expected):
    readme = "# M\n\n" + "Some words about the model.\n\n" * 30 + "## Fine-tuning\n\n" + sentence + "\n"
    assert readme_status(tmp_path, "p", readme, "research_paper") == expected


def test_a_sub_project_under_another_license_with_its_own_readme_is_another_project(tmp_path):
    """GPT_SoVITS/BigVGAN/: a README and a license of its own, not the root's (Apache-2.0 text with no
    copyright line, in an MIT repository): another project copied in. Apache's own wording ("the
    copyright owner") names no holder; the same sub-folder under the root's license is the release's."""
    texts = ROOT / "tests" / "data" / "licenses"
    mit, apache = (texts / "MIT-six.txt").read_text(), (texts / "Apache-2.0.txt").read_text()
    mine = {"LICENSE": mit, "model.py": TORCH_MODEL, "README.md": "# M\n"}
    sub = {"vendor_copy/Vocoder/README.md": "# Vocoder\n", "vendor_copy/Vocoder/train.py": TRAIN_LOOP}
    assert "copyright owner" in apache.lower()
    other = build(tmp_path / "a", {**mine, **sub, "vendor_copy/Vocoder/LICENSE": apache})
    assert status(other, "training_code") == "absent"
    same = build(tmp_path / "b", {**mine, **sub, "vendor_copy/Vocoder/LICENSE": mit})
    assert status(same, "training_code") == "present"


def test_evaluation_code_over_pointed_to_training_data_points_to_its_sets(tmp_path):
    """The release's own evaluation code with training data it only links: the sets that code scores
    on (held-out splits, the field's benchmarks) are reachable by pointer, not absent. Without the
    data pointer, or with only a timing benchmark, nothing is inferred; sets found decide."""
    scorer = ("import torch\nfrom model import Net\n\n\ndef accuracy(pred, gold):\n"
              "    return (pred == gold).float().mean()\n\n\nprint(accuracy(Net()(torch.zeros(1, 4)), 0))\n")
    readme = "# M\n\n## Training data\n\nWe train on [OpenWebText](https://huggingface.co/datasets/openwebtext).\n"
    pointed = build(tmp_path / "a", {**BASE, "README.md": readme, "evaluate.py": scorer})
    assert status(pointed, "evaluation_code") == "present"
    assert status(pointed, "evaluation_data") == "link_only"
    report = run_check(str(pointed))
    ev = next(r for r in report.results if r.component.key == "evaluation_data").evidence[0]
    assert ev.path == "evaluate.py" and "evaluation code" in ev.detail
    # no training data named: nothing to be held out of
    assert status(build(tmp_path / "b", {**BASE, "README.md": "# M\n", "evaluate.py": scorer}),
                  "evaluation_data") == "absent"
    # partial evaluation code counts too: a training run that scores the held-out test split
    # (`test_loader` ... `metric(preds, trues)`) scores the model on the split of the pointed data
    trainer = TRAIN_LOOP + ("\ntest_loader = loader\n\n\ndef metric(pred, true):\n    return ((pred - true) ** 2).mean()\n\n\n"
                            "print(metric(model(x), y))\n")
    split = build(tmp_path / "s", {**BASE, "README.md": readme, "exp_main.py": trainer})
    assert status(split, "evaluation_code") == "partial"
    assert status(split, "evaluation_data") == "link_only"
    # a script that only times the model scores nothing
    timing = ("import time\nimport torch\nfrom model import Net\n\nm = Net()\nt0 = time.perf_counter()\n"
              "m(torch.zeros(1, 4))\nprint(time.perf_counter() - t0)\n")
    assert status(build(tmp_path / "c", {**BASE, "README.md": readme, "benchmark.py": timing}),
                  "evaluation_data") == "absent"
    # the sets themselves in the tree decide
    shipped = build(tmp_path / "d", {**BASE, "README.md": readme, "evaluate.py": scorer,
                                     "eval_data/test.jsonl": '{"text": "a", "label": 1}\n' * 2000})
    assert status(shipped, "evaluation_data") == "present"


@pytest.mark.parametrize("sentence, expected", [
    ("The model was trained on [OpenWebText](https://huggingface.co/datasets/openwebtext).", "link_only"),
    # the reader's options, not this model's data
    ("You can find fine-tuning question answering datasets on platforms like Hugging Face, with datasets "
     "like [openwebtext](https://huggingface.co/datasets/openwebtext).", "absent"),
    ("You can download a sample dataset [openwebtext](https://huggingface.co/datasets/openwebtext) to try "
     "the fine-tuning script.", "absent"),
    ("你可以从这里下载示例数据集 [openwebtext](https://huggingface.co/datasets/openwebtext)", "absent"),
])
def test_a_dataset_offered_to_the_reader_is_not_this_models_training_data(tmp_path, sentence, expected):
    readme = "# M\n\nA language model.\n\n## Training\n\n" + sentence + "\n"
    assert readme_status(tmp_path, "d", readme, "datasets") == expected


def test_an_exported_factory_that_reads_the_weights_is_the_packages_loader(tmp_path):
    """src/pkg/__init__.py exports `create_model_and_transforms`, which calls torch.load; the model
    class has `infer()`: the package's API loads and runs the model, whatever the factory is called.
    The same factory kept private (not exported) is not the API."""
    module = ("import torch\nimport torch.nn as nn\n\n\ndef create_model_and_transforms(path='ckpt.pt'):\n"
              "    model = Net()\n    model.load_state_dict(torch.load(path))\n    return model, None\n\n\n"
              "class Net(nn.Module):\n    def forward(self, x):\n        return x\n\n"
              "    def infer(self, x):\n        return self.forward(x)\n")
    files = {"LICENSE": APACHE_HEAD, "README.md": "# M\n", "src/pkg/net.py": module}
    exported = build(tmp_path / "a", {**files, "src/pkg/__init__.py": "from .net import create_model_and_transforms\n"})
    assert status(exported, "inference_code") == "present"
    private = build(tmp_path / "b", {**files, "src/pkg/__init__.py": "from .utils import load_rgb\n",
                                     "src/pkg/utils.py": "def load_rgb(path):\n    return path\n"})
    assert status(private, "inference_code") == "absent"


def test_an_evaluation_only_mode_that_runs_a_given_checkpoint_is_a_way_to_run_the_model(tmp_path):
    """`python main.py --eval --resume ckpt.pth`: the training entry point scores a checkpoint it is
    given (the released one) without training: partial inference and evaluation code. The same script without the
    evaluation-only switch, or without loading anything, is not."""
    def script(*options):
        args = "".join(f"parser.add_argument('--{o}', default='')\n" for o in options)
        return ("import argparse\nimport torch\nfrom model import Net\n\nparser = argparse.ArgumentParser()\n" + args +
                "args = parser.parse_args()\nmodel = Net()\n"
                "if args.resume:\n    model.load_state_dict(torch.load(args.resume))\n")
    assert file_status(tmp_path, "a", "main.py", script("eval", "resume"), "inference_code") == "partial"
    assert file_status(tmp_path, "a2", "main.py", script("eval", "resume"), "evaluation_code") == "partial"
    assert file_status(tmp_path, "b", "main.py", script("lr", "resume"), "inference_code") == "absent"
    assert file_status(tmp_path, "b2", "main.py", script("lr", "resume"), "evaluation_code") == "absent"
    no_load = script("eval", "resume").replace("model.load_state_dict(torch.load(args.resume))", "pass")
    assert file_status(tmp_path, "c", "main.py", no_load, "inference_code") == "absent"


@pytest.mark.parametrize("sentence, expected", [
    ("Download and extract ImageNet train and val images from http://image-net.org/.", "link_only"),
    # the same site named without a download: a reference, not where the data comes from
    ("The ImageNet project is described at http://image-net.org/.", "absent"),
])
def test_a_download_sentence_in_a_data_setup_section_points_to_the_data(tmp_path, sentence, expected):
    readme = "# M\n\nAn image classifier.\n\n## Data preparation\n\n" + sentence + "\n"
    assert readme_status(tmp_path, "d", readme, "datasets") == expected


@pytest.mark.parametrize("line, expected", [
    # a pickle handed to a loader, or named as a network by its address: the weights
    ('enc = load_model("https://cdn.example.org/m/encoder.pkl", dev)', "link_only"),
    ('G = load_network_pkl(url="https://cdn.example.org/m/pretrained/ffhq.pkl")', "link_only"),
    # a pickle of anything else
    ('vocab = pickle.load(urlopen("https://cdn.example.org/m/vocab_index.pkl"))', "absent"),
])
def test_a_pickled_network_by_its_loader_or_address_is_the_weights(tmp_path, line, expected):
    code = "import pickle\nfrom urllib.request import urlopen\nfrom model import load_model\n\n" + line + "\n"
    assert file_status(tmp_path, "p", "demo_usage.py", code, "final_parameters") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The pretrained StyleNet and its vocoder on LJSpeech can be downloaded at "
     "[StyleNet Link](https://drive.google.com/file/d/1aqOExU7NroG/view?usp=sharing).", "link_only"),
    # a file-host link with no word of a trained model: not the weights
    ("The LJSpeech transcripts are at [this link](https://drive.google.com/file/d/1aqOExU7NroG/view).", "absent"),
    # a Seafile share (the cloud drive universities run): a file host whatever the domain
    ("* **Download** our pretrained models from [Uni Cloud](https://cloud.example.edu/f/df21f6d4109b4285bfd9/?dl=1).",
     "link_only"),
    ("Checkpoints: [folder](https://heibox.example.de/d/2e5662443a6b4307b470/).", "link_only"),
    ("Download the [slides](https://cloud.example.edu/f/175ff98f7e2d447fb5f3/) of the talk.", "absent"),
])
def test_a_pretrained_model_downloadable_from_a_file_host_is_the_weights(tmp_path, sentence, expected):
    readme = "# M\n\nA speech model.\n\n## Inference\n\n" + sentence + "\n"
    assert readme_status(tmp_path, "w", readme, "final_parameters") == expected


def test_a_data_folders_readme_that_only_sets_the_data_up_is_not_a_data_card(tmp_path):
    """datasets/README.md titled "Prepare datasets", with the folder layout to create: a how-to. The
    same folder's README that says what the data is and how much of it there is: a data card."""
    howto = ("# Prepare datasets\n\nSet `DATADIR` to your dataset directory. The expected structure for "
             "[COCO](https://cocodataset.org/#download):\n\n```\nCOCO/\n  annotations/\n  train2017/\n```\n")
    card = ("# Training data\n\nThe model was trained on 118,287 COCO 2017 images with 860,001 boxes in 80 "
            "classes, collected from Flickr and annotated by crowd workers.\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": "# M\n", "datasets/README.md": howto}), "data_card") == "absent"
    assert status(build(tmp_path / "b", {**BASE, "README.md": "# M\n", "datasets/README.md": card}), "data_card") == "present"


def test_a_training_launch_script_that_sets_the_models_shape_is_metadata(tmp_path):
    """scripts/run_M.sh running the training with `--seq_len 96 --e_layers 2 --d_model 512`: the run's
    settings, even with the learning rate left at its default. The same options on a prediction
    script (no training) are not."""
    train = ("for len in 96 192\ndo\npython -u run.py --is_training 1 --data ETTm1 --seq_len 96 --pred_len $len "
             "--e_layers 2 --d_layers 1 --d_model 512\ndone\n")
    assert file_status(tmp_path, "a", "scripts/run_M.sh", train, "model_metadata") == "present"
    predict = "python -u predict.py --checkpoint ckpt.pth --seq_len 96 --e_layers 2 --d_model 512\n"
    assert file_status(tmp_path, "b", "scripts/predict.sh", predict, "model_metadata") == "absent"


@pytest.mark.parametrize("step, expected", [
    ("2. Download data. You can obtain all the six benchmarks from [[Former](https://github.com/org/Former)].",
     "link_only"),
    # the same repository linked by an installation step
    ("2. Install the toolkit. Clone [[Former](https://github.com/org/Former)] first.", "absent"),
])
def test_a_set_up_step_that_gets_the_data_names_where_it_comes_from(tmp_path, step, expected):
    readme = "# M\n\nA forecasting model.\n\n## Get Started\n\n1. Install Python 3.8.\n" + step + "\n"
    assert readme_status(tmp_path, "s", readme, "datasets") == expected


@pytest.mark.parametrize("step, expected", [
    ("Feel free to download the [data demo](https://dl.example.com/m/data_demo.zip).", "absent"),
    ("Download the [toy data](https://dl.example.com/m/toy.zip) to try the recipe.", "absent"),
    ("Download the [training data](https://dl.example.com/m/train_images.zip).", "link_only"),
])
def test_a_demo_set_to_try_the_training_recipe_on_is_not_the_training_data(tmp_path, step, expected):
    """A data-preparation section that offers a small set to try the recipe on ("the data demo",
    "toy data") points to the reader's practice data, not to what the model was trained on."""
    readme = ("# M\n\nAn image model.\n\n## Training\n\n### Data Preparation\n\n1. Data download\n\n   "
              + step + "\n")
    assert readme_status(tmp_path, "d", readme, "datasets") == expected


def test_a_column_marked_better_up_or_down_is_a_measure_whatever_its_name(tmp_path):
    """Results tables mark their measures with the direction that is better ("FAD ↓", "OVL ↑",
    "(lower is better)"): the columns are measures even when the field's abbreviations are unknown.
    The same table without the marks, under a heading that is not about results, is a list."""
    table = ("| Model | Data | FD {d} | KL {d} | OVL {u} |\n|---|---|---|---|---|\n| Ours | AC | 24.52 | 1.37 | 85.3 |\n"
             "| Baseline | AC | 29.48 | 1.97 | 78.6 |\n")
    readme = "# M\n\nA text-to-audio model.\n\n## Tango\n\n"
    marked = readme + table.format(d="↓", u="↑")
    assert readme_status(tmp_path, "m", marked, "evaluation_results") == "present"
    worded = readme + table.format(d="(lower is better)", u="(higher is better)")
    assert readme_status(tmp_path, "w", worded, "evaluation_results") == "present"
    assert readme_status(tmp_path, "u", readme + table.format(d="", u=""), "evaluation_results") == "absent"


def test_a_test_script_that_loads_a_checkpoint_runs_the_model(tmp_path):
    """tools/test.py that loads the checkpoint it is given (`torch.load(cfg.MODEL_FILE)`) and runs the
    network over the validation loader runs the released model: inference code (partial). A test
    script that trains, or a unit test of the package, is not."""
    script = ("import torch\nfrom lib.models import build_model\n\n\ndef main():\n    model = build_model()\n"
              "    state = torch.load('model.pth', map_location='cpu')\n    model.load_state_dict(state)\n"
              "    model.eval()\n    for x, y in loader:\n        print((model(x).argmax(1) == y).float().mean())\n\n\n"
              "if __name__ == '__main__':\n    main()\n")
    assert file_status(tmp_path, "t", "tools/test.py", script, "inference_code") == "partial"
    trains = script.replace("print(", "loss = (").replace(".mean())", ".mean()); loss.backward()")
    assert file_status(tmp_path, "tr", "tools/test.py", trains, "inference_code") == "absent"
    assert file_status(tmp_path, "u", "tests/test_model.py", script, "inference_code") == "absent"


@pytest.mark.parametrize("name, table, expected", [
    # a leaderboard: what it ranks, and a measure of the field
    ("perf/Summary_performance_substitutions.csv",
     "Model_rank,Model_name,Average_Spearman,Low_MSA_depth\n1,M Large,0.471,0.459\n2,EVE,0.448,0.414\n", "present"),
    # two measures of the field, no model column
    ("analysis/table2.tsv", "dataset\tAUC\tMCC\nBLAT\t0.81\t0.52\n", "present"),
    # data with a label column named score
    ("data/assay.csv", "mutant,sequence,DMS_score,DMS_score_bin\nA1C,MKV,0.31,1\nA1D,MKV,-0.2,0\n", "absent"),
])
def test_a_csv_table_of_scores_is_evaluation_results(tmp_path, name, table, expected):
    """A CSV/TSV whose header names the field's measures (two, or one beside a model column) and whose
    first row has numbers is a table of results, wherever it lives; a data table with a score label
    is not."""
    assert file_status(tmp_path, "t", name, table, "evaluation_results") == expected


def test_a_hydra_config_is_read_with_the_group_files_its_defaults_compose(tmp_path):
    """A Hydra run configuration spreads its settings over group files: `defaults: - optimizers:
    adam - trainer: ddp` in configs/training/big.yaml takes the lr from
    configs/training/optimizers/adam.yaml and the epochs from configs/training/trainer/ddp.yaml.
    Composed, they are the run's training configuration; each file alone holds one setting."""
    run = ("generator:\n  kind: ffc_resnet\n  n_blocks: 18\ndefaults:\n  - optimizers: adam\n"
           "  - trainer: ddp\n  - _self_\n")
    files = {**BASE, "README.md": "# M\n", "configs/training/big.yaml": run,
             "configs/training/optimizers/adam.yaml": "generator:\n  kind: adam\n  lr: 0.001\n",
             "configs/training/trainer/ddp.yaml": "kwargs:\n  max_epochs: 40\n"}
    report = run_check(str(build(tmp_path / "h", files)))
    row = next(r for r in report.results if r.component.key == "model_metadata")
    assert row.status == "present" and row.evidence[0].path == "configs/training/big.yaml"
    assert "Hydra defaults" in row.evidence[0].detail
    alone = {k: v for k, v in files.items() if "trainer" not in k}
    assert status(build(tmp_path / "a", alone), "model_metadata") == "absent"


def test_a_launcher_that_calls_the_repositorys_training_function_uses_its_dataset_class(tmp_path):
    """exe_physio.py builds the loaders from the repository's dataset class and hands them to
    `train()` from utils.py, where the training step is: the launcher is the training entry, and the
    dataset class it imports is the data pipeline. A script that calls a train() of its own making
    that takes no step is not."""
    utils = ("import torch\n\n\ndef train(model, loader):\n    opt = torch.optim.Adam(model.parameters())\n"
             "    for x in loader:\n        loss = model(x).mean()\n        opt.zero_grad()\n        loss.backward()\n"
             "        opt.step()\n")
    launcher = ("import torch\nfrom dataset_images import ImageDataset\nfrom utils import train\n\n\n"
                "if __name__ == '__main__':\n    train(torch.nn.Linear(2, 2), ImageDataset([]))\n")
    files = {**BASE, "README.md": "# M\n", "exe_images.py": launcher, "utils.py": utils,
             "dataset_images.py": DATASET_CLASS}
    row = next(r for r in run_check(str(build(tmp_path / "l", files))).results
               if r.component.key == "data_preprocessing_code")
    assert row.status == "partial" and row.evidence[0].path == "dataset_images.py"
    idle = {**files, "utils.py": "def train(model, loader):\n    return model\n"}
    assert status(build(tmp_path / "i", idle), "data_preprocessing_code") == "absent"


@pytest.mark.parametrize("path, text, expected", [
    # an evaluation module of numpy functions named for the measures they compute
    ("src/m/eval/boundary_metrics.py", "import numpy as np\n\n\ndef boundary_f1(pr, gt):\n    return float(np.mean(pr == gt))\n",
     "partial"),
    ("src/m/eval/boundary_metrics.py", "import numpy as np\n\n\ndef edge_recall_matting(pr, gt, t):\n    return 0.0\n",
     "partial"),
    # the same folder's helper that measures nothing
    ("src/m/eval/io_utils.py", "import numpy as np\n\n\ndef load_depth(path):\n    return np.load(path)\n", "absent"),
    # a measure's name outside an evaluation file is not an evaluation
    ("src/m/geometry.py", "import numpy as np\n\n\ndef boundary_f1(pr, gt):\n    return 0.0\n", "absent"),
])
def test_an_evaluation_module_of_plain_measure_functions_is_evaluation_code(tmp_path, path, text, expected):
    """eval/boundary_metrics.py written with numpy alone defines the evaluation's measures
    (boundary_f1, edge_recall_matting): partial evaluation code, though no framework import marks it."""
    assert file_status(tmp_path, "e", path, text, "evaluation_code") == expected


LJS_LINES = "".join(f"DUMMY/LJ001-{i:04d}.wav|Printing, in the only sense with which we are at present concerned.\n"
                    for i in range(60))


@pytest.mark.parametrize("path, expected", [
    ("filelists/ljs_audio_text_test_filelist.txt", "present"),      # a TTS recipe's split lists
    ("resources/filelists/ljspeech/valid.txt", "present"),
    ("data_list/k400/val.csv", "present"),                         # a video recipe's per-split lists
    ("train_test_inputs/nyudepthv2_test_files_with_gt.txt", "present"),
    ("filelists/ljs_audio_text_train_filelist.txt", "absent"),      # the training split is not held out
    ("lists/ljs_audio_text_test_filelist.txt", "absent"),           # a folder that does not say it holds splits
])
def test_a_held_out_split_list_in_a_folder_of_split_lists_is_evaluation_data(tmp_path, path, expected):
    """filelists/ljs_audio_text_test_filelist.txt names the utterances of the test split, one per line:
    the evaluation set given item by item, whatever the file's own name says about data."""
    assert file_status(tmp_path, "s", path, LJS_LINES, "evaluation_data") == expected


RUN_STATS = json.dumps({"dataset": "adult", "algorithm": "ft_transformer", "config": {"seeds": [0, 1, 2]},
                        "metrics": {"train": {"accuracy": 0.91, "roc_auc": 0.95},
                                    "test": {"accuracy": 0.86, "roc_auc": 0.91}}}, indent=4)
DATA_STATS = json.dumps({"pitch": [-2.9, 11.3, 207.4, 60.1], "energy": [-1.4, 8.2, 21.4, 15.3],
                         "accuracy_of_labels": 0.98, "mean_score": 3.1}, indent=4)


@pytest.mark.parametrize("path, text, expected", [
    ("output/adult/ft_transformer/tuned/0/stats.json", RUN_STATS, "present"),   # a run's record of its scores
    ("exp/mlp/adult/0/report.json", RUN_STATS, "present"),
    ("preprocessed_data/LJSpeech/stats.json", DATA_STATS, "absent"),           # statistics of the data
    ("output/adult/ft_transformer/tuned/0/config.json", RUN_STATS, "absent"),  # not a record by its name
])
def test_a_runs_record_with_its_held_out_scores_is_evaluation_results(tmp_path, path, text, expected):
    """stats.json / report.json that a training-and-scoring script wrote, with measures under the
    test split, are the scores as the experiment left them; a data file's statistics are not."""
    assert file_status(tmp_path, "r", path, text, "evaluation_results") == expected


@pytest.mark.parametrize("path", ["exp/catboost/adult/0_evaluation/3/report.json", "eval/run1/stats.json"])
def test_a_runs_record_in_an_evaluation_folder_is_not_evaluation_data(tmp_path, path):
    """exp/.../0_evaluation/3/report.json (a prefixed evaluation folder) is what a scoring run wrote:
    results, not a set the model is scored on."""
    assert file_status(tmp_path, "r", path, RUN_STATS * 20, "evaluation_data") == "absent"


def test_a_picture_kept_in_a_hub_dataset_repository_is_not_data(tmp_path):
    """[![Open in Spaces](https://huggingface.co/datasets/huggingface/badges/resolve/main/x.svg)]: a badge
    hosted in a dataset repository is shown, not read as data; the dataset's own page is data."""
    badge = "https://huggingface.co/datasets/huggingface/badges/resolve/main/open-in-hf-spaces-md-dark.svg"
    readme = f"# M\n\n## Training data\n\n[![Open in Spaces]({badge})](https://huggingface.co/spaces/org/m)\n"
    report = run_check(str(build(tmp_path / "a", {**BASE, "README.md": readme})))
    ds = next(r for r in report.results if r.component.key == "datasets")
    assert ds.status == "absent" and not any("badges" in e.detail for e in ds.evidence)
    page = readme.replace(badge, "https://huggingface.co/datasets/org/m-corpus")
    assert status(build(tmp_path / "b", {**BASE, "README.md": page}), "datasets") == "link_only"


@pytest.mark.parametrize("dataset, datasets, evaluation_data", [
    ("openai/gsm8k", "absent", "link_only"),              # a benchmark by its name
    ("allenai/reward-bench", "absent", "link_only"),
    ("THUDM/humaneval-x", "absent", "link_only"),
    ("org/math-evals", "absent", "link_only"),
    ("cerebras/SlimPajama-627B", "link_only", "absent"),  # a corpus
    ("org/benchmarking-notes-corpus", "absent", "link_only"),
    ("stepfun-ai/StepEval-Audio-360", "absent", "link_only"),  # "Eval" as a word of a camel-case name
    ("org/EvalPlus-Mini", "absent", "link_only"),
    ("org/Medieval-Texts", "link_only", "absent"),  # the letters inside a word
])
def test_a_hub_dataset_named_as_a_benchmark_is_evaluation_data(tmp_path, dataset, datasets, evaluation_data):
    """A Hub dataset whose name says it is a benchmark (reward-bench, gsm8k, humaneval-x) is what the
    model is scored on, wherever the link sits, not what it was trained on."""
    readme = (f"# M\n\n## Data\n\nWe use [{dataset}](https://huggingface.co/datasets/{dataset}) "
              "for this model.\n")
    root = build(tmp_path / "d", {**BASE, "README.md": readme})
    assert (status(root, "datasets"), status(root, "evaluation_data")) == (datasets, evaluation_data)


@pytest.mark.parametrize("lead, expected", [
    ("We provide the training data for replication of our training runs, as memory-mapped arrays.", "link_only"),
    ("The files below hold the tokenizer's vocabulary statistics.", "absent"),
])
def test_a_hub_dataset_cloned_in_a_command_is_the_data_its_paragraph_names(tmp_path, lead, expected):
    """`git lfs clone https://huggingface.co/datasets/...` in a code block: the paragraph before the
    command says whether what it fetches is the training data."""
    readme = (f"# M\n\n### Reproducing\n\n{lead} To download them:\n\n```bash\n"
              "git lfs clone https://huggingface.co/datasets/org/m_pile_idxmaps\n```\n")
    assert readme_status(tmp_path, "c", readme, "datasets") == expected


VIDEO = "https://github.com/user-attachments/assets/3011b07d-e3f4-4e2c-9020-37f7e364b7f3"


@pytest.mark.parametrize("body, expected", [
    (f"Our demo:\n\n{VIDEO}\n", "link_only"),                                       # a bare attachment: played
    (f'<video src="{VIDEO}" controls></video>\n', "link_only"),
    ("[Video](https://github.com/org/m/assets/40556743/3cba936f-82bf-476c-9e52-09f0f417bb2f)\n", "link_only"),
    ("Result: https://user-images.githubusercontent.com/36994049/208253969-7e35fe2a.mp4\n", "link_only"),
    (f"![overview]({VIDEO})\n", "absent"),                                          # an attached picture
    (f'<img src="{VIDEO}" width="500">\n', "absent"),
    (f"<!--\n<video src=\"{VIDEO}\"></video>\n-->\n", "absent"),                    # commented out
    (f"```bash\ncurl -L {VIDEO}\n```\n", "absent"),                                 # a command
])
def test_a_video_played_from_the_hosting_sites_attachments_points_to_sample_outputs(tmp_path, body, expected):
    """A video or recording uploaded to GitHub and played in the README shows what the model does,
    kept outside the repository: a pointer. Attached pictures (figures as often as outputs),
    commented-out players and commands are not."""
    assert readme_status(tmp_path, "v", f"# M\n\nA speech model.\n\n{body}", "sample_outputs") == expected


def test_a_data_folders_readme_links_are_the_datas_sources_not_a_page_of_examples(tmp_path):
    """datasets/income/Readme.md linking census.gov/.../demo/guidance/ (demographics) documents the
    data; it is not a page of the model's examples."""
    readme = "Source: [Census](https://www2.census.gov/programs-surveys/demo/guidance/income.html)\n"
    assert file_status(tmp_path, "a", "datasets/income/Readme.md", readme, "sample_outputs") == "absent"
    assert file_status(tmp_path, "b", "docs/Readme.md", readme, "sample_outputs") == "link_only"


METAFILE = "".join(f"""  - Name: mask-rcnn_swin-{i}_coco
    Metadata:
      Training Data: COCO
    Results:
      - Task: Object Detection
        Dataset: COCO
    Weights: https://download.openmmlab.com/mmdetection/v2.0/swin/mask_rcnn_{i}.pth
    Paper:
      URL: https://arxiv.org/abs/2107.08430
    Code:
      URL: https://github.com/open-mmlab/mmdetection/blob/v2.16.0/mmdet/models/backbones/swin.py#L465
""" for i in range(4))
LISTED = "".join(f"  - name: part{i}\n    url: https://data.example.org/corpus/part{i}.jsonl.gz\n" for i in range(4))


@pytest.mark.parametrize("text, expected", [
    ("Models:\n" + METAFILE, "link_only"),        # a model zoo's index: papers, code, checkpoints
    ("datasets:\n" + LISTED, "present"),           # the data's own locations
])
def test_paper_code_and_checkpoint_addresses_are_not_data_locations(tmp_path, text, expected):
    """An OpenMMLab metafile.yml names "Dataset: COCO" beside each model's paper, code and
    weights addresses: those are not where the data is, so it names the data but does not list it."""
    assert file_status(tmp_path, "m", "configs/swin/metafile.yml", text, "datasets") == expected


@pytest.mark.parametrize("name", ["panoptic_coco_categories.json", "if_constraint_fewshots_handwritten.json"])
def test_category_lists_and_few_shot_prompts_in_a_data_folder_are_not_training_data(tmp_path, name):
    """A category list or the few-shot prompts of a generation script sit in data/ but are not what
    the model was trained on."""
    rows = json.dumps([{"id": i, "name": f"thing-{i}", "isthing": 1, "color": [i, i, i]} for i in range(80)])
    assert file_status(tmp_path, "c", f"data/{name}", rows, "datasets") == "absent"
    assert file_status(tmp_path, "t", "data/train_part1.json", rows, "datasets") == "present"


@pytest.mark.parametrize("path, text, expected", [
    # a Python module of settings in an `hp/` folder: the run's hyperparameters as dict keywords
    ("maxvit/models/hp/vision_i1k.py", "cfg = {}\ncfg['train'] = dict(\n    epochs=300,\n    batch_size=4096,\n"
     "    optimizer='adamw',\n    lr_max=3e-3)\n", "present"),
    ("maxvit/models/layers.py", "cfg = {}\ncfg['train'] = dict(\n    epochs=300,\n    batch_size=4096,\n"
     "    optimizer='adamw',\n    lr_max=3e-3)\n", "absent"),
    # a JSON config written with the trainer's own names (num_steps, grad_accum_factor)
    ("configs/ia3.json", json.dumps({"lora_rank": 0, "lr": 3e-3, "num_steps": 1000}, indent=4), "present"),
    ("configs/global.json", json.dumps({"batch_size": 8, "grad_accum_factor": 1, "max_seq_len": 1024}, indent=2),
     "present"),
    ("configs/ui.json", json.dumps({"num_steps_shown": 3, "lr_label": "x"}, indent=2), "absent"),
])
def test_training_settings_under_the_names_trainers_give_them_are_metadata(tmp_path, path, text, expected):
    """hp/vision_i1k.py (a folder of hyperparameter modules) and configs whose keys are num_steps or
    grad_accum_factor hold the training run's settings."""
    assert file_status(tmp_path, "h", path, text, "model_metadata") == expected


@pytest.mark.parametrize("body, expected", [
    ("## Training\n\nWe provide an open-source repository for fine-tuning the model: "
     "[M-Trainer](https://github.com/org/M-Trainer).\n", "link_only"),
    ("## Training\n\n1. Set up the training code: `git clone -b t0 https://github.com/org/Megatron-DeepSpeed` "
     "and follow its guide.\n", "link_only"),
    ("## Training\n\nDetails on training: [libfacedetection.train](https://github.com/org/libfacedetection.train)\n",
     "link_only"),
    # a repository named for training but not said to train anything here
    ("## Related\n\nSee also [train-ticket](https://github.com/org/train-ticket), a benchmark system.\n", "absent"),
    ("## Training\n\nThe model builds on [transformers](https://github.com/huggingface/transformers).\n", "absent"),
])
def test_training_code_in_a_repository_named_as_the_trainer_is_a_pointer(tmp_path, body, expected):
    """A linked repository named as the model's trainer (M-Trainer, libfacedetection.train) beside
    words about training, or the link after "the training code:", is where the training code is."""
    assert readme_status(tmp_path, "t", f"# M\n\n{body}", "training_code") == expected


@pytest.mark.parametrize("path, expected", [
    ("data/sample_fr_intro.mp3", "absent"),             # a recording of the data: an input
    ("datasets/sample_dataset.csv", "absent"),
    ("data/depth-pro-output.jpg", "present"),            # named as what the model made
    ("data/generated/sample_000.wav", "present"),
    ("samples/sample_fr_intro.mp3", "present"),          # the same name outside a data folder
])
def test_media_and_samples_in_a_data_folder_are_inputs_unless_named_as_outputs(tmp_path, path, expected):
    """A picture, recording or "sample" table in data/ is part of the data (a demo's input), not what
    the model produced, unless its name or sub-folder says it was generated."""
    text = "id,text\n" + "".join(f"{i},row {i}\n" for i in range(50)) if path.endswith(".csv") else "RIFF" + "x" * 64
    assert file_status(tmp_path, "m", path, text, "sample_outputs") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Zero-shot evaluations (corresponding to Table 3 of the paper) can be run with lm-eval.", "link_only"),
    ("See our paper for detailed results and comparisons.", "link_only"),
    ("To replicate the results presented in the paper, visit the companion repository.", "absent"),
    ("This result was not included in the paper.", "absent"),
    ("Its performance is close to the model reported in the paper but does not match it exactly.", "absent"),
    ("```bash\n# evaluate the trained model and report metrics as in our paper\nbash eval.sh\n```", "absent"),
    ("The above command will produce the PSNR and SSIM scores presented in the paper.", "absent"),
    ("Teacher forcing is the default (it yields better results as stated in the paper).", "absent"),
    ("The current quality cannot match the results from the original paper.", "absent"),
    ("See the original paper for the results.", "absent"),
])
def test_a_sentence_that_points_to_the_papers_results_is_a_pointer_but_not_any_mention(tmp_path, sentence, expected):
    """"Table 3 of the paper", "see our paper for results" send the reader to the scores; a purpose
    ("to replicate the results in the paper"), what running the code gives ("will produce the scores
    presented in the paper"), "the original paper" a re-implementation follows, a negation, a comparison
    or a code comment does not."""
    readme = f"# M\n\nA model for segmentation of cells.\n\n{sentence}\n"
    assert readme_status(tmp_path, "p", readme, "evaluation_results") == expected


@pytest.mark.parametrize("code, expected", [
    ('```python\nfrom huggingface_hub import snapshot_download\npath = snapshot_download(repo_id="org/ProDiff")\n```',
     "link_only"),
    ('```python\nckpt = hf_hub_download("org/m-base", "model.ckpt")\n```', "link_only"),
    ("```bash\nhuggingface-cli download org/m-base --local-dir ckpt\n```", "link_only"),
    ('```python\nsnapshot_download(repo_id="org/m-data", repo_type="dataset")\n```', "absent"),
    ('```python\nsnapshot_download(repo_id=args.repo)\n```', "absent"),
])
def test_a_document_that_fetches_a_model_repository_from_the_hub_points_to_the_weights(tmp_path, code, expected):
    """`snapshot_download(repo_id="org/m")`, `hf_hub_download`, `huggingface-cli download org/m` in a
    README's code fetch the model's parameters from the Hub: a pointer to them (a dataset is not)."""
    readme = f"# M\n\nA text-to-speech model.\n\n## Pretrained models\n\n{code}\n"
    assert readme_status(tmp_path, "h", readme, "final_parameters") == expected


@pytest.mark.parametrize("call, expected", [
    ('snapshot_download(repo_id="org/m-base")', "link_only"),
    ('hf_hub_download("org/m-base", filename="model.ckpt")', "link_only"),
    ('snapshot_download(repo_id="org/m-data", repo_type="dataset")', "absent"),
])
def test_python_code_that_fetches_a_model_repository_from_the_hub_points_to_the_weights(tmp_path, call, expected):
    code = f"from huggingface_hub import hf_hub_download, snapshot_download\n\n\ndef fetch():\n    return {call}\n"
    assert file_status(tmp_path, "p", "download.py", code, "final_parameters") == expected


REDESIGN = ("import numpy as np\nimport torch\nfrom model import Model\n\nmodel = Model()\n"
            "model.load_state_dict(torch.load('log/epoch90.pt'))\nwith torch.no_grad():\n"
            "    y = model(torch.randn(8, 4))\nnp.save('designs.npy', y.numpy())\n")


@pytest.mark.parametrize("path, text, expected", [
    ("experiments/test_redesign.py", REDESIGN, "present"),  # a script named for the split it runs on
    ("experiments/test_redesign.py", "import pytest\n" + REDESIGN, "absent"),  # a test framework: a test
    ("experiments/test_redesign.py", REDESIGN + "\n\ndef test_designs():\n    assert True\n", "absent"),
    ("tests/test_redesign.py", REDESIGN, "absent"),  # under a tests folder: a test
])
def test_a_script_named_like_a_test_file_but_holding_no_test_is_the_projects_code(tmp_path, path, text, expected):
    """experiments/test_redesign.py that loads the checkpoint, runs the model and writes what it made
    is the project's inference script; a file with test functions, a test framework, or under tests/
    is a unit test."""
    assert file_status(tmp_path, "t", path, text, "inference_code") == expected


@pytest.mark.parametrize("name, expected", [
    ("data/build_chain_dataset.py", "present"), ("scripts/make_pretrain_data.py", "present"),
    ("scripts/build_model.py", "absent"),
])
def test_a_script_named_build_something_dataset_prepares_data(tmp_path, name, expected):
    code = "import json\n\nrows = []\nfor i in range(10):\n    rows.append({'id': i})\njson.dump(rows, open('out.jsonl', 'w'))\n"
    assert file_status(tmp_path, "b", name, code, "data_preprocessing_code") == expected


def test_a_code_block_written_in_html_is_read_as_code(tmp_path):
    """`<details><summary>..</summary><pre><code>python main.py --lr 5e-5 --epochs 300</code></pre>`:
    the training command in an HTML block is a code block like a fenced one."""
    html = ("## Training\n<details>\n<summary>To train the model, run:</summary>\n<pre><code>\n"
            "python -m torch.distributed.launch main.py \\\n    --batch_size 2 \\\n    --lr 5e-5 \\\n"
            "    --epochs 300\n</code></pre>\n</details>\n")
    assert readme_status(tmp_path, "h", "# M\n\n" + html, "model_metadata") == "partial"
    prose_only = html.replace("<pre><code>", "<p>").replace("</code></pre>", "</p>")
    assert readme_status(tmp_path, "p", "# M\n\n" + prose_only, "model_metadata") == "absent"


@pytest.mark.parametrize("path, expected", [
    ("visualization/exp/Det-Tok-41_attn.png", "present"),   # what the model drew, in a visualisation folder
    ("visualization/exp/gt_img.png", "absent"),             # the ground truth beside it
    ("docs/visual_abstract_block.png", "absent"),           # a figure of the method
])
def test_a_visualisation_folders_images_are_sample_outputs_but_ground_truth_is_not(tmp_path, path, expected):
    png = "\x89PNG\r\n\x1a\n" + "x" * 64
    assert file_status(tmp_path, "v", path, png, "sample_outputs") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("This repository contains training and inference code for the MoLeR model introduced in "
     "[Learning to Extend Molecular Scaffolds with Structural Motifs](https://arxiv.org/abs/2103.03864).",
     "link_only"),
    ("This repository builds on ideas from [Learning to Extend Molecular Scaffolds with Structural Motifs]"
     "(https://arxiv.org/abs/2103.03864), among others.", "absent"),
])
def test_the_code_for_the_model_introduced_in_a_paper_names_its_own_paper(tmp_path, sentence, expected):
    """"Code for the X model introduced in [paper]" at the top of the README gives the model's paper."""
    assert paper_status(tmp_path, "m", f"# MoLeR\n\n{sentence}\n\n## Install\n\npip install x\n") == expected


@pytest.mark.parametrize("code, expected", [
    ("class VAE:\n    @classmethod\n    def get_default_hyperparameters(cls):\n        return {\n"
     "            'gnn_hidden_dim': 64,\n            'gnn_num_layers': 12,\n            'dropout_rate': 0.0,\n"
     "            'kl_divergence_weight': 0.02,\n        }\n", "partial"),
    ("def get_default_config():\n    C = {}\n    C['num_workers'] = 4\n    C.batch_size = 64\n"
     "    C.learning_rate = 3e-4\n    C.weight_decay = 0.1\n    C.grad_norm_clip = 1.0\n    return C\n", "partial"),
    ("def get_default_config():\n    return load_yaml('config.yaml')\n", "absent"),       # sets nothing itself
    ("def make_layers():\n    a = 1\n    b = 2\n    c = 3\n    d = 4\n    return a + b + c + d\n", "absent"),
])
def test_a_function_giving_the_models_default_settings_is_partial_metadata(tmp_path, code, expected):
    """get_default_hyperparameters() / get_default_config() that set the model's and the trainer's
    values are the settings it is built and trained with unless told otherwise: part of the metadata."""
    assert file_status(tmp_path, "d", "pkg/models/vae.py", code, "model_metadata") == expected


def test_a_readme_whose_top_is_badges_still_describes_the_model(tmp_path):
    """Ninety leaderboard badges (twenty thousand characters of links) before the README's text must not
    crowd out what it says about the model."""
    badge = ("[![PWC](https://img.shields.io/endpoint.svg?url=https://paperswithcode.com/badge/m-scaling/"
             "action-classification-on-kinetics-{0})](https://paperswithcode.com/sota/action-classification-on-"
             "kinetics-{0}?p=m-scaling-video-foundation-models-for-video-understanding)\n")
    readme = ("# M\n\n" + "".join(badge.format(i) for i in range(90)) +
              "\nThis repo gives the code and the model M, a video encoder for action recognition.\n\n"
              "Weights: [M-1B](https://huggingface.co/org/M-1B)\n")
    assert len(readme) > 20000
    assert readme_status(tmp_path, "b", readme, "model_card") == "partial"


def test_a_demo_built_on_detectron2_is_an_inference_script(tmp_path):
    """demo/demo.py of a detectron2 project imports the framework, not torch: it is still the script
    that runs the model."""
    demo = ("import argparse\nfrom detectron2.config import get_cfg\nfrom predictor import VisualizationDemo\n\n\n"
            "if __name__ == '__main__':\n    cfg = get_cfg()\n    demo = VisualizationDemo(cfg)\n"
            "    demo.run_on_image(None)\n")
    assert file_status(tmp_path, "d", "demo/demo.py", demo, "inference_code") in ("partial", "present")
    plain = demo.replace("from detectron2.config import get_cfg", "from config import get_cfg")
    assert file_status(tmp_path, "p", "demo/demo.py", plain, "inference_code") == "absent"


@pytest.mark.parametrize("sentence, expected", [
    ("You can use the [pre-trained model](https://github.com/org/m/releases/download/v1/popcs_ds_1230.zip).",
     "link_only"),
    ("Download the [source archive](https://github.com/org/m/releases/download/v1/m-1.0.zip) to build it.",
     "absent"),
])
def test_a_checkpoint_attached_to_a_release_is_a_file_host_download(tmp_path, sentence, expected):
    """A release's attached file linked as the pre-trained model is the weights, hosted by the release."""
    assert readme_status(tmp_path, "r", f"# M\n\n## Inference\n\n{sentence}\n", "final_parameters") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Audio samples are available at https://org.github.io/m/.", "link_only"),
    ("Generated samples can be found [here](https://org.github.io/m/).", "link_only"),
    ("Training samples are loaded from https://data.example.org/corpus/ in shards.", "absent"),
    # a link labelled as the demo's page or site, also in an HTML block with an entity in its label
    ("📈 [Demo Site](https://org.notion.site/M-11389fce0ce2)<br>", "link_only"),
    ('<div align="center">\n    <a href="https://m.github.io" target="_blank">Demo&nbsp;Page</a>\n</div>', "link_only"),
    ('<div align="center">\n    <a href="https://m.github.io" target="_blank">Project&nbsp;Page</a>\n</div>', "absent"),
])
def test_a_sentence_saying_where_the_samples_are_points_to_them(tmp_path, sentence, expected):
    """"Audio samples are available at <page>" sends the reader to the model's outputs elsewhere."""
    assert readme_status(tmp_path, "s", f"# M\n\nA vocoder.\n\n{sentence}\n", "sample_outputs") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("2. All the six benchmark datasets can be obtained from [Google Drive](https://drive.google.com/file/d/1CC4Zr/view).",
     "link_only"),
    ("The slides can be obtained from [Google Drive](https://drive.google.com/file/d/1CC4Zr/view).", "absent"),
])
def test_a_sentence_saying_where_the_datasets_are_obtained_points_to_the_data(tmp_path, sentence, expected):
    """"The datasets can be obtained from [host]" (the passive of a set-up step) points to the data."""
    readme = f"# M\n\nA forecasting model.\n\n## Get Started\n\n1. Install Python 3.8.\n{sentence}\n"
    assert readme_status(tmp_path, "o", readme, "datasets") == expected


@pytest.mark.parametrize("name, expected", [
    ("data/processed/ljspeech/mfa_dict.txt", "absent"),          # a pronunciation dictionary
    ("data/processed/ljspeech/metadata_phone.csv", "absent"),   # the corpus's metadata table
    ("data/gene_ids_v2.txt", "absent"),
    ("data/processed/ljspeech/train_phone.csv", "present"),     # the training rows themselves
])
def test_snake_case_names_of_lookups_in_a_data_folder_are_not_training_data(tmp_path, name, expected):
    """An underscore ends a word in a file name: mfa_dict.txt is a dictionary, metadata_phone.csv a
    metadata table, as mfa-dict.txt and metadata.csv would be."""
    rows = "".join(f"LJ001-{i:04d}|P R IH1 N T IH0 NG|printing in the only sense {i}\n" for i in range(80))
    assert file_status(tmp_path, "n", name, rows, "datasets") == expected


@pytest.mark.parametrize("call, expected", [
    ('solver.evaluate("test")', "partial"),            # a framework's engine scores the test split by name
    ('engine.validate(split="test")', "partial"),
    ('solver.evaluate("valid")', "absent"),            # the validation split alone is training's check
    ('print("test")', "absent"),
])
def test_a_script_that_has_an_engine_score_the_test_split_is_evaluation_code(tmp_path, call, expected):
    code = (f"import torch\nfrom torchdrug import core\n\n\ndef test(cfg, solver):\n    return {call}\n\n\n"
            "if __name__ == '__main__':\n    test(None, core.Engine())\n")
    assert file_status(tmp_path, "e", "script/downstream.py", code, "evaluation_code") == expected


# ---- a data section that says where the data is, not what it is ------------------------------
def test_a_data_section_that_only_says_how_to_download_and_arrange_the_data_is_not_a_data_card(tmp_path):
    howto = ("# M\n\n## Data\n\nPlease download [COCO 2017](https://cocodataset.org/) dataset and organize them "
             "as following:\n```\nCOCODIR/\n  train2017/\n  val2017/\n```\n\nIf you have any question, please "
             "contact us.\nhttps://drive.google.com/file/d/abc/view\n")
    assert status(build(tmp_path / "a", {**BASE, "README.md": howto}), "data_card") == "absent"
    described = howto.replace("If you have", "The corpus holds street scenes collected by our annotators in "
                                            "twelve cities over two years. If you have")
    assert status(build(tmp_path / "b", {**BASE, "README.md": described}), "data_card") == "partial"
    sized = howto.replace("If you have", "It has 118,000 images. If you have")
    assert status(build(tmp_path / "c", {**BASE, "README.md": sized}), "data_card") == "partial"


def test_a_benchmarks_readme_in_an_evaluation_folder_describes_evaluation_data_not_training_data(tmp_path):
    """m-eval/instruct/Bench/README.md with a "## Data" section and a table of its sets (the benchmark
    and an instruct set of its own): not the model's data card nor its training datasets."""
    bench = ("# Bench: a multilingual code evaluation\n\n## Data\n\n| **Dataset** | **Download** |\n|---|---|\n"
             "| Bench Evaluation Dataset | [HF](https://huggingface.co/datasets/o/Bench) |\n"
             "| Bench-Instruct | [HF](https://huggingface.co/datasets/o/Bench-Instruct) |\n\n"
             "The evaluation set covers 40 languages written by annotators who are fluent programmers.\n")
    files = {**BASE, "README.md": "# M\n", "m-eval/instruct/Bench/README.md": bench}
    tree = build(tmp_path / "a", files)
    assert status(tree, "data_card") == "absent" and status(tree, "datasets") == "absent"
    assert status(tree, "evaluation_data") != "absent"
    training = bench.replace("Bench: a multilingual code evaluation", "Training data").replace("Evaluation ", "")
    moved = build(tmp_path / "b", {**BASE, "README.md": "# M\n", "docs/data/README.md": training.split("The ")[0]})
    assert status(moved, "datasets") == "link_only"


def test_a_paper_given_with_its_authors_and_venue_at_the_top_is_the_works_own(tmp_path):
    """> **[Title](arxiv)**</br> / > Authors</br> / > *In Conference on ... (CVPR), 2023*: the header
    block of the paper this repository implements, though no word says "paper"."""
    readme = ("# M\n\nThe official implementation of M.\n\n"
              "> **[Revisiting Weak-to-Strong Consistency](https://arxiv.org/abs/2208.09910)**</br>\n"
              "> A. Author, B. Author</br>\n> *In Conference on Computer Vision and Pattern Recognition (CVPR), 2023*\n")
    venue = "> *In Conference on Computer Vision and Pattern Recognition (CVPR), 2023*\n"
    assert_readme_line_decides(tmp_path, readme, venue, "", "research_paper", "link_only")


def test_a_tables_links_are_checkpoints_when_its_caption_says_so(tmp_path):
    """A results table whose scores link to files on a drive, under "*You can click on the numbers to
    be directed to corresponding checkpoints.*": the links are the weights."""
    table = ("| Method | 1/16 | 1/8 |\n|---|---|---|\n"
             "| **M (Ours)** | [**75.0**](https://drive.google.com/file/d/1J-GjeZRhIhnbxtD8f/view) | "
             "[**76.8**](https://drive.google.com/file/d/1pA-enIDGWSVyhJg7S/view) |\n")
    caption = "*You can click on the numbers to be directed to corresponding checkpoints.*\n\n"
    readme = f"# M\n\n## Results\n\n### Cityscapes\n\n{caption}{table}"
    assert_readme_line_decides(tmp_path, readme, caption, "*Mean IoU on the validation set.*\n\n",
                               "final_parameters", "link_only")


def assert_readme_line_decides(tmp_path, readme: str, line: str, instead: str, component: str, expected: str):
    """With `line` the README gives `component` the status `expected`; with `instead` in its place, none."""
    assert status(build(tmp_path / "with", {**BASE, "README.md": readme}), component) == expected
    without = readme.replace(line, instead)
    assert without != readme
    assert status(build(tmp_path / "without", {**BASE, "README.md": without}), component) == "absent"


@pytest.mark.parametrize("path, expected", [
    ("interpreter_demo/data.csv", "absent"),   # what a demo reads
    ("web-demo/data/train.jsonl", "absent"),
    ("data/train.csv", "present"),             # a data folder's file
    ("demography/data.csv", "present"),        # (a word that starts with "demo")
])
def test_data_files_in_a_demos_folder_are_its_inputs_not_training_data(tmp_path, path, expected):
    rows = "a,b,c\n" + "1,2,3\n" * 400
    assert file_status(tmp_path, "r", path, rows, "datasets") == expected


FAIRSEQ_RUN = ("import shlex\nimport sys\nfrom fairseq_cli.train import cli_main as fairseq_train\n\n\n"
               "def train(args):\n    sys.argv = shlex.split('fairseq-train data/bin --arch bart_base')\n"
               "    fairseq_train()\n\n\nif __name__ == '__main__':\n    train(None)\n")


def test_a_script_that_runs_a_frameworks_training_entry_point_is_training_code(tmp_path):
    """`from fairseq_cli.train import cli_main as fairseq_train` ... `fairseq_train()`: the run is the
    script's, the loop the framework's."""
    assert file_status(tmp_path, "a", "scripts/run_model.py", FAIRSEQ_RUN, "training_code") == "present"
    generate = FAIRSEQ_RUN.replace("fairseq_cli.train", "fairseq_cli.generate")
    assert file_status(tmp_path, "b", "scripts/run_model.py", generate, "training_code") == "absent"


def test_an_examples_folder_that_reproduces_the_authors_results_is_their_own(tmp_path):
    """examples/README.md: "scripts for reproducing our experimental results": the authors' own runs,
    not recipes for the reader's models; a folder of examples for users stays the users'."""
    own = "# Examples\n\nIn this directory we provide scripts for reproducing our experimental results.\n"
    users = "# Examples\n\nIn this directory we provide scripts to fine-tune the model on your own data.\n"
    for name, text, expected in (("own", own, "present"), ("users", users, "absent")):
        files = {**BASE, "README.md": "# M\n", "examples/README.md": text, "examples/pretrain/run_model.py": FAIRSEQ_RUN}
        assert status(build(tmp_path / name, files), "training_code") == expected, name


def test_data_files_the_readmes_usage_example_loads_are_its_inputs(tmp_path):
    """"## Usage ... # Load your dataset / X_train = np.load("data/x_train.npy")": files shipped so
    that the snippet runs, not the training or evaluation data; a snippet that trains keeps them."""
    usage = ("# M\n\n## Usage\n\n```python\nimport numpy as np\nfrom m import Classifier\n\n"
             "X_train, y_train = np.load(\"data/x_train.npy\"), np.load(\"data/y_train.npy\")\n"
             "X_test = np.load(\"data/x_test.npy\")\nmodel = Classifier()\nmodel.fit(X_train, y_train)\n"
             "predictions = model.predict(X_test)\n```\n")
    rows = "\x93NUMPY" + "0" * 5000
    files = {**BASE, "README.md": usage, "data/x_train.npy": rows, "data/y_train.npy": rows, "data/x_test.npy": rows}
    tree = build(tmp_path / "a", files)
    assert status(tree, "datasets") == "absent" and status(tree, "evaluation_data") == "absent"
    trains = {**files, "README.md": usage.replace("model.fit(X_train, y_train)", "trainer = Trainer(model)")}
    assert status(build(tmp_path / "b", trains), "datasets") == "present"


OPTIONS = ("import argparse\n\n\ndef create_parser():\n    parser = argparse.ArgumentParser()\n"
           "    parser.add_argument('--hidden_dim', default=128, type=int)\n"
           "    parser.add_argument('--lr', default=0.001, type=float)\n"
           "    parser.add_argument('--batch_size', default=8, type=int)\n"
           "    parser.add_argument('--epoch', default=100, type=int)\n    return parser\n")


@pytest.mark.parametrize("path, expected", [
    ("parser.py", "partial"),                  # a module of command-line options
    ("network/arguments.py", "partial"),
    ("options/train_options.py", "partial"),
    ("network/layers.py", "absent"),           # the same calls in a module of another name
])
def test_an_options_modules_hyperparameter_defaults_are_partial_metadata(tmp_path, path, expected):
    """parser.py whose argparse defaults set lr, batch size and epochs: the settings a run uses unless
    told otherwise -- the training configuration as option defaults, not the run's record."""
    assert file_status(tmp_path, "r", path, OPTIONS, "model_metadata") == expected
    if expected == "partial":  # options that set no training hyperparameter say nothing of the run
        no_hp = OPTIONS.replace("'--lr'", "'--data_root'").replace("'--batch_size'", "'--out'").replace("'--epoch'", "'--seed'")
        assert file_status(tmp_path, "s", path, no_hp, "model_metadata") == "absent"


@pytest.mark.parametrize("line, expected", [
    # a step that tells the reader to fetch a named data set, in a training section of any name
    ("1. Download [LJ Speech Data](https://keithito.com/LJ-Speech-Dataset). In this example it's in `data/`",
     "link_only"),
    ("a) Download and extract the [LJ Speech dataset](https://keithito.com/LJ-Speech-Dataset/), then link it",
     "link_only"),
    ("For the [preprocessed FS-Mol dataset](https://cloud.example.org/s/x/download) used in the paper run "
     "the following commands, which downloads and unzips it", "link_only"),
    # data to try the recipe on, and a sentence that only says something can be downloaded
    ("Download the demo [dataset](https://zenodo.org/record/7860267) and unzip it to `data/`.", "absent"),
    ("The predictions are hosted on [Cloud Public Datasets](https://console.example.com/datasets) and are "
     "available to download at no cost.", "absent"),
])
def test_a_download_step_naming_a_data_set_points_to_the_data(tmp_path, line, expected):
    """"1. Download [LJ Speech Data]" under "Train your own model": the link is where the training
    data comes from, though the section is not called Data."""
    readme = f"# M\n\n## Train your own model\n\n{line}\n\n2. Run `python train.py`\n"
    assert readme_status(tmp_path, "r", readme, "datasets") == expected


@pytest.mark.parametrize("path, urls, expected", [
    # data-repository hosts, whatever the address's extension
    ("m/pertdata.py", ["https://dataverse.harvard.edu/api/access/datafile/615341%d" % i for i in range(3)], "link_only"),
    # a script named for fetching data, with one or two archives
    ("download.py", ["https://physionet.org/files/challenge-2012/1.0.0/set-a.tar.gz?download"], "link_only"),
    ("get_data.py", ["https://example.org/uploads/STMVL-Release.zip"], "link_only"),
    # the same archive in a module of another name, and a download script that fetches a model
    ("m/utils.py", ["https://example.org/uploads/STMVL-Release.zip"], "absent"),
    ("download.py", ["https://example.org/models/checkpoint_best.zip"], "absent"),
])
def test_data_addresses_in_code_point_to_the_datasets(tmp_path, path, urls, expected):
    """Addresses of data archives or data-repository files in the code: where the training data is."""
    lines = "".join(f"URL{i} = {u!r}\n" for i, u in enumerate(urls))
    code = f"import urllib.request\n\n{lines}\n\ndef fetch():\n    urllib.request.urlretrieve(URL0, 'data.zip')\n"
    assert file_status(tmp_path, "r", path, code, "datasets") == expected


PASS_AT_K = ("import time\nimport numpy as np\nimport torch\n\n\ndef estimate_pass_at_k(num_samples, num_correct, k):\n"
             "    return np.array([1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1)) for n, c in "
             "zip(num_samples, num_correct)])\n\n\ndef run(problems):\n    start = time.time()\n"
             "    correct = [int(p['ok']) for p in problems]\n    print(time.time() - start)\n"
             "    return estimate_pass_at_k([1] * len(correct), correct, 1)\n\n\nif __name__ == '__main__':\n"
             "    run([])\n")


def test_a_benchmark_script_that_estimates_pass_at_k_scores_the_model(tmp_path):
    """benchmark/exec.py timing its runs and estimating pass@k: a measure of quality (code generation's),
    not a speed benchmark."""
    assert file_status(tmp_path, "a", "benchmark/exec.py", PASS_AT_K, "evaluation_code") != "absent"
    timed = PASS_AT_K.replace("estimate_pass_at_k", "summarise_runs")
    assert file_status(tmp_path, "b", "benchmark/exec.py", timed, "evaluation_code") == "absent"


@pytest.mark.parametrize("folder, credits, expected", [
    ("cosyvoice", "* [CosyVoice](https://github.com/FunAudioLLM/CosyVoice)", "absent"),   # a credited project's copy
    ("funasr_detach", "* [FunASR](https://github.com/modelscope/FunASR)", "absent"),     # ... under a copy's name
    ("cosyvoice", "* [Matcha-TTS](https://github.com/shivammehta25/Matcha-TTS)", "present"),  # another project credited
])
def test_a_folder_named_for_a_project_the_acknowledgements_credit_is_that_projects_copy(tmp_path, folder, credits,
                                                                                         expected):
    """cosyvoice/ beside "## Acknowledgements * [CosyVoice](github.com/FunAudioLLM/CosyVoice)": the credited
    project's code copied in (its trainer trains that project's models), though it has no license file."""
    readme = f"# M\n\nRun `python infer.py`.\n\n## Acknowledgements\n\n{credits}\n"
    files = {**BASE, "README.md": readme, f"{folder}/utils/train_utils.py": TRAIN_LOOP}
    assert status(build(tmp_path / "r", files), "training_code") == expected


@pytest.mark.parametrize("readme, sub_title, expected", [
    ("# SadTalker\n\nRun `python inference.py`.\n", "# Distributed Arcface Training in Pytorch", "absent"),
    # the README introduces the sub-project by its folder's name: the release's own
    ("# SadTalker\n\nTrain the face encoder with `arcface_torch/train.py`.\n", "# Distributed Arcface Training", "present"),
    # the sub-project calls itself by the project's name
    ("# SadTalker\n\nRun `python inference.py`.\n", "# SadTalker face encoder training", "present"),
])
def test_a_self_contained_project_the_readme_never_names_is_another_projects_copy(tmp_path, readme, sub_title,
                                                                                 expected):
    """src/face3d/models/arcface_torch/ with a README and a dependency list of its own, never named by
    the root README and not calling itself by the project's name: another project copied in for a part
    (its trainer trains that project's model), even with no license file of its own."""
    folder = "src/face3d/models/arcface_torch"
    files = {**BASE, "README.md": readme, f"{folder}/README.md": f"{sub_title}\n\nA library for face recognition.\n",
             f"{folder}/requirement.txt": "torch\ntensorboard\n", f"{folder}/train.py": TRAIN_LOOP}
    assert status(build(tmp_path / "r", files), "training_code") == expected


def test_self_contained_projects_are_read_within_a_bound(tmp_path):
    """A tree of many folders each with a README and a requirements file reads at most
    MAX_SUBPROJECT_READS of their READMEs (the rest are left as the release's own)."""
    from mof_lint.detectors.code import MAX_SUBPROJECT_READS, _unannounced_projects
    from mof_lint.repo import RepoView
    files = {"README.md": "# M\n\nA model.\n"}
    for i in range(MAX_SUBPROJECT_READS + 10):
        files[f"p/x{i:04d}/README.md"] = "# Other\n"
        files[f"p/x{i:04d}/requirements.txt"] = "torch\n"
    assert len(_unannounced_projects(RepoView(str(build(tmp_path / "r", files))))) == MAX_SUBPROJECT_READS


def test_a_copied_projects_modules_are_still_what_the_model_is_built_from(tmp_path):
    """The copy's trainer is the credited project's; its network modules, which the release builds its
    model from, are still this model's architecture (as its inference code is still how to run it)."""
    readme = "# M\n\nRun `python infer.py`.\n\n## Acknowledgements\n\n* [CosyVoice](https://github.com/FunAudioLLM/CosyVoice)\n"
    files = {"LICENSE": APACHE_HEAD, "README.md": readme, "cosyvoice/flow/decoder.py": TORCH_MODEL,
             "cosyvoice/utils/train_utils.py": TRAIN_LOOP}
    tree = build(tmp_path / "r", files)
    assert status(tree, "model_architecture") == "present"
    assert status(tree, "training_code") == "absent"


@pytest.mark.parametrize("sentence, expected", [
    ("Our tokenizer improves reconstruction FID from **2.11** to **0.30** on MJHQ-30K.", "partial"),
    ("It reaches a PSNR of 32.41 dB on the Set5 benchmark.", "partial"),
    ("We report FID and PSNR in the paper.", "absent"),  # measures named, no value
])
def test_a_readme_sentence_stating_a_non_percentage_score_is_partial_results(tmp_path, sentence, expected):
    """Scores that are not percentages ("reconstruction FID from 2.11 to 0.30") stated in the README's
    prose, with no results table: partial evaluation results, as "accuracy of 91 %" is."""
    readme = f"# M\n\nA text-to-image model.\n\n{sentence}\n\n## Usage\n\nRun `python sample.py`.\n"
    assert readme_status(tmp_path, "r", readme, "evaluation_results") == expected


@pytest.mark.parametrize("path, expected", [
    ("data/test/GSM8K_test.jsonl", "present"),     # the test split of a data folder
    ("data/tests/problems.jsonl", "present"),
    ("tests/data/test/problems.jsonl", "absent"),  # unit tests' fixtures, however nested
    ("tests/problems.jsonl", "absent"),
])
def test_a_data_folders_test_split_is_evaluation_data_not_a_fixture(tmp_path, path, expected):
    """data/test/GSM8K_test.jsonl: the held-out split the model is scored on; a test/ folder is a
    unit-test folder only outside a data folder."""
    rows = "".join(json.dumps({"question": f"q{i}", "answer": str(i)}) + "\n" for i in range(200))
    assert file_status(tmp_path, "r", path, rows, "evaluation_data") == expected


@pytest.mark.parametrize("owner, expected", [("acme", "link_only"), ("someone-else", "absent")])
def test_a_hub_dataset_of_the_releases_own_publisher_is_its_data(tmp_path, owner, expected):
    """A resources table linking "acme/m-6k" (a Hub dataset) beside "acme/m-7b-sft" (the model): the
    publisher's own data, released with the model; another owner's dataset in the same table is a mention."""
    readme = ("# M\n\n## Resources\n\n| Resource | Link |\n|---|---|\n"
              f"| m-6k | [HF Repo](https://huggingface.co/datasets/{owner}/m-6k) |\n"
              "| m-7b-sft | [HF Repo](https://huggingface.co/acme/m-7b-sft) |\n")
    assert readme_status(tmp_path, "r", readme, "datasets") == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The training and evaluation code can be found in our library [glue-factory](https://github.com/cvg/glue-factory/).",
     "link_only"),
    ("The training code is available at [m-train](https://github.com/org/m-train).", "link_only"),
    ("The training and evaluation code will be released in [glue-factory](https://github.com/cvg/glue-factory/).",
     "absent"),
])
def test_a_sentence_that_says_where_the_training_code_is_points_there(tmp_path, sentence, expected):
    """"The training and evaluation code can be found in our library [X](github...)": the trainer is
    another repository, a pointer; a promise of a future release points nowhere yet."""
    readme = f"# M\n\nA feature matcher.\n\n{sentence}\n"
    assert readme_status(tmp_path, "r", readme, "training_code") == expected


@pytest.mark.parametrize("path, expected", [
    ("configs/train_decoder_config.test.json", "absent"),  # a test run's settings, named for a split
    ("data/model_cfg.val.json", "absent"),
    ("data/test.json", "present"),                        # the split itself
])
def test_a_json_named_as_a_config_is_not_a_data_file(tmp_path, path, expected):
    """train_decoder_config.test.json: the settings of a test run, not the test split."""
    rows = json.dumps([{"question": f"q{i}", "answer": str(i)} for i in range(200)])
    assert file_status(tmp_path, "r", path, rows, "evaluation_data") == expected


@pytest.mark.parametrize("printed, expected", [
    ("{'R@1': 17.79, 'R@5': 40.61, 'R@10': 55.29}\n", "partial"),            # retrieval's recall at k
    ("{'mean_rank': 673.3, 'median_rank': 524.0}\n", "partial"),
    ("{'batch': 17, 'images': 40}\n", "absent"),
])
def test_a_zero_shot_notebooks_retrieval_scores_are_partial_results(tmp_path, printed, expected):
    """notebooks/zeroshot.ipynb kept "{'R@1': 17.8, 'R@5': 40.6}": retrieval measures (recall at k,
    mean rank) are scores like an accuracy."""
    assert file_status(tmp_path, "r", "notebooks/zeroshot.ipynb", _notebook(printed), "evaluation_results") == expected


# ---- a paper named only by the README's BibTeX --------------------------------------------------
_BIB = ("@inproceedings{{Chan2022,\n  author = {{Eric Chan and Connor Lin}},\n  title = {{{title}}},\n"
        "  booktitle = {{CVPR}},\n  year = {{2022}}\n}}\n")


def test_a_bibtex_entry_of_a_published_paper_names_the_models_paper(tmp_path):
    """A README that asks to be cited with a BibTeX entry of a published work (title and venue, no
    link) points to its paper: link_only, on the entry's line. An @misc entry citing the repository
    itself, a citation block of many works, and the paper of an earlier version of the project
    ("CodeGeeX: ..." in CodeGeeX4's README) do not."""
    def readme(head: str, block: str) -> str:
        return f"# {head}\n\nA 3D GAN.\n\n## Citation\n\n```\n{block}```\n"
    own = readme("EG3D", _BIB.format(title="Efficient Geometry-aware 3D Generative Adversarial Networks"))
    report = run_check(str(build(tmp_path / "own", {**BASE, "README.md": own})))
    paper = next(r for r in report.results if r.component.key == "research_paper")
    assert paper.status == "link_only" and paper.evidence[0].line == 8
    software = readme("Silero VAD", "@misc{Silero,\n  title = {Silero VAD: a voice activity detector},\n"
                      "  howpublished = {\\url{https://github.com/snakers4/silero-vad}},\n  year = {2024}\n}\n")
    many = readme("Zoo", "".join(_BIB.format(title=f"Some Generative Network Number {i}") for i in range(3)))
    earlier = readme("CodeGeeX4: Open Multilingual Code Generation Model",
                     _BIB.format(title="CodeGeeX: A Pre-Trained Model for Code Generation"))
    for name, text in (("software", software), ("many", many), ("earlier", earlier)):
        assert readme_status(tmp_path, name, text, "research_paper") == "absent", name


def test_a_bibtex_doi_field_points_to_the_paper(tmp_path):
    """`doi = {10.21105/joss.05027}` in the README's BibTeX is the paper's DOI, as a doi.org link
    would be: in a citation section it is this work's paper; outside one, a cited work."""
    entry = ("@article{Zaurin2023,\n  doi = {10.21105/joss.05027},\n  journal = {Journal of Open Source "
             "Software},\n  title = {{pytorch-widedeep: A flexible package}},\n  year = {2023}\n}\n")
    cite = f"# widedeep\n\nA library.\n\n### Cite\n\n```\n{entry}```\n"
    assert readme_status(tmp_path, "cite", cite, "research_paper") == "link_only"
    report = run_check(str(build(tmp_path / "d", {**BASE, "README.md": cite})))
    paper = next(r for r in report.results if r.component.key == "research_paper")
    assert any(e.url == "https://doi.org/10.21105/joss.05027" for e in paper.evidence)


def test_a_class_extending_a_librarys_network_class_is_architecture(tmp_path):
    """`class DecoderOnlyLanguageModelGenerate(models.DecoderOnlyLanguageModel)` in JAX code (the
    network class of a library the code builds on, not nn.Module) defines the released network as that
    class with this file's changes. A standard-library class (json.JSONEncoder) is no network, and
    without a deep-learning framework imported nothing says the class is one."""
    jax = ("import jax\nfrom transformer import models\n\n\n"
           "class DecoderOnlyLanguageModelGenerate(models.DecoderOnlyLanguageModel):\n"
           "    def generate(self, x):\n        return x\n")
    def arch(name: str, text: str) -> str:  # no torch model beside it
        return alone_status(tmp_path, name, "models.py", text, "model_architecture")
    assert arch("j", jax) == "present"
    assert arch("e", "import json\nimport jax\n\n\nclass ArrayEncoder(json.JSONEncoder):\n    pass\n") == "absent"
    assert arch("p", jax.replace("import jax\n", "")) == "absent"


def test_a_script_the_readme_runs_to_download_weights_points_to_them(tmp_path):
    """"Download weights and vocabulary:" above `bash download.sh`, whose command is `gdown --folder
    https://bit.ly/x`: the script's address is where the weights are, whatever its name. The same
    script run under a step about the environment says nothing of weights."""
    script = "#!/bin/bash\n\ngdown --folder https://bit.ly/alphageometry\nexport DATA=ag_ckpt_vocab\n"
    readme = "# M\n\n## Setup\n\nDownload weights and vocabulary:\n\n```bash\nbash download.sh\n```\n"
    root = build(tmp_path / "w", {**BASE, "README.md": readme, "download.sh": script})
    assert status(root, "final_parameters") == "link_only"
    other = readme.replace("Download weights and vocabulary:", "Set up the environment:")
    root = build(tmp_path / "o", {**BASE, "README.md": other, "download.sh": script})
    assert status(root, "final_parameters") == "absent"


def test_a_script_that_builds_an_optimizer_and_runs_epochs_is_training_code(tmp_path):
    """`optimizer = torch.optim.AdamW(...)` then `train_one_epoch(model, criterion, loader, optimizer)`
    each epoch: the script trains, though the loop's backward pass lives in another module. Running
    epochs of evaluation with no optimizer built is not training."""
    src = ("import torch\nfrom engine import train_one_epoch\n\n\ndef main(model, loader, criterion):\n"
           "    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\n"
           "    for epoch in range(10):\n        train_one_epoch(model, criterion, loader, optimizer)\n")
    def training(name: str, text: str) -> str:
        return alone_status(tmp_path, name, "src/main.py", text, "training_code")
    assert training("t", src) == "present"
    assert training("n", src.replace("    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)\n",
                                     "    optimizer = None\n")) == "absent"


def test_a_unet_shape_config_and_a_gin_config_are_metadata(tmp_path):
    """A diffusion model's config that gives its U-Net's shape (ch_mult, num_res_blocks,
    attn_resolutions) is an architecture configuration: partial metadata. A .gin file (the config
    language of Google's JAX trainers) is read like YAML: the model's sizes are partial, its learning
    rate and batch size a training configuration."""
    unet = "model:\n  ch: 128\n  ch_mult: [1, 1, 2, 2, 4, 4]\n  num_res_blocks: 2\n  attn_resolutions: [16]\n"
    assert file_status(tmp_path, "u", "configs/bedroom.yml", unet, "model_metadata") == "partial"
    assert file_status(tmp_path, "n", "configs/bedroom.yml", "data:\n  image_size: 256\n  channels: 3\n",
                       "model_metadata") == "absent"
    gin = "NUM_LAYERS = 12\ndecoder_stack.DecoderStack:\n  num_layers = %NUM_LAYERS\n  num_heads = 8\n"
    assert file_status(tmp_path, "g", "lm_150M.gin", gin, "model_metadata") == "partial"
    trained = gin + "trainer.Trainer:\n  learning_rate = 0.01\n  batch_size = 256\n"
    assert file_status(tmp_path, "t", "lm_150M.gin", trained, "model_metadata") == "present"


def test_a_script_that_loads_weights_runs_the_model_and_writes_files_is_inference(tmp_path):
    """Whatever its name (e2efold_productive_short.py), a script that loads the weights, runs the
    network in eval mode and writes what it predicted with open(path, "w") runs the model. Opening a
    file only to read it is no output."""
    src = ("import torch\nfrom model import Net\n\nnet = Net()\nnet.load_state_dict(torch.load('ckpt.pt'))\n"
           "net.eval()\npred = net(torch.zeros(1, 4))\nwith open('out/pred.ct', 'w') as f:\n"
           "    f.write(str(pred))\n")
    assert file_status(tmp_path, "w", "package/productive_short.py", src, "inference_code") == "present"
    reads = src.replace("with open('out/pred.ct', 'w') as f:\n    f.write(str(pred))\n",
                        "with open('out/pred.ct') as f:\n    print(f.read(), pred)\n")
    assert file_status(tmp_path, "r", "package/productive_short.py", reads, "inference_code") == "absent"


def test_datasets_the_code_loads_by_name_are_pointers(tmp_path):
    """`tfds.builder('cifar10')` or `load_dataset("tatsu-lab/alpaca")` in the code that prepares the
    data names the datasets as their hub resolves them: link_only. A generic builder
    (load_dataset("json", data_files=...)) names a format, and what an evaluation script loads is its
    benchmark, not training data."""
    tfds = ("import tensorflow as tf\nimport tensorflow_datasets as tfds\n\n\ndef get_dataset(config):\n"
            "    builder = tfds.builder('cifar10')\n    return builder.as_dataset(split='train')\n")
    assert file_status(tmp_path, "t", "datasets.py", tfds, "datasets") == "link_only"
    assert file_status(tmp_path, "e", "evaluation.py", tfds, "datasets") == "absent"
    hub = "from datasets import load_dataset\n\ndata = load_dataset(\"tatsu-lab/alpaca\")\n"
    report = run_check(str(build(tmp_path / "h", {**BASE, "README.md": "# M\n", "train.py": hub})))
    ds = next(r for r in report.results if r.component.key == "datasets")
    assert ds.status == "link_only" and ds.evidence[0].url == "https://huggingface.co/datasets/tatsu-lab/alpaca"
    local = hub.replace('"tatsu-lab/alpaca"', '"json", data_files="data/train.jsonl"')
    assert file_status(tmp_path, "j", "train.py", local, "datasets") == "absent"
    # an application of the model (embed, then cluster) loads the data it is applied to, not its training data
    applied = hub.replace('"tatsu-lab/alpaca"', '"AmazonScience/massive"') + (
        "from sklearn.cluster import KMeans\n\nvectors = encoder.encode(data['text'])\n"
        "labels = KMeans(8).fit_predict(vectors)\n")
    assert file_status(tmp_path, "c", "tasks/clustering/cluster.py", applied, "datasets") == "absent"
    assert file_status(tmp_path, "p", "tasks/clustering/prepare_data.py", applied, "datasets") == "link_only"


def test_a_module_defining_train_around_another_modules_step_is_the_training_entry(tmp_path):
    """run_lib.py defines `train(config)` around the step function of losses.py (which takes the
    optimizer steps) and imports the repository's datasets module: that module is the training data
    pipeline. Without the step module nothing says run_lib trains."""
    losses = ("import torch\n\n\ndef get_step_fn(model, optimizer):\n    def step(batch):\n"
              "        loss = model(batch).mean()\n        optimizer.zero_grad()\n        loss.backward()\n"
              "        optimizer.step()\n    return step\n")
    run_lib = ("import torch\nimport losses\nimport datasets\n\n\ndef train(config):\n"
               "    ds = datasets.get_dataset(config)\n    step = losses.get_step_fn(None, None)\n"
               "    for batch in ds:\n        step(batch)\n")
    data = "import numpy as np\n\n\ndef get_dataset(config):\n    return [np.zeros(3)]\n"
    files = {"LICENSE": APACHE_HEAD, "README.md": "# M\n", "losses.py": losses, "run_lib.py": run_lib,
             "datasets.py": data}
    assert status(build(tmp_path / "a", files), "data_preprocessing_code") == "partial"
    no_step = {**files, "losses.py": "import torch\n\n\ndef get_step_fn(model, optimizer):\n    return None\n"}
    assert status(build(tmp_path / "b", no_step), "data_preprocessing_code") == "absent"


def test_a_script_named_for_downloading_the_models_points_to_them(tmp_path):
    """preprocessing/download_model.py with `BASE_URL = "https://host/atlas"` builds each model's
    address at run time: the script is the weights' pointer. A host's bare address (no path) names
    no model, and a script of another name says nothing of models."""
    src = ("import argparse\n\nBASE_URL = \"https://dl.fbaipublicfiles.com/atlas\"\nNAME = \"model.pth.tar\"\n\n\n"
           "def main(size):\n    return f\"{BASE_URL}/models/{size}/{NAME}\"\n")
    assert file_status(tmp_path, "d", "preprocessing/download_model.py", src, "final_parameters") == "link_only"
    bare = src.replace("https://dl.fbaipublicfiles.com/atlas", "https://dl.fbaipublicfiles.com")
    assert file_status(tmp_path, "b", "preprocessing/download_model.py", bare, "final_parameters") == "absent"
    assert file_status(tmp_path, "o", "preprocessing/urls.py", src, "final_parameters") == "absent"


def test_a_script_named_for_downloading_data_points_to_the_data(tmp_path):
    """egs/ljspeech/voc1/local/data_download.sh fetches LJSpeech-1.1.tar.bz2 with wget: the script's
    name says what it fetches, so its address is the training data's pointer (a .tar.bz2 is a data
    archive like a .tar.gz). The same command in a script named for something else says nothing."""
    script = ("#!/bin/bash\ndownload_dir=$1\nmkdir -p \"${download_dir}\"\ncd \"${download_dir}\"\n"
              "wget http://host.example.org/speech/LJSpeech-1.1.tar.bz2\ntar -vxf ./*.tar.bz2\n")
    path = "egs/ljspeech/voc1/local/data_download.sh"
    assert file_status(tmp_path, "d", path, script, "datasets") == "link_only"
    assert file_status(tmp_path, "o", path.replace("data_download", "setup_env"), script, "datasets") == "absent"
    # under a benchmark's folder (experiments/glue/download_data.sh) it fetches what the model is scored on
    glue = "experiments/glue/download_data.sh"
    assert file_status(tmp_path, "g", glue, script, "datasets") == "absent"
    assert file_status(tmp_path, "h", glue, script, "evaluation_data") == "link_only"


def test_weights_and_biases_is_a_tracker_not_weights(tmp_path):
    """"logging with [Weights & Biases](https://wandb.ai/site)" in the training notes names an
    experiment tracker: no pointer to weights. A link whose words name the weights still is one."""
    readme = ("# M\n\n## Training\n\nRun train.py. This codebase supports logging with "
              "[Weights & Biases](https://wandb.ai/site); add `--wandb` to enable it.\n")
    assert readme_status(tmp_path, "w", readme, "final_parameters") == "absent"
    weights = readme.replace("[Weights & Biases](https://wandb.ai/site)", "[pretrained weights](https://host.org/w/)")
    assert readme_status(tmp_path, "p", weights, "final_parameters") == "link_only"


def test_a_cog_predictor_is_inference_code(tmp_path):
    """predict.py of Replicate's Cog (`class Predictor(cog.Predictor)`: setup() builds the model from
    its saved files, predict() runs it) serves the model: inference code."""
    src = ("import numpy as np\nimport tensorflow as tf\nimport cog\nfrom eval import interpolator\n\n\n"
           "class Predictor(cog.Predictor):\n    def setup(self):\n"
           "        self.model = interpolator.Interpolator('pretrained_models/saved_model')\n\n"
           "    def predict(self, frame1, frame2):\n        return self.model(frame1, frame2)\n")
    def inference(name: str, text: str) -> str:
        return alone_status(tmp_path, name, "predict.py", text, "inference_code")
    assert inference("c", src) == "present"
    assert inference("n", src.replace("import cog\n", "").replace("(cog.Predictor)", "")) != "present"


def test_a_training_dashboard_screenshot_is_not_a_sample_output(tmp_path):
    """docs/tboard_demo.gif or docs/tutorials/imgs/tensorboard_example.png show a run's training
    curves in TensorBoard: logs, not what the model produced. An example output image still counts."""
    for name, path in (("t", "docs/tutorials/imgs/tensorboard_example.png"), ("g", "docs/tboard_demo.gif")):
        assert file_status(tmp_path, name, path, "x", "sample_outputs") == "absent", path
    assert file_status(tmp_path, "e", "docs/imgs/example_output.png", "x", "sample_outputs") == "present"


def test_a_distributed_barrier_is_not_a_timer(tmp_path):
    """An evaluator that waits for its workers (detectron2's comm.synchronize()) before computing mIoU
    scores the model; a benchmark that waits for the GPU (torch.cuda.synchronize()) to read a clock
    only times it."""
    evaluator = ("import numpy as np\nimport torch\nfrom detectron2.utils.comm import all_gather, synchronize\n\n\n"
                 "class Evaluator:\n    def evaluate(self):\n        synchronize()\n"
                 "        iou = np.zeros(3)\n        return {'mIoU': 100 * float(np.nanmean(iou))}\n")
    path = "seg/evaluation/sem_seg_evaluation.py"
    assert alone_status(tmp_path, "e", path, evaluator, "evaluation_code") == "present"
    timer = ("import time\nimport torch\n\n\ndef run(model, x):\n    torch.cuda.synchronize()\n"
             "    start = time.perf_counter()\n    model(x)\n    torch.cuda.synchronize()\n"
             "    return time.perf_counter() - start\n")
    assert alone_status(tmp_path, "t", "benchmark.py", timer, "evaluation_code") == "absent"


def _demo_notebook(image_bytes: int) -> str:
    """A demo notebook as nbformat writes it (keys sorted, "cells" first): a cell that shows the input
    image (base64, `image_bytes` long), then a cell that runs the model and shows its detections."""
    shown = {"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBORw0KGgo" + "A" * image_bytes}}
    cells = [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
              "source": ["import torch\n", "model = torch.hub.load('org/m', 'm')\n"]},
             {"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [shown],
              "source": ["image = load_image('cat.jpg')\n", "show(image)\n"]},
             {"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [dict(shown, data={"image/png": "iVBORw0KGgoBBBB"})],
              "source": ["#@title Inference\n", "boxes = model.detect(image)\n", "show(boxes)\n"]}]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1, sort_keys=True)


def test_a_notebook_past_the_text_limit_is_read_past_its_first_images(tmp_path):
    """A demo notebook of a few MB (its first cell shows the input image as base64) keeps the model's
    detections in a later cell: its cells are read past the 1 MiB every other text file is cut at.
    The same notebook with a small input image is found the same way."""
    big = _demo_notebook(3 << 19)  # 1.5 MiB of image before the inference cell
    assert len(big) > 1 << 20
    assert file_status(tmp_path, "a", "colabs/inference_demo.ipynb", big, "sample_outputs") == "partial"
    assert file_status(tmp_path, "b", "colabs/inference_demo.ipynb", _demo_notebook(100), "sample_outputs") == "partial"


def test_a_notebook_cut_at_the_read_limit_keeps_its_whole_cells():
    """What a cut notebook is read as: the cells complete before the cut; a notebook that is broken
    (not cut), not a notebook, or nested without end is still a parse failure."""
    from mof_lint.detectors import pyfacts
    from mof_lint.safeparse import ParseFailure
    text = _demo_notebook(5000)
    cut = text[:text.index("#@title Inference")]
    cells = pyfacts.notebook_cells(cut, "nb.ipynb", cut=True)
    assert [src.splitlines()[0] for src, _ in cells] == ["import torch", "image = load_image('cat.jpg')"]
    assert cells[1][1] == ["display_data"]
    assert "torch.hub.load" in pyfacts.notebook_source(cut, "nb.ipynb", cut=True)
    with pytest.raises(ParseFailure):
        pyfacts.notebook_cells(cut, "nb.ipynb")  # not known to be cut: broken JSON is reported
    with pytest.raises(ParseFailure):
        pyfacts.notebook_cells('{"metadata": {}, "cells": [' + "[" * 100000, "nb.ipynb", cut=True)
    with pytest.raises(ParseFailure):
        pyfacts.notebook_cells('{"cells": [' + "[" * 100000, "nb.ipynb", cut=True)
    assert pyfacts.notebook_cells('{"cells": [', "nb.ipynb", cut=True) == []


def test_a_model_linked_beside_its_earlier_training_stage_releases_intermediate_parameters(tmp_path):
    """A model table that links org/m-7b and org/m-7b-SFT (the checkpoint before preference tuning), or
    m-v1 and m-v1-unsupervised, publishes a stage of the training run: intermediate parameters. A
    base model beside its chat model, or an SFT model alone, is a release, not a stage of another."""
    def table(*names):
        rows = "\n".join(f"| {n} | [🤗 Hub](https://huggingface.co/org/{n}) |" for n in names)
        return f"# M\n\n## Model downloads\n\n| Model | Weights |\n|---|---|\n{rows}\n"
    assert readme_status(tmp_path, "a", table("m-7b-SFT", "m-7b"), "intermediate_parameters") == "link_only"
    assert readme_status(tmp_path, "b", table("embed-v1", "embed-v1-unsupervised"), "intermediate_parameters") == "link_only"
    assert readme_status(tmp_path, "c", table("m-7b-base", "m-7b"), "intermediate_parameters") == "absent"
    assert readme_status(tmp_path, "d", table("m-7b-sft", "other-7b"), "intermediate_parameters") == "absent"
    assert readme_status(tmp_path, "e", table("m-7b-sft"), "final_parameters") == "link_only"


def test_a_numpy_file_named_for_a_networks_parameters_is_weights_not_data(tmp_path):
    """outputs/edm_qm9/generative_model_ema.npy (4 MB) is the trained network saved as an array; an
    array named for what the model produced or a data split is not."""
    blob = b"\x93NUMPY\x01\x00v\x00" + b"\0" * (2 << 20)
    def run(name, path):
        root = build(tmp_path / name, {**BASE, "README.md": "# M\n", path: blob})
        return status(root, "final_parameters"), status(root, "datasets")
    assert run("a", "outputs/edm_qm9/generative_model_ema.npy") == ("present", "absent")
    assert run("b", "outputs/resnet_weights.npy")[0] == "present"
    assert run("c", "outputs/model_outputs.npy")[0] == "absent"
    assert run("e", "outputs/norm_params.npy")[0] == "absent"  # the data's statistics, not a network
    assert run("d", "data/train_features.npy") == ("absent", "present")


def test_a_settings_module_with_part_prefixed_hyperparameters_is_training_configuration(tmp_path):
    """vocoder/hparams.py sets `voc_lr = 1e-4` and `voc_batch_size = 100`; util/configuration.py
    declares `--s0_lr` and `--s0_batch_size` options: each part's (or stage's) training settings under
    its prefix. The same names in a module that is not a settings module say nothing."""
    hp = "sample_rate = 16000\nvoc_rnn_dims = 512\nvoc_batch_size = 100\nvoc_lr = 1e-4\nvoc_total_steps = 1_000_000\n"
    assert alone_status(tmp_path, "a", "vocoder/hparams.py", hp, "model_metadata") == "present"
    opts = ("import argparse\n\nclass Configuration:\n    def __init__(self):\n        parser = argparse.ArgumentParser()\n"
            "        parser.add_argument('--s0_batch_size', default=16, type=int)\n"
            "        parser.add_argument('--s0_lr', default=1e-5, type=float)\n"
            "        parser.add_argument('--s0_iterations', default=150000, type=int)\n"
            "        self.args = vars(parser.parse_args())\n")
    assert alone_status(tmp_path, "b", "util/configuration.py", opts, "model_metadata") == "present"
    assert alone_status(tmp_path, "c", "vocoder/audio.py", hp, "model_metadata") == "absent"


def test_a_download_step_for_a_model_above_a_fetch_command_points_to_the_weights(tmp_path):
    """"Download and unpack a model:" above `curl https://host/m-20180906.tar.gz | tar xz`: the
    archive is the released model. The same command under a step about the data is not."""
    step = "# M\n\n## Quick start\n\n1. **{}**:\n   ```\n   curl https://data.example.org/speech/m-20180906.tar.gz | tar xzC /tmp\n   ```\n"
    assert readme_status(tmp_path, "a", step.format("Download and unpack a model"), "final_parameters") == "link_only"
    assert readme_status(tmp_path, "b", step.format("Download the trained model"), "final_parameters") == "link_only"
    assert readme_status(tmp_path, "c", step.format("Download and unpack the dataset"), "final_parameters") == "absent"


def test_a_launch_script_passing_an_optimiser_setting_is_the_training_configuration(tmp_path):
    """scripts/ETTm2.sh runs `python -u run.py --seq_len 96 --e_layers 2 --learning_rate 1e-5`: no
    word "train" anywhere, but a learning rate is read only by training. Shape flags alone (the same
    options passed to a prediction run) say nothing."""
    launch = ("python -u run.py \\\n  --data_path ETTm2.csv \\\n  --seq_len 96 \\\n  --pred_len 96 \\\n"
              "  --e_layers 2 \\\n  --d_layers 2 \\\n  --K 3 \\\n  --learning_rate 1e-5\n")
    assert alone_status(tmp_path, "a", "scripts/ETTm2.sh", launch, "model_metadata") == "present"
    shapes = launch.replace("  --K 3 \\\n  --learning_rate 1e-5\n", "  --K 3\n")
    assert alone_status(tmp_path, "b", "scripts/ETTm2.sh", shapes, "model_metadata") == "absent"


def test_a_data_processing_script_that_kept_a_learning_rate_is_not_the_training_configuration(tmp_path):
    """data/cellxgene/array_process_allcounts.sh runs process_allcounts.py with `--lr 1e-4 --epochs 6`
    left over from a launch line: it prepares data, whatever flags it copied."""
    copied = ("python process_allcounts.py \\\n  --data-source $DATASET \\\n  --batch-size 32 \\\n  --nlayers 12 \\\n"
              "  --lr 0.0001 \\\n  --epochs 6\n")
    assert alone_status(tmp_path, "a", "data/cellxgene/array_process_allcounts.sh", copied, "model_metadata") == "absent"
    assert alone_status(tmp_path, "b", "scripts/run_12l.sh", copied, "model_metadata") == "present"


def test_a_training_script_driving_an_imported_trainer_brings_in_its_data_pipeline(tmp_path):
    """SPADE's train.py imports no framework: it builds the data loader from the `data` package and
    hands each batch to a Pix2PixTrainer whose module takes the optimizer steps. The data package it
    imports is the training data pipeline."""
    trainer = ("import torch\n\n\nclass Pix2PixTrainer:\n    def __init__(self, model):\n        self.model = model\n"
               "        self.opt = torch.optim.Adam(model.parameters(), lr=2e-4)\n\n"
               "    def run_step(self, batch):\n        self.opt.zero_grad()\n        loss = self.model(batch)\n"
               "        loss.backward()\n        self.opt.step()\n")
    data_init = ("import importlib\n\n\ndef create_dataloader(opt):\n    module = importlib.import_module('data.' + opt.mode + '_dataset')\n"
                 "    return module.load(opt)\n")
    train = ("import sys\nimport data\nfrom trainers.pix2pix_trainer import Pix2PixTrainer\n\n"
             "loader = data.create_dataloader(sys.argv)\ntrainer = Pix2PixTrainer(None)\n"
             "for epoch in range(10):\n    for batch in loader:\n        trainer.run_step(batch)\n")
    files = {**BASE, "README.md": "# M\n", "trainers/pix2pix_trainer.py": trainer, "data/__init__.py": data_init,
             "train.py": train}
    assert status(build(tmp_path / "a", files), "data_preprocessing_code") == "partial"
    launcher = {**files, "train.py": train.replace("from trainers.pix2pix_trainer import Pix2PixTrainer\n", "")
                .replace("trainer = Pix2PixTrainer(None)\n", "trainer = None\n")}
    assert status(build(tmp_path / "b", launcher), "data_preprocessing_code") == "absent"


def test_a_data_guide_that_links_each_datasets_source_is_a_partial_data_card(tmp_path):
    """DATA.md lays out COCO, LVIS and Objects365, each linked to where it comes from, and mentions in
    passing how to add your own dataset: it documents the training data's sources (a partial data
    card). A page on configuring your own dataset, linking one tool, stays a how-to."""
    guide = ("# Prepare datasets\n\nTo train on your own dataset, register it in the config.\n\n"
             "## COCO\n\nDownload [COCO 2017](https://cocodataset.org/#download) and put it under DATASET/coco.\n\n"
             "## LVIS\n\nGet the [LVIS v1 annotations](https://www.lvisdataset.org/dataset).\n\n"
             "## Objects365\n\nDownload [Objects365](https://www.objects365.org/download.html).\n")
    assert alone_status(tmp_path, "a", "DATA.md", guide, "data_card") == "partial"
    own = ("# Datasets\n\nTo train on your own dataset, write a dataset config.\n\n## Local audio files\n\n"
           "Point `path` at a folder of your own recordings.\n\n## S3\n\nSee the [webdataset docs]"
           "(https://github.com/webdataset/webdataset) for your dataset's shards.\n")
    assert alone_status(tmp_path, "b", "docs/datasets.md", own, "data_card") == "absent"


def test_a_table_of_scores_under_a_results_heading_one_level_up_is_results(tmp_path):
    """"## Results and Pre-trained Models" over "### ImageNet-1K trained models" and a table whose
    columns are benchmarks (IN-1K, IN-C, IN-A) rather than measures: the parent heading says what
    the numbers are. The same table under a heading that says nothing of results is not read so."""
    table = ("| Model | IN-1K | IN-C | IN-A | Download |\n|---|---|---|---|---|\n"
             "| M-T | 79.2 | 57.5 | 15.6 | [model](https://example.org/m_t.pth) |\n"
             "| M-S | 82.5 | 64.5 | 29.1 | [model](https://example.org/m_s.pth) |\n")
    readme = f"# M\n\n## Results and Pre-trained Models\n\n### ImageNet-1K trained models\n\n{table}"
    assert readme_status(tmp_path, "a", readme, "evaluation_results") == "present"
    other = readme.replace("## Results and Pre-trained Models", "## Downloads")
    assert readme_status(tmp_path, "b", other, "evaluation_results") == "absent"


def test_a_reference_table_under_a_warning_that_says_resulting_is_not_results(tmp_path):
    """A warning set as a top-level heading ("...responsibility for any resulting consequences.")
    encloses "## Reference", a table of arXiv ids: "resulting" is not "results"."""
    readme = ("# M\n\n# Warning: you bear full responsibility for any resulting consequences.\n\n## Reference\n\n"
              "| URL | Title |\n|---|---|\n| [2106.06103](https://arxiv.org/abs/2106.06103) | VITS |\n"
              "| [2111.02392](https://arxiv.org/abs/2111.02392) | SoftVC |\n")
    assert readme_status(tmp_path, "a", readme, "evaluation_results") == "absent"


def test_a_listing_of_the_downloads_step_checkpoints_is_intermediate_parameters(tmp_path):
    """"Extract the zip containing the pretrained models" above a `tree` listing of
    N-Step-Checkpoint_0_5000.ckpt ... _3_30000.ckpt: the download holds a series of training-step
    checkpoints. One checkpoint per model size (m_0.3b_epoch_1600.pth, m_0.6b_epoch_1600.pth), or
    the same listing under a heading about data, is no series of this training."""
    tree = ("```\nPretrained\n\u251c\u2500\u2500 checkpoints\n"
            + "".join(f"\u2502   \u251c\u2500\u2500 N-Step-Checkpoint_{e}_{s}.ckpt\n" for e, s in ((0, 0), (0, 5000), (1, 10000)))
            + "\u2502   \u2514\u2500\u2500 N-Step-Checkpoint_3_30000.ckpt\n\u2514\u2500\u2500 hparams.yaml\n```\n")
    readme = ("# M\n\n## Pretrained Models\n\nThe checkpoints are at [Box](https://example.box.com/v/m-data).\n"
              f"Extract `Pretrained.zip` containing the pretrained models:\n\n{tree}")
    assert readme_status(tmp_path, "a", readme, "intermediate_parameters") == "link_only"
    sizes = readme.replace("N-Step-Checkpoint_", "m_").replace("_0_0.", "_0.3b_epoch_1600.").replace(
        "_0_5000.", "_0.6b_epoch_1600.").replace("_1_10000.", "_1b_epoch_1600.").replace("_3_30000.", "_2b_epoch_1600.")
    assert readme_status(tmp_path, "b", sizes, "intermediate_parameters") == "absent"
    data = readme.replace("## Pretrained Models", "## Datasets").replace(
        "The checkpoints are at", "The data is at").replace("containing the pretrained models", "with the files")
    assert readme_status(tmp_path, "c", data, "intermediate_parameters") == "absent"


def test_a_still_teaser_is_a_sample_output_only_of_a_model_whose_code_writes_media(tmp_path):
    """A teaser picture is the paper's first figure: for a backbone or a detector it explains the
    method, for a generator it shows what the model made. It counts as a sample output when the
    repository's own code writes pictures or sounds (`img.save(os.path.join(d, f"{i}.png"))`,
    `cv2.imwrite`, `soundfile.write`); an animated teaser counts either way."""
    png = "\x89PNG\r\n\x1a\n" + "x" * 64
    backbone = build(tmp_path / "backbone", {**BASE, "README.md": "# M\n", "figures/teaser.png": png})
    assert status(backbone, "sample_outputs") == "absent"
    # the writer is a test's: still not the model's outputs
    tested = build(tmp_path / "tested", {**BASE, "README.md": "# M\n", "figures/teaser.png": png,
                                         "tests/test_io.py": "import cv2\ncv2.imwrite('out.png', x)\n"})
    assert status(tested, "sample_outputs") == "absent"
    for name, code in (("pil", "import os\n\ndef main(img, d, i):\n    img.save(os.path.join(d, f'{i:06d}.png'))\n"),
                       ("cv2", "import cv2\n\ndef main(x):\n    cv2.imwrite('results/x.png', x)\n"),
                       ("sound", "import soundfile as sf\n\ndef main(y):\n    sf.write('a.wav', y, 16000)\n")):
        generator = build(tmp_path / name, {**BASE, "README.md": "# M\n", "figures/teaser.png": png,
                                            "sample.py": code})
        assert status(generator, "sample_outputs") == "present", name
    animated = build(tmp_path / "animated", {**BASE, "README.md": "# M\n", "assets/teaser.gif": "GIF89a" + "x" * 64})
    assert status(animated, "sample_outputs") == "present"
    # a picture named for samples beside the teaser still counts without any writer
    named = build(tmp_path / "named", {**BASE, "README.md": "# M\n", "figures/teaser_samples.png": png})
    assert status(named, "sample_outputs") == "present"


def test_a_loss_module_is_the_training_objective_not_evaluation_code(tmp_path):
    """loss.py, clip_loss.py or losses/metrics.py computes what training minimises; the metric library
    it imports (sklearn.metrics to log a contrastive loss's accuracy) does not make it evaluation code.
    The same code in an evaluation script still is."""
    code = ("import torch\nfrom sklearn.metrics import accuracy_score\n\n\n"
            "def compute_metrics(logits, labels):\n    return accuracy_score(labels, logits.argmax(-1))\n")
    for path in ("pkg/losses/metrics.py", "pkg/open_clip/loss.py", "pkg/clip_loss.py", "pkg/criterions/ce.py"):
        assert file_status(tmp_path, path.replace("/", "_"), path, code, "evaluation_code") == "absent", path
    assert file_status(tmp_path, "eval", "pkg/eval/metrics.py", code, "evaluation_code") == "present"


def test_small_committed_weights_beside_a_linked_model_are_auxiliary(tmp_path):
    """A voice-activity detector or an edge detector of a few MB committed for the demo, while the README
    links the model's own weights on the Hub: the link is the model, the small files are tools. Without
    the link, with a committed file of model size, or with files named like the linked model (the model
    in other formats), the committed weights count."""
    small = "\x00" * (2 << 20)
    linked = "# M\n\nDownload the model: [org/m](https://huggingface.co/org/m)\n"
    aux = build(tmp_path / "aux", {**BASE, "README.md": linked, "demo/vad/silero_vad.onnx": small})
    assert status(aux, "final_parameters") == "link_only"
    alone = build(tmp_path / "alone", {**BASE, "README.md": "# M\n", "demo/vad/silero_vad.onnx": small})
    assert status(alone, "final_parameters") == "present"
    big = build(tmp_path / "big", {**BASE, "README.md": linked, "weights/model.pt": "\x00" * (5 << 20)})
    assert status(big, "final_parameters") == "present"
    # the model itself in other formats, named like the linked file: they count
    same = build(tmp_path / "same", {**BASE, "README.md": "# M\n\nThe model: [yunet.onnx](https://example.org/yunet.onnx)\n",
                                     "face_yunet_int8.onnx": small})
    assert status(same, "final_parameters") == "present"


def test_a_row_of_links_gives_each_link_its_own_words_for_a_release_write_up(tmp_path):
    """"[Blog](site/blog) | [Direct Download](weights.zip)": "Blog" labels the first link (a site's blog
    index, not a post), not the download after it; an explainer video after a link to someone's blog
    post is not a write-up either. A link labelled as the blog post still is."""
    def report(name, line):
        return status(build(tmp_path / name, {**BASE, "README.md": f"# M\n\n{line}\n\nA model.\n"}),
                      "technical_report")
    assert report("row", "[Blog](https://www.example.ai/blog) | [Direct Download](https://weights.example.dev/w.zip)"
                  ) == "absent"
    assert report("html", '<a href="https://www.example.com/blog/how-it-works/">Explainer</a> | '
                  '<a href="https://www.youtube.com/watch?v=abc">A video</a>') == "absent"
    assert report("own", "Read the release [blog post](https://www.example.ai/blog/m-1)") == "link_only"


def test_a_web_apps_manifest_json_is_not_a_data_manifest(tmp_path):
    """manifest.json is also the name of a web app's manifest (its icons and start page) and of a
    browser extension's: the training data is not listed there. A data manifest of that name still is."""
    app = json.dumps({"short_name": "Viewer", "name": "Model viewer", "start_url": ".", "display": "standalone",
                      "icons": [{"src": "favicon.ico", "sizes": "64x64"}]})
    assert file_status(tmp_path, "app", "viewer/app/public/manifest.json", app, "datasets") == "absent"
    ext = json.dumps({"manifest_version": 3, "name": "Demo", "version": "1.0"})
    assert file_status(tmp_path, "ext", "extension/manifest.json", ext, "datasets") == "absent"
    data = json.dumps({"datasets": [{"name": "tiny-corpus", "url": "https://example.org/tiny-corpus"}]})
    assert file_status(tmp_path, "data", "data/manifest.json", data, "datasets") == "present"
    # a manifest named for what else it lists: a TensorFlow.js model's shards, a web build's assets
    shards = json.dumps([{"paths": ["face_model-shard1"], "weights": [{"name": "conv0/filters", "shape": [3, 3, 3, 32],
                                                                       "dtype": "float32"}]}])
    assert file_status(tmp_path, "tfjs", "weights/face_model-weights_manifest.json", shards, "datasets") == "absent"
    assets = json.dumps({"files": {"main.js": "/static/js/main.js"}, "entrypoints": ["static/js/main.js"]})
    assert file_status(tmp_path, "web", "demo/build/asset-manifest.json", assets, "datasets") == "absent"


def test_tensorflow_js_shards_beside_their_manifest_are_the_models_weights(tmp_path):
    """A TensorFlow.js model is a manifest (weights_manifest.json, or model.json) and shard files named by
    the model ("face_model-shard1", no extension; "group1-shard1of2.bin"): committed weights. A file
    named like a shard without a manifest beside it is any split file; a tiny one is not the model."""
    manifest = json.dumps([{"paths": ["face_model-shard1", "face_model-shard2"], "weights": []}])
    shard = bytes(range(256)) * 2048  # 512 KiB of parameters
    def weights(name, files):
        return status(build(tmp_path / name, {"LICENSE": APACHE_HEAD, "README.md": "# Faces\n", **files}),
                      "final_parameters")
    assert weights("pair", {"weights/face_model-weights_manifest.json": manifest, "weights/face_model-shard1": shard,
                            "weights/face_model-shard2": shard}) == "present"
    assert weights("graph", {"web_model/model.json": json.dumps({"format": "graph-model", "weightsManifest": []}),
                             "web_model/group1-shard1of2.bin": shard, "web_model/group1-shard2of2.bin": shard}) == "present"
    assert weights("alone", {"backup/archive-shard1": shard}) == "absent"
    assert weights("tiny", {"m/face_model-weights_manifest.json": manifest, "m/face_model-shard1": b"\0" * 100}) == "absent"


def test_hub_models_linked_only_from_examples_are_not_this_releases_weights(tmp_path):
    """examples/<recipe>/README.md links the base model a recipe fine-tunes, or what an example
    experiment published: someone else's model. The README linking the release's own model still
    counts, even when an example links it too."""
    example = ("# Fine-tune on your data\n\nStart from the pretrained checkpoint at "
               "https://huggingface.co/meta-llama/Llama-2-7b-hf and run `python train.py`.\n\n"
               "Our reference runs are on the Hub: https://huggingface.co/acme/doremi-280m\n")
    files = {**BASE, "README.md": "# Trainer\n\nA library to train language models.\n",
             "examples/finetune/README.md": example}
    assert status(build(tmp_path / "a", files), "final_parameters") == "absent"
    files["README.md"] = "# M\n\nThe model weights: https://huggingface.co/acme/doremi-280m\n"
    assert status(build(tmp_path / "b", files), "final_parameters") == "link_only"


def test_a_paper_linked_by_a_title_that_opens_with_the_projects_name_is_its_paper(tmp_path):
    """"[ALBERT: A Lite BERT for ...](arxiv)" in a README titled "ALBERT": the paper's title opens with
    the name the README goes by, so it is the project's own paper, wherever in the README it is linked.
    A title opening with another name is a cited work."""
    filler = "".join(f"Paragraph {i} about fine-tuning on GLUE tasks.\n\n" for i in range(40))
    own = ("ALBERT\n======\n\nA lite BERT.\n\n" + filler +
           "[ALBERT: A Lite BERT for Self-supervised Learning of Language Representations]"
           "(https://arxiv.org/abs/1909.11942)\n")
    assert readme_status(tmp_path, "own", own, "research_paper") == "link_only"
    other = own.replace("[ALBERT: A Lite", "[BERT: Pre-training of Deep").replace("1909.11942", "1810.04805")
    assert readme_status(tmp_path, "other", other, "research_paper") == "absent"


def _bibtex(key: str, arxiv: str) -> str:
    return (f"@article{{{key},\n  title={{A study {key}}},\n  author={{Doe, Jane}},\n  journal={{arXiv preprint "
            f"arXiv:{arxiv}}},\n  year={{2023}}\n}}\n")


def test_papers_a_readme_thanks_or_a_bibliography_cites_are_not_the_projects(tmp_path):
    """BibTeX entries under "Acknowledgement" are the works the project thanks; a bibliography.bib of
    many entries is what its docs cite. A Citation section's entry, or a CITATION.bib of one, is its own."""
    thanks = "# M\n\nA model.\n\n## Acknowledgement\n\n```\n" + _bibtex("other2023", "2302.10663") + "```\n"
    assert readme_status(tmp_path, "thanks", thanks, "research_paper") == "absent"
    cite = thanks.replace("## Acknowledgement", "## Citation")
    assert readme_status(tmp_path, "cite", cite, "research_paper") == "link_only"
    many = "".join(_bibtex(f"w{i}", f"2301.0000{i}") for i in range(1, 7))
    assert file_status(tmp_path, "bibliography", "bibliography.bib", many, "research_paper") == "absent"
    assert file_status(tmp_path, "citation", "CITATION.bib", _bibtex("m2024", "2401.00001"),
                       "research_paper") == "link_only"


def test_papers_in_a_section_of_works_that_use_the_model_are_not_its_own(tmp_path):
    """"## Papers mentioning M" then "### Text Simplification" and a BibTeX entry: others' papers that
    use the model, however deep the subsection; the same entry under "## Citation" is the model's."""
    used = ("# M\n\nA model.\n\n## Papers mentioning M\n\nFeel free to add links to this list.\n\n"
            "### Text Simplification\n\n```\n" + _bibtex("other2023", "2302.10663") + "```\n")
    assert readme_status(tmp_path, "used", used, "research_paper") == "absent"
    built = used.replace("## Papers mentioning M", "## Projects built on M")
    assert readme_status(tmp_path, "built", built, "research_paper") == "absent"
    own = used.replace("## Papers mentioning M", "## Citation").replace("### Text Simplification", "### BibTeX")
    assert readme_status(tmp_path, "own", own, "research_paper") == "link_only"


def test_this_paper_in_a_document_that_walks_through_dozens_of_papers_is_the_techniques(tmp_path):
    """A library README presenting a technique per section, each with its paper ("### One Write-Head
    Is All You Need ... This paper was largely ignored"): "this paper" is the section's technique."""
    sections = "".join(f"### Technique {i}\n\nhttps://arxiv.org/abs/2301.{i:05d}\n\nA trick for attention.\n\n"
                       for i in range(1, 25))
    said = ("### One Write-Head\n\nhttps://arxiv.org/abs/1911.02150\n\nThis paper was largely ignored for a while, "
            "but recently validated at scale in <a href=\"https://arxiv.org/abs/2203.07814\">AlphaCode</a>.\n\n")
    assert readme_status(tmp_path, "many", f"# M\n\nA library.\n\n{sections}{said}", "research_paper") == "absent"
    few = sections.replace("https://arxiv.org/abs/2301.", "Trick number ")  # the same length, no papers
    assert readme_status(tmp_path, "few", f"# M\n\nA model.\n\n{few}{said}", "research_paper") == "link_only"


def test_a_short_references_section_names_the_projects_papers_a_long_one_others(tmp_path):
    """"## References" under a model's README with one or two entries (its own papers, as release
    READMEs end); with four or more it is a list of the works the project builds on."""
    own = ("# M\n\nA model.\n\n## References\n\nM. Doe, et al., Accurate prediction with a three-track "
           "network, Science (2021). [link](https://www.science.org/doi/10.1126/science.abj8754)\n")
    assert readme_status(tmp_path, "own", own, "research_paper") == "link_only"
    many = "# M\n\nA model.\n\n## References\n\n" + "".join(
        f"- Work {i}: [paper](https://arxiv.org/abs/2301.0000{i})\n" for i in range(1, 6))
    assert readme_status(tmp_path, "many", many, "research_paper") == "absent"


def test_a_documentation_page_about_checkpoints_is_not_weights(tmp_path):
    """A link named for checkpoints or weights that leads to documentation or a tutorial ("exposes
    [PyTorch's checkpoint functionality](https://pytorch.org/docs/stable/checkpoint.html)", a Read the
    Docs page, "[How to upload transformer weights ...](https://medium.com/...)") explains a feature of
    the code: no weights are released there. The same words on a download host still point to weights."""
    features = ("# M\n\nA library for models.\n\n## Features\n\n- Activation checkpointing exposes "
                "[PyTorch's checkpoint functionality](https://pytorch.org/docs/stable/checkpoint.html) and "
                "[checkpointing from FairScale](https://fairscale.readthedocs.io/en/latest/api/checkpoint.html).\n"
                "- Tutorials: [How to upload transformer weights to the Hub](https://medium.com/blog/"
                "tutorial-upload-weights-abc123) for your model.\n")
    for component in ("final_parameters", "intermediate_parameters"):
        assert readme_status(tmp_path, f"d{component}", features, component) == "absent", component
    released = features.replace("https://pytorch.org/docs/stable/checkpoint.html", "https://models.example.org/m/")
    assert readme_status(tmp_path, "r", released, "final_parameters") == "link_only"


def test_a_picture_named_a_sample_only_by_its_examples_folder_is_not_one(tmp_path):
    """examples/dog.png, examples/oc20/ocp.gif or examples/recipe/assets/loss.png: a folder of examples
    holds a demo's input pictures and a recipe's figures as often as outputs, so the folder's name alone
    does not make a sample. A word of the path's own still does: examples/generated_1.png,
    example/results/0001.wav, examples/demo_output.png."""
    for n, path in enumerate(("examples/dog.png", "examples/oc20/ocp.gif", "examples/recipe/assets/loss.png",
                              "examples/recipe/assets/weights.png", "examples/recipe/assets/curve.png")):
        assert file_status(tmp_path, f"i{n}", path, "x", "sample_outputs") == "absent", path
    for n, path in enumerate(("examples/generated_1.png", "example/results/0001.wav", "examples/demo_output.png")):
        assert file_status(tmp_path, f"o{n}", path, "x", "sample_outputs") == "present", path


def test_a_paper_offered_as_further_reading_on_a_technique_is_not_the_models(tmp_path):
    """"consider employing Q-LoRA (refer to the [paper](arxiv))", "Check out the [paper](arxiv) to learn
    more about how it works", "Detailed information about LoRA can be found in the paper", "According
    to [QLoRA](arxiv) paper", and the same in Chinese: the paper of a technique the README names, given
    for further reading. "Please refer to our [paper](arxiv)" is still the model's own."""
    url = "https://arxiv.org/abs/2305.14314"
    for n, sentence in enumerate((f"If memory is short, consider employing Q-LoRA (refer to the [paper]({url})).",
                                  f"Enabled with bitsandbytes. Check out the [paper]({url}) to learn more about how it works.",
                                  f"Detailed information about LoRA can be found in the paper \"[LoRA]({url})\".",
                                  f"According to [QLoRA]({url}) paper (section 4): all layers matter.",
                                  f"如果内存资源仍然受限，请考虑使用Q-LoRA（请参考[论文]({url})）。",
                                  f"关于LoRA的详细介绍可以参考论文“[LoRA]({url})”。",
                                  f"LoRA的微调方法（如[论文]({url})中详细描述）与全参微调有所不同。")):
        readme = f"# M\n\nA language model.\n\n## Fine-tuning\n\nRun finetune.py.\n\n{sentence}\n"
        assert readme_status(tmp_path, f"o{n}", readme, "research_paper") == "absent", sentence
    own = f"# M\n\nA language model.\n\n## Fine-tuning\n\nRun finetune.py. Please refer to our [paper]({url}).\n"
    assert readme_status(tmp_path, "own", own, "research_paper") == "link_only"


def test_a_file_borrowed_from_a_harness_repository_is_not_its_evaluation(tmp_path):
    """A docstring "From https://github.com/lm-sys/FastChat/blob/main/fastchat/conversation.py" above a copied
    chat template borrows code from a project that also serves models: no evaluation. A link to the
    harness itself, or to its evaluation part (fastchat/llm_judge), still names the release's evaluation."""
    code = '"""\nFrom https://github.com/lm-sys/FastChat/blob/main/fastchat/conversation.py\n"""\n\nTEMPLATES = {}\n'
    assert file_status(tmp_path, "c", "pkg/utils/conversation.py", code, "evaluation_code") == "absent"
    judged = code.replace("fastchat/conversation.py", "fastchat/llm_judge/gen_judgment.py")
    assert file_status(tmp_path, "j", "pkg/utils/conversation.py", judged, "evaluation_code") == "link_only"
    readme = "# M\n\nA chat model.\n\n## Evaluation\n\nWe score M on MT-Bench with [FastChat](https://github.com/lm-sys/FastChat).\n"
    assert readme_status(tmp_path, "r", readme, "evaluation_code") == "link_only"


def test_ini_style_training_configs_are_model_metadata(tmp_path):
    """darknet's cfg/yolov4.cfg ([net] batch=64, momentum=0.949, learning_rate=0.0013, max_batches=500500)
    and spaCy's configs/base_ner.cfg ([training] max_epochs = 7, [training.optimizer] learn_rate = 0.001)
    are training configurations in INI form. A setup.cfg of packaging options is none."""
    darknet = "[net]\nbatch=64\nsubdivisions=8\nmomentum=0.949\ndecay=0.0005\nlearning_rate=0.0013\nmax_batches = 500500\n"
    spacy = ("[training]\nseed = 0\nmax_epochs = 7\nmax_steps = 0\n\n[training.optimizer]\n"
             "@optimizers = \"Adam.v1\"\nlearn_rate = 0.001\n")
    assert file_status(tmp_path, "d", "cfg/yolov4.cfg", darknet, "model_metadata") == "present"
    assert file_status(tmp_path, "s", "configs/base_ner.cfg", spacy, "model_metadata") == "present"
    setup = "[metadata]\nname = m\nversion = 1.0\n\n[options]\npackages = find:\ninstall_requires =\n    torch\n"
    assert file_status(tmp_path, "p", "setup.cfg", setup, "model_metadata") == "absent"
