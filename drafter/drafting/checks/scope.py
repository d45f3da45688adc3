"""The draft as the content checks read it, and what they report."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.drafting.checks.home import Home
from drafter.drafting.findings import Finding
from drafter.formulations import Formulation, bundled
from drafter.textnorm import fold

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft
    from drafter.drafting.outline import Outline


@dataclass(frozen=True)
class Passage:
    """A text of the draft a reviewer reads: the title, a heading or a body."""

    text: str
    section: str | None
    item: int | None
    field: str
    """`heading`, `body` or `meta:title`."""
    slot: str | None = None

    def flag(self, severity: str, code: str, message: str) -> Finding:
        return Finding(severity, code, message, self.section, self.item, self.field)

    def paragraphs(self) -> list[str]:
        return [p for p in self.text.splitlines() if p.strip()]


class Scope:
    """What every check needs to know about one draft, worked out once."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.outline: Outline = draft.outline
        self.answers: dict[str, Any] = draft.answers()
        self.year = int(self.answers.get("year") or 0)

    @cached_property
    def date(self) -> dt.date | None:
        """The 成文日期, when it is a valid date."""
        value = self.answers.get("date")
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value)) if value else None
        except ValueError:
            return None

    @cached_property
    def passages(self) -> list[Passage]:
        """The title, then every heading and body in outline order."""
        found = []
        title = self.answers.get("title")
        if isinstance(title, str) and title.strip():
            found.append(Passage(title, None, None, "meta:title"))
        for section in self.outline.sections:
            for index, item in enumerate(self.draft.sections.get(section.key, [])):
                for field, text in (("heading", item.heading), ("body", item.body)):
                    if text.strip():
                        found.append(Passage(text, section.key, index, field, section.slot))
        return found

    def bodies(self) -> Iterator[Passage]:
        return (p for p in self.passages if p.field == "body")

    def place_of(self, section: str | None, item: int | None = None) -> str:
        """A place in words: `主要举措和成效 依法全面履行政府职能` (`第2段` when headless)."""
        if section is None:
            return "标题"
        words = [self.outline.section(section).label]
        if item is not None:
            heading = self.draft.sections[section][item].heading.strip()
            words.append(heading or f"第{item + 1}段")
        return " ".join(words)

    @cached_property
    def home(self) -> Home:
        """The places that are the draft's own: its unit's, those above and inside it."""
        return Home.of(self.answers)

    @cached_property
    def formulations(self) -> tuple[Formulation, ...]:
        """The bundled dated formulations, and the pack's own `formulations.yaml` if any."""
        return (*bundled(), *pack_formulations(self.outline.root))


# --- a pack's own formulations --------------------------------------------------------

PACK_FORMULATIONS = "formulations.yaml"
"""A pack may date formulations of its own (its province's plans, say) in this file."""


def pack_formulations(pack: Path) -> tuple[Formulation, ...]:
    """The formulations a pack adds to the bundled ones (none when it has no file)."""
    path = pack / PACK_FORMULATIONS
    try:
        stat = path.stat()
    except OSError:
        return ()
    return _read_formulations(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _read_formulations(path: str, _mtime: int, _size: int) -> tuple[Formulation, ...]:
    """One version of a pack's file, read once, within the bounds of the pack's outline;
    a broken file is one TemplateError naming it."""
    from drafter.drafting.outline import MAX_OUTLINE_BYTES
    from drafter.errors import TemplateError
    from drafter.formulations import FormulationsError, parse_formulations
    from drafter.paths import read_regular_file
    from drafter.yamlmarks import load_plain

    try:
        text = read_regular_file(Path(path), TemplateError, MAX_OUTLINE_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise TemplateError("not UTF-8 text", path) from None
    try:
        return tuple(parse_formulations(load_plain(text, path, TemplateError), path))
    except FormulationsError as error:
        raise TemplateError(str(error)) from None


# --- stock formulae ------------------------------------------------------------------

_WORDY = re.compile(r"[^\W_]")
_STOCK = re.compile(
    "|".join(
        [
            r"《[^《》]{2,60}》",  # document titles are quoted, not written
            r"“[^“”]{1,12}”",  # and so are the names of reforms and campaigns
            r"习近平新时代中国特色社会主义思想",
            r"习近平法治思想",
            r"习近平总书记[^，。；]{0,12}重要(?:讲话|指示|论述)[^，。；]{0,6}精神",
            r"党的[二十]+大[^，。；]{0,6}精神",
            r"[二十]+届[一二三四五六七]中全会精神",
            r"(?:深入)?(?:学习|宣传|贯彻|落实){2,4}",
            r"党政主要负责人履行推进法治建设第一责任人职责",
            r"把法治建设成效作为衡量[^，。；]{0,20}重要内容",  # the 2016 规定's own words
            r"纳入政绩考核指标体系",
            r"法治政府建设(?:实施纲要|示范创建|工作)?",
            r"(?:全面)?依法治(?:国|省|市|区|县|旗)",
            r"严格规范公正文明执法",
            r"谁执法谁普法",
            r"职能科学、?权责法定、?执法严明、?公开公正、?智能高效、?廉洁诚信、?人民满意",
            r"运用法治思维和法治方式",
            r"行政执法公示制度、?执法全过程记录制度、?重大执法决定法制审核制度",
            r"在[^，。；]{2,12}的坚强领导下",
            r"(?:现将|现就)[^。]{0,40}(?:报告|汇报)如下",
            r"特此报告",
        ]
    )
)
"""Formulae every report shares (national documents and campaigns, the party line, the
regulation's wording): quoting them is not copying, so they never count towards a
copied run."""


def stock_masked(text: str, mask: str) -> str:
    """`text` folded, with its stock formulae replaced by `mask` (one per character)."""
    folded = fold(text)
    return _STOCK.sub(lambda m: mask * len(m.group()), folded)


def common_run(a: str, b: str) -> str:
    """The longest run of characters two texts share (masks differ, so never match)."""
    from difflib import SequenceMatcher

    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[match.a : match.a + match.size]


def wordy(text: str) -> int:
    """Characters that carry words (Chinese, digits, letters), not punctuation or masks."""
    return len(_WORDY.findall(text))


def quoted(text: str, limit: int = 24) -> str:
    """A sentence shortened for a message."""
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "……"
