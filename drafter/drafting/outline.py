"""Template packs: the questions and sections a report is drafted from.

A pack is a folder holding `outline.yaml` and Jinja templates. The outline is
data — metadata questions in copier's style (`type`, `default`, `help`,
`choices`, `validator`, `when`) and the report's sections with their titles,
guidance quoted from the regulation, slot/topics for suggestions and default
items — so the TUI wizard and the draft's shape come from it and a new pack
needs no code. Packs are looked up in the user's templates folder first, then
in the bundled `templates/`, so a copied pack overrides the original.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import re._constants as sre  # the parsed form of a regex, to bound a validator's cost
import re._parser as sre_parse
import shutil
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from drafter.corpus.report import SLOTS, resolve_topic
from drafter.drafting import templating
from drafter.drafting.gbt9704 import Layout
from drafter.errors import TemplateError, os_problem
from drafter.paths import bundled_dir, read_regular_file, user_dirs
from drafter.textnorm import clean_text
from drafter.yamlmarks import Marked, load_marked

QUESTION_TYPES = ("str", "int", "date", "choice", "text")
REQUIRED_QUESTIONS = ("unit", "year")
"""Answers drafter itself relies on: the unit's name and the year the report covers."""

YEARS = (1949, 2100)
"""The years a report can cover; its dates fall in them or the year after. Anything
else is a typo (`20245`), and dates beyond year 9999 cannot even be computed."""

_MAX_DIGITS = 18
"""Longer digit strings are not numbers anyone means (Python refuses past 4,300)."""

DEFAULT_FONTS: dict[str, str] = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "heading3": "仿宋_GB2312",
    "page_number": "宋体",
}
"""Fonts of the GB/T 9704-2012 layout; a pack's `fonts:` overrides any of them."""

MAX_OUTLINE_BYTES = 1 << 20
"""An outline is a few KB of questions and guidance."""

PACK_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
OUTLINE_FILE = "outline.yaml"


@dataclass
class Question:
    """One metadata question (单位名称, 报告年度, 成文日期 …), as copier asks them."""

    key: str
    label: str
    type: str = "str"
    default: Any = None
    help: str = ""
    choices: list[str] = field(default_factory=list)
    validator: str | None = None
    when: str | None = None
    required: bool = True
    roots: templating.Roots = field(default=(), repr=False, compare=False)
    source: Path | str = field(default="", repr=False, compare=False)

    def active(self, answers: dict[str, Any]) -> bool:
        """Whether the question is asked at all, given the answers so far (`when`)."""
        if not self.when:
            return True
        try:
            return bool(templating.evaluate(self.when, answers, self.roots, self.source))
        except TemplateError as error:
            if isinstance(error.__cause__, jinja2.UndefinedError):
                return False  # `when` names an answer not given yet: not asked yet either
            raise

    def coerce(self, value: Any) -> Any:
        """Typed value from what a user typed (`"２０２４"` → 2024, `2024年1月19日` → ISO).

        Text that does not convert is returned unchanged for `validate` to report.
        """
        if isinstance(value, str):
            value = clean_text(value)
            value = value.strip() if self.type != "text" else value.strip("\n")
            if not value:
                return None
        if value is None:
            return None
        if self.type == "int" and isinstance(value, str):
            digits = unicodedata.normalize("NFKC", value)
            return int(digits) if re.fullmatch(rf"-?\d{{1,{_MAX_DIGITS}}}", digits) else value
        if self.type == "date":
            return _iso_date(value)
        if self.type in ("str", "text", "choice") and isinstance(value, int | float):
            return str(value)
        return value

    def type_error(self, value: Any) -> str | None:
        """What is wrong with the value's type (int, date, one of the choices), or None."""
        if value is None:
            return None
        first, last = YEARS
        if self.type == "int" and (not isinstance(value, int) or isinstance(value, bool)):
            return f"{self.label}：需要填写整数，而不是 {_shown(value)}"
        if self.key == "year" and not first <= value <= last:
            return f"{self.label}：需要 {first} 到 {last} 之间的年份，而不是 {_shown(value)}"
        if self.type == "date" and not _is_iso_date(value):
            return f"{self.label}：需要日期，如 2025-01-19，而不是 {_shown(value)}"
        if self.type == "date" and not first <= int(value[:4]) <= last + 1:
            return f"{self.label}：需要 {first} 到 {last + 1} 年之间的日期，而不是 {value}"
        if self.type in ("str", "text", "choice") and not isinstance(value, str):
            return f"{self.label}：需要填写文字，而不是 {_shown(value)}"
        if self.type == "str" and "\n" in value:
            return f"{self.label}：只能填一行"
        if self.type == "choice" and value not in self.choices:
            return f"{self.label}：请从 {'、'.join(self.choices)} 中选择"
        return None

    def validate(self, value: Any, answers: dict[str, Any]) -> str | None:
        """Error message for this answer (required, type, choices, validator), or None."""
        if not self.active(answers):
            return None
        value = self.coerce(value)
        if value is None:
            return f"{self.label}：必填" if self.required else None
        problem = self.type_error(value)
        if problem:
            return problem
        if self.validator and len(str(value)) > VALIDATED_LENGTH:
            return f"{self.label}：太长（最多 {VALIDATED_LENGTH} 个字）"
        if self.validator and not re.fullmatch(self.validator, str(value)):
            hint = f"（{self.help}）" if self.help else ""
            return f"{self.label}：格式不对{hint}"
        return None


@dataclass
class ItemTemplate:
    """A suggested item of a section: its heading, topic and (Jinja) starting text."""

    heading: str
    topic: str | None = None
    body: str = ""


@dataclass
class Section:
    """One part of the report (主要举措和成效, 存在的不足 …) and how to fill it."""

    key: str
    title: str
    label: str = ""
    """A short name for lists and messages (主要举措和成效); the title when not given."""
    guidance: str = ""
    required: bool = True
    slot: str = "measures"
    topics: list[str] = field(default_factory=list)
    repeatable: bool = True
    default_items: list[ItemTemplate] = field(default_factory=list)
    numbered: bool = True
    """Numbered parts print as `一、title`; the unnumbered opening prints only its text."""
    min_chars: int = 0
    max_chars: int | None = None


@dataclass
class Outline:
    """A loaded template pack."""

    name: str
    label: str
    description: str
    questions: list[Question]
    sections: list[Section]
    fonts: dict[str, str]
    root: Path
    deadline: str = "04-01"
    """Month-day of the year after the report's year by which it must be out."""
    min_chars: int = 0
    max_chars: int | None = None
    signature: list[str] = field(default_factory=lambda: ["issuer"])
    """Answers printed as the signature lines, in order (unanswered ones are skipped)."""
    closing: str = "特此报告。"
    """The closing formula printed after the last part."""
    layout: Layout = field(default_factory=Layout)
    """The house style of the exported report (`layout:`); GB/T 9704-2012 by default."""

    @property
    def roots(self) -> templating.Roots:
        return template_roots(self.root)

    @property
    def outline_file(self) -> Path:
        return self.root / OUTLINE_FILE

    def question(self, key: str) -> Question:
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(f"模板包 {self.name!r} 没有 {key!r} 这个问题")

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(f"模板包 {self.name!r} 没有 {key!r} 这一部分")

    def render(self, source: str, answers: dict[str, Any]) -> str:
        """Render one of this pack's template strings with the draft's answers."""
        return templating.render_string(source, answers, self.roots, self.outline_file)

    def title_of(self, section: Section | str, answers: dict[str, Any]) -> str:
        """The section's title for these answers (`2024年推进法治政府建设的主要举措和成效`)."""
        if isinstance(section, str):
            section = self.section(section)
        return self.render(section.title, answers).strip()

    def defaults(self, answers: dict[str, Any] | None = None) -> dict[str, Any]:
        """Every asked question's answer: the given one, else its default.

        Defaults are Jinja templates over the earlier answers and `today`
        (`{{ unit }}人民政府`); one that needs an answer not given yet is left out.
        """
        given = answers or {}
        result: dict[str, Any] = {}
        today = dt.date.today().isoformat()
        for question in self.questions:
            if not question.active(result):
                continue
            value = question.coerce(given.get(question.key))
            if value is None and question.default is not None:
                value = self._default(question, {"today": today, **result})
            if value is not None:
                result[question.key] = value
        return result

    def _default(self, question: Question, context: dict[str, Any]) -> Any:
        if not isinstance(question.default, str):
            return question.default
        try:
            return question.coerce(self.render(question.default, context))
        except TemplateError as error:
            if isinstance(error.__cause__, jinja2.UndefinedError):
                return None
            raise

    def validate_answers(self, answers: dict[str, Any]) -> dict[str, str]:
        """Problems with the answers, by question key (empty when all is well)."""
        problems = {}
        for question in self.questions:
            problem = question.validate(answers.get(question.key), answers)
            if problem:
                problems[question.key] = problem
        return problems


def template_roots(pack: Path) -> templating.Roots:
    """Where a pack's templates are looked up: the pack itself, then every pack root
    (so `{% extends "standard/report.j2" %}` works from a user's pack)."""
    return (str(pack), *(str(root) for root in pack_roots()))


def pack_roots() -> list[Path]:
    """Folders holding packs, in lookup order: the user's own, then the bundled ones."""
    return [user_dirs().templates, bundled_dir("templates")]


def list_packs(errors: list[TemplateError] | None = None) -> list[Outline]:
    """Every pack, user packs first; a user pack hides a bundled one of the same name.

    A broken pack is skipped; pass `errors` to hear about it.
    """
    packs: list[Outline] = []
    for folder in _pack_folders().values():
        try:
            packs.append(_load_folder(folder))
        except TemplateError as error:
            if errors is not None:
                errors.append(error)
    return packs


def _pack_folders() -> dict[str, Path]:
    """Pack folders by name, in lookup order, the first of each name only.

    Only names `find_pack` accepts count: a folder it could not load by name (`my pack`,
    a half copy `.mine.copying`) is not offered.
    """
    folders: dict[str, Path] = {}
    for root in pack_roots():
        if root.is_dir():
            for folder in sorted(root.iterdir()):
                if PACK_NAME.match(folder.name) and (folder / OUTLINE_FILE).is_file():
                    folders.setdefault(folder.name, folder)
    return folders


def find_pack(name: str) -> Path:
    """The folder of the pack called `name` (or `name` itself when it is a pack folder)."""
    candidate = Path(name)
    if not PACK_NAME.match(name):
        if (candidate / OUTLINE_FILE).is_file():
            return candidate
        raise TemplateError(f"没有名为 {name!r} 的模板包（模板包名只能用字母、数字、- 和 _）")
    for root in pack_roots():
        if (root / name / OUTLINE_FILE).is_file():
            return root / name
    known = "、".join(sorted(_pack_folders())) or "无"
    raise TemplateError(f"没有名为 {name!r} 的模板包（现有：{known}）")


def load_pack(name: str) -> Outline:
    """The pack called `name`; TemplateError (one line, naming the file) if unknown or broken."""
    return _load_folder(find_pack(name))


def copy_pack(source: str, name: str) -> Path:
    """Copy a pack into the user's templates folder, to be customized there.

    The copy is made beside the target and renamed into place, so a failed copy
    never leaves a half pack that would shadow the original.
    """
    if not PACK_NAME.match(name):
        raise TemplateError(f"{name!r} 不能用作模板包名（只能用字母、数字、- 和 _）")
    origin = find_pack(source)
    target = user_dirs().templates / name
    if target.exists():
        raise TemplateError("已经存在；请换一个名字，或先删去它", target)
    staging = target.with_name(f".{name}.copying")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        _copy_pack_files(origin, staging)
        staging.rename(target)
    except BaseException as error:  # Ctrl+C included: no half copy is left behind
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(error, OSError):
            problem = f"无法复制模板包（{os_problem(error)}）"
            raise TemplateError(problem, target) from None
        raise
    return target


def _copy_pack_files(origin: Path, target: Path) -> None:
    """Copy a pack's folders and regular files, never what lies outside it.

    A link inside the pack is copied as a link to the same place in the copy; a link
    leaving the pack is refused, or the copy would hold (and `{% include %}`) a file
    the original's sandbox never let out. A FIFO or device is refused, not read.
    """
    inside = origin.resolve()
    for folder, folders, files in os.walk(origin):  # links to folders are not entered
        here = Path(folder)
        destination = target / here.relative_to(origin)
        destination.mkdir(parents=True, exist_ok=True)
        folders[:] = [name for name in folders if name != "__pycache__"]
        for name in sorted(folders + files):
            source = here / name
            if name.endswith("~") or source.is_dir() and not source.is_symlink():
                continue
            if source.is_symlink():
                real = Path(os.path.realpath(source))
                if real != inside and inside not in real.parents:
                    raise TemplateError(
                        f"包里的 {source.relative_to(origin)} 链接到包外，不能复制", origin
                    )
                link = os.path.relpath(target / real.relative_to(inside), destination)
                os.symlink(link, destination / name)
            elif source.is_file():
                shutil.copy2(source, destination / name)
            else:
                problem = f"包里的 {source.relative_to(origin)} 不是普通文件，不能复制"
                raise TemplateError(problem, origin)


def _load_folder(folder: Path) -> Outline:
    path = folder / OUTLINE_FILE
    try:
        stat = path.stat()
        return _load_cached(str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError as error:
        raise TemplateError(f"无法读取（{os_problem(error)}）", path) from None


@lru_cache(maxsize=32)
def _load_cached(path: str, _mtime: int, _size: int) -> Outline:
    """Parse an outline once per version of the file (the TUI asks for it often)."""
    try:
        text = read_regular_file(Path(path), TemplateError, MAX_OUTLINE_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError("不是 UTF-8 文本，请用 UTF-8 编码保存", path) from None
    return _OutlineReader(load_marked(text, path, TemplateError), Path(path).parent).outline()


class _OutlineReader:
    """Turns the marked YAML of an outline into an Outline, complaining with positions."""

    def __init__(self, marked: Marked, root: Path) -> None:
        self.marked = marked
        self.root = root
        self.roots = template_roots(root)

    def outline(self) -> Outline:
        data = self._mapping((), _OUTLINE_KEYS, required=("questions", "sections"))
        questions = [self._question(i) for i in range(len(self._list(("questions",))))]
        keys = [q.key for q in questions]
        for key in REQUIRED_QUESTIONS:
            if key not in keys:
                raise self.marked.fail(("questions",), f"模板包必须有 {key!r} 这个问题")
        if questions[keys.index("year")].type != "int":
            raise self.marked.fail(("questions",), "问题 year 的 type 必须是 int")
        self._unique(("questions",), keys)
        sections = [self._section(i) for i in range(len(self._list(("sections",))))]
        self._unique(("sections",), [s.key for s in sections])
        fonts = self._mapping(("fonts",), tuple(DEFAULT_FONTS)) if "fonts" in data else {}
        min_chars, max_chars = self._length(("length",))
        signature = [str(key) for key in self._list(("signature",))] or ["issuer"]
        for i, name in enumerate(signature):
            if name not in keys:
                raise self.marked.fail(("signature", i), f"{name!r} 不是哪个问题的 key")
        deadline = self._text(("deadline",), "04-01")
        if not re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", deadline):
            raise self.marked.fail(("deadline",), "deadline 应写成 月-日，如 04-01")
        try:
            dt.date(2001, *(int(part) for part in deadline.split("-")))  # a year without 02-29
        except ValueError:
            problem = f"deadline {deadline} 不是每年都有，请换一天"
            raise self.marked.fail(("deadline",), problem) from None
        return Outline(
            name=self.root.name,
            label=self._text(("label",), self.root.name),
            description=self._text(("description",), ""),
            questions=questions,
            sections=sections,
            fonts={**DEFAULT_FONTS, **{k: clean_text(str(v)) for k, v in fonts.items()}},
            root=self.root,
            deadline=deadline,
            min_chars=min_chars,
            max_chars=max_chars,
            signature=signature,
            closing=self._text(("closing",), "特此报告。"),
            layout=self._layout(),
        )

    def _layout(self) -> Layout:
        """The house style: `signature` (sealed/unsealed), `margins` in mm, `line_spacing`
        in points, `latin_font`, `bold_lead`, `blank_after_recipient`; what is not given
        follows GB/T 9704."""
        key = ("layout",)
        if self._value(key) is None:
            return Layout()
        data = self._mapping(key, _LAYOUT_KEYS)
        signature = self._text((*key, "signature"), "sealed")
        if signature not in ("sealed", "unsealed"):
            raise self.marked.fail((*key, "signature"), "signature 只能是 sealed 或 unsealed")
        margins = Layout().margins
        if "margins" in data:
            sides = ("top", "bottom", "left", "right")
            given = self._mapping((*key, "margins"), sides)
            margins = tuple(
                self._number((*key, "margins", side), 10, 60, "毫米") if side in given else mm
                for side, mm in zip(sides, margins, strict=True)
            )
        line_pitch = Layout().line_pitch
        if "line_spacing" in data:
            line_pitch = self._number((*key, "line_spacing"), 18, 40, "磅")
        return Layout(
            margins=margins,
            line_pitch=line_pitch,
            sealed=signature == "sealed",
            latin_font=self._text((*key, "latin_font"), "").strip(),
            bold_lead=self._flag((*key, "bold_lead"), False),
            blank_after_recipient=self._flag((*key, "blank_after_recipient"), False),
        )

    def _number(self, key: tuple[Any, ...], low: float, high: float, unit: str) -> float:
        value = self._value(key)
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not low <= value <= high:
            raise self.marked.fail(key, f"需要 {low} 到 {high} 之间的数（{unit}）")
        return float(value)

    def _question(self, i: int) -> Question:
        key = ("questions", i)
        data = self._mapping(key, _QUESTION_KEYS, required=("key", "label"))
        qtype = self._text((*key, "type"), "str")
        if qtype not in QUESTION_TYPES:
            raise self.marked.fail(
                (*key, "type"), f"type 只能是 {'、'.join(QUESTION_TYPES)} 之一"
            )
        choices = [clean_text(str(c)) for c in self._list((*key, "choices"))]
        if qtype == "choice" and not choices:
            raise self.marked.fail(key, "choice 类型的问题需要写 choices")
        validator = data.get("validator")
        if validator is not None:
            problem = validator_problem(str(validator))
            if problem:
                raise self.marked.fail((*key, "validator"), problem)
        when = data.get("when")
        if when is not None:
            self._jinja((*key, "when"), str(when), expression=True)
        default = data.get("default")
        if isinstance(default, dt.date):
            default = default.isoformat()
        if isinstance(default, str):
            self._jinja((*key, "default"), default)
        return Question(
            key=self._word((*key, "key")),
            label=self._text((*key, "label"), ""),
            type=qtype,
            default=default,
            help=self._text((*key, "help"), ""),
            choices=choices,
            validator=str(validator) if validator is not None else None,
            when=str(when) if when is not None else None,
            required=self._flag((*key, "required"), True),
            roots=self.roots,
            source=self.marked.path,
        )

    def _section(self, i: int) -> Section:
        key = ("sections", i)
        self._mapping(key, _SECTION_KEYS, required=("key", "title", "slot"))
        slot = self._text((*key, "slot"), "")
        if slot not in SLOTS:
            raise self.marked.fail((*key, "slot"), f"slot 只能是 {'、'.join(SLOTS)} 之一")
        title = self._text((*key, "title"), "")
        self._jinja((*key, "title"), title)
        items = [self._item((*key, "items", j)) for j in range(len(self._list((*key, "items"))))]
        min_chars, max_chars = self._length((*key, "length"))
        return Section(
            key=self._word((*key, "key")),
            title=title,
            label=self._text((*key, "label"), "").strip() or title,
            guidance=self._text((*key, "guidance"), "").strip(),
            required=self._flag((*key, "required"), True),
            slot=slot,
            topics=[
                self._topic((*key, "topics", j)) for j in range(len(self._list((*key, "topics"))))
            ],
            repeatable=self._flag((*key, "repeatable"), True),
            default_items=items,
            numbered=self._flag((*key, "numbered"), True),
            min_chars=min_chars,
            max_chars=max_chars,
        )

    def _item(self, key: tuple[Any, ...]) -> ItemTemplate:
        self._mapping(key, ("heading", "topic", "body"))
        heading = self._text((*key, "heading"), "")
        body = self._text((*key, "body"), "")
        for part, text in (("heading", heading), ("body", body)):
            self._jinja((*key, part), text)
        topic_given = self.marked.line((*key, "topic")) is not None
        return ItemTemplate(heading, self._topic((*key, "topic")) if topic_given else None, body)

    # --- typed accessors -----------------------------------------------------

    def _value(self, key: tuple[Any, ...]) -> Any:
        data = self.marked.data
        for part in key:
            if not isinstance(data, dict | list):
                return None
            try:
                data = data[part]
            except (KeyError, IndexError, TypeError):
                return None
        return data

    def _mapping(
        self, key: tuple[Any, ...], allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        data = self._value(key)
        if not isinstance(data, dict):
            raise self.marked.fail(key, "这里应是一组“键: 值”")
        for name in data:
            if name not in allowed:
                raise self.marked.fail(
                    (*key, name),
                    f"这里没有 {name!r} 这一项（可有：{'、'.join(allowed)}）",
                    at_key=True,
                )
        for name in required:
            if name not in data:
                raise self.marked.fail(key, f"缺少 {name!r}")
        return data

    def _list(self, key: tuple[Any, ...]) -> list[Any]:
        data = self._value(key)
        if data is None:
            return []
        if not isinstance(data, list):
            raise self.marked.fail(key, "这里应是以“- ”开头的一串条目")
        return data

    def _text(self, key: tuple[Any, ...], default: str) -> str:
        data = self._value(key)
        if data is None:
            return default
        if isinstance(data, bool) or not isinstance(data, str | int | float):
            raise self.marked.fail(key, "这里应写文字")
        return clean_text(str(data))

    def _word(self, key: tuple[Any, ...]) -> str:
        word = self._text(key, "")
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", word):
            problem = f"{word!r} 不能用作 key（只能用字母、数字和 _，不以数字开头）"
            raise self.marked.fail(key, problem)
        return word

    def _flag(self, key: tuple[Any, ...], default: bool) -> bool:
        data = self._value(key)
        if data is None:
            return default
        if not isinstance(data, bool):
            raise self.marked.fail(key, "这里应写 true 或 false")
        return data

    def _topic(self, key: tuple[Any, ...]) -> str:
        try:
            topic = resolve_topic(self._text(key, ""))
        except ValueError as error:
            raise self.marked.fail(key, str(error)) from None
        if topic is None:
            raise self.marked.fail(key, "topic 是空的")
        return topic

    def _length(self, key: tuple[Any, ...]) -> tuple[int, int | None]:
        if self._value(key) is None:
            return 0, None
        data = self._mapping(key, ("min", "max"))
        for name, value in data.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise self.marked.fail((*key, name), "这里应写字数（不小于 0 的整数）")
        return data.get("min", 0), data.get("max")

    def _unique(self, key: tuple[Any, ...], keys: list[str]) -> None:
        for i, name in enumerate(keys):
            if name in keys[:i]:
                raise self.marked.fail((*key, i), f"key {name!r} 用了两次")

    def _jinja(self, key: tuple[Any, ...], source: str, *, expression: bool = False) -> None:
        try:
            templating.check_syntax(source, self.roots, self.marked.path, expression=expression)
        except TemplateError as error:
            raise self.marked.fail(key, error.problem) from None


_OUTLINE_KEYS = (
    "label", "description", "deadline", "length", "fonts", "signature", "closing",
    "questions", "sections", "layout",
)  # fmt: skip
_LAYOUT_KEYS = (
    "signature", "margins", "line_spacing", "latin_font", "bold_lead", "blank_after_recipient",
)  # fmt: skip
_QUESTION_KEYS = (
    "key", "label", "type", "default", "help", "choices", "validator", "when", "required",
)  # fmt: skip
_SECTION_KEYS = (
    "key", "title", "label", "guidance", "required", "slot", "topics", "repeatable", "items",
    "numbered", "length",
)  # fmt: skip


VALIDATED_LENGTH = 200
"""Longest answer a pack's validator is run on: names, years and dates are far shorter."""
_MATCH_BUDGET = 100_000_000
"""Most ways a validator may try to match VALIDATED_LENGTH characters: three `\\d*` in a
row (8 million ways) match 200 digits in tens of milliseconds, four (1.6 billion) take
seconds (benchmarks/bench_bounds.py)."""


def validator_problem(pattern: str) -> str | None:
    """What is wrong with a pack's validator regex, or None.

    Python's `re` backtracks and has no time limit, so a pattern like `(a+)+$`
    takes ages on `aaaa…!`. Rather than guess at known bad shapes, the pattern's
    choice points are counted: the ways a matcher may split an answer of
    VALIDATED_LENGTH characters among them must stay within _MATCH_BUDGET.
    Nested repetition (exponential) and long runs of greedy wildcards are refused;
    the validators packs need (`[^\\s，。]{2,40}`, `20\\d\\d`) cost a few dozen.
    """
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as error:
        return f"validator 不是有效的正则表达式（{error}）"
    if _backtracking(list(parsed), VALIDATED_LENGTH) > _MATCH_BUDGET:
        return "validator 可能匹配极慢（有 (a+)+ 之类的嵌套重复或过多的 .*），请改写"
    return None


def _backtracking(pattern: list[Any], length: int) -> int:
    """An upper estimate of the ways to split `length` characters among the choices of a
    parsed regex: repetitions multiply by their range, nested ones raise to a power,
    alternatives add. Capped just above the budget."""
    cost = 1
    for op, arg in pattern:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, sub = arg
            high = min(high, length)
            inner = _backtracking(list(sub), length)
            cost *= max(high - low + 1, 1) * (inner ** min(high, 64) if inner > 1 else 1)
        elif op is sre.BRANCH:
            cost *= sum(_backtracking(list(branch), length) for branch in arg[1])
        elif op is sre.SUBPATTERN:
            cost *= _backtracking(list(arg[3]), length)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            cost *= _backtracking(list(arg[1]), length)
        elif op is sre.ATOMIC_GROUP:
            cost *= _backtracking(list(arg), length)
        elif op is sre.GROUPREF_EXISTS:
            no = _backtracking(list(arg[2]), length) if arg[2] else 1
            cost *= _backtracking(list(arg[1]), length) + no
        cost = min(cost, _MATCH_BUDGET + 1)
    return cost


def _shown(value: Any) -> str:
    """A wrong answer quoted in a message, cut short: a message stays one readable line."""
    text = repr(value)
    return text if len(text) <= 30 else f"{text[:24]}…（共 {len(str(value))} 个字符）"


def _iso_date(value: Any) -> Any:
    """ISO text for a date given as a date, `2025-1-19`, `2025/01/19` or `2025年1月19日`."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).replace(" ", "")
    match = re.fullmatch(r"(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?", text)
    if not match:
        return value
    try:
        return dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return value


def _is_iso_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))
