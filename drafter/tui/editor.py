"""The editor for one item: the section's guidance, the item's heading and its body.

Placeholders (`{数量}` …) are highlighted in the body; `next_placeholder` selects
the next one so that typing replaces it, and `insert` puts a suggestion where the
writer is typing. The editor tells the screen what happened with its own messages:
`Edited` when the writer changed a field, `Moved` when the focus or the cursor moved
(the suggestions follow both).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import DescendantFocus
from textual.message import Message
from textual.widgets import Input, Static, TextArea
from textual.widgets.input import Selection as InputSelection
from textual.widgets.text_area import Selection

from drafter.placeholders import find_placeholders
from drafter.tui.suggestions import fragment_start


class BodyArea(TextArea):
    """The item's body: soft-wrapped, with placeholders marked."""

    COMPONENT_CLASSES = TextArea.COMPONENT_CLASSES | {"body-area--placeholder"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(soft_wrap=True, show_line_numbers=False, tab_behavior="focus", id=id)

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

    def select_span(self, start: int, end: int) -> None:
        """Select text[start:end] (offsets into `text`), cursor at the end."""
        location = self.document.get_location_from_index
        self.selection = Selection(location(start), location(end))

    def select_next_placeholder(self) -> bool:
        """Select the first placeholder after the cursor (wrapping); False if there is none."""
        matches = find_placeholders(self.text)
        if not matches:
            return False
        start = self.document.get_index_from_location(self.selection.start)
        end = self.cursor_index
        after = max(start, end) if start != end else end
        match = next((m for m in matches if m.start() >= after), matches[0])
        self.select_span(match.start(), match.end())
        self.scroll_cursor_visible()
        return True


def select_next_placeholder_in_input(field: Input) -> bool:
    """The heading field's flavour of `BodyArea.select_next_placeholder`."""
    matches = find_placeholders(field.value)
    if not matches:
        return False
    after = max(field.selection)
    match = next((m for m in matches if m.start() >= after), matches[0])
    field.selection = InputSelection(match.start(), match.end())
    return True


class ItemEditor(Vertical):
    """Section title and guidance above the item's heading field and body."""

    class Edited(Message):
        """The writer changed the heading or the body (not a load by `show`)."""

        def __init__(self, field: str, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

    class Moved(Message):
        """The focus moved to another field, or the cursor within the body."""

        def __init__(self, field: str) -> None:
            super().__init__()
            self.field = field

    field = "body"
    """The field suggestions go to: "heading" or "body"."""

    def compose(self) -> ComposeResult:
        yield Static("", id="section-title")
        yield Static("", id="guidance")
        yield Input(placeholder="小标题（可空；输入时右侧/下方列出常用标题）", id="heading")
        yield BodyArea(id="body")

    @property
    def heading(self) -> Input:
        return self.query_one("#heading", Input)

    @property
    def body(self) -> BodyArea:
        return self.query_one("#body", BodyArea)

    def show(self, title: str, guidance: str, heading: str | None, body: str | None) -> None:
        """Load an item without posting change events; a None field is hidden."""
        self.query_one("#section-title", Static).update(title)
        self.query_one("#guidance", Static).update(guidance or "")
        self.query_one("#guidance").display = bool(guidance)
        field, area = self.heading, self.body
        with self.prevent(Input.Changed, TextArea.Changed):
            field.value = heading or ""
            area.load_text(body or "")
        field.display = heading is not None
        area.display = body is not None
        area.move_cursor(area.document.end)
        self.field = "body"

    def text_before_cursor(self) -> str:
        """The body up to the cursor: what the writer is in the middle of."""
        area = self.body
        return area.text[: area.cursor_index]

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
            self.post_message(self.Moved(widget_id))

    # --- suggestions and placeholders ------------------------------------------------

    def insert(self, text: str) -> None:
        """Put a suggestion in: as the heading, or over the unfinished sentence of the body,
        with its first placeholder selected so that typing fills it."""
        if self.field == "heading" and self.heading.display:
            field = self.heading
            field.value = text
            field.focus()
            if not select_next_placeholder_in_input(field):
                field.cursor_position = len(text)
            return
        area = self.body
        area.focus()
        cursor = area.cursor_index
        start = fragment_start(area.text[:cursor])
        location = area.document.get_location_from_index
        area.replace(text, location(start), location(cursor))
        inserted = find_placeholders(text)
        if inserted:
            area.select_span(start + inserted[0].start(), start + inserted[0].end())

    def next_placeholder(self) -> bool:
        """Select the next `{…}` of this item from where the writer is; False if none is left
        ahead (the screen then looks in the next items)."""
        focused = self.screen.focused
        if focused is self.heading and select_next_placeholder_in_input(self.heading):
            return True
        area = self.body
        matches = find_placeholders(area.text)
        if matches and (focused is area or matches[-1].end() > area.cursor_index):
            area.focus()
            return area.select_next_placeholder()
        return False

    def first_placeholder(self, field: str) -> None:
        """Select the first placeholder of `field` (arriving from another item)."""
        if field == "heading":
            select_next_placeholder_in_input(self.heading)
        else:
            self.body.move_cursor((0, 0))
            self.body.select_next_placeholder()
