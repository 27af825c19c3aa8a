"""Evidence -> MOF class. Never opens a file.

`mot_classify` is the Model Openness Tool's algorithm, exactly as read from
lfai/model_openness_tool@8b5d30e9 (ModelEvaluator; summarised in shared/mot/RULES.md), over a set of
*listed* components and their licenses. `classify_repository` builds that set from what the
detectors found, under two policies:
  mot     - a component counts as listed when any evidence of it was found (a file or a pointer);
  strict  - code and documents must be files in the repository; only components whose `pointer_ok`
            is set in the framework data (weights, datasets, papers) may be pointers.
Both report the same shape, so the caller can show them side by side.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from mof_lint.framework import CLASS_NUMBERS, FRAMEWORK
from mof_lint.licenses.catalog import catalog

UNLICENSED = ("", "unlicensed")
POLICIES = ("strict", "mot")


@dataclass(frozen=True)
class Need:
    """Why a required component does not count for a class yet."""
    component: int
    reason: str  # missing | unlicensed | invalid | pointer
    license: str | None = None


@dataclass
class Classification:
    policy: str
    mof_class: int | None  # 1, 2, 3, or None (MOT's 0, "Unclassified")
    progress: dict[int, float]  # class -> 0..100
    status: dict[int, str]  # component id -> included | invalid | unlicensed | missing
    needs: list[Need] = field(default_factory=list)  # for the next class up
    next_class: int | None = None

    @property
    def class_name(self) -> str:
        return FRAMEWORK.class_name(self.mof_class)


def component_status(listed: dict[int, str | None], is_open=None) -> dict[int, str]:
    """MOT's status of every component: missing / unlicensed / included / invalid. `is_open` is
    MOT's rule unless a policy gives another (strict also reads SPDX expressions)."""
    cat = catalog()
    is_open = is_open or cat.mot_open
    out = {}
    for comp in FRAMEWORK.components:
        if comp.id not in listed:
            out[comp.id] = "missing"
            continue
        lic = listed[comp.id]
        if lic is None or (isinstance(lic, str) and lic in UNLICENSED):
            out[comp.id] = "unlicensed"
        elif is_open(lic):
            out[comp.id] = "included"
        else:
            out[comp.id] = "invalid"
    return out


def substituted(status: dict[int, str]) -> dict[int, str]:
    """MOT lets the Research paper take the Technical report's slot in Classes III and II when the
    report is not included and the paper is listed, with the paper's own status."""
    eff = dict(status)
    for missing, by in FRAMEWORK.substitutes:
        if status[missing] != "included" and status[by] != "missing":
            eff[missing] = status[by]
    return eff


def _progress(number: int, status: dict[int, str]) -> float:
    eff = substituted(status)
    total = included = 0
    broke_at = None
    for i in CLASS_NUMBERS:
        if i < number:
            break
        total += len(FRAMEWORK.required(i))
        # The substitution holds in Classes III and II only; at Class I the paper counts once,
        # for itself, and the report's slot is dropped from the total below.
        st = eff if i > min(CLASS_NUMBERS) else status
        included = sum(1 for k in CLASS_NUMBERS if k >= i
                       for c in FRAMEWORK.required(k) if st[c.id] == "included")
        if included < total:
            broke_at = i
            break
    if broke_at is not None and broke_at > number:
        return 0.0
    if number == min(CLASS_NUMBERS):
        for missing, by in FRAMEWORK.substitutes:
            if status[missing] != "included" and status[by] == "included":
                total -= 1
    return min(100.0, included / total * 100.0) if total else 0.0


def mot_classify(listed: dict[int, str | None], policy: str = "mot") -> Classification:
    """MOT's class and per-class progress for components `listed` (id -> license as written).
    Under the strict policy a license is judged by mof-lint's reading (SPDX expressions count);
    under `mot` by MOT's exact-id rule."""
    status = component_status(listed, catalog().is_open if policy == "strict" else None)
    progress = {n: _progress(n, status) for n in CLASS_NUMBERS}
    reached = [n for n in CLASS_NUMBERS if progress[n] == 100.0]
    mof_class = min(reached) if reached else None
    result = Classification(policy=policy, mof_class=mof_class, progress=progress, status=status)
    result.next_class, result.needs = _needs(mof_class, status, listed)
    return result


def _needs(mof_class: int | None, status: dict[int, str], listed: dict[int, str | None]):
    """What the next class up still needs: every required component of classes 3..next that is not
    included (after MOT's substitution), with the reason."""
    target = (mof_class - 1) if mof_class else max(CLASS_NUMBERS)
    if target < min(CLASS_NUMBERS):
        return None, []
    eff = substituted(status)
    needs = []
    for k in CLASS_NUMBERS:
        if k < target:
            break
        for comp in FRAMEWORK.required(k):
            st = eff[comp.id]
            if st != "included":
                needs.append(Need(comp.id, st, listed.get(comp.id) if st == "invalid" else None))
    return target, needs


# ---------------------------------------------------------------------------------------------
# Repository evidence -> listed components, under each policy

IN_REPO = ("present", "partial")


def listed_components(results, policy: str, release_license: str | None = None
                      ) -> tuple[dict[int, str | None], dict[int, str]]:
    """From per-component results (objects with .component, .status, .license) to MOT's listed set.
    Returns (listed, excluded) where excluded maps ids left out by the strict policy to a reason.
    Under the MOT policy a listed component no statement covers takes `release_license`, as MOT
    gives a component without a license of its own the release's distribution license; the strict
    policy leaves it unlicensed (a repository's LICENSE does not license what it only links to)."""
    listed: dict[int, str | None] = {}
    excluded: dict[int, str] = {}
    for r in results:
        comp = r.component
        if r.status == "absent":
            continue
        if policy == "strict" and r.status not in IN_REPO and not comp.pointer_ok:
            excluded[comp.id] = "pointer"
            continue
        listed[comp.id] = r.license if r.license is not None or policy == "strict" else release_license
    return listed, excluded


def classify_repository(results, policy: str, release_license: str | None = None) -> Classification:
    listed, excluded = listed_components(results, policy, release_license)
    result = mot_classify(listed, policy)
    # Say "only a pointer" rather than "missing" where the strict policy dropped a link.
    result.needs = [Need(n.component, "pointer") if n.reason == "missing" and n.component in excluded
                    else n for n in result.needs]
    return result
