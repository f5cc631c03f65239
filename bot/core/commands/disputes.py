"""`disputes [word]`: where the articles disagree, each question with every article's view.

A student revising for an exam gets the most out of the places where the five articles do not
tell the same story; this lists them all, or those a word picks out, with each view sourced.
"""

from __future__ import annotations

from bot.core.parse import echo
from bot.core.replies import fact_item, plural, views_by_source
from bot.core.table import Command, Context
from bot.core.types import CommandSpec, Item, Reply, Request
from bot.errors import NotFound
from bot.factbase.model import Dispute
from bot.search.normalise import fold
from bot.store.snapshot import Snapshot

DISPUTES = CommandSpec(
    name="disputes",
    summary="Where the articles disagree: each question, then every article's view.",
    usage="disputes [word]",
    arg="dispute",
    arg_name="about",
    aliases=("disagree", "conflicts", "disagreements", "dispute"),
    examples=("disputes", "disputes thaw", "disputes steel"),
)
_FILLER = frozenset({"the", "a", "an", "about", "on", "over", "of", "in", "and", "or", "to"})


def disputes(ctx: Context, request: Request) -> Reply:
    """List every recorded disagreement, or those a word picks out, each view sourced."""
    snap = ctx.snapshot
    if request.args and not fold(request.args):  # `disputes 🙂`: no word to pick by
        raise NotFound(
            f"“{echo(request.args)}” holds no word to pick disagreements by.",
            ["disputes"],
            f"`disputes` lists all {len(snap.fb.disputes)}; `disputes thaw` picks some out.",
        )
    chosen = matching(snap, request.args)
    if not chosen:
        raise NotFound(
            f"No recorded disagreement mentions “{echo(request.args)}”.",
            ["disputes"],
            f"`disputes` lists all {len(snap.fb.disputes)}.",
        )
    items: list[Item] = []
    for number, dispute in enumerate(chosen, 1):
        heading = f"{number}. {dispute.question}"
        for views in views_by_source(snap, dispute.id).values():
            items += [fact_item(snap, view, heading, side_by_side=True) for view in views]
    what = f" on “{echo(request.args)}”" if request.args else ""
    return Reply(
        title=f"Where the articles disagree{what}",
        intro=f"{plural(len(chosen), 'disagreement')}; each view ends with its article.",
        items=tuple(items),
        footer="`disputes <word>` picks some out, e.g. `disputes thaw`.",
    )


def matching(snap: Snapshot, words: str) -> list[Dispute]:
    """Pick the disputes whose id, question or views hold every word typed (all if none).

    Typos fall back to the search index: the disputes its best hits belong to.
    """
    all_disputes = list(snap.fb.disputes.values())
    wanted = [w for w in fold(words).split() if w not in _FILLER]
    if not wanted:
        return all_disputes
    exact = snap.fb.disputes.get(words.strip().casefold())
    if exact is not None:
        return [exact]
    found = [d for d in all_disputes if all(w in _haystack(snap, d) for w in wanted)]
    if found:
        return found
    hits = snap.search.search(" ".join(wanted), limit=10).hits
    ids = {snap.fact(i).dispute for i, _ in hits} - {None}
    return [d for d in all_disputes if d.id in ids]


def _haystack(snap: Snapshot, dispute: Dispute) -> str:
    views = snap.facts(snap.by_dispute.get(dispute.id, ()))
    return fold(
        " ".join([dispute.id.replace("-", " "), dispute.question, *(f.text for f in views)])
    )


COMMANDS = (Command(DISPUTES, disputes),)
