"""`tt sandbox --reset`: every emulator starts again from its seed, and tt forgets its own
records that point into them (in sandbox mode only: with real systems configured, tt's
records point at real data and stay)."""

from __future__ import annotations

import asyncio

from shared.config import Settings
from shared.kombo_setup import kombo_configured
from shared.sandbox.kept import forget_all
from shared.store import Store


def reset_emulators(settings: Settings, seed: int) -> str:
    """Forget the saved emulators of `seed`; the sentence to print."""
    forgot = forget_all(settings.data_folder, seed)
    records = 0
    if settings.sandbox_mode and not kombo_configured(settings) and settings.tt_db_path.exists():
        records = asyncio.run(_forget_ats_records(settings))
    if not forgot and not records:
        return f"The sandbox (seed {seed}) had no changes to forget."
    said = f"The sandbox (seed {seed}) starts afresh, and so do the other systems' emulators"
    said += f" (forgot: {', '.join(forgot)})." if forgot else "."
    if records:
        said += " tt forgot its ATS links and pushes, which pointed into the emulator."
    return said


async def _forget_ats_records(settings: Settings) -> int:
    store = await Store.open(settings.tt_db_path)
    try:
        return await store.forget_ats_records()
    finally:
        await store.close()
