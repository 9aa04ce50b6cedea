"""The retry policy, stated once: what is retried, how often, and how long to wait."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import httpx

#: Statuses worth another try: rate limiting and transient server failures.
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})

#: Transport failures that prove the request never reached the server, so even a POST that
#: creates work can be sent again without doing that work twice.
NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)

#: Transport failures worth retrying for idempotent requests (the server may have seen them).
TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How the client retries.

    What is safe to retry is retried until time runs out, not a fixed number of times:
    no retry starts if its wait would end after the deadline, which is the command's time
    budget when one is set (`TapTalentClient.time_budget`), else ``total_budget`` seconds
    after the call's first attempt began. ``max_attempts`` (counting the first try) is an
    optional extra cap; ``None`` means none. Waits grow as ``base_delay * 2**n`` capped at
    ``max_delay``, with full jitter (a uniform draw below the cap) when ``jitter`` is set.
    A ``Retry-After`` from the server is a floor on the wait.
    """

    max_attempts: int | None = None
    base_delay: float = 0.25
    max_delay: float = 8.0
    total_budget: float = 30.0
    jitter: bool = True

    def __post_init__(self) -> None:
        if self.max_attempts is not None and self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.base_delay < 0 or self.max_delay < 0 or self.total_budget < 0:
            raise ValueError("delays and budget must not be negative")

    @classmethod
    def never(cls) -> RetryPolicy:
        """One attempt, no retries."""
        return cls(max_attempts=1)

    def backoff(self, retry_number: int, *, rng: random.Random | None = None) -> float:
        """Wait before retry number ``retry_number`` (1 for the first retry)."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** min(max(0, retry_number - 1), 32)))
        if not self.jitter:
            return ceiling
        return (rng or random).uniform(0.0, ceiling)

    def delay(
        self, retry_number: int, retry_after: float | None, *, rng: random.Random | None = None
    ) -> float:
        """The wait before a retry: the backoff, but never less than ``Retry-After``."""
        wait = self.backoff(retry_number, rng=rng)
        if retry_after is not None:
            wait = max(wait, retry_after)
        return wait


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds from now: delta-seconds or an HTTP date; None if absent/bad."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if seconds != seconds or seconds in (float("inf"), float("-inf")):  # NaN / inf
        return None
    return max(0.0, seconds)


def is_retryable_exception(exc: httpx.HTTPError, *, idempotent: bool) -> bool:
    """Whether a transport failure may be retried for this kind of request."""
    if isinstance(exc, NEVER_SENT):
        return True
    return idempotent and isinstance(exc, TRANSIENT)


def is_retryable_status(status: int, *, idempotent: bool) -> bool:
    """Whether an error status may be retried for this kind of request.

    A 5xx to a POST that creates work is never retried: the server got the request and may
    have started the work. A 429 is the server saying it did nothing yet, so it is retried
    for every request (after Retry-After).
    """
    if status == 429:
        return True
    return idempotent and status in RETRYABLE_STATUSES
