"""Atomic file writes: a crash never leaves a half-written file behind."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)
"""Read once, at import: setting the umask to read it is not thread-safe."""


def write_bytes_atomic(path: str | Path, data: bytes, *, backup: bool = False) -> Path:
    """Write `data` to `path` via a temporary file, fsync and rename.

    The file gets the mode a plain write would give it (the replaced file's, else
    0666 less the umask), not the 0600 of a temporary file. With `backup`, an
    existing file is kept as `path~` before it is replaced.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
        if backup and path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return path


def write_text_atomic(
    path: str | Path, text: str, *, encoding: str = "utf-8", backup: bool = False
) -> Path:
    """Text flavour of `write_bytes_atomic`."""
    return write_bytes_atomic(path, text.encode(encoding), backup=backup)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_UMASK


def _keep_backup(path: Path) -> None:
    """Copy the current file to `path~` (atomically), so `path` never goes missing."""
    target = path.with_name(path.name + "~")
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        shutil.copy2(path, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
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
