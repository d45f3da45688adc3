"""Exporting long reports to .docx: `export_draft` against plain writers in the same run.

    python benchmarks/bench_export.py [--sizes 1000 10000 60000] [--runs 3]

Each size is a draft whose measures part holds that many paragraphs. Two
baselines write the same paragraphs with no layout at all: the raw XML (a
WordprocessingML body joined as one string and zipped — what any writer must
at least do) and python-docx's `add_paragraph` (what export used before; it
walks the body for every paragraph, so it only runs up to `--docx-max`).
Figures are the best of `--runs` runs, in seconds.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def paragraphs(count: int) -> list[str]:
    """Distinct report-like paragraphs."""
    return [
        f"第{i}项，我区坚持依法行政，开展“双随机、一公开”执法检查{i % 97 + 1}次，"
        f"办结行政复议案件{i % 13}件，群众满意率达到{90 + i % 10}%。"
        for i in range(count)
    ]


def best(run: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def raw_xml(texts: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{escape(t)}</w:t></w:r></w:p>" for t in texts)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}'
                                              "</w:body></w:document>")  # fmt: skip
    return buffer.getvalue()


def python_docx(texts: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 60000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--docx-max", type=int, default=10000)
    args = parser.parse_args()

    from drafter.drafting.draft import Item, new_draft
    from drafter.drafting.export import export_draft

    print(f"{'paragraphs':>10}  {'export .docx':>12}  {'raw XML':>8}  {'python-docx':>11}")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.docx"
        for size in args.sizes:
            texts = paragraphs(size)
            draft = new_draft("standard", {"unit": "长治市潞州区", "year": 2024})
            draft.sections["measures"] = [Item("依法全面履行政府职能", "\n".join(texts))]
            ours = best(lambda d=draft: export_draft(d, out, force=True), args.runs)
            raw = best(lambda t=texts: raw_xml(t), args.runs)
            plain = (
                f"{best(lambda t=texts: python_docx(t), 1):11.2f}"
                if size <= args.docx_max
                else f"{'(skipped)':>11}"
            )
            print(f"{size:>10}  {ours:12.2f}  {raw:8.2f}  {plain}", flush=True)


if __name__ == "__main__":
    main()
