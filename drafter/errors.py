"""User-facing failures: each is printed as one clear line, never a traceback."""

from __future__ import annotations

from pathlib import Path


class DrafterError(Exception):
    """A failure caused by the user's input or environment, not by a bug."""

    exit_code = 1

    def __init__(self, message: str, path: str | Path | None = None) -> None:
        self.path = str(path) if path is not None else None
        super().__init__(f"{self.path}: {message}" if self.path else message)


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
        super().__init__(
            f"{len(names)} placeholder(s) left: {listed} — fill them in, or use --force", path
        )
