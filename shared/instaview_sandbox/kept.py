"""What of the InstaView emulator is kept across `tt` commands (see `shared/sandbox/kept.py`):
its records (candidates, interviews, analyses, jobs, the webhooks created through the API),
not the webhook configured for this process (`webhook_url`: where to deliver is each
process's business). Interviews another process left unfinished go on here."""

from __future__ import annotations

import copy

from shared.instaview_sandbox.app import CONFIGURED_WEBHOOK_ID, InstaViewSandbox
from shared.instaview_sandbox.state import Store
from shared.sandbox.kept import Changing, Keeping, adopt_in_place


def _save(sb: InstaViewSandbox) -> Store:
    saved = copy.copy(sb.store)  # pickled at once: sharing the other records is safe
    saved.webhooks = {k: v for k, v in sb.store.webhooks.items() if k != CONFIGURED_WEBHOOK_ID}
    return saved


def _adopt(sb: InstaViewSandbox, saved: Store) -> None:
    own = sb.store.webhooks.get(CONFIGURED_WEBHOOK_ID)
    adopt_in_place(sb.store, saved)
    if own is not None:
        sb.store.webhooks[CONFIGURED_WEBHOOK_ID] = own
    sb.lifecycle.rearm()


def _bind(sb: InstaViewSandbox, changing: Changing) -> None:
    sb.lifecycle.guard = changing


INSTAVIEW = Keeping[InstaViewSandbox](
    name="instaview",
    format=1,
    kind=Store,
    seed=lambda sb: sb.config.seed,
    key=lambda sb: sb.config.seed,
    save=_save,
    adopt=_adopt,
    bind=_bind,
)
