"""LibreOffice, headless: the one way drafter runs it, for reading old formats and writing PDF.

Reports in .doc/.wps/.rtf/.odt are read by converting them to .docx, and the
PDF export converts the .docx it wrote. Both run `soffice` the same way: in a
folder of the caller's with a private profile there (parallel runs do not clash
and a LibreOffice the user has open is never touched), in its own process group
so that a conversion that takes too long is killed with everything it started.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

_POSIX = os.name == "posix"
TIMEOUT = 90.0
"""Seconds a conversion may take by default: a first start of LibreOffice takes a few,
a long report a few more."""


def libreoffice() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_files(
    program: str,
    sources: Sequence[Path],
    target: str,
    outdir: Path,
    *,
    timeout: float = TIMEOUT,
    env: Mapping[str, str] | None = None,
) -> str:
    """Convert files headless into `outdir` (`target` is a format such as "docx" or "pdf").

    Returns "" when LibreOffice finished well, else the last line it printed (or its
    exit status). Raises `subprocess.TimeoutExpired` after killing the whole process
    group when it takes longer than `timeout` seconds, and OSError when it cannot start.
    """
    profile = outdir / ".profile"
    command = [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
        "--convert-to", target, "--outdir", str(outdir), *map(str, sources),
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=dict(env) if env is not None else None,
        start_new_session=_POSIX,  # its own process group, so a timeout can end all of it
    )
    try:
        _, err = process.communicate(timeout=timeout)
    finally:
        if process.poll() is None:  # timed out or interrupted: leave nothing running
            _kill_group(process)
        shutil.rmtree(profile, ignore_errors=True)
    if process.returncode:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else f"退出码 {process.returncode}"
    return ""


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Stop the conversion and (on POSIX, through its process group) all it started."""
    try:
        if _POSIX:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except ProcessLookupError:
        pass
    process.communicate()
