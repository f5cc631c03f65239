"""Admin commands: `fact show/add/edit/remove/undo/history`, `reload`, `kb check`.

Every spec is `admin=True`, so the engine refuses (and logs) them for anyone else before a
handler runs. Handlers only parse and present; the store does the editing, checking and
publishing, and a change the files refuse reaches the engine's funnel as a KnowledgeError.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot.core.commands.history import history_reply
from bot.core.fields import parse_fields
from bot.core.parse import echo
from bot.core.replies import counts_line, plural, problems_reply
from bot.core.table import Command, Context
from bot.core.types import CommandSpec, Form, FormField, Item, Reply, Request
from bot.errors import BadArguments, NotFound
from bot.factbase.model import SECTION_KINDS

if TYPE_CHECKING:  # the edit machinery loads on the first edit, not at start-up
    from bot.factbase.edit.writer import EditResult

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
    usage="reload [confirm]",
    arg="text",
    arg_name="action",
    admin=True,
    examples=("reload", "reload confirm"),
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


def fact(ctx: Context, request: Request) -> Reply:
    """Route `fact <action> …` to its action."""
    action, _, rest = request.args.partition(" ")
    handler = _ACTIONS.get(action.casefold())
    if handler is None:
        raise BadArguments(f"`fact {action}` is not an action.", f"Usage: `{FACT.usage}`")
    return handler(ctx, request, rest.strip())


def _show(ctx: Context, request: Request, rest: str) -> Reply:
    entry_id = _one_id(rest, "fact show <id>")
    file, line, text = ctx.store.show(entry_id)
    title = f"`{entry_id}` — {_name(file)}:{line}"
    return Reply(title=title, block=text, block_syntax="yaml", kind="admin")


def _add(ctx: Context, request: Request, rest: str) -> Reply:
    kind, _, fields_text = rest.partition(" ")
    section = KIND_SECTIONS.get(kind.casefold())
    if section is None:
        kinds = ", ".join(SECTION_KINDS.values())
        problem = f"`{kind}` is not a kind of entry." if kind else "Which kind of entry?"
        raise BadArguments(problem, f"Kinds: {kinds}. e.g. `{FACT.examples[1]}`")
    fields = _verification(parse_fields(fields_text, ctx.store.list_keys()))
    values = {k: v for k, v in fields.items() if v is not None}
    if not values:
        raise BadArguments("Give the entry's fields.", f"e.g. `{FACT.examples[1]}`")
    result = ctx.store.add(section, values, request.actor, _typed(request))
    return edit_reply(result, "Added")


def _edit(ctx: Context, request: Request, rest: str) -> Reply:
    entry_id, _, fields_text = rest.partition(" ")
    entry_id = _one_id(entry_id, "fact edit <id> key=value …")
    changes = _verification(parse_fields(fields_text, ctx.store.list_keys()))
    if not changes:
        raise BadArguments("Say what to change.", 'e.g. `fact edit some-id text="…"`')
    result = ctx.store.edit(entry_id, changes, request.actor, _typed(request))
    return edit_reply(result, "Edited")


_YES, _NO = ("yes", "true", "y", "1"), ("no", "false", "n", "0")


def _verification(fields: dict[str, Any | None]) -> dict[str, Any | None]:
    """Turn `unverified=yes` into the stored `verified: false` (`unverified=no` clears it).

    Admins say what they mean (the evidence could not be checked); the file keeps the
    positive key the schema knows, absent when true.
    """
    if "unverified" not in fields:
        return fields
    flag = str(fields.pop("unverified") or "no").casefold()
    if flag not in _YES + _NO:
        raise BadArguments(f"`unverified={flag}`: say yes or no.", "e.g. `unverified=yes`")
    fields["verified"] = False if flag in _YES else None
    return fields


def _remove(ctx: Context, request: Request, rest: str) -> Reply:
    entry_id = _one_id(rest, "fact remove <id>")
    result = ctx.store.remove(entry_id, request.actor, _typed(request))
    return edit_reply(result, "Removed")


def _undo(ctx: Context, request: Request, rest: str) -> Reply:
    if rest:  # `fact undo please-do-not` must never undo anything
        raise BadArguments(
            f"`fact undo` takes nothing after it, not `{echo(rest, 40)}`.",
            "Usage: `fact undo` takes back your own latest edit; `fact history` lists them.",
        )
    result = ctx.store.undo(request.actor, _typed(request))
    return edit_reply(result, f"Undid your {result_action(ctx, result)} of")


def _history(ctx: Context, request: Request, rest: str) -> Reply:
    entry_id = _one_id(rest, "fact history [id]") if rest else None
    return history_reply(ctx.store.history(), entry_id)


_ACTIONS = {
    "show": _show,
    "add": _add,
    "edit": _edit,
    "remove": _remove,
    "delete": _remove,
    "undo": _undo,
    "history": _history,
}


def result_action(ctx: Context, result: EditResult) -> str:
    """Name what an undo reversed, from the audit log."""
    target = result.record.undoes
    for record in reversed(ctx.store.history()):
        if record.id == target:
            return record.action
    return "edit"


def reload(ctx: Context, request: Request) -> Reply:
    """Reload on demand (or serve a held reload) and say exactly what happened and changed."""
    action = request.args.casefold()
    if action not in ("", "confirm"):
        raise BadArguments(
            f"`reload {echo(action, 40)}` is not an action.", f"Usage: `{RELOAD.usage}`"
        )
    result = ctx.store.confirm_reload() if action else ctx.store.reload()
    if result.problems:
        title = "Not reloaded: the files have problems."
        return problems_reply(result.problems, title, ctx.store.folder)
    changed = f"Changes: {result.changes.summary()}." if result.changes is not None else ""
    if result.held:
        return Reply(
            title=f"Reload held: {result.held}.",
            intro=f"{changed}\nThe last good fact base keeps serving; `reload confirm` serves "
            "the new files.",
            kind="admin",
        )
    if not result.swapped:
        return Reply(title=f"Not reloaded: {result.note}.", kind="admin")
    intro = "\n".join(line for line in (counts_line(result.counts), changed) if line)
    return Reply(title="Reloaded the fact base.", intro=intro, kind="admin")


def kb(ctx: Context, request: Request) -> Reply:
    """Check the files on disk, whatever is being served, and what could not be verified."""
    if request.args.casefold() not in ("", "check"):
        raise BadArguments(f"`kb {request.args}` is not an action.", f"Usage: `{KB.usage}`")
    fb, problems = ctx.store.check()
    if problems:
        title = f"{plural(len(problems), 'problem')} in the knowledge files."
        return problems_reply(problems, title, ctx.store.folder)
    notice = ctx.store.articles_notice(fb)
    unverified = [f for f in fb.facts.values() if not f.verified]
    items = [Item(line.strip(), heading="Articles") for line in notice]
    items += [
        Item(f"`{f.id}` — {f.text}", heading=f"Stored unverified ({len(unverified)})")
        for f in unverified
    ]
    title = "The knowledge files are valid."
    if notice or unverified:
        title = "The knowledge files are valid, but not all of it is verified."
    return Reply(title=title, intro=counts_line(fb.counts()), items=tuple(items), kind="admin")


def edit_reply(result: EditResult, verb: str) -> Reply:
    """Show what was written where (the store already serves the new fact base)."""
    record = result.record
    where = f"{record.file}:{record.entry_line}" if record.entry_line else record.file
    again = "again to go further back" if record.action == "undo" else "to take this back"
    footer = f"`fact undo` {again}; `fact history` lists the changes."
    if result.waited_s >= 1:  # the admin saw nothing for a while: say why
        footer = f"Saved after waiting {result.waited_s:.0f} s for other edits.\n{footer}"
    return Reply(
        title=f"{verb} `{record.entry_id}` — {where}",
        intro="It read:" if result.entry_gone else "",
        block=result.entry_text,
        block_syntax="yaml",
        footer=footer,
        kind="admin",
    )


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


COMMANDS = (Command(FACT, fact), Command(RELOAD, reload), Command(KB, kb))
