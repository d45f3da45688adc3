"""The export dialog: where to write the report (.docx, .md or .txt) and what came of it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from drafter.drafting.export import FORMATS
from drafter.errors import DrafterError, PlaceholdersLeft
from drafter.paths import DRAFT_SUFFIX
from drafter.tui.dialogs import report_stem

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft


def default_export_path(draft: Draft) -> Path:
    """Beside the draft file (or in the current folder), named after the report."""
    if draft.path is not None:
        stem = Path(draft.path).name.removesuffix(DRAFT_SUFFIX).removesuffix(".yaml")
        return Path(draft.path).with_name(stem + ".docx")
    return Path.cwd() / f"{report_stem(draft)}.docx"


class ExportDialog(ModalScreen[Path | None]):
    """Choose the output path and format; shows the result, and offers to force an export
    that would leave placeholders unfilled."""

    BINDINGS = [Binding("escape", "close", "关闭")]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft
        self.exported: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label("导出报告", classes="dialog-title")
            yield Static(
                "导出到（扩展名决定格式：.docx 公文格式 / .md / .txt）：", classes="dialog-message"
            )
            yield Input(str(default_export_path(self.draft)), id="export-path")
            with Horizontal(classes="dialog-buttons"):
                for suffix in FORMATS:
                    yield Button(suffix, id=f"as{suffix.replace('.', '-')}", classes="format")
            yield Static("", id="export-result")
            with Horizontal(classes="dialog-buttons"):
                yield Button("导出", id="export", variant="primary")
                yield Button("仍然导出（保留占位符）", id="force", variant="warning")
                yield Button("关闭", id="close")

    def on_mount(self) -> None:
        self.query_one("#force").display = False
        self.query_one("#export-path", Input).focus()

    @on(Button.Pressed, ".format")
    def _format(self, event: Button.Pressed) -> None:
        field = self.query_one("#export-path", Input)
        path = Path(field.value.strip() or default_export_path(self.draft))
        field.value = str(path.with_suffix(str(event.button.label)))

    @on(Input.Submitted)
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        self._start(force=False)

    @on(Button.Pressed, "#force")
    def _force(self) -> None:
        self._start(force=True)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Close, handing back the file written (if any)."""
        self.dismiss(self.exported)

    def _start(self, *, force: bool) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        path = Path(text).expanduser() if text else None
        if path is None or path.suffix.lower() not in FORMATS:
            self._show("请给出以 .docx、.md 或 .txt 结尾的文件路径。", error=True)
            return
        self._show("正在导出…")
        self.run_export(copy.deepcopy(self.draft), path.absolute(), force)

    @work(thread=True, exclusive=True, group="export")
    def run_export(self, draft: Draft, path: Path, force: bool) -> None:
        """Export off the UI thread (building a .docx takes a moment)."""
        from drafter.drafting.export import export_draft

        try:
            written = export_draft(draft, path, force=force)
        except DrafterError as error:
            self.app.call_from_thread(self._failed, error)
        else:
            self.app.call_from_thread(self._done, Path(written or path))

    def _done(self, path: Path) -> None:
        self.exported = path
        self.query_one("#force").display = False
        self._show(f"已导出：{path}")
        self.query_one("#close", Button).focus()

    def _failed(self, error: DrafterError) -> None:
        left = error.names if isinstance(error, PlaceholdersLeft) else None
        self.query_one("#force").display = left is not None
        if left is None:
            self._show(f"导出失败：{error}", error=True)
            return
        self._show(
            f"导出失败：还有占位符没有填写：{'、'.join(left)}\n"
            "可以先按 Ctrl+L 跳到占位符填写，或选择仍然导出。",
            error=True,
        )

    def _show(self, message: str, *, error: bool = False) -> None:
        result = self.query_one("#export-result", Static)
        result.update(message)
        result.set_class(error, "-error")
