"""Autocomplete choices for slash-command options, drawn from the current fact base."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.types import ArgKind
from bot.core.wording import plural
from bot.search.matcher import NameMatcher
from bot.search.normalise import fold
from bot.search.periods import parse_period

if TYPE_CHECKING:
    from bot.core.engine import Engine

MAX_LABEL = 100  # Discord's limit for a choice's name and value
ERAS = ("cold war", "post-cold war", "post-9/11", "before 1991", "since 2001")

Choice = tuple[str, str]


def choices(engine: Engine, kind: ArgKind, partial: str) -> list[Choice]:
    """Give (label, value) choices for an argument of `kind`, best first.

    Values are entry ids (`zulfikar-ali-bhutto`, `shared`): stable, short, and every command
    resolves them exactly.
    """
    snap = engine.snapshot
    if kind == "period":
        return _periods(engine, partial)
    if kind == "command":
        names = {s.name: s.name for s in engine.commands if not s.admin}
        return _pick(NameMatcher(((n, n) for n in names), names), partial, names)
    matchers: dict[str, NameMatcher] = {
        "party": snap.parties,
        "person": snap.people,
        "topic": snap.topics,
        "source": snap.sources,
    }
    matcher = matchers.get(kind)
    if matcher is None:
        return []
    return _pick(matcher, partial, {i: i for i in matcher.display})


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


def _periods(engine: Engine, partial: str) -> list[Choice]:
    """Offer the typed period when it parses, then decades with events, then eras."""
    from bot.core.commands.timeline import decades

    snap = engine.snapshot
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


def _choice(label: str, value: str) -> Choice:
    return label[:MAX_LABEL], value[:MAX_LABEL]
