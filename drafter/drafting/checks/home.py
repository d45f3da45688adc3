"""Whose report it is: the unit's places and names, to tell them from other units'.

A reviewer marks down a report that names another district, quotes another
city's documents or carries another locality's brand (`美丽芦台`): signs of
text copied from elsewhere. What counts as the unit's own is read from the
draft's answers (unit, issuer, party, recipient) through the gazetteer: the
unit's places, those above it and those inside it. A unit the gazetteer does
not hold (a scenic area, a zone) is known by its name's core (`徂汶`, `芦台`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from drafter.gazetteer import PLACE_SUFFIXES, PREFECTURE, Place, gazetteer

if TYPE_CHECKING:
    from drafter.corpus.mine import Source

_PARTY = re.compile(r"^(?:中共|中国共产党)")
_JOINT = re.compile(r"[、，,；;\s]+")
_ORG = re.compile(
    r"人民政府|管理委员会|管委会|党工委|工委|委员会|办事处|办公室|(?<=[省市区县旗州盟])委(?!员)"
    r"|全面依法治|司法局|政府"
)
"""Where a body's name stops being a place: `天津市河东区|人民政府`, `长治市潞州区|委员会`."""
_GENERIC_CORES = frozenset({"高新", "经济", "示范", "开发", "产业", "城关", "城区", "郊区", "矿区"})
"""Cores that are ordinary words, not one locality's."""


@lru_cache(maxsize=4096)
def unit_label(name: str) -> str:
    """The place part of a body's name: `天津市河东区人民政府` → `天津市河东区`;
    of joint issuers the first (`中共长治市潞州区委员会、…` → `长治市潞州区`)."""
    for part in _JOINT.split(name):
        part = _PARTY.sub("", part.strip())
        label = _ORG.split(part, maxsplit=1)[0]
        if label:
            return label
    return ""


@lru_cache(maxsize=1)
def _upper_names() -> tuple[str, ...]:
    """Names (full and short) of provinces and prefectures, longest first."""
    names = {
        name
        for place in gazetteer().by_code.values()
        if place.level <= PREFECTURE
        for name in place.names
    }
    return tuple(sorted(names, key=len, reverse=True))


@lru_cache(maxsize=4096)
def place_core(label: str) -> str:
    """The distinctive core of a unit's place name, or "" when it has none:
    `河北唐山芦台经济开发区` → `芦台`, `天津市河东区` → `河东`, `高新区` → ``."""
    text = label
    while True:
        upper = next((n for n in _upper_names() if text.startswith(n) and len(text) > len(n)), "")
        rest = text[len(upper) :]
        if not upper or rest in PLACE_SUFFIXES:
            break
        text = rest
    for suffix in PLACE_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    return "" if len(text) < 2 or text in _GENERIC_CORES or text in PLACE_SUFFIXES else text


def innermost(places: Iterable[Place]) -> tuple[Place, ...]:
    """The places none of the others lies inside of."""
    chosen = list(places)
    g = gazetteer()
    return tuple(p for p in chosen if not any(p in g.lineage(q)[1:] for q in chosen))


@dataclass(frozen=True)
class Home:
    """The draft's unit: its places (with those above) and its names' cores."""

    labels: tuple[str, ...]
    places: frozenset[Place]
    inner: tuple[Place, ...]
    cores: frozenset[str]

    @classmethod
    def of(cls, answers: dict[str, Any]) -> Home:
        texts = [str(answers.get(key) or "") for key in ("unit", "issuer", "party", "recipient")]
        labels = tuple(dict.fromkeys(label for t in texts if t for label in _labels(t)))
        places = gazetteer().unit_places("、".join(labels))
        cores = {place_core(label) for label in labels} | {
            name for place in places for name in place.names
        }
        return cls(labels, frozenset(places), innermost(places), frozenset(cores - {""}))

    @property
    def known(self) -> bool:
        """Whether the gazetteer places the unit at all (else place names are not judged)."""
        return bool(self.places)

    def owns(self, place: Place) -> bool:
        """The unit's own place, one above it, or one inside it."""
        if place in self.places:
            return True
        lineage = gazetteer().lineage(place)
        return any(inner in lineage for inner in self.inner)

    def owns_core(self, core: str) -> bool:
        """Whether a place core (`芦台`) is the unit's own."""
        return core in self.cores or any(core in label for label in self.labels)

    def owns_issuer(self, issuer: str | None) -> bool:
        """Whether a report by `issuer` is the unit's own (an earlier year, a joint issue)."""
        if not issuer:
            return False
        labels = _labels(issuer)
        theirs = innermost(gazetteer().unit_places("、".join(labels)))
        if theirs and self.inner:
            return bool(set(theirs) & set(self.inner))
        return any(self.owns_core(core) for core in map(place_core, labels) if core)


def source_label(source: Source) -> str:
    """A corpus report as a reviewer names it: `天津市河东区2021年报告`."""
    unit = unit_label(source.issuer or "") or source.file
    return f"{unit}{source.year}年报告" if source.year else f"{unit}的报告"


def _labels(name: str) -> list[str]:
    """The place labels of each body in a (joint) name."""
    return [label for part in _JOINT.split(name) if (label := unit_label(part))]
