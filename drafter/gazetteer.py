"""China's administrative divisions, for telling a unit's own places from other units'.

A phrase mined from another district's report must not carry that district's
name into a user's draft, and a reviewer marks down a draft that names a place
that is neither the writer's unit nor above it. Both need the same knowledge:
which strings are place names, which place contains which, and what a unit's
name (`长治市潞州区人民政府`, `河北唐山芦台经济开发区管委会`) says about where it is.

The list (`drafter/data/gazetteer.tsv`, made by `tools/make_gazetteer.py`) holds
provinces, prefectures and counties with their codes and short forms (`潞州区` /
`潞州`). Names are not unique (two 河东区, four 鼓楼区): a match lists every
place it may be, and `unit_places` resolves a unit's name by the places around
it in that name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "gazetteer.tsv"

PROVINCE, PREFECTURE, COUNTY = 1, 2, 3
_GENERIC = frozenset({"城区", "郊区", "矿区", "市辖区"})
"""County names that are ordinary words in any report."""
_SUFFIXES = frozenset("省市县区州盟旗镇乡村街路道")
"""A short form followed by one of these is part of another name (海北镇, 长治路)."""
PLACE_SUFFIXES = (
    "高新技术产业开发区", "经济技术开发区", "经济开发区", "产业园区", "开发区", "高新区",
    "示范区", "景区", "新区", "街道", "自治县", "自治旗", "自治州",
    "区", "县", "市", "旗", "盟", "镇", "乡",
)  # fmt: skip
"""The endings of a unit's place name, longest first: what is left of `芦台经济开发区`
or `潞州区` without one is the place's distinctive core (`芦台`, `潞州`)."""


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


@dataclass(frozen=True)
class Place:
    """One administrative division."""

    code: str
    """Six digits: two for the province, two for the prefecture, two for the county."""
    level: int
    name: str
    """The official name: `山西省`, `长治市`, `潞州区`."""
    short: str = ""
    """The common short form (`山西`, `长治`, `潞州`), or "" when it names no one place."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.short) if self.short else (self.name,)


@dataclass(frozen=True)
class Found:
    """A place name found in a text: where, as written, and every place it may be."""

    start: int
    end: int
    text: str
    places: tuple[Place, ...]
    short: bool
    """Found by a short form (`长治`), not by the full name (`长治市`)."""


class Gazetteer:
    """The divisions, searchable by name and walkable upwards."""

    def __init__(self, places: Iterable[Place]) -> None:
        self.by_code: dict[str, Place] = {place.code: place for place in places}
        self._full: dict[str, list[Place]] = {}
        self._short: dict[str, list[Place]] = {}
        for place in self.by_code.values():
            self._full.setdefault(place.name, []).append(place)
            if place.short:
                self._short.setdefault(place.short, []).append(place)
        names = [*self._full, *self._short]
        self._longest = max(map(len, names))
        self._starts = {name[:2] for name in names}

    def parent(self, place: Place) -> Place | None:
        """The division directly above (a county's prefecture, else its province)."""
        if place.level == COUNTY:
            above = self.by_code.get(place.code[:4] + "00")
            if above is not None and above is not place:
                return above
        if place.level >= PREFECTURE:
            above = self.by_code.get(place.code[:2] + "0000")
            return above if above is not place else None
        return None

    def lineage(self, place: Place) -> list[Place]:
        """The place and every division above it, innermost first."""
        chain = [place]
        while (above := self.parent(chain[-1])) is not None:
            chain.append(above)
        return chain

    def find(
        self, text: str, *, short: bool = False, short_levels: int = PREFECTURE
    ) -> list[Found]:
        """Place names in `text`, left to right, the longest at each position.

        Full names always; short forms only when asked, and only of divisions down to
        `short_levels`: a county's short form is often an ordinary word (平安, 共和,
        公安), and even a prefecture's starts phrases (长治 in 长治久安), so callers that
        use short forms check their context.
        """
        found: list[Found] = []
        i, n = 0, len(text)
        while i < n - 1:
            if text[i : i + 2] not in self._starts:
                i += 1
                continue
            after_place = bool(found) and found[-1].end == i
            match = self._match_at(text, i, short, short_levels, after_place)
            if match is None:
                i += 1
                continue
            found.append(match)
            i = match.end
        return found

    def _match_at(
        self, text: str, i: int, short: bool, short_levels: int, after_place: bool
    ) -> Found | None:
        """The longest name starting at `i`. A two-character name (和县, 海北) inside a run of
        Chinese text is usually part of a word (区和县), so it counts only at a word's
        start or right after another place name; a short form followed by 镇, 路 …
        is part of some other name."""
        inside_word = i > 0 and _is_cjk(text[i - 1]) and not after_place
        for end in range(min(len(text), i + self._longest), i + 1, -1):
            word = text[i:end]
            if word in _GENERIC or (end - i == 2 and inside_word):
                continue
            if word in self._full:
                return Found(i, end, word, tuple(self._full[word]), short=False)
            if short and word in self._short and text[end : end + 1] not in _SUFFIXES:
                places = tuple(p for p in self._short[word] if p.level <= short_levels)
                if places:
                    return Found(i, end, word, places, short=True)
        return None

    def unit_places(self, unit: str) -> list[Place]:
        """The places a unit's name is about, innermost first, with those above them.

        `长治市潞州区人民政府` → 潞州区, 长治市, 山西省; `河北唐山芦台经济开发区管委会` → the
        开发区, 唐山市, 河北省. An ambiguous name (`河东区`) is resolved by the other
        places named beside it (`天津市河东区`); unresolved, every reading is kept.
        """
        found = self.find(unit, short=True, short_levels=COUNTY)
        readings = [match.places for match in found]
        if not readings:
            return []
        named = {place for places in readings for place in places}
        chosen: list[Place] = []
        for places in readings:
            fitting = [p for p in places if self._fits(p, named - set(places))]
            chosen.extend(fitting or places)
        innermost = [p for p in chosen if not any(p in self.lineage(q)[1:] for q in chosen)]
        result: list[Place] = []
        for place in sorted(innermost, key=lambda p: -p.level):
            for above in self.lineage(place):
                if above not in result:
                    result.append(above)
        return result

    def _fits(self, place: Place, others: set[Place]) -> bool:
        """Whether the other places named beside `place` are above or below it, if any."""
        if not others:
            return True
        lineage = set(self.lineage(place))
        return any(o in lineage or place in self.lineage(o) for o in others)

    def own_names(self, unit: str) -> set[str]:
        """Every name (full and short) of the places a unit's name is about, and above."""
        return {name for place in self.unit_places(unit) for name in place.names}


def _read(path: Path) -> list[Place]:
    places = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        code, level, name, short = line.split("\t")
        places.append(Place(code, int(level), name, short))
    return places


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The bundled gazetteer, read once (about 3,400 divisions)."""
    return Gazetteer(_read(DATA))
