"""One exception hierarchy for the Kombo client, keyed on Kombo's ``error.code``.

Kombo answers errors as ``{"status": "error", "error": {"code", "title", "message",
"log_url"}}`` and asks clients to branch on ``code``, not on the HTTP status (the same
status carries several codes). Each code has its own class; ``str(error)`` is a sentence
a recruiter can act on, built from the code and what tt was doing (``action``).

    KomboError
    ├── KomboConnectionError         no answer came (KomboTimeoutError: not in time)
    ├── KomboResponseError           a 2xx answer tt could not read
    └── KomboAPIError                Kombo answered ``status: error``
        ├── RateLimitError               PLATFORM.RATE_LIMIT_EXCEEDED (retried)
        ├── ConcurrencyLimitError        PLATFORM.CONCURRENCY_LIMIT_EXCEEDED (retried)
        ├── IntegrationNotFoundError     PLATFORM.INTEGRATION_NOT_FOUND
        ├── InputInvalidError            PLATFORM.INPUT_INVALID
        ├── AuthenticationError          PLATFORM.AUTHENTICATION_INVALID
        ├── TaskTimedOutError            PLATFORM.TASK_TIMED_OUT
        ├── PermissionMissingError       INTEGRATION.PERMISSION_MISSING
        ├── ActionNotAvailableError      INTEGRATION.ACTION_NOT_AVAILABLE
        ├── ActionDisabledError          INTEGRATION.ACTION_DISABLED
        ├── ModelNotAvailableError       INTEGRATION.MODEL_NOT_AVAILABLE
        ├── SetupSyncPendingError        INTEGRATION.SETUP_SYNC_PENDING
        ├── RemoteUnavailableError       REMOTE.SERVICE_UNAVAILABLE (retried)
        ├── RemoteRateLimitError         REMOTE.RATE_LIMIT_EXCEEDED (retried)
        ├── RemoteInputInvalidError      REMOTE.INPUT_INVALID
        ├── JobClosedError               ATS.JOB_CLOSED
        ├── ApplicationExistsError       ATS.APPLICATION_ALREADY_EXISTS
        └── NotFoundError                a 404 without a known code (tt's own lookups)

No message ever contains the API key: server text is scrubbed before it gets here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import httpx


@dataclass(frozen=True, slots=True)
class Action:
    """What a call does, for messages: ``doing`` ("rejecting") and the Kombo scope that
    allows it ("Reject applications")."""

    doing: str
    scope: str


READING = Action("reading from the ATS", "Read access to the requested data")


class KomboError(Exception):
    """Base class of everything `shared.kombo` raises."""


class KomboConnectionError(KomboError):
    """Kombo could not be reached; for a write, whether it happened is unknown."""


class KomboTimeoutError(KomboConnectionError):
    """Kombo did not answer in time."""


class KomboResponseError(KomboError):
    """Kombo answered success with a body tt cannot read."""


class KomboAPIError(KomboError):
    """Kombo answered ``status: error``. ``code``, ``title``, ``message`` (Kombo's
    wording), ``log_url``, ``status_code``, ``retry_after`` and ``action`` are kept."""

    codes: ClassVar[tuple[str, ...]] = ()
    retryable: ClassVar[bool] = False

    def __init__(
        self,
        message: str = "",
        *,
        code: str | None = None,
        title: str | None = None,
        log_url: str | None = None,
        status_code: int = 0,
        action: Action = READING,
        retry_after: float | None = None,
    ) -> None:
        self.code = code or (self.codes[0] if self.codes else "UNKNOWN")
        self.title = title
        self.message = message
        self.log_url = log_url
        self.status_code = status_code
        self.action = action
        self.retry_after = retry_after
        super().__init__(self.explain())

    def explain(self) -> str:
        said = f" Kombo said: {self.message}" if self.message else ""
        return f"Kombo refused {self.action.doing} ({self.code}).{said}"


class RateLimitError(KomboAPIError):
    codes = ("PLATFORM.RATE_LIMIT_EXCEEDED",)
    retryable = True

    def explain(self) -> str:
        return (
            f"Kombo is rate limiting requests, so {self.action.doing} did not happen. "
            "Try again in a minute."
        )


class ConcurrencyLimitError(KomboAPIError):
    codes = ("PLATFORM.CONCURRENCY_LIMIT_EXCEEDED",)
    retryable = True

    def explain(self) -> str:
        return (
            f"Too many writes to this ATS are in flight (Kombo allows 30), so {self.action.doing} "
            "did not happen. Try again in a few seconds."
        )


class IntegrationNotFoundError(KomboAPIError):
    codes = ("PLATFORM.INTEGRATION_NOT_FOUND",)

    def explain(self) -> str:
        return (
            "Kombo does not know this integration: check KOMBO_INTEGRATION_ID "
            "(it looks like greenhouse:8Xk...) in the Kombo dashboard."
        )


class InputInvalidError(KomboAPIError):
    codes = ("PLATFORM.INPUT_INVALID",)

    def explain(self) -> str:
        return (
            f"Kombo did not accept the input for {self.action.doing}: {self.message or self.title}"
        )


class AuthenticationError(KomboAPIError):
    codes = ("PLATFORM.AUTHENTICATION_INVALID",)

    def explain(self) -> str:
        return "Kombo did not accept the API key: check KOMBO_API_KEY (ks_prod_... or ks_dev_...)."


class TaskTimedOutError(KomboAPIError):
    codes = ("PLATFORM.TASK_TIMED_OUT",)

    def explain(self) -> str:
        return (
            f"The ATS took too long while {self.action.doing}; it may still have happened. "
            "Check the ATS before trying again."
        )


class PermissionMissingError(KomboAPIError):
    codes = ("INTEGRATION.PERMISSION_MISSING",)

    def explain(self) -> str:
        return (
            f"Kombo's scopes for this integration do not allow {self.action.doing}: "
            f"enable '{self.action.scope}' in Kombo."
        )


class ActionNotAvailableError(KomboAPIError):
    codes = ("INTEGRATION.ACTION_NOT_AVAILABLE",)

    def explain(self) -> str:
        return (
            f"This ATS does not support {self.action.doing} through Kombo; do it in the ATS itself."
        )


class ActionDisabledError(KomboAPIError):
    codes = ("INTEGRATION.ACTION_DISABLED",)

    def explain(self) -> str:
        return (
            f"{self.action.doing.capitalize()} is switched off for this integration: "
            f"enable '{self.action.scope}' in Kombo."
        )


class ModelNotAvailableError(KomboAPIError):
    codes = ("INTEGRATION.MODEL_NOT_AVAILABLE",)

    def explain(self) -> str:
        return f"This ATS does not expose the data needed for {self.action.doing} through Kombo."


class SetupSyncPendingError(KomboAPIError):
    codes = ("INTEGRATION.SETUP_SYNC_PENDING",)

    def explain(self) -> str:
        return (
            "Kombo is still running the first sync of this ATS; "
            f"{self.action.doing} works once it has finished. Try again later."
        )


class RemoteUnavailableError(KomboAPIError):
    codes = ("REMOTE.SERVICE_UNAVAILABLE",)
    retryable = True

    def explain(self) -> str:
        return (
            f"The ATS is unavailable right now, so {self.action.doing} did not happen. "
            "Try again shortly."
        )


class RemoteRateLimitError(KomboAPIError):
    codes = ("REMOTE.RATE_LIMIT_EXCEEDED",)
    retryable = True

    def explain(self) -> str:
        return (
            f"The ATS is rate limiting Kombo, so {self.action.doing} did not happen. "
            "Try again in a minute."
        )


class RemoteInputInvalidError(KomboAPIError):
    codes = ("REMOTE.INPUT_INVALID",)

    def explain(self) -> str:
        return (
            f"The ATS did not accept the input for {self.action.doing}: "
            f"{self.message or self.title}"
        )


class JobClosedError(KomboAPIError):
    codes = ("ATS.JOB_CLOSED",)

    def explain(self) -> str:
        return (
            "The ATS job is closed, so no application can be added: reopen it or link another job."
        )


class ApplicationExistsError(KomboAPIError):
    codes = ("ATS.APPLICATION_ALREADY_EXISTS",)

    def explain(self) -> str:
        return "The candidate already has an application on this ATS job."


class NotFoundError(KomboAPIError):
    codes = ("NOT_FOUND",)

    def explain(self) -> str:
        return f"Kombo found nothing for {self.action.doing}: {self.message or 'not found'}."


_BY_CODE: dict[str, type[KomboAPIError]] = {
    code: cls for cls in KomboAPIError.__subclasses__() for code in cls.codes
}

#: Codes Kombo documents as safe to retry (the rate and concurrency limits, the ATS down).
RETRYABLE_CODES = frozenset(code for code, cls in _BY_CODE.items() if cls.retryable)


def error_from_body(
    body: Any,
    *,
    status_code: int,
    action: Action,
    retry_after: float | None,
    scrub: Any = str,
) -> KomboAPIError:
    """The error for an ``status: error`` body (or any non-2xx answer)."""
    error = body.get("error") if isinstance(body, dict) else None
    error = error if isinstance(error, dict) else {}
    code = str(error.get("code") or "")
    if not code:
        code = "REMOTE.SERVICE_UNAVAILABLE" if status_code == 503 else f"HTTP_{status_code}"
    cls = _BY_CODE.get(code, NotFoundError if status_code == 404 else KomboAPIError)
    return cls(
        scrub(str(error.get("message") or "")),
        code=code,
        title=scrub(str(error.get("title") or "")) or None,
        log_url=error.get("log_url"),
        status_code=status_code,
        action=action,
        retry_after=retry_after,
    )


def error_from_response(
    response: httpx.Response, *, action: Action, retry_after: float | None, scrub: Any = str
) -> KomboAPIError:
    try:
        body = response.json()
    except ValueError:
        body = None
    return error_from_body(
        body, status_code=response.status_code, action=action, retry_after=retry_after, scrub=scrub
    )
