"""Mine a classified report for reusable phrasings: its sentences and its headings.

A writer borrowing from another locality's report needs the wording, not that
locality's figures, so every phrase also gets a template in which the report's
particulars (numbers, percentages, amounts, years, dates, the issuer's place
name) are typed placeholders. Phrasings whose templates agree are one phrase
(see `merge_key`); the phrasebook counts how many reports use each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from drafter.corpus.generalise import generaliser_for, short_place
from drafter.corpus.report import Line, Report
from drafter.textnorm import fold, to_display

_CN = "一二三四五六七八九十"
_CN_NUM = "零〇一二两三四五六七八九十百千"
_MIN_SENTENCE_CJK = 6
_MIN_HEADING_CJK = 4

_SENTENCE = re.compile(r"[^。！？；]+(?:[。！？；]+[”’」』）]*)?")
_ENUMERATOR = re.compile(
    rf"^\s*(?:[{_CN}]{{1,3}}是|第[{_CN}]{{1,3}}[，,、]|\d{{1,2}}[.、．](?!\d)"
    rf"|[（(]\s*(?:\d{{1,2}}|[{_CN}]{{1,3}})\s*[)）][、.]?)\s*"
)
"""List markers inside a paragraph (一是, 第一，, 1., （1）): the writer's own numbering."""
_TRAILING = re.compile(r"[\s，,、：:]+$")
_ENDS = "。！？；"
_CJK = re.compile(r"[\u3400-\u9fff]")
_FORMULA = re.compile(r"现将.{0,60}?(?:报告|汇报|说明)|特此(?:报告|汇报)|(?:报告|汇报)如下")
"""Standard formulae worth offering from a closing; its other lines are signature and date."""

_TITLE = re.compile(r"《[^《》]*》")
_DASH = r"\s*[—\-–~]\s*"
_DATE = re.compile(
    rf"(?:(?:19|20)\d\d\s*年\s*)?\d{{1,2}}(?:{_DASH}\d{{1,2}})?\s*月(?:\s*\d{{1,2}}\s*[日号])?"
    rf"(?:{_DASH}(?:\d{{1,2}}\s*月\s*)?\d{{1,2}}\s*[日号])?"
    r"|(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}"
)
_FIXED = re.compile(
    rf"(?:19|20)\d\d\s*年?{_DASH}(?:19|20)\d\d\s*年?"  # planning periods: 2021—2025年
    r"|(?<!\d)123\d\d(?!\d)"  # hotlines: 12345, 12315, 12348
    r"|\d+\s*[×xX*]\s*\d+\s*小时"  # 7×24小时
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?=\s*年)")
_AMOUNT = re.compile(r"\d+(?:[.,]\d+)*\s*(?:余|多)?\s*(?:千|万|亿|万亿)?\s*元")
_PERCENT = re.compile(rf"\d+(?:\.\d+)?\s*[%％‰]|百分之[{_CN_NUM}点]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:\s*(?:万|亿))?")
_MARK = 0xF0000
_MARK_ROOM = 0xFFFE
_MARKS = re.compile("[\U000f0000-\U000ffffd]")
"""Characters of a private-use plane stand in for protected spans while the rest is
templated; any the text itself holds (Word's symbol fonts use private-use characters)
are protected first, so that each mark is one of ours."""

_CONTEXT_NOISE = re.compile(r"^(?:中共|中国共产党|关于)")
_CONTEXT_YEAR = re.compile(r"(?:(?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年度?")
"""A title's year is no part of the place after it: 2023年度潞州区 gives no 年度潞州区."""


@dataclass(frozen=True)
class Source:
    """Where a phrase was seen: the report file (relative to its corpus folder), issuer, year."""

    file: str
    issuer: str | None
    year: int | None

    def to_json(self) -> dict[str, str | int | None]:
        return {"file": self.file, "issuer": self.issuer, "year": self.year}


@dataclass(frozen=True)
class Phrase:
    """One mined phrasing with its place in the outline and its source.

    `text` is the phrasing as the report wrote it; `generalised` is that text with its
    source's unit, superiors and people as placeholders (`{单位}`, `{上级}`, `{姓名}`),
    what may be offered to another unit; `template` has those and the report's
    particulars (figures, years, dates) as placeholders. `specific` marks a phrase
    that names its source in a way that cannot be generalised (another place, a name
    without its post): it is not offered.
    """

    text: str
    template: str
    kind: str  # "sentence" or "heading"
    slot: str
    topic: str | None
    path: tuple[str, ...]
    source: Source
    generalised: str = ""
    specific: bool = False
    people: tuple[str, ...] = ()
    """Names of people the phrase gives (范少军 in 区委书记范少军同志), now `{姓名}`."""

    @property
    def key(self) -> str:
        return merge_key(self.template)


def merge_key(template: str) -> str:
    """The form in which near-duplicate phrasings agree.

    Punctuation, spacing, ASCII/full-width variants and the kind of particular
    (`{数量}余项` vs `{数量}项`) are ignored.
    """
    key = re.sub(r"\{[^{}]+\}(?:余|多|近)?", "#", fold(template))
    return re.sub(r"[^\w#]", "", key)


def mine_report(report: Report, source: Source, place: str | None = None) -> list[Phrase]:
    """Every reusable phrase of a classified report, in reading order.

    `place` (e.g. 潞州区, from a manifest) is known better than the parsed place name,
    which still counts as another name; the issuer and title supply longer forms
    (长治市潞州区) for the `{单位}` placeholder. The source's other particulars (the
    places above it, its people) are generalised too (see `drafter.corpus.generalise`).
    """
    places = [name for name in (place, report.place) if name]
    templater = Templater(places, [source.issuer, report.issuer, report.title])
    generaliser = generaliser_for(report, place, source.issuer)
    phrases: list[Phrase] = []
    for line in report.lines:
        for kind, text in _line_phrases(line):
            generalised = generaliser.generalise(text)
            template = generaliser.generalise(templater.template(text))
            phrases.append(
                Phrase(
                    text=text,
                    template=template.text,
                    kind=kind,
                    slot=line.slot,
                    topic=line.topic,
                    path=tuple(line.path[:-1] if kind == "heading" else line.path),
                    source=source,
                    generalised=generalised.text,
                    specific=generalised.specific or template.specific,
                    people=generalised.people,
                )
            )
    return phrases


def _line_phrases(line: Line) -> Iterator[tuple[str, str]]:
    """(kind, display text) of the phrases one line offers."""
    if line.slot == "noise":
        return
    if line.slot == "front":
        # Titles and recipients carry no sentence end; the opening paragraph does.
        if any(mark in line.text for mark in _ENDS):
            yield from _sentences(line.text)
        return
    if line.slot == "closing":
        yield from (("sentence", s) for s in split_sentences(line.text) if _FORMULA.search(s))
        return
    if line.level and line.heading:
        heading = to_display(_TRAILING.sub("", line.heading.strip().rstrip(_ENDS)))
        if _cjk_count(heading) >= _MIN_HEADING_CJK:
            yield "heading", heading
    yield from _sentences(line.body if line.level and line.heading else line.text)


def _sentences(body: str) -> Iterator[tuple[str, str]]:
    for sentence in split_sentences(body):
        if _cjk_count(sentence) >= _MIN_SENTENCE_CJK:
            yield "sentence", sentence


def split_sentences(body: str) -> list[str]:
    """Sentences of a paragraph, inline enumerations (一是……二是……) taken apart.

    The enumerator itself is dropped: 一是 belongs to the writer's own list, and the
    phrasing is reusable at any position.
    """
    from drafter.corpus.parse import split_enumeration

    items = split_enumeration(body)
    segments = [body[: body.find(items[0])], *items] if items else [body]
    sentences: list[str] = []
    for segment in segments:
        for match in _SENTENCE.finditer(_ENUMERATOR.sub("", segment)):
            sentence = _TRAILING.sub("", _ENUMERATOR.sub("", match.group().strip()))
            if not sentence:
                continue
            if sentence[-1] not in _ENDS and not sentence.endswith(("”", "’", "）")):
                sentence += "。"
            sentences.append(to_display(sentence))
    return sentences


def _cjk_count(text: str) -> int:
    return len(_CJK.findall(text))


class Templater:
    """Turns one report's sentences into templates; knows that report's place names."""

    def __init__(self, places: list[str], context: list[str | None]) -> None:
        """`places[0]` is the place name proper; later ones are other names for it."""
        names = _place_names(places[0], [c for c in context if c]) if places else set()
        names.update(places[1:])
        self._place = (
            re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
            if names
            else None
        )

    def template(self, text: str) -> str:
        """`text` with its particulars replaced by typed placeholders.

        Document titles in 《》 keep their own numbers (《……（2.0版）》), only their years
        and place names become placeholders. Planning periods (2021—2025年), hotlines
        (12345), 7×24小时 and numbered campaigns in Chinese numerals (八五普法, 十四五) are
        not the report's particulars and stay as written.
        """
        protected: list[str] = []

        def restore(value: str) -> str:
            return _MARKS.sub(lambda m: protected[ord(m.group()) - _MARK], value)

        def protect(value: str) -> str:
            if len(protected) >= _MARK_ROOM:  # no mark left: the span stays as it is
                return value
            protected.append(restore(value))
            return chr(_MARK + len(protected) - 1)

        def escape(mark: re.Match[str]) -> str:
            protected.append(mark.group())
            return chr(_MARK + len(protected) - 1)

        text = _MARKS.sub(escape, text)
        text = _FIXED.sub(lambda m: protect(m.group()), text)
        text = _TITLE.sub(lambda m: protect(self._years_and_place(m.group())), text)
        text = _DATE.sub("{日期}", text)
        text = _AMOUNT.sub("{金额}", text)
        text = _PERCENT.sub("{比例}", text)
        text = self._years_and_place(text)
        return restore(_NUMBER.sub("{数量}", text))

    def _years_and_place(self, text: str) -> str:
        text = _YEAR.sub("{年度}", text)
        return self._place.sub("{单位}", text) if self._place else text


def _place_names(place: str, context: list[str]) -> set[str]:
    """The forms the issuer's place takes in its own report.

    潞州区 → 潞州区, 潞州, and the longer forms the issuer or title prefix it with
    (长治市潞州区); 芦台经济开发区 → 芦台, 唐山芦台经济开发区, 河北唐山芦台经济开发区.
    """
    names = {place}
    short = short_place(place)
    if short:
        names.add(short)
    for text in context:
        text = _CONTEXT_YEAR.sub(" ", _CONTEXT_NOISE.sub("", text))
        at = text.find(place)
        if at <= 0:
            continue
        prefix = text[:at]
        for start in range(len(prefix) - 1):
            if _cjk_count(prefix[start:]) == len(prefix) - start:  # no digits, no punctuation
                names.add(prefix[start:] + place)
    return names
