"""Who may write (rescore, move): the users and user groups listed in TT_WRITERS.

User-group members come from `usergroups.users.list`, cached briefly so a burst of clicks
costs one Web API call, yet a change in the group is seen within a minute.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack import slack_error

log = logging.getLogger("tt.bot.writers")

GROUP_CACHE_SECONDS = 60.0
GROUP_ERROR_CACHE_SECONDS = 10.0


def is_group_id(value: str) -> bool:
    # Slack user-group ids start with S (users with U or W).
    return value.startswith("S")


class Writers:
    def __init__(
        self,
        allowed: Iterable[str],
        *,
        ttl: float = GROUP_CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        listed = [a.strip() for a in allowed if a.strip()]
        self.users = frozenset(a for a in listed if not is_group_id(a))
        self.groups = tuple(a for a in listed if is_group_id(a))
        self.ttl = ttl
        self.clock = clock
        self._members: dict[str, tuple[float, frozenset[str]]] = {}
        self._lock = asyncio.Lock()

    @property
    def everyone(self) -> bool:
        """No TT_WRITERS: everyone may write (the documented default)."""
        return not self.users and not self.groups

    async def allows(self, client: AsyncWebClient, user: str | None) -> bool:
        if self.everyone:
            return True
        if not user:
            return False
        if user in self.users:
            return True
        for group in self.groups:
            if user in await self._group_members(client, group):
                return True
        return False

    async def _group_members(self, client: AsyncWebClient, group: str) -> frozenset[str]:
        async with self._lock:  # one lookup per group even when clicks arrive together
            now = self.clock()
            cached = self._members.get(group)
            if cached is not None and cached[0] > now:
                return cached[1]
            try:
                response = await client.usergroups_users_list(usergroup=group)
                members = frozenset(response.get("users") or [])
                self._members[group] = (now + self.ttl, members)
            except SlackApiError as exc:
                # Deny rather than allow when Slack can't tell us (e.g. missing scope).
                log.warning("could not list user group %s: %s", group, slack_error(exc))
                members = frozenset()
                self._members[group] = (now + GROUP_ERROR_CACHE_SECONDS, members)
            return members
