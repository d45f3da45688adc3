"""Saving the draft being written: to its file, to its autosave slot, on quit and export.

A mixin of the drafting screen: it keeps the draft (`self.draft`), its autosave slot
(`self.autosave_path`), whether it is `dirty`, an `AutosaveClock` and a `SlotWriter`.
A clean save or quit removes the slot; an autosave is atomic, so a crash leaves the
last one whole. Autosaving must not slow typing down: the screen takes a copy of the
draft (strings are shared, so it is cheap) and a thread dumps and writes it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from drafter.errors import DrafterError
from drafter.tui import session
from drafter.tui.guard import describe

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft


def snapshot(draft: Draft) -> Draft:
    """A copy of the draft that later typing cannot change (texts are shared, not copied)."""
    sections = {
        key: [dataclasses.replace(item) for item in items] for key, items in draft.sections.items()
    }
    return dataclasses.replace(draft, meta=dict(draft.meta), sections=sections)


class DraftKeeping:
    """Save, autosave, export and quit for a screen that edits `self.draft`."""

    draft: Draft
    dirty: bool
    autosave_path: Path
    clock: session.AutosaveClock
    slot_writer: session.SlotWriter

    def action_save(self) -> None:
        """Save the draft file (asking where, the first time)."""
        self.save()

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Save, asking for a path if the draft has none; call `then()` once saved."""
        from drafter.paths import DRAFT_SUFFIX
        from drafter.tui.dialogs import SaveDialog, report_stem

        if self.draft.path is not None:
            if self._save_to(Path(self.draft.path)) and then is not None:
                then()
            return

        def chosen(path: Path | None) -> None:
            if path is not None and self._save_to(path) and then is not None:
                then()

        suggested = Path.cwd() / f"{report_stem(self.draft)}{DRAFT_SUFFIX}"
        self.app.push_screen(SaveDialog(suggested), chosen)

    def _save_to(self, path: Path) -> bool:
        from drafter.drafting.draft import save_draft

        try:
            save_draft(self.draft, path)
        except (DrafterError, OSError) as error:
            self.notify(str(error), title="保存失败", severity="error", timeout=10)
            return False
        self.draft.path = path
        self.slot_writer.discard(self.autosave_path, self.clock.version)
        self.autosave_path = session.slot_path(path)
        self.slot_writer.discard(self.autosave_path, self.clock.version)
        session.remember_recent(path)
        self.dirty = False
        self.clock.saved()
        self.update_status()
        self.notify(f"已保存到 {path}")
        return True

    def _autosave_tick(self) -> None:
        if self.clock.due():
            self.autosave()

    def _autosave_if_pending(self) -> None:
        if self.clock.pending:
            self.autosave()

    def autosave(self) -> None:
        """Send the draft as it is now to its autosave slot (written by a thread)."""
        self.clock.saved()
        self._write_autosave(
            snapshot(self.draft), self.clock.version, self.autosave_path, self.draft.path
        )

    @work(thread=True, group="autosave", exit_on_error=False)
    def _write_autosave(
        self, draft: Draft, version: int, slot: Path, draft_path: Path | None
    ) -> None:
        from drafter.drafting.draft import dump_draft

        try:
            self.slot_writer.write(version, slot, dump_draft(draft), draft_path)
        except Exception as error:
            self.app.call_from_thread(self._autosave_failed, error)

    def _autosave_failed(self, error: Exception) -> None:
        self.clock.changed()  # try again at the next tick
        self.notify(describe(error), title="自动保存失败", severity="error")

    def autosave_now(self) -> None:
        """Write the autosave here and now (the app is about to stop); never raises."""
        from drafter.drafting.draft import dump_draft

        if not self.clock.pending:
            return
        try:
            text = dump_draft(self.draft)
            self.slot_writer.write(self.clock.version, self.autosave_path, text, self.draft.path)
        except Exception:
            return

    def action_export(self) -> None:
        """Export the report to .docx, .md or .txt."""
        from drafter.tui.export_dialog import ExportDialog

        self._autosave_if_pending()
        self.app.push_screen(ExportDialog(self.draft))

    def request_quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        from drafter.tui.dialogs import ConfirmDialog

        if not self.dirty:
            self._leave()
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.save(then=self._leave)
            elif choice == "discard":
                self._leave()

        self.app.push_screen(
            ConfirmDialog(
                "退出",
                "草稿有未保存的修改。",
                [
                    ("save", "保存并退出", "primary"),
                    ("discard", "不保存退出", "error"),
                    ("cancel", "取消", "default"),
                ],
            ),
            answered,
        )

    def _leave(self) -> None:
        """A clean exit: the autosave slot is no longer needed."""
        self.slot_writer.discard(self.autosave_path, self.clock.version)
        self.app.exit()
