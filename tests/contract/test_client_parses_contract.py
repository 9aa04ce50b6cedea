"""Every answer the contract allows reaches the client's parsers through the real client:
it parses, or fails with a typed error that reads as a sentence (never a pydantic dump);
a page of records always parses.

Answers are generated from the document's response schemas with hypothesis-jsonschema and
served by an `httpx.MockTransport`: no server can produce arbitrary schema-valid bodies.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from shared.doctor import contract
from shared.taptalent import RetryPolicy, TapTalentClient
from shared.taptalent.errors import TapTalentError
from tests.contract.calls import CALLS, Ids

KEY = "sk_test_" + "A" * 22
EXAMPLES = 12
MAX_ITEMS = 3
# Marks of a validation dump or a traceback leaking to users.
_DUMP = re.compile(
    r"validation errors? for|input_value=|input_type=|\[type=|errors\.pydantic\.dev|"
    r"Field required|Input should be|Unable to parse|"
    r"Traceback|\{'|KeyError|TypeError|AttributeError"
)


# Answers that list records: an odd record (a null title, an epoch date, a numeric phone)
# is tolerated or skipped, and never fails the whole page.
PAGES = {
    "listJobs",
    "listJobCandidates",
    "bulkFetchJobCandidates",
    "listCandidates",
    "bulkFetchCandidates",
    "getBatchCandidates",
    "listCandidatesByStageType",
    "listCandidatesByStageId",
    "getRescoreCandidates",
    "listAssessments",
    "listAssessmentCandidates",
    "listAssessmentFlows",
}


def _success_answers() -> list[tuple[str, int]]:
    pairs: list[tuple[str, int]] = []
    for op in sorted(CALLS):
        _, _, operation = contract.operations()[op]
        pairs += [(op, int(s)) for s in operation["responses"] if s.startswith("2")]
    return pairs


def closed(schema: Any) -> Any:
    """The schema with no extra keys in objects that list their properties, and lists of
    at most 3 items.

    Extra keys are allowed on the wire, and the client ignores them; generating random
    ones, or long lists, only slows the search for the interesting variants.
    """
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: closed(v) for k, v in schema.items() if not k.startswith("x-")}
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    if out.get("type") == "array" or "items" in out:
        out["maxItems"] = min(out.get("maxItems", MAX_ITEMS), MAX_ITEMS)
        out["minItems"] = min(out.get("minItems", 0), MAX_ITEMS)
    return out


def answers(operation_id: str, status: int) -> st.SearchStrategy[Any]:
    return from_schema(closed(contract.response_schema(operation_id, status)))


def serve(status: int, body: Any) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            status, content=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )

    return httpx.MockTransport(handler)


async def call_with(status: int, body: Any, operation_id: str) -> Any:
    client = TapTalentClient(
        api_key=KEY,
        base_url="http://tt.test/v1/partner",
        transport=serve(status, body),
        retry=RetryPolicy(max_attempts=1),
    )
    async with client:
        return await CALLS[operation_id](client, Ids())


def assert_reads_as_sentence(error: BaseException) -> None:
    text = str(error)
    assert isinstance(error, TapTalentError), f"untyped {type(error).__name__}: {text}"
    assert text and text[0].isupper(), f"not a sentence: {text!r}"
    assert not _DUMP.search(text), f"a dump reached the message: {text!r}"
    assert len(text) < 700, f"too long to read: {text!r}"


@pytest.mark.parametrize(("operation_id", "status"), _success_answers())
def test_every_documented_answer_parses_or_reads_as_a_sentence(
    operation_id: str, status: int
) -> None:
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        # No shrinking: it multiplies the cost of a failure, and the first failing body
        # with its message says enough.
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(body=answers(operation_id, status))
    def check(body: Any) -> None:
        try:
            asyncio.run(call_with(status, body, operation_id))
        except TapTalentError as exc:
            assert operation_id not in PAGES, f"a documented page failed as a whole: {exc}"
            assert_reads_as_sentence(exc)

    check()
