"""One company's data in memory, with the indexes that keep big listings fast."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from shared.sandbox.models import (
    Assessment,
    Batch,
    Candidate,
    Criterion,
    Evaluation,
    Invitation,
    Job,
    JobCandidate,
    Rescore,
    Stage,
)
from shared.sandbox.scoring import Scorer

REJECTED = "REJECTED"
ORDER_COLUMNS = ("createdAt", "firstName")
ORDER_DIRECTIONS = ("ASC", "DESC")


class Ids:
    """Id counters shared by all companies, so an id never means two things."""

    _STARTS: ClassVar[dict[str, int]] = {
        "company": 1001,
        "job": 4201,
        "pipeline": 7001,
        "stage": 9001,
        "candidate": 100_001,
        "job_candidate": 500_001,
        "batch": 3001,
        "assessment": 801,
        "question": 8801,
        "invitation": 60_001,
        "submission": 70_001,
    }

    def __init__(self) -> None:
        self._next = dict(self._STARTS)

    def take(self, kind: str) -> int:
        value = self._next[kind]
        self._next[kind] = value + 1
        return value

    def clone(self) -> Ids:
        twin = Ids()
        twin._next = dict(self._next)
        return twin


@dataclass(frozen=True)
class CandidateFilter:
    stage_id: int | None = None
    score_min: float | None = None
    score_max: float | None = None
    exclude_rejected: bool = False

    def accepts(self, jc: JobCandidate) -> bool:
        if self.stage_id is not None and jc.stage_id != self.stage_id:
            return False
        if self.exclude_rejected and jc.status == REJECTED:
            return False
        if self.score_min is None and self.score_max is None:
            return True
        # Any score bound leaves out candidates that are not scored yet.
        if jc.evaluation is None:
            return False
        score = jc.evaluation.score
        if self.score_min is not None and score < self.score_min:
            return False
        return self.score_max is None or score <= self.score_max


def sort_job_candidates(
    items: list[JobCandidate], column: str, direction: str
) -> list[JobCandidate]:
    """Sort by column in direction; ties always by job candidate id ascending."""
    by_id = sorted(items, key=lambda jc: jc.id)
    if column == "firstName":
        by_id.sort(key=lambda jc: jc.candidate.first_name.casefold(), reverse=direction == "DESC")
    else:
        by_id.sort(key=lambda jc: jc.created_ms, reverse=direction == "DESC")
    # Python's sort is stable even with reverse=True, so equal keys keep id order.
    return by_id


class JobIndex:
    """A job's candidates with sorted orders and filter results cached until they change.

    Paging a 5,000-candidate job asks the same question 50 times; the answer is computed once.
    """

    _MAX_CACHED_FILTERS = 64

    def __init__(self) -> None:
        self.members: dict[int, JobCandidate] = {}
        self._orders: dict[tuple[str, str], list[JobCandidate]] = {}
        self._filtered: dict[tuple[str, str, CandidateFilter], list[JobCandidate]] = {}
        self._counts: tuple[Counter[int], int] | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Caches are rebuilt on demand: a saved world holds only the members.
        return {"members": self.members}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.members = state["members"]
        self._orders = {}
        self._filtered = {}
        self._counts = None

    def add(self, jc: JobCandidate) -> None:
        self.members[jc.id] = jc
        self._orders.clear()
        self.changed()

    def remove(self, jc: JobCandidate) -> None:
        self.members.pop(jc.id, None)
        self._orders.clear()
        self.changed()

    def changed(self) -> None:
        """Call after a member's stage, status or score changed."""
        self._filtered.clear()
        self._counts = None

    def query(self, column: str, direction: str, wanted: CandidateFilter) -> list[JobCandidate]:
        key = (column, direction, wanted)
        found = self._filtered.get(key)
        if found is None:
            order = self._orders.get((column, direction))
            if order is None:
                order = sort_job_candidates(list(self.members.values()), column, direction)
                self._orders[(column, direction)] = order
            found = (
                order if wanted == CandidateFilter() else [j for j in order if wanted.accepts(j)]
            )
            if len(self._filtered) >= self._MAX_CACHED_FILTERS:
                self._filtered.clear()
            self._filtered[key] = found
        return found

    def stage_counts(self) -> tuple[Counter[int], int]:
        """(candidates per stage id, rejected candidates)."""
        if self._counts is None:
            per_stage: Counter[int] = Counter(jc.stage_id for jc in self.members.values())
            rejected = sum(1 for jc in self.members.values() if jc.status == REJECTED)
            self._counts = (per_stage, rejected)
        return self._counts


@dataclass(eq=False)
class Company:
    id: int
    name: str
    api_key: str
    webhook_key: str
    scoring_seed: int
    credits: int
    webhook_url: str | None = None
    jobs: dict[int, Job] = field(default_factory=dict)
    stages: dict[int, Stage] = field(default_factory=dict)
    candidates: dict[int, Candidate] = field(default_factory=dict)
    job_candidates: dict[int, JobCandidate] = field(default_factory=dict)
    job_index: dict[int, JobIndex] = field(default_factory=dict)
    rescores: dict[str, Rescore] = field(default_factory=dict)
    batches: dict[int, Batch] = field(default_factory=dict)
    assessments: dict[int, Assessment] = field(default_factory=dict)
    invitations: dict[int, Invitation] = field(default_factory=dict)
    _scorers: dict[tuple[Criterion, ...], Scorer] = field(default_factory=dict)

    def clone(self) -> Company:
        """An independent copy for a new sandbox, made cheaply.

        Candidates, stages, evaluations and criteria are shared: the sandbox never changes
        them in place (`replace_candidate` swaps a candidate for an edited copy). Job
        candidates, jobs and everything else a request can change are copied.
        """
        jobs = {job_id: replace(job) for job_id, job in self.jobs.items()}
        twin = Company(
            id=self.id,
            name=self.name,
            api_key=self.api_key,
            webhook_key=self.webhook_key,
            scoring_seed=self.scoring_seed,
            credits=self.credits,
            webhook_url=self.webhook_url,
            jobs=jobs,
            stages=dict(self.stages),
            candidates=dict(self.candidates),
            rescores={key: replace(r, errors=list(r.errors)) for key, r in self.rescores.items()},
            batches={key: replace(b) for key, b in self.batches.items()},
            assessments={
                key: replace(a, questions=[dict(q) for q in a.questions], skills=list(a.skills))
                for key, a in self.assessments.items()
            },
            invitations={key: replace(i) for key, i in self.invitations.items()},
            _scorers=dict(self._scorers),
        )
        twin.job_index = {job_id: JobIndex() for job_id in jobs}
        for jc in self.job_candidates.values():
            twin.add_job_candidate(_copy_job_candidate(jc))
        return twin

    def replace_candidate(self, old: Candidate, new: Candidate) -> None:
        """Put an edited copy of a candidate wherever the old one was."""
        self.candidates[new.id] = new
        for jc in self.job_candidates.values():
            if jc.candidate is old:
                jc.candidate = new

    def add_job(self, job: Job) -> None:
        self.jobs[job.id] = job
        self.job_index[job.id] = JobIndex()
        for stage in job.stages:
            self.stages[stage.id] = stage

    def add_candidate(self, candidate: Candidate) -> None:
        self.candidates[candidate.id] = candidate

    def add_job_candidate(self, jc: JobCandidate) -> None:
        self.job_candidates[jc.id] = jc
        self.job_index[jc.job_id].add(jc)

    def remove_job_candidate(self, jc: JobCandidate) -> None:
        del self.job_candidates[jc.id]
        self.job_index[jc.job_id].remove(jc)

    def jobs_newest_first(self) -> list[Job]:
        return sorted(self.jobs.values(), key=lambda j: (-j.created_ms, -j.id))

    def candidates_newest_first(self) -> list[Candidate]:
        return sorted(self.candidates.values(), key=lambda c: -c.id)

    def job_candidates_of(self, job_id: int) -> dict[int, JobCandidate]:
        return self.job_index[job_id].members

    def scorer(self, criteria: tuple[Criterion, ...]) -> Scorer:
        found = self._scorers.get(criteria)
        if found is None:
            found = self._scorers[criteria] = Scorer(criteria, self.scoring_seed)
        return found

    def set_evaluation(self, jc: JobCandidate, evaluation: Evaluation, when_ms: int) -> None:
        jc.evaluation = evaluation
        jc.updated_ms = when_ms
        self.job_index[jc.job_id].changed()

    def move(self, jc: JobCandidate, stage: Stage, when_ms: int) -> None:
        jc.stage_id = stage.id
        jc.status = "IN_PROGRESS"
        jc.rejected_ms = None
        jc.updated_ms = when_ms
        self.job_index[jc.job_id].changed()

    def stage_of(self, jc: JobCandidate) -> Stage:
        return self.stages[jc.stage_id]


_JC_SLOTS = JobCandidate.__slots__


def _copy_job_candidate(jc: JobCandidate) -> JobCandidate:
    twin = JobCandidate.__new__(JobCandidate)
    for name in _JC_SLOTS:
        setattr(twin, name, getattr(jc, name))
    return twin
