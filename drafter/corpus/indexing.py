"""Keeping the phrase index up to date with its corpus folders.

Mining is the slow part (parse, classify, generalise, jieba), so each file's
mined phrases are cached by path, size, mtime and content hash: reopening an
unchanged corpus only stats its files. A changed corpus re-mines only the files
that changed, and the merged phrase table and its FTS5 index follow
incrementally — a phrase gains or loses a source, a new phrasing gets a row —
unless so much changed that building them again from the caches is quicker.

The same report in two files (its .docx and its PDF, a UTF-8 and a GB18030
copy) counts once: a file whose sentences are those of a file already indexed
is kept as its duplicate and adds nothing to the phrases.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import stat
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.corpus.report import UNIT_KINDS, Report
from drafter.errors import CorpusError, IngestError, explained, os_problem
from drafter.textnorm import fold

if TYPE_CHECKING:
    from drafter.corpus.mine import Phrase

SCHEMA_VERSION = "3"
Progress = Callable[[int, int, str], None]
"""progress(done, total, file name) while files are mined."""

_POOL_MIN_FILES = 48
"""Below this many files to mine, a process pool costs more than it saves."""
_BATCH = 2000
_REBUILD_SHARE = 0.2
"""When more than this share of the files changed, phrases are built again from the caches."""
_DUPLICATE_SHARE = 0.9
"""Two files whose sentences agree this much are the same report."""
_DUPLICATE_MIN = 5
"""Files with fewer distinct sentences than this are never called duplicates."""
_MIN_SENTENCE_CJK = 8
"""Shorter sentences (强化组织领导。) are lead-ins, too short to stand as a suggestion;
加强法治宣传教育。 stands."""
_FRAGMENT_ENDS = ("，", "；", "：", "、", ",", ";", ":")
_CJK = re.compile(r"[\u3400-\u9fff]")
_MANIFEST_FIELDS = ("issuer", "place", "year")

_PHRASE_DEFINITIONS = (
    "kind TEXT NOT NULL",
    "slot TEXT NOT NULL",
    "key TEXT NOT NULL",
    "text TEXT NOT NULL",
    "template TEXT NOT NULL",
    "topic TEXT",
    "path TEXT NOT NULL",
    "folded TEXT NOT NULL",
    "tokens TEXT NOT NULL",
    "since INTEGER",
    "through INTEGER",
)
"""A phrase's columns, the same in `mined` (one row per report) and `phrases` (merged)."""
_PHRASE_FIELDS = ",\n    ".join(_PHRASE_DEFINITIONS)
_PHRASE_COLUMNS = ", ".join(definition.split()[0] for definition in _PHRASE_DEFINITIONS)

_SCHEMA = f"""
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
    unit_kind INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    duplicate_of INTEGER
);
CREATE INDEX IF NOT EXISTS files_duplicate ON files(duplicate_of);
CREATE TABLE IF NOT EXISTS mined(
    file_id INTEGER NOT NULL,
    {_PHRASE_FIELDS},
    held TEXT
);
CREATE INDEX IF NOT EXISTS mined_file ON mined(file_id);
CREATE INDEX IF NOT EXISTS mined_key ON mined(key);
CREATE TABLE IF NOT EXISTS people(
    name TEXT NOT NULL, file_id INTEGER NOT NULL, PRIMARY KEY(name, file_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS people_file ON people(file_id);
CREATE TABLE IF NOT EXISTS vocab(
    word TEXT PRIMARY KEY, freq INTEGER NOT NULL, docs INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS phrases(
    id INTEGER PRIMARY KEY,
    {_PHRASE_FIELDS},
    uses INTEGER NOT NULL DEFAULT 0,
    latest INTEGER,
    unit_kinds INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS phrase_key ON phrases(kind, slot, key);
CREATE TABLE IF NOT EXISTS phrase_sources(
    phrase_id INTEGER NOT NULL, file_id INTEGER NOT NULL, PRIMARY KEY(phrase_id, file_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS phrase_sources_file ON phrase_sources(file_id);
CREATE VIRTUAL TABLE IF NOT EXISTS phrase_fts USING fts5(
    tokens, content='', detail=none, columnsize=0, tokenize='unicode61'
);
CREATE VIRTUAL TABLE IF NOT EXISTS phrase_terms USING fts5vocab(phrase_fts, row);
"""
"""`mined.held` says why a row is not offered: `specific` (names its source's places or
people and could not be generalised) or `fragment` (ends in ；/，, or too short to stand).
`people` are the names the reports give (generalised out of their phrases).
`files.unit_kind` indexes UNIT_KINDS; `phrases.unit_kinds` has bit k set when a unit of
that kind uses the phrase."""

_CHECKED = ("meta", "files", "vocab")
"""Tables read on every opening, checked then."""
_OFFERED = "m.held IS NULL AND f.duplicate_of IS NULL AND f.error IS NULL"
_CONTENT = "m.kind = 'sentence' AND m.slot NOT IN ('front', 'closing')"
"""The sentences that make a report what it is (its fingerprint for duplicates)."""
_FTS_ROW = "tokens || ' kind' || kind || ' in' || kind || slot"
"""An FTS row: the phrase's words, then filter tokens for its kind and its kind in its slot."""

_REBUILD: tuple[str, ...] = (
    "DELETE FROM phrases",
    "DELETE FROM phrase_sources",
    "INSERT INTO phrase_fts(phrase_fts) VALUES ('delete-all')",
    "DROP TABLE IF EXISTS temp.groups",
    f"""CREATE TEMP TABLE groups AS
        SELECT m.kind, m.slot, m.key, COUNT(DISTINCT m.file_id) AS uses, MIN(m.rowid) AS first,
            MAX(f.year) AS latest, SUM(DISTINCT 1 << f.unit_kind) AS unit_kinds
        FROM mined m JOIN files f ON f.id = m.file_id WHERE {_OFFERED}
        GROUP BY m.kind, m.slot, m.key""",
    f"""INSERT INTO phrases({_PHRASE_COLUMNS}, uses, latest, unit_kinds)
        SELECT m.kind, m.slot, m.key, m.text, m.template, m.topic, m.path, m.folded, m.tokens,
            m.since, m.through, g.uses, g.latest, g.unit_kinds
        FROM temp.groups g JOIN mined m ON m.rowid = g.first
        ORDER BY g.uses DESC, g.first""",
    "DROP TABLE temp.groups",
    f"""INSERT INTO phrase_sources(phrase_id, file_id)
        SELECT DISTINCT p.id, m.file_id FROM mined m JOIN files f ON f.id = m.file_id
        JOIN phrases p USING (kind, slot, key) WHERE {_OFFERED}""",
    f"INSERT INTO phrase_fts(rowid, tokens) SELECT id, {_FTS_ROW} FROM phrases",
    "DROP TABLE IF EXISTS temp.terms",
    "CREATE TEMP TABLE terms(term TEXT PRIMARY KEY, doc INTEGER) WITHOUT ROWID",
    "INSERT INTO temp.terms SELECT term, doc FROM phrase_terms",
    "UPDATE vocab SET docs = coalesce((SELECT doc FROM temp.terms WHERE term = vocab.word), 0)",
    "DROP TABLE temp.terms",
    "INSERT INTO phrase_fts(phrase_fts) VALUES ('optimize')",  # one segment: faster AND queries
)
"""Statements that build the merged phrases, their sources and the FTS index from scratch.
Phrases are inserted most used first, so their ids (the FTS rowids) put the most used
matches first in any `MATCH … LIMIT`."""

_FILTER_SHARE = """INSERT OR REPLACE INTO meta
    SELECT 'filter_share', json_group_object(token, share) FROM (
        SELECT 'kind' || kind AS token, COUNT(*) * 1.0 / (SELECT COUNT(*) FROM phrases) AS share
        FROM phrases GROUP BY kind
        UNION ALL
        SELECT 'in' || kind || slot, COUNT(*) * 1.0 / (SELECT COUNT(*) FROM phrases)
        FROM phrases GROUP BY kind, slot)"""
"""The share of phrases each filter token (`kindsentence`, `insentenceplans`) selects."""

_REFRESH = """UPDATE phrases SET
    uses = (SELECT COUNT(*) FROM phrase_sources s WHERE s.phrase_id = phrases.id),
    latest = (SELECT MAX(f.year) FROM phrase_sources s JOIN files f ON f.id = s.file_id
              WHERE s.phrase_id = phrases.id),
    unit_kinds = (SELECT coalesce(SUM(DISTINCT 1 << f.unit_kind), 0) FROM phrase_sources s
                  JOIN files f ON f.id = s.file_id WHERE s.phrase_id = phrases.id)
    WHERE id IN (SELECT id FROM temp.touched)"""


@dataclass
class UpdateSummary:
    """What opening the phrasebook had to do to bring the index up to date."""

    files: int = 0
    mined: int = 0
    removed: int = 0
    rebuilt: bool = False
    warnings: list[str] = field(default_factory=list)
    """Problems that did not stop the update (a manifest value of the wrong type)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "mined": self.mined,
            "removed": self.removed,
            "rebuilt": self.rebuilt,
        }


@dataclass(frozen=True)
class Found:
    """A report file seen by the scan, with its manifest entry (as JSON).

    `path` opens the file; `key` and `name` are its path and its name relative to
    its corpus folder as text that can be stored and printed (a name that is not
    UTF-8 is written with `\\x..` escapes).
    """

    path: str
    key: str
    name: str
    size: int
    mtime_ns: int
    manifest: str


def printable(text: str) -> str:
    """`text` with undecodable bytes of a file name (surrogates) as `\\x..` escapes."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


# --- the database ------------------------------------------------------------------------

_SQLITE_PROBLEMS = (
    (r"database is locked", "正被另一个 drafter 使用，请等它结束后再试"),
    (r"readonly database", "只能读、不能写（缓存文件夹没有写权限？）"),
    (r"disk I/O error", "读写出错（磁盘或网络盘有问题？）"),
    (r"database or disk is full", "磁盘空间不足"),
    (r"unable to open database file", "无法打开文件（缓存文件夹不存在或不能写？）"),
    (r"malformed|not a database", "文件已损坏"),
)
"""SQLite's English messages, as the user is told them."""


def index_problem(error: OSError | sqlite3.Error) -> str:
    """Why the index failed, in Chinese, to follow `无法打开短语索引` and the like:
    `：磁盘空间不足`, or SQLite's own words in brackets when they are new to drafter."""
    if isinstance(error, OSError):
        return f"：{os_problem(error)}"
    return explained(str(error), _SQLITE_PROBLEMS)


def is_corrupt(error: sqlite3.Error) -> bool:
    """Whether an SQLite error says the file is damaged (not locked, not read-only)."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
    return "malformed" in str(error) or "not a database" in str(error)


def connect(path: Path, *, fresh: bool = False) -> sqlite3.Connection:
    """The index database, created as needed; `fresh` deletes the old one first.

    The index is only a cache: one written by another schema version, or damaged
    (by its header, its schema or a quick check of its pages), is deleted and built
    again rather than reported.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if fresh:
            _delete(path)
        try:
            return _prepare(path)
        except sqlite3.OperationalError as error:  # locked, read-only, …: not the file's fault
            if not is_corrupt(error):
                raise
        except (sqlite3.DatabaseError, _StaleIndex):
            pass
        _delete(path)
        return _prepare(path)
    except (OSError, sqlite3.DatabaseError) as error:
        raise CorpusError(f"无法打开短语索引{index_problem(error)}", path) from error


def _delete(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


class _StaleIndex(Exception):
    """The index was written with another schema or by another version of the miner."""


@lru_cache(maxsize=1)
def miner_version() -> str:
    """The schema version and a digest of the miner's code and data: an index mined by
    other rules (a new release, an edited gazetteer) is built again, never half-used."""
    corpus = Path(__file__).resolve().parent
    shared = corpus.parent
    hasher = hashlib.sha256(SCHEMA_VERSION.encode())
    miner = sorted(path for path in corpus.glob("*.py") if path.name != "phrasebook.py")
    for path in (
        *miner,  # every module of the corpus engine but the lookups
        shared / "formulations.py",
        shared / "gazetteer.py",
        shared / "textnorm.py",
        *sorted((shared / "data").glob("*")),  # the gazetteer, the formulations …
    ):
        try:
            hasher.update(path.read_bytes())
        except OSError:  # an installed copy without its sources: the schema decides
            continue
    return f"{SCHEMA_VERSION}-{hasher.hexdigest()[:12]}"


def _prepare(path: Path) -> sqlite3.Connection:
    db = _open_db(path)
    try:
        if _schema_version(db) not in (None, miner_version()):
            raise _StaleIndex
        db.executescript(_SCHEMA)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (miner_version(),))
        _check(db)
    except BaseException:
        db.close()
        raise
    return db


def _check(db: sqlite3.Connection) -> None:
    """SQLite's quick check of the tables every opening reads (the whole file would take
    seconds at scale): damage there raises DatabaseError now. Damage elsewhere shows
    on the lookup that meets it, and the phrasebook builds the index again then."""
    for table in _CHECKED:
        (verdict,) = db.execute(f"PRAGMA quick_check({table})").fetchone()
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed ({verdict})")


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


# --- scanning the corpus -----------------------------------------------------------------


def read_manifest(directory: Path, warnings: list[str]) -> dict[str, dict[str, Any]]:
    """`manifest.yaml` entries by file name: issuer, place, year known better than parsing.

    A manifest that cannot be read, or a value of the wrong type, is one warning
    naming the file and line; what is wrong is ignored and the reports are indexed
    as they read.
    """
    manifest = directory / "manifest.yaml"
    if not manifest.is_file():
        return {}
    from drafter.yamlmarks import load_plain

    where = printable(str(manifest))
    try:
        text = manifest.read_text(encoding="utf-8")
    except OSError as error:
        warnings.append(str(CorpusError(f"无法读取清单（{os_problem(error)}），已忽略", where)))
        return {}
    except UnicodeDecodeError:
        warnings.append(str(CorpusError("清单不是 UTF-8 文本，已忽略；请另存为 UTF-8", where)))
        return {}
    try:  # bounded like drafts and outlines: no aliases, tags or deep nesting
        data = load_plain(text, where, CorpusError)
    except CorpusError as error:
        warnings.append(f"{error}，清单已忽略")
        return {}
    reports = data.get("reports") if isinstance(data, dict) else None
    if not isinstance(reports, dict):
        warnings.append(str(CorpusError("清单中没有 reports: 映射，已忽略", where)))
        return {}
    entries: dict[str, dict[str, Any]] = {}
    for name, entry in reports.items():
        if not isinstance(entry, dict):
            warnings.append(_misplaced(text, where, (name,), f"{name} 应为映射，已忽略"))
            continue
        clean: dict[str, Any] = {}
        for key in _MANIFEST_FIELDS:
            value = entry.get(key)
            problem = _manifest_problem(key, value)
            if problem:
                warnings.append(_misplaced(text, where, (name, key), f"{name} 的 {problem}"))
            else:
                clean[key] = int(value) if key == "year" and value is not None else value
        entries[str(name)] = clean
    return entries


def _manifest_problem(key: str, value: Any) -> str | None:
    """Why a manifest value is unusable, or None."""
    if value is None:
        return None
    if key == "year":
        if isinstance(value, bool) or not re.fullmatch(r"(19|20)\d\d", str(value)):
            return f"year 应为四位年份（如 2024），而不是 {value}，已忽略"
        return None
    if not isinstance(value, str) or not value.strip():
        return f"{key} 应为文字，而不是 {value}，已忽略"
    return None


def _misplaced(text: str, where: str, key: tuple[Any, ...], problem: str) -> str:
    """A warning located at the line of `reports → key` in the manifest."""
    from drafter.yamlmarks import load_marked

    try:
        line = load_marked(text, where, CorpusError).line(("reports", *key))
    except CorpusError:
        line = None
    return str(CorpusError(f"第{line}行：{problem}" if line else problem, where))


def scan(dirs: Sequence[Path], warnings: list[str]) -> Iterator[Found]:
    """The report files of the corpus folders, with their manifest entries."""
    from drafter.corpus.ingest import iter_report_files

    for directory in dirs:
        manifest = read_manifest(directory, warnings)
        root = _real(directory)
        for path in iter_report_files(directory):
            relative = path.relative_to(directory)
            name = relative.as_posix()
            entry = manifest.get(name) or {}
            # The walk follows no folder links, so only a linked file needs resolving.
            real = _real(path) if path.is_symlink() else os.path.join(root, relative)
            yield Found(
                real,
                printable(real),
                printable(name),
                *_stamp(path),
                json.dumps({k: entry.get(k) for k in _MANIFEST_FIELDS}, ensure_ascii=False),
            )


def _real(path: Path) -> str:
    """The path with links resolved; as it is for a symlink loop (read_document says why)."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)


def _stamp(path: Path) -> tuple[int, int]:
    """Size and mtime of a regular file; (-1, -1) for a dangling link, a pipe and the like,
    which are mined all the same so that `read_document` says why they are skipped."""
    try:
        info = path.stat()
    except (OSError, RuntimeError):
        return -1, -1
    return (info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else (-1, -1)


def _digest(found: Found) -> str:
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


# --- mining one file ---------------------------------------------------------------------


def mine_file(found: Found) -> tuple[Found, dict[str, Any]]:
    """Read, parse, classify and mine one report into index rows (runs in worker processes)."""
    from drafter.corpus.pipeline import load_report

    entry = json.loads(found.manifest)
    try:
        report = load_report(found.path)
        return found, _mined_rows(report, found, entry)
    except IngestError as error:
        return found, {"error": printable(str(error))}
    except Exception as error:  # one report that breaks the miner must not stop the corpus
        problem = f"分析时程序出错（{error!r}），请把这份报告告诉 drafter 的维护者"
        return found, {"error": printable(str(IngestError(problem, found.path)))}


def _mined_rows(report: Report, found: Found, entry: dict[str, Any]) -> dict[str, Any]:
    """The index rows of one report's phrases, generalised, dated and marked if held back."""
    from drafter.corpus.generalise import unit_kind
    from drafter.corpus.mine import Source, mine_report
    from drafter.corpus.segment import index_tokens
    from drafter.formulations import span_of

    issuer = entry["issuer"] or report.issuer
    year = entry["year"] or report.year
    place = entry["place"] or report.place
    rows = []
    people: set[str] = set()
    for phrase in mine_report(report, Source(found.name, issuer, year), entry["place"]):
        people.update(phrase.people)
        span = span_of(phrase.text)
        folded = fold(phrase.generalised)
        rows.append(
            (
                phrase.kind,
                phrase.slot,
                phrase.key,
                phrase.generalised,
                phrase.template,
                phrase.topic,
                json.dumps(phrase.path, ensure_ascii=False),
                folded,
                " ".join(index_tokens(folded)),
                "specific" if phrase.specific else _fragment(phrase),
                span.since[0] * 100 + span.since[1] if span.since else None,
                span.through,
            )
        )
    kind = UNIT_KINDS.index(unit_kind(issuer or place or "", place=place))
    return {
        "issuer": issuer,
        "year": year,
        "unit_kind": kind,
        "rows": rows,
        "people": sorted(people),
    }


def _fragment(phrase: Phrase) -> str | None:
    """`fragment` for a sentence that cannot stand alone: it ends in ；/，/：, or it is a
    short lead-in (强化组织领导。); None otherwise (headings, front and closing formulae)."""
    if phrase.kind != "sentence" or phrase.slot in ("front", "closing"):
        return None
    if phrase.text.endswith(_FRAGMENT_ENDS) or len(_CJK.findall(phrase.text)) < _MIN_SENTENCE_CJK:
        return "fragment"
    return None


def _leave_interrupts_to_parent() -> None:
    """In a mining worker: ignore Ctrl+C, which the parent handles by stopping the pool
    (else every worker prints its own KeyboardInterrupt traceback)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


# --- the updater -------------------------------------------------------------------------


class Updater:
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
        to_mine: list[tuple[Found, str]] = []
        restamped: list[tuple[int, int, int]] = []
        seen: set[str] = set()
        for found in scan(dirs, summary.warnings):
            if found.key in seen:
                continue
            seen.add(found.key)
            summary.files += 1
            row = known.get(found.key)
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
        gone = [row["id"] for key, row in known.items() if key not in seen]
        replaced = [known[found.key]["id"] for found, _ in to_mine if found.key in known]
        summary.mined, summary.removed = len(to_mine), len(gone)
        if not (to_mine or gone or restamped):
            return summary
        has_phrases = db.execute("SELECT 1 FROM phrases LIMIT 1").fetchone() is not None
        changed = len(to_mine) + len(gone)
        rebuild = not has_phrases or changed > _REBUILD_SHARE * max(len(known), 1)
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany("UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?", restamped)
            if to_mine or gone:
                self._update(to_mine, gone + replaced, rebuild)
                summary.rebuilt = True
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return summary

    def _update(self, to_mine: list[tuple[Found, str]], removed: list[int], rebuild: bool) -> None:
        """Files removed (or about to be replaced) and mined, then the phrases follow."""
        db = self.db
        touched: set[int] = set()
        if not rebuild:
            touched |= _ids(db, "SELECT phrase_id FROM phrase_sources WHERE file_id IN", removed)
            _run_with(db, "DELETE FROM phrase_sources WHERE file_id IN", removed)
        orphans = _ids(db, "SELECT id FROM files WHERE duplicate_of IN", removed) - set(removed)
        _run_with(db, "DELETE FROM mined WHERE file_id IN", removed)
        _run_with(db, "DELETE FROM people WHERE file_id IN", removed)
        _run_with(db, "DELETE FROM files WHERE id IN", removed)
        added = self._mine(to_mine) if to_mine else []
        _run_with(db, "UPDATE files SET duplicate_of = NULL WHERE id IN", orphans)
        linked = [f for f in sorted(orphans - set(added)) + added if not self._mark_duplicate(f)]
        if rebuild:
            for statement in _REBUILD:
                db.execute(statement)
        else:
            touched |= self._link(linked)
            self._refresh(touched)
        db.execute(_FILTER_SHARE)

    def _mine(self, to_mine: list[tuple[Found, str]]) -> list[int]:
        """Mine the files and store their rows; the new files' ids, in scan order."""
        digests = {found.key: digest for found, digest in to_mine}
        words: set[str] = set()
        added: list[int] = []
        for done, (found, result) in enumerate(self._mined(to_mine), 1):
            file_id = self._store_file(found, digests[found.key], result)
            added.append(file_id)
            rows = result.get("rows", [])
            for start in range(0, len(rows), _BATCH):
                self.db.executemany(
                    "INSERT INTO mined(file_id, kind, slot, key, text, template, topic, path,"
                    " folded, tokens, held, since, through)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(file_id, *row) for row in rows[start : start + _BATCH]],
                )
            self.db.executemany(
                "INSERT OR IGNORE INTO people(name, file_id) VALUES (?, ?)",
                [(name, file_id) for name in result.get("people", [])],
            )
            for row in rows:
                words.update(row[8].split())
            if self.progress:
                self.progress(done, len(to_mine), found.name)
        self._add_words(words)
        return added

    def _mined(self, to_mine: list[tuple[Found, str]]) -> Iterator[tuple[Found, dict]]:
        """Mining results in scan order, from a process pool when there are many files."""
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
            yield from pool.imap(mine_file, founds, chunksize=4)

    def _store_file(self, found: Found, digest: str, result: dict[str, Any]) -> int:
        cursor = self.db.execute(
            "INSERT INTO files(path, name, size, mtime_ns, manifest, digest, issuer, year,"
            " unit_kind, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                found.key,
                found.name,
                found.size,
                found.mtime_ns,
                found.manifest,
                digest,
                result.get("issuer"),
                result.get("year"),
                result.get("unit_kind", 0),
                result.get("error"),
            ),
        )
        return int(cursor.lastrowid or 0)

    def _mark_duplicate(self, file_id: int) -> bool:
        """Mark a file as a copy of a report indexed before it when their sentences agree.

        A report's content sentences (their merge keys, so that punctuation and
        figures written differently still agree) are its fingerprint.
        """
        db = self.db
        size = _content_size(db, file_id)
        if size < _DUPLICATE_MIN:
            return False
        # Shared keys first (CROSS JOIN keeps that order): a seek per key, not a scan of
        # every earlier file.
        rows = db.execute(
            f"""SELECT m.file_id, COUNT(DISTINCT m.key) FROM
                    (SELECT DISTINCT m.key FROM mined m WHERE m.file_id = ? AND {_CONTENT}) k
                CROSS JOIN mined m INDEXED BY mined_key ON m.key = k.key
                JOIN files f ON f.id = m.file_id
                WHERE {_CONTENT} AND m.file_id < ? AND f.duplicate_of IS NULL
                    AND f.error IS NULL
                GROUP BY m.file_id ORDER BY 2 DESC LIMIT 3""",
            (file_id, file_id),
        ).fetchall()
        for other, shared in rows:
            if shared >= _DUPLICATE_SHARE * max(size, _content_size(db, other)):
                db.execute("UPDATE files SET duplicate_of = ? WHERE id = ?", (other, file_id))
                return True
        return False

    def _link(self, file_ids: list[int]) -> set[int]:
        """Add the files' offered rows to the phrases; the ids of the phrases touched."""
        db = self.db
        if not file_ids:
            return set()
        _fill(db, "batch", file_ids)
        (newest,) = db.execute("SELECT coalesce(MAX(id), 0) FROM phrases").fetchone()
        db.execute(
            f"""INSERT OR IGNORE INTO phrases({_PHRASE_COLUMNS})
                SELECT {_PHRASE_COLUMNS} FROM mined WHERE rowid IN (
                    SELECT MIN(m.rowid) FROM mined m JOIN files f ON f.id = m.file_id
                    WHERE m.file_id IN (SELECT id FROM temp.batch) AND {_OFFERED}
                    GROUP BY m.kind, m.slot, m.key)"""
        )
        db.execute(
            f"""INSERT OR IGNORE INTO phrase_sources(phrase_id, file_id)
                SELECT DISTINCT p.id, m.file_id FROM mined m JOIN files f ON f.id = m.file_id
                JOIN phrases p USING (kind, slot, key)
                WHERE m.file_id IN (SELECT id FROM temp.batch) AND {_OFFERED}"""
        )
        touched = _ids(db, "SELECT phrase_id FROM phrase_sources WHERE file_id IN", file_ids)
        new = db.execute(
            f"SELECT id, {_FTS_ROW} AS row, tokens FROM phrases WHERE id > ?", (newest,)
        ).fetchall()
        db.executemany("INSERT INTO phrase_fts(rowid, tokens) VALUES (?, ?)", [r[:2] for r in new])
        self._count_docs((row["tokens"] for row in new), +1)
        return touched

    def _refresh(self, touched: set[int]) -> None:
        """Uses, latest year and unit kinds of the touched phrases; unused ones deleted."""
        db = self.db
        _fill(db, "touched", touched)
        db.execute(_REFRESH)
        unused = db.execute(
            f"SELECT id, {_FTS_ROW} AS row, tokens FROM phrases"
            " WHERE id IN (SELECT id FROM temp.touched) AND uses = 0"
        ).fetchall()
        db.executemany(
            "INSERT INTO phrase_fts(phrase_fts, rowid, tokens) VALUES ('delete', ?, ?)",
            [r[:2] for r in unused],
        )
        self._count_docs((row["tokens"] for row in unused), -1)
        _run_with(db, "DELETE FROM phrases WHERE id IN", [row["id"] for row in unused])

    def _count_docs(self, token_lists: Iterable[str], sign: int) -> None:
        """Keep `vocab.docs` (phrases holding each word) in step with the FTS index."""
        counts: Counter[str] = Counter()
        for tokens in token_lists:
            counts.update(set(tokens.split()))
        self.db.executemany(
            "UPDATE vocab SET docs = docs + ? WHERE word = ?",
            [(sign * n, word) for word, n in counts.items()],
        )

    def _add_words(self, words: set[str]) -> None:
        """Record new index words with their jieba frequencies, for query segmentation."""
        from drafter.corpus.segment import word_frequencies

        have = {row[0] for row in self.db.execute("SELECT word FROM vocab")}
        freq, total = word_frequencies(words - have)
        self.db.executemany("INSERT INTO vocab(word, freq) VALUES (?, ?)", freq.items())
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('jieba_total', ?)", (str(total),))


def _content_size(db: sqlite3.Connection, file_id: int) -> int:
    """Distinct content sentences of a file: the size of its fingerprint."""
    sql = f"SELECT COUNT(DISTINCT m.key) FROM mined m WHERE m.file_id = ? AND {_CONTENT}"
    return int(db.execute(sql, (file_id,)).fetchone()[0])


def _fill(db: sqlite3.Connection, table: str, ids: Iterable[int]) -> None:
    """A temporary table of ids, for `IN (SELECT id FROM temp.<table>)`."""
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {table}(id INTEGER PRIMARY KEY)")
    db.execute(f"DELETE FROM temp.{table}")
    db.executemany(f"INSERT OR IGNORE INTO temp.{table} VALUES (?)", ((i,) for i in ids))


def _ids(db: sqlite3.Connection, select: str, ids: Iterable[int]) -> set[int]:
    """The first column of `select … IN (ids)`."""
    _fill(db, "argument", ids)
    return {row[0] for row in db.execute(f"{select} (SELECT id FROM temp.argument)")}


def _run_with(db: sqlite3.Connection, statement: str, ids: Iterable[int]) -> None:
    """Run `statement … IN (ids)`."""
    _fill(db, "argument", ids)
    db.execute(f"{statement} (SELECT id FROM temp.argument)")
