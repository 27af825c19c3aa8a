"""Perplexity of a tiny-llm checkpoint on the held-out split."""
import math

import torch

from tiny_llm.model import TinyLLM


def evaluate(checkpoint: str, data: str = "data/heldout.pt") -> float:
    model = TinyLLM()
    model.load_state_dict(torch.load(checkpoint))
    model.eval()
    tokens = torch.load(data)
    total = 0.0
    with torch.no_grad():
        for batch in tokens.split(32):
            logits = model(batch[:, :-1])
            total += torch.nn.functional.cross_entropy(logits.flatten(0, 1), batch[:, 1:].flatten()).item()
    perplexity = math.exp(total / max(1, len(tokens.split(32))))
    print(f"perplexity: {perplexity:.2f}")
    return perplexity


if __name__ == "__main__":
    evaluate("tiny-llm.pt")
