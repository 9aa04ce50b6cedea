# Hardening suite (tests/hardening is owned by the hardening work; benchmarks live in bench/).
"""Fuzzing `/tt` commands past the parser: into the use cases, and through Slack.

tests/shared/commands/test_properties.py already shows that no text crashes the parser and
that commands round-trip; this reuses its strategies for what it does not cover: whatever
the parser accepts, running it either answers or raises an `ActionError` (a sentence for
the user), never anything else; and typed into Slack, any text gets a 200 and an answer,
never the "something went wrong" of an unexpected exception.
"""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from shared.actions import ActionError
from shared.actions.dispatch import execute
from shared.commands import CommandError, parse
from shared.store import Origin
from shared.toolkit import Toolkit, open_toolkit
from tests.bot.conftest import Bot
from tests.conftest import make_settings
from tests.hardening.conftest import small_sandbox
from tests.shared.commands.test_properties import TRICKY, command_like, commands

ORIGIN = Origin(kind="cli", user="cli:fuzz")
SANDBOX = small_sandbox(seed=9, jobs=3, candidates_per_job=(10, 30))
JOBS = [str(j) for j in SANDBOX.job_ids]
# Ids of things that exist, so that commands also reach the API and succeed.
REAL = [*JOBS, *(str(jc) for j in SANDBOX.job_ids for jc in SANDBOX.job_candidate_ids(j)[:3])]


class Runner:
    def __init__(self, portal: BlockingPortal, tk: Toolkit) -> None:
        self.portal = portal
        self.tk = tk

    def __repr__(self) -> str:
        return "Runner()"

    def run(self, command: Any) -> Any:
        return self.portal.call(execute, self.tk, command, ORIGIN)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    folder: Path = tmp_path_factory.mktemp("command-fuzz")

    @contextlib.asynccontextmanager
    async def toolkit() -> AsyncIterator[Toolkit]:
        try:
            async with open_toolkit(make_settings(folder), sandbox=SANDBOX) as tk:
                yield tk
        finally:
            await SANDBOX.aclose()

    with start_blocking_portal() as portal, portal.wrap_async_context_manager(toolkit()) as tk:
        yield Runner(portal, tk)


def with_real_ids(text: str, pick: int) -> str:
    """Point `job:` and bare ids at things that exist, part of the time."""
    real = REAL[pick % len(REAL)]
    return text.replace("job:4", f"job:{real}").replace(" 42", f" {real}")


texts = st.one_of(
    command_like,
    commands.map(lambda c: c.to_text()),
    st.tuples(commands.map(lambda c: c.to_text()), st.integers(0, 10**6)).map(
        lambda t: with_real_ids(t[0], t[1])
    ),
    st.sampled_from([f"{verb} job:{j}" for verb in ("top", "job", "rescore") for j in JOBS]),
)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts)
def test_whatever_parses_runs_or_says_why(runner: Runner, text: str):
    try:
        command = parse(text)
    except CommandError:
        event("not a command")
        return
    try:
        runner.run(command)
    except ActionError as error:
        event(f"{command.name}: {type(error).__name__}")
        assert str(error).strip()
    else:
        event(f"{command.name}: answered")


def slack_texts(seed: int, count: int) -> list[str]:
    """Seeded random command texts (the bot fixture is async and per test, so no hypothesis
    here): command words, tricky tokens, ids that exist and ids that do not."""
    rng = random.Random(seed)
    words = ["top", "job", "jobs", "search", "rescore-status", "move", "help", "", "tt"]
    tokens = [*TRICKY, *REAL, "job:", "stage:", "limit:", "min:", "page:", "candidates:"]
    texts = []
    for _ in range(count):
        parts = [rng.choice(words)]
        for _ in range(rng.randint(0, 5)):
            parts.append("".join(rng.choice(tokens) for _ in range(rng.randint(1, 3))))
        texts.append(" ".join(parts))
    return texts


async def test_any_slash_command_text_gets_an_answer_not_an_unexpected_error(bot: Bot):
    texts = [
        *slack_texts(seed=11, count=30),
        "",
        "x" * 5000,
        "top job:" + "9" * 70,
        "move 1 stage:<!channel>",
        "search <@U1> &amp; <!here>",
        "jobs page:99999999999999999999",
    ]
    for text in texts:
        answer = await bot.command(text)
        assert answer.status_code == 200, (text, answer.text)
        assert "Something went wrong" not in answer.text, text
    await bot.service.tracker.run_once()
    sent = json.dumps([c.body for c in bot.slack.calls])
    assert "Something went wrong" not in sent
