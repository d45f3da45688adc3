"""The phrasebook: phrases mined from a corpus of reports, indexed for suggestions as you type.

The index is a SQLite file in the user cache, one per set of corpus folders,
kept up to date by `drafter.corpus.indexing`. A suggestion is inserted with one
key into someone else's report, so what is offered is safe to insert: phrases
generalised from their source (`{单位}`, `{上级}`, `{姓名}`), whole sentences
(no fragments, no headings in sentence fields), nothing the draft's year has
superseded or that came after it, and near-duplicates merged into one.

Suggestions come from a bounded candidate set, not from ranking every match:
phrase ids are assigned most-used first, so `MATCH … LIMIT n` yields the most
used matches; the query's words are ANDed rarest first (relaxed word by word
when too few match), the slot is a token in the same MATCH, and only those
candidates are re-ranked with rapidfuzz.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from drafter.corpus.generalise import UNIT_KINDS
from drafter.corpus.indexing import (
    Progress,
    Updater,
    UpdateSummary,
    connect,
    is_corrupt,
)
from drafter.corpus.mine import Source
from drafter.corpus.report import SLOTS, TOPICS
from drafter.errors import CorpusError
from drafter.textnorm import fold

__all__ = [
    "KINDS",
    "MAX_SOURCES",
    "SUGGEST_SLOTS",
    "CorpusError",
    "Phrasebook",
    "Progress",
    "Suggestion",
    "UpdateSummary",
    "default_corpus_dirs",
    "index_path",
    "query_content",
]

SUGGEST_SLOTS: tuple[str, ...] = tuple(s for s in SLOTS if s != "noise")
"""Slots that hold phrases (noise is never mined)."""
KINDS: tuple[str, ...] = ("sentence", "heading")
MAX_SOURCES = 10
"""Sources listed per suggestion; `uses` still counts them all."""

_CANDIDATES = 100
"""Phrases re-ranked per query: enough for good top results, few enough for ~1 ms of rapidfuzz."""
_MATCH_WORDS = 3
"""The rarest query words used in the MATCH; the rest only count in the re-ranking."""
_DENSE = 0.3
"""A filter (kind, kind in slot) selecting more than this share of phrases is applied after
the MATCH, not in it: a common token's long list costs more than reading a few more rows."""
_MIN_MATCH = 45.0
"""How well a phrase must match the query to be offered at all: below it, noise (`你好`)."""
_SIMILAR = 90.0
"""Phrases this similar (rapidfuzz ratio) are one suggestion, their uses and sources summed."""
_RECENT_YEARS = 6
"""Over how many years a phrase's recency bonus fades."""

_CN = "一二三四五六七八九十"
_LEAD = re.compile(
    rf"^(?:(?:[{_CN}]{{1,3}}是|第[{_CN}]{{1,3}}(?![季届次批个条款章节期轮项名位年])"
    rf"|\([{_CN}\d]{{1,3}}\)|[{_CN}]{{1,3}}、|\d{{1,2}}(?:[.、](?!\d)|\))"
    r"|首先|其次|再次|此外|同时|另外|最后|其中|另一方面|一方面)[,、:;.]*)+"
)
"""What writers type before the content (folded): 一是, 第四, (三), 三、, 3., 首先, 同时 …"""

T = TypeVar("T")


def query_content(text: str) -> str:
    """The folded query without the numbering and linking words typed before the content."""
    folded = fold(text)
    content = _LEAD.sub("", folded)
    return content or folded


@dataclass(frozen=True)
class Suggestion:
    """A phrasing offered for the text being written, with where it was used."""

    text: str
    template: str
    slot: str
    topic: str | None
    score: float
    uses: int
    sources: list[Source]

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "template": self.template,
            "slot": self.slot,
            "topic": self.topic,
            "score": self.score,
            "uses": self.uses,
            "sources": [source.to_json() for source in self.sources],
        }


@dataclass
class _Match:
    """A candidate and its score; near-duplicates ranked below it join it."""

    score: float
    rows: list[sqlite3.Row] = field(default_factory=list)


def default_corpus_dirs() -> list[Path]:
    """The bundled corpus, plus the user's own corpus folder when it exists."""
    from drafter.paths import bundled_dir, user_dirs

    dirs = [bundled_dir("corpus")]
    user_corpus = user_dirs().corpus
    if user_corpus.is_dir():
        dirs.append(user_corpus)
    return dirs


def index_path(corpus_dirs: Sequence[Path]) -> Path:
    """Where the index of this set of corpus folders lives in the user cache."""
    from drafter.paths import user_dirs

    names = "\n".join(sorted(str(Path(d).resolve()) for d in corpus_dirs))
    digest = hashlib.sha256(names.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return user_dirs().cache / f"phrasebook-{digest}.sqlite"


def _build(
    dirs: list[Path], progress: Progress | None, fresh: bool = False
) -> tuple[sqlite3.Connection, UpdateSummary]:
    """The index of `dirs`, brought up to date; a damaged one is built again once."""
    path = index_path(dirs)
    db = connect(path, fresh=fresh)
    try:
        return db, Updater(db, progress).update(dirs)
    except sqlite3.DatabaseError as error:
        db.close()
        if is_corrupt(error) and not fresh:
            return _build(dirs, progress, fresh=True)
        raise CorpusError(f"无法更新短语索引：{error}", path) from error
    except OSError as error:  # disk full, …
        db.close()
        raise CorpusError(f"无法更新短语索引：{error}", path) from error
    except BaseException:
        db.close()
        raise


class Phrasebook:
    """An open phrase index; `Phrasebook.open()` brings it up to date with the corpus."""

    def __init__(
        self,
        db: sqlite3.Connection,
        dirs: list[Path],
        summary: UpdateSummary,
        progress: Progress | None = None,
    ) -> None:
        self._db = db
        self._dirs = dirs
        self._progress = progress
        self._lock = threading.RLock()  # the TUI looks phrases up from worker threads
        self.path = index_path(dirs)
        self.summary = summary
        self._segmenter = None
        self._docs: dict[str, int] = {}
        self._filter_share: dict[str, float] = {}
        self._newest: int | None = None

    @classmethod
    def open(
        cls, corpus_dirs: Iterable[str | Path] | None = None, progress: Progress | None = None
    ) -> Phrasebook:
        """Open the index of `corpus_dirs` (None: bundled + user corpus), updating it if needed."""
        dirs = [Path(d) for d in corpus_dirs] if corpus_dirs is not None else default_corpus_dirs()
        for directory in dirs:
            if not directory.is_dir():
                raise CorpusError("no such corpus folder", directory)
        db, summary = _build(dirs, progress)
        return cls(db, dirs, summary, progress)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Phrasebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- lookups -----------------------------------------------------------------

    def suggest(
        self,
        text: str,
        slot: str | None = None,
        topic: str | None = None,
        limit: int = 8,
        kind: str = "sentence",
        year: int | None = None,
        unit_kind: str | None = None,
    ) -> list[Suggestion]:
        """Phrasings close to `text`, best first, from `slot` only when given.

        Numbering typed before the content (`二是`, `（三）`) is ignored; a text that
        matches nothing well gives nothing. Sentences by default, headings with
        `kind="heading"`. With the draft's `year`, phrases it has superseded or that
        came after it are left out. Ranking blends how well the text matches
        (rapidfuzz on folded text and on words) with how many reports use the
        phrasing, its topic, whether units of `unit_kind` (区县/开发区/部门) use it,
        and how recent its sources are.
        """
        _check_filters(slot, topic, kind, unit_kind)
        query = query_content(text)
        if not query or limit <= 0:
            return []
        return self._guarded(
            lambda: self._suggest(query, slot, topic, limit, kind, year, unit_kind)
        )

    def headings(
        self,
        slot: str,
        topic: str | None = None,
        limit: int = 20,
        year: int | None = None,
    ) -> list[Suggestion]:
        """Heading phrasings used for a slot (and topic), most used first.

        The score is the share of the most used heading's uses (100 for the top one).
        """
        _check_filters(slot, topic, None, None)
        sql = "SELECT * FROM phrases WHERE kind = 'heading' AND slot = ?"
        params: list[Any] = [slot]
        if topic:
            sql += " AND topic = ?"
            params.append(topic)
        sql += " ORDER BY uses DESC, id"

        def lookup() -> list[Suggestion]:
            rows = [row for row in self._db.execute(sql, params) if _fits(row, year)][:limit]
            top = rows[0]["uses"] if rows else 1
            return [self._suggestion([row], 100.0 * row["uses"] / top) for row in rows]

        return self._guarded(lookup)

    def stats(self) -> dict[str, Any]:
        """Reports, sentences, headings and merged phrases in the index, by slot and topic;
        reports skipped or kept as duplicates, phrases held back and why."""

        def count() -> dict[str, Any]:
            db = self._db
            mined = dict(db.execute("SELECT kind, COUNT(*) FROM mined GROUP BY kind").fetchall())
            held = dict(
                db.execute(
                    "SELECT held, COUNT(*) FROM mined WHERE held IS NOT NULL GROUP BY held"
                ).fetchall()
            )
            (reports,) = db.execute(
                "SELECT COUNT(*) FROM files WHERE error IS NULL AND duplicate_of IS NULL"
            ).fetchone()
            return {
                "index": str(self.path),
                "reports": reports,
                "skipped": self._skipped(),
                "duplicates": [
                    {"file": row[0], "same_as": row[1]}
                    for row in db.execute(
                        "SELECT f.name, o.name FROM files f JOIN files o ON o.id = f.duplicate_of"
                        " ORDER BY f.path"
                    )
                ],
                "sentences": mined.get("sentence", 0),
                "headings": mined.get("heading", 0),
                "specific": held.get("specific", 0),
                "fragments": held.get("fragment", 0),
                "phrases": db.execute("SELECT COUNT(*) FROM phrases").fetchone()[0],
                "by_slot": dict(
                    db.execute(
                        "SELECT slot, COUNT(*) FROM phrases GROUP BY slot ORDER BY COUNT(*) DESC"
                    ).fetchall()
                ),
                "by_topic": dict(
                    db.execute(
                        "SELECT topic, COUNT(*) FROM phrases WHERE topic IS NOT NULL"
                        " GROUP BY topic ORDER BY COUNT(*) DESC"
                    ).fetchall()
                ),
            }

        return self._guarded(count)

    def skipped(self) -> list[dict[str, str]]:
        """Corpus files that could not be read, with why (retried once they change).

        `error` is the whole one-line message, naming the file.
        """
        return self._guarded(self._skipped)

    def _skipped(self) -> list[dict[str, str]]:
        rows = self._db.execute(
            "SELECT name, error FROM files WHERE error IS NOT NULL ORDER BY path"
        ).fetchall()
        return [{"file": row["name"], "error": row["error"]} for row in rows]

    # --- a damaged index ---------------------------------------------------------

    def _guarded(self, lookup: Callable[[], T]) -> T:
        """Run a lookup; if the index turns out damaged, build it again and retry once."""
        with self._lock:
            try:
                return lookup()
            except sqlite3.DatabaseError as error:
                if not is_corrupt(error):
                    raise CorpusError(f"短语索引出错：{error}", self.path) from error
            self._db.close()
            self._db, self.summary = _build(self._dirs, self._progress, fresh=True)
            self._segmenter = None
            self._newest = None
            try:
                return lookup()
            except sqlite3.DatabaseError as error:
                raise CorpusError(f"短语索引出错：{error}", self.path) from error

    # --- query internals ---------------------------------------------------------

    def _suggest(
        self,
        query: str,
        slot: str | None,
        topic: str | None,
        limit: int,
        kind: str,
        year: int | None,
        unit_kind: str | None,
    ) -> list[Suggestion]:
        words = self._query_words(query)
        known = sorted({w for w in words if w in self._docs}, key=self._docs.__getitem__)
        if not known:
            return []
        rows = [
            row for row in self._candidates(known[:_MATCH_WORDS], slot, kind) if _fits(row, year)
        ]
        preference = _Preference(topic, unit_kind, year or self._newest_year())
        matches = _merged(_rank(query, " ".join(words), rows, preference), limit)
        return [self._suggestion(match.rows, match.score) for match in matches]

    def _query_words(self, query: str) -> list[str]:
        """The query cut into words the way the index was cut (no jieba dictionary needed)."""
        from drafter.corpus.segment import QuerySegmenter, is_indexable

        if self._segmenter is None:
            rows = self._db.execute("SELECT word, freq, docs FROM vocab WHERE docs > 0").fetchall()
            total = int(self._meta("jieba_total") or 1)
            self._segmenter = QuerySegmenter({r[0]: r[1] for r in rows}, total)
            self._docs = {r[0]: r[2] for r in rows}
            self._filter_share = json.loads(self._meta("filter_share") or "{}")
        return [w for w in self._segmenter.cut(query) if is_indexable(w)]

    def _newest_year(self) -> int | None:
        if self._newest is None:
            self._newest = self._db.execute("SELECT MAX(year) FROM files").fetchone()[0]
        return self._newest

    def _candidates(self, words: list[str], slot: str | None, kind: str) -> list[sqlite3.Row]:
        """Up to about `_CANDIDATES` phrases of the kind (and slot) matching the words,
        strictest match first.

        AND of all words, then of fewer and fewer (the most common dropped first),
        then any of them; each relaxed step adds at least a few of its most used.
        A rare filter (headings, sentences in plans) is a token in the MATCH; a common
        one (sentences in measures) would cost a seek per match there, so it is
        over-fetched and applied on the rows instead.
        """
        token = f"in{kind}{slot}" if slot else f"kind{kind}"
        share = self._filter_share.get(token, 0.0)
        after = share > _DENSE
        filters = [] if after else [token]
        wanted = math.ceil(_CANDIDATES / share) if after else _CANDIDATES
        steps = [[*filters, *words[:n]] for n in range(len(words), 0, -1)]
        if len(words) > 1:
            steps.append([*filters, words])
        found: dict[int, None] = {}
        for number, step in enumerate(steps):
            # Leave room for the most used phrasings that miss one word (加大 for 加强).
            quota = wanted * 3 // 4 if number == 0 else max(wanted - len(found), wanted // 4)
            rows = self._db.execute(
                "SELECT rowid FROM phrase_fts WHERE phrase_fts MATCH ? LIMIT ?",
                (_match_expression(step), quota),
            )
            found.update((row[0], None) for row in rows)
            if number and len(found) >= wanted:
                break
        ids = list(found)[:wanted]
        marks = ",".join("?" * len(ids))
        rows = self._db.execute(
            "SELECT id, kind, slot, key, folded, tokens, uses, topic, since, through, latest,"
            f" unit_kinds FROM phrases WHERE id IN ({marks})",
            ids,
        ).fetchall()
        if after:
            return [r for r in rows if r["kind"] == kind and (slot is None or r["slot"] == slot)]
        return rows

    def _suggestion(self, rows: list[sqlite3.Row], score: float) -> Suggestion:
        """The first row's phrasing with the sources of all the rows (near-duplicates)."""
        ids = [row["id"] for row in rows]
        marks = ",".join("?" * len(ids))
        phrase = self._db.execute("SELECT * FROM phrases WHERE id = ?", (ids[0],)).fetchone()
        sources = [
            Source(name, issuer, year)
            for name, issuer, year in self._db.execute(
                "SELECT DISTINCT f.name, f.issuer, f.year FROM phrase_sources s JOIN files f"
                f" ON f.id = s.file_id WHERE s.phrase_id IN ({marks}) ORDER BY f.id LIMIT ?",
                (*ids, MAX_SOURCES),
            )
        ]
        uses = phrase["uses"]
        if len(ids) > 1:
            (uses,) = self._db.execute(
                f"SELECT COUNT(DISTINCT file_id) FROM phrase_sources WHERE phrase_id IN ({marks})",
                ids,
            ).fetchone()
        return Suggestion(
            text=phrase["text"],
            template=phrase["template"],
            slot=phrase["slot"],
            topic=phrase["topic"],
            score=round(min(score, 100.0), 1),
            uses=uses,
            sources=sources,
        )

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None


def _check_filters(
    slot: str | None, topic: str | None, kind: str | None, unit_kind: str | None
) -> None:
    if slot is not None and slot not in SUGGEST_SLOTS:
        raise ValueError(f"unknown slot {slot!r}; slots: {', '.join(SUGGEST_SLOTS)}")
    if topic is not None and topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}; topics: {', '.join(TOPICS)}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; kinds: {', '.join(KINDS)}")
    if unit_kind is not None and unit_kind not in UNIT_KINDS:
        raise ValueError(f"unknown unit kind {unit_kind!r}; unit kinds: {', '.join(UNIT_KINDS)}")


def _fits(row: sqlite3.Row, year: int | None) -> bool:
    """Whether a phrase fits a draft covering `year`: nothing it quotes as current is
    superseded by then, and nothing it mentions came after the draft was written."""
    if year is None:
        return True
    from drafter.formulations import Span

    since = row["since"]
    span = Span((since // 100, since % 100) if since else None, row["through"])
    return span.misfit(year) is None


def _match_expression(terms: list[str | list[str]]) -> str:
    """FTS5 query: the AND of the terms, a list term being an OR of its words."""
    return " AND ".join(
        "(" + " OR ".join(map(_quote, term)) + ")" if isinstance(term, list) else _quote(term)
        for term in terms
    )


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


@dataclass(frozen=True)
class _Preference:
    """What the user's draft says about which phrasings suit it, beyond the query."""

    topic: str | None
    unit_kind: str | None
    year: int | None

    def bonus(self, row: sqlite3.Row) -> float:
        """A few points for the topic, for units of the user's kind, for recent sources,
        and for phrases used by more reports."""
        points = min(6.0, 2.0 * math.log2(max(row["uses"], 1)))
        if self.topic and row["topic"] == self.topic:
            points += 6.0
        if self.unit_kind and row["unit_kinds"] & (1 << UNIT_KINDS.index(self.unit_kind)):
            points += 3.0
        if self.year and row["latest"]:
            points += 3.0 * max(0.0, 1.0 - abs(self.year - row["latest"]) / _RECENT_YEARS)
        return points


def _rank(
    query: str, query_words: str, rows: list[sqlite3.Row], preference: _Preference
) -> list[_Match]:
    """Candidates that match well enough, scored and sorted, best first.

    `partial_ratio` rewards the query appearing in the phrase, `token_set_ratio`
    shared words, `ratio` a phrase about as long as the query (a short exact
    phrasing beats a long sentence that mentions it in passing); a phrase that
    matches below `_MIN_MATCH` is not offered whatever its other merits.
    """
    from rapidfuzz import fuzz

    scored = []
    for row in rows:
        text = row["folded"]
        match = (
            0.55 * fuzz.partial_ratio(query, text)
            + 0.30 * fuzz.token_set_ratio(query_words, row["tokens"])
            + 0.15 * fuzz.ratio(query, text)
        )
        if match >= _MIN_MATCH:
            scored.append(_Match(match + preference.bonus(row), [row]))
    scored.sort(key=lambda m: (-m.score, -m.rows[0]["uses"], m.rows[0]["id"]))
    return scored


def _merged(ranked: list[_Match], limit: int) -> list[_Match]:
    """The best `limit` matches, each with the near-duplicates ranked below it (the same
    merge key, or `_SIMILAR` alike) folded in."""
    from rapidfuzz import fuzz

    kept: list[_Match] = []
    for match in ranked:
        row = match.rows[0]
        for better in kept:
            first = better.rows[0]
            if row["key"] == first["key"] or fuzz.ratio(
                row["folded"], first["folded"], score_cutoff=_SIMILAR
            ):
                better.rows.append(row)
                break
        else:
            if len(kept) < limit:
                kept.append(match)
    return kept
