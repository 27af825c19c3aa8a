"""Text report for a terminal: a per-component table, the class under both policies, what the next
class needs, and the findings. Colour only when asked (on a tty, unless NO_COLOR)."""
from __future__ import annotations

from mof_lint.check import Report
from mof_lint.findings import level_counts
from mof_lint.framework import CLASS_NUMBERS, FRAMEWORK
from mof_lint.parts import located
from mof_lint.report.safe import display as clean  # human-facing: no workflow commands either

STATUS_MARK = {"present": "present", "partial": "partial", "link_only": "link", "absent": "—"}
COLOURS = {"error": "31", "warning": "33", "note": "36", "ok": "32", "dim": "2", "bold": "1"}
REASON = {"missing": "missing", "unlicensed": "no license", "invalid": "license not open",
          "pointer": "only a link (must be in the repository)"}


def _roman(n) -> str:
    return {1: "I", 2: "II", 3: "III"}.get(n, "-")


class _Painter:
    def __init__(self, colour: bool):
        self.colour = colour

    def __call__(self, text: str, what: str) -> str:
        return f"\x1b[{COLOURS[what]}m{text}\x1b[0m" if self.colour else text


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render(report: Report, colour: bool = False, verbose: bool = False) -> str:
    paint = _Painter(colour)
    out = [paint(f"mof-lint {report.version}", "bold") + f" — {clean(report.root)} "
           f"({report.files} file{'s' if report.files != 1 else ''}, {FRAMEWORK.name} {FRAMEWORK.version})"]
    for part in report.parts[1:]:  # the other parts of the release, each with where it was read from
        where = (f"Hub {part.hub}" + (f" @ {part.revision[:12]}" if part.revision else "")) if part.hub else "local tree"
        out.append(f"  with {clean(part.label)} ({clean(where) if not part.problem else 'not read: ' + clean(part.problem)})")
    out.append("")
    head = f"{'Component':<33} {'Class':<5} {'Status':<8} {'License':<18} Evidence"
    out.append(paint(head, "bold"))
    for r in report.results:
        c = r.component
        name = c.name + ("" if c.required else " (opt.)")
        lic = clean(r.license) if r.license else "—"
        if r.license and not r.open:
            lic += " ✗"
        ev = r.evidence[0] if r.evidence and r.status != "absent" else None
        where = ""
        if ev is not None:
            loc = clean(located(ev.part, ev.path)) + (f":{ev.line}" if ev.line and ev.line > 1 else "")
            where = f"{loc} {clean(ev.detail)}"
        status = STATUS_MARK[r.status]
        status_p = paint(f"{status:<8}", "ok" if r.status in ("present", "partial") else "dim")
        out.append(f"{_cut(name, 33):<33} {_roman(c.mof_class):<5} {status_p} {_cut(lic, 18):<18} "
                   f"{_cut(where, 70)}")
        if verbose:
            for e in r.evidence[1:8]:
                out.append(f"{'':<67} {_cut(clean(located(e.part, e.path)) + ' ' + clean(e.detail), 70)}"
                           + (f" ({e.confidence:.1f})" if e.confidence < 0.5 else ""))
    out.append("")
    for label, cls in (("strict", report.strict), ("MOT", report.mot)):
        chosen = "*" if (label.lower() == report.policy) else " "
        prog = "  ".join(f"{_roman(n)} {cls.progress[n]:.0f}%" for n in CLASS_NUMBERS)
        name = paint(cls.class_name, "ok" if cls.mof_class else "warning")
        out.append(f"{chosen}Class ({label} policy): {name}   progress: {prog}")
    chosen = report.chosen
    if chosen.next_class:
        needs = ", ".join(f"{FRAMEWORK.by_id[n.component].name} ({REASON[n.reason]}"
                          + (f": {clean(n.license)}" if n.license else "") + ")" for n in chosen.needs)
        out.append(f"Next: {FRAMEWORK.class_name(chosen.next_class)} needs {needs or 'nothing more'}")
    out.append(f"Label: {clean(report.label[1])}")
    osaid = report.osaid
    if osaid is not None:
        failed = [i for i in osaid.items if not i.ok]
        verdict = paint("meets", "ok") if osaid.passes else paint("does not meet", "warning")
        out.append(f"OSI Open Source AI Definition 1.0: {verdict} it"
                   + (" — " + "; ".join(f"{i.name}: {clean(i.why)}" for i in failed) if failed else ""))
    if report.findings:
        out.append("")
        counts = level_counts(report.findings)  # as many as there were, summed-up ones included
        out.append(paint("Findings", "bold") + " (" + ", ".join(f"{n} {k}{'s' if n != 1 else ''}"
                                                              for k, n in counts.items() if n) + ")")
        for f in report.findings:
            if f.level == "note" and not verbose:
                continue
            loc = clean(located(f.part, f.path)) + (f":{f.line}" if f.line else "") if f.path else \
                (f"({clean(f.part)})" if f.part else "(repository)")
            out.append(f"  {loc}: {paint(f.level, f.level)} {f.rule} {clean(f.message)}")
        if counts["note"] and not verbose:
            n = counts["note"]
            hidden = f"{n} note{'s' if n != 1 else ''} hidden; --verbose shows {'them' if n != 1 else 'it'}"
            out.append(paint(f"  ({hidden})", "dim"))
    return "\n".join(out) + "\n"


def render_licenses(rows) -> str:
    """`mof-lint licenses`: one block per statement."""
    if not rows:
        return "no license statements found\n"
    out = []
    for r in rows:
        loc = clean(r.path) + (f":{r.line}" if r.line else "")
        verdict = "open (MOT)" if r.mot_open else "not open (MOT)"
        out.append(f"{loc}: {clean(r.license)}  [{r.category}; {verdict}; {r.kind}; confidence {r.confidence:.2f}]")
        out.append(f"    {clean(r.detail)}")
        if r.written:
            out.append(f"    written as: {clean(r.written)}")
        if r.components:
            out.append(f"    covers: {', '.join(r.components)}" + (f" ({clean(r.why)})" if r.why else ""))
        else:
            out.append(f"    covers: {clean(r.why) if r.alone else 'no component found in this check'}")
    return "\n".join(out) + "\n"
