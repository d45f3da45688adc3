"""Bounded YAML: plain data with positions; anchors, aliases, merge keys, tags and deep
nesting refused where they stand, for drafts, outlines and the corpus manifest alike."""

from __future__ import annotations

import pytest
import yaml
from conftest import CORPUS

from drafter.errors import CorpusError
from drafter.paths import bundled_dir
from drafter.yamlmarks import MAX_DEPTH, load_marked, load_plain


@pytest.mark.parametrize(
    "path", [CORPUS / "manifest.yaml", bundled_dir("templates") / "standard" / "outline.yaml"]
)
def test_plain_yaml_loads_as_pyyaml_loads_it(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert load_plain(text, path, CorpusError) == yaml.safe_load(text)
    assert load_marked(text, path, CorpusError).data == yaml.safe_load(text)


def test_positions_of_values_and_keys() -> None:
    marked = load_marked("a:\n  - x\n  - {b: 2}\nc: 2024-01-19\n", "f.yaml", CorpusError)
    assert marked.data["c"].isoformat() == "2024-01-19"
    assert marked.positions[("a", 1, "b")] == (3, 9)
    assert marked.key_positions[("c",)] == (4, 1) and marked.line(("a", 0)) == 2


@pytest.mark.parametrize("load", [load_plain, load_marked])
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "reports:\n  a.txt: &e {year: 2024}\n  b.txt: *e\n",
            "第2行第10列：不支持 YAML 锚点",
        ),
        ("reports:\n  <<: {a.txt: {year: 2024}}\n", "第2行第3列：不支持 YAML 合并键"),
        ("reports:\n  a.txt:\n    year: !!int\n", "第3行第11列：不支持 YAML 标签"),
        ("reports: " + "[" * 40 + "]" * 40, f"第1行第{9 + MAX_DEPTH}列：嵌套超过"),
        ("reports:\n  [a]: 1\n", "第2行第3列：键只能是简单的文字，不能是列表或映射"),
        ("reports: {a: 1, a: 2}\n", "第1行第17列：'a' 写了两次，请删去一处"),
        ("reports: [1\n", "第2行第1列：YAML 格式有误：方括号 [ ] 没有配对，或两项之间缺少英文逗号"),
    ],
)
def test_what_is_refused_is_one_located_line(load, text: str, problem: str) -> None:
    with pytest.raises(CorpusError) as caught:
        load(text, "manifest.yaml", CorpusError)
    assert str(caught.value).startswith(f"manifest.yaml：{problem}")


def test_values_their_type_cannot_hold_are_kept_as_written() -> None:
    data = load_plain(f"a: 2025-02-30\nb: {'9' * 5000}\nc: '<<'\nd: <<\n", "f", CorpusError)
    assert data == {"a": "2025-02-30", "b": "9" * 5000, "c": "<<", "d": "<<"}


SLIPS = [
    ("a: b\n  c: d\n", "第2行第4列", "这里不能有冒号（缩进不对？值里有冒号时请给整个值加引号）"),
    ("a: 1\nb: [1, 2\n", "第3行第1列", "方括号 [ ] 没有配对，或两项之间缺少英文逗号"),
    ("a: {x: 1\n", "第2行第1列", "花括号 { } 没有配对，或两项之间缺少英文逗号"),
    ('a: "abc\n', "第2行第1列", "文件意外结束（引号没有配对？）"),
    ("- a\nb: 1\n", "第2行第1列", "缩进不对：这一行和上面的行没有对齐"),
    ("a:\n  - 1\n  b: 2\n", "第3行第3列", "缩进不对：这一行和上面的行没有对齐"),
    ("key: 'abc\n---\n", "第2行第1列", "引号没有配对：到了 --- 这一行还没有结束"),
    (
        'a: "C:\\q"\n',
        None,  # PyYAML and libyaml point at different characters of the escape
        "双引号里的反斜杠 \\ 用得不对（要写反斜杠本身请写两个，或改用单引号）",
    ),
]


@pytest.mark.parametrize("load", [load_plain, load_marked])
@pytest.mark.parametrize(("text", "where", "problem"), SLIPS)
def test_syntax_slips_are_said_in_chinese(load, text: str, where: str | None, problem: str) -> None:
    """PyYAML (drafts, outlines) and libyaml (the manifest) word them alike."""
    with pytest.raises(CorpusError) as caught:
        load(text, "f.yaml", CorpusError)
    position, _, said = caught.value.problem.partition("：")
    assert said == f"YAML 格式有误：{problem}" and position == (where or position)
    assert position.startswith("第") and position.endswith("列")


@pytest.mark.parametrize(
    ("load", "problem"),
    [
        (load_marked, "这里不能用 Tab（缩进只能用空格）"),
        (
            load_plain,
            "这里有不能开头的字符（缩进只能用空格，不能用 Tab；以 @ ` 等符号开头的值请加引号）",
        ),
    ],
)
def test_a_tab_is_named_where_the_parser_says_which_character(load, problem: str) -> None:
    with pytest.raises(CorpusError) as caught:
        load("a:\n\tb: 1\n", "f.yaml", CorpusError)
    assert caught.value.problem == f"第2行第1列：YAML 格式有误：{problem}"


def test_a_character_the_parser_names_is_named() -> None:
    with pytest.raises(CorpusError) as caught:
        load_marked("a: @x\n", "f.yaml", CorpusError)
    assert caught.value.problem == (
        "第1行第4列：YAML 格式有误：这里不能以 '@' 开头（以 @ ` 等符号开头的值请加引号）"
    )
