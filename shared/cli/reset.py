"""`tt sandbox --reset`: every emulator starts again from its seed, and tt forgets its own
records that point into them (for the emulated systems only: where a system's key is
set, tt's records point at real data and stay)."""

from __future__ import annotations

import asyncio

from shared.config import Settings
from shared.kombo_setup import kombo_configured
from shared.sandbox.kept import forget_all
from shared.store import Store
from shared.store.links import LinkedSystem


def reset_emulators(settings: Settings, seed: int) -> str:
    """Forget the saved emulators of `seed`; the sentence to print."""
    forgot = forget_all(settings.data_folder, seed)
    records: list[str] = []
    if settings.sandbox_mode and settings.tt_db_path.exists():
        records = asyncio.run(_forget_records(settings))
    if not forgot and not records:
        return f"The sandbox (seed {seed}) had no changes to forget."
    said = f"The sandbox (seed {seed}) starts afresh, and so do the other systems' emulators"
    said += f" (forgot: {', '.join(forgot)})." if forgot else "."
    if records:
        said += f" tt forgot its {' and '.join(records)}, which pointed into the emulators."
    return said


async def _forget_records(settings: Settings) -> list[str]:
    """tt's records about the emulated systems, forgotten: what kinds there were."""
    said = []
    store = await Store.open(settings.tt_db_path)
    try:
        if not kombo_configured(settings) and await store.forget_ats_records():
            said.append("ATS links and pushes")
        linked: list[tuple[LinkedSystem, str, str]] = [
            ("instaview", "InstaView", settings.instaview_mode),
            ("talynce", "Talynce", settings.talynce_mode),
        ]
        for system, name, mode in linked:
            if mode == "emulator" and await store.forget_system_links(system):
                said.append(f"{name} job links")
    finally:
        await store.close()
    return said
