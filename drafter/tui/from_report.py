"""Starting from a finished report: last year's .docx (or .txt, .html, .md …).

The report is read in a thread (a large .docx takes a moment); the dialog then says
what was recognised — unit, year, title, date, and which parts were found — and
offers the two ways to use it: as this year's draft (its text to rewrite), or as
last year's report, starting next year's draft from it with its plans as the
checklist of what this year's measures must answer. Either way the draft
remembers the report, and the checks compare the draft with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from drafter.errors import DrafterError
from drafter.tui.guard import Guarded, describe
from drafter.tui.messages import OpenDraft

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft


class FromReportScreen(Guarded, ModalScreen[None]):
    """Read a report, show what was recognised, and open the draft the writer chooses."""

    BINDINGS = [Binding("escape", "dismiss(None)", "取消")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.draft: Draft | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="from-report"):
            yield Label(Text(f"打开报告：{self.path.name}"), classes="dialog-title")
            yield Static(f"正在读取 {self.path} …", id="recognised", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("作为今年的草稿导入", id="as-draft", variant="primary")
                yield Button("以它为去年的报告，开始新一年", id="next-year", variant="success")
                yield Button("取消", id="cancel")

    def on_mount(self) -> None:
        for button in self.query("#as-draft, #next-year"):
            button.disabled = True
        self.query_one("#cancel", Button).focus()
        self.read_report(self.path)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def read_report(self, path: Path) -> None:
        """Read and map the report off the UI thread."""
        from drafter.drafting.reuse import import_report

        try:
            draft = import_report(path)
            promises = promises_to_answer(draft)
        except Exception as error:  # not a report, unreadable, a bug: said in the dialog
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._read, draft, promises)

    def _failed(self, error: Exception) -> None:
        self.query_one("#recognised", Static).update(
            Text(f"无法读取这份报告：{describe(error)}", style="bold red")
        )

    def _read(self, draft: Draft, promises: int | None) -> None:
        self.draft = draft
        self.query_one("#recognised", Static).update(recognised(draft, promises))
        self.query_one("#as-draft", Button).disabled = False
        self.query_one("#next-year", Button).disabled = promises is None
        self.query_one("#next-year" if promises is not None else "#as-draft", Button).focus()

    @on(Button.Pressed, "#as-draft")
    def _as_draft(self) -> None:
        if self.draft is not None:
            self._open(self.draft)

    @on(Button.Pressed, "#next-year")
    def _next_year(self) -> None:
        from drafter.drafting.reuse import next_year_draft

        if self.draft is None:
            return
        try:
            draft = next_year_draft(self.draft)
        except Exception as error:
            self.notify(describe(error), title="无法开始新一年", severity="error", timeout=10)
            return
        self._open(draft)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def _open(self, draft: Draft) -> None:
        self.dismiss(None)
        self.app.post_message(OpenDraft(draft))


def recognised(draft: Draft, promises: int | None) -> Text:
    """What was read from the report: its answers, each part and how many items, and how
    many promises next year's draft would carry."""
    outline = draft.outline
    meta = draft.meta
    text = Text()
    for key in ("unit", "year", "title", "issuer", "date"):
        try:
            label = outline.question(key).label
        except KeyError:
            continue
        value = meta.get(key)
        text.append(f"{label}：", style="dim")
        text.append(str(value) if value not in (None, "") else "（未认出）", style="bold")
        text.append("\n")
    text.append("找到的部分：", style="dim")
    for section in outline.sections:
        count = len(draft.sections.get(section.key, []))
        text.append(f"\n  {'✓' if count else '-'} {section.label}")
        if not count:
            text.append(" 没有找到", style="yellow")
        elif section.repeatable:
            text.append(f" {count}条")
    if promises is not None:
        text.append(
            f"\n\n开始新一年：{meta.get('year', 0) + 1}年的草稿，去年“下一年度安排”中的 "
            f"{promises} 项作为今年要逐条回应的清单。",
            style="dim",
        )
    return text


def promises_to_answer(draft: Draft) -> int | None:
    """How many of the report's plans next year's draft would list (None if it cannot
    be started from this report, its year unknown)."""
    from drafter.drafting.reuse import next_year_draft, promise_keys

    try:
        following = next_year_draft(draft)
    except DrafterError:
        return None
    return sum(bool(promise_keys(promise)) for promise in following.promises)
