"""What the InstaView emulator does: limits, timings, list shape, faults."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from shared.sandbox.config import Faults

ListShape = Literal["nested", "flat"]
LIST_SHAPES: tuple[ListShape, ...] = ("nested", "flat")


@dataclass
class InstaViewSandboxConfig:
    """The same seed gives the same keys, ids and analyses for the same traffic.

    ``list_shape``: "nested" answers lists as ``data.items`` + ``data.pagination``, "flat"
    as ``{data: [...], total, page, limit, totalPages}`` (both are documented).
    ``schedule_field``: the name interviews are answered with (the API reference says
    ``scheduleTime``, the changelog ``scheduledAt``); both are accepted on input.
    Timings are seconds: a test interview starts at once and lasts ``test_duration``; a
    real one starts at its schedule time and lasts ``interview_duration``; the analysis
    follows ``analysis_delay`` later. ``clock`` drives the rate-limit windows (tests share
    a fake one with the client).
    """

    seed: int = 7
    per_minute: int = 60
    per_hour: int = 2000
    list_shape: ListShape = "nested"
    schedule_field: Literal["scheduleTime", "scheduledAt"] = "scheduledAt"
    test_duration: float = 1.0
    interview_duration: float = 900.0
    analysis_delay: float = 0.5
    # Fractions of interviews whose call fails, or whose analysis fails (seeded draws).
    interview_failure_rate: float = 0.0
    analysis_failure_rate: float = 0.0
    # A webhook configured up front (as if created through the API), signed with the
    # sandbox's `webhook_secret`.
    webhook_url: str | None = None
    faults: Faults = field(default_factory=Faults)
    clock: Callable[[], float] = time.monotonic
