from slack_bolt.async_app import AsyncApp

from bot.errors import guarded
from bot.gate import write_gate
from bot.listeners.commands.tt import tt_command_callback, write_verb
from bot.retries import once_per_trigger

COMMAND = "/tt"


def register(app: AsyncApp) -> None:
    # Slack's retries run nothing twice (reads included); a typed write only asks for
    # confirmation here: the writer check, no claims.
    app.command(COMMAND, middleware=[once_per_trigger, write_gate(write_verb, once=False)])(
        guarded(tt_command_callback)
    )
