"""Give back paragraphs that a copy lost: PDF copies and web pages pasted into one line.

Text copied out of a PDF is hard-wrapped every 28–40 characters, with page
numbers (`— 3 —`, `第3页 共10页`) and running headers between the lines; text
copied from a web page whose paragraph breaks were lost is one very long line
(`…报告如下。一、……（一）……1.……`). Parsing either as it is puts most of the
report in the wrong part, so both are repaired before parsing: wrapped lines are
joined, page furniture dropped, long lines split at their heading markers.

Each repair only runs on text that shows its symptom (lines of one width that stop
without punctuation; a line of many sentences carrying several numbered headings),
so a tidy report passes through unchanged. Pieces keep the number of the source
line they came from.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter

from drafter.corpus.furniture import is_furniture, split_furniture, strip_watermark
from drafter.corpus.report import Paragraph, Reading
from drafter.textnorm import parse_chinese_number

_CN = "一二三四五六七八九十"
_DASH = r"[-－—–―~～_·•]"

# --- page furniture -------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    rf"{_DASH}+\s*\d{{1,4}}\s*{_DASH}+"  # — 3 —, - 3 -, -3-
    r"|第\s*\d{1,4}\s*页\s*(?:[,，/／]?\s*共\s*\d{1,4}\s*页)?"  # 第3页 共10页
    r"|共\s*\d{1,4}\s*页\s*[,，/／]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"  # 3/10
    r"|(?i:page)\s*\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?"
)
_BARE_NUMBER = re.compile(r"\d{1,3}")
"""A line holding only a number is a page number in a PDF copy, and only there."""


def is_page_number(text: str, *, bare: bool = False) -> bool:
    """`— 3 —`, `- 3 -`, `第3页 共10页`, `3/10`; a bare `3` only if `bare` (a PDF copy)."""
    t = unicodedata.normalize("NFKC", text).strip()
    return bool(_PAGE_NUMBER.fullmatch(t) or (bare and _BARE_NUMBER.fullmatch(t)))


_MAX_RUNNING_HEAD = 40
_MIN_REPEATS = 2


def _drop_page_furniture(
    paragraphs: list[Paragraph], reading: Reading, *, wrapped: bool
) -> list[Paragraph]:
    """Page numbers, and in a paged copy the running heads: short lines that stand next to
    a page number (a footer above it, a header below it) and repeat from page to page."""
    numbers = [i for i, p in enumerate(paragraphs) if is_page_number(p.text, bare=wrapped)]
    reading.page_numbers_dropped += len(numbers)
    drop = set(numbers)
    if wrapped or len(numbers) >= 2:
        beside = [
            j
            for i in numbers
            for j in (i - 1, i + 1)
            if 0 <= j < len(paragraphs)
            and j not in drop
            and len(_key(paragraphs[j].text)) <= _MAX_RUNNING_HEAD
        ]
        repeats = Counter(_key(paragraphs[j].text) for j in set(beside))
        heads = {j for j in beside if repeats[_key(paragraphs[j].text)] >= _MIN_REPEATS}
        reading.running_heads_dropped += len(heads)
        drop |= heads
    return [p for i, p in enumerate(paragraphs) if i not in drop]


def _key(text: str) -> str:
    return re.sub(r"\s", "", text)


# --- hard wraps -----------------------------------------------------------------

STOPS = "。！？!?；;：:…"
_SPACES = " \t\u3000\xa0\u2002\u2003"
_CLOSERS = "”’」』）)】"
HEADING_START = re.compile(  # a line that starts a heading: 一、 （一） 1. （1） 第一部分
    rf"^\s*(?:第[{_CN}]{{1,3}}部分|[{_CN}]{{1,3}}\s*[、.．]|[（(]\s*[{_CN}]{{1,3}}\s*[)）]"
    r"|\d{1,2}\s*[、.．](?!\d)|[（(]\s*\d{1,2}\s*[)）])"
)
_WIDTH_TOLERANCE = 6
"""Display columns (3 Chinese characters) a full line may fall short of the widest."""
_MAX_WRAP_WIDTH = 120
_MIN_WRAPPED_LINES = 8
_MIN_FULL_SHARE = 0.5


_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6"
    "\U00020000-\U0003fffd]"
)
"""Characters East Asian text sets two columns wide (Unicode's W and F classes)."""


def display_width(text: str) -> int:
    """Columns the text takes: Chinese characters and full-width forms count two."""
    text = text.strip()
    return len(text) + len(_WIDE.findall(text))


def _wrap_width(paragraphs: list[Paragraph]) -> int | None:
    """The width a PDF copy was wrapped at, or None when the text is not hard-wrapped.

    In a hard-wrapped copy most lines are full, within a few columns of the widest
    common line; in a report saved paragraph by paragraph the lengths scatter.
    """
    widths = sorted(
        w
        for p in paragraphs
        if not is_page_number(p.text, bare=True) and (w := display_width(p.text)) >= 20
    )
    if len(widths) < _MIN_WRAPPED_LINES:
        return None
    width = widths[int(0.9 * (len(widths) - 1))]
    if width > _MAX_WRAP_WIDTH:
        return None
    full = sum(1 for w in widths if w >= width - _WIDTH_TOLERANCE)
    return width if full >= _MIN_FULL_SHARE * len(widths) else None


def _ends_sentence(text: str) -> bool:
    t = text.rstrip().rstrip(_CLOSERS)
    return not t or t[-1] in STOPS


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _unwrap(paragraphs: list[Paragraph], width: int, reading: Reading) -> list[Paragraph]:
    """A full line that stops without punctuation continues on the next line, unless
    that line starts a heading; a line ending short of the margin ends its paragraph."""
    groups: list[tuple[int, list[str]]] = []
    open_ = False
    for p in paragraphs:
        if open_ and not HEADING_START.match(p.text):
            groups[-1][1].append(p.text)
            reading.wrapped_lines_joined += 1
        else:
            groups.append((p.number, [p.text]))
        open_ = (
            display_width(p.text) >= width - _WIDTH_TOLERANCE
            and not _ends_sentence(p.text)
            and not is_furniture(p.text)  # a metadata row does not run into the report
        )
    return [Paragraph(number, _joined(parts)) for number, parts in groups]


def _joined(parts: list[str]) -> str:
    """Wrapped halves joined: no space between Chinese, one between two Latin words."""
    out = [parts[0].rstrip()]
    for left, right in zip(parts, parts[1:], strict=False):
        left, right = left.rstrip(), right.strip()
        if left and right and _latin(left[-1]) and _latin(right[0]):
            out.append(" ")
        out.append(right)
    return "".join(out)


# --- flattened lines ------------------------------------------------------------

_MIN_FLAT = 800
"""A line this long with several headings inside lost its breaks."""
_MIN_ALONE = 200
_MIN_FLAT_SHARE = 0.6
_MIN_SPLITS = 3
_MAX_HEADING = 40

_MARKER = re.compile(
    rf"第(?P<part>[{_CN}]{{1,3}})部分"
    rf"|(?P<cn>[{_CN}]{{1,3}})\s*[、.．](?![{_CN}]是)"
    rf"|[（(]\s*(?P<paren_cn>[{_CN}]{{1,3}})\s*[)）]"
    r"|(?<![\d.．])(?P<num>\d{1,2})\s*(?:、|[.．](?!\d))"
    r"|[（(]\s*(?P<paren_num>\d{1,2})\s*[)）]"
)
_KINDS = ("part", "cn", "paren_cn", "num", "paren_num")
_PART_HEADING = re.compile(
    r"(?:(?:19|20)\d\d年度?)?(?:推进法治政府建设|法治政府建设)?"
    r"(?:存在的?(?:主要)?(?:问题|不足|困难)(?:[和及与](?:不足|原因|问题|困难))?(?:及(?:其)?原因)?"
    r"|下一步(?:工作)?(?:打算|计划|安排|思路|举措)"
    r"|(?:下一年度|下步|今后)(?:推进法治政府建设)?(?:工作)?(?:的)?(?:主要)?(?:打算|计划|安排|思路)"
    r"|(?:的)?(?:主要举措和成效|主要做法和成效|工作开展情况|主要安排|主要打算|工作计划)"
    r"|其他需要报告的(?:情况|事项)"
    r"|党政主要负责人履行推进法治建设第一责任人职责(?:情况|的情况)?)"
)
"""Part headings that carry no number (`存在的问题和不足`, `下一步工作打算`)."""
_HEADING_TAIL = re.compile(
    r"[^。！？；：:，,]{0,34}(?:举措和成效|做法和成效|主要成效|工作成效|开展情况|落实情况|"
    r"履职情况|职责情况|不足和原因|问题和不足|不足及原因|存在的问题|存在问题|主要问题|突出问题|"
    r"存在不足|不足之处|主要安排|需要报告的事项|其他事项|其他情况|"
    r"工作安排|工作打算|工作计划|工作思路|意见建议|有关情况|需要报告的情况)"
)
"""How a part heading that runs into its body without a stop ends (`一、主要举措和成效2023年…`)."""
_OPENER = re.compile(
    rf"[{_CN}]{{1,3}}是"
    r"|下一步|下阶段|今后|新的一年|展望|在肯定成绩|成绩的同时|虽然|尽管|但也|但同时|同时也|"
    r"究其原因|特此(?:报告|汇报)|(?:19|20)\d\d年度?[，,]|一年来|过去的一年"
)
"""How paragraphs open: an enumerated item, a turn to problems or plans, a year, 特此报告."""
_SENTENCE_END = re.compile(r"[。！？!?][”’」』）)]*\s*")
_DATE = re.compile(
    r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇○零一二三四五六七八九]{4}年[十一二三四五六七八九]{1,2}月[十一二三四五六七八九]{1,3}日"
)
_MAX_SIGNATURE = 60
_TITLE = re.compile(
    r"(?:关于)?(?:(?!报告|汇报)[^\s>＞»:：。，,；;|｜_])*?(?:法治|依法)"
    r"(?:(?!报告|汇报)[^\s>＞»:：。；;|｜_])*?(?:报告|汇报)"
)
_TITLE_REACH = 200
_TITLE_LABEL = re.compile(r"^(?:文章标题|标\s*题|名\s*称)\s*[:：]")
_ORG_LABEL = re.compile(r"^(?:发布机构|发文机关|发文单位|信息来源|来源|作者|编辑|责任编辑)\s*[:：]")
_ORG_END = re.compile(r"(?:人民政府|政府|委员会|办公室|司法局|局|委|办|厅|院|部|中心|所|室|处|科)")
_RECIPIENT = re.compile(r"[\u4e00-\u9fff、]{2,30}[:：]")


def _is_flattened(text: str, total: int) -> bool:
    """A long line that is most of the text or holds several headings; or a shorter one
    that is most of the text and holds a heading or web furniture (a page's opening
    pasted as one line)."""
    if len(text) < _MIN_ALONE:
        return False
    most = len(text) >= _MIN_FLAT_SHARE * total
    points = _heading_points(text)
    if len(text) >= _MIN_FLAT:
        return most or len(points) >= _MIN_SPLITS
    return most and bool(points or split_furniture(text)[1:])


def _char_before(text: str, start: int, skipping: str) -> str:
    """The last character before `start` that is not in `skipping` ("" at the start)."""
    i = start - 1
    while i >= 0 and text[i] in skipping:
        i -= 1
    return text[i] if i >= 0 else ""


def _boundary_before(text: str, start: int) -> bool:
    """A sentence ends (or white space stands) right before `start`."""
    if start and text[start - 1].isspace():
        return True
    last = _char_before(text, start, _CLOSERS)
    return not last or last in "。！？!?"


def _heading_points(text: str) -> list[int]:
    """Where headings start inside a long line: after a sentence end, or right after a
    heading of the level above (`一、主要举措和成效（一）……`).

    Numbered markers must continue their sequence (`二、` after `一、`, `3.` after
    `2.`), so `。3.5万元` or `统一、权威` does not split; an unnumbered part heading
    (`存在的问题和不足`) restarts the numbering below `一、`.
    """
    events = [(m.start(), m) for m in _MARKER.finditer(text)]
    events += [
        (m.start(), None)
        for m in _PART_HEADING.finditer(text)
        if _boundary_before(text, m.start())
    ]
    events.sort(key=lambda event: event[0])
    points: list[int] = []
    last: dict[str, int] = {}
    heading: tuple[int, int] | None = None  # (where the current heading's text began, its rank)
    for start, match in events:
        if match is None:
            if points and points[-1] == start:
                continue
            points.append(start)
            for lower in _KINDS[2:]:  # the numbers below a part restart; 一、二、 go on
                last.pop(lower, None)
            heading = (start, -1)
            continue
        kind = next(k for k in _KINDS if match.group(k))
        value = match.group(kind)
        number = int(value) if value.isdigit() else parse_chinese_number(value)
        rank = _KINDS.index(kind)
        in_heading = (
            heading is not None
            and rank > heading[1]
            and start - heading[0] <= _MAX_HEADING
            and not re.search(r"[。！？!?；;]", text[heading[0] : start])
        )
        colon = _char_before(text, start, _SPACES) in ("：", ":")
        if number is None or not (in_heading or colon or _boundary_before(text, start)):
            continue
        if number != last.get(kind, 0) + 1 and number != 1:
            continue
        last[kind] = number
        for lower in _KINDS[rank + 1 :]:
            last.pop(lower, None)
        points.append(start)
        heading = (match.end(), rank)
    return points


def _opener_points(text: str) -> list[int]:
    """Sentence ends followed by words that open a paragraph (一是, 下一步, 特此报告 …),
    and `如下：一是` (a list announced by a colon)."""
    points = [
        end.end()
        for end in _SENTENCE_END.finditer(text)
        if _OPENER.match(text, end.end()) or _MARKER.match(text, end.end())
    ]
    points += [m.end() for m in re.finditer(rf"[：:]\s*(?=[{_CN}]{{1,3}}是)", text)]
    return points


_CLOSING_NOTE = re.compile(r"[（(](?:此页无正文|此件[^（()）]{2,8})[)）]")
_ATTACHMENTS = re.compile(r"附件\s*[:：]")
_ITEM_NUMBER = re.compile(r"(?<!\d)(\d{1,3})\s*[.．、]")
_SIGNED_AFTER = re.compile(r"[。！？!?；;：:)）】」”]")


def _closing_points(text: str) -> list[int]:
    """The end glued to the last sentence: `……工作。特此报告。某区人民政府2024年1月19日
    附件：1.……2.……（此件公开发布）编辑：……`.

    The signature is what stands between the last sentence (or bracket) and a date;
    attachment lists are cut at their numbers, notes in brackets stand alone, and
    what follows the last sentence is cut off (a signature, or web furniture).
    """
    points = [m.start() for m in re.finditer(r"特此(?:报告|汇报)", text)]
    for note in _CLOSING_NOTE.finditer(text):
        points += [note.start(), note.end()]
    for attachments in _ATTACHMENTS.finditer(text):
        points.append(attachments.start())
        at, number = attachments.end(), 1
        while item := _ITEM_NUMBER.search(text, at, at + 200):
            at = item.end()
            if int(item.group(1)) == number:
                points.append(item.start())
                number += 1
    marks = sorted(points)
    for date in _DATE.finditer(text):
        window = max(0, date.start() - _MAX_SIGNATURE)
        before = [m.end() for m in _SIGNED_AFTER.finditer(text, window, date.start())]
        k = bisect.bisect_right(marks, date.start())
        if k and marks[k - 1] >= window:
            before.append(marks[k - 1])
        if before or window == 0:
            points += [max(before, default=0), date.start(), date.end()]
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if ends:
        points.append(ends[-1])
    return points


def _cut(text: str, points: list[int]) -> list[str]:
    bounds = [0, *sorted({p for p in points if 0 < p < len(text)}), len(text)]
    return [piece for a, b in zip(bounds, bounds[1:], strict=False) if (piece := text[a:b].strip())]


def _split_flattened(text: str) -> list[str]:
    """A flattened line cut into the paragraphs it lost: web furniture, title, headings,
    the paragraphs that open with a cue, signature and date.

    Furniture is looked for only around the report (before its first heading, after
    its date): inside the body `来源：` or `相关文章` are words of the report.
    """
    headings = _heading_points(text)
    closing = _closing_points(text)
    body = (min(headings, default=len(text)), max(closing, default=len(text)))
    points = headings + _opener_points(text) + closing
    pieces: list[str] = []
    offset = 0
    for piece in _cut(text, points):
        offset = text.index(piece, offset)
        around = offset < body[0] or offset >= body[1]
        for part in split_furniture(piece) if around else [piece]:
            for unit in _split_title(part) if around else [part]:
                pieces.extend(_split_heading_from_body(unit))
    return pieces


def _split_title(piece: str) -> list[str]:
    """The report's title glued between furniture and the opening: cut it out."""
    if _TITLE_LABEL.match(piece):
        return [piece]
    match = _TITLE.search(piece, 0, _TITLE_REACH)  # bounded: no scan of a huge piece
    if not match or match.start() > 80:
        return [piece]
    start = match.start()
    label = _ORG_LABEL.match(piece)
    if label:  # `来源：区司法局桐江市东城区人民政府2023年度……报告`: the title after the name
        ends = (len(piece) - len(piece[e.end() :].lstrip()) for e in _ORG_END.finditer(
            piece, label.end(), match.end()
        ))
        start = next((end for end in ends if (title := _TITLE.match(piece, end))
                      and title.end() - end >= 8), start)
        match = _TITLE.match(piece, start) or match
    cut = [start, match.end()]
    recipient = _RECIPIENT.match(piece, match.end())
    if recipient:
        cut.append(recipient.end())
    return _cut(piece, cut)


def _split_heading_from_body(piece: str) -> list[str]:
    """`一、主要举措和成效2023年，我区……` → the heading, then the body; a colon after an
    unnumbered part heading (`存在的主要问题：执法……`) goes with the cut, so the heading
    reads as one."""
    marker = _MARKER.match(piece)
    plain = _PART_HEADING.match(piece)
    if marker:
        tail = _HEADING_TAIL.match(piece, marker.end())
        if not tail:
            return [piece]
        end = tail.end()
    elif plain:
        end = plain.end()
    else:
        return [piece]
    rest = piece[end:]
    if rest[:1] in ("：", ":"):
        rest = rest[1:] if not marker else rest
        end += 1 if marker else 0
    if not rest or rest[:1] in "。！？；，,、（(的和及与：:":
        return [piece]
    return [piece[:end], rest.strip()]


def _split_long_lines(paragraphs: list[Paragraph], reading: Reading) -> list[Paragraph]:
    total = sum(len(p.text) for p in paragraphs)
    out: list[Paragraph] = []
    for p in paragraphs:
        if not _is_flattened(p.text, total):
            out.append(p)
            continue
        pieces = _split_flattened(p.text)
        reading.long_lines_split += 1
        reading.split_into += len(pieces)
        out.extend(Paragraph(p.number, piece) for piece in pieces)
    return out


# --- all together ----------------------------------------------------------------


_HEAD = 15
"""Paragraphs at most before the report proper where web furniture is looked for."""


def _clean_head(paragraphs: list[Paragraph], reading: Reading) -> list[Paragraph]:
    """Above the first heading: mirror sites' watermarks taken off the title and the
    first sentence."""
    out: list[Paragraph] = []
    for i, p in enumerate(paragraphs):
        if i >= _HEAD or HEADING_START.match(p.text):
            return out + paragraphs[i:]
        text, removed = strip_watermark(p.text)
        reading.watermarks_removed += removed
        if text:
            out.append(p if not removed else Paragraph(p.number, text))
    return out


def reflow(paragraphs: list[Paragraph], reading: Reading) -> list[Paragraph]:
    """Paragraphs as the report wrote them, with what was repaired counted in `reading`."""
    width = _wrap_width(paragraphs)
    paragraphs = _drop_page_furniture(paragraphs, reading, wrapped=width is not None)
    if width is not None:
        paragraphs = _unwrap(paragraphs, width, reading)
    return _clean_head(_split_long_lines(paragraphs, reading), reading)
