"""Mining phrases from real reports: sentences, headings, templates, merge keys."""

from __future__ import annotations

import pytest
import yaml
from conftest import CORPUS, document_from_text, seed_path

from drafter.corpus.mine import Phrase, Source, Templater, merge_key, mine_report, split_sentences
from drafter.corpus.parse import parse_document
from drafter.corpus.pipeline import load_report
from drafter.corpus.report import Line, Report

MANIFEST = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))["reports"]


@pytest.fixture
def mined() -> dict[str, list[Phrase]]:
    """The bundled seeds mined as the phrasebook mines them (manifest metadata).

    Mined afresh for every test, so that mutation testing counts each test as one that
    runs the miner (a module-wide fixture runs it for the first test only).
    """
    out = {}
    for prefix in ("000", "001", "002", "003", "004"):
        path = seed_path(prefix)
        entry = MANIFEST[path.name]
        source = Source(path.name, entry["issuer"], entry["year"])
        out[prefix] = mine_report(load_report(path), source, entry["place"])
    return out


def phrase_with(phrases: list[Phrase], fragment: str) -> Phrase:
    return next(p for p in phrases if fragment in p.text)


def test_numbers_become_quantities_with_their_units(mined) -> None:
    p = phrase_with(mined["000"], "共梳理行政职权")
    assert "1569项" in p.text
    assert p.template == (
        "{年度}年，我区对各单位权责清单进行梳理，共梳理行政职权{数量}项，同时根据法律法规等变化，"
        "对清单实行动态管理，不断推进清单的标准化建设。"
    )
    assert "《习近平法治思想学习纲要》{数量}余本" in phrase_with(mined["000"], "650余本").template


def test_percentages_amounts_and_dates(mined) -> None:
    assert "通过率达{比例}" in phrase_with(mined["000"], "通过率达").template
    assert "总计金额{金额}" in phrase_with(mined["000"], "15971.78万元").template
    assert "罚款{金额}" in phrase_with(mined["000"], "罚款6.9万元").template
    inspection = phrase_with(mined["000"], "自查自纠及重点抽查")
    assert inspection.template.startswith("我区于{日期}至{日期}组织开展")  # 5月26日至6月9日
    rectification = phrase_with(mined["001"], "召开迎接督察整改部署会")
    assert rectification.template.startswith("{日期}，召开迎接督察整改部署会")  # 4月12日


def test_issuer_place_names_become_units(mined) -> None:
    # 潞州区 is written 长治市潞州区 in its own document titles.
    luzhou = phrase_with(mined["001"], "第一责任人职责2023年工作清单")
    assert luzhou.template.startswith("制定下发《{单位}党政主要负责人履行推进法治建设")
    assert "长治市" not in luzhou.template
    # 芦台经济开发区 is also plain 芦台 (法治芦台, 平安芦台).
    assert "为法治{单位}、平安{单位}建设" in phrase_with(mined["000"], "为法治芦台").template
    assert "我区" in phrase_with(mined["000"], "为法治芦台").template  # 我区 stays as written


def test_titles_keep_their_names_but_not_years_or_places(mined) -> None:
    p = phrase_with(mined["000"], "出台了《芦台经济开发区法治政府建设实施方案")
    assert "《{单位}法治政府建设实施方案（2021-2025年）》" in p.template  # a period stays
    assert "《{单位}{年度}年法治政府建设工作要点》" in p.template
    assert "《{年度}年度法治政府建设工作落实任务分解台账》" in p.template


def test_campaign_names_and_hotlines_are_not_particulars(mined) -> None:
    assert "“八五”普法" in phrase_with(mined["000"], "“八五”普法重点内容").template
    assert "12345政务服务便民热线" in phrase_with(mined["002"], "便民热线").template
    assert "7×24小时" in phrase_with(mined["001"], "7×24小时").template


def test_templater_on_written_forms() -> None:
    templater = Templater(["潞州区"], ["中共长治市潞州区委员会"])
    assert templater.template("节约2亿元，完成率百分之八十。") == "节约{金额}，完成率{比例}。"
    assert templater.template("长治市潞州区9月召开会议3次") == "{单位}{日期}召开会议{数量}次"
    assert templater.template("2023年1月6日，潞州法治讲堂开讲。") == "{日期}，{单位}法治讲堂开讲。"
    assert templater.template("“十四五”规划纲要") == "“十四五”规划纲要"


def test_generic_short_place_forms_are_not_used() -> None:
    # 高新区 must not turn 高新技术 into {单位}技术.
    templater = Templater(["高新区"], [])
    assert templater.template("高新区培育高新技术企业") == "{单位}培育高新技术企业"


def test_inline_enumeration_is_split_and_its_markers_dropped() -> None:
    body = (
        "我区虽然取得了一定成效，但还存在一些问题。一是法治意识有待提高；"
        "二是执法队伍专业化水平不高，专业人员较少。三是不足。"
    )
    assert split_sentences(body) == [
        "我区虽然取得了一定成效，但还存在一些问题。",
        "法治意识有待提高；",
        "执法队伍专业化水平不高，专业人员较少。",
        "不足。",
    ]


def test_headings_are_phrases_with_their_parents_as_path(mined) -> None:
    heading = next(p for p in mined["001"] if p.text == "依法履行政府职能")
    assert (heading.kind, heading.slot, heading.topic) == ("heading", "measures", "政府职能")
    assert heading.path == ("2023年法治政府建设主要举措和成效",)
    part = next(p for p in mined["001"] if p.text.endswith("存在的不足和原因"))
    assert (part.kind, part.slot, part.template) == (
        "heading",
        "shortcomings",
        "{年度}年法治政府建设存在的不足和原因",
    )
    deeper = next(p for p in mined["004"] if p.text == "压实第一责任")  # a `1.` under （一）
    assert deeper.path == ("法治建设工作落实情况", "坚持以上率下，切实发挥领导作用")
    sentence = phrase_with(mined["001"], "继续强化权力清单")
    assert sentence.path == ("2023年法治政府建设主要举措和成效", "依法履行政府职能")
    assert sentence.source == Source(
        seed_path("001").name, MANIFEST[seed_path("001").name]["issuer"], 2023
    )


def test_fragments_noise_and_particulars_are_left_out(mined) -> None:
    texts = [p.text for p in mined["001"]]
    assert not any("索引号" in t or "字体大小" in t for t in texts)  # noise
    assert "中共长治市潞州区委员会" not in texts  # signature
    assert not any(t.startswith("2024年1月19日") for t in texts)  # date
    assert all(p.slot not in ("noise", "") for ps in mined.values() for p in ps)
    closing = [p.text for p in mined["003"] if p.slot == "closing"]
    assert closing == ["特此报告。"]
    front = [p.text for p in mined["000"] if p.slot == "front"]
    assert front[-1] == "现将我区2022年法治政府建设工作作如下汇报。"
    assert not any("工作报告" in t for t in front)  # the title is not a phrase


def test_mine_report_on_hand_built_lines() -> None:
    lines = [
        Line(1, "当前位置：首页", slot="noise"),
        Line(2, "某县2023年法治政府建设情况报告", slot="front"),
        Line(
            3,
            "四、存在的问题",
            level=1,
            heading="存在的问题",
            slot="shortcomings",
            path=["存在的问题"],
        ),
        Line(
            4,
            "专业人员少。执法人员法律素养有待提升，执法不够规范。",
            slot="shortcomings",
            path=["存在的问题"],
        ),
        Line(5, "特此报告。", slot="closing"),
        Line(6, "某县人民政府", slot="closing"),
    ]
    report = Report("x.txt", issuer="某县人民政府", year=2023, place="某县", lines=lines)
    phrases = mine_report(report, Source("x.txt", report.issuer, report.year))
    assert [(p.kind, p.slot, p.text) for p in phrases] == [
        ("heading", "shortcomings", "存在的问题"),
        ("sentence", "shortcomings", "执法人员法律素养有待提升，执法不够规范。"),
        ("sentence", "closing", "特此报告。"),
    ]


def test_merge_key_ignores_particulars_and_punctuation_variants() -> None:
    assert merge_key("发放《纲要》{数量}余本,供学习。") == merge_key("发放《纲要》{数量}本，供学习")
    assert merge_key("{年度}年，我区共受理案件{数量}件。") != merge_key("我区共受理案件{数量}件。")
    assert merge_key("加强行政复议工作") != merge_key("加强行政应诉工作")


# --- every placeholder type, and where one ends and another begins -------------------


@pytest.mark.parametrize(
    ("text", "template"),
    [
        # {数量}: counts, with 万/亿, decimals and thousands separators
        ("受理案件2000件", "受理案件{数量}件"),
        ("受理案件1999件", "受理案件{数量}件"),
        ("培训2023人次", "培训{数量}人次"),
        ("办理1,569件", "办理{数量}件"),
        ("公示执法信息4.2万条", "公示执法信息{数量}条"),
        ("服务3亿人次", "服务{数量}人次"),
        # {年度}: a year only where 年 follows it
        ("2023年，全区", "{年度}年，全区"),
        ("2023 年度考核", "{年度} 年度考核"),
        ("编号2023的文件", "编号{数量}的文件"),
        # {比例}
        ("完成率达98.5%", "完成率达{比例}"),
        ("增长12％", "增长{比例}"),
        ("差错率3‰", "差错率{比例}"),
        ("占百分之八十五", "占{比例}"),
        # {金额}
        ("罚款6.9万元", "罚款{金额}"),
        ("投入1200余万元", "投入{金额}"),
        ("节约资金2亿元", "节约资金{金额}"),
        ("补助500元", "补助{金额}"),
        ("总计1,234.5万元", "总计{金额}"),
        # {日期}
        ("3月5日召开会议", "{日期}召开会议"),
        ("2023年3月5日召开会议", "{日期}召开会议"),
        ("2023年3月召开会议", "{日期}召开会议"),
        ("5月26日至6月9日", "{日期}至{日期}"),
        ("3月5日—7日开展检查", "{日期}开展检查"),
        ("2023-03-05发布", "{日期}发布"),
        ("9月召开", "{日期}召开"),
        # kept as written: planning periods, hotlines, 7×24小时
        ("《纲要（2021—2025年）》", "《纲要（2021—2025年）》"),
        ("2021-2025年规划", "2021-2025年规划"),
        ("12345热线", "12345热线"),
        ("12348法律服务热线", "12348法律服务热线"),
        ("7×24小时服务", "7×24小时服务"),
        ("5*8小时服务", "5*8小时服务"),
        # a document title keeps its numbers, not its year
        ("《2023年度工作要点（2.0版）》", "《{年度}年度工作要点（2.0版）》"),
        ("印发《工作方案》3件", "印发《工作方案》{数量}件"),
    ],
)
def test_each_placeholder_type(text: str, template: str) -> None:
    assert Templater([], []).template(text) == template


def test_place_forms_of_the_issuer() -> None:
    templater = Templater(["芦台经济开发区"], ["河北唐山芦台经济开发区党工委"])
    assert templater.template("芦台经济开发区") == "{单位}"
    assert templater.template("唐山芦台经济开发区") == "{单位}"
    assert templater.template("河北唐山芦台经济开发区") == "{单位}"
    assert templater.template("法治芦台") == "法治{单位}"
    assert templater.template("《芦台经济开发区2023年工作要点》") == "《{单位}{年度}年工作要点》"
    # another place, and ordinary words, stay as written
    assert templater.template("天津市河东区") == "天津市河东区"
    no_place = Templater([], [])
    assert no_place.template("芦台经济开发区") == "芦台经济开发区"


def test_a_second_place_name_counts_as_the_same_unit() -> None:
    templater = Templater(["潞州区", "长治市潞州区"], [])
    assert templater.template("长治市潞州区") == "{单位}"
    assert templater.template("潞州") == "{单位}"


# --- which headings and sentences are phrases ------------------------------------------


def mined_measures(*texts: str) -> list[tuple[str, str]]:
    """(kind, text) of the phrases mined from these lines parsed as one report's measures."""
    report = parse_document(document_from_text(seed_path("000"), "\n".join(texts)))
    for line in report.lines:
        line.slot = "measures"
    return [(p.kind, p.text) for p in mine_report(report, Source("x.txt", None, None))]


def test_a_heading_needs_four_chinese_characters_and_loses_its_trailing_comma() -> None:
    assert mined_measures("（一）强化监督", "（二）抓落实", "（三）坚持科学民主依法决策，") == [
        ("heading", "强化监督"),
        ("heading", "坚持科学民主依法决策"),
    ]


def test_a_sentence_needs_six_chinese_characters() -> None:
    assert mined_measures("执法人员法律素养有待提升。专业人员较少。专业人员少。") == [
        ("sentence", "执法人员法律素养有待提升。"),
        ("sentence", "专业人员较少。"),
    ]


def test_numbered_points_inside_a_paragraph_lose_their_numbers() -> None:
    assert mined_measures(
        "（二）压紧压实法治建设工作职责。1.明确任务清单，制定重点任务19项。"
        "2.实行月通报制度，以通报促落实。"
    ) == [
        ("heading", "压紧压实法治建设工作职责"),
        ("sentence", "明确任务清单，制定重点任务19项。"),
        ("sentence", "实行月通报制度，以通报促落实。"),
    ]


@pytest.mark.parametrize(
    ("body", "sentences"),
    [
        # items ended by commas are sentences of their own; a lead ending in a colon too
        (
            "我局从三个方面推进依法行政：一是加强学法用法，二是完善制度建设，三是强化执法监督。",
            ["我局从三个方面推进依法行政。", "加强学法用法。", "完善制度建设。", "强化执法监督。"],
        ),
        # two lists in one paragraph that open with the same item: each sentence once
        (
            "市级层面：一是健全制度；二是强化培训。县级层面：一是健全制度；二是加强考核。",
            ["市级层面。", "健全制度；", "强化培训。", "县级层面。", "健全制度；", "加强考核。"],
        ),
        # a closing quote or bracket ends a sentence as well as a full stop does
        ("我区荣获“全省法治政府建设示范区”", ["我区荣获“全省法治政府建设示范区”"]),
        ("全面落实‘谁执法谁普法’", ["全面落实‘谁执法谁普法’"]),
        ("出台《行政执法公示办法》（试行）", ["出台《行政执法公示办法》（试行）"]),
        ("深入推进法治政府建设", ["深入推进法治政府建设。"]),
    ],
)
def test_sentences_of_a_paragraph(body: str, sentences: list[str]) -> None:
    assert split_sentences(body) == sentences


# --- the issuer's place in its other forms -----------------------------------------------


@pytest.mark.parametrize(
    ("context", "text", "template"),
    [
        # the title gives the longer form even when the issuer starts with the place
        (["潞州区人民政府", "长治市潞州区2023年度法治政府建设情况报告"], "长治市潞州区", "{单位}"),
        # the form before the place's first mention, not its last
        (
            ["长治市潞州区人民政府关于潞州区2023年法治政府建设情况的报告"],
            "长治市潞州区人民政府",
            "{单位}人民政府",
        ),
        # a year before the place is no part of its name
        (
            ["2023年度潞州区法治政府建设情况报告"],
            "现将2023年度潞州区法治政府建设情况报告如下。",
            "现将{年度}年度{单位}法治政府建设情况报告如下。",
        ),
        (
            ["关于二〇二三年度潞州区法治政府建设情况的报告"],
            "二〇二三年度潞州区",
            "二〇二三年度{单位}",
        ),
    ],
)
def test_longer_place_forms_from_issuer_and_title(
    context: list[str], text: str, template: str
) -> None:
    assert Templater(["潞州区"], context).template(text) == template


@pytest.mark.parametrize(
    ("place", "text", "template"),
    [
        ("大武口区", "大武口区、大武口", "{单位}、{单位}"),  # the suffix 区, not 景区 or 新区
        ("城区", "城区推进城乡一体化", "{单位}推进城乡一体化"),  # no one-character 城
        ("芦台经济开发区", "芦台经济开发区、芦台", "{单位}、{单位}"),
    ],
)
def test_short_place_forms(place: str, text: str, template: str) -> None:
    assert Templater([place], []).template(text) == template


# --- private-use characters, and what belongs to the source ------------------------------


@pytest.mark.parametrize(
    ("text", "template"),
    [
        ("受理\uf06c案件2000件", "受理\uf06c案件{数量}件"),  # Word's Symbol font
        ("\ue000《\ue001工作方案》印发3件", "\ue000《\ue001工作方案》印发{数量}件"),
        ("\U000f0000在2021—2025年\U000f0001间", "\U000f0000在2021—2025年\U000f0001间"),
        ("《2023年度\U000f0002要点》12345热线", "《{年度}年度\U000f0002要点》12345热线"),
    ],
)
def test_private_use_characters_in_the_text_are_kept_as_they_are(text, template) -> None:
    assert Templater([], []).template(text) == template


def test_phrases_carry_their_generalised_text_and_whether_they_are_specific(mined) -> None:
    website = phrase_with(mined["003"], "天津市司法局官网")
    assert "{上级}司法局官网" in website.generalised and "{上级}司法局官网" in website.template
    assert "天津" not in website.generalised and not website.specific
    meeting = phrase_with(mined["001"], "召开迎接督察整改部署会")
    assert "4月12日" in meeting.generalised and "{日期}" in meeting.template  # figures kept
    leaders = phrase_with(mined["003"], "范少军")
    assert leaders.specific  # 少军同志 later in the sentence: a name without its post
    assert "范少军" not in leaders.generalised and "区委书记{姓名}同志" in leaders.generalised
    assert leaders.people == ("范少军", "周波", "周波")  # as often as named, in order
    plain = phrase_with(mined["001"], "继续强化权力清单")
    assert (plain.generalised, plain.specific) == (plain.text, False)


def test_the_manifest_place_and_issuer_decide_what_is_the_unit(mined) -> None:
    """002 is parsed as 内蒙古阿拉善高新技术产业开发区, but its manifest place is 高新区:
    that is generalised too. 000's manifest issuer is one office; parsed, its name splits
    at 全面依法治区, which is a campaign there, not the unit."""
    founded = phrase_with(mined["002"], "成立高新区、示范区党工委")
    assert founded.generalised.startswith("成立{单位}、示范区党工委")
    lead = phrase_with(mined["000"], "党的领导是推进全面依法治区")
    assert lead.generalised == lead.text == "党的领导是推进全面依法治区、建设法治政府的根本保证。"
    assert lead.template == lead.text


def test_a_one_character_prefix_is_not_a_longer_form_of_the_place() -> None:
    """长治市潞州区 is a longer form; the 市 alone belongs to the word before it."""
    templater = Templater(["潞州区"], ["长治市潞州区人民政府"])
    assert templater.template("长治市潞州区") == "{单位}"
    assert templater.template("全市潞州区") == "全市{单位}"


def test_a_text_using_every_mark_itself_loses_nothing() -> None:
    """With every private-use mark taken by the text, a hotline cannot be protected and is
    templated as a number; no character outside the text and its placeholders appears."""
    marks = "".join(chr(0xF0000 + i) for i in range(0xFFFE))
    assert Templater([], []).template(marks + "拨打12345热线") == marks + "拨打{数量}热线"
