"""App Home: publish the user's view each time they open the Home tab."""

from __future__ import annotations

from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks.home import home_view
from bot.deps import deps_of
from bot.home import load_home


async def app_home_opened_callback(
    event: dict[str, Any], client: AsyncWebClient, context: Any
) -> None:
    if event.get("tab") not in (None, "home"):
        return  # the Messages tab needs nothing published
    data = await load_home(deps_of(context).tk)
    await client.views_publish(user_id=event["user"], view=home_view(data))
