"""One write at a time per thing, within this process (double clicks, retries, a batch).

    async with keyed_lock(tk, "interview", str(job_candidate_id)):
        ...

Across processes, a use case adds a lease in the store or a check of its own records.
"""

from __future__ import annotations

import asyncio
import weakref

from shared.toolkit import Toolkit

_locks: weakref.WeakValueDictionary[tuple[int, str, str], asyncio.Lock] = (
    weakref.WeakValueDictionary()
)


def keyed_lock(tk: Toolkit, namespace: str, key: str) -> asyncio.Lock:
    """The lock of `key` in `namespace` for this toolkit's store (dropped when unused)."""
    found = (id(tk.store), namespace, key)
    lock = _locks.get(found)
    if lock is None:
        lock = _locks[found] = asyncio.Lock()
    return lock
