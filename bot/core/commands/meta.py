"""`help [command]` and `about`: generated from the command table and the fact base itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.engine import usage_of
from bot.core.items import did_you_mean
from bot.core.parse import echo
from bot.core.registry import register
from bot.core.types import CommandSpec, Item, Reply, Request
from bot.core.wording import plural
from bot.errors import NotFound
from bot.search.matcher import NameMatcher

if TYPE_CHECKING:
    from bot.core.engine import Engine

HELP = CommandSpec(
    name="help",
    summary="List the commands, or explain one.",
    usage="help [command]",
    arg="command",
    arg_name="command",
    examples=("help", "help timeline"),
)
_FILLER = frozenset(("me", "please", "pls", "us", "all", "commands", "!", "?"))  # `help me`
ABOUT = CommandSpec(
    name="about",
    summary="What the fact base covers, where it comes from, and its limits.",
    usage="about",
    examples=("about",),
)


@register(HELP)
def help_command(engine: Engine, request: Request) -> Reply:
    """List the commands the actor may use, or detail one."""
    specs = [s for s in engine.commands if request.actor.is_admin or not s.admin]
    name = request.args.split()[0].lstrip("!/") if request.args else ""
    if name and name.casefold() not in _FILLER:
        return _one(engine, name, specs)
    return Reply(
        title="Commands",
        intro="Ask about Pakistan–Russia relations; every answer cites its article.",
        items=tuple(Item(s.summary, heading=s.usage) for s in specs),
        footer="`help <command>` for examples. Spelling mistakes are fine.",
    )


def _one(engine: Engine, name: str, specs: list[CommandSpec]) -> Reply:
    matcher = NameMatcher(
        ((n, s.name) for s in specs for n in (s.name, *s.aliases)), {s.name: s.name for s in specs}
    )
    match = matcher.best(name)
    if match is None:
        raise NotFound(
            f"There is no command “{echo(name)}”.",
            did_you_mean("help", matcher.suggest(name)),
            "`help` lists the commands.",
        )
    spec = next(s for s in specs if s.name == match.id)
    items = [Item(spec.summary, heading=usage_of(spec).removeprefix("Usage: "))]
    if spec.aliases:
        items.append(Item(", ".join(spec.aliases), heading="Also answers to"))
    heading = "Examples" if len(spec.examples) > 1 else "Example"
    items += [Item(example, heading=heading) for example in spec.examples]
    return Reply(title=f"Help: {spec.name}", items=tuple(items))


@register(ABOUT)
def about(engine: Engine, request: Request) -> Reply:
    """Describe the coverage and the limits of the fact base."""
    snap = engine.snapshot
    counts = snap.counts
    bounds = snap.timeline.bounds()
    span = f"{bounds[0].year}–{bounds[1].year}" if bounds else "no dated events"
    covered = ", ".join(
        plural(counts.get(kind, 0), kind)
        for kind in ("event", "interest", "claim", "quote", "person")
    )
    extra = {
        "sources": str(len(snap.fb.sources)),
        "facts": str(len(snap.fb.facts)),
        "dated span": span,
        "loaded at": engine.loaded_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
        "running since": engine.started_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
    }
    items = [
        Item(f"{covered}, from {plural(len(snap.fb.sources), 'article')}.", heading="Covers"),
        Item(f"Dated events run from {span}.", heading="Period"),
        Item(
            "Only what these articles say, in our words, each fact cited. No news, no opinions "
            "of our own, nothing after the articles were written.",
            heading="Limits",
        ),
        Item(
            "`sources` lists the articles; `source <id>` gives a full citation.", heading="Sources"
        ),
    ]
    return Reply(title="About factbot", items=tuple(items), extra=extra)
