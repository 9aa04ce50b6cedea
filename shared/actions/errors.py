"""Errors a use case raises, each a sentence a recruiter (or a model) can act on.

Surfaces show `str(error)`; nothing below this layer's wording reaches a user.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from shared.taptalent import errors as api


class ActionError(Exception):
    """Base class: `message` says what went wrong, `hint` what to do next."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}" if self.hint else self.message


class NotFound(ActionError):
    """The job, candidate or rescore does not exist (or belongs to another company)."""


class InvalidInput(ActionError):
    """A value the API or the pipeline does not accept; `allowed` lists what would work."""

    def __init__(self, message: str, hint: str | None = None, allowed: list[str] | None = None):
        super().__init__(message, hint)
        self.allowed = allowed or []


class OutOfCredits(ActionError):
    """TapTalent has no scoring credits left for a rescore."""

    def __init__(self, message: str, hint: str | None, credits_available: int | None) -> None:
        super().__init__(message, hint)
        self.credits_available = credits_available


class Unavailable(ActionError):
    """TapTalent could not be reached or failed; nothing was changed by this call."""


class NotAllowed(ActionError):
    """The API key (or the Slack user) may not do this."""


@contextlib.contextmanager
def translate(subject: str, *, not_found_hint: str | None = None) -> Iterator[None]:
    """Turn client exceptions into action errors that name `subject` (e.g. "job 42")."""
    try:
        yield
    except api.NotFoundError as exc:
        raise NotFound(
            f"{subject[:1].upper()}{subject[1:]} was not found.", not_found_hint
        ) from exc
    except api.InsufficientCreditsError as exc:
        credits = exc.credits_available
        available = f" ({credits} available)" if credits is not None else ""
        raise OutOfCredits(
            f"TapTalent has no scoring credits left{available}, so nothing was rescored.",
            "Add credits in the TapTalent dashboard, or rescore fewer candidates.",
            credits,
        ) from exc
    except api.InvalidRequestError as exc:
        details = "; ".join(f"{k}: {v}" for k, v in (exc.details or {}).items())
        raise InvalidInput(
            f"TapTalent rejected the request for {subject}: {details or exc}"
        ) from exc
    except api.RequestLimitError as exc:  # refused before sending: nothing changed
        raise InvalidInput(str(exc)) from exc
    except api.AuthenticationError as exc:
        raise NotAllowed(
            "TapTalent did not accept the API key.",
            "Check TAPTALENT_API_KEY (keys look like sk_live_… or sk_test_…).",
        ) from exc
    except api.PermissionDeniedError as exc:
        raise NotAllowed(f"TapTalent refused access to {subject}: {exc}") from exc
    except api.RateLimitError as exc:
        raise Unavailable(
            "TapTalent is rate limiting requests right now.", "Try again in a minute."
        ) from exc
    except api.ServerError as exc:
        raise Unavailable(
            f"TapTalent answered {exc.status_code} for {subject}: it was reached but failed.",
            "Try again shortly.",
        ) from exc
    except api.APIConnectionError as exc:
        raise Unavailable(
            f"TapTalent could not be reached for {subject}.", "Try again shortly."
        ) from exc
    except api.TapTalentError as exc:
        # Anything else the client raises (an unexpected status such as a redirect, an answer
        # that does not fit the documented shape) still reaches users as a sentence.
        raise Unavailable(
            f"TapTalent gave an unexpected answer for {subject}: {exc}",
            "Check the value you gave; if it looks right, try again shortly.",
        ) from exc
