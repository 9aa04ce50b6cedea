"""`tt upload` as a user runs it against `tt sandbox --dialect …` on loopback, on every
dialect: two processes, no webhook reaching the CLI, the upload followed to its report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from shared.sandbox import Sandbox, SandboxConfig
from shared.sandbox.dialect import DIALECTS
from tests.shared.service.test_process import free_port
from tests.support.uploads import links


def start_sandbox(tmp_path: Path, dialect: str, key: str) -> tuple[subprocess.Popen[str], str]:
    for _ in range(3):  # another xdist worker may take the probed port first
        port = free_port()
        argv = ["sandbox", "--port", str(port), "--dialect", dialect, "--in-memory"]
        proc = subprocess.Popen(
            [sys.executable, "-m", "shared.cli.main", *argv],
            cwd=tmp_path,
            env={**os.environ, "TT_DB_PATH": str(tmp_path / "sandbox.sqlite3")},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        base = f"http://127.0.0.1:{port}/v1/partner"
        deadline = time.monotonic() + 30
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                answer = httpx.get(f"{base}/jobs", headers={"Authorization": f"Bearer {key}"})
            except httpx.TransportError:
                time.sleep(0.1)
                continue
            if answer.status_code == 200:
                return proc, base
            break
        proc.kill()
        proc.wait()
    raise AssertionError("the sandbox did not start")


@pytest.mark.parametrize("dialect", DIALECTS)
def test_tt_upload_against_a_sandbox_of_each_dialect(tmp_path: Path, dialect: str):
    key = Sandbox(SandboxConfig(seed=7)).api_key  # keys follow from the seed
    proc, base = start_sandbox(tmp_path, dialect, key)
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TAPTALENT_", "SLACK_"))}
        env.update(
            TAPTALENT_API_KEY=key, TAPTALENT_BASE_URL=base, TT_DB_PATH=str(tmp_path / "tt.db")
        )
        argv = ["upload", "job:4204", *links(3, failing=1), "--yes", "--json"]
        done = subprocess.run(
            [sys.executable, "-m", "shared.cli.main", *argv],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["parsed"], report["failed"], report["urls"]) == (2, 1, 3)
    assert len(report["top"]) == 5 and "progress: Upload: 1/1 batches parsed" in done.stderr
