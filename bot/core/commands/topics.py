"""`topic <theme>` and `topics`: facts filed under a theme (or a country), and the theme list."""

from __future__ import annotations

from bot.core.parse import echo
from bot.core.replies import did_you_mean, dispute_items, fact_items, found_instead, plural
from bot.core.table import Command, Context
from bot.core.types import CommandSpec, Item, Reply, Request
from bot.errors import NotFound
from bot.store.snapshot import Snapshot

TOPIC = CommandSpec(
    name="topic",
    summary="The facts on one theme (energy, defence, sco, cpec, …) or country.",
    usage="topic <theme>",
    arg="topic",
    arg_name="theme",
    examples=("topic energy", "topic defense", "topic afghanistan", "topic sco"),
)
TOPICS = CommandSpec(
    name="topics",
    summary="The themes facts are filed under, with how many facts each has.",
    usage="topics",
    examples=("topics",),
)
MAX_ITEMS = 30
_KIND_ORDER = {"event": 0, "quote": 1, "climate": 2, "interest": 3, "claim": 4, "person": 5}


def topic(ctx: Context, request: Request) -> Reply:
    """List the facts filed under a theme or a party."""
    snap = ctx.snapshot
    if not request.args:
        return topics_reply(snap)
    match = snap.topics.best(request.args)
    if match is None:
        missed = f"No theme called “{echo(request.args)}”"
        found = found_instead(snap, request.args, missed, "`topics` lists the themes.")
        if found is not None:
            return found
        near = did_you_mean("topic", snap.topics.suggest(request.args))
        raise NotFound(f"{missed}.", near, "`topics` lists the themes.")
    ids = snap.by_topic.get(match.id) or snap.by_party.get(match.id, ())
    facts = sorted(
        snap.facts(ids),
        key=lambda f: (f.date is None, f.date.start if f.date else None, _KIND_ORDER[f.kind]),
    )
    theme = snap.fb.topics.get(match.id)
    shown = facts[:MAX_ITEMS]
    more = f"Showing {MAX_ITEMS} of {len(facts)}; `search {match.name.lower()} <word>` narrows it."
    return Reply(
        title=f"Topic: {match.name}",
        intro=" ".join(
            p for p in (theme.text if theme else "", plural(len(facts), "fact") + ".") if p
        ),
        items=(*fact_items(snap, shown), *dispute_items(snap, shown)),
        footer=more if len(facts) > MAX_ITEMS else "",
    )


def topics(ctx: Context, request: Request) -> Reply:
    """List every theme with its fact count."""
    return topics_reply(ctx.snapshot)


def topics_reply(snap: Snapshot) -> Reply:
    """Count the facts of each theme, the biggest first; countries are listed as themes too."""
    counted = sorted(
        ((len(snap.by_topic.get(t.id, ())), t) for t in snap.fb.topics.values()),
        key=lambda nt: (-nt[0], nt[1].name.casefold()),
    )
    items = [Item(f"{t.name}: {plural(n, 'fact')} — {t.text}") for n, t in counted]
    countries = ", ".join(
        f"{p.name} ({len(snap.by_party.get(p.id, ()))})" for p in snap.fb.parties.values()
    )
    items.append(Item(countries, heading="Countries and blocs (also work with `topic`)"))
    return Reply(
        title="Topics",
        intro=f"{len(snap.fb.topics)} themes, the most covered first.",
        items=tuple(items),
        footer="`topic <theme>` lists a theme's facts, e.g. `topic energy`.",
    )


COMMANDS = (Command(TOPIC, topic), Command(TOPICS, topics))
