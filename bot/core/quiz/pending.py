"""The questions still open, per channel: whose they are, who has answered, and any round.

A solo question (`quiz`) belongs to its asker: only their answer counts. A round (`quiz round 5`)
belongs to the channel: anyone may answer, each person once per question, and the first right
answer scores. Questions close when answered or revealed, and on their own after
`CLOSE_SECONDS`, so a forgotten question never blocks a channel. Commands run in worker threads
(they read and write the quiz book), so every change here holds one lock.
"""

from __future__ import annotations

import itertools
import threading
import time
import zlib
from collections import OrderedDict, deque
from collections.abc import Callable
from random import Random
from typing import TYPE_CHECKING

import msgspec

from bot.core.quiz.question import Question
from bot.core.types import Actor

if TYPE_CHECKING:  # the generators load with the first `quiz`, not with every `factbot ask`
    from bot.core.quiz.pick import Scope

CLOSE_SECONDS = 15 * 60.0
ANSWER_SECONDS = 90.0  # buttons reveal the answer after this; the question itself lives longer
RECENT = 30  # facts remembered per channel, so a quiz does not ask the same fact twice soon
RECENT_PLACES = 1024  # channels whose recent facts are kept; the least recently quizzed go first
STRIPES = 64  # channel locks: a fixed set shared by hash, so they never grow with channels
Place = tuple[str, str, str]  # platform, server or workspace, channel


def place_of(actor: Actor) -> Place:
    """Give the channel an actor speaks in."""
    return actor.platform, actor.place, actor.channel


class Round(msgspec.Struct):
    """A shared round: how many questions, which one is on, and the points so far."""

    total: int
    scope: Scope
    touched: float  # when a question was last asked or closed: an idle round ends
    number: int = 0
    points: dict[str, tuple[str, int]] = msgspec.field(
        default_factory=dict
    )  # actor id → (name, points)
    players: set[str] = msgspec.field(default_factory=set)  # who has answered in this round

    def score(self, actor: Actor) -> None:
        """Give the actor a point in this round."""
        _, points = self.points.get(actor.id, (actor.name, 0))
        self.points[actor.id] = (actor.name, points + 1)

    def standings(self) -> list[tuple[str, int]]:
        """Give (name, points), best first."""
        return sorted(self.points.values(), key=lambda p: (-p[1], p[0]))


class Open(msgspec.Struct):
    """One question waiting for its answer."""

    qid: str
    question: Question
    place: Place
    asker: Actor
    asked_at: float
    scope: Scope
    round: Round | None = None
    review: bool = False
    answered: set[str] = msgspec.field(default_factory=set)  # who tried, in a round


class Pending:
    """Every open question of one engine, found by id, by asker or by channel."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._by_id: dict[str, Open] = {}
        self._solo: dict[tuple[Place, str], str] = {}
        self._round: dict[Place, str] = {}
        self._rounds: dict[Place, Round] = {}
        self._recent: OrderedDict[Place, deque[str]] = OrderedDict()
        self._numbers = itertools.count(1)
        self._stripes = tuple(threading.Lock() for _ in range(STRIPES))

    def serial(self, actor: Actor) -> threading.Lock:
        """Give the lock a quiz command holds throughout, one per channel (shared by hash).

        Whole commands, not single steps, must not interleave: "no question open" then "ask"
        would otherwise let two presses of Next both ask. Channels that share a stripe only
        wait for each other a few milliseconds.
        """
        key = "\x1f".join(place_of(actor)).encode()
        return self._stripes[zlib.crc32(key) % STRIPES]

    def open(
        self,
        question: Question,
        asker: Actor,
        scope: Scope,
        round_: Round | None = None,
        review: bool = False,
    ) -> Open:
        """Register a new question; it replaces the asker's (or the round's) unanswered one."""
        place = place_of(asker)
        with self._lock:
            self._expire()
            qid = f"q{next(self._numbers)}"
            entry = Open(qid, question, place, asker, self._clock(), scope, round_, review)
            if round_ is not None:
                round_.touched = entry.asked_at
                old = self._round.get(place)
                self._round[place] = qid
            else:
                old = self._solo.get((place, asker.id))
                self._solo[place, asker.id] = qid
            if old is not None:
                self._by_id.pop(old, None)
            self._by_id[qid] = entry
            self._remember(place, question.fact_id)
            return entry

    def find(self, actor: Actor, qid: str = "") -> Open | None:
        """Give the question an answer is for: by id, else the actor's own, else the round's.

        Only questions of the actor's own channel: its lock is the one the command holds.
        """
        place = place_of(actor)
        with self._lock:
            self._expire()
            if qid:
                entry = self._by_id.get(qid)
                return entry if entry is not None and entry.place == place else None
            own = self._solo.get((place, actor.id)) or self._round.get(place)
            return self._by_id.get(own) if own else None

    def own(self, actor: Actor) -> Open | None:
        """Give the actor's own solo question in their channel, if one is open."""
        with self._lock:
            self._expire()
            qid = self._solo.get((place_of(actor), actor.id))
            return self._by_id.get(qid) if qid else None

    def get(self, qid: str) -> Open | None:
        """Give an open question by its id."""
        with self._lock:
            return self._by_id.get(qid)

    def close(self, entry: Open) -> bool:
        """Close a question; False if it was closed already (answered, revealed, replaced)."""
        with self._lock:
            if entry.qid not in self._by_id:
                return False
            self._drop(entry.qid)
            if entry.round is not None:
                entry.round.touched = self._clock()
            return True

    def start_round(self, actor: Actor, total: int, scope: Scope) -> Round:
        """Begin a round in the actor's channel, ending any round already on there."""
        with self._lock:
            round_ = self._rounds[place_of(actor)] = Round(total, scope, self._clock())
            return round_

    def round_in(self, actor: Actor) -> Round | None:
        """Give the round on in the actor's channel, if any (an idle one has ended)."""
        with self._lock:
            self._expire()
            return self._rounds.get(place_of(actor))

    def round_question(self, actor: Actor) -> Open | None:
        """Give the round's question waiting for an answer in the actor's channel, if any."""
        with self._lock:
            self._expire()
            qid = self._round.get(place_of(actor))
            return self._by_id.get(qid) if qid else None

    def end_round(self, actor: Actor) -> Round | None:
        """End the channel's round and close its question; give the round that ended."""
        place = place_of(actor)
        with self._lock:
            qid = self._round.pop(place, None)
            if qid:
                self._by_id.pop(qid, None)
            return self._rounds.pop(place, None)

    def recent(self, actor: Actor) -> tuple[str, ...]:
        """Give the facts asked lately in the actor's channel, the last one asked last."""
        with self._lock:
            return tuple(self._recent.get(place_of(actor), ()))

    def _remember(self, place: Place, fact_id: str) -> None:
        """Note a fact asked in a channel, forgetting the least recently quizzed channels."""
        recent = self._recent.pop(place, None) or deque(maxlen=RECENT)
        recent.append(fact_id)
        self._recent[place] = recent
        while len(self._recent) > RECENT_PLACES:
            self._recent.popitem(last=False)

    def _expire(self) -> None:
        """Forget questions and rounds idle for `CLOSE_SECONDS` (the lock is held).

        A round is idle from its last question asked or closed; its open question, asked no
        later than that, goes with it, so a round never outlives its question by long.
        """
        oldest = self._clock() - CLOSE_SECONDS
        for qid, entry in list(self._by_id.items()):
            if entry.asked_at < oldest:
                self._drop(qid)
        for place, round_ in list(self._rounds.items()):
            if round_.touched < oldest:
                del self._rounds[place]

    def _drop(self, qid: str) -> None:
        """Forget a question wherever it is filed (the lock is held)."""
        entry = self._by_id.pop(qid)
        if self._round.get(entry.place) == qid:
            del self._round[entry.place]
        if self._solo.get((entry.place, entry.asker.id)) == qid:
            del self._solo[entry.place, entry.asker.id]


class Quizzes:
    """An engine's quiz state: the open questions and the random source questions come from."""

    def __init__(
        self,
        seed: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        answer_seconds: float = ANSWER_SECONDS,
    ) -> None:
        """Seed the choices (tests and reproducible quizzes), or leave them to chance."""
        self.rng = Random(seed)
        self.pending = Pending(clock)
        self.answer_seconds = answer_seconds
