"""Small modal dialogs: a question with buttons, and a file path to save to."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

if TYPE_CHECKING:
    from drafter.draft import Draft

DRAFT_SUFFIX = ".draft.yaml"


def report_stem(draft: Draft) -> str:
    """A file name for the report: its title (`长治市潞州区2024年度法治政府建设情况报告`)."""
    meta = draft.meta
    title = str(meta.get("title") or f"{meta.get('unit', '')}{meta.get('year', '')}").strip()
    return "".join("_" if c in '/\\:*?"<>|' else c for c in title) or "报告"


class ConfirmDialog(ModalScreen[str | None]):
    """Ask a question; dismisses with the id of the button pressed (None on Esc)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "取消")]

    def __init__(self, title: str, message: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                for choice, label, variant in self.choices:
                    yield Button(label, id=choice, variant=variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def choose(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


class SaveDialog(ModalScreen[Path | None]):
    """Ask where to save a draft the first time; `.draft.yaml` is added when missing."""

    BINDINGS = [Binding("escape", "dismiss(None)", "取消")]

    def __init__(self, suggested: Path) -> None:
        super().__init__()
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("保存草稿", classes="dialog-title")
            yield Static("草稿文件保存到（回车确认，Esc 取消）：", classes="dialog-message")
            yield Input(str(self.suggested), id="save-path")
            yield Static("", id="save-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("保存", id="save", variant="primary")
                yield Button("取消", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        text = self.query_one("#save-path", Input).value.strip()
        if not text:
            self.query_one("#save-error", Static).update("请填写文件路径")
            return
        path = Path(text).expanduser()
        if not path.name.endswith(DRAFT_SUFFIX):
            path = path.with_name(path.name.removesuffix(".yaml") + DRAFT_SUFFIX)
        if path.is_dir():
            self.query_one("#save-error", Static).update(f"{path} 是一个文件夹")
            return
        self.dismiss(path.absolute())

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
