"""The interview kind: an AI interview in InstaView, from the invite to its analysis.

Started by `shared.actions.interviews.invite_to_interview`, which records it (id:
InstaView's interview id; subject: the job candidate id as text). It ends when the
analysis is in (``analysis.completed``), or fails (``interview.failed``,
``analysis.failed``), by the signed webhook `POST /webhooks/instaview` stores (events
prefixed ``instaview.`` in the deliveries table) or by polling ``GET /interviews/{id}``
when no webhook comes. It expires when InstaView has said nothing of an end
`INTERVIEW_GRACE` after its scheduled time (**choice**, docs/connectors.md). The notice
is `shared.actions.interviews.notice.interview_notice`.
"""

from __future__ import annotations

from typing import Any

from shared.actions.interviews.common import KIND
from shared.actions.interviews.notice import cut, interview_notice
from shared.actions.interviews.status import analysis_of, ended
from shared.instaview import errors as iv_errors
from shared.instaview.models import Interview
from shared.instaview.rules import parse_instant
from shared.notify import OperationNotice
from shared.operations.payload import text_id
from shared.operations.stored import Ended, StoredKind
from shared.store.models import EndState
from shared.store.operations import Operation
from shared.toolkit import Toolkit

PREFIX = "instaview."
ANALYSED, CALL_FAILED, ANALYSIS_FAILED = (
    PREFIX + "analysis.completed",
    PREFIX + "interview.failed",
    PREFIX + "analysis.failed",
)
#: How long after its scheduled time an interview may still end (**choice**).
INTERVIEW_GRACE = 48 * 3600.0
#: Polling gives up this long after the invite, whatever the schedule (**choice**).
EXPIRY = 60 * 24 * 3600.0
#: Polls answered 404 before the interview is told as gone (**choice**).
UNKNOWN_GIVE_UP = 3


class InterviewKind(StoredKind):
    name = KIND
    events = frozenset(
        PREFIX + e
        for e in (
            "interview.started",
            "interview.completed",
            "interview.failed",
            "analysis.completed",
            "analysis.failed",
        )
    )

    async def ended_by_webhook(
        self, tk: Toolkit, event: str, data: dict[str, Any]
    ) -> tuple[str, EndState, dict[str, Any]] | None:
        interview_id = text_id(data.get("interviewId"))
        if interview_id is None:
            raise ValueError(f"{event} without an interviewId")
        error = cut(str(data.get("error") or ""), 200) or "no reason given"
        if event == ANALYSED:
            analysis = analysis_of(Interview.model_validate({"id": interview_id, **data}))
            if analysis is None:  # the event without its analysis: polling fetches it
                return None
            return interview_id, "completed", {"analysis": analysis.model_dump(mode="json")}
        if event == CALL_FAILED:
            reason = f"InstaView says the interview failed: {error}"
            return interview_id, "failed", {"reason": reason}
        if event == ANALYSIS_FAILED:
            reason = f"The interview took place, but InstaView's analysis failed: {error}"
            return interview_id, "failed", {"reason": reason}
        return None  # started, completed: progress, not an end (interview_status asks)

    async def poll(self, tk: Toolkit, operation: Operation) -> Ended | None:
        if tk.instaview is None:
            raise RuntimeError("InstaView is not connected")
        try:
            interview = await tk.instaview.client.interviews.get(operation.id)
        except iv_errors.NotFoundError:
            if operation.poll_attempts + 1 < UNKNOWN_GIVE_UP:
                raise  # asked again later: it may be a moment's inconsistency
            return "failed", {"reason": _unknown(tk)}
        found = ended(interview)
        if found is not None:
            return found
        due = parse_instant(operation.data.get("at")) if operation.data.get("at") else None
        start = due.timestamp() if due else operation.created_at
        if tk.clock() - start > INTERVIEW_GRACE:
            return "expired", {
                "reason": f"InstaView still says {interview.status or 'nothing'} "
                f"{INTERVIEW_GRACE / 3600:.0f} hours after the interview was due."
            }
        return None

    def expiry(self, tk: Toolkit) -> float:
        return EXPIRY

    async def notice(self, tk: Toolkit, operation: Operation) -> OperationNotice:
        return interview_notice(operation)


def _unknown(tk: Toolkit) -> str:
    if tk.instaview is not None and tk.instaview.sandbox is not None:
        return (
            "The InstaView emulator does not know this interview any more (its records "
            "were reset, or kept in another data folder)."
        )
    return "InstaView no longer knows this interview (deleted there?)."
