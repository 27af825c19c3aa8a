"""Model metadata (training configurations, optimizer states, logs) and supporting libraries and
tools (dependency manifests, containers)."""
from __future__ import annotations

import re

from mof_lint.detectors.common import config_files, pointers
from mof_lint.evidence import Evidence
from mof_lint.repo import RepoView, is_test_path

HYPERPARAMS = re.compile(r"^[^\S\n]*[\"']?(lr|learning_rate|batch_size|train_batch_size|micro_batch_size|"
                         r"global_batch_size|warmup(_steps|_iters|_ratio)?|weight_decay|optimizer|"
                         r"train_iters|max_steps|num_train_epochs|epochs|gradient_accumulation_steps|"
                         r"base_learning_rate|lr_scheduler|max_lr|min_lr)[\"']?\s*[:=]", re.I | re.M)
STATE_FILES = re.compile(r"(^|/)(trainer_state\.json|training_args\.(bin|json)|optimizer\.(pt|bin)|"
                         r"scheduler\.pt|events\.out\.tfevents[^/]*|train(ing)?_log[^/]*|[^/]*\.log)$", re.I)
LIBRARY_FILES = re.compile(r"^(requirements[\w\-.]*\.txt|setup\.py|setup\.cfg|pyproject\.toml|"
                           r"environment[\w\-.]*\.ya?ml|pipfile|poetry\.lock|dockerfile|conda[\w\-.]*\.ya?ml|"
                           r"package\.json|cargo\.toml)$", re.I)
# What every LIBRARY_FILES name holds: the cheap first cut over the listing.
LIBRARY_WORDS = ("requirements", "setup.", "pyproject", "environment", "pipfile", "poetry.lock", "dockerfile",
                 "conda", "package.json", "cargo.toml")


def detect_metadata(view: RepoView) -> list[Evidence]:
    comp = "model_metadata"
    out = []
    candidates = view.with_ext(".json", ".bin", ".pt") + [  # (.log files are among the paths with "log")
        e for e in view.containing("tfevents", "log") if e.ext not in (".json", ".bin", ".pt")]
    for e in candidates:
        if not e.vendored and STATE_FILES.search(e.path) and not e.test:
            out.append(Evidence(comp, "present", e.path, "training state or log", 1, 0.7))
    for e, text in config_files(view):
        hits = {m.group(1).lower() for m in HYPERPARAMS.finditer(text)}
        if len(hits) >= 2:
            out.append(Evidence(comp, "present", e.path, "training configuration ("
                                + ", ".join(sorted(hits)[:3]) + ")", 1, 0.75))
            if len(out) >= 40:
                break
    for p in pointers(view):
        if re.search(r"wandb\.ai|tensorboard\.dev", p.url) and not is_test_path(p.path):
            out.append(Evidence(comp, "link_only", p.path, "training logs: " + p.url[:80], p.line, 0.7, p.url))
            break
    return sorted(out, key=lambda x: -x.confidence)[:20]


def detect_libraries(view: RepoView) -> list[Evidence]:
    comp = "supporting_libraries"
    out = []
    for e in view.containing(*LIBRARY_WORDS):
        if e.depth <= 2 and not e.vendored and LIBRARY_FILES.match(e.name):
            out.append(Evidence(comp, "present", e.path, "dependency / environment manifest", 1, 0.8))
    return sorted(out, key=lambda x: (x.path.count("/"), x.path))[:20]
