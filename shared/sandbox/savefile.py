"""A file several processes share (an emulator's saved records): the exclusive lock beside
it, its stamp (has another process saved since?), and writing it whole, for this user only.
Used by the TapTalent sandbox's world (`persistence.py`) and the InstaView emulator's
records (`shared.instaview_sandbox.saved`)."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
from collections.abc import AsyncIterator
from pathlib import Path

Stamp = tuple[int, int, int]


@contextlib.asynccontextmanager
async def exclusive_lock(lock_path: Path, in_process: asyncio.Lock) -> AsyncIterator[None]:
    """Held by one task of one process at a time (`in_process` orders this process's)."""
    async with in_process:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            await asyncio.to_thread(fcntl.flock, fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock


def stamp(path: Path) -> Stamp | None:
    """Changes whenever the file is replaced or written; None when there is none."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def write_private(path: Path, data: bytes) -> Stamp | None:
    """Write `data` as the whole file at once (mode 0600); return its new stamp."""
    temporary = path.with_name(path.name + ".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as file:
        file.write(data)
    os.replace(temporary, path)
    return stamp(path)
