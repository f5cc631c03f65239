"""A small fake Discord (REST + gateway) on 127.0.0.1 that records everything the bot sends.

Tests drive the real discord.py client against it through the bot's `api_base`. Handlers never
answer 500 (discord.py would retry for ~25 s and a bug here would look like a hang): a failure
becomes a 400 with the reason, and is kept in `errors` for the test to assert on.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

from tests.fakes.discord import gateway
from tests.fakes.discord.payloads import (
    EPHEMERAL,
    JSON,
    MANAGE_GUILD,
    MEMBER_PERMISSIONS,
    Guild,
    User,
    interaction_json,
    message_json,
    slash_data,
    snowflake,
)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Recorded:
    """One REST call the bot made: what a test asserts on."""

    method: str
    path: str
    body: JSON
    query: dict[str, str] = field(default_factory=dict)
    result: Any = None  # what the fake answered, e.g. the message it created
    files: dict[str, bytes] = field(default_factory=dict)  # uploaded with it: file name → bytes


class FakeDiscord:
    """The fake: start it, point a bot at `api_base`, then speak as members and read `requests`."""

    def __init__(self) -> None:
        self.bot_user = User(id=snowflake(), name="factbot", bot=True)
        self.app_id = self.bot_user.id
        self.guild = Guild()
        self.requests: list[Recorded] = []
        self.errors: list[str] = []
        self.messages: dict[str, JSON] = {}
        self.interactions: dict[str, JSON] = {}
        self.commands: dict[str, list[JSON]] = {}  # "global" or a guild id -> registered
        self.read_only_channels: set[str] = set()  # posting there answers 403
        self.gateway = gateway.GatewaySession(self)
        self._changed = asyncio.Condition()
        self._waiters: list[tuple[Callable[[Recorded], bool], asyncio.Future[Recorded]]] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        app = web.Application(middlewares=[self._record_and_guard])
        app.add_routes(self._routes())
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[attr-defined]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]

    async def stop(self) -> None:
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- what tests wait for -------------------------------------------------------------------

    async def wait_for(
        self, predicate: Callable[[Recorded], bool], *, timeout: float = 5.0
    ) -> Recorded:
        """Return the first request, past or future, that satisfies `predicate`."""
        found = next((r for r in self.requests if predicate(r)), None)
        if found is not None:
            return found
        waiter: asyncio.Future[Recorded] = asyncio.get_running_loop().create_future()
        self._waiters.append((predicate, waiter))
        try:
            return await asyncio.wait_for(waiter, timeout)
        finally:
            self._waiters.remove((predicate, waiter))

    def _record(self, recorded: Recorded) -> None:
        """Keep a request and wake whoever waits for one like it (checked once, on arrival)."""
        self.requests.append(recorded)
        for predicate, waiter in self._waiters:
            if not waiter.done() and predicate(recorded):
                waiter.set_result(recorded)

    async def wait_until(self, condition: Callable[[], bool], *, timeout: float = 10.0) -> None:
        """Wait for any condition on the fake's state, e.g. a gateway IDENTIFY."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(condition), timeout)

    # -- what members do -----------------------------------------------------------------------

    def member(
        self, name: str = "member", *, admin: bool = False, user_id: str = "", role: str = ""
    ) -> User:
        """A new guild member; `admin` gives the role with Manage Server, `role` any other."""
        roles = [self.guild.member_role_id]
        roles += [self.guild.admin_role_id] if admin else []
        roles += [role] if role else []
        perms = MEMBER_PERMISSIONS | (MANAGE_GUILD if admin else 0)
        return User(id=user_id or snowflake(), name=name, roles=tuple(roles), permissions=perms)

    def member_bot(self, name: str = "otherbot") -> User:
        """Another bot in the guild, whose messages factbot must ignore."""
        return User(id=snowflake(), name=name, roles=(self.guild.member_role_id,), bot=True)

    def channel(self, index: int) -> str:
        return self.guild.channel_ids[index]

    async def say(
        self, author: User, content: str, *, channel: str = "", dm: bool = False, **extra: Any
    ) -> JSON:
        """Post a message as `author` in a guild channel (the first by default) or a DM."""
        message = message_json(
            channel_id=channel or self.channel(0),
            guild_id=None if dm else self.guild.id,
            author=author,
            body={"content": content},
        )
        message.update(extra)
        await self.gateway.dispatch("MESSAGE_CREATE", message)
        return message

    async def interact(
        self, kind: int, data: JSON, *, user: User, channel: str = "", message: JSON | None = None
    ) -> JSON:
        """Dispatch an interaction: 2 slash command, 3 button press, 4 autocomplete, 5 form."""
        payload = interaction_json(
            kind=kind,
            data=data,
            guild=self.guild,
            channel_id=channel or self.channel(0),
            member=user,
            app_id=self.app_id,
        )
        if message is not None:
            payload["message"] = message
        self.interactions[payload["id"]] = payload
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def slash(self, user: User, name: str, channel: str = "", **options: str | bool) -> JSON:
        return await self.interact(2, slash_data(name, options), user=user, channel=channel)

    async def press(self, user: User, message: JSON, custom_id: str) -> JSON:
        """Press a button on a message the bot sent."""
        data = {"custom_id": custom_id, "component_type": 2}
        channel = message["channel_id"]
        return await self.interact(3, data, user=user, channel=channel, message=message)

    async def submit_form(
        self, user: User, opened: Recorded, answers: dict[str, str], channel: str = ""
    ) -> JSON:
        """Fill in and submit a modal the bot opened (a type 9 callback) as MODAL_SUBMIT (5).

        Each text input is answered by its custom id, in the rows the bot laid out.
        """
        modal = opened.body["data"]
        rows = [
            {
                "type": 1,
                "components": [
                    {
                        "type": 4,
                        "custom_id": box["custom_id"],
                        "value": answers.get(box["custom_id"], ""),
                    }
                    for box in row["components"]
                ],
            }
            for row in modal["components"]
        ]
        data = {"custom_id": modal["custom_id"], "components": rows}
        return await self.interact(5, data, user=user, channel=channel)

    # -- reading what the bot sent ---------------------------------------------------------------

    async def reply_to(self, message: JSON, *, timeout: float = 5.0) -> Recorded:
        """The bot's message that replies to `message`."""
        return await self.wait_for(lambda r: _is_reply_to(r, message), timeout=timeout)

    async def callback_for(self, interaction: JSON, *, timeout: float = 5.0) -> Recorded:
        """The bot's response to an interaction."""
        prefix = f"/api/v10/interactions/{interaction['id']}/"
        return await self.wait_for(lambda r: r.path.startswith(prefix), timeout=timeout)

    async def followup_for(self, interaction: JSON, *, timeout: float = 5.0) -> Recorded:
        """The bot's follow-up message to an interaction it deferred."""
        path = f"/api/v10/webhooks/{self.app_id}/{interaction['token']}"
        return await self.wait_for(lambda r: r.method == "POST" and r.path == path, timeout=timeout)

    async def original_edit_for(self, interaction: JSON, *, timeout: float = 5.0) -> Recorded:
        """The bot's edit of an interaction's original response: after a deferred press, the
        message the button is on."""
        path = f"/api/v10/webhooks/{self.app_id}/{interaction['token']}/messages/@original"
        return await self.wait_for(
            lambda r: r.method == "PATCH" and r.path == path, timeout=timeout
        )

    async def notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # -- REST ----------------------------------------------------------------------------------

    @web.middleware
    async def _record_and_guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path == "/gateway":
            return await handler(request)
        body: JSON = {}
        files: dict[str, bytes] = {}
        if request.content_type == "application/json" and request.can_read_body:
            body = await request.json()
        elif request.content_type == "multipart/form-data":
            body, files = await _multipart(request)
        try:
            response = await handler(request)
        except web.HTTPException:
            raise
        except Exception as exc:  # a fake that answers 500 makes discord.py retry for ~25 s
            self.errors.append(f"{request.method} {request.path}: {exc!r}")
            response = _reply({"message": repr(exc), "code": 0}, status=400)
        result = None
        if isinstance(response, web.Response) and response.content_type == "application/json":
            result = json.loads(response.body)  # type: ignore[arg-type]
        recorded = Recorded(request.method, request.path, body, dict(request.query), result, files)
        self._record(recorded)
        return response

    def _routes(self) -> list[web.RouteDef]:
        api = "/api/v10"
        hook = api + "/webhooks/{app}/{token}"
        return [
            web.get("/gateway", self.gateway.serve),
            web.get(api + "/users/@me", self._me),
            web.get(api + "/oauth2/applications/@me", self._application),
            web.get(api + "/gateway/bot", self._gateway_bot),
            web.post(api + "/channels/{channel}/messages", self._create_message),
            web.patch(api + "/channels/{channel}/messages/{message}", self._edit_message),
            web.delete(api + "/channels/{channel}/messages/{message}", self._no_content),
            web.post(api + "/channels/{channel}/typing", self._no_content),
            web.post(api + "/interactions/{interaction}/{token}/callback", self._callback),
            web.get(hook + "/messages/@original", self._original),
            web.patch(hook + "/messages/@original", self._edit_original),
            web.post(hook, self._followup),
            web.put(api + "/applications/{app}/commands", self._put_commands),
            web.put(api + "/applications/{app}/guilds/{guild}/commands", self._put_commands),
            web.route("*", "/{tail:.*}", self._unknown),
        ]

    async def _me(self, request: web.Request) -> web.Response:
        return _reply(self.bot_user.user_json())

    async def _application(self, request: web.Request) -> web.Response:
        return _reply(
            {
                "id": self.app_id,
                "name": "factbot",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "owner": self.bot_user.user_json(),
                "flags": 0,
                "bot": self.bot_user.user_json(),
            }
        )

    async def _gateway_bot(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return _reply({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def _no_content(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def _unknown(self, request: web.Request) -> web.Response:
        return _reply({"message": "404: Not Found", "code": 0}, status=404)

    def _new_message(self, channel_id: str, body: JSON) -> JSON:
        in_guild = channel_id in self.guild.channel_ids
        message = message_json(
            channel_id=channel_id,
            guild_id=self.guild.id if in_guild else None,
            author=self.bot_user,
            body=body,
        )
        self.messages[message["id"]] = message
        return message

    async def _create_message(self, request: web.Request) -> web.Response:
        if request.match_info["channel"] in self.read_only_channels:
            return _reply({"message": "Missing Permissions", "code": 50013}, status=403)
        body = await _json(request)
        return _reply(self._new_message(request.match_info["channel"], body))

    async def _edit_message(self, request: web.Request) -> web.Response:
        message = self.messages[request.match_info["message"]]
        message.update({k: v for k, v in (await _json(request)).items() if k in _EDITABLE})
        return _reply(message)

    async def _callback(self, request: web.Request) -> web.Response:
        interaction = self.interactions[request.match_info["interaction"]]
        body = await _json(request)
        kind, data = body["type"], body.get("data") or {}
        info: JSON = {"id": interaction["id"], "type": interaction["type"]}
        message: JSON | None = None
        if kind in (4, 5):
            message = self._new_message(interaction["channel_id"], data)
            interaction["response_message_id"] = message["id"]
            info["response_message_loading"] = kind == 5
        elif kind in (6, 7):  # a press acknowledged (6) or answered (7) on its own message
            message = self.messages[interaction["message"]["id"]]
            message.update({k: v for k, v in data.items() if k in _EDITABLE})
            interaction["response_message_id"] = message["id"]  # @original is that message
        if message is None:
            return _reply({"interaction": info})
        info["response_message_id"] = message["id"]
        info["response_message_ephemeral"] = bool((data.get("flags") or 0) & EPHEMERAL)
        return _reply({"interaction": info, "resource": {"type": kind, "message": message}})

    def _interaction_message(self, request: web.Request) -> JSON:
        token = request.match_info["token"]
        interaction = next(i for i in self.interactions.values() if i["token"] == token)
        return self.messages[interaction["response_message_id"]]

    async def _original(self, request: web.Request) -> web.Response:
        return _reply(self._interaction_message(request))

    async def _edit_original(self, request: web.Request) -> web.Response:
        message = self._interaction_message(request)
        message.update({k: v for k, v in (await _json(request)).items() if k in _EDITABLE})
        return _reply(message)

    async def _followup(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        interaction = next(i for i in self.interactions.values() if i["token"] == token)
        return _reply(self._new_message(interaction["channel_id"], await _json(request)))

    async def _put_commands(self, request: web.Request) -> web.Response:
        registered = [dict(c, id=snowflake(), application_id=self.app_id, version="1") for c in
                      await _json(request)]  # fmt: skip
        self.commands[request.match_info.get("guild", "global")] = registered
        return _reply(registered)


def _reply(data: Any, *, status: int = 200) -> web.Response:
    """Answer JSON with Content-Type exactly `application/json`: discord.py parses nothing else."""
    return web.Response(
        body=json.dumps(data).encode(), status=status, content_type="application/json"
    )


def _is_reply_to(recorded: Recorded, message: JSON) -> bool:
    reference = recorded.body.get("message_reference") or {}
    return recorded.method == "POST" and str(reference.get("message_id")) == message["id"]


_EDITABLE = {"content", "embeds", "components", "flags", "allowed_mentions"}


_PAYLOAD = web.RequestKey("payload", dict)


async def _multipart(request: web.Request) -> tuple[JSON, dict[str, bytes]]:
    """Read a message with files as discord.py sends it: `payload_json`, then `files[n]`.

    The payload is kept on the request for the route (a body is read once), with each file
    listed under `attachments` as Discord lists the attachments of the message it creates.
    """
    payload: JSON = {}
    files: dict[str, bytes] = {}
    reader = await request.multipart()
    async for part in reader:
        if not isinstance(part, BodyPartReader):
            continue
        if part.name == "payload_json":
            payload = json.loads(await part.read())
        elif part.name and part.name.startswith("files[") and part.filename:
            files[part.filename] = bytes(await part.read())
    payload["attachments"] = [
        {"id": snowflake(), "filename": name, "size": len(data), "url": f"https://cdn.test/{name}",
         "proxy_url": f"https://cdn.test/{name}"}
        for name, data in files.items()
    ]  # fmt: skip
    request[_PAYLOAD] = payload
    return payload, files


async def _json(request: web.Request) -> Any:
    """Read the body as discord.py sent it; JSON, or a multipart message's `payload_json`."""
    if _PAYLOAD in request:
        return request[_PAYLOAD]
    if request.content_type != "application/json":
        raise ValueError(f"expected application/json, got {request.content_type}")
    return json.loads(await request.read() or b"{}")
