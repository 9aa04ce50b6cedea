"""One exception hierarchy for everything the TapTalent client can raise.

    TapTalentError
    ├── APIConnectionError          the request may never have reached TapTalent
    │   └── APITimeoutError
    ├── APIStatusError              TapTalent answered with an error status
    │   ├── InvalidRequestError         400 (``details`` maps field -> message)
    │   ├── AuthenticationError         401
    │   ├── InsufficientCreditsError    402 (``credits_available``)
    │   ├── PermissionDeniedError       403
    │   ├── NotFoundError               404
    │   ├── RateLimitError              429 (``retry_after`` seconds)
    │   └── ServerError                 5xx
    ├── APIResponseValidationError  a 2xx answer tt could not read
    └── RequestLimitError           a documented limit, checked before sending (also ValueError)

``str(error)`` is a sentence saying what went wrong and what to fix. It never contains the
API key: messages echoed by the server are scrubbed of it before they get here.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

import httpx

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "InsufficientCreditsError",
    "InvalidRequestError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RequestLimitError",
    "ServerError",
    "TapTalentError",
    "status_error_from_response",
]


class TapTalentError(Exception):
    """Base class of every error raised by `shared.taptalent`."""

    #: Results of the requests that did succeed before this error, in calls that send several
    #: (e.g. the `RescoreStarted` of earlier chunks of `rescores.start`). Empty otherwise.
    partial_results: tuple[Any, ...] = ()


class RequestLimitError(TapTalentError, ValueError):
    """A documented limit (perPage values, id counts, URL counts) that a call would break.

    Raised before anything is sent, so nothing changed on TapTalent's side.
    """


class APIConnectionError(TapTalentError):
    """No answer from TapTalent: DNS, refused connection, reset, TLS, ..."""

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.request = request


class APITimeoutError(APIConnectionError):
    """TapTalent did not answer in time."""


class APIResponseValidationError(TapTalentError):
    """TapTalent answered 2xx with a body tt cannot read (not JSON, or an unexpected shape)."""

    def __init__(self, message: str, *, response: httpx.Response | None = None) -> None:
        super().__init__(message)
        self.response = response


class APIStatusError(TapTalentError):
    """TapTalent answered with an error status.

    Attributes: ``status_code``, ``code`` (e.g. ``INVALID_REQUEST``), ``type``
    (e.g. ``validation_error``), ``message`` (the server's own wording), ``details``
    (always a dict, field -> message for validation errors), ``method`` and ``path``.
    ``str(error)`` is tt's explanation of what to do about it.
    """

    #: The status this class stands for, used when an instance is built by hand (tests).
    default_status: ClassVar[int] = 0

    def __init__(
        self,
        message: str = "",
        *,
        status_code: int | None = None,
        code: str | None = None,
        type: str | None = None,
        details: dict[str, Any] | None = None,
        method: str = "",
        path: str = "",
        response: httpx.Response | None = None,
        body: Any = None,
    ) -> None:
        self.status_code = status_code if status_code is not None else self.default_status
        self.code = code
        self.type = type
        self.message = message
        self.details = dict(details or {})
        self.method = method
        self.path = path
        self.response = response
        self.body = body
        super().__init__(self._explain())

    def _where(self, prefix: str) -> str:
        """`` to GET /jobs/42`` (with ``prefix`` "to"), or nothing when unknown."""
        target = f"{self.method} {self.path}".strip()
        return f" {prefix} {target}" if target else ""

    def _explain(self) -> str:
        label = f"{self.status_code} {self.code}" if self.code else str(self.status_code)
        return f"TapTalent answered {label}{self._where('to')}: {self.message}"

    def _sentence(self) -> str:
        """The server's message as one sentence ending in a full stop."""
        text = self.message.strip()
        return text if text.endswith((".", "!", "?")) else f"{text}."

    def _details_text(self) -> str:
        return "; ".join(f"{field}: {text}" for field, text in self.details.items())


class InvalidRequestError(APIStatusError):
    """400: a field TapTalent does not accept; ``details`` names it."""

    default_status = 400

    def _explain(self) -> str:
        return f"TapTalent rejected the request: {self._details_text() or self.message}"


class AuthenticationError(APIStatusError):
    """401: the API key is missing, malformed or revoked."""

    default_status = 401

    def _explain(self) -> str:
        return (
            f"TapTalent did not accept the API key ({self.message.rstrip('.')}). "
            "Check TAPTALENT_API_KEY: "
            "keys look like sk_live_… or sk_test_… followed by 22 letters and digits."
        )


class InsufficientCreditsError(APIStatusError):
    """402: no scoring credits left. ``credits_available`` is the balance, when sent."""

    default_status = 402

    def __init__(
        self, message: str = "", *, credits_available: int | None = None, **kwargs: Any
    ) -> None:
        self.credits_available = credits_available
        super().__init__(message, **kwargs)

    def _explain(self) -> str:
        balance = (
            f" ({self.credits_available} available)" if self.credits_available is not None else ""
        )
        return (
            f"TapTalent has not enough scoring credits{balance}: {self._sentence()} "
            "Add credits in the TapTalent dashboard or rescore fewer candidates."
        )


class PermissionDeniedError(APIStatusError):
    """403: ``FORBIDDEN`` or ``ACCOUNT_INACTIVE``."""

    default_status = 403

    def _explain(self) -> str:
        return (
            f"TapTalent refused access ({self.code or 'FORBIDDEN'}): {self._sentence()} "
            "Check that the account's subscription is active and the key belongs to this company."
        )


class NotFoundError(APIStatusError):
    """404: the job, candidate, stage or rescore does not exist for this company."""

    default_status = 404

    def _explain(self) -> str:
        return (
            f"TapTalent found nothing{self._where('at')}: {self._sentence()} "
            "Check the id (it may belong to another company or have been deleted)."
        )


class RateLimitError(APIStatusError):
    """429: too many requests. ``retry_after`` is the wait TapTalent asked for, in seconds."""

    default_status = 429

    def __init__(
        self, message: str = "", *, retry_after: float | None = None, **kwargs: Any
    ) -> None:
        self.retry_after = retry_after
        super().__init__(message, **kwargs)

    def _explain(self) -> str:
        wait = (
            f"retry after {self.retry_after:g} s" if self.retry_after is not None else "slow down"
        )
        return f"TapTalent is rate limiting requests ({self.message.rstrip('.')}); {wait}."


class ServerError(APIStatusError):
    """5xx: TapTalent failed. Safe to retry reads; writes may or may not have happened."""

    default_status = 500

    def _explain(self) -> str:
        # TapTalent was reached and answered: say so, so nobody checks their network.
        return (
            f"TapTalent answered {self.status_code}"
            f"{' ' + self.code if self.code else ''}{self._where('to')}: "
            f"{self._sentence()} TapTalent was reached but failed. Try again later."
        )


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    402: InsufficientCreditsError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: InvalidRequestError,
    429: RateLimitError,
}


def _normalise_details(raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    if isinstance(raw, dict):
        return dict(raw)
    if isinstance(raw, list):  # Joi-style [{path, message}] or plain strings
        out: dict[str, Any] = {}
        for index, item in enumerate(raw):
            if isinstance(item, dict):
                field = item.get("field") or item.get("path") or item.get("key") or str(index)
                if isinstance(field, list):
                    field = ".".join(str(part) for part in field)
                out[str(field)] = item.get("message", item)
            else:
                out[str(index)] = item
        return out
    return {"detail": raw}


def _to_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(float(value))
        except ValueError:
            return None
    return None


def _scrub(value: Any, secret: str) -> Any:
    if not secret:
        return value
    if isinstance(value, str):
        return value.replace(secret, "***")
    if isinstance(value, dict):
        return {_scrub(k, secret): _scrub(v, secret) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, secret) for v in value]
    return value


def status_error_from_response(
    response: httpx.Response,
    *,
    path: str,
    retry_after: float | None = None,
    secret: str = "",
) -> APIStatusError:
    """Build the right `APIStatusError` subclass from an error response.

    Reads the documented envelope ``{"error": {code, type, message, details}}``; tolerates
    other JSON shapes and non-JSON bodies (the status alone then picks the class).
    """
    status = response.status_code
    body: Any = None
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
        body = None
    envelope: dict[str, Any] = {}
    if isinstance(body, dict):
        inner = body.get("error")
        if isinstance(inner, dict):
            envelope = inner
        else:
            envelope = {k: body.get(k) for k in ("code", "type", "message", "details") if k in body}
            if isinstance(inner, str) and "message" not in envelope:
                envelope["message"] = inner
    message = envelope.get("message")
    if not isinstance(message, str) or not message:
        text = "" if body is not None else response.text.strip()
        message = text[:200] if text else (response.reason_phrase or f"HTTP {status}")
    details = _normalise_details(envelope.get("details"))
    code = envelope.get("code")
    etype = envelope.get("type")

    cls: type[APIStatusError]
    if status in _BY_STATUS:
        cls = _BY_STATUS[status]
    elif status >= 500:
        cls = ServerError
    else:
        cls = APIStatusError

    kwargs: dict[str, Any] = {
        "status_code": status,
        "code": str(code) if code is not None else None,
        "type": str(etype) if etype is not None else None,
        "message": _scrub(message, secret),
        "details": _scrub(details, secret),
        "method": response.request.method if _has_request(response) else "",
        "path": path,
        "response": response,
        "body": _scrub(body, secret),
    }
    if cls is InsufficientCreditsError:
        credits = envelope.get("creditsAvailable", details.get("creditsAvailable"))
        return InsufficientCreditsError(credits_available=_to_int(credits), **kwargs)
    if cls is RateLimitError:
        return RateLimitError(retry_after=retry_after, **kwargs)
    return cls(**kwargs)


def _has_request(response: httpx.Response) -> bool:
    try:
        response.request  # noqa: B018 - raises RuntimeError when unset
    except RuntimeError:
        return False
    return True
