from tiny_llm.model import TinyLLM

__all__ = ["TinyLLM"]
