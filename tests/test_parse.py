"""Structure and metadata of real reports."""

from __future__ import annotations

import pytest
from conftest import DATA, document_from_text, seed_path

from drafter.corpus.classify import classify
from drafter.corpus.parse import parse_document, split_enumeration


def parse_seed(prefix: str):
    path = seed_path(prefix)
    return parse_document(document_from_text(path, path.read_text(encoding="utf-8")))


def by_line(report, number):
    return next(line for line in report.lines if line.line == number)


def test_heading_levels_in_ascii_and_full_width_forms() -> None:
    report = parse_seed("000")
    assert (by_line(report, 5).level, by_line(report, 5).marker) == (1, "一、")
    assert by_line(report, 5).heading == "不断完善推进机制，推动整体水平提升"
    six = by_line(report, 6)  # "(一)深入学习贯彻习近平法治思想" in ASCII brackets
    assert (six.level, six.marker, six.heading, six.body) == (
        2, "（一）", "深入学习贯彻习近平法治思想", ""
    )
    assert by_line(report, 7).level == 0
    report4 = parse_seed("004")
    assert (by_line(report4, 6).level, by_line(report4, 6).heading) == (3, "压实第一责任")


def test_heading_that_runs_into_its_body_is_split() -> None:
    line = by_line(parse_seed("001"), 10)
    assert line.heading == "依法履行政府职能"
    assert line.body.startswith("一是继续强化权力清单、责任清单动态管理")
    assert len(line.items) >= 2 and line.items[0].startswith("一是")
    assert line.items[1].startswith("二是")


def test_display_text_uses_chinese_punctuation_but_keeps_numbers() -> None:
    report = parse_seed("000")
    assert by_line(report, 3).text == "唐山市人民政府："
    assert "，" in by_line(report, 4).text and "," not in by_line(report, 4).text
    assert by_line(report, 2).text == "发布于：2023-01-06 09:04:54"


def test_heading_paths() -> None:
    line = by_line(parse_seed("000"), 16)
    assert line.path == ["依法全面履行政府职能", "优化政府机构职能"]


def test_enumeration_needs_two_items() -> None:
    assert split_enumeration("一是加强领导。二是完善制度。") == ["一是加强领导。", "二是完善制度。"]
    assert split_enumeration("我们一是加强") == []


def test_numbered_paragraph_with_long_lead_is_not_a_heading() -> None:
    text = (
        "1.为切实发挥法治建设第一责任人在推进景区法治建设中的领导核心作用和示范带头作用，"
        "制定了年度工作清单并逐项抓好落实，推动各项任务落地见效"
    )
    report = parse_document(document_from_text(seed_path("000"), text))
    assert report.lines[0].heading is None and report.lines[0].level == 0


# --- heading markers: every form a level takes, and numbers that are not markers ----------


def parse_lines(*texts: str):
    """Lines parsed as one report, one paragraph per text (line numbers from 1)."""
    return parse_document(document_from_text(seed_path("000"), "\n".join(texts))).lines


@pytest.mark.parametrize(
    ("text", "level", "marker", "heading", "body"),
    [
        ("一、深入学习贯彻习近平法治思想", 1, "一、", "深入学习贯彻习近平法治思想", ""),
        (
            "第一部分 2023年度推进法治政府建设的主要举措和成效",
            1,
            "第一部分",
            "2023年度推进法治政府建设的主要举措和成效",
            "",
        ),
        ("(二)加强规范性文件管理。全年制定规范性文件5件。", 2, "（二）", "加强规范性文件管理",
         "全年制定规范性文件5件。"),
        # enclosed numerals are one character that NFKC spells as three: ㈠ → (一)
        ("㈠深入推进依法行政。全年召开专题会议3次。", 2, "㈠", "深入推进依法行政",
         "全年召开专题会议3次。"),
        ("1.压实第一责任", 3, "1.", "压实第一责任", ""),
        ("１．压实第一责任", 3, "１．", "压实第一责任", ""),
        ("⒈ 加强组织领导", 3, "⒈", "加强组织领导", ""),
        ("30、加强行政复议规范化建设", 3, "30、", "加强行政复议规范化建设", ""),
        ("（1）健全依法决策机制。严格执行重大行政决策程序。", 4, "（1）", "健全依法决策机制",
         "严格执行重大行政决策程序。"),
        ("⑴完善制度体系。", 4, "⑴", "完善制度体系", ""),
        ("⑵略", 4, "⑵", "略", ""),  # however short the text after an enclosed numeral
    ],
)
def test_heading_marker_forms(text: str, level: int, marker: str, heading: str, body: str) -> None:
    (line,) = parse_lines(text)
    assert (line.level, line.marker, line.heading, line.body) == (level, marker, heading, body)


@pytest.mark.parametrize(
    "text",
    [
        "31、加强行政复议规范化建设",  # no report numbers its points past 30
        "80、90后青年干部占比超过六成，队伍结构持续优化。",
        "七五、八五普法期间，全区共开展法治宣传活动120余场。",  # 七五 is not a numeral
        "（1）50%",  # a marker before no Chinese text is a table cell, not a heading
        "一、2023",
        "(一)：加强组织领导",  # nothing before the stop: no heading to speak of
    ],
)
def test_numbers_that_are_not_heading_markers(text: str) -> None:
    (line,) = parse_lines(text)
    assert (line.level, line.marker, line.heading, line.body) == (0, "", None, line.text)


def test_a_plain_paragraph_is_its_own_body_and_enumerates() -> None:
    (line,) = parse_lines(
        "主要负责人认真履行第一责任人职责。一是亲自部署，主持召开专题会议7次；"
        "二是亲自督办，推动解决法治建设重大问题。"
    )
    assert (line.level, line.body) == (0, line.text)
    assert line.items == [
        "一是亲自部署，主持召开专题会议7次；",
        "二是亲自督办，推动解决法治建设重大问题。",
    ]


# --- where a heading ends and a numbered paragraph begins ---------------------------------

FORTY = "坚持以习近平法治思想为指导全面推进严格规范公正文明执法不断提升行政执法质量和效能"


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        # up to 40 characters before the first stop are a heading …
        (f"（一）{FORTY}。全年办理行政处罚案件2863件。", FORTY),
        # … one more and the line is a numbered paragraph
        (f"（一）{FORTY[:13]}，{FORTY[13:]}。全年办理行政处罚案件2863件。", None),
        # a heading with no stop at all may run to 50 characters …
        (f"（一）{FORTY}，优化法治化营商环境", f"{FORTY}，优化法治化营商环境"),
        # … past that it is a paragraph that lost its full stop
        (f"（一）{FORTY}，持续优化法治营商环境", None),
    ],
)
def test_heading_length_limits(text: str, heading: str | None) -> None:
    (line,) = parse_lines(text)
    assert line.heading == heading
    assert line.level == (2 if heading else 0)
    assert line.body == (text[len("（一）") + len(heading) + 1 :] if heading else text)


# --- 第一部分 above 一、 ------------------------------------------------------------------


def test_parts_push_every_other_level_down() -> None:
    path = DATA / "tuning1" / "06_provincial_eco_env_dept.txt"
    report = parse_document(document_from_text(path, path.read_text(encoding="utf-8")))
    levels = {line.text: line.level for line in report.lines if line.level}
    assert levels["第一部分2023年度推进法治政府建设的主要举措和成效"] == 1
    assert levels["二、完善生态环境法规制度体系"] == 2
    assert levels["第三部分存在的不足和原因"] == 1
    line = next(line for line in report.lines if line.text.startswith("（二）推行柔性执法"))
    assert (line.level, line.path) == (
        3,
        ["2023年度推进法治政府建设的主要举措和成效", "提升生态环境行政执法水平", "推行柔性执法"],
    )


def test_under_parts_the_deepest_levels_share_level_four() -> None:
    lines = parse_lines(
        "第一部分 主要举措和成效",
        "一、依法全面履行政府职能",
        "（一）深化“放管服”改革",
        "1.推进证明事项告知承诺制",
        "（1）梳理告知承诺事项清单",
        "第一，坚持问题导向。对照清单逐项整改。",
    )
    assert [line.level for line in lines] == [1, 2, 3, 4, 4, 2]
    assert lines[4].path == [
        "主要举措和成效", "依法全面履行政府职能", "深化“放管服”改革", "梳理告知承诺事项清单"
    ]


def test_first_second_paragraphs_are_not_parts() -> None:
    lines = parse_lines(
        "一、坚持党的领导",
        "第一，坚持政治引领。把党的领导贯穿法治政府建设全过程。",
        "（一）强化组织保障",
    )
    assert [line.level for line in lines] == [1, 1, 2]


# --- what the report keeps from its file --------------------------------------------------


def test_the_title_a_file_carries_besides_its_text_reaches_the_report() -> None:
    path = DATA / "tuning1" / "06_provincial_eco_env_dept.txt"
    title, *body = path.read_text(encoding="utf-8").splitlines()
    doc = document_from_text(path, "\n".join(body))  # a page whose title is only in <title>
    doc.title_hint = title
    report = classify(parse_document(doc))
    assert report.source == str(path)
    assert report.title == "江南省生态环境厅2023年度法治政府建设情况报告"
