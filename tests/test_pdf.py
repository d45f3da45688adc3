"""PDF reports: paragraphs rebuilt from the page, and one clear line for PDFs that cannot be read.

The PDFs under tests/data/variants/pdf were printed once by LibreOffice from .docx
versions of labelled reports (Word numbering, a page number in every footer, a
running head on one of them): see make_variants.py there.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import DATA

from drafter.corpus import pdf
from drafter.corpus.ingest import read_document
from drafter.errors import IngestError

PDFS = DATA / "variants" / "pdf"
SPLIT_TITLE = PDFS / "tuning1__02_county_government_split_title.pdf"
WEB_META = PDFS / "tuning2__05_district_web_oneline_meta.pdf"


def original(name: str) -> list[str]:
    path = DATA / name
    return [line for line in path.read_text("utf-8").splitlines() if line.strip()]


def fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize(
    ("path", "source", "renumbered"),
    [
        (SPLIT_TITLE, "tuning1/02_county_government_split_title.txt", {}),
        # the second attachment became a Word list item, and Word counts it as the first
        (WEB_META, "tuning2/05_district_web_oneline_meta.txt", {"2.东城区": "1.东城区"}),
    ],
)
def test_paragraphs_come_back_as_written(path: Path, source: str, renumbered: dict) -> None:
    doc = read_document(path)
    assert doc.format == "pdf" and doc.encoding is None
    assert doc.reading.pages == 2 and doc.reading.page_numbers_dropped == 2
    expected = [fold(line) for line in original(source)]
    for old, new in renumbered.items():
        expected = [new + line.removeprefix(old) if line.startswith(old) else line
                    for line in expected]
    assert [fold(p.text) for p in doc.paragraphs] == expected
    assert [p.number for p in doc.paragraphs] == list(range(1, len(doc.paragraphs) + 1))


def test_no_spaces_between_digits_and_chinese() -> None:
    text = "\n".join(p.text for p in read_document(WEB_META).paragraphs)
    assert "2023年度推进法治政府建设" in text and "312件" in text
    assert "2023 年" not in text and " 件" not in text


def test_running_head_that_repeats_the_title_leaves_the_title() -> None:
    doc = read_document(SPLIT_TITLE)
    assert doc.reading.running_heads_dropped == 2  # one head on each page
    texts = [p.text for p in doc.paragraphs]
    assert texts[:2] == original("tuning1/02_county_government_split_title.txt")[:2]


def test_parse_says_what_it_did(capsys: pytest.CaptureFixture[str]) -> None:
    from drafter.cli import main

    assert main(["parse", str(SPLIT_TITLE)]) == 0
    out = capsys.readouterr().out
    assert "读取  PDF，2页，删去页码2处，删去页眉页脚2处，合并折行" in out
    assert main(["parse", str(SPLIT_TITLE), "--json"]) == 0
    import json

    reading = json.loads(capsys.readouterr().out)["reading"]
    assert (reading["format"], reading["pages"], reading["page_numbers_dropped"]) == ("pdf", 2, 2)
    assert reading["wrapped_lines_joined"] > 20


# --- PDFs that cannot be read ---------------------------------------------------------


def minimal_pdf(pages: list[bytes], page_extra: bytes = b"") -> bytes:
    """A well-formed PDF with one page per content stream (no fonts: no text)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{3 + 2 * i} 0 R".encode() for i in range(len(pages)))
        + f"] /Count {len(pages)} >>".encode(),
    ]
    for i, content in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
            .encode() + page_extra + b">>"
        )
        stream = f"<< /Length {len(content)} >>\nstream\n".encode()
        objects.append(stream + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def problem(path: Path) -> str:
    with pytest.raises(IngestError) as caught:
        read_document(path)
    assert str(caught.value).startswith(f"{path}：")
    return str(caught.value).removeprefix(f"{path}：")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("scan.pdf", minimal_pdf([b"0 0 1 rg 0 0 595 842 re f"] * 3), pdf.SCANNED),
        ("blank.pdf", minimal_pdf([b""] * 3000), pdf.SCANNED),  # gives up after 30 pages
        ("cut.pdf", SPLIT_TITLE.read_bytes()[:40_000], pdf.DAMAGED),
        ("header.pdf", b"%PDF-1.7\n", pdf.DAMAGED),
        ("nested.pdf", minimal_pdf([b""], b"/X " + b"<< /A " * 50_000 + b">> " * 50_000),
         pdf.DAMAGED),
        ("deep.pdf", minimal_pdf([b"[" * 200_000 + b"]" * 200_000]), pdf.SCANNED),
        ("encrypted.pdf", (PDFS / "encrypted.pdf").read_bytes(), pdf.ENCRYPTED),
        ("renamed.txt", minimal_pdf([b""]), pdf.SCANNED),  # the content decides, not the name
    ],
)
def test_unreadable_pdfs_are_one_line(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert problem(path) == expected


def test_too_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "MAX_PAGES", 1)
    assert problem(SPLIT_TITLE) == pdf.TOO_MANY_PAGES


def test_cli_exits_with_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "parse", str(PDFS / "encrypted.pdf")],
        capture_output=True, text=True,
    )
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"drafter: {PDFS / 'encrypted.pdf'}：{pdf.ENCRYPTED}\n"
