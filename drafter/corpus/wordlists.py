"""Word's automatic numbering, restored as the heading numbers a reader sees.

A .docx whose headings use Word's list numbering holds `依法履行政府职能`, not
`（一）依法履行政府职能`: the `一、`/`（一）`/`1.` that make a line a heading live in
`numbering.xml`. This module counts through the lists in document order, as Word
does, and gives each numbered paragraph its marker back, so parsing sees the
outline the author sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafter.textnorm import chinese_number

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _val(element: Any, path: str) -> str | None:
    """The w:val of the first `path` child (e.g. "w:numFmt"), or None."""
    found = element.find(path.replace("w:", f"{{{_W}}}")) if element is not None else None
    return found.get(_q("val")) if found is not None else None


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None
    """Which level restarts this one (0 = never; None = any level above it)."""


@dataclass
class _List:
    levels: dict[int, _Level]
    counters: dict[int, int] = field(default_factory=dict)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
                           (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
                           (4, "IV"), (1, "I")):
        while n >= value:
            out += letters
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """A list counter in one of Word's number formats (`chineseCounting` 3 → 三)."""
    if fmt.startswith(("chineseCounting", "japaneseCounting", "taiwaneseCounting",
                       "ideographDigital", "chineseLegalSimplified")):
        return chinese_number(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "ideographTraditional":
        return _HEAVENLY_STEMS[(n - 1) % 10]
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) - ord("0") + ord("０")) for d in str(n))
    return str(n)


class ListNumbering:
    """The numbering definitions of one document, counting as paragraphs are read."""

    def __init__(self, numbering: Any | None, styles: Any | None) -> None:
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._lists: dict[str, _List] = {}
        self._style_numbering: dict[str, tuple[str, int]] = {}
        if numbering is not None:
            self._read_definitions(numbering)
        if styles is not None:
            self._read_styles(styles)

    def _read_definitions(self, numbering: Any) -> None:
        for abstract in numbering.iterfind(_q("abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iterfind(_q("lvl")):
                level = _Level(
                    fmt=_val(lvl, "w:numFmt") or "decimal",
                    text=_val(lvl, "w:lvlText") or "",
                    start=_int(_val(lvl, "w:start"), 1),
                )
                restart = _val(lvl, "w:lvlRestart")
                level.restart = _int(restart, 0) if restart is not None else None
                levels[_int(lvl.get(_q("ilvl")), 0)] = level
            self._abstract[abstract.get(_q("abstractNumId")) or ""] = levels
        for num in numbering.iterfind(_q("num")):
            levels = dict(self._abstract.get(_val(num, "w:abstractNumId") or "", {}))
            for override in num.iterfind(_q("lvlOverride")):
                ilvl = _int(override.get(_q("ilvl")), 0)
                start = _val(override, "w:startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = _Level(levels[ilvl].fmt, levels[ilvl].text, _int(start, 1),
                                          levels[ilvl].restart)
            self._lists[num.get(_q("numId")) or ""] = _List(levels)

    def _read_styles(self, styles: Any) -> None:
        """Styles that carry numbering (Heading 1 numbered 一、), following `basedOn`."""
        own: dict[str, tuple[str | None, int | None]] = {}
        based: dict[str, str] = {}
        for style in styles.iterfind(_q("style")):
            style_id = style.get(_q("styleId")) or ""
            num_pr = style.find(f"{_q('pPr')}/{_q('numPr')}")
            if num_pr is not None:
                own[style_id] = (_val(num_pr, "w:numId"), _int(_val(num_pr, "w:ilvl"), None))
            parent = _val(style, "w:basedOn")
            if parent:
                based[style_id] = parent
        for style_id in {*own, *based}:
            seen: set[str] = set()
            current: str | None = style_id
            while current and current not in own and current not in seen:
                seen.add(current)
                current = based.get(current)
            if current in own and own[current][0]:
                num_id, ilvl = own[current]
                self._style_numbering[style_id] = (num_id or "", ilvl or 0)

    def marker(self, paragraph: Any) -> str:
        """The number Word shows before this paragraph (`（二）`), counting it; "" if none."""
        p_pr = paragraph.find(_q("pPr"))
        num_pr = p_pr.find(_q("numPr")) if p_pr is not None else None
        style = _val(p_pr, "w:pStyle")
        num_id, ilvl = self._style_numbering.get(style or "", (None, 0))
        if num_pr is not None:
            num_id = _val(num_pr, "w:numId") or num_id
            ilvl = _int(_val(num_pr, "w:ilvl"), ilvl)
        if not num_id or num_id == "0" or num_id not in self._lists:
            return ""
        return self._count(self._lists[num_id], ilvl)

    def _count(self, numbered: _List, ilvl: int) -> str:
        level = numbered.levels.get(ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return ""
        counters = numbered.counters
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for lower in [k for k in counters if k > ilvl]:
            restart = numbered.levels.get(lower, _Level()).restart
            if restart is None or (restart and restart - 1 <= ilvl):
                del counters[lower]
        text = level.text
        for k in range(9, -1, -1):  # %10 before %1
            if f"%{k + 1}" in text:
                shown = numbered.levels.get(k, level)
                value = counters.get(k, shown.start)
                text = text.replace(f"%{k + 1}", format_number(value, shown.fmt))
        return text


def _int(text: str | None, default: Any) -> Any:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
