"""`stats [days]`: how the bot is used — requests, answer rate, what people ask and read.

Admins only, unless the operator opens it to everyone (`stats.public`, see `opened_stats`).
The text says everything; the per-day counts also travel as a `Series`, for a chart where a
platform draws one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from msgspec.structs import replace

from bot.core.table import Command, Context
from bot.core.types import CommandSpec, Item, Reply, Request, Series
from bot.errors import BadArguments
from bot.usage.database import DAY
from bot.usage.events import OUTCOME_NAMES, PLAIN_WORDS

if TYPE_CHECKING:  # the reports (and the fuzzy grouping they use) load when read
    from bot.usage.reports import Latency, Stats


DEFAULT_DAYS = 30
MAX_DAYS = 3650

STATS = CommandSpec(
    name="stats",
    summary="How the bot is used: requests, answer rate, top questions and facts, speed.",
    usage="stats [days]",
    arg="text",
    arg_name="days",
    admin=True,
    examples=("stats", "stats 7"),
    blocking=True,
)


def days_of(text: str, usage: str) -> int:
    """Read the optional `days` argument (default 30)."""
    if not text:
        return DEFAULT_DAYS
    if not text.isdigit() or not 1 <= int(text) <= MAX_DAYS:
        raise BadArguments(f"“{text[:20]}” is not a number of days.", f"Usage: `{usage}`, e.g. 7")
    return int(text)


def stats(ctx: Context, request: Request) -> Reply:
    """Sum the usage log over the last days and word it."""
    days = days_of(request.args, STATS.usage)
    found = ctx.usage.stats(days)
    title = f"Usage, last {_days(days)}"
    if not found.requests:
        return Reply(title=title, intro="No requests in that time.", kind="admin")
    return Reply(
        title=title,
        intro=_summary(found),
        items=tuple(_sections(ctx, found)),
        footer="Latencies are the engine's own time, to within 10%.",
        kind="admin",
        series=_series(found),
    )


def _summary(found: Stats) -> str:
    questions = sum(found.outcomes.get(o, 0) for o in ("answered", "weak", "missed"))
    answered = questions - found.outcomes.get("missed", 0)
    parts = [f"{found.requests:,} requests"]
    if questions:
        parts.append(f"{_share(answered, questions)} of {questions:,} questions answered")
    parts += [
        f"{found.outcomes[o]:,} {OUTCOME_NAMES[o]}"
        for o in ("weak", "missed", "usage", "refused", "error")
        if found.outcomes.get(o)
    ]
    return " · ".join(parts) + "."


def _sections(ctx: Context, found: Stats) -> Iterable[Item]:
    for name, n in found.commands:
        yield Item(f"{_command(name)} — {n:,} ({_share(n, found.requests)})", heading="Commands")
    for name, n, answered, questions in found.platforms:
        rate = f", {_share(answered, questions)} answered" if questions else ""
        yield Item(f"{name} — {n:,} requests{rate}", heading="Platforms")
    for query, n in found.queries:
        yield Item(f"“{query}” — {n:,}", heading="Most asked")
    for fact_id, n in found.facts:
        yield Item(f"{_fact_name(ctx, fact_id)} — {_times(n)}", fact_id, heading="Most read")
    for latency in found.latency:
        yield _latency(latency, _command(latency.name), "Speed by command")
    for latency in found.platform_latency:
        yield _latency(latency, latency.name, "Speed by platform")


def _latency(latency: Latency, name: str, heading: str) -> Item:
    text = f"{name} — p50 {_ms(latency.p50)}, p99 {_ms(latency.p99)} ({latency.requests:,})"
    return Item(text, heading=heading)


def _series(found: Stats) -> Series:
    labels = tuple(
        datetime.fromtimestamp(day * DAY, UTC).date().isoformat() for day, _, _ in found.per_day
    )
    return Series(
        title="Requests per day",
        labels=labels,
        lines=(
            ("answered", tuple(a for _, a, _ in found.per_day)),
            ("not answered", tuple(m for _, _, m in found.per_day)),
        ),
    )


def _fact_name(ctx: Context, fact_id: str) -> str:
    fact = ctx.snapshot.fb.facts.get(fact_id)
    if fact is None:
        return f"{fact_id} (removed since)"
    text = fact.name or fact.text
    return text if len(text) <= 70 else text[:69].rstrip() + "…"


def _command(name: str) -> str:
    return name if name == PLAIN_WORDS else f"`{name}`"


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n:,} times"


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "—"


def _ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.0f} ms"


def _days(days: int) -> str:
    return "day" if days == 1 else f"{days} days"


def ago(at: float, now: float | None = None) -> str:
    """Say how long ago a time was, in the largest unit that fits."""
    seconds = max(0.0, (now if now is not None else datetime.now(UTC).timestamp()) - at)
    for unit, size in (("d", 86_400), ("h", 3_600), ("min", 60)):
        if seconds >= size:
            return f"{int(seconds // size)} {unit} ago"
    return "just now"


def opened_stats(commands: Iterable[Command]) -> tuple[Command, ...]:
    """Give the command table with `stats` open to everyone (`stats.public: true`)."""
    return tuple(
        Command(replace(c.spec, admin=False), c.handler) if c.spec is STATS else c for c in commands
    )


COMMANDS = (Command(STATS, stats),)
