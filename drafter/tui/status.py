"""The one-line status bar: what is being edited, whether it is saved, the phrasebook.

It shows the writer's own words (the unit, a file name with `[` in it), so it is built
from `Text` objects: plain strings passed in are drafter's own markup, nothing else is.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from drafter.tui.guard import Guarded

SEPARATOR = " │ "


class StatusBar(Guarded, Static):
    """`head │ hint or phrasebook status │ tail`: a hint (what to type into a selected
    placeholder) takes the phrasebook's place; the tail (a file name, say) comes last
    because a narrow terminal cuts the end."""

    def __init__(self, head: Text | str = "", *, id: str | None = None) -> None:
        super().__init__(id=id, classes="status-bar", markup=False)
        self.head = _text(head)
        self.tail = Text()
        self.hint = Text()

    def on_mount(self) -> None:
        self.watch(self.app, "book_status", self._refresh_text)

    def set_text(self, head: Text | str, tail: Text | str = "") -> None:
        """Change the screen-specific parts of the bar."""
        self.head, self.tail = _text(head), _text(tail)
        self._refresh_text()

    def set_hint(self, hint: str) -> None:
        """Show `hint` instead of the phrasebook status ("" to go back)."""
        hint_text = Text(hint, style="bold")
        if hint_text != self.hint:
            self.hint = hint_text
            self._refresh_text()

    def _refresh_text(self, _status: object = None) -> None:
        middle = self.hint or Text(getattr(self.app, "book_status", ""), style="dim")
        parts = [part for part in (self.head, middle, self.tail) if part]
        self.update(Text(SEPARATOR).join(parts))


def _text(value: Text | str) -> Text:
    return value if isinstance(value, Text) else Text.from_markup(value)
