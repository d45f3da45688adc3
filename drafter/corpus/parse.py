"""Parse a report's paragraphs into lines with outline structure and metadata.

Real reports number their headings `一、` → `（一）` → `1.` → `（1）`, in ASCII
or full-width forms, often run a heading straight into its body
(`（一）依法履行政府职能。一是……`) and enumerate inline (`一是……二是……`).
This module only reads structure; `classify` assigns slots and topics.
"""

from __future__ import annotations

import re
import unicodedata

from drafter.corpus.report import Document, Line, Report
from drafter.textnorm import clean_spaces, has_cjk, parse_chinese_number, to_display

_CN = "一二三四五六七八九十"
# Heading markers, matched on the NFKC form (so `（一）` reads as `(一)`, `１．` as `1.`).
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^(第[{_CN}]{{1,3}}部分|第?[{_CN}]{{1,3}})\s*[、.,，:：]?\s*(?<=[、.,，:：\s分])")),  # noqa: E501
    (2, re.compile(rf"^\(\s*([{_CN}]{{1,3}})\s*\)\s*[、.,，]?\s*")),
    (3, re.compile(r"^(\d{1,2})\s*(?:[、]|\.(?!\d))\s*")),
    (4, re.compile(r"^\(\s*(\d{1,2})\s*\)\s*[、.]?\s*")),
)
_HEADING_END = re.compile(r"[。！？!?：:；;]")
_MAX_HEADING = 40
"""A 'heading' longer than this before its first full stop is a numbered paragraph."""

_ENUM = re.compile(rf"(?:(?<=^)|(?<=[。；;，,：:]))\s*([{_CN}]{{1,3}}是|第[{_CN}]{{1,3}}，)")

def parse_document(doc: Document) -> Report:
    """Structure every non-blank paragraph (metadata is read once the lines are classified)."""
    lines = [_parse_line(p.number, p.text) for p in doc.paragraphs]
    lines = [line for line in lines if line.text]
    _fix_heading_levels(lines)
    _nest_under_parts(lines)
    assign_paths(lines)
    return Report(source=str(doc.path), lines=lines, title_hint=doc.title_hint)


def _parse_line(number: int, raw: str) -> Line:
    text = to_display(clean_spaces(raw))
    line = Line(line=number, text=text, body=text)
    if not text:
        return line
    folded = unicodedata.normalize("NFKC", text)
    for level, pattern in _MARKERS:
        match = pattern.match(folded)
        if not match or not _marker_plausible(level, match, folded):
            continue
        rest = text[_display_offset(text, folded, match.end()) :]
        heading, body = split_heading(rest)
        if heading is None:
            continue
        line.level = level
        line.marker = text[: len(text) - len(rest)].strip()
        line.heading = heading
        line.body = body
        break
    line.items = split_enumeration(line.body)
    return line


def _marker_plausible(level: int, match: re.Match[str], folded: str) -> bool:
    """Reject `2022.` years, `十四五` and the like posing as heading numbers."""
    number = match.group(1)
    if level == 3:
        return int(number) <= 30 and not re.match(r"\d+\s*\.\s*\d", folded)
    if level == 1:
        numeral = number.removeprefix("第").removesuffix("部分")
        return parse_chinese_number(numeral) is not None
    return True


def _display_offset(text: str, folded: str, folded_end: int) -> int:
    """Map an offset in the NFKC text back to the display text (NFKC may change lengths).

    Markers sit at the start of a line, so the search stops once the display prefix
    has grown well past the marker: a marker that ends inside one character's
    expansion (`1︙` folds to `1...`) matches no prefix, and scanning the whole line
    for one made a long line quadratic.
    """
    if len(text) == len(folded):
        return folded_end
    prefix = folded[:folded_end].rstrip()
    grown = 0
    for i in range(len(text) + 1):
        if unicodedata.normalize("NFKC", text[:i]).rstrip() == prefix:
            return i
        if i < len(text):
            grown += len(unicodedata.normalize("NFKC", text[i]))
            if grown > folded_end + _OFFSET_SLACK:
                break
    return folded_end


_OFFSET_SLACK = 8
"""Characters past a marker's end the search still tries (trailing spaces, composition)."""


def split_heading(rest: str) -> tuple[str | None, str]:
    """Split `依法履行政府职能。一是……` into heading and body.

    A numbered line whose text runs past `_MAX_HEADING` characters before its first
    stop is a numbered paragraph: the part before the first stop is still its heading
    when short, otherwise the whole line is body with no heading (None).
    """
    rest = rest.strip()
    if not rest:
        return None, ""
    stop = _HEADING_END.search(rest)
    if stop is None:
        if len(rest) <= _MAX_HEADING + 10:  # headings that never stop run a little longer
            return rest, ""
        return None, rest
    head = rest[: stop.start()].strip()
    if not head or len(head) > _MAX_HEADING:
        return None, rest
    body = rest[stop.end() :].strip()
    return head, body


def split_enumeration(body: str) -> list[str]:
    """`一是……。二是……。` → its items (empty when the body has no such list)."""
    starts = [m.start(1) for m in _ENUM.finditer(body)]
    if len(starts) < 2:
        return []
    items = [body[a:b].strip() for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]
    return [item for item in items if item]


def _fix_heading_levels(lines: list[Line]) -> None:
    """Demote numbered lines whose 'heading' has no Chinese text (`1. 2023`, `(1) 50%`)."""
    for line in lines:
        if line.level and line.heading and not has_cjk(line.heading):
            line.level, line.marker, line.heading, line.body = 0, "", None, line.text


def _nest_under_parts(lines: list[Line]) -> None:
    """`第一部分` headings sit above `一、`: in such reports every other level moves down."""
    if not any(line.marker.startswith("第") and "部分" in line.marker for line in lines):
        return
    for line in lines:
        if line.level and not ("部分" in line.marker and line.marker.startswith("第")):
            line.level = min(line.level + 1, 4)


def assign_paths(lines: list[Line]) -> None:
    """Heading path of every line: the headings above it, outermost first."""
    stack: list[tuple[int, str]] = []
    for line in lines:
        if line.level:
            stack = [(lvl, h) for lvl, h in stack if lvl < line.level]
            stack.append((line.level, line.heading or ""))
        line.path = [h for _, h in stack]
