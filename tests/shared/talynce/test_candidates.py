"""Talynce: create then match by e-mail, applications with screening, paging, validation."""

from __future__ import annotations

import pytest

from shared.talynce.errors import (
    AuthenticationError,
    InvalidRequestError,
    NotFoundError,
    TalynceValidationError,
)

JANE = {"full_name": "Jane Doe", "email": "jane.doe@example.com"}


async def test_create_then_match_by_email_says_which(client, talynce):
    job = talynce.job_id("Senior Backend Engineer")
    first = await client.candidates.create(
        **JANE,
        primary_skills=["Python", "Go", "Kubernetes"],
        current_ctc=18,
        application={"job_id": job, "notes": "TapTalent score 91: strong backend profile"},
    )
    assert first.created and first.outcome == "created"
    again = await client.candidates.create(full_name="J. Doe", email="JANE.DOE@example.com")
    assert not again.created and again.outcome == "matched"
    assert again.candidate.id == first.candidate.id
    assert again.candidate.full_name == "Jane Doe"  # a match does not overwrite
    application = again.candidate.application_for(job)
    assert application is not None
    assert application.status == "Applied"
    assert application.notes == "TapTalent score 91: strong backend profile"
    assert application.screening_score is not None and application.match_score is not None


async def test_get_shows_applications_with_scores(client, talynce):
    job = talynce.job_id("Data Scientist")
    created = await client.candidates.create(
        **JANE, primary_skills=["Python", "SQL", "Statistics"], application={"job_id": job}
    )
    candidate = await client.candidates.get(created.candidate.id)
    [application] = candidate.applications
    assert application.job_id == job and application.candidate_id == candidate.id
    assert 0 <= application.match_score <= 100  # type: ignore[operator]
    assert candidate.screening_score == application.screening_score
    assert candidate.skill_array == ["Python", "SQL", "Statistics"]
    assert candidate.source == "api" and candidate.talent_pool_status == "not_linked"


async def test_screening_scores_wait_for_the_screening(talynce, make_client):
    talynce.config.screening_delay = 3600
    client = make_client(talynce)
    result = await client.candidates.create(
        **JANE, application={"job_id": talynce.job_id("Data Engineer")}
    )
    [application] = result.candidate.applications
    assert (application.screening_score, application.match_score) == (None, None)
    assert application.screening_completed_at is None


async def test_update_is_partial_and_applies_to_a_job(client, talynce):
    created = (await client.candidates.create(**JANE, location="Pune")).candidate
    job = talynce.job_id("Product Manager")
    updated = await client.candidates.update(
        created.id,
        expected_ctc=24.5,
        application={"job_id": job, "status": "shortlisted", "notes": "Strong on B2B SaaS"},
    )
    assert updated.location == "Pune" and updated.expected_ctc == 24.5
    application = updated.application_for(job)
    assert application is not None and application.status == "Shortlisted"
    moved = await client.candidates.update(
        created.id, application={"job_id": job, "status": "Interview"}
    )
    after = moved.application_for(job)
    assert after is not None and after.status == "Interview" and after.notes == "Strong on B2B SaaS"


async def test_a_status_outside_the_pipeline_is_named(client, talynce):
    created = (await client.candidates.create(**JANE)).candidate
    with pytest.raises(InvalidRequestError) as info:
        await client.candidates.update(
            created.id, application={"job_id": talynce.job_id("Product Manager"), "status": "Maybe"}
        )
    assert "application.status" in info.value.details
    assert str(info.value).startswith(
        "Talynce rejected the request: application.status: must be one of Applied"
    )


async def test_an_unknown_job_is_named(client):
    with pytest.raises(InvalidRequestError) as info:
        await client.candidates.create(
            **JANE, application={"job_id": "550e8400-e29b-41d4-a716-446655440000"}
        )
    assert "application.job_id" in info.value.details


async def test_an_unknown_candidate_is_a_404_that_says_so(client):
    with pytest.raises(NotFoundError) as info:
        await client.candidates.get("550e8400-e29b-41d4-a716-446655440000")
    assert str(info.value).startswith("Talynce found nothing at GET /candidates/550e8400")


async def test_a_wrong_key_says_where_to_get_one(talynce, make_client):
    client = make_client(talynce, api_key="tly_test_wrong_key_0000")
    with pytest.raises(AuthenticationError, match="TALYNCE_API_KEY"):
        await client.candidates.list()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"full_name": "Jane Doe"}, "email"),
        ({"email": "jane@example.com"}, "full_name"),
        ({"full_name": "Jane", "email": "jane.example.com"}, "email"),
        ({**JANE, "current_ctc": -1}, "current_ctc"),
        ({**JANE, "notice_period_days": -5}, "notice_period_days"),
        ({**JANE, "last_working_day": "31/12/2026"}, "last_working_day"),
        ({**JANE, "application": {"job_id": "4201"}}, "application.job_id"),
        ({**JANE, "ctc": 12}, "ctc"),
    ],
)
async def test_bad_input_is_named_before_sending(client, fields, field):
    with pytest.raises(TalynceValidationError) as info:
        await client.candidates.create(**fields)
    assert field in info.value.problems
    assert client.request_count == 0


@pytest.mark.parametrize(
    ("limit", "offset", "field"), [(0, 0, "limit"), (101, 0, "limit"), (10, -1, "offset")]
)
async def test_paging_limits_are_checked(client, limit, offset, field):
    with pytest.raises(TalynceValidationError) as info:
        await client.candidates.list(limit=limit, offset=offset)
    assert field in info.value.problems and client.request_count == 0


async def test_offset_paging_walks_everyone(client):
    page = await client.candidates.list(limit=15, offset=30)
    assert (page.total, page.limit, page.offset, len(page.items)) == (40, 15, 30, 10)
    assert not page.has_next
    everyone = [c.id async for c in client.candidates.iter(limit=15)]
    assert len(everyone) == len(set(everyone)) == 40
    assert client.request_count == 4


async def test_search_and_job_filter(client, talynce):
    job = talynce.job_id("Frontend Engineer")
    await client.candidates.create(
        full_name="Zed Quillfeather", email="zq@example.com", application={"job_id": job}
    )
    found = await client.candidates.list(search="quillfeather")
    assert [c.email for c in found.items] == ["zq@example.com"]
    applied = await client.candidates.list(job_id=job)
    assert [c.full_name for c in applied.items] == ["Zed Quillfeather"]
