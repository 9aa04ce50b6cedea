"""Any JSON sent to the InstaView or Talynce emulator gets a 2xx or a 400 that names
fields, never a 500; the shared rules never raise."""

from __future__ import annotations

from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shared.instaview import rules as instaview_rules
from shared.instaview_sandbox import InstaViewSandbox
from shared.talynce import rules as talynce_rules
from shared.talynce_sandbox import TalynceSandbox

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
INSTAVIEW_KEYS = sorted(instaview_rules.CANDIDATE_FIELDS)
TALYNCE_KEYS = sorted(talynce_rules.CANDIDATE_FIELDS)


def bodies(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(st.sampled_from(keys) | st.text(max_size=10), json_values, max_size=8)


FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(body=bodies(INSTAVIEW_KEYS))
def test_the_rules_describe_problems_and_never_raise(body):
    for problems in (
        instaview_rules.candidate_problems(body),
        instaview_rules.interview_problems(body),
        talynce_rules.candidate_problems(body, creating=True),
        talynce_rules.candidate_problems(body, creating=False),
    ):
        assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in problems.items())


@FUZZ
@given(instaview=bodies(INSTAVIEW_KEYS), talynce=bodies(TALYNCE_KEYS))
async def test_the_emulators_answer_any_json_without_a_500(instaview, talynce):
    iv, ty = InstaViewSandbox(), TalynceSandbox()
    try:
        for app, path, key, body in (
            (iv.app, "/v1/public/candidates", iv.api_key, instaview),
            (iv.app, "/v1/public/interviews", iv.api_key, instaview),
            (ty.app, "/api/v1/candidates", ty.api_key, talynce),
        ):
            async with httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://emulator"
            ) as http:
                answer = await http.post(
                    path, json=body, headers={"Authorization": f"Bearer {key}"}
                )
            assert answer.status_code in (200, 201, 400, 404), (path, answer.text)
            if answer.status_code == 400:
                error = answer.json()["error"]
                assert error["details"], error
    finally:
        await iv.aclose()


async def test_a_body_nested_beyond_the_parser_is_a_400():
    iv, ty = InstaViewSandbox(), TalynceSandbox()
    deep = b"[" * 100_000 + b"]" * 100_000
    for app, path, key in (
        (iv.app, "/v1/public/candidates", iv.api_key),
        (ty.app, "/api/v1/candidates", ty.api_key),
    ):
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://emulator"
        ) as http:
            answer = await http.post(path, content=deep, headers={"Authorization": f"Bearer {key}"})
        assert answer.status_code == 400
    await iv.aclose()
