"""The fast schema pre-check: takes the quick path for valid files, never hides a problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.factbase.load.files import knowledge_files, schema_path
from bot.factbase.load.schema import _passes_fast_check, validator_for
from bot.factbase.load.yamlfile import parse_file
from tests.conftest import KNOWLEDGE


@pytest.mark.parametrize("path", knowledge_files(KNOWLEDGE), ids=lambda p: p.name)
def test_every_real_file_takes_the_fast_path(path: Path) -> None:
    """The real schema compiles for fastjsonschema and accepts every real file outright."""
    data = parse_file(path).data
    assert data is not None
    assert _passes_fast_check(validator_for(schema_path(KNOWLEDGE)), data)


def test_a_schema_violation_is_left_to_the_full_validator(knowledge_copy: Path) -> None:
    """A file with a wrong type fails the pre-check, so jsonschema explains it."""
    path = knowledge_copy / "events.yaml"
    path.write_text(path.read_text().replace('date: "1947"', "date: [1947]", 1))
    data = parse_file(path).data
    assert data is not None
    assert not _passes_fast_check(validator_for(schema_path(knowledge_copy)), data)


def test_the_fast_check_leaves_the_shared_schema_untouched() -> None:
    """Compiling the fast check must not rewrite the schema others read (admin's list keys)."""
    validator = validator_for(schema_path(KNOWLEDGE))
    before = json.loads(schema_path(KNOWLEDGE).read_text(encoding="utf-8"))
    data = parse_file(KNOWLEDGE / "events.yaml").data
    assert data is not None
    _passes_fast_check(validator, data)
    assert validator.schema == before
