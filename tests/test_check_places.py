"""Other places, people, brands and copied text: whose they are, told from the draft's unit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from checking import clean, findings, located, make_corpus

from drafter.corpus.mine import Source
from drafter.corpus.phrasebook import Phrasebook
from drafter.drafting.checks.home import Home, place_core, source_label, unit_label
from drafter.drafting.checks.scope import quoted
from drafter.drafting.draft import Draft, Item, new_draft
from drafter.gazetteer import gazetteer


def body_findings(
    body: str, corpus: Phrasebook | None = None, draft: Draft | None = None
) -> list[tuple[str, str]]:
    """(code, message) of the findings on a measures body of the 2024 潞州区 draft."""
    draft = draft or clean("luzhou2024")
    draft.items("measures")[3].body = body
    return [
        (f.code, f.message)
        for f in findings(draft, corpus=corpus)
        if (f.section, f.item) == ("measures", 3) and f.code not in ("no-figures",)
    ]


def codes(body: str, corpus: Phrasebook | None = None, draft: Draft | None = None) -> list[str]:
    return [code for code, _ in body_findings(body, corpus, draft)]


# --- whose name ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "label", "core"),
    [
        ("天津市河东区人民政府", "天津市河东区", "河东"),
        ("中共长治市潞州区委员会、长治市潞州区人民政府", "长治市潞州区", "潞州"),
        ("中共河北唐山芦台经济开发区工委办公室", "河北唐山芦台经济开发区", "芦台"),
        ("内蒙古阿拉善高新技术产业开发区", "内蒙古阿拉善高新技术产业开发区", "阿拉善"),
        ("徂汶景区党工委、管委会", "徂汶景区", "徂汶"),
        ("中共长治市委", "长治市", "长治"),
        ("青石区南湖街道办事处", "青石区南湖街道", "青石区南湖"),
        ("高新区", "高新区", ""),  # generic: no locality's own
        ("全面依法治区委员会办公室", "", ""),
    ],
)
def test_a_bodys_place_label_and_its_core(name: str, label: str, core: str) -> None:
    assert unit_label(name) == label
    assert place_core(label) == core


def test_the_units_own_places_are_its_own_those_above_and_inside() -> None:
    home = Home.of({"unit": "长治市潞州区", "issuer": "长治市潞州区人民政府"})
    g = gazetteer()

    def place(name: str, code_prefix: str = ""):
        return next(p for p in g.find(name)[0].places if p.code.startswith(code_prefix))

    assert home.owns(place("潞州区")) and home.owns(place("长治市")) and home.owns(place("山西省"))
    assert not home.owns(place("上党区"))  # a sibling district
    assert not home.owns(place("泰安市"))
    city = Home.of({"unit": "长治市"})
    assert city.owns(place("潞州区")) and city.owns(place("上党区"))  # inside
    tianjin = Home.of({"unit": "河东区人民政府", "issuer": "天津市河东区人民政府"})
    assert tianjin.owns(place("河东区", "12")) and not tianjin.owns(place("河东区", "37"))
    assert tianjin.owns_issuer("天津市河东区人民政府")
    assert not tianjin.owns_issuer("临沂市河东区人民政府")
    zone = Home.of({"unit": "徂汶景区", "issuer": "徂汶景区党工委、管委会"})
    assert not zone.known and zone.owns_issuer("徂汶景区管委会") and zone.owns_core("徂汶")


# --- other places ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("严格执行《泰安市重大行政决策程序规定》，审查决策事项12件。", ["泰安市"]),
        ("长治市上党区司法局开展执法检查12次。", ["上党区"]),
        ("天津市河东区、和平区开展执法检查12次。", ["天津市", "河东区", "和平区"]),
        # the unit, those above and cooperation stated in the sentence
        ("潞州区开展执法检查12次，长治市、山西省通报表扬。", []),
        ("与长治市上党区签订行政执法协作协议，协查事项17件。", []),
        ("组织人员赴浙江省杭州市考察学习，形成清单21条。", []),
        ("学习借鉴江苏省昆山市经验，办理事项12件。", []),
    ],
)
def test_places_that_are_not_the_units(body: str, found: list[str]) -> None:
    got = body_findings(body)
    assert [code for code, _ in got] == ["other-place"] * len(found)
    assert [message.split("”")[0].lstrip("“") for _, message in got] == found


def test_a_city_names_its_districts_and_an_unknown_unit_is_not_judged() -> None:
    city = new_draft("standard", {"unit": "长治市", "year": 2024, "date": "2025-01-20"})
    assert codes("潞州区、上党区开展执法检查12次。", draft=city) == []
    zone = new_draft("standard", {"unit": "徂汶景区", "year": 2023, "date": "2024-01-20"})
    assert codes("严格执行《泰安市重大行政决策程序规定》，审查12件。", draft=zone) == []


# --- people ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("区委书记王建国同志带头学法12次。", ["区委书记王建国"]),
        ("区长李明主持召开常务会议12次。", ["区长李明"]),
        ("区委副书记、区长周波同志带头学法12次。", ["区长周波"]),
        ("党工委书记刘强同志带头学法12次。", ["党工委书记刘强"]),
        ("会上，张伟同志传达了会议精神，学法12次。", ["张伟"]),
        ("由王芳同志牵头开展学法12次。", ["王芳"]),
        ("主要负责同志和与会同志学法12次。", []),
        ("办理“区长信箱”来信12件。", []),
        ("部门主要负责同志带头学法12次。", []),
        ("从各单位选聘12名同志为法律明白人。", []),
        ("区委书记任组长的领导小组召开会议12次。", []),
        ("区委书记主持召开会议12次。", []),
        ("全体同志参加培训12次。", []),
        ("组织辖区内，党员同志参加培训12次。", []),
        ("各镇街，司法所同志参加培训12次。", []),
    ],
)
def test_people_named_by_name(body: str, named: list[str]) -> None:
    got = body_findings(body)
    assert [code for code, _ in got] == ["person"] * len(named)
    assert [message.split("“")[1].split("”")[0] for _, message in got] == named
    assert all("请确认是本单位的人员" in message for _, message in got)


# --- brands ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "brands"),
    [
        ("打造“法治泰安”品牌，开展活动12场。", ["法治泰安"]),
        ("助力平安唐山建设，开展活动12场。", ["平安唐山"]),
        ("打造“法治潞州”品牌，开展活动12场。", []),  # its own
        ("服务平安长治建设，开展活动12场。", []),  # its city
        ("开通“绿色通道”，办理12件。", []),  # 通道 is a county, but not here
        ("推进数字政府建设，办理12件。", []),
    ],
)
def test_brands_with_another_places_name(body: str, brands: list[str]) -> None:
    got = body_findings(body)
    assert [code for code, _ in got] == ["other-brand"] * len(brands)
    assert [message.split("”")[0].lstrip("“") for _, message in got] == brands


# --- with a corpus ---------------------------------------------------------------------------

HEDONG_SENTENCE = (
    "持续贯彻机构编制法定化，以贯彻落实《中国共产党机构编制工作条例》为抓手，按照法定权限和程序，"
    "积极完善全区机构职能体系，不断深化机构改革，优化机构编制资源配置。"
)
SHARED_SENTENCE = (
    "建立行政执法人员资格动态管理机制，对不再从事执法工作的人员及时注销执法证件并向社会公告。"
)
OWN_SENTENCE = (
    "统一编印综合行政执法工作指引和口袋书等四种指导类书籍，规范执法流程、统一执法标准，"
    "确保严格执法。"
)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Phrasebook]:
    """Four reports of four units: 河东区 and 芦台 (one sentence shared by both: common),
    潞州区 (the draft's own unit) and a 街道 of 临沂市河东区."""
    root = tmp_path_factory.mktemp("small_corpus")

    def report(title: str, *sentences: str) -> str:
        lines = [title, "一、主要举措和成效", "（一）坚持严格规范公正文明执法", *sentences]
        return "\n".join([*lines, "特此报告。"])

    folder = make_corpus(
        root / "corpus",
        {
            "hedong.txt": (
                report("天津市河东区2021年法治政府建设情况报告", HEDONG_SENTENCE, SHARED_SENTENCE),
                {"issuer": "天津市河东区人民政府", "place": "河东区", "year": 2021},
            ),
            "lutai.txt": (
                report(
                    "芦台经济开发区2022年法治政府建设情况报告",
                    SHARED_SENTENCE,
                    "区委书记范少军同志多次听取行政执法工作汇报，推动解决执法难题12个。",
                ),
                {
                    "issuer": "中共河北唐山芦台经济开发区工委",
                    "place": "芦台经济开发区",
                    "year": 2022,
                },
            ),
            "luzhou.txt": (
                report("长治市潞州区2023年度法治政府建设情况报告", OWN_SENTENCE),
                {"issuer": "长治市潞州区人民政府", "place": "潞州区", "year": 2023},
            ),
        },
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DRAFTER_HOME", str(root / "home"))
        book = Phrasebook.open([folder])
    yield book
    book.close()


def test_text_copied_from_another_units_report_names_it(small_corpus: Phrasebook) -> None:
    got = body_findings(HEDONG_SENTENCE + "检查12次。", small_corpus)
    assert [code for code, _ in got] == ["copied"]
    assert got[0][1].startswith("与天津市河东区2021年报告相同：“")
    assert got[0][1].endswith("”，请改写")


@pytest.mark.parametrize(
    "body",
    [
        SHARED_SENTENCE + "检查12次。",  # two units share it: a common phrasing
        OWN_SENTENCE + "检查12次。",  # the unit's own earlier report
        "深入学习贯彻习近平新时代中国特色社会主义思想和党的二十大精神，坚持严格规范公正文明执法，检查12次。",
    ],
)
def test_common_phrasings_and_the_units_own_are_not_copies(
    body: str, small_corpus: Phrasebook
) -> None:
    assert codes(body, small_corpus) == []


def test_a_copied_sentence_with_the_place_changed_is_still_a_copy(
    small_corpus: Phrasebook,
) -> None:
    changed = HEDONG_SENTENCE.replace("全区", "我区")
    assert codes(changed, small_corpus) == ["copied"]


def test_a_person_the_corpus_knows_from_another_unit(small_corpus: Phrasebook) -> None:
    got = body_findings("区委书记范少军同志听取汇报，解决难题8个。", small_corpus)
    assert got == [
        (
            "person",
            "人名“区委书记范少军”见于河北唐山芦台经济开发区2022年报告，是别处的人员："
            "请删去，或改为本单位的人员",
        )
    ]


def test_a_corpus_units_brand_and_zone(small_corpus: Phrasebook) -> None:
    assert codes("围绕“美丽芦台”建设开展活动12场。", small_corpus) == ["other-brand"]
    assert codes("围绕“美丽芦台”建设开展活动12场。") == []  # no corpus: 芦台 is unknown
    assert codes("学习芦台经济开发区的做法，开展活动12场。", small_corpus) == []
    assert codes("芦台经济开发区开展活动12场。", small_corpus) == ["other-place"]
    lutai = new_draft("standard", {"unit": "芦台经济开发区", "year": 2022, "date": "2023-01-06"})
    lutai.items("measures")[:] = [Item("坚持严格规范公正文明执法") for _ in range(4)]
    assert codes("围绕“美丽芦台”建设开展活动12场。", small_corpus, lutai) == []


def test_located_in_the_draft_file(small_corpus: Phrasebook) -> None:
    draft = clean("luzhou2024")
    draft.items("duties")[0].body += HEDONG_SENTENCE
    copied = [f for f in findings(draft, corpus=small_corpus) if f.code == "copied"]
    assert located(copied) == [("copied", "duties", 0, "body")]
    assert copied[0].severity == "warning"


@pytest.mark.parametrize(
    ("issuer", "year", "label"),
    [
        ("天津市河东区人民政府", 2021, "天津市河东区2021年报告"),
        ("天津市河东区人民政府", None, "天津市河东区的报告"),
        (None, 2022, "003.txt2022年报告"),
        ("人民政府", None, "003.txt的报告"),  # no place in the name: the file names it
    ],
)
def test_a_corpus_report_is_named_as_a_reviewer_names_it(
    issuer: str | None, year: int | None, label: str
) -> None:
    assert source_label(Source("003.txt", issuer, year)) == label


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("  短句。 ", "短句。"),
        ("一" * 24, "一" * 24),  # exactly the limit: whole
        ("一" * 25, "一" * 24 + "……"),
    ],
)
def test_a_sentence_is_quoted_whole_up_to_the_limit(text: str, shown: str) -> None:
    assert quoted(text) == shown
