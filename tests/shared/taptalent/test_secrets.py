"""The API key goes into the Authorization header and nowhere else."""

from __future__ import annotations

import logging
import traceback

import httpx
import pytest

from shared.taptalent import RetryPolicy, TapTalentClient
from shared.taptalent.errors import TapTalentError


def test_repr_shows_no_key_characters(api_key):
    client = TapTalentClient(api_key=api_key, base_url="https://api.example/v1/partner")
    text = repr(client)
    assert text == "TapTalentClient(base_url='https://api.example/v1/partner', key=***)"
    assert api_key[-4:] not in text and "sk_" not in text
    assert api_key not in str(client)
    assert api_key not in repr(vars(client))


def test_a_key_is_required():
    with pytest.raises(ValueError, match="TAPTALENT_API_KEY"):
        TapTalentClient(api_key="")


async def test_key_never_logged_or_shown_in_errors(make_client, api_key, caplog):
    statuses = iter([200, 400, 401, 402, 403, 404, 429, 500, 503, 200] * 3)

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == f"Bearer {api_key}"
        status = next(statuses, 200)
        if status == 200:
            return httpx.Response(200, json={"id": 1, "title": "T"})
        body = {
            "error": {
                "code": "E",
                "type": "t",
                "message": f"echo {request.headers}",
                "details": {"auth": request.headers["Authorization"]},
            }
        }
        return httpx.Response(status, json=body, headers={"Retry-After": "0"})

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"refused while sending {request.headers['Authorization']}")

    client = make_client(handler, retry=RetryPolicy(max_attempts=2, jitter=False))
    broken = make_client(refuse)
    errors: list[BaseException] = []
    with caplog.at_level(logging.DEBUG):
        for _ in range(20):
            try:
                await client.jobs.get(1)
            except TapTalentError as exc:
                errors.append(exc)
        with pytest.raises(TapTalentError) as info:
            await broken.jobs.list()
        errors.append(info.value)

    assert client.request_count > 20
    assert len(errors) > 5
    assert caplog.records, "requests are logged at DEBUG"
    shown = [caplog.text, repr(client), repr(broken)]
    for error in errors:
        shown += [str(error), repr(error), "".join(traceback.format_exception(error))]
        shown.append(str(getattr(error, "details", "")))
        shown.append(str(getattr(error, "body", "")))
        request = getattr(error, "request", None)
        if request is not None:
            shown += [str(request), repr(request), repr(request.headers)]
    for text in shown:
        assert api_key not in text
        assert api_key.removeprefix("sk_test_") not in text
