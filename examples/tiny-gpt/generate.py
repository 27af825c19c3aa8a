# SPDX-License-Identifier: Apache-2.0
"""Generate text with tiny-gpt: python generate.py "Once upon a time" """
import sys

import torch
from safetensors.torch import load_file

from model import GPT


@torch.no_grad()
def generate(model, idx, max_new_tokens=50, temperature=0.8):
    for _ in range(max_new_tokens):
        logits, _ = model(idx[:, -model.block_size:])
        probs = torch.softmax(logits[:, -1, :] / temperature, dim=-1)
        idx = torch.cat([idx, torch.multinomial(probs, 1)], dim=1)
    return idx


if __name__ == "__main__":
    model = GPT()
    model.load_state_dict(load_file("weights/tiny-gpt.safetensors"))
    model.eval()
    prompt = torch.tensor([[ord(c) % 8192 for c in sys.argv[1]]])
    print(generate(model, prompt)[0].tolist())
