"""Against last year: sentences reused in new paragraphs, figures left unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from checking import clean, findings, seed
from conftest import DATA

LAST_YEAR = seed("001")  # 长治市潞州区2023年度, last year of the 2024 clean draft
LAST_DRAFT = DATA / "drafts" / "luzhou2023.draft.yaml"


def against(body: str, section: str = "measures", last: Path = LAST_YEAR) -> list[tuple[str, str]]:
    draft = clean("luzhou2024")
    draft.items(section)[0].body = body
    return [
        (f.code, f.message)
        for f in findings(draft, last)
        if f.code in ("reused", "same-figure", "verbatim")
    ]


def codes(body: str, section: str = "measures", last: Path = LAST_YEAR) -> list[str]:
    return [code for code, _ in against(body, section, last)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a sentence of last year's, alone in a new paragraph
        ("区政府及工作部门严格落实重大行政决策程序规定，决策中履行合法性审查、集体讨论及行政"
         "决策执行跟踪反馈机制。今年新建立了合同审查台账，审查合同132件。", ["reused"]),
        # its year changed only; and a figure for the same measure
        ("2024年，开展执法案卷评查5次，设立行政执法监督联系点13个。新增监督员8名。",
         ["reused", "same-figure"]),
        # the tail of a long sentence of last year's
        ("对镇（街道）执法人员的业务指导和实战教学不到位，导致镇（街道）执法人员专业化水平不强。"
         "今年已组织专题培训3期。", ["reused"]),
        # stock formulae only, and short sentences
        ("坚持以习近平新时代中国特色社会主义思想为指导，深入学习宣传贯彻党的二十大精神及习近平"
         "法治思想。审批改备案2300件。", []),
        ("二是持续优化政务服务环境。审批改备案2300件。", []),
    ],
)  # fmt: skip
def test_sentences_of_last_years_report(body: str, expected: list[str]) -> None:
    assert codes(body) == expected


def test_the_message_names_last_years_file_and_the_sentence() -> None:
    ((_, message),) = against(
        "区政府及工作部门严格落实重大行政决策程序规定，决策中履行合法性审查、集体讨论及行政"
        "决策执行跟踪反馈机制。审查合同132件。"
    )
    assert message == (
        "这句与001_c036f44d06d6f45b.txt相同：“区政府及工作部门严格落实重大行政决策程序规定，决……”，"
        "今年的情况应重新写"
    )


@pytest.mark.parametrize(
    ("body", "section", "expected"),
    [
        ("全年共受理行政复议案件35件，办结率98%。", "measures", ["same-figure"]),
        ("全区审结行政复议案件27件。", "measures", []),  # 审结27件 last year, another measure
        ("审结27件，办结率98%。", "measures", ["same-figure"]),
        ("办理行政应诉案件35件。", "measures", []),  # the same number for another measure
        ("召开专题会议5次，办结率100%。", "measures", []),  # small counts, 100%
        ("全年共受理行政复议案件35件。", "plans", []),  # a target, not a result
    ],
)
def test_the_same_figure_for_the_same_measure(body: str, section: str, expected: list) -> None:
    assert codes(body, section) == expected


def test_the_figure_is_quoted_for_the_writer_to_confirm() -> None:
    ((_, message),) = against("全年共受理行政复议案件35件，办结率98%。")
    assert message == (
        "“全年共受理行政复议案件35件”与001_c036f44d06d6f45b.txt的数字相同：请确认是今年的数字"
    )


def test_against_last_years_draft_and_whole_paragraphs() -> None:
    body = (
        "区政府及工作部门严格落实重大行政决策程序规定，决策中履行合法性审查、集体讨论及行政"
        "决策执行跟踪反馈机制。审查合同132件。"
    )
    assert codes(body, last=LAST_DRAFT) == ["reused"]
    draft = clean("luzhou2024")
    whole = clean("luzhou2023").items("measures")[1].body
    draft.items("measures")[0].body = whole
    found = [f.code for f in findings(draft, LAST_YEAR) if f.section == "measures"]
    # the paragraph is flagged once as a whole, not sentence by sentence
    assert found.count("verbatim") == 1 and "reused" not in found
    assert "same-figure" in found


def test_the_clean_draft_has_nothing_from_last_year() -> None:
    found = findings(clean("luzhou2024"), LAST_YEAR)
    assert [f for f in found if f.code in ("reused", "same-figure", "verbatim")] == []
