"""Text normalisation: Chinese numerals and display punctuation."""

from __future__ import annotations

import pytest

from drafter.textnorm import chinese_number, parse_chinese_number, to_display


def test_chinese_numbers_round_trip() -> None:
    assert [parse_chinese_number(chinese_number(n)) for n in range(100)] == list(range(100))


@pytest.mark.parametrize("text", ["十四五", "七五", "一二", "零十", "十零", "", "百"])
def test_what_is_not_a_chinese_number(text: str) -> None:
    assert parse_chinese_number(text) is None


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("(2)规范行政执法", "（2）规范行政执法"),  # both halves of a pair alike
        ("(一)加强组织领导", "（一）加强组织领导"),
        ("共计(2023)", "共计（2023）"),
        ("见(附件1)。", "见（附件1）。"),
        ("采用ISO(9001)标准", "采用ISO（9001）标准"),  # the Chinese after it decides
        ("(a)b", "(a)b"),  # no Chinese at all: left alone
        ("开展检查(含抽查", "开展检查（含抽查"),  # an unmatched bracket by its neighbours
    ],
)
def test_brackets_are_full_width_in_pairs(text: str, shown: str) -> None:
    assert to_display(text) == shown
