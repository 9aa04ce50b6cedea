from slack_bolt.async_app import AsyncApp

from bot.errors import guarded
from bot.listeners.commands.tt import tt_command_callback

COMMAND = "/tt"


def register(app: AsyncApp) -> None:
    app.command(COMMAND)(guarded(tt_command_callback))
