"""Any operation kind's notice reaches Slack in the thread it came from, escaped."""

from __future__ import annotations

from bot.notifier import SlackNotifier
from shared.notify import OperationNotice
from shared.store import Origin
from tests.bot.conftest import Bot


async def test_a_generic_notice_is_posted_escaped_in_its_thread(bot: Bot):
    notifier = bot.service.surfaces[0].notifiers["slack"]
    assert isinstance(notifier, SlackNotifier)
    notice = OperationNotice(
        kind="echo",
        operation_id="e1",
        origin=Origin(kind="slack", user="U1", channel="C42", thread_ts="1.2"),
        title="Push <!channel> finished",
        lines=["from a.person@example.com: <https://evil.example|click>"],
    )
    await notifier.operation_finished(notice)
    [post] = await bot.slack.wait_for("chat.postMessage")
    assert post.body["channel"] == "C42" and post.body["thread_ts"] == "1.2"
    shown = str(post.body["blocks"])
    assert "&lt;!channel&gt;" in shown and "<!channel>" not in shown
    assert "<https://" not in shown and "[email hidden]" in shown
