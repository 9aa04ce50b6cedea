"""TapTalent's documented request limits, checked before anything is sent."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from shared.taptalent.errors import RequestLimitError
from shared.taptalent.models import Id

T = TypeVar("T")

#: perPage for ``GET /jobs`` and ``GET /job-candidates/job/:id/candidates``.
LIST_PER_PAGE = (10, 20, 40, 80, 100)
#: perPage range for ``/candidates/list``, batches and the stage endpoints.
MAX_PER_PAGE = 100
BULK_FETCH_MAX_IDS = 100
RESCORE_MAX_IDS = 250
RESUME_URLS_MAX = 5_000


def check_page(value: int, name: str = "page") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RequestLimitError(f"{name} must be a whole number of at least 1 (got {value!r}).")
    return value


def check_per_page_choice(value: int, allowed: Sequence[int] = LIST_PER_PAGE) -> int:
    if isinstance(value, bool) or value not in allowed:
        choices = ", ".join(str(v) for v in allowed)
        raise RequestLimitError(f"perPage must be one of {choices} (got {value!r}).")
    return value


def check_per_page_range(value: int, maximum: int = MAX_PER_PAGE) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise RequestLimitError(f"perPage must be between 1 and {maximum} (got {value!r}).")
    return value


def check_score(value: float | None, name: str) -> float | None:
    if value is not None and not 0 <= value <= 100:
        raise RequestLimitError(f"{name} must be between 0 and 100 (got {value!r}).")
    return value


def wire_id(value: Id) -> Id:
    """An id as the seed types it in request bodies: an integer. A string of digits (ids
    read from an older answer, or typed by a user) goes out as that integer; anything else
    is sent as given, for TapTalent to judge."""
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit():
            return int(text)
    return value


def wire_ids(ids: Iterable[Id]) -> list[Id]:
    return [wire_id(i) for i in ids]


def unique_ids(ids: Iterable[Id], what: str) -> list[Id]:
    """The ids in first-seen order without repeats; an empty list is refused."""
    if isinstance(ids, str | bytes):
        raise RequestLimitError(f"{what} must be a list of ids, not a single string.")
    seen: set[str] = set()
    out: list[Id] = []
    for raw in ids:
        if isinstance(raw, bool) or not isinstance(raw, int | str) or str(raw).strip() == "":
            raise RequestLimitError(f"{what} must hold non-empty ids (got {raw!r}).")
        key = str(raw).strip()
        if not key.isascii() and not _is_text(key):
            raise RequestLimitError(f"{what} must hold ids that are valid text (got {raw!r}).")
        if key not in seen:
            seen.add(key)
            out.append(raw)
    if not out:
        raise RequestLimitError(f"{what} must not be empty: give at least one id.")
    return out


def _is_text(value: str) -> bool:
    """False for a lone surrogate (`\\ud800` in JSON), which cannot be encoded to send."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_resume_urls(urls: Iterable[str]) -> list[str]:
    if isinstance(urls, str | bytes):
        raise RequestLimitError("resumeURLs must be a list of URLs, not a single string.")
    out = list(urls)
    if not out:
        raise RequestLimitError("resumeURLs must not be empty: give at least one URL.")
    if len(out) > RESUME_URLS_MAX:
        raise RequestLimitError(
            f"resumeURLs holds {len(out)} URLs; TapTalent accepts at most {RESUME_URLS_MAX:,} "
            "per request. Split them into several uploads."
        )
    for index, url in enumerate(out):
        if not isinstance(url, str) or not url.strip():
            raise RequestLimitError(f"resumeURLs[{index}] must be a non-blank URL (got {url!r}).")
    return out


def chunked(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[start : start + size] for start in range(0, len(items), size)]
