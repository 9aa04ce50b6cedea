"""Receiving TapTalent webhooks and completing rescores from them (or by polling)."""

from shared.webhooks.receiver import dedupe_key, key_matches, webhook_endpoint
from shared.webhooks.tracker import RescoreTracker

__all__ = ["RescoreTracker", "dedupe_key", "key_matches", "webhook_endpoint"]
