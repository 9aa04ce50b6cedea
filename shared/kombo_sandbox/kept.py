"""What of the Kombo emulator is kept across `tt` commands (see `shared/sandbox/kept.py`):
the ATS's records (jobs, candidates, applications, notes, result links, rejections)."""

from __future__ import annotations

from shared.kombo_sandbox.app import KomboSandbox
from shared.kombo_sandbox.state import Ats
from shared.sandbox.kept import Keeping


def _adopt(sb: KomboSandbox, saved: Ats) -> None:
    sb.ats = saved  # the routes read `sb.ats` on each request


KOMBO = Keeping[KomboSandbox](
    name="kombo",
    format=1,
    kind=Ats,
    seed=lambda sb: sb.seed,
    key=lambda sb: sb.seed,
    save=lambda sb: sb.ats,
    adopt=_adopt,
)
