# SPDX-License-Identifier: Apache-2.0
"""Train tiny-gpt: python train.py --config configs/train_tiny.yaml"""
import argparse

import torch
import yaml

from model import GPT


def batches(path, block_size, batch_size):
    data = torch.load(path)
    while True:
        ix = torch.randint(len(data) - block_size - 1, (batch_size,))
        x = torch.stack([data[i:i + block_size] for i in ix])
        y = torch.stack([data[i + 1:i + 1 + block_size] for i in ix])
        yield x, y


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    cfg = yaml.safe_load(open(ap.parse_args().config))
    model = GPT(**cfg["model"])
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["learning_rate"], weight_decay=cfg["weight_decay"])
    for step, (x, y) in enumerate(batches(f"{cfg['data_path']}/train.pt", cfg["model"]["block_size"],
                                          cfg["batch_size"])):
        _, loss = model(x, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step >= cfg["max_steps"]:
            break
    torch.save(model.state_dict(), "weights/tiny-gpt.pt")


if __name__ == "__main__":
    main()
