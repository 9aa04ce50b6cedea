"""The one global error handler: tell the person what went wrong, log the rest.

`ActionError`s are sentences meant for people (job not found, no credits left, …), their
next step worded as a `/tt` command. Anything else is a bug or an outage: the person gets
a short apology with a reference, and the log gets the traceback under the same reference.

The person is told where they are: in the open modal, through the response_url, else in
a direct message from the app, else as a notice on their Home tab. Nothing here raises.
"""

from __future__ import annotations

import inspect
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.kwargs_injection.async_args import AsyncArgs
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.common import error_message, error_text
from bot.blocks.home import HomeData, home_view
from bot.blocks.moves import notice_modal
from bot.blocks.text import esc
from bot.gate import release
from bot.slack import VIEW_ID_KEY, refused_text, slack_error, user_of
from shared.actions import ActionError

log = logging.getLogger("tt.bot")


def describe(error: Exception) -> tuple[str, bool]:
    """(Slack mrkdwn for the person, whether it is expected)."""
    if isinstance(error, ActionError):
        return esc(error_text(error)), True
    ref = uuid.uuid4().hex[:8]
    if isinstance(error, SlackApiError):
        log.warning("Slack refused a call (ref %s): %s", ref, slack_error(error))
        return f"{refused_text(slack_error(error))} (ref {ref})", False
    log.error("unexpected error (ref %s)", ref, exc_info=error)
    return (
        f"Something went wrong on our side (ref {ref}); it has been logged. Try again in a minute."
    ), False


async def _tell(text: str, body: dict[str, Any], context: Any, client: AsyncWebClient) -> str:
    """Say `text` where the person is; return where it went."""
    view_id = context.get(VIEW_ID_KEY)
    if view_id is None and body.get("type") == "view_submission":
        view_id = (body.get("view") or {}).get("id")
    if view_id is not None:
        await client.views_update(view_id=view_id, view=notice_modal("Not done", f"⚠️ {text}"))
        return "modal"
    if context.respond is not None and body.get("response_url"):
        message = error_message(text, escaped=True)
        response = await context.respond(
            response_type="ephemeral", replace_original=False, **message
        )
        if response.status_code < 400:
            return "response_url"
    user = user_of(body) or (body.get("event") or {}).get("user")
    if not user:
        return "nowhere"
    try:
        await client.chat_postMessage(channel=user, **error_message(text, escaped=True))
        return "dm"
    except SlackApiError:
        await client.views_publish(user_id=user, view=home_view(HomeData(notice=f"⚠️ {text}")))
        return "home"


async def error_callback(
    error: Exception, body: dict[str, Any], context: Any, client: AsyncWebClient
) -> None:
    try:
        text, expected = describe(error)
        if expected:
            log.info("told the user: %s", text)
        where = await _tell(text, body, context, client)
        if where == "nowhere":
            log.warning("no way to tell the user: %s", text)
    except Exception as exc:  # the error handler must never raise
        detail = slack_error(exc) if isinstance(exc, SlackApiError) else type(exc).__name__
        log.warning("could not report an error to Slack: %s", detail)


Listener = Callable[..., Awaitable[None]]


def guarded(listener: Listener) -> Listener:
    """Route a listener's exceptions to `error_callback` ourselves.

    bolt's own path for an exception raised after `ack()` resets the acknowledgement, so a
    listener failing within ~10 ms of acking makes bolt wait out its 3 s ack timeout and
    answer Slack with an error on top of ours. Catching here keeps one handler and one
    message. A failed write releases the write gate's claims, so a retry is welcome.
    """
    names = inspect.getfullargspec(listener).args

    async def run(args: AsyncArgs) -> None:
        try:
            await listener(**{name: getattr(args, name) for name in names})
        except Exception as error:
            try:
                await release(args.context, args.body, error)
                if args.ack is not None and args.ack.response is None:
                    # Slack must hear back even when we failed early; a modal can say why.
                    if args.body.get("type") == "view_submission":
                        text, _ = describe(error)
                        view = notice_modal("Not done", f"⚠️ {text}")
                        await args.ack(response_action="update", view=view)
                        return
                    await args.ack()
            except Exception:
                log.warning("could not acknowledge after an error", exc_info=True)
            await error_callback(error, args.body, args.context, args.client)

    run.__name__ = run.__qualname__ = listener.__name__
    run.__doc__ = listener.__doc__
    return run
