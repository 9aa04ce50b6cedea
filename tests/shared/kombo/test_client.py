"""The Kombo client against the emulator, in-process: every call tt uses, paging, warnings,
the integration header, retries and the key kept out of sight."""

import logging

import pytest

from shared.kombo import KomboClient
from shared.kombo.errors import (
    ApplicationExistsError,
    ConcurrencyLimitError,
    JobClosedError,
    RemoteInputInvalidError,
)
from shared.kombo.models import NewCandidate
from shared.kombo_sandbox import KomboSandbox
from tests.shared.kombo.conftest import Sleeps, client_for

ANN = NewCandidate(first_name="Ann", last_name="Lee", email_address="ann@example.org")


async def test_check_api_key_and_integration_header(
    kombo: KomboClient, kombo_sandbox: KomboSandbox
) -> None:
    check = await kombo.check_api_key()
    assert check.environment == "sandbox"
    # Every /ats call names the integration; the emulator refuses calls without it.
    jobs = [job async for job in kombo.jobs.iter()]
    assert {j.name for j in jobs} >= {"Senior Backend Engineer", "Product Designer"}


async def test_jobs_filters_and_stages(kombo: KomboClient) -> None:
    open_jobs = [j async for j in kombo.jobs.iter(statuses=["OPEN"], name_contains="engineer")]
    assert [j.name for j in open_jobs] == ["Senior Backend Engineer", "Frontend Engineer (Remote)"]
    job = await kombo.jobs.get(open_jobs[0].id)
    assert job is not None and job.is_open
    assert [s.name for s in job.ordered_stages()][:2] == ["Applied", "Phone Screen"]
    assert await kombo.jobs.get("KJ9999") is None


async def test_pagination_follows_cursors(kombo: KomboClient, kombo_sandbox: KomboSandbox) -> None:
    before = len(kombo_sandbox.requests)
    jobs = [j async for j in kombo.jobs.iter(page_size=2)]
    assert len(jobs) == len(kombo_sandbox.ats.jobs) == 7
    assert len({j.id for j in jobs}) == 7
    assert len(kombo_sandbox.requests) - before == 4  # 2 + 2 + 2 + 1
    reasons = [r async for r in kombo.rejection_reasons.iter(page_size=4)]
    assert "Not enough experience" in {r.name for r in reasons}
    assert len(reasons) == 6


async def test_page_size_limit_is_checked_before_sending(kombo: KomboClient) -> None:
    with pytest.raises(ValueError, match="page_size"):
        [j async for j in kombo.jobs.iter(page_size=251)]


async def test_create_move_reject_note_result_link(
    kombo: KomboClient, kombo_sandbox: KomboSandbox
) -> None:
    job = await kombo.jobs.get("KJ0001")
    assert job is not None
    created = await kombo.applications.create(job.id, ANN)
    app = created.data
    assert app.candidate is not None and app.candidate.emails == ["ann@example.org"]
    assert app.remote_url and app.current_stage_id == job.stages[0].id

    moved = await kombo.applications.move(app.id, job.stages[1].id)
    assert moved.warnings == []
    link = await kombo.applications.add_result_link(
        app.id,
        label="TapTalent score",
        url="https://app.taptalent.io/x",
        attributes={"Score": "91"},
    )
    assert "no result links" in link.warnings[0].message  # Kombo's warning reaches the caller
    await kombo.applications.add_note(app.id, "Summary")
    reasons = await kombo.rejection_reasons.list()
    await kombo.applications.reject(app.id, reasons[0].id, note="Thanks")

    [seen] = [a async for a in kombo.applications.iter(ids=[app.id])]
    assert seen.outcome == "DECLINED" and seen.rejection_reason_name == reasons[0].name
    assert seen.current_stage_id == job.stages[1].id
    stored = kombo_sandbox.application(app.id)
    assert [n["content"] for n in stored.notes] == ["Summary", "Thanks"]
    assert stored.result_links[0]["details"]["attributes"] == [{"key": "Score", "value": "91"}]

    [cand] = [c async for c in kombo.candidates.iter(email="ann@example.org")]
    assert cand.applications == [{"id": app.id}]
    users = [u async for u in kombo.users.iter()]
    assert users and users[0].first_name == "Riley"


async def test_ats_rules(kombo: KomboClient) -> None:
    await kombo.applications.create("KJ0001", ANN)
    with pytest.raises(ApplicationExistsError):
        await kombo.applications.create("KJ0001", ANN)
    with pytest.raises(JobClosedError, match="closed"):
        await kombo.applications.create("KJ0005", ANN)
    # A stage from another job is "Stage not found" in Kombo.
    with pytest.raises(RemoteInputInvalidError, match="Stage not found"):
        await kombo.applications.create("KJ0002", ANN, stage_id="KJ0001-S1")


async def test_applications_updated_after(kombo: KomboClient, kombo_sandbox: KomboSandbox) -> None:
    app = (await kombo.applications.create("KJ0002", ANN)).data
    assert app.changed_at is not None
    assert [a async for a in kombo.applications.iter(updated_after=app.changed_at)] == []
    kombo_sandbox.move_in_ats(app.id, "Recruiter Screen")
    changed = [a async for a in kombo.applications.iter(updated_after=app.changed_at)]
    assert [a.id for a in changed] == [app.id]


async def test_concurrency_limit_429_is_retried_after_retry_after(
    kombo_sandbox: KomboSandbox, sleeps: Sleeps
) -> None:
    kombo_sandbox.faults.queue(
        "PLATFORM.CONCURRENCY_LIMIT_EXCEEDED", 429, method="POST", path_contains="/notes"
    )
    kombo_sandbox.faults.retry_after = 2
    async with client_for(kombo_sandbox, sleeps) as kombo:
        app = (await kombo.applications.create("KJ0001", ANN)).data
        await kombo.applications.add_note(app.id, "hello")
    assert sleeps.waits == [2.0]
    assert [n["content"] for n in kombo_sandbox.application(app.id).notes] == ["hello"]


async def test_real_concurrency_limit_reached_by_too_many_writes(
    kombo_sandbox: KomboSandbox,
) -> None:
    import asyncio

    from shared.taptalent import RetryPolicy

    kombo_sandbox.faults.max_writes_in_flight = 3
    kombo_sandbox.faults.write_latency = 0.05
    async with client_for(kombo_sandbox, max_writes=10) as kombo:
        kombo.retry = RetryPolicy.never()
        app = (await kombo.applications.create("KJ0001", ANN)).data
        results = await asyncio.gather(
            *(kombo.applications.add_note(app.id, f"n{i}") for i in range(6)),
            return_exceptions=True,
        )
    refused = [r for r in results if isinstance(r, ConcurrencyLimitError)]
    assert len(refused) == 3 and "30" in str(refused[0])


async def test_client_keeps_its_writes_below_the_limit_and_slows_down(
    kombo_sandbox: KomboSandbox, sleeps: Sleeps
) -> None:
    import asyncio

    kombo_sandbox.faults.max_writes_in_flight = 3
    kombo_sandbox.faults.write_latency = 0.02
    async with client_for(kombo_sandbox, sleeps, max_writes=3) as kombo:
        app = (await kombo.applications.create("KJ0001", ANN)).data
        await asyncio.gather(*(kombo.applications.add_note(app.id, f"n{i}") for i in range(9)))
        assert kombo.concurrency_remaining is not None
    assert len(kombo_sandbox.application(app.id).notes) == 9
    # Concurrency-Remaining fell below 3: later writes waited a little before sending.
    assert sleeps.waits and all(w > 0 for w in sleeps.waits)


async def test_key_never_in_repr_or_logs(
    kombo: KomboClient, kombo_sandbox: KomboSandbox, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    kombo_sandbox.faults.queue("REMOTE.SERVICE_UNAVAILABLE", 503)
    [j async for j in kombo.jobs.iter()]
    assert kombo_sandbox.api_key not in repr(kombo)
    assert "Retrying" in caplog.text
    assert kombo_sandbox.api_key not in caplog.text
