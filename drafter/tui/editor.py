"""The editor for one item: the section's guidance, the item's heading and its body.

Placeholders (`{数量}` …) are highlighted in the body, and a selected one shows in
reverse video. Filling them cannot go wrong:
- `insert` puts a suggestion where the writer is typing, with the placeholders the
  draft already answers (`{年度}`, `{单位}` …) filled in, and *offers* the first one
  left: it is selected, so typing replaces it, and Ctrl+L stays on it;
- Ctrl+L (`next_placeholder`) selects the next one from wherever the cursor is, the
  one the cursor is in included; after the last one of an inserted sentence it puts
  the cursor at the end of that sentence, and Enter typed inside a sentence whose
  gaps are all filled goes there too, so it never splits the sentence.
The editor tells the screen what happened with its own messages: `Edited` when the
writer changed a field, `Moved` when the focus, the cursor or the selection moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import DescendantFocus
from textual.message import Message
from textual.widgets import Input, Static, TextArea
from textual.widgets.input import Selection as InputSelection
from textual.widgets.text_area import Selection

from drafter.placeholders import PLACEHOLDER, find_placeholders
from drafter.tui.guard import Guarded
from drafter.tui.suggestions import fragment_start
from drafter.tui.text import clip_lines

GUIDANCE_LINES = {"-narrow": 2, "-wide": 6}
"""Lines of a section's guidance shown until the writer expands it (F6), by layout."""
MORE = "……（F6 展开全文）"
FOLDED_SPACE = re.compile(r"(?<=[^\x00-\xff])\s+(?=[^\x00-\xff])")
"""Spaces between Chinese characters: left by YAML folding a pack's guidance, not meant."""


@dataclass(frozen=True)
class Span:
    """Offsets `start:end` into a field's text."""

    start: int
    end: int


def fill_known(text: str, known: dict[str, str]) -> str:
    """`text` with the placeholders the draft answers (`{年度}` → 2024) filled in."""
    return PLACEHOLDER.sub(lambda match: known.get(match.group(1), match.group(0)), text)


def next_gap(text: str, selection: Span, offered: Span | None) -> Span | None:
    """The placeholder Ctrl+L goes to from `selection`, or None if none is ahead.

    A placeholder that was selected for the writer (`offered`, after an insertion)
    and is still selected is the one to fill: Ctrl+L stays on it. One already
    chosen with Ctrl+L is left behind; otherwise the search starts at the cursor,
    the placeholder the cursor is in included.
    """
    matches = [Span(m.start(), m.end()) for m in find_placeholders(text)]
    if selection in matches:
        if selection == offered:
            return selection
        return next((m for m in matches if m.start >= selection.end), None)
    return next((m for m in matches if m.end > selection.start), None)


class BodyArea(Guarded, TextArea):
    """The item's body: soft-wrapped, placeholders marked, the selected one reversed."""

    BINDINGS = [
        Binding("ctrl+home", "document_start", "到正文开头", show=False),
        Binding("ctrl+end", "document_end", "到正文末尾", show=False),
    ]
    COMPONENT_CLASSES = TextArea.COMPONENT_CLASSES | {"body-area--placeholder"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", id=id)
        self.offered: Span | None = None
        """The placeholder selected for the writer after an insertion."""
        self.inserted: tuple[int, int] | None = None
        """The sentence inserted last, as (start, characters after it), while the cursor
        stays inside it: edits inside keep both numbers right."""

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        style = self.get_component_rich_style("body-area--placeholder", partial=True)
        for match in find_placeholders(line.plain):
            line.stylize(style, match.start(), match.end())
        return line

    @property
    def cursor_index(self) -> int:
        """The cursor as an offset into `text`."""
        return self.document.get_index_from_location(self.cursor_location)

    @property
    def span(self) -> Span:
        """The selection as offsets, in order."""
        index = self.document.get_index_from_location
        start, end = sorted((index(self.selection.start), index(self.selection.end)))
        return Span(start, end)

    @property
    def inserted_span(self) -> Span | None:
        """The sentence inserted last, if the writer is still in it."""
        if self.inserted is None:
            return None
        start, after = self.inserted
        return Span(start, len(self.text) - after)

    def select_span(self, span: Span) -> None:
        """Select text[span] (offsets into `text`), cursor at the end."""
        location = self.document.get_location_from_index
        self.selection = Selection(location(span.start), location(span.end))
        self.scroll_cursor_visible()

    def insert_sentence(self, text: str) -> None:
        """Put `text` over the unfinished sentence before the cursor; offer its first gap."""
        cursor = self.cursor_index
        start = fragment_start(self.text[:cursor])
        location = self.document.get_location_from_index
        self.replace(text, location(start), location(cursor))
        self.inserted = (start, len(self.text) - start - len(text))
        gaps = find_placeholders(text)
        if gaps:
            self.offered = Span(start + gaps[0].start(), start + gaps[0].end())
            self.select_span(self.offered)
        else:
            self.offered = None
            self.move_cursor(location(start + len(text)))

    def next_placeholder(self) -> bool:
        """Ctrl+L in the body: the next gap ahead, else the end of the inserted sentence;
        False when neither is left (the screen looks in the next items)."""
        span, inserted = self.span, self.inserted_span
        gap = next_gap(self.text, span, self.offered)
        self.offered = None
        if gap is not None and (inserted is None or gap.start < inserted.end):
            self.select_span(gap)
            return True
        if inserted is not None and span.end < inserted.end:
            self.move_cursor(self.document.get_location_from_index(inserted.end))
            self.inserted = None
            return True
        if gap is not None:
            self.select_span(gap)
            return True
        return False

    def first_placeholder(self) -> bool:
        """Select the first gap of the body (arriving from another item)."""
        gaps = find_placeholders(self.text)
        if gaps:
            self.select_span(Span(gaps[0].start(), gaps[0].end()))
        return bool(gaps)

    def on_text_area_selection_changed(self) -> None:
        """Leaving the inserted sentence ends it; moving off the offered gap withdraws it."""
        span = self.span
        if self.offered is not None and span != self.offered:
            self.offered = None
        inserted = self.inserted_span
        if inserted is not None and not inserted.start <= span.start <= span.end <= inserted.end:
            self.inserted = None

    async def _on_key(self, event: events.Key) -> None:
        inserted = self.inserted_span
        if event.key == "enter" and inserted is not None:
            span = self.span
            inside = inserted.start < span.end < inserted.end
            if inside and not find_placeholders(self.text[inserted.start : inserted.end]):
                self.move_cursor(self.document.get_location_from_index(inserted.end))
        await super()._on_key(event)

    def action_document_start(self) -> None:
        """Ctrl+Home: the start of the body."""
        self.move_cursor((0, 0))

    def action_document_end(self) -> None:
        """Ctrl+End: the end of the body (End stops at the end of the screen line)."""
        self.move_cursor(self.document.end)


class HeadingField(Guarded, Input):
    """The item's heading: one line, placeholders filled the same way as in the body."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="小标题（可空；输入时右侧/下方列出常用标题）", id=id)
        self.offered: Span | None = None

    @property
    def span(self) -> Span:
        start, end = sorted(self.selection)
        return Span(start, end)

    def set_heading(self, text: str) -> None:
        """Replace the heading with `text` and offer its first gap."""
        self.value = text
        gaps = find_placeholders(text)
        self.offered = Span(gaps[0].start(), gaps[0].end()) if gaps else None
        if self.offered is not None:
            self.selection = InputSelection(self.offered.start, self.offered.end)
        else:
            self.cursor_position = len(text)

    def next_placeholder(self) -> bool:
        gap = next_gap(self.value, self.span, self.offered)
        self.offered = None
        if gap is not None:
            self.selection = InputSelection(gap.start, gap.end)
        return gap is not None

    def first_placeholder(self) -> bool:
        gaps = find_placeholders(self.value)
        if gaps:
            self.selection = InputSelection(gaps[0].start(), gaps[0].end())
        return bool(gaps)

    def watch_selection(self) -> None:
        if self.offered is not None and self.span != self.offered:
            self.offered = None


class Guidance(Guarded, Static):
    """A section's guidance: two lines and a sign that there is more, or all of it (F6)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.text = ""
        self.expanded = False

    def show_text(self, text: str) -> None:
        self.text = FOLDED_SPACE.sub("", text)
        self.display = bool(text)
        self._refresh_text()

    def toggle(self) -> None:
        self.expanded = not self.expanded
        self.set_class(self.expanded, "-expanded")
        self._refresh_text()

    def on_resize(self) -> None:
        self._refresh_text()

    def _width(self) -> int:
        return max(self.content_size.width or self.size.width, 8)

    def _refresh_text(self) -> None:
        text = self.text
        if not self.expanded:
            lines = GUIDANCE_LINES["-wide" if self.screen.has_class("-wide") else "-narrow"]
            text = clip_lines(text, self._width(), lines, MORE)
        elif text:
            text = f"{text}（F6 收起）"
        self.update(text)


class ItemEditor(Guarded, Vertical):
    """Section title and guidance above the item's heading field and body."""

    class Edited(Message):
        """The writer changed the heading or the body (not a load by `show`)."""

        def __init__(self, field: str, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

    class Moved(Message):
        """The focus moved to another field, or the cursor or selection within one."""

        def __init__(self, field: str) -> None:
            super().__init__()
            self.field = field

    field = "body"
    """The field suggestions go to: "heading" or "body"."""

    def compose(self) -> ComposeResult:
        yield Static("", id="section-title", markup=False)
        yield Guidance(id="guidance")
        yield HeadingField(id="heading")
        yield BodyArea(id="body")

    @property
    def heading(self) -> HeadingField:
        return self.query_one("#heading", HeadingField)

    @property
    def body(self) -> BodyArea:
        return self.query_one("#body", BodyArea)

    @property
    def guidance(self) -> Guidance:
        return self.query_one(Guidance)

    def show(self, title: str, guidance: str, heading: str | None, body: str | None) -> None:
        """Load an item without posting change events; a None field is hidden."""
        self.query_one("#section-title", Static).update(title)
        self.guidance.show_text(guidance or "")
        field, area = self.heading, self.body
        with self.prevent(Input.Changed, TextArea.Changed):
            field.value = heading or ""
            area.load_text(body or "")
        field.offered = area.offered = area.inserted = None
        field.display = heading is not None
        area.display = body is not None
        area.move_cursor(area.document.end)
        self.field = "body"

    def text_before_cursor(self) -> str:
        """The body up to the cursor: what the writer is in the middle of."""
        area = self.body
        return area.text[: area.cursor_index]

    def placeholder_hint(self) -> str:
        """What the status bar says while placeholders are being filled (else "")."""
        focused = self.screen.focused
        if focused is self.heading:
            text, span = self.heading.value, self.heading.span
        elif focused is self.body:
            text, span = self.body.text, self.body.span
        else:
            return ""
        gap = text[span.start : span.end]
        if PLACEHOLDER.fullmatch(gap):
            return f"填写 {gap}：直接输入即替换　Ctrl+L 下一处"
        inserted = self.body.inserted_span if focused is self.body else None
        if inserted is None:
            return ""
        left = len(find_placeholders(text[inserted.start : inserted.end]))
        if left:
            return f"这句还有 {left} 处待填　Ctrl+L 下一处"
        return "这句已填完　Ctrl+L 或回车 到句末"

    # --- what the writer does ---------------------------------------------------------

    @on(Input.Changed, "#heading")
    def _heading_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Edited("heading", event.value))

    @on(TextArea.Changed, "#body")
    def _body_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.Edited("body", event.text_area.text))

    @on(TextArea.SelectionChanged, "#body")
    def _cursor_moved(self, event: TextArea.SelectionChanged) -> None:
        event.stop()
        self.post_message(self.Moved("body"))

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        widget_id = event.widget.id
        if widget_id in ("heading", "body") and widget_id != self.field:
            self.field = widget_id
        self.post_message(self.Moved(self.field))

    # --- suggestions and placeholders ------------------------------------------------

    def insert(self, text: str, known: dict[str, str]) -> None:
        """Put a suggestion in, the placeholders the draft answers filled: as the heading,
        or over the unfinished sentence of the body, its first gap offered to the writer."""
        text = fill_known(text, known)
        if self.field == "heading" and self.heading.display:
            self.heading.focus()
            self.heading.set_heading(text)
        else:
            self.body.focus()
            self.body.insert_sentence(text)
        self.post_message(self.Moved(self.field))

    def next_placeholder(self) -> bool:
        """Ctrl+L within this item, from the focused field; False if nothing is left ahead
        (the screen then looks in the next items)."""
        focused = self.screen.focused
        if focused is self.heading and self.heading.display:
            if self.heading.next_placeholder():
                return True
            if self.body.display and self.body.first_placeholder():
                self.body.focus()
                return True
            return False
        if focused is not self.body:
            return self.first_placeholder("heading") or self.first_placeholder("body")
        return self.body.next_placeholder()

    def first_placeholder(self, field: str) -> bool:
        """Select the first placeholder of `field` and focus it (arriving from elsewhere)."""
        widget = self.heading if field == "heading" else self.body
        if widget.display and widget.first_placeholder():
            widget.focus()
            return True
        return False
