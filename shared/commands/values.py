"""Value rules shared by the parser and the command models.

Each converter takes what a person typed (or what MCP sent) and returns the normalised
value, or raises ValueError whose message completes the sentence "<key> must be ...".
The models use the same functions, so a command built in code obeys the same rules as
one typed in Slack.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

ID_MAX = 2**63 - 1  # ids travel through JSON and SQLite INTEGER columns
MAX_CANDIDATES = 5_000  # the rescore action sends them 250 per request
MAX_STAGE_LENGTH = 100
LIMIT_MAX = 50
SCORE_MIN, SCORE_MAX = 0.0, 100.0
JOB_STATUSES = ("DRAFT", "ACTIVE", "CLOSED", "ARCHIVED")

_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_INTEGERISH = re.compile(r"[+-]?[0-9]+")
_RESCORE_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")
_NUMBER = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_TRUE = frozenset({"true", "yes", "y", "on", "1"})
_FALSE = frozenset({"false", "no", "n", "off", "0"})

ID_RULE = "a number like 42 or a TapTalent id (letters, digits, _ and -, up to 64)"


def to_id(value: object) -> int | str:
    """A TapTalent id: a positive integer, or a string id as older API pages show."""
    if isinstance(value, bool):
        raise ValueError(ID_RULE)
    if isinstance(value, int):
        if 1 <= value <= ID_MAX:
            return value
        raise ValueError("a positive number like 42")
    if not isinstance(value, str):
        raise ValueError(ID_RULE)
    text = value.strip()
    if _INTEGERISH.fullmatch(text):
        number = int(text)
        if not 1 <= number <= ID_MAX:
            raise ValueError("a positive number like 42")
        return number
    if _ID.fullmatch(text):
        return text
    raise ValueError(ID_RULE)


def to_id_list(value: object) -> list[int | str]:
    """`1,2,3` (or a list): ids in the order given, repeats dropped."""
    items: Iterable[object]
    if isinstance(value, str):
        items = [part for part in value.split(",") if part.strip()]
    elif isinstance(value, list | tuple):
        items = value
    else:
        raise ValueError("a comma-separated list of job candidate ids, like 101,102")
    seen: dict[int | str, None] = {}
    for item in items:
        try:
            seen.setdefault(to_id(item), None)
        except ValueError:
            raise ValueError(
                f'a comma-separated list of job candidate ids, like 101,102 ("{item}" is not an id)'
            ) from None
    if not seen:
        raise ValueError("a comma-separated list of job candidate ids, like 101,102")
    if len(seen) > MAX_CANDIDATES:
        raise ValueError(f"at most {MAX_CANDIDATES:,} job candidate ids (got {len(seen):,})")
    return list(seen)


def to_rescore_id(value: object) -> str:
    if isinstance(value, str) and _RESCORE_ID.fullmatch(value.strip()):
        return value.strip()
    raise ValueError("like rescore_42_1718000000000 (letters, digits, _ and -, up to 100)")


def to_score(value: object) -> float:
    """A score threshold, 0..100. `70`, `72.5` and `70%` all work."""
    rule = "a score from 0 to 100, like 70"
    if isinstance(value, bool):
        raise ValueError(rule)
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip().removesuffix("%")
        if not _NUMBER.fullmatch(text):
            raise ValueError(rule)
        number = float(text)
    else:
        raise ValueError(rule)
    if not math.isfinite(number) or not SCORE_MIN <= number <= SCORE_MAX:
        raise ValueError(rule)
    return number


def to_int(value: object, low: int, high: int | None = None) -> int:
    rule = (
        f"a whole number from {low} to {high}"
        if high is not None
        else f"a whole number of {low} or more"
    )
    if isinstance(value, bool):
        raise ValueError(rule)
    if isinstance(value, str):
        text = value.strip()
        if not _INTEGERISH.fullmatch(text):
            raise ValueError(rule)
        value = int(text)
    if not isinstance(value, int) or value < low or (high is not None and value > high):
        raise ValueError(rule)
    return value


def to_limit(value: object) -> int:
    return to_int(value, 1, LIMIT_MAX)


def to_page(value: object) -> int:
    return to_int(value, 1)


def to_status(value: object) -> str:
    text = value.strip().upper() if isinstance(value, str) else ""
    if text not in JOB_STATUSES:
        raise ValueError("one of " + ", ".join(JOB_STATUSES))
    return text


def to_stage(value: object) -> str:
    """A stage type (SCREEN), a stage name ("Phone Screen") or a stage id, as typed."""
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text or len(text) > MAX_STAGE_LENGTH:
        raise ValueError(
            'a stage type like SCREEN, a stage name like "Phone Screen" or a stage id '
            f"(up to {MAX_STAGE_LENGTH} characters)"
        )
    return text


def to_flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = value.strip().lower() if isinstance(value, str) else ""
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("yes or no (or leave the value out)")


def to_words(value: object) -> str:
    """Search text: words separated by single spaces."""
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text:
        raise ValueError("some words to look for")
    return text


def format_number(value: float) -> str:
    """70.0 -> "70", 72.5 -> "72.5"; exact (repr round-trips every float)."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text.strip().removesuffix("%")))


def is_integer(text: str) -> bool:
    return bool(_INTEGERISH.fullmatch(text.strip()))


MAX_ATS_ID_LENGTH = 100
MAX_TEXT_LENGTH = 500
DESTINATIONS = ("ats", "talynce")


def _job_id_text(value: object, rule: str) -> str:
    """A job id in another system: letters, digits, - _ . : (up to 100); else ``rule``."""
    text = value.strip() if isinstance(value, str) else str(value) if isinstance(value, int) else ""
    if (
        not text
        or len(text) > MAX_ATS_ID_LENGTH
        or not all(c.isalnum() or c in "-_.:" for c in text)
    ):
        raise ValueError(rule)
    return text


def to_ats_id(value: object) -> str:
    """A job id in the ATS, as Kombo shows it (letters, digits, - _ . :)."""
    return _job_id_text(
        value, "an ATS job id as `link job:<id>` lists it (letters, digits, - _ . :)"
    )


def to_top(value: object) -> int:
    return to_int(value, 1, 50)


def to_destination(value: object) -> str:
    text = value.strip().lower() if isinstance(value, str) else ""
    if text not in DESTINATIONS:
        raise ValueError("ats (the customer's ATS, through Kombo) or talynce")
    return text


def to_text_value(value: object) -> str:
    """A reason or a note: some words, up to 500 characters."""
    text = " ".join(value.split()) if isinstance(value, str) else ""
    if not text or len(text) > MAX_TEXT_LENGTH:
        raise ValueError(
            f"some words (quoted when they have spaces), up to {MAX_TEXT_LENGTH} characters"
        )
    return text


#: Résumé URLs in one upload (seed 000's per-request maximum; tt sends batches of 200).
MAX_URLS = 5_000
URL_EXAMPLE = "https://files.example.com/cv/jane-doe.pdf"


def to_url(value: object) -> str:
    """One résumé link: the use case checks it fully (public host, length); the grammar
    only tells a link from another word."""
    text = value.strip() if isinstance(value, str) else ""
    scheme, _, rest = text.partition("://")
    if not rest or not scheme.isalpha() or any(ch.isspace() for ch in text):
        raise ValueError(f"a link starting with https:// or http:// (like {URL_EXAMPLE})")
    return text


def to_url_list(value: object) -> list[str]:
    items = value.split() if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not items:
        raise ValueError(f"one or more résumé links (like {URL_EXAMPLE})")
    if len(items) > MAX_URLS:
        raise ValueError(f"at most {MAX_URLS:,} résumé links in one upload")
    return [to_url(item) for item in items]


MAX_ASSESSMENT_REF = 200


def to_assessment_ref(value: object) -> str:
    """An assessment: its id, some words of its name, or `new` (create one from the job)."""
    text = (
        " ".join(value.split())
        if isinstance(value, str)
        else str(value)
        if isinstance(value, int)
        else ""
    )
    if not text or len(text) > MAX_ASSESSMENT_REF:
        raise ValueError(
            "an assessment id (assessments lists them), some words of its name "
            f"(quoted when they have spaces, up to {MAX_ASSESSMENT_REF} characters), or new"
        )
    return text


def to_system_job_id(value: object) -> str:
    """A job id in InstaView or Talynce, as that system shows it (a UUID there)."""
    return _job_id_text(
        value, "the job's id in that system, like 550e8400-e29b-41d4-a716-446655440000"
    )


def to_status_subject(value: object) -> int | str:
    """`status <job candidate id>`; a rescore id gets pointed to rescore-status."""
    if isinstance(value, str) and value.strip().lower().startswith("rescore_"):
        raise ValueError("a number, like 505706 (for a rescore, use rescore-status <rescore id>)")
    return to_id(value)
