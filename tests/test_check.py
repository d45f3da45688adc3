"""Checks: each finding is real, located, and the seeds' own content passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import seed_path

from drafter.check import check_draft
from drafter.draft import Draft, Item, load_draft, new_draft, save_draft
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
