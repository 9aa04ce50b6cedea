"""Listener registration, one sub-package per kind of Slack request (as the samples do)."""

from slack_bolt.async_app import AsyncApp

from bot.listeners import actions, ats, commands, events, interviews, views


def register_listeners(app: AsyncApp) -> None:
    commands.register(app)
    actions.register(app)
    views.register(app)
    events.register(app)
    ats.register(app)
    interviews.register(app)
