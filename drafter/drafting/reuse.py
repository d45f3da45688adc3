"""Drafts made from earlier work: a finished report (`import`) or last year's draft.

Users start from what they have — last year's .docx, a report published by
another locality — so `draft_from_report` maps a parsed report onto the
standard outline: metadata, and each part's subsections as items. And every
January they start from last year's draft: `next_year_draft` advances the years
and turns last year's plans into this year's checklist of measures.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from drafter.corpus.classify import part_slot, topic_of
from drafter.corpus.metadata import is_date_line, is_org_line, is_title_line, name_before_year
from drafter.corpus.parse import split_enumeration
from drafter.corpus.pipeline import load_report
from drafter.corpus.report import Line, Report
from drafter.drafting.draft import Draft, Item, default_sections
from drafter.drafting.outline import load_pack
from drafter.drafting.templating import cn_num
from drafter.errors import DraftError
from drafter.paths import path_text
from drafter.textnorm import fold

_RECIPIENT = re.compile(r"^[^。，,；;]{2,40}[:：]$")
_LEADER = re.compile(
    r"^(?:[（(]?[一二三四五六七八九十\d]{1,3}[)）、.．]|[一二三四五六七八九十]{1,3}是)"
)
"""The numbering a heading or point opens with: `（一）` `1.` `一是`."""


def import_report(path: Path | str, template: str = "standard") -> Draft:
    """A draft holding the content of a finished report file (any ingestible format);
    its `source` is the report's absolute path."""
    draft = draft_from_report(load_report(path), template)
    draft.source = path_text(Path(path))
    return draft


def draft_from_report(report: Report, template: str = "standard") -> Draft:
    """Map a parsed report onto a pack's outline: metadata, then each part's items.

    The pack supplies the part titles, so a report's own part headings (`一、…`)
    are dropped; its subsections become items. Where a part is organised one level
    deeper (several `一、` topic groups inside the measures), the groups become the
    items and their subsections become `1.` paragraphs, renumbered in order.
    """
    outline = load_pack(template)
    meta = _meta(report, outline.defaults({}))
    draft = Draft(template, outline.defaults(meta), {s.key: [] for s in outline.sections})
    by_slot: dict[str, list[Line]] = {}
    for line in report.lines:
        by_slot.setdefault(line.slot, []).append(line)
    for section in outline.sections:
        lines = by_slot.get(section.slot, [])
        if section.slot == "front":
            body = "\n".join(_opening(lines, report, meta))
            draft.sections[section.key] = [Item(body=body)] if body else []
        else:
            draft.sections[section.key] = _items(lines, section.slot == "measures")
    return draft


def _meta(report: Report, defaults: dict[str, Any]) -> dict[str, Any]:
    """Answers read from the report; what it does not say is left to the pack's defaults."""
    unit = name_before_year(report.title or "") or report.place or report.issuer or "（单位名称）"
    meta: dict[str, Any] = {"unit": unit, "year": report.year or defaults.get("year")}
    if report.title:
        meta["title"] = report.title
    signature = _signature_lines(report)
    if len(signature) > 1:
        meta.update(joint="是", party=signature[0], issuer="".join(signature[1:]))
    elif signature or report.issuer:
        meta["issuer"] = signature[0] if signature else report.issuer
    if report.date:
        meta["date"] = report.date
    for line in report.lines:
        if line.slot == "front" and _RECIPIENT.match(line.text):
            meta["recipient"] = line.text.rstrip(":：")
            break
    return meta


def _signature_lines(report: Report) -> list[str]:
    """The issuing bodies as signed in the closing (or, in some copies, on top)."""
    closing = [line.text for line in report.lines if line.slot == "closing"]
    front = [line.text for line in report.lines if line.slot == "front"][:4]
    for lines in (closing, front):
        orgs = [text for text in lines if is_org_line(text)]
        if orgs:
            return orgs
    return []


def _opening(lines: list[Line], report: Report, meta: dict[str, Any]) -> list[str]:
    """The opening paragraphs: the front without title, recipient, signature and date."""
    paragraphs = []
    for line in lines:
        text = line.text
        if is_title_line(text) or is_date_line(text) or is_org_line(text):
            continue
        if text == meta.get("title") or _RECIPIENT.match(text):
            continue
        paragraphs.append(text)
    return paragraphs


def _items(lines: list[Line], with_topics: bool) -> list[Item]:
    """A part's lines as items: its subsections (heading + body paragraphs)."""
    if not lines:
        return []
    sole_top = [line.level for line in lines].count(1) == 1 and lines[0].level == 1
    kept: list[Line] = []
    for i, line in enumerate(lines):
        if not _is_part_heading(line, sole_top and i == 0):
            kept.append(line)
        elif line.body:  # `三、存在问题。今年……`: the text stays, the pack gives the title
            kept.append(replace(line, level=0, marker="", heading=None, text=line.body))
    lines = kept
    top = min((line.level for line in lines if line.level), default=0)
    items: list[tuple[str, str | None, list[str]]] = []  # heading, topic, paragraphs
    numbers: dict[int, int] = {}
    for line in lines:
        if top and line.level == top:
            topic = line.topic if with_topics else None
            items.append((line.heading or "", topic, [line.body] if line.body else []))
            numbers.clear()
            continue
        if not items:
            items.append(("", None, []))  # paragraphs before the first subsection
        depth = line.level - top + 2 if line.level else 0
        if depth:
            numbers = {d: n for d, n in numbers.items() if d <= depth}
            numbers[depth] = numbers.get(depth, 0) + 1
        items[-1][2].append(_renumbered(line, depth, numbers.get(depth, 0)))
    return [Item(heading, "\n".join(paragraphs), topic) for heading, topic, paragraphs in items]


def _is_part_heading(line: Line, first_and_only: bool) -> bool:
    """A `一、` heading naming a part (`主要举措和成效`, `存在问题`): the pack gives its title."""
    return line.level == 1 and (first_and_only or bool(line.heading and part_slot(line.heading)))


def _renumbered(line: Line, depth: int, number: int) -> str:
    """A deeper heading line, its marker replaced by the one for its new depth."""
    if not depth:
        return line.text
    rest = line.text[len(line.marker) :].lstrip()
    return (cn_num(number, depth) if depth <= 4 else line.marker) + rest


# --- next year -------------------------------------------------------------------


def next_year_draft(draft: Draft) -> Draft:
    """Next year's draft: years advanced, last year's plans as this year's checklist.

    Last year's plans are kept, with their text, as the new draft's `promises`; each
    headed one also becomes a `measures` item with its heading and an empty body —
    what was promised, to report on now. Other parts start afresh from the pack's
    defaults. The new draft's `source` is last year's draft (or what that came from).
    """
    outline = draft.outline
    year = draft.year
    meta = {key: _advance(value, year) for key, value in draft.meta.items()}
    meta["year"] = year + 1
    fresh = outline.defaults(meta)
    for question in outline.questions:
        problem = question.type_error(fresh.get(question.key))
        if problem:  # advanced beyond the years a report can cover
            raise DraftError(f"无法推到下一年：{problem}", draft.path)
    sections = default_sections(outline, fresh)
    measures = [section.key for section in outline.sections if section.slot == "measures"]
    plans = [item for s in outline.sections if s.slot == "plans" for item in draft.items(s.key)]
    promises = plan_promises(plans)
    checklist = [
        Item(promise.heading, "", promise.topic) for promise in promises if promise.heading
    ]
    if measures and checklist:
        sections[measures[0]] = checklist
    source = path_text(draft.path) if draft.path else draft.source
    return Draft(draft.template, fresh, sections, source=source, promises=promises)


def _advance(value: Any, year: int) -> Any:
    """Move a date on by one year, and the report's year inside text (title)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        day = dt.date.fromisoformat(value)
        try:
            return day.replace(year=day.year + 1).isoformat()
        except ValueError:  # 29 February
            return day.replace(year=day.year + 1, day=28).isoformat()
    if isinstance(value, str):
        return re.sub(rf"(?<!\d){year}(?!\d)", str(year + 1), value)
    return value


def plan_promises(plans: list[Item]) -> list[Item]:
    """Last year's plans as promises, one thing each, their text kept.

    A headed plan is one promise (its topic guessed from its text when not given).
    An unheaded plan listing `一是……二是……` is one promise per point, headed by the
    point's first clause; the text before the first point stays as an unheaded item,
    as does an unheaded plan without points (an introduction, not a promise).
    """
    promises: list[Item] = []
    for item in plans:
        if item.heading.strip():
            topic = item.topic or topic_of(item.heading + item.body)
            promises.append(Item(item.heading.strip(), item.body, topic))
            continue
        text = item.body.replace("\n", "")
        points = split_enumeration(text)
        lead = text[: text.find(points[0])].strip() if points else item.body
        if lead:
            promises.append(Item("", lead, item.topic))
        for point in points:
            first = re.split(r"[。；;，,：:]", _LEADER.sub("", point), maxsplit=1)[0]
            promises.append(Item(first, point, topic_of(point)))
    return promises


# --- promises kept ----------------------------------------------------------------

_INTRODUCTION = re.compile(r"以下|如下|[:：]$|^下一步|^\d{4}年")
_STOCK_VERBS = re.compile(
    "^(?:加强|强化|推进|推动|深化|完善|健全|提升|提高|落实|加大|推行|开展|做好|抓好|创新|优化|"
    "加快|坚持|严格|规范|建立|构建|实施|打造|巩固|扩大|发挥|探索|压实|增强|统筹|着力|持续|"
    "深入|进一步|全面|不断|切实|扎实|大力|积极|继续|努力|力争)+"
)
"""The verbs every plan opens with (`持续深化`, `着力加强`): they say nothing about which
task, so `完善行政执法体制机制` is matched as `行政执法体制机制`."""
COVERED_BASE = 34.0
COVERED_PER_CHAR = 140.0
"""A promise is covered when a measure matches a key of it (rapidfuzz partial ratio,
0-100) at least COVERED_BASE + COVERED_PER_CHAR / length: 57 for a 6-character key
(two characters may differ), 48 for 10, 39 for a 30-character sentence, whose
paraphrase keeps fewer of its characters. Fitted on 91 hand-labelled promise/measure
pairs from the seeds and tuning reports (tests/data/promises.yaml: precision 0.87,
recall 0.98); 45 more pairs labelled apart give 0.74 and 0.89."""


def promise_keys(promise: Item) -> list[str]:
    """What a measure must echo to cover a promise: its heading and first sentence,
    folded, without numbering or stock opening verbs; an introduction (`2024年，我区将
    重点做好以下工作：`) has none."""
    keys = []
    for text in (promise.heading, _first_sentence(promise.body)):
        key = _LEADER.sub("", fold(text))
        if len(key) < 4 or _INTRODUCTION.search(key):
            continue
        task = _STOCK_VERBS.sub("", key)
        keys.append(task if len(task) >= 4 else key)
    return keys


def covers(promise: Item, measure: Item) -> bool:
    """Whether a written measure says what the promise said (an empty one covers nothing)."""
    return _coverage(promise, measure) >= 0


def promise_coverage(draft: Draft) -> list[tuple[Item, tuple[str, int] | None]]:
    """Each of the draft's promises with the measures item that covers it — (section
    key, index) — or None while no measure answers it. The closest match wins."""
    measures = [
        ((section.key, index), item)
        for section in draft.outline.sections
        if section.slot == "measures"
        for index, item in enumerate(draft.items(section.key))
    ]
    result: list[tuple[Item, tuple[str, int] | None]] = []
    for promise in draft.promises:
        margin, place = max(
            ((_coverage(promise, item), place) for place, item in measures),
            key=lambda found: found[0],
            default=(-1.0, None),
        )
        result.append((promise, place if margin >= 0 else None))
    return result


def _coverage(promise: Item, measure: Item) -> float:
    """How far the closest key's match clears its threshold; negative when none does."""
    if not measure.body.strip():
        return -1.0
    text = f"{fold(measure.heading)}。{fold(measure.body)}"
    return max(
        (
            fuzz.partial_ratio(key, text) - COVERED_BASE - COVERED_PER_CHAR / len(key)
            for key in promise_keys(promise)
        ),
        default=-1.0,
    )


def _first_sentence(text: str) -> str:
    return next((s for s in re.split(r"[。；;！？!?\n]", text) if s.strip()), "")
