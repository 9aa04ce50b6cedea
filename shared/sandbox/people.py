"""Who applies: candidate profiles built to meet a chosen pattern of a job's criteria.

A pattern (which criteria to meet) is drawn first, spread over the documented score bands;
the profile (skills, years, degree and field) is then built to meet exactly those as far
as they can be met, and scored by the same code a rescore uses.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

from shared.sandbox import catalog
from shared.sandbox.catalog import JobTemplate
from shared.sandbox.clock import ANCHOR_MS, DAY_MS
from shared.sandbox.models import Candidate
from shared.sandbox.scoring import BONUS, MUST, NICE, Requirement
from shared.sandbox.state import Ids


def pick_pattern(rng: random.Random, levels: Sequence[str]) -> list[bool]:
    """Which criteria this candidate should meet, spread over the documented score bands."""
    roll = rng.random()
    if roll < 0.03:
        chances = {MUST: 1.0, NICE: 1.0, BONUS: 1.0}
    elif roll < 0.45:
        chances = {MUST: 1.0, NICE: 0.8, BONUS: 0.3}
    elif roll < 0.7:
        chances = {MUST: 1.0, NICE: 0.3, BONUS: 0.1}
    else:
        chances = {MUST: 0.5, NICE: 0.5, BONUS: 0.2}
    pattern = [rng.random() < chances.get(level, 0.5) for level in levels]
    musts = [i for i, level in enumerate(levels) if level == MUST]
    if roll >= 0.7 and musts and all(pattern[i] for i in musts):
        pattern[rng.choice(musts)] = False
    others = [i for i, level in enumerate(levels) if level != MUST]
    if roll >= 0.03 and others and all(pattern):
        # Meeting every criterion is rare in a real applicant pool: only the first branch.
        pattern[pick(rng, others)] = False
    return pattern


def make_candidate(
    rng: random.Random,
    ids: Ids,
    template: JobTemplate,
    requirements: Sequence[Requirement],
    pattern: Sequence[bool],
) -> Candidate:
    """A profile that meets the criteria flagged in pattern (as far as they can be met)."""
    required: set[str] = set()
    forbidden: set[str] = set()
    years_low, years_high = 0, 30
    education_low, education_high = 0, 3
    majors = Majors(template.majors)
    for req, wanted in zip(requirements, pattern, strict=True):
        if req.kind == "education":
            if wanted:
                education_low = max(education_low, req.min_education)
                majors.require(req)
            elif req.fields and rng.random() < 0.5:
                majors.forbid(req)  # the degree, but in another field
            else:
                education_high = min(education_high, req.min_education - 1)
        elif req.kind == "experience" and not wanted:
            years_high = min(years_high, req.min_years - 1)
        elif req.skills:
            if not wanted:
                forbidden.update(req.skills)
            elif req.any_of:
                required.add(pick(rng, req.skills))
            else:
                required.update(req.skills)
            if req.kind == "experience":
                years_low = max(years_low, req.min_years)
        elif req.kind == "experience":
            years_low = max(years_low, req.min_years)
    required -= forbidden
    years_low = max(years_low, 1)
    years_high = min(years_high, years_low + 9)
    years = (
        years_low
        if years_high <= years_low
        else years_low + int(rng.random() * 10) % (years_high - years_low + 1)
    )
    education = min(
        max(pick(rng, _EDUCATION_MIX), education_low), max(education_high, education_low)
    )
    pool = [s for s in template.skills if s not in forbidden and s not in required]
    extras = [
        pool.pop(int(rng.random() * len(pool)))
        for _ in range(min(len(pool), pick(rng, (2, 3, 4, 5))))
    ]
    skills = (*sorted(required), *extras, pick(rng, catalog.SOFT_SKILLS))
    # One draw of random bits picks all the descriptive fields at once (fast).
    bits = rng.getrandbits(64)
    first, bits = _split(bits, catalog.FIRST_NAMES)
    last, bits = _split(bits, catalog.LAST_NAMES)
    place, bits = _split(bits, catalog.PLACES)
    title, bits = _split(bits, template.candidate_titles)
    employer, bits = _split(bits, catalog.EMPLOYERS)
    major, bits = _split(bits, majors.options())
    return Candidate(
        id=ids.take("candidate"),
        first_name=first,
        last_name=last,
        place=place,
        title=title,
        employer=employer,
        years=years,
        education=education,
        major=major,
        skills=skills,
        skill_keys=frozenset(s.casefold() for s in skills),
        profile_seed=rng.getrandbits(32),
        created_ms=ANCHOR_MS - (bits % 300 + 1) * DAY_MS // 2,
        industry=template.department,
    )


class Majors:
    """The fields of study a profile may have, given the degree criteria it should (not) meet."""

    def __init__(self, usual: Sequence[str]) -> None:
        self._usual = tuple(usual)
        self._required: Requirement | None = None
        self._forbidden: set[str] = set()

    def require(self, req: Requirement) -> None:
        if req.fields:
            self._required = req

    def forbid(self, req: Requirement) -> None:
        self._forbidden |= req.fields

    def options(self) -> tuple[str, ...]:
        allowed = [m for m in self._usual if m.casefold() not in self._forbidden]
        if self._required is not None:
            wanted = self._required.fields
            allowed = [m for m in allowed if m.casefold() in wanted] or [self._required.field_name]
        return tuple(allowed) or ("Liberal Arts",)


# Education levels in roughly the mix seen in tech applicant pools.
_EDUCATION_MIX = (0, 1, 1, 1, 1, 1, 2, 2, 2, 3)

T = TypeVar("T")


def pick(rng: random.Random, items: Sequence[T]) -> T:
    return items[int(rng.random() * len(items))]


def _split(bits: int, items: Sequence[T]) -> tuple[T, int]:
    return items[bits % len(items)], bits // len(items)
