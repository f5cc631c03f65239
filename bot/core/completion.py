"""Autocomplete choices for slash-command options, drawn from the current fact base."""

from __future__ import annotations

from collections.abc import Callable

from bot.core.commands.timeline import decades
from bot.core.replies import plural
from bot.core.table import CommandTable
from bot.core.types import ArgKind, CommandSpec
from bot.search.matcher import NameMatcher
from bot.search.normalise import fold
from bot.search.periods import parse_period
from bot.store.snapshot import Snapshot

ERAS = ("cold war", "post-cold war", "post-9/11", "before 1991", "since 2001")

Choice = tuple[str, str]


def choices(snap: Snapshot, table: CommandTable, kind: ArgKind, partial: str) -> list[Choice]:
    """Give (label, value) choices for an argument of `kind`, best first.

    Values are entry ids (`zulfikar-ali-bhutto`, `shared`): stable, short, and every command
    resolves them exactly.
    """
    if kind == "period":
        return _periods(snap, partial)
    if kind == "dispute":
        return _disputes(snap, partial)
    if kind == "command":
        specs = [s for s in table.specs if not s.admin]
        return _commands(table, specs, partial)
    matchers: dict[str, NameMatcher] = {
        "party": snap.parties,
        "person": snap.people,
        "topic": snap.topics,
        "source": snap.sources,
    }
    matcher = matchers.get(kind)
    if matcher is None:
        return []
    answering = _answering(snap, kind)
    return [c for c in _pick(matcher, partial, {i: i for i in matcher.display}) if answering(c[1])]


def _answering(snap: Snapshot, kind: ArgKind) -> Callable[[str], bool]:
    """Tell which entries the option's command has something to show for.

    A party may exist only to tag events (`nato`): `interests nato` would then list nothing, and
    a theme may have no facts yet. Offering those would lead a user into a dead end.
    """
    if kind == "party":
        key = (":parties with interests", None)  # no fact id starts with a colon
        if key not in snap.memo:
            snap.memo[key] = frozenset(p for p in snap.parties.display if _has_interests(snap, p))
        found: frozenset[str] = snap.memo[key]
        return found.__contains__
    if kind == "topic":
        return lambda i: bool(snap.by_topic.count(i) or snap.by_party.count(i))
    return lambda i: True


def _has_interests(snap: Snapshot, party: str) -> bool:
    """Tell whether `interests <party>` lists anything: the party's own, or ones involving it."""
    if snap.interests.count(party):
        return True
    return any(snap.fact(i).kind == "interest" for i in snap.by_party.get(party, ()))


def _pick(matcher: NameMatcher, partial: str, values: dict[str, str]) -> list[Choice]:
    """Prefix matches first, then fuzzy ones; everything when nothing is typed yet."""
    display = matcher.display
    key = fold(partial)
    if not key:
        ids = list(display)
    else:
        prefixed = [i for i, name in display.items() if fold(name).startswith(key)]
        fuzzy = [m.id for m in matcher.suggest(partial, limit=25)]
        ids = list(dict.fromkeys([*prefixed, *fuzzy]))
    return [_choice(display[i], values.get(i, display[i])) for i in ids]


def _commands(table: CommandTable, specs: list[CommandSpec], partial: str) -> list[Choice]:
    """Offer command names starting with what is typed, then those the table reads it as."""
    key = fold(partial)
    names = [s.name for s in specs]
    picked = [n for n in names if n.startswith(key)] if key else names
    picked += [m.id for m in table.suggest(partial, specs, limit=25)] if key else []
    return [(n, n) for n in dict.fromkeys(picked)]


def _periods(snap: Snapshot, partial: str) -> list[Choice]:
    """Offer the typed period when it parses, then decades with events, then eras."""
    options = [
        _choice(f"{d.label} — {plural(len(snap.timeline.overlapping(d)), 'event')}", d.label)
        for d in decades(snap)
    ]
    options += [_choice(era, era) for era in ERAS]
    key = fold(partial)
    picked = [c for c in options if not key or fold(c[1]).startswith(key) or key in fold(c[0])]
    period = parse_period(partial) if partial else None
    if period is not None:
        count = len(snap.timeline.overlapping(period.span))
        picked.insert(0, _choice(f"{period.label} — {plural(count, 'event')}", partial))
    return list(dict.fromkeys(picked)) or options


def _disputes(snap: Snapshot, partial: str) -> list[Choice]:
    """Offer each disagreement by its question, those whose id or question hold the text first."""
    key = fold(partial)
    disputes = snap.fb.disputes.values()
    picked = [d for d in disputes if key in fold(f"{d.id} {d.question}")] if key else []
    return [_choice(d.question, d.id) for d in dict.fromkeys([*picked, *disputes])]


def _choice(label: str, value: str) -> Choice:
    return label, value
