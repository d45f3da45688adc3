"""Regenerate the text variants of the labelled reports (seeds and tuning sets).

    .venv/bin/python tests/data/variants/make_variants.py

Writes, for every labelled report `SET/NAME.txt`:
- `flat/SET__NAME.txt`: the report as one line (a web page copied without its breaks);
- `pdfcopy/SET__NAME.txt`: hard-wrapped with page numbers and running heads, as text
  copied out of a PDF;
and `traditional/SET__NAME.txt` for a few reports, in traditional script.
The variants are scored against the original labels by tests/test_variants_labelled.py;
.docx (Word numbering) and PDF variants are made there, at test time.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from variant_kinds import LABELLED, flattened, labelled_reports, pdf_copy, traditional  # noqa: E402

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


if __name__ == "__main__":
    main()
