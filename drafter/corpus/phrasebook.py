"""The phrasebook: phrases mined from a corpus of reports, indexed for suggestions as you type.

The index is a SQLite file in the user cache, one per set of corpus folders.
Mining is the slow part (parse, classify, jieba), so each file's mined phrases
are cached by path, size, mtime and content hash: reopening an unchanged corpus
only stats its files, and a changed corpus re-mines only the files that changed
before the merged phrase table and its FTS5 index are rebuilt from the caches.

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
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.corpus.mine import Source
from drafter.corpus.report import SLOTS, TOPICS
from drafter.errors import CorpusError
from drafter.textnorm import fold

SCHEMA_VERSION = "2"
SUGGEST_SLOTS: tuple[str, ...] = tuple(s for s in SLOTS if s != "noise")
"""Slots that hold phrases (noise is never mined)."""
KINDS: tuple[str, ...] = ("sentence", "heading")
MAX_SOURCES = 10
"""Sources listed per suggestion; `uses` still counts them all."""

_CANDIDATES = 100
"""Phrases re-ranked per query: enough for good top results, few enough for ~1 ms of rapidfuzz."""
_MATCH_WORDS = 3
"""The rarest query words used in the MATCH; the rest only count in the re-ranking."""
_DENSE_SLOT = 0.5
"""A slot holding more than this share of phrases is filtered after the MATCH, not in it."""
_POOL_MIN_FILES = 48
"""Below this many files to mine, a process pool costs more than it saves."""
_BATCH = 2000

Progress = Callable[[int, int, str], None]
"""progress(done, total, file name) while files are mined."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files(
    id INTEGER PRIMARY KEY,
    path TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    manifest TEXT NOT NULL,
    digest TEXT NOT NULL,
    issuer TEXT,
    year INTEGER,
    error TEXT
);
CREATE TABLE IF NOT EXISTS mined(
    file_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    slot TEXT NOT NULL,
    key TEXT NOT NULL,
    text TEXT NOT NULL,
    template TEXT NOT NULL,
    topic TEXT,
    path TEXT NOT NULL,
    folded TEXT NOT NULL,
    tokens TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mined_file ON mined(file_id);
CREATE TABLE IF NOT EXISTS vocab(
    word TEXT PRIMARY KEY, freq INTEGER NOT NULL, docs INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS phrases(
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    slot TEXT NOT NULL,
    key TEXT NOT NULL,
    text TEXT NOT NULL,
    template TEXT NOT NULL,
    topic TEXT,
    path TEXT NOT NULL,
    folded TEXT NOT NULL,
    tokens TEXT NOT NULL,
    uses INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS phrase_key ON phrases(kind, slot, key);
CREATE TABLE IF NOT EXISTS phrase_sources(
    phrase_id INTEGER NOT NULL, file_id INTEGER NOT NULL, PRIMARY KEY(phrase_id, file_id)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS phrase_fts USING fts5(
    tokens, content='', detail=none, columnsize=0, tokenize='unicode61'
);
CREATE VIRTUAL TABLE IF NOT EXISTS phrase_terms USING fts5vocab(phrase_fts, row);
"""


_REBUILD: tuple[str, ...] = (
    "DELETE FROM phrases",
    "DELETE FROM phrase_sources",
    "INSERT INTO phrase_fts(phrase_fts) VALUES ('delete-all')",
    "DROP TABLE IF EXISTS temp.groups",
    """CREATE TEMP TABLE groups AS
        SELECT kind, slot, key, COUNT(DISTINCT file_id) AS uses, MIN(rowid) AS first
        FROM mined GROUP BY kind, slot, key""",
    """INSERT INTO phrases(kind, slot, key, text, template, topic, path, folded, tokens, uses)
        SELECT g.kind, g.slot, g.key, m.text, m.template, m.topic, m.path, m.folded, m.tokens,
            g.uses
        FROM temp.groups g JOIN mined m ON m.rowid = g.first
        ORDER BY g.uses DESC, g.first""",
    "DROP TABLE temp.groups",
    """INSERT INTO phrase_sources(phrase_id, file_id)
        SELECT DISTINCT p.id, m.file_id FROM mined m JOIN phrases p USING (kind, slot, key)""",
    """INSERT INTO phrase_fts(rowid, tokens)
        SELECT id, tokens || ' slot' || slot || ' kind' || kind FROM phrases""",
    "DROP TABLE IF EXISTS temp.terms",
    "CREATE TEMP TABLE terms(term TEXT PRIMARY KEY, doc INTEGER) WITHOUT ROWID",
    "INSERT INTO temp.terms SELECT term, doc FROM phrase_terms",
    "UPDATE vocab SET docs = coalesce((SELECT doc FROM temp.terms WHERE term = vocab.word), 0)",
    "DROP TABLE temp.terms",
    "INSERT INTO phrase_fts(phrase_fts) VALUES ('optimize')",  # one segment: faster AND queries
    """INSERT OR REPLACE INTO meta
        SELECT 'slot_share', json_group_object(slot, share) FROM (
            SELECT slot, COUNT(*) * 1.0 / (SELECT COUNT(*) FROM phrases) AS share
            FROM phrases GROUP BY slot)""",
)
"""Statements that rebuild the merged phrases, their sources and the FTS index."""


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
class UpdateSummary:
    """What opening the phrasebook had to do to bring the index up to date."""

    files: int = 0
    mined: int = 0
    removed: int = 0
    rebuilt: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "mined": self.mined,
            "removed": self.removed,
            "rebuilt": self.rebuilt,
        }


@dataclass(frozen=True)
class _Found:
    """A report file seen by the scan, with its manifest entry (as JSON)."""

    path: str
    name: str
    size: int
    mtime_ns: int
    manifest: str


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
    digest = hashlib.sha256(names.encode()).hexdigest()[:16]
    return user_dirs().cache / f"phrasebook-{digest}.sqlite"


class Phrasebook:
    """An open phrase index; `Phrasebook.open()` brings it up to date with the corpus."""

    def __init__(self, db: sqlite3.Connection, path: Path, summary: UpdateSummary) -> None:
        self._db = db
        self._lock = threading.RLock()  # the TUI looks phrases up from worker threads
        self.path = path
        self.summary = summary
        self._segmenter = None
        self._docs: dict[str, int] = {}
        self._slot_share: dict[str, float] = {}

    @classmethod
    def open(
        cls, corpus_dirs: Iterable[str | Path] | None = None, progress: Progress | None = None
    ) -> Phrasebook:
        """Open the index of `corpus_dirs` (None: bundled + user corpus), updating it if needed."""
        dirs = [Path(d) for d in corpus_dirs] if corpus_dirs is not None else default_corpus_dirs()
        for directory in dirs:
            if not directory.is_dir():
                raise CorpusError("no such corpus folder", directory)
        path = index_path(dirs)
        db = _connect(path)
        try:
            summary = _Updater(db, progress).update(dirs)
        except (OSError, sqlite3.Error) as error:  # disk full, index locked too long, …
            db.close()
            raise CorpusError(f"cannot update the phrase index: {error}", path) from error
        except BaseException:
            db.close()
            raise
        return cls(db, path, summary)

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
        kind: str | None = None,
    ) -> list[Suggestion]:
        """Phrasings close to `text`, best first, from `slot` only when given.

        Ranking blends how well the text matches (rapidfuzz on folded text and on
        words) with how many reports use the phrasing and, when given, its topic.
        """
        _check_filters(slot, topic, kind)
        query = fold(text)
        if not query or limit <= 0:
            return []
        with self._lock:
            words = self._query_words(query)
            known = sorted({w for w in words if w in self._docs}, key=self._docs.__getitem__)
            if not known:
                return []
            rows = self._candidates(known[:_MATCH_WORDS], slot, kind)
            ranked = _rank(query, " ".join(words), rows, topic)[:limit]
            return [self._suggestion(self._phrase(row["id"]), score) for score, row in ranked]

    def headings(self, slot: str, topic: str | None = None, limit: int = 20) -> list[Suggestion]:
        """Heading phrasings used for a slot (and topic), most used first.

        The score is the share of the most used heading's uses (100 for the top one).
        """
        _check_filters(slot, topic, None)
        sql = "SELECT * FROM phrases WHERE kind = 'heading' AND slot = ?"
        params: list[Any] = [slot]
        if topic:
            sql += " AND topic = ?"
            params.append(topic)
        sql += " ORDER BY uses DESC, id LIMIT ?"
        with self._lock:
            rows = self._db.execute(sql, [*params, limit]).fetchall()
            top = rows[0]["uses"] if rows else 1
            return [self._suggestion(row, 100.0 * row["uses"] / top) for row in rows]

    def stats(self) -> dict[str, Any]:
        """Reports, sentences, headings and merged phrases in the index, by slot and topic."""
        db = self._db
        with self._lock:
            mined = dict(db.execute("SELECT kind, COUNT(*) FROM mined GROUP BY kind").fetchall())
            (reports,) = db.execute("SELECT COUNT(*) FROM files WHERE error IS NULL").fetchone()
            return {
                "index": str(self.path),
                "reports": reports,
                "skipped": self.skipped(),
                "sentences": mined.get("sentence", 0),
                "headings": mined.get("heading", 0),
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

    def skipped(self) -> list[dict[str, str]]:
        """Corpus files that could not be read, with why (retried once they change).

        `error` is the whole one-line message, naming the file.
        """
        with self._lock:
            rows = self._db.execute(
                "SELECT name, error FROM files WHERE error IS NOT NULL ORDER BY path"
            ).fetchall()
        return [{"file": row["name"], "error": row["error"]} for row in rows]

    # --- query internals ---------------------------------------------------------

    def _query_words(self, query: str) -> list[str]:
        """The query cut into words the way the index was cut (no jieba dictionary needed)."""
        from drafter.corpus.segment import QuerySegmenter, is_indexable

        if self._segmenter is None:
            rows = self._db.execute("SELECT word, freq, docs FROM vocab WHERE docs > 0").fetchall()
            total = int(self._meta("jieba_total") or 1)
            self._segmenter = QuerySegmenter({r[0]: r[1] for r in rows}, total)
            self._docs = {r[0]: r[2] for r in rows}
            self._slot_share = json.loads(self._meta("slot_share") or "{}")
        return [w for w in self._segmenter.cut(query) if is_indexable(w)]

    def _candidates(
        self, words: list[str], slot: str | None, kind: str | None
    ) -> list[sqlite3.Row]:
        """Up to about `_CANDIDATES` phrases matching the words, strictest match first.

        AND of all words, then of fewer and fewer (the most common dropped first),
        then any of them; each relaxed step adds at least a few of its most used.
        A rare slot is a token in the MATCH; the dense one (measures) would cost a
        seek per match there, so it is over-fetched and filtered on the rows instead.
        """
        share = self._slot_share.get(slot, 0.0) if slot else 0.0
        after = share > _DENSE_SLOT
        filters = [f"slot{slot}"] if slot and not after else []
        if kind:
            filters.append(f"kind{kind}")
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
        sql = f"SELECT id, folded, tokens, uses, topic FROM phrases WHERE id IN ({marks})"
        if after:
            return self._db.execute(sql + " AND slot = ?", [*ids, slot]).fetchall()
        return self._db.execute(sql, ids).fetchall()

    def _phrase(self, phrase_id: int) -> sqlite3.Row:
        return self._db.execute("SELECT * FROM phrases WHERE id = ?", (phrase_id,)).fetchone()

    def _suggestion(self, row: sqlite3.Row, score: float) -> Suggestion:
        sources = [
            Source(name, issuer, year)
            for name, issuer, year in self._db.execute(
                "SELECT f.name, f.issuer, f.year FROM phrase_sources s JOIN files f"
                " ON f.id = s.file_id WHERE s.phrase_id = ? ORDER BY f.id LIMIT ?",
                (row["id"], MAX_SOURCES),
            )
        ]
        return Suggestion(
            text=row["text"],
            template=row["template"],
            slot=row["slot"],
            topic=row["topic"],
            score=round(min(score, 100.0), 1),
            uses=row["uses"],
            sources=sources,
        )

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None


def _check_filters(slot: str | None, topic: str | None, kind: str | None) -> None:
    if slot is not None and slot not in SUGGEST_SLOTS:
        raise ValueError(f"unknown slot {slot!r}; slots: {', '.join(SUGGEST_SLOTS)}")
    if topic is not None and topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}; topics: {', '.join(TOPICS)}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; kinds: {', '.join(KINDS)}")


def _match_expression(terms: list[str | list[str]]) -> str:
    """FTS5 query: the AND of the terms, a list term being an OR of its words."""
    return " AND ".join(
        "(" + " OR ".join(map(_quote, term)) + ")" if isinstance(term, list) else _quote(term)
        for term in terms
    )


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _rank(
    query: str, query_words: str, rows: list[sqlite3.Row], topic: str | None
) -> list[tuple[float, sqlite3.Row]]:
    """Candidates scored and sorted, best first.

    `partial_ratio` rewards the query appearing in the phrase, `token_set_ratio`
    shared words, `ratio` a phrase about as long as the query (a short exact
    phrasing beats a long sentence that mentions it in passing); uses and topic add
    a few points.
    """
    from rapidfuzz import fuzz

    scored = []
    for row in rows:
        text = row["folded"]
        score = (
            0.55 * fuzz.partial_ratio(query, text)
            + 0.30 * fuzz.token_set_ratio(query_words, row["tokens"])
            + 0.15 * fuzz.ratio(query, text)
            + min(6.0, 2.0 * math.log2(row["uses"]))
            + (6.0 if topic and row["topic"] == topic else 0.0)
        )
        scored.append((score, row))
    scored.sort(key=lambda pair: (-pair[0], -pair[1]["uses"], pair[1]["id"]))
    return scored


# --- building ------------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    """The index database, created as needed.

    The index is only a cache: one written by another schema version, or damaged,
    is deleted and built again rather than reported.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return _prepare(path)
        except sqlite3.OperationalError:  # locked, read-only, …: not the file's fault
            raise
        except (sqlite3.DatabaseError, _StaleIndex):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return _prepare(path)
    except (OSError, sqlite3.DatabaseError) as error:
        raise CorpusError(f"cannot open the phrase index: {error}", path) from error


class _StaleIndex(Exception):
    """The index was written with another schema version."""


def _prepare(path: Path) -> sqlite3.Connection:
    db = _open_db(path)
    try:
        if _schema_version(db) not in (None, SCHEMA_VERSION):
            raise _StaleIndex
        db.executescript(_SCHEMA)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    except BaseException:
        db.close()
        raise
    return db


def _open_db(path: Path) -> sqlite3.Connection:
    # Autocommit; updates run in one explicit BEGIN IMMEDIATE … COMMIT.
    db = sqlite3.connect(path, timeout=60, check_same_thread=False, isolation_level=None)
    db.row_factory = sqlite3.Row
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    return db


def _schema_version(db: sqlite3.Connection) -> str | None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.OperationalError:  # a new, empty database
        return None
    return row[0] if row else None


def _read_manifest(directory: Path) -> dict[str, dict[str, Any]]:
    """`manifest.yaml` entries by file name: issuer, place, year known better than parsing."""
    manifest = directory / "manifest.yaml"
    if not manifest.is_file():
        return {}
    import yaml

    from drafter.yamlmarks import yaml_problem

    try:
        text = manifest.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(f"cannot read the manifest: {error}", manifest) from error
    try:
        # libyaml's loader when pyyaml was built with it (it reads 8x faster).
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise CorpusError(yaml_problem(error, text), manifest) from None
    reports = data.get("reports") if isinstance(data, dict) else None
    if not isinstance(reports, dict):
        raise CorpusError("no 'reports:' mapping in the manifest", manifest)
    return {str(name): entry for name, entry in reports.items() if isinstance(entry, dict)}


def _scan(dirs: Sequence[Path]) -> Iterator[_Found]:
    from drafter.corpus.ingest import iter_report_files

    for directory in dirs:
        manifest = _read_manifest(directory)
        for path in iter_report_files(directory):
            name = path.relative_to(directory).as_posix()
            entry = manifest.get(name) or {}
            yield _Found(
                str(path.resolve()),
                name,
                *_stamp(path),
                json.dumps({k: entry.get(k) for k in ("issuer", "place", "year")}),
            )


def _stamp(path: Path) -> tuple[int, int]:
    """Size and mtime of a regular file; (-1, -1) for a dangling link, a pipe and the like,
    which are mined all the same so that `read_document` says why they are skipped."""
    try:
        info = path.stat()
    except OSError:
        return -1, -1
    return (info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else (-1, -1)


def _digest(found: _Found) -> str:
    """Content hash of a report, salted with its manifest entry ("" if it cannot be read)."""
    hasher = hashlib.sha256(found.manifest.encode())
    if found.size < 0:
        return ""  # not a regular file: opening a pipe would wait forever
    try:
        with open(found.path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                hasher.update(block)
    except OSError:
        return ""
    return hasher.hexdigest()


def mine_file(found: _Found) -> tuple[_Found, dict[str, Any]]:
    """Read, parse, classify and mine one report into index rows (runs in worker processes)."""
    from drafter.corpus.mine import mine_report
    from drafter.corpus.pipeline import load_report
    from drafter.corpus.segment import index_tokens
    from drafter.errors import IngestError

    entry = json.loads(found.manifest)
    try:
        report = load_report(found.path)
    except IngestError as error:
        return found, {"error": str(error)}
    except Exception as error:  # one unreadable report must not stop the whole corpus
        return found, {"error": f"{found.path}: cannot parse: {error!r}"}
    issuer = entry["issuer"] or report.issuer
    year = entry["year"] or report.year
    phrases = mine_report(report, Source(found.name, issuer, year), entry["place"])
    rows = [
        (
            p.kind,
            p.slot,
            p.key,
            p.text,
            p.template,
            p.topic,
            json.dumps(p.path, ensure_ascii=False),
            folded,
            " ".join(index_tokens(folded)),
        )
        for p in phrases
        for folded in [fold(p.text)]
    ]
    return found, {"issuer": issuer, "year": year, "rows": rows}


def _leave_interrupts_to_parent() -> None:
    """In a mining worker: ignore Ctrl+C, which the parent handles by stopping the pool
    (else every worker prints its own KeyboardInterrupt traceback)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Updater:
    """Brings an index up to date with its corpus folders."""

    def __init__(self, db: sqlite3.Connection, progress: Progress | None) -> None:
        self.db = db
        self.progress = progress

    def update(self, dirs: Sequence[Path]) -> UpdateSummary:
        db = self.db
        known = {
            row["path"]: row
            for row in db.execute("SELECT id, path, size, mtime_ns, manifest, digest FROM files")
        }
        summary = UpdateSummary()
        to_mine: list[tuple[_Found, str]] = []
        restamped: list[tuple[int, int, int]] = []
        seen: set[str] = set()
        for found in _scan(dirs):
            seen.add(found.path)
            summary.files += 1
            row = known.get(found.path)
            if row and (row["size"], row["mtime_ns"], row["manifest"]) == (
                found.size,
                found.mtime_ns,
                found.manifest,
            ):
                continue
            digest = _digest(found)
            if row and row["digest"] == digest:
                restamped.append((found.size, found.mtime_ns, row["id"]))
            else:
                to_mine.append((found, digest))
        gone = [row["id"] for path, row in known.items() if path not in seen]
        summary.mined, summary.removed = len(to_mine), len(gone)
        if not (to_mine or gone or restamped):
            return summary
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?", restamped)
            for file_id in gone:
                db.execute("DELETE FROM mined WHERE file_id = ?", (file_id,))
                db.execute("DELETE FROM files WHERE id = ?", (file_id,))
            if to_mine:
                self._mine(to_mine)
            if to_mine or gone:
                self._rebuild()
                summary.rebuilt = True
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return summary

    def _mine(self, to_mine: list[tuple[_Found, str]]) -> None:
        digests = {found.path: digest for found, digest in to_mine}
        words: set[str] = set()
        for done, (found, result) in enumerate(self._mined(to_mine), 1):
            file_id = self._store_file(found, digests[found.path], result)
            rows = result.get("rows", [])
            for start in range(0, len(rows), _BATCH):
                batch = rows[start : start + _BATCH]
                self.db.executemany(
                    "INSERT INTO mined(file_id, kind, slot, key, text, template, topic, path,"
                    " folded, tokens) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(file_id, *row) for row in batch],
                )
            for row in rows:
                words.update(row[-1].split())
            if self.progress:
                self.progress(done, len(to_mine), found.name)
        self._add_words(words)

    def _mined(self, to_mine: list[tuple[_Found, str]]) -> Iterator[tuple[_Found, dict]]:
        """Mining results as they come, from a process pool when there are many files."""
        from drafter.corpus.segment import load_jieba

        founds = [found for found, _ in to_mine]
        load_jieba()  # once here: forked workers inherit the loaded dictionary
        workers = min(2, os.cpu_count() or 1)
        if len(founds) < _POOL_MIN_FILES or workers < 2:
            yield from map(mine_file, founds)
            return
        import multiprocessing

        # Forking is cheap (workers inherit jieba) but unsafe once other threads run,
        # as when the TUI opens the phrasebook from a worker thread.
        alone = threading.active_count() == 1
        context = multiprocessing.get_context("fork" if alone and os.name == "posix" else "spawn")
        with context.Pool(workers, initializer=_leave_interrupts_to_parent) as pool:
            yield from pool.imap_unordered(mine_file, founds, chunksize=4)

    def _store_file(self, found: _Found, digest: str, result: dict[str, Any]) -> int:
        db = self.db
        row = db.execute("SELECT id FROM files WHERE path = ?", (found.path,)).fetchone()
        if row:
            db.execute("DELETE FROM mined WHERE file_id = ?", (row["id"],))
            db.execute("DELETE FROM files WHERE id = ?", (row["id"],))
        cursor = db.execute(
            "INSERT INTO files(path, name, size, mtime_ns, manifest, digest, issuer, year, error)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                found.path,
                found.name,
                found.size,
                found.mtime_ns,
                found.manifest,
                digest,
                result.get("issuer"),
                result.get("year"),
                result.get("error"),
            ),
        )
        return int(cursor.lastrowid or 0)

    def _add_words(self, words: set[str]) -> None:
        """Record new index words with their jieba frequencies, for query segmentation."""
        from drafter.corpus.segment import word_frequencies

        have = {row[0] for row in self.db.execute("SELECT word FROM vocab")}
        freq, total = word_frequencies(words - have)
        self.db.executemany("INSERT INTO vocab(word, freq) VALUES (?, ?)", freq.items())
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('jieba_total', ?)", (str(total),))

    def _rebuild(self) -> None:
        """Merged phrases, their sources and the FTS index, from the per-file caches.

        Phrases are inserted most used first, so their ids (the FTS rowids) put the
        most used matches first in any `MATCH … LIMIT`.
        """
        for statement in _REBUILD:
            self.db.execute(statement)
