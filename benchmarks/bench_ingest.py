"""Reading report files: `read_document` per format, against a plain read in the same run.

    python benchmarks/bench_ingest.py [--runs 30] [--pdf-runs 5]

The baseline is what any reader must do at least: read the bytes, decode them
as UTF-8 and split the lines. Each format's figure is the median and the best of
`--runs` reads of the same file after one warm-up read (imports, caches).

With LibreOffice installed, a 30-page PDF is made from the seed reports in the
official layout (A4, 三号 text, 28 lines a page) and read `--pdf-runs` times; its
baseline is what any PDF reader must do at least, pdfminer interpreting every
page's content, without layout analysis. The goal is at most 2 s a read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
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


PDF_PAGES = 30


def make_pdf(folder: Path) -> Path | None:
    """A PDF of at least PDF_PAGES pages in the official layout, printed by LibreOffice from
    the seed reports (repeated as needed); None without LibreOffice."""
    import docx
    from docx.shared import Mm, Pt

    from drafter.office import convert_files, libreoffice

    program = libreoffice()
    if program is None:
        return None
    lines = [
        line
        for path in sorted((ROOT / "corpus").glob("*.txt"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    style = document.styles["Normal"]
    style.font.size = Pt(16)
    style.paragraph_format.first_line_indent = Pt(32)
    style.paragraph_format.line_spacing = Pt(28.9)
    chars_needed = PDF_PAGES * 23 * 22  # characters a page, less indents and short lines
    written = 0
    for line in lines * 3:
        if written >= chars_needed:
            break
        document.add_paragraph(line)
        written += len(line)
    source = folder / "report30.docx"
    document.save(str(source))
    convert_files(program, [source], "pdf", folder)
    return source.with_suffix(".pdf")


def pdfminer_pages(path: Path) -> int:
    """Every page's content interpreted by pdfminer, no layout analysis: the floor."""
    import logging

    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with path.open("rb") as f:
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=None)
        interpreter = PDFPageInterpreter(manager, device)
        pages = 0
        for page in PDFPage.create_pages(PDFDocument(PDFParser(f))):
            interpreter.process_page(page)
            device.get_result()
            pages += 1
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pdf-runs", type=int, default=5)
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
    with tempfile.TemporaryDirectory() as folder:
        pdf = make_pdf(Path(folder))
        if pdf is None:
            print("LibreOffice not installed: no PDF figures")
        else:
            pages = pdfminer_pages(pdf)
            rows.append(
                (f"baseline: pdfminer pages only ({pages} pages)",
                 timed(lambda: pdfminer_pages(pdf), args.pdf_runs))
            )
            doc = read_document(pdf)
            rows.append(
                (f"read_document PDF ({doc.reading.summary()})",
                 timed(lambda: read_document(pdf), args.pdf_runs))
            )
    width = max(len(name) for name, _ in rows)
    for name, (median, best) in rows:
        print(f"{name:<{width}}  median {median:7.2f} ms   best {best:7.2f} ms")


if __name__ == "__main__":
    main()
