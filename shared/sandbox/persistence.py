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
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

from shared.sandbox.assessing import due_invitations
from shared.sandbox.config import SandboxConfig
from shared.sandbox.kept import kept_path
from shared.sandbox.runtime import WorldKeeper
from shared.sandbox.statefile import StateFile, forget
from shared.sandbox.workflows import due_batches, due_rescores, settle_due
from shared.sandbox.world import World, WorldKey, pristine

if TYPE_CHECKING:
    from shared.sandbox.runtime import Runtime

log = logging.getLogger("shared.sandbox")

FORMAT = 3  # 2: the envelope of statefile.py; 3: assessments' invitations, resume batches
WATCH_SECONDS = 0.5


def world_path(folder: Path, seed: int) -> Path:
    """Where the world of `seed` lives in a data folder."""
    return kept_path(folder, "sandbox", seed)


def reset_world(path: Path) -> bool:
    """Forget a saved world: the next sandbox on `path` starts from its seed. True if any."""
    return forget(path)


class SavedWorld(WorldKeeper):
    """Keeps a sandbox's world in `path`, shared with every process that opens it."""

    shared = True

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = StateFile(path, what="sandbox world", format=FORMAT, kind=World)
        self._watcher: asyncio.Task[None] | None = None

    # WorldKeeper ---------------------------------------------------------------------
    def first_world(self, config: SandboxConfig) -> World:
        self.file.key = WorldKey.of(config)
        found = self._read()
        if found is not None:
            return found
        world = pristine(config)
        # Saved at once: loading it is about twice as fast as generating it again.
        with self.file.locked_now():
            if self.file.stamp() is None:  # nobody saved one meanwhile
                self._write(world)
            else:
                return self._read() or world
        return world

    @contextlib.asynccontextmanager
    async def changing(self, rt: Runtime) -> AsyncIterator[None]:
        rt.world  # noqa: B018 (generated or loaded now, outside the lock: it may save)
        async with self.file.locked():
            self._refresh(rt)
            rt.flush_outbox()  # what others kept goes first: events leave in their order
            settle_due(rt)
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
        if (
            self.file.changed_on_disk()
            or due_rescores(rt)
            or due_batches(rt)
            or due_invitations(rt)
        ):
            async with self.file.locked():
                self._refresh(rt)
                flushed = rt.flush_outbox()  # before what settles now: events in order
                if settle_due(rt) or flushed:
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
    def _refresh(self, rt: Runtime) -> None:
        if self.file.changed_on_disk():
            world = self._read()
            if world is not None:
                rt.adopt(world)

    def _read(self) -> World | None:
        world = self.file.read()
        assert world is None or isinstance(world, World)
        return world

    def _write(self, world: World) -> None:
        urls = [c.webhook_url for c in world.companies]
        for company in world.companies:
            company.webhook_url = None  # where to deliver belongs to each process
        try:
            self.file.write(world)
        finally:
            for company, url in zip(world.companies, urls, strict=True):
                company.webhook_url = url
