"""The systems a TapTalent job can be linked to besides the ATS: one line each."""

from __future__ import annotations

from shared.actions.linking import instaview, talynce
from shared.actions.linking.base import RemoteSystem

SYSTEMS: dict[str, RemoteSystem] = {
    system.name: system for system in (instaview.SYSTEM, talynce.SYSTEM)
}
