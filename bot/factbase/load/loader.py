"""Load a knowledge folder into a FactBase, collecting every problem in one pass."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import msgspec

from bot.errors import KnowledgeError, Problem
from bot.factbase.load.files import knowledge_files, schema_path
from bot.factbase.load.provenance import (
    default_seeds_dir,
    evidence_problems,
    fingerprint_problems,
    load_articles,
    normalise,
)
from bot.factbase.load.schema import schema_problems, validator_for
from bot.factbase.load.yamlfile import LineDict, ParsedFile, parse_file
from bot.factbase.model import (
    FACT_SECTIONS,
    SECTION_KINDS,
    Alias,
    Dispute,
    Fact,
    FactBase,
    Location,
    Party,
    Source,
    Topic,
)
from bot.factbase.sharing import SharedParts
from bot.search.dates import DATE_FORMATS_HINT, DateError, DateSpan, parse_date

__all__ = ["check", "knowledge_files", "load"]


class Builder(msgspec.Struct):
    """Accumulates entries and problems while files are read."""

    sources: dict[str, Source] = msgspec.field(default_factory=dict)
    facts: dict[str, Fact] = msgspec.field(default_factory=dict)
    topics: dict[str, Topic] = msgspec.field(default_factory=dict)
    parties: dict[str, Party] = msgspec.field(default_factory=dict)
    disputes: dict[str, Dispute] = msgspec.field(default_factory=dict)
    aliases: dict[str, Alias] = msgspec.field(default_factory=dict)
    seen: dict[str, Location] = msgspec.field(default_factory=dict)
    problems: list[Problem] = msgspec.field(default_factory=list)
    shared: SharedParts = msgspec.field(default_factory=SharedParts)

    def problem(self, where: Location, what: str, fix: str) -> None:
        self.problems.append(Problem(where.file, where.line, what, fix))

    def claim_id(self, entry_id: str, where: Location) -> bool:
        """Reserve an id across all files; report the clash with both places."""
        first = self.seen.get(entry_id)
        if first is not None:
            self.problem(
                where,
                f"duplicate id `{entry_id}` (first defined at {first.file}:{first.line})",
                "give one of the two entries a different id",
            )
            return False
        self.seen[entry_id] = where
        return True

    def factbase(self) -> FactBase:
        return FactBase(
            sources=self.sources,
            facts=self.facts,
            topics=self.topics,
            parties=self.parties,
            disputes=self.disputes,
            aliases=self.aliases,
        )


def _ids(raw: LineDict, key: str) -> tuple[str, ...]:
    return tuple(raw.get(key) or ())


def _evidence(b: Builder, raw: LineDict, where: Location) -> tuple[str, ...]:
    """Give one phrase per cited source, in `sources` order.

    A single phrase applies to every cited source; a map must name exactly the cited sources.
    """
    value, sources = raw["evidence"], _ids(raw, "sources")
    if isinstance(value, str):
        return (value,) * len(sources)
    given = {str(k): str(v) for k, v in value.items()}
    if set(given) != set(sources):
        b.problem(
            where,
            f"`{raw['id']}`: evidence for {sorted(given)} ≠ sources {list(sources)}",
            "give one evidence phrase per cited source",
        )
    return tuple(given.get(source, "") for source in sources)


def _date(b: Builder, raw: LineDict, where: Location) -> DateSpan | None:
    """Parse `date:`, or a climate entry's `span:` (the span it characterises), if given."""
    key = "span" if "span" in raw else "date"
    if raw.get(key) is None:
        return None
    try:
        return parse_date(raw[key])
    except DateError:
        line = raw.key_lines.get(key, where.line)
        b.problems.append(
            Problem(
                where.file, line, f"`{raw['id']}`: `{raw[key]}` is not a date", DATE_FORMATS_HINT
            )
        )
        return None


def _add_fact(b: Builder, section: str, raw: LineDict, where: Location) -> None:
    kind = FACT_SECTIONS[section]
    one, ids = b.shared.one, b.shared.ids
    date = _date(b, raw, where)

    def shared(key: str) -> str | None:
        value = raw.get(key)
        return None if value is None else one(value)

    fact = Fact(
        id=raw["id"],
        kind=kind,
        text=raw["text"].strip(),
        sources=ids(_ids(raw, "sources")),
        evidence=_evidence(b, raw, where),
        where=where,
        date=None if date is None else one(date),
        people=ids(_ids(raw, "people")),
        topics=ids(_ids(raw, "topics")),
        parties=ids(_ids(raw, "parties")),
        dispute=shared("dispute"),
        name=raw.get("name"),
        party=shared("party"),
        stance=shared("kind"),
        speaker=shared("speaker"),
        occasion=raw.get("occasion"),
        tone=shared("tone"),
        label=raw.get("label"),
        verified=raw.get("verified") is not False,
    )
    b.facts[fact.id] = fact


def _add_source(b: Builder, raw: LineDict, where: Location) -> None:
    published = raw["published"]
    date = published.get("date")
    b.sources[raw["id"]] = Source(
        id=raw["id"],
        title=raw["title"],
        author=raw["author"],
        outlet=raw.get("outlet"),
        published=None if date is None else str(date),
        date_certainty=published["certainty"],
        date_note=published.get("note"),
        seed=raw["seed"],
        url=raw.get("url"),
        where=where,
        short_title=raw.get("short"),
        date_evidence=published.get("evidence"),
        affiliation=raw.get("affiliation"),
        fingerprint=raw.get("fingerprint"),
        fingerprint_line=raw.key_lines.get("fingerprint", 0),
    )


def _add_vocab(b: Builder, section: str, raw: LineDict, where: Location) -> None:
    entry_id = raw["id"]
    if section == "topics":
        b.topics[entry_id] = Topic(entry_id, raw["name"], raw["text"], where)
    elif section == "parties":
        b.parties[entry_id] = Party(entry_id, raw["name"], where)
    elif section == "disputes":
        b.disputes[entry_id] = Dispute(entry_id, raw["question"], where)
    elif section == "aliases":
        names = tuple(str(n) for n in raw["names"])
        b.aliases[entry_id] = Alias(entry_id, names, raw["refers_to"], where)


def read_file(b: Builder, parsed: ParsedFile) -> None:
    """Add one parsed file's valid entries; entries the schema rejects are reported, not built."""
    b.problems.extend(parsed.problems)
    if parsed.data is None:
        return
    name = str(parsed.path)
    validator = validator_for(schema_path(parsed.path.parent))
    broken: set[tuple[Any, ...]] = set()
    for path, problem in schema_problems(validator, parsed.data, name):
        b.problems.append(problem)
        broken.add(path)
    for section, entries in parsed.data.items():
        if (section,) in broken or not isinstance(entries, list):
            continue
        for index, raw in enumerate(entries):
            if (section, index) in broken or not isinstance(raw, LineDict):
                continue
            where = Location(name, raw.line, raw.end_line)
            if not b.claim_id(raw["id"], where):
                continue
            if section in FACT_SECTIONS:
                _add_fact(b, section, raw, where)
            elif section == "sources":
                _add_source(b, raw, where)
            else:
                _add_vocab(b, section, raw, where)


def check_refs(b: Builder, fb: FactBase) -> None:
    """Every id a fact mentions must exist, in the table it belongs to."""
    people = {f.id for f in fb.facts.values() if f.kind == "person"}
    tables: Mapping[str, Iterable[str]] = {
        "sources": fb.sources,
        "people": people,
        "topics": fb.topics,
        "parties": fb.parties,
    }
    for fact in fb.facts.values():
        for key, table in tables.items():
            for ref in getattr(fact, key):
                if ref not in table:
                    b.problem(
                        fact.where,
                        f"`{fact.id}`: unknown {SECTION_KINDS[key]} `{ref}`",
                        _fix(key, table, ref),
                    )
        if fact.speaker is not None and fact.speaker not in people:
            b.problem(
                fact.where,
                f"`{fact.id}`: unknown speaker `{fact.speaker}`",
                _fix("people", people, fact.speaker),
            )
        if fact.dispute is not None and fact.dispute not in fb.disputes:
            b.problem(
                fact.where,
                f"`{fact.id}`: unknown dispute `{fact.dispute}`",
                _fix("disputes", fb.disputes, fact.dispute),
            )
    for alias in fb.aliases.values():
        if alias.refers_to not in b.seen:
            b.problem(
                alias.where,
                f"`{alias.id}`: refers to unknown id `{alias.refers_to}`",
                "point it at an existing id",
            )


def check_disputes(b: Builder, fb: FactBase) -> None:
    """Report each dispute with views from fewer than two articles: it is no disagreement."""
    views: dict[str, set[str]] = {d: set() for d in fb.disputes}
    for fact in fb.facts.values():
        if fact.dispute in views:
            views[fact.dispute].update(fact.sources)
    for dispute_id, sources in views.items():
        if len(sources) < 2:
            b.problem(
                fb.disputes[dispute_id].where,
                f"dispute `{dispute_id}` has views from {len(sources)} article(s)",
                "tag facts from at least two articles with `dispute:` or remove the dispute",
            )


def _fix(key: str, table: Iterable[str], wrong: str) -> str:
    """Suggest the nearest existing id, so a typo is a one-glance fix."""
    from bot.search.matcher import nearest_ids  # only on failure: keeps rapidfuzz off the fast path

    best = nearest_ids(wrong, table)
    hint = f" — did you mean `{best[0]}`?" if best else ""
    return f"use an existing {SECTION_KINDS[key]} id{hint}"


def check(folder: Path, seeds: Path | None = None) -> tuple[FactBase, list[Problem]]:
    """Load and validate a folder; return whatever loaded plus every problem found."""
    b = Builder()
    if not folder.is_dir():
        b.problems.append(
            Problem(str(folder), 1, "no such folder", "pass the knowledge folder's path")
        )
        return b.factbase(), b.problems
    files = knowledge_files(folder)
    if not files:
        b.problems.append(
            Problem(str(folder), 1, "no .yaml files here", "point at the knowledge folder")
        )
    for path in files:
        read_file(b, parse_file(path))
    fb = b.factbase()
    check_refs(b, fb)
    check_disputes(b, fb)
    seeds_dir = seeds if seeds is not None else default_seeds_dir(folder)
    if seeds_dir.is_dir():
        check_provenance(b, fb, seeds_dir)
    return fb, b.problems


def check_provenance(b: Builder, fb: FactBase, seeds_dir: Path) -> None:
    """Prove every fact (and each source's date) against the article text it cites."""
    for source in fb.sources.values():
        if not (seeds_dir / source.seed).is_file():
            b.problem(
                source.where,
                f"`{source.id}`: article `{source.seed}` is not in {seeds_dir}",
                "fix `seed:`",
            )
    articles = load_articles(fb.sources, seeds_dir)
    b.problems.extend(fingerprint_problems(fb.sources, articles))
    for source in fb.sources.values():
        proof = source.date_evidence
        if proof and source.id in articles and normalise(proof) not in articles[source.id]:
            b.problem(
                source.where, f"`{source.id}`: date evidence not in the article", "copy it exactly"
            )
    for fact in fb.facts.values():
        b.problems.extend(evidence_problems(fact, articles))


def load(folder: Path, seeds: Path | None = None) -> FactBase:
    """Load a folder or raise KnowledgeError listing every problem."""
    fb, problems = check(folder, seeds)
    if problems:
        raise KnowledgeError(problems)
    return fb
