"""Name matching: the word index finds the people that scoring every name would rank first."""

from __future__ import annotations

from bot.core.engine import Engine
from bot.search.matcher import key_of, name_score


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
    """The word index finds the top-scoring people that scoring every name finds."""
    matcher = engine.snapshot.people
    typed_names = _typed_names(engine)
    resolved = 0
    for typed in typed_names:
        scores = _scored(engine, typed)
        top = max(scores.values())
        found = matcher.resolve(typed, limit=6)
        if top < 80:
            assert found == [] or found[0].exact, typed
            continue
        resolved += 1
        assert found[0].score == top, typed
        tied = {i for i, s in scores.items() if s == top}
        assert {m.id for m in found if m.score == top} == tied or len(tied) > 6, typed
    assert resolved >= len(typed_names) // 2, "most typed names should reach the threshold"
