"""Reuse against last year's report, sentence by sentence, and figures left unchanged.

Writers start from last year's report. Whole paragraphs copied are caught by
`check`'s paragraph comparison; here, single sentences copied into otherwise
new paragraphs, and a figure given for the same measure as last year
(`受理行政复议案件51件` in both years), which is more often last year's number
left in than a coincidence.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from drafter.corpus.mine import split_sentences
from drafter.drafting.checks.scope import Scope, common_run, quoted, stock_masked, wordy
from drafter.drafting.findings import Finding
from drafter.textnorm import fold

MIN_REUSED_CHARS = 20
"""Characters (Chinese, digits) a sentence must have beyond stock formulae to count as reused."""
REUSED_RATIO = 90
"""rapidfuzz ratio (0-100) from which a sentence counts as last year's."""
REUSED_SHARE = 0.75
"""Or from which share of its own characters it is one run of last year's text."""
MIN_FIGURE = 10
"""Smaller counts (召开会议2次) often recur by nature."""

_OURS, _THEIRS = "\ue000", "\ue001"
_NEAR = 80
"""partial_ratio from which last year's sentence is compared run by run."""
_CANDIDATES = 3
_CJK = re.compile(r"[\u3400-\u9fff]")
_FIGURE = re.compile(
    r"(?<![\d.第])(?P<value>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>[余多]?(?:万人次|人次|万元|亿元|万|件|次|人|名|家|个|项|场|条|篇|所|批|份|户|期|起|宗|部|%|％))"
)
_CLAUSE_END = re.compile(r"[，。；：、,;:（）()《》“”]")
_FILLERS = re.compile(r"(?:共计|累计|合计|总计|共|达到|达|为|约|近|超过|超|逾)+$")


def check(
    scope: Scope, earlier: Iterable[str], name: str, copied: Collection[str] = ()
) -> Iterator[Finding]:
    """Sentences and figures of the draft found in `earlier` (last year's paragraphs,
    from the file `name`); paragraphs in `copied` are already flagged whole."""
    earlier = list(earlier)
    before = _Sentences([s for p in earlier for s in split_sentences(p)])
    figures = {figure.key for p in earlier for figure in _figures(p)}
    for passage in scope.bodies():
        for paragraph in passage.paragraphs():
            if paragraph in copied:
                continue
            for sentence in split_sentences(paragraph):
                if before.has(sentence):
                    yield passage.flag(
                        "warning",
                        "reused",
                        f"这句与{name}相同：“{quoted(sentence)}”，今年的情况应重新写",
                    )
        if passage.slot == "plans":
            continue
        same = [f for p in passage.paragraphs() for f in _figures(p) if f.key in figures]
        for figure in {f.key: f for f in same}.values():
            yield passage.flag(
                "warning",
                "same-figure",
                f"“{figure.text}”与{name}的数字相同：请确认是今年的数字",
            )


class _Sentences:
    """Last year's sentences, for telling whether a sentence of the draft is one of them."""

    def __init__(self, sentences: list[str]) -> None:
        kept = [s for s in sentences if wordy(stock_masked(s, _THEIRS)) >= MIN_REUSED_CHARS]
        self.keys = [_key(s) for s in kept]
        self.masked = [stock_masked(s, _THEIRS) for s in kept]

    def has(self, sentence: str) -> bool:
        """Whether the sentence is last year's, a figure or year changed (`REUSED_RATIO`),
        or most of it is a run of last year's text."""
        from rapidfuzz import fuzz, process

        ours = stock_masked(sentence, _OURS)
        own = wordy(ours)
        if own < MIN_REUSED_CHARS or not self.keys:
            return False
        key = _key(sentence)
        if process.extractOne(key, self.keys, scorer=fuzz.ratio, score_cutoff=REUSED_RATIO):
            return True
        near = process.extract(
            key, self.keys, scorer=fuzz.partial_ratio, score_cutoff=_NEAR, limit=_CANDIDATES
        )
        wanted = max(MIN_REUSED_CHARS, own * REUSED_SHARE)
        return any(wordy(common_run(ours, self.masked[i])) >= wanted for _, _, i in near)


def _key(sentence: str) -> str:
    return re.sub(r"\W", "", fold(sentence))


@dataclass(frozen=True)
class _Figure:
    text: str
    """As written: `受理行政复议案件51件`."""
    key: tuple[str, str, str]
    """The measure's last characters, the value and the unit."""


def _figures(paragraph: str) -> Iterator[_Figure]:
    """Figures given for a named measure: `共受理行政复议案件51件` → 行政复议案件, 51, 件."""
    for match in _FIGURE.finditer(paragraph):
        value, unit = match.group("value"), match.group("unit").lstrip("余多")
        if unit in "%％" and float(value) >= 100 or float(value) < MIN_FIGURE:
            continue
        ends = [m.end() for m in _CLAUSE_END.finditer(paragraph, 0, match.start())]
        clause = paragraph[ends[-1] if ends else 0 : match.start()]
        measure = "".join(_CJK.findall(_FILLERS.sub("", clause.strip())))
        if len(measure) < 2:
            continue
        text = f"{clause.strip()}{match.group().strip()}"
        yield _Figure(text, (measure[-4:], value, unit.replace("％", "%")))
