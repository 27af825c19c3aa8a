"""The Model Openness Framework, read from data (`mof.yml`, copied from MOT; see SOURCE.md).

Nothing else in mof-lint lists components or classes: detectors name the component they find
evidence for by its `key`, and everything else iterates over `FRAMEWORK.components`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from mof_lint import datafiles

from ruamel.yaml import YAML


@dataclass(frozen=True)
class Component:
    id: int
    key: str
    name: str
    description: str
    content_type: str  # code | data | document (MOT)
    mof_class: int  # the class that first requires it: 3 (Class III), 2 or 1
    weight: int
    required: bool
    license_scope: str  # code | weights | data | document (mof-lint)
    pointer_ok: bool  # strict policy: may be a link instead of a file
    own_only: bool = False  # evidence in example/tutorial folders for users does not count
    hint: str = ""  # what to add when it is missing


@dataclass(frozen=True)
class MofClass:
    number: int
    name: str
    short: str


@dataclass(frozen=True)
class Framework:
    name: str
    version: str
    source: str
    components: tuple[Component, ...]
    classes: tuple[MofClass, ...]
    unclassified: str
    content_types: dict
    badges: dict
    unknown_component_fallback: int
    substitutes: tuple[tuple[int, int], ...]  # (component that may be missing, component that stands in)

    @cached_property
    def by_id(self) -> dict[int, Component]:
        return {c.id: c for c in self.components}

    @cached_property
    def by_key(self) -> dict[str, Component]:
        return {c.key: c for c in self.components}

    @cached_property
    def by_name(self) -> dict[str, Component]:
        return {c.name: c for c in self.components}

    def required(self, number: int) -> list[Component]:
        """Required components introduced by class `number` (not cumulative), in MOT's weight order."""
        return sorted((c for c in self.components if c.required and c.mof_class == number),
                      key=lambda c: c.weight)

    def class_info(self, number: int | None) -> MofClass | None:
        return next((k for k in self.classes if k.number == number), None)

    def class_name(self, number: int | None) -> str:
        info = self.class_info(number)
        return info.name if info else self.unclassified

    def ordered(self) -> list[Component]:
        """All components, Class III first, then by MOT's weight (the order MOT shows them)."""
        return sorted(self.components, key=lambda c: (-c.mof_class, not c.required, c.weight))


def _load() -> Framework:
    raw = YAML(typ="safe").load(datafiles.read_text(__name__, "mof.yml"))
    comps = tuple(
        Component(id=int(c["id"]), key=c["key"], name=c["name"], description=c["description"],
                  content_type=c["content_type"], mof_class=int(c["class"]), weight=int(c["weight"]),
                  required=bool(c["required"]), license_scope=c["license_scope"],
                  pointer_ok=bool(c["pointer_ok"]), hint=c.get("hint", ""),
                  own_only=bool(c.get("own_only", False)))
        for c in raw["components"])
    classes = tuple(MofClass(int(k["class"]), k["name"], k["short"]) for k in raw["classes"])
    fw = raw["framework"]
    return Framework(name=fw["name"], version=str(fw["version"]), source=fw["source"],
                     components=comps, classes=classes, unclassified=raw["unclassified"],
                     content_types=dict(raw["content_types"]), badges=dict(raw["badges"]),
                     unknown_component_fallback=int(raw["unknown_component_fallback"]),
                     substitutes=tuple((int(s["missing"]), int(s["by"])) for s in raw["substitutes"]))


FRAMEWORK = _load()
CLASS_NUMBERS = tuple(sorted((k.number for k in FRAMEWORK.classes), reverse=True))  # (3, 2, 1)
