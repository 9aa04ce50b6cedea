"""The one global error handler: tell the person what went wrong, log the rest.

`ActionError`s are sentences meant for people (job not found, no credits left, …) and are
shown as they are. Anything else is a bug or an outage: the person gets a short apology
with a reference, and the log gets the traceback under the same reference.
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

from bot.blocks.common import error_message
from bot.blocks.text import esc
from bot.blocks.writes import notice_modal
from bot.slack import VIEW_ID_KEY, slack_error
from shared.actions import ActionError

log = logging.getLogger("tt.bot")


def describe(error: Exception) -> tuple[str, bool]:
    """(text for the person, whether it is expected)."""
    if isinstance(error, ActionError):
        return str(error), True
    ref = uuid.uuid4().hex[:8]
    log.error("unexpected error (ref %s)", ref, exc_info=error)
    return (
        f"Something went wrong on our side (ref {ref}); it has been logged. Try again in a minute."
    ), False


async def error_callback(
    error: Exception, body: dict[str, Any], context: Any, client: AsyncWebClient
) -> None:
    text, expected = describe(error)
    if expected:
        log.info("told the user: %s", text)
    view_id = context.get(VIEW_ID_KEY)
    if view_id is None and body.get("type") == "view_submission":
        view_id = (body.get("view") or {}).get("id")
    try:
        if view_id is not None:
            await client.views_update(
                view_id=view_id, view=notice_modal("Not done", f"⚠️ {esc(text)}")
            )
        elif context.respond is not None:
            await context.respond(
                response_type="ephemeral", replace_original=False, **error_message(text)
            )
        else:
            log.warning("no way to tell the user: %s", text)
    except SlackApiError as exc:  # the error handler must never raise
        log.warning("could not report an error to Slack: %s", slack_error(exc))


Listener = Callable[..., Awaitable[None]]


def guarded(listener: Listener) -> Listener:
    """Route a listener's exceptions to `error_callback` ourselves.

    bolt's own path for an exception raised after `ack()` resets the acknowledgement, so a
    listener failing within ~10 ms of acking makes bolt wait out its 3 s ack timeout and
    answer Slack with an error on top of ours. Catching here keeps one handler and one
    message. The wrapper takes bolt's `args` and passes the listener the names it asks for.
    """
    names = inspect.getfullargspec(listener).args

    async def run(args: AsyncArgs) -> None:
        try:
            await listener(**{name: getattr(args, name) for name in names})
        except Exception as error:
            if args.ack is not None and args.ack.response is None:
                # Slack must hear back even when we failed early; a modal can say why itself.
                if args.body.get("type") == "view_submission":
                    text, _ = describe(error)
                    await args.ack(
                        response_action="update", view=notice_modal("Not done", f"⚠️ {esc(text)}")
                    )
                    return
                await args.ack()
            await error_callback(error, args.body, args.context, args.client)

    run.__name__ = run.__qualname__ = listener.__name__
    run.__doc__ = listener.__doc__
    return run
