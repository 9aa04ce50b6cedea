"""Everything the InstaView client can raise.

InstaViewError
├── APIConnectionError          no answer (└── APITimeoutError)
├── APIStatusError              InstaView answered with an error status
│   ├── InvalidRequestError         400/422 (``details``: field -> message)
│   ├── AuthenticationError         401
│   ├── PermissionDeniedError       403 (a scope the key lacks)
│   ├── NotFoundError               404
│   ├── RateLimitError              429 (``retry_after``, ``limit``, ``remaining``)
│   └── ServerError                 5xx
├── APIResponseValidationError  a 2xx answer tt could not read
├── InstaViewValidationError    the seed's rules, checked before sending (also ValueError)
└── SignatureError              a webhook whose signature is missing or wrong
"""

from __future__ import annotations

from typing import Any

import httpx

from shared.apiclient.errors import (
    BadResponse,
    ClientError,
    ConnectionFailed,
    FieldProblems,
    StatusError,
    TimedOut,
    body_or_none,
    details_dict,
    request_method,
    scrub_value,
)


class InstaViewError(ClientError):
    system = "InstaView"


class APIConnectionError(InstaViewError, ConnectionFailed):
    """InstaView could not be reached."""


class APITimeoutError(APIConnectionError, TimedOut):
    """InstaView did not answer in time."""


class APIResponseValidationError(InstaViewError, BadResponse):
    """InstaView answered 2xx with something tt cannot read."""


class InstaViewValidationError(InstaViewError, FieldProblems):
    """A request that breaks InstaView's documented rules; nothing was sent."""


class SignatureError(InstaViewError):
    """A webhook delivery whose signature is missing, malformed or does not match."""


class APIStatusError(InstaViewError, StatusError):
    """InstaView answered with an error status."""


class InvalidRequestError(APIStatusError):
    default_status = 400

    def _explain(self) -> str:
        return f"InstaView rejected the request: {self.details_text() or self.sentence()}"


class AuthenticationError(APIStatusError):
    default_status = 401

    def _explain(self) -> str:
        return (
            f"InstaView did not accept the API key ({self.sentence().rstrip('.')}). "
            "Check INSTAVIEW_API_KEY: keys start with sk_ and come from InstaView's settings."
        )


class PermissionDeniedError(APIStatusError):
    default_status = 403

    def _explain(self) -> str:
        return (
            f"InstaView refused{self.where('')}: {self.sentence()} "
            "The API key may lack the scope this needs (for example write:interviews)."
        )


class NotFoundError(APIStatusError):
    default_status = 404

    def _explain(self) -> str:
        return (
            f"InstaView found nothing{self.where('at')}: {self.sentence()} "
            "Check the id; it may belong to another company."
        )


class RateLimitError(APIStatusError):
    """429. ``retry_after`` in seconds; ``limit`` and ``remaining`` as InstaView sent them."""

    default_status = 429

    def __init__(
        self,
        message: str = "",
        *,
        retry_after: float | None = None,
        limit: int | None = None,
        remaining: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.retry_after = retry_after
        self.limit = limit
        self.remaining = remaining
        super().__init__(message, **kwargs)

    def _explain(self) -> str:
        quota = f" (limit {self.limit})" if self.limit is not None else ""
        wait = (
            f"retry after {self.retry_after:g} s" if self.retry_after is not None else "slow down"
        )
        return f"InstaView is rate limiting requests{quota}: {self.sentence()} {wait.capitalize()}."


class ServerError(APIStatusError):
    default_status = 500

    def _explain(self) -> str:
        return (
            f"InstaView had a server error ({self.status_code}){self.where('on')}: "
            f"{self.sentence()} Try again later."
        )


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: InvalidRequestError,
    429: RateLimitError,
}


class InstaViewErrors:
    """The `ErrorFactory` of the InstaView client."""

    def status_error(
        self, response: httpx.Response, *, path: str, retry_after: float | None, secret: str
    ) -> APIStatusError:
        """Read ``{success: false, error: {code, message, details}}`` or the flat
        ``{statusCode, message, retryAfter, limit, remaining}`` of a 429."""
        status = response.status_code
        body = scrub_value(body_or_none(response), secret)
        error: dict[str, Any] = {}
        if isinstance(body, dict):
            inner = body.get("error")
            error = inner if isinstance(inner, dict) else body
            if isinstance(inner, str):
                error = {**body, "message": inner}
        message = error.get("message")
        if isinstance(message, list):  # NestJS sends a list of messages for 400s
            message = "; ".join(str(part) for part in message)
        if not isinstance(message, str) or not message:
            message = response.reason_phrase or f"HTTP {status}"
        cls = _BY_STATUS.get(status, ServerError if status >= 500 else APIStatusError)
        kwargs: dict[str, Any] = {
            "status_code": status,
            "code": str(error["code"]) if error.get("code") is not None else None,
            "details": details_dict(error.get("details")),
            "method": request_method(response),
            "path": path,
            "response": response,
            "body": body,
        }
        if cls is RateLimitError:
            if retry_after is None:
                retry_after = _number(error.get("retryAfter"))
            return RateLimitError(
                message,
                retry_after=retry_after,
                limit=_int(error.get("limit")),
                remaining=_int(error.get("remaining")),
                **kwargs,
            )
        return cls(message, **kwargs)

    def connection_error(
        self, message: str, *, request: httpx.Request | None, timeout: bool
    ) -> APIConnectionError:
        cls = APITimeoutError if timeout else APIConnectionError
        return cls(message, request=request)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None else None
