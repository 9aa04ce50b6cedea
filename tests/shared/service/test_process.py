"""`python -m bot` as an operator runs it: listens, answers health, stops cleanly on SIGTERM."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_service(tmp_path: Path) -> tuple[subprocess.Popen[str], str, httpx.Response]:
    """Start `python -m bot` on a free port and wait for its first health answer.

    Under pytest-xdist another worker's server may take the port between the probe and the
    bind: then that server answers (404) and ours exits, and the start is tried again."""
    for _ in range(3):
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TAPTALENT_", "SLACK_"))}
        env.update(HOST="127.0.0.1", PORT=str(port), TT_DB_PATH=str(tmp_path / "svc.sqlite3"))
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
                assert time.monotonic() < deadline, "service did not start"
                time.sleep(0.1)
        if health.status_code == 200:
            return proc, base, health
        try:  # not ours: our service cannot bind that port and stops
            proc.wait(timeout=15)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    raise AssertionError("three free ports were taken by other servers before the service bound")


def test_service_serves_health_and_webhooks_then_stops_on_sigterm(tmp_path: Path):
    proc, base, health = start_service(tmp_path)
    try:
        assert health.json()["ok"] is True and health.json()["sandbox"] is True
        refused = httpx.post(
            f"{base}/webhooks/taptalent", json={"event": "x"}, headers={"X-Webhook-Key": "wrong"}
        )
        assert refused.status_code == 401
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    output = proc.stdout.read() if proc.stdout else ""
    assert "tt service ready" in output and "tt service stopped" in output
    assert "Traceback" not in output
