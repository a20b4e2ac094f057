"""Command line: `python build.py [build|check|serve]`, also `factsheet ...` once installed."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from . import pipeline
from .config import DOCS_DIR, FACTS_DIR, LOCK_DIR, PUBLISHED_FILE, SITE_DIR
from .domain.vocab import RecordKind
from .load.cache import ParseCache
from .output import buildcache
from .output.lock import Busy, project_lock
from .output.write import recover, replace_pages, write_locks
from .pipeline import Stage
from .problems import REPORTERS, EditorError, FactsheetError, Problem, reporter

# Commands other than build import what they need where they use it: a build with nothing
# to do must not pay for importing the validators and renderers (see pipeline.py).

DESCRIPTION = "Check the fact records in facts/ and generate the site's pages in docs/."


def _parser(prog: str | None = None) -> argparse.ArgumentParser:
    # prog None: argparse names the program after how it was started (build.py, factsheet).
    parser = argparse.ArgumentParser(prog=prog, description=DESCRIPTION)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        help="project folder holding facts/ and docs/ (default: here)",
    )
    common.add_argument(
        "--archive",
        type=Path,
        default=_default_archive(),
        help="folder of archived source texts: when given, every quote and "
        "pinned hash is checked against it (default: $FACTSHEET_ARCHIVE)",
    )
    common.add_argument(
        "--format",
        choices=list(REPORTERS),
        default="text",
        help="how to print problems: plain text, GitHub Actions "
        "annotations or JSON (default: text)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    sub.add_parser(
        "build", parents=[common], help="check the records, then write the pages (the default)"
    )
    check = sub.add_parser("check", parents=[common], help="check the records only; write nothing")
    check.add_argument(
        "--against",
        metavar="GIT_REF",
        default=None,
        help=f"also list every lock entry in {LOCK_DIR}/ added or changed since GIT_REF "
        f"(the pull request's base), and every address removed from {PUBLISHED_FILE}, as "
        "needing a maintainer",
    )
    check.add_argument(
        "--publish",
        action="store_true",
        help="also check that mkdocs.yml says who is behind the site (publisher, contact, "
        "licences, repository, site address): fails on a missing value or a placeholder",
    )
    sub.add_parser(
        "verify",
        parents=[common],
        help="check every quote and pinned hash against the archived texts in --archive, "
        f"and record the result in {LOCK_DIR}/",
    )
    new = sub.add_parser(
        "new", parents=[common], help="start a new record with every field of its kind, explained"
    )
    new.add_argument("kind", choices=[kind.value for kind in RecordKind], help="the kind of record")
    new.add_argument(
        "id", help="the new record's id and file name: lowercase letters, digits, single hyphens"
    )
    serve = sub.add_parser(
        "serve",
        parents=[common],
        help="build, then preview the site and rebuild when a record changes",
    )
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on")
    site = sub.add_parser(
        "site",
        parents=[common],
        help="build, then the whole site with MkDocs into a temporary folder, "
        "put in place only when every step succeeded",
    )
    site.add_argument(
        "--site-dir", type=Path, default=None, help="where the site goes (default: ROOT/site)"
    )
    return parser


def _default_archive() -> Path | None:
    value = os.environ.get("FACTSHEET_ARCHIVE")
    return Path(value) if value else None


def _progress(stage: Stage) -> None:
    """Stage names on a terminal only, so logs and piped output stay clean."""
    if sys.stderr.isatty():
        sys.stderr.write(f"\r\033[K{stage}..." if stage is not Stage.DONE else "\r\033[K")
        sys.stderr.flush()


ProblemHandler = Callable[[Path, list[Problem]], None]


def run_build(
    root: Path,
    archive: Path | None,
    style: str,
    write: bool,
    command: str = "build.py build",
    on_problems: ProblemHandler | None = None,
) -> int:
    """`build` (write=True: under the project lock, after finishing an interrupted write)
    or `check` (write=False), printing what pipeline.build or pipeline.check found."""
    if not write:
        outcome = pipeline.check(root, archive, _progress, _parse_cache(root))
        _progress(Stage.DONE)
        if _failed(outcome, style):
            return 1
        assert outcome.base is not None
        b = outcome.base
        print(
            f"OK: {len(b.sources)} sources, {len(b.actors)} actors, "
            f"{len(b.incidents)} incidents checked."
        )
        return 0
    with project_lock(root, command):
        failed = _recover(root)
        if failed is not None:
            return failed
        try:
            outcome = pipeline.build(root, archive, _progress)
        except OSError as error:
            _progress(Stage.DONE)
            return _write_failed(root, error)
    if _failed(outcome, style):
        if on_problems is not None:
            on_problems(root, outcome.problems)
        return 1
    report = outcome.report
    if report is None:
        print(f"Wrote 0 pages, removed 0, {outcome.unchanged} unchanged.")
    else:
        print(
            f"Wrote {len(report.written)} pages, removed {len(report.removed)}, "
            f"{report.unchanged} unchanged."
        )
    return 0


def _failed(outcome: pipeline.Outcome, style: str) -> bool:
    """Print the problems and warnings; True when there are problems (warnings only report:
    the check passes and the build goes on)."""
    if outcome.problems or outcome.warnings:
        sys.stderr.write(reporter(style).format(outcome.problems + outcome.warnings))
    return bool(outcome.problems)


def _parse_cache(root: Path) -> ParseCache:
    return ParseCache.open(root, buildcache.code_digest())


def _recover(root: Path) -> int | None:
    """Finish or undo a build or verify that was killed half-way, before anything else."""
    try:
        for folder in (root / DOCS_DIR, root / LOCK_DIR):
            if recover(folder):
                print(f"Completed an interrupted write in {folder.name}/.")
    except OSError as error:
        return _write_failed(root, error)
    return None


def _write_failed(root: Path, error: OSError) -> int:
    """A refused or failed write (a planted link, a full disk): the old files are back."""
    message = str(error).replace(f"{root}{os.sep}", "")
    sys.stderr.write(
        f"error: could not write the output: {message}\n"
        "Nothing was changed: the files from the previous build are as they were.\n"
    )
    return 1


def run_publish_check(root: Path) -> int:
    """1 when mkdocs.yml leaves out who is behind the site, or holds a placeholder."""
    from .site.identity import identity_problems

    problems = identity_problems(root / "mkdocs.yml")
    for problem in problems:
        sys.stderr.write(f"error: {problem}\n")
    if problems:
        sys.stderr.write("Not ready to publish: the site must say who is behind it.\n")
        return 1
    print("OK: mkdocs.yml says who publishes the site.")
    return 0


def run_verify(root: Path, archive: Path | None, style: str) -> int:
    if archive is None:
        sys.stderr.write("verify needs --archive DIR: the folder of archived source texts\n")
        return 2
    with project_lock(root, "build.py verify"):
        failed = _recover(root)
        return failed if failed is not None else _verify(root, archive, style)


def _verify(root: Path, archive: Path, style: str) -> int:
    outcome = pipeline.check(root, archive, cache=_parse_cache(root))
    if outcome.problems:
        sys.stderr.write(reporter(style).format(outcome.problems))
        return 1
    try:
        report = write_locks(root / LOCK_DIR, outcome.locks)
    except OSError as error:
        return _write_failed(root, error)
    quotes = sum(text.count('"quote":') for text in outcome.locks.values())
    print(
        f"Verified {quotes} quotes in {len(outcome.locks)} sources; "
        f"{len(report.written)} lock files updated, {len(report.removed)} removed."
    )
    return 0


def run_new(root: Path, kind: str, record_id: str) -> int:
    try:
        from .scaffold import new_record

        path = new_record(root, kind, record_id)
    except EditorError as error:
        sys.stderr.write(f"{error}\n")
        return 1
    print(
        f'Wrote {path.relative_to(root).as_posix()}: fill in every "" and "REPLACE", '
        "then run python build.py check"
    )
    return 0


def _facts_state(root: Path) -> tuple[tuple[str, int, int], ...]:
    files = sorted((root / FACTS_DIR).rglob("*"))
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files if p.is_file())


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(root: Path, archive: Path | None, address: str) -> int:
    """Rebuild on every change under facts/ while `mkdocs serve` reloads the browser."""
    signal.signal(signal.SIGTERM, _stop)  # so the mkdocs child is stopped with us
    retry = not _serve_build(root, archive)
    server = subprocess.Popen(
        # --dirty: mkdocs rebuilds only the pages build.py rewrote, so a save shows quickly
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", address],
        cwd=root,
    )
    state = _facts_state(root)
    try:
        while server.poll() is None:
            time.sleep(0.3)
            current = _facts_state(root)
            if current != state or retry:
                state = current
                retry = not _serve_build(root, archive)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0


def _serve_build(root: Path, archive: Path | None) -> bool:
    """One rebuild for serve, which must outlive it; False when another build held the lock."""
    try:
        run_build(root, archive, "text", True, "build.py serve", on_problems=_show_problems)
    except Busy as busy:
        sys.stderr.write(f"error: {busy}; trying again\n")
        return False
    except Exception as error:  # a bug of ours: say so, in the browser too, and keep serving
        _internal_error(error)
        message = f"internal error: {type(error).__name__}: {error}"
        hint = "please report this, with the terminal's output (FACTSHEET_DEBUG=1 shows more)"
        with contextlib.suppress(Exception), project_lock(root, "build.py serve"):
            _show_problems(root, [Problem("build.py", 1, 1, "", message, hint)])
    finally:
        gc.collect()  # the collector is off in this process (run()): one pass per rebuild
    return True


def _show_problems(root: Path, problems: list[Problem]) -> None:
    """In the preview: the problems in place of the home page and the pages they concern."""
    from .problems import sort_problems
    from .render.errors import error_pages

    try:
        replace_pages(root / DOCS_DIR, error_pages(sort_problems(problems)))
    except (OSError, ValueError) as error:
        sys.stderr.write(f"error: could not show the problems in the preview: {error}\n")


def run_check_against(root: Path, archive: Path | None, style: str, ref: str) -> int:
    """check, then the lock entries this branch added or changed since ref (see trust)."""
    from .check.trust import GitError, changed_lock_entries, removed_addresses

    code = run_build(root, archive, style, write=False)
    try:
        changes = changed_lock_entries(root, ref) + removed_addresses(root, ref)
    except GitError as error:
        sys.stderr.write(f"error: cannot compare {LOCK_DIR}/ with {ref}: {error}\n")
        return 1
    if changes:
        sys.stderr.write(reporter(style).format(changes))
        return 1
    if style == "text":
        print(f"No lock entry in {LOCK_DIR}/ was added or changed since {ref}.")
    return code


def run_site(root: Path, archive: Path | None, style: str, site_dir: Path | None) -> int:
    """build, then MkDocs into a temporary folder swapped in only when all went well."""
    from .site.publish import publish

    target = (site_dir if site_dir is not None else root / SITE_DIR).absolute()
    with project_lock(root, "build.py site"):
        code = run_build(root, archive, style, write=True, command="build.py site")
        return code if code else publish(root, target)


COMMANDS = ("build", "check", "verify", "new", "serve", "site")


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if not words or (words[0] not in COMMANDS and words[0] not in ("-h", "--help")):
        words.insert(0, "build")  # `python build.py --root X` means `build --root X`
    args = _parser(prog).parse_args(words)
    root: Path = args.root.resolve()
    try:
        if args.command == "new":
            return run_new(root, args.kind, args.id)
        if args.command == "verify":
            return run_verify(root, args.archive, args.format)
        if args.command == "serve":
            return serve(root, args.archive, args.dev_addr)
        if args.command == "site":
            return run_site(root, args.archive, args.format, args.site_dir)
        if args.command == "check" and args.against:
            code = run_check_against(root, args.archive, args.format, args.against)
        else:
            code = run_build(root, args.archive, args.format, write=args.command == "build")
        if args.command == "check" and args.publish:
            return max(code, run_publish_check(root))
        return code
    except FactsheetError as error:  # another build holds the project, say
        sys.stderr.write(f"error: {error}\n")
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug of ours: say so plainly, keep the trace for debugging
        _internal_error(error)
        return 1


def run(prog: str | None = None) -> NoReturn:
    """The process entry point (build.py, factsheet, python -m factsheet): main() with the
    cyclic garbage collector off.

    A build allocates millions of objects that live until it ends, so the collector's
    repeated full passes over them cost more than half the build time and free almost
    nothing. A process that builds once and exits can leave it off; serve, which builds
    again on every save, collects after each build. Called in-process (tests), main()
    leaves the collector alone.
    """
    gc.disable()
    raise SystemExit(main(prog=prog))


def _internal_error(error: Exception) -> None:
    if os.environ.get("FACTSHEET_DEBUG"):
        traceback.print_exc()
    sys.stderr.write(
        f"internal error: {type(error).__name__}: {error}\n"
        "Nothing was written. Set FACTSHEET_DEBUG=1 to see the details, "
        "and please report this.\n"
    )


if __name__ == "__main__":  # python -m factsheet.cli, as python -m factsheet
    run(prog="python -m factsheet.cli")
