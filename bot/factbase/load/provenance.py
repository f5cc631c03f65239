"""Prove each fact against its article: the evidence phrase must occur in the source text."""

from __future__ import annotations

import hashlib
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


ARTICLES_ENV = "FACTBOT_ARTICLES"
SEEDS_ENV = "FACTBOT_SEEDS"  # the older name, still honoured
ARTICLES_HINT = "point factbot at them: --articles DIR, $FACTBOT_ARTICLES, or `articles:` in config"


def default_seeds_dir(knowledge_dir: Path) -> Path:
    """Find the articles: $FACTBOT_ARTICLES ($FACTBOT_SEEDS), else the development default.

    The development default is where this repository's checkout keeps them, `../shared/seeds`
    beside the clone; anywhere else the folder must be named (flag, variable or config), and a
    fact base whose articles are not found is reported as unverified, never passed in silence.
    """
    configured = os.environ.get(ARTICLES_ENV) or os.environ.get(SEEDS_ENV)
    if configured:
        return Path(configured)
    return knowledge_dir.resolve().parent.parent / "shared" / "seeds"


def fingerprint(text: str) -> str:
    """Pin an article by the SHA-256 of its normalised text, so a different text is caught.

    Normalised first, so a copy that only differs in line endings or curly quotes still matches.
    """
    return _digest(normalise(text))


def _digest(normalised: str) -> str:
    return "sha256:" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def missing_articles(sources: Mapping[str, Source], seeds_dir: Path) -> list[Source]:
    """Give the sources whose article is not at hand, so their facts cannot be proved."""
    return [s for s in sources.values() if not (seeds_dir / s.seed).is_file()]


def unpinned(sources: Mapping[str, Source]) -> list[Source]:
    """Give the sources with no fingerprint: any text under their file name would pass."""
    return [s for s in sources.values() if not s.fingerprint]


def articles_notice(sources: Mapping[str, Source], seeds_dir: Path) -> list[str]:
    """Say, in lines for a person, which sources could not be verified and how to fix it.

    Empty when every article is at hand and pinned: the one home of this warning, shown by
    `factbot check` on every run and by `kb check`.
    """
    lines: list[str] = []
    missing = missing_articles(sources, seeds_dir)
    if missing:
        lines.append(
            f"Articles not found in {seeds_dir}: the evidence of {len(missing)} of "
            f"{len(sources)} sources was NOT checked."
        )
        lines += [f"  unverified: {s.id} ({s.seed})" for s in missing]
        lines.append(f"  To check them, {ARTICLES_HINT}.")
    for source in unpinned(sources):
        if source not in missing:
            text = (seeds_dir / source.seed).read_text(encoding="utf-8")
            lines.append(
                f"{source.where.file}:{source.where.line}: `{source.id}` is not pinned — "
                f"add `fingerprint: {fingerprint(text)}`"
            )
    return lines


def load_articles(sources: Mapping[str, Source], seeds_dir: Path) -> dict[str, str]:
    """Read each source's article once, normalised; missing articles are simply absent."""
    articles: dict[str, str] = {}
    for source in sources.values():
        path = seeds_dir / source.seed
        if path.is_file():
            articles[source.id] = normalise(path.read_text(encoding="utf-8"))
    return articles


def fingerprint_problems(
    sources: Mapping[str, Source], articles: dict[str, str]
) -> Iterator[Problem]:
    """Report (and drop from `articles`) each article whose text is not the one pinned.

    Dropped, so its facts are not also reported one by one against the wrong text.
    """
    for source in sources.values():
        text = articles.get(source.id)
        if text is None or not source.fingerprint:
            continue
        if _digest(text) != source.fingerprint:
            del articles[source.id]
            yield Problem(
                source.where.file,
                source.fingerprint_line or source.where.line,
                f"article `{source.seed}` does not match its fingerprint",
                "point factbot at the articles this fact base was written from",
            )


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
