"""`who [person]`: a short card on a person and the facts that involve them, by date."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.items import LazyItems, citations, did_you_mean
from bot.core.parse import echo
from bot.core.registry import register
from bot.core.snapshot import Snapshot, card_key
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
MAX_MENTIONS = 200  # untagged facts read per card to find those naming the person


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
    """Lay out who someone is, then every fact involving them, dated ones first and in order.

    The facts tagged with them are kept in that order by the snapshot; only facts naming them
    untagged are sorted in, and items render when read."""
    involved = [i for i in snap.by_person.get(person.id, ()) if i != person.id]
    tagged = {*involved, person.id}
    extra = mentions(snap, person, tagged)
    if extra:
        involved = [f.id for f in sorted([*snap.facts(involved), *extra], key=card_key)]
    name = person.name or person.id
    head = Item(person.text, person.id, None, citations(snap, person), "Who")
    return Reply(
        title=name,
        intro=f"{plural(len(involved), 'fact')} involve {name}." if involved else "",
        items=LazyItems(snap, [(involved, "Facts, by date")], head=(head,)),
    )


def mentions(snap: Snapshot, person: Fact, tagged: set[str]) -> list[Fact]:
    """Find facts that name a person in their text without being tagged with them.

    The index says which facts hold one of the words naming only them (`bhutto`); only those
    not tagged already are read, to check the word is in the text itself, at most
    MAX_MENTIONS of them.
    """
    names = snap.person_words.get(person.id, frozenset())
    found: list[Fact] = []
    checked = 0
    for fact_id in snap.search.holding(names):
        if fact_id in tagged:
            continue
        fact = snap.fact(fact_id)
        if fact.kind != "person" and names & set(fold(fact.text).split()):
            found.append(fact)
        checked += 1
        if checked == MAX_MENTIONS:
            break
    return found


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
