"""Command line: argument parsing and exit codes only.

Exit codes (stable): 0 = no error finding and the class meets --min-class; 1 = error findings or the
class gate failed; 2 = usage error or a path that cannot be read.
"""
from __future__ import annotations

import argparse
import contextlib
import errno
import gc
import json
import os
import stat
import sys

from mof_lint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Lint an AI model repository against the Model Openness Framework (MOF).

mof-lint finds the evidence for each of the 17 MOF components in a repository (code, weights,
data, documentation), reads their licenses, and computes the MOF class the repository really
earns: Class III (Open Model), Class II (Open Tooling) or Class I (Open Science).
It runs offline and never executes the repository's code."""

EPILOG = """\
examples:
  mof-lint check .                          table of components, class, what the next class needs
  mof-lint check . --format json -o mof.json  machine-readable report (schemas/report.schema.json)
  mof-lint check . --min-class 3            exit 1 unless the repository reaches Class III
  mof-lint check . --policy mot             count links (Hub, arXiv) for code and documents too
  mof-lint licenses .                       every license found, its category and what it covers
  mof-lint licenses LICENSE-MODEL           identify one license text, whatever the file is called
  mof-lint init .                           write a starter mof.yml declaration and .mof-lint.yml
  mof-lint classify mof.yml                 class of a Model Openness Tool YAML file
  mof-lint rules                            every rule id with its explanation

policies:
  strict  code and documents must be files in the repository; weights, datasets and papers may be
          links (default)
  mot     any evidence counts, as the Model Openness Tool counts self-reported components

exit codes: 0 ok, 1 error findings or class below --min-class, 2 usage error or unreadable path"""


def _class_number(text: str) -> int:
    """--min-class: one of the framework's class numbers. Checked here rather than by `choices`,
    so that the framework is read after `check` has started listing the tree (see _check)."""
    from mof_lint.framework import CLASS_NUMBERS
    if text.strip().isdigit() and int(text) in CLASS_NUMBERS:
        return int(text)
    raise argparse.ArgumentTypeError(f"invalid choice: {text!r} (choose from "
                                     f"{', '.join(map(str, sorted(CLASS_NUMBERS)))})")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mof-lint", description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"mof-lint {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("check", help="lint a repository and compute its MOF class",
                       description="Find every MOF component in a repository, its license, and the "
                       "class it earns.", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("path", nargs="?", default=".", help="repository root (default: .)")
    c.add_argument("--format", choices=("text", "json", "github", "sarif", "markdown"), default="text",
                   help="text (a table), json (schemas/report.schema.json), github (workflow-command "
                   "annotations), sarif (SARIF 2.1.0 for code scanning), markdown (a job summary); "
                   "default: text")
    c.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    c.add_argument("--config", metavar="FILE",
                   help="configuration file (default: .mof-lint.yml in the repository, if present)")
    c.add_argument("--min-class", type=_class_number, metavar="{1,2,3}",
                   help="fail (exit 1) unless the class is at least this good (3 = Class III)")
    c.add_argument("--policy", choices=("strict", "mot"), help="which class gates and heads the "
                   "report (default: strict; both are always computed)")
    c.add_argument("--fail-on", choices=("error", "warning", "never"),
                   help="the lowest finding level that fails the run (default: error)")
    c.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                   help="ignore paths matching this gitignore-style pattern (repeatable)")
    _release_arguments(c)
    c.add_argument("-v", "--verbose", action="store_true", help="show all evidence and notes")
    c.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="colour the text output (default: auto: on a terminal, unless NO_COLOR is set)")

    i = sub.add_parser("init", help="write a starter mof.yml declaration and .mof-lint.yml",
                       description="Write an openness declaration in the Model Openness Tool's format "
                       "(mof.yml) and a .mof-lint.yml, from what `mof-lint check` finds. `mof-lint classify "
                       "mof.yml` then gives the class `check` computed under the same policy. Existing "
                       "files are kept unless --force.")
    i.add_argument("path", nargs="?", default=".", help="repository root (default: .)")
    i.add_argument("--policy", choices=("strict", "mot"), default="strict",
                   help="which components to declare: those the strict policy counts (default) or all found")
    i.add_argument("--force", action="store_true", help="overwrite existing mof.yml / .mof-lint.yml")
    _release_arguments(i)
    i.add_argument("--stdout", action="store_true", help="print the declaration instead of writing files")

    b = sub.add_parser("badge", help="write the openness badge (SVG) and a shields.io endpoint JSON",
                       description="Compute the repository's class and write a flat SVG badge (shields.io "
                       "geometry, MOT's colours) and/or a shields.io endpoint JSON. With --report, use a JSON "
                       "report written earlier instead of checking again.")
    b.add_argument("path", nargs="?", default=".", help="repository root (default: .)")
    b.add_argument("-o", "--output", metavar="FILE", help="SVG file to write (default: print the SVG)")
    b.add_argument("--endpoint", metavar="FILE", help="also write a shields.io endpoint JSON here")
    b.add_argument("--report", metavar="FILE", help="read the class from this `check --format json` report")
    b.add_argument("--policy", choices=("strict", "mot"), help="which class the badge shows (default: strict)")
    b.add_argument("--label", default="MOF", help="left-hand text (default: MOF)")
    _release_arguments(b)

    m = sub.add_parser("merge", help="combine JSON reports of many repositories into one table",
                       description="Read `mof-lint check --format json` reports (an org-wide matrix writes "
                       "one per repository) and print one table: repository, class under both policies, "
                       "progress, label, findings.")
    m.add_argument("reports", nargs="+", metavar="REPORT.json")
    m.add_argument("--format", choices=("markdown", "json"), default="markdown")

    sub.add_parser("action", help="run as the GitHub Action (inputs from INPUT_* variables)",
                       description="The GitHub Action's entrypoint: reads its inputs from INPUT_<NAME> "
                       "environment variables as GitHub passes them, writes annotations, the job summary, "
                       "outputs, SARIF, the badge, and (with a token) a check run and a PR comment.")

    lc = sub.add_parser("licenses", help="list every license found, with category and MOT verdict",
                        description="List the license statements of repositories, folders or single "
                        "files: file, line, identifier, category (open-source, open-data, open-content, "
                        "restricted, proprietary, unknown), MOT's open verdict and the components each "
                        "covers. A file given by name is always examined as a license text.",
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    lc.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                    help="repositories, folders or license files (default: .)")
    lc.add_argument("--format", choices=("text", "json"), default="text")

    k = sub.add_parser("classify", help="class of Model Openness Tool (MOT) model YAML files",
                       description="Apply MOT's classification to MOT-format model files, exactly as "
                       "the Model Openness Tool does (class 0 = Unclassified), and report what MOT would "
                       "misread. Exit 1 when a file is broken or breaks MOT's schema (an error "
                       "finding), 2 when a file cannot be opened; the class itself never fails.")
    k.add_argument("files", nargs="+", metavar="FILE")
    k.add_argument("--format", choices=("text", "json"), default="text")

    r = sub.add_parser("rules", help="list every rule id with its explanation")
    r.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                   help="markdown writes docs/rules.md, the page the rules' help links point to")
    r.add_argument("--components", action="store_true", help="list the MOF components instead")
    return p


def _release_arguments(p) -> None:
    p.add_argument("--with", dest="with_parts", action="append", default=[], metavar="PART",
                   help="another part of the same release (repeatable): a local folder (a clone of the "
                   "Hub model repository, a dataset or training-code repository) or hf:ORG/MODEL, "
                   "hf:datasets/ORG/NAME (read from the Hub as metadata only; needs mof-lint[hub])")
    p.add_argument("--follow-links", action="store_true",
                   help="also read the Hub repositories the checkout links as its weights or data "
                   "(at most 4; needs mof-lint[hub] and the network)")


def _release_parts(args, stack):
    """The --with parts, read (a Hub part into a temporary tree that `stack` removes), or None
    after saying why one cannot be used (a missing folder, a malformed Hub id: a usage error, as a
    verdict over fewer parts than named would look like the verdict over all of them)."""
    from mof_lint.parts import Part, hub_id, is_hub, overlap_problem
    from mof_lint.report.safe import display
    parts = []
    for spec in getattr(args, "with_parts", []):
        if is_hub(spec):
            if hub_id(spec) is None:
                _err(f"--with {display(spec)}: not a Hub id (hf:ORG/NAME or hf:datasets/ORG/NAME)")
                return None
            from mof_lint.hub import temporary_part  # the Hub client's imports only when a part is on the Hub
            parts.append(temporary_part(spec, stack))
            continue
        problem = _path_problem(spec) or overlap_problem(spec, args.path)
        if problem:
            _err(f"--with {display(spec)}: {problem}")
            return None
        parts.append(Part(spec, spec))
    return parts


def _follower(args, stack):
    """For run_check's `follow`: Hub ids -> parts, when --follow-links is given."""
    if not getattr(args, "follow_links", False):
        return None
    from mof_lint.hub import temporary_part
    return lambda ids: [temporary_part(f"hf:{i}", stack) for i in ids]


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "classify":
            return _classify(args)
        if args.command == "licenses":
            return _licenses(args)
        if args.command == "init":
            return _init(args)
        if args.command == "badge":
            return _badge(args)
        if args.command == "merge":
            return _merge(args)
        if args.command == "action":
            from mof_lint.action import run_action
            return run_action(os.environ)
        if args.command == "rules":
            return _rules(args)
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a linter of untrusted input must never show a traceback
        if os.environ.get("MOF_LINT_DEBUG"):
            raise
        _err(f"internal error: {type(exc).__name__}: {exc} (set MOF_LINT_DEBUG=1 for details; "
             "please report it)")
        return EXIT_USAGE
    return EXIT_USAGE


def run() -> None:
    """The console entry (`mof-lint`, `python -m mof_lint`): main(), then the process ends at once.
    Freeing a check's objects one by one (a hundred thousand entries, the parsed documents, every
    module) only delays the exit code; the operating system takes the memory back whole. Output
    is flushed first; a reader that went away (`| head`) is not an error."""
    from mof_lint import repo
    repo.KEPT_UNTIL_EXIT = []
    # Nor does the process need the cyclic collector: switched back on after a check, its first
    # pass walks every object the check made (40 ms on a hundred thousand files) just before the exit.
    gc.disable()
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass
    os._exit(code)


def _err(msg: str) -> None:
    print(f"mof-lint: {msg}", file=sys.stderr)


def _load_config(args):
    """The Config to use, or None (after printing why) when the configuration is unusable."""
    from mof_lint.config import Config, find_config, load_config
    from mof_lint.report.safe import display as clean  # stderr is parsed for commands too
    path = find_config(args.path, args.config)
    if path is None:
        return Config()
    if not os.path.isfile(path):
        _err(f"config file {clean(path)} not found")
        return None
    inside = os.path.relpath(path, args.path)
    shown = inside if not inside.startswith("..") else path
    config, problems = load_config(path, shown, root=args.path)  # no symlink followed inside the repository
    for f in problems:
        _err(f"{clean(f.path or shown)}:{f.line}:{f.column or 1}: {f.rule} {clean(f.message)}")
    return config


def _check(args) -> int:
    if not _usable_root(args.path):
        return EXIT_USAGE
    config = _load_config(args)
    if config is None:
        return EXIT_USAGE
    if args.fail_on:
        config.fail_on = args.fail_on
    from mof_lint.ahead import ListingAhead
    from mof_lint.parts import checkout_exclude
    with contextlib.ExitStack() as stack:
        parts = _release_parts(args, stack)
        if parts is None:
            return EXIT_USAGE
        # the checkout is listed by a child process while this one imports the checks
        ahead = stack.enter_context(ListingAhead(args.path, checkout_exclude(args.path, args.exclude, config, parts)))
        from mof_lint.check import run_check
        report = run_check(args.path, policy=args.policy, min_class=args.min_class,
                           exclude=tuple(args.exclude), config=config, parts=parts,
                           follow=_follower(args, stack), ahead=ahead)
    from mof_lint.report import json_report, text
    if args.format == "json":
        out = json_report.render(report)
    elif args.format in ("github", "sarif", "markdown"):
        from mof_lint.report import github, markdown, sarif
        out = {"github": github.render, "sarif": sarif.render, "markdown": markdown.render}[args.format](report)
    else:
        colour = args.color == "always" or (args.color == "auto" and not args.output
                                            and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
        out = text.render(report, colour=colour, verbose=args.verbose)
    if args.output is not None:  # `-o ''` is an error, not stdout
        if not _write_file(args.output, out, "the report"):
            return EXIT_USAGE
    else:
        sys.stdout.write(out)
    return EXIT_FINDINGS if report.gate_failed() else EXIT_OK


def _write_file(path: str, text: str, what: str) -> bool:
    """Write an output file the safe way (no symlink, FIFO or folder: see report/files.py);
    False after saying why it was not written."""
    from mof_lint.report.files import FileRefused, write_text
    try:
        write_text(path, text)
    except FileRefused as err:
        _err(f"{what} was not written: {err}")
        return False
    return True


def _path_problem(path: str, files_too: bool = False) -> str | None:
    """Why a PATH argument cannot be examined (None when it can): it does not exist, is a symlink
    (mof-lint follows none, so that nothing outside what was named is read), is not a folder (or,
    with `files_too`, a regular file: never a FIFO, which would block), or cannot be read."""
    try:
        st = os.lstat(path.rstrip("/") or "/")
        if stat.S_ISLNK(st.st_mode):
            return "is a symlink; mof-lint follows none (name what it points to)"
        if stat.S_ISDIR(st.st_mode):
            with os.scandir(path):
                return None
        if files_too and stat.S_ISREG(st.st_mode) and not path.endswith("/"):
            os.close(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)))
            return None
    except OSError as err:
        if err.errno == errno.ENOENT:
            return "does not exist"
        return f"cannot be read ({(err.strerror or type(err).__name__).lower()})"
    return "is not a folder or a regular file" if files_too else "is not a folder"


def _usable_root(path: str) -> bool:
    problem = _path_problem(path)
    if problem:
        from mof_lint.report.safe import display
        _err(f"{display(path)}: {problem}")
    return problem is None


def _badge(args) -> int:
    from mof_lint.report import badge
    about = ""  # the badge's tooltip names the parts of a release
    if args.report:
        from mof_lint.report.files import FileRefused
        from mof_lint.report.merge import report_class
        try:
            classification = report_class(args.report, args.policy)
        except FileRefused as err:
            _err(str(err))
            return EXIT_USAGE
        message, colour = badge.message_and_colour(classification)
    else:
        from mof_lint.check import run_check
        if not _usable_root(args.path):
            return EXIT_USAGE
        config = _load_config(SimpleNamespaceArgs(args.path))
        if config is None:
            return EXIT_USAGE
        with contextlib.ExitStack() as stack:
            parts = _release_parts(args, stack)
            if parts is None:
                return EXIT_USAGE
            report = run_check(args.path, policy=args.policy, config=config, parts=parts,
                               follow=_follower(args, stack))
        message, colour = badge.message_and_colour(report.chosen)
        about = badge.release_note(report)
    svg_text = badge.svg(args.label, message, colour, about)
    if args.output is not None and not _write_file(args.output, svg_text, "the badge"):
        return EXIT_USAGE
    if args.output is None and args.endpoint is None:
        sys.stdout.write(svg_text)
    if args.endpoint is not None and not _write_file(args.endpoint, badge.endpoint(args.label, message, colour),
                                         "the endpoint JSON"):
        return EXIT_USAGE
    return EXIT_OK


class SimpleNamespaceArgs:
    """The subset of `check` arguments _load_config reads."""
    def __init__(self, path: str, config: str | None = None):
        self.path, self.config = path, config


def _merge(args) -> int:
    from mof_lint.report.merge import merge_reports
    from mof_lint.report.safe import display
    text, unreadable = merge_reports(args.reports, args.format)
    sys.stdout.write(text)
    for line in unreadable:  # one line each, naming the file and why; the table still lists the rest
        _err(display(line))
    return EXIT_USAGE if unreadable else EXIT_OK


def _init(args) -> int:
    from mof_lint.check import run_check
    from mof_lint.init import render_declaration, write_starters
    from mof_lint.report.files import FileRefused
    from mof_lint.report.safe import display as clean  # stderr is parsed for commands too
    if not _usable_root(args.path):
        return EXIT_USAGE
    with contextlib.ExitStack() as stack:
        parts = _release_parts(args, stack)
        if parts is None:
            return EXIT_USAGE
        report = run_check(args.path, policy=args.policy, parts=parts, follow=_follower(args, stack))
    if args.stdout:
        sys.stdout.write(render_declaration(report, args.policy))
        return EXIT_OK
    try:
        done = write_starters(args.path, report, args.policy, args.force)
    except FileRefused as err:
        _err(f"not written: {err}")
        return EXIT_USAGE
    # Kept files are the user's: saying so plainly is the whole answer (exit 0: nothing failed).
    for path, what in done:
        if what == "written":
            print(f"wrote {clean(path)}")
        else:
            print(f"kept {clean(path)}: it exists (--force replaces it; --stdout prints what would be written)")
    if dict((os.path.basename(p), w) for p, w in done).get("mof.yml") == "written":
        chosen = report.strict if args.policy == "strict" else report.mot
        print(f"declared class ({args.policy} policy): {chosen.class_name}; check it with "
              f"`mof-lint classify {clean(os.path.join(args.path, 'mof.yml'))}`")
    return EXIT_OK


def _licenses(args) -> int:
    from mof_lint.license_scan import scan_file, scan_repository
    from mof_lint.report import text
    from mof_lint.report.safe import display
    rows, code = [], EXIT_OK
    for path in args.paths:
        problem = _path_problem(path, files_too=True)
        if problem:
            _err(f"{display(path)}: {problem}")
            code = EXIT_USAGE
            continue
        from mof_lint.report.files import FileRefused
        try:
            rows += scan_repository(path) if os.path.isdir(path) else [scan_file(path)]
        except FileRefused as err:
            _err(str(err))
            code = EXIT_USAGE
        except OSError as err:
            _err(f"{display(path)}: {(err.strerror or type(err).__name__).lower()}")
            code = EXIT_USAGE
    if args.format == "json":
        sys.stdout.write(json.dumps([r.as_dict() for r in rows], indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(text.render_licenses(rows))
    return code


def _classify(args) -> int:
    from mof_lint.classify import mot_classify
    from mof_lint.mot_model import load_mot_model
    from mof_lint.report.safe import display as clean  # stderr is parsed for commands too
    rows = []
    code = EXIT_OK
    from mof_lint.report.files import FileRefused, read_bytes
    for path in args.files:
        try:
            raw = read_bytes(path, 8 << 20, cut=True)
        except FileRefused as err:
            _err(clean(str(err)))
            code = EXIT_USAGE
            continue
        model = load_mot_model(path, raw.decode("utf-8", "replace"))
        from mof_lint.framework import CLASS_NUMBERS
        result = mot_classify(model.listed)
        row = {"file": path, "name": model.name,
               "class": result.mof_class or 0,
               "class_name": result.class_name,
               "progress": {str(n): result.progress[n] for n in CLASS_NUMBERS},
               "findings": [f.as_dict() for f in model.findings]}
        if not model.readable or any(f.level == "error" for f in model.findings):
            code = max(code, EXIT_FINDINGS)  # broken, or not valid for MOT: a pre-commit hook must fail
        rows.append(row)
    if args.format == "json":
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    else:
        for row in rows:
            prog = "  ".join(f"{'I' * int(k)} {v:.0f}%" for k, v in row["progress"].items())
            print(f"{clean(row['file'])}: {row['class_name']}   progress: {prog}")
            for f in row["findings"]:
                print(f"  {clean(row['file'])}:{f['line']}: {f['level']} {f['rule']} {clean(f['message'])}")
    return code


def _rules(args) -> int:
    from mof_lint.findings import RULES
    if args.components:
        from mof_lint.framework import FRAMEWORK
        comps = FRAMEWORK.ordered()
        if args.format == "json":
            print(json.dumps([{"id": c.id, "key": c.key, "name": c.name, "type": c.content_type,
                               "class": c.mof_class, "required": c.required,
                               "description": c.description} for c in comps], indent=2))
        else:
            for c in comps:
                req = "required" if c.required else "optional"
                print(f"{c.id:>3}  {c.name:<33} Class {'I' * c.mof_class:<4} {c.content_type:<9} {req}")
                print(f"     {c.description}")
        return EXIT_OK
    if args.format == "json":
        print(json.dumps([{"id": r.id, "name": r.name, "level": r.level, "summary": r.summary,
                           "help": r.help, "docs": r.docs_url} for r in RULES.values()], indent=2))
    elif args.format == "markdown":
        sys.stdout.write(rules_markdown())
    else:
        for r in RULES.values():
            print(f"{r.id}  {r.name}  [{r.level}]\n    {r.summary}.\n    {r.help}\n")
    return EXIT_OK


def rules_markdown() -> str:
    from mof_lint.findings import GROUP_AFTER, MAX_PER_RULE, RULES
    groups = {"1": "Components", "2": "Licenses", "3": "Declarations, schemas and model files",
              "4": "Repository hygiene and robustness"}
    out = ["# mof-lint rules", "",
           "Every finding carries one of these stable ids (generated by `mof-lint rules --format markdown`; "
           "a test keeps this page in sync). The default level can be changed per rule in `.mof-lint.yml` "
           "(`severity:`), and a rule can be turned off (`disable:`).", "",
           f"Repeated findings are summed up in every format: of one rule, at most {GROUP_AFTER} findings with the "
           f"same message (its paths, quoted names and numbers aside) and {MAX_PER_RULE} in all are listed, then "
           "one finding says how many more there were (`omitted` in the JSON report, whose `stats.findings` "
           "gives every rule's total).", ""]
    current = None
    for r in RULES.values():
        group = groups[r.id[3]]
        if group != current:
            out += [f"## {group}", ""]
            current = group
        out += [f'<a id="{r.id.lower()}"></a>', f"### {r.id} {r.name}", "",
                f"**{r.summary}.** Default level: `{r.level}`.", "", r.help, ""]
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    run()
