"""What a report says about itself: title, issuing body, date, the year it covers, place.

Reports sign off with their issuing body and a date (`某区人民政府` / `2024年1月19日`),
name themselves in a title (`XX区2023年法治政府建设情况报告`), and web copies add a
metadata table (`发文机关：…`). The predicates here recognise such lines for the
classifier, and `read_metadata` reads them once the classifier has found the
closing block: one walk over the report's end, not two.
"""

from __future__ import annotations

import datetime as dt
import re

from drafter.corpus.furniture import row_value
from drafter.corpus.report import Line, Report
from drafter.textnorm import parse_chinese_number

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
_TITLE_LABEL = re.compile(r"^(文章标题|标\s*题|名\s*称|题\s*名)\s*[:：]\s*")
_WRITTEN = ("成文日期", "成文时间", "发文时间", "发文日期")
_PUBLISHED = ("发布日期", "发布时间", "发布于")
_NAME_BEFORE_YEAR = re.compile(r"^(?:关于)?(.+?)(?:关于)?(?:19|20)\d\d")


def read_metadata(report: Report, signature: list[Line]) -> None:
    """Fill title, issuer, year (covered), date and place from the report's lines.

    `signature` holds the lines that sign the report, as the classifier found them
    in its one walk over the closing block (or the top, in copies that sign first).
    """
    lines = report.lines
    head = lines[:40]
    titles = [line for line in head if is_title_line(line.text)]
    # the report's own title before a metadata table's copy or a related page's title
    titles = [line for line in titles if line.slot != "noise"] or titles
    if titles:
        report.title = row_value(_TITLE_LABEL.sub("", titles[-1].text)).strip(" |")
    elif report.title_hint and is_title_line(report.title_hint):
        report.title = report.title_hint.strip()

    orgs = [line.text for line in signature if is_org_line(line.text)]
    dates = [line.text for line in signature if is_date_line(line.text)]
    if orgs:
        report.issuer = "、".join(orgs)
    else:
        source = _labelled(head, ("信息来源", "来源"))  # who published the page
        report.issuer = (
            _labelled(head, ("发文机关", "发布机构"))
            or _issuer_from_title(report.title, head)
            or (source if source and is_org_line(source) else None)
        )
    report.date = parse_date(dates[0]) if dates else None
    for labels in (_WRITTEN, _PUBLISHED):  # when it was written, else when published
        if report.date is None:
            labelled = _labelled(head, labels)
            report.date = parse_date(labelled) if labelled else None

    report.year = _year_covered(report)
    report.place = _place(report)


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
        and not re.search(r"[。；;]|[:：]$", t)  # an opening ends `……报告如下：`
        and not t.startswith(("根据", "现将"))
    )


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



def _labelled(lines: list[Line], labels: tuple[str, ...]) -> str | None:
    """A value from a web page's metadata table: `发文机关: X`, `发文机关:` then `X` on
    the next line, or one of several rows on a line (`发布机构：X  发布日期：Y`)."""
    for i, line in enumerate(lines):
        text = re.sub(r"\s", "", line.text)
        for label in labels:
            match = re.search(rf"{label}[:：]([^|]*)", text)
            if not match:
                continue
            value = row_value(match.group(1))
            if value:
                return value
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
        places = _PLACE.findall(cleaned[:_MAX_PLACE_TEXT])  # the pattern backtracks: bound it
        if places:
            return _innermost(places[0], body)
    return None


_MAX_PLACE_TEXT = 80
"""A title or issuer names its place within its first characters (titles have at most 60)."""
_MAX_PLACE = 30
"""Characters a place name's tail may have (`芦台经济开发区` has 7): a 300 KB run of 区
posing as a place must not make every suffix a candidate."""


def _innermost(place: str, body: str) -> str:
    """`长治市潞州区` → `潞州区`; `河北唐山芦台经济开发区` → `芦台经济开发区`.

    Drop enclosing provinces and cities, then keep the longest tail that the
    report itself uses again and again.
    """
    parts = re.findall(r".{1,20}?(?:省|市|自治区|盟)", place)  # bounded: no rescans
    rest = place[len("".join(parts)) :]
    if len(rest) < 2:
        rest = place
    tails = range(max(0, len(rest) - _MAX_PLACE), len(rest) - 2)  # places are short
    counts = {rest[i:]: body.count(rest[i:]) for i in tails}
    most = max(counts.values(), default=0)
    used = [tail for tail, n in counts.items() if n >= 3 and n * 3 >= most]
    return used[0] if used else rest
