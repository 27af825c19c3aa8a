"""`mof-lint action`: the GitHub Action, run as GitHub runs it.

Inputs come from `INPUT_<NAME>` environment variables exactly as the runner passes them to a Docker
action (the name upper-cased, hyphens kept: `INPUT_MIN-CLASS`; the composite variant passes the same
names with underscores, both are read), plus the usual `GITHUB_*` variables. It writes:
  * annotations as workflow commands on stdout (escaped; 10 per level);
  * the job summary to $GITHUB_STEP_SUMMARY, outputs to $GITHUB_OUTPUT (multi-line safe);
  * the JSON report, SARIF and badge files when asked (inside the workspace, never through a symlink);
  * with `github-token`: a check run (annotations 50 per request) and, with `comment: true` on a
    pull request, one sticky comment -- silently falling back to workflow commands when the token
    cannot (fork pull requests).
On a pull request whose base commit is in the clone, the base is checked too, and a lower class
fails the run naming the component that was lost (MOF106).
"""
from __future__ import annotations

import json
import os
import subprocess
import tarfile
import tempfile

from mof_lint.findings import Finding, sort_findings
from mof_lint.framework import FRAMEWORK

TRUE = ("true", "yes", "1", "on")


def _input(env, name: str, default: str = "") -> str:
    for key in (f"INPUT_{name.upper()}", f"INPUT_{name.upper().replace('-', '_')}"):
        value = env.get(key)
        if value is not None and value.strip() != "":
            return value.strip()
    return default


def _flag(env, name: str, default: bool) -> bool:
    value = _input(env, name, "")
    return default if value == "" else value.lower() in TRUE


def _say(line: str) -> None:
    print(line, flush=True)


def _append(path: str | None, text: str) -> None:
    if not path:
        return
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(text)


def _safe_output_path(workspace: str, name: str) -> str | None:
    """An output file inside the workspace (relative names are taken from there); refuses paths
    that leave it or go through a symlink."""
    path = os.path.normpath(os.path.join(workspace, name))
    ws = os.path.normpath(workspace)
    if os.path.commonpath([ws, path]) != ws:
        return None
    probe = path
    while probe != ws:
        if os.path.islink(probe):
            return None
        probe = os.path.dirname(probe)
    return path


def _write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(path, flags, 0o644), "w", encoding="utf-8") as fh:
        fh.write(text)


def _event(env) -> dict:
    path = env.get("GITHUB_EVENT_PATH")
    if not path or not os.path.isfile(path):
        return {}
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.loads(fh.read(4 << 20))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def run_action(env) -> int:
    from mof_lint.check import run_check
    from mof_lint.config import Config, find_config, load_config
    from mof_lint.report import badge, github, json_report, markdown, sarif

    workspace = env.get("GITHUB_WORKSPACE") or os.getcwd()
    root = os.path.normpath(os.path.join(workspace, _input(env, "path", ".")))
    if not os.path.isdir(root):
        _say(github.command("error", f"path {os.path.relpath(root, workspace)!r} is not a directory",
                            title="mof-lint"))
        return 2
    config_path = find_config(root, os.path.join(workspace, _input(env, "config")) if _input(env, "config") else None)
    config = Config()
    if config_path:
        config, problems = load_config(config_path, os.path.relpath(config_path, workspace))
        for f in problems:
            _say(github.command("error", f.message, f.path, f.line, f.column, "MOF305 config-invalid"))
        if config is None:
            return 2
    policy = _input(env, "policy") or None
    min_class = _input(env, "min-class")
    fail_on = _input(env, "fail-on")
    if policy not in (None, "strict", "mot") or (min_class and min_class not in ("1", "2", "3")) or \
            fail_on not in ("", "error", "warning", "never"):
        _say(github.command("error", "inputs: policy must be strict or mot, min-class 1, 2 or 3, fail-on "
                                     "error, warning or never", title="mof-lint"))
        return 2
    if fail_on:
        config.fail_on = fail_on
    report = run_check(root, policy=policy, min_class=int(min_class) if min_class else None, config=config)
    event = _event(env)
    pr = event.get("pull_request") if isinstance(event.get("pull_request"), dict) else None
    if pr:
        report.findings = sort_findings(report.findings + _compare_with_base(root, pr, report, policy, config))

    outputs: dict[str, str] = {}
    report_target = _input(env, "report-file")
    if report_target:  # the JSON contract keeps repository-relative paths
        path = _safe_output_path(workspace, report_target)
        if path is None:
            _say(github.command("warning", f"report-file {report_target!r} is outside the workspace or behind a "
                                           "symlink; not written", title="mof-lint"))
        else:
            _write(path, json_report.render(report))
            outputs["report-file"] = os.path.relpath(path, workspace)
    # GitHub wants paths from the repository root (the workspace), not from `path`
    prefix = os.path.relpath(root, workspace)
    if prefix != ".":
        for f in report.findings:
            if f.path:
                f.path = f"{prefix}/{f.path}"
    if _flag(env, "annotations", True):
        for line in github.annotations(report.findings):
            _say(line)
    svg_text, endpoint_json = badge.for_report(report)
    outputs.update({"class": str(report.chosen.mof_class or 0), "class-name": report.chosen.class_name,
                    "progress": json.dumps({str(k): round(v, 2) for k, v in report.chosen.progress.items()}),
                    "findings": str(len(report.findings)), "label": report.label[0]})
    sarif_target = _input(env, "sarif-file")
    if sarif_target:
        path = _safe_output_path(workspace, sarif_target)
        if path is None:
            _say(github.command("warning", f"sarif-file {sarif_target!r} is outside the workspace or behind a "
                                           "symlink; not written", title="mof-lint"))
        else:
            _write(path, sarif.render(report, automation_id=f"mof-lint/{prefix if prefix != '.' else ''}"))
            outputs["sarif-file"] = os.path.relpath(path, workspace)
    badge_target = _input(env, "badge-file")
    if badge_target:
        path = _safe_output_path(workspace, badge_target)
        if path is None:
            _say(github.command("warning", f"badge-file {badge_target!r} is outside the workspace; not written",
                                title="mof-lint"))
        else:
            _write(path, svg_text)
            endpoint_path = os.path.splitext(path)[0] + ".endpoint.json"  # for shields.io/endpoint
            _write(endpoint_path, endpoint_json)
            outputs["badge-file"] = os.path.relpath(path, workspace)
            outputs["badge-endpoint-file"] = os.path.relpath(endpoint_path, workspace)
    blob_base = _blob_base(env)
    summary_md = markdown.render(report, blob_base=blob_base, badge=_badge_md(outputs.get("badge-file"), blob_base),
                                 evidence_prefix="" if prefix == "." else prefix)
    if _flag(env, "summary", True):
        _append(env.get("GITHUB_STEP_SUMMARY"), summary_md)
    _append(env.get("GITHUB_OUTPUT"), "".join(github.output_lines(k, v) for k, v in outputs.items()))

    token = _input(env, "github-token")
    if token:
        _publish(env, token, report, summary_md, pr)
    failed = report.gate_failed()
    if failed:
        _say(github.command("error", f"mof-lint: {report.chosen.class_name} ({report.policy} policy); "
                                     "the gate failed (min-class / fail-on)", title="mof-lint gate"))
    return 1 if failed else 0


def _blob_base(env) -> str | None:
    server, repo, sha = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY"), env.get("GITHUB_SHA")
    if server and repo and sha:
        return f"{server.rstrip('/')}/{repo}/blob/{sha}"
    return None


def _badge_md(badge_file: str | None, blob_base: str | None) -> str | None:
    if not badge_file:
        return None
    from urllib.parse import quote
    return f"![MOF badge]({quote(badge_file)})" if not blob_base else \
        f"![MOF badge]({blob_base.replace('/blob/', '/raw/')}/{quote(badge_file)})"


def _publish(env, token: str, report, summary_md: str, pr: dict | None) -> None:
    from mof_lint.report import github
    from mof_lint.report.github_api import ApiUnavailable, client, publish_check_run, upsert_comment
    api = env.get("GITHUB_API_URL") or "https://api.github.com"
    repo = env.get("GITHUB_REPOSITORY")
    sha = (pr or {}).get("head", {}).get("sha") if pr else env.get("GITHUB_SHA")
    if not repo or not sha:
        return
    gh = client(token, api)
    conclusion = "failure" if report.gate_failed() else "success"
    try:
        publish_check_run(gh, repo, sha, report, summary_md, conclusion)
    except ApiUnavailable as err:
        # a fork's pull request has a read-only token: the annotations above already carry it all
        _say(github.command("note", f"{err}; the annotations and the job summary carry the results",
                            title="mof-lint"))
    if pr and _flag(env, "comment", False) and isinstance(pr.get("number"), int):
        from mof_lint.report.github_api import MARKER
        try:
            upsert_comment(gh, repo, pr["number"], f"{MARKER}\n{summary_md}")
        except ApiUnavailable as err:
            _say(github.command("note", str(err), title="mof-lint"))


def _compare_with_base(root: str, pr: dict, report, policy, config) -> list[Finding]:
    """MOF106 when the pull request lowers the class: the base commit is exported (git archive, read
    only; the work tree is not touched) and checked with the same settings."""
    from mof_lint.check import run_check
    base = ((pr.get("base") or {}).get("sha") or "")
    if not base or not all(c in "0123456789abcdef" for c in base.lower()):
        return []
    try:
        subprocess.run(["git", "-C", root, "cat-file", "-e", f"{base}^{{commit}}"], check=True,
                       capture_output=True, timeout=30)
    except (subprocess.SubprocessError, OSError):
        return [Finding("MOF106", "the base commit of this pull request is not in the clone, so a drop in class "
                        "cannot be detected; use actions/checkout with fetch-depth: 0", level="note")]
    with tempfile.TemporaryDirectory(prefix="mof-lint-base-") as tmp:
        archive = os.path.join(tmp, "base.tar")
        try:
            with open(archive, "wb") as fh:
                subprocess.run(["git", "-C", root, "archive", "--format=tar", base], check=True, stdout=fh,
                               stderr=subprocess.DEVNULL, timeout=300)
            tree = os.path.join(tmp, "tree")
            _extract_regular_files(archive, tree)
        except (subprocess.SubprocessError, OSError, tarfile.TarError):
            return []
        before = run_check(tree, policy=policy, config=config)
    return class_drop(before, report)


def _extract_regular_files(archive: str, dest: str) -> None:
    """Only directories and regular files, only inside `dest` (no links, devices, absolute or
    parent paths): the base commit is as untrusted as the head."""
    os.makedirs(dest, exist_ok=True)
    real = os.path.realpath(dest)
    with tarfile.open(archive) as tar:
        for member in tar:
            name = os.path.normpath(member.name)
            if name.startswith(("/", "..")) or os.path.isabs(name):
                continue
            target = os.path.realpath(os.path.join(real, name))
            if os.path.commonpath([real, target]) != real:
                continue
            if member.isdir():
                os.makedirs(target, exist_ok=True)
            elif member.isfile():
                os.makedirs(os.path.dirname(target), exist_ok=True)
                src = tar.extractfile(member)
                if src is None:
                    continue
                with src, open(target, "wb") as out:
                    while chunk := src.read(1 << 20):
                        out.write(chunk)


def class_drop(before, after) -> list[Finding]:
    b, a = before.chosen, after.chosen
    rank = lambda c: 0 if c is None else 4 - c  # noqa: E731 - Class I (1) is best
    if rank(a.mof_class) >= rank(b.mof_class):
        return []
    lost = [r.component for r in after.results
            if b.status.get(r.component.id) == "included" and a.status.get(r.component.id) != "included"]
    why = ", ".join(f"{c.name} ({_reason(a.status[c.id])})" for c in lost) or "a required component"
    anchor = next((f.path for f in after.findings if f.path), None)
    return [Finding("MOF106", f"this pull request lowers the class from {FRAMEWORK.class_name(b.mof_class)} to "
                    f"{FRAMEWORK.class_name(a.mof_class)}: it loses {why}", path=anchor, line=1 if anchor else None)]


def _reason(status: str) -> str:
    return {"missing": "now missing", "unlicensed": "no license now", "invalid": "license not open now"}.get(
        status, status)
