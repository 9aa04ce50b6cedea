"""`tt upload`: links named before asking, the y/N question (links, batches, job), then
the upload followed to its report, which a service on the same database does not repeat."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from shared.actions.uploads import KIND
from shared.cli.main import main
from shared.config import Settings
from shared.notify import RoutingNotifier
from shared.toolkit import open_toolkit
from shared.webhooks import OperationTracker
from tests.support.tracking import Told, passes
from tests.support.uploads import links


@pytest.fixture(autouse=True)
def _db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TT_DB_PATH", str(tmp_path / "cli.sqlite3"))
    monkeypatch.setenv("TT_POLL_AFTER", "0.001")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def answering(monkeypatch: pytest.MonkeyPatch, reply: str) -> list[str]:
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    asked: list[str] = []

    def answer(question: str) -> str:
        asked.append(question)
        return reply

    monkeypatch.setattr("builtins.input", answer)
    return asked


def test_upload_asks_then_follows_to_its_report(capsys, monkeypatch):
    urls = links(3, failing=1)
    asked = answering(monkeypatch, "n")
    code, out, err = run(capsys, "upload", "job:4204", *urls)
    assert code == 1 and "Nothing changed" in err and out == ""
    assert asked == [
        "Upload 3 URLs to Platform Engineer (job 4204) in 1 batch of up to 200? "
        "TapTalent downloads, parses and scores each résumé. [y/N] "
    ]
    asked = answering(monkeypatch, "y")
    code, out, err = run(capsys, "upload", "job:4204", *urls)
    assert code == 0, err
    assert "Uploading 3 URLs to" in out and "(job 4204) in 1 batch" in out
    # No webhook reaches the CLI: it asked for the batch, which names the file that failed.
    assert "2 résumés parsed, 1 failed" in out and "fail-0.pdf" in out and "Top 5" in out
    assert "progress: Upload: 1/1 batches parsed" in err
    # The CLI told its user; a service on the same database has nothing left to tell.
    told = Told()

    async def service_pass() -> int:
        async with open_toolkit(Settings()) as tk:
            await passes(OperationTracker(tk, RoutingNotifier({"*": told})))
            return len(await tk.store.operations(KIND, pending=False))

    assert asyncio.run(service_pass()) == 1 and told.notices == []


def test_refused_links_are_named_before_asking(capsys, monkeypatch):
    asked = answering(monkeypatch, "y")
    code, out, err = run(capsys, "upload", "job:4204", "https://10.0.0.7/cv.pdf", *links(2))
    assert code == 2 and asked == [] and out == ""
    assert "URL 1 “https://10.0.0.7/cv.pdf” points at this machine or a private network" in err


def test_an_unknown_job_is_said_before_asking(capsys, monkeypatch):
    asked = answering(monkeypatch, "y")
    code, _, err = run(capsys, "upload", "job:99999", *links(2))
    assert code == 2 and asked == [] and "Job 99999 was not found" in err


def test_upload_json_is_the_report(capsys):
    code, out, _ = run(capsys, "upload", "job:4204", *links(2), "--yes", "--json")
    assert code == 0
    report = json.loads(out)
    assert (report["parsed"], report["failed"], report["urls"]) == (2, 0, 2)
    assert sum(1 for row in report["top"] if row["new"]) <= 2 and len(report["top"]) == 5
