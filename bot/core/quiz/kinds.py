"""Make a question of each kind from one fact, or refuse the fact when it cannot be asked fairly.

A generator returns None rather than a weak question: a fact whose hidden element cannot be
cut out of its text cleanly, an unverified fact, or one with too few honest wrong options is
simply not asked. Wrong options come from the fact base itself (its people, parties, articles)
or, for dates, from the fact's own date moved at its own precision.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from random import Random

from bot.core.quiz.dates import date_options, hide_dates
from bot.core.quiz.question import BLANK, Frame, Kind, Question, reveals
from bot.core.replies import citations
from bot.factbase.model import Fact
from bot.search.normalise import STOPWORDS, fold
from bot.store.snapshot import Snapshot

Generator = Callable[[Snapshot, Fact, Random, Frame], Question | None]
PARTIES = ("russia", "pakistan")
# Words that would say "both" for a whose-interest question: such an interest is not asked.
_SHARED_WORDS = frozenset(
    {
        "both",
        "two",
        "share",
        "shared",
        "shares",
        "sharing",
        "common",
        "converge",
        "convergence",
        "converges",
        "agree",
        "agreed",
        "agrees",
        "together",
        "joint",
        "jointly",
        "mutual",
        "they",
        "their",
        "each",
        "other",
    }
)
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")
_POSSESSIVE = re.compile(r"(['’]s)$")
_SIMILAR = 0.5  # a claim sharing half its words with another article's fact is not distinctive


def when(snap: Snapshot, fact: Fact, rng: Random, frame: Frame) -> Question | None:
    """Hide a dated event's date; wrong options are other dates at the same precision.

    They stay within the dates the fact base covers and, in a period scope, within the period.
    """
    if fact.kind != "event" or fact.date is None:
        return None
    prompt = hide_dates(fact.text, fact.date)
    if prompt is None:
        return None
    bounds = snap.timeline.bounds()
    if bounds is None:
        return None
    options = date_options(fact.date, _same_thing_spans(snap, fact), rng, bounds, frame.span)
    if options is None:
        return None
    return _question("when", snap, fact, prompt, fact.date.label, options, rng, frame)


def who(snap: Snapshot, fact: Fact, rng: Random, frame: Frame) -> Question | None:
    """Hide the name of a person the fact names; wrong options are people it does not involve.

    Never the person the scope names: `quiz bhutto` would answer its own "who?".
    """
    if fact.kind == "person" or not fact.people:
        return None
    named = [
        p
        for p in fact.people
        if p in snap.person_words
        and _names(snap, fact, p)
        and not _says(frame.label, snap.fb.name_of(p))
    ]
    if not named:
        return None
    person = rng.choice(named)
    prompt = _hide_person(snap, fact.text, person)
    if prompt is None:
        return None
    pool = _people_pool(snap, fact, person)
    if len(pool) < 3:
        return None
    wrong = rng.sample(pool, 3)
    return _question("who", snap, fact, prompt, snap.fb.name_of(person), wrong, rng, frame)


def whose(snap: Snapshot, fact: Fact, rng: Random, frame: Frame) -> Question | None:
    """Hide who holds an interest: Russia's, Pakistan's, both, or another party's."""
    if fact.kind != "interest" or fact.party not in (*PARTIES, "shared"):
        return None
    prompt = _hide_words(fact.text, party_words(snap))
    folded = set(fold(prompt).split())
    if folded & _SHARED_WORDS or f"{BLANK} and {BLANK}" in prompt:
        return None
    mentioned = set(fold(fact.text).split())
    others = [
        p.name
        for p in snap.fb.parties.values()
        if p.id not in (*PARTIES, *fact.parties) and not set(fold(p.name).split()) & mentioned
    ]
    if not others:
        return None
    labels = {"russia": "Russia's", "pakistan": "Pakistan's", "shared": "Shared by both"}
    answer = labels[fact.party or ""]
    wrong = [v for k, v in labels.items() if k != fact.party] + [_possessive(rng.choice(others))]
    return _question("whose", snap, fact, prompt, answer, wrong, rng, frame)


def _possessive(name: str) -> str:
    """Give `China's`, `the United States'`: an option must read as English, not `States's`."""
    owner = f"the {name}" if name.startswith("United ") else name
    return f"{owner}'" if name.endswith("s") else f"{owner}'s"


def which(snap: Snapshot, fact: Fact, rng: Random, frame: Frame) -> Question | None:
    """Ask which article makes a claim only it makes; wrong options are the other articles."""
    if fact.kind != "claim" or len(fact.sources) != 1 or fact.dispute is not None:
        return None
    source = snap.fb.sources.get(fact.sources[0])
    if source is None or len(snap.fb.sources) < 4:
        return None
    if _names_source(fact.text, source.author, source.short) or not _distinctive(snap, fact):
        return None
    others = [article_label(s) for i, s in snap.fb.sources.items() if i != source.id]
    wrong = rng.sample(others, 3)
    return _question("which", snap, fact, fact.text, article_label(source), wrong, rng, frame)


GENERATORS: dict[Kind, Generator] = {"when": when, "who": who, "whose": whose, "which": which}


def kinds_for(fact: Fact) -> tuple[Kind, ...]:
    """Give the kinds a fact might make, cheaply (the generator may still refuse it)."""
    if not fact.verified:
        return ()
    found: list[Kind] = []
    if fact.kind == "event" and fact.date is not None:
        found.append("when")
    if fact.kind != "person" and fact.people:
        found.append("who")
    if fact.kind == "interest":
        found.append("whose")
    if fact.kind == "claim" and len(fact.sources) == 1 and fact.dispute is None:
        found.append("which")
    return tuple(found)


def make(
    snap: Snapshot, fact: Fact, kind: Kind, rng: Random, frame: Frame | None = None
) -> Question | None:
    """Make a question of `kind` from a verified fact, or None; `frame`: the scope asked in."""
    if not fact.verified or kind not in kinds_for(fact):
        return None
    return GENERATORS[kind](snap, fact, rng, frame or Frame())


def article_label(source: object) -> str:
    """Name an article as an option: its title, with the author when the title lacks it."""
    title: str = getattr(source, "title", "")
    short: str = getattr(source, "short", "")
    return title if short.casefold() in title.casefold() else f"{title} ({short})"


def according_to(snap: Snapshot, fact: Fact) -> str:
    """Say whose view a disputed fact is, so the question never presents it as settled."""
    if fact.dispute is None:
        return ""
    names = [snap.fb.sources[s].short for s in fact.sources if s in snap.fb.sources]
    return "According to " + " and ".join(names or ["one article"])


def party_words(snap: Snapshot) -> list[str]:
    """Give every name Russia and Pakistan go by here: names, aliases (`Moscow`, `Soviet`)."""
    names = [snap.fb.parties[p].name for p in PARTIES if p in snap.fb.parties]
    for alias in snap.fb.aliases.values():
        if alias.refers_to in PARTIES:
            names.extend(alias.names)
    return names


def _question(
    kind: Kind,
    snap: Snapshot,
    fact: Fact,
    prompt: str,
    answer: str,
    wrong: Iterable[str],
    rng: Random,
    frame: Frame,
) -> Question | None:
    """Shuffle the options into a question, or None if they are not four or the scope says one."""
    options = [answer, *wrong]
    if len(options) != 4 or len({fold(o) for o in options}) != 4:
        return None
    rng.shuffle(options)
    question = Question(
        kind=kind,
        prompt=prompt,
        options=(options[0], options[1], options[2], options[3]),
        correct=options.index(answer),
        fact_id=fact.id,
        citations=citations(snap, fact),
        according_to=according_to(snap, fact),
    )
    return None if reveals(question, frame.label) else question


def _says(text: str, name: str) -> bool:
    """Tell whether `text` names `name` (all its words, in order)."""
    return bool(text) and f" {fold(name)} " in f" {fold(text)} "


def _same_thing_spans(snap: Snapshot, fact: Fact) -> Iterator[tuple[date, date]]:
    """Give the dates of facts about the same thing: its own, its dispute's, its people's.

    A dated fact that says much the same in other words counts too: two articles dating one
    visit differently must not make the other date a "wrong" option.
    """
    assert fact.date is not None
    yield fact.date.start, fact.date.end
    related: set[str] = set(snap.by_dispute.get(fact.dispute, ())) if fact.dispute else set()
    for person in fact.people:
        related.update(snap.by_person.get(person, ()))
    mine = _content(fact.text)
    for other in snap.facts(snap.timeline.all()):
        if other.date is None or other.id == fact.id:
            continue
        if other.id in related or _overlap(mine, _content(other.text)) >= _SIMILAR:
            yield other.date.start, other.date.end


def _names(snap: Snapshot, fact: Fact, person: str) -> bool:
    return bool(set(fold(fact.text).split()) & snap.person_words[person])


def _hide_person(snap: Snapshot, text: str, person: str) -> str | None:
    """Blank every run of the person's name words that holds one word naming only them."""
    own = snap.person_words[person]
    name = set(fold(snap.fb.name_of(person)).split()) | own

    def blank(run: re.Match[str]) -> str:
        return _blank_run(run[0], name, own)

    hidden = _CAPITALISED.sub(blank, text)
    if set(fold(hidden).split()) & own:
        return None
    return hidden if hidden != text else None


def _blank_run(run: str, name: set[str], own: frozenset[str]) -> str:
    words = run.split()
    keys = [fold(_POSSESSIVE.sub("", w)) for w in words]
    inside = [k in name for k in keys]
    if not any(k in own for k in keys):
        return run
    first = next(i for i, k in enumerate(keys) if k in own)
    start = first
    while start > 0 and inside[start - 1]:
        start -= 1
    end = first
    while end + 1 < len(words) and inside[end + 1]:
        end += 1
    tail = _POSSESSIVE.search(words[end])
    hidden = BLANK + (tail[1] if tail else "") + _trailing(words[end])
    rest = _blank_run(" ".join(words[end + 1 :]), name, own) if end + 1 < len(words) else ""
    return " ".join(p for p in (" ".join(words[:start]), hidden, rest) if p)


def _trailing(word: str) -> str:
    """Keep punctuation a name ended with (`Bhutto.` → `____.`)."""
    bare = _POSSESSIVE.sub("", word)
    return bare[len(bare.rstrip(".")) :]


def _people_pool(snap: Snapshot, fact: Fact, person: str) -> list[str]:
    """Give names of people the fact does not involve, of the answer's own sort (author or not)."""
    authors = {fold(s.author) for s in snap.fb.sources.values()}
    answer_is_author = fold(snap.fb.name_of(person)) in authors
    mentioned = set(fold(fact.text).split())
    pool = []
    for other in snap.people_by_name:
        name = snap.fb.name_of(other)
        if other in fact.people or other == person or "unnamed" in name.casefold():
            continue
        if (fold(name) in authors) != answer_is_author:
            continue
        if snap.person_words.get(other, frozenset()) & mentioned:
            continue
        pool.append(name)
    return pool


def _hide_words(text: str, names: Iterable[str]) -> str:
    """Blank whole-word mentions of any of `names`, longest first, keeping a possessive `'s`."""
    ordered = sorted({n for n in names if n}, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in ordered) + r")\b", re.I)
    return pattern.sub(BLANK, text)


def _names_source(text: str, author: str, short: str) -> bool:
    folded = f" {fold(text)} "
    return any(f" {fold(n)} " in folded for n in (author, short) if n and n.casefold() != "unnamed")


def _distinctive(snap: Snapshot, fact: Fact) -> bool:
    """Tell whether no fact of another article says much the same."""
    key = (f"quiz-distinct:{fact.id}", None)
    known = snap.memo.get(key)
    if known is None:
        mine = _content(fact.text)
        known = snap.memo[key] = not any(
            _overlap(mine, _content(o.text)) >= _SIMILAR
            for o in snap.fb.facts.values()
            if o.id != fact.id and not set(o.sources) & set(fact.sources)
        )
    return bool(known)


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in fold(text).split() if w not in STOPWORDS and len(w) > 2)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
