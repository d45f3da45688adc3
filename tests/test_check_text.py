"""Text hygiene: brackets and quotes, tabs and spaces, pasted numbering, rates, repeats."""

from __future__ import annotations

import pytest
from checking import clean, findings, located

from drafter.drafting.draft import Draft


def found(body: str, index: int = 3, draft: Draft | None = None) -> list[tuple[str, str]]:
    """(code, message) on one measures body of the clean 2024 draft."""
    draft = draft or clean("luzhou2024")
    draft.items("measures")[index].body = body
    return [
        (f.code, f.message)
        for f in findings(draft)
        if (f.section, f.item) == ("measures", index) and f.severity != "info"
    ]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("落实《法治政府建设实施纲要（2021-2025年》，检查12次。", "“（”没有对应的“）”"),
        ("推行“证照分离改革，办理12件。", "““”没有对应的“””"),
        ("推行证照分离”改革，办理12件。", "“””前面没有对应的““”"),
        ("落实《实施方案，办理12件。", "“《”没有对应的“》”"),
        ("开展检查12次）。", "“）”前面没有对应的“（”"),
        ("出台《方案（试行》》，办理12件。", "“（”没有对应的“）”"),
    ],
)
def test_unbalanced_brackets_and_quotes(body: str, problem: str) -> None:
    ((code, message),) = found(body)
    assert code == "brackets" and problem in message


@pytest.mark.parametrize(
    "body",
    [
        "落实《法治政府建设实施纲要(2021-2025年)》，检查12次。",  # ASCII brackets pair too
        "落实《法治政府建设实施纲要（2021—2025年)》，检查12次。",
        "推行“一件事一次办”和“‘放管服’改革”，办理12件。",
        "镇（街道）综合执法办登记案件12件，桃政发〔2024〕6号文件。",
    ],
)
def test_balanced_brackets_pass(body: str) -> None:
    assert found(body) == []


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("开展检查12次。\t培训6次。", "spacing"),
        ("开展执法 检查12次。", "spacing"),
        ("开展执法检查12次， 培训6次。", "spacing"),
        ("开展执法检查12次,　培训6次。", "spacing"),
        ("开展检查 12 次，处理 API 接口问题3个。", None),  # spaces beside Latin and digits
        ("　　开展执法检查12次。", None),  # indentation
        ("开展执法检查12次。（二）严格规范执法。培训6次。", "pasted-numbering"),
        ("开展执法检查12次；二、存在的问题。培训6次。", "pasted-numbering"),
        ("开展执法检查12次。\n（二）严格规范执法，培训6次。", "pasted-numbering"),
        ("依据督察工作规定第二十五条（一）的要求，检查12次。", None),
        ("一是开展检查12次。二是培训6次。", None),
        ("群众满意度达105%，检查12次。", "percent"),
        ("行政机关负责人出庭应诉率102.5%，检查12次。", "percent"),
        ("受理案件数同比增长150%，检查12次。", None),
        ("年度目标完成率120%，检查12次。", None),
        ("办结率100%，检查12次。", None),
        ("检查企业120家，覆盖150%的目标。", None),
    ],
)
def test_spacing_pasted_numbering_and_rates(body: str, code: str | None) -> None:
    assert [c for c, _ in found(body)] == ([code] if code else [])


def test_numbering_of_the_writers_own_list_in_an_item_without_heading() -> None:
    draft = clean("luzhou2024")
    draft.items("measures")[3].heading = ""
    assert found("（一）开展执法检查12次。\n（二）培训执法人员6次。", draft=draft) == []


def test_the_same_sentence_twice() -> None:
    draft = clean("luzhou2024")
    sentence = "推行包容审慎监管，对首次轻微违法行为不予处罚389件。"
    assert sentence in draft.items("measures")[3].body
    draft.items("measures")[4].body += sentence
    got = [f for f in findings(draft) if f.code == "repeated"]
    assert [(f.section, f.item, f.field) for f in got] == [("measures", 4, "body")]
    assert got[0].message == (
        "这句话在“主要举措和成效 坚持严格规范公正文明执法”已经写过："
        "“推行包容审慎监管，对首次轻微违法行为不予处罚38……”，请删去一处或改写"
    )
    draft.items("measures")[3].body += sentence
    again = [f for f in findings(draft) if f.code == "repeated"]
    assert [f.item for f in again] == [3, 4] and "本段前面" in again[0].message
    short = clean("luzhou2024")
    short.items("measures")[3].body += "取得明显成效。取得明显成效。"
    assert [f for f in findings(short) if f.code == "repeated"] == []


def test_a_tab_in_a_heading_and_the_title() -> None:
    draft = clean("luzhou2024")
    draft.items("measures")[3].heading = "坚持严格规范\t公正文明执法"
    draft.meta["title"] = "长治市潞州区2024年度法治政府建设情况报告（"
    got = {(code, field) for code, _, _, field in located(findings(draft))}
    assert got == {("spacing", "heading"), ("brackets", "meta:title")}
