"""Configuration of the sandbox: what data to generate and which faults to inject."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import Any


@dataclass
class Faults:
    """Fault knobs, mutable at any time (also through `PUT /_sandbox/faults`).

    Rates are fractions in 0..1, drawn from the sandbox's seeded RNG so a run with the same
    seed and the same traffic injects the same faults. Times are in seconds.
    """

    latency: float = 0.0
    latency_jitter: float = 0.0
    error_rate: float = 0.0
    rate_limit_rate: float = 0.0
    retry_after: float = 1.0
    webhook_delay: float = 0.0
    webhook_drop_rate: float = 0.0
    webhook_duplicate_rate: float = 0.0
    webhook_reorder_rate: float = 0.0
    # Share of assessment invitations that end in an error instead of a score.
    assessment_error_rate: float = 0.0

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def update(self, changes: dict[str, Any]) -> dict[str, str]:
        """Apply a partial update; return {field: problem} and change nothing if any is bad."""
        problems = _fault_problems(changes)
        if not problems:
            for name, value in changes.items():
                setattr(self, name, float(value))
        return problems


_RATE_FIELDS = {
    "error_rate",
    "rate_limit_rate",
    "webhook_drop_rate",
    "webhook_duplicate_rate",
    "webhook_reorder_rate",
    "assessment_error_rate",
}


def _fault_problems(changes: dict[str, Any]) -> dict[str, str]:
    known = {f.name for f in fields(Faults)}
    problems: dict[str, str] = {}
    for name, value in changes.items():
        if name not in known:
            problems[name] = f'"{name}" is not allowed'
        elif isinstance(value, bool) or not isinstance(value, int | float):
            problems[name] = f'"{name}" must be a number'
        elif not math.isfinite(value) or value < 0:
            problems[name] = f'"{name}" must be greater than or equal to 0'
        elif name in _RATE_FIELDS and value > 1:
            problems[name] = f'"{name}" must be less than or equal to 1'
    return problems


@dataclass
class SandboxConfig:
    """What the sandbox generates, and how it speaks. The same seed always yields the same
    data, keys and (for ``dialect="mixed"``) the same choice of shapes.

    ``dialect``: ``"seed"`` (the default: exactly the seed documents' shapes and types),
    ``"tt"`` (tt's earlier shapes) or ``"mixed"`` (any documented variant per answer); see
    `shared.sandbox.dialect`.
    """

    seed: int = 7
    dialect: str = "seed"
    jobs: int = 12
    candidates_per_job: tuple[int, int] = (40, 400)
    # One of the jobs gets this many candidates (0: no big job).
    big_job_size: int = 5000
    unscored_fraction: float = 0.05
    credits: int = 100_000
    # Seconds before a queued rescore or resume batch is processed.
    rescore_delay: float = 0.2
    # Seconds from an assessment invitation to the candidate's scored submission.
    assessment_delay: float = 0.3
    webhook_url: str | None = None
    faults: Faults = field(default_factory=Faults)
    # Size of the second company ("Globex"), which exists to prove isolation.
    other_company_jobs: int = 3
