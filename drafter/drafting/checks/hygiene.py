"""Text hygiene: the slips a careful reader sees at once.

Unbalanced brackets and quotes (`《…（2021-2025年》`, `“…`), tabs and stray
spaces left by pasting, numbering pasted inside a body (`……成效。（二）严格执法。`),
a rate over 100% (`办结率105%`; growth may exceed it), and the same sentence
written twice in the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.corpus.mine import split_sentences
from drafter.drafting.checks.scope import Passage, Scope, quoted
from drafter.drafting.findings import Finding
from drafter.textnorm import fold

_OPENERS = {"（": "）", "《": "》", "“": "”", "‘": "’", "【": "】", "〔": "〕", "[": "]"}
_CLOSERS = {close: open_ for open_, close in _OPENERS.items()}
_SAME_BRACKET = str.maketrans({"(": "（", ")": "）"})
"""ASCII and full-width round brackets pair with each other (`（2021-2025年)` is closed)."""

_CJK_OR_MARK = r"\u3400-\u9fff，。；：、“”‘’（）《》！？【】"
_STRAY_SPACE = re.compile(rf"(?<=[{_CJK_OR_MARK},;:])[ \u3000\u00a0]+(?=[{_CJK_OR_MARK}])")
_CN = "一二三四五六七八九十"
_PASTED_NUMBER = re.compile(
    rf"(?:(?<=[。；！？;!?])|^)\s*(?P<mark>[（(][{_CN}]{{1,3}}[)）]|[{_CN}]{{1,3}}、"
    rf"|第[{_CN}]{{1,3}}部分)"
)
_PERCENT = re.compile(r"(?P<value>\d+(?:\.\d+)?)\s*[%％]")
_RATE = re.compile(r"率|满意度|知晓度|占比|比例|比重|覆盖面")
_GROWTH = re.compile(r"增长|增加|提高|提升|上升|下降|减少|降低|同比|环比|增幅|增速|超|完成|倍")
_CLAUSE_START = re.compile(r"[，。；：、,;:]")
MIN_REPEATED_CHARS = 12
"""Shorter sentences (`取得明显成效。`) may well recur."""


def check(scope: Scope) -> Iterator[Finding]:
    for passage in scope.passages:
        for paragraph in passage.paragraphs():
            yield from _brackets(passage, paragraph)
        yield from _spacing(passage)
        if passage.field == "body":
            yield from _pasted_numbering(passage, scope)
            yield from _percentages(passage)
    yield from _repeated(scope)


def _brackets(passage: Passage, paragraph: str) -> Iterator[Finding]:
    """The first bracket or quote of the paragraph left open, or closed without opening."""
    text = paragraph.translate(_SAME_BRACKET)
    stack: list[int] = []
    for at, char in enumerate(text):
        if char in _OPENERS:
            stack.append(at)
        elif char in _CLOSERS:
            if stack and text[stack[-1]] == _CLOSERS[char]:
                stack.pop()
                continue
            if any(text[i] == _CLOSERS[char] for i in stack):
                break  # closes an outer one: the inner one is left open
            problem = f"“{paragraph[at]}”前面没有对应的“{_CLOSERS[char]}”"
            yield _unbalanced(passage, paragraph, at, problem)
            return
    if stack:
        at = stack[-1]
        problem = f"“{paragraph[at]}”没有对应的“{_OPENERS[text[at]]}”"
        yield _unbalanced(passage, paragraph, at, problem)


def _unbalanced(passage: Passage, paragraph: str, at: int, problem: str) -> Finding:
    start = max(0, at - 8)
    where = ("……" if start else "") + paragraph[start : at + 16] + "……"
    return passage.flag("warning", "brackets", f"括号或引号不配对：{problem}，见“{where}”：请补全")


def _spacing(passage: Passage) -> Iterator[Finding]:
    if "\t" in passage.text:
        yield passage.flag(
            "warning", "spacing", "有制表符（Tab），多是粘贴带来的：请删去，缩进由导出排版"
        )
    for paragraph in passage.paragraphs():
        match = _STRAY_SPACE.search(paragraph.strip())
        if match:
            text = paragraph.strip()
            around = text[max(0, match.start() - 6) : match.end() + 6]
            yield passage.flag("warning", "spacing", f"中文之间有多余的空格（“{around}”）：请删去")
            return


def _pasted_numbering(passage: Passage, scope: Scope) -> Iterator[Finding]:
    """A heading's number in the middle of a paragraph, or opening a paragraph of an item
    that has its own heading: another item's heading pasted into this one."""
    item = scope.draft.sections[passage.section or ""][passage.item or 0]
    for paragraph in passage.paragraphs():
        for match in _PASTED_NUMBER.finditer(paragraph.strip()):
            if match.start("mark") == 0 and not item.heading.strip():
                continue  # the writer's own list in an item without heading
            mark = match.group("mark")
            yield passage.flag(
                "warning",
                "pasted-numbering",
                f"正文里夹着小标题编号“{mark}”：它后面的内容应另起一项（写成小标题），或删去编号",
            )
            return


def _percentages(passage: Passage) -> Iterator[Finding]:
    """A rate (办结率, 满意度, 占比) over 100%; growth and over-fulfilment may exceed it."""
    for paragraph in passage.paragraphs():
        for match in _PERCENT.finditer(paragraph):
            if float(match.group("value")) <= 100:
                continue
            starts = [m.end() for m in _CLAUSE_START.finditer(paragraph, 0, match.start())]
            clause = paragraph[starts[-1] if starts else 0 : match.start()]
            if _RATE.search(clause) and not _GROWTH.search(clause):
                yield passage.flag(
                    "warning",
                    "percent",
                    f"“{clause.strip()}{match.group()}”超过100%：比率不会超过100%，请核对数字",
                )


def _repeated(scope: Scope) -> Iterator[Finding]:
    """A sentence the report already has, flagged where it is written again."""
    first: dict[str, Passage] = {}
    for passage in scope.bodies():
        for paragraph in passage.paragraphs():
            for sentence in split_sentences(paragraph):
                key = re.sub(r"\W", "", fold(sentence))
                if len(key) < MIN_REPEATED_CHARS:
                    continue
                if key not in first:
                    first[key] = passage
                    continue
                earlier = first[key]
                where = (
                    "本段前面"
                    if earlier is passage
                    else f"“{scope.place_of(earlier.section, earlier.item)}”"
                )
                yield passage.flag(
                    "warning",
                    "repeated",
                    f"这句话在{where}已经写过：“{quoted(sentence)}”，请删去一处或改写",
                )
