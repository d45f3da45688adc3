"""The editor for one item: the section's guidance, the item's heading and its body.

Placeholders (`{数量}` …) are highlighted in the body, and `select_next_placeholder`
selects the next one so that typing replaces it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static, TextArea
from textual.widgets.input import Selection as InputSelection
from textual.widgets.text_area import Selection

from drafter.placeholders import find_placeholders


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

    def compose(self) -> ComposeResult:
        yield Static("", id="section-title")
        yield Static("", id="guidance")
        yield Input(placeholder="小标题（可空；输入时右侧/下方列出常用标题）", id="heading")
        yield BodyArea(id="body")

    def show(self, title: str, guidance: str, heading: str | None, body: str | None) -> None:
        """Load an item without posting change events; a None field is hidden."""
        self.query_one("#section-title", Static).update(title)
        self.query_one("#guidance", Static).update(guidance or "")
        self.query_one("#guidance").display = bool(guidance)
        field = self.query_one("#heading", Input)
        area = self.query_one("#body", BodyArea)
        with self.prevent(Input.Changed, TextArea.Changed):
            field.value = heading or ""
            area.load_text(body or "")
        field.display = heading is not None
        area.display = body is not None
        area.move_cursor(area.document.end)
