"""Checks: what a reviewer would mark down, found before the report goes out.

Each finding has a severity (`error`: the report is not fit to send; `warning`:
probably wrong; `info`: worth knowing), a stable code, and the place it refers
to — section key, item index, field — so the CLI can print a line number and
the TUI can jump there.

This module checks the report's form (parts, placeholders, years, numbering,
punctuation, figures, dates, length, paragraphs copied from last year); the
checks of what the text says (formulations out of their time, other places and
people, copied text, hygiene, coverage) are in `drafter.drafting.checks`, and
their findings are located here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.drafting.checks import lastyear
from drafter.drafting.checks.review import review
from drafter.drafting.checks.scope import Scope
from drafter.drafting.draft import Draft
from drafter.drafting.findings import Finding
from drafter.drafting.outline import Outline, Section
from drafter.drafting.templating import cn_date
from drafter.placeholders import placeholder_names
from drafter.textnorm import chinese_number, fold, has_cjk, parse_chinese_number, to_display

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook

VERBATIM_RATIO = 90
"""rapidfuzz ratio (0-100) from which a paragraph counts as last year's repeated."""
MIN_VERBATIM_CHARS = 30
"""Shorter paragraphs (stock phrases, one-line plans) are allowed to repeat."""

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*年)")
_RANGE = re.compile(r"(?:19|20)\d\d\s*年?\s*[-—–－~～至到]\s*(?:19|20)\d\d")
_BOOK_TITLE = re.compile(r"《[^《》]*》")
_YEAR_BEFORE = re.compile(r"(较|比|与|同比|自|从|到|至|截至|早在|相比|对比|以)\s*$")
_YEAR_AFTER = re.compile(r"^\s*年?\s*(以来|起|至今|之前|以前|前|后|期间|相比)")
_PLANS_FOR_THIS_YEAR = re.compile(r"(?:^|[。；])\s*(?P<year>(?:19|20)\d\d)年[，,][^。]*将")
_OWN_NUMBER = re.compile(
    r"^\s*(第?[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d))"
)
_ENUM = re.compile(r"(?:^|(?<=[。；;，,：:]))\s*([一二三四五六七八九十]{1,3})是")
_PARA_NUMBER = re.compile(r"^\s*(?:(?P<arabic>\d{1,2})[.．、](?!\d)|[（(](?P<paren>\d{1,2})[)）])")
_HALF_STOP = re.compile(r"(?<=[\u4e00-\u9fff”）》])\.(?!\d)")
_FIGURE = re.compile(
    r"\d|[一二三四五六七八九十百千万两]+[余多]?(?:个|件|次|项|人|名|家|场|期|条|篇|所|批|份|户|万|亿)"
)
_NOT_A_FIGURE = re.compile(r"(?:19|20)\d\d\s*年度?|\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月")


def check_draft(
    draft: Draft, against: Path | str | None = None, corpus: Phrasebook | None = None
) -> list[Finding]:
    """All findings for the draft, in document order; `against` is last year's report
    (any format the corpus engine reads) or draft, for the paragraphs, sentences and
    figures repeated from it; `corpus` an open phrasebook, for the checks against other
    units' reports (copied text, their people and brands, coverage), skipped without."""
    checker = _Checker(draft)
    checker.run(corpus)
    if against is not None:
        checker.against(Path(against))
    order = {section.key: i for i, section in enumerate(checker.outline.sections)}

    def position(finding: Finding) -> tuple[int, int]:
        if finding.section is None:
            return (-1 if finding.field else len(order), -1)
        return order[finding.section], -1 if finding.item is None else finding.item

    return sorted(checker.findings, key=position)


class _Checker:
    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.outline: Outline = draft.outline
        self.answers = draft.answers()
        self.year = int(self.answers.get("year") or 0)
        self.scope = Scope(draft)
        self.findings: list[Finding] = []

    # --- plumbing --------------------------------------------------------------

    def add(
        self,
        severity: str,
        code: str,
        message: str,
        section: str | None = None,
        item: int | None = None,
        field: str | None = None,
    ) -> None:
        self.locate(Finding(severity, code, message, section, item, field))

    def flagged(self, findings: Iterable[Finding]) -> None:
        """The content checks' findings, located."""
        for finding in findings:
            self.locate(finding)

    def locate(self, finding: Finding) -> None:
        """Give the finding its line in the draft file and its place in words; keep it."""
        section, item, field = finding.section, finding.item, finding.field
        key: tuple[Any, ...]
        if field and field.startswith("meta:"):
            key = ("meta", field[5:])
        elif item is not None:
            key = (section, item, field) if field else (section, item)
        else:
            key = (section,)
        finding.line = self.draft.lines.get(key) or self.draft.lines.get(key[:2])
        finding.place = self._place(finding)
        self.findings.append(finding)

    def _place(self, finding: Finding) -> str:
        if finding.field and finding.field.startswith("meta:"):
            key = finding.field[5:]
            try:
                return self.outline.question(key).label
            except KeyError:
                return key
        if finding.section is None:
            return "全文"
        return self.scope.place_of(finding.section, finding.item)

    def texts(self) -> Iterator[tuple[Section, int, str, str]]:
        """Every heading and body in the draft: (section, item index, field, text)."""
        for section in self.outline.sections:
            for index, item in enumerate(self.draft.sections.get(section.key, [])):
                if item.heading.strip():
                    yield section, index, "heading", item.heading
                if item.body.strip():
                    yield section, index, "body", item.body

    # --- the checks --------------------------------------------------------------

    def run(self, corpus: Phrasebook | None = None) -> None:
        self.meta()
        for section in self.outline.sections:
            self.section(section)
        for section, index, field, text in self.texts():
            self.text(section, index, field, text)
            if field == "heading":
                self.own_number(section, index, text)
            else:
                self.numbering(section, index, text)
                if section.slot == "measures":
                    self.figures(section, index, text)
        self.lengths()
        self.flagged(review(self.scope, corpus))

    def meta(self) -> None:
        problems = self.outline.validate_answers(self.answers)
        for key, problem in problems.items():
            self.add("error", "meta-invalid", problem, field=f"meta:{key}")
        for question in self.outline.questions:
            value = self.answers.get(question.key)
            if isinstance(value, str) and question.type in ("str", "text"):
                self.placeholders(value, None, None, f"meta:{question.key}")
                self.punctuation(value, None, None, f"meta:{question.key}")
        title = str(self.answers.get("title") or "")
        years = {int(y) for y in _YEAR.findall(title)}
        if self.year and years and self.year not in years:
            shown = "、".join(str(y) for y in sorted(years))
            self.add(
                "error", "year", f"标题写的是{shown}年，报告年度是{self.year}年", field="meta:title"
            )
        if "date" not in problems:
            self.date(self.answers.get("date"))

    def date(self, value: str | None) -> None:
        if not value or not self.year:
            return
        day = dt.date.fromisoformat(value)
        month, dom = (int(part) for part in self.outline.deadline.split("-"))
        deadline = dt.date(self.year + 1, month, dom)
        if day > deadline:
            self.add(
                "warning",
                "deadline",
                f"成文日期 {value} 晚于期限：{self.year}年度的报告须于{cn_date(deadline)}前报出",
                field="meta:date",
            )
        elif day.year <= self.year:
            self.add(
                "warning",
                "date",
                f"成文日期 {value} 早于{self.year}年结束，报告的是{self.year}全年的情况",
                field="meta:date",
            )

    def section(self, section: Section) -> None:
        items = self.draft.sections.get(section.key, [])
        if section.required and not any(item.body.strip() for item in items):
            title = section.label
            self.add("error", "section-empty", f"必写部分“{title}”还没有内容", section.key)
        for index, item in enumerate(items):
            if item.heading.strip() and not item.body.strip():
                self.add(
                    "warning",
                    "item-empty",
                    "小标题下还没有正文：写上内容，或删去这一项",
                    section.key,
                    index,
                    "heading",
                )
        if section.slot == "front" and any(item.body.strip() for item in items):
            last = items[-1].body.strip()
            if not re.search(r"(报告|汇报)如下[：:]$", last):
                self.add(
                    "warning",
                    "opening",
                    "开头语一般以“现将有关情况报告如下：”结尾",
                    section.key,
                    len(items) - 1,
                    "body",
                )

    def text(self, section: Section, index: int, field: str, text: str) -> None:
        self.placeholders(text, section.key, index, field)
        self.punctuation(text, section.key, index, field)
        if field == "body" and self.year:
            self.years(section, index, text)

    def placeholders(self, text: str, section: str | None, index: int | None, field: str) -> None:
        names = placeholder_names(text)
        if names:
            listed = "、".join(dict.fromkeys(names))
            self.add(
                "error", "placeholder", f"还有{len(names)}处待填：{listed}", section, index, field
            )

    def punctuation(self, text: str, section: str | None, index: int | None, field: str) -> None:
        if not has_cjk(text):
            return
        fixed = to_display(text)
        changed = sorted({a for a, b in zip(text, fixed, strict=False) if a != b})
        if changed:
            marks = " ".join(changed)
            self.add(
                "info",
                "punctuation",
                f"中文里有半角标点 {marks}，导出时会改为全角",
                section,
                index,
                field,
            )
        if _HALF_STOP.search(text):
            self.add(
                "warning",
                "punctuation",
                "中文句末用了半角“.”，应为“。”",
                section,
                index,
                field,
            )

    def years(self, section: Section, index: int, text: str) -> None:
        allowed = {self.year, self.year + 1}
        masked = _BOOK_TITLE.sub(lambda m: "＿" * len(m.group()), text)
        masked = _RANGE.sub(lambda m: "＿" * len(m.group()), masked)
        odd = []
        for match in _YEAR.finditer(masked):
            year = int(match.group(1))
            if year in allowed or year < 2000:
                continue
            before = masked[max(0, match.start() - 4) : match.start()]
            after = masked[match.end() : match.end() + 5]
            if _YEAR_BEFORE.search(before) or _YEAR_AFTER.match(after):
                continue
            odd.append(str(year))
        if odd:
            shown = "、".join(dict.fromkeys(odd))
            expected = f"{self.year}或{self.year + 1}年"
            self.add(
                "warning",
                "year",
                f"正文写了{shown}年，本报告是{self.year}年度的（应为{expected}？）",
                section.key,
                index,
                "body",
            )
        if section.slot == "plans":
            for match in _PLANS_FOR_THIS_YEAR.finditer(text):
                if int(match.group("year")) == self.year:
                    self.add(
                        "warning",
                        "year",
                        f"主要安排写的是“{self.year}年……将”，应为{self.year + 1}年？",
                        section.key,
                        index,
                        "body",
                    )
                    break

    def own_number(self, section: Section, index: int, heading: str) -> None:
        match = _OWN_NUMBER.match(heading)
        if match:
            self.add(
                "error",
                "numbering",
                f"小标题自带编号“{match.group(1).strip()}”，drafter 会自动编号，请删去",
                section.key,
                index,
                "heading",
            )

    def numbering(self, section: Section, index: int, body: str) -> None:
        """Numbers the writer typed: paragraphs `1.` `2.` / `（1）`, and inline `一是……二是`."""
        arabic = paren = enum = 0
        for paragraph in body.splitlines():
            match = _PARA_NUMBER.match(paragraph)
            if match and match.group("arabic"):
                arabic = self._next("1.", arabic, int(match.group("arabic")), section, index)
                paren = enum = 0
            elif match:
                paren = self._next("（1）", paren, int(match.group("paren")), section, index)
            for word in _ENUM.finditer(paragraph):
                number = parse_chinese_number(word.group(1)) or 0
                if number != 1 and number != enum + 1:
                    expected = chinese_number(enum + 1)
                    self.add(
                        "warning",
                        "numbering",
                        f"“{word.group(1)}是”前面应是“{expected}是”（序号不连续）",
                        section.key,
                        index,
                        "body",
                    )
                enum = number

    def _next(self, style: str, previous: int, number: int, section: Section, index: int) -> int:
        if number != 1 and number != previous + 1:
            expected = style.replace("1", str(previous + 1))
            got = style.replace("1", str(number))
            self.add(
                "error",
                "numbering",
                f"段落编号“{got}”不连续，此处应为“{expected}”",
                section.key,
                index,
                "body",
            )
        return number

    def figures(self, section: Section, index: int, body: str) -> None:
        """Measures with no number at all (a placeholder counts: it will be one)."""
        if placeholder_names(body):
            return
        if not _FIGURE.search(_NOT_A_FIGURE.sub("", body)):
            self.add(
                "warning",
                "no-figures",
                "这一项没有一个具体数字：写上做了多少、增减多少、比例多少",
                section.key,
                index,
                "body",
            )

    def lengths(self) -> None:
        total = 0
        for section in self.outline.sections:
            items = self.draft.sections.get(section.key, [])
            size = sum(_chars(item.heading) + _chars(item.body) for item in items)
            total += size
            if not any(item.body.strip() for item in items):
                continue
            title = section.label
            self.add("info", "length", f"“{title}”{size}字", section.key)
            if size < section.min_chars:
                self.add(
                    "warning",
                    "too-short",
                    f"“{title}”只有{size}字，一般不少于{section.min_chars}字",
                    section.key,
                )
            if section.max_chars and size > section.max_chars:
                self.add(
                    "warning",
                    "too-long",
                    f"“{title}”有{size}字，超过{section.max_chars}字",
                    section.key,
                )
        self.add("info", "length", f"全文正文共{total}字")
        if total and total < self.outline.min_chars:
            self.add(
                "warning", "too-short", f"全文只有{total}字，一般不少于{self.outline.min_chars}字"
            )
        if self.outline.max_chars and total > self.outline.max_chars:
            self.add("warning", "too-long", f"全文{total}字，超过{self.outline.max_chars}字")

    def against(self, path: Path) -> None:
        """Paragraphs copied almost verbatim from last year's report or draft; then its
        sentences and figures in the paragraphs that are not."""
        from rapidfuzz import fuzz, process

        earlier = earlier_paragraphs(path)
        previous = [fold(p) for p in earlier]
        previous = [p for p in previous if len(p) >= MIN_VERBATIM_CHARS]
        copied: set[str] = set()
        for section, index, field, text in self.texts() if previous else ():
            if field != "body":
                continue
            for paragraph in text.splitlines():
                key = fold(to_display(paragraph))
                if len(key) < MIN_VERBATIM_CHARS:
                    continue
                best = process.extractOne(
                    key, previous, scorer=fuzz.ratio, score_cutoff=VERBATIM_RATIO
                )
                if best:
                    copied.add(paragraph)
                    start = paragraph.strip()[:16]
                    self.add(
                        "warning",
                        "verbatim",
                        f"“{start}……”与{path.name}几乎相同（{best[1]:.0f}%），今年的情况应重新写",
                        section.key,
                        index,
                        "body",
                    )
        self.flagged(lastyear.check(self.scope, earlier, path.name, copied))


def earlier_paragraphs(path: Path) -> list[str]:
    """The body paragraphs of last year's draft (`*.yaml`) or report (any ingested format)."""
    if path.suffix.lower() in (".yaml", ".yml"):
        from drafter.drafting.draft import load_draft

        earlier = load_draft(path)
        return [
            paragraph
            for items in earlier.sections.values()
            for item in items
            for paragraph in item.body.splitlines()
            if paragraph.strip()
        ]
    from drafter.corpus.pipeline import load_report
    from drafter.corpus.report import CONTENT_SLOTS

    report = load_report(path)
    wanted = {*CONTENT_SLOTS, "front"}
    return [line.body or line.text for line in report.lines if line.slot in wanted]


def _chars(text: str) -> int:
    return len(re.sub(r"\s", "", text))
