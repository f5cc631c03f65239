"""`who [person]`: a short card on a person and the facts that involve them, by date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.items import citations, did_you_mean, fact_items
from bot.core.parse import echo
from bot.core.registry import register
from bot.core.snapshot import Snapshot
from bot.core.types import CommandSpec, Item, Reply, Request
from bot.core.wording import plural
from bot.errors import NotFound
from bot.factbase.model import Fact
from bot.search.normalise import fold

if TYPE_CHECKING:
    from bot.core.engine import Engine

WHO = CommandSpec(
    name="who",
    summary="Who a person is, per the articles, and the facts that involve them, by date.",
    usage="who [person]",
    arg="person",
    arg_name="person",
    examples=("who bhutto", "who ayub khan", "who kosygin", "who"),
)


@register(WHO)
def who(engine: Engine, request: Request) -> Reply:
    """Give a person's card and facts, the list of people, or the candidates for a vague name."""
    snap = engine.snapshot
    if not request.args:
        return everyone(snap)
    found = snap.people.resolve(request.args, limit=6)
    if not found:
        raise NotFound(
            f"The articles name no one called “{echo(request.args)}”.",
            did_you_mean("who", snap.people.suggest(request.args)),
            f"`who` lists the {len(snap.people.display)} people the articles name.",
        )
    tied = [m for m in found if m.score == found[0].score]
    if len(tied) > 1 and not found[0].exact:
        return Reply(
            title=f"Several people match “{echo(request.args)}”",
            suggestions=tuple(did_you_mean("who", tied)),
            kind="not_found",
        )
    return card(snap, snap.fact(found[0].id))


def card(snap: Snapshot, person: Fact) -> Reply:
    """Lay out who someone is, then every fact involving them, dated ones first and in order."""
    involved = [f for f in snap.facts(snap.by_person.get(person.id, ())) if f.id != person.id]
    involved += [f for f in mentions(snap, person) if f not in involved]
    involved.sort(key=lambda f: (f.date is None, f.date.start if f.date else None, f.kind))
    name = person.name or person.id
    items = [
        Item(person.text, person.id, None, citations(snap, person), "Who"),
        *fact_items(snap, involved, "Facts, by date"),
    ]
    return Reply(
        title=name,
        intro=f"{plural(len(involved), 'fact')} involve {name}." if involved else "",
        items=tuple(items),
    )


def mentions(snap: Snapshot, person: Fact) -> list[Fact]:
    """Find facts that name a person in their text without being tagged with them."""
    names = snap.person_words.get(person.id, frozenset())
    if not names:
        return []
    hits = snap.search.search(" ".join(sorted(names)), limit=50).hits
    return [
        f
        for f in snap.facts(i for i, _ in hits)
        if f.kind != "person" and names & set(fold(f.text).split())
    ]


def everyone(snap: Snapshot) -> Reply:
    """List the people the articles name, each with the start of their card."""
    people = sorted(
        (f for f in snap.fb.facts.values() if f.kind == "person"), key=lambda f: f.name or f.id
    )
    items = [Item(_gist(p.text), p.id, None, citations(snap, p), p.name) for p in people]
    return Reply(
        title="People in the articles",
        intro=plural(len(items), "person") if len(items) == 1 else f"{len(items)} people",
        items=tuple(items),
        footer="`who <name>` for one of them; partial names and misspellings are fine.",
    )


def _gist(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
