"""Turn an answered request into a usage event: the only work recording does on the event loop.

Everything costly (hashing ids, normalising the question, SQLite) happens later on the usage
log's own thread; here we only pick out a few fields the reply already holds.
"""

from __future__ import annotations

import time
from itertools import islice

from bot.core.parse import clean_text
from bot.core.table import CommandTable
from bot.core.types import Reply, Request
from bot.search.noticed import Noticed
from bot.usage.events import PLAIN_WORDS, Event, outcome_of

FIRST_PAGE = 8  # items on a first page (the Discord default): the facts a reader surely saw


def usage_event(
    request: Request, reply: Reply, noticed: Noticed, latency: float, table: CommandTable
) -> Event:
    """Describe what was asked and how it went, without the asker's words beyond the question."""
    name = clean_text(request.command).casefold().rstrip(":,;.!?")
    command = table.get(name)
    if command is None:
        named, query = PLAIN_WORDS, f"{name} {request.args}"
    else:
        named, query = command.spec.name, "" if command.spec.admin else request.args
    actor = request.actor
    return Event(
        at=time.time(),
        platform=actor.platform,
        place=actor.place,
        user=actor.id,
        command=named,
        query=query,
        outcome=outcome_of(reply.kind, bool(noticed.unknown)),
        facts=tuple(i.fact_id for i in islice(reply.items, FIRST_PAGE) if i.fact_id),
        corrections=tuple(noticed.corrections.items()),
        suggested=reply.suggestions[:3] if reply.kind == "not_found" else (),
        latency=latency,
    )
