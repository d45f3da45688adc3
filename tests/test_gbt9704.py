"""GB/T 9704-2012 geometry: widths, title breaking (7.3.1), signature blocks (7.3.5)."""

from __future__ import annotations

import pytest

from drafter.drafting.gbt9704 import (
    CHARS_PER_LINE,
    SEAL_EMS,
    Layout,
    break_title,
    signature_rows,
    text_width,
)

CAPACITY = Layout().title_capacity
DATE = "2024年1月19日"


def test_widths_and_the_national_type_area() -> None:
    assert text_width("长治市") == 3 and text_width("2024年") == 3 and text_width("“”—") == 3
    layout = Layout()
    assert round(layout.type_width / 72 * 25.4) == 156  # 210 − 28 − 26 mm
    assert layout.char_squeeze == -5 and CHARS_PER_LINE * layout.char_pitch <= layout.type_width
    assert CHARS_PER_LINE * (layout.char_pitch + 0.05) > layout.type_width  # not one spare
    assert 19 <= CAPACITY < 20  # 20 characters of 2号 fill the line; one is kept spare
    narrow = Layout(margins=(28, 28, 28, 28))
    assert CHARS_PER_LINE * narrow.char_pitch <= narrow.type_width < layout.type_width


@pytest.mark.parametrize(
    ("title", "names", "lines"),
    [
        # after the unit
        ("长治市潞州区2023年度法治政府建设情况报告", ["长治市潞州区"],
         ["长治市潞州区", "2023年度法治政府建设情况报告"]),
        # before 关于
        ("长治市潞州区人民政府关于2023年度法治政府建设工作情况的报告", ["长治市潞州区人民政府"],
         ["长治市潞州区人民政府", "关于2023年度法治政府建设工作情况的报告"]),
        # joint issuers one a line, then the subject
        ("中共长治市潞州区委员会长治市潞州区人民政府关于2023年度法治政府建设情况的报告",
         ["中共长治市潞州区委员会", "长治市潞州区人民政府"],
         ["中共长治市潞州区委员会", "长治市潞州区人民政府", "关于2023年度法治政府建设情况的报告"]),
        # no unit known: at the year, never inside it, into equal lines
        ("北京市西城区2024年度法治政府建设情况报告", [],
         ["北京市西城区2024年度", "法治政府建设情况报告"]),
        # a long subject: between words, 关于 never left at a line's end
        ("关于2023年度党政主要负责人履行推进法治建设第一责任人职责情况的报告", [],
         ["关于2023年度党政主要负责人履行推进", "法治建设第一责任人职责情况的报告"]),
        # short enough: one line
        ("关于法治政府建设情况的报告", [], ["关于法治政府建设情况的报告"]),
    ],
)  # fmt: skip
def test_titles_break_at_meaningful_points(title: str, names: list[str], lines: list[str]) -> None:
    assert break_title(title, CAPACITY, names) == lines


@pytest.mark.parametrize(
    "title",
    [
        "山西省长治市潞州区人民政府关于2024年度法治政府建设情况和2025年工作安排的报告",
        "长治市潞州区司法局关于《法治政府建设实施纲要（2021—2025年）》落实情况的报告",
        "中共长治市潞州区委全面依法治区委员会办公室2024年度法治建设工作情况报告",
        "某" * 45,
    ],
)
def test_every_line_fits_and_no_number_or_bracket_is_split(title: str) -> None:
    lines = break_title(title, CAPACITY, ["长治市潞州区"])
    assert "".join(lines) == title and len(lines) >= 2
    assert all(text_width(line) <= CAPACITY for line in lines)
    for before, after in zip(lines, lines[1:], strict=False):
        assert not (before[-1].isdigit() and after[0].isdigit())
        assert not (before[-1].isdigit() and after[0] in "年月日—")
        assert after[0] not in "，。、）》”的" and before[-1] not in "（《“"
        assert not before.endswith("关于")
    widths = [text_width(line) for line in lines]
    assert min(widths) >= max(widths) / 3  # no stub line (a lone 告)
    if len(lines) == 3:  # 菱形 or 梯形, never 沙漏
        assert widths[1] >= min(widths[0], widths[2])


def test_a_narrower_house_margin_breaks_earlier() -> None:
    title = "长治市潞州区2023年度法治政府建设情况报告"
    narrow = Layout(margins=(37, 35, 60, 60)).title_capacity
    lines = break_title(title, narrow, ["长治市潞州区"])
    assert all(text_width(line) <= narrow for line in lines) and len(lines) >= 2


def _centre(piece) -> float:
    return (piece.start + piece.end) / 2


def test_sealed_signature_centred_over_a_date_four_characters_in() -> None:
    (name,), (date,) = signature_rows(["长治市潞州区人民政府"], DATE, sealed=True)
    assert (name.kind, date.kind) == ("signature", "date")
    assert date.end == CHARS_PER_LINE - 4
    assert _centre(name) == _centre(date)
    (longer,), (date,) = signature_rows(["长治市潞州区人民政府办公室"], DATE, sealed=True)
    assert _centre(longer) == _centre(date) and longer.end < CHARS_PER_LINE
    (longest,), _ = signature_rows(["国家税务总局长治市潞州区税务局"], DATE, sealed=True)
    assert longest.end == CHARS_PER_LINE  # too long to centre: it stops at the margin


def test_sealed_joint_issuers_side_by_side_with_room_for_two_seals() -> None:
    rows = signature_rows(["中共长治市潞州区委员会", "长治市潞州区人民政府"], DATE, sealed=True)
    (party, government), (date,) = rows
    assert _centre(government) == _centre(date) and date.end == CHARS_PER_LINE - 4
    assert party.start >= 0 and party.end < government.start
    assert _centre(government) - _centre(party) >= SEAL_EMS
    assert _centre(party) - SEAL_EMS / 2 >= 0 and _centre(government) + SEAL_EMS / 2 <= 28
    three = signature_rows(["中共某区委", "某区人大", "某区政府"], DATE, sealed=True)
    assert [len(row) for row in three if row] == [1, 1, 1, 1]  # three seals do not fit a line
    too_long = ["中国共产党山西省长治市潞州区委员会", "山西省长治市潞州区人民政府"]
    stacked = signature_rows(too_long, DATE, sealed=True)
    filled = [row for row in stacked if row]
    assert [len(row) for row in filled] == [1, 1, 1]
    assert len(stacked) - len(filled) >= 4  # blank lines: the two rows of seals do not touch
    assert _centre(filled[1][0]) == _centre(filled[2][0])
    assert filled[0][0].end == CHARS_PER_LINE  # centred as far as the margin allows


def test_unsealed_signature_two_characters_in_and_the_date_two_right_of_it() -> None:
    (name,), (date,) = signature_rows(["长治市潞州区人民政府"], DATE, sealed=False)
    assert name.end == CHARS_PER_LINE - 2 and date.start == name.start + 2
    # a date longer than the 署名 ends two characters in; the 署名 moves left to match
    (short,), (date,) = signature_rows(["潞州区政府"], DATE, sealed=False)
    assert date.end == CHARS_PER_LINE - 2 and date.start == short.start + 2
    rows = signature_rows(["中共长治市潞州区委员会", "长治市潞州区人民政府"], DATE, sealed=False)
    starts = {row[0].start for row in rows[:2]}
    assert len(starts) == 1 and max(row[0].end for row in rows[:2]) == CHARS_PER_LINE - 2
    assert rows[2][0].start == starts.pop() + 2


def test_a_block_without_a_name_or_without_a_date() -> None:
    for sealed, spare in ((True, 4), (False, 2)):
        ((date,),) = signature_rows(["", ""], DATE, sealed=sealed)
        assert date.kind == "date" and date.end == CHARS_PER_LINE - spare
        ((name,),) = signature_rows(["长治市潞州区人民政府"], "", sealed=sealed)
        assert name.kind == "signature" and name.end == CHARS_PER_LINE - spare
    assert signature_rows([], "", sealed=True) == []
