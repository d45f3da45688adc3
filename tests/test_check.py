"""Checks: each finding is real, located, and the seeds' own content passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import seed_path

from drafter.drafting.check import check_draft
from drafter.drafting.draft import Draft, Item, load_draft, new_draft, parse_draft, save_draft
from drafter.drafting.outline import copy_pack
from drafter.errors import DraftError

LUZHOU = Path(__file__).parent / "data" / "drafts" / "luzhou2023.draft.yaml"


def codes(draft: Draft, severity: str | None = None, **kwargs: object) -> list[str]:
    return [
        f.code
        for f in check_draft(draft, **kwargs)  # type: ignore[arg-type]
        if severity is None or f.severity == severity
    ]


def filled_draft(template: str = "standard", year: int = 2024) -> Draft:
    """A complete draft of `year` with nothing wrong in it."""
    meta = {"unit": "长治市潞州区", "year": year, "date": f"{year + 1}-01-19"}
    draft = new_draft(template, meta)
    draft.items("opening")[0].body = draft.items("opening")[0].body.replace(
        "{工作概述}", "全区法治政府建设取得积极成效"
    )
    draft.items("measures")[:] = [
        Item("依法全面履行政府职能", "一是实行审批改备案2185件。二是修复信用11681条。", "政府职能")
    ]
    draft.items("duties")[:] = [Item("带头学法", "区委常委会会议学法13次。")]
    draft.items("shortcomings")[0].body = "一是法律顾问作用发挥不够。二是执法人员业务能力不强。"
    draft.items("plans")[0].body = f"{year + 1}年，我区将持续推进法治政府建设。"
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
    # the web copy has no 报告如下, and the published text a real slip:
    # 《法治政府建设实施纲要(2021-2025年》
    assert codes(draft, "warning") == ["opening", "brackets"]
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


LATE = "成文日期 {} 晚于期限：2024年度的报告须于2025年4月1日前报出"
EARLY = "成文日期 {} 早于2024年结束，报告的是2024全年的情况"


@pytest.mark.parametrize(
    ("date", "code", "message"),
    [
        ("2024-12-31", "date", EARLY),  # before the year it reports on is over
        ("2025-01-01", None, None),
        ("2025-04-01", None, None),  # the deadline itself
        ("2025-04-02", "deadline", LATE),
        ("2026-01-10", "deadline", LATE),
    ],
)
def test_the_date_against_the_year_and_the_deadline(
    date: str, code: str | None, message: str | None
) -> None:
    draft = filled_draft()
    draft.meta["date"] = date
    found = [(f.severity, f.code, f.place, f.message) for f in check_draft(draft) if f.field]
    assert found == ([("warning", code, "成文日期", message.format(date))] if message else [])


# --- each finding exactly: severity, code, place, message ------------------------------

Row = tuple[str, str, str | None, int | None, str | None, str, str]


def rows(draft: Draft, *wanted: str, against: Path | None = None) -> list[Row]:
    """The findings as (severity, code, section, item, field, place, message), in order;
    only those whose code is in `wanted` when given."""
    return [
        (f.severity, f.code, f.section, f.item, f.field, f.place, f.message)
        for f in check_draft(draft, against=against)
        if not wanted or f.code in wanted
    ]


def pack_with(name: str, *edits: tuple[str, str]) -> str:
    """A copy of the standard pack in the user's folder with its outline edited."""
    outline = copy_pack("standard", name) / "outline.yaml"
    text = outline.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    outline.write_text(text, encoding="utf-8")
    return name


MEASURE_TEXT = "全区开展行政执法检查十二次，培训执法人员三百人次，办理行政复议案件四十件。"


def text_of(size: int) -> str:
    """Realistic body text of exactly `size` characters."""
    return (MEASURE_TEXT * (size // len(MEASURE_TEXT) + 1))[:size]


def test_findings_come_in_document_order_each_with_its_place() -> None:
    draft = filled_draft()
    draft.meta["title"] = "长治市潞州区2022年至2023年法治政府建设情况报告"
    draft.items("measures")[0].body = "2023年，我区实行审批改备案2185件。"
    draft.items("duties")[0].body = ""  # an empty part in the middle: the later ones still count
    assert rows(draft) == [
        (
            "error", "year", None, None, "meta:title", "报告标题",
            "标题写的是2022、2023年，报告年度是2024年",
        ),
        ("info", "length", "opening", None, None, "开头语", "“开头语”75字"),
        ("info", "length", "measures", None, None, "主要举措和成效", "“主要举措和成效”31字"),
        (
            "warning", "too-short", "measures", None, None, "主要举措和成效",
            "“主要举措和成效”只有31字，一般不少于1500字",
        ),
        (
            "warning", "year", "measures", 0, "body", "主要举措和成效 依法全面履行政府职能",
            "正文写了2023年，本报告是2024年度的（应为2024或2025年？）",
        ),
        (
            "error", "section-empty", "duties", None, None, "第一责任人职责",
            "必写部分“第一责任人职责”还没有内容",
        ),
        (
            "warning", "item-empty", "duties", 0, "heading", "第一责任人职责 带头学法",
            "小标题下还没有正文：写上内容，或删去这一项",
        ),
        (
            "info", "length", "shortcomings", None, None, "存在的不足和原因",
            "“存在的不足和原因”26字",
        ),
        (
            "warning", "too-short", "shortcomings", None, None, "存在的不足和原因",
            "“存在的不足和原因”只有26字，一般不少于150字",
        ),
        ("info", "length", "plans", None, None, "下一年度主要安排", "“下一年度主要安排”20字"),
        (
            "warning", "too-short", "plans", None, None, "下一年度主要安排",
            "“下一年度主要安排”只有20字，一般不少于300字",
        ),
        ("info", "length", None, None, None, "全文", "全文正文共156字"),
        ("warning", "too-short", None, None, None, "全文", "全文只有156字，一般不少于3000字"),
    ]


DRAFT_FILE = """\
template: standard
meta:
  unit: 长治市潞州区
  year: 2024
  title: 长治市潞州区2023年度法治政府建设情况报告
  date: '2025-01-19'
sections:
  opening:
  - 2024年，全区法治政府建设取得积极成效。现将有关情况报告如下：
  measures:
  - heading: （一）依法全面履行政府职能
    body: 2023年，我区实行审批改备案2185件。
  - heading: 完善依法行政制度体系
  shortcomings:
  - 一是{问题}。
  plans:
  - body: |-
      2025年，我区将持续推进法治政府建设。
      1.深化改革，办结事项100件。
      3.加强培训，培训200人次。
"""


def test_each_finding_names_its_line_in_the_draft_file(tmp_path: Path) -> None:
    path = tmp_path / "2024.draft.yaml"
    path.write_text(DRAFT_FILE, encoding="utf-8")
    found = [
        (f.code, f.section, f.item, f.field, f.line)
        for f in check_draft(load_draft(path))
        if f.code not in ("length", "too-short")
    ]
    assert found == [
        ("year", None, None, "meta:title", 5),
        ("numbering", "measures", 0, "heading", 11),
        ("year", "measures", 0, "body", 12),  # the body's own line, not the item's
        ("item-empty", "measures", 1, "heading", 13),
        ("section-empty", "duties", None, None, None),
        ("placeholder", "shortcomings", 0, "body", 15),  # an item written as plain text
        ("numbering", "plans", 0, "body", 17),
    ]


def test_a_draft_with_no_parts_yet_lists_every_required_part() -> None:
    draft = Draft("standard", {"unit": "长治市潞州区", "year": 2024, "date": "2025-01-19"}, {})
    assert rows(draft) == [
        ("error", "section-empty", key, None, None, label, f"必写部分“{label}”还没有内容")
        for key, label in [
            ("opening", "开头语"),
            ("measures", "主要举措和成效"),
            ("duties", "第一责任人职责"),
            ("shortcomings", "存在的不足和原因"),
            ("plans", "下一年度主要安排"),
        ]
    ] + [("info", "length", None, None, None, "全文", "全文正文共0字")]


def test_answers_are_checked_for_placeholders_and_punctuation() -> None:
    draft = filled_draft()
    draft.meta["title"] = "长治市潞州区{年度}法治政府建设情况报告(送审稿)"
    assert rows(draft, "placeholder", "punctuation") == [
        ("error", "placeholder", None, None, "meta:title", "报告标题", "还有1处待填：{年度}"),
        (
            "info", "punctuation", None, None, "meta:title", "报告标题",
            "中文里有半角标点 ( )，导出时会改为全角",
        ),
    ]


def test_a_text_answer_is_checked_like_a_title() -> None:
    question = (
        "  - key: summary\n    label: 工作概述\n    type: text\n    required: false\n"
    )
    pack = pack_with("summary", ("  - key: date\n", question + "  - key: date\n"))
    draft = new_draft(pack, {"unit": "长治市潞州区", "year": 2024, "date": "2025-01-19"})
    draft.meta["summary"] = "全区法治政府建设取得积极成效,{主要成效}"
    assert [row for row in rows(draft) if row[4] == "meta:summary"] == [
        ("error", "placeholder", None, None, "meta:summary", "工作概述", "还有1处待填：{主要成效}"),
        (
            "info", "punctuation", None, None, "meta:summary", "工作概述",
            "中文里有半角标点 ,，导出时会改为全角",
        ),
    ]


def test_every_placeholder_left_is_named_once() -> None:
    draft = filled_draft()
    draft.items("measures")[0].body = "办理复议案件{数量}件，纠错率{比例}，较上年增加{数量}件。"
    assert rows(draft, "placeholder") == [
        (
            "error", "placeholder", "measures", 0, "body", "主要举措和成效 依法全面履行政府职能",
            "还有3处待填：{数量}、{比例}",
        )
    ]


def test_an_invalid_answer_is_an_error_saying_what_is_wrong() -> None:
    draft = filled_draft()
    draft.meta["unit"] = "长治 潞州"
    assert rows(draft, "meta-invalid") == [
        (
            "error", "meta-invalid", None, None, "meta:unit", "单位名称",
            "单位名称：格式不对（写全称，用于标题和正文，如：长治市潞州区）",
        )
    ]


def test_without_a_year_no_year_or_date_rule_runs() -> None:
    """A pack whose year has no default, in a draft whose year was deleted: only the
    missing answer is reported, no rule guesses a year."""
    pack = pack_with("noyear", ('    default: "{{ today[:4] | int - 1 }}"\n', ""))
    text = DRAFT_FILE.replace("template: standard", f"template: {pack}").replace(
        "  year: 2024\n", ""
    )
    found = [
        (f.severity, f.code, f.field, f.message)
        for f in check_draft(parse_draft(text))
        if f.code in ("meta-invalid", "year", "date", "deadline")
    ]
    assert found == [("error", "meta-invalid", "meta:year", "报告年度：必填")]


def test_an_optional_date_left_empty_is_not_checked() -> None:
    pack = pack_with(
        "nodate",
        ("    type: date\n    default: \"{{ today }}\"\n", "    type: date\n    required: false\n"),
    )
    draft = new_draft(pack, {"unit": "长治市潞州区", "year": 2024})
    assert "date" not in draft.meta
    assert rows(draft, "meta-invalid", "date", "deadline") == []


@pytest.mark.parametrize(
    ("body", "found"),
    [
        (
            "现将有关情况报告如下。",
            [
                (
                    "warning", "opening", "opening", 0, "body", "开头语 第1段",
                    "开头语一般以“现将有关情况报告如下：”结尾",
                )
            ],
        ),
        ("全区法治政府建设取得积极成效。现将有关情况汇报如下：", []),
        ("全区法治政府建设取得积极成效。现将有关情况报告如下:", []),
    ],
)
def test_the_opening_leads_into_the_report(body: str, found: list[Row]) -> None:
    draft = filled_draft()
    draft.items("opening")[0].body = body
    assert rows(draft, "opening") == found


def test_a_year_in_a_heading_is_not_reported_against_its_body() -> None:
    draft = filled_draft()
    draft.items("measures")[0].heading = "2023年度重点改革任务"
    assert [f for f in check_draft(draft) if f.code == "year" and f.field == "body"] == []


@pytest.mark.parametrize(
    ("body", "years"),
    [
        ("2000年以后首次开展执法检查12次，2023年完成整改。", "2000、2023"),  # 2000 is not history
        ("2024年检查12次，2023年检查8次。", "2023"),  # after a year that is fine
        ("自2019年以来累计检查120次，2023年完成整改。", "2023"),  # after one in context
        ("我区2022年开展执法检查12次。", "2022"),
    ],
)
def test_every_odd_year_of_a_body_is_named(body: str, years: str) -> None:
    assert year_findings(body) == [f"正文写了{years}年，本报告是2024年度的（应为2024或2025年？）"]


def test_a_year_in_context_passes_anywhere_in_a_sentence() -> None:
    assert year_findings("我区2019年以来累计检查120次。") == []
    assert year_findings("全区执法检查次数较2023年增长15%，2020年以来累计检查600次。") == []


def test_plans_for_the_year_reported_on_are_one_warning_on_the_plans() -> None:
    draft = filled_draft()
    draft.items("plans")[:] = [
        Item(body="2025年，我区将持续推进法治政府建设。"),
        Item(body="2024年，我区将深化行政执法改革。2024年，我区将加强培训。"),
    ]
    assert rows(draft, "year") == [
        (
            "warning", "year", "plans", 1, "body", "下一年度主要安排 第2段",
            "主要安排写的是“2024年……将”，应为2025年？",
        )
    ]


NUMBERING = "主要举措和成效 完善依法行政制度体系"


@pytest.mark.parametrize(
    ("body", "severity", "message"),
    [
        ("1.压实责任，检查12次。\n3.加强培训。", "error", "段落编号“3.”不连续，此处应为“2.”"),
        ("2.加强培训，培训6次。", "error", "段落编号“2.”不连续，此处应为“1.”"),
        ("（1）压实责任。\n（3）加强培训。", "error", "段落编号“（3）”不连续，此处应为“（2）”"),
        (
            "1.压实责任。\n（1）检查12次。\n（2）约谈3次。\n2.加强培训。\n（2）培训6次。",
            "error",
            "段落编号“（2）”不连续，此处应为“（1）”",  # each numbered paragraph starts over
        ),
        ("一是检查12次。三是培训6次。", "warning", "“三是”前面应是“二是”（序号不连续）"),
        ("二是培训6次。", "warning", "“二是”前面应是“一是”（序号不连续）"),
        (
            "1.压实责任。一是检查12次；二是约谈3次。\n2.加强培训。二是培训6次。",
            "warning",
            "“二是”前面应是“一是”（序号不连续）",
        ),
    ],
)
def test_numbers_the_writer_typed_must_run_on(body: str, severity: str, message: str) -> None:
    draft = filled_draft()
    draft.items("measures").append(Item("完善依法行政制度体系", body, "制度体系"))
    assert rows(draft, "numbering") == [
        (severity, "numbering", "measures", 1, "body", NUMBERING, message)
    ]


@pytest.mark.parametrize(
    "body",
    [
        "1.压实责任，检查12次。\n2.加强培训，培训6次。\n1.新的一节重新编号。",
        "1.压实责任。\n（1）检查12次。\n（2）约谈3次。\n2.加强培训。\n（1）培训6次。",
        "一是检查12次。二是约谈3次。另一方面，一是培训6次；二是考试2次。",
    ],
)
def test_numbering_that_starts_over_passes(body: str) -> None:
    draft = filled_draft()
    draft.items("measures")[0].body = body
    assert rows(draft, "numbering") == []


def test_a_heading_with_its_own_number_is_an_error_on_the_heading() -> None:
    draft = filled_draft()
    draft.items("measures").append(Item("二、完善依法行政制度体系", "出台规范性文件3件。"))
    assert rows(draft, "numbering") == [
        (
            "error", "numbering", "measures", 1, "heading",
            "主要举措和成效 二、完善依法行政制度体系",
            "小标题自带编号“二、”，drafter 会自动编号，请删去",
        )
    ]


def test_a_measure_without_a_figure_is_a_warning_on_its_body() -> None:
    draft = filled_draft()
    draft.items("measures").append(Item("完善依法行政制度体系", "2024年3月，开展规范性文件清理。"))
    assert rows(draft, "no-figures") == [
        (
            "warning", "no-figures", "measures", 1, "body", NUMBERING,
            "这一项没有一个具体数字：写上做了多少、增减多少、比例多少",
        )
    ]


def test_punctuation_findings_are_on_the_text_they_are_in() -> None:
    draft = filled_draft()
    draft.items("duties").append(Item("统筹谋划部署", "召开常务会议4次,研究法治工作."))
    found = [(f.severity, f.section, f.item, f.field) for f in check_draft(draft)]
    assert found.count(("info", "duties", 1, "body")) == 1  # the half-width comma and stop
    assert found.count(("warning", "duties", 1, "body")) == 1  # the stop


LIMITS = (
    ("    length: {min: 60}\n", "    length: {min: 60, max: 80}\n"),  # the opening
    ("length: {min: 3000, max: 15000}", "length: {min: 300, max: 400}"),  # the whole report
)
OPENING = ("opening", None, None, "开头语")
WHOLE = (None, None, None, "全文")


def _size(draft: Draft) -> int:
    return sum(
        len("".join((item.heading + item.body).split()))
        for items in draft.sections.values()
        for item in items
    )


@pytest.mark.parametrize(
    ("part", "size", "found"),
    [
        ("opening", 59, [("warning", "too-short", *OPENING, "“开头语”只有59字，一般不少于60字")]),
        ("opening", 60, []),
        ("opening", 80, []),
        ("opening", 81, [("warning", "too-long", *OPENING, "“开头语”有81字，超过80字")]),
        (None, 299, [("warning", "too-short", *WHOLE, "全文只有299字，一般不少于300字")]),
        (None, 300, []),
        (None, 400, []),
        (None, 401, [("warning", "too-long", *WHOLE, "全文401字，超过400字")]),
    ],
)
def test_lengths_within_a_packs_limits_pass(part: str | None, size: int, found: list[Row]) -> None:
    """The opening, or the whole report (padded in the plans), at and beyond its limits."""
    draft = filled_draft(pack_with("limits", *LIMITS))
    if part:
        draft.items(part)[0].body = text_of(size)
    else:
        draft.items("plans")[0].body += text_of(size - _size(draft))
        assert _size(draft) == size
        assert ("info", "length", *WHOLE, f"全文正文共{size}字") in rows(draft)
    assert [row for row in rows(draft, "too-short", "too-long") if row[2] == part] == found


# --- against last year's draft ---------------------------------------------------------

THIRTY = "开展执法检查十二次，培训执法人员三百人次，办结复议案件十件。"  # 30 characters


def against_last_year(
    tmp_path: Path, body: str, last_body: str = THIRTY, name: str = "2023.draft.yaml"
) -> list[Row]:
    """The verbatim findings on a 2024 measure `body` against a 2023 draft with `last_body`."""
    last = filled_draft(year=2023)
    last.items("measures")[0].body = last_body
    save_draft(last, tmp_path / name)
    draft = filled_draft()
    draft.items("measures")[0].body = body
    return [row for row in rows(draft, "verbatim", against=tmp_path / name) if row[2] == "measures"]


def copied(name: str) -> Row:
    """The finding on THIRTY copied from last year's draft `name`: its first 16 characters."""
    return (
        "warning", "verbatim", "measures", 0, "body", "主要举措和成效 依法全面履行政府职能",
        f"“开展执法检查十二次，培训执法人员……”与{name}几乎相同（100%），今年的情况应重新写",
    )


@pytest.mark.parametrize("name", ["2023.draft.yaml", "2023.draft.yml", "2023.DRAFT.YAML"])
def test_a_paragraph_copied_from_last_years_draft(tmp_path: Path, name: str) -> None:
    assert len(THIRTY) == 30
    assert against_last_year(tmp_path, THIRTY, name=name) == [copied(name)]


def test_paragraphs_shorter_than_thirty_characters_may_repeat(tmp_path: Path) -> None:
    assert against_last_year(tmp_path, THIRTY[:-1], last_body=THIRTY[:-1]) == []


def test_a_copied_paragraph_after_a_short_one_is_found(tmp_path: Path) -> None:
    assert against_last_year(tmp_path, f"一、强化执法。\n{THIRTY}") == [copied("2023.draft.yaml")]


def test_last_years_sentence_in_a_rewritten_paragraph_is_not_a_copy(tmp_path: Path) -> None:
    rewritten = THIRTY + "2024年新增行政执法人员四十名，全部取得执法证，案卷合格率百分之九十八。"
    assert against_last_year(tmp_path, rewritten) == []
