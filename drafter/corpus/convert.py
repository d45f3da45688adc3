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

import subprocess
import tempfile
from pathlib import Path

from drafter.errors import IngestError, os_problem
from drafter.office import TIMEOUT, convert_files, libreoffice

CONVERTED_SUFFIXES = (".doc", ".wps", ".rtf", ".odt")
"""Formats read through LibreOffice."""

NO_LIBREOFFICE = "{kind}文件需要LibreOffice才能读取：请在Word或WPS中另存为.docx，或安装LibreOffice"
FAILED = "LibreOffice无法转换此文件（文件损坏、加密或不是{kind}文件）"
TIMED_OUT = "LibreOffice转换超时（{seconds:.0f}秒），已停止"


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
            raise IngestError(f"无法启动LibreOffice（{os_problem(exc)}）", path) from None
        result = source.with_suffix(".docx")
        if not result.is_file() or result.stat().st_size == 0:
            raise IngestError(FAILED.format(kind=kind), path)
        return result.read_bytes()
