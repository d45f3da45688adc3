"""Errors inside the TUI become messages: a bug or a bad file never takes the writer's text.

Every drafter screen and widget mixes in `Guarded`: an exception raised while one of
them handles a message (an event, a key's action, a worker's result) is written with
its traceback to `tui-errors.log` in the state folder and shown as a notification in
Chinese, and the widget goes on working. Thread workers are started with
`exit_on_error=False`; one that fails anyway is reported the same way. Timers take
their callbacks through `guarded`.
"""

from __future__ import annotations

import datetime as dt
import inspect
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.worker import Worker, WorkerState

from drafter.errors import DrafterError
from drafter.paths import user_dirs

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

ERROR_LOG = "tui-errors.log"
LOG_LIMIT = 1 << 20
"""The log starts afresh past this many bytes: it is for the latest problems."""


def log_error(error: BaseException) -> Path | None:
    """Append `error` and its traceback to the error log; None if even that fails."""
    path = user_dirs().state / ERROR_LOG
    entry = "".join(traceback.format_exception(error))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if path.exists() and path.stat().st_size > LOG_LIMIT else "a"
        with path.open(mode, encoding="utf-8", errors="replace") as log:
            log.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S}\n{entry}")
    except OSError:
        return None
    return path


def describe(error: BaseException) -> str:
    """One line for the writer: a DrafterError says itself; anything else is a bug, logged."""
    if isinstance(error, DrafterError):
        return str(error)
    where = log_error(error)
    logged = f"，详情已记入 {where}" if where else ""
    return f"程序内部错误（{type(error).__name__}: {error}）{logged}。草稿不受影响，可以继续编辑。"


def report_error(node: MessagePump, error: BaseException, title: str = "出错了") -> None:
    """Tell the writer about `error` (logging it if it is a bug)."""
    node.app.notify(describe(error), title=title, severity="error", timeout=10)


def guarded(node: MessagePump, callback: Callable[[], Any]) -> Callable[[], Awaitable[None]]:
    """`callback` for a timer: an exception becomes a message instead of ending the app."""

    async def run() -> None:
        try:
            result = callback()
            if inspect.isawaitable(result):
                await result
        except Exception as error:
            report_error(node, error)

    return run


class Guarded:
    """Mixed into every drafter screen and widget, before the Textual class."""

    async def _dispatch_message(self, message: Message) -> None:
        try:
            await super()._dispatch_message(message)  # type: ignore[misc]
        except Exception as error:
            report_error(self, error)  # type: ignore[arg-type]

    def _on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state is WorkerState.ERROR and worker.error is not None:
            event.stop()
            report_error(self, worker.error)  # type: ignore[arg-type]
