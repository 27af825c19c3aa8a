#!/usr/bin/env python3
"""License identification: accuracy, false-open count and time per file on a labelled corpus.

Usage: python3 benchmarks/bench_licenses.py [--scancode] [--show-misses]

The corpus is built in memory from real texts and variants of them, each with the answer a careful
reader would give:
  * real license files: tests/data/licenses (Debian's common-licenses, files from public model
    repositories, see SOURCE.md) and, when present, /usr/share/common-licenses;
  * variants that must NOT be called the license: a restrictive clause added, a quarter of the text
    dropped, paragraphs shuffled, one grant changed ("free of charge" -> "for a fee");
  * notices and references, labelled with the license they point to: a 16-line Apache header, a GPL
    "or any later version" header, a file that is only a URL;
  * non-license files: a README, Python code, a changelog.
Prints accuracy, the false-open count (a result MOT counts as open where the answer is not that
open license: the worst error mof-lint can make), start-up and time per file. With --scancode, runs
scancode-toolkit on the same files when it is installed (an optional peer, never a dependency).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

LABELS = {  # tests/data/licenses file -> the license it is
    "Apache-2.0.txt": "Apache-2.0", "MIT-six.txt": "MIT", "GPL-3.0.txt": "GPL-3.0-only", "MPL-2.0.txt": "MPL-2.0",
    "CC0-1.0.txt": "CC0-1.0", "BSD-3-Clause-debian.txt": "BSD-3-Clause", "codet5-LICENSE.txt": "BSD-3-Clause",
    "alpaca-DATA_LICENSE.txt": "CC-BY-NC-4.0",
    "mobileclip-LICENSE_DATA.txt": "CC-BY-NC-ND-4.0", "stable-diffusion-LICENSE.txt": "creativeml-openrail-m",
    "mobileclip-LICENSE_MODELS.txt": "apple-amlr", "chatglm-MODEL_LICENSE.txt": "chatglm-6b",
    "mobileclip-LICENSE.txt": "MIT",  # MIT plus a note that models are under separate terms
    "gpt-neox-LICENSE.txt": "Apache-2.0",  # Apache-2.0, then the MIT and BSD texts of vendored code
}
WITH_ADDITIONS = {"mobileclip-LICENSE.txt", "gpt-neox-LICENSE.txt"}
DEBIAN = {"Apache-2.0": "Apache-2.0", "BSD": "BSD-3-Clause", "CC0-1.0": "CC0-1.0", "GPL-2": "GPL-2.0-only",
          "GPL-3": "GPL-3.0-only", "LGPL-2.1": "LGPL-2.1-only", "LGPL-3": "LGPL-3.0-only", "MPL-2.0": "MPL-2.0",
          "MPL-1.1": "MPL-1.1", "GFDL-1.3": "GFDL-1.3-only", "GPL-1": "GPL-1.0-only"}
APACHE_NOTICE = (ROOT / "tests" / "data" / "licenses" / "apache-notice.txt").read_text("utf-8")
GPL_NOTICE = """This program is free software: you can redistribute it and/or modify
it under the terms of the GNU General Public License as published by
the Free Software Foundation, either version 3 of the License, or
(at your option) any later version.
"""
NOT_LICENSES = {
    "README.md": "# Tiny GPT\n\nA small GPT trained on TinyStories. See the paper and the model card.\n\n"
                 "## Usage\n\n```bash\npython generate.py --prompt 'Once upon a time'\n```\n",
    "model.py": "import torch\n\n\nclass GPT(torch.nn.Module):\n    def forward(self, x):\n        return x\n",
    "CHANGELOG.md": "# Changes\n\n## 1.2.0\n- faster sampling\n- fixed the tokenizer\n",
}
CLAUSE = "\nThe Software shall not be used for any commercial purpose or for military applications.\n"


def corpus() -> list[tuple[str, str, str]]:
    """(name, text, expected license or 'unknown')."""
    from mof_lint.licenses.matcher import catalog_open
    items = []
    data = ROOT / "tests" / "data" / "licenses"
    texts = {name: (data / name).read_text("utf-8", errors="replace") for name in LABELS}
    common = Path("/usr/share/common-licenses")
    for name, lic in DEBIAN.items():
        if (common / name).is_file():
            texts[f"debian-{name}"] = (common / name).read_text("utf-8", errors="replace")
            LABELS[f"debian-{name}"] = lic
    for name, text in texts.items():
        items.append((name, text, LABELS[name]))
        if LABELS[name] in ("apple-amlr", "chatglm-6b") or name in WITH_ADDITIONS:
            continue  # title-only texts stay restricted anyway; texts with additions have no one variant
        # a variant of an open license must not pass as it; a variant of a restricted one may be
        # named after it (it is not open either way)
        variant = "unknown" if catalog_open(LABELS[name]) else LABELS[name]
        items.append((f"{name} +clause", text + CLAUSE, variant))
        items.append((f"{name} half", text[: len(text) // 2], variant))
        end = text.find("END OF TERMS")
        terms = text[:end] if end > 0 else text
        paras = [p for p in terms.split("\n\n") if p.strip()]
        if len(paras) > 4:  # the terms in reverse paragraph order
            items.append((f"{name} reordered", "\n\n".join(reversed(paras)) + text[len(terms):], variant))
        if "free of charge" in text:
            items.append((f"{name} for a fee", text.replace("free of charge", "for a fee"), variant))
    items += [("apache-notice", APACHE_NOTICE, "Apache-2.0"), ("gpl-notice", GPL_NOTICE, "GPL-3.0-or-later"),
              ("url-only", "https://opensource.org/licenses/MIT\n", "MIT"),
              ("url-cc-by-nc", "https://creativecommons.org/licenses/by-nc/4.0/\n", "CC-BY-NC-4.0")]
    items += [(n, t, "unknown") for n, t in NOT_LICENSES.items()]
    return items


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scancode", action="store_true", help="also run scancode-toolkit, if installed")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()

    t0 = time.perf_counter()
    from mof_lint.licenses.catalog import catalog
    from mof_lint.licenses.matcher import corpus as load_corpus, identify_text
    load_corpus()
    catalog()
    startup = time.perf_counter() - t0
    items = corpus()
    cat = catalog()
    right = false_open = 0
    misses = []
    t1 = time.perf_counter()
    results = [identify_text(text) for _, text, _ in items]
    per_file = (time.perf_counter() - t1) / len(items)
    for (name, _, expected), got in zip(items, results):
        lic = got.license
        if lic == expected:
            right += 1
        else:
            misses.append((name, expected, lic, got.kind))
        if cat.mot_open(lic) and lic != expected:  # called open, and not the license the text is
            false_open += 1
    print(f"files                {len(items)}")
    print(f"accuracy             {right / len(items):.1%} ({right}/{len(items)})")
    print(f"false open           {false_open}")
    print(f"start-up (corpus)    {startup * 1000:.0f} ms")
    print(f"time per file        {per_file * 1000:.2f} ms")
    if args.show_misses:
        for m in misses:
            print("  miss:", *m)
    if args.scancode:
        exe = shutil.which("scancode")
        if not exe:
            print("scancode             not installed (pip install scancode-toolkit to compare)")
        else:
            with tempfile.TemporaryDirectory() as tmp:
                for i, (_, text, _) in enumerate(items):
                    Path(tmp, f"{i:03d}.txt").write_text(text, encoding="utf-8")
                out = os.path.join(tmp, "out.json")
                t2 = time.perf_counter()
                subprocess.run([exe, "--license", "--json", out, "-n", "1", tmp], capture_output=True, check=False)
                print(f"scancode wall        {time.perf_counter() - t2:.1f} s for {len(items)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
