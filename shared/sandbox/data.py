"""Deterministic generation of a company's jobs, pipelines, candidates and assessments.

Candidates are built to hit a target pattern of met criteria (so every score band is well
populated), then scored by the same code a rescore uses, so a score always follows from
the criteria the profile really meets.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from itertools import accumulate

from shared.sandbox import catalog
from shared.sandbox.assessment_scores import seed_submissions
from shared.sandbox.catalog import JobTemplate
from shared.sandbox.clock import ANCHOR_MS, DAY_MS
from shared.sandbox.models import Assessment, Criterion, Job, JobCandidate, Stage
from shared.sandbox.people import make_candidate, pick, pick_pattern
from shared.sandbox.state import Company, Ids

BASE62 = string.digits + string.ascii_letters
NOTICE_PERIODS = ("Immediate", "2 weeks", "1 month", "2 months", "3 months")
CUSTOM_FIELD_VALUES = ("LinkedIn", "Referral", "Careers page", "Job board", "Agency")


def make_key(rng: random.Random, prefix: str, length: int = 22) -> str:
    return prefix + "".join(rng.choice(BASE62) for _ in range(length))


@dataclass(frozen=True)
class CompanyPlan:
    name: str
    jobs: int
    candidates_per_job: tuple[int, int]
    big_job_size: int
    unscored_fraction: float
    credits: int
    assessments: int


def company_keys(seed: int, name: str) -> tuple[str, str]:
    """(API key, webhook key) of a company, without generating its data."""
    return _keys(random.Random(f"{seed}:{name}"))


def _keys(rng: random.Random) -> tuple[str, str]:
    return make_key(rng, "sk_test_"), make_key(rng, "whsec_", 24)


def build_company(plan: CompanyPlan, seed: int, ids: Ids) -> tuple[Company, int | None]:
    """Generate one company; returns it and the id of its big job (None if none)."""
    rng = random.Random(f"{seed}:{plan.name}")
    api_key, webhook_key = _keys(rng)
    company = Company(
        id=ids.take("company"),
        name=plan.name,
        api_key=api_key,
        webhook_key=webhook_key,
        scoring_seed=seed,
        credits=plan.credits,
    )
    templates = list(catalog.JOB_TEMPLATES)
    # The first template (Senior Backend Engineer) stays first: it becomes the big job.
    rest = templates[1:]
    rng.shuffle(rest)
    templates = [templates[0], *rest]
    big_job_id: int | None = None
    # Jobs draw from their own stream: how candidates are generated never changes the jobs.
    job_rng = random.Random(f"{seed}:{plan.name}:jobs-13")
    for index in range(plan.jobs):
        template = templates[index % len(templates)]
        big = index == 0 and plan.big_job_size > 0
        job = _make_job(job_rng, ids, template, index, cycle=index // len(templates), big=big)
        company.add_job(job)
        size = plan.big_job_size if big else job_rng.randint(*plan.candidates_per_job)
        _fill_job(rng, ids, company, job, size, plan.unscored_fraction)
        if big:
            big_job_id = job.id
    for job in list(company.jobs.values())[: plan.assessments]:
        assessment = _make_assessment(rng, ids, job)
        company.assessments[assessment.id] = assessment
        seed_submissions(ids, company, assessment, seed)
    return company, big_job_id


def _make_job(
    rng: random.Random, ids: Ids, template: JobTemplate, index: int, cycle: int, big: bool
) -> Job:
    place = rng.choice(catalog.PLACES)
    job_id = ids.take("job")
    draft = index > 0 and rng.random() < 0.2
    bank = template.criteria
    count = rng.randint(3, min(6, len(bank)))
    # The first two criteria define the role; the rest vary from job to job.
    picked = sorted(rng.sample(range(2, len(bank)), count - 2))
    criteria = tuple(Criterion(bank[i][0], bank[i][1]) for i in (0, 1, *picked))
    low, high = template.salary_usd
    factor = place.salary_factor
    title = template.title if cycle == 0 else f"{template.title} ({place.city})"
    return Job(
        id=job_id,
        title=title,
        description=f"{template.description} {template.department} team, {place.city}.",
        city=place.city,
        state=place.state,
        country=place.country,
        pipeline_id=ids.take("pipeline"),
        status="DRAFT" if draft else "ACTIVE",
        work_mode=rng.choices(("ONSITE", "REMOTE", "HYBRID"), (2, 3, 5))[0],
        created_ms=ANCHOR_MS - _age_days(rng, big) * DAY_MS - rng.randint(0, DAY_MS),
        salary_from=_round_thousands(low * factor),
        salary_to=_round_thousands(high * factor),
        salary_currency=place.currency,
        contract_type=rng.choices(("FULL_TIME", "CONTRACT"), (9, 1))[0],
        years=template.years,
        criteria=criteria,
        stages=_make_pipeline(rng, ids, job_id, draft, canonical_names=big),
        screening_questions=[{"type": "text", "question": "Why are you interested in this role?"}],
        template=template,
    )


def _age_days(rng: random.Random, big: bool) -> int:
    """How long ago a job was opened; the big (demo) job is among the newest."""
    days = rng.randint(20, 160)
    return 20 + days % 5 if big else days


def make_default_pipeline(ids: Ids, job_id: int) -> list[Stage]:
    """The stages a job created through the API gets (TapTalent's default stage types)."""
    types = ("SOURCED", "APPLIED", "SCREEN", "ASSESSMENT", "SHORTLISTED", "HIRED")
    return [Stage(ids.take("stage"), job_id, catalog.STAGE_NAMES[t][0], t) for t in types]


def _make_pipeline(
    rng: random.Random, ids: Ids, job_id: int, draft: bool, canonical_names: bool
) -> list[Stage]:
    """The big job (the demo job) gets the first, most common name of each stage type."""
    types = ["SOURCED", "APPLIED", "SCREEN", "ASSESSMENT", "SHORTLISTED"]
    if not draft:
        types.append("OFFER")
        if rng.random() < 0.25:
            types.append("ONBOARDING")
    types.append("HIRED")
    names = [catalog.STAGE_NAMES[t] for t in types]
    return [
        Stage(ids.take("stage"), job_id, options[0] if canonical_names else rng.choice(options), t)
        for t, options in zip(types, names, strict=True)
    ]


def _round_thousands(value: float) -> int:
    return round(value / 1000.0) * 1000


# Pipeline position by score band: strong candidates get further.
_STAGE_WEIGHTS: dict[str, dict[str, float]] = {
    "low": {"SOURCED": 25, "APPLIED": 60, "SCREEN": 15},
    "mid": {
        "SOURCED": 15,
        "APPLIED": 45,
        "SCREEN": 20,
        "ASSESSMENT": 12,
        "SHORTLISTED": 6,
        "OFFER": 1,
        "ONBOARDING": 0.5,
        "HIRED": 0.5,
    },
    "high": {
        "SOURCED": 10,
        "APPLIED": 30,
        "SCREEN": 20,
        "ASSESSMENT": 18,
        "SHORTLISTED": 12,
        "OFFER": 5,
        "ONBOARDING": 1,
        "HIRED": 3,
    },
}
_REJECT_CHANCE = {"low": 0.3, "mid": 0.1, "high": 0.03}


def _fill_job(
    rng: random.Random,
    ids: Ids,
    company: Company,
    job: Job,
    size: int,
    unscored_fraction: float,
) -> None:
    template = job.template
    assert template is not None
    span = max(DAY_MS, ANCHOR_MS - job.created_ms)
    draft = job.status == "DRAFT"
    stage_by_type = {s.type: s for s in job.stages}
    # Cumulative weights per band, computed once: rng.choices is then cheap per candidate.
    stage_odds = {
        band: (
            [t for t in w if t in stage_by_type],
            list(accumulate(w[t] for t in w if t in stage_by_type)),
        )
        for band, w in _STAGE_WEIGHTS.items()
    }
    scorer = company.scorer(job.criteria)
    previous = list(company.candidates.values())
    applied: set[int] = set()
    for _ in range(size):
        created = job.created_ms + int(rng.random() * span)
        candidate = None
        if previous and rng.random() < 0.05:
            # Some people apply to more than one job.
            candidate = pick(rng, previous)
            if candidate.id in applied:
                candidate = None
        if candidate is None:
            pattern = pick_pattern(rng, scorer.levels)
            candidate = make_candidate(rng, ids, template, scorer.requirements, pattern)
            # A new profile enters the company's pool when the person applies.
            candidate.created_ms = created - int(rng.random() * 6 * 3_600_000)
            company.add_candidate(candidate)
        jc = JobCandidate(
            id=ids.take("job_candidate"),
            job_id=job.id,
            candidate=candidate,
            stage_id=0,
            status="IN_PROGRESS",
            created_ms=created,
            updated_ms=created,
            evaluation=None,
        )
        evaluation = scorer.evaluate(candidate)
        if rng.random() >= unscored_fraction:
            jc.evaluation = evaluation
        band = "low" if evaluation.score < 65 else "mid" if evaluation.score < 85 else "high"
        types, cumulative = stage_odds["low" if draft else band]
        stage = stage_by_type[rng.choices(types, cum_weights=cumulative)[0]]
        jc.stage_id = stage.id
        if stage.type == "HIRED":
            jc.status, jc.hired_ms = "HIRED", created + (5 + int(rng.random() * 15)) * DAY_MS
        elif rng.random() < _REJECT_CHANCE[band]:
            jc.status, jc.rejected_ms = "REJECTED", created + int(rng.random() * 3 * DAY_MS)
        jc.updated_ms = max(created, jc.hired_ms or 0, jc.rejected_ms or 0)
        _add_compensation(rng, job, jc)
        company.add_job_candidate(jc)
        applied.add(candidate.id)


def _add_compensation(rng: random.Random, job: Job, jc: JobCandidate) -> None:
    if rng.random() < 0.1:
        return  # not every applicant states salary expectations
    low = job.salary_from or 80_000
    high = job.salary_to or 120_000
    currency = job.salary_currency or "USD"
    expected = _round_thousands(rng.uniform(low * 0.9, high * 1.15))
    jc.expected_ctc, jc.expected_ctc_currency = expected, currency
    jc.current_ctc = _round_thousands(expected * rng.uniform(0.75, 0.95))
    jc.current_ctc_currency = currency
    jc.notice_period = pick(rng, NOTICE_PERIODS)
    jc.willing_to_relocate = rng.random() < 0.4
    if rng.random() < 0.2:
        jc.custom_fields = {
            "301": {
                "label": "Source",
                "value": pick(rng, CUSTOM_FIELD_VALUES),
                "parentSection": "Application",
            }
        }


def _make_assessment(rng: random.Random, ids: Ids, job: Job) -> Assessment:
    template = job.template
    assert template is not None
    questions = [
        {
            "questionId": ids.take("question"),
            "question": text,
            "type": "AUDIO",
            "order": order,
            "durationSeconds": 120,
        }
        for order, text in enumerate(template.assessment_questions, start=1)
    ]
    assessment_id = ids.take("assessment")
    return Assessment(
        id=assessment_id,
        job_id=job.id,
        test_name=f"{job.title} voice interview",
        status="ACTIVE" if job.status == "ACTIVE" else "DRAFT",
        duration_minutes=5 * len(questions),
        created_ms=job.created_ms + DAY_MS,
        submission_count=rng.randint(0, 40),
        url=f"https://assess.taptalent.io/i/{make_key(rng, '', 12)}",
        questions=questions,
        hiring_for_role=job.title,
        purpose_of_interview=f"Screen applicants for {job.title}.",
        skills=[c.criterion for c in job.criteria][:10],
        updated_ms=job.created_ms + DAY_MS,
    )
