"""The data files mof-lint ships beside its modules (framework YAML, license corpus, font metrics).

Read through the package's own folder: `importlib.resources` would serve zipped installs too, but
importing it (and the zipfile reader it pulls in) costs about 20 ms of every run's start, and
mof-lint is installed as files (a wheel, an editable install, the Action's image).
"""
from __future__ import annotations

import importlib
import os
import sys


def path(package: str, name: str) -> str:
    """The file `name` beside the modules of `package` ("mof_lint.framework", "mof.yml")."""
    module = sys.modules.get(package) or importlib.import_module(package)
    return os.path.join(os.path.dirname(module.__file__), name)


def read_text(package: str, name: str) -> str:
    with open(path(package, name), encoding="utf-8") as fh:
        return fh.read()


def read_bytes(package: str, name: str) -> bytes:
    with open(path(package, name), "rb") as fh:
        return fh.read()
