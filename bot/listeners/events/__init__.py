from slack_bolt.async_app import AsyncApp

from bot.errors import guarded
from bot.listeners.events.app_home import app_home_opened_callback


def register(app: AsyncApp) -> None:
    app.event("app_home_opened")(guarded(app_home_opened_callback))
