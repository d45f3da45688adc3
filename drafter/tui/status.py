"""The one-line status bar: what is being edited, whether it is saved, the phrasebook."""

from __future__ import annotations

from textual.widgets import Static


class StatusBar(Static):
    """`head │ phrasebook status │ tail`, the phrasebook part kept current; the tail
    (a file name, say) comes last because a narrow terminal cuts the end."""

    def __init__(self, head: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id, classes="status-bar")
        self.head = head
        self.tail = ""

    def on_mount(self) -> None:
        self.watch(self.app, "book_status", self._refresh_text)

    def set_text(self, head: str, tail: str = "") -> None:
        """Change the screen-specific parts of the bar."""
        self.head, self.tail = head, tail
        self._refresh_text()

    def _refresh_text(self, _status: object = None) -> None:
        parts = [self.head, f"[dim]{getattr(self.app, 'book_status', '')}[/]", self.tail]
        self.update(" │ ".join(part for part in parts if part))
