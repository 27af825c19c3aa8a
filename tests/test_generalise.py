"""General patterns behind the errors seen on real repositories nobody tuned for (issue 12): each
test names the pattern, builds the smallest repository that shows it, and checks both sides (the
trap does not count; the real thing still does)."""
from __future__ import annotations

from conftest import APACHE_HEAD, TORCH_MODEL, TRAIN_LOOP, build
from mof_lint.check import run_check
from mof_lint.repo import is_example_path

BASE = {"LICENSE": APACHE_HEAD, "model.py": TORCH_MODEL}
FINETUNE_CONFIG = ("model_name_or_path: org/base-7b\ndataset: alpaca_en_demo\nlearning_rate: 1.0e-5\n"
                   "num_train_epochs: 3.0\ngradient_accumulation_steps: 8\n")


def status(root, key, policy="strict"):
    report = run_check(str(root), policy=policy)
    return next(r for r in report.results if r.component.key == key).status


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
