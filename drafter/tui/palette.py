"""The command palette in Chinese: its prompt, and what it says when nothing matches.

Textual's palette writes `No matches found` itself after a pause; this palette writes
the same option in Chinese. It depends on the palette's private countdown (textual is
pinned to one series in pyproject.toml; tests/test_tui.py checks the text).
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

NO_MATCHES = "没有找到这个命令"


class ChinesePalette(CommandPalette):
    """Textual's command palette, speaking Chinese."""

    def __init__(self) -> None:
        super().__init__(placeholder="搜索命令…", id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if not search_value:  # browsing, not searching: nothing to say
                self._list_visible = False
                return
            self.query_one(CommandList).add_option(
                Option(
                    Align.center(Text(NO_MATCHES, style="not bold")),
                    disabled=True,
                    id=self._NO_MATCHES,
                )
            )
            self._list_visible = True

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
