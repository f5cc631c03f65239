"""Admin commands in Slack: listed users and workspace owners may; members are refused."""

from __future__ import annotations

import asyncio
import json

import pytest

from tests.adapters.slack.conftest import ADMIN, OWNER
from tests.fakes.slack.server import FakeSlack

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(60)]


async def test_member_is_refused_privately(fake: FakeSlack, bot: asyncio.Task[int]) -> None:
    """`!kb check` from a member gets an ephemeral "for admins only", nothing in the channel."""
    await fake.message("U0MEMBER", "!kb check", channel="C0ADMIN1")
    note = await fake.call("chat.postEphemeral", lambda c: c.body.get("channel") == "C0ADMIN1")
    assert note.body["user"] == "U0MEMBER"
    assert "for admins only" in json.dumps(note.body["blocks"])
    assert not [c for c in fake.calls if c.method == "chat.postMessage"
                and c.body.get("channel") == "C0ADMIN1"]  # fmt: skip


async def test_listed_admin_may_check(fake: FakeSlack, bot: asyncio.Task[int]) -> None:
    """`!kb check` from a user in admin_user_ids is answered in the channel."""
    ts = await fake.message(ADMIN, "!kb check", channel="C0ADMIN2")
    sent = await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    assert "admins only" not in json.dumps(sent.body["blocks"])


async def test_workspace_owner_may_check(fake: FakeSlack, bot: asyncio.Task[int]) -> None:
    """A workspace owner (users.info says so) is an admin without being listed."""
    ts = await fake.message(OWNER, "!kb check", channel="C0ADMIN3")
    sent = await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    asked = await fake.call("users.info", lambda c: c.body.get("user") == OWNER)
    assert asked.body["user"] == OWNER
    assert "admins only" not in json.dumps(sent.body["blocks"])


async def test_slash_fact_add_opens_a_modal_for_admins(
    fake: FakeSlack, bot: asyncio.Task[int]
) -> None:
    """`/factbot fact add` from an admin opens a form with views.open."""
    await fake.slash(ADMIN, "fact add", channel="C0FORM")
    opened = await fake.call("views.open")
    view = opened.body["view"]
    assert view["type"] == "modal"
    assert {b["block_id"] for b in view["blocks"]} >= {"text", "sources"}


async def test_incomplete_form_is_answered_with_what_is_wrong(
    fake: FakeSlack, bot: asyncio.Task[int]
) -> None:
    """A submitted form missing its evidence is answered with what is wrong, not a crash."""
    await fake.slash(ADMIN, "fact add", channel="C0FORM2")
    opened = await fake.call("views.open", lambda c: "C0FORM2" in str(c.body["view"]))
    await fake.submit(ADMIN, opened.body["view"], {"text": "A made-up test fact."})
    sent = await fake.call(
        "chat.postEphemeral", lambda c: c.body.get("channel") == "C0FORM2", timeout=15
    )
    assert sent.body["user"] == ADMIN
