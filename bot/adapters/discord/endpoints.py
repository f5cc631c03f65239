"""Point discord.py at the configured API root, for REST and for the gateway.

discord.py keeps both endpoints process-wide: REST calls are built on `Route.BASE`, and a plain
`commands.Bot` connects to `DiscordWebSocket.DEFAULT_GATEWAY` without asking Discord (only
`AutoShardedBot` calls `GET /gateway/bot`, and even it falls back to the default after an
invalidated session). So a configured `api_base` — an API proxy, or the tests' fake Discord —
is honoured by setting `Route.BASE`, and by discovering the gateway with
`GET {api_base}/gateway/bot` after login and making that the default. One bot per process, as
discord.py itself assumes.
"""

from __future__ import annotations

import logging

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import HTTPClient, Route

_log = logging.getLogger("factbot.discord")


def use_api_base(api_base: str) -> None:
    """Send every REST call to `api_base` (e.g. https://discord.com/api/v10)."""
    Route.BASE = api_base.rstrip("/")


async def use_discovered_gateway(http: HTTPClient) -> yarl.URL:
    """Ask the API root for the gateway URL and connect (and reconnect) there."""
    _shards, url, _limits = await http.get_bot_gateway()
    gateway = yarl.URL(url)
    DiscordWebSocket.DEFAULT_GATEWAY = gateway
    _log.info("gateway: %s", gateway)
    return gateway
