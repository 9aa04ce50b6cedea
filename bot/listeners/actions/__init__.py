from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.blocks import ids
from bot.blocks.common import PROG
from bot.blocks.payloads import WriteRequest, decode
from bot.errors import guarded
from bot.gate import write_gate
from bot.listeners.actions.candidate import (
    candidate_menu_callback,
    menu_verb,
    move_button_callback,
)
from bot.listeners.actions.lists import (
    help_callback,
    jobs_page_callback,
    open_top_callback,
    top_page_callback,
)
from bot.listeners.actions.writes import (
    cancel_write_callback,
    confirm_write_callback,
    rescore_job_callback,
    rescore_not_done_callback,
)
from bot.verbs import MOVING, RESCORING, UPLOADING, command_verb
from shared import commands as cmd


def register(app: AsyncApp) -> None:
    # What leads to a write passes the gate's writer check; the write itself, all of it.
    asks = write_gate
    app.action(ids.CANDIDATE_MENU, middleware=[asks(menu_verb, once=False)])(
        guarded(candidate_menu_callback)
    )
    app.action(ids.MOVE, middleware=[asks(MOVING, once=False)])(guarded(move_button_callback))
    app.action(ids.RESCORE_JOB, middleware=[asks(RESCORING, once=False)])(
        guarded(rescore_job_callback)
    )
    app.action(ids.RESCORE_NOT_DONE, middleware=[asks(RESCORING, once=False)])(
        guarded(rescore_not_done_callback)
    )
    app.action(ids.CONFIRM_WRITE, middleware=[write_gate(_confirm_verb)])(
        guarded(confirm_write_callback)
    )
    app.action(ids.CANCEL_WRITE)(guarded(cancel_write_callback))
    for page_action in (ids.NEXT_PAGE, ids.PREVIOUS_PAGE, ids.REFRESH):
        app.action(page_action)(guarded(top_page_callback))
    app.action(ids.pattern(ids.OPEN_TOP))(guarded(open_top_callback))
    app.action(ids.pattern(ids.JOBS_PAGE))(guarded(jobs_page_callback))
    app.action(ids.HELP)(guarded(help_callback))


def _confirm_verb(body: dict[str, Any]) -> str:
    action = (body.get("actions") or [{}])[0]
    request = decode(WriteRequest, action.get("value"))
    if request and (request.not_done_of or (request.command or "").startswith("rescore")):
        return RESCORING
    if request and (request.draft or (request.command or "").startswith("upload")):
        return UPLOADING  # only uploads keep their command as a draft
    try:
        parsed = cmd.parse((request.command if request else None) or "", prog=PROG)
    except cmd.CommandError:
        return MOVING
    return command_verb(parsed) or MOVING
