"""Reading the commands' tables back: where each cell of a plain-text line sits on screen.

A table printed to a pipe is lines of text; its columns line up when each column's
values start (left-aligned) or end (right-aligned, numbers) in the same terminal cell
on every line, a Chinese character taking two cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from rich.cells import cell_len


def spans(line: str, values: Sequence[str | None]) -> list[tuple[int, int] | None]:
    """The first cell and the cell after the last of each value in `line`, found in order
    from the left (None: a value not looked for, such as an empty cell)."""
    found: list[tuple[int, int] | None] = []
    position = 0
    for value in values:
        if value is None:
            found.append(None)
            continue
        position = line.index(value, position)
        start = cell_len(line[:position])
        position += len(value)
        found.append((start, cell_len(line[:position])))
    return found


def assert_lined_up(
    lines: Sequence[str], rows: Sequence[Sequence[str | None]], right: Sequence[int] = ()
) -> None:
    """Each column of `rows` (one per line, header included) starts in one cell on every
    line, or ends in one cell for the `right` (right-aligned) columns; two cells apart
    at least, so that no two columns run together."""
    assert len(lines) == len(rows)
    found = [spans(line, row) for line, row in zip(lines, rows, strict=True)]
    for column in range(len(rows[0])):
        side = 1 if column in right else 0
        cells = {row[column][side] for row in found if row[column] is not None}
        assert len(cells) == 1, (column, lines)
    for row in found:
        filled = [span for span in row if span is not None]
        assert all(left[1] + 2 <= right[0] for left, right in pairwise(filled)), row
