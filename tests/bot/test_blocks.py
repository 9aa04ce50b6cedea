"""Each Block Kit builder on its own: valid for slack_sdk, escaped, within Slack's limits."""

from __future__ import annotations

import json

from bot.blocks import ids
from bot.blocks.alerts import rescore_alert
from bot.blocks.common import denied_message, error_message, help_message
from bot.blocks.details import candidate_modal
from bot.blocks.home import AlertItem, HomeData, PendingItem, home_view
from bot.blocks.jobs import job_message, jobs_message
from bot.blocks.lists import search_message, top_candidates_message
from bot.blocks.moves import move_confirm_modal, move_message, move_pick_modal
from bot.blocks.payloads import MoveMeta, TopQuery, Where, decode
from bot.blocks.rescores import rescore_started_message, rescore_status_message
from bot.blocks.text import esc, redact, trim
from shared.actions.models import (
    CandidateDetail,
    CandidateRow,
    Contact,
    CriterionMatchInfo,
    JobDetail,
    JobRef,
    JobsPage,
    JobSummary,
    MoveResult,
    RescoreGroupResult,
    RescoreReport,
    RescoreStatusResult,
    Salary,
    ScoreChange,
    SearchMatch,
    SearchResult,
    StageInfo,
    TopCandidatesResult,
)
from shared.commands import help_text
from shared.store import Origin
from tests.support.blockkit import check_message, check_view

EVIL = "Great fit <!channel> see <https://evil.example|click> & more"
JOB = JobRef(id=42, title="Senior Backend Engineer")
STAGES = [
    StageInfo(id=1, name="Applied", type="APPLIED", count=30),
    StageInfo(id=2, name="Screen", type="SCREEN", count=12),
    StageInfo(id=3, name="Interview", type="INTERVIEW", count=4),
]
ALICE = Origin(kind="slack", user="U_ALICE", channel="C1", thread_ts="1700000000.000100")


def row(rank: int, **changes: object) -> CandidateRow:
    values: dict[str, object] = dict(
        rank=rank,
        job_candidate_id=1000 + rank,
        job_id=42,
        name=f"Person {rank}",
        title="Engineer",
        company="Acme",
        score=95.0 - rank,
        stage_id=2,
        stage="Screen",
        must_have_met=2,
        must_have_total=3,
        summary_line="Strong Python background.",
    )
    values.update(changes)
    return CandidateRow(**values)  # type: ignore[arg-type]


def top(**changes: object) -> TopCandidatesResult:
    values: dict[str, object] = dict(
        job=JOB,
        candidates=[row(i) for i in range(1, 11)],
        limit=10,
        total_scored=240,
        unscored=6,
        has_more=True,
    )
    values.update(changes)
    return TopCandidatesResult(**values)  # type: ignore[arg-type]


def all_text(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_text_helpers_escape_trim_and_redact():
    assert esc("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"
    cut = trim(esc("a" * 8 + "<b"), 11)
    assert cut.endswith("…") and "&l…" not in cut and len(cut) <= 11
    assert redact("mail jane.doe@example.com or +1 (415) 555-0100, 2019-2023") == (
        "mail [email hidden] or [phone hidden], 2019-2023"
    )


def test_top_candidates_rows_footer_and_state_in_buttons():
    message = top_candidates_message(top(offset=10, min_score=70.0, stage=STAGES[1]))
    check_message(message)
    blocks = message["blocks"]
    assert blocks[0]["type"] == "header" and "Senior Backend Engineer" in blocks[0]["text"]["text"]
    assert "240 scored" in blocks[1]["elements"][0]["text"]
    rows = [b for b in blocks if b.get("block_id", "").startswith("row:")]
    assert len(rows) == 10
    first = rows[0]["text"]["text"]
    assert "*1. Person 1*" in first and "Engineer at Acme" in first and "Must Have 2/3" in first
    assert "█" in first and "Strong Python background." in first
    menu = rows[0]["accessory"]
    assert next(o["text"]["text"] for o in menu["options"]) == "Details"
    footer = blocks[-1]["elements"]
    by_id = {e["action_id"]: e for e in footer}
    assert set(by_id) == {ids.PREVIOUS_PAGE, ids.NEXT_PAGE, ids.RESCORE_JOB, ids.REFRESH}
    assert decode(TopQuery, by_id[ids.NEXT_PAGE]["value"]) == TopQuery(
        job=42, offset=20, limit=10, min_score=70.0, stage="2"
    )


def test_candidate_text_is_escaped_so_nothing_pings_or_links():
    evil = row(1, name="<!channel>", company="<https://evil.example|click>", summary_line=EVIL)
    message = top_candidates_message(top(candidates=[evil], has_more=False))
    check_message(message)
    text = all_text(message["blocks"])
    assert "<!channel>" not in text and "<https://" not in text
    assert "&lt;!channel&gt;" in text and "&lt;https://evil.example|click&gt;" in text
    assert "&amp; more" in text


def test_empty_top_list_says_why():
    message = top_candidates_message(top(candidates=[], has_more=False, min_score=99.0))
    check_message(message)
    assert "No scored candidates match" in all_text(message["blocks"])


def test_long_text_is_trimmed_within_limits():
    long_row = row(1, name="N" * 500, title="T" * 500, company="C" * 500, summary_line="S<" * 2000)
    message = top_candidates_message(top(candidates=[long_row], job=JobRef(id=1, title="J" * 400)))
    check_message(message)


def test_search_results_show_the_job_of_each_match():
    matches = [
        SearchMatch(**row(i).model_dump(), job_title="Data Engineer", matched=["skills"])
        for i in range(1, 4)
    ]
    message = search_message(
        SearchResult(text="python", matches=matches, scanned=300, total_matches=7)
    )
    check_message(message)
    text = all_text(message["blocks"])
    assert "7 matches, showing 3 among 300 job candidates" in text and "in Data Engineer" in text


def detail(**changes: object) -> CandidateDetail:
    values: dict[str, object] = dict(
        **row(1).model_dump(),
        job=JOB,
        ai_summary=EVIL + " Long summary." * 400,
        breakdown={"skills": 90.0, "experience": 70.0},
        criteria=[
            CriterionMatchInfo(
                criterion=f"Criterion {i}",
                level="MUST_HAVE",
                met=i % 2 == 0,
                evidence="Evidence " * 30,
            )
            for i in range(30)
        ],
        skills=["Python", "Go"],
        location="Berlin, DE",
        profile_summary="Builds APIs.",
        contact=Contact(email="p1@example.com", phone="+49 30 1234567"),
        salary=Salary(expected="EUR 90,000 annually"),
    )
    values.update(changes)
    return CandidateDetail(**values)  # type: ignore[arg-type]


def test_details_modal_hides_contact_and_salary_unless_allowed():
    hidden = candidate_modal(detail(), show_private=False, where=Where(response_url="https://x/y"))
    check_view(hidden)
    text = all_text(hidden["blocks"])
    assert "p1@example.com" not in text and "90,000" not in text
    assert "Criterion 29" in text and "AI summary" in text and "&lt;!channel&gt;" in text
    shown = candidate_modal(detail(), show_private=True)
    check_view(shown)
    assert "p1@example.com" in all_text(shown["blocks"])
    assert "EUR 90,000" in all_text(shown["blocks"])


def test_jobs_list_and_job_with_stage_counts():
    page = JobsPage(
        jobs=[
            JobSummary(
                id=i, title=f"Job {i}", status="ACTIVE", location="Remote", candidates=10 * i
            )
            for i in range(1, 11)
        ],
        page=1,
        per_page=10,
        total=25,
        has_more=True,
    )
    listing = jobs_message(page)
    check_message(listing)
    assert (
        sum(1 for b in listing["blocks"] if b.get("accessory", {}).get("action_id") == ids.OPEN_TOP)
        == 10
    )
    assert "Page 1 of 3" in all_text(listing["blocks"])
    job = JobDetail(
        id=42,
        title="Senior Backend Engineer",
        status="ACTIVE",
        stages=STAGES,
        rejected=3,
        description="We build <things>.",
    )
    shown = job_message(job)
    check_message(shown)
    text = all_text(shown["blocks"])
    assert "Screen" in text and "— 12" in text and "&lt;things&gt;" in text


def test_move_modals_preselect_the_next_stage_and_confirm():
    pick = move_pick_modal(
        detail(), STAGES, MoveMeta(job_candidate=1001, response_url="https://x/" + "y" * 100)
    )
    check_view(pick)
    select = pick["blocks"][-1]["element"]
    assert select["initial_option"]["value"] == "3"  # Screen → Interview
    confirm = move_confirm_modal(
        MoveMeta(
            job_candidate=1001,
            name="Person 1",
            from_stage="Screen",
            stage="3",
            stage_name="Interview",
            job_title=JOB.title,
        )
    )
    check_view(confirm)
    assert "Move *Person 1* from *Screen* to *Interview*" in confirm["blocks"][0]["text"]["text"]


def test_move_message_names_who_moved_whom_where():
    result = MoveResult(
        job_candidate_id=1001,
        name="Person 1",
        job=JOB,
        from_stage=STAGES[1],
        to_stage=STAGES[2],
        moved=True,
        actor="U_ALICE",
        message="",
    )
    message = move_message(result, "U_ALICE")
    check_message(message)
    assert "<@U_ALICE> moved *Person 1* from *Screen* to *Interview*" in message["text"]


def test_rescore_started_and_out_of_credits():
    started = RescoreGroupResult(
        group_id="g1",
        job=JOB,
        rescore_ids=["rescore_42_1"],
        total_eligible=300,
        total_queued=250,
        not_queued=50,
        capped_by_credits=True,
        requested_by=ALICE,
        message="",
    )
    message = rescore_started_message(started, "U_ALICE")
    check_message(message)
    assert "250 candidates queued" in message["text"] and "could not be queued" in all_text(
        message["blocks"]
    )
    broke = started.model_copy(
        update={"rescore_ids": [], "out_of_credits": True, "credits_available": 0}
    )
    message = rescore_started_message(broke, "U_ALICE")
    check_message(message)
    assert "no scoring credits" in message["text"] and "add credits" in message["text"]


def test_rescore_status_message():
    status = RescoreStatusResult(
        rescore_id="rescore_42_1",
        job_id=42,
        status="completed",
        total_requested=10,
        total_processed=10,
        total_failed=0,
        changed=2,
        changes=[ScoreChange(job_candidate_id=1, name="A", before=60, after=75)],
        new_top=[row(i) for i in range(1, 6)],
    )
    message = rescore_status_message(status)
    check_message(message)
    assert "60 → *75* (+15)" in all_text(message["blocks"])


def report(**changes: object) -> RescoreReport:
    values: dict[str, object] = dict(
        group_id="g1",
        job=JOB,
        origin=ALICE,
        state="completed",
        rescore_ids=["r1"],
        requested=40,
        processed=39,
        failed=1,
        changed=12,
        changes=[
            ScoreChange(job_candidate_id=i, name=f"<@U{i}>", before=50 + i, after=70 - i)
            for i in range(10)
        ],
        new_top=[row(i) for i in range(1, 6)],
        requested_at=100.0,
        ended_at=130.0,
    )
    values.update(changes)
    return RescoreReport(**values)  # type: ignore[arg-type]


def test_alert_shows_counts_changes_and_new_top():
    message = rescore_alert(report())
    check_message(message)
    text = all_text(message["blocks"])
    assert "39 rescored, 1 failed, 12 scores changed" in text
    assert "New top 5" in text and "&lt;@U0&gt;: 50 → *70* (+20)" in text
    assert "<@U_ALICE>" in text  # the requester is mentioned on purpose


def test_failed_alert_says_why_and_what_to_do():
    message = rescore_alert(
        report(
            state="failed",
            processed=0,
            failed=40,
            changes=[],
            new_top=[],
            changed=0,
            errors=["Insufficient credits for the rescore"],
        )
    )
    check_message(message)
    text = all_text(message["blocks"])
    assert "Rescore failed" in text and "Insufficient credits" in text
    assert "Add scoring credits" in text
    assert ids.RESCORE_JOB in text


def test_home_view():
    data = HomeData(
        pending=[
            PendingItem(
                job_id="42",
                rescore_ids=["r1", "r2", "r3", "r4"],
                age_seconds=400,
                queued=600,
                requested_by="U_ALICE",
            )
        ],
        alerts=[AlertItem(report=report(), age_seconds=7200)],
        recent_jobs=[(42, "Senior Backend Engineer")],
    )
    view = home_view(data)
    check_view(view)
    text = all_text(view["blocks"])
    assert "6 min ago" in text and "2 h ago" in text and "600 candidates" in text
    empty = home_view(HomeData())
    assert "None right now" in all_text(empty["blocks"])


def test_help_error_and_denial_messages():
    check_message(help_message(help_text(None)))
    check_message(help_message(help_text("top-candidates")))
    error = error_message("Unknown option <x> for jobs.", "/tt jobs status:ACTIVE")
    check_message(error)
    assert "`/tt jobs status:ACTIVE`" in all_text(error["blocks"])
    assert "&lt;x&gt;" in error["text"]
    check_message(denied_message("move candidates"))
