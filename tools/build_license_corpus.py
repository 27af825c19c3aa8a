#!/usr/bin/env python3
"""Build src/mof_lint/licenses/corpus.json.gz, the license texts mof-lint matches against.

Source: ScanCode's license database (nexB/aboutcode, CC-BY-4.0), as shipped in the
`scancode-toolkit` 32.5.0 wheel (licensedcode/data/licenses/*.LICENSE; the `licensedcode-data`
32.1.0 wheel has the same layout but predates most AI licenses). Taken from it:
  * every license whose `spdx_license_key` is a current id of the SPDX License List packaged in
    framework/licenses.json (exceptions and deprecated ids left out), under that SPDX id;
  * the AI / model licenses listed under `scancode:` in licenses/known.yml, under mof-lint's id.
Each text is stored normalised (mof_lint.licenses.normalize.words), so matching at run time only
splits strings.

    pip download --no-deps scancode-toolkit==32.5.0 -d /tmp/sc && cd /tmp/sc && unzip -q *.whl 'licensedcode/data/licenses/*'
    python3 tools/build_license_corpus.py /tmp/sc/licensedcode/data/licenses
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mof_lint.licenses.matcher import build_index, preference  # noqa: E402
from mof_lint.licenses.normalize import terms_and_tail  # noqa: E402

SCANCODE_VERSION = "scancode-toolkit 32.5.0 (licensedcode/data/licenses)"


def read_scancode(path: Path) -> tuple[dict, str]:
    raw = path.read_text("utf-8", errors="replace")
    _, head, text = raw.split("---", 2) if raw.startswith("---") else ("", "", raw)
    return YAML(typ="safe").load(head) or {}, text


def main(src: str) -> int:
    src_dir = Path(src)
    spdx = json.loads((ROOT / "src/mof_lint/framework/licenses.json").read_text("utf-8"))["licenses"]
    current = {r["licenseId"] for r in spdx if not r.get("isDeprecatedLicenseId")}
    known = YAML(typ="safe").load((ROOT / "src/mof_lint/licenses/known.yml").read_text("utf-8"))
    wanted_ai = known["scancode"]
    out, seen = [], set()
    by_text: dict[tuple, int] = {}
    for path in sorted(src_dir.glob("*.LICENSE")):
        meta, text = read_scancode(path)
        key = meta.get("key") or path.stem
        if meta.get("is_exception") or meta.get("is_deprecated") or meta.get("is_unknown"):
            continue
        if key in wanted_ai:
            lic_id = wanted_ai[key]
        elif meta.get("spdx_license_key") in current:
            lic_id = meta["spdx_license_key"]
        else:
            continue
        seq, tail = terms_and_tail(text)
        if len(seq) < 8 or lic_id in seen:
            continue
        seen.add(lic_id)
        entry = {"id": lic_id, "scancode": key, "name": meta.get("name") or lic_id, "words": " ".join(seq), "tail": " ".join(tail)}
        same = by_text.get(tuple(seq))
        if same is not None:
            # One text, several ids (GFDL-1.3-only / -invariants-only / -no-invariants-only,
            # GPL-3.0-only / -or-later): the text cannot tell them apart, so keep the plain one.
            if preference(lic_id) < preference(out[same]["id"]):
                out[same] = entry
            continue
        by_text[tuple(seq)] = len(out)
        out.append(entry)
    missing = sorted(set(wanted_ai) - {e["scancode"] for e in out})
    if missing:
        print("not in the ScanCode data:", ", ".join(missing), file=sys.stderr)
        return 1
    dest = ROOT / "src/mof_lint/licenses/corpus.json.gz"
    payload = {"source": SCANCODE_VERSION, "license": "CC-BY-4.0 (ScanCode LicenseDB)", **build_index(out)}
    data = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode("utf-8")
    dest.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))  # mtime=0: reproducible bytes
    print(f"{len(out)} licenses -> {dest.relative_to(ROOT)} ({dest.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/sc/licensedcode/data/licenses"))
