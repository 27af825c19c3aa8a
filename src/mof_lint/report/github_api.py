"""The GitHub API side of the Action, through PyGithub: a check run whose annotations are sent 50 per
request (GitHub's limit), and one sticky PR comment found again by a hidden marker and updated in
place. A token without the permission (a fork's pull request gets a read-only one) is not an error:
the caller falls back to workflow commands. The token is never printed or logged; errors are
reported by type and status only."""
from __future__ import annotations

from github import Auth, Github, GithubException

from mof_lint.findings import RULES
from mof_lint.report.safe import clean

BATCH = 50
MARKER = "<!-- mof-lint:summary -->"
LEVEL = {"error": "failure", "warning": "warning", "note": "notice"}
MAX_TEXT = 65000  # check-run output fields are limited to 65535 characters


class ApiUnavailable(Exception):
    """The API refused (no permission, read-only token) or could not be reached."""


def client(token: str, api_url: str, paced: bool = True) -> Github:
    """A PyGithub client for `api_url` (the runner's GITHUB_API_URL; a local server in tests).
    `paced` keeps GitHub's advice of a second between write requests."""
    pace = {} if paced else {"seconds_between_requests": None, "seconds_between_writes": None}
    return Github(auth=Auth.Token(token), base_url=api_url.rstrip("/"), retry=None, timeout=20, lazy=True, **pace)


def _annotation(f) -> dict:
    line = max(1, int(f.line or 1))
    return {"path": clean(f.path), "start_line": line, "end_line": line,
            "annotation_level": LEVEL[f.level], "message": clean(f.message)[:4000],
            "title": f"{f.rule} {RULES[f.rule].name}"}


def publish_check_run(gh: Github, repo_name: str, head_sha: str, report, summary_md: str,
                      conclusion: str, name: str = "mof-lint") -> int:
    """Create a completed check run with the summary and every annotation; returns its id."""
    anns = [_annotation(f) for f in report.findings if f.path]
    title = f"MOF: {report.chosen.class_name}"
    try:
        repo = gh.get_repo(repo_name)
        first = {"title": title, "summary": summary_md[:MAX_TEXT], "annotations": anns[:BATCH]}
        run = repo.create_check_run(name=name, head_sha=head_sha, status="completed", conclusion=conclusion,
                                    output=first)
        for start in range(BATCH, len(anns), BATCH):
            run.edit(output={"title": title, "summary": summary_md[:MAX_TEXT],
                             "annotations": anns[start:start + BATCH]})
        return run.id
    except GithubException as err:
        raise ApiUnavailable(f"check run not created (HTTP {err.status})") from None
    except OSError as err:
        raise ApiUnavailable(f"check run not created ({type(err).__name__})") from None


def upsert_comment(gh: Github, repo_name: str, number: int, body: str) -> str:
    """Update the PR comment that carries MARKER, or create it. Returns "updated" or "created"."""
    body = body if MARKER in body else f"{MARKER}\n{body}"
    try:
        issue = gh.get_repo(repo_name).get_issue(number)
        for comment in issue.get_comments():
            if MARKER in (comment.body or ""):
                comment.edit(body)
                return "updated"
        issue.create_comment(body)
        return "created"
    except GithubException as err:
        raise ApiUnavailable(f"PR comment not written (HTTP {err.status})") from None
    except OSError as err:
        raise ApiUnavailable(f"PR comment not written ({type(err).__name__})") from None
