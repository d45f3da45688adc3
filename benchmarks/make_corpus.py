#!/usr/bin/env python3
"""Write a synthetic corpus of report files for scale benchmarks.

Each synthetic report keeps the line structure (headings, paragraphs) of one
source report, but every body sentence is rebuilt from 2-4 clauses drawn at
random from the whole source pool, with numbers redrawn.  Sentences are
therefore distinct (no exact or near-exact duplicates to collapse), while the
headings keep their real outline meaning.

    python benchmarks/make_corpus.py --sources corpus --reports 1000 --out /tmp/corpus1k

Deterministic for a given --seed.  About 100 sentences per report.
"""

import argparse
import random
import re
from pathlib import Path

CN = "一二三四五六七八九十"
HEADING = re.compile(rf"^\s*([{CN}]+、|[(（][{CN}]+[)）]|\d+[.．、])")
SENT_END = re.compile(r"(?<=[。；！？])")
CLAUSE = re.compile(r"(?<=[，,、：:])")
NUM = re.compile(r"\d+(?:\.\d+)?")


def load(sources: Path) -> list[list[str]]:
    reports = []
    for path in sorted(sources.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        reports.append([line.rstrip() for line in text.splitlines() if line.strip()])
    return reports


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=Path, required=True, help="folder of .txt reports")
    ap.add_argument("--reports", type=int, default=1000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=20261122)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    reports = load(args.sources)
    clauses = []
    for lines in reports:
        for line in lines:
            if "。" not in line:
                continue
            for sent in SENT_END.split(line)[1 if HEADING.match(line) else 0 :]:
                clauses += [c for c in CLAUSE.split(sent) if len(c) >= 6]
    clauses = [c.rstrip("。；！？") for c in clauses]

    def redraw(m: re.Match) -> str:
        return str(rng.randint(1, 10 ** min(len(m.group()), 5)))

    def sentence() -> str:
        parts = [rng.choice(clauses) for _ in range(rng.randint(2, 4))]
        body = "".join(p if p[-1] in "，,、：:" else p + "，" for p in parts[:-1])
        return NUM.sub(redraw, body + parts[-1].rstrip("，,、：:")) + "。"

    args.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(args.reports):
        src = rng.choice(reports)
        year = rng.randint(2019, 2025)
        out = []
        for line in src:
            line = re.sub(r"20\d\d", lambda m, year=year: str(year + int(m.group()) - 2023), line)
            if "。" not in line:  # headings, page furniture, signatures: kept
                out.append(line)
                continue
            sents = [s for s in SENT_END.split(line) if s]
            keep = sents[:1] if HEADING.match(line) else []  # a heading that runs into its body
            n = len(sents) - len(keep)
            out.append("".join(keep) + "".join(sentence() for _ in range(n)))
            total += n
        (args.out / f"synthetic_{i:05d}.txt").write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {args.reports} reports, {total} body sentences, to {args.out}")


if __name__ == "__main__":
    main()
