"""Evaluate suggestions on held-out sentences: leaks, dated formulations, count, relevance.

    python benchmarks/eval_suggest.py [--folds 4] [--chars 10]

The reports are the bundled seeds and the tuning sets (never the blind set). In
each of `--folds` rounds a quarter of them is held out and the rest indexed; each
held-out content sentence gives a query, its first `--chars` characters, asked
in the sentence's part with the held-out report's year and kind of unit (what
the TUI passes). Then, over the top 5 suggestions:

- leak rate: suggestions whose text or template names a place or person of the
  report it came from: the source's own and superior places (the gazetteer's
  reading of its issuer, title and manifest place, full and short forms), any
  other division's full name, and words jieba tags as a person's name;
- dated rate: suggestions carrying a formulation the query's year has superseded
  or that came after it (`drafter.formulations.dated_in`);
- suggestions per query;
- relevance: the best word overlap (rapidfuzz token_set_ratio over jieba words,
  placeholders dropped) between a top-5 suggestion and the held-back sentence;
  no suggestion scores 0. Also with `二是` and `（三）` typed before the query.

The naive baseline, measured on the same queries: rapidfuzz `process.extract`
with token_set_ratio of the segmented query over every segmented sentence of the
indexed reports, as they were written (no generalisation, no time, no slots).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONTENT_SLOTS = ("measures", "duties", "shortcomings", "plans", "other")
LEADS = ("二是", "（三）")
TOP = 5
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@dataclass
class Held:
    """A held-out report: its file, year, unit kind, and the sentences that give queries."""

    path: Path
    year: int | None
    unit_kind: str
    sentences: list[tuple[str, str]]  # (sentence, slot)


@dataclass
class Tally:
    """Counts over the top suggestions of one system."""

    queries: int = 0
    shown: int = 0
    leaks: int = 0
    dated: int = 0
    relevance: list[float] = field(default_factory=list)
    by_lead: dict[str, list[float]] = field(default_factory=dict)
    examples: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        per = self.shown / max(self.queries, 1)
        rel = statistics.mean(self.relevance) if self.relevance else 0.0
        leads = ", ".join(
            f"{lead} {statistics.mean(v):.1f} ({statistics.mean(v) / rel:.3f})"
            for lead, v in self.by_lead.items()
            if rel
        )
        return (
            f"{name:<9} leaks {100 * self.leaks / max(self.shown, 1):5.2f}%  "
            f"dated {100 * self.dated / max(self.shown, 1):5.2f}%  "
            f"per query {per:4.2f}  relevance {rel:5.1f}  with {leads}"
        )


def reports() -> list[tuple[Path, dict]]:
    """The seeds with their manifest entries, and the tuning reports as they read."""
    manifest = yaml.safe_load((ROOT / "corpus" / "manifest.yaml").read_text("utf-8"))["reports"]
    found = [(ROOT / "corpus" / name, entry) for name, entry in sorted(manifest.items())]
    for folder in sorted((ROOT / "tests" / "data").glob("tuning*")):
        found += [(path, {}) for path in sorted(folder.glob("*.txt"))]
    return found


def held_out(path: Path, entry: dict, chars: int) -> Held:
    from drafter.corpus.generalise import unit_kind
    from drafter.corpus.mine import Source, mine_report
    from drafter.corpus.pipeline import load_report

    report = load_report(path)
    issuer = entry.get("issuer") or report.issuer or ""
    year = entry.get("year") or report.year
    sentences = [
        (p.text, p.slot)
        for p in mine_report(report, Source(path.name, issuer, year), entry.get("place"))
        if p.kind == "sentence" and p.slot in CONTENT_SLOTS and len(p.text) >= chars + 6
    ]
    return Held(path, year, unit_kind(issuer, place=entry.get("place")), sentences)


class Particulars:
    """What counts as naming a source: its places (full and short), any division's
    full name, and a person's name as jieba tags it."""

    def __init__(self, indexed: list[tuple[Path, dict]]) -> None:
        from drafter.corpus.pipeline import load_report
        from drafter.gazetteer import gazetteer

        self.own: dict[str, set[str]] = {}
        for path, entry in indexed:
            report = load_report(path)
            names: set[str] = set()
            for text in (entry.get("issuer"), report.issuer, report.title, entry.get("place")):
                if text:
                    names |= gazetteer().own_names(text)
            for place in (entry.get("place"), report.place):
                if place:
                    names.add(place)
                    names.add(re.sub(r"(经济开发区|开发区|景区|街道|区|县|市|镇)$", "", place))
            self.own[path.name] = {n for n in names if len(n) >= 2}

    def named(self, text: str, source: str) -> str | None:
        import jieba.posseg

        from drafter.gazetteer import gazetteer

        plain = _PLACEHOLDER.sub("，", text)
        for name in self.own.get(source, ()):
            if name in plain:
                return name
        found = gazetteer().find(plain)
        if found:
            return found[0].text
        for pair in jieba.posseg.cut(plain):
            if pair.flag in ("nr", "nrfg") and len(pair.word) >= 2:
                return pair.word
        return None


def raw_sentences(path: Path, entry: dict) -> list[str]:
    """A report's sentences as written: what the naive baseline searches."""
    from drafter.corpus.mine import Source, mine_report
    from drafter.corpus.pipeline import load_report

    source = Source(path.name, entry.get("issuer"), entry.get("year"))
    return [p.text for p in mine_report(load_report(path), source) if p.kind == "sentence"]


def words(text: str) -> str:
    import jieba

    return " ".join(jieba.lcut(_PLACEHOLDER.sub("", text), HMM=False))


def evaluate(folds: int, chars: int) -> None:
    import jieba
    from rapidfuzz import fuzz, process

    from drafter.corpus.phrasebook import Phrasebook
    from drafter.formulations import dated_in

    jieba.setLogLevel(60)
    everything = reports()
    ours, naive = Tally(), Tally()
    for fold in range(folds):
        held = [r for i, r in enumerate(everything) if i % folds == fold]
        indexed = [r for i, r in enumerate(everything) if i % folds != fold]
        with tempfile.TemporaryDirectory(prefix="drafter-eval-") as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            manifest = {}
            for path, entry in indexed:
                shutil.copy(path, corpus / path.name)
                if entry:
                    manifest[path.name] = {k: entry[k] for k in ("issuer", "place", "year")}
            (corpus / "manifest.yaml").write_text(
                yaml.safe_dump({"reports": manifest}, allow_unicode=True), "utf-8"
            )
            os.environ["DRAFTER_HOME"] = str(Path(tmp) / "home")
            particulars = Particulars(indexed)
            book = Phrasebook.open([corpus])
            naive_texts = [
                (text, path.name) for path, entry in indexed for text in raw_sentences(path, entry)
            ]
            naive_words = [words(text) for text, _ in naive_texts]
            for path, entry in held:
                report = held_out(path, entry, chars)
                for sentence, slot in report.sentences:
                    query = sentence[:chars]
                    target = words(sentence)
                    for lead in ("", *LEADS):
                        found = book.suggest(
                            lead + query,
                            slot=slot,
                            limit=TOP,
                            year=report.year,
                            unit_kind=report.unit_kind,
                        )
                        shown = [(s.text, s.template, s.sources[0].file) for s in found]
                        _score(ours, lead, shown, target, report.year, particulars, dated_in)
                        picked = process.extract(
                            words(lead + query), naive_words, scorer=fuzz.token_set_ratio, limit=TOP
                        )
                        shown = [
                            (naive_texts[i][0], naive_texts[i][0], naive_texts[i][1])
                            for _, _, i in picked
                        ]
                        _score(naive, lead, shown, target, report.year, particulars, dated_in)
            book.close()
        print(f"fold {fold + 1}/{folds}: {ours.queries} queries so far", file=sys.stderr)
    print(f"{ours.queries} held-out queries (first {chars} characters, in their part), top {TOP}")
    print(ours.line("drafter"))
    print(naive.line("naive"))
    for example in ours.examples[:15]:
        print("  leak:", example)


def _score(tally, lead, shown, target, year, particulars, dated_in) -> None:
    from rapidfuzz import fuzz

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
            tally.examples.append(f"{named} ← {source}: {template[:60]}")
        if year and any(True for _ in dated_in(text, year)):
            tally.dated += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--chars", type=int, default=10)
    args = parser.parse_args()
    evaluate(args.folds, args.chars)


if __name__ == "__main__":
    main()
