"""Generalising a source's particulars: its unit, the places above it, people's names."""

from __future__ import annotations

import pytest
import yaml
from conftest import CORPUS, seed_path

from drafter.corpus.generalise import Generaliser, _with_short, source_unit, unit_kind
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
            {"芦台经济开发区", "芦台", "唐山芦台经济开发区", "河北唐山芦台经济开发区", "唐山芦台"},
            {"唐山市", "唐山", "河北省", "河北"},
            "开发区",
        ),
        (
            "001",
            {"潞州区", "潞州", "长治市潞州区", "长治潞州"},
            {"长治市", "长治", "山西省", "山西"},
            "区县",
        ),
        (
            "002",
            {"高新区", "阿拉善高新技术产业开发区", "内蒙古阿拉善高新技术产业开发区"},
            {"阿拉善盟", "阿拉善", "内蒙古自治区", "内蒙古"},
            "开发区",
        ),
        ("003", {"河东区", "河东", "天津市河东区", "天津河东"}, {"天津市", "天津"}, "区县"),
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


# A report whose superior is named only by its 主送机关 line, and one only by its title.
RECIPIENT_ONLY = """徂汶景区2023年法治政府建设情况报告
泰安市人民政府：
2023年，徂汶景区深入学习贯彻习近平法治思想，法治政府建设取得积极成效。现将有关情况报告如下：
一、主要工作
（一）加强组织领导。景区党工委定期听取法治建设工作汇报，研究解决重大问题。
二、存在的不足
在肯定成绩的同时，我们也清醒认识到，法治宣传的针对性还不够强。
徂汶景区党工委、管委会
2024年1月20日
"""
TITLE_ONLY = RECIPIENT_ONLY.replace("泰安市人民政府：\n", "").replace(
    "徂汶景区2023年", "泰安市徂汶景区2023年", 1
)


def test_the_generaliser_of_a_report_reads_its_recipient_and_title(tmp_path) -> None:
    from drafter.corpus.generalise import generaliser_for

    paths = {}
    for name, text in (("recipient", RECIPIENT_ONLY), ("title", TITLE_ONLY)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    taian = {"泰安市", "泰安", "山东省", "山东"}
    for name in paths:
        unit = generaliser_for(load_report(paths[name]), "徂汶景区", "徂汶景区党工委、管委会").unit
        assert unit.superiors == taian, name
        assert {"徂汶景区", "徂汶", "泰安市徂汶景区"} <= unit.own, name


@pytest.mark.parametrize(
    ("prefix", "place", "issuer", "own", "superiors"),
    [
        # the manifest's place is the unit even when the report calls itself by a longer name
        ("002", "高新区", "内蒙古阿拉善高新技术产业开发区", {"高新区"}, {"阿拉善盟", "内蒙古"}),
        # no issuer in the manifest: the parsed one names the places above
        ("002", "高新区", None, {"高新区"}, {"阿拉善盟", "内蒙古"}),
        # the manifest's fuller issuer is read, not the parsed `徂汶景区党工委、管委会`
        ("004", "徂汶景区", "泰安市徂汶景区党工委、管委会", {"徂汶"}, {"泰安市", "山东省"}),
    ],
)
def test_the_generaliser_of_a_seed_reads_the_manifest_first(
    prefix, place, issuer, own, superiors
) -> None:
    from drafter.corpus.generalise import generaliser_for

    unit = generaliser_for(load_report(seed_path(prefix)), place, issuer).unit
    assert own <= unit.own
    assert superiors <= unit.superiors
    assert not unit.own & unit.superiors


@pytest.mark.parametrize(
    ("place", "issuer", "own", "superiors"),
    [
        # a town's report: the county it lies in is above it, with or without the city
        (
            "南湖镇",
            "长治市潞州区南湖镇人民政府",
            {"南湖镇", "南湖", "潞州区南湖镇"},
            {"潞州区", "潞州", "长治市", "长治", "山西省", "山西"},
        ),
        (
            "南湖镇",
            "潞州区南湖镇人民政府",
            {"南湖镇", "南湖", "潞州区南湖镇"},
            {"潞州区", "潞州", "长治市", "长治", "山西省", "山西"},
        ),
        # the issuer names only the district: its city and province come from the gazetteer
        (
            "潞州区",
            "潞州区人民政府",
            {"潞州区", "潞州", "长治市潞州区"},
            {"长治市", "长治", "山西省", "山西"},
        ),
        # a zone under a district the gazetteer does not hold
        (
            "南湖经济开发区",
            "青石区南湖经济开发区管委会",
            {"南湖经济开发区", "南湖", "青石区南湖经济开发区"},
            {"青石区", "青石"},
        ),
        # a zone whose name is too long to read as a division, under an unknown district
        (
            "南湖高新技术产业开发区",
            "青石区南湖高新技术产业开发区管委会",
            {"南湖高新技术产业开发区", "南湖", "青石区南湖高新技术产业开发区"},
            {"青石区", "青石"},
        ),
        # a league's zone whose name is too long to read as a division: the league is above
        (
            None,
            "阿拉善盟阿拉善高新技术产业开发区管委会",
            {"阿拉善高新技术产业开发区"},
            {"阿拉善盟", "阿拉善", "内蒙古自治区", "内蒙古"},
        ),
        # 东城区 under an unknown 桐江市 is not Beijing's: nothing of Beijing's is above it
        (None, "桐江市东城区人民政府", {"东城区", "东城", "桐江市东城区"}, {"桐江市", "桐江"}),
        # the party committee of a district the gazetteer does not hold
        (None, "中共青石区委员会", {"青石区", "青石"}, set()),
        # 吉林 is the city's short form and the province's: it is the unit's own
        ("吉林市", "吉林省吉林市人民政府", {"吉林市", "吉林", "吉林省吉林市"}, {"吉林省"}),
    ],
)
def test_units_of_every_level_and_the_places_above_them(place, issuer, own, superiors) -> None:
    unit = source_unit(place, issuer)
    assert own <= unit.own
    assert unit.superiors == superiors


@pytest.mark.parametrize(
    ("place", "issuer", "own"),
    [
        ("徂汶景区", "徂汶景区党工委、管委会", {"徂汶景区", "徂汶"}),
        (
            "龙溪苗族侗族自治县",
            "龙溪苗族侗族自治县人民政府",
            {"龙溪苗族侗族自治县", "龙溪县", "龙溪"},
        ),
        ("潞州区", "中共长治市潞州区委员会、长治市潞州区人民政府", None),
        ("南湖镇", "长治市潞州区南湖镇人民政府", None),
    ],
)
def test_every_form_of_a_units_name_and_no_other(place, issuer, own) -> None:
    """The forms are exactly the name, its short form and the name prefixed by the places
    above, each place once (`长治市潞州区`, never `长治市长治市潞州区`)."""
    unit = source_unit(place, issuer)
    if own is not None:
        assert unit.own == own
    bases = _with_short(place)
    for form in unit.own:
        assert form.endswith(bases), form
        assert all(form.count(name) <= 1 for name in unit.superiors), form


def test_a_zone_is_its_full_name_not_its_generic_kind() -> None:
    unit = source_unit(None, "阿拉善高新技术产业开发区管委会")
    assert {"阿拉善高新技术产业开发区"} <= unit.own
    assert not {"高新技术产业开发区", "高新"} & unit.own
    generaliser = Generaliser(unit)
    assert general(generaliser, "对标国家级高新技术产业开发区") == "对标国家级高新技术产业开发区"
    assert general(generaliser, "阿拉善高新技术产业开发区管委会") == "{单位}管委会"


@pytest.mark.parametrize(
    ("text", "expected", "specific"),
    [
        # a title at the very start of the text
        (
            "《唐山市行政规范性文件备案审查办法》已转发",
            "《{上级}行政规范性文件备案审查办法》已转发",
            False,
        ),
        # a place after a title that is closed is outside it
        ("依据《中华人民共和国行政复议法》赴唐山市学习考察", None, True),
        ("学习《行政处罚法》和《行政许可法》并赴唐山市考察", None, True),
        # a title that opens after the place does not contain it
        ("赴唐山市学习考察，转发《行政规范性文件备案审查办法》", None, True),
        # the second of two titles
        (
            "出台《中华人民共和国行政处罚法》配套制度，转发《唐山市行政规范性文件备案审查办法》",
            "出台《中华人民共和国行政处罚法》配套制度，转发《{上级}行政规范性文件备案审查办法》",
            False,
        ),
        # a three-character name counts even inside a word (河东区委): another unit's
        (
            "组织干部到河东区委党校学习《河北政务服务管理办法》",
            "组织干部到河东区委党校学习《{上级}政务服务管理办法》",
            True,
        ),
        # short forms written right after a city: one superior
        (
            "学习借鉴《北京市天津河北协同立法工作办法》",
            "学习借鉴《{上级}协同立法工作办法》",
            False,
        ),
        # a province's short form written right before a city: one superior
        (
            "学习《河北唐山市行政规范性文件备案审查办法》",
            "学习《{上级}行政规范性文件备案审查办法》",
            False,
        ),
    ],
)
def test_another_places_name_is_generalised_only_inside_a_document_title(
    seeds, text, expected, specific
) -> None:
    result = seeds["001"].generalise(text)
    assert result.text == (text if expected is None else expected)
    assert result.specific is specific


@pytest.mark.parametrize(
    ("prefix", "text", "expected"),
    [
        ("000", "河北政务服务网实现统一受理", "{上级}政务服务网实现统一受理"),  # at the start
        ("001", "团结带领全潞州人民", "团结带领全{单位}人民"),  # 全潞州 is no word of jieba's own
        ("001", "维护长治久安，落实长治市委部署", "维护长治久安，落实{上级}委部署"),
    ],
)
def test_short_forms_are_generalised_where_they_are_words(seeds, prefix, text, expected) -> None:
    assert general(seeds[prefix], text) == expected


def test_a_two_character_county_is_a_word_of_its_own() -> None:
    generaliser = Generaliser(source_unit("和县", "和县人民政府"))
    assert general(generaliser, "推进乡镇和县级政府落实责任") == "推进乡镇和县级政府落实责任"
    assert general(generaliser, "和县司法局开展执法检查") == "{单位}司法局开展执法检查"


def test_an_autonomous_countys_generic_kind_stays_a_word() -> None:
    generaliser = Generaliser(source_unit("龙溪苗族侗族自治县", "龙溪苗族侗族自治县人民政府"))
    assert general(generaliser, "推进全省民族自治县发展") == "推进全省民族自治县发展"


@pytest.mark.parametrize(
    ("text", "expected", "specific", "people"),
    [
        (
            "区委书记范少军同志，区委副书记、区长周波同志带头认真落实",
            "区委书记{姓名}同志，区委副书记、区长{姓名}同志带头认真落实",
            False,
            ("范少军", "周波"),
        ),
        ("区长司马海涛同志带头", "区长{姓名}同志带头", False, ("司马海涛",)),  # four characters
        # already generalised: unchanged and safe
        (
            "区委书记{姓名}同志，区委副书记、区长{姓名}同志带头",
            "区委书记{姓名}同志，区委副书记、区长{姓名}同志带头",
            False,
            (),
        ),
        # 同志 after an ordinary word is no one's name
        ("会议要求，全体干部同志要带头学法", "会议要求，全体干部同志要带头学法", False, ()),
        # a word jieba may take for a name but next to no post
        (
            "区政府向区人大常委会报告依法行政工作情况",
            "区政府向区人大常委会报告依法行政工作情况",
            False,
            (),
        ),
        # a name that cannot be told from its post
        ("区长欧阳少军同志带头", "区长欧阳少军同志带头", True, ()),
        # templated text: a placeholder at the end, or after the window around a post
        ("区长周波同志带头推进法治{单位}", "区长{姓名}同志带头推进法治{单位}", False, ("周波",)),
        (
            "{年度}年以来，区长周波同志带头讲课{数量}次",
            "{年度}年以来，区长{姓名}同志带头讲课{数量}次",
            False,
            ("周波",),
        ),
    ],
)
def test_peoples_names_next_to_their_posts(seeds, text, expected, specific, people) -> None:
    result = seeds["003"].generalise(text)
    assert (result.text, result.specific, result.people) == (expected, specific, people)


@pytest.mark.parametrize(
    ("place", "issuer"),
    [
        (None, "中共河北唐山芦台经济开发区工委、全面依法治区委员会办公室"),
        ("潞州区", "中共长治市潞州区委员会、潞州区全面依法治区委员会办公室"),
    ],
)
def test_a_committee_for_law_based_governance_is_no_division(place, issuer) -> None:
    """`全面依法治区委员会办公室` ends like a division's name (…区) but names a task."""
    unit = source_unit(place, issuer)
    assert not any("依法治" in form for form in unit.own | unit.superiors)
    text = "深入推进全面依法治区工作，召开全面依法治区委员会会议"
    assert general(Generaliser(unit), text) == text


def test_a_zone_under_a_county_written_by_its_short_form() -> None:
    unit = source_unit(None, "潞州经济开发区管委会")
    assert "潞州经济开发区" in unit.own
    assert {"长治市", "长治", "山西省", "山西"} <= unit.superiors


@pytest.mark.parametrize(
    "text",
    [
        "区长欧阳建国同志带头",  # 欧阳, 建国: ordinary words to jieba
        "主任买买提同志带头",
        "书记宝音德力格尔同志带头",
        "书记那顺巴雅尔同志带头",  # only 雅尔 is tagged a name
        "书记阿不都拉同志带头",  # only 阿不都 is tagged a name
    ],
)
def test_a_name_between_a_post_and_comrade_is_never_offered(seeds, text) -> None:
    """Between `区长` and `同志` there is only ever a name: what jieba does not tell as one,
    whole, makes the phrase specific to its source."""
    assert seeds["002"].generalise(text).specific


@pytest.mark.parametrize(
    ("place", "issuer", "bases"),
    [
        ("高新区", "内蒙古阿拉善高新技术产业开发区", ("高新区", "阿拉善高新技术产业开发区")),
        ("和县", "和县人民政府", ("和县",)),
    ],
)
def test_a_unit_without_a_short_form_is_named_only_in_full(place, issuer, bases) -> None:
    """高新 is an ordinary word and 和 a single character: neither is a short form."""
    unit = source_unit(place, issuer)
    assert place in unit.own
    assert all(form.endswith(bases) for form in unit.own), sorted(unit.own)
