"""An emulator's state kept in a file of the per-user data folder, shared by processes.

Every emulator that remembers across `tt` commands (the TapTalent world in
`persistence.py`, the other systems' emulators through `kept.py`) keeps its state the same
way, here:
- a pickle written by this user for this user (mode 0600, in tt's own data folder),
  replaced atomically (written beside, then renamed);
- an envelope naming the format and what generated the state (`key`): a file from another
  version of tt or another configuration, or one that cannot be read, is set aside as
  `<name>.unreadable` with a warning, and the emulator starts again from its seed;
- changes made under an exclusive lock on `<name>.lock`, which every process shares;
- `changed_on_disk()` tells a process that another one saved since it last looked.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import pickle
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

log = logging.getLogger("shared.sandbox")

Stamp = tuple[int, int, int]


class StateFile:
    """One emulator's saved state: `read`, `write`, and the lock around changes."""

    def __init__(self, path: Path, *, what: str, format: int, kind: type) -> None:
        self.path = path
        self.what = what  # "sandbox world", "Kombo emulator's data", ... (for the warning)
        self.format = format
        self.kind = kind
        self.key: object = None  # what generated the state; set before the first read
        self._lock_path = path.with_name(path.name + ".lock")
        self._in_process = asyncio.Lock()
        self._seen: Stamp | None = None

    # The lock -------------------------------------------------------------------------
    @contextlib.asynccontextmanager
    async def locked(self) -> AsyncIterator[None]:
        """Exclusive across processes (and across tasks of this one) until the block ends."""
        async with self._in_process:
            fd = self._open_lock()
            try:
                await asyncio.to_thread(fcntl.flock, fd, fcntl.LOCK_EX)
                yield
            finally:
                os.close(fd)  # closing releases the lock

    @contextlib.contextmanager
    def locked_now(self) -> Iterator[None]:
        """The same lock, taken by blocking (before any event loop work, at first load)."""
        fd = self._open_lock()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    def _open_lock(self) -> int:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)

    # The file -------------------------------------------------------------------------
    def stamp(self) -> Stamp | None:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def changed_on_disk(self) -> bool:
        """True when the file is not the one this process last read or wrote."""
        return self.stamp() != self._seen

    def read(self) -> object | None:
        """The saved state, or None (no file, or one set aside because it was unusable)."""
        seen = self.stamp()
        if seen is None:
            self._seen = None
            return None
        try:
            with self.path.open("rb") as file:
                # Our own file, in the user's own data folder (see the module docstring).
                saved = pickle.load(file)  # noqa: S301
            if saved.get("format") != self.format or saved.get("key") != self.key:
                raise ValueError("made by another version of tt or another configuration")
            state = saved["state"]
            if not isinstance(state, self.kind):
                raise TypeError(f"not a {self.kind.__name__}")
        except Exception as exc:
            self._set_aside(exc)
            return None
        self._seen = seen
        return state

    def write(self, state: object) -> None:
        data = pickle.dumps(
            {"format": self.format, "key": self.key, "state": state},
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temporary, self.path)
        self._seen = self.stamp()

    def _set_aside(self, exc: Exception) -> None:
        aside = self.path.with_name(self.path.name + ".unreadable")
        os.replace(self.path, aside)
        log.warning(
            "The saved %s %s could not be read (%s); it was moved to %s and it starts again "
            "from its seed.",
            self.what,
            self.path,
            exc,
            aside,
        )
        self._seen = None


def forget(path: Path) -> bool:
    """Remove a saved state: the next emulator on `path` starts from its seed. True if any."""
    existed = path.exists()
    path.unlink(missing_ok=True)
    return existed
