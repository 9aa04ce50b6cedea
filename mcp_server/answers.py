"""Shared action results -> the MCP answers in models.py. Rendering only: no ranking here.

Candidate-provided text is collapsed to one line and trimmed, so a planted essay (or a
prompt injection) costs a bounded number of tokens and cannot fake structure with
newlines.
"""

from __future__ import annotations

import re

from mcp_server import models as out
from mcp_server.arguments import MAX_WAIT_SECONDS
from shared.actions import models as act
from shared.actions.presentation import plural, skipped_note
from shared.actions.status import CandidateStatus

NAME_LIMIT = 80
LINE_LIMIT = 160
SKILL_LIMIT = 40
SUMMARY_LIMIT = 600
SUMMARY_LIMIT_DETAIL = 1500
DESCRIPTION_LIMIT = 1500
MESSAGE_LIMIT = 300
SKILLS_SHOWN = 15
SKILLS_SHOWN_DETAIL = 40
HISTORY_SHOWN = 6

_SPACE = re.compile(r"[\s\x00-\x1f\x7f\u2028\u2029]+")


def clean(text: str | None, limit: int) -> str | None:
    """One line, at most `limit` characters (an ellipsis marks a cut), or None when empty."""
    if text is None:
        return None
    line = _SPACE.sub(" ", text).strip()
    if not line:
        return None
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _name(text: str | None, ident: object) -> str:
    return clean(text, NAME_LIMIT) or f"Candidate {ident}"


def _score(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _title(ref: act.JobRef) -> str:
    return clean(ref.title, NAME_LIMIT) or f"Job {ref.id}"


def _candidate(row: act.CandidateRow, *, detail: bool) -> dict[str, object]:
    fields: dict[str, object] = {
        "id": row.job_candidate_id,
        "name": _name(row.name, row.job_candidate_id),
        "score": _score(row.score),
        "must_have": row.must_have,
        "stage": row.stage,
        "reason": clean(row.summary_line, LINE_LIMIT),
    }
    if detail:
        fields["title"] = clean(row.title, NAME_LIMIT)
        fields["company"] = clean(row.company, NAME_LIMIT)
    if detail and isinstance(row, act.CandidateDetail):
        fields["status"] = row.status
        fields["criteria"] = [_criterion(c) for c in row.criteria] or None
        fields["skills"] = _present([clean(s, SKILL_LIMIT) for s in row.skills[:SKILLS_SHOWN]])
        fields["summary"] = clean(row.ai_summary, SUMMARY_LIMIT)
    return fields


def top_list(result: act.TopCandidatesResult, *, detail: bool) -> out.TopCandidates:
    shown = result.offset + len(result.candidates)
    return out.TopCandidates(
        job_id=result.job.id,
        job_title=_title(result.job),
        candidates=[
            out.CandidateBrief.model_validate({"rank": r.rank, **_candidate(r, detail=detail)})
            for r in result.candidates
        ],
        total=result.total_scored,
        unscored=result.unscored or None,
        next_offset=shown if result.has_more else None,
        tie=result.tie.note if result.tie else None,
        skipped=skipped_note(result.skipped),
    )


def search_list(result: act.SearchResult) -> out.SearchResults:
    # Title and company are always shown: they are where the words usually matched. Without
    # a job filter the hits span jobs, so each carries its job id.
    hits = [
        out.SearchHit.model_validate(
            {"job_id": m.job_id, "matched": m.matched or None, **_candidate(m, detail=True)}
        )
        for m in result.matches
    ]
    return out.SearchResults(
        candidates=hits,
        total=result.total_matches,
        next_offset=result.offset + len(result.matches) if result.has_more else None,
    )


def _job_brief(job: act.JobSummary) -> out.JobBrief:
    return out.JobBrief(
        id=job.id,
        title=clean(job.title, NAME_LIMIT) or f"Job {job.id}",
        status=job.status,
        location=job.location or None,
        candidates=job.candidates,
    )


def job_list(page: act.JobsPage) -> out.JobList:
    return out.JobList(
        jobs=[_job_brief(j) for j in page.jobs],
        page=page.page,
        total=page.total,
        next_page=page.page + 1 if page.has_more else None,
    )


def job_card(job: act.JobDetail, *, detail: bool) -> out.JobCard:
    card = out.JobCard(
        **_job_brief(job).model_dump(),
        work_mode=job.work_mode,
        stages=[
            out.StageBrief(id=s.id, name=s.name, type=s.type, count=s.count) for s in job.stages
        ],
        criteria=[f"{c.level or 'CRITERION'}: {c.criterion}" for c in job.criteria],
        rejected=job.rejected,
        ats=_ats_link(job.ats),
    )
    if detail:
        card.description = clean(job.description, DESCRIPTION_LIMIT)
        card.salary = job.salary
    return card


def _ats_link(link: act.AtsLink | None) -> str | None:
    if link is None:
        return None
    mirror = "; mirroring moves" if link.mirror else ""
    stages = f"; stages: {', '.join(link.stages)}" if link.stages else ""
    return clean(f"{link.ats_job_id} {link.ats_job_name}{mirror}{stages}", MESSAGE_LIMIT)


def _criterion(c: act.CriterionMatchInfo) -> str:
    met = "unknown" if c.met is None else ("met" if c.met else "missing")
    return f"{met} {c.level or 'CRITERION'}: {c.criterion}"


def _experience(e: act.Experience) -> str | None:
    head = " at ".join(p for p in (e.title, e.company) if p)
    return clean(f"{head} ({e.period})" if e.period and head else head, LINE_LIMIT)


def _education(e: act.Education) -> str | None:
    head = ", ".join(p for p in (e.degree, e.school) if p)
    return clean(f"{head} ({e.year})" if e.year and head else head, LINE_LIMIT)


def _present(values: list[str | None]) -> list[str] | None:
    kept = [v for v in values if v]
    return kept or None


def _private(d: act.CandidateDetail) -> dict[str, str] | None:
    """Contact and salary: only there when the action was asked to include them."""
    found = {k: v for k, v in (d.contact.model_dump() if d.contact else {}).items() if v}
    if d.salary is not None:
        found.update({f"{k}_salary": v for k, v in d.salary.model_dump().items() if v})
    return found or None


def candidate_card(d: act.CandidateDetail, *, detail: bool) -> out.CandidateCard:
    text = out.CandidateText(
        title=clean(d.title, NAME_LIMIT),
        company=clean(d.company, NAME_LIMIT),
        ai_summary=clean(d.ai_summary, SUMMARY_LIMIT_DETAIL if detail else SUMMARY_LIMIT),
        skills=_present(
            [
                clean(s, SKILL_LIMIT)
                for s in d.skills[: SKILLS_SHOWN_DETAIL if detail else SKILLS_SHOWN]
            ]
        ),
    )
    card = out.CandidateCard(
        id=d.job_candidate_id,
        name=_name(d.name, d.job_candidate_id),
        job_id=d.job.id if d.job else d.job_id,
        job_title=_title(d.job) if d.job else None,
        score=_score(d.score),
        must_have=d.must_have,
        stage=d.stage,
        status=d.status,
        criteria=[_criterion(c) for c in d.criteria],
        candidate_text=text,
    )
    if detail:
        text.location = clean(d.location, NAME_LIMIT)
        card.breakdown = d.breakdown or None
        card.private = _private(d)
        text.profile = clean(d.profile_summary, SUMMARY_LIMIT)
        text.evidence = _present(
            [clean(f"{c.criterion}: {c.evidence}", LINE_LIMIT) for c in d.criteria if c.evidence]
        )
        text.experience = _present([_experience(e) for e in d.experience[:HISTORY_SHOWN]])
        text.education = _present([_education(e) for e in d.education[:HISTORY_SHOWN]])
    return card


def _started_message(r: act.RescoreGroupResult) -> str:
    # The action's own message promises an alert, which only the service sends; over MCP
    # the caller follows the rescore with get_rescore_status instead.
    text = (
        f"Queued {plural(r.total_queued, 'candidate')} of job {r.job.id} "
        f"for rescoring. Call get_rescore_status with rescore_id {r.rescore_ids[0]} "
        f"(wait_seconds up to {MAX_WAIT_SECONDS}) to follow it and see which scores moved."
    )
    if len(r.rescore_ids) > 1:
        text += f" The request was split into {len(r.rescore_ids)} rescore ids."
    if r.not_queued:
        text += (
            f" {plural(r.not_queued, 'candidate')} could not be queued: "
            f"{r.not_queued_reason or 'refused'}."
        )
    return text


def rescore_started(r: act.RescoreGroupResult) -> out.RescoreStarted:
    if r.out_of_credits:
        status, message = "out_of_credits", r.message
    elif not r.rescore_ids:
        status, message = "nothing_to_rescore", r.message
    else:
        status, message = "pending", _started_message(r)
    return out.RescoreStarted(
        status=status,  # type: ignore[arg-type]
        job_id=r.job.id,
        job_title=_title(r.job),
        stage=r.stage.name if r.stage else None,
        rescore_ids=r.rescore_ids,
        queued=r.total_queued,
        not_queued=r.not_queued,
        credits_available=r.credits_available,
        message=message,
    )


def rescore_progress(r: act.RescoreStatusResult) -> out.RescoreProgress:
    done = r.status == "completed"
    changes = [
        out.ScoreMove(
            id=c.job_candidate_id,
            name=_name(c.name, c.job_candidate_id),
            before=_score(c.before),
            after=_score(c.after),
            new=c.is_new or None,
        )
        for c in r.changes
    ]
    top = [
        out.TopEntry(
            rank=t.rank,
            id=t.job_candidate_id,
            name=_name(t.name, t.job_candidate_id),
            score=_score(t.score),
        )
        for t in r.new_top
    ]
    return out.RescoreProgress(
        rescore_id=r.rescore_id,
        job_id=r.job_id,
        status=r.status,
        requested=r.total_requested,
        processed=r.total_processed,
        failed=r.total_failed,
        errors=_present([clean(e, LINE_LIMIT) for e in r.errors]),
        changed=r.changed if done else None,
        changes=changes or None,
        new_top=top or None,
        note=out.CANDIDATE_TEXT_NOTE if changes or top else None,
    )


def stage_move(r: act.MoveResult) -> out.StageMove:
    return out.StageMove(
        moved=r.moved,
        id=r.job_candidate_id,
        name=_name(r.name, r.job_candidate_id),
        job_id=r.job.id,
        from_stage=r.from_stage.name if r.from_stage else None,
        to_stage=r.to_stage.name,
        message=clean(r.message, MESSAGE_LIMIT) or "",  # it quotes the candidate's name
    )


def system_lines(status: CandidateStatus) -> list[str]:
    """The status view, one line per system: 'Talynce [ok]: Applied · screening 81'."""
    return [
        clean(f"{s.label} [{s.state}]: {s.summary}", LINE_LIMIT) or s.label for s in status.systems
    ]
