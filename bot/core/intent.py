"""Read a question typed in plain words as the command it asks for.

`what does russia want` is `interests russia`; `when did pakistan join sco` is a search that puts
dated events first. One explicit table, tried in order, first match wins: each phrasing is a
pattern over the tidied line, the command it becomes, and what its `x` part must be (a party, a
person, …) for the reading to hold. A reading that does not hold gives None, and the engine falls
back to searching the words, so a phrasing can only ever improve on a plain search.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

import msgspec

from bot.search.matcher import Match
from bot.search.normalise import CHAT_SPELLINGS, STOPWORDS, words
from bot.search.periods import parse_period
from bot.store.snapshot import Snapshot

_SURE = 88.0  # a one-letter slip of a name scores 92; a mere prefix of a short word is not it

# What `x` must be for a reading to hold: a party, a person, anything (`entity` picks the
# command by what x names), words some fact matches, or nothing at all.
Need = Literal["party", "person", "source", "entity", "words", "any", "none"]

# Both countries at once, as people say it: a question about them is a question about `shared`.
_BOTH = (
    r"(?:they|both|both sides|both countries|the two|the two countries|the two sides"
    r"|pakistan and russia|russia and pakistan|the two states)"
)
_AUX = r"(?:does|do|did|is|are|was|were|has|have|had|will|would|can|could)"
_GOALS = r"(?:interests?|goals?|aims?|objectives?|motives?|motivations?|priorities|stakes?)"
_WANT = r"(?:want|wants|need|seek|hope for|expect|gain|get|after|care about|interested in)"
_SAY = r"(?:say|said|tell|told|declare|declared|remark)"
_QUOTES = r"(?:quotes?|quotations?|sayings?|words|statements?)"
_ABOUT = (
    r"(?:(?:what|can you|could you|please)\s+)?"
    r"(?:do you know|can you tell me|tell me|tell us|talk|teach me|info|information|more"
    r"|details|anything|something|facts|what|what else|whats|how)\s+(?:about|on|regarding|of)"
)
_HAPPENED = r"(?:happened|happens|went on|was going on|occurred|took place|changed)"
_EVENTS = r"(?:events|history|chronology|key events|main events|major events|timeline)"
_IN = r"(?: (?:in|of|during|for|at))?"  # dropped; `since`, `before`, `from` stay in the period
_POSSESSIVE = r"(?:'s|s')?"
_IS = r"(?:'s| is| was| were| are)"
# Where the articles tell different stories: `where do the articles disagree`.
_WRITERS = r"(?:(?:the )?(?:articles|sources|authors|writers|texts|papers)|they)"
_DIFFER = r"(?:disagree|differ|conflict|contradict(?: each other)?|diverge)"
_DISAGREEMENTS = (
    r"(?:disagreements?|disputes?|conflicts?|contradictions?|differences?(?: of opinion)?"
    r"|controvers(?:y|ies))"
)
_TOPIC_OF = r"(?: (?:about|on|over|regarding|as to)(?: (?P<x>.+))?)?"
_AMONG = r"(?: (?:between|among|in|across) (?:the )?(?:articles|sources|authors))?"
# Verbs after a bare `who` that make it a question about deeds: `who visited moscow in 1965`.
_DID = r"(?:\w+ed|went|led|made|met|said|sent|saw|won|lost|took|gave|built|broke|signed|began)"


_GREETING = r"(?:hey|hi|hello|hiya|salaam?|good (?:morning|afternoon|evening))"
_CLIMATE_OF = (
    r"(?:relations|relationship|ties|mood|climate)(?: between (?:them|the two|\w+ and \w+))?"
)


class Phrasing(msgspec.Struct, frozen=True):
    """One way of asking: the pattern, the command it becomes, and what `x` must name."""

    source: str  # compiled on first use: a one-shot `factbot ask "!timeline 1970s"` reads none
    command: str
    args: str = "{x}"
    need: Need = "any"

    @property
    def pattern(self) -> re.Pattern[str]:
        """Give the compiled pattern, compiling it the first time any request needs it."""
        return _compiled(self.source)


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _p(pattern: str, command: str, args: str = "{x}", need: Need = "any") -> Phrasing:
    return Phrasing(pattern, command, args, need)


# fmt: off
PHRASINGS: tuple[Phrasing, ...] = (
    # How warm relations were, and when: before `when …` takes them for a dated search.
    _p(rf"how (?:have|has|did|do) (?:the )?{_CLIMATE_OF} (?:changed?|evolved?|developed?|gone|"
       r"varied|shifted)\b.*", "climate", "", "none"),
    _p(rf"when (?:were|was|did|have|had) (?:the )?{_CLIMATE_OF} (?:(?:at )?(?:their|its) )?"
       r"(?P<x>good|bad|best|worst|warm|warmest|cold|coldest|cool|hostile|friendly|tense|"
       r"improve|sour|deteriorate)\b.*", "climate", "{x}", "none"),
    _p(rf"(?:the )?{_CLIMATE_OF} over (?:the years|time|the decades)\b.*", "climate", "", "none"),
    # Disagreements: before `where do they agree`, and before `what is x` takes `disputes`.
    _p(rf"(?:where|on what|what|how|why|do|does|did) (?:{_AUX} )?{_WRITERS} {_DIFFER}"
       rf"{_TOPIC_OF}", "disputes"),
    _p(rf"(?:is|are) there (?:any )?{_DISAGREEMENTS}{_AMONG}{_TOPIC_OF}", "disputes"),
    _p(rf"(?:what|which) (?:are |is )?(?:the )?{_DISAGREEMENTS}{_AMONG}{_TOPIC_OF}", "disputes"),
    _p(rf"(?:list |show |all )?(?:the )?{_DISAGREEMENTS}{_AMONG}{_TOPIC_OF}", "disputes"),
    _p(rf"(?:which|what) {_WRITERS} {_DIFFER}{_TOPIC_OF}", "disputes"),
    # What both sides want: before the one-party forms, which would take `they` as a party.
    _p(rf"(?:what are |what is )?(?:the )?(?:common|shared|mutual|joint) {_GOALS}",
       "interests", "shared", "none"),
    _p(r"(?:what are |what is )?(?:the )?common ground|convergence",
       "interests", "shared", "none"),
    _p(rf"(?:where|on what|what) {_AUX} {_BOTH} (?:both )?(?:agree|converge)(?: on| about)?",
       "interests", "shared", "none"),
    _p(rf"(?:what|where) {_AUX} {_BOTH} (?:have in common|share|both want|want|agree on)",
       "interests", "shared", "none"),
    _p(rf"(?:what|which) {_GOALS} {_AUX} {_BOTH} (?:share|have in common)",
       "interests", "shared", "none"),
    # Comparing the two sides: what they share, with each side's own list a tap away.
    _p(rf"compare (?:the )?(?:{_GOALS} (?:of )?)?{_BOTH}(?:'s|s')?(?: {_GOALS})?",
       "interests", "shared", "none"),
    _p(rf"(?:how )?(?:do|does) (?:the )?{_GOALS} (?:of {_BOTH} )?(?:differ|compare)\b.*",
       "interests", "shared", "none"),
    # One party's interests.
    # `why does russia want to sell weapons` asks the cause of one aim: a search, below.
    _p(rf"(?:what|why(?!.* {_WANT} to )) {_AUX} (?P<x>.+?) {_WANT}\b.*",
       "interests", need="party"),
    _p(rf"(?:what|which) (?:are|is|were) (?:the )?(?P<x>.+?){_POSSESSIVE} {_GOALS}(?: in .*)?",
       "interests", need="party"),
    _p(rf"(?:the )?{_GOALS} (?:of|for) (?P<x>.+)", "interests", need="party"),
    _p(rf"(?P<x>.+?){_POSSESSIVE} {_GOALS}", "interests", need="party"),
    # Quotations.
    _p(rf"what (?:did|does|has|had) (?P<x>.+?) {_SAY}\b.*", "quote", need="person"),
    _p(rf"(?:any )?{_QUOTES} (?:by|from|of) (?P<x>.+)", "quote", need="person"),
    _p(rf"(?P<x>.+?){_POSSESSIVE} {_QUOTES}", "quote", need="person"),
    _p(r"(?:any |give me a |show me a |a )?(?:quotes?|quotations?)", "quote", "", "none"),
    # Lists.
    _p(r"(?:what|which) (?:are (?:the )?)?(?:topics|themes|subjects)\b.*", "topics", "", "none"),
    _p(r"(?:list|show|all)(?: the)? (?:topics|themes)", "topics", "", "none"),
    _p(r"who (?:is|was) the (?:author|writer) of (?:the )?(?P<x>.+?)(?: article| piece| op-?ed)?",
       "source", need="source"),
    _p(r"who wrote (?:the )?(?P<x>.+?)(?: article| piece| op-?ed)?", "source", need="source"),
    _p(r"(?:what|which) (?:sources|articles|references)\b.*", "sources", "", "none"),
    _p(r"where (?:does|do|is|did) (?:this|it|that|the \w+|your \w+)(?: \w+)? come from",
       "sources", "", "none"),
    _p(r"who (?:is|are) (?:in it|mentioned|named|involved|in the articles)", "who", "", "none"),
    _p(r"(?:list|show|all)(?: the)? (?:people|persons|leaders|names)", "who", "", "none"),
    _p(rf"(?P<x>{_GREETING}|thanks|thank you|thankyou|thx|ty|cheers)"
       r"(?: (?:bot|factbot|there|a lot|so much|very much))?", "help"),
    _p(r"what can (?:you|i) do|how (?:does this|do i use|to use)\b.*", "help", "", "none"),
    _p(r"what (?:commands|can i ask)\b.*|commands", "help", "", "none"),
    _p(r"what (?:is|are) (?:this|you)|who are you|what do you cover", "about", "", "none"),
    _p(r"what(?:'s|s| is)? (?:new|latest|happening|recent)\b.*", "timeline", "latest", "none"),
    # Questions of quantity, cause and lists: a search that reads the question's shape.
    _p(r"(?P<x>(?:how (?:much|many)|why|which|list|what (?:led to|caused|figure|amount))\b.*)",
       "search"),
    # When: a search that puts dated events first.
    _p(rf"when {_AUX} (?P<x>.+)", "search", "when {x}"),
    _p(rf"(?:in )?(?:what|which) (?:year|date|month|decade)(?: {_AUX})? (?P<x>.+)",
       "search", "when {x}"),
    _p(r"when (?P<x>.+)", "search", "when {x}"),
    # What happened: the timeline of a period, or of a word.
    _p(rf"what {_HAPPENED}{_IN}(?P<x>(?: .+)?)", "timeline"),
    _p(rf"(?:the )?{_EVENTS}{_IN}(?P<x>(?: .+)?)", "timeline"),
    # Who someone is: their card; else the facts fitting the description; else `who` says
    # it knows no one by that name.
    _p(rf"who{_IS}? (?P<x>.+)", "who", need="person"),
    _p(rf"who{_IS} (?P<x>.+)", "search", need="words"),
    _p(rf"who (?P<x>{_DID}\b.*)", "search", need="words"),
    _p(rf"who{_IS} (?P<x>.+)", "who"),
    # Tell me about x, what is x: whatever x is.
    _p(rf"{_ABOUT} (?P<x>.+)", "*", need="entity"),
    _p(r"(?:what(?:'s| is| was| are| were)|whats) (?P<x>.+)", "*", need="entity"),
)
# fmt: on


class Reading(msgspec.Struct, frozen=True):
    """What a line was read as: a command and its argument."""

    command: str
    args: str

    @property
    def line(self) -> str:
        """Give the reading as a command line the user could type."""
        return f"{self.command} {self.args}".strip()


def read_intent(snap: Snapshot, line: str) -> Reading | None:
    """Read a plain-words question as a command, or give None when no phrasing fits."""
    text = tidy(line)
    if not text:
        return None
    for phrasing in PHRASINGS:
        found = phrasing.pattern.fullmatch(text)
        if found is None:
            continue
        x = _strip(found.groupdict().get("x") or "")
        reading = _hold(snap, phrasing, x)
        if reading is not None:
            return reading
    return None


def read_bare(snap: Snapshot, line: str) -> Reading | None:
    """Read a line that is only a period, a person or a theme: `1971`, `kosygin`, `cpec`."""
    text = _strip(tidy(line))
    if not text:
        return None
    if parse_period(text, snap.timeline.newest()) is not None:
        return Reading("timeline", text)
    person = snap.people.best(text)
    if person is not None and person.exact:
        return Reading("who", text)
    theme = snap.topics.best(text)
    if theme is not None and theme.exact:
        return Reading("topic", text)
    return None


def tidy(line: str) -> str:
    """Casefold, unify apostrophes, and drop the quotes and punctuation around a question."""
    text = line.casefold().replace("’", "'").replace("`", "'")
    text = " ".join(CHAT_SPELLINGS.get(w, w) for w in text.split())
    text = re.sub(  # `hello, what is cpec` asks what cpec is; `hi there` alone is a greeting
        rf"^(?:{_GREETING}|ok|okay|so|please|factbot)(?: there| bot| factbot)?+[,!.]?\s+(?=\w)",
        "",
        text.strip(),
    )
    text = re.sub(r"\s+please$", "", text)
    return _strip(re.sub(r"\s+", " ", text))


def _strip(text: str) -> str:
    """Drop surrounding quotes, punctuation, a leading `the`, spaces."""
    text = text.strip(" \"'“”‘’?!.,;:()[]")
    return re.sub(r"^the\s+", "", text).strip()


def _hold(snap: Snapshot, phrasing: Phrasing, x: str) -> Reading | None:
    """Check that `x` names what the phrasing needs, and build the reading."""
    if phrasing.need in ("none", "any"):
        if not x and "{x}" in phrasing.args and phrasing.args != "{x}":
            return None  # `when` alone asks nothing
        return Reading(phrasing.command, phrasing.args.format(x=x).strip())
    if not x:
        return None
    if phrasing.need == "party":
        party = snap.parties.best(x)
        return Reading(phrasing.command, party.id) if party is not None else None
    if phrasing.need == "person":
        return Reading(phrasing.command, x) if snap.people.best(x) is not None else None
    if phrasing.need == "source":
        return Reading(phrasing.command, x) if _sure(snap.sources.best(x), x) else None
    if phrasing.need == "words":
        return Reading(phrasing.command, x) if snap.search.search(x, limit=1).hits else None
    return _about(snap, x)


def _sure(match: Match | None, x: str) -> Match | None:
    """Keep a match only if it is one of the names, or a typo of a word long enough to tell.

    `new` starts `New Delhi`, but `what's new` is not about India.
    """
    if match is None or match.exact or (len(x) >= 4 and match.score >= _SURE):
        return match
    return None


def _about(snap: Snapshot, x: str) -> Reading:
    """Read `tell me about x` as whatever x is, the surest reading first.

    A theme by name (`cold war`), a period, the closer of a person and a theme (`russia` is the
    country, not the “Russian commander”), or else words to search for.
    """
    person, theme = _sure(snap.people.best(x), x), _sure(snap.topics.best(x), x)
    if theme is not None and theme.exact:
        return Reading("topic", x)
    if parse_period(x, snap.timeline.newest()) is not None:
        return Reading("timeline", x)
    if theme is not None and (person is None or theme.score >= person.score):
        # `capital of russia` names Russia, but asks what the articles never say: a search
        # says so, where the theme would list 30 facts about Russia as if they answered it.
        whole = _named_in_full(snap, x) or _has_unknown_word(snap, x)
        return Reading("search" if whole else "topic", x)
    if person is not None:
        return Reading("who", x)
    return Reading("search", x)


def _has_unknown_word(snap: Snapshot, x: str) -> bool:
    """Tell whether a word of `x` is one no entry uses, even corrected (`capital`)."""
    corrector = snap.search.corrector
    return any(corrector.correct(w) is None for w in words(x) if w not in STOPWORDS)


def _named_in_full(snap: Snapshot, x: str) -> bool:
    """Tell whether some fact holds every word of `x`, typed as the articles spell them.

    `what is the north-south pipeline` names the pipeline, not Energy, which only shares the
    word `pipeline`; a typo of a theme's name (`cold wr`) still reads as the theme.
    """
    if len(x.split()) < 2:
        return False
    from bot.core.gather import about_all  # loaded by the few lines that need it

    result = snap.search.search(x, limit=10)
    return not (result.corrections or result.unknown) and bool(about_all(snap, result, x))
