"""Messages the screens post up to the app, which owns the screen stack."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft


class OpenDraft(Message):
    """Show the drafting screen for a draft (a recovered one is dirty, with its autosave slot)."""

    def __init__(self, draft: Draft, *, autosave: Path | None = None, dirty: bool = False) -> None:
        super().__init__()
        self.draft = draft
        self.autosave = autosave
        self.dirty = dirty


class OpenDraftFile(Message):
    """Load a draft file and show it (offering its autosave, if one was left)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
