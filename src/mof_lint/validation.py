"""JSON Schema validation of YAML/JSON documents, with every error on its file, line and column.

The schemas are the files in the repository's top-level `schemas/` (packaged as mof_lint.schemas):
config (.mof-lint.yml), openness (MOT-format declarations), data-manifest, report. Documents are
parsed by mof_lint.yamlio (ruamel.yaml round-trip), whose nodes remember where they were; an error's
JSON path is walked back through them to the line of the offending key or item.
"""
from __future__ import annotations

import datetime
import json
from functools import lru_cache
from pathlib import Path

from mof_lint.findings import Finding

MAX_ERRORS = 20  # per document: the first ones say what is wrong


@lru_cache(maxsize=1)
def schema_dir() -> Path:
    """Installed: mof_lint/schemas inside the package (pyproject maps the top-level schemas/ there).
    From a source checkout or an editable install: the repository's schemas/ itself."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "schemas", here.parent.parent / "schemas"):
        if (candidate / "report.schema.json").is_file():
            return candidate
    raise FileNotFoundError("mof-lint's JSON schemas are missing from this installation")


@lru_cache(maxsize=None)
def schema(name: str) -> dict:
    return json.loads((schema_dir() / f"{name}.schema.json").read_text("utf-8"))


@lru_cache(maxsize=None)
def validator(name: str, part: str | None = None):
    """The schema's validator, or the validator of one of its forms (`$defs/<part>`): a document
    that plainly tries to be one form is told what that form needs, not that it matches no form."""
    from jsonschema import Draft202012Validator  # imported when first needed: 40 ms of start-up
    s = schema(name)
    if part:
        s = {k: v for k, v in s.items() if k not in ("oneOf", "anyOf")} | {"$ref": f"#/$defs/{part}"}
    return Draft202012Validator(s)


def plain(node):
    """ruamel nodes -> JSON-like values (YAML dates become ISO strings, keys strings), as the tools
    that read these files (MOT's PHP, the Hub) see them."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, (datetime.date, datetime.datetime)):
        return node.isoformat()
    return node


def position(marks, path) -> tuple[int, int]:
    """(line, column), 1-based, of the node at JSON `path` inside ruamel `marks`: the deepest node
    on the way that knows its place."""
    line, col = 1, 1
    node = marks
    for step in path:
        try:
            if isinstance(node, dict):
                ln, cl = node.lc.key(step)
                node = node[step]
            elif isinstance(node, list):
                ln, cl = node.lc.item(step)
                node = node[step]
            else:
                break
            line, col = ln + 1, cl + 1
        except (AttributeError, KeyError, IndexError, TypeError):
            try:  # a key mof-lint stringified (plain): find it among the real keys
                real = next(k for k in node if str(k) == str(step))
                ln, cl = node.lc.key(real)
                line, col, node = ln + 1, cl + 1, node[real]
            except (StopIteration, AttributeError, KeyError, TypeError):
                break
    return line, col


def validate(data, marks, name: str, path: str, rule: str, line_offset: int = 0,
             part: str | None = None) -> list[Finding]:
    """Findings (rule `rule`) for every way `data` breaks schema `name` (or its form `part`), at
    their lines."""
    v = validator(name, part)
    instance = plain(data)
    errors = sorted(v.iter_errors(instance), key=lambda e: list(e.absolute_path))
    if not errors:
        return []
    if not part and schema(name).get("oneOf") and any(not e.absolute_path for e in errors):
        from jsonschema.exceptions import best_match
        errors = [best_match(errors)]  # "matches none of the forms": say which form came closest
    out = []
    for err in errors[:MAX_ERRORS]:
        where = list(err.absolute_path)
        line, col = position(marks, where)
        field = ".".join(str(p) for p in where) or "(document)"
        out.append(Finding(rule, f"{path}: {field}: {_message(err)}", path=path, line=line + line_offset,
                           column=col))
    return out


def _message(err) -> str:
    msg = err.message
    if err.validator == "additionalProperties":
        msg = msg.replace("Additional properties are not allowed", "unknown key")
    elif err.validator == "enum":
        allowed = ", ".join(json.dumps(x) for x in err.validator_value[:12])
        msg = f"{_short(err.instance)} is not one of {allowed}"
    elif err.validator in ("type", "minLength", "pattern", "required", "maxItems", "minItems"):
        msg = msg.replace(repr(err.instance), _short(err.instance)) if len(repr(err.instance)) > 80 else msg
    return " ".join(msg.split())[:300]


def _short(value) -> str:
    text = json.dumps(value, default=str)
    return text if len(text) <= 60 else text[:57] + "..."
