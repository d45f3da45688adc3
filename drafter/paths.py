"""Where drafter finds its bundled data and the user's files.

`user_dirs()` is the one function that locates user files; tests patch it
(or set DRAFTER_HOME) so they never touch the real home directory.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DrafterError, os_problem

APP_NAME = "drafter"

DRAFT_SUFFIX = ".draft.yaml"
"""Drafts are YAML files named `*.draft.yaml`."""


@dataclass(frozen=True)
class UserDirs:
    """The user's own folders: data (corpus, templates, drafts), cache (index), state."""

    data: Path
    cache: Path
    state: Path

    @property
    def corpus(self) -> Path:
        return self.data / "corpus"

    @property
    def templates(self) -> Path:
        return self.data / "templates"

    @property
    def autosave(self) -> Path:
        return self.state / "autosave"


def user_dirs() -> UserDirs:
    """The user's folders; DRAFTER_HOME puts all of them under one directory."""
    home = os.environ.get("DRAFTER_HOME")
    if home:
        root = Path(home)
        return UserDirs(root / "data", root / "cache", root / "state")
    import platformdirs

    return UserDirs(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
    )


def bundled_dir(name: str) -> Path:
    """A folder shipped with drafter (`corpus`, `templates`).

    An installed wheel carries them inside the package (drafter/_data/NAME);
    a source checkout or an editable install has them at the top level.
    """
    package = Path(__file__).resolve().parent
    for candidate in (package / "_data" / name, package.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到随程序附带的 {name} 文件夹（应在 {package} 旁边），请重新安装")


def path_text(path: Path) -> str | None:
    """The absolute path as text to store in a file, or None when its name is not text
    (a non-UTF-8 name decodes to lone surrogates, which no UTF-8 file can hold)."""
    text = str(path.resolve())
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return text


def read_regular_file(path: Path, error: type[DrafterError], max_bytes: int) -> bytes:
    """All bytes of a regular file no bigger than `max_bytes`, else one `error`.

    A FIFO, device or directory given by mistake would block the read forever or
    hand over endless bytes, so the file's kind is checked before it is opened,
    and again on the open descriptor (opened without blocking) against a swap.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise error(_not_regular(path.stat().st_mode), path)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise error("找不到这个文件", path) from None
    except OSError as exc:
        raise error(f"无法读取（{os_problem(exc)}）", path) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise error(_not_regular(info.st_mode), path)
        if info.st_size > max_bytes:
            raise error(_too_large(max_bytes, info.st_size), path)
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise error(f"无法读取（{os_problem(exc)}）", path) from None
    if len(data) > max_bytes:  # grew after fstat
        raise error(_too_large(max_bytes), path)
    return data


def _too_large(max_bytes: int, size: int | None = None) -> str:
    shown = f"{_readable_size(size)}，" if size is not None else ""
    return f"文件太大（{shown}上限 {_readable_size(max_bytes)}）"


def _readable_size(count: int) -> str:
    """52.4 MB, 20 MB, 30 KB, 512 字节: a size as people read it."""
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f}".removesuffix(".0") + " MB"
    return f"{count / 1024:.0f} KB" if count >= 1024 else f"{count} 字节"


def _not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "是文件夹，不是文件"
    return "不是普通文件（管道、设备之类），无法读取"
