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
    raise ValueError(f"unknown topic {name!r}; topics: {', '.join(TOPICS)}")


@dataclass
class Paragraph:
    """One non-empty source unit: a text line (txt/md) or a paragraph (docx/html)."""

    number: int
    text: str


@dataclass
class Document:
    """A report file read into paragraphs, with how it was decoded."""

    path: Path
    format: str
    encoding: str | None
    paragraphs: list[Paragraph]
    title_hint: str | None = None


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

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "issuer": self.issuer,
            "year": self.year,
            "date": self.date,
            "lines": [line.to_json() for line in self.lines],
        }
