"""GitHub Actions workflow commands: annotations on the exact file and line, and step outputs.

Escaping follows the runner's own rules (actions/toolkit, command.ts): in the message `%`, CR and LF
become %25, %0D, %0A; in properties also `:` and `,` become %3A and %2C. So no file name or README
text can end a command early or start a new one. GitHub shows at most 10 annotations per level per
step, so the most important come first and one notice points at the summary for the rest.
"""
from __future__ import annotations

import secrets

from mof_lint.findings import LEVEL_ORDER, RULES
from mof_lint.report.safe import clean, display, encodable

MAX_PER_LEVEL = 10
MAX_MESSAGE = 3500  # characters, before escaping; the runner truncates annotations past 4 KiB
COMMAND = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(text: str) -> str:
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, path: str | None = None, line: int | None = None,
            column: int | None = None, title: str | None = None) -> str:
    props = []
    if path:  # file names and titles are one printable line; the message keeps its line breaks (escaped)
        props.append(f"file={escape_property(clean(path))}")
    if line:
        props.append(f"line={int(line)}")
    if column:
        props.append(f"col={int(column)}")
    if title:
        props.append(f"title={escape_property(clean(title))}")
    prop_text = (" " + ",".join(props)) if props else ""
    msg = encodable(message)
    if len(msg) > MAX_MESSAGE:
        msg = msg[:MAX_MESSAGE - 1] + "…"
    return f"::{COMMAND[level]}{prop_text}::{escape_data(msg)}"


def annotations(findings, summary_hint: str = "the job summary") -> list[str]:
    """Workflow commands for the findings: up to 10 per level, most important first; one notice
    for the rest. Findings on files of another part of the release (`--with`) are not annotations
    (GitHub would place them on files of this repository): the summary and SARIF carry them."""
    ordered = sorted((f for f in findings if not f.part),
                     key=lambda f: (LEVEL_ORDER[f.level], f.rule, f.path or "", f.line or 0))
    out, shown, hidden = [], {"error": 0, "warning": 0, "note": 0}, sum(1 for f in findings if f.part)
    for f in ordered:
        cap = MAX_PER_LEVEL - (1 if f.level == "note" else 0)  # keep one notice for "more"
        if shown[f.level] >= cap:
            hidden += 1
            continue
        shown[f.level] += 1
        rule = RULES[f.rule]
        out.append(command(f.level, display(f.message), f.path, f.line, f.column, f"{f.rule} {rule.name}"))
    if hidden:
        out.append(command("note", f"{hidden} more finding(s) are not shown as annotations (GitHub shows 10 per "
                                   f"level); see {summary_hint} or the SARIF report", title="mof-lint"))
    return out


def render(report) -> str:
    return "\n".join(annotations(report.findings)) + "\n"


def output_lines(name: str, value: str) -> str:
    """One `$GITHUB_OUTPUT` entry. Multi-line values use a random delimiter that cannot occur in
    the value, as the runner documents."""
    value = str(value)
    if "\n" not in value and "\r" not in value:
        return f"{name}={value}\n"
    while True:
        delimiter = f"ghadelimiter_{secrets.token_hex(16)}"
        if delimiter not in value:
            return f"{name}<<{delimiter}\n{value}\n{delimiter}\n"
