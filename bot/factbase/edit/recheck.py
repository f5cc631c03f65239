"""Validate one changed entry exactly as `factbot check` would, without re-reading every file.

A full `check()` of a 10,000-entry fact base takes seconds; an edit touches one entry. So the
would-be fact base is built from the last valid one with that entry swapped, and the loader's
own steps run on it: its YAML parser and JSON Schema on the entry's new lines (placed at their
real line numbers, so messages point into the real file), its duplicate-id, reference and
dispute checks on the whole would-be base, and the provenance check on what the change touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.errors import Problem
from bot.factbase.load.loader import (
    Builder,
    check_disputes,
    check_provenance,
    check_refs,
    read_file,
)
from bot.factbase.load.provenance import ARTICLES_HINT, missing_articles
from bot.factbase.load.yamlfile import parse_text
from bot.factbase.model import FACT_SECTIONS, Fact, FactBase

_SECTION_OF_KIND = {kind: section for section, kind in FACT_SECTIONS.items()}
_TABLES = ("sources", "facts", "topics", "parties", "disputes", "aliases")


def entries(fb: FactBase) -> Iterator[tuple[str, str, Any]]:
    """Yield (section, id, record) for every entry of every table."""
    for table in _TABLES:
        for entry_id, record in getattr(fb, table).items():
            section = _SECTION_OF_KIND[record.kind] if table == "facts" else table
            yield section, entry_id, record


def find(fb: FactBase, entry_id: str) -> tuple[str, Any] | None:
    """Give (section, record) for an id of any kind, or None."""
    for table in _TABLES:
        record = getattr(fb, table).get(entry_id)
        if record is not None:
            section = _SECTION_OF_KIND[record.kind] if table == "facts" else table
            return section, record
    return None


def recheck(
    base: FactBase,
    file: str,
    section: str,
    entry: tuple[int, str] | None,
    removed: str | None,
    seeds_dir: Path | None,
) -> tuple[FactBase, list[Problem]]:
    """Check the base with `removed` gone and `entry` = (0-based first line, its text) added."""
    b = _builder_from(base, removed)
    added = None
    if entry is not None:
        start, text = entry
        # The section header, then blank lines down to the entry's own line, so the parser's
        # line numbers are the real file's.
        parsed = parse_text(f"{section}:\n" + "\n" * (start - 1) + text, Path(file))
        read_file(b, parsed)
        added = _entry_id(parsed.data, section)
    fb = b.factbase()
    check_refs(b, fb)
    check_disputes(b, fb)
    if seeds_dir is not None and seeds_dir.is_dir() and added is not None:
        check_provenance(b, _touched_by(fb, added), seeds_dir)
    fact = fb.facts.get(added) if added is not None else None
    if seeds_dir is not None and fact is not None:
        b.problems.extend(_unverifiable(fact, fb, seeds_dir))
    return fb, b.problems


def _unverifiable(fact: Fact, fb: FactBase, seeds_dir: Path) -> Iterator[Problem]:
    """Refuse a fact whose evidence cannot be checked, unless it is stored marked unverified.

    Otherwise an admin's mistyped evidence would be stored and served as proven.
    """
    if not fact.verified:
        return
    cited = {s: fb.sources[s] for s in fact.sources if s in fb.sources}
    missing = [s.id for s in missing_articles(cited, seeds_dir)]
    if missing:
        yield Problem(
            fact.where.file,
            fact.where.line,
            f"`{fact.id}`: its evidence cannot be checked — the article of "
            f"{', '.join(f'`{m}`' for m in missing)} is not in {seeds_dir}",
            f"{ARTICLES_HINT}; or add `unverified=yes` to store it marked unverified",
        )


def _builder_from(base: FactBase, removed: str | None) -> Builder:
    b = Builder(
        sources=dict(base.sources),
        facts=dict(base.facts),
        topics=dict(base.topics),
        parties=dict(base.parties),
        disputes=dict(base.disputes),
        aliases=dict(base.aliases),
        seen={k: r.where for table in _TABLES for k, r in getattr(base, table).items()},
    )
    if removed is not None:
        b.seen.pop(removed, None)
        for table in _TABLES:
            getattr(b, table).pop(removed, None)
    return b


def _entry_id(data: Any, section: str) -> str | None:
    """Give the id of the snippet's one entry, if it parsed that far."""
    try:
        entry_id = data[section][0]["id"]
    except (TypeError, KeyError, IndexError):
        return None
    return entry_id if isinstance(entry_id, str) else None


def _touched_by(fb: FactBase, entry_id: str) -> FactBase:
    """Narrow the base to what provenance must re-prove: the new fact, or a source's facts."""
    source = fb.sources.get(entry_id)
    if source is not None:
        facts = {k: f for k, f in fb.facts.items() if entry_id in f.sources}
        return FactBase(sources={entry_id: source}, facts=facts)
    fact = fb.facts.get(entry_id)
    return FactBase(sources=fb.sources, facts={} if fact is None else {entry_id: fact})
