"""The phrasebook index: suggestions on the bundled corpus, merging, incremental updates."""

from __future__ import annotations

import json
import os
import shutil
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
    assert results[0].text == "存在的不足"
    assert all(s.slot == "shortcomings" for s in results)
    sentences = [s for s in results if s.text.endswith("。")]
    assert any("还存在一些问题和不足" in s.text for s in sentences)
    assert all(s.sources for s in results)


SLOT_QUERIES = {
    "front": ("法治政府建设", "报告"),
    "measures": ("法治政府建设", "执法", "报告"),
    "duties": ("法治政府建设", "执法", "报告"),
    "shortcomings": ("法治政府建设", "执法"),
    "plans": ("法治政府建设", "执法"),
    "other": ("法治政府建设", "执法"),
    "closing": ("报告",),
}
"""Queries the bundled corpus answers in each slot."""


def test_slot_filter_is_honoured(bundled: Phrasebook) -> None:
    assert set(SLOT_QUERIES) == set(SUGGEST_SLOTS)
    for slot, queries in SLOT_QUERIES.items():
        for query in queries:
            results = bundled.suggest(query, slot=slot)
            assert results, (slot, query)
            assert all(s.slot == slot for s in results), (slot, query)
    assert bundled.suggest("执法", slot="plans")
    assert {s.slot for s in bundled.suggest("法治政府建设", limit=30)} > {"measures"}


def test_topic_ranks_its_phrasings_up(bundled: Phrasebook) -> None:
    plain = bundled.suggest("加强监督", slot="measures", limit=5)
    boosted = bundled.suggest("加强监督", slot="measures", topic="行政执法", limit=5)
    assert sum(s.topic == "行政执法" for s in boosted) > sum(s.topic == "行政执法" for s in plain)


def test_kind_filter(bundled: Phrasebook) -> None:
    headings = bundled.suggest("行政执法", kind="heading")
    assert headings and all(not s.text.endswith("。") for s in headings)
    sentences = bundled.suggest("行政执法", kind="sentence")
    assert sentences and all(s.text.endswith(("。", "；")) for s in sentences)


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


@pytest.mark.parametrize(
    "filters",
    [{"slot": "noise"}, {"slot": "bogus"}, {"topic": "enforcement"}, {"kind": "paragraph"}],
)
def test_unknown_filters_are_refused(bundled: Phrasebook, filters: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="unknown"):
        bundled.suggest("行政复议", **filters)


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


def test_missing_corpus_folder_and_bad_manifest(tmp_path: Path, corpus: Path) -> None:
    with pytest.raises(CorpusError, match="no such corpus folder"):
        Phrasebook.open([tmp_path / "missing"])
    (corpus / "manifest.yaml").write_text("reports: [a, b\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="manifest") as caught:
        Phrasebook.open([corpus])
    assert "：第2行第1列：YAML 格式有误：方括号 [ ] 没有配对" in str(caught.value)
    assert "\n" not in str(caught.value)
