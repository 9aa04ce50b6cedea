"""Keys that make writes happen once, whatever Slack or a hurried finger sends twice.

Two kinds of repeat, two keys:
- a retry (`X-Slack-Retry-Num`, or the same payload again) carries the same trigger_id,
  action_ts or view id: claimed for an hour and ignored silently;
- a double click or a command sent twice is a new request with the same meaning from the
  same person within seconds: claimed briefly, and the person is told it was ignored.
"""

from __future__ import annotations

import hashlib
from typing import Any

from shared.toolkit import Toolkit

RETRY_TTL = 3600.0
REPEAT_TTL = 10.0


def _short(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def command_key(command: dict[str, Any]) -> str:
    trigger = command.get("trigger_id")
    if trigger:
        return f"slack:cmd:{trigger}"
    # Without a trigger id: the same text from the same person (within the claim's ttl).
    return f"slack:cmd:{command.get('user_id')}:{_short(str(command.get('text')))}"


def command_repeat_key(user: str, normalized: str) -> str:
    return f"slack:cmd-repeat:{user}:{_short(normalized)}"


def action_key(body: dict[str, Any], action: dict[str, Any]) -> str:
    user = (body.get("user") or {}).get("id")
    return f"slack:act:{user}:{action.get('action_ts')}:{action.get('action_id')}"


def click_key(body: dict[str, Any], action: dict[str, Any]) -> str:
    user = (body.get("user") or {}).get("id")
    where = (body.get("container") or {}).get("message_ts") or (body.get("view") or {}).get("id")
    value = action.get("value") or (action.get("selected_option") or {}).get("value")
    return f"slack:click:{user}:{action.get('action_id')}:{where}:{_short(str(value))}"


def view_key(view: dict[str, Any]) -> str:
    # One write per modal: retries and double submits of the same view share its id.
    return f"slack:view:{view.get('id')}:{view.get('callback_id')}"


async def first_time(tk: Toolkit, key: str, ttl: float) -> bool:
    return bool(await tk.store.idempotency_claim(key, ttl))
