"""Charts on Slack: uploaded with files_upload_v2 into the answer's thread, after the text."""

from __future__ import annotations

import asyncio
import json
import multiprocessing

import pytest

from bot.core.engine import Engine
from tests.adapters.slack.conftest import new_user, running_bot, settings_for
from tests.charts.pngcheck import assert_picture
from tests.fakes.slack.server import FakeSlack

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.timeout(90)]


async def test_timeline_chart_is_uploaded_into_the_thread(
    fake: FakeSlack, bot: asyncio.Task[int]
) -> None:
    """`!timeline 1960s chart`: the text answer, then the PNG, both in the question's thread."""
    ts = await fake.message(new_user(), "!timeline 1960s chart", channel="C0CHARTS")
    text = await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    assert "Tashkent" in json.dumps(text.body["blocks"])
    done = await fake.call(
        "files.completeUploadExternal", lambda c: c.body.get("thread_ts") == ts, timeout=60
    )
    assert done.body["channel_id"] == "C0CHARTS"
    (uploaded,) = json.loads(done.body["files"])
    asked = await fake.call("files.getUploadURLExternal")
    assert asked.body["filename"].startswith("timeline-") and asked.body["filename"].endswith(
        ".png"
    )
    assert int(asked.body["length"]) == len(fake.uploads[uploaded["id"]])
    assert uploaded["title"] == "Timeline: 1960s"
    assert_picture(fake.uploads[uploaded["id"]])
    assert text.at < done.at  # the answer never waits for its picture


async def test_climate_by_slash_uploads_its_chart(fake: FakeSlack, bot: asyncio.Task[int]) -> None:
    """`/factbot climate` answers through the response_url and uploads the chart to the channel."""
    _envelope, url = await fake.slash(new_user(), "climate")
    sent = await fake.call(url)
    assert "According to" in json.dumps(sent.body["blocks"])
    done = await fake.call(
        "files.completeUploadExternal",
        lambda c: json.loads(c.body["files"])[0]["title"].startswith("How each article"),
        timeout=60,
    )
    (uploaded,) = json.loads(done.body["files"])
    assert_picture(fake.uploads[uploaded["id"]])


async def test_no_chart_no_upload(fake: FakeSlack, bot: asyncio.Task[int]) -> None:
    """`!timeline 1930s chart` finds nothing: a text answer and no upload for that thread."""
    user = new_user()
    ts = await fake.message(user, "!timeline 1930s chart", channel="C0NOCHART")
    sent = await fake.call("chat.postMessage", lambda c: c.body.get("thread_ts") == ts)
    assert "Nothing in the timeline" in sent.body["text"]
    later = await fake.message(user, "!timeline 1960s chart", channel="C0NOCHART")
    await fake.call(
        "files.completeUploadExternal", lambda c: c.body.get("thread_ts") == later, timeout=60
    )
    assert not [c for c in fake.calls if c.method == "files.completeUploadExternal"
                and c.body.get("thread_ts") == ts]  # fmt: skip


async def test_a_bot_stops_its_own_chart_worker_when_it_stops(engine: Engine) -> None:
    """Given no renderer, the Slack adapter draws with one of its own and ends that worker
    when it stops (a Slack of its own, so that this bot gets the question)."""
    own = FakeSlack()
    await own.start()
    before = set(multiprocessing.active_children())
    try:
        async with running_bot(settings_for(own), engine, own):
            ts = await own.message(new_user(), "!timeline 1970s chart", channel="C0OWN")
            await own.call(
                "files.completeUploadExternal", lambda c: c.body.get("thread_ts") == ts, timeout=60
            )
            workers = set(multiprocessing.active_children()) - before
            assert workers
    finally:
        await own.stop()
    for worker in workers:
        worker.join(10)
        assert not worker.is_alive()
