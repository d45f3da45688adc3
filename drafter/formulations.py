"""Dated formulations: which documents and events a report of a given year may quote.

Reports quote the party's and state's current documents; a report that calls a
superseded one current (十九大 in a 2024 report, 纲要（2015—2020年）, “七五”普法)
reads as copied, and one that names an event after its own date (a 全会 held
later) is plainly wrong. The facts are data with their sources, in
`drafter/data/formulations.yaml`: the suggestions leave such phrases out and the
checks flag them. A pack may add entries of its own in the same form.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data" / "formulations.yaml"
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_LOOKING_BACK = re.compile(r"(总结|回顾|收官|完成)[^。，；]{0,8}$")
_LOOKED_BACK_ON = re.compile(
    r"^[”’》]?[^。，；]{0,6}(收官|以来|期间|时期|工作经验|圆满完成|顺利完成)"
)
"""Words around a superseded formulation that speak of it as past (总结“七五”普法工作经验,
“十三五”时期): history, not a formulation quoted as current."""


class FormulationsError(ValueError):
    """An entry of a formulations file is malformed (the message says which and why)."""


@dataclass(frozen=True)
class Formulation:
    """One dated formulation: how to find it, when it began, until when it is current."""

    name: str
    patterns: tuple[re.Pattern[str], ...]
    since: tuple[int, int]
    """(year, month) it was held, issued or took effect."""
    current_through: int | None = None
    """The last year a report may cover and still call it current (None: still current)."""
    instead: str = ""
    source: str = ""

    def search(self, text: str) -> re.Match[str] | None:
        """The first place `text` mentions the formulation, or None."""
        for pattern in self.patterns:
            match = pattern.search(text)
            if match:
                return match
        return None

    def superseded_for(self, year: int) -> bool:
        """Whether a report covering `year` would quote it as no longer current."""
        return self.current_through is not None and year > self.current_through

    def later_than(self, day: dt.date) -> bool:
        """Whether it came after `day` (a report written then cannot mention it)."""
        return self.since > (day.year, day.month)


@dataclass(frozen=True)
class Dated:
    """A formulation found in a text that does not fit the report's time."""

    formulation: Formulation
    match: re.Match[str]
    kind: str
    """`superseded` (no longer current in the report's year) or `later` (after its date)."""


def written_by(year: int, date: dt.date | None = None) -> dt.date:
    """When a report covering `year` is written: its 成文日期, else the deadline (1 April)."""
    return date or dt.date(year + 1, 4, 1)


def dated_in(
    text: str, year: int, date: dt.date | None = None, formulations: Iterable[Formulation] = ()
) -> Iterator[Dated]:
    """Formulations in `text` that a report covering `year`, written on `date`, must not use."""
    written = written_by(year, date)
    for formulation in formulations or bundled():
        match = formulation.search(text)
        if match is None:
            continue
        if formulation.later_than(written):
            yield Dated(formulation, match, "later")
        elif formulation.superseded_for(year) and not _as_past(text, match):
            yield Dated(formulation, match, "superseded")


@dataclass(frozen=True)
class Span:
    """The report years a text fits, as the formulations it mentions bound them.

    Worked out once per text (when a phrase is indexed) so that a suggestion can be
    checked against any draft's year without searching the text again.
    """

    since: tuple[int, int] | None = None
    """(year, month) of the latest formulation it mentions: no report written before."""
    through: int | None = None
    """The last report year in which every formulation it quotes as current still is."""

    def misfit(self, year: int, date: dt.date | None = None) -> str | None:
        """`later` or `superseded` as `dated_in` would say for a report covering `year`
        written on `date`, or None when the text fits that report."""
        written = written_by(year, date)
        if self.since is not None and self.since > (written.year, written.month):
            return "later"
        if self.through is not None and year > self.through:
            return "superseded"
        return None


def span_of(text: str, formulations: Iterable[Formulation] = ()) -> Span:
    """The years a text fits: after the latest formulation it mentions, and no later than
    the earliest current_through of those it quotes as current (not as past)."""
    since: tuple[int, int] | None = None
    through: int | None = None
    for formulation in formulations or bundled():
        match = formulation.search(text)
        if match is None:
            continue
        since = max(since or formulation.since, formulation.since)
        if formulation.current_through is not None and not _as_past(text, match):
            through = min(through or formulation.current_through, formulation.current_through)
    return Span(since, through)


def _as_past(text: str, match: re.Match[str]) -> bool:
    return bool(
        _LOOKING_BACK.search(text[max(0, match.start() - 12) : match.start()])
        or _LOOKED_BACK_ON.match(text[match.end() : match.end() + 12])
    )


@lru_cache(maxsize=1)
def bundled() -> tuple[Formulation, ...]:
    """The formulations that ship with drafter (read once; with libyaml when pyyaml has it,
    which reads them ten times faster: indexing a new report waits for this)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return tuple(parse_formulations(yaml.load(DATA.read_text(encoding="utf-8"), loader), DATA))


def parse_formulations(data: Any, where: Path | str) -> list[Formulation]:
    """Formulations from a loaded YAML document `{formulations: [...]}`; FormulationsError
    naming the entry and the field when one is malformed."""
    entries = data.get("formulations") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise FormulationsError(f"{where}：需要 formulations: 列表")
    return [_entry(entry, i, where) for i, entry in enumerate(entries, 1)]


def _entry(entry: Any, number: int, where: Path | str) -> Formulation:
    def fail(problem: str) -> FormulationsError:
        return FormulationsError(f"{where}：第{number}条：{problem}")

    if not isinstance(entry, dict):
        raise fail("应为包含 name、patterns、since 的映射")
    name, patterns, since = entry.get("name"), entry.get("patterns"), str(entry.get("since"))
    if not isinstance(name, str) or not name:
        raise fail("缺少 name")
    if not isinstance(patterns, list) or not patterns or not all(
        isinstance(p, str) and p for p in patterns
    ):
        raise fail("patterns 应为非空的正则表达式列表")
    month = _MONTH.fullmatch(since)
    if not month or not 1 <= int(month.group(2)) <= 12:
        raise fail(f"since 应为 YYYY-MM，而不是 {since!r}")
    through = entry.get("current_through")
    if through is not None and (isinstance(through, bool) or not isinstance(through, int)):
        raise fail("current_through 应为年份")
    try:
        compiled = tuple(re.compile(p) for p in patterns)
    except re.error as error:
        raise fail(f"正则表达式有误：{error}") from None
    return Formulation(
        name,
        compiled,
        (int(month.group(1)), int(month.group(2))),
        through,
        str(entry.get("instead") or ""),
        str(entry.get("source") or ""),
    )
