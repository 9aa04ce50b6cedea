"""A new operation kind is one module: here, a whole kind defined in this test (an "echo"
the outside system answers), run by the real tracker on a real SQLite file, with no
change to the store, the tracker or the notifiers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shared.notify import OperationNotice, RoutingNotifier
from shared.operations.registry import KINDS
from shared.operations.stored import Ended, StoredKind
from shared.sandbox import Sandbox
from shared.store import Origin
from shared.store.models import EndState
from shared.store.operations import Operation
from shared.toolkit import Toolkit
from shared.webhooks import OperationTracker
from tests.shared.webhooks.test_operations import toolkit
from tests.support.tracking import Told, passes

BOB = Origin(kind="slack", user="U_BOB", channel="C42")


class EchoKind(StoredKind):
    """The whole kind: which webhook ends it, how to poll it, what to tell."""

    name = "echo"
    events = frozenset({"echo.finished"})

    def __init__(self) -> None:
        self.remote: dict[str, str | None] = {}  # what the outside system would answer

    async def ended_by_webhook(
        self, tk: Toolkit, event: str, data: dict[str, Any]
    ) -> tuple[str, EndState, dict[str, Any]] | None:
        return str(data["echoId"]), "completed", data

    async def poll(self, tk: Toolkit, operation: Operation) -> Ended | None:
        answer = self.remote.get(operation.id)
        if answer == "garbled":
            raise ValueError("an answer tt cannot read")
        return None if answer is None else ("completed", {"said": answer})

    async def notice(self, tk: Toolkit, operation: Operation) -> OperationNotice:
        return OperationNotice(
            kind=self.name,
            operation_id=operation.id,
            origin=operation.origin,
            title=f"Echo {operation.id} {operation.state}",
            lines=[json.dumps(operation.result)],
        )


async def test_a_kind_defined_in_one_module_is_tracked_end_to_end(sandbox: Sandbox, tmp_path: Path):
    echo, told = EchoKind(), Told()
    async with toolkit(sandbox, tmp_path, TT_POLL_AFTER=0.001, TT_RESCORE_EXPIRY=3600) as tk:
        tracker = OperationTracker(tk, RoutingNotifier({"*": told}), kinds=(*KINDS, echo))
        for op in ("by-webhook", "by-poll", "running"):
            await tk.store.add_operation("echo", op, BOB, subject="job:1")
        # Ended by its webhook, delivered twice (stored as the receiver stores it).
        body = json.dumps({"event": "echo.finished", "data": {"echoId": "by-webhook"}})
        for key in ("d1", "d2"):
            await tk.store.add_delivery(key, "echo.finished", body)
        echo.remote["by-poll"] = "hello"
        await passes(tracker)
        assert sorted(n.operation_id for n in told.notices) == ["by-poll", "by-webhook"]
        health = await tracker.health()
        assert health["pending_operations"]["echo"] == 1 and health["unsent_notices"] == 0
        echo.remote["running"] = "done at last"
        await passes(tracker, 3)
    assert sorted(n.operation_id for n in told.notices) == ["by-poll", "by-webhook", "running"]


async def test_a_kind_whose_answers_cannot_be_read_expires_once(sandbox: Sandbox, tmp_path: Path):
    echo, told = EchoKind(), Told()
    settings = {"TT_POLL_AFTER": 0.001, "TT_RESCORE_EXPIRY": 0.001}
    async with toolkit(sandbox, tmp_path, **settings) as tk:
        await tk.store.add_operation("echo", "garbled", BOB)
        echo.remote["garbled"] = "garbled"
        tracker = OperationTracker(tk, RoutingNotifier({"*": told}), kinds=(echo,))
        await passes(tracker, 3)
    assert [(n.operation_id, n.title) for n in told.notices] == [
        ("garbled", "Echo garbled expired")
    ]


async def test_a_notifier_without_the_generic_method_logs_the_notice(
    sandbox: Sandbox, tmp_path: Path, caplog: Any
):
    class RescoresOnly:
        async def rescore_finished(self, report: object) -> None: ...

    echo = EchoKind()
    async with toolkit(sandbox, tmp_path, TT_POLL_AFTER=0.001) as tk:
        await tk.store.add_operation("echo", "e1", BOB)
        echo.remote["e1"] = "hi"
        tracker = OperationTracker(tk, RescoresOnly(), kinds=(echo,))
        with caplog.at_level("INFO", logger="tt.notify"):
            await passes(tracker)
    assert "Echo e1 completed" in caplog.text
