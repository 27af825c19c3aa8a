"""A release's parts. The Model Openness Framework judges a release, and a release is rarely one
repository: the code is on GitHub, the weights, the card and the weights' license in a Hugging Face
model repository, the trainer sometimes in a third repository. Each part is a tree that gets its
own RepoView (a Hub repository becomes a local tree of its metadata first, see `hub.py`); what is
found in it carries the part's label, and the check judges the release as a whole.

`--with` names a part: a local folder (a clone of the Hub model repository, a dataset repository,
the training code) or `hf:ORG/MODEL` / `hf:datasets/ORG/NAME`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import quote

CHECKOUT = ""  # the label evidence and findings of the checked repository carry internally
HUB_PREFIX = "hf:"


@dataclass
class Part:
    label: str  # "." for the checkout; the --with argument as given for the others
    path: str | None  # the local tree its view reads (for a Hub part, a temporary tree of its metadata)
    hub: str | None = None  # "ORG/MODEL" or "datasets/ORG/NAME"
    revision: str | None = None  # the Hub commit that was read, where known
    problem: str | None = None  # why it could not be read (then `path` is None)
    notes: list[str] = field(default_factory=list)  # what was left out of it while reading it

    @property
    def key(self) -> str:
        """What evidence from this part carries in its `part` field ("" for the checkout)."""
        return CHECKOUT if self.label == "." else self.label

    def as_dict(self) -> dict:
        d: dict = {"label": self.label}
        if self.hub:
            d["hub"] = self.hub
            if self.revision:
                d["revision"] = self.revision
        elif self.path:
            d["path"] = self.path
        if self.problem:
            d["problem"] = self.problem
        return d

    def file_url(self, rel: str) -> str | None:
        """Where a file of this part can be seen: the Hub's page of it, or a file URI of the local
        tree. None for the checkout (its files are the repository's own)."""
        if self.key == CHECKOUT:
            return None
        if self.hub:
            # (a dataset's id keeps its "datasets/" prefix: the Hub's URLs have it too)
            return f"https://huggingface.co/{quote(self.hub)}/blob/{quote(self.revision or 'main')}/{quote(rel)}"
        if self.path:
            return "file://" + quote(os.path.join(os.path.abspath(self.path), rel))
        return None


def overlap_problem(part_path: str, checkout: str) -> str | None:
    """Why a local part cannot be one (None when it can): each part is its own tree, so it may not
    be the checkout or hold it (a part inside the checkout is fine: the checkout leaves it out)."""
    part, root = os.path.realpath(part_path), os.path.realpath(checkout)
    if part == root:
        return "is the checked repository itself"
    if not os.path.relpath(root, part).startswith(".."):
        return "holds the checked repository (each part is its own tree)"
    return None


def is_hub(spec: str) -> bool:
    return spec.startswith(HUB_PREFIX)


def hub_id(spec: str) -> str | None:
    """ORG/NAME or datasets/ORG/NAME from `hf:...`, or None when it is not a Hub id."""
    rest = spec[len(HUB_PREFIX):].strip().strip("/")
    bits = rest.split("/")
    if bits and bits[0] in ("datasets", "models"):
        kind, bits = bits[0], bits[1:]
    else:
        kind = "models"
    if len(bits) != 2 or not all(_name_ok(b) for b in bits):
        return None
    return "/".join(bits) if kind == "models" else "datasets/" + "/".join(bits)


def _name_ok(name: str) -> bool:
    # the Hub's own rule for an owner or repository name: letters, digits, - _ . (not starting with . or -)
    return 0 < len(name) <= 96 and name[0] not in ".-" and ".." not in name and \
        all(c.isascii() and (c.isalnum() or c in "-_.") for c in name)



def located(part: str, path: str | None) -> str | None:
    """A path as a person reads it: a file of another part under that part's label
    (`hf:org/model/README.md`, `../model-hf/LICENSE`), a file of the checkout as it is."""
    if not part or path is None:
        return path
    return f"{part.rstrip('/')}/{path}"


def nested_parts(root: str, parts) -> tuple[str, ...]:
    """Exclude patterns for the local parts that lie inside the checkout (a Hub clone made in the
    workspace, `--with ./model-hf`): their files are that part's, not the checkout's as well."""
    real = os.path.realpath(root)
    out = []
    for part in parts:
        if part.path is None or part.hub:
            continue
        rel = os.path.relpath(os.path.realpath(part.path), real)
        if rel != "." and not rel.startswith(".."):
            # anchored to the root, gitignore's special characters escaped
            out.append("/" + "".join("\\" + c if c in "\\[]*?!#" else c for c in rel.replace(os.sep, "/")) + "/")
    return tuple(out)


def checkout_exclude(path: str, exclude, config, parts) -> tuple[str, ...]:
    """The exclude patterns of the checkout's listing: the command line's, the configuration's, and
    the local parts nested in it."""
    return tuple(exclude) + tuple(config.exclude) + nested_parts(path, parts)
