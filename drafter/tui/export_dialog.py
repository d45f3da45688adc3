"""The export dialog: where to write the report (.docx, .md or .txt) and what came of it.

An existing file is replaced only once the writer says so: it may be the report as
edited in Word.
"""

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
from drafter.errors import PlaceholdersLeft
from drafter.paths import DRAFT_SUFFIX
from drafter.tui.dialogs import ConfirmDialog, path_problem, report_stem
from drafter.tui.guard import Guarded, describe

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft


def default_export_path(draft: Draft) -> Path:
    """Beside the draft file (or in the current folder), named after the report."""
    if draft.path is not None:
        stem = Path(draft.path).name.removesuffix(DRAFT_SUFFIX).removesuffix(".yaml")
        return Path(draft.path).with_name(stem + ".docx")
    return Path.cwd() / f"{report_stem(draft)}.docx"


class ExportDialog(Guarded, ModalScreen[Path | None]):
    """Choose the output path and format; shows the result, and offers to force an export
    that would leave placeholders unfilled."""

    BINDINGS = [Binding("escape", "close", "关闭")]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft
        self.exported: Path | None = None
        self.may_overwrite: Path | None = None
        """An existing file the writer agreed to replace (asked once per dialog)."""

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
            yield Static("", id="export-result", markup=False)
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
        problem = path_problem(text)
        if problem:
            self._show(problem, error=True)
            return
        path = Path(text).expanduser().absolute()
        if path.suffix.lower() not in FORMATS:
            self._show("请给出以 .docx、.md 或 .txt 结尾的文件路径。", error=True)
            return
        if path in (self.exported, self.may_overwrite) or not path.exists():
            self._run(path, force)
            return

        def answered(choice: str | None) -> None:
            if choice == "overwrite":
                self.may_overwrite = path
                self._run(path, force)
            else:
                self._show("没有导出：换一个文件名，或选择覆盖。")

        self.app.push_screen(
            ConfirmDialog(
                "文件已存在",
                f"{path} 已经存在（可能是在 Word 里改过的报告）。要覆盖它吗？",
                [("overwrite", "覆盖", "error"), ("cancel", "取消", "default")],
            ),
            answered,
        )

    def _run(self, path: Path, force: bool) -> None:
        self._show("正在导出…")
        self.run_export(copy.deepcopy(self.draft), path, force)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def run_export(self, draft: Draft, path: Path, force: bool) -> None:
        """Export off the UI thread (building a .docx takes a moment)."""
        from drafter.drafting.export import export_draft

        try:
            written = export_draft(draft, path, force=force)
        except Exception as error:  # a bad path, a full disk, a bug: said in the dialog
            self.app.call_from_thread(self._failed, error)
        else:
            self.app.call_from_thread(self._done, Path(written or path))

    def _done(self, path: Path) -> None:
        self.exported = path
        self.query_one("#force").display = False
        self._show(f"已导出：{path}")
        self.query_one("#close", Button).focus()

    def _failed(self, error: Exception) -> None:
        left = error.names if isinstance(error, PlaceholdersLeft) else None
        self.query_one("#force").display = left is not None
        if left is None:
            self._show(f"导出失败：{describe(error)}", error=True)
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
