"""The layers drawn in README.md hold: nothing imports upward, and no package has a cycle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_imports_keep_every_contract_in_pyproject() -> None:
    """`lint-imports` finds every contract kept (layers, no cycles, discord only in adapters)."""
    done = subprocess.run(
        [Path(sys.executable).parent / "lint-imports", "--no-logo", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Contracts: 3 kept, 0 broken." in done.stdout, done.stdout[-2000:]
