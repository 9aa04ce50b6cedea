"""Models read every documented (and a few undocumented) shapes without failing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from shared.taptalent.models import (
    Assessment,
    AssessmentPage,
    Candidate,
    CandidatePage,
    Criterion,
    Job,
    JobCandidate,
    JobCandidateUpdate,
    JobCreate,
    JobList,
    PipelineStage,
    RescoreStarted,
    RescoreStatus,
    StageCandidate,
)


def test_ids_are_kept_as_sent():
    assert Job.model_validate({"id": 12345, "title": "A"}).id == 12345
    assert Job.model_validate({"id": "job_12345", "title": "A"}).id == "job_12345"
    assert Job.model_validate({"id": "12345", "title": "A"}).id == "12345"
    jc = JobCandidate.model_validate({"jobCandidateId": "77", "jobId": 1, "stageId": "s1"})
    assert jc.id == "77" and jc.job_id == 1 and jc.stage_id == "s1"


def test_job_with_stages_without_ids_and_unknown_types():
    job = Job.model_validate(
        {
            "id": 1,
            "title": "Engineer",
            "pipelineStage": [
                {"name": "Applied", "type": "APPLIED", "totalCandidate": 10},
                {"name": "Interview", "type": "interview", "totalCandidate": 2},
                {"id": 9, "name": "Hired", "type": "HIRED"},
            ],
            "createdAt": 1700000000000,
            "someNewField": {"x": 1},
        }
    )
    applied, interview, hired = job.pipeline_stage
    assert applied.id is None and applied.total_candidate == 10
    assert interview.type == "INTERVIEW"
    assert hired.id == 9 and hired.total_candidate is None
    assert job.stage("interview") is interview
    assert job.stage(9) is hired
    assert job.stage("9") is hired
    assert job.model_extra == {"someNewField": {"x": 1}}


def test_job_dumps_by_alias():
    job = Job(id=1, title="T", pipeline_stage=[PipelineStage(name="S", type="SCREEN")])
    dumped = job.model_dump(exclude_none=True)
    assert dumped["pipelineStage"] == [{"name": "S", "type": "SCREEN"}]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            [{"criterion": "Python", "level": "MUST_HAVE"}, {"criterion": "Go", "level": "BONUS"}],
            [("Python", "MUST_HAVE"), ("Go", "BONUS")],
        ),
        (["Python", "Kubernetes"], [("Python", None), ("Kubernetes", None)]),
        (
            {"mustHave": ["Python"], "niceToHave": "Go"},
            [("Python", "MUST_HAVE"), ("Go", "NICE_TO_HAVE")],
        ),
        ('[{"criterion": "SQL", "level": "NICE_TO_HAVE"}]', [("SQL", "NICE_TO_HAVE")]),
        ("5 years of Python", [("5 years of Python", None)]),
        ([{"name": "Rust", "weight": 3}], [("Rust", None)]),
        (None, []),
    ],
)
def test_criterion_details_are_tolerant(raw, expected):
    job = Job.model_validate({"id": 1, "title": "T", "criterionDetails": raw})
    assert [(c.criterion, c.level) for c in job.criterion_details] == expected
    assert all(isinstance(c, Criterion) for c in job.criterion_details)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Python, SQL ,  Go", ["Python", "SQL", "Go"]),
        (["Python", " SQL "], ["Python", "SQL"]),
        ([{"name": "Python"}, "Go", 42], ["Python", "Go", "42"]),
        ("", []),
        (None, []),
        ('["a", "b"]', ["a", "b"]),
    ],
)
def test_skills_are_always_a_list(raw, expected):
    assert Candidate.model_validate({"id": 1, "skills": raw}).skills == expected


def test_full_name():
    assert Candidate(id=1, first_name="Ada", last_name="Lovelace").full_name == "Ada Lovelace"
    assert Candidate(id=1, first_name="Ada").full_name == "Ada"
    assert Candidate(id=1, email="a@b.c").full_name == "a@b.c"
    assert Candidate(id=7).full_name == "Candidate 7"


def test_candidate_profile_fields():
    c = Candidate.model_validate(
        {
            "id": 3,
            "firstName": "Ada",
            "githubUrl": "https://github.com/ada",
            "languages": "English, French",
            "educations": [{"school": "X"}],
            "workExperiences": [{"company": "Y"}],
        }
    )
    assert c.github_url == "https://github.com/ada"
    assert c.languages == ["English", "French"]
    assert c.work_experiences == [{"company": "Y"}]


def test_job_candidate_id_from_either_name():
    from_list = JobCandidate.model_validate({"jobCandidateId": 5, "jobId": 1})
    from_bulk = JobCandidate.model_validate({"id": 5, "jobId": 1})
    assert from_list.id == from_bulk.id == 5
    assert from_list.model_dump()["jobCandidateId"] == 5


def test_job_candidate_with_profile_and_documented_criteria():
    jc = JobCandidate.model_validate(
        {
            "jobCandidateId": 5,
            "candidateId": 3,
            "profileMatchScore": 87.5,
            "criteriaMatches": {
                "skills": 90,
                "experience": 80,
                "education": 70,
                "criteria": [
                    {"criterion": "Python", "level": "MUST_HAVE", "met": True, "evidence": "6y"},
                    {"criterion": "Go", "level": "BONUS", "met": False},
                    "Kubernetes",
                    {"met": "not a bool"},
                ],
            },
            "candidate_details": {"firstName": "Ada", "lastName": "L", "skills": "a,b"},
            "expectedCTC": 100000,
            "currencyExpectedCTC": "USD",
        }
    )
    assert jc.profile_match_score == 87.5
    assert jc.candidate is not None and jc.candidate.id == 3  # borrowed from candidateId
    assert jc.name == "Ada L"
    assert [(m.criterion, m.met) for m in jc.criteria] == [
        ("Python", True),
        ("Go", False),
        ("Kubernetes", None),
    ]
    assert jc.expected_ctc == 100000 and jc.currency_expected_ctc == "USD"
    assert jc.model_dump(exclude_none=True)["expectedCTC"] == 100000


@pytest.mark.parametrize(
    "raw",
    [
        {"skills": 80},
        {"overall": {"score": 3}},
        [{"criterion": "x"}],
        "not json",
        '{"skills": 50}',
        42,
        None,
    ],
)
def test_criteria_matches_of_any_shape(raw):
    jc = JobCandidate.model_validate({"id": 1, "criteriaMatches": raw})
    assert jc.criteria_matches is None or isinstance(jc.criteria_matches, dict)
    assert isinstance(jc.criteria, list)


def test_unscored_candidate():
    jc = JobCandidate.model_validate({"id": 1, "profileMatchScore": None, "candidate_details": {}})
    assert jc.profile_match_score is None
    assert jc.candidate is None
    assert jc.name == "Job candidate 1"


def test_stage_candidate():
    row = StageCandidate.model_validate(
        {
            "candidate_details": {"firstName": "Ada"},
            "jobCandidateDetails": {"id": 4, "candidateId": 3, "hiredAt": "2024-01-01"},
            "onboardingFormDetails": [{"id": 1, "status": "NEW", "jobId": 2, "responses": []}],
            "customFields": {"12": {"label": "Source", "value": "Referral"}},
        }
    )
    assert row.candidate is not None and row.candidate.id == 3
    assert row.job_candidate is not None and row.job_candidate.id == 4
    assert row.job_candidate.hired_at == "2024-01-01"
    assert row.onboarding_form_details[0]["status"] == "NEW"
    assert row.custom_fields == {"12": {"label": "Source", "value": "Referral"}}
    assert (
        StageCandidate.model_validate({"onboardingFormDetails": None}).onboarding_form_details == []
    )


def test_pages_tolerate_missing_pagination():
    page = CandidatePage.model_validate({"candidates": [{"id": 1}]})
    assert page.pagination is None
    jobs = JobList.model_validate({"jobs": []})
    assert jobs.total_jobs is None


def test_rescore_models():
    started = RescoreStarted.model_validate(
        {
            "rescoreId": "rescore_1_2",
            "jobId": 1,
            "totalEligible": 10,
            "totalQueued": 5,
            "creditsAvailable": 5,
        }
    )
    assert started.capped_by_credits
    status = RescoreStatus.model_validate(
        {
            "rescoreId": "rescore_1_2",
            "status": "COMPLETED",
            "jobCandidateIds": [1, "2"],
            "errors": ["Insufficient scoring credits", {"reason": "x", "jobCandidateId": 2}],
            "completedAt": None,
        }
    )
    assert status.is_finished and status.status == "completed"
    assert status.job_candidate_ids == [1, "2"]
    assert [e.reason for e in status.errors] == ["Insufficient scoring credits", "x"]
    assert not RescoreStatus(rescore_id="r", status="queued").is_finished


def test_assessment_models():
    page = AssessmentPage.model_validate(
        {
            "assessments": [{"assessmentId": 1, "testName": "Voice"}],
            "pagination": {"pageNumber": 1, "perPage": 20, "total": 1, "totalPages": 1},
        }
    )
    assert page.assessments[0].id == 1
    assert page.pagination is not None and page.pagination.total_pages == 1
    assert Assessment.model_validate({"id": "a1", "questions": [{"q": 1}]}).assessment_id == "a1"


# --- what tt sends -------------------------------------------------------------------------


def valid_job(**changes):
    return {"title": "Engineer", "city": "Berlin", "state": "Berlin", "country": "DE", **changes}


def test_job_create_body_uses_wire_names_and_only_set_fields():
    job = JobCreate(
        **valid_job(
            work_mode="REMOTE", salary_range_from=1, salary_range_to=2.5, salary_currency="EUR"
        ),
        screening_question=[{"question": "Why?"}],
        criterion_details=[{"criterion": "Python", "level": "MUST_HAVE"}],
    )
    assert job.to_body() == {
        "title": "Engineer",
        "city": "Berlin",
        "state": "Berlin",
        "country": "DE",
        "workMode": "REMOTE",
        "salaryRangeFrom": 1,
        "salaryRangeTo": 2.5,
        "salaryCurrency": "EUR",
        "screeningQuestion": [{"type": "text", "question": "Why?"}],
        "criterionDetails": [{"criterion": "Python", "level": "MUST_HAVE"}],
    }
    assert JobCreate.model_validate({**valid_job(), "workMode": "HYBRID"}).work_mode == "HYBRID"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "ab"}, "title"),
        ({"title": "x" * 501}, "title"),
        ({"city": ""}, "city"),
        ({"country": "x" * 201}, "country"),
        ({"description": "x" * 10_001}, "description"),
        ({"status": "CLOSED"}, "status"),
        ({"work_mode": "OFFICE"}, "work_mode"),
        ({"year_of_experience": 51}, "year_of_experience"),
        ({"year_of_experience": -1}, "year_of_experience"),
        ({"screening_question": [{"question": "q"}] * 6}, "screening_question"),
        ({"screening_question": [{"type": "choice", "question": "q"}]}, "screening_question"),
        ({"salary_range_from": 10}, "salaryRange"),
        ({"salary_range_from": 10, "salary_range_to": 5, "salary_currency": "USD"}, "salaryRange"),
        ({"criterion_details": [{"criterion": "x", "level": "MAYBE"}]}, "criterion_details"),
        ({"unknown_field": 1}, "unknown_field"),
    ],
)
def test_job_create_enforces_documented_rules(changes, field):
    with pytest.raises(ValidationError) as info:
        JobCreate(**valid_job(**changes))
    assert field in str(info.value)


def test_job_candidate_update_is_partial():
    update = JobCandidateUpdate(notice_period="", expected_ctc=120000, currency_expected_ctc="USD")
    assert update.to_body() == {
        "noticePeriod": "",
        "expectedCTC": 120000.0,
        "currencyExpectedCTC": "USD",
    }
    assert JobCandidateUpdate(is_willing_to_relocate=False).to_body() == {
        "isWillingToRelocate": False
    }
    with pytest.raises(ValidationError):
        JobCandidateUpdate()


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=12,
    )
)
def test_any_json_in_tolerant_fields_never_breaks_a_job_candidate(value):
    jc = JobCandidate.model_validate({"id": 1, "criteriaMatches": value, "customFields": value})
    assert isinstance(jc.criteria, list)
    job = Job.model_validate({"id": 1, "title": "T", "criterionDetails": value})
    assert all(isinstance(c.criterion, str) for c in job.criterion_details)
