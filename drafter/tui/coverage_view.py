"""The coverage view: how the measures spread over the 纲要's task areas, beside the
typical report in the corpus (F5, or 纲要覆盖 in the command palette).

A writer sees at a glance that 数字法治 has two sentences where reports like theirs
have twenty. The numbers are counted in a thread worker (the typical shares are read
from the phrase index) on a copy of the draft; the bars are the ones `check
--coverage` prints, drawn as wide as the view has room for.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from drafter.drafting.checks.coverage import (
    BAR_SCALE,
    BAR_WIDTH,
    THIN,
    THIN_NOTE,
    coverage,
    coverage_lines,
)
from drafter.errors import CorpusError
from drafter.textnorm import cell_width, chinese_number
from drafter.tui.guard import Guarded, describe

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook
    from drafter.drafting.checks.coverage import Coverage
    from drafter.drafting.draft import Draft

MIN_BAR = 8
"""The narrowest bar worth drawing (a narrower window wraps the lines instead)."""
MAX_BAR = 40
"""The widest bar: 1% of the measures a cell."""
_THIN = Fraction(THIN).limit_denominator(10)
LEGEND = (
    f"█ 该分项占主要举措句数的比例（满格为{BAR_SCALE:.0%}）　| 语料中报告的中位数　"
    f"{THIN_NOTE}：不到中位数的{chinese_number(_THIN.denominator)}分之"
    f"{chinese_number(_THIN.numerator)}"
)


class CoverageScreen(Guarded, ModalScreen[None]):
    """The task areas as bars, the typical share marked; Esc (or F5 again) closes."""

    BINDINGS = [Binding("escape,f5,q", "dismiss(None)", "关闭")]

    def __init__(self, draft: Draft) -> None:
        super().__init__()
        self.draft = draft
        """A copy: the view counts it off the UI thread."""
        self.found: Coverage | None = None
        self.note = ""
        """Why there is nothing to compare with, when there is not."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="coverage", classes="dialog"):
            yield Static("纲要任务分项覆盖", classes="dialog-title")
            yield Static("正在统计…", id="coverage-bars")
            yield Static("", id="coverage-note", markup=False)
            yield Static(Text(LEGEND, style="dim"), id="coverage-legend")
            yield Static(Text("Esc 关闭　↑↓ 滚动", style="dim"), id="coverage-keys")

    def on_mount(self) -> None:
        self.query_one("#coverage").focus()
        self.count(self.app_book())
        self.watch(self.app, "book", lambda book: self.count(book), init=False)

    def app_book(self) -> Phrasebook | None:
        return getattr(self.app, "book", None)

    @work(thread=True, exclusive=True, group="coverage", exit_on_error=False)
    def count(self, book: Phrasebook | None) -> None:
        """Count the measures per task area, with the corpus's typical report when the
        phrasebook is open; a corpus that cannot be read leaves the draft's own figures."""
        note = "" if book is not None else "短语库加载中，加载后显示语料中报告的常见占比。"
        try:
            try:
                found = coverage(self.draft, book)
            except CorpusError as error:
                note = f"无法与语料对照：{error}"
                found = coverage(self.draft, None)
        except Exception as error:
            self.app.call_from_thread(self._failed, describe(error))
            return
        self.app.call_from_thread(self._show, found, note)

    def _show(self, found: Coverage, note: str) -> None:
        self.found, self.note = found, note
        self.query_one("#coverage-note", Static).update(note)
        self.query_one("#coverage-note").display = bool(note)
        self._draw()

    def _failed(self, problem: str) -> None:
        self.query_one("#coverage-bars", Static).update(Text(f"无法统计：{problem}", "red"))

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        """The bars, as wide as the view allows between MIN_BAR and MAX_BAR."""
        if self.found is None:
            return
        bars = self.query_one("#coverage-bars", Static)
        room = self.query_one("#coverage").scrollable_content_region.width
        widest = max(cell_width(line) for line in coverage_lines(self.found)[1:])
        width = max(MIN_BAR, min(MAX_BAR, BAR_WIDTH + room - widest))
        text = Text("\n".join(coverage_lines(self.found, width)))
        text.highlight_regex(r"█+", "green")
        text.highlight_regex(r"\|", "bold cyan")
        text.highlight_words([THIN_NOTE], "bold yellow")
        bars.update(text)
