from slack_bolt.async_app import AsyncApp

from bot.errors import guarded
from bot.gate import write_gate
from bot.listeners.commands.tt import tt_command_callback, write_verb

COMMAND = "/tt"


def register(app: AsyncApp) -> None:
    # A typed write only asks for confirmation here: the writer check, no claims.
    app.command(COMMAND, middleware=[write_gate(write_verb, once=False)])(
        guarded(tt_command_callback)
    )
