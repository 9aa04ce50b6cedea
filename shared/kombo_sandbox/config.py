"""Fault knobs of the Kombo emulator, in the style of the TapTalent sandbox's `Faults`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class QueuedError:
    """Answer the next matching request with this error (then forget it)."""

    code: str
    status: int = 400
    method: str | None = None
    path_contains: str | None = None
    message: str = "Injected by the Kombo emulator."

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and (
            self.path_contains is None or self.path_contains in path
        )


@dataclass
class KomboFaults:
    """Mutable at any time. Rates are 0..1 from the emulator's seeded RNG; times in seconds.

    ``denied`` names write actions the integration's scopes do not allow ("create",
    "move", "reject", "note", "result_link"): they answer INTEGRATION.PERMISSION_MISSING.
    """

    latency: float = 0.0
    write_latency: float = 0.0
    error_rate: float = 0.0  # REMOTE.SERVICE_UNAVAILABLE (503)
    rate_limit_rate: float = 0.0  # PLATFORM.RATE_LIMIT_EXCEEDED (429)
    retry_after: float = 1.0
    max_writes_in_flight: int = 30
    denied: set[str] = field(default_factory=set)
    queued: list[QueuedError] = field(default_factory=list)

    def queue(self, code: str, status: int = 400, **match: str) -> None:
        self.queued.append(QueuedError(code, status, **match))

    def take(self, method: str, path: str) -> QueuedError | None:
        for n, queued in enumerate(self.queued):
            if queued.matches(method, path):
                return self.queued.pop(n)
        return None
