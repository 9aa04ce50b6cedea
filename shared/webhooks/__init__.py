"""Receiving TapTalent webhooks and ending operations from them (or by polling)."""

from shared.webhooks.receiver import dedupe_key, key_matches, webhook_endpoint
from shared.webhooks.tracker import OperationTracker, RescoreTracker

__all__ = ["OperationTracker", "RescoreTracker", "dedupe_key", "key_matches", "webhook_endpoint"]
