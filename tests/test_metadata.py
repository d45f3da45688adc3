"""Metadata of real reports: title, issuer, year covered, date, place, signature lines."""

from __future__ import annotations

import pytest
from conftest import DATA, document_from_text, seed_path

from drafter.corpus.classify import classify
from drafter.corpus.metadata import (
    is_date_line,
    is_org_line,
    is_title_line,
    name_before_year,
    parse_date,
)
from drafter.corpus.parse import parse_document
from drafter.corpus.report import Report


def load_seed(prefix: str):
    path = seed_path(prefix)
    return classify(parse_document(document_from_text(path, path.read_text(encoding="utf-8"))))


def read(text: str, title_hint: str | None = None) -> Report:
    """The metadata of a report given as text (one paragraph a line)."""
    document = document_from_text(seed_path("000"), text)
    document.title_hint = title_hint
    return classify(parse_document(document))


def metadata(text: str, title_hint: str | None = None) -> tuple:
    report = read(text, title_hint)
    return (report.title, report.issuer, report.year, report.date, report.place)


OPENING = (
    "2023年，我县坚持以习近平法治思想为指导，扎实推进法治政府建设各项工作，"
    "现将有关情况报告如下：\n"
)
BODY = OPENING + "一、主要举措和成效\n全面梳理权责清单，持续优化营商环境。\n"
TITLE = "关于2023年度法治政府建设情况的报告\n"  # names no issuer


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
     ("2024年1月19日召开会议", False), ("2024年", False),
     ("二〇二四年 一月 十九日", True)],  # a signature date spaced out to fit under its body
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
    # month and day written digit by digit, like the year, are not numbers we read
    assert parse_date("二〇二四年一月一九日") is None


def test_name_before_year() -> None:
    assert name_before_year("长治市潞州区2023年法治政府建设情况报告") == "长治市潞州区"
    assert name_before_year("关于长治市潞州区2023年法治政府建设情况的报告") == "长治市潞州区"
    assert name_before_year("关于2023年法治政府建设情况的报告") is None
    assert name_before_year("法治政府建设情况报告") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("长治市潞州区人民政府", True),
        ("徂汶景区党工委、管委会", True),
        ("中共长治市潞州区委员会 长治市潞州区人民政府", True),
        # a joint signature of 40 characters is one; 41 is too long for a signature line
        ("中共桐江市东城区委员会、桐江市东城区人民政府、中共东城区全面依法治区委员会办公室", True),
        ("中共桐江市东城区委员会、桐江市东城区人民政府、桐江市东城区全面依法治区委员会办公室",
         False),
        ("我区坚持以习近平新时代中国特色社会主义思想为指导，全面推进依法治区", False),
        ("报送单位：长治市潞州区司法局", False),  # a labelled field, not a signature
        ("市、县两级人民政府", False),  # every name must name a body, not only the last
        ("", False),
        ("　", False),
    ],
)
def test_org_lines(text, expected) -> None:
    assert is_org_line(text) is expected


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
    assert [line.slot for line in report.lines][-4:] == ["closing"] * 4


def test_an_attachment_name_of_sixty_characters_is_still_an_attachment() -> None:
    name = (
        "2.松阳县应急管理局关于印发《松阳县安全生产领域行政执法监督检查工作规程（试行）》"
        "的通知及配套行政执法文书格式及填写说明"
    )
    assert len(name) == 60
    text = (
        TITLE + "一、主要举措和成效\n全年开展安全生产执法检查320次。\n"
        "松阳县应急管理局\n2024年2月20日\n附件：1.松阳县应急管理局2023年度行政执法数据统计表\n"
        + name + "\n"
    )
    assert read(text).issuer == "松阳县应急管理局"


# --- the title ------------------------------------------------------------------------


def test_a_short_opening_is_not_the_title() -> None:
    """`2023年，我县……报告如下：` names the report and 法治 but announces what follows."""
    assert not is_title_line(OPENING.strip())
    assert read(TITLE + BODY).title == TITLE.strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("临江市司法局2023年度法治政府建设情况报告", True),
        ("关于2023年度法治政府建设工作情况的汇报", True),
        ("安河县2023年度依法行政工作情况报告", True),
        ("关于2023年度安全生产工作情况的报告", False),  # neither 法治 nor 依法
        ("我局按时报告法治政府建设年度情况。", False),
        ("根据法治政府建设年度报告制度要求", False),
        ("现将我局2023年度法治政府建设情况报告如下", False),
        ("中共桐江市东城区委员会、桐江市东城区人民政府关于全区2023年度法治政府建设工作情况"
         "和2024年度主要工作安排情况的报告", True),  # 60 characters
        ("中共桐江市东城区委员会、桐江市东城区人民政府关于东城区2023年度法治政府建设工作情况"
         "和2024年度主要工作安排情况的报告", False),  # 61
        # a metadata table's label and cell borders do not count towards the 60
        ("名称：中共桐江市东城区委员会、桐江市东城区人民政府关于全区2023年度法治政府建设工作情况"
         "和2024年度主要工作安排情况的报告", True),
        ("| 中共桐江市东城区委员会、桐江市东城区人民政府关于全区2023年度法治政府建设工作情况"
         "和2024年度主要工作安排情况的报告 |", True),
        # a template's placeholders count like any name
        ("XX市XX区人民政府关于XX区2023年度法治政府建设工作情况和2024年度主要工作安排情况"
         "的报告（第二轮征求意见修改稿）", False),
    ],
)
def test_title_lines(text, expected) -> None:
    assert is_title_line(text) is expected


def test_the_title_is_the_reports_own_not_a_related_pages() -> None:
    """Under `相关链接` a site lists other reports: they are noise, not the title."""
    path = DATA / "tuning2" / "05_district_web_oneline_meta.txt"
    report = classify(parse_document(document_from_text(path, path.read_text("utf-8"))))
    assert report.title == "桐江市东城区人民政府2023年度法治政府建设情况报告"
    assert report.place == "东城区"


def test_a_table_cell_title_loses_its_label_and_borders_only() -> None:
    report = read("标题： XX县2023年度法治政府建设情况报告 |\n" + BODY)
    assert report.title == "XX县2023年度法治政府建设情况报告"


def test_the_title_is_searched_in_the_first_forty_lines() -> None:
    """A duties subsection about the annual report further down is not the title."""
    items = "".join(f"{n}.全年开展行政执法检查{n}次。\n" for n in range(1, 37))
    heading = "（四）严格落实法治政府建设年度报告制度\n"
    report = read("安河县2023年度法治政府建设情况报告\n" + BODY + items + heading)
    assert report.lines[40].text == heading.strip() and is_title_line(heading)
    assert report.title == "安河县2023年度法治政府建设情况报告"


def test_an_empty_copy_takes_its_title_from_the_page() -> None:
    assert metadata("", "宁川县教育局2023年度法治政府建设情况报告") == (
        "宁川县教育局2023年度法治政府建设情况报告", "宁川县教育局", 2023, None, "宁川县",
    )
    assert metadata("", "宁川县人民政府门户网站") == (None, None, None, None, None)


# --- the issuer and the date ----------------------------------------------------------


def test_a_copy_that_is_only_a_signature() -> None:
    report = read("安河县人民政府\n2024年3月1日\n")
    assert [line.slot for line in report.lines] == ["closing", "closing"]
    assert (report.issuer, report.date, report.year) == ("安河县人民政府", "2024-03-01", 2023)


def test_a_signature_without_a_date_still_names_the_issuer() -> None:
    assert metadata(TITLE + BODY + "安河县人民政府\n") == (
        TITLE.strip(), "安河县人民政府", 2023, None, "安河县",
    )


def test_a_joint_signature_without_a_date_is_not_replaced_by_the_top() -> None:
    """The issuer above a split title is not a signature at the top: that needs a date."""
    text = "安河县人民政府\n" + TITLE + BODY + "中共安河县委员会\n安河县人民政府\n"
    assert read(text).issuer == "中共安河县委员会、安河县人民政府"


@pytest.mark.parametrize("furniture", [1, 2, 3])
def test_a_web_copy_signed_at_the_top(furniture) -> None:
    """Page furniture above a report that signs first (`徂汶景区党工委、管委会` /
    `2024年1月20日`, then the body) does not hide the signature."""
    header = ["当前位置：首页>政务公开", "【字体：大 中 小】", "打印本页"][:furniture]
    text = "\n".join(header) + "\n徂汶景区党工委、管委会\n2024年1月20日\n" + BODY
    report = read(text)
    assert [line.slot for line in report.lines[furniture : furniture + 2]] == ["front", "front"]
    assert (report.issuer, report.date) == ("徂汶景区党工委、管委会", "2024-01-20")


def test_a_site_footer_is_not_part_of_the_signature() -> None:
    text = TITLE + BODY + "安河县人民政府\n2024年3月1日\n相关链接\n安河县人民政府办公室\n"
    assert read(text).issuer == "安河县人民政府"


@pytest.mark.parametrize(
    ("table", "issuer"),
    [
        ("发文机关：宁川县教育局", "宁川县教育局"),
        ("发布机构：宁川县教育局", "宁川县教育局"),
        ("发布机构：宁川县教育局发文字号：宁教发〔2024〕3号", "宁川县教育局"),
        ("发文机关：宁川县教育局发布机构：宁川县人民政府", "宁川县教育局"),
        ("发文机关：宁川县教育局成文时间：2024-02-28", "宁川县教育局"),
        ("发文机关：宁川县教育局公开方式：主动公开", "宁川县教育局"),
        ("发文机关：宁川县教育局主题词：法治政府", "宁川县教育局"),
        ("发 文 机 关： 宁川县教育局", "宁川县教育局"),
        ("发文机关：\n宁川县教育局", "宁川县教育局"),  # the value on the next line
        ("发文机关：\n发文字号：宁教发〔2024〕3号", None),  # an empty cell
    ],
)
def test_an_unsigned_web_copy_takes_its_issuer_from_the_metadata_table(table, issuer) -> None:
    assert read(table + "\n" + TITLE + BODY).issuer == issuer


def test_a_metadata_table_at_the_foot_of_the_page() -> None:
    report = read(TITLE + BODY + "成文日期：\n发布机构：\n宁川县教育局\n")
    assert (report.issuer, report.date) == ("宁川县教育局", None)
    assert read(TITLE + BODY + "发布机构：宁川县教育局\n成文日期：\n").date is None


@pytest.mark.parametrize("label", ["成文日期", "成文时间", "发文时间", "发文日期"])
def test_an_undated_copy_takes_its_date_from_the_metadata_table(label) -> None:
    report = read(f"{label}：2024-02-28\n" + TITLE + BODY)
    assert (report.date, report.year) == ("2024-02-28", 2023)


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("长治市潞州区2023年度法治政府建设情况报告\n", "长治市潞州区"),  # named before its year
        ("安河县人民政府\n" + TITLE, "安河县人民政府"),  # on the line above a 关于 title
        # the issuer above the title, not a site's name further up
        ("安河县人民政府\n政府信息公开\n安河县司法局\n" + TITLE, "安河县司法局"),
    ],
)
def test_an_unsigned_copy_takes_its_issuer_from_its_title(text, issuer) -> None:
    assert read(text + BODY).issuer == issuer


# --- the year covered -----------------------------------------------------------------


def test_the_year_of_the_opening_before_the_date() -> None:
    """A report dated in December covers the year it is dated in, as its opening says."""
    text = "关于法治政府建设情况的报告\n" + BODY + "安河县司法局\n2023年12月28日\n"
    assert read(text).year == 2023


def test_without_a_year_in_title_or_opening_the_year_before_the_date() -> None:
    text = (
        "关于法治政府建设情况的报告\n一年来，我局全面推进依法行政。\n"
        "安河县司法局\n2024年1月19日\n"
    )
    assert read(text).year == 2023


# --- the place ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("阳泉市郊区2023年度法治政府建设情况报告\n" + BODY, "郊区"),  # a two-character district
        (TITLE + BODY + "中共平遥县委员会\n2024年1月19日\n", "平遥县"),  # 中共 is no place
    ],
)
def test_place(text, place) -> None:
    assert read(text).place == place


@pytest.mark.parametrize(
    ("short", "place"),
    [
        (2, "山西长治潞州区"),  # 潞州区 twice: not a name the report uses
        (3, "潞州区"),  # three times: the report's own name for itself
    ],
)
def test_the_place_is_the_name_the_report_uses_again_and_again(short, place) -> None:
    title = "山西长治潞州区2023年度法治政府建设情况报告\n"
    uses = "".join(f"潞州区全年开展执法检查{n}次。\n" for n in range(short - 1))
    report = read(title + BODY + uses)
    assert "".join(line.text for line in report.lines).count("潞州区") == short
    assert report.place == place


@pytest.mark.parametrize(
    ("short", "place"),
    [
        (9, "长治潞州区"),  # the longer name a third as often as the shortest: kept
        (10, "潞州区"),  # less than a third: the shortest
    ],
)
def test_a_longer_place_name_is_kept_when_used_a_third_as_often(short, place) -> None:
    title = "山西长治潞州区2023年度法治政府建设情况报告\n"
    longer = "长治潞州区全面推进依法行政。\n" * 2
    uses = "".join(f"潞州区全年开展执法检查{n}次。\n" for n in range(short - 3))
    report = read(title + BODY + longer + uses)
    body = "".join(line.text for line in report.lines)
    assert (body.count("长治潞州区"), body.count("潞州区")) == (3, short)
    assert report.place == place
