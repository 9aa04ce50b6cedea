"""The floor of the `/tt` ack: a bare bolt app that only acks, served like the service.

`python -m bench.floor_bolt` reads PORT, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and
SLACK_API_URL as `python -m bot` does, verifies signatures the same way, and answers
`/tt` with an empty ack and nothing else. `bench/slack_ack.py` sends it the same burst.
"""

from __future__ import annotations

import os

import uvicorn
from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def build() -> Starlette:
    client = AsyncWebClient(
        token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"]
    )
    bolt = AsyncApp(client=client, signing_secret=os.environ["SLACK_SIGNING_SECRET"])

    @bolt.command("/tt")
    async def ack_only(ack: AsyncAck) -> None:
        await ack()

    handler = AsyncSlackRequestHandler(bolt)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True})

    return Starlette(
        routes=[
            Route("/slack/events", events, methods=["POST"]),
            Route("/healthz", health, methods=["GET"]),
        ]
    )


if __name__ == "__main__":
    # The service's uvicorn settings (shared/service/app.py), minus its lifespan work.
    uvicorn.run(build(), host="127.0.0.1", port=int(os.environ["PORT"]), log_level="warning")
