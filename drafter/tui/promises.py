"""The carry-over view: last year's plans, the promises this year's measures must answer.

A draft started from last year's (`next_year_draft`) keeps last year's plans as its
`promises`. While the measures are written, each promise stays in view, one line
each, marked `✓` once a measure covers it (`reuse.promise_coverage`, worked out in
a thread after each pause in typing) and `○` while none does; the one the item in
the editor answers is highlighted, and on a wide screen last year's words for it
show underneath. Enter on a promise goes to the measure that covers it, or to one
headed with it. An introduction among the plans (`2024年，我区将……`) promises
nothing and is not listed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from drafter.tui.guard import Guarded, describe
from drafter.tui.text import clip_lines, refill

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft, Item

Coverage = list[tuple["Item", tuple[str, int] | None]]
TEXT_LINES = 4
"""Lines of last year's words for the highlighted promise (wide screens)."""


class PromisePanel(Guarded, Vertical):
    """`去年的安排 已回应 2/5`, each promise on a line with its mark, and (when wide)
    the highlighted promise's text."""

    class PromiseChosen(Message):
        """The writer wants to answer a promise: at `place`, or in a new measure."""

        def __init__(self, promise: Item, place: tuple[str, int] | None) -> None:
            super().__init__()
            self.promise = promise
            self.place = place

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.coverage: Coverage = []
        self.current: tuple[tuple[str, int] | None, str] = (None, "")
        """The item in the editor: (section, index) and its heading."""
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static("去年的安排", id="promises-title", markup=False)
        yield OptionList(id="promise-list")
        yield Static("", id="promise-text", markup=False)

    @work(thread=True, exclusive=True, group="coverage", exit_on_error=False)
    def update_coverage(self, draft: Draft) -> None:
        """Work out which promises the measures cover (a copy of the draft, off the UI thread)."""
        from drafter.drafting.reuse import promise_coverage, promise_keys

        try:
            coverage = [
                (promise, place)
                for promise, place in promise_coverage(draft)
                if promise_keys(promise)
            ]
        except Exception as error:  # the list stays as it was; the title says why
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self.show, coverage)

    def show(self, coverage: Coverage) -> None:
        """List the promises, covered ones marked."""
        self.coverage = coverage
        self._fill_list()
        if not self.query_one(OptionList).has_focus:  # not while the writer browses it
            self.follow(*self.current)
        done = sum(place is not None for _promise, place in coverage)
        title = Text.assemble(("去年的安排", "bold"), f" 已回应 {done}/{len(coverage)}")
        title.append("  回车：去写这一条", style="dim")
        self.query_one("#promises-title", Static).update(title)

    def follow(self, place: tuple[str, int] | None, heading: str) -> None:
        """Highlight the promise the item in the editor answers (by coverage, or by the
        heading next year's checklist gave it)."""
        self.current = (place, heading)
        for index, (promise, covered) in enumerate(self.coverage):
            if (place is not None and covered == place) or (
                heading and promise.heading.strip() == heading.strip()
            ):
                self.query_one(OptionList).highlighted = index
                return

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._width = self.size.width
            self._fill_list()

    def _fill_list(self) -> None:
        coverage = self.coverage
        refill(
            self.query_one(OptionList),
            lambda width: (_option(p, place, width) for p, place in coverage),
            len(coverage),
        )

    @on(OptionList.OptionHighlighted, "#promise-list")
    def _show_text(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        promise = self.coverage[event.option_index][0]
        width = self.query_one("#promise-text").content_region.width or self.size.width
        self.query_one("#promise-text", Static).update(
            Text(clip_lines(promise.body.strip(), max(width, 8), TEXT_LINES), style="dim")
        )

    def _failed(self, error: Exception) -> None:
        self.query_one("#promises-title", Static).update(
            Text(f"去年的安排（无法对照：{describe(error)}）", style="yellow")
        )

    @on(OptionList.OptionSelected, "#promise-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.coverage):
            self.post_message(self.PromiseChosen(*self.coverage[event.option_index]))


def promise_title(promise: Item) -> str:
    """A promise in a few words: its heading, else the start of its text."""
    return promise.heading.strip() or promise.body.strip()[:40]


def _option(promise: Item, place: tuple[str, int] | None, width: int) -> Option:
    """`✓ 全面创优法治营商环境` (dim, answered) or `○ 完善行政执法体制机制`, one line."""
    title = clip_lines(promise_title(promise), max(width - 2, 8), 1)
    if place is None:
        return Option(Text.assemble(("○ ", "yellow"), title))
    return Option(Text.assemble(("✓ ", "green"), (title, "dim")))
