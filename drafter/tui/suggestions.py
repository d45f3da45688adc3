"""The suggestion panel: phrasings from the phrasebook for the text being typed.

Typing schedules a lookup after a short pause (debounce); the lookup runs in an
exclusive thread worker, so a newer request cancels an older one and typing
never waits. Results come back as a `SuggestionsFound` message and are dropped
if a newer request was made meanwhile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from drafter.errors import DrafterError
from drafter.placeholders import find_placeholders

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook, Suggestion

DEBOUNCE = 0.25
"""Seconds of quiet typing before a lookup starts."""
LIMIT = 8
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
    """What to look up: sentences close to `query`, or headings, for a slot and topic."""

    query: str
    slot: str
    topic: str | None
    headings: bool = False


class SuggestionsFound(Message):
    """A lookup finished."""

    def __init__(self, request: Request, suggestions: list[Suggestion]) -> None:
        super().__init__()
        self.request = request
        self.suggestions = suggestions


class SuggestionPanel(Vertical):
    """A titled list of suggestions with their uses and sources."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.suggestions: list[Suggestion] = []
        self._request: Request | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("建议", id="suggestions-title")
        yield OptionList(id="suggestion-list")

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
        self._timer = self.set_timer(DEBOUNCE, self._start_lookup)

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

    @work(thread=True, exclusive=True, group="suggest")
    def lookup(self, book: Phrasebook, request: Request) -> None:
        """Ask the phrasebook off the UI thread; post the result back."""
        try:
            if request.headings:
                found = book.headings(request.slot, topic=request.topic, limit=LIMIT * 2)
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
                )
        except DrafterError:
            found = []
        self.post_message(SuggestionsFound(request, found))

    def on_suggestions_found(self, message: SuggestionsFound) -> None:
        message.stop()
        if message.request != self._request:
            return
        self.suggestions = message.suggestions
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(_option(s) for s in self.suggestions)
        if self.suggestions:
            options.highlighted = 0
        self._set_title(message.request, "" if self.suggestions else "（没有找到，继续输入试试）")

    def _set_title(self, request: Request, note: str) -> None:
        what = "标题建议" if request.headings else "句子建议"
        where = f" · {request.topic}" if request.topic else ""
        self.query_one("#suggestions-title", Static).update(
            f"[b]{what}[/]{where} {note} [dim]^↑↓选择 ^T插入 ^R原文[/]"
        )


def _rank_headings(query: str, headings: list[Suggestion]) -> list[Suggestion]:
    """Headings sharing characters with what is typed, best overlap first."""
    wanted = set(query)
    scored = [(len(wanted & set(h.text)), h) for h in headings]
    return [h for score, h in sorted(scored, key=lambda pair: -pair[0]) if score]


def _option(suggestion: Suggestion) -> Option:
    """Template text with its placeholders marked, then `3篇 · 长治市潞州区 2023` dimmed."""
    text = Text(suggestion.template)
    for match in find_placeholders(suggestion.template):
        text.stylize("bold reverse", match.start(), match.end())
    sources = [
        " ".join(str(part) for part in (s.issuer, s.year) if part) for s in suggestion.sources[:2]
    ]
    more = " 等" if len(suggestion.sources) > 2 else ""
    text.append(
        f"\n  {suggestion.uses}篇报告用过 · {'；'.join(filter(None, sources))}{more}", style="dim"
    )
    return Option(text)
