"""A fake Slack for the real slack_bolt/slack_sdk clients: Web API, response_urls, Socket Mode.

It records every Web API call and response_url post (method, JSON body, time), sends Socket
Mode envelopes shaped as Slack sends them (`hello`, then `events_api`, `slash_commands`,
`interactive`), and records when each envelope is acknowledged. Tests ask it for what the bot
sent; they never look inside the bot.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_USER = "UFACTBOT"
TEAM = "T0FAKE"
APP = "A0FAKE"


@dataclass
class Recorded:
    """One call the bot made: a Web API method (`chat.postMessage`) or `response_url`."""

    method: str
    body: dict[str, Any]
    at: float
    answer: dict[str, Any] = field(default_factory=dict)  # what the fake answered (its `ts`)


@dataclass
class Envelope:
    """One envelope the fake sent, and when (if ever) the bot acknowledged it."""

    envelope_id: str
    kind: str
    sent_at: float
    acked_at: float | None = None


@dataclass
class FakeSlack:
    """The fake; `start()` binds a free port on 127.0.0.1."""

    calls: list[Recorded] = field(default_factory=list)
    envelopes: dict[str, Envelope] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    users: dict[str, dict[str, Any]] = field(default_factory=dict)  # users.info answers
    messages: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (channel, ts)
    rate_limit_next: dict[str, int] = field(default_factory=dict)  # method → 429s to send
    connections: int = 0
    uploads: dict[str, bytes] = field(default_factory=dict)  # file id → bytes sent to its URL
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None
    port: int = 0

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/socket", self._socket)
        app.router.add_post("/response/{id}", self._response_url)
        app.router.add_post("/upload/{id}", self._upload)
        app.router.add_route("*", "/api/{method}", self._api)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # Web API --------------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        body = await _body(request)
        if self.rate_limit_next.get(method, 0) > 0:
            self.rate_limit_next[method] -= 1
            self.calls.append(Recorded(method + " (429)", body, time.monotonic()))
            return web.json_response(
                {"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "0"}
            )
        recorded = Recorded(method, body, time.monotonic())
        self.calls.append(recorded)
        recorded.answer = self._answer(method, body, request)
        return web.json_response(recorded.answer)

    def _answer(self, method: str, body: dict[str, Any], request: web.Request) -> dict[str, Any]:
        auth = request.headers.get("Authorization", "")
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://fake.slack.com/",
                "team": "Fake",
                "user": "factbot",
                "team_id": TEAM,
                "user_id": BOT_USER,
                "bot_id": "BFAKE",
                "is_enterprise_install": False,
            }
        if method == "apps.connections.open":
            if not auth.startswith("Bearer xapp-"):
                return {"ok": False, "error": "not_allowed_token_type"}
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket?n={next(self._ids)}"}
        if method == "chat.postMessage":
            ts = f"{time.time():.6f}{next(self._ids)}"
            self.messages[str(body.get("channel")), ts] = body
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message": body}
        if method == "chat.update":  # Slack edits only a message it has, and keeps its ts
            key = (str(body.get("channel")), str(body.get("ts")))
            if key not in self.messages:
                return {"ok": False, "error": "message_not_found"}
            self.messages[key] = body
            return {"ok": True, "channel": key[0], "ts": key[1], "text": body.get("text")}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{time.time():.6f}"}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ids):08d}"
            url = f"http://127.0.0.1:{self.port}/upload/{file_id}"
            return {"ok": True, "upload_url": url, "file_id": file_id}
        if method == "files.completeUploadExternal":
            files = json.loads(str(body.get("files") or "[]"))
            missing = [f["id"] for f in files if f["id"] not in self.uploads]
            if missing:  # Slack completes only files whose bytes arrived
                return {"ok": False, "error": "file_not_found"}
            return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}
        if method == "views.open":
            return {"ok": True, "view": {"id": "V1", **(body.get("view") or {})}}
        if method == "users.info":
            user = self.users.get(str(body.get("user")))
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        self.errors.append(f"unexpected Web API method {method}")
        return {"ok": False, "error": "unknown_method"}

    async def _response_url(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.calls.append(
            Recorded(f"response_url/{request.match_info['id']}", body, time.monotonic())
        )
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        """Take a file's bytes at the URL `files.getUploadURLExternal` gave out (step 2 of 3)."""
        file_id = request.match_info["id"]
        self.uploads[file_id] = await request.read()
        self.calls.append(Recorded(f"upload/{file_id}", {}, time.monotonic()))
        return web.Response(text=f"OK - {len(self.uploads[file_id])}")

    # Socket Mode ----------------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(autoping=True)
        await socket.prepare(request)
        self.connections += 1
        self._sockets.append(socket)
        await socket.send_json(
            {
                "type": "hello",
                "num_connections": 1,
                "debug_info": {"host": "fake", "approximate_connection_time": 3600},
                "connection_info": {"app_id": APP},
            }
        )
        try:
            async for message in socket:
                if message.type == WSMsgType.TEXT:
                    self._ack(json.loads(message.data))
        finally:
            if socket in self._sockets:
                self._sockets.remove(socket)
        return socket

    def _ack(self, data: dict[str, Any]) -> None:
        envelope = self.envelopes.get(str(data.get("envelope_id")))
        if envelope is None:
            self.errors.append(f"ack for an unknown envelope: {data}")
        elif envelope.acked_at is not None:
            self.errors.append(f"envelope acked twice: {data}")
        else:
            envelope.acked_at = time.monotonic()

    async def drop_connection(self) -> None:
        """Close every Socket Mode websocket from the server side, as Slack does on refresh."""
        for socket in list(self._sockets):
            await socket.close()

    async def send(self, kind: str, payload: dict[str, Any], accepts: bool = False) -> Envelope:
        """Send one envelope on the live websocket (waiting for one), and remember it."""
        await self.wait_until(lambda: bool(self._sockets), timeout=10)
        envelope = Envelope(f"env-{next(self._ids)}", kind, time.monotonic())
        self.envelopes[envelope.envelope_id] = envelope
        await self._sockets[-1].send_json(
            {
                "envelope_id": envelope.envelope_id,
                "type": kind,
                "payload": payload,
                "accepts_response_payload": accepts,
                "retry_attempt": 0,
                "retry_reason": "",
            }
        )
        return envelope

    # What users do --------------------------------------------------------------------------

    def person(
        self, user: str, display_name: str = "", real_name: str = "", name: str = ""
    ) -> None:
        """Add a member as users.info describes one: a handle, and a profile with two names.

        Slack keeps a display name (often left blank) and a real name in the profile, and the
        legacy handle in `name`; all three are given, blank or not, as Slack gives them.
        """
        self.users[user] = {
            "id": user,
            "team_id": TEAM,
            "name": name,
            "real_name": real_name,
            "is_admin": False,
            "is_owner": False,
            "profile": {"display_name": display_name, "real_name": real_name},
        }

    def response_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/response/{next(self._ids)}"

    async def message(
        self, user: str, text: str, channel: str = "C0GENERAL", team: str = TEAM, **extra: Any
    ) -> str:
        """Post a channel message (or DM, `channel_type="im"`) in `team`; give its ts."""
        return await self._event(
            {
                "type": "message",
                "channel_type": "channel",
                "user": user,
                "text": text,
                "channel": channel,
                **extra,
            },
            team,
        )

    async def mention(self, user: str, text: str, channel: str = "C0GENERAL") -> str:
        """Mention the bot: `<@UFACTBOT> text`; give the message's ts."""
        return await self._event(
            {
                "type": "app_mention",
                "user": user,
                "channel": channel,
                "text": f"<@{BOT_USER}> {text}",
            }
        )

    async def _event(self, event: dict[str, Any], team: str = TEAM) -> str:
        ts = event.setdefault("ts", f"{time.time():.6f}{next(self._ids)}")
        event.setdefault("event_ts", ts)
        event.setdefault("team", team)
        payload = {
            "token": "verification",
            "team_id": team,
            "api_app_id": APP,
            "event": event,
            "type": "event_callback",
            "event_id": f"Ev{next(self._ids)}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "team_id": team,
                    "user_id": BOT_USER,
                    "is_bot": True,
                    "enterprise_id": None,
                    "is_enterprise_install": False,
                }
            ],
        }
        await self.send("events_api", payload)
        return str(ts)

    async def slash(
        self, user: str, text: str, channel: str = "C0GENERAL", command: str = "/factbot"
    ) -> tuple[Envelope, str]:
        """Run a slash command; give its envelope and its response_url's method name."""
        url = self.response_url()
        payload = {
            "token": "verification",
            "team_id": TEAM,
            "team_domain": "fake",
            "channel_id": channel,
            "channel_name": "general",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "api_app_id": APP,
            "is_enterprise_install": "false",
            "response_url": url,
            "trigger_id": f"trigger-{next(self._ids)}",
        }
        envelope = await self.send("slash_commands", payload, accepts=True)
        return envelope, "response_url/" + url.rsplit("/", 1)[1]

    async def click(
        self,
        user: str,
        button: dict[str, Any],
        channel: str = "C0GENERAL",
        message_ts: str = "1.0",
        thread_ts: str | None = None,
        team: str = TEAM,
    ) -> str:
        """Press a button from a message the bot sent; give the click's response_url method.

        A button on a message in a thread carries that thread's ts, as Slack sends it.
        """
        url = self.response_url()
        payload = {
            "type": "block_actions",
            "user": {"id": user, "username": user.lower(), "team_id": team},
            "api_app_id": APP,
            "token": "verification",
            "container": {
                "type": "message",
                "message_ts": message_ts,
                "channel_id": channel,
                "is_ephemeral": False,
            },
            "trigger_id": f"trigger-{next(self._ids)}",
            "team": {"id": team, "domain": "fake"},
            "channel": {"id": channel, "name": "general"},
            "message": {
                "type": "message",
                "ts": message_ts,
                "user": BOT_USER,
                **({"thread_ts": thread_ts} if thread_ts else {}),
            },
            "response_url": url,
            "actions": [
                {
                    "action_id": button["action_id"],
                    "block_id": "pages",
                    "value": button["value"],
                    "type": "button",
                    "text": button["text"],
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }
        await self.send("interactive", payload)
        return "response_url/" + url.rsplit("/", 1)[1]

    async def submit(self, user: str, view: dict[str, Any], values: dict[str, str]) -> None:
        """Submit a modal the bot opened, typing `values` into its inputs by block id."""
        state = {
            key: {"value": {"type": "plain_text_input", "value": v}} for key, v in values.items()
        }
        payload = {
            "type": "view_submission",
            "team": {"id": TEAM, "domain": "fake"},
            "user": {"id": user, "username": user.lower(), "team_id": TEAM},
            "api_app_id": APP,
            "token": "verification",
            "trigger_id": "trigger-v",
            "view": {**view, "id": "V1", "team_id": TEAM, "state": {"values": state}},
        }
        await self.send("interactive", payload)

    # Waiting --------------------------------------------------------------------------------

    async def wait_until(self, done: Callable[[], bool], timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise TimeoutError("the fake Slack waited in vain")
            await asyncio.sleep(0.005)

    async def call(
        self, method: str, where: Callable[[Recorded], bool] = lambda _: True, timeout: float = 10
    ) -> Recorded:
        """Wait for the bot to call `method` (matching `where`) and give that call."""
        found: list[Recorded] = []

        def seen() -> bool:
            found[:] = [c for c in self.calls if c.method == method and where(c)]
            return bool(found)

        await self.wait_until(seen, timeout)
        return found[0]


async def _body(request: web.Request) -> dict[str, Any]:
    """Read a Web API call's arguments, however slack_sdk sent them (JSON, form or query)."""
    data: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        data.update(await request.json())
    elif request.can_read_body:
        data.update({k: v for k, v in (await request.post()).items() if isinstance(v, str)})
    for key in ("blocks", "view"):
        if isinstance(data.get(key), str):
            data[key] = json.loads(data[key])
    return data
