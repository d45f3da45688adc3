"""The Word file in the layout of GB/T 9704-2012 (党政机关公文格式), written from the blocks.

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; 22 lines of 28
characters. Every paragraph names its style, and the styles carry the layout,
so a user restyles the whole report in Word or WPS by changing one style:
公文标题 (2号 方正小标宋简体, centred, broken into balanced lines), 主送机关,
一级标题 … 四级标题 (黑体, 楷体_GB2312, 仿宋_GB2312 bold, 仿宋_GB2312; outline
levels 1–4 for the navigation pane), 正文 (3号 仿宋_GB2312, two characters in,
exact 28.95 pt lines), 附件说明, 署名, 成文日期 (placed per 7.3.5) and 页码 (4号
宋体 `— 1 —`, odd pages right, even pages left, one character in).

The font table declares, for each font a stock Windows lacks, the fonts to use
instead (`w:altName`, a comma-separated list) and its class (panose, GB2312
charset), so Word, WPS and LibreOffice substitute a like face. Quotes, dashes
and other characters whose width depends on the script are marked East Asian
(`w:hint="eastAsia"`), so they print full-width.

The package is written directly (a handful of small XML parts), paragraph by
paragraph into one string: linear in the report's length.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any
from xml.sax.saxutils import escape

from drafter.drafting.gbt9704 import (
    BODY_PT,
    CHARS_PER_LINE,
    MM,
    TITLE_PT,
    Layout,
    break_title,
    text_width,
)
from drafter.drafting.render import (
    ROLES,
    Block,
    attachment_entries,
    paragraph_groups,
    signature_block,
)

PAGE_NUMBER_PT = 14.0  # 4号
TWIPS = 20  # per point
INDENT = round(2 * BODY_PT * TWIPS)  # two characters of 3号
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

STYLE_IDS = {
    "title": "GwTitle", "recipient": "GwRecipient", "heading1": "GwHeading1",
    "heading2": "GwHeading2", "heading3": "GwHeading3", "heading4": "GwHeading4",
    "body": "GwBody", "attachment": "GwAttachment", "signature": "GwSignature",
    "date": "GwDate", "page_number": "GwPageNumber",
}  # fmt: skip
"""Style ids by block kind; the styles' names (what Word shows) are the roles: 公文标题 …"""
STYLE_NAMES = {**{kind: role for role, kind in ROLES.items()}, "page_number": "页码"}

FONT_FALLBACKS: dict[str, tuple[str, str, str, str, str]] = {
    # font: (fonts to use instead, style of face, panose-1, family, pitch)
    "方正小标宋简体": ("方正小标宋_GBK,小标宋,宋体,SimSun,STSong", "song",
                       "02000000000000000000", "script", "variable"),
    "仿宋_GB2312": ("仿宋,FangSong,STFangsong", "song", "02010609030101010101", "modern", "fixed"),
    "楷体_GB2312": ("楷体,KaiTi,STKaiti", "kai", "02010609030101010101", "modern", "fixed"),
    "仿宋": ("FangSong,仿宋_GB2312,STFangsong", "song", "02010609060101010101", "modern", "fixed"),
    "楷体": ("KaiTi,楷体_GB2312,STKaiti", "kai", "02010609060101010101", "modern", "fixed"),
    "黑体": ("SimHei,STHeiti", "hei", "02010609060101010101", "modern", "fixed"),
    "宋体": ("SimSun,STSong", "song", "02010600030101010101", "auto", "variable"),
    "小标宋": ("方正小标宋简体,宋体,SimSun", "song", "02000000000000000000", "script", "variable"),
}  # fmt: skip
"""Fonts a stock system may lack, the ones Word and WPS should use instead, and their
class (panose-1, family, pitch) for when none of those is there either."""
FREE_FACES = {
    "song": ("Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing CN"),
    "kai": ("AR PL UKai CN", "Noto Serif CJK SC", "Source Han Serif SC"),
    "hei": ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei"),
}
"""Free faces of each style, last resorts where LibreOffice draws a PDF (it ignores altName)."""
_GB2312_SIG = ('w:usb0="00000001" w:usb1="080E0000" w:usb2="00000010" w:usb3="00000000" '
               'w:csb0="00040000" w:csb1="00000000"')  # fmt: skip
"""Unicode ranges and code pages of a GB2312 font: Word's clue that the face is Chinese."""


def build_docx(
    blocks: Sequence[Block],
    fonts: dict[str, str],
    layout: Layout | None = None,
    *,
    author: str = "",
    names: Sequence[str] = (),
) -> bytes:
    """The .docx file for these blocks, as bytes (written out atomically by the caller).

    `names` are the issuing bodies (unit, 署名), the best points to break a long title.
    """
    layout = layout or Layout()
    title = next((b.full_text for b in blocks if b.kind == "title"), "")
    body = "".join(_paragraphs(list(blocks), fonts, layout, names))
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "docProps/core.xml": _core(title, author),
        "docProps/app.xml": _APP,
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/document.xml": _document(body, layout),
        "word/styles.xml": _styles(fonts, layout),
        "word/settings.xml": _SETTINGS,
        "word/fontTable.xml": _font_table(fonts, layout),
        "word/footer1.xml": _footer("right"),
        "word/footer2.xml": _footer("left"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, xml in parts.items():
            package.writestr(name, _DECLARATION + xml)
    return buffer.getvalue()


# --- document body -----------------------------------------------------------------


def _paragraphs(
    blocks: list[Block], fonts: dict[str, str], layout: Layout, names: Sequence[str]
) -> Iterator[str]:
    groups = paragraph_groups(blocks)
    for index, (group, members) in enumerate(groups):
        following = groups[index + 1][0] if index + 1 < len(groups) else ""
        keep = following in ("signature", "attachments")  # 特此报告 stays with the signature
        if group == "title":
            for block in members:
                lines = break_title(block.full_text, layout.title_capacity, names)
                yield _paragraph("title", _title_run(lines))
            yield _blank()  # 标题下空一行 (7.3.2, 7.3.3)
        elif group == "attachments":
            yield _blank(keep=True)  # 正文下空一行编排附件说明 (7.3.4)
            yield from _attachments(members, layout)
        elif group == "signature":
            yield from _signature(members, layout)
        else:
            for block in members:
                yield _block_paragraph(block, fonts, layout, keep=keep)
                if block.kind == "recipient" and layout.blank_after_recipient:
                    yield _blank()


def _block_paragraph(block: Block, fonts: dict[str, str], layout: Layout, *, keep: bool) -> str:
    if block.body:  # a heading running into its body: the body in the body's face, not bold
        body_fonts = _fonts_xml(fonts["body"], layout.latin_font)
        runs = _run(block.text) + _run(block.body, fonts=body_fonts, bold=False)
        return _paragraph(block.kind, runs, '<w:keepNext w:val="0"/>')
    if block.kind == "body" and layout.bold_lead:
        runs = "".join(_run(text, bold=True if lead else None) for text, lead in _leads(block.text))
    else:
        runs = _run(block.text)
    return _paragraph(block.kind, runs, "<w:keepNext/>" if keep else "")


_LEAD = re.compile(r"(?:^|(?<=[。；！？：]))[一二三四五六七八九十]+是[^。；！？]*[。；！？]?")


def _leads(text: str) -> Iterator[tuple[str, bool]]:
    """The paragraph cut into (text, is a lead sentence): `一是……。` up to its stop."""
    at = 0
    for match in _LEAD.finditer(text):
        if match.start() > at:
            yield text[at : match.start()], False
        yield match.group(), True
        at = match.end()
    if at < len(text):
        yield text[at:], False


def _attachments(blocks: list[Block], layout: Layout) -> Iterator[str]:
    """`附件：1.名称` two characters in, later numbers under the first, and a long name
    wrapping under its own first character (7.3.4)."""
    em = _em(layout)
    for lead, name in attachment_entries(blocks):
        number = lead.removeprefix("附件：")
        left = (2 + 3 + text_width(number)) * em
        hanging = left - (2 if lead.startswith("附件") else 5) * em
        indent = f'<w:ind w:left="{round(left)}" w:hanging="{round(hanging)}"/>'
        yield _paragraph("attachment", _run(lead + name), indent)


def _signature(blocks: list[Block], layout: Layout) -> Iterator[str]:
    """The blank lines that keep the seal clear of the body, then each line of the block:
    sealed, each piece right-aligned (the date exactly four characters in); unsealed,
    each set from its start (the date exactly two characters right of the 署名);
    several pieces on one line on tab stops."""
    em = _em(layout)
    for _ in range(layout.blank_lines_before_signature):
        yield _blank(keep=True)
    rows = signature_block(blocks, layout)
    for number, row in enumerate(rows):
        last = number == len(rows) - 1
        if not row:
            yield _blank(keep=True)
        elif len(row) == 1:
            piece = row[0]
            keep = "" if last else "<w:keepNext/>"
            if layout.sealed:
                place = f'<w:ind w:right="{round((CHARS_PER_LINE - piece.end) * em)}"/>'
            else:
                place = f'<w:ind w:left="{round(piece.start * em)}"/><w:jc w:val="left"/>'
            yield _paragraph(piece.kind, _run(piece.text), keep + place)
        else:
            stops = "".join(f'<w:tab w:val="left" w:pos="{round(p.start * em)}"/>' for p in row)
            text = "".join("<w:tab/>" + _text(p.text) for p in row)
            hint = _hint("".join(p.text for p in row))
            ppr = f'<w:keepNext/><w:tabs>{stops}</w:tabs><w:jc w:val="left"/>'
            yield _paragraph("signature", f"<w:r>{hint}{text}</w:r>", ppr)


def _em(layout: Layout) -> float:
    """One character of the 28-character line, in twips."""
    return layout.type_width / CHARS_PER_LINE * TWIPS


def _paragraph(kind: str, runs: str, ppr: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{STYLE_IDS[kind]}"/>{ppr}</w:pPr>{runs}</w:p>'


def _blank(*, keep: bool = False) -> str:
    """An empty line, as high as any other (exact line pitch)."""
    return "<w:p><w:pPr><w:keepNext/></w:pPr></w:p>" if keep else "<w:p/>"


def _title_run(lines: list[str]) -> str:
    text = "<w:br/>".join(_text(line) for line in lines)
    return f"<w:r>{_hint(''.join(lines))}{text}</w:r>"


def _run(text: str, *, fonts: str = "", bold: bool | None = None) -> str:
    """A run of text. Its East Asian hint goes in the run's own fonts element."""
    hint = ' w:hint="eastAsia"' if _AMBIGUOUS.search(text) else ""
    props = f"<w:rFonts{fonts}{hint}/>" if fonts or hint else ""
    if bold is not None:
        props += "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f"<w:r>{rpr}{_text(text)}</w:r>"


def _hint(text: str) -> str:
    return '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>' if _AMBIGUOUS.search(text) else ""


def _text(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


_AMBIGUOUS = re.compile(
    "["
    + "".join(
        re.escape(chr(code))
        for code in range(0x80, 0x3000)
        if unicodedata.east_asian_width(chr(code)) == "A"
    )
    + "]"
)
"""Characters Word sets in the Latin font unless told they are East Asian: “”‘’ — … · ×."""


# --- package parts -----------------------------------------------------------------


def _document(body: str, layout: Layout) -> str:
    top, bottom, left, right = (round(mm * MM * TWIPS) for mm in layout.margins)
    footer = round((layout.margins[1] - 7) * MM * TWIPS - PAGE_NUMBER_PT * TWIPS)
    section = (
        f'<w:sectPr><w:footerReference w:type="default" r:id="rId4"/>'
        f'<w:footerReference w:type="even" r:id="rId5"/>'
        f'<w:pgSz w:w="11906" w:h="16838"/>'
        f'<w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" '
        f'w:header="851" w:footer="{footer}" w:gutter="0"/>'
        f'<w:cols w:space="425"/><w:docGrid w:linePitch="{_pitch(layout)}"/>'
        f"</w:sectPr>"
    )
    namespaces = f'xmlns:w="{_W}" xmlns:r="{_R}"'
    return f"<w:document {namespaces}><w:body>{body}{section}</w:body></w:document>"


def _pitch(layout: Layout) -> int:
    return round(layout.line_pitch * TWIPS)


def _fonts_xml(face: str, latin: str = "") -> str:
    """rFonts attributes: the face for Chinese, `latin` (else the face) for digits and letters."""
    other = escape(latin or face, {'"': "&quot;"})
    face = escape(face, {'"': "&quot;"})
    return f' w:ascii="{other}" w:eastAsia="{face}" w:hAnsi="{other}" w:cs="{other}"'


def _styles(fonts: dict[str, str], layout: Layout) -> str:
    """Normal, the roles' paragraph styles and Word's default character style. Each role's
    style states its whole layout (not only what differs from Normal), so whatever reads
    the file finds the fonts, sizes and spacing in the style the paragraph names."""

    def style(kind: str, face: str, **layout_of: Any) -> str:
        return (
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{STYLE_IDS[kind]}">'
            f'<w:name w:val="{STYLE_NAMES[kind]}"/><w:basedOn w:val="Normal"/>'
            f'<w:next w:val="{STYLE_IDS[layout_of.pop("next_kind", "body")]}"/><w:qFormat/>'
            f"{_style_properties(face, layout, **layout_of)}</w:style>"
        )

    body = _fonts_xml(fonts["body"], layout.latin_font)
    size = f'<w:sz w:val="{round(BODY_PT * 2)}"/><w:szCs w:val="{round(BODY_PT * 2)}"/>'
    spacing = f'<w:spacing w:before="0" w:after="0" w:line="{_pitch(layout)}" w:lineRule="exact"/>'
    styles = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        f"<w:qFormat/>{_style_properties(fonts['body'], layout)}</w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        style("title", fonts["title"], size=TITLE_PT, keep=True, whole=True, jc="center",
              next_kind="recipient"),
        style("recipient", fonts["body"]),
        style("heading1", fonts["heading1"], keep=True, indent=INDENT, level=0),
        style("heading2", fonts["heading2"], keep=True, indent=INDENT, level=1),
        style("heading3", fonts["heading3"], keep=True, indent=INDENT, level=2, bold=True),
        style("heading4", fonts["body"], keep=True, indent=INDENT, level=3),
        style("body", fonts["body"], indent=INDENT),
        style("attachment", fonts["body"]),
        style("signature", fonts["body"], keep=True, jc="right", next_kind="date"),
        style("date", fonts["body"], jc="right"),
        style("page_number", fonts["page_number"], size=PAGE_NUMBER_PT, latin=False,
              line=round(PAGE_NUMBER_PT * TWIPS), next_kind="page_number"),
    ]  # fmt: skip
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts{body}/>{size}"
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault><w:pPr>{spacing}</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    return f'<w:styles xmlns:w="{_W}">{defaults}{"".join(styles)}</w:styles>'


def _style_properties(
    face: str,
    layout: Layout,
    *,
    size: float = BODY_PT,
    keep: bool = False,
    whole: bool = False,
    indent: int = 0,
    jc: str = "both",
    level: int | None = None,
    bold: bool = False,
    latin: bool = True,
    line: int | None = None,
) -> str:
    """A style's pPr and rPr, in the order the schema fixes: `keep` with the next paragraph,
    `whole` on one page. Text of 3号 is squeezed to 28 characters a line; the title and
    the page number keep their natural spacing."""
    ppr = (
        ("<w:keepNext/>" if keep else "")
        + ("<w:keepLines/>" if whole else "")
        + '<w:widowControl w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        + f'<w:spacing w:before="0" w:after="0" w:line="{line or _pitch(layout)}" '
        + f'w:lineRule="exact"/><w:ind w:firstLine="{indent}"/><w:jc w:val="{jc}"/>'
        + (f'<w:outlineLvl w:val="{level}"/>' if level is not None else "")
    )
    half_points = round(size * 2)
    rpr = (
        f"<w:rFonts{_fonts_xml(face, layout.latin_font if latin else '')}/>"
        + ("<w:b/><w:bCs/>" if bold else "")
        + f'<w:spacing w:val="{layout.char_squeeze if size == BODY_PT else 0}"/>'
        + f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    )
    return f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr>"


def _font_table(fonts: dict[str, str], layout: Layout) -> str:
    """Every face the styles name, with what to use instead where a system lacks it."""
    faces = dict.fromkeys([*fonts.values(), *([layout.latin_font] if layout.latin_font else [])])
    entries = []
    for face in faces:
        name = escape(face, {'"': "&quot;"})
        if face in FONT_FALLBACKS:
            instead, _, panose, family, pitch = FONT_FALLBACKS[face]
            entries.append(
                f'<w:font w:name="{name}"><w:altName w:val="{instead}"/>'
                f'<w:panose1 w:val="{panose}"/><w:charset w:val="86"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/><w:sig {_GB2312_SIG}/>'
                "</w:font>"
            )
        elif face == "Times New Roman":
            entries.append(
                '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/>'
                '<w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/>'
                "</w:font>"
            )
        else:
            entries.append(f'<w:font w:name="{name}"/>')
    return f'<w:fonts xmlns:w="{_W}">{"".join(entries)}</w:fonts>'


def fontconfig_aliases(fonts: dict[str, str]) -> str:
    """A fontconfig file that reads the system's and adds, for each face the report names,
    the faces to use instead: what LibreOffice draws with when it makes a PDF."""
    aliases = []
    for face in dict.fromkeys(fonts.values()):
        if face not in FONT_FALLBACKS:
            continue
        instead, style = FONT_FALLBACKS[face][:2]
        families = [*instead.split(","), *FREE_FACES[style]]
        prefer = "".join(f"<family>{escape(family)}</family>" for family in families)
        alias = f"<family>{escape(face)}</family><prefer>{prefer}</prefer>"
        aliases.append(f'<alias binding="same">{alias}</alias>')
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"{''.join(aliases)}</fontconfig>\n"
    )


def _footer(side: str) -> str:
    """`— N —`, 4号, one character in from the outer edge (7.5)."""
    indent = f'<w:ind w:{side}="{round(PAGE_NUMBER_PT * TWIPS)}"/>'
    before, after = (f"<w:r>{_hint('—')}{_text(dash)}</w:r>" for dash in ("— ", " —"))
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    paragraph = (
        f'<w:p><w:pPr><w:pStyle w:val="{STYLE_IDS["page_number"]}"/>{indent}'
        f'<w:jc w:val="{side}"/></w:pPr>{before}{field}{after}</w:p>'
    )
    return f'<w:ftr xmlns:w="{_W}" xmlns:r="{_R}">{paragraph}</w:ftr>'


def _core(title: str, author: str) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    stamp = f'xsi:type="dcterms:W3CDTF">{now}'
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(author)}</cp:lastModifiedBy>"
        f"<dcterms:created {stamp}</dcterms:created><dcterms:modified {stamp}</dcterms:modified>"
        "</cp:coreProperties>"
    )


_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'  # noqa: E501
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_MAIN}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_MAIN}.styles+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_MAIN}.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_MAIN}.fontTable+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_MAIN}.footer+xml"/>'
    f'<Override PartName="/word/footer2.xml" ContentType="{_MAIN}.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    f'<Relationship Id="rId2" Type="{_PKG_REL}/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_DOCUMENT_RELS = (
    f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rId4" Type="{_REL}/footer" Target="footer1.xml"/>'
    f'<Relationship Id="rId5" Type="{_REL}/footer" Target="footer2.xml"/>'
    "</Relationships>"
)
APPLICATION_TAG = b"<Application>drafter</Application>"
"""Names drafter as the application that saved the file; an editor that saves it puts its own."""
_APP = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    f"{APPLICATION_TAG.decode()}</Properties>"
)
_SETTINGS = (
    f'<w:settings xmlns:w="{_W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
    '<w:evenAndOddHeaders/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
)
