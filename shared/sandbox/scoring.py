"""How the sandbox "AI" scores a candidate against a job's criteria.

Deterministic: a criterion is parsed into a requirement (skills, years, a degree in a
field), the candidate's profile either meets it or not, and the score follows the bands
TapTalent documents (all Must Have + most Nice to Have: 85-95, everything incl. Bonus:
95-100, a Must Have missing: 40-60).

Within its band a score is spread as a model's scores are: to two decimals, by how much of
the band the pattern earns plus a hash of the candidate and the criteria (the same for
unchanged criteria), and thinning out towards the top of the band, so that few candidates
reach its ceiling and ties among the best are rare.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from shared.sandbox.catalog import SKILL_VOCABULARY
from shared.sandbox.models import Candidate, Criterion, Evaluation

MUST, NICE, BONUS = "MUST_HAVE", "NICE_TO_HAVE", "BONUS"

_YEARS = re.compile(r"(\d+)\s*\+?\s*(?:years?|yrs?)\b", re.IGNORECASE)
_EDUCATION = (
    (3, re.compile(r"\b(?:phd|ph\.d|doctorate)\b", re.IGNORECASE)),
    (2, re.compile(r"\b(?:master'?s?|msc|m\.sc|mba)\b", re.IGNORECASE)),
    (1, re.compile(r"\b(?:bachelor'?s?|bsc|b\.sc|degree)\b", re.IGNORECASE)),
)
_FIELD_OF_STUDY = re.compile(r"\bin\s+(.+)$")
# Majors that count as "a quantitative field" in a degree criterion.
QUANTITATIVE_FIELDS = frozenset(
    {"statistics", "mathematics", "economics", "physics", "computer science"}
)
# Longest first so "PostgreSQL" wins over "SQL" and "HTML/CSS" over "CSS".
_SKILL_PATTERNS = tuple(
    (skill, re.compile(rf"(?<![a-z0-9]){re.escape(skill.casefold())}(?![a-z0-9])"))
    for skill in sorted(SKILL_VOCABULARY, key=len, reverse=True)
)


@dataclass(frozen=True, slots=True)
class Requirement:
    """What a criterion asks for. kind: skills | experience | education | other."""

    kind: str
    skills: tuple[str, ...] = ()
    skill_keys: tuple[str, ...] = ()  # the skills casefolded, as Candidate.skill_keys holds them
    any_of: bool = False
    min_years: int = 0
    min_education: int = 0
    # Casefolded majors a degree criterion accepts (empty: any field).
    fields: frozenset[str] = frozenset()
    # The field as the criterion names it, for a profile built to meet it.
    field_name: str = ""


@lru_cache(maxsize=4096)
def parse_criterion(text: str) -> Requirement:
    folded = text.casefold()
    for level, pattern in _EDUCATION:
        if pattern.search(folded):
            # A degree criterion names a field of study, not skills: the degree and its field.
            return _degree(text, level)
    skills: list[str] = []
    remaining = folded
    for skill, pattern in _SKILL_PATTERNS:
        if pattern.search(remaining):
            skills.append(skill)
            remaining = pattern.sub(" ", remaining)
    any_of = " or " in f" {folded} "
    keys = tuple(s.casefold() for s in skills)
    years = _YEARS.search(folded)
    if years:
        return Requirement("experience", tuple(skills), keys, any_of, int(years.group(1)))
    if skills:
        return Requirement("skills", tuple(skills), keys, any_of)
    return Requirement("other")


def _degree(text: str, level: int) -> Requirement:
    found = _FIELD_OF_STUDY.search(text)
    if found is None:
        return Requirement("education", min_education=level)
    fields: set[str] = set()
    named = ""
    for part in re.split(r"\s+or\s+|,\s*", found.group(1).strip(" .")):
        part = re.sub(r"^(?:an?|the)\s+", "", part.strip(), flags=re.IGNORECASE)
        if "quantitative" in part.casefold():
            fields |= QUANTITATIVE_FIELDS
        elif part and "related" not in part.casefold():
            fields.add(part.casefold())
            named = named or part
    return Requirement("education", min_education=level, fields=frozenset(fields), field_name=named)


def meets(candidate: Candidate, criterion: Criterion) -> bool:
    return _meets(candidate, parse_criterion(criterion.criterion), criterion.criterion.casefold())


def _meets(candidate: Candidate, req: Requirement, folded_text: str) -> bool:
    if req.kind == "education":
        in_field = not req.fields or candidate.major.casefold() in req.fields
        return candidate.education >= req.min_education and in_field
    if req.kind == "other":
        # Nothing recognisable: a stable coin flip per candidate and criterion text.
        return zlib.crc32(f"{candidate.profile_seed}|{folded_text}".encode()) % 100 < 55
    if req.kind == "experience" and candidate.years < req.min_years:
        return False
    if not req.skill_keys:
        return True
    owned = candidate.skill_keys
    if req.any_of:
        return any(key in owned for key in req.skill_keys)
    return all(key in owned for key in req.skill_keys)


class Scorer:
    """Scores candidates against one set of criteria (parsed once, used for many)."""

    def __init__(self, criteria: tuple[Criterion, ...], seed: int) -> None:
        self.criteria = criteria
        self.requirements = tuple(parse_criterion(c.criterion) for c in criteria)
        self.levels = tuple(c.level for c in criteria)
        self._folded = tuple(c.criterion.casefold() for c in criteria)
        self._signature = criteria_signature(seed, criteria)

    def evaluate(self, candidate: Candidate) -> Evaluation:
        met = tuple(
            _meets(candidate, req, text)
            for req, text in zip(self.requirements, self._folded, strict=True)
        )
        noise = zlib.crc32(candidate.id.to_bytes(8, "little"), self._signature)
        return Evaluation(self.criteria, met, band_score(self.levels, met, noise))


def criteria_signature(seed: int, criteria: Sequence[Criterion]) -> int:
    text = "|".join(f"{c.level}:{c.criterion}" for c in criteria)
    return zlib.crc32(f"{seed}#{text}".encode())


def band_score(levels: Sequence[str], met: Sequence[bool], noise: int) -> float:
    """A score to two decimals inside the documented band of this pattern of met criteria."""
    (low, high), earned = _band(levels, met)
    draw = (noise & 0xFFFFFF) / 0x1000000
    position = draw if earned is None else 0.35 * earned + 0.65 * draw
    # 1 - cbrt(1 - p): the density falls (as the square of the distance) to nothing at the
    # band's ceiling.
    thinned = 1.0 - (1.0 - position) ** (1.0 / 3.0)
    return round(low + (high - low - 0.01) * thinned, 2)


def _band(levels: Sequence[str], met: Sequence[bool]) -> tuple[tuple[float, float], float | None]:
    """The band of this pattern, and how far into it the pattern earns (0..1; None: the
    pattern says nothing more, only the profile's draw places it)."""
    if not levels:
        return (60.0, 80.0), None
    counts = {MUST: [0, 0], NICE: [0, 0], BONUS: [0, 0]}  # level -> [total, met]
    for level, hit in zip(levels, met, strict=True):
        tally = counts[level]
        tally[0] += 1
        tally[1] += hit
    (musts, musts_met), (nices, nices_met), (bonuses, bonuses_met) = counts.values()
    if musts_met < musts:
        weights = 3 * musts + 2 * nices + bonuses
        got = 3 * musts_met + 2 * nices_met + bonuses_met
        return (40.0, 60.0), got / weights
    nice = nices_met / nices if nices else 1.0
    bonus = bonuses_met / bonuses if bonuses else 1.0
    if nice == 1.0 and bonus == 1.0:
        return (95.0, 100.0), None
    if nice >= 0.5:
        return (85.0, 95.0), 0.7 * (nice - 0.5) * 2 + 0.3 * bonus
    return (65.0, 84.0), 0.7 * nice * 2 + 0.3 * bonus
