"""Reading report files: `read_document` per format, against a plain read in the same run.

    python benchmarks/bench_ingest.py [--runs 30]

The baseline is what any reader must do at least: read the bytes, decode them
as UTF-8 and split the lines. Each format's figure is the median and the best of
`--runs` reads of the same file after one warm-up read (imports, caches).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FIXTURES = ROOT / "tests" / "data" / "ingest"

FILES = [
    ("txt, UTF-8", FIXTURES / "seed000.txt"),
    ("txt, UTF-16 LE", FIXTURES / "seed001_utf16le_bom.txt"),
    ("html, GBK", FIXTURES / "seed001_gbk.html"),
    ("docx", FIXTURES / "seed000.docx"),
]


def timed(read: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median and best wall time of `runs` calls, in milliseconds, after a warm-up call."""
    read()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        read()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    from drafter.corpus.ingest import read_document

    baseline = FILES[0][1]
    rows = [
        (
            f"baseline: read + decode + split ({baseline.name})",
            timed(lambda: baseline.read_bytes().decode("utf-8").splitlines(), args.runs),
        )
    ]
    for label, path in FILES:
        size = path.stat().st_size // 1024
        rows.append(
            (
                f"read_document {label} ({size} KB)",
                timed(lambda p=path: read_document(p), args.runs),
            )
        )
    width = max(len(name) for name, _ in rows)
    for name, (median, best) in rows:
        print(f"{name:<{width}}  median {median:7.2f} ms   best {best:7.2f} ms")


if __name__ == "__main__":
    main()
