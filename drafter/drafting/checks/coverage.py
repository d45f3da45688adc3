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

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook
    from drafter.drafting.draft import Draft

MIN_REPORTS = 3
"""Fewer reports than this make no typical report."""
THIN = 1 / 3
"""A topic written at less than this fraction of its typical share is noted."""
MIN_TYPICAL_SHARE = 0.05
"""Topics typical reports give less than this share are not worth a note when thin."""


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
