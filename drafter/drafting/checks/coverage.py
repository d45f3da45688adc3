"""Coverage: how the measures spread over the 纲要's task areas, against typical reports.

A writer should see at a glance that 数字法治 has two sentences where reports
like theirs have twenty. The draft's measures sentences are counted per topic
(an item's topic, else its heading's, else each sentence's own); the typical
report is the median, over the corpus's reports, of each topic's share of
their measures sentences, read from the phrase index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from statistics import median
from typing import TYPE_CHECKING, Any

from drafter.corpus.classify import topic_of
from drafter.corpus.mine import split_sentences
from drafter.corpus.report import TOPICS
from drafter.drafting.checks.corpus_facts import corpus_facts
from drafter.drafting.checks.scope import Scope
from drafter.drafting.findings import Finding
from drafter.textnorm import cell_width

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook
    from drafter.drafting.draft import Draft

MIN_REPORTS = 3
"""Fewer reports than this make no typical report."""
THIN = 1 / 3
"""A topic written at less than this fraction of its typical share is noted."""
MIN_TYPICAL_SHARE = 0.05
"""Topics typical reports give less than this share are not worth a note when thin."""
BAR_WIDTH = 20
"""Characters of a coverage bar, when the room allows no other width."""
BAR_SCALE = 0.4
"""The share a full bar stands for: no task area takes more than this in real reports."""
THIN_NOTE = "偏少"


@dataclass(frozen=True)
class TopicCoverage:
    """One task area: the draft's sentences on it, and the typical report's."""

    topic: str
    sentences: int
    share: float
    """Of the draft's measures sentences (0 when it has none)."""
    typical_share: float | None
    """Median share among the corpus's reports (None without a corpus)."""
    typical_sentences: float | None
    """Median number of sentences among the corpus's reports."""


@dataclass(frozen=True)
class Coverage:
    """The measures' coverage of the task areas, topic by topic in the 纲要's order."""

    sentences: int
    """Measures sentences in the draft (those of no task area included)."""
    reports: int
    """Corpus reports the typical figures come from (0: none)."""
    topics: tuple[TopicCoverage, ...]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def thin(self) -> list[TopicCoverage]:
        """Topics the draft gives far less room than typical reports do."""
        return [
            t
            for t in self.topics
            if t.typical_share is not None
            and t.typical_share >= MIN_TYPICAL_SHARE
            and t.share < t.typical_share * THIN
        ]


def coverage(draft: Draft, corpus: Phrasebook | None = None) -> Coverage:
    """The numbers for the coverage view: per topic, the draft's and the typical report's."""
    counts = measures_topics(draft)
    total = sum(counts.values())
    reports = [r for r in corpus_facts(corpus).measures if sum(r.values())] if corpus else []
    if len(reports) < MIN_REPORTS:
        reports = []
    rows = []
    for topic in TOPICS:
        typical_share = typical_sentences = None
        if reports:
            typical_share = median(r.get(topic, 0) / sum(r.values()) for r in reports)
            typical_sentences = median(r.get(topic, 0) for r in reports)
        share = counts[topic] / total if total else 0.0
        rows.append(TopicCoverage(topic, counts[topic], share, typical_share, typical_sentences))
    return Coverage(total, len(reports), tuple(rows))


def measures_topics(draft: Draft) -> Counter[str | None]:
    """The draft's measures sentences per topic (None: no task area)."""
    counts: Counter[str | None] = Counter()
    for section in draft.outline.sections:
        if section.slot != "measures":
            continue
        for item in draft.sections.get(section.key, []):
            topic = item.topic or (topic_of(item.heading) if item.heading.strip() else None)
            for paragraph in item.body.splitlines():
                for sentence in split_sentences(paragraph) if paragraph.strip() else []:
                    counts[topic or topic_of(sentence)] += 1
    return counts


def coverage_lines(found: Coverage, bar_width: int = BAR_WIDTH) -> list[str]:
    """The coverage as text bars, one task area a line, the typical share marked `|`:
    what `check --coverage` prints and the TUI's coverage view shows."""
    if found.reports:
        against = f"“|”为语料中{found.reports}份报告的中位数"
    else:
        against = "没有可对照的语料"
    lines = [f"主要举措和成效共{found.sentences}句，按纲要任务分项（{against}）："]
    width = max(cell_width(topic.topic) for topic in found.topics)
    thin = found.thin()
    for topic in found.topics:
        name = topic.topic + " " * (width - cell_width(topic.topic))
        bar = coverage_bar(topic.share, topic.typical_share, bar_width)
        line = f"  {name} {bar} {topic.sentences:>3}句 {topic.share:>4.0%}"
        if topic.typical_share is not None:
            line += f"  常见 {topic.typical_share:>4.0%}（中位 {topic.typical_sentences:g}句）"
            if topic in thin:
                line += f"  {THIN_NOTE}"
        lines.append(line)
    rest = found.sentences - sum(topic.sentences for topic in found.topics)
    if rest:
        lines.append(f"  未归入分项：{rest}句")
    return lines


def coverage_bar(share: float, typical: float | None, width: int = BAR_WIDTH) -> str:
    """`width` cells, `█` filled in proportion to `share` (a full bar is BAR_SCALE), the
    typical share marked `|`."""
    filled = min(width, round(share / BAR_SCALE * width))
    cells = ["█"] * filled + ["·"] * (width - filled)
    if typical is not None:
        cells[min(width - 1, round(typical / BAR_SCALE * width))] = "|"
    return "".join(cells)


def check(scope: Scope, corpus: Phrasebook) -> Iterator[Finding]:
    """A note for each task area written far thinner than in typical reports."""
    found = coverage(scope.draft, corpus)
    if not found.sentences:
        return
    for topic in found.thin():
        typical = topic.typical_share or 0.0
        yield Finding(
            "info",
            "coverage",
            f"“{topic.topic}”只写了{topic.sentences}句（占{topic.share:.0%}），"
            f"语料中同类报告的中位数约占{typical:.0%}：看看是否漏写了这方面的工作",
            section=_measures_key(scope),
        )


def _measures_key(scope: Scope) -> str | None:
    return next((s.key for s in scope.outline.sections if s.slot == "measures"), None)
