"""Drafts from earlier work: importing finished reports, starting next year's draft."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from conftest import DATA, seed_path

from drafter.corpus.pipeline import load_report
from drafter.drafting.draft import Item, dump_draft, load_draft, parse_draft, save_draft
from drafter.drafting.outline import copy_pack
from drafter.drafting.reuse import (
    covers,
    import_report,
    next_year_draft,
    plan_promises,
    promise_coverage,
)
from drafter.errors import DraftError

DRAFTS = DATA / "drafts"


def test_import_seed_001_metadata_and_parts() -> None:
    draft = import_report(seed_path("001"))
    assert draft.template == "standard"
    assert draft.meta == {
        "unit": "长治市潞州区",
        "year": 2023,
        "title": "长治市潞州区2023年度法治政府建设情况报告",
        "joint": "是",
        "party": "中共长治市潞州区委员会",
        "issuer": "长治市潞州区人民政府",
        "date": "2024-01-19",
    }
    measures = draft.items("measures")
    assert [item.heading for item in measures][:2] == ["依法履行政府职能", "全面提升行政决策水平"]
    assert measures[0].topic == "政府职能" and measures[0].body.startswith("一是继续强化权力清单")
    assert len(draft.items("duties")) == 4 and draft.items("duties")[2].topic is None
    plans = draft.items("plans")
    assert plans[0].heading == "" and plans[0].body.startswith("2024年，我区将坚持")
    assert [item.heading for item in plans[1:]][-1] == "依法有效化解矛盾纠纷"
    assert [item.heading for item in draft.items("other")] == [
        "进一步理顺市区执法体制机制",
        "进一步完善镇（街道）执法体制机制",
    ]
    (opening,) = draft.items("opening")
    assert opening.body.startswith("2023年，在市委、市政府的坚强领导下")


def test_import_regroups_a_report_organised_one_level_deeper() -> None:
    """Seed 000 has ten `一、` topic groups in its measures: they become the items and
    their `（一）` subsections become `1.` paragraphs, renumbered."""
    draft = import_report(seed_path("000"))
    assert draft.meta["recipient"] == "唐山市人民政府"
    assert (draft.meta["party"], draft.meta["issuer"]) == (
        "中共河北唐山芦台经济开发区工委",
        "全面依法治区委员会办公室",
    )
    measures = draft.items("measures")
    assert len(measures) == 10 and measures[1].heading == "依法全面履行政府职能"
    lines = measures[1].body.splitlines()
    assert [line for line in lines if line[:2] in ("1.", "2.", "3.", "4.", "5.")] == [
        "1.优化政府机构职能",
        "2.持续深化简政放权",
        "3.建立健全新型监管机制",
        "4.进一步优化营商环境",
        "5.强化全区中心工作法治保障",
    ]
    assert draft.items("duties") == []  # this report has none
    assert draft.items("shortcomings")[0].heading == ""


def test_import_drops_part_headings_and_keeps_a_front_signature_out_of_the_opening() -> None:
    hedong = import_report(seed_path("003"))
    headings = [item.heading for item in hedong.items("measures")]
    assert len(headings) == 10 and headings[0] == "完善制度规定，规范行政行为"
    assert not any("2021年度" in heading for heading in headings)
    cuwen = import_report(seed_path("004"))  # signature and date at the top
    assert (cuwen.meta["issuer"], cuwen.meta["date"]) == ("徂汶景区党工委、管委会", "2024-01-20")
    assert cuwen.items("opening")[0].body.startswith("2023年，在市委、市政府的坚强领导下")
    assert "1.压实第一责任。为切实发挥" in cuwen.items("measures")[0].body


@pytest.mark.parametrize(
    "path",
    [DRAFTS / "hidden_duties.txt", *(seed_path(p) for p in ("000", "001", "002", "003", "004"))],
)
def test_each_item_goes_where_the_parse_put_its_heading(path: Path) -> None:
    slots = {line.heading: line.slot for line in load_report(path).lines if line.heading}
    draft = import_report(path)
    placed = [
        (slots[item.heading], section.slot)
        for section in draft.outline.sections
        for item in draft.items(section.key)
        if item.heading
    ]
    assert len(placed) >= 3
    assert all(found == expected for found, expected in placed)


def test_a_duties_subsection_hidden_in_measures_lands_in_duties() -> None:
    draft = import_report(DRAFTS / "hidden_duties.txt")
    assert [item.heading for item in draft.items("measures")] == [
        "依法全面履行政府职能",
        "严格规范公正文明执法",
    ]
    (duties,) = draft.items("duties")
    assert duties.heading == "党政主要负责人履行推进法治建设第一责任人职责情况"
    assert duties.body == "区委、区政府主要负责人带头学法，全年专题研究法治工作6次。"
    assert draft.meta["recipient"] == "市人民政府"


def test_next_year_turns_2023_plans_into_the_2024_checklist() -> None:
    last = load_draft(DRAFTS / "luzhou2023.draft.yaml")
    draft = next_year_draft(last)
    assert draft.meta["year"] == 2024 and draft.meta["date"] == "2025-01-19"
    assert draft.meta["title"] == "长治市潞州区2024年度法治政府建设情况报告"
    assert (draft.meta["party"], draft.meta["issuer"]) == (last.meta["party"], last.meta["issuer"])
    measures = draft.items("measures")
    assert [item.heading for item in measures] == [
        item.heading for item in last.items("plans") if item.heading
    ]
    assert all(item.body == "" for item in measures)
    assert measures[2] == Item("全面创优法治营商环境", "", "政府职能")
    assert measures[0].topic == "党的领导与推进机制"  # guessed from the plan's text
    # every other part starts afresh from the pack
    assert draft.items("duties")[0] == Item("深入学习贯彻习近平法治思想", "", "党的领导与推进机制")
    assert draft.items("shortcomings") == [Item()] and draft.items("other") == []
    assert draft.items("opening")[0].body.startswith("2024年，长治市潞州区坚持")


def test_next_year_of_a_draft_that_leaves_its_year_to_the_pack() -> None:
    last = load_draft(DRAFTS / "luzhou2023.draft.yaml")
    del last.meta["year"]  # the report is then about the pack's default year, as it renders
    assert next_year_draft(last).meta["year"] == last.answers()["year"] + 1


def test_next_year_of_a_draft_with_no_year_at_all() -> None:
    folder = copy_pack("standard", "noyear")
    outline = folder / "outline.yaml"
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace('default: "{{ today[:4] | int - 1 }}"', ""), "utf-8")
    last = load_draft(DRAFTS / "luzhou2023.draft.yaml")
    last.template = "noyear"
    del last.meta["year"]
    no_year = r"luzhou2023.draft.yaml：草稿里没有报告年度（meta 下的 year）$"
    with pytest.raises(DraftError, match=no_year):
        next_year_draft(last)


def test_next_year_stops_at_the_last_year_a_report_can_cover() -> None:
    last = load_draft(DRAFTS / "luzhou2023.draft.yaml")
    last.meta.update(year=2100, date="2101-01-19")
    with pytest.raises(DraftError, match=r"luzhou2023.draft.yaml：无法推到下一年：报告年度"):
        next_year_draft(last)
    last.meta.update(year=2099, date="2101-12-31")  # a date a year late: 2102 next year
    with pytest.raises(DraftError, match=r"无法推到下一年：成文日期"):
        next_year_draft(last)
    last.meta["date"] = "2100-01-19"
    assert next_year_draft(last).meta["date"] == "2101-01-19"


def test_next_year_reads_points_from_unheaded_plans() -> None:
    draft = next_year_draft(import_report(DRAFTS / "hidden_duties.txt"))
    assert draft.year == 2024
    assert [item.heading for item in draft.items("measures")] == [
        "加强学法用法",
        "完善行政执法监督",
    ]


def test_next_year_without_usable_plans_keeps_the_default_checklist() -> None:
    last = load_draft(DRAFTS / "luzhou2023.draft.yaml")
    last.items("plans")[:] = [Item(body="下一步，我区将继续努力。")]
    measures = next_year_draft(last).items("measures")
    assert len(measures) == 9 and measures[0].heading == "依法全面履行政府职能"


def test_a_draft_remembers_what_it_was_made_from(tmp_path: Path) -> None:
    imported = import_report(seed_path("001"))
    assert imported.source == str(seed_path("001").resolve()) and imported.promises == []
    assert next_year_draft(imported).source == imported.source  # not saved: its own source
    path = save_draft(imported, tmp_path / "2023.draft.yaml")
    following = next_year_draft(load_draft(path))
    assert following.source == str(path.resolve())
    odd = tmp_path / os.fsdecode(b"\xff\xfe.txt")  # a name that is not UTF-8
    odd.write_bytes(seed_path("001").read_bytes())
    assert import_report(odd).source is None  # nothing a UTF-8 draft could hold
    assert save_draft(import_report(odd), tmp_path / "odd.draft.yaml").exists()
    old = load_draft(DRAFTS / "luzhou2023.draft.yaml")  # written before drafts had sources
    assert old.source is None and old.promises == []


def test_next_year_keeps_last_years_plans_with_their_text(tmp_path: Path) -> None:
    last = load_draft(DRAFTS / "luzhou2023.draft.yaml")
    draft = next_year_draft(last)
    plans = last.items("plans")
    assert draft.promises[0] == Item("", plans[0].body, None)  # the introduction, kept
    assert [(p.heading, p.body) for p in draft.promises[1:]] == [
        (item.heading, item.body) for item in plans[1:]
    ]
    assert draft.promises[3].topic == "政府职能"
    assert [p.heading for p in draft.promises if p.heading] == [
        item.heading for item in draft.items("measures")
    ]
    text = dump_draft(draft)
    assert "\npromises:\n- body: 2024年,我区将坚持" in text
    assert "\n- heading: 持续强化党对法治政府建设的领导\n  topic: 党的领导与推进机制\n" in text
    again = parse_draft(text, tmp_path / "2024.draft.yaml")
    assert again.promises == draft.promises and again.source == draft.source


def test_unheaded_plans_become_one_promise_per_point() -> None:
    plans = [
        Item(
            body="2024年，我局将重点做好以下工作：一是加强学法用法，落实会前学法。二是完善行政执法监督。"
        )
    ]
    assert plan_promises(plans) == [
        Item("", "2024年，我局将重点做好以下工作：", None),
        Item("加强学法用法", "一是加强学法用法，落实会前学法。", "党的领导与推进机制"),
        Item("完善行政执法监督", "二是完善行政执法监督。", "行政执法"),
    ]


def test_a_promise_is_covered_once_a_measure_says_it() -> None:
    draft = next_year_draft(load_draft(DRAFTS / "luzhou2023.draft.yaml"))
    assert [place for _, place in promise_coverage(draft)] == [None] * len(draft.promises)
    measures = draft.items("measures")
    measures[4].body = "完善行政复议工作机制，受理行政复议案件51件。"  # under its own heading
    measures[2].heading = "持续优化法治化营商环境"  # the user's words, not last year's
    measures[2].body = "深化“一窗受理”改革，推行告知承诺制。"
    measures[3].heading = "加强法治宣传教育"  # written, but about something else
    measures[3].body = "开展普法活动12场。"
    coverage = promise_coverage(draft)
    assert [promise for promise, _ in coverage] == draft.promises
    assert [place for _, place in coverage] == [
        None,  # the introduction promises nothing to check
        None,  # 持续强化党对法治政府建设的领导: nothing written yet
        None,  # 着力抓好《纲要》的贯彻落实
        ("measures", 2),  # 全面创优法治营商环境
        None,  # 完善行政执法体制机制: not 行政复议工作机制 (measures 4), nor 普法 (3)
        ("measures", 4),  # 依法有效化解矛盾纠纷
    ]
    measures[0].body = "深学笃行习近平法治思想，区委常委会专题研究法治建设4次。"
    assert promise_coverage(draft)[1][1] == ("measures", 0)


def _pairs(name: str) -> list[tuple[Item, Item, bool]]:
    data = yaml.safe_load((DATA / "promises.yaml").read_text(encoding="utf-8"))[name]
    return [
        (
            Item(e["promise"]["heading"], e["promise"]["first_sentence"]),
            Item(e["measure"]["heading"], e["measure"]["body"]),
            e["covered"],
        )
        for e in data
    ]


@pytest.mark.parametrize(
    ("name", "known"),
    [
        ("calibration", [15, 20, 21, 23, 32, 36, 41, 66, 75]),
        ("held_out", [7, 8, 11, 12, 16, 17, 21, 29, 31, 35, 41, 43]),
    ],
)
def test_coverage_on_hand_labelled_pairs_has_exactly_its_known_mistakes(
    name: str, known: list[int]
) -> None:
    """Pairs from the seeds and tuning reports, labelled by hand: 0.87 precision and 0.98
    recall on the pairs the threshold was fitted on, 0.74 and 0.89 on the others. Characters
    cannot tell 行政执法体制机制 from 行政调解体制机制 (calibration #15), nor see that
    执法队伍专业化建设 is answered by 加强执法队伍建设 three sentences on (#75)."""
    pairs = _pairs(name)
    assert sum(label for _, _, label in pairs) > len(pairs) / 3  # both kinds are there
    wrong = [
        i for i, (promise, measure, label) in enumerate(pairs) if covers(promise, measure) != label
    ]
    assert wrong == known
