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
class Declared:
    """One component entry of a declaration, as written."""
    component: int
    line: int
    license: str | None  # after MOT's resolution (own license, else content type, else distribution)
    license_path: str | None = None
    component_path: str | None = None
    own_license: bool = False  # the entry names its own license (else it was inherited)


@dataclass
class MotModel:
    path: str
    name: str | None
    listed: dict[int, str | None] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    readable: bool = True
    entries: dict[int, Declared] = field(default_factory=dict)
    components_line: int = 1


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
        own = "license" in entry and entry["license"] is not None
        if own:
            lic = str(entry["license"])
        else:
            lic = (_name_of(global_licenses.get(comp.content_type))
                   or _name_of(global_licenses.get("distribution")))
        model.listed[comp.id] = lic
        model.entries[comp.id] = Declared(comp.id, line, lic, _str(entry.get("license_path")),
                                          _str(entry.get("component_path")), own)
        if own:
            model.findings += _license_spelling(lic, path, lines.get(("license", index), line), comp.name)
    for kind, block in global_licenses.items():
        written = _name_of(block)
        if written:
            model.findings += _license_spelling(written, path, lines.get(("global", kind), 1),
                                                f"release.license.{kind}")
    model.components_line = lines.get("components", 1)
    return model


def _str(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _license_spelling(written: str, path: str, line: int, what: str) -> list[Finding]:
    """MOF308 when a license is not an id MOT knows exactly, with the id to write when there is one.
    '' and 'unlicensed' are MOT's words for "no license" and are left alone."""
    from mof_lint.licenses.catalog import catalog
    from mof_lint.licenses.names import looks_like_expression, parse_expression, resolve_name
    if written in ("", "unlicensed"):
        return []
    cat = catalog()
    if cat.record(written) or written in cat.open_data or written in cat.open_other or \
            written.lower() in cat.named:
        return []
    suggestion, _ = resolve_name(written)
    if suggestion is None and looks_like_expression(written):
        expr, _, unknown = parse_expression(written)
        if expr and not unknown:
            return [Finding("MOF308", f"{what}: {written!r} is an SPDX expression; MOT compares ids exactly and "
                            "does not count an expression as open (list one id per component)", path=path, line=line)]
    hint = f"; write {suggestion!r}" if suggestion else "; it is not an SPDX id or a license mof-lint knows"
    verdict = " (which MOT counts as open)" if suggestion and cat.mot_open(suggestion) else ""
    return [Finding("MOF308", f"{what}: license {written!r} is not an exact SPDX id, so MOT counts it as not "
                    f"open{hint}{verdict}", path=path, line=line)]


# What MOT reads of a model file, from its code (lfai/model_openness_tool@8b5d30e9), not only its schema:
# scripts/sync_models.php imports the `release` mapping alone, and ModelUpdater::update() sets every
# key of it on the Model entity (name -> label, producer -> organization; license, components,
# contact and date are handled apart). So `repository`, `huggingface` and `description` -- base
# fields of the Model entity (Entity/Model.php) that the schema does not list -- are read; a key
# that is no field of the entity makes Drupal's set() throw, and the file's import fails.
KNOWN_FIELDS = {
    (): {"framework", "release"},
    ("framework",): {"name", "version", "date"},
    ("release",): {"name", "version", "date", "license", "type", "architecture", "treatment", "origin",
                   "producer", "contact", "components", "repository", "huggingface", "description"},
    # processComponentLicenses() reads name, license, license_path and component_path; description
    # is in the schema (and ignored)
    ("component",): {"name", "description", "license", "license_path", "component_path"},
}
# Base fields of MOT's Model entity that the importer would set from a release key of that name,
# though they are MOT's own bookkeeping (its owner, status, computed class).
INTERNAL_RELEASE_FIELDS = {"label", "organization", "uid", "approver", "created", "changed", "classification",
                           "classification_no", "total_progress", "license_data", "status"}


def unknown_fields(data, path: str, marks) -> list[Finding]:
    """MOF313 for fields MOT does not read as the model format means them: ignored (outside `release`),
    internal to MOT, or unknown to MOT's Model entity (which fails the import)."""
    out = []

    def report(mapping, allowed, where, why):
        if not isinstance(mapping, dict):
            return
        for key in mapping:
            if str(key) not in allowed:
                try:
                    line = mapping.lc.key(key)[0] + 1
                except (AttributeError, KeyError, TypeError):
                    line = 1
                message, level = why(str(key))
                out.append(Finding("MOF313", f"{where}{key}: {message}", path=path, line=line, level=level))

    def ignored(_key):
        return "not a field of MOT's model format; MOT ignores it", None

    def in_release(key):
        if key in INTERNAL_RELEASE_FIELDS:
            return ("an internal field of MOT's Model entity, not part of the model format; MOT's import would "
                    "set it as written"), None
        return ("not a field of MOT's Model entity: MOT's import (ModelUpdater::update) sets every release key "
                "on the entity, so importing this file fails; remove it or use one of MOT's fields"), "warning"
    report(marks, KNOWN_FIELDS[()], "", ignored)
    if isinstance(marks, dict):
        report(marks.get("framework"), KNOWN_FIELDS[("framework",)], "framework.", ignored)
        release = marks.get("release")
        report(release, KNOWN_FIELDS[("release",)], "release.", in_release)
        comps = release.get("components") if isinstance(release, dict) else None
        for i, c in enumerate(comps if isinstance(comps, list) else []):
            report(c, KNOWN_FIELDS[("component",)], f"release.components[{i}].", ignored)
    return out


def load_mot_model(path: str, text: str) -> MotModel:
    try:
        data, marks = load_yaml(text, path)
    except YamlError as err:
        m = MotModel(path, None, readable=False)
        m.findings.append(Finding("MOF300", err.message, path=path, line=err.line))
        return m
    lines = _lines(marks)
    model = model_from_data(data, path, lines)
    if model.readable:
        from mof_lint.validation import validate
        model.findings += validate(data, marks, "openness", path, "MOF306")
        model.findings += unknown_fields(data, path, marks)
    return model


def _lines(marks) -> dict:
    """Line numbers of component entries, their license keys and the global licenses, for findings."""
    lines: dict = {}
    try:
        release = marks["release"]
        lines["components"] = release.lc.key("components")[0] + 1
        comps = release["components"]
        for i in range(len(comps)):
            lines[i] = comps.lc.item(i)[0] + 1
            if isinstance(comps[i], dict) and "license" in comps[i]:
                lines[("license", i)] = comps[i].lc.key("license")[0] + 1
    except Exception:  # noqa: BLE001 - marks are best effort; the data decides
        pass
    try:
        for kind, block in marks["release"]["license"].items():
            if isinstance(block, dict) and "name" in block:
                lines[("global", kind)] = block.lc.key("name")[0] + 1
    except Exception:  # noqa: BLE001
        pass
    return lines
