"""`.mof-lint.yml`: the repository's settings for mof-lint, validated against
schemas/config.schema.json with errors on their lines.

    policy: strict            # or mot
    min-class: 2              # fail below Class II
    fail-on: error            # error | warning | never
    exclude: [third_party/]
    disable: [MOF103]         # rules not reported
    severity: {MOF207: warning}
    components:               # what mof-lint cannot see, said openly and justified
      - component: Model parameters (Final)
        status: link_only
        license: Apache-2.0
        url: https://huggingface.co/acme/tiny
        justification: The weights are published on the Hub under Apache-2.0 (see the model card there).

An override changes what mof-lint counts for one component and is shown, with its justification, in
every report (MOF309): a reviewer sees the claim and who made it.
"""
from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from mof_lint.findings import Finding

if TYPE_CHECKING:
    from mof_lint.framework import Component
# The framework, the YAML loader and the schema validator are imported where they are used: a check
# with no configuration file must not wait for them before it starts listing (cli._check).

CONFIG_NAMES = (".mof-lint.yml", ".mof-lint.yaml")
MAX_CONFIG_BYTES = 256 * 1024


@dataclass
class Override:
    component: Component
    justification: str
    line: int
    status: str | None = None
    license: str | None = None
    url: str | None = None
    path: str | None = None


@dataclass
class Config:
    path: str | None = None  # as found (relative to the repository when it is inside it)
    policy: str | None = None
    min_class: int | None = None
    fail_on: str | None = None
    exclude: list[str] = field(default_factory=list)
    disable: frozenset[str] = frozenset()
    severity: dict[str, str] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    declaration: str | None = None


def find_config(root: str, explicit: str | None) -> str | None:
    if explicit:
        return explicit
    for name in CONFIG_NAMES:
        candidate = os.path.join(root, name)
        if os.path.isfile(candidate) and not os.path.islink(candidate):
            return candidate
    return None


def component_named(value) -> Component | None:
    """A component by name ("Model parameters (Final)"), key (final_parameters) or id (10)."""
    from mof_lint.framework import FRAMEWORK
    if isinstance(value, int) and not isinstance(value, bool):
        return FRAMEWORK.by_id.get(value)
    if isinstance(value, str):
        v = value.strip()
        if v.isdigit():
            return FRAMEWORK.by_id.get(int(v))
        return FRAMEWORK.by_name.get(v) or FRAMEWORK.by_key.get(v) or next(
            (c for c in FRAMEWORK.components if c.name.lower() == v.lower()), None)
    return None


def _inside(path: str, root: str) -> str | None:
    """`path` relative to `root` ("/"-separated) when it names something inside it, else None."""
    full = os.path.abspath(path)
    for base in {os.path.abspath(root), os.path.realpath(root)}:
        if os.path.commonpath([base, full]) == base and full != base:
            return os.path.relpath(full, base).replace(os.sep, "/")
    return None


def _read(path: str, root: str | None) -> bytes:
    """At most MAX_CONFIG_BYTES + 1 bytes of the file. Inside the scanned repository (`root`) it is
    as untrusted as any other file there: read folder by folder, never through a symlink (a link
    to a YAML file elsewhere would have its values echoed in error messages), never a FIFO."""
    from mof_lint.repo import open_beneath
    rel = _inside(path, root) if root else None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    fd = open_beneath(os.path.realpath(root), rel) if rel else os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        return fh.read(MAX_CONFIG_BYTES + 1)


def load_config(path: str, shown_as: str | None = None,
                root: str | None = None) -> tuple[Config | None, list[Finding]]:
    """(config, findings). The config is None when the file cannot be used: every problem is a
    MOF305 finding on its line. `root`: the scanned repository, whose files are read only
    without following a symlink."""
    from mof_lint.validation import validate
    from mof_lint.yamlio import YamlError, load_yaml
    shown = shown_as or path
    try:
        raw = _read(path, root)
    except OSError as err:
        why = "it is a symlink or inside a symlinked folder of the repository; not followed" \
            if err.errno in (errno.ELOOP, errno.ENOTDIR) else f"cannot be read ({err.strerror})"
        return None, [Finding("MOF305", f"{shown}: {why}", path=shown, line=1)]
    if len(raw) > MAX_CONFIG_BYTES:
        return None, [Finding("MOF305", f"{shown}: larger than {MAX_CONFIG_BYTES // 1024} KiB; not a "
                              "configuration file", path=shown, line=1)]
    try:
        data, marks = load_yaml(raw.decode("utf-8", "replace"), shown)
    except YamlError as err:
        return None, [Finding("MOF305", err.message, path=shown, line=err.line, column=err.column)]
    if data is None:
        return Config(path=shown), []
    problems = validate(data, marks, "config", shown, "MOF305")
    if problems:
        return None, problems
    cfg = Config(path=shown, policy=data.get("policy"), min_class=data.get("min-class"),
                 fail_on=data.get("fail-on"), exclude=[str(x) for x in data.get("exclude") or []],
                 disable=frozenset(data.get("disable") or []), severity=dict(data.get("severity") or {}),
                 declaration=data.get("declaration"))
    for i, item in enumerate(data.get("components") or []):
        comp = component_named(item.get("component"))
        line = marks["components"].lc.item(i)[0] + 1
        if comp is None:
            problems.append(Finding("MOF305", f"{shown}: components[{i}]: {item.get('component')!r} is not a MOF "
                                    "component (mof-lint rules --components lists them)", path=shown, line=line))
            continue
        cfg.overrides.append(Override(comp, " ".join(str(item["justification"]).split()), line,
                                      item.get("status"), item.get("license"), item.get("url"), item.get("path")))
    return (None if problems else cfg), problems
