"""Write a synthetic fact base in the real schema, with source articles and query sets.

    python -m benchmarks.generate --facts 10000 --out benchmarks/data/fb-10000

The result passes `factbot check DIR --seeds DIR/seeds`: every kind of entry, valid references,
disputes with views from two articles, and evidence phrases that occur verbatim in the generated
articles. The same seed always gives the same files, so runs compare like with like.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterable
from pathlib import Path

from benchmarks.queries import write_queries
from benchmarks.synthetic import Base, Entry
from benchmarks.vocab import Zipf, person_names, pseudo_words, slug, vocabulary

REAL_PARTIES = {
    "russia": ("Russia", ["Soviet Union", "USSR", "Moscow", "Kremlin"]),
    "pakistan": ("Pakistan", ["Islamabad", "Pakistani"]),
    "united-states": ("United States", ["USA", "Washington"]),
    "india": ("India", ["New Delhi"]),
    "china": ("China", ["Beijing"]),
    "afghanistan": ("Afghanistan", ["Kabul"]),
}
INTEREST_PARTIES = ("russia", "pakistan", "shared")
STANCES = ("statement", "assessment", "recommendation")
# Shares of the fact entries by kind; the rest are events.
SHARES = {"person": 0.05, "interest": 0.10, "claim": 0.32, "quote": 0.05}


class Generator:
    """Deterministic generator; one instance builds one base."""

    def __init__(self, facts: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.facts = facts
        self.words = Zipf(vocabulary(facts, self.rng), 1.05, self.rng)
        self.base = Base()
        self.sources = [f"source-{i:04d}" for i in range(max(5, facts // 500))]
        self.parties = dict(REAL_PARTIES)
        extra = pseudo_words(max(2, min(60, facts // 250)), self.rng)
        self.parties.update({w: (w.capitalize(), []) for w in extra})
        self.topics = [
            f"topic-{w}" for w in pseudo_words(max(10, min(400, facts // 250)), self.rng)
        ]
        count = max(10, int(facts * SHARES["person"]))
        self.people = {slug(n): n for n in person_names(count, self.rng)}
        self.people_ids = list(self.people)

    def sentence(self, low: int, high: int, mentions: Iterable[str] = ()) -> str:
        """Draw Zipf words and weave named mentions (people, parties, years) in among them."""
        words = self.words.draw(self.rng.randint(low, high))
        for mention in mentions:
            words.insert(self.rng.randrange(len(words) + 1), mention)
        return " ".join(words)[:1].upper() + " ".join(words)[1:] + "."

    def cite(self, text: str, entry: list[tuple[str, object]]) -> None:
        """Cite one or two sources, taking the evidence from the text into each article."""
        cited = self.rng.sample(self.sources, 2 if self.rng.random() < 0.2 else 1)
        tokens = text.rstrip(".").split()
        evidence: dict[str, str] = {}
        for source in cited:
            size = min(len(tokens), self.rng.randint(4, 9))
            start = self.rng.randrange(len(tokens) - size + 1)
            evidence[source] = " ".join(tokens[start : start + size])
            self.base.articles.setdefault(source, []).append(evidence[source])
        entry.append(("sources", cited))
        entry.append(("evidence", evidence[cited[0]] if len(cited) == 1 else evidence))

    def tags(self, entry: list[tuple[str, object]], people: list[str]) -> list[str]:
        """Tag people, topics and parties; return the names to mention in the text."""
        parties = self.rng.sample(list(self.parties), self.rng.choice((1, 2, 2, 3)))
        if people:
            entry.append(("people", people))
        entry.append(("topics", self.rng.sample(self.topics, self.rng.choice((1, 1, 2)))))
        entry.append(("parties", parties))
        return [self.people[p] for p in people] + [self.parties[p][0] for p in parties]

    def fact_id(self, text: str, kind: str, number: int) -> str:
        """Name a fact after its rarest words, as editors name facts after what they say."""
        rank = self.words.rank
        words = [w for w in text.rstrip(".").lower().split() if w in rank]
        salient = sorted(set(words), key=lambda w: -rank[w])[:3]
        return slug(" ".join(salient)) + f"-{kind[0]}{number}"


def _date(rng: random.Random) -> str:
    """Draw a date in one of the five formats, weighted like the real base."""
    year = rng.randint(1947, 2024)
    roll = rng.random()
    if roll < 0.40:
        return str(year)
    if roll < 0.65:
        return f"{year}-{rng.randint(1, 12):02d}"
    if roll < 0.85:
        return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if roll < 0.95:
        return f"{year // 10 * 10}s"
    return f"{year}/{min(2024, year + rng.randint(1, 12))}"


def _fact(g: Generator, kind: str, number: int) -> Entry:
    """Build one event, interest, claim or quote."""
    rng = g.rng
    entry: list[tuple[str, object]] = []
    people = rng.sample(g.people_ids, rng.choice((0, 0, 1, 1, 2))) if kind != "quote" else []
    mentions = g.tags(entry, people) if kind != "quote" else []
    head: list[tuple[str, object]] = []
    if kind == "event":
        head.append(("date", _date(rng)))
    elif kind == "interest":
        head.append(("party", rng.choice(INTEREST_PARTIES)))
    elif kind == "claim":
        head.append(("kind", rng.choice(STANCES)))
    else:
        head.append(("speaker", rng.choice(g.people_ids)))
        head.append(("occasion", g.sentence(4, 8)))
        entry.append(("topics", rng.sample(g.topics, 1)))
        if rng.random() < 0.5:
            head.append(("date", _date(rng)))
    text = g.sentence(10, 22, mentions)
    if kind == "quote":  # a quotation must be verbatim in its article, all of it
        text = text.rstrip(".")
    fields: list[tuple[str, object]] = [("id", g.fact_id(text, kind, number)), *head]
    fields.append(("text", text))
    g.cite(text, fields)
    if kind == "quote":
        first = fields[-2][1]
        assert isinstance(first, list)
        g.base.articles[first[0]].append(text)
    return Entry(fields + entry)


def _person(g: Generator, person_id: str) -> Entry:
    name = g.people[person_id]
    text = g.sentence(8, 16, [name])
    fields: list[tuple[str, object]] = [("id", person_id), ("name", name), ("text", text)]
    g.cite(text, fields)
    return Entry(fields)


def _vocab_sections(g: Generator) -> None:
    """Sources, parties, topics and aliases: the small tables facts point at."""
    b = g.base.sections
    b["sources"] = [
        Entry(
            [
                ("id", s),
                ("title", g.sentence(5, 10).rstrip(".")),
                ("author", " ".join(person_names(1, g.rng))),
                ("outlet", None),
                ("seed", f"{s}.txt"),
                ("published", {"date": _date(g.rng)[:4], "certainty": "stated"}),
            ]
        )
        for s in g.sources
    ]
    b["parties"] = [Entry([("id", p), ("name", n)]) for p, (n, _) in g.parties.items()]
    b["topics"] = [
        Entry([("id", t), ("name", t[6:].capitalize()), ("text", g.sentence(5, 10))])
        for t in g.topics
    ]
    b["aliases"] = [
        Entry([("id", f"alias-{p}"), ("refers_to", p), ("names", names)])
        for p, (_, names) in g.parties.items()
        if names
    ]


def _disputes(g: Generator) -> None:
    """Pair up claims from two different articles under each dispute."""
    claims = g.base.sections["claims"]
    count = max(2, min(len(claims) // 20, 2_000))
    g.base.sections["disputes"] = []
    for d in range(count):
        dispute_id = f"dispute-{d:04d}"
        g.base.sections["disputes"].append(
            Entry([("id", dispute_id), ("question", g.sentence(6, 12).rstrip(".") + "?")])
        )
        for entry, source in zip(claims[2 * d : 2 * d + 2], g.sources[d % 2 :], strict=False):
            _recite(g, entry, source)
            entry.fields.append(("dispute", dispute_id))


def _recite(g: Generator, entry: Entry, source: str) -> None:
    """Make a claim cite exactly `source`, moving its evidence into that article."""
    values = dict(entry.fields)
    text = str(values["text"]).rstrip(".")
    phrase = " ".join(text.split()[:6])
    g.base.articles[source].append(phrase)
    entry.fields = [
        (k, [source] if k == "sources" else phrase if k == "evidence" else v)
        for k, v in entry.fields
    ]


def build(facts: int, seed: int = 7) -> Base:
    """Generate the whole base in memory."""
    g = Generator(facts, seed)
    _vocab_sections(g)
    b = g.base.sections
    b["people"] = [_person(g, p) for p in g.people_ids]
    counts = {k: max(5, int(facts * share)) for k, share in SHARES.items() if k != "person"}
    counts["event"] = max(5, facts - len(b["people"]) - sum(counts.values()))
    for kind, section in (("event", "events"), ("interest", "interests"), ("claim", "claims")):
        b[section] = [_fact(g, kind, i) for i in range(counts[kind])]
    b["quotes"] = [_fact(g, "quote", i) for i in range(counts["quote"])]
    _disputes(g)
    return g.base


def _scalar(value: object) -> str:
    """Render a scalar as YAML; JSON strings are valid YAML double-quoted scalars."""
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)


def _entry_lines(entry: Entry) -> Iterable[str]:
    first = True
    for key, value in entry.fields:
        lead = "  - " if first else "    "
        first = False
        if isinstance(value, list):
            yield f"{lead}{key}: [{', '.join(_scalar(v) for v in value)}]"
        elif isinstance(value, dict):
            yield f"{lead}{key}:"
            yield from (f"      {k}: {_scalar(v)}" for k, v in value.items())
        else:
            yield f"{lead}{key}: {_scalar(value)}"


def write(base: Base, out: Path) -> None:
    """Write one YAML file per section and one article per source under out/seeds/."""
    out.mkdir(parents=True, exist_ok=True)
    for section, entries in base.sections.items():
        lines = ["# yaml-language-server: $schema=schema.json", f"{section}:"]
        for entry in entries:
            lines.extend(_entry_lines(entry))
        (out / f"{section}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    seeds = out / "seeds"
    seeds.mkdir(exist_ok=True)
    for source, phrases in base.articles.items():
        (seeds / f"{source}.txt").write_text(". ".join(phrases) + ".\n", encoding="utf-8")


def generate(facts: int, out: Path, seed: int = 7) -> Base:
    """Generate, write and add query sets (out/queries.json); return the base."""
    base = build(facts, seed)
    write(base, out)
    write_queries(base, out / "queries.json", random.Random(seed + 1))
    return base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, required=True, help="number of fact entries")
    parser.add_argument("--out", type=Path, required=True, help="folder to write")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    base = generate(args.facts, args.out, args.seed)
    total = sum(len(v) for v in base.sections.values())
    print(f"wrote {total} entries to {args.out} (check: factbot check {args.out} --seeds ...)")


if __name__ == "__main__":
    main()
