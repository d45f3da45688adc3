"""Word's automatic numbering comes back as the 一、/（一）/1. a reader sees."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest
from conftest import CORPUS
from docx.oxml import parse_xml
from variant_kinds import numbered_docx

from drafter.corpus.ingest import read_document
from drafter.corpus.wordlists import format_number

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [(3, "chineseCounting", "三"), (12, "chineseCountingThousand", "十二"), (7, "decimal", "7"),
     (2, "decimalEnclosedCircle", "②"), (4, "upperRoman", "IV"), (3, "lowerLetter", "c"),
     (2, "ideographTraditional", "乙"), (10, "decimalFullWidth", "１０")],
)
def test_number_formats(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown


def fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("seed", ["000", "003"])
def test_a_seed_with_numbered_headings_reads_as_written(tmp_path: Path, seed: str) -> None:
    (source,) = CORPUS.glob(f"{seed}_*.txt")
    lines = [line for line in source.read_text("utf-8").splitlines() if line.strip()]
    path = tmp_path / "numbered.docx"
    count = numbered_docx(lines, path)
    doc = read_document(path)
    assert count > 10 and doc.reading.numbering_restored == count
    assert [fold(p.text) for p in doc.paragraphs] == [fold(line) for line in lines]


def add_list(document: docx.document.Document, levels: str, num_id: int, extra: str = "") -> None:
    numbering = document.part.numbering_part.element
    first_num = numbering.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}num")
    definition = parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="{90 + num_id}">{levels}</w:abstractNum>'
    )
    if first_num is None:
        numbering.append(definition)
    else:
        first_num.addprevious(definition)
    numbering.append(parse_xml(
        f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{90 + num_id}"/>{extra}</w:num>'
    ))


def level(ilvl: int, fmt: str, text: str, start: int = 1, restart: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'{restart}<w:lvlText w:val="{text}"/></w:lvl>')


def numbered(document, text: str, num_id: int, ilvl: int = 0, style: str | None = None):
    paragraph = document.add_paragraph(text, style=style)
    if num_id:
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
        ))
    return paragraph


def test_levels_count_and_restart_as_in_word(tmp_path: Path) -> None:
    document = docx.Document()
    add_list(document, level(0, "chineseCounting", "%1、") + level(1, "chineseCounting", "（%2）")
             + level(2, "decimal", "%3.") + level(3, "decimal", "%1.%4"), 41)
    add_list(document, level(0, "decimal", "（%1）"), 42,
             '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>')
    for text, num_id, ilvl in [
        ("主要举措和成效", 41, 0), ("依法履行政府职能", 41, 1), ("深化改革", 41, 2),
        ("优化服务", 41, 2), ("细目", 41, 3), ("严格执法", 41, 1), ("规范执法", 41, 2),
        ("存在的不足", 41, 0), ("不在列表中", 0, 0), ("续接第五项", 42, 0), ("第六项", 42, 0),
        ("", 41, 0),  # an empty numbered paragraph counts, but shows nothing
        ("下一步安排", 41, 0),
    ]:
        numbered(document, text, num_id, ilvl)
    path = tmp_path / "lists.docx"
    document.save(str(path))
    assert [p.text for p in read_document(path).paragraphs] == [
        "一、主要举措和成效", "（一）依法履行政府职能", "1.深化改革", "2.优化服务", "一.1细目",
        "（二）严格执法", "1.规范执法", "二、存在的不足", "不在列表中", "（5）续接第五项",
        "（6）第六项", "四、下一步安排",
    ]


def test_numbering_that_comes_with_a_heading_style(tmp_path: Path) -> None:
    document = docx.Document()
    add_list(document, level(0, "chineseCounting", "%1、"), 43)
    style = document.styles["Heading 1"]
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="43"/></w:numPr>')
    )
    numbered(document, "主要举措和成效", 0, style="Heading 1")
    document.add_paragraph("2023年，我区坚持依法行政。")
    numbered(document, "存在的不足和原因", 0, style="Heading 1")
    numbered(document, "三、已写明的编号不重复", 0, style="Heading 1")
    path = tmp_path / "styled.docx"
    document.save(str(path))
    assert [p.text for p in read_document(path).paragraphs] == [
        "一、主要举措和成效", "2023年，我区坚持依法行政。", "二、存在的不足和原因",
        "三、已写明的编号不重复",
    ]


def test_bullets_are_no_heading_numbers(tmp_path: Path) -> None:
    document = docx.Document()
    add_list(document, level(0, "bullet", "\u2022"), 44)
    numbered(document, "要点", 44)
    path = tmp_path / "bullets.docx"
    document.save(str(path))
    doc = read_document(path)
    assert [p.text for p in doc.paragraphs] == ["要点"] and doc.reading.numbering_restored == 0
