# SPDX-License-Identifier: Apache-2.0
"""Download TinyStories, drop exact duplicates and over-long stories, tokenise to data/tokens."""
import argparse
import hashlib

import torch
from datasets import load_dataset
from tokenizers import ByteLevelBPETokenizer


def dedup(stories):
    seen = set()
    for s in stories:
        h = hashlib.sha1(s.strip().encode()).hexdigest()
        if h not in seen:
            seen.add(h)
            yield s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="data/tokens")
    out = ap.parse_args().out
    ds = load_dataset("roneneldan/TinyStories")
    tok = ByteLevelBPETokenizer()
    tok.train_from_iterator(ds["train"]["text"], vocab_size=8192)
    for split in ("train", "validation"):
        ids = [i for s in dedup(ds[split]["text"]) for i in tok.encode(s).ids if len(s) < 4096]
        torch.save(torch.tensor(ids), f"{out}/{split}.pt")


if __name__ == "__main__":
    main()
