"""Read report files (.txt, .md, .html/.htm, .docx) into numbered paragraphs.

Users bring reports in whatever shape they have them: text saved by Notepad in
GBK or UTF-16, pages saved from a government web site, Word files. Everything
becomes a `Document` of non-blank paragraphs whose numbers point back into the
source (line numbers for text, paragraph numbers for .docx/.html), so that
`drafter parse` can say where a line came from.

The encoding is detected, never guessed: a file that is not plausibly UTF-8,
UTF-16 or GB18030 Chinese text is refused with an `IngestError` rather than
decoded into mojibake that would then poison the phrasebook.
"""

from __future__ import annotations

import codecs
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

from drafter.corpus.furniture import strip_watermark
from drafter.corpus.reflow import reflow
from drafter.corpus.report import Document, Paragraph, Reading
from drafter.corpus.traditional import is_traditional, to_simplified
from drafter.encodings import text_codec
from drafter.errors import IngestError
from drafter.paths import read_regular_file

_FORMATS = {
    ".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf",
    ".doc": "doc", ".wps": "wps", ".rtf": "rtf", ".odt": "odt",
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_FORMATS)
"""File kinds the corpus builder picks up; other files in a corpus folder are ignored."""
_MB = 1024 * 1024

# --- encoding detection -------------------------------------------------------

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)
"""(byte-order mark, codec for the bytes after it, name reported in Document.encoding)."""

_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
"""Text files carry tabs and line breaks, hardly any other control characters."""

_COMMON = (
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\u3000-\u303f"  # CJK symbols and punctuation 、。「」〔〕
    "\uff00-\uffef"  # full-width forms （），：
    "\u2000-\u27bf"  # general punctuation “”—…, ℃ № Ⅰ ① ■ ★ and friends
    "\ufe30-\ufe4f"  # CJK compatibility forms
    "\u00a0-\u00bf\u00d7\u00f7"  # no-break space, · ° ± × ÷
)
_UNCOMMON = re.compile(f"[^\x00-\x7f{_COMMON}]")
_NOT_IDEOGRAPH = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_MIN_COMMON_SHARE = 0.9
_MAX_RARE_SHARE = 0.05
"""Real GBK reports use GB2312 characters almost exclusively (the seeds: 100%), while
Latin-1, Big5 or UTF-8 bytes read as GB18030 give rare ideographs and private-use
characters in a third or more of the non-ASCII text."""

_DETECTED = {"utf-8", "gb2312", "gbk", "gb18030"}
"""Codec names (as `codecs.lookup` gives them) that detection tries on its own."""
_UNDECODABLE = "无法识别文字编码（不是 UTF-8、UTF-16 或 GB18030 文本）：请另存为 UTF-8 文本后再试"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""Word 97-2003 and WPS files (and password-protected .docx) are OLE containers."""
_RTF_MAGIC = b"{\\rtf"
_PDF_MAGIC = b"%PDF-"


def _looks_chinese(text: str) -> bool:
    """True if the non-ASCII part of `text` is what a Chinese report is made of."""
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    uncommon = len(_UNCOMMON.findall(text))
    # Ideographs outside GB2312 become "?" (the ideographs themselves contain none).
    rare = _NOT_IDEOGRAPH.sub("", text).encode("gb2312", "replace").count(b"?")
    rare += len(_PRIVATE_USE.findall(text))
    return uncommon <= (1 - _MIN_COMMON_SHARE) * non_ascii and rare <= _MAX_RARE_SHARE * non_ascii


def _control_heavy(count: int, total: int) -> bool:
    return count > _MAX_CONTROL_SHARE * total


def _binary_error(path: Path) -> IngestError:
    return IngestError("是二进制文件，不是报告", path)


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte-order mark: NUL bytes mark the ASCII characters.

    The side with more NULs is the likely high byte; both byte orders are tried and
    only a reading that gives plausible Chinese text without NUL characters is kept.
    """
    if len(data) % 2:
        return None
    little_first = data[1::2].count(0) >= data[0::2].count(0)
    for codec in ("utf-16-le", "utf-16-be") if little_first else ("utf-16-be", "utf-16-le"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        controls = len(_CONTROL_CHARS.findall(text))
        if "\x00" not in text and not _control_heavy(controls, len(text)) and _looks_chinese(text):
            return text, codec
    return None


def _decode_utf8(data: bytes) -> str | None:
    """Strict UTF-8; a character cut off at the very end (a truncated copy) is dropped."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8")
        return None


def _decode_declared(data: bytes, declared: str) -> tuple[str, str] | None:
    """A charset the page declares that detection does not cover (Big5, Latin-1, ...).

    Only a text file's character encoding counts (`text_codec`): a page may name any
    codec Python has, and `rot13`, `base64` or `undefined` would raise or decode to
    nonsense.
    """
    try:
        codec = text_codec(declared)
    except ValueError:
        return None
    if codec in _DETECTED:  # already tried, and failed, with a plausibility check
        return None
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return None


def _decode_text(data: bytes, path: Path, declared: str | None = None) -> tuple[str, str]:
    """Decode a text file's bytes; returns (text, encoding name) or raises IngestError.

    Order: byte-order mark → UTF-16 without BOM (only if there are NUL bytes) →
    strict UTF-8 → GB18030 that reads as Chinese → a charset the page declares.
    Valid UTF-8 is practically never anything else, and CMSs often mislabel GBK
    pages, so a <meta> only decides what the first two cannot.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                problem = f"开头标明是 {name} 文本，内容却不是有效的 {name}（文件已损坏？）"
                raise IngestError(problem, path) from None
            if _control_heavy(len(_CONTROL_CHARS.findall(text)), len(text)):
                raise _binary_error(path)
            return text, name
    if b"\x00" in data:
        decoded = _decode_utf16_without_bom(data)
        if decoded is None:
            raise _binary_error(path)
        return decoded
    if _control_heavy(len(_CONTROL_BYTES.findall(data)), len(data)):
        raise _binary_error(path)
    text = _decode_utf8(data)
    if text is not None:
        return text, "utf-8"
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_chinese(text):
        return text, "gb18030"
    decoded = _decode_declared(data, declared) if declared else None
    if decoded is None:
        raise IngestError(_UNDECODABLE, path)
    return decoded


# --- plain text and markdown --------------------------------------------------

_BLANK = re.compile(r"[\s\u200b\ufeff]*")


def _split_lines(text: str) -> list[str]:
    """Lines as editors number them: \\r\\n, \\r and \\n end a line, nothing else does."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _numbered(lines: list[str]) -> list[Paragraph]:
    """Non-blank lines with their 1-based numbers, trailing white space removed."""
    return [
        Paragraph(number, line.rstrip())
        for number, line in enumerate(lines, 1)
        if not _BLANK.fullmatch(line)
    ]


_MD_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_MD_RULE = re.compile(
    r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$"  # thematic break
    r"|^\s{0,3}=+\s*$"  # setext underline
    r"|^(?=.*\|)(?=.*-)[\s|:-]+$"  # table separator row
)
_MD_PREFIX = re.compile(r"^\s*(?:>\s*)*(?:#{1,6}\s*|[-*+]\s+)?")
_MD_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_MD_INLINE = re.compile(
    r"\\([!-/:-@\[-`{-~])"  # backslash escape
    r"|!\[[^\]]*\]\([^)]*\)()"  # image: dropped, its alt text is not report text
    r"|\[([^\]]+)\]\([^)]*\)"  # link: its text
    r"|`([^`]+)`"  # code span
    r"|\*\*(.+?)\*\*|__(.+?)__"  # strong
    r"|\*(?=\S)(.+?)(?<=\S)\*"  # emphasis
)


def _markdown_lines(text: str) -> list[str]:
    """Markdown reduced to its text, line for line, so line numbers stay the source's.

    Ordered-list numbers (`1.`) are kept: in a report they are level-3 headings.
    """
    lines = _split_lines(text)
    in_fence = False
    for i, line in enumerate(lines):
        if _MD_FENCE.match(line):
            in_fence = not in_fence
            lines[i] = ""
        elif not in_fence:
            if _MD_RULE.match(line):
                lines[i] = ""
            else:
                line = _MD_CLOSING_HASHES.sub("", _MD_PREFIX.sub("", line, count=1))
                lines[i] = _MD_INLINE.sub(_md_inline_text, line)
    return lines


def _md_inline_text(match: re.Match[str]) -> str:
    return next(group for group in match.groups() if group is not None)


# --- HTML ---------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_SKIP = frozenset(
    {"head", "script", "style", "noscript", "template", "svg", "select", "iframe"}
)
_HTML_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li tr br hr ul ol dl dt dd table thead tbody tfoot caption "
    "section article header footer nav aside main blockquote pre form figure figcaption "
    "address center body html".split()
)
_HTML_CELLS = frozenset({"td", "th"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def _declared_charset(data: bytes) -> str | None:
    """The charset a page declares in <meta charset> or an http-equiv content type."""
    match = _META_CHARSET.search(data, 0, 4096)
    return match.group(1).decode("ascii") if match else None


def _html_paragraphs(text: str) -> tuple[list[Paragraph], str | None]:
    """Visible text blocks of a page in order, and its <title>."""
    from html.parser import HTMLParser

    class PageText(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.blocks: list[str] = []
            self.title: list[str] = []
            self._parts: list[str] = []
            self._skip = 0
            self._in_title = False

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "body":  # a <head> left open ends here
                self._skip = 0
            if tag == "title":
                self._in_title = not self.title  # the page's, not an <svg> <title>
            elif tag in _HTML_SKIP:
                self._skip += 1
            elif tag in _HTML_BLOCKS:
                self.flush()
            elif tag in _HTML_CELLS:
                self._parts.append(" ")

        def handle_endtag(self, tag: str) -> None:
            if tag == "title":
                self._in_title = False
            elif tag in _HTML_SKIP:
                self._skip = max(0, self._skip - 1)
            elif tag in _HTML_BLOCKS:
                self.flush()

        def handle_data(self, data: str) -> None:
            if self._in_title:
                self.title.append(data)
            elif not self._skip:
                self._parts.append(data)

        def parse_html_declaration(self, i: int) -> int:
            # Python < 3.13 raises AssertionError on a malformed `<![...`; browsers
            # (and newer Pythons) read it as a bogus comment that ends at `>`.
            try:
                return super().parse_html_declaration(i)
            except AssertionError:
                end = self.rawdata.find(">", i + 2)
                return -1 if end < 0 else end + 1

        def flush(self) -> None:
            block = _HTML_SPACE.sub(" ", "".join(self._parts)).strip()
            if block and not _BLANK.fullmatch(block):
                self.blocks.append(block)
            self._parts.clear()

    page = PageText()
    page.feed(text)
    page.close()
    page.flush()
    title = _HTML_SPACE.sub(" ", "".join(page.title)).strip()
    paragraphs = [Paragraph(number, block) for number, block in enumerate(page.blocks, 1)]
    return paragraphs, title or None


# --- .docx --------------------------------------------------------------------

_DOCX_RUN_TEXT = (
    ".//w:r[not(ancestor::w:txbxContent or ancestor::w:del or ancestor::w:moveFrom)]"
    "/*[self::w:t or self::w:tab or self::w:br or self::w:cr]"
)
"""What Word shows of a paragraph: run text, tabs and line breaks, tracked insertions;
not text boxes (anchored in the paragraph but not part of its text), field codes
(w:instrText) or tracked deletions."""


def _read_docx(data: bytes, path: Path, reading: Reading) -> tuple[list[Paragraph], str | None]:
    """Body paragraphs in document order, table cells included, numbered as in Word, with
    the numbers of Word's automatic lists (`一、`, `（一）`) put back in front."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn

    from drafter.corpus.wordlists import ListNumbering

    paragraph_tag = qn("w:p")
    containers = {qn(f"w:{tag}") for tag in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml")}
    tags = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): " ", qn("w:cr"): " "}

    def body_paragraphs(element):
        for child in element.iterchildren():
            if child.tag == paragraph_tag:
                yield child
            elif child.tag in containers:
                yield from body_paragraphs(child)

    def paragraph_text(p) -> str:
        return "".join(
            (e.text or "") if tags[e.tag] is None else tags[e.tag] for e in p.xpath(_DOCX_RUN_TEXT)
        )

    def numbering_element(document):
        try:
            return document.part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
        except KeyError:
            return None

    try:
        document = docx.Document(io.BytesIO(data))
        title = (document.core_properties.title or "").strip() or None
        lists = ListNumbering(numbering_element(document), document.styles.element)
        texts = []
        for p in body_paragraphs(document.element.body):
            marker, text = lists.marker(p), paragraph_text(p)
            if marker and text.strip() and not text.lstrip().startswith(marker):
                text = marker + text.lstrip()
                reading.numbering_restored += 1
            texts.append(text)
    except Exception:  # python-docx and lxml fail on broken files in many different ways
        problem = "不是有效的 .docx 文件（已损坏？）：请用 Word 或 WPS 打开后另存为 .docx"
        raise IngestError(problem, path) from None
    paragraphs = [
        Paragraph(number, text.rstrip())
        for number, text in enumerate(texts, 1)
        if not _BLANK.fullmatch(text)
    ]
    return paragraphs, title


def _zip_format(data: bytes) -> str:
    """"docx" or "odt" for a zip archive that is one, else "txt" (decoding will refuse it)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names and archive.read("mimetype").startswith(
                b"application/vnd.oasis.opendocument.text"
            ):
                return "odt"
    except Exception:  # damaged archives raise BadZipFile, NotImplementedError, EOFError...
        pass
    return "txt"


# --- public API ---------------------------------------------------------------


def read_document(path: Path | str, *, max_bytes: int = 20 * _MB) -> Document:
    """Read one report file into numbered non-blank paragraphs.

    The format comes from the suffix; a file with another suffix is read as .docx if
    it is one and as plain text if it decodes as text. Every failure is an
    `IngestError` naming the file and the problem, so callers can print one line
    (`drafter parse`) or skip the file with a warning (`drafter corpus build`).
    """
    path = Path(path)
    data = read_regular_file(path, IngestError, max_bytes)
    if not data:
        raise IngestError("是空文件", path)
    fmt = _format(data, _FORMATS.get(path.suffix.lower()))
    encoding: str | None = None
    title: str | None = None
    reading = Reading(fmt)
    if fmt == "pdf":
        from drafter.corpus.pdf import read_pdf

        paragraphs, reading = read_pdf(data, path)
    elif fmt in ("doc", "wps", "rtf", "odt"):
        from drafter.corpus.convert import docx_from_converted

        paragraphs, title = _read_docx(docx_from_converted(data, path, f".{fmt}"), path, reading)
        reading.converted = True
    elif fmt == "docx":
        paragraphs, title = _read_docx(data, path, reading)
    else:
        declared = _declared_charset(data) if fmt == "html" else None
        text, encoding = _decode_text(data, path, declared)
        if fmt == "html":
            paragraphs, title = _html_paragraphs(text)
        elif fmt == "md":
            paragraphs = _numbered(_markdown_lines(text))
        else:
            paragraphs = _numbered(_split_lines(text))
    if not paragraphs:
        raise IngestError("没有文字内容", path)
    if title:  # a page's <title> often ends in the site's name: `……报告_某某人民政府网`
        title = strip_watermark(title)[0] or None
    if is_traditional("\n".join(p.text for p in paragraphs)):
        reading.traditional = True
        paragraphs = [Paragraph(p.number, to_simplified(p.text)) for p in paragraphs]
        title = to_simplified(title) if title else None
    paragraphs = reflow(paragraphs, reading)
    return Document(path, fmt, encoding, paragraphs, title_hint=title, reading=reading)


def _format(data: bytes, named: str | None) -> str:
    """The format the bytes are in: a PDF, an old Word file or RTF whatever its name says
    (users rename files), else the one its suffix names, else .docx/.odt or text."""
    if data[:1024].lstrip().startswith(_PDF_MAGIC):
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        return named if named in ("doc", "wps") else "doc"
    if data.startswith(_RTF_MAGIC):
        return "rtf"
    if named is None and data.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    return named or "txt"


def _is_report_name(name: str) -> bool:
    return (
        not name.startswith((".", "~$")) and os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES
    )


def iter_report_files(root: Path) -> Iterator[Path]:
    """Report files under `root`, sorted, for the corpus builder.

    Hidden files and folders (below `root`: the user corpus itself lives in a hidden
    data directory) and Word's `~$` lock files are skipped. A file given as `root`
    is yielded if it is a report file.
    """
    root = Path(root)
    if root.is_file():
        if _is_report_name(root.name):
            yield root
        return
    if not root.is_dir():
        raise IngestError("找不到这个文件夹", root)
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found.extend(Path(folder, name) for name in files if _is_report_name(name))
    yield from sorted(found)
