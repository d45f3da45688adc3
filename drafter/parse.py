"""Parse a report's paragraphs into lines with outline structure and metadata.

Real reports number their headings `一、` → `（一）` → `1.` → `（1）`, in ASCII
or full-width forms, often run a heading straight into its body
(`（一）依法履行政府职能。一是……`) and enumerate inline (`一是……二是……`).
This module only reads structure; `classify` assigns slots and topics.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from drafter.furniture import is_furniture
from drafter.report import Document, Line, Report
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
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d\d)\s*年")
_DATE_CN = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ISO = re.compile(r"((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})")
_CN_YEAR_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_DATE_CN_NUMERALS = re.compile(
    r"([〇○零一二三四五六七八九]{4})年([十一二三四五六七八九]{1,2})月([十一二三四五六七八九]{1,3})日"
)
_ORG_SUFFIX = re.compile(
    r"(人民政府|政府|委员会|党委|党工委|工委|管委会|管理委员会|办公室|领导小组|司法局|局|厅|委|办|"
    r"中心|公司|院|所|部|会)$"
)
_PLACE = re.compile(
    r"((?:[\u4e00-\u9fff]{1,12}?(?:自治县|自治旗|新区|高新区|开发区|经济开发区|景区|示范区|"
    r"自治州|街道|省|市|区|县|旗|盟|镇|乡))+)"
)
_TITLE_LABEL = re.compile(r"^(标题|名称|题名)\s*[:：]\s*")
_NAME_BEFORE_YEAR = re.compile(r"^(?:关于)?(.+?)(?:关于)?(?:19|20)\d\d")


def parse_document(doc: Document) -> Report:
    """Structure every non-blank paragraph and read the report's metadata."""
    lines = [_parse_line(p.number, p.text) for p in doc.paragraphs]
    lines = [line for line in lines if line.text]
    _fix_heading_levels(lines)
    _nest_under_parts(lines)
    assign_paths(lines)
    report = Report(source=str(doc.path), lines=lines)
    _read_metadata(report, doc.title_hint)
    return report


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
    """Map an offset in the NFKC text back to the display text (NFKC may change lengths)."""
    if len(text) == len(folded):
        return folded_end
    prefix = folded[:folded_end]
    for i in range(len(text) + 1):
        if unicodedata.normalize("NFKC", text[:i]).rstrip() == prefix.rstrip():
            return i
    return folded_end


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


# --- metadata -----------------------------------------------------------------


def is_date_line(text: str) -> bool:
    """A line that is only a date: `2024年1月19日`, `二〇二四年一月十九日`, `2023-01-06`."""
    t = re.sub(r"\s", "", text)
    return any(pattern.fullmatch(t) for pattern in (_DATE_CN, _DATE_CN_NUMERALS, _DATE_ISO))


_CLOSING_NOTE = re.compile(
    r"^[（(][^（()）]{1,30}[)）]$|^(抄送|抄报|联系人|联系电话|印发)\s*[:：]"
)


def is_closing_note(text: str) -> bool:
    """Notes after a signature: `（此件公开发布）`, `抄送：……`, `联系人：……`."""
    return _CLOSING_NOTE.match(text) is not None


def is_org_line(text: str) -> bool:
    """A short line naming an issuing body (signature), with no sentence punctuation."""
    t = text.strip()
    if not t or len(t) > 40 or re.search(r"[。，,；;：:！？]", t):
        return False
    names = re.split(r"[、\s]+", t)
    return all(_ORG_SUFFIX.search(name) for name in names if name)


def parse_date(text: str) -> str | None:
    """The first date in the text as ISO `YYYY-MM-DD`, or None."""
    for pattern in (_DATE_CN, _DATE_ISO):
        match = pattern.search(text)
        if match:
            day = _iso_date(*(int(g) for g in match.groups()))
            if day:
                return day
    match = _DATE_CN_NUMERALS.search(text)
    if match:
        year = int(match.group(1).translate(_CN_YEAR_DIGITS))
        month = parse_chinese_number(match.group(2))
        day_of_month = parse_chinese_number(match.group(3))
        if month and day_of_month:
            return _iso_date(year, month, day_of_month)
    return None


def _iso_date(year: int, month: int, day: int) -> str | None:
    """`YYYY-MM-DD` for a day that exists (not 2月30日), else None."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def is_title_line(text: str) -> bool:
    """The report's title: names the report and the rule-of-law subject."""
    t = _TITLE_LABEL.sub("", text).strip(" |")
    return (
        len(t) <= 60
        and ("报告" in t or "汇报" in t)
        and ("法治" in t or "依法" in t)
        and not re.search(r"[。；;]", t)
        and not t.startswith(("根据", "现将"))
    )


def _read_metadata(report: Report, title_hint: str | None = None) -> None:
    """Fill title, issuer, year (covered), date and place from the report's lines."""
    lines = report.lines
    head = lines[:40]
    titles = [line for line in head if is_title_line(line.text)]
    if titles:
        report.title = _TITLE_LABEL.sub("", titles[-1].text).strip(" |")
    elif title_hint and is_title_line(title_hint):
        report.title = title_hint.strip()

    signature = _signature_block(lines)
    orgs = [line.text for line in signature if is_org_line(line.text)]
    dates = [line.text for line in signature if is_date_line(line.text)]
    if orgs:
        report.issuer = "、".join(orgs)
    else:
        labelled = _labelled(head, ("发文机关", "发布机构"))
        report.issuer = labelled or _issuer_from_title(report.title, head)
    report.date = parse_date(dates[0]) if dates else None
    if report.date is None:
        labelled = _labelled(head, ("成文日期", "成文时间", "发文时间", "发文日期"))
        report.date = parse_date(labelled) if labelled else None

    report.year = _year_covered(report)
    report.place = _place(report)


_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]")
_ATTACHMENT_ITEM = re.compile(r"^\d{1,2}\s*[.、．]\s*\S")


def attachment_lines(lines: list[Line]) -> set[int]:
    """`附件：1.……` and the numbered attachment names on the lines below it."""
    found: set[int] = set()
    for i, line in enumerate(lines):
        if not _ATTACHMENT.match(line.text):
            continue
        found.add(i)
        j = i + 1
        while (
            j < len(lines)
            and _ATTACHMENT_ITEM.match(lines[j].text)
            and len(lines[j].text) <= 60
            and not re.search(r"[。；;]", lines[j].text)
        ):
            found.add(j)
            j += 1
    return found



def _signature_block(lines: list[Line]) -> list[Line]:
    """Org and date lines that sign the report: at its end, or (some copies) at its top."""
    tail: list[Line] = []
    attachments = attachment_lines(lines)
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if is_org_line(line.text) or is_date_line(line.text):
            tail.append(line)
        elif is_closing_note(line.text) or i in attachments:
            continue
        elif tail or not is_furniture(line.text):
            if tail or len(line.text) > 12:
                break
    if any(is_date_line(line.text) for line in tail):
        return list(reversed(tail))
    top: list[Line] = []
    for line in lines[:4]:
        if is_org_line(line.text) or is_date_line(line.text):
            top.append(line)
        else:
            break
    if any(is_date_line(line.text) for line in top) and any(
        is_org_line(line.text) for line in top
    ):
        return top
    return list(reversed(tail))


def _labelled(lines: list[Line], labels: tuple[str, ...]) -> str | None:
    """A value from a web page's metadata table: `发文机关: X` or `发文机关:` then `X`."""
    for i, line in enumerate(lines):
        for label in labels:
            match = re.search(rf"{label}\s*[:：]\s*([^|]*)", re.sub(r"\s", "", line.text))
            if not match:
                continue
            value = match.group(1).strip()
            for other in ("发布机构", "发文字号", "成文时间", "公开方式", "主题词"):
                value = value.split(other)[0]
            if value:
                return value.strip()
            following = lines[i + 1].text if i + 1 < len(lines) else ":"
            if not re.search("[:：]", following):
                return following.strip() or None
    return None


def _issuer_from_title(title: str | None, lines: list[Line]) -> str | None:
    """`XX区人民政府2023年…报告` names its issuer; a `关于…` title may have it on the line above."""
    if not title:
        return None
    for above, line in zip(lines, lines[1:], strict=False):
        if title in line.text and is_org_line(above.text):
            return above.text
    return name_before_year(title)


def name_before_year(title: str) -> str | None:
    """What a title names before its year: `长治市潞州区2023年…报告` → `长治市潞州区`."""
    match = _NAME_BEFORE_YEAR.match(title)
    return match.group(1) if match and match.group(1) != "关于" else None


def _year_covered(report: Report) -> int | None:
    """The year the report covers: from its title, its first paragraphs, or its date."""
    if report.title:
        match = _YEAR_IN_TITLE.search(report.title)
        if match:
            return int(match.group(1))
    for line in report.lines[:30]:
        match = re.match(r"^((?:19|20)\d\d)\s*年(?:度)?(?:以来)?[，,以来]", line.text)
        if match:
            return int(match.group(1))
    if report.date:
        return int(report.date[:4]) - 1
    return None


def _place(report: Report) -> str | None:
    """The issuer's own place name as the report writes it (`潞州区`, `芦台经济开发区`)."""
    body = "".join(line.text for line in report.lines)
    for text in (report.title, report.issuer):
        if not text:
            continue
        cleaned = re.sub(r"^(关于|中共|中国共产党)", "", text)
        places = _PLACE.findall(cleaned)
        if places:
            return _innermost(places[0], body)
    return None


def _innermost(place: str, body: str) -> str:
    """`长治市潞州区` → `潞州区`; `河北唐山芦台经济开发区` → `芦台经济开发区`.

    Drop enclosing provinces and cities, then keep the longest tail that the
    report itself uses again and again.
    """
    parts = re.findall(r".+?(?:省|市|自治区|盟)", place)
    rest = place[len("".join(parts)) :]
    if len(rest) < 2:
        rest = place
    counts = {rest[i:]: body.count(rest[i:]) for i in range(len(rest) - 2)}
    most = max(counts.values(), default=0)
    used = [tail for tail, n in counts.items() if n >= 3 and n * 3 >= most]
    return used[0] if used else rest
