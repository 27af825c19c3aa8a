"""`mof-lint init`: a starter openness declaration (MOT's model format, `mof.yml`) and `.mof-lint.yml`,
written from what `mof-lint check` found. The declaration lists exactly the components the chosen
policy counts, each with the license that covers it (`unlicensed` where none does, so that MOT does
not fall back to the release license), so `mof-lint classify mof.yml` gives the class `mof-lint check`
computed. Values mof-lint cannot know (producer, contact, version) are left empty to fill in.
Nothing is overwritten without --force.
"""
from __future__ import annotations

import datetime
import io
import os

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from mof_lint.check import Report
from mof_lint.classify import listed_components
from mof_lint.framework import FRAMEWORK
from mof_lint.parts import located
from mof_lint.report.files import FileRefused, write_text

FRAMEWORK_DATE = "2024-12-15"  # the MOF version date MOT's published model files carry
URL_PREFIXES = ("http://", "https://")


def declaration(report: Report, policy: str) -> CommentedMap:
    listed, _ = listed_components(report.results, policy)
    by_id = {r.component.id: r for r in report.results}
    dist = next((lic for lic in report.licenses if lic.scope == "distribution" and lic.source in ("file", "card")
                 and lic.license != "unknown"), None)
    release = CommentedMap()
    release["name"] = os.path.basename(os.path.abspath(report.root)) or "model"
    release["version"] = ""
    release["date"] = datetime.date.today().isoformat()
    release["producer"] = ""
    release.yaml_add_eol_comment("who releases the model (required by MOT)", "producer")
    release["contact"] = ""
    for key, url in release_urls(report).items():  # MOT's importer reads both
        release[key] = url
    release["license"] = CommentedMap(distribution=CommentedMap(
        name=dist.license if dist else None, path=dist.path if dist and dist.source == "file" else None))
    comps = CommentedSeq()
    for comp in FRAMEWORK.ordered():
        if comp.id not in listed:
            continue
        r = by_id[comp.id]
        entry = CommentedMap()
        entry["name"] = comp.name
        entry["description"] = comp.description
        lic = listed[comp.id]
        entry["license"] = lic if lic else "unlicensed"
        text_at = _license_file(report, r)
        if text_at:
            entry["license_path"] = text_at
        where = _where(report, r)
        if where:
            entry["component_path"] = where
        comps.append(entry)
    release["components"] = comps
    doc = CommentedMap()
    doc["framework"] = CommentedMap(name=FRAMEWORK.name, version=FRAMEWORK.version, date=FRAMEWORK_DATE)
    doc["release"] = release
    return doc


def release_urls(report: Report) -> dict[str, str]:
    """MOT's `release.repository` and `release.huggingface`, from the parts of the release: the
    checkout's (or a local part's) git remote, a Hub model part, else the Hub model the checkout
    links as its weights."""
    from mof_lint.detectors.common import HF_RE
    from mof_lint.gitsafe import origin_url
    out: dict[str, str] = {}
    roots = [report.root] + [os.path.realpath(p.path) for p in report.parts[1:] if p.path and not p.hub]
    for root in roots:
        url = origin_url(root)
        if url is None:
            continue
        key = "huggingface" if HF_RE.match(url) else "repository"
        out.setdefault(key, url)
    hub = next((p.hub for p in report.parts if p.hub and not p.hub.startswith("datasets/")), None)
    if hub and "huggingface" not in out:
        out["huggingface"] = f"https://huggingface.co/{hub}"
    if "huggingface" not in out:
        weights = next((r for r in report.results if r.component.key == "final_parameters"), None)
        for ev in weights.evidence if weights else []:
            m = HF_RE.match(ev.url or "")
            bits = m.group(1).split("/") if m else []
            if len(bits) >= 2 and bits[0] not in ("datasets", "spaces", "collections") and not ev.part:
                out["huggingface"] = f"https://huggingface.co/{bits[0]}/{bits[1]}"
                break
    return dict(sorted(out.items(), key=lambda kv: kv[0] != "repository"))


def _license_file(report: Report, result) -> str | None:
    """Where the text of the component's license is: its own license file, else a license file of
    the same license that covers the release."""
    ev = result.license_evidence
    if ev is None:
        return None
    if ev.source in ("file", "reuse"):
        return _address(report, ev.part, ev.path)
    same = [lic for lic in report.licenses if lic.source == "file" and lic.license == ev.license
            and lic.part == ev.part]
    return _address(report, same[0].part, same[0].path) if same else None


def _where(report: Report, result) -> str | None:
    for ev in result.evidence:
        if ev.url:
            return ev.url
        if ev.path and not ev.path.startswith(".mof-lint"):
            return _address(report, ev.part, ev.path)
    return None


def _address(report: Report, part: str, path: str) -> str:
    """A file of the checkout by its path; a file of another part by its Hub address, or under the
    part's label (a local part)."""
    found = report.part(part) if part else None
    if found is None:
        return path
    if found.hub:
        return found.file_url(path) or located(part, path)
    # a local part: relative to the checkout, where the declaration lies (any working directory)
    return os.path.relpath(os.path.join(os.path.realpath(found.path), path), report.root).replace(os.sep, "/")


def render_declaration(report: Report, policy: str) -> str:
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 4096
    buf = io.StringIO()
    buf.write("# Openness declaration in the Model Openness Tool's format, written by `mof-lint init` from\n"
              "# what the repository holds. Fill in producer and contact; keep it true as the repository\n"
              "# changes: `mof-lint check` reports claims without evidence (MOF310).\n")
    yaml.dump(declaration(report, policy), buf)
    return buf.getvalue()


def render_config(report: Report, policy: str) -> str:
    chosen = report.strict if policy == "strict" else report.mot
    lines = ["# mof-lint configuration (schemas/config.schema.json), written by `mof-lint init`.",
             f"policy: {policy}"]
    if chosen.mof_class is not None:
        lines.append(f"min-class: {chosen.mof_class}  # fail if the repository drops below "
                     f"{FRAMEWORK.class_name(chosen.mof_class)}")
    else:
        lines.append("# min-class: 3  # fail below Class III once the repository reaches it")
    lines += ["fail-on: error", "exclude: []", "# disable: [MOF103]", "# severity: {MOF207: warning}",
              "# components:  # what mof-lint cannot see, each with a justification",
              "#   - component: Model parameters (Final)",
              "#     status: link_only", "#     license: Apache-2.0",
              "#     url: https://huggingface.co/<org>/<model>",
              "#     justification: The weights are published on the Hub under Apache-2.0."]
    return "\n".join(lines) + "\n"


def write_starters(root: str, report: Report, policy: str, force: bool) -> list[tuple[str, str]]:
    """[(path, "written" | "exists")]. Never writes outside `root`: a starter that is a symlink, a
    folder or a FIFO is refused (FileRefused), replaced or not."""
    out = []
    for name, text in (("mof.yml", render_declaration(report, policy)),
                       (".mof-lint.yml", render_config(report, policy))):
        path = os.path.join(root, name)
        if os.path.lexists(path) and not force:
            out.append((path, "exists"))
            continue
        try:
            write_text(name, text, base=root)
        except FileRefused as err:
            raise FileRefused(path, err.why) from None
        out.append((path, "written"))
    return out
