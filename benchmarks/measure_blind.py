"""The classifier on the blind set, in every shape users have reports in: figures only.

    .venv/bin/python benchmarks/measure_blind.py

`tests/data/blind/` is the labelled set nobody tunes on. This reads each of its reports
as written, as a web page pasted into one line, as text copied out of a PDF, in
traditional script, as a .docx with Word's automatic numbering and (with LibreOffice)
as a PDF printed from it — the same variants tests/test_variants_labelled.py makes of
the tuning sets — and prints the share of labelled units drafter puts in the right
slot for each shape. It prints no lines and no mismatches, so that running it does not
turn the blind set into a tuning set; the per-line list is in the tests' KNOWN only
for the shape as written. Run it when a change to the reader or the classifier is
done, not while making one.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from variant_kinds import (  # noqa: E402
    Score,
    flattened,
    labelled_reports,
    numbered_docx,
    pdf_copy,
    pdf_docx,
    score,
    traditional,
)

from drafter.corpus.pipeline import load_report  # noqa: E402
from drafter.office import convert_files, libreoffice  # noqa: E402

Lines = list[str]
Maker = Callable[[str, Lines, Path], Path]


def as_written(name: str, texts: Lines, folder: Path) -> Path:
    path = folder / name
    path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    return path


def one_line(name: str, texts: Lines, folder: Path) -> Path:
    path = folder / name
    path.write_text(flattened(texts, random.Random(f"blind/{name}")), encoding="utf-8")
    return path


def copied_from_pdf(name: str, texts: Lines, folder: Path) -> Path:
    rng = random.Random(f"blind/{name}/pdf")
    head = rng.choice([None, texts[0].strip()[:30], "— 法治政府建设情况报告 —"])
    path = folder / name
    path.write_text(pdf_copy(texts, rng, head), encoding="utf-8")
    return path


def in_traditional_script(name: str, texts: Lines, folder: Path) -> Path:
    path = folder / name
    path.write_text(traditional("\n".join(texts) + "\n"), encoding="utf-8")
    return path


def word_numbered(name: str, texts: Lines, folder: Path) -> Path:
    path = folder / f"{name}.docx"
    numbered_docx(texts, path)
    return path


SHAPES: dict[str, tuple[Maker, bool]] = {
    "as written": (as_written, False),
    "one line (web page)": (one_line, True),
    "copied out of a PDF": (copied_from_pdf, False),
    "traditional script": (in_traditional_script, False),
    "Word numbering (.docx)": (word_numbered, False),
}
"""Shape → (maker, scored by sentence); the PDF shape is made in one LibreOffice run."""


def measure(paths: dict[str, Path], reports: list, *, sentences: bool, simplify: bool) -> Score:
    total = Score(0, 0, [])
    for name, lines, labels in reports:
        read = [(line.text, line.slot) for line in load_report(paths[name]).lines]
        one = score(name, lines, labels, read, sentences=sentences, simplify=simplify)
        total += one
    return total


def printed_pdfs(reports: list, folder: Path) -> dict[str, Path] | None:
    program = libreoffice()
    if program is None:
        return None
    sources = []
    for name, lines, _ in reports:
        source = folder / f"{name.removesuffix('.txt')}.docx"
        pdf_docx([text for _, text in lines], source, f"pdf/blind/{name}")
        sources.append(source)
    convert_files(program, sources, "pdf", folder)
    return {name: folder / f"{name.removesuffix('.txt')}.pdf" for name, _, _ in reports}


def row(shape: str, result: Score) -> str:
    return f"  {shape:<24}{result.right:>5}/{result.total:<5}{result.share:.3f}"


def main() -> int:
    reports = labelled_reports("blind")
    print(f"blind set: {len(reports)} reports (tests/data/blind/), slot right / labelled units")
    with tempfile.TemporaryDirectory() as tmp:
        for shape, (make, sentences) in SHAPES.items():
            folder = Path(tmp) / shape.split()[0]
            folder.mkdir()
            started = time.perf_counter()
            paths = {
                name: make(name, [text for _, text in lines], folder) for name, lines, _ in reports
            }
            result = measure(
                paths, reports, sentences=sentences, simplify=shape == "traditional script"
            )
            took = time.perf_counter() - started
            print(row(shape, result) + f"  ({took:.1f} s)")
        folder = Path(tmp) / "pdf"
        folder.mkdir()
        paths = printed_pdfs(reports, folder)
        if paths is None:
            print("  PDF printed from Word    (LibreOffice not installed: not measured)")
        else:
            result = measure(paths, reports, sentences=False, simplify=False)
            print(row("PDF printed from Word", result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
