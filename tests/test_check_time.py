"""Time: formulations superseded for the report's year, events after its 成文日期."""

from __future__ import annotations

from pathlib import Path

import pytest
from checking import clean, findings, located

from drafter.drafting.outline import copy_pack
from drafter.errors import TemplateError


def dated(field_text: str, where: str = "body", date: str = "2025-01-22") -> list:
    """(code, field, message) of the time findings for text put in the 2024 draft."""
    draft = clean("luzhou2024")
    draft.meta["date"] = date
    if where == "title":
        draft.meta["title"] = field_text
    else:
        setattr(draft.items("duties")[0], where, field_text)
    return [
        (f.code, f.field, f.message) for f in findings(draft) if f.code in ("dated", "dated-later")
    ]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("深入学习贯彻党的十九大精神，学法11次。", ["dated"]),
        ("学习贯彻党的十九届四中、五中全会精神，学法11次。", ["dated", "dated"]),
        ("落实《法治政府建设实施纲要（2015—2020年）》，学法11次。", ["dated"]),
        ("深化“七五”普法，学法11次。", ["dated"]),
        ("推进“十三五”规划任务，学法11次。", ["dated"]),
        ("统筹推进疫情防控和法治建设，学法11次。", ["dated"]),
        ("学习贯彻党的二十届四中全会精神，学法11次。", ["dated-later"]),
        ("学习贯彻党的二十届二中、三中、四中全会精神，学法11次。", ["dated-later"]),
        # current for 2024, or spoken of as past
        ("学习贯彻党的二十大和二十届二中、三中全会精神，学法11次。", []),
        ("党的十九大以来，累计学法120次。", []),
        ("全面总结“七五”普法工作经验，学法11次。", []),
        ("谋划“十五五”时期法治建设，学法11次。", []),
        ("认真贯彻新修订的《行政复议法》，学法11次。", []),
        ("做好重大动物疫情防控，学法11次。", []),
    ],
)
def test_superseded_and_later_in_a_body(text: str, codes: list[str]) -> None:
    assert [code for code, _, _ in dated(text)] == codes


def test_messages_say_what_to_write_instead() -> None:
    ((_, _, superseded),) = dated("深入学习贯彻党的十九大精神，学法11次。")
    assert superseded == (
        "“十九大”到2022年为止是现行提法，2024年度的报告里已过时，应改为“党的二十大精神”"
    )
    ((_, _, epidemic),) = dated("统筹推进疫情防控和法治建设，学法11次。")
    assert epidemic.endswith("不再作为当前任务：请删去或改写")
    ((_, _, later),) = dated("学习贯彻党的二十届四中全会精神，学法11次。")
    assert later == (
        "“二十届四中全会”（党的二十届四中全会）是2025年10月的事，"
        "晚于本报告的成文日期2025-01-22：请核对，不应出现在本报告中"
    )


def test_without_a_valid_date_the_deadline_decides() -> None:
    text = "学习贯彻党的二十届四中全会精神，学法11次。"
    ((code, _, message),) = dated(text, date="2025-02-30")  # being typed
    assert code == "dated-later" and "晚于本报告的报告期限2025-04-01" in message


def test_the_title_and_headings_are_read_too() -> None:
    title = "长治市潞州区贯彻落实“七五”普法规划暨2024年度法治政府建设情况报告"
    assert [(c, f) for c, f, _ in dated(title, "title")] == [("dated", "meta:title")]
    heading = "深入学习贯彻全面依法治国新理念新思想新战略"
    assert [(c, f) for c, f, _ in dated(heading, "heading")] == [("dated", "heading")]


def test_a_packs_own_formulations(drafter_home: Path) -> None:
    pack = copy_pack("standard", "mine")
    (pack / "formulations.yaml").write_text(
        "formulations:\n"
        "  - name: 某省法治政府建设规划（2021—2025年）\n"
        "    patterns: ['某省法治政府建设规划']\n"
        "    since: 2021-06\n"
        "    current_through: 2023\n"
        "    instead: 某省新一轮规划\n"
        "    source: 省委、省政府印发，2021年6月\n",
        encoding="utf-8",
    )
    draft = clean("luzhou2024")
    draft.items("duties")[0].body = "落实某省法治政府建设规划，学法11次。"
    draft.template = "standard"
    assert [f for f in findings(draft) if f.code == "dated"] == []
    draft.template = "mine"
    found = [f for f in findings(draft) if f.code == "dated"]
    assert located(found) == [("dated", "duties", 0, "body")]
    assert "应改为“某省新一轮规划”" in found[0].message
    (pack / "formulations.yaml").write_text("formulations:\n  - name: 缺少日期\n", "utf-8")
    with pytest.raises(TemplateError, match=r"formulations\.yaml：第1条：patterns"):
        findings(draft)
    (pack / "formulations.yaml").write_text("formulations: [\n", "utf-8")
    with pytest.raises(TemplateError, match=r"formulations\.yaml：第\d+行第\d+列：YAML 格式有误"):
        findings(draft)
    (pack / "formulations.yaml").write_text("a: &x [1]\nb: *x\n", "utf-8")  # no aliases
    with pytest.raises(TemplateError, match=r"formulations\.yaml：第1行第\d+列"):
        findings(draft)
