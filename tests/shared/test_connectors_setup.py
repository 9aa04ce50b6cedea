"""InstaView and Talynce in the toolkit: emulators in sandbox mode, the real services when
their keys are set, and nothing otherwise."""

from shared.config import Settings
from shared.connectors_setup import INSTAVIEW_SANDBOX_URL, open_instaview, open_talynce
from shared.toolkit import open_toolkit


async def test_sandbox_mode_gives_working_emulators(tmp_path) -> None:
    settings = Settings(TT_DB_PATH=str(tmp_path / "tt.db"))
    async with open_toolkit(settings) as tk:
        assert tk.instaview is not None and tk.instaview.sandbox is not None
        assert tk.talynce is not None and tk.talynce.sandbox is not None
        agents = await tk.instaview.client.agents.list()
        assert agents.items, "the emulator's sample agents answer through the toolkit"
        assert tk.instaview.webhook_secret == tk.instaview.sandbox.webhook_secret
        page = await tk.talynce.client.candidates.list(limit=1)
        assert page.items


async def test_keys_choose_the_real_services_and_nothing_means_off() -> None:
    live = Settings(
        TAPTALENT_API_KEY="tt-key",
        INSTAVIEW_API_KEY="iv-key",
        INSTAVIEW_WEBHOOK_SECRET="iv-secret-value",
        INSTAVIEW_DEFAULT_AGENT="Screening",
        TALYNCE_API_KEY="ty-key",
    )
    async with open_instaview(live, sandbox_mode=False) as iv:
        assert iv is not None and iv.sandbox is None
        assert iv.webhook_secret == "iv-secret-value" and iv.default_agent == "Screening"
        assert iv.client._api.base_url != INSTAVIEW_SANDBOX_URL
    async with open_talynce(live, sandbox_mode=False) as ty:
        assert ty is not None and ty.sandbox is None
    off = Settings(TAPTALENT_API_KEY="tt-key")
    async with open_instaview(off, sandbox_mode=False) as iv:
        assert iv is None
    async with open_talynce(off, sandbox_mode=False) as ty:
        assert ty is None
