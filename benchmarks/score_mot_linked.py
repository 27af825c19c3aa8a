#!/usr/bin/env python3
"""Score `mof-lint check` against the Model Openness Tool's published entries on the GitHub
repositories they point to (../shared/corpus/mot-linked.tsv: 68 entries, 37 repositories, with one
reader's verdict on every cell where mof-lint 0.1.0 and MOT disagreed).

Usage: python3 benchmarks/score_mot_linked.py [--trees /tmp/motcorpus] [--tsv PATH] [--verbose]
Each repository must be unpacked under --trees as <owner>+<name> (`fetch`, then
benchmarks/snapshot.py). Printed:
  * agreement with MOT: a cell agrees when MOT lists the component and mof-lint found it (any status
    but absent), or MOT does not list it and mof-lint did not find it;
  * the cells the reader judged linter errors of 0.1.0 -- MISS (the repository has it or points to it)
    and FP (found, but not there) -- and how many of them this version still gets wrong;
  * new linter errors: cells where 0.1.0 agreed with MOT (no verdict) and this version does not,
    split into new over-claims (found, MOT does not list) and new misses.
OUT cells (MOT lists what lives only on the Hub or in a paper, with no pointer in the repository)
and the reader's other verdicts (OMIT, MOTX, DEF, DRIFT, WRONG, BORDER) are counted, not judged.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TSV = os.path.join(HERE, "..", "..", "shared", "corpus", "mot-linked.tsv")


def statuses(cmd: list[str], tree: str) -> dict[str, str] | None:
    r = subprocess.run(cmd + ["check", tree, "--format", "json"], capture_output=True, text=True)
    try:
        return {c["name"]: c["status"] for c in json.loads(r.stdout)["components"]}
    except (ValueError, KeyError):
        return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--trees", default="/tmp/motcorpus")
    ap.add_argument("--tsv", default=DEFAULT_TSV)
    ap.add_argument("--verbose", action="store_true", help="print every cell this version gets wrong")
    args = ap.parse_args()
    with open(args.tsv, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    cmd = [sys.executable, "-m", "mof_lint"]
    cache: dict[tuple[str, str], dict | None] = {}
    missing: set[str] = set()
    agree = total = 0
    errors = Counter()  # verdict -> still wrong
    judged = Counter()
    new = Counter()
    per_repo = defaultdict(lambda: [0, 0])
    for row in rows:
        repo, folder = row["repo"], row["folder"]
        tree = os.path.join(args.trees, repo.replace("/", "+"))
        if not os.path.isdir(tree):
            missing.add(repo)
            continue
        key = (repo, folder)
        if key not in cache:
            cache[key] = statuses(cmd, os.path.normpath(os.path.join(tree, folder)))
        got = (cache[key] or {}).get(row["component"], "absent")
        found, listed = got != "absent", row["mot_lists"] == "yes"
        total += 1
        per_repo[repo][1] += 1
        if found == listed:
            agree += 1
            per_repo[repo][0] += 1
        verdict = row["verdict"]
        if verdict in ("MISS", "FP"):
            judged[verdict] += 1
            wrong = (verdict == "MISS" and not found) or (verdict == "FP" and found)
            errors[verdict] += wrong
            if wrong and args.verbose:
                print(f"  still {verdict:4s} {repo}/{folder} {row['component']}: {got}")
        elif not verdict and found != listed:
            new["over-claim" if found else "miss"] += 1
            if args.verbose:
                print(f"  new {'over-claim' if found else 'miss':10s} {repo}/{folder} {row['component']}: {got} "
                      f"(MOT lists: {row['mot_lists']})")
    if not total:
        print(f"no repository unpacked under {args.trees}")
        return 1
    print(f"cells {total} ({len(cache)} trees): agreement with MOT {100 * agree / total:.1f} % ({agree})")
    for verdict in ("MISS", "FP"):
        print(f"  0.1.0's {verdict} cells: {judged[verdict]}, still wrong {errors[verdict]}")
    print(f"  new disagreements where 0.1.0 agreed: over-claims {new['over-claim']}, misses {new['miss']}")
    linter_errors = errors["MISS"] + errors["FP"] + new["over-claim"] + new["miss"]
    print(f"  linter errors (still-wrong MISS/FP + new): {linter_errors} of {total} cells "
          f"({100 * linter_errors / total:.1f} %)")
    if missing:
        print(f"not unpacked: {', '.join(sorted(missing))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
