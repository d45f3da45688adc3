"""Slot and topic rules, on headings and paragraphs as real reports write them."""

from __future__ import annotations

import pytest
from conftest import document_from_text, seed_path

from drafter.classify import classify, part_slot, topic_of
from drafter.furniture import is_furniture
from drafter.parse import parse_document


@pytest.mark.parametrize(
    ("heading", "slot"),
    [
        ("2023年法治政府建设主要举措和成效", "measures"),
        ("工作开展情况", "measures"),
        ("2021年度推进法治政府建设的亮点工作", "measures"),
        ("2023年党政主要负责人履行推进法治建设第一责任人职责情况", "duties"),
        ("存在的主要问题", "shortcomings"),
        ("2023年法治政府建设存在的不足和原因", "shortcomings"),
        ("下一步工作打算", "plans"),
        ("改进措施", "plans"),
        ("2024年推进法治政府建设的主要安排", "plans"),
        ("2025年工作重点", "plans"),
        ("2025年度工作计划", "plans"),
        ("对全市加强法治政府建设的意见建议", "other"),
        ("其他需要报告的情况", "other"),
        ("依法全面履行政府职能", None),
    ],
)
def test_part_headings(heading, slot) -> None:
    assert part_slot(heading) == slot


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("深化“放管服”改革，优化营商环境", "政府职能"),
        ("加强行政规范性文件监督管理", "制度体系"),
        ("严格落实重大行政决策程序", "行政决策"),
        ("全面推行行政执法“三项制度”", "行政执法"),
        ("完善突发事件应对制度", "突发事件"),
        ("推进行政复议体制改革", "矛盾纠纷"),
        ("全面主动落实政务公开", "权力监督"),
        ("加快推进政务数据有序共享", "数字法治"),
        ("深入学习贯彻习近平法治思想", "党的领导与推进机制"),
    ],
)
def test_topics(text, topic) -> None:
    assert topic_of(text) == topic


def test_furniture() -> None:
    furniture = [
        "当前位置: 首页>政府信息公开", "字体大小:【大】 【中】 【小】",
        "索引号: 000014349/2024-08027", "编辑:", "信息来源:党政综合办公室", "无障碍 简体 | 繁体",
    ]
    for text in furniture:
        assert is_furniture(text), text
    assert not is_furniture("唐山市人民政府:")


def classify_text(text: str):
    report = parse_document(document_from_text(seed_path("000"), text))
    return classify(report)


def test_unheaded_closing_paragraphs_use_cues() -> None:
    report = classify_text(
        "某县2023年法治政府建设情况报告\n"
        "一、依法全面履行政府职能\n"
        "全面梳理权责清单，共梳理行政职权1200项，公布证明事项清单，持续优化营商环境。\n"
        "二、严格规范公正文明执法\n"
        "全面推行行政执法三项制度，开展执法案卷评查2次，评查案卷120卷。\n"
        "一年来，我县法治政府建设虽然取得了一定成效，但还存在一些不足，基层执法力量薄弱。\n"
        "下一步，我县将继续深入学习贯彻习近平法治思想，推进法治政府建设。\n"
        "某县人民政府\n"
        "2024年2月1日\n"
    )
    assert [line.slot for line in report.lines] == [
        "front", "measures", "measures", "measures", "measures", "shortcomings", "plans",
        "closing", "closing",
    ]
    assert report.lines[2].topic == "政府职能" and report.lines[4].topic == "行政执法"


def test_duties_subsection_inside_measures() -> None:
    report = classify_text(
        "一、主要举措和成效\n"
        "（一）依法全面履行政府职能\n"
        "持续深化放管服改革，全年取消行政许可事项12项。\n"
        "（二）党政主要负责人履行推进法治建设第一责任人职责情况\n"
        "区委书记、区长带头学法，主持召开专题会议4次。\n"
        "（三）推进严格规范公正文明执法\n"
        "开展执法案卷评查。\n"
        "二、存在的不足和原因\n"
        "执法队伍能力仍有短板。\n"
    )
    slots = [line.slot for line in report.lines]
    assert slots == ["measures", "measures", "measures", "duties", "duties", "measures",
                     "measures", "shortcomings", "shortcomings"]


def test_every_line_of_every_seed_gets_a_slot_and_measures_a_topic() -> None:
    for prefix in ("000", "001", "002", "003", "004"):
        path = seed_path(prefix)
        report = classify(parse_document(document_from_text(path, path.read_text("utf-8"))))
        assert all(line.slot for line in report.lines)
        assert all(line.topic for line in report.lines if line.slot == "measures")
        assert not any(line.topic for line in report.lines if line.slot != "measures")
