"""How a quiz reads: the question with its four options, the verdict with the sourced fact, scores.

Every platform gets the same Reply: four actions `A`–`D` (buttons on Discord and Slack, the keys
`a`–`d` in the console) that answer in place, and a `Closing` that reveals the answer when nobody
presses in time. Only the words differ where the adapter says so on the `Actor`: where one
person plays (`one_player`, the console) they are "you"; where there are no buttons, the footer
names the keys to type instead of the buttons to press.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.quiz.pending import Open, Round
from bot.core.quiz.question import LETTERS
from bot.core.replies import fact_item
from bot.core.types import Action, Actor, Closing, Item, Reply
from bot.store.snapshot import Snapshot
from bot.usage.quizbook import Standing

YOU = "you"


def question_reply(entry: Open, seconds: float) -> Reply:
    """Show a question: the fact's text with its blank, what is asked, and the four options."""
    question = entry.question
    options = tuple(
        Item(f"{letter.upper()}) {option}", heading=question.stem)
        for letter, option in zip(LETTERS, question.options, strict=True)
    )
    keys = (
        Action("Reveal", f"quiz reveal {entry.qid}", key="reveal"),
        Action("Skip", f"quiz next {entry.qid}", key="next"),
        Action("Stop", "quiz stop", key="stop"),
    )
    if not entry.asker.buttons:
        how = "Type a–d (or 1–4) to answer · `reveal` shows the answer · `next` skips it"
        how += " · `stop` ends the round." if entry.round is not None else " · `stop` ends."
    else:
        how = (
            f"Press A–D, or type `quiz answer a`–`d`. The buttons close after {seconds:.0f} s "
            "and show the answer; `quiz reveal` shows it now."
        )
    return Reply(
        title=_title(entry),
        intro=question.text,
        items=options,
        footer=f"{how} ({entry.qid})",
        actions=tuple(
            Action(letter.upper(), f"quiz answer {entry.qid} {letter}", key=letter)
            for letter in LETTERS
        ),
        closing=Closing(seconds, f"quiz reveal {entry.qid}", entry.round is not None, keys),
    )


def verdict_reply(
    snap: Snapshot,
    entry: Open,
    answerer: Actor | None,
    right: bool,
    standing: Standing | None,
) -> Reply:
    """Say right or wrong (or time's up), then the whole fact with its date and article."""
    question = entry.question
    name = "" if answerer is None or answerer.one_player else f", {answerer.name}"
    if answerer is None:
        title = f"The answer: {question.answer}"
    elif right:
        title = f"Right{name}! {question.answer}"
    else:
        title = f"Not quite{name}. The answer: {question.answer}"
    fact = snap.fb.facts.get(question.fact_id)
    items: tuple[Item, ...] = (fact_item(snap, fact),) if fact is not None else ()
    lines = [_score_line(standing, entry.asker.one_player)] if standing is not None else []
    if entry.round is not None:
        lines.append(_round_line(entry.round))
    return Reply(
        title=title,
        intro=" ".join(line for line in lines if line),
        items=items,
        actions=_next_actions(entry),
        footer=("" if items else "That fact has been removed since the question was asked.\n")
        + _next_hint(entry),
    )


def standings_reply(title: str, round_: Round, asker: Actor) -> Reply:
    """Show a round's points, best first (in the console, its one player is "you")."""
    rows = [(YOU, p) for _, p in round_.standings()] if asker.one_player else round_.standings()
    return Reply(
        title=title,
        intro=f"{round_.number} of {round_.total} questions asked."
        + ("" if rows else " Nobody scored."),
        items=tuple(Item(f"{n}. {name} — {_points(p)}") for n, (name, p) in enumerate(rows, 1)),
    )


def top_reply(rows: Sequence[Standing], mine: Standing | None, asker: Actor) -> Reply:
    """Show the leaderboard of a server, with the asker's own line if they are not on it.

    The asker is known by the book (hashed ids), never by name: two people may share one.
    Where one person plays every row is theirs, shown as "you"; a streak of 0 is left out.
    """
    if not rows:
        return Reply(title="Quiz leaderboard", intro="No answers yet: start with `quiz`.")
    items = [
        Item(f"{n}. {_who(row, asker)} — {_points(row.points)} of {row.answered}"
             + (f", best streak {row.best_streak}" if row.best_streak else ""))
        for n, row in enumerate(rows, 1)
    ]  # fmt: skip
    footer = ""
    if mine is not None and not any(r.mine for r in rows):
        footer = f"You: {_points(mine.points)} of {mine.answered}."
    return Reply(title="Quiz leaderboard", items=tuple(items), footer=footer)


def _who(row: Standing, asker: Actor) -> str:
    """Name a leaderboard row; the asker's own is marked, so a shared name is no puzzle."""
    if asker.one_player:
        return YOU
    return f"{row.name} (you)" if row.mine else row.name


def _title(entry: Open) -> str:
    if entry.round is not None:
        return f"Round: question {entry.round.number} of {entry.round.total}"
    if entry.review:
        return "Review: a question you missed"
    return f"Quiz: {entry.scope.label}"


def _next_actions(entry: Open) -> tuple[Action, ...]:
    stop = Action("Stop", "quiz stop", key="stop")
    if entry.round is not None:
        if entry.round.number >= entry.round.total:
            return (Action("Standings", "quiz stop", key="stop"),)
        return (Action("Next question", "quiz next round", key="next"), stop)
    if entry.review:
        return (Action("Next review", "quiz review", key="next"), stop)
    return (Action("Next", f"quiz {entry.scope.words}".strip(), key="next"), stop)


def _next_hint(entry: Open) -> str:
    actions = _next_actions(entry)
    return " · ".join(f"{a.label}: `{a.line}`" for a in actions)


def _score_line(standing: Standing, alone: bool) -> str:
    streak = f", streak {standing.streak}" if standing.streak > 1 else ""
    who = "Your score" if alone else standing.name
    return f"{who}: {_points(standing.points)} of {standing.answered}{streak}."


def _round_line(round_: Round) -> str:
    if round_.number >= round_.total:
        return "That was the last question: `quiz stop` shows the standings."
    return f"Question {round_.number} of {round_.total} done."


def _points(points: int) -> str:
    return "1 point" if points == 1 else f"{points} points"
