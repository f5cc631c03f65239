"""The layers drawn in README.md hold: nothing imports upward, and no package has a cycle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_imports_keep_every_contract_in_pyproject() -> None:
    """`lint-imports` keeps every contract: layers, no cycles, platforms and matplotlib in place."""
    done = subprocess.run(
        [Path(sys.executable).parent / "lint-imports", "--no-logo", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Contracts: 4 kept, 0 broken." in done.stdout, done.stdout[-2000:]
