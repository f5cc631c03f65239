"""Every command family; `ALL` is the table the engine serves, in help order.

Adding a family is one module with a `COMMANDS` tuple and one line here.
"""

from bot.core.commands import (
    admin,
    climate,
    disputes,
    gaps,
    interests,
    meta,
    people,
    quiz,
    quotes,
    search,
    sources,
    timeline,
    topics,
    usage,
)
from bot.core.table import Command

ALL: tuple[Command, ...] = (
    *timeline.COMMANDS,
    *interests.COMMANDS,
    *people.COMMANDS,
    *topics.COMMANDS,
    *quotes.COMMANDS,
    *search.COMMANDS,
    *disputes.COMMANDS,
    *climate.COMMANDS,
    *sources.COMMANDS,
    *meta.COMMANDS,
    *admin.COMMANDS,
    *usage.COMMANDS,
    *gaps.COMMANDS,
    *quiz.COMMANDS,
)
