from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import httpx

from shared.actions.models import RescoreReport
from shared.kombo_sandbox import KomboSandbox
from shared.notify import Notifier
from shared.sandbox import Sandbox
from shared.service import Service
from tests.conftest import make_settings


class RecordingNotifier:
    def __init__(self) -> None:
        self.reports: list[RescoreReport] = []

    async def rescore_finished(self, report: RescoreReport) -> None:
        self.reports.append(report)


@contextlib.asynccontextmanager
async def running(
    sandbox: Sandbox,
    tmp_path: Path,
    notifier: Notifier,
    kombo_sandbox: KomboSandbox | None = None,
    **settings: object,
) -> AsyncIterator[tuple[Service, httpx.AsyncClient]]:
    """The service, started (lifespan) and reachable in-process, wired to the sandbox."""
    service = Service(
        make_settings(tmp_path, **settings),
        sandbox=sandbox,
        surfaces=(),
        notifiers={"*": notifier},
        tick=0.05,
        kombo_sandbox=kombo_sandbox,
    )
    async with service.app.router.lifespan_context(service.app):
        transport = httpx.ASGITransport(app=service.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://tt") as http:
            yield service, http
