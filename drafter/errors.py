"""User-facing failures: each is printed as one clear line, never a traceback."""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterable
from pathlib import Path


class DrafterError(Exception):
    """A failure caused by the user's input or environment, not by a bug.

    Printed as `文件：问题` (the file first, a full-width colon, as Chinese text
    punctuates); `problem` keeps the message without the file, for callers that
    place it elsewhere.
    """

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.problem = message
        super().__init__(f"{self.path}：{message}" if self.path else message)


class IngestError(DrafterError):
    """A report file could not be read: missing, empty, binary, undecodable, too big."""


class CorpusError(DrafterError):
    """A corpus folder is missing or the index cannot be opened."""


class DraftError(DrafterError):
    """A draft file is malformed or does not fit its template pack."""


class TemplateError(DrafterError):
    """A template pack is missing, malformed, or its templates fail to render."""


class ExportError(DrafterError):
    """A draft cannot be exported (placeholders left, unwritable output, ...)."""


class PlaceholdersLeft(ExportError):
    """Export refused: the draft still has placeholders (`{数量}` …) to fill."""

    def __init__(self, names: list[str], path: str | Path | None = None) -> None:
        self.names = list(dict.fromkeys(names))
        listed = "、".join(self.names)
        super().__init__(f"还有{len(names)}处待填：{listed}；请先填写，或加 --force 照样导出", path)


_OS_PROBLEMS = {
    errno.ENOENT: "文件或文件夹不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "所在的磁盘只能读、不能写",
    errno.EISDIR: "是文件夹",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.ENAMETOOLONG: "文件名太长",
    errno.EEXIST: "已经存在",
    errno.EBUSY: "正被占用",
    errno.EIO: "读写出错（磁盘或网络盘有问题？）",
    errno.ELOOP: "链接层数太多，或链接指向了自己",
}


def os_problem(error: OSError) -> str:
    """Why the system refused a read or write, in Chinese: the C library's own words
    (`Permission denied`) are English whatever the user reads. A reason drafter wrote
    itself (a device refused as a target) is kept as it is."""
    reason = error.strerror or str(error)
    if error.errno in _OS_PROBLEMS and reason == os.strerror(error.errno):
        return _OS_PROBLEMS[error.errno]
    return reason


def explained(message: str, wordings: Iterable[tuple[str, str]]) -> str:
    """A library's English message, to follow a Chinese summary (`YAML 格式有误`).

    `wordings` pairs a regex with its Chinese wording, `{1}`, `{2}` … standing for the
    regex's groups; the first that matches gives `：` and the wording. A message none
    matches is kept, in brackets, rather than lost: `（found …）`.
    """
    for pattern, wording in wordings:
        match = re.search(pattern, message)
        if match:
            for number, group in enumerate(match.groups(), 1):
                wording = wording.replace(f"{{{number}}}", group or "")
            return f"：{wording}"
    return f"（{message}）"
