"""What a recruiter reads: masked contact details, honest headings, our own sentences."""

from __future__ import annotations

import json
from typing import Any

from bot.blocks import ids
from bot.blocks.alerts import rescore_alert
from bot.blocks.details import candidate_modal
from bot.blocks.home import HomeData, PendingItem, home_view
from bot.blocks.jobs import jobs_message
from bot.blocks.lists import top_candidates_message
from bot.blocks.rescores import change_line, rescore_started_message
from bot.blocks.rows import candidate_text
from shared.actions import get_job_candidate
from shared.actions.models import (
    CandidateDetail,
    CandidateRow,
    CriterionMatchInfo,
    Experience,
    JobRef,
    JobsPage,
    JobSummary,
    RescoreGroupResult,
    RescoreReport,
    ScoreChange,
    Tie,
    TopCandidatesResult,
)
from shared.store import Origin
from tests.bot.conftest import ALICE, Bot
from tests.bot.test_interactions import confirm_view, first_row_id, top_message
from tests.support.blockkit import check_message, check_view

JOB = JobRef(id=42, title="Senior Backend Engineer")
MAIL, PHONE = "ana.lopez@example.com", "+1 (415) 555-0100"
ORIGIN = Origin(kind="slack", user=ALICE, channel="C1")


def text_of(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def leaky_detail() -> CandidateDetail:
    return CandidateDetail(
        job_candidate_id=7,
        job=JOB,
        name="Ana Lopez",
        title=f"Engineer, write to {MAIL}",
        company="Acme",
        score=88,
        summary_line=f"Call {PHONE} today.",
        ai_summary=f"Reach her at {MAIL}.",
        profile_summary=f"Contact: {MAIL} / {PHONE}",
        experience=[Experience(title="Lead", company=f"Acme ({PHONE})", period="2019-2023")],
        criteria=[CriterionMatchInfo(criterion="Python", met=True, evidence=f"see {MAIL}")],
    )


def test_contact_details_are_masked_in_every_resume_field():
    detail = leaky_detail()
    modal = candidate_modal(detail, show_private=False)
    check_view(modal)
    row = CandidateRow(**detail.model_dump(include=set(CandidateRow.model_fields)))
    listing = top_candidates_message(TopCandidatesResult(job=JOB, candidates=[row], limit=10))
    for sent in (text_of(modal), text_of(listing)):
        assert MAIL not in sent and "555-0100" not in sent
        assert "[email hidden]" in sent
    assert "2019-2023" in text_of(modal)  # a period is no phone number
    shown = candidate_modal(detail, show_private=True)
    assert MAIL in text_of(shown)


def test_rows_do_not_repeat_name_title_and_company_in_the_summary():
    row = CandidateRow(
        job_candidate_id=1,
        name="Ana Lopez",
        title="Engineer",
        company="Acme",
        score=90,
        summary_line="Ana (Engineer at Acme) meets every criterion, including the bonus Go.",
    )
    lines = candidate_text(row).splitlines()
    assert lines[0].startswith("*Ana Lopez*") and "Engineer at Acme" in lines[0]
    assert lines[2] == "Meets every criterion, including the bonus Go."


def test_a_list_cut_inside_a_tie_says_so():
    rows = [CandidateRow(job_candidate_id=i, name=f"P{i}", score=100, rank=i) for i in range(5)]
    result = TopCandidatesResult(
        job=JOB, candidates=rows, limit=5, has_more=True, tie=Tie(score=100, count=117, shown=5)
    )
    message = top_candidates_message(result)
    check_message(message)
    assert "117 candidates tie at 100; shown in id order." in text_of(message["blocks"])


def report(**changes: Any) -> RescoreReport:
    values: dict[str, Any] = dict(
        group_id="g1",
        job=JOB,
        origin=ORIGIN,
        state="partial",
        rescore_ids=["r1"],
        requested=300,
        processed=250,
        capped_by_credits=True,
        not_done_ids=[str(i) for i in range(50)],
        changes=[ScoreChange(job_candidate_id=1, name="New", before=None, after=50)],
        changed=1,
        requested_at=1.0,
        ended_at=2.0,
    )
    values.update(changes)
    return RescoreReport(**values)


def test_a_run_cut_short_by_credits_is_not_complete_and_offers_the_rest():
    message = rescore_alert(report())
    check_message(message)
    sent = text_of(message)
    assert "Rescore complete" not in sent and "partly complete" in sent
    buttons = [e for b in message["blocks"] for e in b.get("elements") or [] if "action_id" in e]
    again = next(b for b in buttons if b["action_id"] == ids.RESCORE_NOT_DONE)
    assert again["text"]["text"] == "Rescore the 50 not done"
    assert ids.RESCORE_JOB not in sent  # which would rescore everyone again
    assert "scored for the first time" in sent


def test_first_time_scores_are_labelled():
    line = change_line(ScoreChange(job_candidate_id=1, name="New", before=None, after=50))
    assert "scored for the first time" in line and "— →" not in line


def test_one_job_is_not_1_jobs_and_a_big_rescore_lists_few_ids():
    page = JobsPage(jobs=[JobSummary(id=1, title="Only")], page=1, per_page=10, total=1)
    assert "1 job" in text_of(jobs_message(page)) and "1 jobs" not in text_of(jobs_message(page))
    started = RescoreGroupResult(
        job=JOB,
        rescore_ids=[f"rescore_42_{i}" for i in range(20)],
        total_eligible=5000,
        total_queued=5000,
        requested_by=ORIGIN,
        message="",
    )
    sent = text_of(rescore_started_message(started, ALICE))
    assert sent.count("rescore_42_") <= 4 and "and 17 more" in sent


def test_pending_rescores_on_home_show_the_job_title():
    pending = PendingItem(job_id=4203, rescore_ids=["r"], age_seconds=5, job_title="Data Lead")
    view = home_view(HomeData(pending=[pending]))
    check_view(view)
    assert "*Data Lead* (job 4203)" in text_of(view)


async def test_a_job_id_that_is_not_a_number_gets_our_own_sentence(bot: Bot):
    response = await bot.command("top job:abc")
    answer = response.json()
    assert answer["response_type"] == "ephemeral"
    assert "is not a job id" in answer["text"] and "`/tt jobs`" in answer["text"]
    assert "jobId" not in answer["text"]  # TapTalent's internal wording


async def test_a_confirm_modal_submitted_twice_shows_the_outcome(bot: Bot):
    message = await top_message(bot, bot.sandbox.job_ids[0])
    jc = first_row_id(message)
    before = await get_job_candidate(bot.service.tk, jc)
    target = "OFFER" if before.stage != "Offer" else "SCREEN"
    view = confirm_view({"jc": jc, "s": target, "sl": target.title(), "n": before.name})
    first = await bot.interact(bot.submit(view))
    assert "Moving" in text_of(first.json())
    await bot.slack.wait_for("views.update")
    second = await bot.interact(bot.submit(view))
    shown = text_of(second.json())
    assert "Moving" not in shown and "moved" in shown
    assert len(await bot.service.tk.store.audit_entries(action="move")) == 1
