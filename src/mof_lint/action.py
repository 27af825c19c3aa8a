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

import contextlib
import json
import os
import tempfile

from mof_lint.findings import Finding, level_counts, sort_findings
from mof_lint.framework import FRAMEWORK
from mof_lint import lazyre

TRUE = ("true", "yes", "1", "on")
FALSE = ("false", "no", "0", "off")
# Inputs with a fixed set of values: a wrong one stops the run with a message naming the input and
# what it accepts (a typo in `min-class` must not silently drop the gate).
CHOICES = {"policy": ("strict", "mot"), "min-class": ("1", "2", "3"), "fail-on": ("error", "warning", "never"),
           **{flag: ("true", "false") for flag in ("summary", "annotations", "comment", "follow-links")}}


def input_problems(env) -> list[str]:
    """One message per input whose value is not one it accepts."""
    out = []
    for name, accepted in CHOICES.items():
        value = _input(env, name)
        ok = value.lower() in TRUE + FALSE if accepted == ("true", "false") else value in accepted
        if value and not ok:
            out.append(f"input `{name}`: {value[:40]!r} is not one of {', '.join(accepted)}")
    return out


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


def _inside(workspace: str, name: str) -> str | None:
    """`name` (an input) as a path relative to the workspace, or None when it leaves it."""
    ws = os.path.normpath(workspace)
    path = os.path.normpath(os.path.join(ws, name))
    if os.path.commonpath([ws, path]) != ws or path == ws:
        return None
    return os.path.relpath(path, ws)


def _write_output(workspace: str, what: str, name: str, text: str) -> str | None:
    """Write an output file inside the workspace (through report/files.py: no symlink, symlinked
    folder, FIFO or folder; missing folders are made); its workspace-relative path, or None after a
    warning saying why it was not written."""
    from mof_lint.report import github
    from mof_lint.report.files import FileRefused, write_text
    rel = _inside(workspace, name)
    try:
        if rel is None:
            raise FileRefused(name, "is outside the workspace")
        write_text(rel, text, base=workspace, make_parents=True)
    except FileRefused as err:
        _say(github.command("warning", f"{what} not written: {err}", title="mof-lint"))
        return None
    return rel


def _event(env) -> dict:
    """The workflow's event payload; {} without one. An event file that cannot be used is a
    warning, and the run goes on without the pull request's details."""
    from mof_lint.report import github
    from mof_lint.report.files import FileRefused, read_json
    path = env.get("GITHUB_EVENT_PATH")
    if not path:
        return {}
    try:
        data = read_json(path, 16 << 20)
        if not isinstance(data, dict):
            raise FileRefused(path, "is not a JSON object")
    except FileRefused as err:
        _say(github.command("warning", f"the event file {err}; the pull request (if any) is not compared "
                                       "with its base", title="mof-lint"))
        return {}
    return data


_SHA = lazyre.compile(r"[0-9a-f]{40}([0-9a-f]{24})?")


def _pull_request(event: dict) -> dict | None:
    """The fields of the event's pull request mof-lint uses, each checked (an event of any shape
    gives a dict of this shape or None): number (int or None), base.sha and head.sha (hex or None)."""
    pr = event.get("pull_request")
    if not isinstance(pr, dict):
        return None

    def sha(side: str) -> str | None:
        value = pr.get(side).get("sha") if isinstance(pr.get(side), dict) else None
        return value if isinstance(value, str) and _SHA.fullmatch(value) else None
    number = pr.get("number")
    return {"number": number if type(number) is int else None,
            "base": {"sha": sha("base")}, "head": {"sha": sha("head")}}


def _symlink_on_the_way(workspace: str, root: str) -> str | None:
    """The first folder from the workspace down to `root` that is a symlink: a pull request can
    replace the folder the workflow names with a link out of the checkout."""
    rel = os.path.relpath(root, workspace)
    if rel == "." or rel.startswith(".."):
        return None
    probe = workspace
    for part in rel.split(os.sep):
        probe = os.path.join(probe, part)
        if os.path.islink(probe):
            return os.path.relpath(probe, workspace)
    return None


def run_action(env) -> int:
    from mof_lint.ahead import ListingAhead
    from mof_lint.config import Config, find_config, load_config
    from mof_lint.parts import checkout_exclude
    from mof_lint.report import github

    workspace = env.get("GITHUB_WORKSPACE") or os.getcwd()
    root = os.path.normpath(os.path.join(workspace, _input(env, "path", ".")))
    link = _symlink_on_the_way(workspace, root)
    if link or not os.path.isdir(root):
        why = f"goes through a symlink ({link!r})" if link else "is not a directory"
        _say(github.command("error", f"path {os.path.relpath(root, workspace)!r} {why}", title="mof-lint"))
        return 2
    config_path = find_config(root, os.path.join(workspace, _input(env, "config")) if _input(env, "config") else None)
    config = Config()
    if config_path:
        config, problems = load_config(config_path, os.path.relpath(config_path, workspace), root=workspace)
        for f in problems:
            _say(github.command("error", f.message, f.path, f.line, f.column, "MOF305 config-invalid"))
        if config is None:
            return 2
    policy = _input(env, "policy") or None
    min_class = _input(env, "min-class")
    fail_on = _input(env, "fail-on")
    problems = input_problems(env)
    for problem in problems:
        _say(github.command("error", problem, title="mof-lint inputs"))
    if problems:
        return 2
    if fail_on:
        config.fail_on = fail_on
    with contextlib.ExitStack() as stack:
        parts = _release_parts(env, workspace, root, stack)
        if parts is None:
            return 2
        follow = None
        if _flag(env, "follow-links", False):
            from mof_lint.hub import temporary_part
            follow = lambda ids: [temporary_part(f"hf:{i}", stack) for i in ids]  # noqa: E731
        # the checkout is listed by a child process while this one imports the checks
        ahead = stack.enter_context(ListingAhead(root, checkout_exclude(root, (), config, parts)))
        from mof_lint.check import run_check
        from mof_lint.report import badge, json_report, markdown, sarif
        report = run_check(root, policy=policy, min_class=int(min_class) if min_class else None, config=config,
                           parts=parts, follow=follow, ahead=ahead)
        pr = _pull_request(_event(env))
        if pr:  # (inside: the base is judged with the same other parts, their trees still there)
            report.findings = sort_findings(report.findings + _compare_with_base(root, pr, report, policy, config))

    outputs: dict[str, str] = {}
    report_target = _input(env, "report-file")
    if report_target:  # the JSON contract keeps repository-relative paths
        written = _write_output(workspace, "report-file", report_target, json_report.render(report))
        if written:
            outputs["report-file"] = written
    # GitHub wants paths from the repository root (the workspace), not from `path`
    prefix = os.path.relpath(root, workspace)
    if prefix != ".":
        for f in report.findings:
            if f.path and not f.part:  # (another part's paths are that part's)
                f.path = f"{prefix}/{f.path}"
    if _flag(env, "annotations", True):
        for line in github.annotations(report.findings):
            _say(line)
    svg_text, endpoint_json = badge.for_report(report)
    outputs.update({"class": str(report.chosen.mof_class or 0), "class-name": report.chosen.class_name,
                    "progress": json.dumps({str(k): round(v, 2) for k, v in report.chosen.progress.items()}),
                    "findings": str(sum(level_counts(report.findings).values())), "label": report.label[0]})
    sarif_target = _input(env, "sarif-file")
    if sarif_target:
        written = _write_output(workspace, "sarif-file", sarif_target,
                                sarif.render(report, automation_id=f"mof-lint/{prefix if prefix != '.' else ''}"))
        if written:
            outputs["sarif-file"] = written
    badge_target = _input(env, "badge-file")
    if badge_target:
        written = _write_output(workspace, "badge-file", badge_target, svg_text)
        if written:
            outputs["badge-file"] = written
            endpoint = _write_output(workspace, "the badge's endpoint JSON",  # for shields.io/endpoint
                                     os.path.splitext(written)[0] + ".endpoint.json", endpoint_json)
            if endpoint:
                outputs["badge-endpoint-file"] = endpoint
    blob_base = _blob_base(env)
    summary_md = markdown.render(report, blob_base=blob_base, badge=_badge_md(report),
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


def _release_parts(env, workspace: str, root: str, stack):
    """The `with` input's parts (one per line), or None after an error annotation: a folder must
    be inside the workspace and reached through no symlink (a pull request can plant one)."""
    from mof_lint.hub import temporary_part
    from mof_lint.parts import Part, hub_id, is_hub, overlap_problem
    from mof_lint.report import github
    parts = []
    for line in _input(env, "with").splitlines():
        spec = line.strip()
        if not spec or spec.startswith("#"):
            continue
        if is_hub(spec):
            if hub_id(spec) is None:
                _say(github.command("error", f"with: {spec!r} is not a Hub id (hf:ORG/NAME or "
                                             "hf:datasets/ORG/NAME)", title="mof-lint"))
                return None
            parts.append(temporary_part(spec, stack))
            continue
        full = os.path.normpath(os.path.join(workspace, spec))
        inside = os.path.relpath(full, workspace)
        link = _symlink_on_the_way(workspace, full)
        problem = ("is outside the workspace" if inside.startswith("..") else
                   f"goes through a symlink ({link!r})" if link else
                   "is not a directory" if not os.path.isdir(full) else overlap_problem(full, root))
        if problem:
            _say(github.command("error", f"with: {spec!r} {problem}", title="mof-lint"))
            return None
        parts.append(Part(inside, full))
    return parts


def _blob_base(env) -> str | None:
    server, repo, sha = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY"), env.get("GITHUB_SHA")
    if server and repo and sha:
        return f"{server.rstrip('/')}/{repo}/blob/{sha}"
    return None


def _badge_md(report) -> str:
    """The badge for the job summary and the PR comment: a static shields.io image of this run's
    result. A workspace path means nothing there, and the badge file of this run is not committed
    (a raw URL of it at this commit would be a broken image)."""
    from mof_lint.report import badge
    message, colour = badge.message_and_colour(report.chosen)
    return f"![{badge.LABEL}: {message}]({badge.static_url(badge.LABEL, message, colour)})"


def _publish(env, token: str, report, summary_md: str, pr: dict | None) -> None:
    from mof_lint.report import github
    from mof_lint.report.github_api import ApiUnavailable, client, publish_check_run, upsert_comment
    api = env.get("GITHUB_API_URL") or "https://api.github.com"
    repo = env.get("GITHUB_REPOSITORY")
    sha = pr["head"]["sha"] if pr else env.get("GITHUB_SHA")
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
    if pr and _flag(env, "comment", False) and pr["number"] is not None:
        from mof_lint.report.github_api import MARKER
        try:
            upsert_comment(gh, repo, pr["number"], f"{MARKER}\n{summary_md}")
        except ApiUnavailable as err:
            _say(github.command("note", str(err), title="mof-lint"))


def _compare_with_base(root: str, pr: dict, report, policy, config) -> list[Finding]:
    """MOF106 when the pull request lowers the class: the base commit's files are exported as
    regular files into a temporary folder (gitsafe: read blob by blob, no filter, checkout or
    archive; the work tree is not touched) and checked with the same settings."""
    from mof_lint import gitsafe
    from mof_lint.check import run_check
    base = ((pr.get("base") or {}).get("sha") or "")
    if not base or not all(c in "0123456789abcdef" for c in base.lower()):
        return []
    repo = gitsafe.find_repository(os.path.realpath(root))  # `path` may be a folder of the checkout
    problem = repo and gitsafe.repository_problem(repo[0])
    if problem:
        return [Finding("MOF106", f"the base commit of this pull request cannot be read ({problem}), so a drop "
                        "in class cannot be detected", level="note")]
    if repo is None or not gitsafe.has_commit(repo[0], base):
        return [Finding("MOF106", "the base commit of this pull request is not in the clone, so a drop in class "
                        "cannot be detected; use actions/checkout with fetch-depth: 0", level="note")]
    with tempfile.TemporaryDirectory(prefix="mof-lint-base-") as tmp:
        tree = os.path.join(tmp, "tree")
        os.mkdir(tree)
        try:
            gitsafe.export_commit(repo[0], base, tree, subdir=repo[1])
        except gitsafe.GitError as err:
            return [Finding("MOF106", f"the base commit of this pull request could not be read ({err}), so a "
                            "drop in class cannot be detected", level="note")]
        # the same release: the pull request changes this repository, not the other parts
        before = run_check(tree, policy=policy, config=config, parts=report.parts[1:])
    return class_drop(before, report)


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
