"""A monotonic clock that moves only when someone sleeps on it (or a test moves it).

Shared by a client (its retry waits) and an emulator (its rate-limit windows), it lets a
test honour a Retry-After of a minute without waiting a minute.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FakeTime:
    now: float = 1000.0
    sleeps: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
