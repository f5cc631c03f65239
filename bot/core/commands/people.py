"""`who [person]`: a short card on a person and the facts that involve them, by date."""

from __future__ import annotations

from bot.core.parse import echo
from bot.core.replies import LazyItems, citations, did_you_mean, found_instead, plural
from bot.core.table import Command, Context
from bot.core.types import CommandSpec, Item, Reply, Request
from bot.errors import NotFound
from bot.factbase.model import Fact
from bot.store.snapshot import Snapshot

WHO = CommandSpec(
    name="who",
    summary="Who a person is, per the articles, and the facts that involve them, by date.",
    usage="who [person]",
    arg="person",
    arg_name="person",
    examples=("who bhutto", "who ayub khan", "who kosygin", "who"),
)


def who(ctx: Context, request: Request) -> Reply:
    """Give a person's card and facts, the list of people, or the candidates for a vague name."""
    snap = ctx.snapshot
    if not request.args:
        return everyone(snap)
    found = snap.people.resolve(request.args, limit=6)
    if not found:
        missed = f"The articles name no one called “{echo(request.args)}”"
        hint = f"`who` lists the {len(snap.people.display)} people the articles name."
        instead = found_instead(snap, request.args, missed, hint)
        if instead is not None:
            return instead
        raise NotFound(
            f"{missed}.",
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
    """Lay out who someone is, then every fact involving them, dated ones first and in order.

    The snapshot files each fact under the people it is tagged with, quotes or names, already
    in this order; items render when read.
    """
    involved = [i for i in snap.by_person.get(person.id, ()) if i != person.id]
    name = person.name or person.id
    head = Item(person.text, person.id, None, citations(snap, person), "Who")
    return Reply(
        title=name,
        intro=f"{plural(len(involved), 'fact')} {_verb(len(involved))} {name}." if involved else "",
        items=LazyItems(snap, [(involved, "Facts, by date")], head=(head,)),
    )


def _verb(count: int) -> str:
    return "involves" if count == 1 else "involve"


def everyone(snap: Snapshot) -> Reply:
    """List the people the articles name, each with the start of their card."""
    people = snap.people_by_name  # sorted when the snapshot was built
    return Reply(
        title="People in the articles",
        intro=plural(len(people), "person") if len(people) == 1 else f"{len(people)} people",
        items=LazyItems(snap, [(people, None)], render=_line),
        footer="`who <name>` for one of them; partial names and misspellings are fine.",
    )


def _line(snap: Snapshot, person_id: str, _heading: str | None) -> Item:
    """Show one person in the list, headed by their name.

    The list's point is finding a name; the opening words of the card say enough to tell two
    people apart.
    """
    p = snap.fact(person_id)
    return Item(_gist(p.text), p.id, None, citations(snap, p), p.name)


def _gist(text: str, limit: int = 110) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


COMMANDS = (Command(WHO, who),)
