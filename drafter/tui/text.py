"""Fitting text into the cells a pane has (CJK characters take two)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.cells import cell_len
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def clip_lines(text: str, width: int, lines: int, more: str = "…") -> str:
    """`text` cut to what `lines` lines of `width` cells hold, ending with `more` if cut."""
    budget = (width - 2) * lines  # a wide character or a word may not fit at a line's end
    if cell_len(text) <= budget and "\n" not in text:
        return text
    room = budget - cell_len(more)
    kept, used = [], 0
    for char in text.replace("\n", " "):
        used += cell_len(char)
        if used > room:
            break
        kept.append(char)
    return "".join(kept) + more


def refill(options: OptionList, make: Callable[[int], Iterable[Option]], count: int) -> None:
    """Rebuild a list from `make(width)` (options cut to its width), keeping the highlight."""
    highlighted = options.highlighted
    width = options.scrollable_content_region.width or options.size.width
    options.clear_options()
    options.add_options(make(width))
    if count:
        options.highlighted = min(highlighted or 0, count - 1)
