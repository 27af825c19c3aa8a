"""Train tiny-llm from scratch."""
import argparse

import torch
from torch.utils.data import DataLoader

from tiny_llm.model import TinyLLM


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--steps", type=int, default=50000)
    ap.add_argument("--data", default="data/tokens.pt")
    args = ap.parse_args()
    model = TinyLLM()
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.1)
    tokens = torch.load(args.data)
    loader = DataLoader(tokens, batch_size=args.batch_size, shuffle=True)
    step = 0
    while step < args.steps:
        for batch in loader:
            logits = model(batch[:, :-1])
            loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), batch[:, 1:].flatten())
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            step += 1
    torch.save(model.state_dict(), "tiny-llm.pt")


if __name__ == "__main__":
    main()
