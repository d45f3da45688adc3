"""Atomic file writes: a crash never leaves a half-written file behind.

The new bytes go to a temporary file beside the target, are synced, and renamed
over it. The target is the file a link points to (the link stays a link), never
a device, pipe or folder, and never a file the caller protects (the draft being
rendered). Temporary files left by a process killed mid-write are removed by the
next write to that folder.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)
"""Read once, at import: setting the umask to read it is not thread-safe."""

STALE_SECONDS = 600
"""A temporary file of ours this old belongs to a write that was killed (writes take
seconds); one for the very target being written is stale after STALE_OWN_SECONDS."""
STALE_OWN_SECONDS = 60

_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")
"""`.NAME.XXXXXXXX.tmp`: how `tempfile.mkstemp` names ours (prefix `.NAME.`)."""


def write_bytes_atomic(
    path: str | Path, data: bytes, *, backup: bool = False, protect: Iterable[Path] = ()
) -> Path:
    """Write `data` to `path` via a temporary file, fsync and rename; returns `path`.

    Through a link, the file it points to is written and the link kept. A target that
    exists but is not a regular file, or is one of `protect`, raises OSError and is left
    alone. The file gets the mode a plain write would give it (the replaced file's,
    else 0666 less the umask), not the 0600 of a temporary file. With `backup`, an
    existing file is kept as `FILE~` before it is replaced.
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    _check_target(target, protect)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(target))
        if backup and target.exists():
            _keep_backup(target)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)
    return path


def write_text_atomic(
    path: str | Path,
    text: str,
    *,
    encoding: str = "utf-8",
    backup: bool = False,
    protect: Iterable[Path] = (),
) -> Path:
    """Text flavour of `write_bytes_atomic`."""
    return write_bytes_atomic(path, text.encode(encoding), backup=backup, protect=protect)


def _check_target(target: Path, protect: Iterable[Path]) -> None:
    try:
        info = target.stat()
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        kind = "文件夹" if stat.S_ISDIR(info.st_mode) else "设备、管道之类的特殊文件"
        raise OSError(errno.EINVAL, f"是{kind}，不是普通文件，不会替换它", str(target))
    for other in protect:
        try:
            same = os.path.samefile(target, other)
        except OSError:
            continue
        if same:
            raise OSError(errno.EINVAL, "就是正在读取的文件本身，不会覆盖它", str(target))


def _remove_stale(target: Path) -> None:
    """Remove temporary files killed writes left in the target's folder (best effort)."""
    now = time.time()
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if not match:
            continue
        limit = STALE_OWN_SECONDS if match["name"] == target.name else STALE_SECONDS
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > limit:
                os.unlink(entry.path)
        except OSError:
            continue


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_UMASK


def _keep_backup(path: Path) -> None:
    """Copy the current file to `path~` (atomically), so `path` never goes missing."""
    target = path.with_name(path.name + "~")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        shutil.copy2(path, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where unsupported."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
