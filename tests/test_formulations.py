"""Dated formulations: superseded and later-than-the-report mentions, and the data file."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from drafter.formulations import (
    DATA,
    FormulationsError,
    bundled,
    dated_in,
    parse_formulations,
    span_of,
    written_by,
)


def found(text: str, year: int, date: dt.date | None = None) -> list[tuple[str, str]]:
    return [(d.formulation.name, d.kind) for d in dated_in(text, year, date)]


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("深入学习贯彻党的十九大精神", 2022, []),
        ("深入学习贯彻党的十九大精神", 2023, [("党的十九大", "superseded")]),
        ("学习十九届历次全会精神", 2023, [("党的十九届历次全会", "superseded")]),
        ("落实《法治政府建设实施纲要（2015-2020年）》", 2020, []),
        ("落实《法治政府建设实施纲要（2015—2020年）》", 2021, [
            ("法治政府建设实施纲要（2015—2020年）", "superseded"),
        ]),
        ("深入开展“七五”普法", 2021, [("“七五”普法", "superseded")]),
        ("深入开展七五普法", 2020, []),
        ("落实“十三五”规划", 2021, [("“十三五”", "superseded")]),
        # spoken of as past: history, not quoted as current
        ("“七五”普法圆满收官", 2021, []),
        ("全面总结“七五”普法工作经验", 2021, []),
        ("“十三五”时期取得明显成效", 2021, []),
        ("党的十九大以来", 2023, []),
        ("统筹疫情防控和经济社会发展", 2022, []),
        ("统筹疫情防控和经济社会发展", 2023, [("新冠疫情防控（作为当前任务）", "superseded")]),
        ("做好重大动物疫情防控", 2024, []),
        ("深入学习贯彻党的二十大精神", 2022, []),
        ("贯彻落实党的二十届三中全会精神", 2024, []),
        ("贯彻落实党的二十届三中全会精神", 2023, [("党的二十届三中全会", "later")]),
        ("谋划“十五五”时期法治建设", 2024, []),
    ],
)
def test_superseded_and_later(text: str, year: int, expected: list) -> None:
    assert found(text, year) == expected


SPAN_TEXTS = [
    "深入学习贯彻党的十九大精神",
    "全面贯彻党的十九大和十九届历次全会、党的二十大精神",
    "落实《法治政府建设实施纲要（2015—2020年）》，深入开展“七五”普法",
    "全面总结“七五”普法工作经验，启动“八五”普法",
    "统筹疫情防控和经济社会发展，贯彻落实党的二十届三中全会精神",
    "认真贯彻新修订的《行政复议法》",
    "持续优化政务服务环境",
]


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_a_texts_span_says_what_dated_in_says_for_every_year(text: str) -> None:
    span = span_of(text)
    for year in range(2014, 2031):
        for date in (None, dt.date(year + 1, 1, 15), dt.date(year, 12, 31)):
            kinds = {d.kind for d in dated_in(text, year, date)}
            expected = "later" if "later" in kinds else "superseded" if kinds else None
            assert span.misfit(year, date) == expected, (text, year, date)


def test_span_bounds() -> None:
    assert span_of("持续优化政务服务环境") == span_of("")
    both = span_of("全面贯彻党的十九大和十九届历次全会、党的二十大精神")
    assert (both.since, both.through) == ((2022, 10), 2022)
    assert span_of("“七五”普法圆满收官").through is None  # spoken of as past


def test_the_date_decides_what_came_later() -> None:
    text = "认真贯彻新修订的《行政复议法》"
    assert found(text, 2023, dt.date(2024, 1, 20)) == []
    assert found(text, 2022, dt.date(2023, 3, 1)) == [("新修订的《行政复议法》", "later")]
    assert written_by(2024) == dt.date(2025, 4, 1)
    assert written_by(2024, dt.date(2025, 2, 3)) == dt.date(2025, 2, 3)


def test_the_seeds_quote_nothing_out_of_their_time() -> None:
    from conftest import CORPUS

    manifest = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))["reports"]
    for name, entry in manifest.items():
        for line in (CORPUS / name).read_text(encoding="utf-8").splitlines():
            assert found(line, entry["year"]) == [], (name, line[:40])


def test_every_entry_has_its_dates_and_a_source() -> None:
    entries = bundled()
    assert len(entries) >= 25
    for entry in entries:
        assert entry.source and entry.patterns, entry.name
        assert (entry.current_through is None) == (not entry.instead), entry.name
        assert entry.search(entry.name) or entry.name.endswith("（作为当前任务）"), entry.name


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({}, "需要 formulations: 列表"),
        ({"formulations": ["x"]}, "第1条：应为包含"),
        ({"formulations": [{"patterns": ["a"], "since": "2020-01"}]}, "第1条：缺少 name"),
        ({"formulations": [{"name": "a", "patterns": [], "since": "2020-01"}]}, "patterns"),
        ({"formulations": [{"name": "a", "patterns": ["a"], "since": "2020-13"}]}, "since"),
        ({"formulations": [{"name": "a", "patterns": ["("], "since": "2020-01"}]}, "正则"),
        (
            {"formulations": [
                {"name": "a", "patterns": ["a"], "since": "2020-01", "current_through": "x"}
            ]},
            "current_through",
        ),
    ],
)
def test_a_malformed_entry_is_named(data: dict, problem: str) -> None:
    with pytest.raises(FormulationsError, match=problem):
        parse_formulations(data, "pack/formulations.yaml")


def test_the_data_file_parses_as_it_ships() -> None:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert len(parse_formulations(data, DATA)) == len(bundled())
