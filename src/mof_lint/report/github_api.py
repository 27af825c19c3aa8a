"""The GitHub API side of the Action, through PyGithub: a check run whose annotations are sent 50 per
request (GitHub's limit; at most 500 in all, so at most 10 requests), and one sticky PR comment
found again by a hidden marker and updated in place. A token without the permission (a fork's pull
request gets a read-only one) is not an error, nor is an answer that is not what GitHub sends (an
HTML page, broken JSON, a 500, the wrong shape): the caller falls back to workflow commands. The
token is never printed or logged; errors are reported by type and status only."""
from __future__ import annotations

from github import Auth, Github, GithubException

from mof_lint.findings import LEVEL_ORDER, RULES
from mof_lint.report.safe import clean

BATCH = 50  # GitHub takes at most 50 annotations per check-run request
MAX_ANNOTATIONS = 500  # at most 10 requests per run; the rest are in the summary, SARIF and JSON
MAX_COMMENTS_SCANNED = 1000  # for the sticky comment: 10 pages of 100
PACE = {"seconds_between_requests": 0.25, "seconds_between_writes": 1.0}  # GitHub's advice; so at most
# ~10 s of pacing per run (PyGithub sleeps only the rest of the interval, never longer)
MARKER = "<!-- mof-lint:summary -->"
LEVEL = {"error": "failure", "warning": "warning", "note": "notice"}
MAX_TEXT = 65000  # check-run output fields are limited to 65535 characters


class ApiUnavailable(Exception):
    """The API refused (no permission, read-only token), could not be reached, or gave an answer
    that is not what GitHub gives."""


def client(token: str, api_url: str, paced: bool = True) -> Github:
    """A PyGithub client for `api_url` (the runner's GITHUB_API_URL; a local server in tests).
    `paced` keeps GitHub's advice of a second between write requests."""
    pace = PACE if paced else {"seconds_between_requests": None, "seconds_between_writes": None}
    return Github(auth=Auth.Token(token), base_url=api_url.rstrip("/"), retry=None, timeout=20, lazy=True,
                  per_page=100, **pace)


def _failure(what: str, err: Exception) -> ApiUnavailable:
    """The reason, by HTTP status or error type only: never the token, never the answer's text."""
    if isinstance(err, GithubException) and err.status:
        return ApiUnavailable(f"{what} (HTTP {err.status})")
    if isinstance(err, OSError):
        return ApiUnavailable(f"{what} ({type(err).__name__})")
    return ApiUnavailable(f"{what} (the API's answer was not usable: {type(err).__name__})")


def _annotation(f) -> dict:
    line = max(1, int(f.line or 1))
    return {"path": clean(f.path), "start_line": line, "end_line": line,
            "annotation_level": LEVEL[f.level], "message": clean(f.message)[:4000],
            "title": f"{f.rule} {RULES[f.rule].name}"}


def annotations(findings) -> tuple[list[dict], int]:
    """The check run's annotations, most important first, at most MAX_ANNOTATIONS; and how many
    more there were."""
    # (a file of another part of the release is not a file of this repository: summary and SARIF only)
    located = sorted((f for f in findings if f.path and not f.part), key=lambda f: LEVEL_ORDER[f.level])
    return [_annotation(f) for f in located[:MAX_ANNOTATIONS]], max(0, len(located) - MAX_ANNOTATIONS)


def publish_check_run(gh: Github, repo_name: str, head_sha: str, report, summary_md: str,
                      conclusion: str, name: str = "mof-lint") -> int:
    """Create a completed check run with the summary and the annotations (at most 10 requests);
    returns its id."""
    anns, left_out = annotations(report.findings)
    if left_out:
        summary_md = (f"_{left_out:,} more findings are not annotated here (a check run carries "
                      f"{MAX_ANNOTATIONS}); the SARIF and JSON reports list them._\n\n{summary_md}")
    output = {"title": f"MOF: {report.chosen.class_name}", "summary": summary_md[:MAX_TEXT]}
    try:
        repo = gh.get_repo(repo_name)
        run = repo.create_check_run(name=name, head_sha=head_sha, status="completed", conclusion=conclusion,
                                    output={**output, "annotations": anns[:BATCH]})
        if type(run.id) is not int:
            raise ValueError("no check run id")
        for start in range(BATCH, len(anns), BATCH):
            run.edit(output={**output, "annotations": anns[start:start + BATCH]})
        return run.id
    except Exception as err:  # noqa: BLE001 - whatever the network answers, the Action goes on
        raise _failure("check run not created", err) from None


def upsert_comment(gh: Github, repo_name: str, number: int, body: str) -> str:
    """Update the PR comment that carries MARKER, or create it. Returns "updated" or "created"."""
    body = body if MARKER in body else f"{MARKER}\n{body}"
    try:
        issue = gh.get_repo(repo_name).get_issue(number)
        for seen, comment in enumerate(issue.get_comments()):
            if seen >= MAX_COMMENTS_SCANNED:
                break
            if isinstance(comment.body, str) and MARKER in comment.body:
                comment.edit(body)
                return "updated"
        issue.create_comment(body)
        return "created"
    except Exception as err:  # noqa: BLE001 - whatever the network answers, the Action goes on
        raise _failure("PR comment not written", err) from None
