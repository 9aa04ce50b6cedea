"""SQLite store (aiosqlite): pending rescores, webhook deliveries, audit log, idempotency.

    store = await Store.open("var/tt.db")   # one per process; runs migrations
    ...
    await store.close()

or `async with Store.connect(path) as store: ...`.
"""

from shared.store.migrations import MIGRATIONS
from shared.store.models import (
    AuditEntry,
    Delivery,
    DeliveryState,
    EndState,
    NotifyState,
    Origin,
    PendingRescore,
    RescoreGroup,
    RescoreState,
)
from shared.store.store import Store

__all__ = [
    "MIGRATIONS",
    "AuditEntry",
    "Delivery",
    "DeliveryState",
    "EndState",
    "NotifyState",
    "Origin",
    "PendingRescore",
    "RescoreGroup",
    "RescoreState",
    "Store",
]
