"""`help [command]` and `about`: generated from the command table and the fact base itself."""

from __future__ import annotations

from bot.core.parse import echo
from bot.core.replies import dated_count, did_you_mean, plural, usage_of
from bot.core.table import Command, Context
from bot.core.types import CommandSpec, Item, Reply, Request
from bot.errors import NotFound

HELP = CommandSpec(
    name="help",
    summary="List the commands, or explain one.",
    usage="help [command]",
    arg="command",
    arg_name="command",
    examples=("help", "help timeline"),
)
_FILLER = frozenset(("me", "please", "pls", "us", "all", "commands", "!", "?"))  # `help me`
# Small talk, read as `help <word>` (bot.core.intent): a greeting or a thank-you gets a friendly
# word and three things to try, not a search for "hello" and a guess at "help" or "held".
_THANKS = frozenset(("thanks", "thank you", "thankyou", "thx", "ty", "cheers"))
GREETINGS = _THANKS | frozenset(
    ("hi", "hello", "hey", "hiya", "salam", "salaam", "good morning", "good afternoon",
     "good evening")
)  # fmt: skip
_TRY = ("timeline 1970s", "who bhutto", "quiz")
ABOUT = CommandSpec(
    name="about",
    summary="What the fact base covers, where it comes from, and its limits.",
    usage="about",
    examples=("about",),
)


def help_command(ctx: Context, request: Request) -> Reply:
    """List the commands the actor may use, or detail one."""
    specs = [s for s in ctx.table.specs if request.actor.is_admin or not s.admin]
    said = " ".join(request.args.casefold().strip(" !.?").split())
    if said in GREETINGS:
        return _small_talk(said)
    name = request.args.split()[0].lstrip("!/") if request.args else ""
    if name and name.casefold() not in _FILLER:
        return _one(ctx, name, specs)
    return Reply(
        title="Commands",
        intro="Ask about Pakistan–Russia relations; every answer cites its article.",
        items=tuple(Item(s.summary, heading=s.usage) for s in specs),
        footer="`help <command>` for examples. Spelling mistakes are fine.",
    )


def _small_talk(said: str) -> Reply:
    """Answer a greeting or thanks in kind, with a pointer to what the bot can do."""
    return Reply(
        title="You're welcome!" if said in _THANKS else "Hello!",
        intro=(
            "I answer questions about Pakistan–Russia relations from five articles, each answer "
            "cited. Ask in your own words, or try one of these; `help` lists everything."
        ),
        suggestions=_TRY,
    )


def _one(ctx: Context, name: str, specs: list[CommandSpec]) -> Reply:
    command = ctx.table.resolve(name, specs)
    if command is None:
        raise NotFound(
            f"There is no command “{echo(name)}”.",
            did_you_mean("help", ctx.table.suggest(name, specs)),
            "`help` lists the commands.",
        )
    spec = command.spec
    items = [Item(spec.summary, heading=usage_of(spec).removeprefix("Usage: "))]
    if spec.aliases:
        items.append(Item(", ".join(spec.aliases), heading="Also answers to"))
    heading = "Examples" if len(spec.examples) > 1 else "Example"
    items += [Item(example, heading=heading) for example in spec.examples]
    return Reply(title=f"Help: {spec.name}", items=tuple(items))


def about(ctx: Context, request: Request) -> Reply:
    """Describe the coverage and the limits of the fact base."""
    snap = ctx.snapshot
    counts = snap.counts
    bounds = snap.timeline.bounds()
    span = f"{bounds[0].year}–{bounds[1].year}" if bounds else "no dated events"
    covered = ", ".join(
        [
            *(
                plural(counts.get(kind, 0), kind)
                for kind in ("event", "interest", "claim", "quote", "person")
            ),
            f"{plural(counts.get('climate', 0), 'characterisation')} of the relations (`climate`)",
        ]
    )
    extra = {
        "sources": str(len(snap.fb.sources)),
        "facts": str(len(snap.fb.facts)),
        "dated span": span,
        "loaded at": ctx.snapshot.loaded_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
        "running since": ctx.started_at.strftime("%Y-%m-%d %H:%M:%S UTC"),
    }
    items = [
        Item(f"{covered}, from {plural(len(snap.fb.sources), 'article')}.", heading="Covers"),
        Item(f"{dated_count(len(snap.timeline))} run from {span}.", heading="Period"),
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


COMMANDS = (Command(HELP, help_command), Command(ABOUT, about))
