from slack_bolt.async_app import AsyncApp

from bot.blocks import ids
from bot.listeners.actions.candidate import candidate_menu_callback, move_button_callback
from bot.listeners.actions.lists import (
    help_callback,
    jobs_page_callback,
    open_top_callback,
    top_page_callback,
)
from bot.listeners.actions.rescore import rescore_job_callback


def register(app: AsyncApp) -> None:
    app.action(ids.CANDIDATE_MENU)(candidate_menu_callback)
    app.action(ids.MOVE)(move_button_callback)
    for page_action in (ids.NEXT_PAGE, ids.PREVIOUS_PAGE, ids.REFRESH):
        app.action(page_action)(top_page_callback)
    app.action(ids.OPEN_TOP)(open_top_callback)
    app.action(ids.JOBS_PAGE)(jobs_page_callback)
    app.action(ids.HELP)(help_callback)
    app.action(ids.RESCORE_JOB)(rescore_job_callback)
