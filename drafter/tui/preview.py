"""The preview: the whole report as the pack's Jinja template renders it.

`render_draft` renders a copy of the draft in a thread worker, so typing never
waits for it; a draft that cannot be rendered yet shows why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from drafter.tui.guard import Guarded, describe

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft
    from drafter.drafting.render import Block

_INDENT = "　　"
"""Paragraphs and headings start two full-width spaces in, as in the printed report."""


class PreviewPane(Guarded, VerticalScroll):
    """Rendered blocks: the title centred, headings bold, signature and date to the right."""

    def compose(self) -> ComposeResult:
        yield Static("（预览将在这里显示）", id="preview-text")

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def render_draft(self, draft: Draft) -> None:
        """Render the report (a copy of the draft) off the UI thread and show it."""
        from drafter.drafting.render import render_blocks

        try:
            blocks = render_blocks(draft)
        except Exception as error:  # an answer being typed wrong, a broken pack, a bug
            self.app.call_from_thread(self.show_error, f"无法预览：{describe(error)}")
            return
        self.app.call_from_thread(self.show, blocks)

    def show(self, blocks: list[Block]) -> None:
        """Replace the preview with freshly rendered blocks."""
        text = Text()
        for block in blocks:
            text.append_text(_block_text(block))
            text.append("\n")
        self.query_one("#preview-text", Static).update(text)

    def show_error(self, message: str) -> None:
        """Say why the report cannot be rendered."""
        self.query_one("#preview-text", Static).update(Text(message, style="bold red"))


def _block_text(block: Block) -> Text:
    if block.kind == "title":
        return Text(block.text + "\n", style="bold", justify="center")
    if block.kind in ("signature", "date"):
        return Text(block.text, justify="right")
    if block.kind == "recipient":
        return Text("\n" + block.text)
    style = "bold" if block.kind.startswith("heading") else ""
    return Text.assemble(_INDENT, (block.text, style), block.body)
