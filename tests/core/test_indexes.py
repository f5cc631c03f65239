"""The shortcuts behind the fast answers give what the slow, obvious computation gives."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from datetime import date, timedelta

import pytest

from bot.adapters.terminal import render_json
from bot.core.engine import Engine
from bot.search.dates import DateSpan, parse_date
from bot.search.matcher import key_of, name_score
from bot.search.normalise import STOPWORDS, words
from bot.search.spans import SpanIndex, build_spans, span_index
from bot.store.store import Store
from tests.core.conftest import ask


def _random_spans(count: int, seed: int) -> list[tuple[str, DateSpan]]:
    """Spans of every precision, ranges of up to 40 years among them, in random order."""
    rng = random.Random(seed)
    spans: list[tuple[str, DateSpan]] = []
    for n in range(count):
        year = rng.randint(1947, 2024)
        text = rng.choice(
            [
                str(year),
                f"{year}-{rng.randint(1, 12):02d}",
                f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                f"{year // 10 * 10}s",
                f"{year}/{year + rng.randint(0, 40)}",
            ]
        )
        spans.append((f"e{n:04d}", parse_date(text)))
    return spans


def _periods(seed: int) -> list[DateSpan]:
    rng = random.Random(seed)
    found = [parse_date(p) for p in ("1970s", "1971", "1965/1972", "1947/2030", "2001-09")]
    for _ in range(60):
        start = date(1940, 1, 1) + timedelta(days=rng.randint(0, 32_000))
        found.append(DateSpan(start, start + timedelta(days=rng.randint(0, 5_000)), "range"))
    return found


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_period_split_equals_checking_every_entry(seed: int) -> None:
    """Inside, wider and marked entries match a scan of all entries, in (start, end, id) order."""
    entries = _random_spans(600, seed)
    marked = {i for i, _ in entries[::7]}
    ids = [i for i, _ in entries]
    index = SpanIndex(ids, build_spans(ids, [s for _, s in entries], marked))
    ordered = sorted(entries, key=lambda e: (e[1].start, e[1].end, e[0]))
    for period in _periods(seed):
        hits = [(i, s) for i, s in ordered if s.overlaps(period)]
        within = [i for i, s in hits if period.start <= s.start and s.end <= period.end]
        split = index.split(period)
        assert list(split.inside) == within and split.inside == within
        assert split.wider == [i for i, _ in hits if i not in set(within)]
        assert split.flagged == [i for i, _ in hits if i in marked]
        assert split.broad == any(s.precision in ("decade", "range") for _, s in hits)
        assert index.overlapping(period) == [i for i, _ in hits]


def test_bounds_and_newest_come_from_the_ordering() -> None:
    """The earliest start, the latest end and the latest start of the entries."""
    entries = _random_spans(200, 9)
    index = span_index(entries)
    assert index.bounds() == (min(s.start for _, s in entries), max(s.end for _, s in entries))
    assert index.newest() == max(s.start for _, s in entries)


def _queries(engine: Engine) -> list[str]:
    """Pairs and single words taken from the facts themselves, with a slip in some."""
    rng = random.Random(5)
    found: list[str] = []
    for fact in list(engine.snapshot.fb.facts.values())[::3]:
        plain = [w for w in words(fact.text) if w not in STOPWORDS]
        if len(plain) >= 2:
            first, second = rng.sample(plain, 2)
            found += [first, f"{first} {second}", f"{first[:-1]} {second}"]
    return found


@pytest.mark.parametrize("limit", [1, 3, 10, 30])
def test_search_top_k_equals_the_full_ranking_cut(engine: Engine, limit: int) -> None:
    """Stopping early never changes which entries come first, nor their scores."""
    search = engine.snapshot.search
    for query in _queries(engine):
        assert search.search(query, limit).hits == search.search(query, None).hits[:limit]


def _scored(engine: Engine, typed: str) -> dict[str, float]:
    """Score every name of every person, the obvious way."""
    matcher = engine.snapshot.people
    best: dict[str, float] = {}
    key = key_of(typed)
    for name, entry_id in zip(matcher.table.keys, matcher.table.ids, strict=True):
        best[entry_id] = max(best.get(entry_id, 0.0), name_score(key, name))
    return best


def _typed_names(engine: Engine) -> list[str]:
    """Each person's surname, a slip in it, and a first name cut short."""
    typed: list[str] = []
    for name in engine.snapshot.people.display.values():
        parts = key_of(name).split()
        last = parts[-1]
        typed += [last, last[:2] + last[3:] if len(last) > 4 else last, parts[0][:4]]
    return typed


def test_a_name_resolves_to_the_best_scored_people(engine: Engine) -> None:
    """The word index finds the top-scoring person (or all who tie) that scoring all finds."""
    matcher = engine.snapshot.people
    for typed in _typed_names(engine):
        scores = _scored(engine, typed)
        top = max(scores.values())
        found = matcher.resolve(typed, limit=6)
        if top < 80:
            assert found == [] or found[0].exact, typed
            continue
        assert found[0].score == top, typed
        tied = {i for i, s in scores.items() if s == top}
        assert {m.id for m in found if m.score == top} == tied or len(tied) > 6, typed


@pytest.mark.parametrize("line", ["timeline 1970s", "who bhutto", "interests russia"])
def test_lazy_items_read_like_a_tuple(engine: Engine, line: str) -> None:
    """Length, indexing from either end, slices, equality and JSON match a plain tuple."""
    items = ask(engine, line).items
    plain = tuple(items)
    assert len(items) == len(plain) >= 3
    assert (items[0], items[-1], items[1:3]) == (plain[0], plain[-1], plain[1:3])
    assert items == plain and items == ask(engine, line).items
    with pytest.raises(IndexError):
        items[len(plain)]


def test_json_of_a_lazy_reply_lists_every_item(engine: Engine) -> None:
    """`--json` output holds each item as an object, not a reference to the snapshot."""
    reply = ask(engine, "timeline 1970s")
    listed = json.loads(render_json(reply))["items"]
    assert [i["fact_id"] for i in listed] == [i.fact_id for i in reply.items]


def test_a_name_is_looked_up_afresh_in_every_request(engine: Engine) -> None:
    """Names resolved while answering one request are not reused by the next one."""
    fb = engine.snapshot.fb
    person = ask(engine, "who bhuto").items[0].fact_id
    other = Engine(Store.of(fb))
    other.store.publish(replace(fb, facts={k: f for k, f in fb.facts.items() if k != person}), 1)
    assert ask(other, "who bhuto").kind == "not_found"
    other.store.publish(fb, 2)
    assert ask(other, "who bhuto").items[0].fact_id == person
