"""Everything the Talynce client can raise.

TalynceError
├── APIConnectionError          no answer (└── APITimeoutError)
├── APIStatusError              Talynce answered ``{error: {code, message, details}}``
│   ├── InvalidRequestError         400/422 (``details``: field -> message)
│   ├── AuthenticationError         401
│   ├── PermissionDeniedError       403
│   │   └── TalentPoolRevealRequired    403 ``talent_pool_reveal_required``
│   ├── NotFoundError               404
│   ├── RateLimitError              429 (``retry_after``)
│   └── ServerError                 5xx
├── APIResponseValidationError  a 2xx answer tt could not read
└── TalynceValidationError      the seed's rules, checked before sending (also ValueError)
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

REVEAL_REQUIRED = "talent_pool_reveal_required"


class TalynceError(ClientError):
    system = "Talynce"


class APIConnectionError(TalynceError, ConnectionFailed):
    """Talynce could not be reached."""


class APITimeoutError(APIConnectionError, TimedOut):
    """Talynce did not answer in time."""


class APIResponseValidationError(TalynceError, BadResponse):
    """Talynce answered 2xx with something tt cannot read."""


class TalynceValidationError(TalynceError, FieldProblems):
    """A request that breaks Talynce's documented rules; nothing was sent."""


class APIStatusError(TalynceError, StatusError):
    """Talynce answered with an error status."""


class InvalidRequestError(APIStatusError):
    default_status = 400

    def _explain(self) -> str:
        return f"Talynce rejected the request: {self.details_text() or self.sentence()}"


class AuthenticationError(APIStatusError):
    default_status = 401

    def _explain(self) -> str:
        return (
            f"Talynce did not accept the API key ({self.sentence().rstrip('.')}). Check "
            "TALYNCE_API_KEY (Talynce: Dashboard -> Administration -> Developer)."
        )


class PermissionDeniedError(APIStatusError):
    default_status = 403

    def _explain(self) -> str:
        return f"Talynce refused{self.where('')}: {self.sentence()}"


class TalentPoolRevealRequired(PermissionDeniedError):
    """403 ``talent_pool_reveal_required``: the candidate is masked in Talynce's talent pool.

    tt never reveals candidates; someone with access does that in Talynce.
    """

    def _explain(self) -> str:
        fields = self.details.get("fields")
        which = f" ({', '.join(map(str, fields))})" if isinstance(fields, list) and fields else ""
        return (
            "This candidate is masked in Talynce's talent pool: their contact and CTC "
            f"fields{which} stay locked until someone reveals them in Talynce. tt does not "
            "reveal candidates, so nothing was changed."
        )


class NotFoundError(APIStatusError):
    default_status = 404

    def _explain(self) -> str:
        return (
            f"Talynce found nothing{self.where('at')}: {self.sentence()} "
            "Check the id (a candidate or a job of this organization)."
        )


class RateLimitError(APIStatusError):
    default_status = 429

    def __init__(self, message: str = "", *, retry_after: float | None = None, **kw: Any) -> None:
        self.retry_after = retry_after
        super().__init__(message, **kw)

    def _explain(self) -> str:
        wait = (
            f"retry after {self.retry_after:g} s" if self.retry_after is not None else "slow down"
        )
        return f"Talynce is rate limiting requests: {self.sentence()} {wait.capitalize()}."


class ServerError(APIStatusError):
    default_status = 500

    def _explain(self) -> str:
        return (
            f"Talynce had a server error ({self.status_code}){self.where('on')}: "
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


class TalynceErrors:
    """The `ErrorFactory` of the Talynce client."""

    def status_error(
        self, response: httpx.Response, *, path: str, retry_after: float | None, secret: str
    ) -> APIStatusError:
        status = response.status_code
        body = scrub_value(body_or_none(response), secret)
        error = body.get("error") if isinstance(body, dict) else None
        if not isinstance(error, dict):
            error = {"message": error} if isinstance(error, str) else {}
        message = error.get("message")
        if not isinstance(message, str) or not message:
            message = response.reason_phrase or f"HTTP {status}"
        code = str(error["code"]) if error.get("code") is not None else None
        cls = _BY_STATUS.get(status, ServerError if status >= 500 else APIStatusError)
        if code == REVEAL_REQUIRED:
            cls = TalentPoolRevealRequired
        kwargs: dict[str, Any] = {
            "status_code": status,
            "code": code,
            "details": details_dict(error.get("details")),
            "method": request_method(response),
            "path": path,
            "response": response,
            "body": body,
        }
        if cls is RateLimitError:
            return RateLimitError(message, retry_after=retry_after, **kwargs)
        return cls(message, **kwargs)

    def connection_error(
        self, message: str, *, request: httpx.Request | None, timeout: bool
    ) -> APIConnectionError:
        cls = APITimeoutError if timeout else APIConnectionError
        return cls(message, request=request)
