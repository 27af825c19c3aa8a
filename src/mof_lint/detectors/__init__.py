"""Detectors: small pure functions from a RepoView to evidence, one per concern.

Each returns a list of `Evidence` for the components it knows (named by framework key). They never
touch the file system (the view reads, bounded and cached) and never decide a class.
"""
from __future__ import annotations

from mof_lint.detectors import (architecture, cards, code, data, licenses, metadata, papers, results,
                                samples, weights)

DETECTORS = (
    architecture.detect,
    weights.detect,
    code.detect_training,
    code.detect_inference,
    code.detect_evaluation,
    code.detect_preprocessing,
    data.detect,
    cards.detect_model_card,
    cards.detect_data_card,
    papers.detect,
    results.detect,
    samples.detect,
    metadata.detect_metadata,
    metadata.detect_libraries,
)


def run_all(view):
    """All component evidence, in detector order."""
    out = []
    for detector in DETECTORS:
        out.extend(detector(view))
    return out


detect_licenses = licenses.detect
