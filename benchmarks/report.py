"""Turn benchmark results into the README's tables and a met/missed list of the targets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ENGINE = "factbot (typo index + BM25)"
SCAN = "rapidfuzz WRatio scan"
TargetCheck = tuple[str, Callable[[dict[str, Any]], float | None], str, float]


def _size(results: dict[str, Any], facts: int) -> dict[str, Any] | None:
    found: dict[str, Any] | None = results["sizes"].get(str(facts))
    return found


def _get(results: dict[str, Any], facts: int, *path: str) -> float | None:
    node: Any = _size(results, facts)
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return float(node) if isinstance(node, int | float) else None


def speedup(
    results: dict[str, Any], facts: int, baseline: str, stat: str = "p50_ms"
) -> float | None:
    """How many times faster the engine's search is than a baseline's, by median."""
    ours = _get(results, facts, "engine", "search", stat)
    theirs = _get(results, facts, "baselines", baseline, "search", stat)
    return None if not ours or theirs is None else round(theirs / ours, 1)


def _typo_margin(results: dict[str, Any]) -> float | None:
    """Smallest (engine − full scan) typo hit@10 over all sizes measured."""
    margins = [
        size["engine"]["hit10_typo"] - size["baselines"][SCAN]["hit10_typo"]
        for size in results["sizes"].values()
    ]
    return round(min(margins), 3) if margins else None


def _at(facts: int, *path: str) -> Callable[[dict[str, Any]], float | None]:
    return lambda r: _get(r, facts, *path)


def _top(section: str, key: str) -> Callable[[dict[str, Any]], float | None]:
    return lambda r: r.get(section, {}).get(key)


TARGETS: list[TargetCheck] = [
    ("search p99 at 10k (ms)", _at(10_000, "engine", "search", "p99_ms"), "<=", 0.5),
    ("search p99 at 1M (ms)", _at(1_000_000, "engine", "search", "p99_ms"), "<=", 10),
    ("typo hit@10 minus full scan's, worst size", _typo_margin, ">=", 0.0),
    ("speed-up over rapidfuzz scan at 10k (x, p50)", lambda r: speedup(r, 10_000, SCAN), ">=", 50),
    ("timeline p99 at 10k (ms)", _at(10_000, "engine", "timeline", "p99_ms"), "<=", 0.2),
    ("interests p99 at 10k (ms)", _at(10_000, "engine", "interests", "p99_ms"), "<=", 0.2),
    ("who p99 at 10k (ms)", _at(10_000, "engine", "who", "p99_ms"), "<=", 0.2),
    ("factbot ask cold start (s)", _top("ask", "wall_s"), "<=", 0.35),
    ("discord modules imported by ask", _top("ask", "discord_imports"), "<=", 0),
    ("start-up at 100k, warm cache (s)", _at(100_000, "startup_warm_s"), "<=", 1.5),
    ("RSS at 1M, serving (MB)", _at(1_000_000, "serving_rss_mb"), "<=", 1536),
    ("largest event-loop stall in reload (ms)", _top("reload", "max_stall_ms"), "<=", 50),
    ("answers from the new base before the swap", _top("reload", "early_new_answers"), "<=", 0),
]


def check_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Evaluate every target that this run measured; unmeasured ones say so."""
    checks: list[dict[str, Any]] = []
    for name, value_of, op, limit in TARGETS:
        value = value_of(results)
        if value is None:
            checks.append({"target": name, "limit": f"{op} {limit}", "value": None, "met": None})
            continue
        met = value <= limit if op == "<=" else value >= limit
        checks.append({"target": name, "limit": f"{op} {limit}", "value": value, "met": met})
    return checks


def _search_rows(results: dict[str, Any]) -> list[str]:
    rows = [
        "| entries | approach | search p50 ms | search p99 ms "
        "| hit@10 exact | hit@10 typo | queries |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for facts, size in results["sizes"].items():
        approaches = {ENGINE: size["engine"], **size["baselines"]}
        for name, a in approaches.items():
            s = a["search"]
            rows.append(
                f"| {int(facts):,} | {name} | {s['p50_ms']:.3f} | {s['p99_ms']:.3f} "
                f"| {a['hit10_exact']:.2f} | {a['hit10_typo']:.2f} | {s['n']} |"
            )
    return rows


def _engine_rows(results: dict[str, Any]) -> list[str]:
    rows = [
        "| entries | timeline p99 ms | interests p99 ms | who p99 ms | index build s "
        "| cold load (YAML) s | warm load (cache) s | start-up, warm s | RSS serving MB "
        "| RSS bench MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for facts, s in results["sizes"].items():
        e = s["engine"]
        rows.append(
            f"| {int(facts):,} | {e['timeline']['p99_ms']:.3f} | {e['interests']['p99_ms']:.3f} "
            f"| {e['who']['p99_ms']:.3f} | {s['index_build_s']:.2f} | {s['cold_yaml_s']:.2f} "
            f"| {s['warm_cache_s']:.2f} | {s['startup_warm_s']:.2f} "
            f"| {s.get('serving_rss_mb', float('nan')):.0f} | {s['rss_mb']:.0f} |"
        )
    return rows


def _listing_rows(results: dict[str, Any]) -> list[str]:
    sizes: dict[str, Any] = results["sizes"]
    names: list[str] = []
    for s in sizes.values():
        names = list(s["engine"].get("listings_max_ms", {}))
        break
    if not names:
        return []
    rows = ["| entries | " + " | ".join(names) + " |", "| ---: |" + " ---: |" * len(names)]
    for facts, s in sizes.items():
        worst = s["engine"].get("listings_max_ms", {})
        rows.append(
            f"| {int(facts):,} | "
            + " | ".join(f"{worst.get(n, float('nan')):.3f}" for n in names)
            + " |"
        )
    return rows


def _ratio_rows(results: dict[str, Any]) -> list[str]:
    rows = [
        "| entries | vs difflib titles (p50 / p99) | vs rapidfuzz scan (p50 / p99) |",
        "| ---: | ---: | ---: |",
    ]
    for facts in results["sizes"]:
        n = int(facts)
        cells = [
            f"{speedup(results, n, b)}× / {speedup(results, n, b, 'p99_ms')}×"
            for b in ("difflib titles", SCAN)
        ]
        rows.append(f"| {n:,} | {cells[0]} | {cells[1]} |")
    return rows


def _whole_program(results: dict[str, Any]) -> list[str]:
    ask, reload, edit = (
        results.get("ask", {}),
        results.get("reload", {}),
        results.get("admin_edit", {}),
    )
    return [
        f'- `factbot ask "!timeline 1970s"`, cold process, real fact base: '
        f"{ask.get('wall_s')} s median wall; "
        f"discord modules imported: {ask.get('discord_imports')}",
        f"- reload of {reload.get('entries')} entries while serving: largest event-loop stall "
        f"{reload.get('max_stall_ms')} ms over {reload.get('reload_s')} s; answers during the "
        f"reload from the old base: {reload.get('old_answers')}, from the new one before the swap: "
        f"{reload.get('early_new_answers')}",
        f"- one admin edit in a 10k-entry file: {edit.get('edit_s', edit.get('status'))}"
        + (" s" if "edit_s" in edit else ""),
    ]


def render(results: dict[str, Any]) -> str:
    """Render the results as Markdown: tables, whole-program figures, then the targets."""
    m = results.get("machine", {})
    lines = [f"Machine: {m.get('cpu')}, {m.get('cpus')} cores, Python {m.get('python')}", ""]
    lines += ["Search (same queries, same process):", "", *_search_rows(results), ""]
    lines += ["Speed-up of factbot's search:", "", *_ratio_rows(results), ""]
    lines += ["Indexed commands, loading and memory:", "", *_engine_rows(results), ""]
    listings = _listing_rows(results)
    if listings:
        lines += [
            "Commands listing a whole kind (no argument), slowest of 3, ms:",
            "",
            *listings,
            "",
        ]
    lines += [*_whole_program(results), "", "Targets:", ""]
    for t in results.get("targets", []):
        mark = {True: "met", False: "MISSED", None: "not measured"}[t["met"]]
        lines.append(f"- {t['target']}: {t['value']} (target {t['limit']}) — {mark}")
    return "\n".join(lines)
