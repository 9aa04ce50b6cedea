from slack_bolt.async_app import AsyncApp

from bot.blocks import ids
from bot.errors import guarded
from bot.listeners.actions.candidate import candidate_menu_callback, move_button_callback
from bot.listeners.actions.lists import (
    help_callback,
    jobs_page_callback,
    open_top_callback,
    top_page_callback,
)
from bot.listeners.actions.rescore import rescore_job_callback


def register(app: AsyncApp) -> None:
    app.action(ids.CANDIDATE_MENU)(guarded(candidate_menu_callback))
    app.action(ids.MOVE)(guarded(move_button_callback))
    for page_action in (ids.NEXT_PAGE, ids.PREVIOUS_PAGE, ids.REFRESH):
        app.action(page_action)(guarded(top_page_callback))
    app.action(ids.OPEN_TOP)(guarded(open_top_callback))
    app.action(ids.JOBS_PAGE)(guarded(jobs_page_callback))
    app.action(ids.HELP)(guarded(help_callback))
    app.action(ids.RESCORE_JOB)(guarded(rescore_job_callback))
