"""The geometry of GB/T 9704-2012 (党政机关公文格式), shared by the text and Word writers.

Positions are measured in characters of 3号 (`em`) across the 28-character line:
a Chinese character is one, a digit or Latin letter half of one, as in the
仿宋_GB2312 and Times New Roman faces. The house style (`Layout`) is a pack's
`layout:` option; its defaults are the national standard.

- `break_title` — 7.3.1: a long title breaks at meaningful points (after the
  issuing unit, before 关于, around the year), never inside a word or a number,
  into balanced lines (梯形 or 菱形), each narrower than the line.
- `signature_rows` — 7.3.5.1 (sealed: 署名 centred over a date set four
  characters in; joint issuers side by side, one seal each) and 7.3.5.2
  (unsealed: 署名 two characters in, the date starting two characters right of
  it; joint issuers one under another).
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

CHARS_PER_LINE = 28
"""Characters of 3号 on a line (GB/T 9704 5.2.2), whatever the margins."""
BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
MM = 72 / 25.4  # points in a millimetre


@dataclass(frozen=True)
class Layout:
    """A pack's house style (`layout:` in outline.yaml); the defaults are GB/T 9704-2012."""

    margins: tuple[float, float, float, float] = (37.0, 35.0, 28.0, 26.0)
    """Top, bottom, left, right, in millimetres (A4: a 156 × 225 mm type area)."""
    line_pitch: float = 28.95
    """Exact line spacing in points: 22 lines fill the 225 mm type area."""
    sealed: bool = True
    """Signature block for a sealed report (7.3.5.1), else unsealed (7.3.5.2)."""
    latin_font: str = ""
    """Font for digits and Latin letters (e.g. Times New Roman); empty: the Chinese font."""
    bold_lead: bool = False
    """Bold the lead sentence of `一是……。二是……` items (a provincial house rule)."""
    blank_after_recipient: bool = False
    """A blank line between the 主送机关 and the body (a house rule; GB/T 9704 7.3.3 puts
    the body on the next line)."""

    @property
    def type_width(self) -> float:
        """Width of the type area in points."""
        return (210 - self.margins[2] - self.margins[3]) * MM

    @property
    def char_squeeze(self) -> int:
        """Character spacing (twentieths of a point) that fits 28 characters of 3号 a line."""
        spare = self.type_width / CHARS_PER_LINE - BODY_PT
        return min(0, int(spare * 20 // 1))

    @property
    def char_pitch(self) -> float:
        """Advance of one 3号 character in points, squeeze included."""
        return BODY_PT + self.char_squeeze / 20

    @property
    def title_capacity(self) -> float:
        """Characters of 2号 a title line may hold, one spare for a substituted font."""
        return self.type_width / TITLE_PT - 1

    @property
    def blank_lines_before_signature(self) -> int:
        """Blank lines between the body and the signature: the seal's top must come within
        a line of the body (7.3.5.1); unsealed, one blank line (7.3.5.2)."""
        return 2 if self.sealed else 1


def text_width(text: str) -> float:
    """Width in characters: Chinese and full-width forms count one, the rest a half."""
    return sum(0.5 if unicodedata.east_asian_width(ch) in "NaH" else 1.0 for ch in text)


# --- title (7.3.1) ----------------------------------------------------------------

_TITLE_WORDS = (
    "关于", "年度", "法治政府建设", "法治政府", "法治建设", "依法行政", "依法治区", "依法治市",
    "依法治县", "依法治省", "依法治国", "工作", "情况", "报告", "人民政府", "委员会", "党组",
    "党委", "政府", "中共", "办公室", "领导小组", "推进", "落实", "责任", "第一责任人", "职责",
    "履行", "述法", "年终", "主要负责人", "党政", "建设", "实施", "纲要", "规划", "部门",
)  # fmt: skip
"""Words of report titles a line must not break inside."""
_GROUP = re.compile(
    r"\d+(?:[-—－~～]\d+)*(?:年度|年|月|日)?|[A-Za-z]+|（[^）]*）|《[^》]*》|“[^”]*”"
)
"""Numbers with their unit (a year), Latin words, and bracketed or quoted names: unbreakable."""
_YEAR = re.compile(r"\d{4}(?:[-—－]\d{4})?年度?")
_NO_LINE_START = set("，。、；：？！）》」』”’…—·")
_NO_LINE_END = set("（《「『“‘")
_ADMIN_SUFFIX = set("省市区县州盟旗镇乡")
_FORBIDDEN = 1000.0
_INSIDE_WORD = 40.0


def break_title(title: str, capacity: float, names: Sequence[str] = ()) -> list[str]:
    """The title's lines: one if it fits, else the best-scored set of breaks.

    `names` are the issuing bodies (the unit, 署名): a break right after one that
    opens the title is the best there is, like one before `关于`.
    """
    if text_width(title) <= capacity or len(title) < 2:
        return [title]
    costs = _break_costs(title, names)
    widths = [text_width(ch) for ch in title]
    fewest = max(2, int(sum(widths) // capacity) + 1)
    best: tuple[float, list[str]] | None = None
    for lines in (fewest, fewest + 1):
        if lines > min(len(title), 6):
            break
        for cuts in _cut_sets(costs, lines):
            spans = list(itertools.pairwise((0, *cuts, len(title))))
            parts = [title[a:b] for a, b in spans]
            part_widths = [sum(widths[a:b]) for a, b in spans]
            if max(part_widths) > capacity:
                continue
            score = sum(costs[c] for c in cuts) + _shape_cost(part_widths, capacity)
            score += 6 * (lines - fewest)
            if best is None or score < best[0]:
                best = (score, parts)
    return best[1] if best else _wrap(title, widths, capacity)


def _cut_sets(costs: list[float], lines: int) -> itertools.combinations[tuple[int, ...]]:
    """Choices of break positions that break no rule: all of them for a usual title, the
    best-scored positions only when there would be more than `_MAX_CUT_SETS`."""
    allowed = [i for i in range(1, len(costs)) if costs[i] < _FORBIDDEN]
    keep = len(allowed)
    while keep > lines and math.comb(keep, lines - 1) > _MAX_CUT_SETS:
        keep -= 1
    if keep < len(allowed):
        allowed = sorted(sorted(allowed, key=lambda i: costs[i])[:keep])
    return itertools.combinations(allowed, lines - 1)


_MAX_CUT_SETS = 5000


def _break_costs(title: str, names: Sequence[str]) -> list[float]:
    """What a break before character i costs: 0 at the best points, `_FORBIDDEN` never."""
    n = len(title)
    costs = [8.0] * (n + 1)  # between two characters of unknown words
    words: list[tuple[int, int]] = []
    for word in (*_TITLE_WORDS, *(name for name in names if len(name) > 1)):
        words += [(m.start(), m.end()) for m in re.finditer(re.escape(word), title)]
    for start, end in words:
        costs[start] = min(costs[start], 5.0)
        costs[end] = min(costs[end], 5.0)
    for start, end in words:
        for i in range(start + 1, end):
            costs[i] = max(costs[i], _INSIDE_WORD)
    for name in sorted({name for name in names if name}, key=len, reverse=True):
        for i in range(len(name) - 1):
            if name[i] in _ADMIN_SUFFIX and title.find(name) >= 0:
                inner = title.find(name) + i + 1
                costs[inner] = min(costs[inner], 6.0)  # 长治市|潞州区: between place names
    position = 0
    while True:  # the issuing bodies that open the title, one after another
        name = next((nm for nm in names if nm and title.startswith(nm, position)), None)
        if name is None:
            break
        position += len(name)
        costs[position] = 0.0
    for match in re.finditer("关于", title):
        costs[match.start()] = 0.0
    for match in _YEAR.finditer(title):
        costs[match.start()] = min(costs[match.start()], 3.0)
        costs[match.end()] = min(costs[match.end()], 3.0)
    for match in re.finditer("关于", title):
        costs[match.end()] = max(costs[match.end()], 20.0)  # 关于 goes with what it is about
    for match in re.finditer("的", title):
        costs[match.start()] = max(costs[match.start()], 20.0)  # no line opens with 的
    for match in _GROUP.finditer(title):
        for i in range(match.start() + 1, match.end()):
            costs[i] = _FORBIDDEN
    for i in range(1, n):
        if title[i] in _NO_LINE_START or title[i - 1] in _NO_LINE_END:
            costs[i] = _FORBIDDEN
    costs[0] = costs[n] = _FORBIDDEN
    return costs


def _shape_cost(widths: list[float], capacity: float) -> float:
    """Balanced lines in a 梯形 or 菱形; a narrow waist (沙漏) or a stub line costs."""
    cost = 6 * (max(widths) - min(widths)) / capacity
    if min(widths) < max(widths) / 3:
        cost += 8
    inner = widths[1:-1]
    if inner and min(inner) < min(widths[0], widths[-1]):
        cost += 1.5
    return cost


def _wrap(title: str, widths: list[float], capacity: float) -> list[str]:
    """Plain wrapping, for a title with no allowed break that fits (one unbroken word)."""
    lines, start, width = [], 0, 0.0
    for i, w in enumerate(widths):
        if width + w > capacity and i > start:
            lines.append(title[start:i])
            start, width = i, 0.0
        width += w
    return [*lines, title[start:]]


# --- signature block (7.3.5) --------------------------------------------------------

SEAL_EMS = 8.0
"""A seal's diameter (about 42 mm) in characters: seals side by side never touch."""
BLANK_ROWS_BETWEEN_SEALS = 4
"""Blank lines between two rows of sealed names, so the rows' seals do not touch."""


@dataclass(frozen=True)
class Placed:
    """A piece of the signature block and where it starts, in characters from the left."""

    text: str
    kind: str  # "signature" or "date"
    start: float

    @property
    def end(self) -> float:
        return self.start + text_width(self.text)


def signature_rows(names: Sequence[str], date: str, *, sealed: bool) -> list[list[Placed]]:
    """The signature block's lines, each a list of placed pieces; an empty list is a
    blank line (between rows of seals)."""
    names = [name for name in names if name]
    if sealed:
        return _sealed(names, date)
    return _unsealed(names, date)


def _sealed(names: list[str], date: str) -> list[list[Placed]]:
    """Date four characters in; the (last) 署名 centred over it, other issuers to its
    left on the same line, one seal over each, when they fit; else row under row."""
    date_start = CHARS_PER_LINE - 4 - text_width(date)
    centre = date_start + text_width(date) / 2
    if not date:  # no date to centre over: the (last) name ends four characters in
        centre = CHARS_PER_LINE - 4 - text_width(names[-1]) / 2 if names else centre
    date_row = [Placed(date, "date", date_start)] if date else []
    if not names:
        return [date_row] if date_row else []
    side_by_side = _side_by_side(names, centre)
    if side_by_side:
        return [side_by_side, *([date_row] if date_row else [])]
    rows: list[list[Placed]] = []
    for name in names:
        if rows:
            rows += [[] for _ in range(BLANK_ROWS_BETWEEN_SEALS)]
        rows.append([_centred(name, centre)])
    return rows + ([date_row] if date_row else [])


def _side_by_side(names: list[str], centre: float) -> list[Placed] | None:
    """The issuers on one line, centres spread evenly from the mirror of the date's centre
    to the date's centre; None when names would collide, or seals touch or stick out."""
    if len(names) == 1:
        return [_centred(names[0], centre)]
    first = CHARS_PER_LINE - centre
    step = (centre - first) / (len(names) - 1)
    if step < SEAL_EMS or first < SEAL_EMS / 2 or centre + SEAL_EMS / 2 > CHARS_PER_LINE:
        return None  # seals would touch, or reach past the type area
    placed = [_centred(name, first + k * step) for k, name in enumerate(names)]
    if placed[0].start < 0 or placed[-1].end > CHARS_PER_LINE:
        return None
    if any(b.start - a.end < 1 for a, b in itertools.pairwise(placed)):
        return None
    return placed


def _centred(name: str, centre: float) -> Placed:
    start = centre - text_width(name) / 2
    start = min(max(start, 0.0), CHARS_PER_LINE - text_width(name))
    return Placed(name, "signature", max(start, 0.0))


def _unsealed(names: list[str], date: str) -> list[list[Placed]]:
    """署名 two characters in, joint issuers one under another from a common start;
    the date starts two characters right of them, or, when that would reach past two
    characters in, ends two characters in with the 署名 moved left to match."""
    longest = max((text_width(name) for name in names), default=0.0)
    start = CHARS_PER_LINE - 2 - longest
    if date and start + 2 + text_width(date) > CHARS_PER_LINE - 2:
        start = CHARS_PER_LINE - 2 - text_width(date) - 2
    start = max(start, 0.0)
    rows = [[Placed(name, "signature", start)] for name in names]
    if date:
        alone = CHARS_PER_LINE - 2 - text_width(date)
        rows.append([Placed(date, "date", start + 2 if names else alone)])
    return rows
