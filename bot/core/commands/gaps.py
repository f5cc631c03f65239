"""`gaps [days]` and `gaps alias …`: what people asked that the fact base could not answer.

Misses are grouped by similarity, most frequent first. When someone's miss was followed within a
minute by a question that was answered and names one party, person or topic (`ruski`, then
`russia`), the gap offers to make the missed words an alias of it. Applying one is an ordinary
admin edit (`Store.edit` or `Store.add` on aliases.yaml): validated, audited and undoable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from bot.core.commands.admin import edit_reply
from bot.core.commands.usage import DEFAULT_DAYS, ago, days_of
from bot.core.table import Command, Context
from bot.core.types import MAX_ACTIONS, Action, CommandSpec, Item, Reply, Request
from bot.errors import BadArguments, NotFound, UserError
from bot.search.matcher import NameMatcher
from bot.store.snapshot import Snapshot

if TYPE_CHECKING:  # the reports (and the fuzzy grouping they use) load when read
    from bot.usage.reports import Gap


GAPS = CommandSpec(
    name="gaps",
    summary="Questions the fact base could not answer, grouped, with aliases to add in one go.",
    usage="gaps [days] | gaps alias <n> | gaps alias <words> = <id>",
    arg="text",
    arg_name="days",
    admin=True,
    examples=("gaps", "gaps 7", "gaps alias 1", "gaps alias ruski = russia"),
    blocking=True,
)
SHOWN = 20
MAX_ALIAS_WORDS = 3  # a name, not a question: `ruski`, `soviet russia`
# Which names a follow-up command was about; a plain question may be about any of them.
_MATCHERS = {"interests": ("parties",), "who": ("people",), "topic": ("topics",)}
_ANY = ("parties", "people", "topics")


class AliasIdea(msgspec.Struct, frozen=True):
    """Make `name` another name of the entry `target` (shown as `display`)."""

    name: str
    target: str
    display: str

    @property
    def line(self) -> str:
        """Give the command that applies it, stable whatever is asked meanwhile."""
        return f"gaps alias {self.name} = {self.target}"


def gaps(ctx: Context, request: Request) -> Reply:
    """List the gaps, or apply an alias (`gaps alias …`)."""
    action, _, rest = request.args.partition(" ")
    if action.casefold() == "alias":
        return _alias(ctx, request, rest.strip())
    days = days_of(request.args, "gaps [days]")
    found = ctx.usage.gaps(days)
    title = f"Unanswered questions, last {days} days"
    if not found:
        return Reply(title=title, intro="None: every question found an answer.", kind="admin")
    ideas = [alias_idea(ctx.snapshot, gap) for gap in found[:SHOWN]]
    numbered = days == DEFAULT_DAYS  # `gaps alias N` counts in the default window
    items = tuple(
        _item(n, g, i, numbered) for n, (g, i) in enumerate(zip(found, ideas, strict=False), 1)
    )
    actions = tuple(
        Action(f"{n}. Add “{i.name}” → {i.display}"[:80], i.line)
        for n, i in enumerate(ideas, 1)
        if i is not None
    )
    shown = f"the {SHOWN} most frequent shown" if len(found) > SHOWN else "most frequent first"
    noun = "question" if len(found) == 1 else "different questions"
    return Reply(
        title=title,
        intro=f"{len(found)} {noun} went unanswered or half answered ({shown}).",
        items=items,
        actions=actions[:MAX_ACTIONS],
        footer="Adding an alias is an ordinary edit: `fact undo` takes it back.",
        kind="admin",
    )


def _item(number: int, gap: Gap, idea: AliasIdea | None, numbered: bool) -> Item:
    asked = f"“{gap.query}”"
    if gap.variants:
        asked += " (also " + ", ".join(f"“{v}”" for v in gap.variants[:3]) + ")"
    what = "answered only in part" if gap.weak_only else "nothing found"
    parts = [f"{number}. {asked} — {what}, last {ago(gap.last_seen)}."]
    if gap.suggested:
        parts.append(f"Suggested: {gap.suggested.replace(' | ', ', ')}.")
    if gap.followed_by:
        _, _, query, _ = gap.followed_by[0]
        parts.append(f"Then asked: “{query}”.")
    if idea is not None:
        how = f"gaps alias {number}" if numbered else idea.line
        parts.append(f"Add “{idea.name}” as an alias of {idea.display}: `{how}`.")
    return Item(" ".join(parts), date=f"{gap.count}×")


def alias_idea(snap: Snapshot, gap: Gap) -> AliasIdea | None:
    """Offer an alias when a miss was retried as a name the fact base knows."""
    for name, command, query, _ in gap.followed_by:
        if not 2 <= len(name) <= 40 or len(name.split()) > MAX_ALIAS_WORDS:
            continue
        if any(_named(snap, name, kind) is not None for kind in _ANY):
            continue  # it names something already (an alias added since): nothing to add
        for kind in _MATCHERS.get(command, _ANY):
            target = _named(snap, query, kind)
            if target is not None:
                return AliasIdea(name, target, _matcher(snap, kind).display.get(target, target))
    return None


def _named(snap: Snapshot, text: str, kind: str) -> str | None:
    """Give the one entry `text` names outright (a name, an alias, a word of one name)."""
    found = _matcher(snap, kind).resolve(text, limit=2)
    if found and found[0].score >= 100 and (len(found) == 1 or found[1].score < 100):
        return found[0].id
    return None


def _matcher(snap: Snapshot, kind: str) -> NameMatcher:
    matcher: NameMatcher = getattr(snap, kind)
    return matcher


def _alias(ctx: Context, request: Request, rest: str) -> Reply:
    """Apply `gaps alias N` (from the default listing) or `gaps alias <words> = <id>`."""
    if rest.isdigit():
        idea = _numbered(ctx, int(rest))
    else:
        name, equals, target = (p.strip() for p in rest.partition("="))
        if not (name and equals and target):
            raise BadArguments("Which alias?", f"Usage: `{GAPS.usage}`")
        idea = AliasIdea(name.casefold(), target, target)
    return _add_alias(ctx, request, idea)


def _numbered(ctx: Context, number: int) -> AliasIdea:
    found = ctx.usage.gaps(DEFAULT_DAYS)
    if not 1 <= number <= min(len(found), SHOWN):
        raise NotFound(f"There is no gap number {number}: `gaps` lists {len(found)}.")
    idea = alias_idea(ctx.snapshot, found[number - 1])
    if idea is None:
        raise NotFound(
            f"Gap {number} has no alias to suggest.",
            hint="Add one by hand: `gaps alias <words> = <id>`.",
        )
    return idea


def _add_alias(ctx: Context, request: Request, idea: AliasIdea) -> Reply:
    """Add the name to the target's alias entry, or start one; the store checks the rest."""
    typed = f"{request.command} {request.args}".strip()
    entry = next((a for a in ctx.snapshot.fb.aliases.values() if a.refers_to == idea.target), None)
    if entry is None:
        values = {"id": f"alias-{idea.target}", "refers_to": idea.target, "names": [idea.name]}
        result = ctx.store.add("aliases", values, request.actor, typed)
    else:
        if idea.name in (n.casefold() for n in entry.names):
            raise UserError(f"“{idea.name}” is already an alias of `{idea.target}`.")
        names = [*entry.names, idea.name]
        result = ctx.store.edit(entry.id, {"names": names}, request.actor, typed)
    return edit_reply(result, f"Added “{idea.name}” as an alias of `{idea.target}`:")


COMMANDS = (Command(GAPS, gaps),)
