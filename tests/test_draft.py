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
    with pytest.raises(DraftError, match=r"cannot write"):
        save_draft(new_draft("standard", META), blocker / "sub" / "d.draft.yaml")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("template: standard\nmeta: {unit: [1\n", r"line 3, column 1: invalid YAML"),
        ("- a\n- b\n", r"line 1, column 1: a draft is a mapping"),
        ("template: standard\nauthor: me\n", r"line 2, column 1: unknown key 'author'"),
        ("template: nope\n", r"line 1, column 11: no template pack 'nope'"),
        (
            "template: standard\nmeta:\n  year: 明年\n",
            r"line 3, column 9: 报告年度：需要填写整数",
        ),
        ("template: standard\nmeta:\n  mayor: 张三\n", r"line 3, column 3: unknown answer 'mayor'"),
        ("template: standard\nmeta:\n  date: 2025-02-30\n", r"line 3, column 9: 成文日期：需要"),
        ("template: standard\nmeta:\n  joint: 也许\n", r"line 3, column 10: .*请从 否、是 中选择"),
        (
            "template: standard\nsections:\n  wishes: []\n",
            r"line 3, column 3: unknown section 'wishes'",
        ),
        (
            "template: standard\nsections:\n  measures:\n    - heading: 执法\n      text: 检查\n",
            r"line 5, column 7: unknown key 'text'",
        ),
        (
            "template: standard\nsections:\n  measures:\n    - {topic: 外交}\n",
            r"line 4, column 15: unknown topic '外交'",
        ),
        (
            "template: standard\nsections:\n  opening: [甲, 乙]\n",
            r"line 3, column 16: section 'opening' takes one item",
        ),
        ("template: standard\nsections:\n  plans: 明年\n", r"line 3, column 10: a section holds"),
        ("template: standard\nmeta:\n  unit: 1\n  unit: 2\n", r"line 4, column 3: 'unit' is given"),
        (
            "template: standard\nmeta:\n  unit: 潞州\x07区\n",
            r"line 3, column 11: invalid YAML: control character U\+0007",
        ),
    ],
)
def test_load_errors_name_line_and_column(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "bad.draft.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DraftError, match=rf"^{path}: {problem}") as caught:
        load_draft(path)
    assert "\n" not in str(caught.value)


def test_files_that_are_not_drafts(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="no such file"):
        load_draft(tmp_path / "missing.draft.yaml")
    binary = tmp_path / "report.docx"
    binary.write_bytes(b"PK\x03\x04\xff\xfe\x00")
    with pytest.raises(DraftError, match="not a UTF-8 text file"):
        load_draft(binary)


_DEEP = "[" * 5000 + "]" * 5000
_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)
)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("template: standard\nmeta:\n  year: !!int\n", "line 3, column 9: 不支持 YAML 标签"),
        ("template: standard\nmeta:\n  date: !!timestamp\n", "line 3, column 9: 不支持 YAML 标签"),
        ("template: standard\nmeta:\n  <<: {unit: x}\n", "line 3, column 3: 不支持 YAML 合并键"),
        ("template: standard\nmeta:\n  !!int x: 1\n", "line 3, column 3: 不支持 YAML 标签"),
        ("template: standard\nmeta: &m\n  unit: *m\n", "line 2, column 7: 不支持 YAML 锚点"),
        ("template: standard\nmeta:\n  unit: *m\n", "line 3, column 9: 不支持 YAML 别名"),
        (f"template: standard\nmeta: {_DEEP}\n", "line 2, column 38: 嵌套超过 32 层"),
        (_LAUGHS, "line 1, column 4: 不支持 YAML 锚点"),
        ("template: standard\n---\ntemplate: standard\n", "line 2, column 1: 一个文件只能有一份"),
        ("template: standard\nmeta:\n  year: 9999\n", "line 3, column 9: 报告年度：需要 1949"),
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
    assert message.startswith(f"{path}: line ") and problem in message
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
    with pytest.raises(DraftError, match=rf"^{fifo}: 不是普通文件"):
        load_draft(fifo)
    with pytest.raises(DraftError, match="is a directory"):
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
    with pytest.raises(DraftError, match="line 5, column 9: 单位名称：需要填写文字"):
        load_draft(path)
    draft = load_draft(path, keep_bad_answers=True)
    assert draft.meta["year"] == 20245 and "unit" not in draft.meta
    assert set(draft.problems) == {("meta", "year"), ("meta", "unit")}
    assert draft.problems[("meta", "year")] == (
        f"{path}: line 6, column 9: 报告年度：需要 1949 到 2100 之间的年份，而不是 20245"
    )
    with pytest.raises(DraftError, match="报告年度"):
        draft.answers()  # what renders still refuses it
    draft.meta["year"] = 2024
    assert draft.answers()["year"] == 2024
