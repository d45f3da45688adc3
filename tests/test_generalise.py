"""Generalising a source's particulars: its unit, the places above it, people's names."""

from __future__ import annotations

import pytest
import yaml
from conftest import CORPUS, seed_path

from drafter.corpus.generalise import Generaliser, source_unit, unit_kind
from drafter.corpus.pipeline import load_report

MANIFEST = yaml.safe_load((CORPUS / "manifest.yaml").read_text(encoding="utf-8"))["reports"]


def seed_unit(prefix: str):
    """A seed's unit as the phrasebook reads it: manifest place and issuer, parsed title, front."""
    path = seed_path(prefix)
    report = load_report(path)
    entry = MANIFEST[path.name]
    front = [line.text for line in report.lines if line.slot == "front"]
    return source_unit(entry["place"], entry["issuer"], report.title, front)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Generaliser]:
    return {prefix: Generaliser(seed_unit(prefix)) for prefix in ("000", "001", "002", "003")}


def general(generaliser: Generaliser, text: str) -> str:
    result = generaliser.generalise(text)
    assert not result.specific, text
    return result.text


@pytest.mark.parametrize(
    ("prefix", "own", "superiors", "kind"),
    [
        (
            "000",
            {"芦台经济开发区", "芦台", "唐山芦台经济开发区", "河北唐山芦台经济开发区"},
            {"唐山市", "唐山", "河北省", "河北"},
            "开发区",
        ),
        ("001", {"潞州区", "潞州", "长治市潞州区"}, {"长治市", "长治", "山西省", "山西"}, "区县"),
        (
            "002",
            {"高新区", "阿拉善高新技术产业开发区", "内蒙古阿拉善高新技术产业开发区"},
            {"阿拉善盟", "阿拉善", "内蒙古自治区", "内蒙古"},
            "开发区",
        ),
        ("003", {"河东区", "河东", "天津市河东区"}, {"天津市", "天津"}, "区县"),
    ],
)
def test_a_seeds_unit_and_the_places_above_it(prefix, own, superiors, kind) -> None:
    unit = seed_unit(prefix)
    assert own <= unit.own
    assert unit.superiors == superiors  # 003's 河东区 is Tianjin's, not 临沂's
    assert not unit.own & unit.superiors
    entry = MANIFEST[seed_path(prefix).name]
    assert unit_kind(entry["issuer"], place=entry["place"]) == kind


def test_the_level_above_from_the_recipient_line() -> None:
    unit = source_unit("某某经济开发区", "某某经济开发区管委会", None, ["泰安市人民政府："])
    assert {"泰安市", "泰安", "山东省"} <= unit.superiors
    assert {"某某经济开发区", "某某"} <= unit.own


def test_divisions_the_gazetteer_does_not_hold_are_read_from_the_name() -> None:
    unit = source_unit(None, "青石区南湖街道办事处")
    assert {"南湖街道", "南湖", "青石区南湖街道"} <= unit.own
    assert unit.superiors == {"青石区", "青石"}
    generaliser = Generaliser(unit)
    assert general(generaliser, "青石区南湖街道调解委员会") == "{单位}调解委员会"
    text = "落实《青石区行政执法公示办法》"
    assert general(generaliser, text) == "落实《{上级}行政执法公示办法》"


def test_people_become_name_placeholders_with_their_posts(seeds) -> None:
    hedong = seeds["003"]
    assert general(hedong, "区委书记范少军同志，区委副书记、区长周波同志带头认真落实") == (
        "区委书记{姓名}同志，区委副书记、区长{姓名}同志带头认真落实"
    )
    assert general(hedong, "县委书记张建国主持召开会议") == "县委书记{姓名}主持召开会议"
    assert general(hedong, "由主要负责同志牵头") == "由主要负责同志牵头"
    assert general(hedong, "党工委书记任组长的工作领导小组") == "党工委书记任组长的工作领导小组"


def test_a_name_that_cannot_be_told_from_its_post_makes_the_phrase_specific(seeds) -> None:
    result = seeds["003"].generalise("少军同志累计批示12次")
    assert result.specific


def test_the_unit_in_every_form_becomes_a_unit_placeholder(seeds) -> None:
    assert general(seeds["001"], "出台《长治市潞州区行政执法监督员管理办法（试行）》") == (
        "出台《{单位}行政执法监督员管理办法（试行）》"
    )
    assert general(seeds["000"], "利用“唐山芦台司法”“平安芦台”微信公众号") == (
        "利用“{单位}司法”“平安{单位}”微信公众号"
    )
    assert general(seeds["000"], "推进美丽芦台建设") == "推进美丽{单位}建设"
    assert general(seeds["002"], "制定印发《阿拉善高新技术产业开发区考核工作细则》") == (
        "制定印发《{单位}考核工作细则》"
    )
    assert general(seeds["003"], "完善信用中国（天津河东）网站及河东公共信息平台功能") == (
        "完善信用中国（{单位}）网站及{单位}公共信息平台功能"
    )


def test_places_above_become_superior_placeholders(seeds) -> None:
    assert general(seeds["003"], "在区政务网站及天津市司法局官网公开行政复议决定书") == (
        "在区政务网站及{上级}司法局官网公开行政复议决定书"
    )
    assert general(seeds["000"], "实现河北政务服务网统一受理") == "实现{上级}政务服务网统一受理"
    assert general(seeds["000"], "转发《唐山市行政规范性文件备案审查办法》") == (
        "转发《{上级}行政规范性文件备案审查办法》"
    )
    assert general(seeds["001"], "向长治市委依法治市办报告") == "向{上级}委依法治市办报告"


def test_other_places_in_titles_become_superiors_elsewhere_the_phrase_is_specific(seeds) -> None:
    luzhou = seeds["001"]
    assert general(luzhou, "转发《唐山市行政规范性文件备案审查办法》") == (
        "转发《{上级}行政规范性文件备案审查办法》"
    )
    assert luzhou.generalise("赴唐山市学习考察").specific
    assert luzhou.generalise("与天津浙江商会签署协议").specific  # 天津, 浙江: another's
    assert luzhou.generalise("实现河北政务服务网统一受理").specific


def test_ordinary_words_that_contain_place_names_stay(seeds) -> None:
    luzhou = seeds["001"]
    assert general(luzhou, "确保社会长治久安") == "确保社会长治久安"  # 长治 is above 潞州区
    assert general(luzhou, "《中华人民共和国突发事件应对法》和县级应急预案") == (
        "《中华人民共和国突发事件应对法》和县级应急预案"  # not 和县
    )
    assert general(luzhou, "平安建设和公安机关") == "平安建设和公安机关"
    assert general(luzhou, "培育高新技术企业") == "培育高新技术企业"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("中共长治市潞州区委员会、长治市潞州区人民政府", "区县"),
        ("天津市河东区人民政府", "区县"),
        ("全面依法治区委员会办公室", "区县"),
        ("青石区南湖街道办事处", "区县"),
        ("河北唐山芦台经济开发区管委会", "开发区"),
        ("徂汶景区党工委、管委会", "开发区"),
        ("天津市河东区司法局", "部门"),
        ("临江市卫生健康委员会", "部门"),
        ("江南省生态环境厅", "部门"),
    ],
)
def test_unit_kinds(name: str, kind: str) -> None:
    assert unit_kind(name) == kind
    assert unit_kind(name, department=True) == "部门"


def test_an_autonomous_county_is_also_written_without_its_peoples() -> None:
    generaliser = Generaliser(source_unit("龙溪苗族侗族自治县", "龙溪苗族侗族自治县人民政府"))
    text = "对《龙溪县民族特色村寨保护发展规划》开展听证，龙溪苗族侗族自治县政府"
    assert general(generaliser, text) == "对《{单位}民族特色村寨保护发展规划》开展听证，{单位}政府"


def test_jiebas_names_are_read_once_and_a_bad_copy_is_read_again() -> None:
    from drafter.corpus.generalise import _name_lexicon
    from drafter.paths import user_dirs

    _name_lexicon.cache_clear()
    names, surnames = _name_lexicon()
    assert {"张建国", "周波"} <= names and {"范", "周", "刘"} <= surnames
    assert not {"为", "的", "弘"} & surnames
    (copy,) = user_dirs().cache.glob("jieba-names-*.marshal")
    copy.write_bytes(b"not marshal data")
    _name_lexicon.cache_clear()
    assert _name_lexicon() == (names, surnames)
    assert copy.read_bytes() != b"not marshal data"  # written again
