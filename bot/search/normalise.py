"""Fold text once, the same way for the fact base and for queries, so they can meet.

Everything that compares words — the search index, the typo corrector, the name matcher's exact
lookup — goes through `fold` and `terms`; a second, slightly different normaliser would make a
word findable in one command and not in another.
"""

from __future__ import annotations

import re
import unicodedata

_POSSESSIVE = re.compile(r"['’]s\b")
_APOSTROPHE = re.compile(r"['’`´]")
_NON_WORD = re.compile(r"[\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# British spellings win because the articles use them; queries may come in either.
_SPELLINGS: dict[str, str] = {
    "defense": "defence",
    "defenses": "defences",
    "organization": "organisation",
    "organizations": "organisations",
    "modernization": "modernisation",
    "normalization": "normalisation",
    "center": "centre",
    "favor": "favour",
    "program": "programme",
    "programs": "programmes",
    "labor": "labour",
    "neighbor": "neighbour",
    "neighbors": "neighbours",
    "dialog": "dialogue",
}

# Too common to tell entries apart, or question scaffolding (`what did … do`, `tell me about`);
# dropped from the search index and from queries. Not `us` (the United States) nor `may` (month).
_STOPWORDS_TEXT = """a an and are as at be been but by for from had has have he her his in into is
    it its of on or our over so such than that the their them then there these they this those to
    was were what when where which while who whom why will with would
    about any anything can could did do does doing done how i me my please should tell you your"""
# How questions are typed in a chat (`wat did bhutto do`, `wen did musharraf visit`): read as
# the words they stand for, never "corrected" into a word of the articles (`wen` → `went`).
CHAT_SPELLINGS: dict[str, str] = {
    "wat": "what", "wht": "what", "wats": "what is", "whats": "what is", "wen": "when",
    "wher": "where", "hw": "how", "abt": "about", "bout": "about", "u": "you", "ur": "your",
    "r": "are", "y": "why", "pls": "please", "plz": "please", "whos": "who is",
}  # fmt: skip
STOPWORDS: frozenset[str] = frozenset(_STOPWORDS_TEXT.split()) | {
    w for w, meant in CHAT_SPELLINGS.items() if set(meant.split()) <= set(_STOPWORDS_TEXT.split())
}


def fold(text: str) -> str:
    """Casefold, drop accents, possessives and punctuation; collapse spaces."""
    plain = text.casefold()
    if not plain.isascii():
        plain = _COMBINING.sub("", unicodedata.normalize("NFKD", plain))
    plain = _APOSTROPHE.sub("", _POSSESSIVE.sub("", plain))
    return _NON_WORD.sub(" ", plain).strip()


def stem(word: str) -> str:
    """Strip a plural `s` so `mills`/`mill` and `visits`/`visit` index as one term."""
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        if word.endswith("ies"):
            return word[:-3] + "y"
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Split folded text into words with spellings unified; stopwords kept."""
    return [_SPELLINGS.get(w, w) for w in fold(text).split()]


def terms(text: str) -> list[str]:
    """Give the search terms of a text: folded, unified, stemmed, without stopwords."""
    return terms_of(words(text))


def terms_of(folded: list[str]) -> list[str]:
    """Give the search terms of already folded words."""
    return [stem(w) for w in folded if w not in STOPWORDS]
