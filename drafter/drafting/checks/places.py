"""Other places, people and brands: what another unit's report leaves in a draft.

- A place name (gazetteer) that is neither the unit's, nor above it, nor inside
  it: `《泰安市重大行政决策程序规定》` in 潞州区's report. Cooperation with
  another place (考察, 对口, 协作 …) is said so in the same sentence and passes.
- A person by name after a post (`区委书记范少军同志`): the writer confirms it;
  with a corpus, a name found in another unit's report is that unit's person.
- A local brand (`美丽芦台`, `法治长治`): a brand word with another place's
  short form, or the core of a corpus unit's name that is not the draft's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.drafting.checks.corpus_facts import corpus_facts
from drafter.drafting.checks.home import (
    Home,
    place_core,
    source_label,
    unit_label,
)
from drafter.drafting.checks.scope import Passage, Scope
from drafter.drafting.findings import Finding
from drafter.gazetteer import COUNTY, PLACE_SUFFIXES, Found, gazetteer

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook

_CLAUSE = re.compile(r"[^。；！？;!?\n]+")
_TOGETHER = re.compile(
    r"借鉴|考察|观摩|交流|对口|协作|合作|联动|签订|签署|结对|帮扶|援建|支援|共建|协同|毗邻|接壤"
    r"|跨区域|跨省|跨市|兄弟|赴|一体化|异地|学习[^，。；]{0,20}(?:经验|做法)"
)
"""Words that say why another place is named: learning from it, working with it."""
_BRAND_BEFORE = "美丽|平安|法治|幸福|魅力|活力|智慧|数字|善治|德治|大美|诗画|清廉|廉洁|最美"
"""Words local brands are made of (法治潞州, 美丽芦台), with a place's short form."""
_BRAND_AFTER = "模式|经验|样板|品牌|速度|标准|做法|实践|方案|名片|工作法|范例"
_BRAND_END = re.compile(rf"^(?:[^\u3400-\u9fff]|{_BRAND_AFTER}|建设|创建)")
"""What follows a county's short form in a brand: a county's short form is often an
ordinary word (绿色通道), so it counts only where the brand ends."""
_BRAND_WORD = re.compile(rf"(?:{_BRAND_BEFORE})[“\"]?")
_BRAND_LEFT = re.compile(rf"(?:{_BRAND_BEFORE})[“\"]?$")
_LONGEST_SHORT = 6
"""Characters after a brand word in which a place's short form is looked for."""
_BRAND_RIGHT = re.compile(rf"^[”\"]?(?:{_BRAND_AFTER})")

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程"
    "苏魏吕丁沈任姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟"
    "应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_POSTS = (
    "(?:区委|县委|市委|旗委|州委|盟委|党委|党组|党工委)?(?:副书记|书记)|副书记|书记|副区长|区长|副县长|县长|副市长|市长|副旗长|旗长|盟长|副镇长|镇长|乡长|副主任|主任"
    "|副局长|局长|副部长|部长|副主席|主席|常委|副组长|组长|院长|检察长|秘书长|政委|队长|所长"
)
_AFTER_NAME = (
    r"同志|主持|带头|出席|参加|讲话|强调|指出|率队|率领|调研|批示|担任|任组长|为组长"
    r"|[、，,](?:区委|县委|市委|旗委|副|区长|县长|市长|旗长|书记|主任|部长|局长)"
)
_PERSON = re.compile(
    rf"(?P<post>{_POSTS})(?P<name>[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)(?={_AFTER_NAME})"
    rf"|(?:^|(?<=[，,、。；;：:\s由请经向对让派和与及]))"
    rf"(?P<alone>[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}?)(?=同志)"
)
"""A post and a name (`区委书记范少军同志`, `区长李明主持`), or a name and 同志 after a
pause or a preposition (`，张伟同志`, `由王芳同志牵头`)."""
_NOT_NAMES = frozenset(
    {"全体", "全区", "全县", "全市", "全旗", "全镇", "全乡", "全局", "全所", "党员", "党员干部"}
    | {"司法", "司法所", "司法局", "年轻", "年青", "老党员", "干部", "尤其", "金融", "江湖"}
)
"""Words before 同志 that start like a surname (党员同志, 司法所同志) but name no one."""


def check(scope: Scope, corpus: Phrasebook | None = None) -> Iterator[Finding]:
    """Each place, brand and person once per passage, where it first appears."""
    home = scope.home
    others = _Others.of(corpus, home) if corpus is not None else _Others()
    for passage in scope.passages:
        found: list[Finding] = []
        people: dict[str, str] = {}
        for clause in (m.group() for p in passage.paragraphs() for m in _CLAUSE.finditer(p)):
            found += _places(passage, clause, home, others)
            found += _brands(passage, clause, home, others)
            if passage.field == "body":
                for name, post in _people_in(clause):
                    if not people.get(name):
                        people[name] = post
        for name, post in people.items():
            found.append(_person(passage, name, post, home, corpus))
        once: dict[tuple[str, str], Finding] = {}
        for finding in found:
            once.setdefault((finding.code, finding.message), finding)
        yield from once.values()


# --- places ------------------------------------------------------------------------


def _places(passage: Passage, clause: str, home: Home, others: _Others) -> Iterator[Finding]:
    if _TOGETHER.search(clause):
        return
    named: list[str] = []
    if home.known:
        for found in gazetteer().find(clause):
            if not _owned(found, home):
                named.append(found.text)
    if others.zones:
        named += others.zones.findall(clause)
    for name in dict.fromkeys(named):
        yield passage.flag(
            "warning",
            "other-place",
            f"“{name}”不是本单位、上级或下辖的地方：若是从别处的报告抄来，请改为本地的内容；"
            "若确是考察学习、区域协作，请在句中写明",
        )


def _brands(passage: Passage, clause: str, home: Home, others: _Others) -> Iterator[Finding]:
    brands: list[str] = []
    for word in _BRAND_WORD.finditer(clause):
        after = clause[word.end() : word.end() + _LONGEST_SHORT]
        found = gazetteer().find(after, short=True, short_levels=COUNTY)
        if not found or found[0].start != 0 or _owned(found[0], home):
            continue
        county = min(place.level for place in found[0].places) == COUNTY
        if not county or _BRAND_END.match(after[found[0].end :] or "。"):
            brands.append(word.group() + found[0].text)
    for core in others.cores.finditer(clause) if others.cores else ():
        before = _BRAND_LEFT.search(clause[: core.start()])
        after = _BRAND_RIGHT.match(clause[core.end() :])
        if before or after:
            brand = (before.group() if before else "") + core.group()
            brands.append(brand + (after.group() if after else ""))
    for brand in dict.fromkeys(b.replace("“", "").replace("”", "") for b in brands):
        yield passage.flag(
            "warning",
            "other-brand",
            f"“{brand}”是别处的地方品牌提法，不是本单位的：请删去或改为本地的提法",
        )


def _owned(found: Found, home: Home) -> bool:
    """A name the unit's own names contain (白沙 of 白沙镇), or a place of the unit's."""
    return home.owns_core(found.text) or any(map(home.owns, found.places))


@dataclass(frozen=True)
class _Others:
    """What names the corpus's other units: the cores of their names (`芦台`, for brands)
    and the names of their zones the gazetteer does not hold (`芦台经济开发区`)."""

    cores: re.Pattern[str] | None = None
    zones: re.Pattern[str] | None = None

    @classmethod
    def of(cls, corpus: Phrasebook, home: Home) -> _Others:
        cores: dict[str, str] = {}
        for unit in corpus_facts(corpus).units:
            for label in (unit.place or "", unit_label(unit.issuer)):
                core = place_core(label)
                if core and not home.owns_core(core):
                    cores.setdefault(core, _full_name(label, core))
                    break
        zones = [full for core, full in cores.items() if full != core]
        zones = [full for full in zones if not gazetteer().find(full)]
        return cls(_alternation(cores), _alternation(zones))


def _alternation(words: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered))) if ordered else None


def _full_name(label: str, core: str) -> str:
    """The core with the place suffix it has in the label (`芦台经济开发区`), else the core."""
    rest = label[label.find(core) + len(core) :]
    suffix = next((s for s in PLACE_SUFFIXES if rest.startswith(s)), "")
    return core + suffix


# --- people ------------------------------------------------------------------------


def _people_in(clause: str) -> Iterator[tuple[str, str]]:
    """(name, post or "") of the people the clause names."""
    for match in _PERSON.finditer(clause):
        name = match.group("name") or match.group("alone")
        if name not in _NOT_NAMES:
            yield name, match.group("post") or ""


def _person(
    passage: Passage, name: str, post: str, home: Home, corpus: Phrasebook | None
) -> Finding:
    """Named by a corpus report of the unit's own (a note), of another unit, or unknown."""
    who = post + name
    seen = _seen_in(name, home, corpus) if corpus is not None else None
    if seen == "":
        return passage.flag(
            "info",
            "person",
            f"提到了人名“{who}”，与本单位往年报告相同：请确认今年的姓名和职务仍然无误",
        )
    if seen:
        return passage.flag(
            "warning", "person", f"人名“{who}”见于{seen}，是别处的人员：请删去，或改为本单位的人员"
        )
    return passage.flag(
        "warning",
        "person",
        f"提到了人名“{who}”：请确认是本单位的人员，姓名和职务无误（报告一般不点名）",
    )


def _seen_in(name: str, home: Home, corpus: Phrasebook) -> str | None:
    """Where the corpus has the name: "" in the unit's own reports, another unit's
    report named (`天津市河东区2021年报告`), or None when it is not in the corpus."""
    sources = corpus.named_by(name)
    if any(home.owns_issuer(source.issuer) for source in sources):
        return ""
    return source_label(sources[0]) if sources else None
