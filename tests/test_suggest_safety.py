"""Suggestions safe to insert: generalised, time-aware, whole, merged, tolerant of numbering."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.corpus.phrasebook import Phrasebook, Suggestion, query_content

SEED_PARTICULARS = (
    "潞州", "长治", "芦台", "唐山", "河北", "河东", "天津", "阿拉善", "内蒙古", "徂汶", "泰安",
    "范少军", "周波", "少军", "刘秀明",
)  # fmt: skip
"""Places and people of the bundled seeds (test data, read off the reports by hand)."""

QUERIES = [
    ("行政复议", None), ("行政执法", "measures"), ("党政主要负责人", "duties"),
    ("第一责任人", "duties"), ("规范性文件", "measures"), ("政务服务", "measures"),
    ("法律顾问", None), ("普法", None), ("营商环境", None), ("存在的不足", "shortcomings"),
    ("下一步", "plans"), ("执法人员", "shortcomings"), ("重大行政决策", "measures"),
    ("信用", None), ("公证", None), ("官网", None), ("政务服务网", None), ("书记", None),
    ("同志", None), ("考核工作细则", None), ("备案审查办法", None), ("微信公众号", None),
    ("深入学习贯彻", None), ("疫情防控", None), ("十九大", None),
]  # fmt: skip
"""Queries that reach the seeds' names when they are not generalised."""


@pytest.fixture
def bundled(bundled_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Phrasebook]:
    monkeypatch.setenv("DRAFTER_HOME", str(bundled_home))
    with Phrasebook.open() as book:
        yield book


def everything(book: Phrasebook, **filters) -> list[Suggestion]:
    found = [s for text, slot in QUERIES for s in book.suggest(text, slot=slot, **filters)]
    found += [s for text, slot in QUERIES for s in book.suggest(text, slot=slot, kind="heading")]
    return found


def write_report(folder: Path, name: str, issuer: str, year: int, measures: list[str]) -> None:
    """A short report by `issuer` covering `year`, its measures part made of `measures`."""
    lines = [
        f"{issuer}{year}年法治政府建设情况报告",
        f"{year}年，我们坚持以习近平新时代中国特色社会主义思想为指导。现将有关情况报告如下。",
        f"一、{year}年法治政府建设主要举措和成效",
        *measures,
        "二、存在的不足和原因",
        "基层法治力量相对薄弱，执法人员专业化水平有待提高。",
        "特此报告。",
        issuer,
        f"{year + 1}年1月20日",
    ]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- generalised ------------------------------------------------------------------------


def test_no_suggestion_names_a_place_or_person_of_its_source(bundled: Phrasebook) -> None:
    found = everything(bundled)
    assert len(found) > 150
    for suggestion in found:
        for shown in (suggestion.text, suggestion.template):
            assert not [name for name in SEED_PARTICULARS if name in shown], shown
    templates = {s.template for s in found}
    assert any("{单位}" in t for t in templates) and any("{上级}" in t for t in templates)


def test_generalised_phrasings_keep_their_wording(bundled: Phrasebook) -> None:
    rules = bundled.suggest("严格执行重大行政决策程序规定")
    assert any("《{上级}重大行政决策程序规定》" in s.template for s in rules)  # 《泰安市…》
    website = bundled.suggest("司法局官网公开行政复议决定书", limit=1)[0]
    assert "{上级}司法局官网" in website.template


# --- time-aware ---------------------------------------------------------------------------


def test_superseded_formulations_are_not_offered_to_later_years(bundled: Phrasebook) -> None:
    quoted = [s for s in bundled.suggest("全面贯彻党的十九大", year=2022) if "十九大" in s.text]
    assert quoted  # 000 (2022) calls 十九大 current: right for 2022
    for year in (2023, 2025):
        later = bundled.suggest("全面贯彻党的十九大", year=year)
        assert not any("十九大" in s.text or "十九届" in s.text for s in later)
    assert any("疫情防控" in s.text for s in bundled.suggest("疫情防控", year=2022))
    assert not any("疫情防控" in s.text for s in bundled.suggest("疫情防控", year=2024))
    assert len(bundled.suggest("疫情防控")) >= len(bundled.suggest("疫情防控", year=2024))


def test_formulations_later_than_the_draft_are_not_offered(tmp_path: Path) -> None:
    write_report(
        tmp_path, "a.txt", "某县人民政府", 2024,
        ["深入学习贯彻党的二十届三中全会精神，全面推进依法行政各项工作落地见效。"],
    )  # fmt: skip
    with Phrasebook.open([tmp_path]) as book:
        assert book.suggest("深入学习贯彻党的二十届三中全会精神", year=2024)
        assert book.suggest("深入学习贯彻党的二十届三中全会精神", year=2023) == []
        headings = book.headings("measures", year=2024)
        assert headings and book.headings("measures", year=2019) == headings  # not dated


# --- queries ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "content"),
    [
        ("二是行政执法监督", "行政执法监督"),
        ("十二是行政执法监督", "行政执法监督"),
        ("（三）加强行政执法监督", "加强行政执法监督"),
        ("(三)加强行政执法监督", "加强行政执法监督"),
        ("三、加强行政执法监督", "加强行政执法监督"),
        ("3.加强行政执法监督", "加强行政执法监督"),
        ("3、加强行政执法监督", "加强行政执法监督"),
        ("（3）加强行政执法监督", "加强行政执法监督"),
        ("第四，加强行政执法监督", "加强行政执法监督"),
        ("第四加强行政执法监督", "加强行政执法监督"),
        ("首先，加强行政执法监督", "加强行政执法监督"),
        ("此外，加强行政执法监督", "加强行政执法监督"),
        ("同时加强行政执法监督", "加强行政执法监督"),
        ("二是：同时，加强行政执法监督", "加强行政执法监督"),
        ("第四季度开展检查", "第四季度开展检查"),
        ("3.5万人次", "3.5万人次"),
        ("二是", "二是"),
    ],
)
def test_what_writers_type_before_the_content_is_stripped(typed: str, content: str) -> None:
    assert query_content(typed) == content


def test_typed_numbering_finds_what_the_content_finds(bundled: Phrasebook) -> None:
    for content, slot in (("加强行政执法监督", "measures"), ("法治意识有待提高", None)):
        plain = [s.text for s in bundled.suggest(content, slot=slot)]
        assert len(plain) >= 2
        for lead in ("二是", "（三）", "3.", "第四，", "首先，", "同时，"):
            assert [s.text for s in bundled.suggest(lead + content, slot=slot)] == plain


@pytest.mark.parametrize("noise", ["你好", "哈哈哈", "abc", "一二三", "今天吃什么", "我爱北京"])
def test_a_query_that_matches_nothing_meaningful_gives_nothing(
    bundled: Phrasebook, noise: str
) -> None:
    assert bundled.suggest(noise) == []
    assert bundled.suggest(noise, slot="measures") == []


# --- results ------------------------------------------------------------------------------


def test_sentence_suggestions_are_whole_sentences(bundled: Phrasebook) -> None:
    found = [s for text, slot in QUERIES for s in bundled.suggest(text, slot=slot)]
    assert found
    for suggestion in found:
        assert suggestion.text.endswith(("。", "！", "？", "”")), suggestion.text
        assert sum("\u4e00" <= c <= "\u9fff" for c in suggestion.text) >= 8, suggestion.text
    stats = bundled.stats()
    assert stats["fragments"] > 20 and stats["specific"] >= 1


def test_near_duplicates_are_one_suggestion_with_uses_and_sources_summed(tmp_path: Path) -> None:
    write_report(
        tmp_path,
        "a.txt",
        "甲县人民政府",
        2023,
        ["认真落实行政执法三项制度，切实规范行政执法行为，执法质量明显提升。"],
    )
    write_report(
        tmp_path,
        "b.txt",
        "乙县人民政府",
        2023,
        ["认真落实行政执法三项制度，切实规范了行政执法行为，执法质量明显提升。"],
    )
    # fmt: skip
    with Phrasebook.open([tmp_path]) as book:
        assert book.stats()["phrases"] > len(book.suggest("认真落实行政执法三项制度"))
        results = book.suggest("认真落实行政执法三项制度")
        merged = [s for s in results if "三项制度" in s.text]
        assert len(merged) == 1
        assert merged[0].uses == 2
        assert sorted(source.file for source in merged[0].sources) == ["a.txt", "b.txt"]


# --- ranking ------------------------------------------------------------------------------


def rank_of(results: list[Suggestion], fragment: str) -> int:
    return next(i for i, s in enumerate(results) if fragment in s.text)


def test_units_of_the_users_kind_and_recent_years_rank_higher(tmp_path: Path) -> None:
    write_report(
        tmp_path,
        "county.txt",
        "甲县人民政府",
        2024,
        ["全面推行行政执法三项制度，规范文明执法水平稳步提升。"],
    )
    write_report(
        tmp_path,
        "bureau.txt",
        "乙县司法局",
        2024,
        ["全面推行行政执法责任制度，基层综合执法能力不断增强。"],
    )
    write_report(
        tmp_path,
        "old.txt",
        "丙县人民政府",
        2019,
        ["全面推行行政执法协调机制，部门联合检查覆盖面扩大。"],
    )
    # fmt: skip
    with Phrasebook.open([tmp_path]) as book:
        query = "全面推行行政执法"
        as_county = book.suggest(query, unit_kind="区县", year=2024)
        as_bureau = book.suggest(query, unit_kind="部门", year=2024)
        assert len(as_county) >= 3
        assert rank_of(as_bureau, "责任制度") < rank_of(as_county, "责任制度")
        assert rank_of(as_bureau, "责任制度") == 0
        in_2019 = book.suggest(query, unit_kind="区县", year=2019)
        assert rank_of(in_2019, "协调机制") < rank_of(as_county, "协调机制")
        assert all(s.sources for s in as_county + as_bureau + in_2019)


def test_unknown_unit_kind_is_refused(bundled: Phrasebook) -> None:
    with pytest.raises(ValueError, match=r"^没有 '乡镇' 这个单位类型（可选：区县、开发区、部门）$"):
        bundled.suggest("行政复议", unit_kind="乡镇")
