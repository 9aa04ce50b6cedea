"""The client over a real loopback socket, and webhook signatures (right, wrong, missing)."""

import json

from shared.kombo import KomboClient, signature
from shared.kombo.models import NewCandidate
from shared.kombo_sandbox import KomboSandbox
from shared.service.background import serve_in_background


async def test_client_over_loopback(kombo_sandbox: KomboSandbox) -> None:
    async with (
        serve_in_background(kombo_sandbox.app, lifespan="off") as url,
        KomboClient(kombo_sandbox.api_key, kombo_sandbox.integration_id, f"{url}/v1") as k,
    ):
        assert (await k.check_api_key()).environment == "sandbox"
        jobs = [j async for j in k.jobs.iter(statuses=["OPEN"], page_size=2)]
        assert len(jobs) == 5
        new = NewCandidate(first_name="Bo", last_name="Yu", email_address="bo@example.org")
        app = (await k.applications.create(jobs[0].id, new)).data
        await k.applications.move(app.id, jobs[0].stages[2].id)
        [seen] = [a async for a in k.applications.iter(ids=[app.id])]
        assert seen.current_stage is not None
        assert seen.current_stage.name == jobs[0].stages[2].name


def test_signature_right_wrong_missing(kombo_sandbox: KomboSandbox) -> None:
    body = kombo_sandbox.data_changed_body("ats_applications")
    secret = kombo_sandbox.webhook_secret
    good = signature.sign(body, secret)
    assert "=" not in good and "+" not in good and "/" not in good  # base64url, unpadded
    assert signature.verify(body, secret, good)
    assert not signature.verify(body, secret, good[:-1] + ("A" if good[-1] != "A" else "B"))
    assert not signature.verify(body + b" ", secret, good)
    assert not signature.verify(body, "other-secret", good)
    assert not signature.verify(body, secret, None)
    assert not signature.verify(body, secret, "")
    event = json.loads(body)
    assert event["type"] == "data-changed"
    assert event["data"]["changed_models"] == [{"name": "ats_applications"}]
