"""A finding: one problem (or note) about a draft and where it is.

Every check, of the report's form (`check`) or of what it says (`checks`),
reports findings; `check_draft` locates them in the draft file and words their
place, for the CLI's line numbers and the TUI's jump-to-place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

SEVERITY_LABELS = {"error": "错误", "warning": "注意", "info": "提示"}
"""How each severity is named where a user reads it (`check`'s table, the TUI's list)."""


@dataclass
class Finding:
    """One problem (or note) about a draft and where it is.

    Severity: `error` (the report is not fit to send), `warning` (probably wrong),
    `info` (worth knowing); the code is stable, the message Chinese and says what to do.
    """

    severity: str
    code: str
    message: str
    section: str | None = None
    item: int | None = None
    field: str | None = None
    """`heading`, `body` or `meta:<key>` (None for the section or report as a whole)."""
    line: int | None = None
    """Line in the draft file, when the draft was loaded from one."""
    place: str = ""
    """The place in words: `主要举措和成效 （二）完善依法行政制度体系`."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
