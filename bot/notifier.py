"""Rescore alerts in Slack: one message in the channel and thread the rescore came from.

Slack allows about one message per second per channel, so alerts to the same channel are
spaced out here; a 429 that still happens is retried by the Web client after the
`Retry-After` it names. Raising makes the tracker retry the notice later; errors that no
retry can fix (the bot was removed from the channel) fall back to TT_ALERT_CHANNEL or are
logged, so one lost channel never blocks the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.alerts import rescore_alert
from bot.blocks.ats import ats_change_message
from bot.blocks.text import esc, redact, trim
from bot.slack import slack_error
from shared.actions.ats.models import AtsChange
from shared.actions.models import RescoreReport
from shared.notify import OperationNotice
from shared.store import Origin

log = logging.getLogger("tt.bot.alerts")

PER_CHANNEL_INTERVAL = 1.0
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "restricted_action",
        "cannot_reply_to_message",
        "thread_not_found",
        "msg_too_long",
        "invalid_blocks",
    }
)


class ChannelPacer:
    """At most one message per `interval` seconds per channel, in arrival order."""

    def __init__(
        self, interval: float = PER_CHANNEL_INTERVAL, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.interval = interval
        self.clock = clock
        self._locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._last: dict[str, float] = {}

    @contextlib.asynccontextmanager
    async def turn(self, channel: str) -> AsyncIterator[None]:
        async with self._locks[channel]:
            wait = self._last.get(channel, -1e9) + self.interval - self.clock()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                self._last[channel] = self.clock()


class SlackNotifier:
    def __init__(
        self,
        client: AsyncWebClient,
        *,
        alert_channel: str | None = None,
        pacer: ChannelPacer | None = None,
    ) -> None:
        self.client = client
        self.alert_channel = alert_channel
        self.pacer = pacer or ChannelPacer()

    def destination(self, origin: Origin) -> tuple[str, str | None] | None:
        """(channel, thread_ts): the requester's thread, or the alert channel for MCP/CLI."""
        if origin.kind == "slack" and origin.channel:
            return origin.channel, origin.thread_ts
        if self.alert_channel:
            return self.alert_channel, None
        return None

    async def rescore_finished(self, report: RescoreReport) -> None:
        await self._deliver(
            report.origin, f"rescore group {report.group_id}", rescore_alert(report)
        )

    async def operation_finished(self, notice: OperationNotice) -> None:
        """Any other kind's notice, as escaped plain text (no mentions, no links)."""
        text = "\n".join([f"*{esc(notice.title)}*", *(esc(redact(line)) for line in notice.lines)])
        text = trim(text, 2900)
        message = {
            "text": trim(notice.title, 150),
            "blocks": [
                {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}
            ],
        }
        await self._deliver(notice.origin, f"{notice.kind} {notice.operation_id}", message)

    async def _deliver(self, origin: Origin, what: str, message: dict[str, Any]) -> None:
        target = self.destination(origin)
        if target is None:
            log.info("%s ended; no Slack channel to tell", what)
            return
        channel, thread = target
        try:
            await self._post(channel, thread, message)
        except SlackApiError as exc:
            error = slack_error(exc)
            if error not in PERMANENT_ERRORS:
                raise  # the tracker retries later
            if self.alert_channel and self.alert_channel != channel:
                log.warning(
                    "alert for %s could not go to %s (%s); sending it to %s",
                    what,
                    channel,
                    error,
                    self.alert_channel,
                )
                await self._post(self.alert_channel, None, message)
            else:
                log.error("alert for %s dropped: %s in %s", what, error, channel)

    async def ats_changed(self, change: AtsChange) -> None:
        """One line in the thread the push came from: the ATS moved or rejected someone."""
        target = self.destination(change.origin)
        if target is None:
            log.info("ATS change for %s; no Slack channel to tell", change.job_candidate_id)
            return
        await self._post(*target, ats_change_message(change))

    async def _post(self, channel: str, thread: str | None, message: dict[str, Any]) -> None:
        async with self.pacer.turn(channel):
            await self.client.chat_postMessage(
                channel=channel,
                thread_ts=thread,
                text=str(message["text"]),
                blocks=message["blocks"],
                unfurl_links=False,
                unfurl_media=False,
            )
