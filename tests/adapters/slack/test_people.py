"""Naming Slack users: users.info asked once and remembered (per workspace, for a while, a
bounded number), the name Slack shows picked from the profile, and a failure never shown as an id.
The real slack_sdk client against the fake Slack."""

from __future__ import annotations

import logging

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.people import MEMORY, MISS_MEMORY, SOMEONE, People, name_of
from tests.adapters.slack.conftest import new_user
from tests.fakes.slack.server import FakeSlack

pytestmark = pytest.mark.timeout(30)
on_the_fakes_loop = pytest.mark.asyncio(loop_scope="module")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def people(fake: FakeSlack, clock: Clock, size: int = 100) -> People:
    return People(AsyncWebClient(token="xoxb-fake", base_url=fake.api_base), clock, size)


def asked(fake: FakeSlack, user: str) -> int:
    """Count the users.info calls the fake got for `user`."""
    return sum(1 for c in fake.calls if c.method == "users.info" and c.body.get("user") == user)


@pytest.mark.parametrize(
    ("user", "name"),
    [
        ({"name": "jk", "real_name": "J K", "profile": {"display_name": "Jay", "real_name": "J K"}},
         "Jay"),
        ({"name": "jk", "real_name": "J K", "profile": {"display_name": "", "real_name": "J K"}},
         "J K"),
        ({"name": "jk", "real_name": "J K", "profile": {"display_name": "  "}}, "J K"),
        ({"name": "jk", "profile": {}}, "jk"),
        ({"profile": {"display_name": ""}}, None),
    ],
)  # fmt: skip
def test_the_name_slack_shows_is_picked(user: dict[str, object], name: str | None) -> None:
    """Display name, else real name, else handle; blank ones do not count."""
    assert name_of(user) == name


@on_the_fakes_loop
async def test_a_person_is_asked_about_once(fake: FakeSlack) -> None:
    """Two lookups within the memory make one users.info call."""
    user = new_user()
    fake.person(user, display_name="Hina")
    known = people(fake, Clock())
    assert await known.name("T1", user) == "Hina"
    assert await known.name("T1", user) == "Hina"
    assert asked(fake, user) == 1


@on_the_fakes_loop
async def test_each_workspace_is_asked_for_itself(fake: FakeSlack) -> None:
    """The same id in another workspace is looked up there too."""
    user = new_user()
    fake.person(user, display_name="Hamid")
    known = people(fake, Clock())
    await known.name("T1", user)
    await known.name("T2", user)
    assert asked(fake, user) == 2


@on_the_fakes_loop
async def test_a_rename_is_seen_after_the_memory(fake: FakeSlack) -> None:
    """Past `MEMORY` seconds the person is asked about again, and the new name shown."""
    user, clock = new_user(), Clock()
    fake.person(user, display_name="Old")
    known = people(fake, clock)
    assert await known.name("T1", user) == "Old"
    fake.person(user, display_name="New")
    clock.now += MEMORY - 1
    assert await known.name("T1", user) == "Old"
    clock.now += 2
    assert await known.name("T1", user) == "New"


@on_the_fakes_loop
async def test_the_memory_is_bounded(fake: FakeSlack) -> None:
    """Past `size` people the least recently asked about is forgotten (and asked again)."""
    first, second, third = new_user(), new_user(), new_user()
    for user in (first, second, third):
        fake.person(user, display_name=user)
    known = people(fake, Clock(), size=2)
    for user in (first, second, first, third, first):
        await known.name("T1", user)
    assert (asked(fake, first), asked(fake, second), asked(fake, third)) == (1, 1, 1)
    await known.name("T1", second)  # forgotten when `third` came in
    assert asked(fake, second) == 2


@on_the_fakes_loop
async def test_a_failed_lookup_falls_back_and_waits_before_asking_again(
    fake: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    """users.info failing: the payload's name if any, else "someone"; retried after a minute.
    The log says why, never whose id it was."""
    user, clock = new_user(), Clock()  # unknown to the fake: user_not_found
    known = people(fake, clock)
    with caplog.at_level(logging.WARNING, logger="factbot.slack"):
        assert await known.name("T1", user, hint="sam.k") == "sam.k"
    assert "user_not_found" in caplog.text and user not in caplog.text
    assert await known.name("T1", user) == SOMEONE
    assert asked(fake, user) == 1
    clock.now += MISS_MEMORY + 1
    fake.person(user, display_name="Sam")
    assert await known.name("T1", user) == "Sam"
