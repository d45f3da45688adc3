"""The one-line status bar: what is being edited, whether it is saved, the phrasebook."""

from __future__ import annotations

from textual.widgets import Static


class StatusBar(Static):
    """Shows `left` text plus the app's phrasebook status, kept current."""

    def __init__(self, left: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id, classes="status-bar")
        self.left = left

    def on_mount(self) -> None:
        self.watch(self.app, "book_status", self._refresh_text)

    def set_left(self, text: str) -> None:
        """Change the draft-specific part of the bar."""
        self.left = text
        self._refresh_text()

    def _refresh_text(self, _status: object = None) -> None:
        status = getattr(self.app, "book_status", "")
        self.update(f"{self.left}  [dim]│ {status}[/]" if self.left else f"[dim]{status}[/]")
