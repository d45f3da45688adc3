"""The carry-over view: last year's plans, the promises this year's measures must answer.

A draft started from last year's (`next_year_draft`) keeps last year's plans as its
`promises`. While the measures are written, each promise stays in view, marked `✓`
once a measure covers it (`reuse.promise_coverage`, worked out in a thread after
each pause in typing) and `○` while none does. Enter on a promise goes to the
measure that covers it, or starts a new measure headed with it.
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

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft, Item

Coverage = list[tuple["Item", tuple[str, int] | None]]


class PromisePanel(Guarded, Vertical):
    """`去年的安排 已回应 2/6`, then each promise with its mark."""

    class PromiseChosen(Message):
        """The writer wants to answer a promise: at `place`, or in a new measure."""

        def __init__(self, promise: Item, place: tuple[str, int] | None) -> None:
            super().__init__()
            self.promise = promise
            self.place = place

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.coverage: Coverage = []

    def compose(self) -> ComposeResult:
        yield Static("去年的安排", id="promises-title", markup=False)
        yield OptionList(id="promise-list")

    @work(thread=True, exclusive=True, group="coverage", exit_on_error=False)
    def update_coverage(self, draft: Draft) -> None:
        """Work out which promises the measures cover (a copy of the draft, off the UI thread)."""
        from drafter.drafting.reuse import promise_coverage

        try:
            coverage = promise_coverage(draft)
        except Exception as error:  # the list stays as it was; the title says why
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self.show, coverage, draft)

    def show(self, coverage: Coverage, draft: Draft) -> None:
        """List the promises, covered ones marked with the measure that covers them."""
        self.coverage = coverage
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(_option(promise, place, draft) for promise, place in coverage)
        if coverage:
            options.highlighted = min(highlighted or 0, len(coverage) - 1)
        done = sum(place is not None for _promise, place in coverage)
        title = Text.assemble(("去年的安排", "bold"), f" 已回应 {done}/{len(coverage)}")
        title.append("  回车：去写这一条", style="dim")
        self.query_one("#promises-title", Static).update(title)

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


def _option(promise: Item, place: tuple[str, int] | None, draft: Draft) -> Option:
    """`✓ 深化行政执法体制改革  → 完善行政执法体制机制` or `○ 推进数字法治政府建设`."""
    text = Text()
    if place is None:
        text.append("○ ", style="yellow")
        text.append(promise_title(promise))
        return Option(text)
    section, index = place
    items = draft.items(section)
    measure = items[index].heading.strip() if index < len(items) else ""
    text.append("✓ ", style="green")
    text.append(promise_title(promise), style="dim")
    if measure and measure != promise_title(promise):
        text.append(f"  → {measure}", style="dim italic")
    return Option(text)
