"""The InstaView and Talynce keys go into the Authorization header and nowhere else."""

from __future__ import annotations

import logging

import httpx
import pytest

from shared.apiclient.errors import ClientError
from shared.instaview import InstaViewClient, RetryPolicy
from shared.talynce import TalynceClient
from tests.secrets_guard import register_secret

KEY = "sk_live_Zq8Rt3Wm6Yp1Lk4Hs7Dv"
CLIENTS = [
    (InstaViewClient, "INSTAVIEW_API_KEY", "/agents"),
    (TalynceClient, "TALYNCE_API_KEY", "/candidates"),
]


@pytest.mark.parametrize(("cls", "setting", "path"), CLIENTS)
def test_a_key_is_required_and_never_shown(cls, setting, path):
    with pytest.raises(ValueError, match=setting):
        cls(api_key="  ")
    client = cls(api_key=KEY)
    assert KEY not in repr(client) and "key=***" in repr(client)
    assert KEY not in repr(vars(client))


@pytest.mark.parametrize(("cls", "setting", "path"), CLIENTS)
async def test_errors_that_echo_the_key_are_scrubbed(cls, setting, path, caplog):
    register_secret(KEY, "connector test key")

    def echo(request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == f"Bearer {KEY}"
        echoed = request.headers["Authorization"]
        body = {"error": {"code": "E", "message": f"bad {echoed}", "details": {"auth": echoed}}}
        return httpx.Response(400, json=body)

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"refused {request.headers['Authorization']}")

    failures: list[ClientError] = []
    with caplog.at_level(logging.DEBUG):
        for handler in (echo, refuse):
            async with cls(
                api_key=KEY,
                transport=httpx.MockTransport(handler),
                retry=RetryPolicy.never(),
            ) as client:
                with pytest.raises(ClientError) as info:
                    await _get(client, path)
                failures.append(info.value)
    for error in failures:
        assert KEY not in str(error) and KEY not in repr(getattr(error, "body", None))
    assert "***" in str(failures[0]) and "***" in str(failures[1])
    assert KEY not in caplog.text


async def _get(client, path: str):
    if isinstance(client, InstaViewClient):
        return await client.request("GET", path, idempotent=True)
    return await client.call("GET", path, idempotent=True)
