"""Metadata of real reports: title, issuer, year covered, date, place, signature lines."""

from __future__ import annotations

import pytest
from conftest import document_from_text, seed_path

from drafter.corpus.classify import classify
from drafter.corpus.metadata import is_date_line, is_org_line, name_before_year, parse_date
from drafter.corpus.parse import parse_document


def load_seed(prefix: str):
    path = seed_path(prefix)
    return classify(parse_document(document_from_text(path, path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize(
    ("prefix", "title", "issuer", "year", "date", "place"),
    [
        ("000", "河北唐山芦台经济开发区管委会2022年度法治政府建设工作报告",
         "中共河北唐山芦台经济开发区工委、全面依法治区委员会办公室", 2022, "2023-01-06",
         "芦台经济开发区"),
        ("001", "长治市潞州区2023年度法治政府建设情况报告",
         "中共长治市潞州区委员会、长治市潞州区人民政府", 2023, "2024-01-19", "潞州区"),
        ("002", "关于2022年法治政府建设情况的报告",
         "内蒙古阿拉善高新技术产业开发区管理委员会", 2022, "2023-02-27", None),
        ("003", "河东区人民政府2021年法治政府建设情况报告", "天津市河东区人民政府", 2021,
         "2022-02-28", "河东区"),
        ("004", None, "徂汶景区党工委、管委会", 2023, "2024-01-20", "徂汶景区"),
    ],
)
def test_metadata(prefix, title, issuer, year, date, place) -> None:
    report = load_seed(prefix)
    assert (report.title, report.issuer, report.year, report.date) == (title, issuer, year, date)
    if place:
        assert report.place == place


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2024年1月19日", True), ("二〇二四年一月十九日", True), ("2023-01-06", True),
     ("2024 年 1 月 19 日", True), ("2023/1/6", True), ("2023-01-06 发布", False),
     ("2024年1月19日召开会议", False), ("2024年", False)],
)
def test_date_lines(text, expected) -> None:
    assert is_date_line(text) is expected


def test_parse_date_forms() -> None:
    assert parse_date("成文时间: 2023-02-27") == "2023-02-27"
    assert parse_date("二〇二四年三月十一日") == "2024-03-11"
    assert parse_date("第13号") is None


def test_parse_date_only_days_that_exist() -> None:
    assert parse_date("2024年2月29日") == "2024-02-29"
    assert parse_date("2023年2月29日") is None
    assert parse_date("2024-04-31") is None
    assert parse_date("二〇二四年二月三十日") is None


def test_name_before_year() -> None:
    assert name_before_year("长治市潞州区2023年法治政府建设情况报告") == "长治市潞州区"
    assert name_before_year("关于长治市潞州区2023年法治政府建设情况的报告") == "长治市潞州区"
    assert name_before_year("关于2023年法治政府建设情况的报告") is None
    assert name_before_year("法治政府建设情况报告") is None


def test_org_lines() -> None:
    assert is_org_line("长治市潞州区人民政府")
    assert is_org_line("徂汶景区党工委、管委会")
    assert not is_org_line("我区坚持以习近平新时代中国特色社会主义思想为指导，全面推进依法治区")


def test_signature_is_found_above_an_attachment_list() -> None:
    text = (
        "松阳县应急管理局关于2023年度法治政府建设工作情况的报告\n"
        "2023年，我局深入学习贯彻习近平法治思想，全面推进应急管理领域依法行政工作。\n"
        "一、主要举措和成效\n"
        "全年开展安全生产执法检查320次。\n"
        "松阳县应急管理局\n"
        "2024年2月20日\n"
        "附件：1.松阳县应急管理局2023年度行政执法数据统计表\n"
        "2.松阳县应急管理局权责清单调整情况\n"
    )
    report = classify(parse_document(document_from_text(seed_path("000"), text)))
    assert (report.issuer, report.date, report.year) == ("松阳县应急管理局", "2024-02-20", 2023)
