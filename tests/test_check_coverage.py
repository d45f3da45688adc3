"""Coverage: the measures per task area of the 纲要, against the corpus's typical report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from checking import findings, make_corpus

from drafter.corpus.phrasebook import Phrasebook
from drafter.corpus.report import TOPICS
from drafter.drafting.checks.coverage import coverage
from drafter.drafting.draft import Draft, Item, new_draft

HEADINGS = {
    "政府职能": "（{n}）依法全面履行政府职能",
    "行政执法": "（{n}）坚持严格规范公正文明执法",
    "数字法治": "（{n}）全面建设数字法治政府",
    "矛盾纠纷": "（{n}）依法有效化解社会矛盾纠纷",
}
REPORTS = {
    # report: sentences per topic → shares
    "r1.txt": {"政府职能": 2, "行政执法": 1, "数字法治": 1},  # .5 .25 .25 0
    "r2.txt": {"政府职能": 1, "行政执法": 3},  # .25 .75 0 0
    "r3.txt": {"政府职能": 3, "行政执法": 1, "矛盾纠纷": 1},  # .6 .2 0 .2
}
TYPICAL_SHARE = {"政府职能": 0.5, "行政执法": 0.25, "数字法治": 0.0, "矛盾纠纷": 0.0}
TYPICAL_COUNT = {"政府职能": 2, "行政执法": 1, "数字法治": 0, "矛盾纠纷": 0}


def report(number: int, counts: dict[str, int]) -> str:
    lines = [f"某县{2020 + number}年法治政府建设情况报告", "一、主要举措和成效"]
    for n, (topic, count) in enumerate(counts.items(), 1):
        lines.append(HEADINGS[topic].format(n="一二三四"[n - 1]))
        lines += [f"第{number}份报告的{topic}工作第{k}项办理事项{k}件。" for k in range(count)]
    return "\n".join([*lines, "二、存在的不足和原因", "执法力量还不足。", "特此报告。"])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Phrasebook]:
    root = tmp_path_factory.mktemp("coverage")
    folder = make_corpus(
        root / "corpus",
        {
            name: (report(i, counts), {"issuer": f"某{i}县人民政府", "year": 2020 + i})
            for i, (name, counts) in enumerate(REPORTS.items(), 1)
        },
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DRAFTER_HOME", str(root / "home"))
        book = Phrasebook.open([folder])
    yield book
    book.close()


def draft_with(*items: Item) -> Draft:
    draft = new_draft("standard", {"unit": "长治市潞州区", "year": 2024, "date": "2025-01-20"})
    draft.items("measures")[:] = list(items)
    return draft


DRAFT_ITEMS = (
    Item("推进简政放权", "调整权责清单120项。办理审批事项3000件。\n新增代办事项12项。", "政府职能"),
    Item("坚持严格规范公正文明执法", "开展执法检查200次。"),  # topic from its heading
    Item("", "建成政务数据共享平台，上线电子证照应用5类。"),  # from the sentence itself
)


def test_the_drafts_sentences_per_topic_and_the_typical_report(corpus: Phrasebook) -> None:
    found = coverage(draft_with(*DRAFT_ITEMS), corpus)
    assert found.sentences == 5 and found.reports == 3
    assert [t.topic for t in found.topics] == list(TOPICS)
    rows = {t.topic: t for t in found.topics}
    assert rows["政府职能"].sentences == 3 and rows["政府职能"].share == pytest.approx(0.6)
    assert rows["行政执法"].sentences == 1 and rows["数字法治"].sentences == 1
    for topic, share in TYPICAL_SHARE.items():
        assert rows[topic].typical_share == pytest.approx(share), topic
        assert rows[topic].typical_sentences == TYPICAL_COUNT[topic], topic
    assert rows["制度体系"].typical_share == 0 and rows["制度体系"].sentences == 0


def test_without_a_corpus_only_the_drafts_numbers() -> None:
    found = coverage(draft_with(*DRAFT_ITEMS))
    assert found.reports == 0
    assert all(t.typical_share is None and t.typical_sentences is None for t in found.topics)
    json = found.to_json()
    assert json["sentences"] == 5 and json["topics"][0] == {
        "topic": "政府职能", "sentences": 3, "share": 0.6,
        "typical_share": None, "typical_sentences": None,
    }  # fmt: skip


def test_a_topic_far_thinner_than_typical_is_noted(corpus: Phrasebook) -> None:
    thin = draft_with(Item("坚持严格规范公正文明执法", "开展执法检查200次。培训执法人员600人次。"))
    assert [t.topic for t in coverage(thin, corpus).thin()] == ["政府职能"]
    notes = [f for f in findings(thin, corpus=corpus) if f.code == "coverage"]
    assert [(f.severity, f.section) for f in notes] == [("info", "measures")]
    assert notes[0].message.startswith("“政府职能”只写了0句（占0%），语料中同类报告的中位数约占50%")
    balanced = findings(draft_with(*DRAFT_ITEMS), corpus=corpus)
    assert [f for f in balanced if f.code == "coverage"] == []


def test_too_few_reports_make_no_typical_report(tmp_path: Path) -> None:
    folder = make_corpus(
        tmp_path / "two",
        {
            "r1.txt": (report(1, REPORTS["r1.txt"]), {"issuer": "某1县人民政府", "year": 2021}),
            "r2.txt": (report(2, REPORTS["r2.txt"]), {"issuer": "某2县人民政府", "year": 2022}),
        },
    )
    with Phrasebook.open([folder]) as book:
        found = coverage(draft_with(*DRAFT_ITEMS), book)
    assert found.reports == 0 and found.topics[0].typical_share is None


def test_an_unreadable_index_is_one_chinese_line_naming_it(tmp_path: Path) -> None:
    """The coverage counts are read from the index file itself: a damaged one is named."""
    from drafter.drafting.checks.corpus_facts import _read
    from drafter.errors import CorpusError

    index = tmp_path / "phrasebook.sqlite"
    index.write_bytes(b"not a database " * 100)
    with pytest.raises(CorpusError) as caught:
        _read(str(index), 0, 0)
    assert str(caught.value) == f"{index}：无法读取短语索引：文件已损坏"
