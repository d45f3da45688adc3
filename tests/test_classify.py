"""Slot and topic rules, on headings and paragraphs as real reports write them."""

from __future__ import annotations

import pytest
from conftest import document_from_text, seed_path

from drafter.corpus.classify import classify, heading_topic, part_slot, topic_of
from drafter.corpus.furniture import is_furniture
from drafter.corpus.parse import parse_document


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
        ("2024年度推进法治政府建设的安排", "plans"),  # by similarity, once the year is dropped
        ("2023年推进法治政府建设的举措", "measures"),
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


@pytest.mark.parametrize(
    "heading", ["严格安全生产执法", "严格安全生产执法，", "严格安全生产执法："]
)
def test_a_heading_is_about_the_keyword_it_ends_in(heading) -> None:
    """`安全生产` weighs more than `执法`, but the heading ends in 执法, even before a stop."""
    assert topic_of(heading) == "突发事件"
    assert heading_topic(heading) == "行政执法"


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


# --- every cue of an unheaded closing paragraph -----------------------------------

MEASURES = (
    "某区2023年法治政府建设情况报告\n"
    "一、主要举措和成效\n"
    "（一）依法全面履行政府职能\n"
    "全面梳理权责清单，共梳理行政职权1200项，持续优化营商环境。\n"
)


def last_slot(paragraph: str, year_title: str = "2023") -> str:
    """The slot of `paragraph` written after the last heading of a measures part."""
    text = MEASURES.replace("2023", year_title) + paragraph + "\n"
    return classify_text(text).lines[-1].slot


SHORTCOMING_PARAGRAPHS = [
    "虽然取得了一定成效，但还存在一些不足。",
    "虽取得一定成绩，但与群众期待相比仍有差距。",
    "尽管做了大量工作，但基层执法力量仍然薄弱。",
    "我区法治政府建设取得了明显成效，但还有短板。",
    "法治政府建设取得新进展，然而尚有不少问题。",
    "全区依法行政水平取得较大进步，不过仍有不足。",
    "干部法治意识有所提升，但运用法治思维的能力还不够。",
    "执法规范化水平有所提高，但部分领域存在问题。",
    "在肯定成绩的同时，我们也清醒地认识到还存在一些不足。",
    "在看到成效的同时，也清醒看到依法行政能力仍有差距。",
    "我们也清醒地看到，法治政府建设还存在短板。",
    "同时要清醒认识到，基层法治力量仍然薄弱。",
]
"""Each alternative of the two shortcoming cues: a concession turned by 但/然而/不过, and
a turn with no 但 (在肯定成绩的同时 / 清醒地认识到)."""


@pytest.mark.parametrize("paragraph", SHORTCOMING_PARAGRAPHS)
def test_each_shortcoming_cue_starts_the_shortcomings(paragraph: str) -> None:
    assert last_slot(paragraph) == "shortcomings"


@pytest.mark.parametrize(
    "tail", ["存在", "还有", "仍有", "尚有", "不足", "差距", "短板", "问题", "薄弱", "不够"]
)
def test_each_word_that_completes_a_concession(tail: str) -> None:
    assert last_slot(f"虽然工作取得了成效，但执法领域{tail}。") == "shortcomings"
    assert last_slot(f"在肯定成绩的同时，执法领域{tail}。") == "shortcomings"


PLAN_PARAGRAPHS = [
    "下一步，我区将持续深化法治政府建设。",
    "下阶段，将重点推进行政执法规范化。",
    "今后，我们将进一步压实法治建设责任。",
    "新的一年，全区将以更高标准推进法治建设。",
    "展望2024年，我们将奋力开创法治政府建设新局面。",
    "2024年，我区将重点做好以下工作。",
    "2024年,全县将深入推进依法行政。",
    "2024年，我局将强化执法监督。",
    "2024年，我委将健全法律顾问制度。",
    "2024年，我办将统筹推进依法治区工作。",
    "2024年，我镇将加强基层法治建设。",
    "2024年，全市各部门将严格落实。",
    "2024年，我旗将深化普法。",
    "2024年我区将开展法治督察。",
    "2024年要按照区委部署，继续将法治建设推向深入。",
]
"""Each alternative of the plans cue, and the next year's 将 (2024 in a 2023 report)."""


@pytest.mark.parametrize("paragraph", PLAN_PARAGRAPHS)
def test_each_plan_cue_starts_the_plans(paragraph: str) -> None:
    assert last_slot(paragraph) == "plans"


@pytest.mark.parametrize(
    "paragraph",
    [
        "2025年要建成法治公园，将惠及全区。",  # not 我区/全区将, and not the next year
        "我区持续深化放管服改革，取得明显成效。",  # a success, no turn
        "虽然任务繁重，我区仍按期完成全部改革任务。",  # a concession without a shortcoming
        "群众满意度有所提升，达到95%。",
    ],
)
def test_paragraphs_without_a_cue_stay_measures(paragraph: str) -> None:
    assert last_slot(paragraph) == "measures"


def test_the_next_year_cue_follows_the_report_year() -> None:
    paragraph = "2025年要对标一流，将行政执法公示推向全部领域。"
    assert last_slot(paragraph, year_title="2024") == "plans"
    assert last_slot(paragraph, year_title="2025") == "measures"


@pytest.mark.parametrize(
    ("paragraph", "slot"),
    [
        ("2024年要按照区委、区政府的统一部署，对标先进地区，继续将法治建设推向深入。", "plans"),
        ("2024年要按照区委、区政府的统一部署，对标先进地区的经验，将法治建设推向深入。",
         "measures"),
    ],
)
def test_the_next_year_cue_needs_its_will_in_the_first_thirty_characters(paragraph, slot) -> None:
    assert paragraph.index("将") == (29 if slot == "plans" else 30)
    assert last_slot(paragraph) == slot


def test_a_concession_late_in_a_long_paragraph_is_not_a_cue() -> None:
    """Only the first 160 characters announce a paragraph: a 尽管……但……问题 after them
    is part of a measures paragraph."""
    paragraph = (
        "严格落实行政复议体制改革要求，县政府统一行使行政复议职责，全面推行行政复议案件繁简分流、"
        "简案快审、繁案精审机制，建立行政复议与调解衔接工作制度，邀请法律顾问、公职律师参与疑难"
        "案件审理。全年受理行政复议案件96件，审结92件，结案率达95.8%。"
        "尽管案件数量同比上升，但通过繁简分流，平均审理周期缩短至45天，未发生超期问题。"
    )
    assert paragraph.index("问题") == 159
    assert last_slot(paragraph) == "measures"


def test_cues_apply_only_after_the_last_heading_of_measures() -> None:
    report = classify_text(
        MEASURES
        + "下一步，我区将继续深化放管服改革。\n"
        + "（二）严格规范公正文明执法\n"
        + "开展执法案卷评查2次。\n"
        + "下一步，我区将推进综合行政执法改革。\n"
    )
    slots = [line.slot for line in report.lines]
    assert slots == ["front"] + ["measures"] * 4 + ["measures", "measures", "plans"]


def test_a_shortcomings_part_may_turn_to_plans_but_not_back() -> None:
    report = classify_text(
        MEASURES
        + "二、存在的不足\n"
        + "基层执法力量薄弱。\n"
        + "下一步，我区将充实基层执法力量。\n"
        + "虽然取得了一定成效，但还存在不足。\n"
    )
    assert [line.slot for line in report.lines][-4:] == [
        "shortcomings", "shortcomings", "plans", "plans",
    ]


# --- where the report starts on a web page --------------------------------------

TITLE = "安河县人民政府关于2023年度法治政府建设情况的报告"
OPENING = (
    "2023年，我县坚持以习近平法治思想为指导，扎实推进法治政府建设各项工作，"
    "现将有关情况报告如下："
)
BODY = OPENING + "\n一、主要举措和成效\n全面梳理权责清单，持续优化营商环境。\n"


def slots(text: str) -> list[str | None]:
    return [line.slot for line in classify_text(text).lines]


@pytest.mark.parametrize(
    ("header", "header_slots"),
    [
        # a site's name above the title is the page, not a split title (that needs 关于)
        ("首页\n安河县人民政府\n", ["noise", "noise"]),
        ("安河县人民政府\n政府信息公开\n", ["noise", "noise"]),
        # a column named like a 版头 (`政府文件`) with the metadata table between it and the title
        ("政府文件\n发布日期：2024-03-04\n浏览次数：128\n", ["noise"] * 3),
        # a date under a column name does not make the column a signature
        ("信息公开目录\n2024-03-04\n", ["noise", "noise"]),
        # a sidebar of related pages before the report is not the footer after it
        ("首页\n相关阅读\n", ["noise", "noise"]),
        # a breadcrumb that reads like a title is furniture, not where the report starts
        ("首页 > 政务公开 > 法治政府建设 > 年度报告\n政府信息公开\n", ["noise", "noise"]),
    ],
)
def test_the_page_header_before_the_title_is_noise(header, header_slots) -> None:
    assert slots(header + TITLE + "\n" + BODY) == [
        *header_slots, "front", "front", "measures", "measures",
    ]


@pytest.mark.parametrize(
    "top",
    [
        "安河县人民政府\n",  # the issuer on its own line above a 关于 title
        "安河县人民政府文件\n",  # a 版头 right above the title
        "安河县人民政府文件\n安政发〔2024〕6号\n",  # a 版头 and its 发文字号
        "安政发〔2024〕6号\n",  # a 发文字号 alone above the title
    ],
)
def test_the_document_head_above_the_title_is_front(top) -> None:
    title = TITLE.replace("安河县人民政府关于", "关于") if top == "安河县人民政府\n" else TITLE
    text = top + title + "\n临江市人民政府：\n" + BODY
    lines = top.count("\n")
    assert slots(text) == ["front"] * (lines + 3) + ["measures", "measures"]


@pytest.mark.parametrize(
    ("first", "first_slots"),
    [
        ("政府信息公开\n临江市人民政府：\n", ["noise", "front"]),  # the recipient starts it
        ("", []),  # a copy that starts with its first part heading
    ],
)
def test_a_report_without_a_title_starts_at_its_recipient_or_first_heading(
    first, first_slots
) -> None:
    body = "一、主要举措和成效\n全面梳理权责清单，持续优化营商环境。\n"
    assert slots(first + body) == [*first_slots, "measures", "measures"]


@pytest.mark.parametrize(("length", "slot"), [(40, "front"), (39, "noise")])
def test_a_long_sentence_starts_a_report_without_a_title(length, slot) -> None:
    """A line of 40 characters with a comma is the report's prose; shorter is page text."""
    paragraph = ("我县坚持以习近平法治思想为指导，全面推进依法行政，" * 3)[: length - 1] + "。"
    assert len(paragraph) == length
    assert slots("政府信息公开\n" + paragraph + "\n一、主要举措和成效\n") == [
        "noise", slot, "measures",
    ]


@pytest.mark.parametrize(
    ("value", "slot"),
    [
        ("桐江市东城区人民政府关于2023年度法治政府建设情况和2024年度工作安排的报告", "noise"),
        ("中共桐江市东城区委员会、桐江市东城区人民政府关于2023年度法治政府建设情况的报告", "front"),
    ],
)
def test_a_value_under_a_label_is_noise_up_to_forty_characters(value, slot) -> None:
    text = "首页 > 政务公开\n名称：\n" + value + "\n" + value + "\n" + BODY
    assert slots(text)[:4] == ["noise", "noise", slot, "front"]


def test_a_page_whose_report_is_an_attachment_ends_at_its_related_links() -> None:
    text = TITLE + "\n相关链接\n桐江市人民政府2023年度法治政府建设情况报告\n"
    assert slots(text) == ["front", "noise", "noise"]


def test_related_links_after_the_report_are_noise() -> None:
    text = (
        TITLE + "\n" + BODY + "安河县人民政府\n2024年3月1日\n相关链接\n"
        "桐江市人民政府2023年度法治政府建设情况报告\n"
    )
    assert slots(text)[-4:] == ["closing", "closing", "noise", "noise"]


# --- the front, and reports whose body carries no heading -----------------------

HEADLESS = (
    "某县司法局2023年法治政府建设情况报告\n"
    "【字体：大 中 小】\n"
    "现将有关情况报告如下：\n"
    "全面梳理权责清单，持续优化营商环境，全年取消行政许可事项12项。\n"
    "虽然取得了一定成效，但还存在执法力量薄弱等不足。\n"
    "某县司法局\n"
    "2024年1月19日\n"
)


def test_a_report_without_headings_starts_its_body_after_the_opening() -> None:
    """Furniture inside the front is skipped; a short 报告如下 line ends the front; the
    second paragraph of the body may already be the shortcomings."""
    assert slots(HEADLESS) == [
        "front", "noise", "front", "measures", "shortcomings", "closing", "closing",
    ]


def test_numbered_related_links_under_an_unsigned_report_without_headings() -> None:
    text = HEADLESS.rsplit("\n", 3)[0] + (
        "\n相关链接\n1.桐江市人民政府2023年度法治政府建设情况报告\n"
        "2.桐江市司法局2023年度法治政府建设情况报告\n"
    )
    assert slots(text) == ["front", "noise", "front", "measures", "shortcomings"] + ["noise"] * 3


def test_a_report_that_opens_with_its_first_paragraph() -> None:
    """No title, no furniture, no opening cue: the first long paragraph is the front."""
    opening = (
        "2023年，我局在县委、县政府的坚强领导下，深入学习贯彻习近平法治思想，"
        "全面推进依法行政，扎实推进法治政府建设，各项工作取得新成效。"
    )
    text = opening + "\n" + HEADLESS.split("\n", 3)[3]
    assert slots(text) == ["front", "measures", "shortcomings", "closing", "closing"]


@pytest.mark.parametrize(("length", "first_body"), [(60, 2), (59, 3)])
def test_a_paragraph_of_sixty_characters_ends_the_front(length, first_body) -> None:
    """Without headings or an opening cue, the first long paragraph is the opening."""
    opening = ("在县委、县政府的坚强领导下，我局深入推进依法行政，" * 3)[: length - 1] + "。"
    text = (
        "某县司法局2023年法治政府建设情况报告\n" + opening + "\n"
        "深入推进“放管服”改革，全面梳理权责清单，全年取消行政许可事项12项，"
        "公布证明事项清单58项，政务服务事项网上可办率达98.6%。\n"
        "推行行政执法三项制度，全年评查执法案卷120卷。\n"
    )
    assert slots(text) == ["front"] * first_body + ["measures"] * (4 - first_body)


# --- parts and subsections ------------------------------------------------------


PART_STRUCTURES = {
    # a part heading that names no part (原因分析, 保障措施, 有关说明) continues the
    # shortcomings, plans or other matters before it
    "unnamed part continues a closing part": (
        "某区2023年法治政府建设情况报告\n"
        "一、主要举措和成效\n"
        "全面梳理权责清单，持续优化营商环境。\n"
        "二、存在的主要问题\n"
        "基层执法力量薄弱，执法人员法律素养有待提升。\n"
        "三、原因分析\n"
        "对法治建设重要性认识不足。\n"
        "四、下一步工作打算\n"
        "持续深化放管服改革。\n"
        "五、保障措施\n"
        "加强组织领导，压实工作责任。\n"
        "六、其他需要报告的情况\n"
        "无。\n"
        "七、有关说明\n"
        "本报告数据截至2023年12月31日。\n",
        ["front"] + ["measures"] * 2 + ["shortcomings"] * 4 + ["plans"] * 4 + ["other"] * 4,
    ),
    # `1.带头学法落实情况` inside the duties subsection reads like a measures heading
    # (落实情况), but only a heading naming another part ends the duties
    "duties subsection keeps its subsections": (
        "某区2023年法治政府建设情况报告\n"
        "一、主要举措和成效\n"
        "（一）依法全面履行政府职能\n"
        "持续深化放管服改革，全年取消行政许可事项12项。\n"
        "（二）党政主要负责人履行推进法治建设第一责任人职责情况\n"
        "1.带头学法落实情况\n"
        "区委理论学习中心组开展集中学法6次。\n"
        "2.述法工作开展情况\n"
        "各部门主要负责人年终述法全覆盖。\n"
        "（三）推进严格规范公正文明执法\n"
        "开展执法案卷评查。\n",
        ["front"] + ["measures"] * 3 + ["duties"] * 5 + ["measures"] * 2,
    ),
    # parts numbered `（一）…` are parts at level 2, with topics at level 3
    "parts at the second level": (
        "某镇2023年法治政府建设情况报告\n"
        "（一）主要举措和成效\n"
        "1.依法全面履行政府职能\n"
        "持续深化放管服改革。\n"
        "（二）存在的不足\n"
        "基层法治力量薄弱。\n"
        "（三）原因分析\n"
        "法治人才储备不足。\n"
        "（四）下一步工作打算\n"
        "持续深化放管服改革。\n",
        ["front"] + ["measures"] * 3 + ["shortcomings"] * 4 + ["plans"] * 2,
    ),
}


@pytest.mark.parametrize(("text", "expected"), PART_STRUCTURES.values(), ids=PART_STRUCTURES)
def test_part_structure(text, expected) -> None:
    assert slots(text) == expected


def test_an_unnumbered_part_heading_becomes_a_part() -> None:
    """`存在的不足和原因` on a line of its own opens a part: level 1, no body, and the
    lines under it have it as their path (not the subsection above it)."""
    report = classify_text(
        MEASURES
        + "存在的不足和原因\n"
        + "基层执法力量薄弱。\n"
    )
    heading, paragraph = report.lines[-2:]
    assert (heading.level, heading.heading, heading.body) == (1, "存在的不足和原因", "")
    assert heading.path == paragraph.path == ["存在的不足和原因"]
    assert (heading.slot, paragraph.slot) == ("shortcomings", "shortcomings")


@pytest.mark.parametrize(
    ("heading", "promoted"),
    [
        ("2023年度全区推进法治政府建设工作中存在的主要不足和深层次原因及下一步工作打算", True),
        ("2023年度全区在推进法治政府建设工作中存在的主要不足和深层次原因及下一步工作打算", False),
    ],
)
def test_only_short_lines_are_promoted_to_part_headings(heading, promoted) -> None:
    assert len(heading) == (40 if promoted else 41)
    line = classify_text(MEASURES + heading + "\n").lines[-1]
    assert (line.level == 1) is promoted


# --- topics -----------------------------------------------------------------------


def test_an_enumerated_item_is_about_its_own_lead() -> None:
    """`八是健全突发事件应对体系。` under a heading on disputes is about emergencies."""
    report = classify_text(
        "某县2023年法治政府建设情况报告\n"
        "一、主要举措和成效\n"
        "（一）依法化解社会矛盾纠纷\n"
        "全年排查化解矛盾纠纷4862件。\n"
        "八是健全突发事件应对体系。修订突发事件总体应急预案，组织应急演练12次。\n"
    )
    assert [line.topic for line in report.lines[1:]] == ["矛盾纠纷"] * 3 + ["突发事件"]


def test_a_line_without_evidence_takes_the_topic_of_the_line_before_it() -> None:
    """Nothing after it speaks of a topic, so the meeting count belongs with 权责清单."""
    report = classify_text(
        "某县2023年法治政府建设情况报告\n一、主要工作\n"
        "全面梳理权责清单，持续优化营商环境。\n全年共召开专题会议12次。\n"
    )
    assert [line.topic for line in report.lines[1:]] == ["政府职能"] * 3


def test_measures_without_any_topic_evidence_fall_back_to_the_leadership_topic() -> None:
    report = classify_text(
        "某县2023年法治政府建设情况报告\n一、主要工作\n全年共召开专题会议12次，研究重要事项35件。\n"
    )
    assert [(line.slot, line.topic) for line in report.lines[1:]] == [
        ("measures", "党的领导与推进机制"), ("measures", "党的领导与推进机制"),
    ]


# --- fragments: copies that hold little of a report ---------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("安河县人民政府", ["closing"]),  # a signature alone
        ("索引号：11411122005678123X/2024-00031\n安政发〔2024〕6号", ["noise", "front"]),
        ("安政发〔2024〕6号\n安河县人民政府关于2023年度法治政府建设情况的报告", ["front", "front"]),
        ("学习笔记\n摘录", ["front", "front"]),  # nothing starts a report: nothing is page noise
        # a page that lost its body: the column name, then the signature
        ("政府信息公开\n安河县人民政府\n2024年3月1日", ["noise", "closing", "closing"]),
    ],
)
def test_fragments_are_classified_without_error(text, expected) -> None:
    assert slots(text) == expected
