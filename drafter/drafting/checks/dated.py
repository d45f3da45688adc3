"""Time: formulations the report's year has superseded, events after its 成文日期.

A 2024 report that calls 十九大 current, cites 纲要（2015—2020年） or still
fights the epidemic reads as copied from an old one; one that names a 全会 held
after its own date cannot be right. The facts are the dated table
(`drafter/data/formulations.yaml`, plus the pack's own `formulations.yaml`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.drafting.checks.scope import Scope
from drafter.drafting.findings import Finding
from drafter.formulations import Dated, dated_in, written_by
from drafter.textnorm import fold

_PLENUMS = re.compile(
    r"(?P<term>十九|二十|二十一)届(?P<list>(?:[一二三四五六七八九]中[、和及与]?){2,})全会"
)


def check(scope: Scope) -> Iterator[Finding]:
    """The title, headings and bodies, each formulation once per passage."""
    if not scope.year:
        return
    for passage in scope.passages:
        text = _spelled_out(passage.text)
        for dated in dated_in(text, scope.year, scope.date, scope.formulations):
            if dated.kind == "later":
                yield passage.flag("error", "dated-later", _later(dated, scope))
            else:
                yield passage.flag("warning", "dated", _superseded(dated, scope.year))


def _spelled_out(text: str) -> str:
    """The text, with each 全会 of a list named in full after it: `二十届二中、三中全会`
    is also `二十届二中全会；二十届三中全会`, as the table names them."""
    named = [
        f"{match.group('term')}届{number}中全会"
        for match in _PLENUMS.finditer(text)
        for number in re.findall(r"([一二三四五六七八九])中", match.group("list"))
    ]
    return "\n".join([text, "；".join(named)]) if named else text


def _superseded(dated: Dated, year: int) -> str:
    formulation = dated.formulation
    said = dated.match.group()
    through = formulation.current_through
    instead = formulation.instead
    if instead.startswith("（"):
        advice = instead.strip("（）") + "：请删去或改写"
    else:
        advice = f"应改为“{instead.strip('《》“”')}”" if instead else "请改写"
    return f"“{said}”到{through}年为止是现行提法，{year}年度的报告里已过时，{advice}"


def _later(dated: Dated, scope: Scope) -> str:
    year, month = dated.formulation.since
    said = dated.match.group()
    written = written_by(scope.year, scope.date)
    when = f"成文日期{written.isoformat()}" if scope.date else f"报告期限{written.isoformat()}"
    name = dated.formulation.name
    what = f"“{said}”" if fold(said) == fold(name) else f"“{said}”（{name}）"
    return f"{what}是{year}年{month}月的事，晚于本报告的{when}：请核对，不应出现在本报告中"
