"""Where a rescore stands: TapTalent's status of every run of a request, and what changed."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from shared.actions.convert import candidate_name
from shared.actions.errors import (
    RESCORE_ID_FORMAT,
    START_RESCORE,
    NotFound,
    translate,
)
from shared.actions.models import Id, RescoreState, RescoreStatusResult, ScoreChange
from shared.actions.ranking import top_candidates
from shared.store import PendingRescore, RescoreGroup
from shared.taptalent.models import JobCandidate, RescoreStatus
from shared.toolkit import Toolkit

RESCORE_HINT = RESCORE_ID_FORMAT
CHANGES_SHOWN = 10
NEW_TOP_SHOWN = 5
#: A run TapTalent accepted with an answer tt could not read has no id yet; its row in the
#: store is named with this prefix until a webhook for its job tells the real id.
UNKNOWN_ID_PREFIX = "unknown:"


def is_placeholder(rescore_id: str) -> bool:
    return rescore_id.startswith(UNKNOWN_ID_PREFIX)


def local_job(local: PendingRescore | None) -> Id:
    if local is None:
        raise NotFound("TapTalent did not say which job this rescore belongs to.")
    return local.job_id


def api_state(api_status: str | None) -> RescoreState:
    status = (api_status or "").lower()
    return "completed" if status == "completed" else "failed" if status == "failed" else "pending"


async def after_scores(tk: Toolkit, rescore_ids: Iterable[str]) -> list[JobCandidate]:
    """The job candidates of these runs with their new scores."""

    async def one(rid: str) -> list[JobCandidate]:
        with translate(f"rescore {rid}"):
            return await tk.client.rescores.candidates(rid)

    chunks = await asyncio.gather(*(one(r) for r in rescore_ids))
    return [c for chunk in chunks for c in chunk]


def score_changes(
    before: dict[str, float | None], after: list[JobCandidate]
) -> tuple[list[ScoreChange], int]:
    """The biggest moves first, then first-time scores; and how many scores moved at all."""
    changes = [
        ScoreChange(
            job_candidate_id=c.id,
            name=candidate_name(c),
            before=before.get(str(c.id)),
            after=c.profile_match_score,
        )
        for c in after
        if before.get(str(c.id)) != c.profile_match_score
    ]
    changes.sort(key=lambda ch: (ch.delta is None, -abs(ch.delta or 0.0), str(ch.job_candidate_id)))
    return changes[:CHANGES_SHOWN], len(changes)


def _overall(statuses: list[RescoreStatus]) -> RescoreState:
    states = {api_state(s.status) for s in statuses}
    if "pending" in states:
        return "pending"
    return "failed" if states == {"failed"} else "completed"


async def _statuses(
    tk: Toolkit, rescore_id: str, group: RescoreGroup | None
) -> tuple[list[str], list[RescoreStatus]]:
    """TapTalent's status of this run and of the other runs of its request."""
    siblings = [
        r.rescore_id
        for r in (group.rescores if group else [])
        if r.rescore_id != rescore_id and not is_placeholder(r.rescore_id)
    ]
    with translate(
        f"rescore {rescore_id}", not_found_hint=RESCORE_HINT, not_found_step=START_RESCORE
    ):
        first = await tk.client.rescores.get(rescore_id)
        others = await asyncio.gather(*(tk.client.rescores.get(r) for r in siblings))
    return siblings, [first, *others]


async def rescore_status(
    tk: Toolkit, rescore_id: str, *, details: bool = True
) -> RescoreStatusResult:
    """Pending, completed or failed, with counts; once complete (and with `details`), what
    changed and the new top.

    A request of more than 250 candidates runs as several TapTalent rescores: any one of
    their ids reports on the whole request, as the recruiter asked for it.
    """
    local = await tk.store.get_rescore(rescore_id)
    group = await tk.store.get_group(local.group_id) if local and local.group_id else None
    siblings, statuses = await _statuses(tk, rescore_id, group)
    errors: list[str] = []
    for one in statuses:
        errors += [e.reason for e in one.errors or [] if e.reason and e.reason not in errors]
    first = statuses[0]
    job_id = first.job_id or local_job(local)
    result = RescoreStatusResult(
        rescore_id=first.rescore_id or rescore_id,
        rescore_ids=[rescore_id, *siblings],
        job_id=job_id,
        status=_overall(statuses),
        total_requested=sum(s.total_requested or 0 for s in statuses),
        total_processed=sum(s.total_processed or 0 for s in statuses),
        total_failed=sum(s.total_failed or 0 for s in statuses),
        capped_by_credits=any(s.capped_by_credits for s in statuses),
        errors=errors,
        completed_at=max((s.completed_at for s in statuses if s.completed_at), default=None),
        group_id=group.id if group else None,
    )
    if details and result.status == "completed":
        done = [s.rescore_id or rescore_id for s in statuses if api_state(s.status) == "completed"]
        before = group.snapshot if group else {}
        if before:
            result.changes, result.changed = score_changes(before, await after_scores(tk, done))
        result.new_top = (await top_candidates(tk, job_id, limit=NEW_TOP_SHOWN)).candidates
    return result
