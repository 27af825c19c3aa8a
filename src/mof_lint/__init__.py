"""mof-lint: lint a model repository against the Model Openness Framework (MOF)."""

__version__ = "0.1.0"
