"""The floor of the webhook receiver: a bare Starlette app on the same uvicorn settings that
checks the key, parses the JSON and does one SQLite INSERT per delivery, then answers 200.

`python -m bench.floor_webhooks` reads PORT, FLOOR_DB and TAPTALENT_WEBHOOK_KEY. Duplicates
are found by the INSERT itself (rescoreId and status as the key, as tt deduplicates).
"""

from __future__ import annotations

import hmac
import json
import os
import sqlite3

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def build(db_path: str, key: str) -> Starlette:
    db = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("CREATE TABLE IF NOT EXISTS deliveries (key TEXT PRIMARY KEY, body TEXT)")

    async def receive(request: Request) -> Response:
        given = request.headers.get("x-webhook-key", "")
        if not hmac.compare_digest(given.encode(), key.encode()):
            return JSONResponse({"ok": False}, status_code=401)
        body = await request.body()
        data = json.loads(body).get("data") or {}
        dedupe = f"{data.get('rescoreId')}:{data.get('status')}:{data.get('jobCandidateId')}"
        inserted = db.execute(
            "INSERT OR IGNORE INTO deliveries (key, body) VALUES (?, ?)", (dedupe, body)
        ).rowcount
        return JSONResponse({"ok": True, "duplicate": inserted == 0})

    async def health(request: Request) -> Response:
        return JSONResponse({"ok": True})

    return Starlette(
        routes=[
            Route("/webhooks/taptalent", receive, methods=["POST"]),
            Route("/healthz", health, methods=["GET"]),
        ]
    )


if __name__ == "__main__":
    app = build(os.environ["FLOOR_DB"], os.environ["TAPTALENT_WEBHOOK_KEY"])
    # The service's uvicorn settings (shared/service/app.py), minus its lifespan work.
    uvicorn.run(app, host="127.0.0.1", port=int(os.environ["PORT"]), log_level="warning")
