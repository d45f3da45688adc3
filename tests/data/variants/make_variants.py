"""Regenerate the text variants of the labelled reports (seeds and tuning sets).

    .venv/bin/python tests/data/variants/make_variants.py

Writes, for every labelled report `SET/NAME.txt`:
- `flat/SET__NAME.txt`: the report as one line (a web page copied without its breaks);
- `pdfcopy/SET__NAME.txt`: hard-wrapped with page numbers and running heads, as text
  copied out of a PDF;
and `traditional/SET__NAME.txt` for a few reports, in traditional script.
With `--pdf` (needs LibreOffice) it also writes the PDFs checked in under `pdf/`: a
few reports as .docx with Word numbering, running heads and page numbers, printed to
PDF, so that PDF reading is tested where LibreOffice is not installed; and
`encrypted.pdf`, a one-paragraph report with the open password `secret`.
The variants are scored against the original labels by tests/test_variants_labelled.py,
which makes the .docx and (with LibreOffice) PDF variants of every report at test time.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from variant_kinds import (  # noqa: E402
    LABELLED,
    flattened,
    labelled_reports,
    pdf_copy,
    pdf_docx,
    traditional,
)

from drafter.office import convert_files, libreoffice  # noqa: E402

TRADITIONAL = {
    ("seeds", "001_c036f44d06d6f45b.txt"),
    ("tuning2", "05_district_web_oneline_meta.txt"),
    ("tuning3", "03_devzone_web_two_column_meta.txt"),
    ("tuning1", "07_county_unnumbered_parts.txt"),
}


def main() -> None:
    for kind in ("flat", "pdfcopy", "traditional"):
        (HERE / kind).mkdir(exist_ok=True)
        for old in (HERE / kind).glob("*.txt"):
            old.unlink()
    for set_name in LABELLED:
        for name, lines, _ in labelled_reports(set_name):
            rng = random.Random(f"{set_name}/{name}")
            texts = [text for _, text in lines]
            out = f"{set_name}__{name}"
            (HERE / "flat" / out).write_text(flattened(texts, rng), encoding="utf-8")
            head = rng.choice([None, texts[0].strip()[:30], "— 法治政府建设情况报告 —"])
            (HERE / "pdfcopy" / out).write_text(pdf_copy(texts, rng, head), encoding="utf-8")
            if (set_name, name) in TRADITIONAL:
                original = (LABELLED[set_name][0] / name).read_text("utf-8")
                (HERE / "traditional" / out).write_text(traditional(original), encoding="utf-8")


CHECKED_IN_PDFS = {
    ("tuning1", "02_county_government_split_title.txt"),
    ("tuning2", "05_district_web_oneline_meta.txt"),
}
_ENCRYPT = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
)


def make_pdfs() -> None:
    import tempfile

    import docx

    program = libreoffice()
    if program is None:
        raise SystemExit("LibreOffice (soffice) is needed for --pdf")
    out = HERE / "pdf"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        sources = []
        for set_name, name in sorted(CHECKED_IN_PDFS):
            lines = next(lines for n, lines, _ in labelled_reports(set_name) if n == name)
            source = Path(folder) / f"{set_name}__{name.removesuffix('.txt')}.docx"
            pdf_docx([text for _, text in lines], source, f"pdf/{set_name}/{name}")
            sources.append(source)
        convert_files(program, sources, "pdf", out)
        secret = Path(folder) / "encrypted.docx"
        document = docx.Document()
        document.add_paragraph("某县2023年度法治政府建设情况报告")
        document.save(str(secret))
        convert_files(program, [secret], _ENCRYPT, out)


if __name__ == "__main__":
    main()
    if "--pdf" in sys.argv:
        make_pdfs()
