"""`server.run` prints what a developer needs and hands the app to uvicorn."""

from __future__ import annotations

from typing import Any

import pytest

from shared.sandbox import server


def test_run_prints_keys_and_serves(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    served: dict[str, Any] = {}

    def fake_uvicorn_run(app: Any, **options: Any) -> None:
        served.update(options, app=app)

    monkeypatch.setattr(server.uvicorn, "run", fake_uvicorn_run)
    server.run(
        port=9911,
        seed=3,
        webhook_url="http://127.0.0.1:3000/webhooks/taptalent",
        jobs=3,
        big_job_size=0,
    )
    out = capsys.readouterr().out
    assert "http://127.0.0.1:9911/v1/partner" in out
    assert out.count("sk_test_") == 2 and "whsec_" in out
    assert "http://127.0.0.1:3000/webhooks/taptalent" in out
    assert (served["host"], served["port"]) == ("127.0.0.1", 9911)
    assert served["app"] is not None
