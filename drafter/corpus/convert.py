"""Old Word (.doc), WPS (.wps), RTF and OpenDocument (.odt) reports, through LibreOffice.

Many offices still save in Word 97-2003 or WPS formats. No Python library reads
them well, but LibreOffice does: when `soffice` is on PATH, such a file is
converted headless to .docx in a private temporary folder (its own LibreOffice
profile too, so parallel runs do not clash and the user's LibreOffice is never
touched), read, and the folder removed. A conversion that does not finish in time
is killed with everything it started. Without LibreOffice the user is told, in
one line, what to do instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from drafter.errors import IngestError

CONVERTED_SUFFIXES = (".doc", ".wps", ".rtf", ".odt")
"""Formats read through LibreOffice."""
TIMEOUT = 90.0
"""Seconds a conversion may take: a first start of LibreOffice takes a few, a long
report a few more."""

NO_LIBREOFFICE = "{kind}文件需要LibreOffice才能读取：请在Word或WPS中另存为.docx，或安装LibreOffice"
FAILED = "LibreOffice无法转换此文件（文件损坏、加密或不是{kind}文件）"
TIMED_OUT = "LibreOffice转换超时（{seconds:.0f}秒），已停止"


def libreoffice() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_files(
    program: str, sources: Sequence[Path], target: str, outdir: Path, *, timeout: float = TIMEOUT
) -> None:
    """Convert files headless into `outdir` (`target` is a format such as "docx" or "pdf").

    A private profile under `outdir` keeps runs apart; on timeout the whole process
    group is killed and `subprocess.TimeoutExpired` raised.
    """
    profile = outdir / ".profile"
    command = [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
        "--convert-to", target, "--outdir", str(outdir), *map(str, sources),
    ]
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=_POSIX,  # its own process group, so a timeout can end all of it
    )
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        raise
    finally:
        if process.poll() is None:  # interrupted: leave nothing running
            _kill_group(process)
        shutil.rmtree(profile, ignore_errors=True)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Stop the conversion and (on POSIX, through its process group) all it started."""
    try:
        if _POSIX:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except ProcessLookupError:
        pass
    process.wait()


_POSIX = os.name == "posix"


def docx_from_converted(data: bytes, path: Path, kind: str, *, timeout: float = TIMEOUT) -> bytes:
    """The bytes of a .docx that LibreOffice makes of `data`, the contents of `path` (a
    `kind` file: ".doc", ".wps", ".rtf" or ".odt"); raises IngestError when LibreOffice
    is missing, fails or takes too long."""
    program = libreoffice()
    if program is None:
        raise IngestError(NO_LIBREOFFICE.format(kind=kind), path)
    with tempfile.TemporaryDirectory(prefix="drafter-convert-") as folder:
        source = Path(folder) / f"report{kind}"  # a plain name: no quoting, no odd characters
        source.write_bytes(data)
        try:
            convert_files(program, [source], "docx", Path(folder), timeout=timeout)
        except subprocess.TimeoutExpired:
            raise IngestError(TIMED_OUT.format(seconds=timeout), path) from None
        except OSError as exc:
            raise IngestError(f"无法启动LibreOffice（{exc.strerror or exc}）", path) from None
        result = source.with_suffix(".docx")
        if not result.is_file() or result.stat().st_size == 0:
            raise IngestError(FAILED.format(kind=kind), path)
        return result.read_bytes()
