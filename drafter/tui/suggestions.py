"""The suggestion panel: phrasings from the phrasebook for the text being typed.

Typing schedules a lookup after a short pause (debounce); the lookup runs in an
exclusive thread worker, so a newer request cancels an older one and typing
never waits. Results come back as a `SuggestionsFound` message and are dropped
if a newer request was made meanwhile. Each suggestion takes two lines, so that
an 80×24 terminal shows three; where the highlighted one comes from is said
under the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from drafter.placeholders import find_placeholders
from drafter.tui.guard import Guarded, describe, guarded
from drafter.tui.text import clip_lines, refill

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook, Suggestion

DEBOUNCE = 0.25
"""Seconds of quiet typing before a lookup starts."""
LIMIT = 8
OPTION_LINES = 2
"""Lines per suggestion in the list."""
_SENTENCE_END = re.compile(r"[。！？；：\n]")
_QUERY_CHARS = 40
_MIN_FRAGMENT = 4


def fragment_start(before: str) -> int:
    """Where the unfinished sentence before the cursor starts (after 。！？；： or a newline)."""
    ends = list(_SENTENCE_END.finditer(before))
    start = ends[-1].end() if ends else 0
    while start < len(before) and before[start] in " \u3000":
        start += 1
    return start


def query_before(before: str, fallback: str) -> str:
    """The text to look up: the unfinished sentence before the cursor.

    When that is too short to match on, the sentence before it is added; an
    empty body falls back to the item's heading (or topic).
    """
    start = fragment_start(before)
    fragment = before[start:]
    if len(fragment.strip()) < _MIN_FRAGMENT:
        previous = before[: fragment_start(before[: max(start - 1, 0)])]
        fragment = before[len(previous) :]
    query = fragment.strip()[-_QUERY_CHARS:]
    return query or fallback


@dataclass(frozen=True)
class Request:
    """What to look up: sentences close to `query`, or headings, for a slot and topic,
    for a report of `year` (None: any) by a unit of `unit_kind` (区县/开发区/部门)."""

    query: str
    slot: str
    topic: str | None
    headings: bool = False
    year: int | None = None
    unit_kind: str | None = None


class SuggestionsFound(Message):
    """A lookup finished (`problem` says why it found nothing, when it failed)."""

    def __init__(self, request: Request, suggestions: list[Suggestion], problem: str = "") -> None:
        super().__init__()
        self.request = request
        self.suggestions = suggestions
        self.problem = problem


class SuggestionPanel(Guarded, Vertical):
    """A titled list of suggestions, two lines each, and the highlighted one's sources."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.suggestions: list[Suggestion] = []
        self._request: Request | None = None
        self._timer: Timer | None = None
        self._width = 0

    def compose(self) -> ComposeResult:
        yield Static("建议", id="suggestions-title", markup=False)
        yield OptionList(id="suggestion-list")
        yield Static("", id="suggestion-source", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "book", self._book_changed, init=False)

    @property
    def selected(self) -> Suggestion | None:
        """The highlighted suggestion, if any."""
        index = self.query_one(OptionList).highlighted
        if index is None or index >= len(self.suggestions):
            return None
        return self.suggestions[index]

    def move(self, delta: int) -> None:
        """Highlight the next (+1) or previous (-1) suggestion."""
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = (current + delta) % options.option_count

    def request(self, request: Request) -> None:
        """Look `request` up after a short pause, unless a newer request comes first."""
        if request == self._request and self.suggestions:
            return
        self._request = request
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, guarded(self, self._start_lookup))

    def _book_changed(self, _book: object) -> None:
        if self._request is not None:
            self._start_lookup()

    def _start_lookup(self) -> None:
        book: Phrasebook | None = getattr(self.app, "book", None)
        request = self._request
        if request is None:
            return
        if book is None:
            self._set_title(request, "（短语库加载中…）")
            return
        self.lookup(book, request)

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def lookup(self, book: Phrasebook, request: Request) -> None:
        """Ask the phrasebook off the UI thread; post the result back (a failed lookup
        is an empty list that says why: typing goes on)."""
        try:
            if request.headings:
                found = book.headings(
                    request.slot, topic=request.topic, limit=LIMIT * 2, year=request.year
                )
                if request.query:
                    found = _rank_headings(request.query, found) or found
                found = found[:LIMIT]
            else:
                found = book.suggest(
                    request.query,
                    slot=request.slot,
                    topic=request.topic,
                    limit=LIMIT,
                    kind="sentence",
                    year=request.year,
                    unit_kind=request.unit_kind,
                )
        except Exception as error:
            self.post_message(SuggestionsFound(request, [], describe(error)))
            return
        self.post_message(SuggestionsFound(request, found))

    def on_suggestions_found(self, message: SuggestionsFound) -> None:
        message.stop()
        if message.request != self._request:
            return
        self.suggestions = message.suggestions
        self._fill_list()
        note = "" if self.suggestions else "（没有找到，继续输入试试）"
        if message.problem:
            note = f"（查询出错：{message.problem}）"
        self._set_title(message.request, note)

    def on_resize(self) -> None:
        if self.size.width != self._width:
            self._width = self.size.width
            self._fill_list()

    def _fill_list(self) -> None:
        """List the suggestions, each cut to two lines of the list's width."""
        found = self.suggestions
        refill(self.query_one(OptionList), lambda w: (_option(s, w) for s in found), len(found))
        self._show_source()

    @on(OptionList.OptionHighlighted, "#suggestion-list")
    def _show_source(self) -> None:
        """Under the list: how many reports used the highlighted suggestion, and whose."""
        chosen = self.selected
        self.query_one("#suggestion-source", Static).update(
            Text(_sources(chosen), style="dim") if chosen else ""
        )

    def _set_title(self, request: Request, note: str) -> None:
        what = "标题建议" if request.headings else "句子建议"
        where = f" · {request.topic}" if request.topic else ""
        title = Text.assemble((what, "bold"), where, " ", note, (" ^↑↓选择 ^T插入 ^R原文", "dim"))
        self.query_one("#suggestions-title", Static).update(title)


def _rank_headings(query: str, headings: list[Suggestion]) -> list[Suggestion]:
    """Headings sharing characters with what is typed, best overlap first."""
    wanted = set(query)
    scored = [(len(wanted & set(h.text)), h) for h in headings]
    return [h for score, h in sorted(scored, key=lambda pair: -pair[0]) if score]


def _option(suggestion: Suggestion, width: int) -> Option:
    """The template, cut to two lines of `width` cells, its placeholders marked."""
    shown = clip_lines(suggestion.template, max(width, 8), OPTION_LINES)
    text = Text(shown)
    for match in find_placeholders(shown):
        text.stylize("bold underline", match.start(), match.end())
    return Option(text)


def _sources(suggestion: Suggestion) -> str:
    """`3篇报告用过 · 长治市潞州区 2023；天津市河东区 2021 等`."""
    sources = [
        " ".join(str(part) for part in (s.issuer, s.year) if part) for s in suggestion.sources[:2]
    ]
    more = " 等" if len(suggestion.sources) > 2 else ""
    return f"{suggestion.uses}篇报告用过 · {'；'.join(filter(None, sources))}{more}"
