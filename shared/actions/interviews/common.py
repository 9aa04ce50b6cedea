"""What the interview use cases share: the connection check, InstaView's errors as
sentences, choosing an agent, and reading `at:`."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

from shared.actions.errors import ActionError, InvalidInput, NotAllowed, NotFound, Unavailable
from shared.actions.interviews.models import AgentInfo
from shared.connectors_setup import INSTAVIEW_HOW_TO_CONNECT, InstaView
from shared.instaview import errors as iv
from shared.instaview.models import Agent
from shared.instaview.rules import parse_instant
from shared.store import Origin
from shared.toolkit import Toolkit

SYSTEM = "instaview"
KIND = "interview"
AT_EXAMPLE = "2026-12-01T09:30:00Z"
_WORD = re.compile(r"[a-z0-9]+")


class NotConnected(ActionError):
    """InstaView is not connected (a real TapTalent key and no INSTAVIEW_API_KEY)."""


def require_instaview(tk: Toolkit) -> InstaView:
    if tk.instaview is None:
        raise NotConnected("InstaView is not connected.", INSTAVIEW_HOW_TO_CONNECT)
    return tk.instaview


def actor_of(origin: Origin) -> str:
    return origin.user or origin.kind


def agent_info(agent: Agent) -> AgentInfo:
    return AgentInfo(
        id=agent.id,
        name=agent.name or agent.id,
        type=agent.type,
        focus=agent.focus,
        language=agent.language,
        duration=agent.duration,
    )


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def pick_agent(agents: list[AgentInfo], wanted: str) -> AgentInfo:
    """The agent named by id, by name (any case), or by words only it has; else a sentence
    listing the agents."""
    text = wanted.strip()
    for agent in agents:
        if text == agent.id or text.casefold() == agent.name.casefold():
            return agent
    words = _words(text)
    matches = [a for a in agents if words and words <= _words(a.name)]
    if len(matches) == 1:
        return matches[0]
    names = [a.name for a in agents]
    if len(matches) > 1:
        raise InvalidInput(
            f"agent:{text} matches {len(matches)} InstaView agents; name one of them.",
            allowed=[a.name for a in matches],
        )
    raise InvalidInput(
        f"InstaView has no agent called “{text}”.",
        "Agents: " + "; ".join(names) + ".",
        allowed=names,
    )


def read_at(value: str | None, *, now: datetime, before: date) -> str | None:
    """`at:` as an ISO instant in UTC: in the future, and before the GDPR expiry (InstaView
    deletes the candidate then). None means as soon as possible."""
    if value is None:
        return None
    moment = parse_instant(value)
    if moment is None or len(value.strip()) == 10:
        raise InvalidInput(
            f"at:{value} is not a time: give an ISO 8601 date and time, like {AT_EXAMPLE} "
            "(Z or an offset such as +05:30; UTC when none is given)."
        )
    if moment <= now:
        raise InvalidInput(
            f"at:{value} is in the past: give a time after "
            f"{now.isoformat(timespec='minutes').replace('+00:00', 'Z')}, or leave at: out "
            "to interview as soon as possible."
        )
    if moment.date() >= before:
        raise InvalidInput(
            f"at:{value} is after the candidate's GDPR expiry in InstaView ({before}): give "
            "an earlier time (TT_GDPR_RETENTION_DAYS sets how long InstaView keeps them)."
        )
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@contextlib.contextmanager
def translate_instaview(subject: str) -> Iterator[None]:
    """InstaView errors as action errors; their sentences already say what to do."""
    try:
        yield
    except iv.InstaViewValidationError as exc:
        raise InvalidInput(str(exc), allowed=sorted(exc.problems)) from exc
    except iv.InvalidRequestError as exc:
        raise InvalidInput(str(exc)) from exc
    except (iv.AuthenticationError, iv.PermissionDeniedError) as exc:
        raise NotAllowed(str(exc)) from exc
    except iv.NotFoundError as exc:
        raise NotFound(f"{subject[:1].upper()}{subject[1:]} was not found in InstaView.") from exc
    except iv.RateLimitError as exc:
        wait = f" in {exc.retry_after:g} s" if exc.retry_after is not None else " in a minute"
        raise Unavailable(
            f"InstaView is rate limiting tt's requests, so nothing more was sent for {subject}.",
            f"Try again{wait}.",
        ) from exc
    except iv.InstaViewError as exc:
        raise Unavailable(f"{exc}", f"Nothing else was changed for {subject}.") from exc
