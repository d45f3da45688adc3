"""Facts about the corpus as a whole, read from the phrase index.

Suggestions look phrases up one at a time; two checks need the corpus at
large: which units wrote its reports (their local brands are not the draft's
own) and how a typical report spreads its measures over the task areas (for
coverage). Both are read from the index the phrasebook keeps up to date, over
a read-only connection of their own, once per version of the index.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.corpus.indexing import index_problem
from drafter.errors import CorpusError

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook


@dataclass(frozen=True)
class CorpusUnit:
    """A unit that wrote reports in the corpus: its issuer name and, if known, its place."""

    issuer: str
    place: str | None


@dataclass(frozen=True)
class CorpusFacts:
    units: tuple[CorpusUnit, ...]
    measures: tuple[dict[str | None, int], ...]
    """Per report: how many measures sentences it has in each topic (None: no topic)."""


def corpus_facts(corpus: Phrasebook) -> CorpusFacts:
    """The units and per-report topic counts of the corpus behind `corpus`."""
    path = Path(corpus.path)
    try:
        stat = path.stat()
    except OSError as error:
        raise CorpusError(f"无法读取短语索引{index_problem(error)}", path) from None
    return _read(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read(path: str, _mtime: int, _size: int) -> CorpusFacts:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise CorpusError(f"无法读取短语索引{index_problem(error)}", path) from None
    try:
        files = db.execute(
            "SELECT id, issuer, manifest FROM files WHERE error IS NULL ORDER BY id"
        ).fetchall()
        rows = db.execute(
            "SELECT file_id, topic, COUNT(*) FROM mined"
            " WHERE slot = 'measures' AND kind = 'sentence' GROUP BY file_id, topic"
        ).fetchall()
    except sqlite3.Error as error:
        raise CorpusError(f"无法读取短语索引{index_problem(error)}", path) from None
    finally:
        db.close()
    units: dict[CorpusUnit, None] = {}
    for _, issuer, manifest in files:
        place = json.loads(manifest or "{}").get("place")
        if issuer or place:
            units[CorpusUnit(issuer or "", place or None)] = None
    measures: dict[int, dict[str | None, int]] = {}
    for file_id, topic, count in rows:
        measures.setdefault(file_id, {})[topic] = count
    return CorpusFacts(tuple(units), tuple(measures.values()))
