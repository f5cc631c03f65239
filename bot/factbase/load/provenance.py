"""Prove each fact against its article: the evidence phrase must occur in the source text."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from bot.errors import Problem
from bot.factbase.model import Fact, Source

MAX_EVIDENCE_WORDS = 20  # the brief says "about 15"; leave room for a hyphenated name or two
_TRANSLATE = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
_SPACE = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)+\s*")


def normalise(text: str) -> str:
    """Unify whitespace, curly quotes and dashes only, so evidence must still be verbatim."""
    return _SPACE.sub(" ", text.translate(_TRANSLATE)).strip()


def default_seeds_dir(knowledge_dir: Path) -> Path:
    """Find the articles: $FACTBOT_SEEDS, else where the project keeps them (../shared/seeds).

    The variable lets a copied or relocated fact base keep its provenance checks.
    """
    configured = os.environ.get("FACTBOT_SEEDS")
    if configured:
        return Path(configured)
    return knowledge_dir.resolve().parent.parent / "shared" / "seeds"


def load_articles(sources: Mapping[str, Source], seeds_dir: Path) -> dict[str, str]:
    """Read each source's article once, normalised; missing articles are simply absent."""
    articles: dict[str, str] = {}
    for source in sources.values():
        path = seeds_dir / source.seed
        if path.is_file():
            articles[source.id] = normalise(path.read_text(encoding="utf-8"))
    return articles


def evidence_problems(fact: Fact, articles: Mapping[str, str]) -> Iterator[Problem]:
    """Yield a problem for each cited article that lacks the fact's evidence (or quotation)."""
    where = fact.where
    for source_id, phrase in fact.evidence_by_source().items():
        words = len(phrase.split())
        if words > MAX_EVIDENCE_WORDS:
            yield Problem(
                where.file,
                where.line,
                f"`{fact.id}`: evidence is {words} words long",
                "keep it to a short phrase of at most ~15 words",
            )
        article = articles.get(source_id)
        if article is None:
            continue
        if normalise(phrase) not in article:
            yield Problem(
                where.file,
                where.line,
                f"`{fact.id}`: evidence not found in `{source_id}`: “{phrase}”",
                "copy the phrase exactly from the article (spelling and punctuation included)",
            )
    if fact.kind == "quote":
        yield from _quote_problems(fact, articles)


def _quote_problems(fact: Fact, articles: Mapping[str, str]) -> Iterator[Problem]:
    """Report a quotation found verbatim (trimmed with … allowed) in none of its cited articles."""
    parts = [p.strip(" .") for p in _ELLIPSIS.split(normalise(fact.text))]
    parts = [p for p in parts if p]
    cited = [articles[s] for s in fact.sources if s in articles]
    if not cited:
        return
    if not any(all(p in art for p in parts) for art in cited):
        yield Problem(
            fact.where.file,
            fact.where.line,
            f"`{fact.id}`: the quotation is not verbatim in its source",
            "copy the quoted words exactly; mark omissions with …",
        )
