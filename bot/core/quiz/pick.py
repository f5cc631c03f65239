"""Choose what to ask: the facts in a scope (a period, party, topic or person), then one question.

The scope is read with the same parsers and matchers the other commands use, so `quiz 1960s`,
`quiz sixties`, `quiz rusia` and `quiz bhuto` mean what `timeline`, `interests` and `who` would
make of them. Choices come from a `random.Random` the caller owns: seed it and a quiz repeats.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from random import Random

import msgspec

from bot.core.parse import echo
from bot.core.quiz.kinds import kinds_for, make
from bot.core.quiz.question import Frame, Kind, Question
from bot.core.replies import did_you_mean
from bot.errors import NotFound
from bot.search.dates import DateSpan
from bot.search.periods import parse_period
from bot.store.snapshot import Snapshot

TRIES = 200  # facts tried before a scope is declared to have nothing askable
_WHOLE = ("quiz-all-ids", None)


class Scope(msgspec.Struct, frozen=True):
    """What to ask about: a label for replies and the fact ids in it (None: the whole base)."""

    label: str
    ids: Sequence[str] | None
    words: str = ""  # as typed, to repeat the scope in a "next" button
    span: DateSpan | None = None  # a period's dates: wrong dates stay inside them

    @property
    def frame(self) -> Frame:
        """Give what the asker knows from naming this scope, which no answer may be."""
        return Frame(self.label, self.span)


def parse_scope(snap: Snapshot, text: str) -> Scope:
    """Read a period, party, topic or person; raise NotFound with suggestions for anything else."""
    words = text.strip()
    if not words:
        return Scope("the whole fact base", None)
    period = parse_period(words, snap.timeline.newest())
    if period is not None:
        return Scope(period.label, snap.timeline.overlapping(period.span), words, period.span)
    party = snap.parties.best(words)
    if party is not None:
        ids = [*snap.interests.get(party.id, ()), *snap.by_party.get(party.id, ())]
        return Scope(party.name, ids, words)
    topic = snap.topics.best(words)
    if topic is not None:
        return Scope(topic.name, snap.by_topic.get(topic.id, ()), words)
    person = snap.people.best(words)
    if person is not None:
        return Scope(person.name, snap.by_person.get(person.id, ()), words)
    near = [
        *did_you_mean("quiz", snap.topics.suggest(words, 2)),
        *did_you_mean("quiz", snap.people.suggest(words, 2)),
    ]
    raise NotFound(
        f"The articles know no period, party, topic or person called “{echo(words)}”.",
        near,
        "Try `quiz 1960s`, `quiz russia`, `quiz energy` or `quiz bhutto`.",
    )


def pick(
    snap: Snapshot,
    scope: Scope,
    rng: Random,
    avoid: Collection[str] = (),
    kinds: Collection[Kind] = (),
    just_asked: str = "",
) -> Question | None:
    """Ask one question from the scope, avoiding recently asked facts while others remain.

    The fact `just_asked` is never asked again at once, even when it is all the scope has:
    "next" repeating the question just revealed reads as a bug, not as practice.
    """
    ids = scope.ids if scope.ids is not None else _all_ids(snap)
    fresh = [i for i in ids if i not in avoid] if avoid else list(ids)
    again = [i for i in ids if i != just_asked]
    for pool in (fresh, again) if len(fresh) < len(again) else (fresh,):
        found = _first_askable(snap, pool, rng, kinds, scope.frame)
        if found is not None:
            return found
    return None


def ask_again(snap: Snapshot, fact_id: str, kind: Kind, rng: Random) -> Question | None:
    """Make a question of `kind` from one fact (a review), or None if it cannot be asked now."""
    fact = snap.fb.facts.get(fact_id)
    return None if fact is None else make(snap, fact, kind, rng)


def _first_askable(
    snap: Snapshot, ids: Sequence[str], rng: Random, kinds: Collection[Kind], frame: Frame
) -> Question | None:
    order = rng.sample(range(len(ids)), min(len(ids), TRIES))
    for position in order:
        fact = snap.fb.facts.get(ids[position])
        if fact is None:
            continue
        possible = [k for k in kinds_for(fact) if not kinds or k in kinds]
        rng.shuffle(possible)
        for kind in possible:
            question = make(snap, fact, kind, rng, frame)
            if question is not None:
                return question
    return None


def _all_ids(snap: Snapshot) -> Sequence[str]:
    ids = snap.memo.get(_WHOLE)
    if ids is None:
        ids = snap.memo[_WHOLE] = tuple(snap.fb.facts)
    return tuple(ids)
