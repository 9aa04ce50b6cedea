"""What of the Talynce emulator is kept across `tt` commands (see `shared/sandbox/kept.py`):
its records (candidates, their applications and masking, jobs) and its id stream."""

from __future__ import annotations

from shared.sandbox.kept import Keeping, adopt_in_place
from shared.talynce_sandbox.app import TalynceSandbox
from shared.talynce_sandbox.state import Store

TALYNCE = Keeping[TalynceSandbox](
    name="talynce",
    format=1,
    kind=Store,
    seed=lambda sb: sb.config.seed,
    key=lambda sb: (
        sb.config.seed,
        sb.config.candidates,
        sb.config.masked_every,
        sb.config.revealed_every,
    ),
    save=lambda sb: sb.store,
    adopt=lambda sb, saved: adopt_in_place(sb.store, saved),
)
