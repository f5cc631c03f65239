"""`quiz`: study mode — questions from the sourced facts, rounds, scores and review of misses.

`quiz [scope]` asks the asker alone; `quiz round N [scope]` asks the channel N questions.
`quiz answer`, `quiz reveal`, `quiz next` and `quiz stop` are what the buttons (and the console's
`a`–`d`) send; `quiz top` and `quiz review` read the quiz book. Blocking: answers write scores.
Each command holds its channel's lock from start to end (`Pending.serial`): every one is a
check then a change, and presses arrive on several worker threads at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import msgspec.structs

from bot.core.quiz.pending import Open, Round
from bot.core.quiz.question import KINDS, Kind, choice_of
from bot.core.quiz.replies import (
    question_reply,
    standings_reply,
    top_reply,
    verdict_reply,
)
from bot.core.table import Command, Context
from bot.core.types import Actor, CommandSpec, Reply, Request
from bot.errors import BadArguments, NotFound, UserError
from bot.usage.quizbook import Player, QuizBook, Standing

if TYPE_CHECKING:
    from bot.core.quiz.pick import Scope

MAX_ROUND = 20
_DECADE = re.compile(r"(?:(?:early|mid|late) )?\d{4}s")
QUIZ = CommandSpec(
    name="quiz",
    summary="A four-option question from one sourced fact; `quiz top`, `quiz review`, rounds.",
    usage="quiz [period | topic | person | party | round N | top | review | stop]",
    arg="text",
    arg_name="scope",
    examples=("quiz 1960s", "quiz russia", "quiz round 5", "quiz top", "quiz review"),
    blocking=True,
)
NO_QUESTION = "No question is open for you here: start one with `quiz`."
SCORES_OFF = "Scores are not kept here (usage statistics are off), so there is nothing to show."


def quiz(ctx: Context, request: Request) -> Reply:
    """Run one quiz command with its channel to itself, so no other press interleaves."""
    with ctx.quizzes.pending.serial(request.actor):
        return _dispatch(ctx, request)


def _dispatch(ctx: Context, request: Request) -> Reply:
    """Read the sub-command and run it; anything else is a scope to ask about."""
    word, _, rest = request.args.partition(" ")
    rest = rest.strip()
    match word.casefold():
        case "answer":
            return answer(ctx, request.actor, rest)
        case "reveal":
            return reveal(ctx, request.actor, rest)
        case "next":
            return next_question(ctx, request.actor, rest)
        case "stop":
            return stop(ctx, request.actor)
        case "top" | "leaderboard" | "scores":
            return top(ctx, request.actor)
        case "review":
            return review(ctx, request.actor)
        case "round":
            return start_round(ctx, request.actor, rest)
    from bot.core.quiz.pick import parse_scope  # the generators load with the first quiz

    return ask(ctx, request.actor, parse_scope(ctx.snapshot, request.args))


def ask(ctx: Context, actor: Actor, scope: Scope, round_: Round | None = None) -> Reply:
    """Pick a question in the scope and open it for the actor (or the round)."""
    from bot.core.quiz.pick import pick

    quizzes = ctx.quizzes
    recent = quizzes.pending.recent(actor)
    last = recent[-1] if recent else ""
    question = pick(ctx.snapshot, scope, quizzes.rng, recent, just_asked=last)
    if question is None:
        if pick(ctx.snapshot, scope, quizzes.rng) is not None:  # not a gap in the facts
            raise UserError(
                f"The only question about {_the(scope.label)} is the one just asked. Try "
                "another scope (`quiz 1970s`, `quiz russia`), or `quiz` for anything."
            )
        problem = f"Nothing about {_the(scope.label)} can be asked as a question yet."
        raise NotFound(problem, ("quiz", "quiz 1970s", "quiz russia"))
    if round_ is not None:
        round_.number += 1
    entry = quizzes.pending.open(question, actor, scope, round_)
    return question_reply(entry, quizzes.answer_seconds)


def answer(ctx: Context, actor: Actor, args: str) -> Reply:
    """Judge an answer: only the asker's counts on a solo question; once each in a round."""
    parts = args.split()
    choice = choice_of(parts[-1]) if parts else None
    if choice is None:
        raise BadArguments("Answer with a letter or number: `quiz answer b`, `quiz answer 2`.")
    entry = ctx.quizzes.pending.find(actor, parts[0] if len(parts) > 1 else "")
    if entry is None:
        raise UserError(NO_QUESTION if len(parts) == 1 else "That question has closed already.")
    refusal = _refusal(entry, actor)
    if refusal is not None:
        return refusal
    right = choice == entry.question.correct
    if entry.round is not None:
        entry.round.players.add(actor.id)
    if entry.round is not None and not right:
        entry.answered.add(actor.id)
        standing = _record(ctx, actor, entry, right=False)
        if _everyone_tried(entry, actor) and ctx.quizzes.pending.close(entry):
            return verdict_reply(ctx.snapshot, entry, actor, False, standing)
        return Reply(
            title="Not that one — the others can still answer.",
            intro="Everyone gets one try per question; the first right answer scores. "
            "`quiz reveal` shows the answer when you are all done.",
            kind="refused",
        )
    if not ctx.quizzes.pending.close(entry):
        return Reply(title="Someone answered that one first.", kind="refused")
    standing = _record(ctx, actor, entry, right)
    if entry.round is not None:
        entry.round.score(actor)
    return verdict_reply(ctx.snapshot, entry, actor, right, standing)


def reveal(ctx: Context, actor: Actor, qid: str) -> Reply:
    """Show the answer: time ran out, or the asker gave up (a solo miss goes to review)."""
    entry = ctx.quizzes.pending.find(actor, qid.strip())
    if entry is None:
        raise UserError(NO_QUESTION)
    if entry.round is None and entry.asker.id != actor.id:
        return _not_yours(entry)
    if not ctx.quizzes.pending.close(entry):
        return Reply(title="That question has closed already.", kind="refused")
    standing = _record(ctx, actor, entry, right=False) if entry.round is None else None
    return verdict_reply(ctx.snapshot, entry, None, False, standing)


def start_round(ctx: Context, actor: Actor, args: str) -> Reply:
    """Start `quiz round N [scope]` in the actor's channel."""
    count, _, scope_words = args.partition(" ")
    if not count.isdigit() or not 1 <= int(count) <= MAX_ROUND:
        raise BadArguments(
            f"Say how many questions, 1 to {MAX_ROUND}: `quiz round 5` or `quiz round 5 1970s`."
        )
    from bot.core.quiz.pick import parse_scope

    scope = parse_scope(ctx.snapshot, scope_words)
    round_ = ctx.quizzes.pending.start_round(actor, int(count), scope)
    return ask(ctx, actor, scope, round_)


def next_question(ctx: Context, actor: Actor, which: str = "") -> Reply:
    """Skip one's own question, or ask the round's next one (the standings after its last).

    `which` is what was pressed: a question's Skip carries its id, a round's Next says `round`;
    typed bare, `next` means the actor's own solo question first, so a round going on in the
    channel never takes a person's Skip away from them. Skipping reveals nothing to others: a
    solo question is the asker's alone, and where one person plays they are the whole round.
    In a channel's round a question still open belongs to everyone, so `next` points to
    `quiz reveal` instead of taking it away.
    """
    pending = ctx.quizzes.pending
    own = pending.own(actor)
    which = which.strip()
    if own is not None and which in ("", own.qid):
        if own.review:
            return _skip(ctx, actor, own, lambda: review(ctx, actor))
        return _skip(ctx, actor, own, lambda: ask(ctx, actor, own.scope))
    current = pending.round_question(actor)
    if which not in ("", "round") and (current is None or current.qid != which):
        raise UserError("That question has closed already: `quiz` asks another.")  # a stale Skip
    round_ = pending.round_in(actor)
    if round_ is None:
        raise UserError("No round is on here: start one with `quiz round 5`, or ask `quiz`.")
    if current is not None:
        if not actor.one_player or not pending.close(current):
            raise UserError(
                f"Question {round_.number} is still open: answer it, or `quiz reveal` shows "
                "the answer and then `quiz next` moves on."
            )
        return _skip(ctx, actor, current, lambda: next_question(ctx, actor, "round"))
    if round_.number >= round_.total:
        return stop(ctx, actor)
    return ask(ctx, actor, round_.scope, round_)


def _skip(ctx: Context, actor: Actor, entry: Open, then: Callable[[], Reply]) -> Reply:
    """Close a question unanswered (a miss, so review brings it back), then ask what comes next."""
    ctx.quizzes.pending.close(entry)
    if entry.round is None:
        _record(ctx, actor, entry, right=False)
    following = then()
    note = f"Skipped: the answer was {entry.question.answer}."
    return msgspec.structs.replace(following, footer=f"{note}\n{following.footer}".strip())


def stop(ctx: Context, actor: Actor) -> Reply:
    """End the channel's round (with its standings) or close the actor's own question."""
    pending = ctx.quizzes.pending
    round_ = pending.end_round(actor)
    if round_ is not None:
        return standings_reply("Round over", round_, actor)
    own = pending.find(actor)
    closed = own is not None and own.round is None and pending.close(own)
    book = ctx.usage.quiz
    mine = book.standing(_player(actor)) if book is not None else None
    score = f" Your score here: {mine.points} of {mine.answered}." if mine else ""
    if not closed:
        return Reply(
            title="No quiz was open, so there was nothing to stop.",
            intro=f"Start one with `quiz`, or `quiz round 5` for everyone.{score}",
        )
    return Reply(title="Quiz stopped.", intro=f"Come back any time with `quiz`.{score}")


def top(ctx: Context, actor: Actor) -> Reply:
    """Show this server's leaderboard."""
    book = _book(ctx)
    player = _player(actor)
    return top_reply(book.top(player), book.standing(player), actor)


def review(ctx: Context, actor: Actor) -> Reply:
    """Ask again a question the actor missed, once it is due."""
    from bot.core.quiz.pick import Scope, ask_again

    book = _book(ctx)
    player = _player(actor)
    ready, later = book.due(player)
    for fact_id, kind in ready:
        question = ask_again(ctx.snapshot, fact_id, _kind(kind), ctx.quizzes.rng)
        if question is not None:
            scope = Scope("review", None, "review")
            entry = ctx.quizzes.pending.open(question, actor, scope, review=True)
            return question_reply(entry, ctx.quizzes.answer_seconds)
    if later:
        return Reply(
            title="Nothing due for review today.",
            intro=f"{later} missed question{'s' if later > 1 else ''} will come back on the "
            "days they are due: the day after a miss, then 3 days later, then a week.",
        )
    return Reply(
        title="Nothing to review.",
        intro="Questions you miss come back here: the next day, then in 3 days, then a week.",
    )


def _refusal(entry: Open, actor: Actor) -> Reply | None:
    if entry.round is None and entry.asker.id != actor.id:
        return _not_yours(entry)
    if entry.round is not None and actor.id in entry.answered:
        return Reply(
            title="You have had your try at this question.",
            intro="The others can still answer; `quiz reveal` shows the answer when you are "
            "all done, and `quiz next` moves on.",
            kind="refused",
        )
    return None


def _everyone_tried(entry: Open, actor: Actor) -> bool:
    """Tell whether nobody is left to answer a round's question, so it should show its answer.

    In the console the one person there is everyone. In a channel, the players are those who
    have answered in the round so far; on its first question nobody knows yet who will play,
    so the question stays open for the others (its buttons show the answer after a while).
    """
    assert entry.round is not None
    if actor.one_player:
        return True
    return entry.round.number > 1 and entry.round.players <= entry.answered


def _not_yours(entry: Open) -> Reply:
    return Reply(
        title=f"That question is {entry.asker.name}'s.",
        intro="Start your own with `quiz` — or a round for everyone with `quiz round 5`.",
        kind="refused",
    )


def _record(ctx: Context, actor: Actor, entry: Open, right: bool) -> Standing | None:
    book = ctx.usage.quiz
    if book is None:
        return None
    question = entry.question
    return book.record(_player(actor), question.fact_id, question.kind, right)


def _book(ctx: Context) -> QuizBook:
    if ctx.usage.quiz is None:
        raise UserError(SCORES_OFF)
    return ctx.usage.quiz


def _player(actor: Actor) -> Player:
    return Player(actor.platform, actor.place, actor.id, actor.name)


def _the(label: str) -> str:
    """Give "the 2020s" for a decade, so a sentence reads as English; other labels as they are."""
    return f"the {label}" if _DECADE.fullmatch(label) else label


def _kind(text: str) -> Kind:
    for kind in KINDS:
        if kind == text:
            return kind
    return "when"


COMMANDS = (Command(QUIZ, quiz),)
