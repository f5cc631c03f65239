"""Read the usage database back: `stats` from the per-day roll-ups, `gaps` from the misses.

Both are plain data; `bot.core.commands.usage` words them and the adapters render them.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable

import msgspec

from bot.search.matcher import group_similar
from bot.usage.database import DAY, bucket_ms, day_of
from bot.usage.events import QUESTION_OUTCOMES

TOP = 5
FOLLOW_UP_SECONDS = 60.0  # a retry this soon after a miss is the same person asking again
MAX_MISSES = 20_000  # the newest misses read for `gaps`; older ones add little but time
MAX_DISTINCT = 2_000  # distinct missed questions grouped by similarity


class Latency(msgspec.Struct, frozen=True):
    """How long one command (or platform) took: requests, median and 99th percentile, in ms."""

    name: str
    requests: int
    p50: float
    p99: float


class Stats(msgspec.Struct, frozen=True):
    """Usage over the last `days` days."""

    days: int
    requests: int
    outcomes: dict[str, int]
    commands: list[tuple[str, int]]
    platforms: list[tuple[str, int, int, int]]  # name, requests, answered, questions
    queries: list[tuple[str, int]]
    facts: list[tuple[str, int]]
    latency: list[Latency]  # per command, busiest first
    platform_latency: list[Latency]
    per_day: list[tuple[int, int, int]]  # (day number, answered, not answered), oldest first


class Gap(msgspec.Struct, frozen=True):
    """A question (and its near spellings) the fact base did not answer, or answered weakly."""

    query: str
    variants: tuple[str, ...]
    count: int
    last_seen: float
    weak_only: bool  # every time, something was answered, only not all of it
    suggested: str  # what the bot offered instead, the last time
    # (the missed spelling, then the command and question that were answered, times), most first
    followed_by: list[tuple[str, str, str, int]] = msgspec.field(default_factory=list)


def read_stats(connection: sqlite3.Connection, days: int, now: float) -> Stats:
    """Sum the roll-ups of the last `days` days (today included)."""
    first = day_of(now) - days + 1
    daily = connection.execute(
        "SELECT day, platform, command, outcome, SUM(n) FROM daily WHERE day >= ?"
        " GROUP BY day, platform, command, outcome",
        (first,),
    ).fetchall()
    outcomes: Counter[str] = Counter()
    commands: Counter[str] = Counter()
    platforms: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    per_day: dict[int, list[int]] = {d: [0, 0] for d in range(first, day_of(now) + 1)}
    for day, platform, command, outcome, n in daily:
        outcomes[outcome] += n
        commands[command] += n
        totals = platforms[platform]
        totals[0] += n
        if outcome in QUESTION_OUTCOMES:
            totals[2] += n
            totals[1] += n if outcome != "missed" else 0
            per_day[day][0 if outcome != "missed" else 1] += n
    by_command, by_platform = _latencies(connection, first)
    return Stats(
        days=days,
        requests=sum(outcomes.values()),
        outcomes=dict(outcomes),
        commands=commands.most_common(TOP),
        platforms=sorted(
            ((p, t[0], t[1], t[2]) for p, t in platforms.items()), key=lambda p: (-p[1], p[0])
        ),
        queries=_top(connection, "query_days", "query", first),
        facts=_top(connection, "fact_days", "fact", first),
        latency=by_command,
        platform_latency=by_platform,
        per_day=[(d, a, m) for d, (a, m) in sorted(per_day.items())],
    )


def _top(connection: sqlite3.Connection, table: str, key: str, first: int) -> list[tuple[str, int]]:
    rows = connection.execute(
        f"SELECT {key}, SUM(n) AS total FROM {table} WHERE day >= ?"
        f" GROUP BY {key} ORDER BY total DESC, {key} LIMIT {TOP}",
        (first,),
    ).fetchall()
    return [(str(k), int(n)) for k, n in rows]


def _latencies(connection: sqlite3.Connection, first: int) -> tuple[list[Latency], list[Latency]]:
    found = []
    for table, key in (("latency", "command"), ("platform_latency", "platform")):
        histograms: dict[str, Counter[int]] = defaultdict(Counter)
        for name, bucket, n in connection.execute(
            f"SELECT {key}, bucket, SUM(n) FROM {table} WHERE day >= ? GROUP BY {key}, bucket",
            (first,),
        ):
            histograms[name][bucket] += n
        found.append(_percentiles(histograms.items()))
    return found[0], found[1]


def _percentiles(histograms: Iterable[tuple[str, Counter[int]]]) -> list[Latency]:
    found = [
        Latency(name, sum(h.values()), bucket_ms(_rank(h, 0.5)), bucket_ms(_rank(h, 0.99)))
        for name, h in histograms
    ]
    return sorted(found, key=lambda lat: (-lat.requests, lat.name))


def _rank(histogram: Counter[int], share: float) -> int:
    """Give the bucket holding the request at `share` of the way up the sorted latencies."""
    target = share * sum(histogram.values())
    seen = 0
    for bucket in sorted(histogram):
        seen += histogram[bucket]
        if seen >= target:
            return bucket
    return max(histogram)


def read_gaps(connection: sqlite3.Connection, days: int, now: float) -> list[Gap]:
    """Group the misses of the last `days` days by similarity, most frequent first.

    A miss is "followed by" the next answered question of the same kind from the same person
    within a minute (`topic gas`, then `topic energy`; a search, then anything): that retry is
    what the asker meant. `who putin` then `topic kashmir` is a new subject, not a retry, and
    must not become an alias of Kashmir.
    """
    rows = connection.execute(
        "SELECT m.query, m.at, m.outcome, m.suggested,"
        " (SELECT a.command || char(31) || a.query FROM events a"
        "   WHERE a.user = m.user AND a.user != '' AND a.at > m.at AND a.at <= m.at + ?"
        "   AND a.outcome = 'answered' AND a.query NOT IN ('', m.query)"
        "   AND (a.command = m.command OR m.command = 'search') ORDER BY a.at LIMIT 1)"
        " FROM events m WHERE m.outcome IN ('missed', 'weak') AND m.at >= ? AND m.query != ''"
        f" ORDER BY m.at DESC LIMIT {MAX_MISSES}",
        (FOLLOW_UP_SECONDS, now - days * DAY),
    ).fetchall()
    asked: dict[str, _Asked] = {}
    for query, at, outcome, suggested, follow_up in rows:
        entry = asked.setdefault(query, _Asked(last_seen=at, suggested=suggested))
        entry.count += 1
        entry.missed = entry.missed or outcome == "missed"
        if follow_up:
            command, _, answered = follow_up.partition("\x1f")
            entry.followed_by[query, command, answered] += 1
    ranked = sorted(asked.items(), key=lambda kv: (-kv[1].count, -kv[1].last_seen))[:MAX_DISTINCT]
    groups = group_similar([query for query, _ in ranked])
    gaps = [_gap([ranked[i] for i in positions]) for positions in groups]
    return sorted(gaps, key=lambda g: (-g.count, -g.last_seen))


class _Asked(msgspec.Struct):
    last_seen: float
    suggested: str
    count: int = 0
    missed: bool = False
    followed_by: Counter[tuple[str, str, str]] = msgspec.field(default_factory=Counter)


def _gap(members: list[tuple[str, _Asked]]) -> Gap:
    """Merge one group of near-identical questions, its most asked spelling first."""
    followed: Counter[tuple[str, str, str]] = Counter()
    for _, entry in members:
        followed.update(entry.followed_by)
    latest = max((entry for _, entry in members), key=lambda e: e.last_seen)
    return Gap(
        query=members[0][0],
        variants=tuple(query for query, _ in members[1:]),
        count=sum(entry.count for _, entry in members),
        last_seen=latest.last_seen,
        weak_only=not any(entry.missed for _, entry in members),
        suggested=latest.suggested,
        followed_by=[(m, c, q, n) for (m, c, q), n in followed.most_common()],
    )
