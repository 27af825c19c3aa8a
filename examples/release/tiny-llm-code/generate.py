"""Sample text from a tiny-llm checkpoint."""
import torch

from tiny_llm.model import TinyLLM


def generate(checkpoint: str, prompt_ids: list[int], steps: int = 100) -> list[int]:
    model = TinyLLM()
    model.load_state_dict(torch.load(checkpoint))
    model.eval()
    idx = torch.tensor([prompt_ids])
    with torch.no_grad():
        for _ in range(steps):
            probs = torch.softmax(model(idx)[:, -1], dim=-1)
            idx = torch.cat([idx, torch.multinomial(probs, 1)], dim=1)
    return idx[0].tolist()
