"""The Talynce emulator's records kept in a file, so that one `tt` command sees what the
previous one pushed (`tt push … to:talynce`, then `tt status …`).

Every request reloads the records if another process saved since; a request that may
change them (anything but GET) runs under an exclusive lock on the file and is saved
before the lock is released. The file is a pickle in the user's own data folder (mode
0600), like the TapTalent sandbox's world; one that cannot be read is set aside.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from shared.sandbox.files import exclusive, stamp
from shared.talynce_sandbox.state import Store

log = logging.getLogger("shared.talynce_sandbox")

FORMAT = 1
READS = frozenset({"GET", "HEAD", "OPTIONS"})


def talynce_world_path(folder: Path, seed: int = 7) -> Path:
    return folder / f"talynce-sandbox-seed{seed}.world"


class SavedRecords:
    """The emulator's candidates and id generator, shared through ``path``."""

    def __init__(self, path: Path, store: Store) -> None:
        self.path, self.store = path, store
        self._lock_path = path.with_name(path.name + ".lock")
        self._seen: tuple[int, int, int] | None = None
        self._in_process = asyncio.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)

    @contextlib.asynccontextmanager
    async def locked(self) -> AsyncIterator[None]:
        async with exclusive(self._lock_path, self._in_process):
            yield

    def _stat(self) -> tuple[int, int, int] | None:
        return stamp(self.path)

    def refresh(self) -> None:
        """Adopt what another process saved since this one last looked."""
        seen = self._stat()
        if seen is None or seen == self._seen:
            return
        try:
            with self.path.open("rb") as file:
                saved: dict[str, Any] = pickle.load(file)  # noqa: S301 (our own file)
            if saved.get("format") != FORMAT:
                raise ValueError("made by another version of tt")
            self.store.candidates = saved["candidates"]
            self.store.restore_rng(saved["rng"])
        except Exception as exc:
            aside = self.path.with_name(self.path.name + ".unreadable")
            os.replace(self.path, aside)
            log.warning("%s could not be read (%s); moved to %s", self.path, exc, aside)
            return
        self._seen = seen

    def save(self) -> None:
        data = {
            "format": FORMAT,
            "candidates": self.store.candidates,
            "rng": self.store.rng_state(),
        }
        temporary = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            pickle.dump(data, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
        self._seen = self._stat()


class Persisted:
    """ASGI: reload before each request; save after each change, under the file lock."""

    def __init__(self, app: ASGIApp, records: SavedRecords) -> None:
        self.app, self.records = app, records

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] in READS:
            self.records.refresh()
            await self.app(scope, receive, send)
            return
        async with self.records.locked():
            self.records.refresh()
            try:
                await self.app(scope, receive, send)
            finally:
                self.records.save()
