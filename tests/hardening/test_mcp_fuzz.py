# Hardening suite (tests/hardening is owned by the hardening work; benchmarks live in bench/).
"""Fuzzing MCP tool arguments through the real `mcp` client (in memory).

Whatever a model sends (wrong types, out-of-range numbers, odd strings for ids, missing or
extra keys), a tool answers: either a normal result or an error result whose message says
what was wrong. Never an exception out of the client, never a crash inside the server: the
SDK reports a crash as a bare "Error executing tool <name>" with no reason, and logs
"raised an unexpected exception", so both are checked.

Hypothesis drives synchronous examples; the client, the server and the toolkit live on an
event loop in a portal thread (anyio's blocking portal), entered once for all examples.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from mcp import Client
from mcp_types import CallToolResult

from mcp_server.server import build_server
from shared.toolkit import Toolkit, open_toolkit
from tests.conftest import make_settings
from tests.hardening.conftest import small_sandbox

TOOLS = (
    "list_jobs",
    "get_job",
    "top_candidates",
    "search_candidates",
    "get_job_candidate",
    "rescore_candidates",
    "get_rescore_status",
    "move_candidate_stage",
)
ARGUMENTS = {
    "list_jobs": ("status", "page", "per_page"),
    "get_job": ("job_id", "detail"),
    "top_candidates": (
        "job_id",
        "limit",
        "offset",
        "min_score",
        "stage",
        "include_rejected",
        "detail",
    ),
    "search_candidates": ("text", "job_id", "min_score", "limit"),
    "get_job_candidate": ("job_candidate_id", "detail"),
    "rescore_candidates": ("job_id", "stage", "job_candidate_ids"),
    "get_rescore_status": ("rescore_id", "wait_seconds"),
    "move_candidate_stage": ("job_candidate_id", "stage"),
}
CRASH_LOG = "raised an unexpected exception"

# Strings a model (or a prompt injection) might put where an id or a name goes.
odd_strings = st.sampled_from(
    [
        "",
        " ",
        ".",
        "..",
        "../jobs",
        "%2e%2e",
        "4201/../4202",
        "4201?x=1",
        "4201#",
        "\x00",
        "\ud800",
        "é",
        "4201\n",
        "-1",
        "1e309",
        "NaN",
        "SCREEN",
        "x" * 5000,
        "<!channel>",
        "rescore_4201_1",
    ]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    odd_strings,
)
values = st.one_of(
    scalars,
    st.lists(scalars, max_size=4),
    st.dictionaries(st.text(max_size=5), scalars, max_size=3),
)


SANDBOX = small_sandbox(seed=5, jobs=3, candidates_per_job=(20, 40))
JOB_IDS = SANDBOX.job_ids
JC_IDS = [jc for job in JOB_IDS for jc in SANDBOX.job_candidate_ids(job)[:5]]

# Arguments of the right JSON type with edge values, so most calls reach the tool's body.
ids = st.one_of(
    st.sampled_from(JOB_IDS + JC_IDS),
    st.sampled_from(JOB_IDS + JC_IDS).map(str),
    st.integers(-(2**70), 2**70),
    st.text(max_size=20),
    odd_strings,
)
stages = st.one_of(
    st.none(),
    st.sampled_from(["SCREEN", "Applied", "HIRED", "REJECTED", "", "x" * 101, "1", "-1"]),
    st.text(max_size=20),
    odd_strings,
)
scores = st.one_of(st.none(), st.floats(-10, 110), st.integers(-5, 105))
optional_args: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "list_jobs": {
        "status": st.one_of(st.none(), st.sampled_from(["ACTIVE", "DRAFT", ""]), st.text()),
        "page": st.integers(-1, 1001),
        "per_page": st.sampled_from([10, 20, 40, 80, 100, 0, 7, 1000]),
    },
    "get_job": {"detail": st.booleans()},
    "top_candidates": {
        "limit": st.integers(-1, 60),
        "offset": st.integers(-1, 10_001),
        "min_score": scores,
        "stage": stages,
        "include_rejected": st.booleans(),
        "detail": st.booleans(),
    },
    "search_candidates": {"job_id": st.one_of(st.none(), ids), "min_score": scores},
    "get_job_candidate": {"detail": st.booleans()},
    "rescore_candidates": {
        "stage": stages,
        "job_candidate_ids": st.one_of(st.none(), st.lists(ids, max_size=4)),
    },
    "get_rescore_status": {},
    "move_candidate_stage": {},
}
required_args: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "list_jobs": {},
    "get_job": {"job_id": ids},
    "top_candidates": {"job_id": ids},
    "search_candidates": {"text": st.one_of(st.text(max_size=210), odd_strings)},
    "get_job_candidate": {"job_candidate_id": ids},
    "rescore_candidates": {"job_id": ids},
    "get_rescore_status": {
        "rescore_id": st.one_of(st.text(max_size=110), odd_strings, st.just("rescore_4201_1"))
    },
    "move_candidate_stage": {"job_candidate_id": ids, "stage": stages},
}
typed_calls = st.sampled_from(TOOLS).flatmap(
    lambda tool: st.tuples(
        st.just(tool),
        st.fixed_dictionaries(required_args[tool], optional=optional_args[tool]),
    )
)


@st.composite
def loose_calls(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """Any JSON value for any subset of a tool's arguments, plus unknown keys."""
    tool = draw(st.sampled_from(TOOLS))
    names = ARGUMENTS[tool]
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    args = {name: draw(values) for name in chosen}
    if draw(st.booleans()):
        args[draw(st.sampled_from(["extra", "jobId", "__proto__", ""]))] = draw(values)
    if tool == "get_rescore_status" and "wait_seconds" in args:
        args["wait_seconds"] = 0  # waiting is bounded by design; it would only slow this down
    return tool, args


calls = st.one_of(typed_calls, typed_calls, typed_calls, loose_calls())


class Harness:
    def __init__(self, portal: BlockingPortal, client: Client, tk: Toolkit) -> None:
        self.portal = portal
        self.client = client
        self.tk = tk

    def __repr__(self) -> str:  # hypothesis prints the arguments of a failing example
        return "Harness()"

    def call(self, tool: str, args: dict[str, Any]) -> CallToolResult:
        return self.portal.call(self.client.call_tool, tool, args)


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    folder: Path = tmp_path_factory.mktemp("mcp-fuzz")
    sandbox = SANDBOX

    @contextlib.asynccontextmanager
    async def everything() -> AsyncIterator[tuple[Client, Toolkit]]:
        try:
            async with open_toolkit(make_settings(folder), sandbox=sandbox) as tk:

                @contextlib.asynccontextmanager
                async def lend() -> AsyncIterator[Toolkit]:
                    yield tk

                async with Client(build_server(lend)) as client:
                    yield client, tk
        finally:
            await sandbox.aclose()

    with (
        start_blocking_portal() as portal,
        portal.wrap_async_context_manager(everything()) as (client, tk),
    ):
        yield Harness(portal, client, tk)


def check_answer(tool: str, result: CallToolResult) -> None:
    text = " ".join(getattr(block, "text", "") for block in result.content)
    if result.is_error:
        reason = text.removeprefix(f"Error executing tool {tool}").lstrip(": ")
        assert reason, f"{tool} crashed (no reason given): {text!r}"
        assert "Traceback" not in text
    else:
        assert result.structured_content is not None, text


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(calls)
@example(("get_job", {"job_id": ""}))
@example(("get_job", {"job_id": "."}))
@example(("top_candidates", {"job_id": "\ud800"}))
@example(("get_job_candidate", {"job_candidate_id": ".."}))
@example(("get_rescore_status", {"rescore_id": "."}))
@example(("move_candidate_stage", {"job_candidate_id": "\ud800", "stage": "SCREEN"}))
@example(("rescore_candidates", {"job_id": 4201, "job_candidate_ids": ["\ud800"]}))
@example(("search_candidates", {"text": "\ud800"}))
@example(("top_candidates", {"job_id": 4201, "stage": "\ud800"}))
@example(("list_jobs", {"status": "\ud800"}))
def test_any_arguments_get_a_result_or_an_error_that_says_why(
    harness: Harness, caplog: pytest.LogCaptureFixture, call: tuple[str, dict[str, Any]]
):
    tool, args = call
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="mcp"):
        result = harness.call(tool, args)
    check_answer(tool, result)
    text = " ".join(getattr(block, "text", "") for block in result.content)
    event("schema error" if "validation error" in text else ("error" if result.is_error else "ok"))
    crashes = [r for r in caplog.records if CRASH_LOG in r.getMessage()]
    assert not crashes, f"{tool} crashed inside the server"


def test_valid_but_unknown_ids_get_guidance(harness: Harness):
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("get_job", {"job_id": 999_999}, "list_jobs"),
        ("top_candidates", {"job_id": "999999"}, "list_jobs"),  # ids may come as strings
        ("get_job_candidate", {"job_candidate_id": 999_999_999}, "top_candidates"),
        ("move_candidate_stage", {"job_candidate_id": 999_999_999, "stage": "SCREEN"}, "top_"),
        ("get_rescore_status", {"rescore_id": "rescore_1_1"}, "rescore_candidates"),
        ("rescore_candidates", {"job_id": 999_999}, "list_jobs"),
    ]
    for tool, args, guidance in cases:
        result = harness.call(tool, args)
        text = " ".join(getattr(block, "text", "") for block in result.content)
        assert result.is_error and "not found" in text and guidance in text, (tool, text)


def test_the_server_still_answers_after_the_fuzzing(harness: Harness):
    result = harness.call("list_jobs", {})
    assert not result.is_error and result.structured_content
    assert result.structured_content["jobs"]
