"""One exception tree for the whole bot, so every adapter can funnel failures the same way.

FactbotError
├── UserError            the person asked for something we cannot give; answer politely
│   ├── NotFound         nothing matched; carries "did you mean" suggestions
│   ├── BadArguments     the command was malformed; carries a usage hint
│   └── NotAllowed       an admin command from a non-admin
├── KnowledgeError       the fact base on disk is invalid; carries every Problem found
│   └── BrokenOnDisk     already invalid before a chat edit: fix the files first
└── ConfigError          the operator's config file or environment is unusable; one line
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with the fact base, located so an editor can jump straight to it."""

    file: str
    line: int
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.what} — {self.fix}"


class FactbotError(Exception):
    """Base of every error factbot raises on purpose."""


class UserError(FactbotError):
    """A request we understood but cannot satisfy; the message is safe to show to the user."""


class NotFound(UserError):
    """Nothing matched; suggestions are real entries from the fact base, never invented.

    `hint` points at where to look instead (`who` lists everyone) when nothing is close enough
    to suggest: a bare command is not a suggestion.
    """

    def __init__(self, message: str, suggestions: Sequence[str] = (), hint: str = "") -> None:
        super().__init__(message)
        self.suggestions = tuple(suggestions)
        self.hint = hint


class BadArguments(UserError):
    """The command's arguments could not be understood."""

    def __init__(self, message: str, usage: str = "") -> None:
        super().__init__(message)
        self.usage = usage


class NotAllowed(UserError):
    """The actor lacks the rights for this command."""


class KnowledgeError(FactbotError):
    """The fact base failed validation; holds all problems so one run reports them all."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class BrokenOnDisk(KnowledgeError):
    """The files on disk are already invalid (a hand edit): no chat edit until they are fixed.

    Apart from KnowledgeError because the admin must hear that their change was not the cause.
    """


class ConfigError(FactbotError):
    """The settings cannot be used; the message is one line naming the file and key at fault."""
