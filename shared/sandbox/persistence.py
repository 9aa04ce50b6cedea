"""A sandbox world kept in a file, so that one `tt` command sees what the previous one did.

Every process that opens the same file (`tt move`, then `tt job`, beside a running
`tt serve`) works on one world:
- before it looks at the world, a process reloads it if another process saved since;
- a change (any request other than GET, and background work) happens under an exclusive
  lock on the file and is saved before the lock is released;
- a queued rescore completes `rescore_delay` after it was queued, in whichever process
  looks first (`workflows.settle_due`); a long-running process also looks every
  `WATCH_SECONDS`, so its webhook leaves on time although the process that queued the
  rescore has exited.

The file is a pickle, written by this user for this user (mode 0600, in the per-user data
folder). A file from another version of tt that cannot be read is set aside and the seed's
first world is used, with a warning.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
import pickle
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Receive, Scope, Send

from shared.sandbox.config import SandboxConfig
from shared.sandbox.runtime import WorldKeeper
from shared.sandbox.savefile import exclusive_lock, stamp, write_private
from shared.sandbox.workflows import due_rescores, settle_due
from shared.sandbox.world import World, WorldKey, pristine

if TYPE_CHECKING:
    from shared.sandbox.runtime import Runtime

log = logging.getLogger("shared.sandbox")

FORMAT = 1
WATCH_SECONDS = 0.5
READS = frozenset({"GET", "HEAD", "OPTIONS"})


def world_path(folder: Path, seed: int) -> Path:
    """Where the world of `seed` lives in a data folder."""
    return folder / f"sandbox-seed{seed}.world"


def reset_world(path: Path) -> bool:
    """Forget a saved world: the next sandbox on `path` starts from its seed. True if any."""
    existed = path.exists()
    path.unlink(missing_ok=True)
    return existed


class SavedWorld(WorldKeeper):
    """Keeps a sandbox's world in `path`, shared with every process that opens it."""

    shared = True

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock_path = path.with_name(path.name + ".lock")
        self._key: WorldKey | None = None
        self._seen: tuple[int, int, int] | None = None
        self._in_process = asyncio.Lock()
        self._watcher: asyncio.Task[None] | None = None

    # WorldKeeper ---------------------------------------------------------------------
    def first_world(self, config: SandboxConfig) -> World:
        self._key = WorldKey.of(config)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        found = self._read()
        if found is not None:
            return found
        world = pristine(config)
        # Saved at once: loading it is about twice as fast as generating it again.
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            if self._stat() is None:  # nobody saved one meanwhile
                self._write(world)
            else:
                return self._read() or world
        finally:
            os.close(fd)
        return world

    @contextlib.asynccontextmanager
    async def changing(self, rt: Runtime) -> AsyncIterator[None]:
        rt.world  # noqa: B018 (generated or loaded now, outside the lock: it may save)
        async with self._locked():
            self._refresh(rt)
            settle_due(rt)
            rt.flush_outbox()
            try:
                yield
            finally:
                self._write(rt.world)

    async def aclose(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
            self._watcher = None

    # Looking at the world -------------------------------------------------------------
    async def look(self, rt: Runtime) -> None:
        """Before a read: adopt what other processes saved; complete what is due."""
        self._start_watching(rt)
        rt.world  # noqa: B018 (generated or loaded now, outside the lock: it may save)
        if self._changed_on_disk() or due_rescores(rt):
            async with self._locked():
                self._refresh(rt)
                settled = settle_due(rt)
                if rt.flush_outbox() or settled:
                    self._write(rt.world)

    def watch(self, rt: Runtime) -> None:
        """Look every WATCH_SECONDS from now on (when an event loop runs here)."""
        with contextlib.suppress(RuntimeError):  # no running loop: the first request starts it
            self._start_watching(rt)

    def _start_watching(self, rt: Runtime) -> None:
        if self._watcher is None:
            self._watcher = asyncio.get_running_loop().create_task(self._watch(rt))

    async def _watch(self, rt: Runtime) -> None:
        while True:
            await asyncio.sleep(WATCH_SECONDS)
            try:
                await self.look(rt)
            except Exception:  # the watcher must outlive a bad moment (disk full, ...)
                log.exception("sandbox world: could not refresh %s", self.path)

    # The file -------------------------------------------------------------------------
    def _locked(self) -> contextlib.AbstractAsyncContextManager[None]:
        return exclusive_lock(self._lock_path, self._in_process)

    def _stat(self) -> tuple[int, int, int] | None:
        return stamp(self.path)

    def _changed_on_disk(self) -> bool:
        return self._stat() != self._seen

    def _refresh(self, rt: Runtime) -> None:
        if self._changed_on_disk():
            world = self._read()
            if world is not None:
                rt.adopt(world)

    def _read(self) -> World | None:
        seen = self._stat()
        if seen is None:
            self._seen = None
            return None
        try:
            with self.path.open("rb") as file:
                # Our own file, in the user's own data folder (see the module docstring).
                saved = pickle.load(file)  # noqa: S301
            if saved.get("format") != FORMAT or saved.get("key") != self._key:
                raise ValueError("made by another version of tt or another configuration")
            world = saved["world"]
            if not isinstance(world, World):
                raise TypeError("not a sandbox world")
        except Exception as exc:
            aside = self.path.with_name(self.path.name + ".unreadable")
            os.replace(self.path, aside)
            log.warning(
                "The saved sandbox world %s could not be read (%s); it was moved to %s and "
                "the sandbox starts again from its seed.",
                self.path,
                exc,
                aside,
            )
            self._seen = None
            return None
        self._seen = seen
        return world

    def _write(self, world: World) -> None:
        urls = [c.webhook_url for c in world.companies]
        for company in world.companies:
            company.webhook_url = None  # where to deliver belongs to each process
        try:
            data = pickle.dumps(
                {"format": FORMAT, "key": self._key, "world": world},
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        finally:
            for company, url in zip(world.companies, urls, strict=True):
                company.webhook_url = url
        self._seen = write_private(self.path, data)


class PersistentApp:
    """ASGI wrapper: every request sees the saved world, and every change is saved."""

    def __init__(self, app: ASGIApp, runtime: Runtime, keeper: SavedWorld) -> None:
        self.app = app
        self.rt = runtime
        self.keeper = keeper

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] in READS:
            await self.keeper.look(self.rt)
            await self.app(scope, receive, send)
            return
        async with self.keeper.changing(self.rt):
            await self.app(scope, receive, send)
