"""SQLite store (aiosqlite): long operations (rescores in their own tables, every other
kind in `operations`), their notices (claimed by one sender at a time), webhook
deliveries, the audit log, idempotency keys, and the retention that prunes them.

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
from shared.store.operations import Operation
from shared.store.store import Store

__all__ = [
    "MIGRATIONS",
    "AuditEntry",
    "Delivery",
    "DeliveryState",
    "EndState",
    "NotifyState",
    "Operation",
    "Origin",
    "PendingRescore",
    "RescoreGroup",
    "RescoreState",
    "Store",
]
