"""What the Talynce emulator generates and which faults it injects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from shared.sandbox.config import Faults

#: The organization's pipeline statuses (an application's status must be one of them;
#: matched without regard to case). **Choice**: the seed says only "must match org settings".
STATUSES = ("Applied", "Shortlisted", "Screening", "Interview", "Offered", "Hired", "Rejected")


@dataclass
class TalynceSandboxConfig:
    """Same seed, same data. ``screening_delay``: seconds between an application and its
    screening and match scores (0: at once). Every ``masked_every``-th sample candidate is
    masked in the talent pool, every ``revealed_every``-th revealed."""

    seed: int = 7
    candidates: int = 40
    masked_every: int = 5
    revealed_every: int = 7
    screening_delay: float = 0.0
    statuses: tuple[str, ...] = STATUSES
    #: A POST whose e-mail matches a masked candidate: ``answer`` 200 with the masked
    #: record (and apply), or ``refuse`` with 403 ``talent_pool_reveal_required`` (the
    #: e-mail is a locked field). The seed allows either reading (**choice**: both offered).
    masked_match: Literal["answer", "refuse"] = "answer"
    faults: Faults = field(default_factory=Faults)
