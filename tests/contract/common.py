"""What the contract tests share: the document, the dialects, a small sandbox per dialect."""

from __future__ import annotations

import dataclasses
from typing import Any

from shared.doctor import contract
from shared.sandbox import Sandbox, SandboxConfig

BASE_URL = "http://sandbox.local/v1/partner"


def dialects() -> list[str]:
    """The sandbox's dialects, once its `dialect` switch exists; before that, its default."""
    names = {f.name for f in dataclasses.fields(SandboxConfig)}
    return ["seed", "tt", "mixed"] if "dialect" in names else ["default"]


def small_sandbox(dialect: str) -> Sandbox:
    """A sandbox small enough to start in a blink, in the given dialect."""
    options: dict[str, Any] = {
        "seed": 11,
        "jobs": 3,
        "candidates_per_job": (8, 30),
        "big_job_size": 0,
        "other_company_jobs": 1,
        "rescore_delay": 0.01,
    }
    if dialect != "default":
        options["dialect"] = dialect
    return Sandbox(SandboxConfig(**options))


def emulated_operations() -> list[str]:
    """operationIds the sandbox serves (those not marked `x-tt-emulated: false`)."""
    return [
        op
        for op, (_, _, operation) in contract.operations().items()
        if operation.get("x-tt-emulated", True)
    ]
