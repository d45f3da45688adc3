"""Checks: each finding is real, located, and the seeds' own content passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import seed_path

from drafter.drafting.check import check_draft
from drafter.drafting.draft import Draft, Item, load_draft, new_draft, save_draft
from drafter.errors import DraftError

LUZHOU = Path(__file__).parent / "data" / "drafts" / "luzhou2023.draft.yaml"


def codes(draft: Draft, severity: str | None = None, **kwargs: object) -> list[str]:
    return [
        f.code
        for f in check_draft(draft, **kwargs)  # type: ignore[arg-type]
        if severity is None or f.severity == severity
    ]


def filled_draft() -> Draft:
    """A complete 2024 draft with nothing wrong in it."""
    draft = new_draft("standard", {"unit": "长治市潞州区", "year": 2024, "date": "2025-01-19"})
    draft.items("opening")[0].body = draft.items("opening")[0].body.replace(
        "{工作概述}", "全区法治政府建设取得积极成效"
    )
    draft.items("measures")[:] = [
        Item("依法全面履行政府职能", "一是实行审批改备案2185件。二是修复信用11681条。", "政府职能")
    ]
    draft.items("duties")[:] = [Item("带头学法", "区委常委会会议学法13次。")]
    draft.items("shortcomings")[0].body = "一是法律顾问作用发挥不够。二是执法人员业务能力不强。"
    draft.items("plans")[0].body = "2025年，我区将持续推进法治政府建设。"
    return draft


def test_a_clean_draft_has_no_errors_or_warnings_but_length_notes() -> None:
    findings = check_draft(filled_draft())
    problems = [f for f in findings if f.code not in ("length", "too-short")]
    assert problems == []
    notes = [f.message for f in findings if f.code == "length"]
    measures = len("依法全面履行政府职能一是实行审批改备案2185件。二是修复信用11681条。")
    assert f"“主要举措和成效”{measures}字" in notes and notes[-1].startswith("全文正文共")


def test_seed_001_as_a_draft_has_no_errors() -> None:
    draft = load_draft(LUZHOU)
    assert codes(draft, "error") == []
    assert codes(draft, "warning") == ["opening"]  # the web copy has no 报告如下
    assert codes(draft, "info").count("punctuation") > 10  # its half-width commas


def test_new_draft_lists_what_is_missing_with_places(tmp_path: Path) -> None:
    draft = new_draft("standard", {"unit": "长治市潞州区", "year": 2024, "date": "2025-01-19"})
    save_draft(draft, tmp_path / "d.draft.yaml")
    draft = load_draft(tmp_path / "d.draft.yaml")
    findings = check_draft(draft)
    errors = [
        (f.code, f.section, f.item, f.field, f.line) for f in findings if f.severity == "error"
    ]
    assert errors == [
        ("placeholder", "opening", 0, "body", 6 + 7),
        ("section-empty", "measures", None, None, None),
        ("section-empty", "duties", None, None, None),
        ("section-empty", "shortcomings", None, None, None),
        ("section-empty", "plans", None, None, None),
    ]
    placeholder = next(f for f in findings if f.code == "placeholder")
    assert placeholder.message == "还有1处待填：{工作概述}" and placeholder.place == "开头语 第1段"
    empty = [f for f in findings if f.code == "item-empty"]
    assert len(empty) == 12 and empty[0].place == "主要举措和成效 依法全面履行政府职能"


@pytest.mark.parametrize(
    ("body", "code", "severity"),
    [
        ("共办理{数量}件，占{比例}。", "placeholder", "error"),
        ("2022年，我区开展执法检查12次。", "year", "warning"),
        ("开展检查12次，较2022年增长15%。", None, None),
        ("落实《纲要（2021—2025年）》，检查12次。", None, None),
        ("自2019年以来累计检查120次。", None, None),
        ("一是检查12次。三是培训6次。", "numbering", "warning"),
        ("1.压实责任。检查12次。\n3.加强培训。培训6次。", "numbering", "error"),
        ("1.压实责任。检查12次。\n2.加强培训。培训6次。", None, None),
        ("深入开展执法检查,取得明显成效。", "no-figures", "warning"),
        ("开展执法检查十余次,效果好.", "punctuation", "warning"),
    ],
)
def test_body_checks(body: str, code: str | None, severity: str | None) -> None:
    draft = filled_draft()
    draft.items("measures")[0].body = body
    found = {(f.code, f.severity) for f in check_draft(draft) if f.section == "measures"}
    found -= {("length", "info"), ("too-short", "warning"), ("punctuation", "info")}
    assert found == ({(code, severity)} if code else set())


def test_half_width_punctuation_is_a_note_because_export_fixes_it() -> None:
    draft = filled_draft()
    draft.items("duties")[0].body = "区委常委会会议学法13次,专题研究(法治)工作."
    found = [f for f in check_draft(draft) if f.code == "punctuation"]
    assert [(f.severity, f.message) for f in found] == [
        ("info", "中文里有半角标点 ( ) ,，导出时会改为全角"),
        ("warning", "中文句末用了半角“.”，应为“。”"),
    ]


def test_headings_with_their_own_number_and_plans_for_the_wrong_year() -> None:
    draft = filled_draft()
    draft.items("measures")[0].heading = "（一）依法全面履行政府职能"
    draft.items("plans")[0].body = "2024年，我区将持续推进法治政府建设。"
    findings = {(f.code, f.section, f.field): f for f in check_draft(draft)}
    assert findings[("numbering", "measures", "heading")].severity == "error"
    assert "应为2025年" in findings[("year", "plans", "body")].message


def test_title_year_date_and_deadline() -> None:
    draft = filled_draft()
    draft.meta["title"] = "长治市潞州区2023年度法治政府建设情况报告"
    draft.meta["date"] = "2025-04-02"
    found = {(f.code, f.field) for f in check_draft(draft)}
    assert {("year", "meta:title"), ("deadline", "meta:date")} <= found
    draft.meta["date"] = "2025-04-01"
    assert ("deadline", "meta:date") not in {(f.code, f.field) for f in check_draft(draft)}
    draft.meta["date"] = "2024-12-30"
    assert ("date", "meta:date") in {(f.code, f.field) for f in check_draft(draft)}
    department = new_draft("department", {"unit": "潞州区司法局", "year": 2024})
    department.meta["date"] = "2025-03-02"
    deadline = [f for f in check_draft(department) if f.code == "deadline"]
    assert deadline and "2025年3月1日前" in deadline[0].message


def test_invalid_answers_are_errors_on_the_answer() -> None:
    draft = filled_draft()
    draft.meta["unit"] = "长治 潞州"
    found = [f for f in check_draft(draft) if f.code == "meta-invalid"]
    assert [(f.field, f.place) for f in found] == [("meta:unit", "单位名称")]


def test_answers_being_typed_are_findings_or_one_clear_error() -> None:
    draft = filled_draft()
    draft.meta["date"] = "2025-02-30"  # as the TUI's form holds it mid-typing
    found = [f.field for f in check_draft(draft) if f.code == "meta-invalid"]
    assert found == ["meta:date"]
    draft.meta["year"] = "2024年"  # the pack's titles cannot be worked out with it
    with pytest.raises(DraftError, match="报告年度：需要填写整数，而不是 '2024年'"):
        check_draft(draft)


def test_against_last_years_report_flags_copied_paragraphs(tmp_path: Path) -> None:
    report = seed_path("001")
    draft = filled_draft()
    copied = report.read_text(encoding="utf-8").splitlines()[27]  # (三)全面创优法治营商环境…
    draft.items("plans")[0].body = copied.split("。", 1)[1].replace("加快", "加速")
    against_report = [f for f in check_draft(draft, against=report) if f.code == "verbatim"]
    assert len(against_report) == 1 and against_report[0].section == "plans"
    assert "与001_c036f44d06d6f45b.txt几乎相同" in against_report[0].message
    last_year = load_draft(LUZHOU)
    save_draft(last_year, tmp_path / "2023.draft.yaml")
    against_draft = [
        f for f in check_draft(draft, against=tmp_path / "2023.draft.yaml") if f.code == "verbatim"
    ]
    assert [f.section for f in against_draft] == ["plans"]
    assert not [f for f in check_draft(filled_draft(), against=report) if f.code == "verbatim"]


# --- every year rule ---------------------------------------------------------------


def year_findings(body: str, section: str = "measures") -> list[str]:
    """The year findings' messages for `body` in the 2024 draft."""
    draft = filled_draft()
    draft.items(section)[0].body = body
    return [f.message for f in check_draft(draft) if f.code == "year" and f.section == section]


@pytest.mark.parametrize(
    "body",
    [
        "2023年，我区开展执法检查12次。",  # last year's report copied: the commonest slip
        "2022年，我区开展执法检查12次。",
        "2026年，我区开展执法检查12次。",
        "2000年以后首次开展执法检查12次，2023年完成整改。",
    ],
)
def test_a_body_naming_another_year_is_flagged(body: str) -> None:
    (message,) = year_findings(body)
    assert "本报告是2024年度的（应为2024或2025年？）" in message


def test_the_message_names_every_odd_year_once() -> None:
    (message,) = year_findings("2023年检查12次，2022年检查8次，2023年培训6次。")
    assert message.startswith("正文写了2023、2022年")


@pytest.mark.parametrize(
    "body",
    [
        "2024年，我区开展执法检查12次。",  # the year reported on
        "2025年1月，召开总结会议。",  # the next year (written early in it)
        "1998年设立的调解委员会调解纠纷12件。",  # before 2000: history
        "落实《2023年度法治政府建设工作要点》，检查12次。",  # inside a document title
        "编制《法治政府建设规划(2021-2025)》，检查12次。",
        "实施2021—2025年规划，检查12次。",  # a period
        "2021至2025年累计检查12次。",
        "较2023年增长15%。",
        "比2023年增加3次。",
        "与2023年持平。",
        "同比2023年增长5%。",
        "自2019年起开展检查12次。",
        "从2020年开始累计检查120次。",
        "截至2023年底累计120次。",
        "早在2018年即开展。",
        "相比2023年增加3次。",
        "对比2023年增加3次。",
        "以2023年为基数增长5%。",
        "2019年以来累计检查120次。",
        "2019年起累计检查120次。",
        "2020年至今累计检查120次。",
        "2020年之前未开展。",
        "2020年以前未开展。",
        "2020年前未开展。",
        "2020年后全面开展。",
        "2021年期间开展检查12次。",
        "2023年相比增长5%。",
    ],
)
def test_years_that_belong_in_a_body_pass(body: str) -> None:
    assert year_findings(body) == []


def test_plans_for_the_year_reported_on() -> None:
    assert year_findings("2024年，我区将持续推进法治政府建设。", "plans") == [
        "主要安排写的是“2024年……将”，应为2025年？"
    ]
    assert year_findings("2025年，我区将持续推进法治政府建设。", "plans") == []
    # in measures the same sentence is not about plans
    assert year_findings("2024年，我区将执法检查纳入考核，检查12次。") == []


def test_the_title_year_must_be_the_report_year() -> None:
    draft = filled_draft()
    draft.meta["title"] = "长治市潞州区2024年度法治政府建设情况报告"
    assert [f for f in check_draft(draft) if f.field == "meta:title"] == []
    draft.meta["title"] = "长治市潞州区2025年度法治政府建设情况报告"
    (finding,) = [f for f in check_draft(draft) if f.field == "meta:title"]
    assert (finding.severity, finding.message) == ("error", "标题写的是2025年，报告年度是2024年")


@pytest.mark.parametrize(
    ("date", "code"),
    [
        ("2024-12-31", "date"),  # before the year it reports on is over
        ("2025-01-01", None),
        ("2025-04-01", None),  # the deadline itself
        ("2025-04-02", "deadline"),
        ("2026-01-10", "deadline"),
    ],
)
def test_the_date_against_the_year_and_the_deadline(date: str, code: str | None) -> None:
    draft = filled_draft()
    draft.meta["date"] = date
    found = [f.code for f in check_draft(draft) if f.field == "meta:date"]
    assert found == ([code] if code else [])
