#!/usr/bin/env python3
"""Agreement of mof-lint's per-component licenses with the hand-read licenses of the development
set (shared/devset/repos.yaml, `component_licenses`: code, weights, data), and the false-open count.

Usage: python3 benchmarks/devset_licenses.py [--devset ../shared/devset] [--snapshots /tmp/devset]
(unpack the snapshots first: sh ../shared/devset/unpack.sh /tmp/devset)
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mof_lint.check import run_check  # noqa: E402
from mof_lint.licenses.catalog import catalog  # noqa: E402

KIND_COMPONENT = {"code": "training_code", "weights": "final_parameters", "data": "datasets"}
SPDX_ALIASES = {"CreativeML-OpenRAIL-M": "creativeml-openrail-m"}


def agrees(expected, got: str | None) -> bool:
    if expected is None:
        return got is None
    if str(expected).startswith("custom:"):
        return got is not None and (got == "unknown" or catalog().category(got) == "restricted")
    return got == SPDX_ALIASES.get(expected, expected)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--devset", default=str(ROOT.parent / "shared" / "devset"))
    ap.add_argument("--snapshots", default="/tmp/devset")
    args = ap.parse_args()
    repos = YAML(typ="safe").load(Path(args.devset, "repos.yaml").read_text("utf-8"))
    repos = repos if isinstance(repos, list) else repos.get("repos", repos)
    total = right = false_open = 0
    for r in repos:
        snap = os.path.join(args.snapshots, r["repo"].replace("/", "+"))
        if not os.path.isdir(snap):
            print(f"{r['repo']}: snapshot missing ({snap})")
            continue
        report = run_check(snap)
        by_key = {x.component.key: x for x in report.results}
        for kind, key in KIND_COMPONENT.items():
            want = (r.get("component_licenses") or {}).get(kind) or {}
            want = want.get("spdx") if isinstance(want, dict) else want
            res = by_key[key]
            if res.status == "absent":
                continue
            got = res.license
            total += 1
            ok = agrees(want, got)
            right += ok
            wrong_open = bool(got) and catalog().mot_open(got) and not ok
            false_open += wrong_open
            if not ok:
                print(f"  {r['repo']} {kind}: expected {want}, got {got}" + ("  << FALSE OPEN" if wrong_open else ""))
    print(f"agreement {right / max(total, 1):.1%} ({right}/{total}); false open {false_open}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
