"""The fake's gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with replay.

One session at a time, like one bot process. Events dispatched while the bot is disconnected are
kept and replayed after its RESUME, as Discord does, so a test can prove nothing is lost.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from aiohttp import WSMsgType, web

from tests.fakes.discord.payloads import JSON, snowflake

if TYPE_CHECKING:
    from tests.fakes.discord.server import FakeDiscord

HELLO, HEARTBEAT, IDENTIFY, RESUME, INVALID_SESSION, HEARTBEAT_ACK = 10, 1, 2, 6, 9, 11


class GatewaySession:
    """The bot's gateway session as the fake sees it; frames are plain JSON text, not zlib."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.session_id = ""
        self.seq = 0
        self.sent: list[JSON] = []
        self.ws: web.WebSocketResponse | None = None
        self.identifies: list[JSON] = []
        self.resumes: list[JSON] = []
        self.connections = 0

    async def serve(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(timeout=1.0)
        await ws.prepare(request)
        self.connections += 1
        await ws.send_str(json.dumps({"op": HELLO, "d": {"heartbeat_interval": 41_250}}))
        try:
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._on_frame(ws, json.loads(msg.data))
        except Exception as exc:  # keep serving; the test reads `errors`
            self.fake.errors.append(f"gateway: {exc!r}")
        finally:
            if self.ws is ws:
                self.ws = None
        return ws

    async def _on_frame(self, ws: web.WebSocketResponse, frame: JSON) -> None:
        op = frame.get("op")
        if op == HEARTBEAT:
            await ws.send_str(json.dumps({"op": HEARTBEAT_ACK, "d": None}))
        elif op == IDENTIFY:
            await self._identify(ws, frame["d"])
        elif op == RESUME:
            await self._resume(ws, frame["d"])

    async def _identify(self, ws: web.WebSocketResponse, data: JSON) -> None:
        self.identifies.append(data)
        self.session_id, self.seq, self.sent, self.ws = snowflake(), 0, [], ws
        fake = self.fake
        ready = {
            "v": 10,
            "user": fake.bot_user.user_json(),
            "guilds": [{"id": fake.guild.id, "unavailable": True}],
            "session_id": self.session_id,
            "resume_gateway_url": fake.gateway_url,
            "shard": data.get("shard", [0, 1]),
            "application": {"id": fake.app_id, "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        await self.dispatch("READY", ready)
        await self.dispatch("GUILD_CREATE", fake.guild.create_json(fake.bot_user))
        await fake.notify()

    async def _resume(self, ws: web.WebSocketResponse, data: JSON) -> None:
        self.resumes.append(data)
        if data.get("session_id") != self.session_id:
            await ws.send_str(json.dumps({"op": INVALID_SESSION, "d": False}))
            return
        self.ws = ws
        for frame in self.sent:
            if frame["s"] > (data.get("seq") or 0):
                await ws.send_str(json.dumps(frame))
        await self.dispatch("RESUMED", {})
        await self.fake.notify()

    async def dispatch(self, event: str, data: JSON) -> None:
        """Send an event now, or keep it for the replay after the bot resumes."""
        self.seq += 1
        frame = {"op": 0, "t": event, "s": self.seq, "d": data}
        self.sent.append(frame)
        if self.ws is not None and not self.ws.closed:
            await self.ws.send_str(json.dumps(frame))

    async def drop(self, code: int = 4000) -> None:
        """Close the socket as Discord does when it wants the client to reconnect and resume."""
        ws, self.ws = self.ws, None
        if ws is not None:
            await ws.close(code=code, message=b"fake: reconnect please")

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close(code=1001)
