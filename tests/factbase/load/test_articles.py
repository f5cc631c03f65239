"""The articles behind the fact base: named, pinned by fingerprint, and never silently missing."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import KNOWLEDGE, SEEDS, needs_articles

SOURCE_IDS = re.findall(r"^  - id: (\S+)", (KNOWLEDGE / "sources.yaml").read_text("utf-8"), re.M)


@needs_articles
def test_real_knowledge_passes_the_strict_check_against_the_real_articles(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`factbot check knowledge --strict` with the articles exits 0 and warns of nothing."""
    assert main(["check", str(KNOWLEDGE), "--strict", "--articles", str(SEEDS)]) == 0
    out = capsys.readouterr()
    assert out.out.startswith("OK: ")
    assert out.err == ""


def test_missing_articles_are_reported_loudly_on_every_check(
    knowledge_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without the articles, check still passes but names every unverified source and the fix."""
    nowhere = tmp_path / "no-such-articles"
    assert main(["check", str(knowledge_copy), "--articles", str(nowhere)]) == 0
    out = capsys.readouterr()
    assert f"Articles not found in {nowhere}" in out.err
    assert SOURCE_IDS and all(f"unverified: {s}" in out.err for s in SOURCE_IDS)
    assert "--articles DIR, $FACTBOT_ARTICLES" in out.err
    assert "evidence NOT checked" in out.out


def test_missing_articles_fail_the_strict_check(
    knowledge_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--strict` without the articles exits 1 and says why."""
    nowhere = tmp_path / "no-such-articles"
    assert main(["check", str(knowledge_copy), "--strict", "--articles", str(nowhere)]) == 1
    err = capsys.readouterr().err
    assert "--strict: failing because the articles could not all be verified." in err


def test_the_articles_variable_names_the_folder(
    knowledge_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """$FACTBOT_ARTICLES is where check looks when no flag is given."""
    monkeypatch.setenv("FACTBOT_ARTICLES", str(tmp_path / "elsewhere"))
    assert main(["check", str(knowledge_copy), "--strict"]) == 1
    assert f"Articles not found in {tmp_path / 'elsewhere'}" in capsys.readouterr().err


@needs_articles
def test_an_article_with_different_text_is_caught_by_its_fingerprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A changed article is one `sources.yaml:line` problem naming its file, and check fails."""
    articles = tmp_path / "articles"
    shutil.copytree(SEEDS, articles)
    seed = re.findall(r"seed: (\S+)", (KNOWLEDGE / "sources.yaml").read_text("utf-8"))[3]
    with (articles / seed).open("a", encoding="utf-8") as f:
        f.write("\nA sentence someone added.\n")
    assert main(["check", str(KNOWLEDGE), "--articles", str(articles)]) == 1
    err = capsys.readouterr().err
    lines = (KNOWLEDGE / "sources.yaml").read_text("utf-8").splitlines()
    pinned = next(n for n, line in enumerate(lines, 1) if seed in line) + 1
    assert lines[pinned - 1].strip().startswith("fingerprint: sha256:")
    assert f"sources.yaml:{pinned}: article `{seed}` does not match its fingerprint" in err
    assert "1 problem found." in err


def test_an_unpinned_source_is_told_the_line_to_add(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A source without a fingerprint fails the strict check, which prints the value to pin."""
    article = "The first article. It says one thing.\n"
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(article, encoding="utf-8")
    kb = tmp_path / "kb"
    kb.mkdir()
    shutil.copy(KNOWLEDGE / "schema.json", kb / "schema.json")
    (kb / "sources.yaml").write_text(
        "sources:\n  - id: art\n    title: An article\n    author: Someone\n"
        "    seed: a.txt\n    published:\n      certainty: unknown\n",
        encoding="utf-8",
    )
    (kb / "claims.yaml").write_text(
        "claims:\n  - id: one-thing\n    kind: statement\n    text: The article says a thing.\n"
        "    sources: [art]\n    evidence: It says one thing.\n",
        encoding="utf-8",
    )
    assert main(["check", str(kb), "--strict", "--articles", str(tmp_path / "articles")]) == 1
    digest = hashlib.sha256(article.strip().encode("utf-8")).hexdigest()
    assert f"`art` is not pinned — add `fingerprint: sha256:{digest}`" in capsys.readouterr().err
