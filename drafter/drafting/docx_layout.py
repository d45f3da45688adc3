"""The Word file in the layout of GB/T 9704-2012 (党政机关公文格式).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; 22 lines of 28
characters. Title 2号 (22 pt) 方正小标宋简体, centred; body 3号 (16 pt)
仿宋_GB2312 with a two-character first-line indent and exact 28.95 pt line
spacing (28 characters a line); headings 黑体 / 楷体_GB2312 / 仿宋 bold; signature and date right-
aligned four characters in; page numbers 4号 `— 1 —`, odd pages right and even
pages left. Every run names its East Asian font (`w:eastAsia`), or Word would
silently substitute one. Fonts come from the pack, so an office without the
_GB2312 fonts can name its own.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.text.font import Font
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from drafter.drafting.render import Block

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
PAGE_NUMBER_SIZE = Pt(14)  # 4号
LINE_PITCH = Pt(28.95)  # 22 lines in the 225 mm type area
CHAR_SQUEEZE = -5  # twentieths of a point: 28 characters of 3号 fit the 156 mm line
INDENT = Pt(32)  # two characters of 3号
SIGNATURE_SPARE = Pt(64)  # four characters of 3号
FOOTER_DISTANCE = Mm(28) - PAGE_NUMBER_SIZE  # number's top 7 mm below the type area

# Children of w:rPr that come after w:spacing (the schema fixes their order).
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                  "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
                  "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")  # fmt: skip

_STYLE = {
    # kind: (font role, size, bold, alignment, first-line indent, outline level)
    "title": ("title", TITLE_SIZE, False, WD_ALIGN_PARAGRAPH.CENTER, None, None),
    "recipient": ("body", BODY_SIZE, False, WD_ALIGN_PARAGRAPH.JUSTIFY, None, None),
    "body": ("body", BODY_SIZE, False, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, None),
    "heading1": ("heading1", BODY_SIZE, False, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, 0),
    "heading2": ("heading2", BODY_SIZE, False, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, 1),
    "heading3": ("heading3", BODY_SIZE, True, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, 2),
    "heading4": ("body", BODY_SIZE, False, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, None),
    "signature": ("body", BODY_SIZE, False, WD_ALIGN_PARAGRAPH.RIGHT, None, None),
    "date": ("body", BODY_SIZE, False, WD_ALIGN_PARAGRAPH.RIGHT, None, None),
}


def build_docx(blocks: Sequence[Block], fonts: dict[str, str], *, author: str = "") -> bytes:
    """The .docx file for these blocks, as bytes (written out atomically by the caller)."""
    document = Document()
    _page_setup(document)
    _plain_styles(document, fonts["body"])
    if author:
        document.core_properties.author = author
        document.core_properties.last_modified_by = author
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._p)  # the template's empty first paragraph
    signed = ("signature", "date")
    for i, block in enumerate(blocks):
        following = blocks[i + 1].kind if i + 1 < len(blocks) else ""
        if block.kind == "recipient" or (block.kind in signed and blocks[i - 1].kind not in signed):
            _blank_line(document, keep_with_next=block.kind in signed)  # 标题下、署名前空一行
        if block.kind == "title":
            document.core_properties.title = block.text
        paragraph = _write_block(document, block, fonts)
        if following in signed:
            paragraph.paragraph_format.keep_with_next = True  # 特此报告 and signature stay together
    _page_numbers(document, fonts["page_number"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _page_setup(document: DocumentObject) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.footer_distance = FOOTER_DISTANCE


def _plain_styles(document: DocumentObject, body_font: str) -> None:
    """Drop the template's theme fonts (they would override ours); body font, 3号 and
    Chinese as the defaults (the grid and Chinese line breaking depend on them)."""
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for fonts in defaults.iter(qn("w:rFonts")):
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), body_font)
    for size in (*defaults.iter(qn("w:sz")), *defaults.iter(qn("w:szCs"))):
        size.set(qn("w:val"), str(round(BODY_SIZE.pt * 2)))
    for lang in defaults.iter(qn("w:lang")):
        lang.set(qn("w:eastAsia"), "zh-CN")
    normal = document.styles["Normal"]
    _set_font(normal.element, normal.font, body_font, BODY_SIZE, bold=False)


def _write_block(document: DocumentObject, block: Block, fonts: dict[str, str]) -> Paragraph:
    role, size, bold, alignment, indent, outline = _STYLE[block.kind]
    paragraph = document.add_paragraph()
    _format_paragraph(paragraph, alignment, indent)
    if block.kind in ("signature", "date"):
        paragraph.paragraph_format.right_indent = SIGNATURE_SPARE
    if block.kind.startswith("heading"):
        paragraph.paragraph_format.keep_with_next = not block.body
    if outline is not None:
        outline_level = OxmlElement("w:outlineLvl")
        outline_level.set(qn("w:val"), str(outline))
        paragraph._p.get_or_add_pPr().insert_element_before(
            outline_level, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"
        )
    _add_run(paragraph, block.text, fonts[role], size, bold=bold)
    if block.body:
        _add_run(paragraph, block.body, fonts["body"], BODY_SIZE, bold=False)
    return paragraph


def _format_paragraph(paragraph: Paragraph, alignment: int, indent: Length | None) -> None:
    fmt = paragraph.paragraph_format
    fmt.alignment = alignment
    fmt.line_spacing = LINE_PITCH
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = indent
    fmt.widow_control = True


def _blank_line(document: DocumentObject, *, keep_with_next: bool) -> None:
    """An empty line (its height is the exact line pitch, whatever the font)."""
    paragraph = document.add_paragraph()
    _format_paragraph(paragraph, WD_ALIGN_PARAGRAPH.JUSTIFY, None)
    paragraph.paragraph_format.keep_with_next = keep_with_next


def _add_run(paragraph: Paragraph, text: str, font: str, size: Length, *, bold: bool) -> Run:
    run = paragraph.add_run(text)
    _set_font(run._r, run.font, font, size, bold=bold)
    return run


def _set_font(element: Any, font: Font, face: str, size: Length, *, bold: bool) -> None:
    """Name the font for Latin *and* East Asian text (`w:eastAsia`), set size and weight."""
    font.name = face  # w:ascii and w:hAnsi
    font.size = size
    font.bold = bold
    rpr = element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), face)
    fonts.set(qn("w:cs"), face)
    if size == BODY_SIZE and rpr.find(qn("w:spacing")) is None:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(CHAR_SQUEEZE))
        rpr.insert_element_before(spacing, *_AFTER_SPACING)


def _page_numbers(document: DocumentObject, font: str) -> None:
    """`— 1 —` at the foot: odd pages right, even pages left, one character in."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        fmt = paragraph.paragraph_format
        fmt.alignment = alignment
        fmt.space_before = fmt.space_after = Pt(0)
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = PAGE_NUMBER_SIZE
        else:
            fmt.left_indent = PAGE_NUMBER_SIZE
        _add_run(paragraph, "— ", font, PAGE_NUMBER_SIZE, bold=False)
        _page_field(paragraph, font)
        _add_run(paragraph, " —", font, PAGE_NUMBER_SIZE, bold=False)


def _page_field(paragraph: Paragraph, font: str) -> None:
    """A PAGE field (begin, instruction, separate, shown number, end)."""
    parts = [("fldChar", "begin"), ("instrText", " PAGE "), ("fldChar", "separate"),
             ("text", "1"), ("fldChar", "end")]  # fmt: skip
    for kind, value in parts:
        run = _add_run(paragraph, "1" if kind == "text" else "", font, PAGE_NUMBER_SIZE, bold=False)
        if kind == "fldChar":
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), value)
            run._r.append(element)
        elif kind == "instrText":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = value
            run._r.append(element)
