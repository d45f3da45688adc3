"""Drafts: what the user writes, as a YAML file a person can read and diff.

A draft names its template pack, holds the answers to the pack's questions
(`meta`) and, per section, a list of items (heading + body). A draft made from
earlier work also names its `source` (the report imported, last year's draft)
and, from next-year, keeps last year's plans as `promises` to report on. Loading checks it
against the pack's outline and reports problems with line and column; saving is
atomic and keeps the previous version as `FILE~`, so neither a crash nor a bad
save loses work. The TUI autosaves the very same format.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafter.atomic import write_text_atomic
from drafter.corpus.report import resolve_topic
from drafter.drafting.outline import Outline, find_pack, load_pack
from drafter.errors import DraftError, TemplateError, os_problem
from drafter.paths import read_regular_file
from drafter.textnorm import clean_text
from drafter.yamlmarks import Key, Marked, load_marked

HEADER = (
    "# drafter 草稿：法治政府建设情况报告\n"
    "# 检查：drafter check 本文件    导出：drafter export 本文件 -o 报告.docx\n"
)
_ITEM_KEYS = ("heading", "body", "topic")
_DRAFT_KEYS = ("template", "source", "meta", "sections", "promises")
DEPARTMENT_PACK = "department"
"""The bundled pack for a government department's report."""
MAX_DRAFT_BYTES = 16 << 20
"""A whole report is some 100 KB of YAML; anything far bigger is not a draft."""


@dataclass
class Item:
    """One numbered subsection of a part (`（一）依法全面履行政府职能` + its text)."""

    heading: str = ""
    body: str = ""
    topic: str | None = None

    def __setattr__(self, name: str, value: Any) -> None:
        # Text enters clean however it comes (a file, an imported report, typing):
        # a control character or lone surrogate would break saving and the .docx.
        if name in ("heading", "body") and isinstance(value, str):
            value = clean_text(value)
        super().__setattr__(name, value)

    def is_empty(self) -> bool:
        return not self.heading.strip() and not self.body.strip()


@dataclass
class Draft:
    """A report in progress."""

    template: str
    meta: dict[str, Any]
    sections: dict[str, list[Item]]
    path: Path | None = None
    lines: dict[Key, int] = field(default_factory=dict, repr=False, compare=False)
    """Where each part was in the file it was loaded from: `("meta", key)`,
    `(section, index)`, `(section, index, "body")` → line number."""
    source: str | None = None
    """The file this draft was made from: the report imported, or last year's draft."""
    promises: list[Item] = field(default_factory=list)
    """Last year's plans, with their text: what this year's measures must answer."""
    problems: dict[Key, str] = field(default_factory=dict, repr=False, compare=False)
    """Answers kept although wrong (`("meta", "year")` → the located message), when
    loaded with `keep_bad_answers`: the TUI opens such a draft with the field marked."""

    @property
    def outline(self) -> Outline:
        return load_pack(self.template)

    @property
    def year(self) -> int:
        """The year the report covers, as it renders: the answer, else the pack's default."""
        year = self.answers().get("year")
        if year is None:
            raise DraftError("草稿里没有报告年度（meta 下的 year）", self.path)
        return year

    @property
    def unit_kind(self) -> str | None:
        """区县, 开发区 or 部门: the kind of unit writing (None before its name is given),
        so that suggestions rank phrasings of units like it first. The department pack
        makes a 部门 whatever the name says."""
        from drafter.corpus.generalise import unit_kind

        unit = self.meta.get("unit")
        if not isinstance(unit, str) or not unit.strip():
            return None
        return unit_kind(unit, department=self.template == DEPARTMENT_PACK)

    def items(self, section: str) -> list[Item]:
        """The items of a section (an empty list it can append to when it has none)."""
        return self.sections.setdefault(section, [])

    def answers(self) -> dict[str, Any]:
        """The metadata with the pack's defaults filled in (what templates see).

        Templates compute with the year (`year + 1`), so a year that is not a number
        (the TUI's form holds what is being typed) is a DraftError saying so.
        """
        answers = self.outline.defaults(self.meta)
        problem = self.outline.question("year").type_error(answers.get("year"))
        if problem:
            raise DraftError(problem, self.path)
        return answers


def new_draft(template: str, meta: dict[str, Any]) -> Draft:
    """A fresh draft: answers checked, sections holding the pack's suggested items."""
    outline = load_pack(template)
    answers = outline.defaults(meta)
    problems = outline.validate_answers(answers)
    # A default that could not be worked out (`{{ unit }}人民政府` without a unit)
    # is a consequence, not a separate problem: name only the causes.
    causes = [p for k, p in problems.items() if k in meta or outline.question(k).default is None]
    if problems:
        raise DraftError("; ".join(causes or problems.values()))
    return Draft(template, answers, default_sections(outline, answers))


def default_sections(outline: Outline, answers: dict[str, Any]) -> dict[str, list[Item]]:
    """Each section's suggested items, their Jinja headings and starting text rendered."""
    return {
        section.key: [
            Item(outline.render(t.heading, answers), outline.render(t.body, answers), t.topic)
            for t in section.default_items
        ]
        for section in outline.sections
    }


# --- YAML ---------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks, so a draft diffs paragraph by paragraph."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_draft(draft: Draft) -> str:
    """The draft as YAML: meta in question order, sections in outline order."""
    outline = draft.outline
    keys = [q.key for q in outline.questions]
    meta = {
        k: clean_text(v) if isinstance(v, str) else v  # an answer held mid-typing, too
        for k in keys
        if (v := draft.meta.get(k)) not in (None, "")
    }
    sections: dict[str, list[dict[str, str]]] = {}
    for section in outline.sections:
        sections[section.key] = [_dump_item(item) for item in draft.sections.get(section.key, [])]
    data: dict[str, Any] = {"template": draft.template}
    if draft.source:
        data["source"] = draft.source
    data.update(meta=meta, sections=sections)
    if draft.promises:
        data["promises"] = [_dump_item(item) for item in draft.promises]
    text = yaml.dump(
        data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 30, indent=2
    )
    return HEADER + text


def _dump_item(item: Item) -> dict[str, str]:
    data = {"heading": item.heading} if item.heading else {}
    if item.topic:
        data["topic"] = item.topic
    data["body"] = item.body
    return data


def parse_draft(
    text: str, path: Path | str | None = None, *, keep_bad_answers: bool = False
) -> Draft:
    """A draft from its YAML text; DraftError with line and column if it does not fit.

    With `keep_bad_answers`, an answer of the wrong type or out of range (`year: 20245`)
    does not refuse the draft: it is kept as written and its message put in
    `draft.problems`, so a typo saved by an autosave can still be opened and fixed.
    """
    where = path if path is not None else "<draft>"
    marked = load_marked(text, where, DraftError)
    draft = _DraftReader(marked, keep_bad_answers).draft()
    draft.path = Path(path) if path is not None else None
    return draft


def load_draft(path: Path | str, *, keep_bad_answers: bool = False) -> Draft:
    """Read a draft file (see `parse_draft`)."""
    path = Path(path)
    data = read_regular_file(path, DraftError, MAX_DRAFT_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DraftError(
            "不是 UTF-8 文本，不像是草稿（写好的报告请用 drafter import 转成草稿）", path
        ) from None
    return parse_draft(text, path, keep_bad_answers=keep_bad_answers)


def save_draft(draft: Draft, path: Path | str | None = None) -> Path:
    """Write the draft atomically, keeping the previous file as `FILE~`; returns the path."""
    target = Path(path) if path is not None else draft.path
    if target is None:
        raise DraftError("草稿还没有文件名，请先指定保存到哪里")
    text = dump_draft(draft)
    try:
        write_text_atomic(target, text, backup=True)
    except OSError as error:
        raise DraftError(f"无法写入（{os_problem(error)}）", target) from None
    draft.path = target
    return target


class _DraftReader:
    """Checks the shape of a parsed draft against its pack, with positions."""

    def __init__(self, marked: Marked, keep_bad_answers: bool = False) -> None:
        self.marked = marked
        self.keep_bad_answers = keep_bad_answers
        self.problems: dict[Key, str] = {}

    def draft(self) -> Draft:
        data = self.marked.data
        if not isinstance(data, dict):
            raise self.marked.fail((), "草稿应由 template、meta、sections 几项组成（每行“键: 值”）")
        for key in data:
            if key not in _DRAFT_KEYS:
                problem = f"草稿里没有 {key!r} 这一项（可有：{'、'.join(_DRAFT_KEYS)}）"
                raise self.marked.fail((key,), problem, at_key=True)
        template = data.get("template")
        if not isinstance(template, str) or not template:
            raise self.marked.fail(("template",), "template 应写模板包的名字，如 standard")
        try:
            find_pack(template)
        except TemplateError as error:
            raise self.marked.fail(("template",), str(error)) from None
        outline = load_pack(template)
        draft = Draft(template, self._meta(outline, data.get("meta")), {})
        draft.sections = self._sections(outline, data.get("sections"), draft)
        draft.source = self._text(("source",), data.get("source")) or None
        promises = data.get("promises") or []
        if not isinstance(promises, list):
            raise self.marked.fail(("promises",), "promises 应是一串“- heading/body”条目")
        draft.promises = [self._item(("promises", i), e) for i, e in enumerate(promises)]
        draft.problems = self.problems
        for key, (line, _column) in self.marked.positions.items():
            if key[:1] == ("meta",) and len(key) == 2:
                draft.lines[key] = line
            elif key[:1] == ("sections",) and len(key) >= 3:
                draft.lines[key[1:]] = line
        return draft

    def _meta(self, outline: Outline, data: Any) -> dict[str, Any]:
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise self.marked.fail(("meta",), "meta 下应是各项回答（每行“键: 值”）")
        meta: dict[str, Any] = {}
        questions = {q.key: q for q in outline.questions}
        for key, value in data.items():
            question = questions.get(key)
            if question is None:
                known = "、".join(questions)
                raise self.marked.fail(
                    ("meta", key), f"模板包不问 {key!r} 这一项（可填：{known}）", at_key=True
                )
            value = question.coerce(value)
            problem = question.type_error(value)
            if problem:
                error = self.marked.fail(("meta", key), problem)
                if not self.keep_bad_answers:
                    raise error
                self.problems[("meta", key)] = str(error)
                if not isinstance(value, str | int | float):
                    continue  # a list or mapping: nothing a form could show
            if value is not None:
                meta[key] = value
        return meta

    def _sections(self, outline: Outline, data: Any, draft: Draft) -> dict[str, list[Item]]:
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise self.marked.fail(("sections",), "sections 下应按部分列出条目（每行“部分: 条目”）")
        known = [s.key for s in outline.sections]
        for key in data:
            if key not in known:
                raise self.marked.fail(
                    ("sections", key),
                    f"模板包没有 {key!r} 这一部分（有：{'、'.join(known)}）",
                    at_key=True,
                )
        sections: dict[str, list[Item]] = {}
        for section in outline.sections:
            entries = data.get(section.key) or []
            where: Key = ("sections", section.key)
            if not isinstance(entries, list):
                raise self.marked.fail(where, "每一部分应是一串“- heading/body”条目")
            if not section.repeatable and len(entries) > 1:
                raise self.marked.fail((*where, 1), f"{section.key!r} 这一部分只能有一个条目")
            sections[section.key] = [self._item((*where, i), e) for i, e in enumerate(entries)]
        return sections

    def _item(self, where: Key, entry: Any) -> Item:
        if isinstance(entry, str):
            return Item(body=entry)
        if not isinstance(entry, dict):
            raise self.marked.fail(where, "条目应写 heading: 和 body:（或直接写文字）")
        for key in entry:
            if key not in _ITEM_KEYS:
                raise self.marked.fail(
                    (*where, key),
                    f"条目里没有 {key!r} 这一项（可有：heading、body、topic）",
                    at_key=True,
                )
        heading = self._text((*where, "heading"), entry.get("heading"))
        if "\n" in heading:
            raise self.marked.fail((*where, "heading"), "标题只能写一行")
        try:
            topic = resolve_topic(self._text((*where, "topic"), entry.get("topic")) or None)
        except ValueError as error:
            raise self.marked.fail((*where, "topic"), str(error)) from None
        return Item(heading.strip(), self._text((*where, "body"), entry.get("body")), topic)

    def _text(self, where: Key, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool) or isinstance(value, dict | list | dt.date):
            raise self.marked.fail(where, "这里应写文字")
        return str(value)
