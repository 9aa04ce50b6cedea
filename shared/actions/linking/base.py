"""What a system needs to be linkable: check a job id, and (if it can) list jobs by title."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from shared.actions.models import Id, RemoteJob
from shared.store.links import LinkedSystem
from shared.toolkit import Toolkit


@dataclass(frozen=True)
class RemoteSystem:
    name: LinkedSystem
    label: str  # "InstaView"
    connected: Callable[[Toolkit], bool]
    how_to_connect: str
    #: The job with this id, or an action error saying why it cannot be linked to the
    #: TapTalent job given last.
    check: Callable[[Toolkit, str, Id], Awaitable[RemoteJob]]
    #: Jobs whose titles share words with a TapTalent job's title (None: no jobs API).
    choices: Callable[[Toolkit, str], Awaitable[list[RemoteJob]]] | None = None
