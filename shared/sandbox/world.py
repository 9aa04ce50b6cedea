"""A sandbox's world: both companies' data and the id counters, apart from the running parts.

Generating the world is the slow part of starting a sandbox (thousands of scored
candidates), and a seed always generates the same world. So each world is generated once
per process and every sandbox gets a cheap copy (`pristine`); a persistent sandbox saves its
world between commands (`persistence.py`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass, field
from typing import Any

from shared.sandbox.config import SandboxConfig
from shared.sandbox.data import CompanyPlan, build_company
from shared.sandbox.state import Company, Ids

DEFAULT_COMPANY = "Acme Talent"
OTHER_COMPANY = "Globex"
# Worlds generated in this process, by what generated them. A test session uses a few.
_MAX_PRISTINE = 4


@dataclass(eq=False)
class World:
    ids: Ids
    default: Company
    other: Company
    big_job_id: int | None
    last_rescore_ms: int = 0
    # Webhooks of a saved world that the process sending them had nowhere to deliver (a
    # `tt` command): (company id, event, data), for the next process that has a webhook URL.
    outbox: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)

    @property
    def companies(self) -> tuple[Company, Company]:
        return (self.default, self.other)

    def clone(self) -> World:
        with _cyclic_gc_paused():
            return World(
                self.ids.clone(),
                self.default.clone(),
                self.other.clone(),
                self.big_job_id,
                self.last_rescore_ms,
                list(self.outbox),
            )


@dataclass(frozen=True)
class WorldKey:
    """Everything in a SandboxConfig that changes the generated data (not faults or delays)."""

    seed: int
    jobs: int
    candidates_per_job: tuple[int, int]
    big_job_size: int
    unscored_fraction: float
    credits: int
    other_company_jobs: int

    @classmethod
    def of(cls, config: SandboxConfig) -> WorldKey:
        return cls(
            config.seed,
            config.jobs,
            tuple(config.candidates_per_job),  # type: ignore[arg-type]
            config.big_job_size,
            config.unscored_fraction,
            config.credits,
            config.other_company_jobs,
        )

    def as_tuple(self) -> tuple[object, ...]:
        return astuple(self)


_pristine: dict[WorldKey, World] = {}


def pristine(config: SandboxConfig) -> World:
    """A fresh copy of the world `config` generates (generated once per process)."""
    key = WorldKey.of(config)
    world = _pristine.get(key)
    if world is None:
        world = generate(key)
        if len(_pristine) >= _MAX_PRISTINE:
            _pristine.pop(next(iter(_pristine)))
        _pristine[key] = world
    return world.clone()


def generate(key: WorldKey) -> World:
    ids = Ids()
    main_plan = CompanyPlan(
        DEFAULT_COMPANY,
        jobs=key.jobs,
        candidates_per_job=key.candidates_per_job,
        big_job_size=key.big_job_size,
        unscored_fraction=key.unscored_fraction,
        credits=key.credits,
        assessments=4,
    )
    other_plan = CompanyPlan(
        OTHER_COMPANY,
        jobs=key.other_company_jobs,
        candidates_per_job=(10, 30),
        big_job_size=0,
        unscored_fraction=key.unscored_fraction,
        credits=key.credits,
        assessments=1,
    )
    with _cyclic_gc_paused():
        default, big_job_id = build_company(main_plan, key.seed, ids)
        other, _ = build_company(other_plan, key.seed, ids)
    return World(ids, default, other, big_job_id)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Generation allocates tens of thousands of acyclic records; the cyclic collector would
    rescan them over and over (about a fifth of the build time) and find nothing to free."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
