"""The drafter Textual app: `make_app()` builds it for the CLI and the tests alike.

The first screen must appear fast, so this module imports only Textual's core;
the phrasebook (SQLite index, jieba) opens in a thread worker after the first
paint, and the drafting screen's modules load when a draft is opened.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import deque
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from drafter.errors import DrafterError
from drafter.tui.guard import Guarded, describe, log_error
from drafter.tui.messages import OpenDraft, OpenDraftFile

if TYPE_CHECKING:
    from textual.notifications import SeverityLevel

    from drafter.corpus.phrasebook import Phrasebook, Progress
    from drafter.drafting.draft import Draft

BookLoader = Callable[["Progress"], "Phrasebook"]
"""Opens the phrasebook, reporting progress; tests pass one that returns a shared book."""

BENCHMARK_ENV = "DRAFTER_BENCHMARK_EXIT"
"""When set to a file path, the app writes the wall time of its first paint there and exits."""
EDITING_COMMANDS = {
    "undo": "撤销",
    "redo": "重做",
    "cut": "剪切",
    "copy": "复制",
    "paste": "粘贴",
    "select_all": "全选",
}
"""The text fields' commands the palette offers, by their Chinese names."""
KEY_CATCH_UP = 0.2
"""At most this many seconds for a text field to take the keys already sent to it, before
the next key's binding runs (see `DrafterApp.on_event`)."""
KEY_HOLD = 1.0
"""At most this many seconds a key waits for the app's own pending work (a focus change)."""


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


class DrafterApp(Guarded, App[None]):
    """Start screen → drafting screen, with the phrasebook loading in the background."""

    CSS_PATH = "drafter.tcss"
    TITLE = "drafter"
    SUB_TITLE = "法治政府建设情况报告起草助手"
    BINDINGS = [
        Binding("f1", "help", "帮助"),
        Binding("question_mark", "help", "帮助", show=False),
        Binding("ctrl+q", "quit", "退出", priority=True),
        Binding(
            "ctrl+p",
            "command_palette",
            "命令",
            show=False,
            priority=True,
            tooltip="搜索并执行命令",
        ),
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
        self._callbacks_queued = 0
        """Callbacks posted to the app and not run yet (`widget.focus()` posts one)."""
        self._held_keys: deque[events.Key] = deque()

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

    @work(thread=True, exclusive=True, group="phrasebook", exit_on_error=False)
    def load_phrasebook(self) -> None:
        """Open the phrasebook off the UI thread; the screens say so meanwhile."""

        def progress(done: int, total: int, name: str) -> None:
            self.call_from_thread(setattr, self, "book_status", f"正在建立短语索引… {done}/{total}")

        try:
            book = self._load_book(progress)
        except Exception as error:  # one bad corpus file must not take the TUI down
            self.call_from_thread(self._book_failed, describe(error))
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
        """Open a draft file, offering its autosave if the last session did not save it;
        any other file is a finished report, to import or to start next year from."""
        from drafter.tui.dialogs import ConfirmDialog
        from drafter.tui.session import autosave_for, load_for_editing

        if not is_draft_file(path):
            from drafter.tui.from_report import FromReportScreen

            self.push_screen(FromReportScreen(path))
            return
        try:
            draft = load_for_editing(path)
        except (DrafterError, OSError) as error:
            self.notify(describe(error), title="无法打开草稿", severity="error", timeout=10)
            return
        slot = autosave_for(path)
        if slot is None:
            self.open_draft(draft)
            return

        def answered(choice: str | None) -> None:
            if choice != "recover":
                slot.discard()
                self.open_draft(draft)
                return
            try:
                recovered = slot.read()
            except Exception as error:
                self.notify(describe(error), title="无法恢复", severity="error", timeout=10)
                self.open_draft(draft)
                return
            self.open_draft(recovered, autosave=slot.yaml_path, dirty=True)

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

    # --- keys, messages and failures ---------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Keys reach the widget they were typed for, in the order they were typed.

        In a burst of keys (a paste-like `tmux send-keys`, a busy moment) Textual could
        get both wrong. A key that moves the focus (Esc to the outline, Enter on an item)
        only asks for it: the move waits behind the keys already queued, which would go
        to the old widget. So while the app has callbacks of its own pending, keys are
        held, in order, and delivered once those have run (KEY_HOLD at the most).
        """
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
        elif self._held_keys or self._callbacks_queued:
            if not self._held_keys:  # the release runs in the app's own turn, not the timer's
                self.set_timer(KEY_HOLD, partial(self.call_later, self._release_keys))
            self._held_keys.append(event)
        else:
            await self._deliver_key(event)

    async def _deliver_key(self, key: events.Key) -> None:
        """Textual hands printable keys straight to the focused field but resolves the
        others (Backspace, Home, Ctrl+L …) through bindings once the key has bubbled back
        up to the app, so `Backspace 2 0` could delete after the `2 0`. While a text field
        has the focus, a key that is a binding waits for the field to take the keys
        already sent to it, and its binding runs at once."""
        field = self.focused
        if _is_text_field(field):
            assert field is not None
            deadline = time.monotonic() + KEY_CATCH_UP
            while field.message_queue_size and time.monotonic() < deadline:
                await asyncio.sleep(0.001)
            if not _typed_into(field, key) and (
                await self._check_bindings(key.key, priority=True)
                or await self._check_bindings(key.key)
            ):
                return
        await super().on_event(key)

    async def _release_keys(self) -> None:
        """Deliver the held keys, stopping when one asks for more pending work (a focus
        change) — unless they have waited KEY_HOLD already."""
        while self._held_keys:
            waited = time.monotonic() - self._held_keys[0].time
            if self._callbacks_queued and waited < KEY_HOLD:
                return
            await self._deliver_key(self._held_keys.popleft())

    def call_later(self, callback: Callable[..., object], *args: object, **kwargs: object) -> bool:
        posted = super().call_later(callback, *args, **kwargs)
        self._callbacks_queued += posted
        return posted

    def on_callback(self, _event: events.Callback) -> None:
        """Counted down here; Textual's own handler runs the callback, then held keys go."""
        self._callbacks_queued = max(self._callbacks_queued - 1, 0)
        if self._held_keys:
            self.call_next(self._release_keys)

    async def _dispatch_message(self, message: Message) -> None:
        if isinstance(message, events.Compose | events.Mount):
            await App._dispatch_message(self, message)  # starting up: nothing to keep going
        else:
            await super()._dispatch_message(message)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications quote file names and the writer's text: never read as markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def _handle_exception(self, error: Exception) -> None:
        """The last resort, when Textual itself must stop: autosave every open draft first."""
        from drafter.tui.saving import DraftKeeping

        log_error(error)
        for screen in self.screen_stack:
            if isinstance(screen, DraftKeeping):
                screen.autosave_now()
        super()._handle_exception(error)

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
        """The command palette, in Chinese: every key of drafter's own on this screen (its
        description is Chinese), the text fields' editing commands by Chinese names, the
        colour theme. Textual's other commands (`Cursor down`, `Screenshot` …) are left out."""
        from drafter.textnorm import has_cjk

        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            description = binding.description if has_cjk(binding.description) else ""
            name = description or EDITING_COMMANDS.get(binding.action, "")
            if not name or binding.action in seen or not active.enabled:
                continue
            seen.add(binding.action)
            key = self.get_key_display(binding)
            yield SystemCommand(
                name,
                f"{key} · {binding.tooltip if description and binding.tooltip else name}",
                partial(self.run_action, binding.action, active.node),
            )
        yield SystemCommand("切换配色主题", "选择界面的配色", self.action_change_theme)

    def action_command_palette(self) -> None:
        """The command palette, asking in Chinese."""
        from drafter.tui.palette import ChinesePalette

        if self.use_command_palette and not ChinesePalette.is_open(self):
            self.push_screen(ChinesePalette())


def is_draft_file(path: Path) -> bool:
    """Drafts are YAML (`*.draft.yaml`); any other file is taken for a finished report."""
    return path.suffix.lower() in (".yaml", ".yml")


def _is_text_field(widget: Widget | None) -> bool:
    from textual.widgets import Input, TextArea

    return isinstance(widget, Input | TextArea) and not getattr(widget, "read_only", False)


def _typed_into(field: Widget, key: events.Key) -> bool:
    """Whether the field takes `key` as text itself (not through a binding)."""
    from textual.widgets import TextArea

    if key.is_printable:
        return True
    if isinstance(field, TextArea):
        indents = field.tab_behavior == "indent" and key.key in ("tab", "escape")
        return key.key == "enter" or indents
    return False


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
