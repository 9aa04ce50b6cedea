from slack_bolt.async_app import AsyncApp

from bot.blocks import ids
from bot.errors import guarded
from bot.gate import write_gate
from bot.listeners.views.move import move_confirm_callback, move_pick_callback


def register(app: AsyncApp) -> None:
    app.view(ids.MOVE_PICK)(guarded(move_pick_callback))
    app.view(ids.MOVE_CONFIRM, middleware=[write_gate("move candidates")])(
        guarded(move_confirm_callback)
    )
