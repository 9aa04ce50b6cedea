"""`OnFirstUse`: a connection to another system whose parts (its client, the emulator
behind it) are made when first asked for, not when a toolkit opens.

Loading a system's client and emulator costs tens of milliseconds of imports and set-up;
a `tt` command, an MCP start or a service start that never talks to that system should not
pay for it. `shared.kombo_setup.Ats` and `shared.connectors_setup`'s `InstaView` and
`Talynce` keep their parts this way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Self, TypeVar

P = TypeVar("P")


class OnFirstUse(Generic[P]):
    """Holds parts `P` (a tuple), given at once or made by `connect()` on first use."""

    _parts: P | None
    _connect: Callable[[], P] | None

    def _given(self, parts: P) -> None:
        self._parts, self._connect = parts, None

    @classmethod
    def on_first_use(cls, connect: Callable[[], P]) -> Self:
        made = cls.__new__(cls)
        made._parts, made._connect = None, connect
        return made

    @property
    def made(self) -> bool:
        """True once the parts exist (something asked for them, or they were given)."""
        return self._parts is not None

    def _made(self) -> P:
        if self._parts is None:
            assert self._connect is not None
            self._parts = self._connect()
        return self._parts
