"""Read a PDF's text layer back into the paragraphs it was typeset from.

PDFs are the form most reports are published in. A PDF holds placed glyphs, not
paragraphs: the paragraphs are rebuilt from geometry, as a reader sees them. A
line that ends short of the right margin ends its paragraph, and an indented line
starts one; lines centred or set to the right (titles, signatures, dates) stand
alone; running page numbers, headers and footers (found by their place in the top
or bottom margin and by repeating from page to page) are dropped. Wrapped lines
are joined without spaces between Chinese characters, and the spaces extraction
puts between digits and Chinese (`减少事业单位 45 家`) are not made at all.

Characters are grouped into lines by their own positions (pdfminer's layout
analysis is not used): quotes and digits set in another font would otherwise land
in lines of their own.

A scanned PDF (no text layer) or an encrypted one is refused with one line saying
so; a damaged one too. Time and memory are bounded by the file size limit of
`read_document`, a page limit and a limit on nesting.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from drafter.corpus.reflow import HEADING_START, STOPS, is_page_number
from drafter.corpus.report import Paragraph, Reading
from drafter.errors import IngestError

MAX_PAGES = 400
"""Far more than any report has; a PDF with more pages is not one."""
_EMPTY_PAGES_BEFORE_GIVING_UP = 30
"""Pages without text read before a PDF is called scanned (thousands of blank pages)."""
_MARGIN_SHARE = 0.09
"""Top and bottom bands of a page where running heads and page numbers sit."""

SCANNED = (
    "PDF中没有文字（扫描版或空白页；drafter不做文字识别）：请找原文件，或用WPS/Word另存为.docx"
)
ENCRYPTED = "PDF已加密，无法读取文字：请用密码打开后另存为不加密的PDF或.docx"
DAMAGED = "PDF文件已损坏，无法读取"
TOO_MANY_PAGES = f"PDF超过{MAX_PAGES}页，不像一份报告"


@dataclass
class _Char:
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    text: str


@dataclass
class _Line:
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    text: str
    page_height: float


def read_pdf(data: bytes, path: Path) -> tuple[list[Paragraph], Reading]:
    """Paragraphs of a text-layer PDF, numbered in reading order, and what was repaired."""
    reading = Reading("pdf")
    lines = _pdf_lines(data, path, reading)
    if not any(line.text.strip() for line in lines):
        raise IngestError(SCANNED, path)
    lines = _drop_running_furniture(lines, reading)
    paragraphs = [
        Paragraph(number, text) for number, text in enumerate(_paragraphs(lines, reading), 1)
    ]
    return paragraphs, reading


# --- characters and lines --------------------------------------------------------------


def _pdf_lines(data: bytes, path: Path, reading: Reading) -> list[_Line]:
    """Text lines of every page, top to bottom; raises IngestError for what cannot be read."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    lines: list[_Line] = []
    empty = 0
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(min(limit, 2000))  # deeply nested objects fail fast, in bounds
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)))
        manager = PDFResourceManager()
        device = _character_sink(manager)
        interpreter = PDFPageInterpreter(manager, device)
        for number, page in enumerate(PDFPage.create_pages(document), 1):
            if number > MAX_PAGES:
                raise IngestError(TOO_MANY_PAGES, path)
            interpreter.process_page(page)
            reading.pages = number
            empty = 0 if device.chars else empty + 1
            if empty >= _EMPTY_PAGES_BEFORE_GIVING_UP and not lines:
                raise IngestError(SCANNED, path)
            lines += _group_lines(device.chars, number, device.height)
    except IngestError:
        raise
    except PDFEncryptionError:  # a password, or copying text not allowed
        raise IngestError(ENCRYPTED, path) from None
    except Exception:  # pdfminer fails on damaged files in many ways (deep nesting too)
        raise IngestError(DAMAGED, path) from None
    finally:
        sys.setrecursionlimit(limit)
    if reading.pages is None:
        raise IngestError(DAMAGED, path)
    return lines


def _character_sink(manager):  # type: ignore[no-untyped-def]
    """A pdfminer device that keeps each page's visible characters with their boxes, and
    nothing else (no layout objects: the page is read here, from the boxes)."""
    from pdfminer.pdfdevice import PDFTextDevice
    from pdfminer.pdffont import PDFUnicodeNotDefined
    from pdfminer.utils import apply_matrix_rect

    class CharacterSink(PDFTextDevice):
        def __init__(self) -> None:
            super().__init__(manager)
            self.chars: list[_Char] = []
            self.bottom = self.height = 0.0

        def begin_page(self, page, ctm) -> None:  # type: ignore[no-untyped-def]
            _, y0, _, y1 = apply_matrix_rect(ctm, page.mediabox)
            self.bottom, self.height = min(y0, y1), abs(y1 - y0)
            self.chars = []

        def render_char(  # type: ignore[no-untyped-def]
            self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate
        ) -> float:
            advance = font.char_width(cid) * fontsize * scaling
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                return advance
            if text.strip():
                descent = font.get_descent() * fontsize + rise
                x0, y0, x1, y1 = apply_matrix_rect(
                    matrix, (0, descent, advance, descent + fontsize)
                )
                bottom = self.bottom
                self.chars.append(_Char(x0, x1, y0 - bottom, y1 - bottom, y1 - y0, text))
            return advance

    return CharacterSink()


def _group_lines(chars: list[_Char], page: int, height: float) -> list[_Line]:
    """Characters on one baseline (their vertical middles within half a character) form a
    line, read left to right."""
    chars.sort(key=lambda c: (-(c.y0 + c.y1) / 2, c.x0))
    rows: list[list[_Char]] = []
    for char in chars:
        middle = (char.y0 + char.y1) / 2
        if rows:
            last = rows[-1]
            last_middle = (last[0].y0 + last[0].y1) / 2
            if abs(middle - last_middle) <= 0.5 * max(char.size, last[0].size, 1):
                last.append(char)
                continue
        rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c.x0)
        lines.append(
            _Line(
                page=page,
                x0=row[0].x0,
                x1=row[-1].x1,
                top=max(c.y1 for c in row),
                bottom=min(c.y0 for c in row),
                size=statistics.median(c.size for c in row),
                text=_line_text(row),
                page_height=height,
            )
        )
    return lines


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’]")


def _line_text(row: list[_Char]) -> str:
    """The characters of a line; a space only where a visible gap separates two Latin
    letters or digits (never next to Chinese)."""
    out = [row[0].text]
    for left, right in zip(row, row[1:], strict=False):
        gap = right.x0 - left.x1
        if (
            gap > 0.25 * max(left.size, 1)
            and not _CJK.match(left.text[-1])
            and not _CJK.match(right.text[0])
        ):
            out.append(" ")
        out.append(right.text)
    return "".join(out)


# --- running heads and page numbers ----------------------------------------------------


def _in_margin(line: _Line) -> bool:
    band = _MARGIN_SHARE * line.page_height
    return line.top >= line.page_height - band or line.bottom <= band


def _running_key(line: _Line) -> str:
    """A running head's text with its page number left out (`第3页` and `第4页` are one)."""
    return re.sub(r"\d+", "#", line.text.replace(" ", ""))


def _drop_running_furniture(lines: list[_Line], reading: Reading) -> list[_Line]:
    """Page numbers in the top or bottom band, and lines there that repeat on most pages.

    Only the copy nearest the page edge goes on each page: a header that repeats the
    title leaves the title on page one.
    """
    pages = len({line.page for line in lines})
    margin = [line for line in lines if _in_margin(line)]
    repeated = Counter(_running_key(line) for line in margin)
    edge: dict[tuple[int, str], _Line] = {}
    for line in margin:
        key = (line.page, _running_key(line))
        nearest = edge.get(key)
        if nearest is None or _edge_distance(line) < _edge_distance(nearest):
            edge[key] = line
    kept: list[_Line] = []
    for line in lines:
        key = _running_key(line)
        if _in_margin(line) and is_page_number(line.text, bare=True):
            reading.page_numbers_dropped += 1
        elif (
            pages >= 2
            and repeated[key] >= max(2, pages // 2)
            and edge.get((line.page, key)) is line
        ):
            reading.running_heads_dropped += 1
        else:
            kept.append(line)
    return kept


def _edge_distance(line: _Line) -> float:
    return min(line.page_height - line.top, line.bottom)


# --- paragraphs ------------------------------------------------------------------------

_MAX_HEADING = 50


def _paragraphs(lines: list[_Line], reading: Reading) -> list[str]:
    """Join lines into paragraphs by where they start and end on the page."""
    if not lines:
        return []
    size = statistics.median(line.size for line in lines) or 10.0
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    full = sorted(line.x1 for line in lines)
    right = full[int(0.9 * (len(full) - 1))]
    pitch = _line_pitch(lines)
    paragraphs: list[list[_Line]] = []
    for line in lines:
        if paragraphs and _continues(paragraphs[-1], line, left, right, size, pitch):
            paragraphs[-1].append(line)
            reading.wrapped_lines_joined += 1
        else:
            paragraphs.append([line])
    texts = []
    for group in paragraphs:
        text = "".join(line.text.strip() for line in group)
        texts.append(text)
    return [text for text in texts if text]


def _line_pitch(lines: list[_Line]) -> float:
    """The usual distance from one line to the next inside a paragraph."""
    steps = [
        a.bottom - b.bottom
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and a.bottom > b.bottom
    ]
    return statistics.median(steps) if steps else 0.0


def _continues(
    paragraph: list[_Line], line: _Line, left: float, right: float, size: float, pitch: float
) -> bool:
    """Does `line` carry on `paragraph`?

    A line that ends a sentence a character short of the margin ends its paragraph;
    one that stops mid-sentence may fall several characters short (a number or a
    closing bracket that cannot be split went to the next line). Lines in a large
    font (a title set over two lines) carry on each other. A numbered line after a
    sentence end or after a heading (`（六）……职责情况` then `1.带头尊法学法。`)
    starts a paragraph.
    """
    last = paragraph[-1]
    if HEADING_START.match(line.text.strip()):
        so_far = "".join(part.text.strip() for part in paragraph)
        ends = so_far[-1:] in STOPS
        if ends or (HEADING_START.match(so_far) and len(so_far) <= _MAX_HEADING):
            return False
    same_page = line.page == last.page
    if same_page and pitch and last.bottom - line.bottom > 1.6 * max(pitch, last.size):
        return False  # space between paragraphs
    if abs(last.size - line.size) > 0.15 * size:
        return False  # a title or heading in another size
    if last.size >= 1.15 * size:
        return same_page
    short = (1.0 if last.text.rstrip()[-1:] in STOPS else 4.0) * max(last.size, size)
    if last.x1 < right - short:  # ends short of the right margin
        return False
    if last.x0 > left + 3 * size:  # centred or set to the right: stands alone
        return False
    return line.x0 <= left + 0.8 * size  # an indented line starts a paragraph
