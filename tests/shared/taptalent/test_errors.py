"""Error statuses become one exception hierarchy, each with a message that says what to fix."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from shared.taptalent import RetryPolicy
from shared.taptalent.errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    InsufficientCreditsError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RequestLimitError,
    ServerError,
    TapTalentError,
)


def envelope(code: str, etype: str, message: str, details: Any = None, **extra: Any) -> dict:
    return {"error": {"code": code, "type": etype, "message": message, "details": details, **extra}}


def answering(status: int, body: Any = None, *, text: str | None = None, **headers: str):
    def handler(request: httpx.Request) -> httpx.Response:
        if text is not None:
            return httpx.Response(status, text=text, headers=headers)
        return httpx.Response(status, json=body, headers=headers)

    return handler


async def fail(make_client, handler) -> TapTalentError:
    client = make_client(handler, retry=RetryPolicy.never())
    with pytest.raises(TapTalentError) as info:
        await client.jobs.get(42)
    return info.value


async def fail_with_status(make_client, handler) -> APIStatusError:
    """`fail` for an answer with an HTTP error status: the error carries what TapTalent said."""
    error = await fail(make_client, handler)
    assert isinstance(error, APIStatusError)
    return error


@pytest.mark.parametrize(
    ("status", "code", "etype", "cls"),
    [
        (400, "INVALID_REQUEST", "validation_error", InvalidRequestError),
        (401, "UNAUTHORIZED", "authentication_error", AuthenticationError),
        (402, "INSUFFICIENT_CREDITS", "payment_required", InsufficientCreditsError),
        (403, "FORBIDDEN", "permission_error", PermissionDeniedError),
        (403, "ACCOUNT_INACTIVE", "permission_error", PermissionDeniedError),
        (404, "NOT_FOUND", "not_found_error", NotFoundError),
        (429, "RATE_LIMITED", "rate_limit_error", RateLimitError),
        (500, "INTERNAL_ERROR", "api_error", ServerError),
        (502, "INTERNAL_ERROR", "api_error", ServerError),
        (503, "INTERNAL_ERROR", "api_error", ServerError),
    ],
)
async def test_each_status_maps_to_its_class(make_client, status, code, etype, cls):
    error = await fail(make_client, answering(status, envelope(code, etype, "Something.")))
    assert type(error) is cls
    assert isinstance(error, APIStatusError)
    assert error.status_code == status
    assert error.code == code
    assert error.type == etype
    assert error.message == "Something."
    assert error.method == "GET" and error.path == "/jobs/42"


async def test_validation_error_names_the_field_to_fix(make_client):
    details = {"perPage": "must be one of 10, 20, 40, 80, 100"}
    body = envelope(
        "INVALID_REQUEST", "validation_error", "One or more fields are invalid.", details
    )
    error = await fail(make_client, answering(400, body))
    assert isinstance(error, InvalidRequestError)
    assert error.details == details
    assert (
        str(error) == "TapTalent rejected the request: perPage: must be one of 10, 20, 40, 80, 100"
    )


async def test_validation_error_without_details_uses_the_message(make_client):
    body = envelope("INVALID_REQUEST", "validation_error", "jobId is required")
    error = await fail_with_status(make_client, answering(400, body))
    assert error.details == {}
    assert str(error) == "TapTalent rejected the request: jobId is required"


async def test_joi_style_detail_lists_become_a_field_map(make_client):
    details = [{"path": ["title"], "message": "too short"}, {"field": "city", "message": "req"}]
    error = await fail_with_status(make_client, answering(400, envelope("X", "y", "bad", details)))
    assert error.details == {"title": "too short", "city": "req"}


@pytest.mark.parametrize(
    "body",
    [
        envelope("INSUFFICIENT_CREDITS", "payment_required", "No credits", creditsAvailable=3),
        envelope("INSUFFICIENT_CREDITS", "payment_required", "No credits", {"creditsAvailable": 3}),
        envelope(
            "INSUFFICIENT_CREDITS", "payment_required", "No credits", {"creditsAvailable": "3"}
        ),
    ],
)
async def test_402_carries_credits_available(make_client, body):
    error = await fail(make_client, answering(402, body))
    assert isinstance(error, InsufficientCreditsError)
    assert error.credits_available == 3
    assert "3 available" in str(error)
    assert "Add credits" in str(error)


async def test_402_without_a_balance(make_client):
    error = await fail(make_client, answering(402, envelope("INSUFFICIENT_CREDITS", "p", "None")))
    assert isinstance(error, InsufficientCreditsError)
    assert error.credits_available is None


async def test_429_carries_retry_after(make_client):
    body = envelope("RATE_LIMITED", "rate_limit_error", "Too many requests")
    error = await fail(make_client, answering(429, body, **{"Retry-After": "7"}))
    assert isinstance(error, RateLimitError)
    assert error.retry_after == 7.0
    assert "retry after 7 s" in str(error)


async def test_429_without_retry_after(make_client):
    error = await fail(make_client, answering(429, None))
    assert isinstance(error, RateLimitError)
    assert error.retry_after is None


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, InvalidRequestError),
        (401, AuthenticationError),
        (402, InsufficientCreditsError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (429, RateLimitError),
        (500, ServerError),
        (502, ServerError),
        (504, ServerError),
        (418, APIStatusError),
    ],
)
async def test_non_json_error_bodies_still_map_by_status(make_client, status, cls):
    error = await fail_with_status(make_client, answering(status, text="<html>Bad Gateway</html>"))
    assert type(error) is cls
    assert error.code is None
    assert "Bad Gateway" in str(error)


async def test_empty_error_body_uses_the_reason_phrase(make_client):
    error = await fail(make_client, answering(503, text=""))
    assert isinstance(error, ServerError)
    assert error.message == "Service Unavailable"


async def test_other_json_error_shapes_are_read(make_client):
    error = await fail(make_client, answering(404, {"status": "error", "message": "Job not found"}))
    assert isinstance(error, NotFoundError)
    assert error.message == "Job not found"
    assert "Check the id" in str(error)


async def test_messages_say_what_to_do(make_client):
    auth = await fail(make_client, answering(401, envelope("UNAUTHORIZED", "a", "Invalid API key")))
    assert "TAPTALENT_API_KEY" in str(auth)
    forbidden = await fail(make_client, answering(403, envelope("ACCOUNT_INACTIVE", "p", "Off")))
    assert "ACCOUNT_INACTIVE" in str(forbidden) and "active" in str(forbidden)
    server = await fail(
        make_client, answering(500, envelope("INTERNAL_ERROR", "api_error", "Oops"))
    )
    assert "Try again later" in str(server)


async def test_connection_error(make_client):
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    error = await fail(make_client, refuse)
    assert type(error) is APIConnectionError
    assert "partner-api.test" in str(error)
    assert "Connection refused" in str(error)
    assert error.request is not None and error.request.url.path.endswith("/jobs/42")


@pytest.mark.parametrize(
    "exc", [httpx.ReadTimeout("r"), httpx.ConnectTimeout("c"), httpx.WriteTimeout("w")]
)
async def test_timeouts(make_client, exc):
    def hang(request: httpx.Request) -> httpx.Response:
        raise exc

    error = await fail(make_client, hang)
    assert isinstance(error, APITimeoutError)
    assert isinstance(error, APIConnectionError)
    assert "in time" in str(error)


async def test_success_with_a_non_json_body(make_client):
    error = await fail(make_client, answering(200, text="<html>proxy login</html>"))
    assert isinstance(error, APIResponseValidationError)


async def test_success_with_an_unexpected_shape(make_client):
    error = await fail(make_client, answering(200, {"title": "no id"}))
    assert isinstance(error, APIResponseValidationError)
    assert "Job" in str(error) and "id" in str(error)


def test_request_limit_error_is_also_a_value_error():
    assert issubclass(RequestLimitError, TapTalentError)
    assert issubclass(RequestLimitError, ValueError)


async def test_server_messages_echoing_the_key_are_scrubbed(make_client, api_key):
    body = envelope("UNAUTHORIZED", "a", f"Key {api_key} is revoked", {"key": api_key})
    error = await fail_with_status(make_client, answering(401, body))
    assert api_key not in str(error)
    assert api_key not in repr(error)
    assert api_key not in str(error.details)
    assert api_key not in error.message
