"""Every Kombo error code becomes its own class and a sentence a recruiter can act on;
only the codes Kombo calls safe are retried."""

import httpx
import pytest

from shared.kombo import KomboClient
from shared.kombo import errors as e
from shared.kombo_sandbox import KomboSandbox
from tests.shared.kombo.conftest import BASE, Sleeps, client_for

CODES = [
    ("PLATFORM.RATE_LIMIT_EXCEEDED", 429, e.RateLimitError, "rate limiting", True),
    ("PLATFORM.CONCURRENCY_LIMIT_EXCEEDED", 429, e.ConcurrencyLimitError, "in flight", True),
    (
        "PLATFORM.INTEGRATION_NOT_FOUND",
        404,
        e.IntegrationNotFoundError,
        "KOMBO_INTEGRATION_ID",
        False,
    ),
    ("PLATFORM.INPUT_INVALID", 400, e.InputInvalidError, "did not accept the input", False),
    ("PLATFORM.AUTHENTICATION_INVALID", 401, e.AuthenticationError, "KOMBO_API_KEY", False),
    ("PLATFORM.TASK_TIMED_OUT", 504, e.TaskTimedOutError, "Check the ATS", False),
    ("INTEGRATION.PERMISSION_MISSING", 403, e.PermissionMissingError, "enable 'Reject", False),
    ("INTEGRATION.ACTION_NOT_AVAILABLE", 400, e.ActionNotAvailableError, "does not support", False),
    ("INTEGRATION.ACTION_DISABLED", 403, e.ActionDisabledError, "switched off", False),
    ("INTEGRATION.MODEL_NOT_AVAILABLE", 400, e.ModelNotAvailableError, "does not expose", False),
    ("INTEGRATION.SETUP_SYNC_PENDING", 409, e.SetupSyncPendingError, "first sync", False),
    ("REMOTE.SERVICE_UNAVAILABLE", 503, e.RemoteUnavailableError, "unavailable", True),
    ("REMOTE.RATE_LIMIT_EXCEEDED", 429, e.RemoteRateLimitError, "rate limiting Kombo", True),
    ("REMOTE.INPUT_INVALID", 400, e.RemoteInputInvalidError, "did not accept", False),
    ("ATS.JOB_CLOSED", 400, e.JobClosedError, "closed", False),
    ("ATS.APPLICATION_ALREADY_EXISTS", 409, e.ApplicationExistsError, "already has", False),
]


@pytest.mark.parametrize(("code", "status", "cls", "words", "retried"), CODES)
async def test_every_code(
    kombo_sandbox: KomboSandbox,
    sleeps: Sleeps,
    code: str,
    status: int,
    cls: type[e.KomboAPIError],
    words: str,
    retried: bool,
) -> None:
    app = kombo_sandbox.ats.applications["KA00001"]
    reason = next(iter(kombo_sandbox.ats.reasons))
    for _ in range(4):  # enough for every retry: the error stays
        kombo_sandbox.faults.queue(code, status, path_contains="/reject")
    async with client_for(kombo_sandbox, sleeps) as kombo:
        with pytest.raises(cls) as caught:
            await kombo.applications.reject(app.id, reason)
    assert caught.value.code == code and caught.value.status_code == status
    assert words in str(caught.value)
    rejects = [r for r in kombo_sandbox.requests if r.path.endswith("/reject")]
    assert len(rejects) == (4 if retried else 1)
    assert app.outcome == "PENDING"


async def test_permission_missing_on_reject_names_the_scope(
    kombo_sandbox: KomboSandbox, kombo: KomboClient
) -> None:
    kombo_sandbox.faults.denied.add("reject")
    with pytest.raises(e.PermissionMissingError) as caught:
        await kombo.applications.reject("KA00001", "RR01")
    assert str(caught.value) == (
        "Kombo's scopes for this integration do not allow rejecting: "
        "enable 'Reject applications' in Kombo."
    )


async def test_retry_then_success(kombo_sandbox: KomboSandbox, sleeps: Sleeps) -> None:
    kombo_sandbox.faults.queue("REMOTE.SERVICE_UNAVAILABLE", 503, path_contains="/reject")
    async with client_for(kombo_sandbox, sleeps) as kombo:
        await kombo.applications.reject("KA00001", "RR01")
    assert kombo_sandbox.ats.applications["KA00001"].outcome == "DECLINED"
    assert len(sleeps.waits) == 1


async def test_wrong_key_and_wrong_integration(kombo_sandbox: KomboSandbox) -> None:
    transport = httpx.ASGITransport(app=kombo_sandbox.app)
    async with KomboClient(
        "ks_dev_wrong", kombo_sandbox.integration_id, BASE, transport=transport
    ) as k:
        with pytest.raises(e.AuthenticationError):
            await k.check_api_key()
    async with KomboClient(kombo_sandbox.api_key, "lever:nope", BASE, transport=transport) as k:
        with pytest.raises(e.IntegrationNotFoundError, match="KOMBO_INTEGRATION_ID"):
            [j async for j in k.jobs.iter()]


async def test_unknown_code_and_plain_503_and_error_on_2xx() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/jobs"):
            return httpx.Response(418, json={"status": "error", "error": {"code": "NEW.CODE"}})
        if request.url.path.endswith("/users"):
            return httpx.Response(503, text="down")
        return httpx.Response(
            200, json={"status": "error", "error": {"code": "ATS.JOB_CLOSED", "message": "x"}}
        )

    sleeps = Sleeps()
    async with KomboClient(
        "ks_dev_x", "greenhouse:1", BASE, transport=httpx.MockTransport(handler), sleep=sleeps
    ) as k:
        with pytest.raises(e.KomboAPIError) as unknown:
            [j async for j in k.jobs.iter()]
        assert type(unknown.value) is e.KomboAPIError and "NEW.CODE" in str(unknown.value)
        with pytest.raises(e.RemoteUnavailableError):
            [u async for u in k.users.iter()]
        assert len(sleeps.waits) == 3  # a bare 503 is safe to retry
        with pytest.raises(e.JobClosedError):
            await k.rejection_reasons.list()


async def test_write_timeout_is_not_repeated() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.method)
        raise httpx.ReadTimeout("slow", request=request)

    async with KomboClient(
        "ks_dev_x", "greenhouse:1", BASE, transport=httpx.MockTransport(handler), sleep=Sleeps()
    ) as k:
        with pytest.raises(e.KomboTimeoutError, match="check the ATS"):
            await k.applications.add_note("KA1", "x")
    assert calls == ["POST"]
