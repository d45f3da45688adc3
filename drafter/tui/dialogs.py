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

from drafter.paths import DRAFT_SUFFIX
from drafter.tui.guard import Guarded

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft


def report_stem(draft: Draft) -> str:
    """A file name for the report: its title (`长治市潞州区2024年度法治政府建设情况报告`)."""
    meta = draft.meta
    title = str(meta.get("title") or f"{meta.get('unit', '')}{meta.get('year', '')}").strip()
    return "".join("_" if c in '/\\:*?"<>|' else c for c in title) or "报告"


class ConfirmDialog(Guarded, ModalScreen[str | None]):
    """Ask a question; dismisses with the id of the button pressed (None on Esc)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "取消")]

    def __init__(self, title: str, message: str, choices: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Static(self.message, classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for choice, label, variant in self.choices:
                    yield Button(label, id=choice, variant=variant)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    @on(Button.Pressed)
    def choose(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)


class PathDialog(Guarded, ModalScreen[Path | None]):
    """Ask for a file path; dismisses with it (absolute) once `problem()` finds none."""

    BINDINGS = [Binding("escape", "dismiss(None)", "取消")]
    TITLE_TEXT = ""
    PROMPT = ""
    BUTTON = ""
    REPLACE_INITIAL = True
    """Select the initial text on focus, so that typing replaces it (else typing adds to it)."""

    def __init__(self, initial: str | Path) -> None:
        super().__init__()
        self.initial = str(initial)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.TITLE_TEXT, classes="dialog-title", markup=False)
            yield Static(self.PROMPT, classes="dialog-message", markup=False)
            yield Input(self.initial, id="path", select_on_focus=self.REPLACE_INITIAL)
            yield Static("", id="path-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.BUTTON, id="ok", variant="primary")
                yield Button("取消", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        problem = path_problem(text)
        path = self.adjust(Path(text).expanduser()) if not problem else None
        problem = problem or (self.problem(path) if path is not None else None)
        if problem or path is None:
            self.query_one("#path-error", Static).update(problem or "")
            return
        self.dismiss(path.absolute())

    def adjust(self, path: Path) -> Path:
        """The path to use for what was typed (as typed, by default)."""
        return path

    def problem(self, path: Path) -> str | None:
        """Why `path` will not do, if it will not."""
        return None

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


def path_problem(text: str) -> str | None:
    """What is wrong with a typed path before it is used at all (empty, control characters)."""
    if not text:
        return "请填写文件路径"
    if any(not char.isprintable() for char in text):
        return "路径里有控制字符（可能是粘贴带进来的），请删去后再试"
    return None


class SaveDialog(PathDialog):
    """Ask where to save a draft the first time; `.draft.yaml` is added when missing."""

    TITLE_TEXT = "保存草稿"
    PROMPT = "草稿文件保存到（回车确认，Esc 取消）："
    BUTTON = "保存"

    def adjust(self, path: Path) -> Path:
        if path.name.endswith(DRAFT_SUFFIX):
            return path
        return path.with_name(path.name.removesuffix(".yaml") + DRAFT_SUFFIX)

    def problem(self, path: Path) -> str | None:
        return f"{path} 是一个文件夹" if path.is_dir() else None


class OpenDialog(PathDialog):
    """Ask for a file to open: a draft, or a finished report to start from (the start
    screen lists the recent drafts)."""

    TITLE_TEXT = "打开草稿或报告"
    PROMPT = (
        "草稿（*.draft.yaml），或去年的报告（.docx .txt .html .md …，可导入或以它开始新一年）"
        "的路径（回车打开，Esc 取消）："
    )
    BUTTON = "打开"
    REPLACE_INITIAL = False

    def problem(self, path: Path) -> str | None:
        if path.is_dir():
            return f"{path} 是一个文件夹，请写出文件名"
        return None if path.is_file() else f"找不到 {path}"
