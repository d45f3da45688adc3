"""The gazetteer: place names in report text, and what a unit's name says about where it is."""

from __future__ import annotations

import pytest

from drafter.gazetteer import COUNTY, PREFECTURE, PROVINCE, gazetteer


def names(places) -> list[str]:
    return [place.name for place in places]


@pytest.mark.parametrize(
    ("unit", "places"),
    [
        ("长治市潞州区人民政府", ["潞州区", "长治市", "山西省"]),
        ("中共长治市潞州区委员会、长治市潞州区人民政府", ["潞州区", "长治市", "山西省"]),
        ("河北唐山芦台经济开发区管委会", ["河北唐山芦台经济开发区", "唐山市", "河北省"]),
        ("天津市河东区人民政府", ["河东区", "天津市"]),  # not 临沂's 河东区
        ("临沂市河东区司法局", ["河东区", "临沂市", "山东省"]),
        ("安徽省和县人民政府", ["和县", "马鞍山市", "安徽省"]),
        ("泰安市司法局", ["泰安市", "山东省"]),
        ("内蒙古阿拉善高新技术产业开发区管理委员会", ["阿拉善盟", "内蒙古自治区"]),
        ("徂汶景区党工委、管委会", []),  # a scenic area the list does not hold
    ],
)
def test_a_units_places_and_those_above_them(unit: str, places: list[str]) -> None:
    assert names(gazetteer().unit_places(unit)) == places


def test_an_ambiguous_name_alone_keeps_every_reading() -> None:
    assert names(gazetteer().unit_places("河东区人民政府")) == [
        "河东区", "天津市", "河东区", "临沂市", "山东省",
    ]


def test_own_names_include_short_forms_up_the_lineage() -> None:
    assert gazetteer().own_names("长治市潞州区人民政府") == {
        "潞州区", "潞州", "长治市", "长治", "山西省", "山西",
    }


def test_levels_and_lineage() -> None:
    g = gazetteer()
    (luzhou,) = g.find("潞州区")[0].places
    assert (luzhou.level, luzhou.code) == (COUNTY, "140403")
    assert [(p.name, p.level) for p in g.lineage(luzhou)] == [
        ("潞州区", COUNTY), ("长治市", PREFECTURE), ("山西省", PROVINCE),
    ]
    (hedong,) = [p for p in g.find("河东区")[0].places if p.code == "120102"]
    assert names(g.lineage(hedong)) == ["河东区", "天津市"]  # a municipality's district


def test_find_full_names_and_only_safe_short_forms() -> None:
    text = "学习泰安市和唐山的做法，市、区和县两级，海北镇，法治长治，平安建设，公安机关，山东路"
    assert [m.text for m in gazetteer().find(text)] == ["泰安市"]
    found = gazetteer().find(text, short=True)
    assert [(m.text, m.short) for m in found] == [("泰安市", False)]
    assert [m.text for m in gazetteer().find("河北、山西两省，长治久安", short=True)] == [
        "河北", "山西", "长治",
    ]


def test_find_reports_positions() -> None:
    text = "据天津市河东区统计"
    found = gazetteer().find(text)
    assert [(m.start, m.end, m.text) for m in found] == [(1, 4, "天津市"), (4, 7, "河东区")]
    assert text[found[1].start : found[1].end] == "河东区"
