"""Placeholders: the typed gaps a phrase leaves for the user's own facts.

Phrasebook templates mark what varies from one report to the next as `{数量}`,
`{比例}`, `{金额}`, `{年度}`, `{日期}`, `{单位}` (any 1-6 Chinese characters in
braces, ASCII or full-width). Check, export and the TUI all find them with the
one pattern here, so "placeholder left" means the same thing everywhere.
"""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"[{｛]([\u3400-\u4dbf\u4e00-\u9fff]{1,6})[}｝]")
"""A placeholder; group 1 is its name (`数量`)."""


def find_placeholders(text: str) -> list[re.Match[str]]:
    """Every placeholder in `text`, in order (spans let an editor jump to them)."""
    return list(PLACEHOLDER.finditer(text))


def placeholder_names(text: str) -> list[str]:
    """The placeholders in `text` as written (`{数量}`), in order, repeats kept."""
    return [match.group(0) for match in PLACEHOLDER.finditer(text)]
