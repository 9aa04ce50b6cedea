"""`tt`: every `/tt` command in a terminal, plus `tt sandbox`, `tt serve` and `tt demo`.

tt top-candidates job:42 limit:5      a ranked table (plain text when piped)
tt rescore job:42 --wait              progress until TapTalent finishes, then what changed
tt jobs --json                        machine-readable output for scripts
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import shlex
import sys
from collections.abc import Sequence

from pydantic import BaseModel
from rich.console import Console

from shared.actions import (
    ActionError,
    close_request,
    follow,
    release_request,
    request_ended,
    rescore_status,
)
from shared.actions.ats.questions import ats_question
from shared.actions.dispatch import execute
from shared.actions.errors import check_rescore
from shared.actions.interviews import InterviewInvite
from shared.actions.models import RescoreGroupResult, RescoreReport, RescoreStatusResult
from shared.actions.uploads import UploadStarted
from shared.cli.assessments import confirm_assess
from shared.cli.interviews import TEST_INTERVIEW_WAIT, follow_test_interview
from shared.cli.prompt import ask
from shared.cli.terminal import Renderer, error_text
from shared.cli.uploads import follow_in_terminal, upload_question
from shared.commands import (
    AnyCommand,
    Assess,
    CommandError,
    Interview,
    Move,
    Rescore,
    Upload,
    parse,
)
from shared.config import Settings
from shared.logs import configure_logging
from shared.sandbox.dialect import DIALECTS
from shared.store import Origin
from shared.toolkit import DataPathError, Toolkit, describe_backend, open_toolkit

PROG = "tt"
OWN_COMMANDS = ("sandbox", "kombo-sandbox", "serve", "demo", "doctor")

USAGE = f"""usage: {PROG} [--json] [--wait] [--timeout SECONDS] [--yes] <command> [options]

Commands (the same as /tt in Slack; `{PROG} help <command>` explains each):
  help, jobs, job, top-candidates, search, rescore, rescore-status, move,
  upload (résumé links into a job),
  link, push, reject (the customer's ATS, through Kombo; push to:talynce for Talynce),
  assessments, assessment, assess (TapTalent's voice assessments),
  interview, interview-status (AI interviews, through InstaView),
  status (a job candidate in every connected system)
Also:
  {PROG} sandbox [--port 8765] [--seed 7] [--dialect seed|tt|mixed] [--webhook-url URL]
                                                                run the Partner API emulator
  {PROG} sandbox --reset                                        start the sample data afresh
  {PROG} kombo-sandbox [--port 8766] [--webhook-url URL]        run the Kombo ATS emulator
  {PROG} serve                                                  run the service (python -m bot)
  {PROG} demo                                                   a guided tour on the sandbox
  {PROG} doctor [--json]                                        check your settings, key and API

--json prints the result as JSON; --wait follows a rescore until it completes (an upload is
always followed to its report); --yes skips the confirmation that writes (rescore, move,
upload, link, push, reject, assess, interview) ask for on a
terminal.
Without TAPTALENT_API_KEY, {PROG} uses its built-in sandbox (sample data), kept beside the
database (TT_DB_PATH) so that each command sees what the previous one changed."""


def _options(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog=PROG, add_help=False, usage=USAGE)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--wait", action="store_true")
    parser.add_argument("--yes", "-y", action="store_true")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("-h", "--help", action="store_true")
    return parser.parse_known_args(list(argv))


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # `tt --help | head`, `tt jobs --json | head`: the reader left; that is not an
        # error worth a traceback.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0


def _main(argv: Sequence[str] | None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in OWN_COMMANDS:
        return _own_command(args[0], args[1:])
    opts, words = _options(args)
    configure_logging(
        Settings(),
        level=logging.DEBUG if opts.verbose else logging.WARNING,
        fmt="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if opts.help:
        print(USAGE)
        return 0
    text = shlex.join(words)
    try:
        command = parse(text, prog=PROG)
    except CommandError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if opts.wait and not isinstance(command, Rescore):
        print("--wait only applies to `rescore` (an upload is always followed).", file=sys.stderr)
        return 2
    try:
        to_run = command if opts.yes else confirmed(command)
    except ActionError as exc:  # refused before asking (an upload's links, no such candidate)
        print(f"error: {error_text(exc)}", file=sys.stderr)
        return 2
    if to_run is None:
        print("Nothing changed.", file=sys.stderr)
        return 1
    try:
        return asyncio.run(_run(to_run, opts))
    except DataPathError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


async def _run(command: AnyCommand, opts: argparse.Namespace) -> int:
    # Piped output is read in full or grepped: lines are never wrapped (terminal.py writes
    # piped tables as wide as their cells).
    out = Console(highlight=False, soft_wrap=not sys.stdout.isatty())
    err = Console(stderr=True, highlight=False)
    settings = Settings()
    origin = Origin(kind="cli", user=f"cli:{getpass.getuser()}")
    # With --wait this process tells its user, so it holds the alert (a service on the
    # same database stays quiet) until it is done or gives up.
    owner = f"cli:{os.getpid()}"
    follows = opts.wait or isinstance(command, Upload)
    followed_by = (owner, opts.timeout + 60.0) if follows else None
    async with open_toolkit(settings) as tk:
        if tk.sandbox is not None:
            print(describe_backend(tk), file=sys.stderr)
        try:
            if isinstance(command, Interview) and not opts.yes and sys.stdin.isatty():
                from shared.cli.interviews import confirm_interview

                private = settings.tt_show_contact_details
                if not await confirm_interview(tk, command, include_private=private):
                    print("Nothing changed.", file=sys.stderr)
                    return 1
            result = await execute(
                tk,
                command,
                origin,
                include_private=settings.tt_show_contact_details,
                prog=PROG,
                followed_by=followed_by,
            )
            if opts.wait and isinstance(result, RescoreGroupResult) and result.group_id:
                if not opts.json:
                    _print(out, result, as_json=False)
                report = await wait_for_rescore(
                    tk, result, err, give_up_after=opts.timeout, owner=owner
                )
                _print(out, report, opts.json)
                return 0 if report.state == "completed" else 1
            if isinstance(result, UploadStarted):
                if not opts.json:
                    _print(out, result, as_json=False)
                done = await follow_in_terminal(
                    tk, result, err, give_up_after=opts.timeout, owner=owner
                )
                _print(out, done, opts.json)
                return 0 if done.parsed else 1
            if isinstance(result, InterviewInvite) and result.is_test:
                if not opts.json:
                    _print(out, result, as_json=False)
                wait = min(opts.timeout, TEST_INTERVIEW_WAIT)
                progress = await follow_test_interview(tk, result, err, give_up_after=wait)
                _print(out, progress, opts.json)
                return 0 if progress.phase == "completed" else 1
        except ActionError as exc:
            err.print(f"error: {error_text(exc)}", markup=False, soft_wrap=True)
            return 1
        _print(out, result, opts.json)
        return 1 if getattr(result, "out_of_credits", False) else 0


def confirmed(command: AnyCommand) -> AnyCommand | None:
    """The command to run once a write is confirmed on a terminal, or None if declined.
    Scripts (no terminal) and `--yes` go ahead. Raises `ActionError` when the write is
    refused before asking (an upload's links, an assessment's preview)."""
    if isinstance(command, Assess):
        return confirm_assess(command) if sys.stdin.isatty() else command
    question = ats_question(command)
    if question is None and isinstance(command, Rescore):
        scope = (
            f"{len(command.candidates)} candidate(s)"
            if command.candidates
            else (f"stage {command.stage}" if command.stage else "every candidate")
        )
        question = f"Rescore {scope} of job {command.job}? This spends scoring credits."
    elif question is None and isinstance(command, Move):
        question = f"Move job candidate {command.job_candidate} to stage {command.stage}?"
    elif question is None and isinstance(command, Upload):
        question = upload_question(command, ask=sys.stdin.isatty())
    if question is None or not sys.stdin.isatty():
        return command
    return command if ask(question) else None


def _print(console: Console, result: BaseModel, as_json: bool) -> None:
    if as_json:
        print(result.model_dump_json(indent=2))
    else:
        Renderer(console).show(result)


async def wait_for_rescore(
    tk: Toolkit,
    started: RescoreGroupResult,
    err: Console,
    *,
    give_up_after: float,
    owner: str,
    interval: float = 0.5,
) -> RescoreReport:
    """Follow a rescore request until all its rescore ids have ended, showing progress."""
    group_id = started.group_id
    assert group_id is not None
    try:
        with err.status("Waiting for TapTalent…") as status:

            def show(current: RescoreStatusResult) -> None:
                line = (
                    f"Rescoring: {current.total_processed or 0}/{current.total_requested or 0} "
                    f"candidates ({current.status})"
                )
                status.update(line)
                if not err.is_terminal:
                    err.print(f"progress: {line}", markup=False)

            if started.rescore_ids:
                first = started.rescore_ids[0]
                _, done = await follow(
                    lambda: rescore_status(tk, first, details=False),
                    lambda s: s.status != "pending",
                    give_up_after=give_up_after,
                    interval=interval,
                    on_progress=show,
                )
            else:  # TapTalent's answer was unreadable: only the store can tell
                _, done = await follow(
                    lambda: request_ended(tk, group_id),
                    bool,
                    give_up_after=give_up_after,
                    interval=interval,
                )
        if not done:
            raise ActionError(
                f"Still rescoring after {give_up_after:.0f}s; the alert will follow.",
                next_step=check_rescore(started.rescore_ids[0]) if started.rescore_ids else None,
            )
        return await close_request(tk, group_id, owner)
    except BaseException:
        # Not told here after all: the service (if one runs on this database) alerts.
        await release_request(tk, group_id, owner)
        raise


def _own_command(name: str, argv: list[str]) -> int:
    if name == "demo":
        from shared.cli.demo import run_demo

        return run_demo(argv)
    if name == "kombo-sandbox":
        from shared.kombo_sandbox.server import run_from_argv

        return run_from_argv(argv)
    if name == "doctor":
        from shared.cli.doctor import run_doctor_command

        return run_doctor_command(argv)
    settings = Settings()
    if problem := settings.db_path_problem():
        print(problem, file=sys.stderr)
        return 2
    if name == "serve":
        from shared.service import run as run_service

        run_service(settings)
        return 0
    return _sandbox_command(settings, argv)


def _sandbox_command(settings: Settings, argv: list[str]) -> int:
    from shared.sandbox.persistence import world_path

    parser = argparse.ArgumentParser(
        prog=f"{PROG} sandbox",
        description=(
            "Run the TapTalent Partner API sandbox. Its data is kept beside the database "
            "(TT_DB_PATH), shared with `tt` commands and `tt serve`."
        ),
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=7, help="which sample data (default 7)")
    parser.add_argument(
        "--dialect",
        choices=DIALECTS,
        default="seed",
        help="answer shapes: seed (exactly as TapTalent's documents show them; default), "
        "tt (tt's earlier shapes) or mixed (any documented variant, per answer)",
    )
    parser.add_argument(
        "--webhook-url",
        default=None,
        help="where to deliver webhooks, e.g. http://127.0.0.1:3000/webhooks/taptalent",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="forget every change (moves, rescores, pushes to the ATS, ...) in every "
        "emulator and exit: the next start is fresh",
    )
    parser.add_argument(
        "--in-memory", action="store_true", help="keep nothing: this run's changes end with it"
    )
    opts = parser.parse_args(argv)
    world = world_path(settings.data_folder, opts.seed)
    if opts.reset:
        from shared.cli.reset import reset_emulators

        print(reset_emulators(settings, opts.seed))
        return 0
    from shared.sandbox.server import run as run_sandbox

    run_sandbox(
        host=opts.host,
        port=opts.port,
        seed=opts.seed,
        webhook_url=opts.webhook_url,
        dialect=opts.dialect,
        world=None if opts.in_memory else world,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
