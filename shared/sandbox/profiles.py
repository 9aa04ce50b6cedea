"""A candidate's full profile (candidate_details), derived from the compact record.

Details that no query depends on (phone, history, education, languages) are drawn from
the candidate's profile_seed with a tiny LCG: much cheaper than a random.Random per
candidate, and just as deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from shared.sandbox import catalog
from shared.sandbox.clock import DAY_MS, iso
from shared.sandbox.models import Candidate

T = TypeVar("T")
JsonDict = dict[str, Any]
_TECH_DEPARTMENTS = {"Engineering", "Data"}
_MASK64 = (1 << 64) - 1
# Months since year 0 of June 2025: the generated data's "now".
_NOW_MONTH = 2025 * 12 + 5


class _Bits:
    """Knuth's MMIX linear congruential generator: deterministic and fast enough."""

    def __init__(self, seed: int) -> None:
        self._state = (seed * 0x9E3779B97F4A7C15 + 1) & _MASK64

    def below(self, n: int) -> int:
        self._state = (self._state * 6364136223846793005 + 1442695040888963407) & _MASK64
        return (self._state >> 33) % n

    def between(self, low: int, high: int) -> int:
        return low + self.below(high - low + 1)

    def pick(self, items: Sequence[T]) -> T:
        return items[self.below(len(items))]

    def chance(self, percent: int) -> bool:
        return self.below(100) < percent


def candidate_details(record: Candidate) -> JsonDict:
    bits = _Bits(record.profile_seed)
    first, last = record.first_name, record.last_name
    handle = f"{first}-{last}".lower().replace("'", "")
    tech = record.industry in _TECH_DEPARTMENTS
    languages = ["English"]
    if bits.chance(40):
        languages.append(bits.pick(catalog.LANGUAGES[1:]))
    return {
        "id": record.id,
        "firstName": first,
        "lastName": last,
        "email": f"{handle.replace('-', '.')}.{record.id % 1000}@example.com",
        "phone": f"{record.place.phone_prefix} {bits.between(200, 999)} {bits.between(1000, 9999)}",
        "resume": record.resume_url or f"https://files.taptalent.io/resumes/{record.id}.pdf",
        "currentJobTitle": record.title,
        "currentCompany": record.employer,
        "city": record.place.city,
        "country": record.place.country,
        "skills": list(record.skills),
        "coverLetter": None,
        "linkedin": f"https://www.linkedin.com/in/{handle}-{record.id % 10000}",
        "gender": None,
        "dateOfBirth": None,
        "nationality": None,
        "industry": record.industry,
        "category": record.industry,
        "majors": record.major,
        "summary": (
            f"{record.title} with {record.years} years of experience in "
            f"{', '.join(record.skills[:3])}."
        ),
        "languages": languages,
        "educations": _educations(bits, record),
        "githubUrl": f"https://github.com/{handle}" if tech else None,
        "certifications": _certifications(bits),
        "workExperiences": _work_history(bits, record),
        "projectExperiences": _projects(bits, record) if tech else [],
        "createdAt": iso(record.created_ms),
        "updatedAt": iso(record.created_ms + DAY_MS),
    }


def _educations(bits: _Bits, record: Candidate) -> list[JsonDict]:
    graduated = 2025 - record.years
    if record.education == 0:
        return [
            {
                "degree": catalog.DEGREES[0],
                "fieldOfStudy": "Software Development",
                "institution": "Le Wagon",
                "startYear": graduated - 1,
                "endYear": graduated,
            }
        ]
    items = []
    end = graduated
    # Newest degree first; each earlier one ends when the next one starts.
    for level in range(record.education, 0, -1):
        length = 4 if level == 1 else 2 if level == 2 else 4
        items.append(
            {
                "degree": catalog.DEGREES[level],
                "fieldOfStudy": record.major,
                "institution": bits.pick(catalog.UNIVERSITIES),
                "startYear": end - length,
                "endYear": end,
            }
        )
        end -= length
    return items


def _month(index: int) -> str:
    return f"{index // 12}-{index % 12 + 1:02d}"


def _work_history(bits: _Bits, record: Candidate) -> list[JsonDict]:
    """Up to three roles covering the candidate's years of experience, newest first."""
    remaining = max(1, record.years) * 12
    cursor = _NOW_MONTH
    base_title = record.title.removeprefix("Senior ").removeprefix("Lead ")
    employer = record.employer
    roles: list[JsonDict] = []
    while remaining > 0 and len(roles) < 3:
        length = remaining if len(roles) == 2 else min(remaining, bits.between(12, 48))
        start = cursor - length
        roles.append(
            {
                "title": record.title if not roles else base_title,
                "company": employer,
                "startDate": _month(start),
                "endDate": None if not roles else _month(cursor),
                "isCurrent": not roles,
                "description": f"Worked with {', '.join(record.skills[: 2 + len(roles)])}.",
            }
        )
        remaining -= length
        cursor = start - bits.below(3)  # a short gap between jobs, sometimes
        employer = bits.pick(catalog.EMPLOYERS)
    return roles


def _certifications(bits: _Bits) -> list[JsonDict]:
    if not bits.chance(30):
        return []
    return [{"name": bits.pick(catalog.CERTIFICATIONS), "issuedYear": bits.between(2018, 2024)}]


def _projects(bits: _Bits, record: Candidate) -> list[JsonDict]:
    if not bits.chance(50):
        return []
    return [
        {
            "name": f"{record.skills[0]} side project",
            "description": f"Open project built with {', '.join(record.skills[:2])}.",
        }
    ]
