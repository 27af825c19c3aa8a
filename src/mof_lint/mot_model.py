"""MOT-format model files (the YAML the Model Openness Tool publishes) -> the components they list.

License resolution is MOT's (ModelUpdater, shared/mot/RULES.md): a component's own non-null
`license`; else `release.license.<content_type>.name`; else `release.license.distribution.name`;
else unlicensed. An unknown component name is mapped to Datasets, as MOT does, so that the class
agrees with MOT; it is also reported, because it is almost always a typo.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from mof_lint.findings import Finding
from mof_lint.framework import FRAMEWORK
from mof_lint.yamlio import YamlError, load_yaml


@dataclass
class MotModel:
    path: str
    name: str | None
    listed: dict[int, str | None] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    readable: bool = True


def _name_of(block) -> str | None:
    if isinstance(block, dict):
        name = block.get("name")
        if name is not None and str(name) != "":
            return str(name)
    return None


def model_from_data(data, path: str, lines: dict | None = None) -> MotModel:
    """Build the listed components from already-parsed YAML `data`. `lines` maps a component index
    to its line number, for findings."""
    lines = lines or {}
    release = data.get("release") if isinstance(data, dict) else None
    if not isinstance(release, dict):
        m = MotModel(path, None, readable=False)
        m.findings.append(Finding("MOF301", f"{path} has no `release` mapping; not a MOT model file",
                                  path=path, line=1))
        return m
    model = MotModel(path, str(release.get("name")) if release.get("name") is not None else None)
    global_licenses = release.get("license") if isinstance(release.get("license"), dict) else {}
    components = release.get("components") or []
    if not isinstance(components, list):
        model.findings.append(Finding("MOF301", "`release.components` is not a list", path=path,
                                      line=lines.get("components", 1)))
        components = []
    seen: dict[int, int] = {}
    for index, entry in enumerate(components):
        line = lines.get(index, 1)
        if not isinstance(entry, dict):
            model.findings.append(Finding("MOF301", f"component #{index + 1} is not a mapping",
                                          path=path, line=line))
            continue
        name = entry.get("name")
        comp = FRAMEWORK.by_name.get(str(name)) if name is not None else None
        if comp is None:
            comp = FRAMEWORK.by_id[FRAMEWORK.unknown_component_fallback]
            model.findings.append(Finding(
                "MOF302", f"unknown component name {str(name)!r}; MOT counts it as {comp.name!r}",
                path=path, line=line))
        if comp.id in seen:
            model.findings.append(Finding(
                "MOF303", f"{comp.name!r} is listed twice (also on line {seen[comp.id]}); MOT keeps "
                "the last one", path=path, line=line))
        seen[comp.id] = line
        if "license" in entry and entry["license"] is not None:
            lic = str(entry["license"])
        else:
            lic = (_name_of(global_licenses.get(comp.content_type))
                   or _name_of(global_licenses.get("distribution")))
        model.listed[comp.id] = lic
    return model


def load_mot_model(path: str, text: str) -> MotModel:
    try:
        data, marks = load_yaml(text, path)
    except YamlError as err:
        m = MotModel(path, None, readable=False)
        m.findings.append(Finding("MOF300", err.message, path=path, line=err.line))
        return m
    lines = {}
    try:  # line numbers of each component entry, for findings
        comps = marks["release"]["components"]
        for i in range(len(comps)):
            lines[i] = comps.lc.item(i)[0] + 1
        lines["components"] = marks["release"].lc.key("components")[0] + 1
    except Exception:  # noqa: BLE001 - marks are best effort; the data decides
        pass
    return model_from_data(data, path, lines)
