"""Following an upload to its report from the caller's own process (the CLI): the same
steps the tracker takes (ask the batches, wait for scoring), holding the upload's notice so
that a service on the same database does not tell it again. Giving up hands it back."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from shared.actions.errors import ActionError, NotFound
from shared.actions.follow import follow
from shared.actions.uploads.models import UploadReport
from shared.actions.uploads.progress import poll_upload
from shared.actions.uploads.report import upload_report
from shared.actions.uploads.start import KIND
from shared.store.operations import Operation
from shared.toolkit import Toolkit


async def upload_step(tk: Toolkit, upload_id: str) -> Operation:
    """One look: record what ended; the upload as it stands."""
    operation = await tk.store.get_operation(KIND, upload_id)
    if operation is None:
        raise NotFound(f"Upload {upload_id} is not recorded here.")
    if operation.state == "pending":
        ended = await poll_upload(tk, operation)
        if ended is not None:
            state, result = ended
            await tk.store.end_operation(KIND, upload_id, state, result)
        operation = await tk.store.get_operation(KIND, upload_id) or operation
    return operation


async def follow_upload(
    tk: Toolkit,
    upload_id: str,
    *,
    owner: str,
    give_up_after: float,
    interval: float = 0.5,
    on_progress: Callable[[Operation], Awaitable[None] | None] | None = None,
) -> UploadReport:
    """Follow until the upload has ended, then its report (marked told by `owner`)."""
    try:
        last, done = await follow(
            lambda: upload_step(tk, upload_id),
            lambda op: op.state != "pending",
            give_up_after=give_up_after,
            interval=interval,
            on_progress=on_progress,
        )
        if not done:
            raise ActionError(
                f"Upload {upload_id} is still under way after {give_up_after:.0f} s; "
                "its report will follow where alerts go (TT_ALERT_CHANNEL)."
            )
        report = await upload_report(tk, last)
        await tk.store.finish_notice(KIND, upload_id, owner)
        return report
    except BaseException:
        await tk.store.release_notice(KIND, upload_id, owner)
        raise
