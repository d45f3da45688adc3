"""The drafter Textual app: `make_app()` builds it for the CLI and the tests alike.

The first screen must appear fast, so this module imports only Textual's core;
the phrasebook (SQLite index, jieba) opens in a thread worker after the first
paint, and the drafting screen's modules load when a draft is opened.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen

from drafter.errors import DrafterError
from drafter.tui.messages import OpenDraft, OpenDraftFile

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook, Progress
    from drafter.drafting.draft import Draft

BookLoader = Callable[["Progress"], "Phrasebook"]
"""Opens the phrasebook, reporting progress; tests pass one that returns a shared book."""

BENCHMARK_ENV = "DRAFTER_BENCHMARK_EXIT"
"""When set to a file path, the app writes the wall time of its first paint there and exits."""


def open_phrasebook(progress: Progress) -> Phrasebook:
    """The default loader: bundled and user corpus, with jieba warmed up for the first lookup."""
    from drafter.corpus.phrasebook import Phrasebook

    book = Phrasebook.open(progress=progress)
    book.suggest("依法行政", slot="measures", limit=1)
    return book


class PhrasebookLoaded(Message):
    """The phrasebook is open and warm."""

    def __init__(self, book: Phrasebook) -> None:
        super().__init__()
        self.book = book


@runtime_checkable
class QuitGuard(Protocol):
    """A screen that wants a say before the app quits (unsaved changes)."""

    def request_quit(self) -> None: ...


class DrafterApp(App[None]):
    """Start screen → drafting screen, with the phrasebook loading in the background."""

    CSS_PATH = "drafter.tcss"
    TITLE = "drafter"
    SUB_TITLE = "法治政府建设情况报告起草助手"
    BINDINGS = [
        Binding("f1", "help", "帮助"),
        Binding("question_mark", "help", "帮助", show=False),
        Binding("ctrl+q", "quit", "退出", priority=True),
    ]

    book: reactive[Phrasebook | None] = reactive(None)
    """The open phrasebook, None while it loads (or when it failed to)."""
    book_status: reactive[str] = reactive("正在加载短语库…")
    """One line about the phrasebook for status bars."""

    def __init__(
        self,
        draft_path: Path | None = None,
        *,
        load_book: BookLoader = open_phrasebook,
        benchmark_file: Path | None = None,
    ) -> None:
        super().__init__()
        self.draft_path = draft_path
        self._load_book = load_book
        self._benchmark_file = benchmark_file

    def get_default_screen(self) -> Screen:
        from drafter.tui.start import StartScreen

        return StartScreen()

    def on_mount(self) -> None:
        # After the first paint: jieba's loading holds the GIL and would delay it.
        self.call_after_refresh(self.load_phrasebook)
        if self._benchmark_file is not None:
            self.call_after_refresh(self._benchmark_exit)
            return
        if self.draft_path is not None:
            self.open_draft_file(self.draft_path)

    def _benchmark_exit(self) -> None:
        assert self._benchmark_file is not None
        self._benchmark_file.write_text(f"{time.time():.6f}\n", encoding="utf-8")
        self.exit()

    # --- the phrasebook ------------------------------------------------------------

    @work(thread=True, exclusive=True, group="phrasebook")
    def load_phrasebook(self) -> None:
        """Open the phrasebook off the UI thread; the screens say so meanwhile."""

        def progress(done: int, total: int, name: str) -> None:
            self.call_from_thread(setattr, self, "book_status", f"正在建立短语索引… {done}/{total}")

        try:
            book = self._load_book(progress)
        except DrafterError as error:
            self.call_from_thread(self._book_failed, str(error))
            return
        self.post_message(PhrasebookLoaded(book))

    def on_phrasebook_loaded(self, message: PhrasebookLoaded) -> None:
        self.book = message.book
        self.book_status = "短语库已就绪"

    def _book_failed(self, error: str) -> None:
        self.book_status = "短语库不可用"
        self.notify(error, title="短语库打开失败", severity="error", timeout=10)

    # --- drafts --------------------------------------------------------------------

    def on_open_draft_file(self, message: OpenDraftFile) -> None:
        self.open_draft_file(message.path)

    def on_open_draft(self, message: OpenDraft) -> None:
        self.open_draft(message.draft, autosave=message.autosave, dirty=message.dirty)

    def open_draft_file(self, path: Path) -> None:
        """Open a draft file, offering its autosave if the last session did not save it."""
        from drafter.drafting.draft import load_draft
        from drafter.tui.dialogs import ConfirmDialog
        from drafter.tui.session import autosave_for

        try:
            draft = load_draft(path)
        except (DrafterError, OSError) as error:
            self.notify(str(error), title="无法打开草稿", severity="error", timeout=10)
            return
        slot = autosave_for(path)
        if slot is None:
            self.open_draft(draft)
            return

        def answered(choice: str | None) -> None:
            if choice == "recover":
                self.open_draft(slot.read(), autosave=slot.yaml_path, dirty=True)
            else:
                slot.discard()
                self.open_draft(draft)

        when = slot.saved_at.strftime("%m-%d %H:%M")
        self.push_screen(
            ConfirmDialog(
                "发现自动保存",
                f"{path.name} 在 {when} 有未保存的修改（上次未正常退出）。要恢复吗？",
                [("recover", "恢复修改", "primary"), ("discard", "丢弃，打开文件", "default")],
            ),
            answered,
        )

    def open_draft(
        self, draft: Draft, *, autosave: Path | None = None, dirty: bool = False
    ) -> None:
        """Show the drafting screen for `draft` (a recovered one arrives dirty, with its slot)."""
        from drafter.tui.drafting import DraftingScreen
        from drafter.tui.session import remember_recent

        if draft.path is not None and not dirty:
            remember_recent(Path(draft.path))
        self.push_screen(DraftingScreen(draft, autosave=autosave, dirty=dirty))

    # --- app-wide actions ----------------------------------------------------------

    def action_help(self) -> None:
        """Show the keys of the current screen and how drafting works."""
        from drafter.tui.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        """Quit, letting a screen with unsaved work ask first."""
        guard = next((s for s in reversed(self.screen_stack) if isinstance(s, QuitGuard)), None)
        if guard is None:
            self.exit()
        else:
            guard.request_quit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette offers every key binding of the screen, by its description."""
        yield from super().get_system_commands(screen)
        seen = {"quit", "help"}
        for active in screen.active_bindings.values():
            binding = active.binding
            if binding.description and binding.action not in seen and active.enabled:
                seen.add(binding.action)
                key = self.get_key_display(binding)
                yield SystemCommand(
                    binding.description,
                    f"{key} · {binding.tooltip or binding.description}",
                    partial(self.run_action, binding.action, active.node),
                )


def make_app(
    draft_path: Path | None = None,
    *,
    load_book: BookLoader = open_phrasebook,
    benchmark_file: Path | None = None,
) -> DrafterApp:
    """The app as the CLI runs it; tests pass their own phrasebook loader."""
    return DrafterApp(draft_path, load_book=load_book, benchmark_file=benchmark_file)


def run_tui(draft_path: str | Path | None = None) -> int:
    """Run the TUI (the `drafter` command with no arguments)."""
    benchmark = os.environ.get(BENCHMARK_ENV)
    app = make_app(
        Path(draft_path) if draft_path else None,
        benchmark_file=Path(benchmark) if benchmark else None,
    )
    app.run()
    return app.return_code or 0
