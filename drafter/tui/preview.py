"""The preview: the whole report as the pack's Jinja template renders it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

if TYPE_CHECKING:
    from drafter.render import Block

_INDENT = "　　"
"""Paragraphs and headings start two full-width spaces in, as in the printed report."""


class PreviewPane(VerticalScroll):
    """Rendered blocks: the title centred, headings bold, signature and date to the right."""

    def compose(self) -> ComposeResult:
        yield Static("（预览将在这里显示）", id="preview-text")

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
