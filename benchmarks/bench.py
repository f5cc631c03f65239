"""Run every benchmark, print the table, check the targets, write benchmarks/results.json.

    python -m benchmarks.bench                      # 1k, 10k, 100k  (make bench)
    python -m benchmarks.bench --sizes 1000,10000,100000,1000000   (make bench-full)

Each size runs in its own process (benchmarks.run_size) so its memory and start-up are its own.
Generated bases are kept under benchmarks/data/ and reused while the generator is unchanged.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import generate
from benchmarks.measure import run_json
from benchmarks.report import check_targets, render

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
RESULTS = HERE / "results.json"
_GENERATOR = ("generate.py", "queries.py", "synthetic.py", "vocab.py")


def generator_version() -> str:
    """Hash the generator's code, so a changed generator regenerates its bases."""
    h = hashlib.sha256()
    for name in _GENERATOR:
        h.update((HERE / name).read_bytes())
    return h.hexdigest()[:16]


def ensure_base(facts: int, data: Path) -> Path:
    """Generate the base for `facts` unless an identical one is already on disk."""
    folder = data / f"fb-{facts}"
    stamp = folder / ".generated"
    version = f"{facts} {generator_version()}"
    if stamp.is_file() and stamp.read_text() == version:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    print(f"generating {facts} facts in {folder} …", flush=True)
    generate(facts, folder)
    stamp.write_text(version)
    return folder


def run(
    sizes: list[int], budget: float, rounds: int, data: Path, out: Path | None = None
) -> dict[str, Any]:
    """Measure every size, then the whole-program figures; return the results document.

    With `out`, what is measured so far is written there after each size, so a failure late
    in a long run (the 1M size takes most of an hour) keeps the sizes already measured.
    """
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": _cpus(), "cpu": _cpu_name()},
        "sizes": {},
    }
    for facts in sizes:
        folder = ensure_base(facts, data)
        print(f"measuring {facts} …", flush=True)
        results["sizes"][str(facts)] = run_json(
            "benchmarks.run_size", str(folder), "--budget", str(budget), "--rounds", str(rounds)
        )
        if out is not None:
            out.with_suffix(".partial.json").write_text(json.dumps(results, indent=1) + "\n")
    print("measuring factbot ask cold start …", flush=True)
    results["ask"] = run_json("benchmarks.startup")
    stall_size = 100_000 if 100_000 in sizes else max(sizes)
    print(f"measuring event-loop stalls during a reload of {stall_size} …", flush=True)
    results["reload"] = run_json("benchmarks.stall", str(ensure_base(stall_size, data)))
    results["admin_edit"] = _admin_edit()
    return results


def _admin_edit() -> dict[str, Any]:
    """Time one admin edit in a 10k-entry file with the admin helper's benchmark (issue 5)."""
    if not (HERE / "edit.py").is_file():
        return {"status": "pending: benchmarks/edit.py has not landed"}
    print("measuring one admin edit in a 10k-entry file …", flush=True)
    code = (
        "import json; from benchmarks.edit import time_one_edit; "
        "print(json.dumps({'edit_s': round(time_one_edit(10_000), 4)}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=HERE.parent
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


def _cpu_name() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per baseline, size")
    parser.add_argument("--rounds", type=int, default=5, help="passes over each query set")
    parser.add_argument("--data", type=Path, default=DATA, help="where generated bases live")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    start = time.perf_counter()
    results = run(sizes, args.budget, args.rounds, args.data, args.out)
    results["bench_wall_s"] = round(time.perf_counter() - start, 1)
    results["targets"] = check_targets(results)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    args.out.with_suffix(".partial.json").unlink(missing_ok=True)
    print(render(results))
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
