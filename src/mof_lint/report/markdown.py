"""Markdown for the job summary and the PR comment: class, per-class progress, a per-component
table with status, license and evidence links, what the next class needs, the verdicts, findings.

Everything that comes from the repository is escaped (HTML entities for < > &, backslashes for
Markdown punctuation, `|` in tables) so a file name cannot add a link, an image or HTML.
"""
from __future__ import annotations


from mof_lint.findings import level_counts
from mof_lint.framework import CLASS_NUMBERS, FRAMEWORK
from mof_lint.parts import located
from mof_lint.report.safe import clean, display
from mof_lint import lazyre

MAX_BYTES = 1024 * 1024 - 4096  # $GITHUB_STEP_SUMMARY takes 1 MiB per step
MAX_FINDINGS = 200
STATUS = {"present": "✅ present", "partial": "🟡 partial", "link_only": "🔗 link", "absent": "❌ absent"}
REASON = {"missing": "missing", "unlicensed": "no license", "invalid": "license not open",
          "pointer": "only a link (must be in the repository)"}
_MD_SPECIAL = lazyre.compile(r"([\\`*_\[\]|~!])")


def md(text) -> str:
    """Untrusted text as inert Markdown inside a line: no HTML, links, images, emphasis, code,
    table cells or @-mentions (a mention in a PR comment would notify someone)."""
    s = display(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
    return _MD_SPECIAL.sub(r"\\\1", s)


def _roman(n) -> str:
    return {1: "I", 2: "II", 3: "III"}.get(n, "–")


def _link(path: str | None, line: int | None, base: str | None) -> str:
    if not path:
        return ""
    label = md(path) + (f":{int(line)}" if line else "")
    if not base:
        return label
    from urllib.parse import quote
    url = f"{base}/{quote(clean(path))}" + (f"#L{int(line)}" if line else "")
    return f"[{label}]({url})"


def _where(report, part: str, path: str | None, line: int | None, blob_base: str | None,
           prefix: str = "") -> str:
    """A file of the checkout as a link into the repository; a file of another part of the release
    under that part's label, linked to the Hub where it is a Hub file."""
    if not part:
        return _link(f"{prefix}/{path}" if path and prefix else path, line, blob_base)
    found = report.part(part) if hasattr(report, "part") else None
    url = found.file_url(path) if found is not None and found.hub and path else None
    label = md(located(part, path) or f"({part})") + (f":{int(line)}" if line and path else "")
    return f"[{label}]({url})" if url else label


def render(report, blob_base: str | None = None, badge: str | None = None, marker: str | None = None,
           evidence_prefix: str = "") -> str:
    """The summary. `blob_base` (https://github.com/o/r/blob/<sha>) makes evidence paths links;
    `badge` is Markdown for the badge image; `marker` an HTML comment to find the PR comment again."""
    chosen = report.chosen
    out = []
    if marker:
        out.append(marker)
    out.append(f"## MOF openness: {md(chosen.class_name)}")
    if badge:
        out.append(badge)
    out.append("")
    prog = " · ".join(f"Class {_roman(n)} {chosen.progress[n]:.0f}%" for n in CLASS_NUMBERS)
    other = report.mot if chosen is report.strict else report.strict
    out.append(f"**{report.policy} policy** — {prog}  ")
    out.append(f"{'MOT' if other is report.mot else 'strict'} policy: {md(other.class_name)}  ")
    out.append(f"Label: {md(report.label[1])}  ")
    others = getattr(report, "parts", [])[1:]
    if others:  # the release's other parts, each as it was read
        out.append("Release parts: " + ", ".join(
            md(p.label) + (f" (not read: {md(p.problem)})" if p.problem else
                           f" (Hub{', ' + md(p.revision[:12]) if p.revision else ''})" if p.hub else "")
            for p in others) + "  ")
    if report.osaid is not None:
        verdict = "meets" if report.osaid.passes else "does not meet"
        fails = "; ".join(f"{md(i.name)}: {md(i.why)}" for i in report.osaid.items if not i.ok)
        out.append(f"OSI Open Source AI Definition 1.0: {verdict} it" + (f" — {fails}" if fails else ""))
    if chosen.next_class:
        needs = ", ".join(f"{md(FRAMEWORK.by_id[n.component].name)} ({REASON[n.reason]})" for n in chosen.needs)
        out += ["", f"**Next: {md(FRAMEWORK.class_name(chosen.next_class))}** needs {needs or 'nothing more'}"]
    out += ["", "| Component | Class | Status | License | Evidence |", "|---|---|---|---|---|"]
    for r in report.results:
        c = r.component
        lic = md(r.license) if r.license else "—"
        if r.license:
            lic += " ✅" if r.open else " ⛔"
        ev = r.evidence[0] if r.evidence and r.status != "absent" else None
        where = (f"{_where(report, ev.part, ev.path, ev.line, blob_base, evidence_prefix)} {md(ev.detail)}"
                 if ev else "")
        name = md(c.name) + ("" if c.required else " *(optional)*")
        out.append(f"| {name} | {_roman(c.mof_class)} | {STATUS[r.status]} | {lic} | {where} |")
    if report.findings:
        counts = level_counts(report.findings)  # as many as there were, summed-up ones included
        out += ["", "<details><summary>Findings: " + ", ".join(f"{n} {k}{'s' if n != 1 else ''}"
                                                               for k, n in counts.items() if n) + "</summary>", ""]
        for f in report.findings[:MAX_FINDINGS]:
            out.append(f"- **{f.level}** `{f.rule}` {_where(report, f.part, f.path, f.line, blob_base)} {md(f.message)}")
        if len(report.findings) > MAX_FINDINGS:
            out.append(f"- … and {len(report.findings) - MAX_FINDINGS} more (see the SARIF or JSON report)")
        out += ["", "</details>"]
    out += ["", f"<sub>mof-lint {md(report.version)} · {md(FRAMEWORK.name)} {md(FRAMEWORK.version)}</sub>", ""]
    text = "\n".join(out)
    if len(text.encode("utf-8")) > MAX_BYTES:
        text = text.encode("utf-8")[:MAX_BYTES].decode("utf-8", "ignore") + "\n\n… (cut at 1 MiB)\n"
    return text
