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
when too few match), a rare part is a token in the same MATCH, and only those
candidates are re-ranked with rapidfuzz. Phrasings of the part being written
rank above other parts' unless theirs match much better.
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
from typing import TYPE_CHECKING, Any, TypeVar

from drafter.corpus.indexing import (
    Progress,
    Updater,
    UpdateSummary,
    connect,
    index_problem,
    is_corrupt,
)
from drafter.corpus.report import SLOTS, TOPICS, UNIT_KINDS
from drafter.errors import CorpusError
from drafter.textnorm import fold

if TYPE_CHECKING:
    from drafter.corpus.mine import Source

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

_CANDIDATES = 60
"""Phrases fetched per query: enough for good top results, few enough to stay quick."""
_MATCH_WORDS = 3
"""The rarest query words used in the MATCH; the rest only count in the re-ranking."""
_LEADING = 2
"""The first words typed, ANDed in a MATCH of their own (a phrasing that starts alike)."""
_SCORED = 40
"""Candidates scored with rapidfuzz: those sharing most two-character runs with the query."""
_STRONG = 75.0
"""A part's best match scoring this well is not compared with other parts' phrasings."""
_OTHER_PART = 10.0
"""Points a phrase of another part loses against those of the part being written."""
_DENSE = 0.3
"""A filter (kind, kind in slot) selecting more than this share of phrases is applied after
the MATCH, not in it: a common token's long list costs more than reading a few more rows."""
_WEIGHTS = (0.55, 0.30, 0.15)
"""How the query's match counts: in the phrase (partial_ratio), by shared words
(token_set_ratio), as a whole (ratio)."""
_MIN_MATCH = 20.0
"""How well a phrase must match the query to be offered at all (besides sharing two
characters in a row with it, see `_pairs`)."""
_SIMILAR = 90.0
"""Phrases this similar (rapidfuzz ratio) are one suggestion, their uses and sources summed."""
_MERGE_SCAN = 3
"""Near-duplicates are looked for among the best `limit × _MERGE_SCAN` matches."""
_RECENT_YEARS = 6
"""Over how many years a phrase's recency bonus fades."""

_PAIR = re.compile(r"[\u3400-\u9fff]{2}")
_TYPED_YEAR = re.compile(r"(?:19|20)\d\d年")
_CN = "一二三四五六七八九十"
_LEAD = re.compile(
    rf"^(?:(?:[{_CN}]{{1,3}}是|第[{_CN}]{{1,3}}(?![季届次批个条款章节期轮项名位年])"
    rf"|\([{_CN}\d]{{1,3}}\)|[{_CN}]{{1,3}}、|\d{{1,2}}(?:[.、](?!\d)|\))"
    r"|首先|其次|再次|此外|同时|另外|最后|其中|另一方面|一方面)[,、:;.]*)+"
)
"""What writers type before the content (folded): 一是, 第四, (三), 三、, 3., 首先, 同时 …"""

T = TypeVar("T")


def query_content(text: str) -> str:
    """The folded query without the numbering and linking words typed before the content
    (unless nothing to match on is left: 另一方面，认 stays whole)."""
    folded = fold(text)
    content = _LEAD.sub("", folded)
    return content if _pairs(content, []) or not _pairs(folded, []) else folded


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

    def order(self) -> tuple[float, int, int]:
        """Sort key: best score first, then most used, then first indexed."""
        return -self.score, -self.rows[0]["uses"], self.rows[0]["id"]


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
        raise CorpusError(f"无法更新短语索引{index_problem(error)}", path) from error
    except OSError as error:  # disk full, …
        db.close()
        raise CorpusError(f"无法更新短语索引{index_problem(error)}", path) from error
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
                problem = "是文件，不是语料文件夹" if directory.exists() else "找不到这个语料文件夹"
                raise CorpusError(problem, directory)
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
            return self._suggestions([([row], 100.0 * row["uses"] / top) for row in rows])

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

    def named_by(self, name: str) -> list[Source]:
        """The reports that name a person (`范少军`), first indexed first.

        Suggestions never carry a person's name (it becomes `{姓名}`), so the checks
        ask here whether a name in a draft is another unit's person or the unit's own.
        """
        from drafter.corpus.mine import Source

        def lookup() -> list[Source]:
            return [
                Source(*row)
                for row in self._db.execute(
                    "SELECT f.name, f.issuer, f.year FROM people p JOIN files f"
                    " ON f.id = p.file_id WHERE p.name = ? AND f.duplicate_of IS NULL"
                    " ORDER BY f.id",
                    (name,),
                )
            ]

        return self._guarded(lookup)

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
                    raise CorpusError(f"短语索引出错{index_problem(error)}", self.path) from error
            self._db.close()
            self._db, self.summary = _build(self._dirs, self._progress, fresh=True)
            self._segmenter = None
            self._newest = None
            try:
                return lookup()
            except sqlite3.DatabaseError as error:
                raise CorpusError(f"短语索引出错{index_problem(error)}", self.path) from error

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
        known = sorted({w for w in words if w in self._docs}, key=self._rarity)
        pairs = _pairs(query, words)
        if not (known and pairs):
            return []
        preference = _Preference(topic, unit_kind, year or self._newest_year(), slot)
        leading = [w for w in dict.fromkeys(words) if len(w) > 1 and w in self._docs][:_LEADING]
        words_in_match = known[:_MATCH_WORDS]

        def ranked(part: str | None, budget: int) -> list[_Match]:
            found = self._candidates(words_in_match, leading, kind, part, budget)
            return _rank(query, words, pairs, [r for r in found if _fits(r, year)], preference)

        matches = ranked(slot, _CANDIDATES)
        if slot and not self._dense(kind, slot) and _weak(matches, limit):
            # The part's own came alone, too few or poor: some of the other parts' too.
            seen = {match.rows[0]["id"] for match in matches}
            others = [m for m in ranked(None, _CANDIDATES // 3) if m.rows[0]["id"] not in seen]
            matches = sorted(matches + others, key=_Match.order)
        merged = _merged(matches, limit)
        return self._suggestions([(match.rows, match.score) for match in merged])

    def _dense(self, kind: str, slot: str | None) -> bool:
        return self._filter_share.get(_filter_token(kind, slot), 0.0) > _DENSE

    def _rarity(self, word: str) -> tuple[bool, int]:
        """Sort key for query words: words before single characters, then rarest first."""
        return len(word) == 1, self._docs[word]

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

    def _candidates(
        self, words: list[str], leading: list[str], kind: str, slot: str | None, budget: int
    ) -> list[sqlite3.Row]:
        """About `budget` phrases of the kind (in the slot, if given) matching the words,
        strictest match first.

        AND of all words, then of the `leading` words (what was typed first: a
        phrasing that starts as the query does, 加强法治宣传教育。 for 加强法治宣传教育，
        深入开展…), then of fewer and fewer (the most common dropped first), then any
        of them; each relaxed step adds at least a few of its most used.
        A rare filter (headings, sentences in plans) is a token in the MATCH; a common
        one (sentences in measures) would cost a seek per match there, so it is left
        out and the matches over-fetched: those of other parts stay, to be ranked
        below the part's own.
        """
        token = _filter_token(kind, slot)
        share = self._filter_share.get(token, 0.0)
        after = share > _DENSE
        filters = [] if after else [token]
        wanted = math.ceil(budget / share) if after else budget
        steps = [[*filters, *words[:n]] for n in range(len(words), 0, -1)]
        if len(leading) > 1 and set(leading) != set(words):
            steps.insert(1, [*filters, *leading])
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
        sql = (
            "SELECT id, slot, key, folded, tokens, uses, topic, since, through, latest, unit_kinds"
            f" FROM phrases WHERE id IN ({_marks(ids)})"
        )
        if not after:
            return self._db.execute(sql, ids).fetchall()
        # `+kind`: filter the rows found by id, never scan the (kind, slot, key) index.
        return self._db.execute(sql + " AND +kind = ?", [*ids, kind]).fetchall()

    def _suggestions(self, found: list[tuple[list[sqlite3.Row], float]]) -> list[Suggestion]:
        """Each match's first phrasing, with the uses and sources of all its rows (itself
        and the near-duplicates folded into it)."""
        from drafter.corpus.mine import Source

        firsts = [rows[0]["id"] for rows, _ in found]
        every = [row["id"] for rows, _ in found for row in rows]
        phrases = {
            row["id"]: row
            for row in self._db.execute(
                "SELECT id, text, template, slot, topic, uses FROM phrases"
                f" WHERE id IN ({_marks(firsts)})",
                firsts,
            )
        }
        # The first sources of every phrase in one statement (a phrase may have thousands).
        sources: dict[int, dict[int, Source]] = {}
        for phrase_id, file_id, name, issuer, year in self._db.execute(
            "SELECT phrase_id, file_id, name, issuer, year FROM ("
            " SELECT s.phrase_id, f.id AS file_id, f.name, f.issuer, f.year, ROW_NUMBER()"
            "  OVER (PARTITION BY s.phrase_id ORDER BY f.id) AS n"
            " FROM phrase_sources s JOIN files f ON f.id = s.file_id"
            f" WHERE s.phrase_id IN ({_marks(every)})) WHERE n <= ?",
            (*every, MAX_SOURCES),
        ):
            sources.setdefault(phrase_id, {})[file_id] = Source(name, issuer, year)
        suggestions = []
        for rows, score in found:
            ids = [row["id"] for row in rows]
            phrase = phrases[ids[0]]
            seen = {f: src for i in ids for f, src in sources.get(i, {}).items()}
            uses = phrase["uses"]
            if len(ids) > 1:
                (uses,) = self._db.execute(
                    "SELECT COUNT(DISTINCT file_id) FROM phrase_sources"
                    f" WHERE phrase_id IN ({_marks(ids)})",
                    ids,
                ).fetchone()
            suggestions.append(
                Suggestion(
                    text=phrase["text"],
                    template=phrase["template"],
                    slot=phrase["slot"],
                    topic=phrase["topic"],
                    score=round(min(score, 100.0), 1),
                    uses=uses,
                    sources=[seen[f] for f in sorted(seen)][:MAX_SOURCES],
                )
            )
        return suggestions

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None


def _marks(values: Sequence[object]) -> str:
    """`?,?,?` for an `IN (…)` of these values."""
    return ",".join("?" * len(values))


def _filter_token(kind: str, slot: str | None) -> str:
    """The FTS token that selects a kind of phrase (in a slot): `kindsentence`,
    `insentenceplans`."""
    return f"in{kind}{slot}" if slot else f"kind{kind}"


def _check_filters(
    slot: str | None, topic: str | None, kind: str | None, unit_kind: str | None
) -> None:
    for value, known, what in (
        (slot, SUGGEST_SLOTS, "部分"),
        (topic, TOPICS, "主题"),
        (kind, KINDS, "建议类型"),
        (unit_kind, UNIT_KINDS, "单位类型"),
    ):
        if value is not None and value not in known:
            raise ValueError(f"没有 {value!r} 这个{what}（可选：{'、'.join(known)}）")


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
    slot: str | None = None

    def bonus(self, row: sqlite3.Row) -> float:
        """A few points for the topic, for units of the user's kind, for recent sources,
        and for phrases used by more reports; a phrase of another part than the one
        being written loses some (it may still beat a poor match of the part's own)."""
        points = min(6.0, 2.0 * math.log2(max(row["uses"], 1)))
        if self.slot and row["slot"] != self.slot:
            points -= _OTHER_PART
        if self.topic and row["topic"] == self.topic:
            points += 6.0
        if self.unit_kind and row["unit_kinds"] & (1 << UNIT_KINDS.index(self.unit_kind)):
            points += 3.0
        if self.year and row["latest"]:
            points += 3.0 * max(0.0, 1.0 - abs(self.year - row["latest"]) / _RECENT_YEARS)
        return points


def _pairs(query: str, words: list[str]) -> set[str]:
    """What a phrase must share with the query to be about the same thing: two Chinese
    characters in a row (我区 in 我区共受, 不错 in 天气不错), a Latin word, or a year
    written with 年 (2024年，). 你好 shares only 你 or 好 with any report, and matches
    nothing."""
    pairs = {query[i : i + 2] for i in range(len(query) - 1) if _PAIR.fullmatch(query[i : i + 2])}
    pairs |= {word for word in words if len(word) > 1 and word.isascii()}
    return pairs | {"年"} if _TYPED_YEAR.search(query) else pairs


def _rank(
    query: str,
    words: list[str],
    pairs: set[str],
    rows: list[sqlite3.Row],
    preference: _Preference,
) -> list[_Match]:
    """Candidates that match well enough, scored and sorted, best first.

    A phrase that shares none of the query's `pairs` is not offered; of the others,
    the `_SCORED` sharing most pairs are scored: `partial_ratio` rewards the query
    appearing in the phrase, `token_set_ratio` shared words, `ratio` a phrase about
    as long as the query (a short exact phrasing beats a long sentence that mentions
    it in passing). Below `_MIN_MATCH` a phrase is not offered whatever its other
    merits. Each scorer runs over all of them at once (rapidfuzz's loop, not Python's).
    """
    from rapidfuzz import fuzz

    sharing = []
    for row in rows:
        shared_pairs = sum(pair in row["folded"] for pair in pairs)
        if shared_pairs:
            sharing.append((shared_pairs, row))
    sharing.sort(key=lambda pair: -pair[0])  # stable: most used first among equals
    rows = [row for _, row in sharing[:_SCORED]]
    tokens = [row["tokens"] for row in rows]
    texts = [row["folded"] for row in rows]
    partial = _scores(query, texts, fuzz.partial_ratio)
    shared = _scores(" ".join(words), tokens, fuzz.token_set_ratio)
    whole = _scores(query, texts, fuzz.ratio)
    scored = []
    for index, row in enumerate(rows):
        match = (
            _WEIGHTS[0] * partial[index] + _WEIGHTS[1] * shared[index] + _WEIGHTS[2] * whole[index]
        )
        if match >= _MIN_MATCH:
            scored.append(_Match(match + preference.bonus(row), [row]))
    scored.sort(key=_Match.order)
    return scored


def _scores(query: str, choices: list[str], scorer: Callable[..., float]) -> list[float]:
    from rapidfuzz import process

    scores = [0.0] * len(choices)
    for _, score, index in process.extract(query, choices, scorer=scorer, limit=None):
        scores[index] = score
    return scores


def _weak(matches: list[_Match], limit: int) -> bool:
    """Whether a part's own phrasings leave room for other parts': fewer than asked for,
    or the best of them well short of a good match."""
    return len(matches) < limit or matches[0].score < _STRONG


def _merged(ranked: list[_Match], limit: int) -> list[_Match]:
    """The best `limit` matches, each with the near-duplicates ranked close below it (the
    same merge key, or `_SIMILAR` alike) folded in."""
    from rapidfuzz import fuzz

    kept: list[_Match] = []
    for number, match in enumerate(ranked):
        if len(kept) == limit and number >= _MERGE_SCAN * limit:
            break
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
