"""Where an upload stands: its batches' ends (by webhook or by asking), then its scoring.

A batch ends by its `resume.bulk_upload_parse.completed` or `.failed` webhook, or, when
no webhook comes, by `GET /candidates/batch/:batchId` (its `batchStatus`; **choice**: the
documents name no batch status endpoint, and this is the one that says how a batch
stands). Once every batch has ended, the upload waits for scoring to catch up: the new
candidates (the batches' candidates, found in the job newest first) all have a score, or
`SCORING_WAIT` has passed since the last batch ended (**choice**). Then it has ended.
"""

from __future__ import annotations

import math
from typing import Any

from shared.actions.uploads.models import Chunk
from shared.actions.uploads.start import KIND
from shared.actions.uploads.urls import plural_urls
from shared.operations.payload import text_id
from shared.store.models import EndState
from shared.store.operations import Operation
from shared.toolkit import Toolkit

#: How long after its last batch ended an upload waits for the new candidates' scores
#: before it reports the top 5 as it stands (and says how many are not scored yet).
SCORING_WAIT = 600.0
#: A chunk still `sending` this long after the upload began never got its answer recorded
#: (the process stopped mid-request): its outcome is unknown. One still `queued` was never
#: sent.
SENDING_STALE = 300.0
PAGE = 100
PARSE_EVENTS = ("started", "completed", "failed")
EVENTS = frozenset(f"resume.bulk_upload_parse.{e}" for e in PARSE_EVENTS)
NO_REASON = "TapTalent did not say why"


def chunks_of(operation: Operation) -> list[Chunk]:
    raw = operation.data.get("chunks") or {}
    return sorted((Chunk.model_validate(c) for c in raw.values()), key=lambda c: c.number)


async def save(tk: Toolkit, operation_id: str, chunk: Chunk) -> bool:
    path = ("chunks", str(chunk.number))
    return await tk.store.set_operation_data(KIND, operation_id, path, chunk.model_dump())


async def find_batch(
    tk: Toolkit, batch_id: str, job_id: str | None
) -> tuple[Operation, Chunk] | None:
    """The pending upload (and its chunk) that sent this batch."""
    subject = f"job:{job_id}" if job_id else None
    for operation in await tk.store.operations(KIND, pending=True, subject=subject):
        for chunk in chunks_of(operation):
            if chunk.batch_id == batch_id:
                return operation, chunk
    return None


#: How long after an upload began a webhook may name one of its chunks of unknown outcome.
ADOPT_WITHIN = 600.0


async def adopt_unknown(
    tk: Toolkit, batch_id: str, job_id: str | None, file_count: Any
) -> tuple[Operation, Chunk] | None:
    """A parse webhook for a batch tt does not know may be a chunk whose answer was unclear
    (TapTalent did create it): the oldest such chunk of a recent upload to the same job with
    as many URLs takes the batch id (**choice**: by job, size and time, since nothing else
    links them). It is then followed like any batch, and never sent again either way."""
    size = _count(file_count)
    if not job_id or size is None:
        return None
    now = tk.clock()
    for operation in await tk.store.operations(KIND, pending=True, subject=f"job:{job_id}"):
        chunks = chunks_of(operation)
        # Still sending: the batch may be the answer about to be recorded, not a lost one.
        busy = any(c.state in ("queued", "sending") for c in chunks)
        if now - operation.created_at > ADOPT_WITHIN or busy:
            continue
        for chunk in chunks:
            if chunk.state == "unknown" and chunk.batch_id is None and chunk.urls == size:
                named = chunk.model_copy(update={"state": "pending", "batch_id": batch_id})
                await save(tk, operation.id, named)
                return operation, named
    return None


def ended_by_event(event: str, data: dict[str, Any], chunk: Chunk) -> Chunk | None:
    """The chunk as a parse event leaves it; None for `started` (still parsing)."""
    outcome = event.rsplit(".", 1)[-1]
    if outcome not in ("completed", "failed") or chunk.ended:
        return None
    parsed = _count(data.get("successCount"))
    failed = _count(data.get("failedCount"))
    status = str(data.get("status") or "").upper()
    state = "failed" if outcome == "failed" or status == "FAILED" else "completed"
    if parsed is None:
        parsed = 0 if state == "failed" else max(0, chunk.urls - (failed or 0))
    if failed is None:
        failed = max(0, chunk.urls - parsed)
    reason = failure_reason(data) if state == "failed" or failed else None
    return chunk.model_copy(
        update={"state": state, "parsed": parsed, "failed": failed, "reason": reason}
    )


def failure_reason(data: dict[str, Any]) -> str:
    """Why a batch (or some of its files) failed, in any of the shapes a reason may take:
    `reason`, `error` (text or {message}), `message`, or `errors` [{reason|message, url}]."""
    for key in ("reason", "error", "message"):
        value = data.get(key)
        if isinstance(value, dict):
            value = value.get("message") or value.get("reason")
        if isinstance(value, str) and value.strip():
            return value.strip()[:300]
    errors = data.get("errors")
    if isinstance(errors, list):
        said = []
        for item in errors[:3]:
            if isinstance(item, dict):
                why = item.get("reason") or item.get("message")
                url = item.get("url")
                if isinstance(why, str):
                    said.append(f"{url}: {why}" if isinstance(url, str) else why)
            elif isinstance(item, str):
                said.append(item)
        if said:
            more = f" (and {len(errors) - len(said)} more)" if len(errors) > len(said) else ""
            return ("; ".join(said) + more)[:300]
    return NO_REASON


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return max(0, int(float(value)))
    except ValueError:
        return None


async def ask_batch(tk: Toolkit, chunk: Chunk) -> Chunk:
    """Ask TapTalent how a batch stands; the chunk, ended if it has (with the candidates it
    created, and the links that gave none)."""
    assert chunk.batch_id is not None
    page = await tk.client.candidates.batch(chunk.batch_id, page=1, per_page=PAGE)
    status = (page.batch_status or "").upper()
    total = page.pagination.total_candidates if page.pagination else None
    parsed = total if total is not None else len(page.candidates)
    if status not in ("COMPLETED", "FAILED"):
        # No status at all: a batch holding a candidate for every URL is done.
        if status or parsed < chunk.urls:
            return chunk
        status = "COMPLETED"
    members = list(page.candidates)
    for number in range(2, math.ceil(parsed / PAGE) + 1):
        members += (await tk.client.candidates.batch(chunk.batch_id, number, PAGE)).candidates
    failed = max(0, chunk.urls - parsed)
    reason = None
    if failed:
        made = {c.resume for c in members if c.resume}
        missing = [link for link in chunk.links if link not in made] if made else []
        named = f": {', '.join(missing[:3])}{' …' if len(missing) > 3 else ''}" if missing else ""
        reason = f"no candidate came from {plural_urls(failed)}{named} ({NO_REASON})"
    return chunk.model_copy(
        update={
            "state": "failed" if status == "FAILED" else "completed",
            "parsed": parsed,
            "failed": failed,
            "reason": reason,
            "candidates": [cid for c in members if (cid := text_id(c.id))],
        }
    )


async def newcomer_candidates(tk: Toolkit, chunks: list[Chunk]) -> list[str]:
    """The candidate ids the upload's batches created (`GET /candidates/batch/:id`)."""
    ids: list[str] = []
    for chunk in chunks:
        if chunk.candidates is not None:
            ids += chunk.candidates
            continue
        if not chunk.batch_id or not chunk.parsed:
            continue
        pages = max(1, math.ceil(chunk.parsed / PAGE))
        for number in range(1, pages + 1):
            page = await tk.client.candidates.batch(chunk.batch_id, page=number, per_page=PAGE)
            ids += [cid for c in page.candidates if (cid := text_id(c.id))]
            if len(page.candidates) < PAGE:
                break
    return ids


async def newcomer_scores(
    tk: Toolkit, job_id: str, candidate_ids: list[str]
) -> dict[str, float | None]:
    """Job candidate id -> score (None: not scored yet) of the upload's candidates in the
    job, read newest first: they are the job's latest arrivals."""
    wanted = set(candidate_ids)
    found: dict[str, float | None] = {}
    seen: set[str] = set()
    # A few pages beyond the newcomers themselves: others may arrive meanwhile.
    for number in range(1, math.ceil(len(wanted) / PAGE) + 3):
        page = await tk.client.job_candidates.list(
            job_id, page=number, per_page=PAGE, order_column="createdAt", order_by="DESC"
        )
        for jc in page.candidates:
            cid = text_id(jc.candidate_id) or (text_id(jc.candidate.id) if jc.candidate else None)
            if cid in wanted and cid not in seen:
                seen.add(cid)
                found[str(jc.id)] = jc.profile_match_score
        if seen >= wanted or len(page.candidates) < PAGE:
            break
    return found


Ended = tuple[EndState, dict[str, Any]]


def waiting_for_scores(operation: Operation) -> bool:
    """Every batch has ended; the upload waits for the new candidates' scores."""
    return bool(chunks_of(operation)) and all(c.ended for c in chunks_of(operation))


async def poll_upload(tk: Toolkit, operation: Operation) -> Ended | None:
    """Ask about the batches still parsing, record those that ended; then `settle`."""
    now = tk.clock()
    stale = now - operation.created_at > SENDING_STALE
    for chunk in chunks_of(operation):
        if chunk.state in ("sending", "queued") and stale:
            sent = chunk.state == "sending"
            why = "tt stopped before " + (
                "TapTalent's answer was recorded" if sent else "sending it"
            )
            state = "unknown" if sent else "not_sent"
            await save(tk, operation.id, chunk.model_copy(update={"state": state, "reason": why}))
        elif chunk.state == "pending" and chunk.batch_id:
            asked = await ask_batch(tk, chunk)
            if asked.ended:
                await save(tk, operation.id, asked)
    current = await tk.store.get_operation(KIND, operation.id)
    return None if current is None or current.state != "pending" else await settle(tk, current)


async def settle(tk: Toolkit, operation: Operation) -> Ended | None:
    """How the upload ended, once every batch has and scoring has caught up (or waited
    long enough); None while it has not."""
    chunks = chunks_of(operation)
    if not chunks or not all(c.ended for c in chunks):
        return None
    parsed = sum(c.parsed or 0 for c in chunks)
    if not parsed:
        return "failed", {"newcomers": [], "unscored": 0}
    now = tk.clock()
    parsed_at = operation.data.get("parsed_at")
    if not isinstance(parsed_at, int | float):
        parsed_at = now
        await tk.store.set_operation_data(KIND, operation.id, ("parsed_at",), now)
    newcomers = operation.data.get("newcomers")
    if not isinstance(newcomers, list):
        newcomers = await newcomer_candidates(tk, chunks)
        await tk.store.set_operation_data(KIND, operation.id, ("newcomers",), newcomers)
    job_id = str(operation.data.get("job_id") or operation.subject.removeprefix("job:"))
    scores = await newcomer_scores(tk, job_id, [str(c) for c in newcomers])
    # Not in the job's list yet counts as not scored yet (a removed one only delays).
    unscored = sum(1 for score in scores.values() if score is None)
    unscored += max(0, len(newcomers) - len(scores))
    if unscored and now - parsed_at < SCORING_WAIT:
        return None
    best = max((score for score in scores.values() if score is not None), default=None)
    return "completed", {"newcomers": list(scores), "unscored": unscored, "best_new": best}
