"""Generalise what belongs to a report's source: its unit, the places above it, people's names.

A suggestion is inserted with one key into another unit's report, so it must
not carry the source's identity: `区委书记范少军同志` becomes `区委书记{姓名}同志`,
`《长治市潞州区行政执法监督员管理办法》` becomes `《{单位}行政执法监督员管理办法》`,
`天津市司法局官网` (in 河东区's report) becomes `{上级}司法局官网`.

Which names are the source's own is read from the report itself (its issuer,
title and recipients, with the manifest's place), looked up in the gazetteer,
so it works for any report a user adds. People are found next to a post or
同志 by jieba: the words its dictionary tags as names, and the new words its HMM
finds that begin as its names do. What cannot be generalised safely — another place's
name outside a document title, a person's name that cannot be told from its
post — makes the phrase `specific` to its source, and it is not offered.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from pathlib import Path

from drafter.corpus.report import Report
from drafter.gazetteer import COUNTY, PLACE_SUFFIXES, PROVINCE, Found, Place, gazetteer

UNIT = "{单位}"
SUPERIOR = "{上级}"
PERSON = "{姓名}"

_CJK = "\u3400-\u9fff"
_ZONE_SUFFIX = (
    r"(?:经济技术开发区|高新技术产业开发区|经济开发区|产业园区|开发区|高新区|示范区|景区|新区"
    r"|保税区|园区)"
)
_ZONE = re.compile(rf"[{_CJK}]{{0,10}}?{_ZONE_SUFFIX}")
"""A zone's name (芦台经济开发区, 徂汶景区): the units the gazetteer does not always hold."""
_NOT_ZONE = re.compile(r"人民政府|委员会|关于|法治|建设|报告|工作")
_ZONE_WORD = re.compile(_ZONE_SUFFIX)
_PARTY = re.compile(r"^(?:中共|中国共产党)")
_JOINT = re.compile(r"[、，,；;\s]+")
"""Joint issuers (`中共某区委员会、某区人民政府`) are read one by one."""
_GENERIC_SHORT = ("高新", "经济", "示范", "开发", "新")
"""Short place forms that are ordinary words: 高新区 must not turn 高新技术 into {单位}技术."""
_DIVISION = re.compile(rf"[{_CJK}]{{2,6}}?(?:自治县|自治旗|自治州|街道|省|市|县|区|旗|盟|州|镇|乡)")
_NOT_DIVISION = re.compile(r"[和与及的]|人民|政府|委员|办公|管理|建设|城市|依法治")
"""Department words that end like a division (住房和城乡, 城市, 全面依法治区): not a place."""
_BELOW = re.compile(rf"[{_CJK}]{{1,6}}(?:镇|乡|街道|{_ZONE_SUFFIX})")
_AUTONOMOUS = re.compile(rf"([{_CJK}]{{2,}}?)(?:[{_CJK}]{{1,4}}族)+(自治[县州旗])")
_RECIPIENT = re.compile(rf"^[{_CJK}、，,]{{2,40}}[:：]$")
"""A 主送机关 line (`唐山市人民政府：`): the report goes to the level above."""
_DEPARTMENT = re.compile(
    rf"(?:局|厅|委|办|中心|院|所|站|队|署)$|(?<![区县市旗州盟省])委员会$|(?:[{_CJK}]{{2,}}部)$"
)
_PLACE_ORGAN = re.compile(
    r"(?:人民政府|政府|管委会|管理委员会|党工委|工委|党委|(?<=[区县市旗州盟省])委员会"
    r"|依法治[区县市旗盟州省]办"
    r"|依法治[区县市旗盟州省]委员会办公室|[区县市旗]委办|政府办公室|政府办)$"
)
_POSTS = (
    r"书记|常委|委员(?!会)|主任|主席|律师|法官|检察官|教授|组长|"
    r"(?:[区县市旗镇乡省州盟局部厅处科院所队站校]长)"
)
_PERSON_CUE = re.compile(rf"同志|{_POSTS}")
"""Words next to which a person's name is written; only the text around them is tagged."""
_REACH = 6
"""Characters tagged on each side of a cue: a name (2-4) and a little context."""
_POST = re.compile(rf"(?:{_POSTS}|同志)$")
_UNNAMED = re.compile(
    rf"(?:{_POSTS})(?!{re.escape(PERSON)}同志)(?:[{_CJK}]|{re.escape(PERSON)}){{1,8}}?同志"
)
"""A post and 同志 with more between them than one `{姓名}`: what is between is a name
(`区长欧阳建国同志`, `书记那顺巴{姓名}同志`) that jieba did not tell, or only in part."""
_NAME_TAGS = frozenset({"nr", "nrfg", "nrt"})
_NEW_NAME = re.compile(rf"[{_CJK}]{{2,3}}")
_SURNAME_NAMES = 100
"""A character that begins this many of jieba's names is a surname (范 148, 为 0)."""
_FULL_NAME_END = tuple("省市县区旗盟州乡镇") + ("街道",)


@dataclass(frozen=True)
class Generalised:
    """A text with its source's particulars replaced; `specific` if some could not be.
    `people` are the names replaced by `{姓名}` (the checks ask which reports name whom)."""

    text: str
    specific: bool = False
    people: tuple[str, ...] = ()


@dataclass
class SourceUnit:
    """Who wrote a report: every form of its own name, and the places above it."""

    own: set[str] = field(default_factory=set)
    """Forms of the unit's own name (`潞州区`, `潞州`, `长治市潞州区`): they become `{单位}`."""
    superiors: set[str] = field(default_factory=set)
    """Names of the divisions above it (`长治市`, `长治`, `山西省`): they become `{上级}`."""
    places: set[Place] = field(default_factory=set)
    """Gazetteer places that are the unit itself."""
    above: set[Place] = field(default_factory=set)
    """Gazetteer places above the unit."""
    written_above: list[tuple[str, ...]] = field(default_factory=list)
    """Divisions above it that the gazetteer does not hold, outermost first, each with its
    short form (`("临江市", "临江")`)."""


def source_unit(
    place: str | None,
    issuer: str | None = None,
    title: str | None = None,
    front: Iterable[str] = (),
) -> SourceUnit:
    """What a report's issuer, title, recipient and (manifest) place say about its unit.

    `河北唐山芦台经济开发区管委会` is the zone 芦台经济开发区 (also 芦台, 唐山芦台经济开发区)
    under 唐山市 and 河北省; `天津市河东区司法局` is 河东区 under 天津市. `front` are the
    report's front lines: one that is a 主送机关 (`唐山市人民政府：`) names the level above.
    Divisions the gazetteer does not hold (a town, a new district) are read from how
    the name is written (`青石区南湖街道办事处`: 南湖街道 under 青石区).
    """
    unit = SourceUnit()
    if place:
        unit.own.update(_with_short(place))
    for text in (issuer, title):
        for part in _parts(text or ""):
            _read_unit_name(part, place, unit)
            _read_written_divisions(part, place, unit)
    for line in front:
        if _RECIPIENT.match(line):
            for part in _parts(line.rstrip(":：")):
                for lineage in _readings(part, unit):
                    unit.above.update(p for p in lineage if p not in unit.places)
    unit.above -= unit.places
    for own in unit.places:
        unit.own.update(own.names)
    for above in unit.above:
        unit.superiors.update(above.names)
    for names in unit.written_above:
        unit.superiors.update(names)
    unit.own.update(_prefixed(unit))
    unit.own -= {""}
    unit.superiors -= unit.own | {""}
    return unit


def generaliser_for(report: Report, place: str | None, issuer: str | None) -> Generaliser:
    """The generaliser of a classified report: its unit from `place` and `issuer` (from a
    manifest when known, else as parsed), its title and its front lines."""
    front = [line.text for line in report.lines if line.slot == "front"]
    unit = source_unit(place or report.place, issuer or report.issuer, report.title, front)
    if place and report.place:
        unit.own.update(_with_short(report.place))  # as parsed: another name for it
        unit.superiors -= unit.own
    return Generaliser(unit)


def _parts(text: str) -> list[str]:
    """The names of joint issuers (`中共某区委员会、某区人民政府`), party prefix dropped."""
    return [_PARTY.sub("", part) for part in _JOINT.split(text) if part]


def _with_short(name: str) -> tuple[str, ...]:
    """A unit's name with its short forms; an autonomous county is also written without
    its peoples (龙溪苗族侗族自治县: 龙溪县, 龙溪)."""
    forms = [name]
    autonomous = _AUTONOMOUS.fullmatch(name)
    if autonomous:
        forms += [autonomous.group(1) + autonomous.group(2)[-1], autonomous.group(1)]
    else:
        forms.append(short_place(name) or "")
    return tuple(form for form in forms if form)


def _read_unit_name(part: str, place: str | None, unit: SourceUnit) -> None:
    """One issuer's name by the gazetteer: its zone or innermost division is the unit,
    the divisions around it are above."""
    found = [f for f in gazetteer().find(part, short=True, short_levels=COUNTY) if _plain(f)]
    end = found[-1].end if found else 0
    zone = _ZONE.match(part, end)
    if zone and not _NOT_ZONE.search(zone.group()):
        if not zone.group().startswith(_GENERIC_SHORT):
            unit.own.update(_with_short(zone.group()))
        unit.own.update(part[f.start : zone.end()] for f in found)
        for lineage in _readings(part[:end], unit):
            unit.above.update(lineage)
        return
    # A division the gazetteer does not hold, written first (桐江市东城区), is above the
    # found one: that is not the gazetteer's 东城区, whose lineage does not apply.
    unknown_above = bool(found) and bool(_division_pieces(part[: found[0].start]))
    for lineage in _readings(part, unit):
        innermost = lineage[0]
        if place and not _names_place(innermost, place) and _below(part[found[-1].end :]):
            unit.above.update(lineage)
        else:
            unit.places.add(innermost)
            if not unknown_above:
                unit.above.update(lineage[1:])


def _read_written_divisions(part: str, place: str | None, unit: SourceUnit) -> None:
    """Divisions the gazetteer does not hold, as the name writes them one after another:
    the innermost is the unit (unless a zone or town follows), the others are above."""
    pieces = _division_pieces(part)
    known = {name for p in unit.places | unit.above for name in p.names}
    if not pieces or all(piece in known for piece in pieces):
        return
    rest = part[sum(map(len, pieces)) :]
    *outer, inner = pieces
    if place and place not in pieces and _below(rest):
        outer.append(inner)
    else:
        unit.own.update(_with_short(inner))
    for piece in outer:
        if piece not in known and _with_short(piece) not in unit.written_above:
            unit.written_above.append(_with_short(piece))


def _division_pieces(part: str) -> list[str]:
    """`桐江市东城区人民政府` → 桐江市, 东城区: division names written from the start."""
    pieces: list[str] = []
    at = 0
    while (match := _DIVISION.match(part, at)) and not _NOT_DIVISION.search(match.group()):
        pieces.append(match.group())
        at = match.end()
    return pieces


def _readings(name: str, unit: SourceUnit) -> list[list[Place]]:
    """The lineages a unit's name may mean, innermost first; of an ambiguous name
    (河东区), those that fit what the report's other names already said (天津市)."""
    g = gazetteer()
    places = g.unit_places(name)
    leaves = [p for p in places if not any(p in g.lineage(q)[1:] for q in places)]
    lineages = [g.lineage(leaf) for leaf in leaves]
    known = unit.places | unit.above
    fitting = [lineage for lineage in lineages if known & set(lineage)]
    return fitting if len(lineages) > 1 and fitting else lineages


def _plain(found: Found) -> bool:
    """A gazetteer match that is a division and not a zone's generic short form."""
    return not found.text.startswith(_GENERIC_SHORT)


def _names_place(place: Place, name: str) -> bool:
    return name in place.names or place.name.endswith(name) or name.endswith(place.name)


def _below(rest: str) -> bool:
    """Whether the text after a division names a unit below it (`某镇`, `某经济开发区`)."""
    match = _BELOW.match(rest)
    return bool(match) and not _NOT_DIVISION.search(match.group())


def _prefixed(unit: SourceUnit) -> Iterator[str]:
    """The unit's names with the names of the places above written before them
    (`长治市潞州区`, `河北唐山芦台经济开发区`, `山西长治潞州区`)."""
    chain = [p.names for p in sorted(unit.above, key=lambda p: p.level)] + unit.written_above
    bases = [name for name in unit.own if len(name) >= 2]
    for prefix in product(*((*names, "") for names in chain)):
        joined = "".join(prefix)
        if joined:
            for base in bases:
                yield joined + base


def short_place(place: str) -> str | None:
    """A place's short form by its suffix (潞州区 → 潞州), unless that is an ordinary word."""
    for suffix in PLACE_SUFFIXES:
        if place.endswith(suffix) and len(place) - len(suffix) >= 2:
            short = place[: -len(suffix)]
            return None if short.startswith(_GENERIC_SHORT) else short
    return None


def unit_kind(name: str, place: str | None = None, department: bool = False) -> str:
    """区县, 开发区 or 部门: which kind of unit a name (an issuer, a draft's unit) is.

    `department` is what a template pack says (the `department` pack); a zone's name
    (开发区, 高新区, 景区 …) makes a 开发区, an organ of a division (人民政府, 区委,
    依法治区办) a 区县, a bureau or commission (司法局, 卫生健康委员会) a 部门.
    """
    if department:
        return "部门"
    if _ZONE_WORD.search(name) or (place and _ZONE_WORD.search(place)):
        return "开发区"
    last = _JOINT.split(_PARTY.sub("", name.strip()))[-1] if name.strip() else ""
    if last and not _PLACE_ORGAN.search(last) and _DEPARTMENT.search(last):
        return "部门"
    return "区县"


class Generaliser:
    """Replaces one source's particulars in its phrases."""

    def __init__(self, unit: SourceUnit) -> None:
        self.unit = unit
        self._own = _alternation(unit.own)
        self._superiors = _alternation(unit.superiors)

    def generalise(self, text: str) -> Generalised:
        """`text` with the unit as `{单位}`, places above as `{上级}`, people as `{姓名}`."""
        text, person_safe, people = _people(text)
        text = self._names(text, self._own, UNIT)
        text = self._names(text, self._superiors, SUPERIOR)
        text, places_safe = self._other_places(text)
        text = re.sub(r"(\{上级\})+(?=\{单位\})|(?<=\{上级\})\{上级\}", "", text)
        unnamed = _UNNAMED.search(text) is not None
        return Generalised(text, not (person_safe and places_safe) or unnamed, tuple(people))

    def _names(self, text: str, pattern: re.Pattern[str] | None, placeholder: str) -> str:
        """Known names replaced; a short form only where it is a word of its own
        (潞州 in 法治潞州, not 长治 in 长治久安)."""
        if pattern is None:
            return text
        out: list[str] = []
        last = 0
        bounds: set[int] | None = None
        for match in pattern.finditer(text):
            if _is_short(match.group()):
                bounds = bounds if bounds is not None else _word_bounds(text)
                if match.start() not in bounds or match.end() not in bounds:
                    continue
            out.append(text[last : match.start()])
            out.append(placeholder)
            last = match.end()
        out.append(text[last:])
        return "".join(out)

    def _other_places(self, text: str) -> tuple[str, bool]:
        """Places that are neither the unit nor above it: in a document title the title
        becomes a superior's (`《{上级}行政规范性文件备案审查办法》`); elsewhere the
        phrase is specific to its source."""
        safe = True
        out: list[str] = []
        last = 0
        for start, end in _places_in(text):
            if _in_title(text, start):
                out.append(text[last:start])
                out.append(SUPERIOR)
                last = end
            else:
                safe = False
        out.append(text[last:])
        return "".join(out), safe


def _places_in(text: str) -> list[tuple[int, int]]:
    """Spans of division names in `text`: full names, and provinces' short forms (河北, 天津);
    two-character ones (和县, 河北) only where they are words of their own (not in 和县级).
    Other short forms are too often ordinary words (平安, 公安)."""
    spans = [(f.start, f.end) for f in gazetteer().find(text)]
    spans += [m.span() for m in _province_shorts().finditer(text) if not _overlaps(m.span(), spans)]
    if any(end - start <= 2 for start, end in spans):
        bounds = _word_bounds(text)
        spans = [
            (start, end)
            for start, end in spans
            if end - start > 2 or (start in bounds and end in bounds)
        ]
    return sorted(spans)


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans)


@lru_cache(maxsize=1)
def _province_shorts() -> re.Pattern[str]:
    shorts = {p.short for p in gazetteer().by_code.values() if p.level == PROVINCE and p.short}
    return re.compile("|".join(sorted(shorts, key=len, reverse=True)))


def _is_short(name: str) -> bool:
    """Short forms (潞州, 长治, 河北) and two-character names (和县) count only as words of
    their own; longer full names (潞州区, 芦台经济开发区) anywhere."""
    return len(name) <= 2 or not name.endswith(_FULL_NAME_END)


def _alternation(names: set[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    ordered = sorted(names, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in ordered))


def _in_title(text: str, at: int) -> bool:
    """Whether position `at` is inside 《…》."""
    opened = text.rfind("《", 0, at)
    return opened >= 0 and text.rfind("》", 0, at) < opened


def _word_bounds(text: str) -> set[int]:
    """Positions between jieba's words (accurate mode, no HMM): 长治久安 is one word."""
    from drafter.corpus.segment import load_jieba

    bounds = {0}
    at = 0
    for word in load_jieba().cut(text, HMM=False):
        at += len(word)
        bounds.add(at)
    return bounds


def _people(text: str) -> tuple[str, bool, list[str]]:
    """People's names next to a post or 同志 as `{姓名}`; False when a name may remain;
    the names replaced.

    Only the text around each cue word is tagged (tagging is slow, and a name sits
    right beside its post), windows that touch are tagged together.
    """
    windows: list[list[int]] = []
    for cue in _PERSON_CUE.finditer(text):
        start, end = _outside_braces(text, cue.start() - _REACH, cue.end() + _REACH)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    out: list[str] = []
    safe = True
    people: list[str] = []
    last = 0
    for start, end in windows:
        named, window_safe, window_people = _people_in(text[start:end])
        out += [text[last:start], named]
        safe = safe and window_safe
        people += window_people
        last = end
    out.append(text[last:])
    return "".join(out), safe, people


def _outside_braces(text: str, start: int, end: int) -> tuple[int, int]:
    """A window widened so that it does not cut a placeholder in two."""
    start, end = max(0, start), min(len(text), end)
    opened = text.rfind("{", 0, start)
    if opened >= 0 and text.find("}", opened) >= start:
        start = opened
    closing = text.find("}", end)
    if closing >= 0 and text.rfind("{", 0, end) > text.rfind("}", 0, end):
        end = closing + 1
    return start, end


def _people_in(text: str) -> tuple[str, bool, list[str]]:
    """A name is a run of words jieba tags as a person's (`范少军`, or `范` `少军`) written
    right after a post (`区委书记`, `区长`) or right before one (`同志`, `律师`). A `同志`
    after anything else but an ordinary word (`负责同志` is one) may follow a name
    jieba did not tag, so the text is not safe."""
    words = _tagged(text)
    out: list[tuple[str, str]] = []
    people: list[str] = []
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and words[j][1] in _NAME_TAGS:
            j += 1
        name = "".join(word for word, _ in words[i:j])
        before = out[-1][0] if out else ""
        after = words[j][0] if j < len(words) else ""
        if j > i and 2 <= len(name) <= 4 and (_POST.search(before) or _POST.fullmatch(after)):
            out.append((PERSON, "x"))
            people.append(name)
            i = j
            continue
        out.append(words[i])
        i += 1
    safe = all(
        out[k - 1][0] == PERSON or _ordinary(*out[k - 1])
        for k in range(1, len(out))
        if out[k][0] == "同志"
    )
    return "".join(word for word, _ in out), safe, people


def _ordinary(word: str, flag: str) -> bool:
    """A dictionary word that is not a name (负责, 党员, 老)."""
    from drafter.corpus.segment import load_jieba

    return flag not in _NAME_TAGS and bool(load_jieba().FREQ.get(word)) and not _POST.search(word)


def _tagged(text: str) -> list[tuple[str, str]]:
    """jieba's words (with its HMM, which finds new words such as names), each tagged `nr`
    if it is a name; placeholders kept whole."""
    from drafter.corpus.segment import load_jieba

    tokenizer = load_jieba()
    names, surnames = _name_lexicon()
    words: list[tuple[str, str]] = []
    for piece in re.split(r"(\{[^{}]*\})", text):
        if piece.startswith("{"):
            words.append((piece, "x"))
            continue
        for word in tokenizer.cut(piece, HMM=True) if piece else ():
            new = not tokenizer.FREQ.get(word) and _NEW_NAME.fullmatch(word) is not None
            named = word in names or (new and word[0] in surnames)
            words.append((word, "nr" if named else "x"))
    return words


@lru_cache(maxsize=1)
def _name_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """The words jieba's dictionary tags as people's names (张建国, 周波), and the
    characters that begin many of them (范, 周, 于; not 为): a new word jieba's HMM
    finds that begins with one of those is a name too.

    Read from the dictionary once, then from a copy in the user cache: reading the
    dictionary takes a quarter of a second, and adding one report must stay quick.
    """
    import marshal

    import jieba

    from drafter.atomic import write_bytes_atomic
    from drafter.paths import user_dirs

    dictionary = Path(jieba.dt.dictionary or Path(jieba.__file__).with_name("dict.txt"))
    copy: Path | None = None
    try:
        info = dictionary.stat()
        copy = user_dirs().cache / f"jieba-names-{info.st_size}-{info.st_mtime_ns}.marshal"
        names, surnames = marshal.loads(copy.read_bytes())
        return frozenset(names), frozenset(surnames)
    except (OSError, ValueError, EOFError, TypeError):
        pass
    names = []
    with jieba.dt.get_dict_file() as f:  # "word freq tag" lines
        for line in f.read().split(b"\n"):
            if b" nr" in line:
                word, _, tag = line.decode("utf-8").strip().split(" ")
                if tag in _NAME_TAGS:
                    names.append(word)
    starts = Counter(name[0] for name in names if 2 <= len(name) <= 3)
    surnames = sorted(char for char, count in starts.items() if count >= _SURNAME_NAMES)
    if copy is not None:
        try:
            write_bytes_atomic(copy, marshal.dumps((names, surnames)))
        except OSError:  # no cache: read the dictionary again next time
            pass
    return frozenset(names), frozenset(surnames)
