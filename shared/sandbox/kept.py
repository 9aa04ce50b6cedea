"""The other systems' emulators (Kombo, InstaView, Talynce) kept in the data folder.

The same rules as the TapTalent world (`persistence.py`, on the same `StateFile`): one file
per emulator beside it (`<name>-seed<seed>.world`); before a read a process adopts what
another one saved since; a change (any request other than GET) runs under the file's
lock on the freshly read state and is saved before the lock is released; `tt sandbox
--reset` forgets them all (`forget_all`).

Each emulator says what of it is kept in a `Keeping` (its package's `kept.py`): which
object to save, and how to adopt a saved one in place, so the emulator's own classes and
the routes that hold them need not know.

    sandbox = keep(KomboSandbox(), KOMBO, folder)   # sandbox.app now remembers
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from starlette.types import ASGIApp, Receive, Scope, Send

from shared.sandbox.statefile import StateFile, forget

READS = frozenset({"GET", "HEAD", "OPTIONS"})
SUFFIX = ".world"
Changing = Callable[[], contextlib.AbstractAsyncContextManager[None]]


class Emulator(Protocol):
    app: ASGIApp


E = TypeVar("E", bound=Emulator)


@dataclass(frozen=True)
class Keeping(Generic[E]):
    """What of an emulator is kept, and how.

    ``name``: the file's first word (the emulator's ``seed`` its last). ``format``: bump
    it when the saved classes change, so an older file is set aside instead of misread.
    ``key``: what generated the sample data (a file made from another is set aside).
    ``save``: the object to pickle. ``adopt``: take a saved object on, in place (references
    the emulator's routes hold stay valid).
    ``bind``: hand the keeper's `changing` to the emulator's own background work (timers),
    so what it changes is saved too.
    """

    name: str
    format: int
    kind: type
    seed: Callable[[E], int]
    key: Callable[[E], object]
    save: Callable[[E], object]
    adopt: Callable[[E, Any], None]
    bind: Callable[[E, Changing], None] | None = None


def adopt_in_place(target: object, saved: object) -> None:
    """`target` becomes `saved` (same class), keeping its identity: whoever holds it (an
    emulator's routes, its timers) sees the saved records from now on."""
    vars(target).clear()
    vars(target).update(vars(saved))


def kept_path(folder: Path, name: str, seed: int) -> Path:
    return folder / f"{name}-seed{seed}{SUFFIX}"


def forget_all(folder: Path, seed: int) -> list[str]:
    """Forget every emulator's saved state of `seed` (TapTalent's world included): the
    names of those that had one, e.g. ``["kombo", "sandbox"]``."""
    forgotten = []
    for path in sorted(folder.glob(f"*-seed{seed}{SUFFIX}")):
        if forget(path):
            forgotten.append(path.name.removesuffix(f"-seed{seed}{SUFFIX}"))
    return forgotten


class Keeper(Generic[E]):
    """Keeps one emulator's state in its file, shared with every process that opens it."""

    def __init__(self, emulator: E, keeping: Keeping[E], path: Path) -> None:
        self.emulator = emulator
        self.keeping = keeping
        self.file = StateFile(
            path, what=f"{keeping.name} emulator's data", format=keeping.format, kind=keeping.kind
        )
        self.file.key = keeping.key(emulator)
        self._started = False

    async def look(self) -> None:
        """Before a read: adopt what another process saved since this one last looked."""
        if not self._started or self.file.changed_on_disk():
            async with self.file.locked():
                self._refresh()

    @contextlib.asynccontextmanager
    async def changing(self) -> AsyncIterator[None]:
        """Around a change: on the latest saved state, saved before anyone else looks."""
        async with self.file.locked():
            self._refresh()
            try:
                yield
            finally:
                self.file.write(self.keeping.save(self.emulator))

    def _refresh(self) -> None:
        if self._started and not self.file.changed_on_disk():
            return
        saved = self.file.read()
        if saved is not None:
            self.keeping.adopt(self.emulator, saved)
        elif not self._started:  # no file (or an unreadable one): the seed's state, saved
            self.file.write(self.keeping.save(self.emulator))
        self._started = True


class KeptApp:
    """ASGI wrapper: every request sees the saved state, and every change is saved."""

    def __init__(
        self,
        app: ASGIApp,
        look: Callable[[], Awaitable[None]],
        changing: Changing,
    ) -> None:
        self.app = app
        self.look = look
        self.changing = changing

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] in READS:
            await self.look()
            await self.app(scope, receive, send)
            return
        async with self.changing():
            await self.app(scope, receive, send)


def keep(emulator: E, keeping: Keeping[E], folder: Path) -> E:
    """Make `emulator` remember in `folder`: its `app` now loads and saves its state."""
    path = kept_path(folder, keeping.name, keeping.seed(emulator))
    keeper = Keeper(emulator, keeping, path)
    emulator.app = KeptApp(emulator.app, keeper.look, keeper.changing)
    if keeping.bind is not None:
        keeping.bind(emulator, keeper.changing)
    return emulator
