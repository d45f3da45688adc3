"""Evaluate suggestions on held-out sentences: leaks, dated formulations, count, relevance.

    python benchmarks/eval_suggest.py [--folds 4] [--chars 10] [--keep DIR]

The reports are the bundled seeds and the tuning sets (never the blind set). In
each of `--folds` rounds a share of them is held out and the rest indexed; each
held-out content sentence gives a query, its first `--chars` characters, asked
in the sentence's part with the held-out report's year and kind of unit (what
the TUI passes). Over the top 5 suggestions it counts:

- leaks: suggestions whose text or template names a place or person of the
  report they came from: the source's own and superior places (the gazetteer's
  reading of its issuer, title and place, full and short forms) and its people
  (words jieba tags as a person's name in the source, starting with a common
  surname, rare as dictionary words, and used by few other reports, so 习近平
  is nobody's particular); other divisions' full names are counted apart;
- dated: suggestions carrying a formulation the query's year has superseded or
  that came after it (`drafter.formulations.dated_in`);
- suggestions per query;
- relevance: the best word overlap (rapidfuzz token_set_ratio over jieba words,
  placeholders dropped) between a top-5 suggestion and the held-back sentence,
  0 when nothing is suggested; also with `二是` and `（三）` typed first.

The naive baseline, on the same queries: rapidfuzz `process.extract` with
token_set_ratio of the segmented query over every segmented sentence of the
indexed reports as they were written (no generalisation, no time, no parts).

`--keep DIR` keeps each round's corpus and index in DIR and reuses them on the
next run (delete DIR after changing how reports are mined).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONTENT_SLOTS = ("measures", "duties", "shortcomings", "plans", "other")
LEADS = ("二是", "（三）")
TOP = 5
COMMON_NAME_REPORTS = 3
"""A name jieba tags in this many reports or more is nobody's particular (习近平)."""
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃"
    "武戴莫孔向汤"
)
"""The hundred commonest surnames: a word jieba tags as a name counts when it starts with one."""
RARE_WORD = 20
"""A name-tagged dictionary word more frequent than this is a word (弘扬, 顾问团), not a name."""
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@dataclass
class Query:
    """A held-out sentence and what the TUI would pass with its first characters."""

    sentence: str
    slot: str
    year: int | None
    unit_kind: str


@dataclass
class Tally:
    """Counts over the top suggestions of one system."""

    queries: int = 0
    shown: int = 0
    leaks: int = 0
    elsewhere: int = 0
    dated: int = 0
    relevance: list[float] = field(default_factory=list)
    by_lead: dict[str, list[float]] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        shown = max(self.shown, 1)
        rel = statistics.mean(self.relevance) if self.relevance else 0.0
        leads = ", ".join(
            f"{lead} {statistics.mean(v):.1f} ({statistics.mean(v) / rel:.3f})"
            for lead, v in self.by_lead.items()
            if rel
        )
        return (
            f"{name:<8} leaks {100 * self.leaks / shown:5.2f}% (other places"
            f" {100 * self.elsewhere / shown:5.2f}%)  dated {100 * self.dated / shown:5.2f}%  "
            f"per query {self.shown / max(self.queries, 1):4.2f}  relevance {rel:5.1f};"
            f" with {leads}"
        )


def reports() -> list[tuple[Path, dict]]:
    """The seeds with their manifest entries, and the tuning reports as they read."""
    manifest = yaml.safe_load((ROOT / "corpus" / "manifest.yaml").read_text("utf-8"))["reports"]
    found = [(ROOT / "corpus" / name, entry) for name, entry in sorted(manifest.items())]
    for folder in sorted((ROOT / "tests" / "data").glob("tuning*")):
        found += [(path, {}) for path in sorted(folder.glob("*.txt"))]
    return found


def mined(path: Path, entry: dict):
    from drafter.corpus.mine import Source, mine_report
    from drafter.corpus.pipeline import load_report

    report = load_report(path)
    source = Source(path.name, entry.get("issuer") or report.issuer, entry.get("year"))
    return report, mine_report(report, source, entry.get("place"))


def queries_of(path: Path, entry: dict, chars: int) -> list[Query]:
    from drafter.corpus.generalise import unit_kind

    report, phrases = mined(path, entry)
    issuer = entry.get("issuer") or report.issuer or ""
    year = entry.get("year") or report.year
    kind = unit_kind(issuer, place=entry.get("place"))
    return [
        Query(p.text, p.slot, year, kind)
        for p in phrases
        if p.kind == "sentence" and p.slot in CONTENT_SLOTS and len(p.text) >= chars + 6
    ]


class Particulars:
    """What counts as naming a source (see the module's docstring)."""

    def __init__(self, everything: list[tuple[Path, dict]]) -> None:
        import jieba.posseg

        from drafter.gazetteer import gazetteer

        self.places: dict[str, set[str]] = {}
        people: dict[str, set[str]] = {}
        for path, entry in everything:
            report, _ = mined(path, entry)
            names: set[str] = set()
            for text in (entry.get("issuer"), report.issuer, report.title, entry.get("place")):
                if text:
                    names |= gazetteer().own_names(text)
            for place in (entry.get("place"), report.place):
                if place:
                    names |= {
                        place,
                        re.sub(r"(经济开发区|开发区|景区|街道|区|县|市|镇)$", "", place),
                    }
            self.places[path.name] = {n for n in names if len(n) >= 2}
            text = "\n".join(line.text for line in report.lines)
            people[path.name] = {
                pair.word
                for pair in jieba.posseg.cut(text)
                if pair.flag in ("nr", "nrfg")
                and 2 <= len(pair.word) <= 3
                and pair.word[0] in SURNAMES
                and (jieba.dt.FREQ.get(pair.word) or 0) <= RARE_WORD
            }
        spread = Counter(name for names in people.values() for name in names)
        self.people = {
            report: {n for n in names if spread[n] < COMMON_NAME_REPORTS}
            for report, names in people.items()
        }

    def named(self, text: str, source: str) -> str | None:
        plain = _PLACEHOLDER.sub("，", text)
        for name in self.places.get(source, set()) | self.people.get(source, set()):
            if name in plain:
                return name
        return None

    @staticmethod
    def elsewhere(text: str) -> str | None:
        from drafter.gazetteer import gazetteer

        found = gazetteer().find(_PLACEHOLDER.sub("，", text))
        return found[0].text if found else None


def words(text: str) -> str:
    import jieba

    return " ".join(jieba.lcut(_PLACEHOLDER.sub("", text), HMM=False))


def rounds(
    everything: list[tuple[Path, dict]], folds: int, keep: Path | None
) -> Iterator[tuple[Path, list, list]]:
    """(corpus folder, indexed reports, held-out reports) of each round, its index built."""
    base = keep or Path(tempfile.mkdtemp(prefix="drafter-eval-"))
    try:
        for fold in range(folds):
            held = [r for i, r in enumerate(everything) if i % folds == fold]
            indexed = [r for i, r in enumerate(everything) if i % folds != fold]
            corpus = base / f"round{fold + 1}" / "corpus"
            corpus.mkdir(parents=True, exist_ok=True)
            manifest = {}
            for path, entry in indexed:
                if not (corpus / path.name).exists():
                    shutil.copy(path, corpus / path.name)
                if entry:
                    manifest[path.name] = {k: entry[k] for k in ("issuer", "place", "year")}
            (corpus / "manifest.yaml").write_text(
                yaml.safe_dump({"reports": manifest}, allow_unicode=True), "utf-8"
            )
            os.environ["DRAFTER_HOME"] = str(base / f"round{fold + 1}" / "home")
            yield corpus, indexed, held
    finally:
        if keep is None:
            shutil.rmtree(base, ignore_errors=True)


def evaluate(folds: int, chars: int, keep: Path | None) -> tuple[Tally, Tally]:
    import jieba
    from rapidfuzz import fuzz, process

    from drafter.corpus.phrasebook import Phrasebook

    jieba.setLogLevel(60)
    everything = reports()
    particulars = Particulars(everything)
    ours, naive = Tally(), Tally()
    for corpus, indexed, held in rounds(everything, folds, keep):
        naive_texts = [
            (p.text, path.name)
            for path, entry in indexed
            for p in mined(path, entry)[1]
            if p.kind == "sentence"
        ]
        naive_words = [words(text) for text, _ in naive_texts]
        with Phrasebook.open([corpus]) as book:
            for path, entry in held:
                for query in queries_of(path, entry, chars):
                    target = words(query.sentence)
                    typed = query.sentence[:chars]
                    for lead in ("", *LEADS):
                        found = book.suggest(
                            lead + typed,
                            slot=query.slot,
                            limit=TOP,
                            year=query.year,
                            unit_kind=query.unit_kind,
                        )
                        shown = [(s.text, s.template, s.sources[0].file) for s in found]
                        score(ours, lead, shown, target, query.year, particulars)
                        picked = process.extract(
                            words(lead + typed), naive_words, scorer=fuzz.token_set_ratio, limit=TOP
                        )
                        shown = [naive_texts[i] for _, _, i in picked]
                        shown = [(text, text, name) for text, name in shown]
                        score(naive, lead, shown, target, query.year, particulars)
        print(f"{corpus.parent.name}: {ours.queries} queries so far", file=sys.stderr)
    return ours, naive


def score(tally: Tally, lead: str, shown: list, target: str, year, particulars) -> None:
    from rapidfuzz import fuzz

    from drafter.formulations import dated_in

    best = max((fuzz.token_set_ratio(words(text), target) for text, _, _ in shown), default=0.0)
    if lead:
        tally.by_lead.setdefault(lead, []).append(best)
        return
    tally.queries += 1
    tally.shown += len(shown)
    tally.relevance.append(best)
    for text, template, source in shown:
        named = particulars.named(text, source) or particulars.named(template, source)
        if named:
            tally.leaks += 1
            tally.examples.append(f"{named} ← {source}: {template[:70]}")
        elif particulars.elsewhere(template):
            tally.elsewhere += 1
        if year and any(True for _ in dated_in(text, year)):
            tally.dated += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--chars", type=int, default=10)
    parser.add_argument("--keep", type=Path, help="keep and reuse the rounds' indexes here")
    args = parser.parse_args()
    ours, naive = evaluate(args.folds, args.chars, args.keep)
    print(
        f"{ours.queries} held-out queries (first {args.chars} characters, in their part), top {TOP}"
    )
    print(ours.line("drafter"))
    print(naive.line("naive"))
    for example in ours.examples[:10]:
        print("  leak:", example)


if __name__ == "__main__":
    main()
