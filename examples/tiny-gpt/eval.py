# SPDX-License-Identifier: Apache-2.0
"""Evaluate tiny-gpt: validation perplexity and next-token accuracy on TinyStories."""
import math

import torch
from safetensors.torch import load_file

from model import GPT


@torch.no_grad()
def evaluate(model, data, block_size=256):
    losses, correct, total = [], 0, 0
    for i in range(0, len(data) - block_size - 1, block_size):
        x = data[i:i + block_size][None]
        y = data[i + 1:i + 1 + block_size][None]
        logits, loss = model(x, y)
        losses.append(loss.item())
        correct += (logits.argmax(-1) == y).sum().item()
        total += y.numel()
    return {"perplexity": math.exp(sum(losses) / len(losses)), "accuracy": 100 * correct / total}


if __name__ == "__main__":
    model = GPT()
    model.load_state_dict(load_file("weights/tiny-gpt.safetensors"))
    print(evaluate(model.eval(), torch.load("data/tokens/validation.pt")))
