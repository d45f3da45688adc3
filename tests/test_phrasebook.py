"""The phrasebook index: suggestions on the bundled corpus, merging, incremental updates."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import CORPUS, DATA, ROOT

from drafter.corpus.phrasebook import SUGGEST_SLOTS, CorpusError, Phrasebook, index_path
from drafter.corpus.report import TOPICS
from drafter.yamlmarks import yaml_problem

FIXTURES = DATA / "phrasebook"
BUNDLED_FILES = set(yaml.safe_load((CORPUS / "manifest.yaml").read_text("utf-8"))["reports"])


@pytest.fixture
def bundled(bundled_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Phrasebook]:
    monkeypatch.setenv("DRAFTER_HOME", str(bundled_home))
    with Phrasebook.open() as book:
        yield book


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the two-report test corpus (潞州区 2023, 河东区 2021)."""
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", target)
    return target


def opened(corpus: Path, names: list[str] | None = None) -> Phrasebook:
    """Open the corpus, recording the names of the files mined in `names`."""
    mined = names if names is not None else []
    return Phrasebook.open([corpus], progress=lambda done, total, name: mined.append(name))


# --- the bundled corpus ---------------------------------------------------------------


def test_bundled_corpus_is_indexed_with_its_slots_and_topics(bundled: Phrasebook) -> None:
    stats = bundled.stats()
    assert (stats["reports"], stats["skipped"]) == (5, [])
    assert stats["sentences"] > 400 and stats["headings"] > 80
    assert stats["phrases"] <= stats["sentences"] + stats["headings"]
    assert {"measures", "duties", "shortcomings", "plans", "other", "front", "closing"} <= set(
        stats["by_slot"]
    )
    assert set(stats["by_topic"]) <= set(TOPICS) and len(stats["by_topic"]) >= 8


def test_administrative_review_gives_real_sentences_about_it(bundled: Phrasebook) -> None:
    results = bundled.suggest("行政复议", slot="measures")
    assert len(results) == 8
    assert all("行政复议" in s.text for s in results[:5])
    assert all(s.slot == "measures" for s in results)
    assert all(s.text.endswith("。") for s in results[:3])  # sentences, not headings
    for s in results:
        assert s.sources and {source.file for source in s.sources} <= BUNDLED_FILES
        assert all(source.issuer and source.year for source in s.sources)
    scores = [s.score for s in results]
    assert scores == sorted(scores, reverse=True)


def test_shortcomings_query_gives_shortcomings_phrasings(bundled: Phrasebook) -> None:
    results = bundled.suggest("存在的不足", slot="shortcomings")
    assert results and all(s.slot == "shortcomings" for s in results)
    assert all(s.text.endswith("。") for s in results)  # sentences only, no headings
    assert any("还存在一些问题和不足" in s.text for s in results)
    assert all(s.sources for s in results)
    headings = bundled.suggest("存在的不足", slot="shortcomings", kind="heading")
    assert headings[0].text == "存在的不足"
    assert not any(s.text.endswith("。") for s in headings)


SLOT_QUERIES = {
    "front": ("法治政府建设", "报告"),
    "measures": ("法治政府建设", "执法", "报告"),
    "duties": ("法治政府建设", "执法", "报告"),
    "shortcomings": ("法治政府建设", "执法"),
    "plans": ("法治政府建设", "执法"),
    "other": ("执法",),
    "closing": ("报告",),
}
"""Queries the bundled corpus answers with sentences in each slot."""


def test_the_slots_phrasings_come_first(bundled: Phrasebook) -> None:
    assert set(SLOT_QUERIES) == set(SUGGEST_SLOTS)
    for slot, queries in SLOT_QUERIES.items():
        for query in queries:
            results = bundled.suggest(query, slot=slot)
            assert results and results[0].slot == slot, (slot, query)
            in_slot = [s.slot == slot for s in results]
            assert in_slot == sorted(in_slot, reverse=True), (slot, query)  # others only after
    plans = bundled.suggest("执法", slot="plans", limit=30)
    assert plans[0].slot == "plans" and {s.slot for s in plans} > {"plans"}  # too few: filled
    assert {s.slot for s in bundled.suggest("法治政府建设", limit=30)} > {"measures"}


def test_topic_ranks_its_phrasings_up(bundled: Phrasebook) -> None:
    plain = bundled.suggest("加强监督", slot="measures", limit=8)
    boosted = bundled.suggest("加强监督", slot="measures", topic="行政执法", limit=8)
    assert sum(s.topic == "行政执法" for s in boosted) > sum(s.topic == "行政执法" for s in plain)
    scores = {s.text: s.score for s in plain}
    for s in boosted:
        if s.text in scores:
            assert (s.score > scores[s.text]) == (s.topic == "行政执法"), s.text


def test_kind_filter(bundled: Phrasebook) -> None:
    headings = bundled.suggest("行政执法", kind="heading")
    assert headings and all(not s.text.endswith("。") for s in headings)
    sentences = bundled.suggest("行政执法", kind="sentence")
    assert sentences == bundled.suggest("行政执法")  # sentences unless headings are asked for
    assert all(s.text.endswith("。") for s in sentences)


def test_headings_for_a_slot_most_used_first(bundled: Phrasebook) -> None:
    texts = [s.text for s in bundled.headings("shortcomings")]
    assert {"存在的主要问题", "存在问题", "存在的不足"} <= set(texts)
    enforcement = bundled.headings("measures", topic="行政执法", limit=5)
    assert len(enforcement) == 5 and all(s.topic == "行政执法" for s in enforcement)
    uses = [s.uses for s in enforcement]
    assert uses == sorted(uses, reverse=True)


def test_empty_queries_give_nothing(bundled: Phrasebook) -> None:
    assert bundled.suggest("") == []
    assert bundled.suggest("   \u3000 ") == []
    assert bundled.suggest("，。！") == []
    assert bundled.suggest("行政复议", limit=0) == []


SLOT_CHOICES = "（可选：front、measures、duties、shortcomings、plans、other、closing）"


@pytest.mark.parametrize(
    ("filters", "problem"),
    [
        ({"slot": "noise"}, "没有 'noise' 这个部分" + SLOT_CHOICES),
        ({"slot": "bogus"}, "没有 'bogus' 这个部分" + SLOT_CHOICES),
        (
            {"topic": "enforcement"},
            "没有 'enforcement' 这个主题（可选：政府职能、制度体系、行政决策、行政执法、"
            "突发事件、矛盾纠纷、权力监督、数字法治、党的领导与推进机制）",
        ),
        ({"kind": "paragraph"}, "没有 'paragraph' 这个建议类型（可选：sentence、heading）"),
    ],
)
def test_unknown_filters_are_refused(
    bundled: Phrasebook, filters: dict[str, str], problem: str
) -> None:
    with pytest.raises(ValueError) as refused:
        bundled.suggest("行政复议", **filters)
    assert str(refused.value) == problem


def test_lookups_from_another_thread(bundled: Phrasebook) -> None:
    found: list[int] = []
    worker = threading.Thread(target=lambda: found.append(len(bundled.suggest("行政复议"))))
    worker.start()
    worker.join()
    assert found == [8]


def test_reopening_needs_neither_mining_nor_jieba(bundled_home: Path) -> None:
    code = (
        "import json, sys\n"
        "from drafter.corpus.phrasebook import Phrasebook\n"
        "book = Phrasebook.open()\n"
        "found = book.suggest('加强行政执法监督', slot='measures')\n"
        "print(json.dumps([book.summary.mined, book.summary.rebuilt, len(found),"
        " 'jieba' in sys.modules]))\n"
    )
    env = {**os.environ, "DRAFTER_HOME": str(bundled_home)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [0, False, 8, False]


# --- merging, incremental updates, bad input ---------------------------------------------


def test_shared_phrasings_are_merged_across_reports(corpus: Path) -> None:
    with opened(corpus) as book:
        top = book.suggest("受理行政复议案件", limit=1)[0]
        assert top.template == "{年度}年，我区共受理行政复议案件{数量}件，审结{数量}件。"
        assert top.uses == 2
        assert {(s.file, s.issuer, s.year) for s in top.sources} == {
            ("a_luzhou.txt", "中共长治市潞州区委员会", 2023),
            ("b_hedong.txt", "天津市河东区人民政府", 2021),
        }
        published = book.suggest("行政复议决定书网上公开", limit=1)[0]
        assert published.template == "{单位}行政复议决定书网上公开率达{比例}。"
        assert published.uses == 2
        single = book.suggest("法治宣传的针对性", limit=1)[0]
        assert single.uses == 1 and [s.file for s in single.sources] == ["a_luzhou.txt"]


def test_more_used_phrasings_rank_first(corpus: Path) -> None:
    with opened(corpus) as book:
        results = book.suggest("优化政务服务环境", slot="measures")
        assert results[0].uses == 2  # 持续优化政务服务环境。 in both reports
        assert results[0].text == "持续优化政务服务环境。"


def test_incremental_updates(corpus: Path) -> None:
    mined: list[str] = []
    with opened(corpus, mined) as book:
        assert (book.summary.mined, book.summary.rebuilt) == (2, True)
    assert sorted(mined) == ["a_luzhou.txt", "b_hedong.txt"]

    mined.clear()  # nothing changed: nothing mined, nothing rebuilt
    with opened(corpus, mined) as book:
        assert (book.summary.files, book.summary.mined, book.summary.rebuilt) == (2, 0, False)
    assert mined == []

    shutil.copy(FIXTURES / "extra" / "c_cuwen.txt", corpus)  # a new file: only it is mined
    with opened(corpus, mined) as book:
        assert (book.summary.mined, book.summary.rebuilt) == (1, True)
        assert [s.file for s in book.suggest("法治阵地建设")[0].sources] == ["c_cuwen.txt"]
    assert mined == ["c_cuwen.txt"]

    mined.clear()  # touched, same content: the hash says nothing changed
    stat = (corpus / "a_luzhou.txt").stat()
    os.utime(corpus / "a_luzhou.txt", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    with opened(corpus, mined) as book:
        assert (book.summary.mined, book.summary.rebuilt) == (0, False)

    hedong = corpus / "b_hedong.txt"
    text = hedong.read_text("utf-8").replace("率达95%。", "率达95%。全面推行行政执法公示制度。")
    hedong.write_text(text, "utf-8")
    with opened(corpus, mined) as book:
        assert (book.summary.mined, book.summary.rebuilt) == (1, True)
        assert book.suggest("行政执法公示制度")[0].sources[0].file == "b_hedong.txt"
    assert mined == ["b_hedong.txt"]

    (corpus / "c_cuwen.txt").unlink()  # deleted: its phrases are gone
    with opened(corpus) as book:
        assert (book.summary.removed, book.summary.rebuilt) == (1, True)
        assert book.stats()["reports"] == 2
        files = {src.file for s in book.suggest("法治阵地建设", limit=50) for src in s.sources}
        assert "c_cuwen.txt" not in files


def test_manifest_change_mines_that_report_again(corpus: Path) -> None:
    Phrasebook.open([corpus]).close()
    manifest = corpus / "manifest.yaml"
    manifest.write_text(manifest.read_text("utf-8").replace("year: 2021", "year: 2020"), "utf-8")
    mined: list[str] = []
    with opened(corpus, mined) as book:
        assert mined == ["b_hedong.txt"]
        years = {s.file: s.year for s in book.suggest("持续优化政务服务环境")[0].sources}
        assert years == {"a_luzhou.txt": 2023, "b_hedong.txt": 2020}


def test_bad_files_are_skipped_and_the_rest_indexed(corpus: Path) -> None:
    (corpus / "scan.txt").write_bytes(b"\x00\x01\x02\x03PK\x00binary")
    (corpus / "empty.md").write_text("", encoding="utf-8")
    with opened(corpus) as book:
        stats = book.stats()
        assert stats["reports"] == 2
        skipped = {entry["file"]: entry["error"] for entry in stats["skipped"]}
        assert set(skipped) == {"scan.txt", "empty.md"}
        assert all(name in error for name, error in skipped.items())
        assert book.suggest("行政复议")
    mined: list[str] = []
    with opened(corpus, mined) as book:  # not retried until they change
        assert mined == [] and len(book.skipped()) == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX links and pipes")
def test_dangling_links_and_pipes_are_skipped_not_fatal(corpus: Path) -> None:
    (corpus / "moved.txt").symlink_to(corpus / "nowhere.txt")
    os.mkfifo(corpus / "pipe.txt")  # reading it would wait forever
    with opened(corpus) as book:
        stats = book.stats()
        assert stats["reports"] == 2
        assert {entry["file"] for entry in stats["skipped"]} == {"moved.txt", "pipe.txt"}
    mined: list[str] = []
    with opened(corpus, mined) as book:  # not retried until they change
        assert mined == [] and len(book.skipped()) == 2


def test_a_damaged_index_is_rebuilt(corpus: Path) -> None:
    Phrasebook.open([corpus]).close()
    index_path([corpus]).write_bytes(b"this is not a database" * 100)
    with opened(corpus) as book:
        assert (book.summary.mined, book.stats()["reports"]) == (2, 2)


def test_missing_corpus_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError) as missing:
        Phrasebook.open([tmp_path / "missing"])
    assert str(missing.value) == f"{tmp_path / 'missing'}：找不到这个语料文件夹"
    (tmp_path / "a.txt").write_text("一、主要举措", encoding="utf-8")
    with pytest.raises(CorpusError) as a_file:
        Phrasebook.open([tmp_path / "a.txt"])
    assert str(a_file.value) == f"{tmp_path / 'a.txt'}：是文件，不是语料文件夹"


def test_a_bad_manifest_is_one_warning_and_the_reports_are_indexed(corpus: Path) -> None:
    broken = "reports: [a, b\n"
    (corpus / "manifest.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(yaml.YAMLError) as caught:  # with the loader the manifest is read with
        yaml.load(broken, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    with opened(corpus) as book:
        (warning,) = book.summary.warnings
        assert "manifest.yaml" in warning and yaml_problem(caught.value, broken) in warning
        assert "\n" not in warning
        assert book.stats()["reports"] == 2
        sources = book.suggest("受理行政复议案件", limit=1)[0].sources
        assert {(s.issuer, s.year) for s in sources} == {  # as parsed from the reports
            ("中共长治市潞州区委员会", 2023),
            ("天津市河东区人民政府", 2021),
        }


def test_manifest_values_of_the_wrong_type_are_located_and_ignored(corpus: Path) -> None:
    (corpus / "manifest.yaml").write_text(
        "reports:\n"
        "  a_luzhou.txt:\n"
        "    issuer: 中共长治市潞州区委员会\n"
        "    year: 2023-01-01\n"
        "  b_hedong.txt: {issuer: [天津], place: 河东区, year: 2021}\n",
        encoding="utf-8",
    )
    with opened(corpus) as book:
        warnings = book.summary.warnings
        assert len(warnings) == 2
        assert "第4行" in warnings[0] and "a_luzhou.txt 的 year" in warnings[0]
        assert "2023-01-01" in warnings[0]
        assert "第5行" in warnings[1] and "b_hedong.txt 的 issuer" in warnings[1]
        years = {s.file: s.year for s in book.suggest("受理行政复议案件", limit=1)[0].sources}
        assert years == {"a_luzhou.txt": 2023, "b_hedong.txt": 2021}  # 2023 as parsed


# --- the same report twice, incremental = rebuilt, odd files, a damaged index -----------


def snapshot(book: Phrasebook) -> dict:
    """What the index says, independent of row ids: phrases with their uses and sources,
    the words' document counts, and the FTS rows."""
    db = book._db
    phrases = {
        (row["kind"], row["slot"], row["key"]): (
            row["uses"],
            row["latest"],
            row["unit_kinds"],
            tuple(
                name
                for (name,) in db.execute(
                    "SELECT f.name FROM phrase_sources s JOIN files f ON f.id = s.file_id"
                    " WHERE s.phrase_id = ? ORDER BY f.name",
                    (row["id"],),
                )
            ),
        )
        for row in db.execute("SELECT * FROM phrases")
    }
    docs = dict(db.execute("SELECT word, docs FROM vocab WHERE docs > 0").fetchall())
    (fts,) = db.execute(
        "SELECT COUNT(*) FROM phrase_fts WHERE phrase_fts MATCH 'kindsentence OR kindheading'"
    ).fetchone()
    return {"phrases": phrases, "docs": docs, "fts": fts}


def rebuilt(corpus: Path) -> dict:
    index_path([corpus]).unlink()
    with opened(corpus) as book:
        assert book.summary.rebuilt
        return snapshot(book)


def test_incremental_updates_give_the_index_a_rebuild_gives(corpus: Path) -> None:
    for extra in ("c_cuwen.txt",):
        shutil.copy(FIXTURES / "extra" / extra, corpus)
    Phrasebook.open([corpus]).close()
    (corpus / "c_cuwen.txt").unlink()
    with opened(corpus) as book:
        assert book.summary.removed == 1
        removed = snapshot(book)
    assert removed == rebuilt(corpus)
    assert removed["fts"] == len(removed["phrases"])
    shutil.copy(FIXTURES / "extra" / "c_cuwen.txt", corpus)
    hedong = corpus / "b_hedong.txt"
    hedong.write_text(hedong.read_text("utf-8").replace("112件", "113件"), "utf-8")
    with opened(corpus) as book:
        assert (book.summary.mined, book.summary.rebuilt) == (2, True)
        changed = snapshot(book)
    assert changed == rebuilt(corpus)


def test_the_same_report_in_two_files_counts_once(corpus: Path) -> None:
    text = (corpus / "a_luzhou.txt").read_text("utf-8")
    (corpus / "z_luzhou_copy.txt").write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    with opened(corpus) as book:
        stats = book.stats()
        assert stats["reports"] == 2
        assert stats["duplicates"] == [{"file": "z_luzhou_copy.txt", "same_as": "a_luzhou.txt"}]
        shared = book.suggest("受理行政复议案件", limit=1)[0]
        assert shared.uses == 2
        assert {s.file for s in shared.sources} == {"a_luzhou.txt", "b_hedong.txt"}
    (corpus / "a_luzhou.txt").unlink()  # the copy now stands for the report
    with opened(corpus) as book:
        stats = book.stats()
        assert (stats["reports"], stats["duplicates"]) == (2, [])
        shared = book.suggest("受理行政复议案件", limit=1)[0]
        assert {s.file for s in shared.sources} == {"z_luzhou_copy.txt", "b_hedong.txt"}
        changed = snapshot(book)
    assert changed == rebuilt(corpus)


def test_a_different_report_sharing_a_few_sentences_is_not_a_duplicate(corpus: Path) -> None:
    shutil.copy(FIXTURES / "extra" / "c_cuwen.txt", corpus)
    with opened(corpus) as book:
        assert (book.stats()["reports"], book.stats()["duplicates"]) == (3, [])


def test_a_damaged_but_openable_index_is_rebuilt(corpus: Path) -> None:
    Phrasebook.open([corpus]).close()
    path = index_path([corpus])
    data = bytearray(path.read_bytes())
    assert len(data) > 8 * 4096
    for page in range(2, len(data) // 4096 - 1):
        data[page * 4096 : page * 4096 + 4096] = os.urandom(4096)
    path.write_bytes(bytes(data))
    with opened(corpus) as book:
        assert (book.summary.mined, book.stats()["reports"]) == (2, 2)
        assert book.suggest("受理行政复议案件")


def test_a_file_name_that_is_not_utf8_is_indexed_and_printable(corpus: Path) -> None:
    name = os.fsdecode(b"bad\xffname.txt")
    shutil.copy(FIXTURES / "extra" / "c_cuwen.txt", corpus / name)
    with opened(corpus) as book:
        stats = book.stats()
        assert stats["reports"] == 3
        names = {s.file for s in book.suggest("法治阵地建设", limit=3)[0].sources}
        assert names == {"bad\\xffname.txt"}
        json.dumps(stats, ensure_ascii=False).encode("utf-8")  # strict: no surrogates


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="POSIX links")
def test_a_symlink_loop_is_skipped_with_one_warning(corpus: Path) -> None:
    (corpus / "loop_a.txt").symlink_to("loop_b.txt")
    (corpus / "loop_b.txt").symlink_to("loop_a.txt")
    with opened(corpus) as book:
        stats = book.stats()
        assert stats["reports"] == 2
        assert {entry["file"] for entry in stats["skipped"]} == {"loop_a.txt", "loop_b.txt"}


def test_damage_met_on_a_lookup_rebuilds_the_index_and_answers(corpus: Path) -> None:
    class Damaged:
        """A connection whose every statement meets a damaged page."""

        def __init__(self, db) -> None:
            self.db = db

        def execute(self, *args):
            raise sqlite3.DatabaseError("database disk image is malformed")

        def close(self) -> None:
            self.db.close()

    with opened(corpus) as book:
        book._db = Damaged(book._db)
        assert book.suggest("受理行政复议案件")
        assert (book.summary.mined, book.stats()["reports"]) == (2, 2)
        book._db = Damaged(book._db)
        book._db.execute = lambda *args: (_ for _ in ()).throw(sqlite3.OperationalError("locked"))
        with pytest.raises(CorpusError, match="locked"):
            book.suggest("受理行政复议案件")


def test_the_reports_that_name_a_person(bundled: Phrasebook) -> None:
    hedong = [name for name in BUNDLED_FILES if name.startswith("003_")]
    assert [s.file for s in bundled.named_by("范少军")] == hedong
    named = bundled.named_by("周波")
    assert [(s.issuer, s.year) for s in named] == [("天津市河东区人民政府", 2021)]
    assert bundled.named_by("张三丰") == []
    assert not any("范少军" in s.text for s in bundled.suggest("区委书记范少军同志"))


def test_a_manifest_with_aliases_is_refused_like_a_draft(corpus: Path) -> None:
    """The manifest is read within the same bounds as drafts: no anchors and aliases."""
    (corpus / "manifest.yaml").write_text(
        "reports:\n  a_luzhou.txt: &x {year: 2023}\n  b_hedong.txt: *x\n", encoding="utf-8"
    )
    with opened(corpus) as book:
        (warning,) = book.summary.warnings
        assert "manifest.yaml" in warning and warning.endswith("清单已忽略")
        assert "第2行" in warning
        assert book.stats()["reports"] == 2
