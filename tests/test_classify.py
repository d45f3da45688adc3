"""Slot and topic rules, on headings and paragraphs as real reports write them."""

from __future__ import annotations

import pytest
from conftest import document_from_text, seed_path

from drafter.corpus.classify import classify, part_slot, topic_of
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
