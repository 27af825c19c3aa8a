#!/usr/bin/env python3
"""Score `mof-lint check` against the hand-read corpus (benchmarks/corpus/*.yaml).

Usage: python3 benchmarks/score_corpus.py [--trees /tmp/corpus] [--split test|tune|all]
                                          [--mof-lint CMD] [--verbose] [--json FILE]
Each reading names a repository and the commit it was read at; its work tree must be unpacked under
--trees as <owner>+<name> (`fetch`, then benchmarks/snapshot.py: see benchmarks/corpus/README.md).
mof-lint runs on the reading's `folder` of that tree, and every (repository, component) pair is
compared in three buckets, as ../shared/devset/score.py does: in the repository (present, partial),
a pointer (link_only), absent. A pair where mof-lint's bucket is above the reading's is an
over-claim (it found more than is there: the error a badge must never make); below, a miss.
Printed per split: component agreement, over-claims, misses, and the class under both policies
(`mot` against the report's `class`, `strict` against `strict_class`), plus the weights' license.

The `test` split is the honest figure: readings there are never tuned on (a repository whose test
disagreement was looked at moves to `tune`, and a new one is read).
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import shlex
import subprocess
import sys
from collections import defaultdict

from ruamel.yaml import YAML

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = {  # reading key -> MOF component names (the paper counts as either document kind)
    "model_architecture_code": ["Model architecture"],
    "weights": ["Model parameters (Final)"],
    "intermediate_weights": ["Model parameters (Intermediate)"],
    "training_code": ["Training code"],
    "inference_code": ["Inference code"],
    "evaluation_code": ["Evaluation code"],
    "data_preprocessing_code": ["Data preprocessing code"],
    "data_manifest": ["Datasets"],
    "evaluation_data": ["Evaluation data"],
    "model_card": ["Model card"],
    "data_card": ["Data card"],
    "paper": ["Research paper", "Technical report"],
    "evaluation_results": ["Evaluation results"],
    "sample_outputs": ["Sample model outputs"],
    "model_metadata": ["Model metadata"],
}
BUCKET = {"present": "repo", "partial": "repo", "link_only": "pointer", "absent": "absent"}
RANK = {"absent": 0, "pointer": 1, "repo": 2}
CLASS = {None: None, "none": None, "III": 3, "II": 2, "I": 1, 3: 3, 2: 2, 1: 1}


def readings(split: str) -> list[dict]:
    out = []
    for path in sorted(glob.glob(os.path.join(HERE, "corpus", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            r = YAML(typ="safe").load(f)
        if split in ("all", r.get("split")):
            out.append(r)
    return out


def run(cmd: str, tree: str) -> dict | None:
    r = subprocess.run(shlex.split(cmd) + ["check", tree, "--format", "json"], capture_output=True, text=True)
    try:
        return json.loads(r.stdout)
    except ValueError:
        print(f"  no JSON report (exit {r.returncode}): {r.stderr.strip()[-300:]}")
        return None


def score(reading: dict, report: dict | None) -> dict:
    """Per-pair outcomes of one repository: agree / over / miss, and the class checks."""
    status = {c["name"]: c["status"] for c in (report or {}).get("components", [])}
    pairs = []
    for key, names in KEYS.items():
        truth = BUCKET[reading["components"][key]["status"]]
        got = max((BUCKET.get(status.get(n), "absent") for n in names), key=RANK.get) if report else "absent"
        kind = "agree" if got == truth else ("over" if RANK[got] > RANK[truth] else "miss")
        pairs.append((key, truth, got, kind))
    expected = reading.get("expected_class") or {}
    classes = {}
    for policy, field in (("mot", "class"), ("strict", "strict_class")):
        want = CLASS.get(expected.get(policy))
        got = CLASS.get((report or {}).get(field))
        classes[policy] = (want, got)
    return {"pairs": pairs, "classes": classes}


def weights_license(report: dict | None) -> str | None:
    for c in (report or {}).get("components", []):
        if c["name"] == "Model parameters (Final)":
            return c.get("license")
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trees", default="/tmp/corpus", help="folder holding <owner>+<name> work trees")
    ap.add_argument("--split", default="all", choices=("all", "test", "tune"))
    ap.add_argument("--mof-lint", default=f"{sys.executable} -m mof_lint", help="command that runs mof-lint")
    ap.add_argument("--verbose", action="store_true", help="print every disagreement")
    ap.add_argument("--json", help="write the per-repository results here")
    ap.add_argument("--show-test", action="store_true", help="also print the test split's repositories one by "
                    "one (by default only its totals: a test disagreement someone looked at cannot be tuned on)")
    args = ap.parse_args()
    totals = defaultdict(lambda: defaultdict(int))
    results = []
    missing = []
    for reading in readings(args.split):
        tree = os.path.join(args.trees, reading["repo"].replace("/", "+"))
        if not os.path.isdir(tree):
            missing.append(reading["repo"])
            continue
        target = os.path.normpath(os.path.join(tree, reading.get("folder") or "."))
        report = run(args.mof_lint, target)
        s = score(reading, report)
        split = reading.get("split", "tune")
        t = totals[split]
        for _key, _truth, _got, kind in s["pairs"]:
            t[kind] += 1
        for policy, (want, got) in s["classes"].items():
            t[f"class_{policy}"] += want == got
        t["repos"] += 1
        stated = (reading.get("weights_license") or {}).get("spdx")
        found = weights_license(report)
        t["license_agree"] += _same_license(stated, found)
        agree = sum(1 for p in s["pairs"] if p[3] == "agree")
        flag = "" if agree == len(s["pairs"]) else "  " + ", ".join(
            f"{k} {'+' if kind == 'over' else '-'}{got}" for k, truth, got, kind in s["pairs"] if kind != "agree")
        shown = split != "test" or args.show_test
        if shown:
            print(f"{split:5s} {reading['repo']:48s} {agree:2d}/{len(s['pairs'])}  class mot "
                  f"{_c(s['classes']['mot'])} strict {_c(s['classes']['strict'])}{flag if args.verbose else ''}")
            results.append({"repo": reading["repo"], "split": split, "pairs": s["pairs"],
                            "classes": {k: list(v) for k, v in s["classes"].items()},
                            "weights_license": {"stated": stated, "found": found}})
    print()
    for split in sorted(totals):
        t = totals[split]
        pairs = t["agree"] + t["over"] + t["miss"]
        print(f"{split:5s} {t['repos']} repositories, {pairs} pairs: agreement {100 * t['agree'] / pairs:.1f} % "
              f"({t['agree']}), over-claims {t['over']}, misses {t['miss']}; class mot {t['class_mot']}/{t['repos']}, "
              f"strict {t['class_strict']}/{t['repos']}; weights license {t['license_agree']}/{t['repos']}")
    if missing:
        print(f"\nnot unpacked under {args.trees} (fetch, then benchmarks/snapshot.py): {', '.join(missing)}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1)
    return 0


def _c(pair) -> str:
    want, got = pair
    name = {None: "none", 3: "III", 2: "II", 1: "I"}
    return f"{name[want]}{'=' if want == got else '≠' + name[got]}"


def _same_license(stated: str | None, found: str | None) -> bool:
    """The repository's statement and mof-lint's reading name the same license (or both none).
    `custom: <name>` readings match any non-SPDX reading of mof-lint (its ids for custom licenses
    differ from a reader's free text)."""
    if not stated:
        return not found
    if not found:
        return False
    if stated.startswith("custom"):
        return found.lower() not in _spdx_like(found)
    return stated.lower() == found.lower() or stated.lower() in found.lower().split()


def _spdx_like(found: str) -> set[str]:
    return {"apache-2.0", "mit", "bsd-3-clause", "bsd-2-clause", "cc-by-4.0", "cc0-1.0", "gpl-3.0"}


if __name__ == "__main__":
    sys.exit(main())
