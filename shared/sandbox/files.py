"""File helpers the emulators' saved worlds share: an exclusive lock across processes,
and a cheap "has it changed" stamp."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
from collections.abc import AsyncIterator
from pathlib import Path


@contextlib.asynccontextmanager
async def exclusive(lock_path: Path, in_process: asyncio.Lock) -> AsyncIterator[None]:
    """Hold ``in_process`` and an exclusive ``flock`` on ``lock_path`` (0600)."""
    async with in_process:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            await asyncio.to_thread(fcntl.flock, fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock


def stamp(path: Path) -> tuple[int, int, int] | None:
    """(inode, mtime ns, size), or None when there is no file: equal stamps, same file."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)
