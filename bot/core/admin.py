"""Admin commands: `fact show/add/edit/remove/undo/history`, `reload`, `kb check`.

Every spec is `admin=True`, so the engine refuses (and logs) them for anyone else before a
handler runs. Handlers only parse and present; the writer does the editing and the checking.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.core.editing import publish, writer_for
from bot.core.fieldargs import parse_fields
from bot.core.history import history_reply
from bot.core.registry import register
from bot.core.reloader import reload_now
from bot.core.types import CommandSpec, Form, FormField, Item, Reply, Request
from bot.core.wording import counts_line
from bot.errors import BadArguments, KnowledgeError, NotFound, Problem
from bot.factbase.loader import check
from bot.factbase.model import SECTION_KINDS
from bot.factbase.schema import schema_path, validator_for
from bot.factbase.writer import BrokenOnDisk, EditResult

if TYPE_CHECKING:
    from bot.core.engine import Engine

ADD_FORM = Form(
    opens_on="add",
    title="Add",
    default_subject="event",
    fields=(
        FormField("text", "Text", "In our own words, one or two sentences.", long=True,
                  required=True, max_length=1000),
        FormField("date", "Date", "e.g. 1999-05, 1980s, 1948/1959", max_length=40),
        FormField("sources", "Sources", "Source ids, comma-separated", required=True),
        FormField("evidence", "Evidence", "A short phrase copied from the source",
                  long=True, max_length=300),
        FormField("tags", "Tags and other fields", "people=nawaz-sharif topics=diplomacy",
                  long=True, max_length=300, raw=True),
    ),
)  # fmt: skip
FACT = CommandSpec(
    name="fact",
    summary="Show, add, edit, remove or undo a fact; every change is checked and logged.",
    usage="fact show|add|edit|remove|undo|history …",
    arg="text",
    arg_name="action",
    arg_required=True,
    admin=True,
    examples=(
        "fact show ayub-khan-visits-moscow-1965",
        'fact add event date=1999-05 text="…" sources=src-id evidence="…" topics=diplomacy',
        'fact edit pakistan-emerges-1947 text="…"',
        "fact remove some-fact-id",
        "fact undo",
        "fact history",
    ),
    forms=(ADD_FORM,),
)
RELOAD = CommandSpec(
    name="reload",
    summary="Re-read the knowledge files now; a broken file keeps the last good fact base.",
    usage="reload",
    admin=True,
)
KB = CommandSpec(
    name="kb",
    summary="Check the knowledge files on disk, exactly as `factbot check` does.",
    usage="kb check",
    arg="text",
    arg_name="action",
    admin=True,
    examples=("kb check",),
)
# `fact add <kind>` takes a kind or its section's name (`event`, `events`) and names the section.
KIND_SECTIONS = {
    **{kind: section for section, kind in SECTION_KINDS.items()},
    **{section: section for section in SECTION_KINDS},
    "quotation": "quotes",
}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_PROBLEMS_SHOWN = 10
BROKEN_TITLE = (
    "Nothing was changed: the knowledge files on disk already have problems. Fix these first."
)


@register(FACT)
def fact(engine: Engine, request: Request) -> Reply:
    """Route `fact <action> …` to its action."""
    action, _, rest = request.args.partition(" ")
    handler = _ACTIONS.get(action.casefold())
    if handler is None:
        raise BadArguments(f"`fact {action}` is not an action.", f"Usage: `{FACT.usage}`")
    try:
        return handler(engine, request, rest.strip())
    except BrokenOnDisk as exc:
        return _refused(engine, exc.problems, BROKEN_TITLE)
    except KnowledgeError as exc:
        return _refused(engine, exc.problems)


def _show(engine: Engine, request: Request, rest: str) -> Reply:
    entry_id = _one_id(rest, "fact show <id>")
    file, line, text = writer_for(engine).show(entry_id)
    title = f"`{entry_id}` — {_name(file)}:{line}"
    return Reply(title=title, block=text, block_syntax="yaml", kind="admin")


def _add(engine: Engine, request: Request, rest: str) -> Reply:
    kind, _, fields_text = rest.partition(" ")
    section = KIND_SECTIONS.get(kind.casefold())
    if section is None:
        kinds = ", ".join(SECTION_KINDS.values())
        problem = f"`{kind}` is not a kind of entry." if kind else "Which kind of entry?"
        raise BadArguments(problem, f"Kinds: {kinds}. e.g. `{FACT.examples[1]}`")
    fields = _fields(engine, fields_text)
    values = {k: v for k, v in fields.items() if v is not None}
    if not values:
        raise BadArguments("Give the entry's fields.", f"e.g. `{FACT.examples[1]}`")
    result = writer_for(engine).add(section, values, request.actor, _typed(request))
    return _done(engine, result, "Added")


def _edit(engine: Engine, request: Request, rest: str) -> Reply:
    entry_id, _, fields_text = rest.partition(" ")
    entry_id = _one_id(entry_id, "fact edit <id> key=value …")
    changes = _fields(engine, fields_text)
    if not changes:
        raise BadArguments("Say what to change.", 'e.g. `fact edit some-id text="…"`')
    result = writer_for(engine).edit(entry_id, changes, request.actor, _typed(request))
    return _done(engine, result, "Edited")


def _remove(engine: Engine, request: Request, rest: str) -> Reply:
    entry_id = _one_id(rest, "fact remove <id>")
    result = writer_for(engine).remove(entry_id, request.actor, _typed(request))
    return _done(engine, result, "Removed")


def _undo(engine: Engine, request: Request, rest: str) -> Reply:
    result = writer_for(engine).undo(request.actor, _typed(request))
    return _done(engine, result, f"Undid your {result_action(engine, result)} of")


def _history(engine: Engine, request: Request, rest: str) -> Reply:
    entry_id = _one_id(rest, "fact history [id]") if rest else None
    return history_reply(writer_for(engine).audit.records(), entry_id)


_ACTIONS = {
    "show": _show,
    "add": _add,
    "edit": _edit,
    "remove": _remove,
    "delete": _remove,
    "undo": _undo,
    "history": _history,
}


def result_action(engine: Engine, result: EditResult) -> str:
    """Name what an undo reversed, from the audit log."""
    target = result.record.undoes
    for record in reversed(writer_for(engine).audit.records()):
        if record.id == target:
            return record.action
    return "edit"


@register(RELOAD)
def reload(engine: Engine, request: Request) -> Reply:
    """Reload on demand and say exactly what happened."""
    result = reload_now(engine)
    if result.problems:
        return _refused(engine, result.problems, "Not reloaded: the files have problems.")
    if not result.swapped:
        return Reply(title=f"Not reloaded: {result.note}.", kind="admin")
    return Reply(title="Reloaded the fact base.", intro=counts_line(result.counts), kind="admin")


@register(KB)
def kb(engine: Engine, request: Request) -> Reply:
    """Check the files on disk, whatever is being served."""
    if request.args.casefold() not in ("", "check"):
        raise BadArguments(f"`kb {request.args}` is not an action.", f"Usage: `{KB.usage}`")
    writer = writer_for(engine)
    fb, problems = check(writer.folder, writer.seeds)
    if problems:
        return _refused(engine, problems, f"{len(problems)} problem(s) in the knowledge files.")
    return Reply(
        title="The knowledge files are valid.", intro=counts_line(fb.counts()), kind="admin"
    )


def _done(engine: Engine, result: EditResult, verb: str) -> Reply:
    """Serve the new fact base at once and show what was written where."""
    publish(engine, result.factbase, result.version)
    record = result.record
    where = f"{record.file}:{record.entry_line}" if record.entry_line else record.file
    again = "again to go further back" if record.action == "undo" else "to take this back"
    return Reply(
        title=f"{verb} `{record.entry_id}` — {where}",
        intro="It read:" if result.entry_gone else "",
        block=result.entry_text,
        block_syntax="yaml",
        footer=f"`fact undo` {again}; `fact history` lists the changes.",
        kind="admin",
    )


def _refused(
    engine: Engine, problems: tuple[Problem, ...] | list[Problem], title: str = ""
) -> Reply:
    shown = [Item(text=_as_seen(p, engine.knowledge)) for p in problems[:MAX_PROBLEMS_SHOWN]]
    more = len(problems) - len(shown)
    return Reply(
        title=title or "Not saved: the change would break the fact base. Nothing was written.",
        items=tuple(shown),
        footer=f"…and {more} more (run `kb check`)." if more > 0 else "",
        kind="usage",
    )


def _as_seen(problem: Problem, folder: Path | None) -> str:
    """Show files as `knowledge/events.yaml`: chat users need no server paths."""
    text = str(problem)
    if folder is None:
        return text
    for base in {str(folder.parent), str(folder.resolve().parent)}:
        text = text.replace(base.rstrip(os.sep) + os.sep, "")
    return text


def _fields(engine: Engine, text: str) -> dict[str, Any | None]:
    return parse_fields(text, _list_keys(engine))


def _list_keys(engine: Engine) -> frozenset[str]:
    """Ask the schema which keys hold lists, so `people=a,b` splits and `text=a,b` does not."""
    schema: Any = validator_for(schema_path(writer_for(engine).folder)).schema
    keys = set()
    for definition in schema.get("$defs", {}).values():
        for key, prop in definition.get("properties", {}).items():
            if prop.get("type") == "array" or prop.get("$ref") == "#/$defs/ids":
                keys.add(key)
    return frozenset(keys)


def _one_id(text: str, usage: str) -> str:
    entry_id = text.strip()
    if not entry_id:
        raise BadArguments("Which entry?", f"Usage: `{usage}`")
    if not _ID.match(entry_id):
        raise NotFound(f"`{entry_id[:40]}` is not an id (ids look like `ayub-khan`).")
    return entry_id


def _typed(request: Request) -> str:
    return f"{request.command} {request.args}".strip()


def _name(file: str) -> str:
    return file.rsplit("/", 1)[-1]
