"""The InstaView emulator's records kept in a file, so that one `tt` command sees what the
previous one did (an interview `tt interview` scheduled, asked about by the next command or
by `tt serve` on the same data folder).

As the TapTalent sandbox does (`shared.sandbox.persistence`), in a simpler form: every API
request takes an exclusive lock on the file, adopts what another process saved since, and
lets the test interviews that are due end (`Lifecycle.settle_due`: the process that
scheduled one may have exited before its timer fired); a change is saved before the lock
is released. Where webhooks go stays each process's own (the configured webhook is never
saved). The file is a pickle written by this user for this user (0600, in the per-user data
folder); one that cannot be read is set aside and the emulator starts afresh.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from shared.instaview_sandbox.state import API, Store
from shared.sandbox.savefile import Stamp, exclusive_lock, stamp, write_private

log = logging.getLogger("shared.instaview_sandbox")

FORMAT = 1
READS = frozenset({"GET", "HEAD", "OPTIONS"})
#: How often a long-running process (`tt serve`) looks for interviews that are due.
WATCH_SECONDS = 0.5


def saved_path(folder: Path, seed: int) -> Path:
    return folder / f"instaview-seed{seed}.world"


class SavedStore:
    """The emulator's `Store`, shared through `path` with every process that opens it."""

    def __init__(self, path: Path, store: Store, keep_local: Callable[[], dict[str, Any]]) -> None:
        self.path = path
        self.store = store
        self._keep_local = keep_local  # the webhooks that belong to this process
        self._lock_path = path.with_name(path.name + ".lock")
        self._seen: Stamp | None = None
        self._in_process = asyncio.Lock()
        self._watcher: asyncio.Task[None] | None = None
        path.parent.mkdir(parents=True, exist_ok=True)

    def watch(self, settle: Callable[[], bool]) -> None:
        """From now on, end what is due every WATCH_SECONDS (its webhooks leave on time
        although the process that scheduled it has exited)."""
        if self._watcher is None:
            self._watcher = asyncio.get_running_loop().create_task(self._watch(settle))

    async def _watch(self, settle: Callable[[], bool]) -> None:
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            try:
                async with self.around(settle, write=False):
                    pass
            except Exception:  # the watcher must outlive a bad moment (disk full, ...)
                log.exception("InstaView emulator: could not refresh %s", self.path)

    async def aclose(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
            self._watcher = None

    @contextlib.asynccontextmanager
    async def around(self, settle: Callable[[], bool], *, write: bool) -> AsyncIterator[None]:
        async with self._locked():
            self._refresh()
            settled = settle()
            try:
                yield
            finally:
                if write or settled or self._seen is None:
                    self._write()

    def _locked(self) -> contextlib.AbstractAsyncContextManager[None]:
        return exclusive_lock(self._lock_path, self._in_process)

    def _stat(self) -> Stamp | None:
        return stamp(self.path)

    def _refresh(self) -> None:
        if self._stat() == self._seen:
            return
        loaded = self._read()
        if loaded is None:
            return
        local = self._keep_local()
        # In place: the routes and the lifecycle hold this very object.
        self.store.__dict__.update(loaded.__dict__)
        self.store.webhooks.update(local)

    def _read(self) -> Store | None:
        seen = self._stat()
        if seen is None:
            return None
        try:
            with self.path.open("rb") as file:
                saved = pickle.load(file)  # noqa: S301 (our own file, see the docstring)
            if saved.get("format") != FORMAT or not isinstance(saved.get("store"), Store):
                raise ValueError("made by another version of tt")
        except Exception as exc:
            aside = self.path.with_name(self.path.name + ".unreadable")
            os.replace(self.path, aside)
            log.warning("%s could not be read (%s); moved to %s", self.path, exc, aside)
            self._seen = None
            return None
        self._seen = seen
        store: Store = saved["store"]
        return store

    def _write(self) -> None:
        local = self._keep_local()
        webhooks = self.store.webhooks
        self.store.webhooks = {k: v for k, v in webhooks.items() if k not in local}
        try:
            data = pickle.dumps({"format": FORMAT, "store": self.store})
        finally:
            self.store.webhooks = webhooks
        self._seen = write_private(self.path, data)


class SavedApi:
    """ASGI wrapper on ``/v1/public``: each request sees the saved records; changes are saved."""

    def __init__(self, app: ASGIApp, saved: SavedStore, settle: Callable[[], bool]) -> None:
        self.app, self.saved, self.settle = app, saved, settle

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API):
            await self.app(scope, receive, send)
            return
        async with self.saved.around(self.settle, write=scope["method"] not in READS):
            await self.app(scope, receive, send)
