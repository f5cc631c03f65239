"""`search <words>` (also `ask`, `find`): the best-matching facts of any kind, ranked."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from msgspec.structs import replace

from bot.core.gather import about_all, themed
from bot.core.parse import echo
from bot.core.replies import dispute_items, fact_items, relevant, search_note
from bot.core.shapes import Shape, read_question
from bot.core.table import Command, Context
from bot.core.types import CommandSpec, Item, Reply, Request
from bot.errors import BadArguments, NotFound
from bot.factbase.model import Fact
from bot.search.index import SearchResult
from bot.search.normalise import terms
from bot.search.periods import Period, split_period
from bot.store.snapshot import Snapshot

SEARCH = CommandSpec(
    name="search",
    summary="The facts that best match your words, of any kind, best first.",
    usage="search <words>",
    arg="text",
    arg_name="query",
    arg_required=True,
    aliases=("ask", "find"),
    examples=("search tashkent declaration", "search steel mills", "ask gas pipeline"),
)
Hits = list[tuple[str, float]]
MAX_HITS = 10
UNDATED = "Undated facts holding the same words"
MAX_GATHERED = 25  # `which leaders visited moscow` lists every visit, up to a page or three
MAX_RELATED = 3  # facts shown beside "the articles never mention X": related, not an answer
GATHER_FLOOR = 0.4  # a list keeps what matches at least two fifths as well as the best
CAUSE_BOOST = 1.5  # `why …`: a fact stating a cause beats one that only shares the words

# A fact holding an amount (`$600 million`, `billions of dollars`, `twice`), for `how much`.
_AMOUNT = (
    r"\$\s?\d|\d[\d,.]*\s*(?:million|billion|thousand|percent|per cent|%)"
    r"|\b(?:millions?|billions?|thousands?|twice|thrice|dozens?)\b"
)
# A fact stating a cause, for `why …`.
_CAUSE = (
    r"\b(?:because|due to|caus\w*|led to|leading to|result(?:ed|s)? in|as a result|owing to"
    r"|stumbling block|setback|prompted|pushed|drove|thanks to|reasons?|so that|in order to)\b"
)


@cache
def _pattern(source: str) -> re.Pattern[str]:
    """Compile a pattern the first time a question needs it, not when the bot starts."""
    return re.compile(source, re.IGNORECASE)


def search(ctx: Context, request: Request) -> Reply:
    """Rank every fact against the words and show what the question's shape asks for."""
    snap = ctx.snapshot
    question = read_question(request.args)
    if not terms(question.about):
        raise BadArguments(_no_words(request.args), _EXAMPLE)
    period = split_period(question.about, snap.timeline.newest())[1]
    shape = question.shape
    wide = shape != "plain" or period is not None  # re-ordering: rank more than are shown
    limit = None if shape in ("gather", "quantity") else MAX_HITS * 3 if wide else MAX_HITS
    result = snap.search.search(question.about, limit=limit)
    result = kept_unknown(result, period is not None)
    missing = absent(result)
    hits, listed = relevant(result.hits), ""
    if shape == "gather":
        hits, listed = _gathered(snap, result, question.about)
    if shape == "quantity":  # a figure is the answer, however weakly it matched the words
        figures = [(i, s) for i, s in result.hits if _holds_amount(snap.fact(i))][:MAX_HITS]
        hits = figures + [h for h in hits if h not in figures]
    if not hits:
        lead = f"The articles never mention {missing}." if missing else ""
        raise NotFound(
            lead or f"Nothing in the articles matches “{echo(request.args)}”.",
            suggestions(snap, request.args),
            "Try other words; `topics` lists the themes and `who` the people.",
        )
    facts, order = ordered(snap.facts(i for i, _ in hits), [s for _, s in hits], shape, period)
    title = f"Search: {echo(request.args)}"
    if missing:
        shown = facts[:MAX_RELATED]
        return Reply(
            title=title,
            intro=f"The articles never mention {missing}.",
            items=tuple(fact_items(snap, shown, "Related facts (not an answer)")),
        )
    return Reply(
        title=title,
        intro=" ".join(p for p in (search_note(result), listed or order) if p),
        items=(*_listed(snap, facts, shape), *dispute_items(snap, facts[:3])),
    )


def _listed(snap: Snapshot, facts: list[Fact], shape: Shape) -> list[Item]:
    """Render the facts; a list in date order puts the undated ones apart, under a heading.

    `which pakistani leaders visited moscow` is answered by the dated visits; a claim that
    mentions one of them without a date is shown as such, not as one more visit.
    """
    dated = [f for f in facts if f.date is not None]
    if shape != "gather" or not dated or len(dated) == len(facts):
        return fact_items(snap, facts)
    undated = [f for f in facts if f.date is None]
    return [*fact_items(snap, dated), *fact_items(snap, undated, UNDATED)]


def _no_words(typed: str) -> str:
    """Say why a line gives nothing to search for: no words at all, or only common ones."""
    if not any(ch.isalnum() for ch in typed):
        return f"“{echo(typed)}” has no words in it to search for."
    return f"“{echo(typed)}” is too common a word to search for on its own."


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")
_EXAMPLE = "Add what you are looking for, e.g. `search when tashkent` or `search steel mills`."


def kept_unknown(result: SearchResult, dated: bool) -> SearchResult:
    """Forget unknown years and decades read as the question's period (`1960s`).

    They are not missing from the articles: they pick the events to show.
    """
    if not dated:
        return result
    unknown = [w for w in result.unknown if not any(c.isdigit() for c in w)]
    return replace(result, unknown=unknown)


def absent(result: SearchResult) -> str:
    """Name the words of a question that no fact holds, as a reply should lead with them."""
    if not result.unknown:
        return ""
    names = [f"“{echo(w, 40)}”" for w in result.unknown[:3]]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def ordered(
    facts: list[Fact], scores: list[float], shape: Shape, period: Period | None
) -> tuple[list[Fact], str]:
    """Order what was found the way the question's shape asks; give a note saying so."""
    if shape == "gather":
        dated = sorted((f for f in facts if f.date is not None), key=_start)
        undated = [f for f in facts if f.date is None]
        return (dated + undated)[:MAX_GATHERED], "Every match, in date order."
    if shape == "quantity":
        return facts[:MAX_HITS], "Facts giving figures first." if _holds_amount(facts[0]) else ""
    if shape == "cause":
        cause = _pattern(_CAUSE)
        span = period.span if period is not None else None
        boost = [
            (CAUSE_BOOST if cause.search(f.text) else 1.0)
            * (CAUSE_BOOST if span and f.date and f.date.overlaps(span) else 1.0)
            for f in facts
        ]
        ranked = sorted(zip(facts, scores, boost, strict=True), key=lambda fsb: -fsb[1] * fsb[2])
        return [f for f, _, _ in ranked][:MAX_HITS], ""
    return by_date_asked(facts, shape == "when", period)


def _gathered(snap: Snapshot, result: SearchResult, about: str) -> tuple[Hits, str]:
    """Give the facts a list asks for and a note saying which they are.

    The theme it names, else the facts holding every word asked, else (no fact holds them
    all) every match within reach of the best.
    """
    theme = themed(snap, about)
    if theme is not None:
        name, ids = theme
        return [(i, 0.0) for i in ids], f"Every fact filed under {name}, in date order."
    strict = about_all(snap, result, about)
    if strict:
        return strict, "Every fact holding all your words, in date order."
    return relevant(result.hits, GATHER_FLOOR), "Every match, in date order."


def _holds_amount(fact: Fact) -> bool:
    return _pattern(_AMOUNT).search(fact.text) is not None


def _start(fact: Fact) -> date:
    assert fact.date is not None
    return fact.date.start


def by_date_asked(facts: list[Fact], when: bool, period: Period | None) -> tuple[list[Fact], str]:
    """Put first what a question's dating asks for, keeping rank order otherwise.

    A period named among the words (`… in 1971`) brings its events forward; `when` brings
    every dated event before undated claims. Give the facts to show and a note saying so.
    A climate entry is dated by the span it characterises, so it follows the events: "when"
    asks what happened, and an event answers that better.
    """
    if period is not None:
        span = period.span
        facts = sorted(
            facts,
            key=lambda f: (f.date is None or not f.date.overlaps(span), f.kind == "climate"),
        )
        first = facts[0].date is not None and facts[0].date.overlaps(span)
        return facts[:MAX_HITS], f"Events of {period.label} first." if first else ""
    if when:
        facts = sorted(facts, key=lambda f: (f.date is None, f.kind == "climate"))
        return facts[:MAX_HITS], "Dated events first." if facts[0].date is not None else ""
    return facts[:MAX_HITS], ""


def suggestions(snap: Snapshot, text: str) -> list[str]:
    """Offer names and words the fact base does hold that look like what was typed."""
    found = [f"timeline {y[:3]}0s" for y in _YEAR.findall(text)]  # dates, not look-alike words
    for matcher, command in ((snap.people, "who"), (snap.topics, "topic")):
        if not found:
            found += [f"{command} {m.name}" for m in matcher.suggest(text, limit=2)]
    for word in terms(text)[:3]:
        found += [f"search {w}" for w in snap.search.corrector.candidates(word.casefold(), 2)[:2]]
    return list(dict.fromkeys(found))[:5]


COMMANDS = (Command(SEARCH, search),)
