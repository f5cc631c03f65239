"""What a review of study mode found: presses at once, rounds left behind, skips, old channels.

Presses arrive on worker threads (Discord and Slack run each quiz command off the event loop),
so the concurrency tests drive the engine from threads the same way, all released at once.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.adapters.console import console_actor
from bot.core.engine import Engine
from bot.core.quiz import pending
from bot.core.quiz.pending import CLOSE_SECONDS, Quizzes
from bot.core.types import Actor, Reply
from tests.conftest import shown
from tests.core.quiz.play import ALICE, BOB, qid_of, right_key, say, wrong_key

PEOPLE = tuple(
    Actor(id=f"u-{n}", name=f"Player{n}", platform="discord", place="g", channel="c1")
    for n in range(8)
)
ROUNDS = 50  # double-clicks per test: an interleaving is likely, not certain, in any one
CLICKS = 4  # presses per person at once: a double-click, and then some


@pytest.fixture(autouse=True)
def eager_switching() -> Iterator[None]:
    """Switch threads every microsecond, not every 5 ms, so interleavings happen while tested."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def at_once(calls: list[Callable[[], Reply]]) -> list[Reply]:
    """Run every call on its own thread, all released together, as simultaneous presses."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], Reply]) -> Reply:
        start.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def press(engine: Engine, line: str, actor: Actor) -> Callable[[], Reply]:
    return lambda: say(engine, line, actor)


@pytest.mark.parametrize("line", ["quiz next", "quiz next round"])
def test_everyone_pressing_next_at_once_opens_exactly_one_question(
    played: Engine, line: str
) -> None:
    """Two presses of Next once both asked, numbering the round's questions 2 and 3."""
    say(played, "quiz round 5", ALICE)
    for number in (2, 3, 4):
        say(played, "quiz reveal", ALICE)
        replies = at_once([press(played, line, who) for who in PEOPLE])
        titles = sorted(r.title for r in replies)
        assert titles[-1] == f"Round: question {number} of 5", titles
        assert all(f"Question {number} is still open" in t for t in titles[:-1]), titles


def test_a_double_click_on_a_wrong_answer_counts_one_miss(played: Engine) -> None:
    """Each person's two presses at once: one try each, one answer in their score."""
    for _ in range(ROUNDS):
        question = say(played, "quiz round 3", ALICE)
        line = f"quiz answer {qid_of(question)} {wrong_key(played, question)}"
        at_once([press(played, line, who) for who in PEOPLE for _ in range(CLICKS)])
    board = shown(say(played, "quiz top", ALICE))
    for who in PEOPLE:
        assert f"{who.name} — 0 points of {ROUNDS}" in board, board


def test_right_answers_at_once_score_once(played: Engine) -> None:
    """The first right press wins the point; the other buttons find the question closed."""
    question = say(played, "quiz round 3", ALICE)
    line = f"quiz answer {qid_of(question)} {right_key(played, question)}"  # as a button sends
    replies = at_once([press(played, line, who) for who in PEOPLE])
    assert sum(r.title.startswith("Right, ") for r in replies) == 1
    assert sum(r.title == "That question has closed already." for r in replies) == len(PEOPLE) - 1
    standings = shown(say(played, "quiz stop", ALICE))
    assert standings.count("1 point") == 1 and "2." not in standings


def test_an_abandoned_round_ends_and_a_solo_skip_a_day_later_is_solo(played: Engine) -> None:
    """A round left open once made tomorrow's `quiz` + Skip say "Round: question 2 of 5"."""
    now = [1000.0]
    played.quizzes = Quizzes(seed=3, clock=lambda: now[0])
    say(played, "quiz round 5", ALICE)
    now[0] += 24 * 3600
    question = say(played, "quiz", ALICE)
    skipped = say(played, "quiz next", ALICE)
    assert skipped.title == "Quiz: the whole fact base", skipped.title
    assert "Skipped: the answer was" in skipped.footer and qid_of(skipped) != qid_of(question)
    assert say(played, "quiz next round", BOB).title.startswith("No round is on here")


def test_a_round_idle_after_its_answer_ends_too(played: Engine) -> None:
    """Answered, then nobody pressed Next for a quarter of an hour: the round is over."""
    now = [1000.0]
    played.quizzes = Quizzes(seed=3, clock=lambda: now[0])
    question = say(played, "quiz round 5", ALICE)
    say(played, f"quiz answer {right_key(played, question)}", ALICE)
    now[0] += CLOSE_SECONDS - 1
    assert say(played, "quiz next", BOB).title == "Round: question 2 of 5"
    say(played, "quiz reveal", BOB)
    now[0] += CLOSE_SECONDS + 1
    assert say(played, "quiz next", BOB).title.startswith("No round is on here")


def test_skip_works_on_one_s_own_question_while_a_round_is_on(played: Engine) -> None:
    """Bob's Skip once met "Question 1 is still open" because Alice had a round going."""
    round_question = say(played, "quiz round 5", ALICE)
    own = say(played, "quiz 1960s", BOB)
    skipped = say(played, "quiz next", BOB)
    assert skipped.title == "Quiz: 1960s" and "Skipped: the answer was" in skipped.footer
    [skip] = [k for k in (skipped.closing.keys if skipped.closing else ()) if k.key == "next"]
    again = say(played, skip.line, BOB)  # the Skip key names its question
    assert again.title == "Quiz: 1960s" and qid_of(again) not in (qid_of(own), qid_of(skipped))
    assert played.quizzes.pending.get(qid_of(round_question)) is not None  # the round's is open
    stale = say(played, skip.line, BOB)  # the skipped question's key, typed again
    assert stale.title == "That question has closed already: `quiz` asks another."
    assert played.quizzes.pending.get(qid_of(round_question)) is not None


def test_the_round_s_next_button_moves_the_round_not_one_s_own_question(played: Engine) -> None:
    """Pressing the round verdict's Next with a solo question of one's own asks the round's next."""
    question = say(played, "quiz round 2", ALICE)
    verdict = say(played, f"quiz answer {right_key(played, question)}", ALICE)
    own = say(played, "quiz 1960s", BOB)
    [following] = [a for a in verdict.actions if a.label == "Next question"]
    assert say(played, following.line, BOB).title == "Round: question 2 of 2"
    assert played.quizzes.pending.get(qid_of(own)) is not None


def test_a_channel_quizzed_long_ago_is_forgotten_once_many_others_were_quizzed(
    played: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What each channel was asked lately is kept for the most recent channels only."""
    monkeypatch.setattr(pending, "RECENT_PLACES", 3)
    first = Actor(id="u-x", name="X", platform="discord", place="g", channel="first")
    asked = say(played, "quiz kashmir", first)
    say(played, "quiz reveal", first)
    assert say(played, "quiz kashmir", first).title.startswith("The only question about")
    for n in range(3):
        say(played, "quiz 1960s", Actor(id="u-y", name="Y", platform="discord", place="g",
                                        channel=f"other{n}"))  # fmt: skip
    again = say(played, "quiz kashmir", first)
    assert again.intro == asked.intro  # not remembered any more, so it may be asked again


def test_the_wording_follows_what_the_adapter_says_not_a_platform_name(played: Engine) -> None:
    """The core once tested `platform == "console"`; the console now says so on its Actor."""
    console = say(played, "quiz 1960s", console_actor())
    assert "Type a–d (or 1–4)" in console.footer
    verdict = say(played, "quiz reveal", console_actor())
    assert "Your score: 0 points of 1." in verdict.intro
    shared_screen = Actor(id="kiosk", name="Kiosk", platform="console", place="p", channel="k")
    question = say(played, "quiz 1960s", shared_screen)  # a console name, chat-like flags
    assert "Press A–D" in question.footer
    answered = say(played, f"quiz answer {wrong_key(played, question)}", shared_screen)
    assert answered.title.startswith("Not quite, Kiosk. ")
