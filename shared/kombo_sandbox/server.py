"""Run the Kombo emulator as a local HTTP server (`tt kombo-sandbox` calls `run`).

Besides Kombo's API under `/v1`, three controls let a person play the ATS:
`POST /_kombo/applications/{id}/move {"stage": "<name>"}`,
`POST /_kombo/applications/{id}/reject {"reason": "<name>"}` and
`POST /_kombo/data-changed` (sends a signed `data-changed` webhook to the webhook URL).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

from shared.kombo_sandbox.app import KomboSandbox


def controls(sandbox: KomboSandbox) -> list[Route]:
    async def change(request: Request) -> JSONResponse:
        try:
            body: Any = json.loads(await request.body() or b"{}")
            application = request.path_params["application"]
            if request.path_params["what"] == "move":
                sandbox.move_in_ats(application, str(body["stage"]))
            else:
                sandbox.reject_in_ats(application, str(body["reason"]))
        except (ValueError, KeyError, StopIteration) as exc:
            return JSONResponse({"ok": False, "error": f"{type(exc).__name__}: {exc}"}, 400)
        return JSONResponse({"ok": True})

    async def data_changed(request: Request) -> JSONResponse:
        if sandbox.webhook_url is None:
            return JSONResponse({"ok": False, "error": "start with --webhook-url"}, 400)
        answer = await sandbox.send_data_changed("ats_applications")
        return JSONResponse({"ok": answer.is_success, "status": answer.status_code})

    return [
        Route("/_kombo/applications/{application}/{what:str}", change, methods=["POST"]),
        Route("/_kombo/data-changed", data_changed, methods=["POST"]),
    ]


def build(sandbox: KomboSandbox) -> Starlette:
    return Starlette(routes=[*controls(sandbox), Mount("/", app=sandbox.app)])


def run(
    host: str = "127.0.0.1", port: int = 8766, seed: int = 7, webhook_url: str | None = None
) -> None:
    """Serve the emulator until interrupted."""
    sandbox = KomboSandbox(seed=seed)
    sandbox.webhook_url = webhook_url
    print(describe(sandbox, host, port), flush=True)
    uvicorn.run(build(sandbox), host=host, port=port, log_level="warning")


def describe(sandbox: KomboSandbox, host: str, port: int) -> str:
    return "\n".join(
        [
            "Kombo ATS emulator (set these for tt)",
            f"  KOMBO_BASE_URL        http://{host}:{port}/v1",
            f"  KOMBO_API_KEY         {sandbox.api_key}",
            f"  KOMBO_INTEGRATION_ID  {sandbox.integration_id}",
            f"  KOMBO_WEBHOOK_SECRET  {sandbox.webhook_secret}",
            f"  webhook URL           {sandbox.webhook_url or '(none: start with --webhook-url)'}",
            f"  controls              POST http://{host}:{port}/_kombo/...",
        ]
    )


def run_from_argv(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="tt kombo-sandbox", description="Run the Kombo ATS emulator."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--webhook-url",
        default=None,
        help="where to send data-changed webhooks, e.g. http://127.0.0.1:3000/webhooks/kombo",
    )
    opts = parser.parse_args(argv)
    run(host=opts.host, port=opts.port, seed=opts.seed, webhook_url=opts.webhook_url)
    return 0
