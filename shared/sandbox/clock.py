"""Time helpers. Generated data is anchored to a fixed instant so a seed always gives
the same timestamps; records created at run time use the real clock."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from functools import lru_cache

# Generated jobs and applications lie in the months before this instant.
ANCHOR_MS = int(datetime(2025, 6, 2, 9, 0, tzinfo=UTC).timestamp() * 1000)
DAY_MS = 86_400_000


def now_ms() -> int:
    return int(time.time() * 1000)


def iso(ms: int) -> str:
    """Epoch milliseconds as ISO 8601 in UTC with millisecond precision and a Z.

    Hand-rolled because listings format thousands of timestamps per response.
    """
    day, rest = divmod(ms, DAY_MS)
    seconds, millis = divmod(rest, 1000)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    return f"{_date(day)}T{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}Z"


@lru_cache(maxsize=8192)
def _date(day: int) -> str:
    return datetime.fromtimestamp(day * 86_400, tz=UTC).strftime("%Y-%m-%d")


def parse_iso(text: str) -> tuple[int, bool] | None:
    """(epoch ms, is_date_only) for an ISO 8601 date or datetime; None when unparseable.

    A datetime without an offset is taken as UTC.
    """
    raw = text.strip()
    date_only = len(raw) == 10
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000), date_only
