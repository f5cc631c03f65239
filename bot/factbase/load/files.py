"""Where a fact base's files are: its YAML files and the schema that checks them.

Kept apart from the loader and validator so that start-up from the cache can find and hash the
files without importing YAML or jsonschema (~70 ms of a 0.35 s budget for `factbot ask`).
"""

from __future__ import annotations

from pathlib import Path

SCHEMA_NAME = "schema.json"
DEFAULT_SCHEMA = Path(__file__).resolve().parents[3] / "knowledge" / SCHEMA_NAME


def knowledge_files(folder: Path) -> list[Path]:
    """List the YAML files of a fact base, in a stable order."""
    files = [*folder.glob("*.yaml"), *folder.glob("*.yml")]
    return sorted(p for p in files if not p.name.startswith("."))


def schema_path(knowledge_dir: Path) -> Path:
    """Prefer the folder's own schema (what editors see), else the project's."""
    own = knowledge_dir / SCHEMA_NAME
    return own if own.is_file() else DEFAULT_SCHEMA


Signature = tuple[int, int, int]


def signatures(folder: Path) -> dict[str, Signature]:
    """Fingerprint the files a load reads; os.replace gives a new inode, so edits always show."""
    found: dict[str, Signature] = {}
    for path in [*knowledge_files(folder), folder / SCHEMA_NAME]:
        try:
            st = path.stat()
        except FileNotFoundError:
            continue
        found[path.name] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return found
