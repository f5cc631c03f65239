"""`interests <party>`: what Russia, Pakistan, or both want from the relationship."""

from __future__ import annotations

from bot.core.parse import echo
from bot.core.replies import LazyItems, did_you_mean, fact_items, found_instead, plural
from bot.core.table import Command, Context
from bot.core.types import CommandSpec, Reply, Request
from bot.errors import NotFound
from bot.store.snapshot import SHARED

INTERESTS = CommandSpec(
    name="interests",
    summary="A party's stated interests in the relationship: Russia's, Pakistan's, or shared.",
    usage="interests <russia | pakistan | shared>",
    arg="party",
    arg_name="party",
    arg_required=True,
    examples=("interests russia", "interests pakistan", "interests shared", "interests moscow"),
)
_THE_THREE = ("interests russia", "interests pakistan", "interests shared")


def interests(ctx: Context, request: Request) -> Reply:
    """List a party's own interests, or the interests that involve another party."""
    snap = ctx.snapshot
    match = snap.parties.best(request.args)
    if match is None:
        missed = f"No party called “{echo(request.args)}” in the articles"
        hint = "`interests russia`, `interests pakistan` or `interests shared` list interests."
        found = found_instead(snap, request.args, missed, hint)
        if found is not None:
            return found
        near = did_you_mean("interests", snap.parties.suggest(request.args))
        raise NotFound(f"{missed}.", near or _THE_THREE)
    own = snap.interests.get(match.id, ())
    if own:
        title = (
            "Shared interests of Pakistan and Russia"
            if match.id == SHARED
            else f"{match.name}'s interests"
        )
        return Reply(
            title=title,
            intro=plural(len(own), "interest"),
            items=LazyItems(snap, [(own, None)]),
            # Beside what both want, each side's own list: how a comparison is read.
            suggestions=_THE_THREE[:2] if match.id == SHARED else (),
        )
    involved = [f for f in snap.facts(snap.by_party.get(match.id, ())) if f.kind == "interest"]
    if not involved:
        raise NotFound(f"The articles list no interests involving {match.name}.", _THE_THREE)
    return Reply(
        title=f"Interests involving {match.name}",
        intro=(
            "The articles state interests only for Russia, Pakistan and both; "
            f"{len(involved)} of those involve {match.name}."
        ),
        items=tuple(fact_items(snap, involved)),
    )


COMMANDS = (Command(INTERESTS, interests),)
