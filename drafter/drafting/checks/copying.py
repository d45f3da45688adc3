"""Text copied from another unit's report in the corpus.

Borrowing phrasing is how these reports are written; copying another unit's
account of its own work is not. A sentence of the draft that shares 20 or more
consecutive characters with one unit's report in the corpus is named with its
source (`与天津市河东区2021年报告相同：…，请改写`). What many reports share is
a stock formula, not a copy: a phrasing that reports of two or more units use,
and the formulae every report quotes (`stock_masked`). The unit's own earlier
reports are its own to reuse.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from drafter.corpus.mine import split_sentences
from drafter.drafting.checks.home import Home, source_label, unit_label
from drafter.drafting.checks.scope import Scope, common_run, quoted, stock_masked, wordy
from drafter.drafting.findings import Finding
from drafter.textnorm import to_display

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook, Suggestion

MIN_COPIED_CHARS = 20
"""Consecutive characters (Chinese, digits; not punctuation) a sentence shares with
another unit's report from which it counts as copied."""
STOCK_UNITS = 2
"""A phrasing used by reports of this many units is common property."""
_LOOKUPS = 5
"""Closest phrasings compared per sentence."""
_DRAFT_MASK, _CORPUS_MASK = "\ue000", "\ue001"


def check(scope: Scope, corpus: Phrasebook) -> Iterator[Finding]:
    for passage in scope.bodies():
        for paragraph in passage.paragraphs():
            for sentence in split_sentences(paragraph):
                ours = stock_masked(sentence, _DRAFT_MASK)
                if wordy(ours) < MIN_COPIED_CHARS:
                    continue
                copied = _copied(sentence, ours, scope.home, corpus)
                if copied:
                    source, run = copied
                    yield passage.flag(
                        "warning",
                        "copied",
                        f"与{source}相同：“{quoted(to_display(run), 30)}”，请改写",
                    )


def _copied(sentence: str, ours: str, home: Home, corpus: Phrasebook) -> tuple[str, str] | None:
    """The other unit's report the sentence shares a long run with, and the run."""
    for suggestion in corpus.suggest(sentence, limit=_LOOKUPS, kind="sentence"):
        if not _theirs_alone(suggestion, home):
            continue
        run = common_run(ours, stock_masked(suggestion.text, _CORPUS_MASK))
        if wordy(run) >= MIN_COPIED_CHARS:
            return source_label(suggestion.sources[0]), run
    return None


def _theirs_alone(suggestion: Suggestion, home: Home) -> bool:
    """Whether the phrasing is one other unit's (not the draft's own, not common)."""
    sources = suggestion.sources
    if not sources or any(home.owns_issuer(source.issuer) for source in sources):
        return False
    units = {unit_label(source.issuer or "") or source.file for source in sources}
    return len(units) < STOCK_UNITS
