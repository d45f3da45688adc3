"""Paragraphs a copy lost, given back: PDF copies, pages pasted into one line, watermarks."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, DATA

from drafter.corpus.furniture import split_furniture, strip_watermark
from drafter.corpus.ingest import read_document
from drafter.corpus.reflow import is_page_number, reflow
from drafter.corpus.report import Paragraph, Reading

TIDY = sorted(CORPUS.glob("*.txt")) + sorted(DATA.glob("tuning*/*.txt"))


def paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(n, text) for n, text in enumerate(texts, 1)]


def texts(found: list[Paragraph]) -> list[str]:
    return [p.text for p in found]


@pytest.mark.parametrize("path", TIDY, ids=lambda p: f"{p.parent.name}/{p.name[:12]}")
def test_tidy_reports_pass_through_unchanged(path: Path) -> None:
    doc = read_document(path)
    lines = path.read_text("utf-8").splitlines()
    assert [(p.number, p.text) for p in doc.paragraphs] == [
        (n, line.rstrip()) for n, line in enumerate(lines, 1) if line.strip()
    ]
    assert doc.reading.summary() == "文本"


def test_summary_says_what_was_done_in_order() -> None:
    reading = Reading("pdf", pages=10, page_numbers_dropped=9, wrapped_lines_joined=412,
                      long_lines_split=1, split_into=63)
    assert reading.summary() == "PDF，10页，删去页码9处，合并折行412处，拆分长行1行为63段"
    converted = Reading("doc", converted=True, numbering_restored=12, traditional=True)
    assert converted.summary() == (
        "Word 97-2003文档（经LibreOffice转换），补出自动编号12处，繁体转为简体"
    )


@pytest.mark.parametrize(
    "text",
    ["— 3 —", "- 3 -", "-3-", "－ 12 －", "第3页 共10页", "第 3 页/共 10 页", "3/10", "Page 2"],
)
def test_page_numbers(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["3", "2023年", "一、总体情况", "—— 2023年工作回顾", "3.5"])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def test_a_bare_number_is_a_page_number_only_in_a_paged_copy() -> None:
    assert is_page_number("3", bare=True) and not is_page_number("3")


WRAPPED = [
    "一、主要举措和成效",  # a heading: ends short of the margin
    "（一）依法全面履行政府职能。深化放管服改革，全区政务服",  # 28 characters: a full line
    "务事项网上可办率达98%，减少事业单位 45 家。二是优化营商",
    "环境，出台数据开放平台管理办法，接入平台的单位 Open",
    "Data 接口十二个。",  # a short last line ends the paragraph
    "— 1 —",
    "某区人民政府",  # a running head beside a page number
    "（二）严格规范公正文明执法。全年办理行政处罚案件1260件",
    "，结案率达98.6%，全面落实行政执法公示、执法全过程记录、",
    "1.健全执法制度。修订执法文书格式28种，新增执法监督员12",
    "名，开展执法案卷评查三次。",
    "— 2 —",
    "某区人民政府",
    "二、存在的不足和原因",
    "一是部分执法人员运用法治思维和法治方式解决问题的能力不",
    "足。",
    "某区人民政府",  # the signature: the same words, not beside a page number
    "2024年1月19日",
]


def test_hard_wraps_are_joined_and_page_furniture_dropped() -> None:
    reading = Reading("txt")
    found = reflow(paragraphs(*WRAPPED), reading)
    assert texts(found) == [
        "一、主要举措和成效",
        "（一）依法全面履行政府职能。深化放管服改革，全区政务服务事项网上可办率达98%，"
        "减少事业单位 45 家。二是优化营商环境，出台数据开放平台管理办法，接入平台的单位 Open Data"
        " 接口十二个。",  # two Latin words keep their space
        "（二）严格规范公正文明执法。全年办理行政处罚案件1260件，结案率达98.6%，"
        "全面落实行政执法公示、执法全过程记录、",  # a heading (1.) starts on the next line
        "1.健全执法制度。修订执法文书格式28种，新增执法监督员12名，开展执法案卷评查三次。",
        "二、存在的不足和原因",
        "一是部分执法人员运用法治思维和法治方式解决问题的能力不足。",
        "某区人民政府",
        "2024年1月19日",
    ]
    assert [p.number for p in found] == [1, 2, 8, 10, 14, 15, 17, 18]
    assert (reading.page_numbers_dropped, reading.running_heads_dropped) == (2, 2)
    assert reading.wrapped_lines_joined == 6


def test_short_lines_are_not_taken_for_a_wrap() -> None:
    lines = ["2024年1月19日", "某区人民政府", "一、主要举措", "（一）依法行政。"] * 3
    assert texts(reflow(paragraphs(*lines), Reading("txt"))) == lines


BODY = "全区政务服务事项网上可办率达98%，“一网通办”事项1486项，减证便民取消证明材料120项。"
FLAT = (
    "首页 > 信息公开 > 法治政府建设索引号：11330102MB1C23456X/2024-00018发布机构：东城区人民政府"
    "发布日期：2024-03-22东城区2023年度法治政府建设情况报告东城区人民政府：2023年，我区坚持以"
    "习近平法治思想为指导，全面推进法治政府建设，取得积极成效。现将有关情况报告如下："
    "一、主要举措和成效（一）依法履行政府职能。一是深化放管服改革，全区新增市场主体3.5万户。"
    + BODY * 10 +
    "二是优化营商环境，实现权力运行统一、规范、高效。（二）严格规范公正文明执法。全年办理案件"
    "1260件，结案率98.6%。下一步，我区将继续深化执法改革。二、存在的问题和不足一是执法力量"
    "不足。二是普法针对性不强。存在的主要问题：执法人员专业素养有待提升，基层法治力量薄弱，"
    "需要进一步加强培训和配备。三、下一年度主要安排（一）加强法治队伍建设。持续开展培训。"
    "特此报告。东城区人民政府2024年3月20日【打印】【关闭】"
)


def test_a_page_pasted_into_one_line_is_cut_into_its_paragraphs() -> None:
    reading = Reading("txt")
    found = reflow(paragraphs(FLAT), reading)
    assert texts(found) == [
        "首页 > 信息公开 > 法治政府建设",
        "索引号：11330102MB1C23456X/2024-00018",
        "发布机构：东城区人民政府",
        "发布日期：2024-03-22",
        "东城区2023年度法治政府建设情况报告",
        "东城区人民政府：",
        "2023年，我区坚持以习近平法治思想为指导，全面推进法治政府建设，取得积极成效。"
        "现将有关情况报告如下：",
        "一、主要举措和成效",
        "（一）依法履行政府职能。",
        "一是深化放管服改革，全区新增市场主体3.5万户。" + BODY * 10,  # 3.5: no heading
        "二是优化营商环境，实现权力运行统一、规范、高效。",  # nor is 统一、
        "（二）严格规范公正文明执法。全年办理案件1260件，结案率98.6%。",
        "下一步，我区将继续深化执法改革。",
        "二、存在的问题和不足",
        "一是执法力量不足。",
        "二是普法针对性不强。",
        "存在的主要问题",  # an unnumbered part heading: its colon goes with the cut
        "执法人员专业素养有待提升，基层法治力量薄弱，需要进一步加强培训和配备。",
        "三、下一年度主要安排",
        "（一）加强法治队伍建设。持续开展培训。",
        "特此报告。",
        "东城区人民政府",
        "2024年3月20日",
        "【打印】",
        "【关闭】",
    ]
    assert {p.number for p in found} == {1}
    assert (reading.long_lines_split, reading.split_into) == (1, len(found))


def test_numbered_markers_must_continue_their_sequence() -> None:
    line = "我区坚持依法行政。" * 60 + "3.推进执法改革。（二）严格执法。5.加强监督。二、问题较多。"
    assert texts(reflow(paragraphs(line), Reading("txt"))) == [line]  # 3., （二）, 5. start no list


def test_web_metadata_rows_one_label_a_piece() -> None:
    assert split_furniture(
        "发布时间：2024-03-22 10:15  来源：区司法局  浏览次数：1368东城区2023年度报告"
    ) == ["发布时间：2024-03-22 10:15", "来源：区司法局", "浏览次数：1368", "东城区2023年度报告"]
    assert split_furniture("索 引 号：000014349/2024-00127      主题分类：综合政务") == [
        "索 引 号：000014349/2024-00127", "主题分类：综合政务",
    ]
    assert split_furniture("我区坚持依法行政，全面推进法治政府建设。") == [
        "我区坚持依法行政，全面推进法治政府建设。"
    ]


TITLE = "某区2023年法治政府建设情况报告"


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        (f"{TITLE}_某某范文网 www.fanwen123.com", TITLE),
        (f"某某范文网www.fw.cn{TITLE}", TITLE),
        (f"{TITLE}【第一文库 http://www.wenku1.com/a/1.html】", TITLE),
        ("2023年，我区坚持依法行政（来源：公文网 gongwen.cn），全面推进",
         "2023年，我区坚持依法行政，全面推进"),
    ],
)
def test_watermarks_are_taken_off(text: str, clean: str) -> None:
    assert strip_watermark(text) == (clean, 1)


def test_government_addresses_are_the_reports_own_words() -> None:
    text = "在区政府网站（www.luzhou.gov.cn）主动公开政府信息5200条"
    assert strip_watermark(text) == (text, 0)


def test_a_mirror_copy_reads_title_issuer_and_year(tmp_path: Path) -> None:
    from drafter.corpus.pipeline import load_report

    path = tmp_path / "mirror.txt"
    path.write_text(
        "某某范文网 www.fanwen123.com长治市潞州区2023年度法治政府建设情况报告\n"
        "2023年，潞州区坚持以习近平法治思想为指导，全面推进法治政府建设，各项工作取得积极成效。\n"
        "一、主要举措和成效\n（一）依法履行政府职能。深化放管服改革。\n"
        "长治市潞州区人民政府\n2024年1月19日\n",
        encoding="utf-8",
    )
    report = load_report(path)
    assert report.title == "长治市潞州区2023年度法治政府建设情况报告"
    assert (report.issuer, report.year) == ("长治市潞州区人民政府", 2023)
    assert report.reading.watermarks_removed == 1
