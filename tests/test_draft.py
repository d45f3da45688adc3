"""Drafts: new from a pack, YAML a person can edit, atomic saves, clear load errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter.drafting.draft import Item, dump_draft, load_draft, new_draft, parse_draft, save_draft
from drafter.errors import DraftError

META = {"unit": "长治市潞州区", "year": 2024, "date": "2025-01-19"}


def test_new_draft_holds_the_packs_suggested_items() -> None:
    draft = new_draft("standard", META)
    assert draft.meta["title"] == "长治市潞州区2024年度法治政府建设情况报告"
    measures = draft.items("measures")
    assert len(measures) == 9 and all(item.body == "" for item in measures)
    assert measures[3] == Item("坚持严格规范公正文明执法", "", "行政执法")
    opening = draft.items("opening")[0].body
    assert opening.startswith("2024年，长治市潞州区坚持") and opening.endswith("报告如下：")
    assert draft.items("other") == []
    department = new_draft("department", {"unit": "长治市潞州区司法局", "year": 2024})
    assert department.meta["issuer"] == "长治市潞州区司法局"


def test_new_draft_refuses_bad_answers() -> None:
    with pytest.raises(DraftError, match="单位名称：必填"):
        new_draft("standard", {"year": 2024})
    with pytest.raises(DraftError, match="报告年度：需要填写整数"):
        new_draft("standard", {"unit": "潞州区", "year": "去年"})


def test_yaml_round_trip_is_readable_and_exact() -> None:
    draft = new_draft("standard", META)
    draft.items("measures")[0].body = "一是深化“放管服”改革。\n二是优化营商环境，办结{数量}件。"
    draft.items("other").append(Item("对全市的意见建议", "建议加强执法培训。"))
    text = dump_draft(draft)
    assert "    body: |-\n      一是深化“放管服”改革。\n      二是优化营商环境" in text
    assert "unit: 长治市潞州区" in text  # Chinese kept readable, not \u escapes
    again = parse_draft(text, "x.draft.yaml")
    assert again.meta == draft.meta and again.sections == draft.sections
    assert (
        again.lines[("measures", 0, "body")] == text[: text.index("    body: |-")].count("\n") + 1
    )


def test_hand_written_shorthand_is_accepted() -> None:
    text = (
        "template: standard\n"
        "meta: {unit: 潞州区, year: 2024, date: 2025-01-19}\n"
        "sections:\n"
        "  shortcomings:\n"
        "    - 法律顾问作用发挥不够。\n"
        "  measures:\n"
        "    - {heading: 依法行政, topic: enforcement, body: 开展执法检查12次。}\n"
    )
    draft = parse_draft(text)
    assert draft.meta["date"] == "2025-01-19"  # a YAML date becomes ISO text
    assert draft.items("shortcomings") == [Item(body="法律顾问作用发挥不够。")]
    assert draft.items("measures")[0].topic == "行政执法"
    assert draft.items("plans") == []


def test_save_is_atomic_and_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "2024.draft.yaml"
    draft = new_draft("standard", META)
    assert save_draft(draft, path) == path and draft.path == path
    first = path.read_text(encoding="utf-8")
    draft.items("plans")[0].body = "2025年，我区将持续推进法治政府建设。"
    save_draft(draft)
    assert (tmp_path / "2024.draft.yaml~").read_text(encoding="utf-8") == first
    assert load_draft(path).items("plans")[0].body.startswith("2025年，我区将")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024.draft.yaml", "2024.draft.yaml~"]


def test_save_to_an_unwritable_place_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DraftError, match=r"无法写入（路径中有一段不是文件夹）"):
        save_draft(new_draft("standard", META), blocker / "sub" / "d.draft.yaml")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("template: standard\nmeta: {unit: [1\n", r"第3行第1列：YAML 格式有误：方括号 \[ \] 没"),
        ("- a\n- b\n", r"第1行第1列：草稿应由 template、meta、sections 几项组成"),
        ("template: standard\nauthor: me\n", r"第2行第1列：草稿里没有 'author' 这一项（可有："),
        ("template: nope\n", r"第1行第11列：没有名为 'nope' 的模板包（现有：department、"),
        (
            "template: standard\nmeta:\n  year: 明年\n",
            r"第3行第9列：报告年度：需要填写整数",
        ),
        (
            "template: standard\nmeta:\n  mayor: 张三\n",
            r"第3行第3列：模板包不问 'mayor' 这一项（可填：unit、year、",
        ),
        ("template: standard\nmeta:\n  date: 2025-02-30\n", r"第3行第9列：成文日期：需要"),
        ("template: standard\nmeta:\n  joint: 也许\n", r"第3行第10列：.*请从 否、是 中选择"),
        (
            "template: standard\nsections:\n  wishes: []\n",
            r"第3行第3列：模板包没有 'wishes' 这一部分（有：opening、measures、",
        ),
        (
            "template: standard\nsections:\n  measures:\n    - heading: 执法\n      text: 检查\n",
            r"第5行第7列：条目里没有 'text' 这一项（可有：heading、body、topic）$",
        ),
        (
            "template: standard\nsections:\n  measures:\n    - {topic: 外交}\n",
            r"第4行第15列：没有 '外交' 这个主题（可选：政府职能、制度体系、行政决策、",
        ),
        (
            "template: standard\nsections:\n  opening: [甲, 乙]\n",
            r"第3行第16列：'opening' 这一部分只能有一个条目$",
        ),
        (
            "template: standard\nsections:\n  plans: 明年\n",
            r"第3行第10列：每一部分应是一串“- heading/body”条目$",
        ),
        (
            "template: standard\nmeta:\n  unit: 1\n  unit: 2\n",
            r"第4行第3列：'unit' 写了两次，请删去一处$",
        ),
        (
            "template: standard\nmeta:\n  unit: 潞州\x07区\n",
            r"第3行第11列：YAML 格式有误：不能有控制字符 U\+0007，请删去它$",
        ),
    ],
)
def test_load_errors_name_line_and_column(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "bad.draft.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DraftError, match=rf"^{path}：{problem}") as caught:
        load_draft(path)
    assert "\n" not in str(caught.value)


def test_files_that_are_not_drafts(tmp_path: Path) -> None:
    missing = tmp_path / "missing.draft.yaml"
    with pytest.raises(DraftError, match=f"^{missing}：找不到这个文件$"):
        load_draft(missing)
    binary = tmp_path / "report.docx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00")
    advice = "不是 UTF-8 文本，不像是草稿（写好的报告请用 drafter import 转成草稿）"
    with pytest.raises(DraftError, match=f"^{binary}：{advice}$"):
        load_draft(binary)


_DEEP = "[" * 5000 + "]" * 5000
_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)
)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("template: standard\nmeta:\n  year: !!int\n", "第3行第9列：不支持 YAML 标签"),
        ("template: standard\nmeta:\n  date: !!timestamp\n", "第3行第9列：不支持 YAML 标签"),
        ("template: standard\nmeta:\n  <<: {unit: x}\n", "第3行第3列：不支持 YAML 合并键"),
        ("template: standard\nmeta:\n  !!int x: 1\n", "第3行第3列：不支持 YAML 标签"),
        ("template: standard\nmeta: &m\n  unit: *m\n", "第2行第7列：不支持 YAML 锚点"),
        ("template: standard\nmeta:\n  unit: *m\n", "第3行第9列：不支持 YAML 别名"),
        (f"template: standard\nmeta: {_DEEP}\n", "第2行第38列：嵌套超过 32 层"),
        (_LAUGHS, "第1行第4列：不支持 YAML 锚点"),
        ("template: standard\n---\ntemplate: standard\n", "第2行第1列：一个文件只能有一份"),
        ("template: standard\nmeta:\n  year: 9999\n", "第3行第9列：报告年度：需要 1949"),
        ("template: standard\nmeta:\n  year: 20245\n", "报告年度：需要 1949 到 2100 之间的年份"),
        (f"template: standard\nmeta:\n  year: {'9' * 5000}\n", "报告年度：需要填写整数"),
        ("template: standard\nmeta:\n  date: 9999-12-31\n", "成文日期：需要 1949 到 2101 年之间"),
    ],
    ids=[
        "int-tag", "timestamp-tag", "merge-key", "tag-on-key", "recursive-alias", "alias",
        "deep-nesting", "billion-laughs", "two-documents", "year-9999", "year-20245",
        "year-5000-digits", "date-9999",
    ],
)  # fmt: skip
def test_hostile_yaml_and_impossible_years_are_one_located_line(
    tmp_path: Path, text: str, problem: str
) -> None:
    """Anchors, aliases, merge keys, tags and deep nesting are refused where they stand
    (none can crash the loader, recurse or expand); years beyond any report are refused."""
    path = tmp_path / "bad.draft.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DraftError) as caught:
        load_draft(path)
    message = str(caught.value)
    assert message.startswith(f"{path}：第") and problem in message
    assert "\n" not in message and len(message) < len(str(path)) + 120


def test_a_year_beyond_any_report_is_refused_when_a_draft_is_made() -> None:
    for year in ("9999", "1900", "9" * 5000):
        with pytest.raises(DraftError, match="报告年度：需要") as caught:
            new_draft("standard", {"unit": "甲区", "year": year})
        assert len(str(caught.value)) < 120
    assert new_draft("standard", {"unit": "甲区", "year": "2030"}).meta["year"] == 2030


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_or_a_folder_is_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.draft.yaml"
    os.mkfifo(fifo)  # reading it would wait forever for a writer
    with pytest.raises(DraftError, match=rf"^{fifo}：不是普通文件"):
        load_draft(fifo)
    with pytest.raises(DraftError, match=f"^{tmp_path}：是文件夹，不是文件$"):
        load_draft(tmp_path)


def test_control_characters_and_lone_surrogates_never_enter_a_draft() -> None:
    text = (
        "template: standard\n"
        'meta: {unit: "潞州\\x07区", year: 2024}\n'
        "sections:\n"
        '  other: [{heading: "意\\x1b见", body: "x\\x07y\\ud800z\\r\\n第二段\\t（表）\\ue06c"}]\n'
    )
    draft = parse_draft(text)
    assert draft.meta["unit"] == "潞州区"
    assert draft.items("other") == [Item("意见", "xyz\n第二段\t（表）\ue06c")]
    item = draft.items("other")[0]
    item.body = "typed\x00 text\x85"  # however text arrives, it arrives clean
    assert item.body == "typed text"
    assert parse_draft(dump_draft(draft)).items("other")[0].body == "typed text"


def test_a_bad_answer_can_be_kept_to_be_fixed(tmp_path: Path) -> None:
    """An autosave holding a typo (`year: 20245`) must still open, with the field marked."""
    path = tmp_path / "typo.draft.yaml"
    text = dump_draft(new_draft("standard", META)).replace("year: 2024", "year: 20245")
    path.write_text(text.replace("unit: 长治市潞州区", "unit: [长治市]"), encoding="utf-8")
    with pytest.raises(DraftError, match="第5行第9列：单位名称：需要填写文字"):
        load_draft(path)
    draft = load_draft(path, keep_bad_answers=True)
    assert draft.meta["year"] == 20245 and "unit" not in draft.meta
    assert set(draft.problems) == {("meta", "year"), ("meta", "unit")}
    assert draft.problems[("meta", "year")] == (
        f"{path}：第6行第9列：报告年度：需要 1949 到 2100 之间的年份，而不是 20245"
    )
    with pytest.raises(DraftError, match="报告年度"):
        draft.answers()  # what renders still refuses it
    draft.meta["year"] = 2024
    assert draft.answers()["year"] == 2024
