"""What the commands print, in one place, so that every command looks alike.

- `say(text, style=None)`: one line on stdout.
- `print_table(rows, headers, title=None)`: rows in columns that line up with Chinese.
- `progress_bar(label)`: progress of a long job (the corpus build) on stderr, with ETA.
- `print_json(data)`: the `--json` output; `warn(message)`: a warning on stderr.
- `console(stderr=False)`: the rich Console behind them, for anything else.

On a terminal rich styles the text and fits it to the window. Anywhere else (a pipe,
a file, the tests) the output is plain text: no escape codes, nothing wrapped or
padded to a width, no trailing spaces. rich is imported only when something is
printed through it, so `drafter --help` never loads it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

ProgressCallback = Callable[[int, int, str], None]
"""`progress(done, total, name)`: called after each of `total` steps, `name` the one done."""

PLAIN_WIDTH = 10_000
"""Width given to rich off a terminal: wide enough that nothing is ever wrapped."""


def console(*, stderr: bool = False) -> Console:
    """A rich Console on stdout (or stderr), made for the stream as it is now.

    Rich markup and emoji codes are off (a report's text may hold `[2024]` or `:`),
    so text is printed as given; style it with `style=` or rich `Text` objects.
    Off a terminal there are no colours and no wrapping, whatever the environment.
    """
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    terminal = _is_terminal(stream)
    return Console(
        file=stream,
        force_terminal=terminal,
        color_system="auto" if terminal else None,
        width=None if terminal else PLAIN_WIDTH,
        markup=False,
        emoji=False,
        highlight=False,
    )


def say(text: str, *, style: str | None = None) -> None:
    """One line on stdout. `style` (a rich style: "bold", "green" …) shows on a terminal
    only; the line is never broken by drafter, so a path in it stays whole to copy."""
    console().print(text, style=style, soft_wrap=True)


def print_table(
    rows: Iterable[Sequence[object]],
    headers: Sequence[str] = (),
    *,
    title: str | None = None,
) -> None:
    """Rows on stdout in columns lined up by display width: a Chinese character takes
    two cells, so `说明` and `name` columns stay straight.

    `headers` names the columns (none: no header line); `title` is a line above them.
    A column whose values are all numbers is right-aligned; None shows as `—`.
    Columns are two spaces apart. On a narrow terminal a long cell wraps inside its
    column; in a pipe every row is one line.
    """
    rows = [list(row) for row in rows]
    count = max([len(headers), *map(len, rows)])
    right = [_all_numbers([row[i] for row in rows if i < len(row)]) for i in range(count)]
    if not _is_terminal(sys.stdout):
        _write_plain_table(rows, headers, title, right)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(
        box=None, show_header=bool(headers), header_style="bold", title=title,
        title_justify="left", title_style="bold", pad_edge=False, padding=(0, 1),
    )  # fmt: skip
    for index in range(count):
        header = headers[index] if index < len(headers) else ""
        table.add_column(header, justify="right" if right[index] else "left", overflow="fold")
    for row in rows:
        table.add_row(*(Text("—" if value is None else str(value)) for value in row))
    _print_plain_or_styled(table)


def print_json(data: Any) -> None:
    """Machine-readable output: UTF-8 JSON with Chinese kept readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def warn(message: str) -> None:
    """A one-line warning on stderr (the run goes on)."""
    print(f"drafter: 警告：{message}", file=sys.stderr)


@contextmanager
def progress_bar(label: str) -> Iterator[ProgressCallback]:
    """A `progress(done, total, name)` callback showing a long job on stderr.

    On a terminal: `label`, a bar, `done/total`, the time left and the name at work,
    redrawn in place from the first call and left on screen at the end. Elsewhere:
    `drafter: label done/total` at every tenth, as a log wants. Nothing is shown if
    the job has nothing to do. Closed however the block ends (an error, Ctrl+C):

        with progress_bar("建立索引") as progress:
            book = Phrasebook.open(dirs, progress=progress)
    """
    stream = sys.stderr
    reporter = _LiveBar(label) if _is_terminal(stream) else _PlainProgress(label, stream)
    try:
        yield reporter
    finally:
        reporter.close()


class _LiveBar:
    """rich's progress bar, started at the first step."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Progress | None = None
        self.task = 0

    def __call__(self, done: int, total: int, name: str) -> None:
        if self.bar is None:
            self.bar = self._start()
        self.bar.update(self.task, completed=done, total=total, name=name)

    def _start(self) -> Progress:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.table import Column

        bar = Progress(
            TextColumn(self.label, markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("剩余", markup=False),
            TimeRemainingColumn(),
            TextColumn(
                "{task.fields[name]}",
                markup=False,
                table_column=Column(no_wrap=True, overflow="ellipsis", min_width=8),
            ),
            console=console(stderr=True),
        )
        bar.start()
        self.task = bar.add_task(self.label, total=None, name="")
        return bar

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


class _PlainProgress:
    """A line at every tenth of the job (and at its end) when a long one runs in a log."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.label = label
        self.stream = stream
        self.reported = -1

    def __call__(self, done: int, total: int, name: str) -> None:
        tenth = 10 * done // max(total, 1)
        if tenth > self.reported and (total >= 20 or done == total):
            self.reported = tenth
            print(f"drafter: {self.label} {done}/{total}", file=self.stream)

    def close(self) -> None:
        """Nothing to close: each line is complete when printed."""


def _print_plain_or_styled(renderable: Any) -> None:
    """Print through rich; off a terminal the lines lose the spaces rich pads them with."""
    out = console()
    if out.is_terminal:
        out.print(renderable)
        return
    with out.capture() as captured:
        out.print(renderable)
    text = "".join(line.rstrip() + "\n" for line in captured.get().splitlines())
    sys.stdout.write(text)


def _write_plain_table(
    rows: list[list[object]], headers: Sequence[str], title: str | None, right: list[bool]
) -> None:
    """The table as lines of text, laid out as rich lays it out off a terminal (columns
    two cells apart, numbers right-aligned, no trailing spaces) but in one linear pass:
    `drafter parse` of a 50 000-line report prints 50 000 rows."""
    from rich.cells import cell_len

    count = len(right)
    lines = [list(headers) + [""] * (count - len(headers))] if headers else []
    for row in rows:
        lines.append(["—" if v is None else str(v) for v in row] + [""] * (count - len(row)))
    widths = [max((cell_len(line[i]) for line in lines), default=0) for i in range(count)]
    out = [title] if title else []
    for line in lines:
        cells = []
        for value, width, flush_right in zip(line, widths, right, strict=True):
            pad = " " * (width - cell_len(value))
            cells.append(pad + value if flush_right else value + pad)
        out.append("  ".join(cells).rstrip())
    sys.stdout.write("".join(line + "\n" for line in out))


def _all_numbers(values: list[object]) -> bool:
    """A column of numbers (None cells aside) is right-aligned."""
    present = [value for value in values if value is not None]
    return bool(present) and all(_is_number(value) for value in present)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or closed
        return False
