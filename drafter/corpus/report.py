"""The parsed form of a report: its lines with structure, slots and topics.

Flow: `ingest.read_document` → `parse.parse_document` → `classify.classify`
(which reads the metadata once it has found the closing block);
`drafter.corpus.pipeline.load_report(path)` runs all three.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SLOTS: tuple[str, ...] = (
    "noise",
    "front",
    "measures",
    "duties",
    "shortcomings",
    "plans",
    "other",
    "closing",
)
"""Every non-blank line falls in exactly one slot."""

SLOT_LABELS: dict[str, str] = {
    "noise": "网页杂项",
    "front": "开头",
    "measures": "主要举措和成效",
    "duties": "第一责任人职责",
    "shortcomings": "不足和原因",
    "plans": "下一年度安排",
    "other": "其他情况",
    "closing": "结尾",
}
"""What each slot is called where a user reads it; the keys stay what `--slot` takes."""

CONTENT_SLOTS: tuple[str, ...] = ("measures", "duties", "shortcomings", "plans", "other")
"""The five parts the 2019 regulation prescribes."""

TOPICS: dict[str, str] = {
    "政府职能": "functions",
    "制度体系": "institutions",
    "行政决策": "decisions",
    "行政执法": "enforcement",
    "突发事件": "emergencies",
    "矛盾纠纷": "disputes",
    "权力监督": "oversight",
    "数字法治": "digital",
    "党的领导与推进机制": "leadership",
}
"""The task areas of 《法治政府建设实施纲要（2021—2025年）》 (topic → English alias)."""


UNIT_KINDS: tuple[str, ...] = ("区县", "开发区", "部门")
"""Kinds of reporting unit, for ranking phrases from units like the user's first."""


def resolve_topic(name: str | None) -> str | None:
    """A topic given by its Chinese name, English alias or a unique prefix; None passes."""
    if not name:
        return None
    if name in TOPICS:
        return name
    for topic, alias in TOPICS.items():
        if name.lower() == alias:
            return topic
    matches = [t for t in TOPICS if t.startswith(name)]
    if len(matches) == 1:
        return matches[0]
    raise ValueError(f"没有 {name!r} 这个主题（可选：{'、'.join(TOPICS)}）")


@dataclass
class Paragraph:
    """One non-empty source unit: a text line (txt/md) or a paragraph (docx/html)."""

    number: int
    text: str


_FORMAT_NAMES = {
    "txt": "文本", "md": "Markdown", "html": "网页", "docx": "Word文档", "pdf": "PDF",
    "doc": "Word 97-2003文档", "wps": "WPS文档", "rtf": "RTF文档", "odt": "ODF文档",
}


@dataclass
class Reading:
    """How a file's text was recovered: what `drafter parse` tells the user it did.

    PDFs, PDF copies and web pages pasted into one line only become a report after
    repairs (page numbers dropped, wrapped lines joined, long lines split); a user who
    sees the counts can tell a good reading from a bad file.
    """

    format: str
    pages: int | None = None
    converted: bool = False
    """Read through LibreOffice (.doc, .wps, .rtf, .odt)."""
    numbering_restored: int = 0
    page_numbers_dropped: int = 0
    running_heads_dropped: int = 0
    wrapped_lines_joined: int = 0
    spaces_removed: int = 0
    long_lines_split: int = 0
    split_into: int = 0
    furniture_split: int = 0
    watermarks_removed: int = 0
    traditional: bool = False
    """Written in traditional script and read through its simplified form."""

    def summary(self) -> str:
        """`PDF，10页，删去页码9处，合并折行412处，拆分长行1行为63段`: what was done, in order."""
        parts = [_FORMAT_NAMES.get(self.format, self.format)]
        if self.converted:
            parts[0] += "（经LibreOffice转换）"
        if self.pages is not None:
            parts.append(f"{self.pages}页")
        for count, text in (
            (self.numbering_restored, "补出自动编号{}处"),
            (self.page_numbers_dropped, "删去页码{}处"),
            (self.running_heads_dropped, "删去页眉页脚{}处"),
            (self.wrapped_lines_joined, "合并折行{}处"),
            (self.spaces_removed, "删去多余空格{}处"),
            (self.furniture_split, "分出网页栏目{}处"),
            (self.watermarks_removed, "删去水印{}处"),
        ):
            if count:
                parts.append(text.format(count))
        if self.long_lines_split:
            parts.append(f"拆分长行{self.long_lines_split}行为{self.split_into}段")
        if self.traditional:
            parts.append("繁体转为简体")
        return "，".join(parts)

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class Document:
    """A report file read into paragraphs, with how it was decoded and repaired."""

    path: Path
    format: str
    encoding: str | None
    paragraphs: list[Paragraph]
    title_hint: str | None = None
    reading: Reading | None = None


@dataclass
class Line:
    """A non-blank line of a report, with its place in the outline."""

    line: int
    text: str
    level: int = 0
    marker: str = ""
    heading: str | None = None
    body: str = ""
    items: list[str] = field(default_factory=list)
    slot: str = ""
    topic: str | None = None
    path: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "slot": self.slot,
            "topic": self.topic,
            "level": self.level,
            "heading": self.heading,
            "text": self.text,
        }


@dataclass
class Report:
    """A parsed report: metadata and lines."""

    source: str
    title: str | None = None
    issuer: str | None = None
    year: int | None = None
    date: str | None = None
    place: str | None = None
    lines: list[Line] = field(default_factory=list)
    title_hint: str | None = None
    """A title the file carries besides its text (a page's <title>, a .docx's properties)."""
    reading: Reading | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "issuer": self.issuer,
            "year": self.year,
            "date": self.date,
            "reading": self.reading.to_json() if self.reading else None,
            "lines": [line.to_json() for line in self.lines],
        }
