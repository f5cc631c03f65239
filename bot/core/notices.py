"""What admins are told, unasked, about reloads: failures and held reloads, in plain text.

Platform-neutral on purpose: the file watcher hands every reload's result to an adapter's
callback (`bot.store.watch.watch(on_result=…)`), the adapter asks `reload_notice` for the text
and posts it where its admins read (Discord: `discord.admin_channel`; a Slack adapter plugs in
the same way with its own channel). A reload that went fine or found nothing new says nothing.
"""

from __future__ import annotations

from bot.store.store import ReloadResult

MAX_PROBLEMS = 5  # the rest is one `kb check` away


def reload_notice(result: ReloadResult) -> str | None:
    """Give the text to post for this reload result, or None when there is nothing to tell."""
    if result.held:
        changes = result.changes.summary() if result.changes is not None else ""
        return (
            f"Reload held: {result.held} ({changes}). The last good fact base keeps serving; "
            "an admin's `reload confirm` serves the new files."
        )
    if result.problems:
        shown = [f"- {p}" for p in result.problems[:MAX_PROBLEMS]]
        more = len(result.problems) - len(shown)
        shown += [f"- … and {more} more (`kb check` lists them all)"] if more else []
        head = "The knowledge files changed but have problems; still serving the last good base:"
        return "\n".join([head, *shown])
    if result.failed:
        why = result.note.removeprefix("stopped: ")
        return f"Reload failed ({why}); still serving the last good base."
    return None
