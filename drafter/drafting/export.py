"""Export: the file a user hands in — .txt, .md, .docx (GB/T 9704-2012 layout) or .pdf.

Every format is written from the same blocks (`render.render_blocks`), so what
a pack's template says reaches them all. Export refuses a draft that still has
placeholders (`{数量}` …), naming them, unless forced: a report with gaps must
never go out by accident. The whole file is built in memory and written
atomically, and a report already there is kept as `FILE~`, so neither a failure
nor a second export loses the version a user may have edited in Word.

PDF goes through LibreOffice (`soffice`), headless, in a temporary folder with
its own profile (a LibreOffice the user has open is left alone) and a time
limit; the folder is removed whatever happens.
"""

from __future__ import annotations

import io
import os
import subprocess
import tempfile
import zipfile
from pathlib import Path

from drafter.atomic import write_bytes_atomic
from drafter.drafting.docx_layout import APPLICATION_TAG, build_docx, fontconfig_aliases
from drafter.drafting.draft import Draft
from drafter.drafting.render import Block, render_blocks, write_markdown, write_text
from drafter.encodings import text_codec
from drafter.errors import ExportError, PlaceholdersLeft, os_problem
from drafter.office import convert_files, libreoffice
from drafter.placeholders import placeholder_names

FORMATS = (".txt", ".md", ".docx")
"""Formats written by drafter itself."""
PDF = ".pdf"
"""Converted from the .docx by LibreOffice, when it is installed."""
PDF_TIMEOUT = 180
"""Seconds LibreOffice may take (its first start makes a profile; a long report takes a while)."""


def export_draft(
    draft: Draft, out: Path | str, *, encoding: str = "utf-8", force: bool = False
) -> Path:
    """Write the report to `out`, in the format its suffix names; returns the path.

    A file already at `out` is kept as `out~`.
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (*FORMATS, PDF):
        shown = suffix or "没有扩展名的文件"
        raise ExportError(f"不能导出为 {shown}：请用 .txt、.md、.docx 或 .pdf", out)
    try:
        codec = text_codec(encoding)
    except ValueError as error:
        raise ExportError(str(error), out) from None
    if suffix != ".txt" and codec != "utf-8":
        raise ExportError("--encoding 只适用于 .txt 文件", out)
    blocks = render_blocks(draft)
    if not force:
        left = [name for block in blocks for name in placeholder_names(block.full_text)]
        if left:
            raise PlaceholdersLeft(left, out)
    data = _encode(draft, blocks, suffix, codec, out)
    try:
        return write_bytes_atomic(out, data, backup=_worth_keeping(out, data))
    except OSError as error:
        raise ExportError(f"无法写入（{os_problem(error)}）", out) from None


def _worth_keeping(out: Path, data: bytes) -> bool:
    """Whether the file at `out` holds what this export would lose: not when it has the
    same bytes, nor when it is a Word file drafter wrote that no editor has saved since
    (Word, WPS and LibreOffice each put their own name in it), so `out~` keeps the last
    version a person edited however often the report is exported."""
    try:
        old = out.read_bytes()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    if old == data:
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(old)) as package:
            application = package.read("docProps/app.xml")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError):
        return True
    return APPLICATION_TAG not in application


def _encode(draft: Draft, blocks: list[Block], suffix: str, codec: str, out: Path) -> bytes:
    if suffix in (".docx", PDF):
        answers = draft.answers()
        author = str(answers.get("issuer") or "")
        names = [str(answers.get("unit") or ""), *(b.full_text for b in blocks
                                                    if b.kind == "signature")]  # fmt: skip
        outline = draft.outline
        document = build_docx(blocks, outline.fonts, outline.layout, author=author, names=names)
        return to_pdf(document, out, outline.fonts) if suffix == PDF else document
    layout = draft.outline.layout
    text = write_text(blocks, layout) if suffix == ".txt" else write_markdown(blocks)
    try:
        return text.encode(codec)
    except UnicodeEncodeError as error:
        bad = text[error.start : error.end]
        problem = f"{codec} 编码无法表示字符 {bad!r}：请改用 utf-8 或 gb18030"
        raise ExportError(problem, out) from None


def to_pdf(document: bytes, out: Path, fonts: dict[str, str]) -> bytes:
    """The .docx converted to PDF by a headless LibreOffice, in a folder of its own.

    Where LibreOffice finds fonts through fontconfig (Linux), it is told which faces
    stand in for the report's (仿宋_GB2312 → 仿宋, FangSong … a free serif).
    """
    soffice = libreoffice()
    if soffice is None:
        problem = "导出 PDF 需要 LibreOffice（soffice），本机没有找到；可先导出 .docx，再用 Word 或 WPS 另存为 PDF"  # noqa: E501
        raise ExportError(problem, out)
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as folder:
        source = Path(folder) / "report.docx"
        source.write_bytes(document)
        aliases = Path(folder) / "fonts.conf"
        aliases.write_text(fontconfig_aliases(fonts), encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(aliases)}
        try:
            problem = convert_files(
                soffice, [source], "pdf", Path(folder), timeout=PDF_TIMEOUT, env=env
            )
        except subprocess.TimeoutExpired:
            problem = f"{PDF_TIMEOUT:.0f} 秒内没有完成，已停止"
        except OSError as error:
            problem = f"无法启动：{os_problem(error)}"
        pdf = source.with_suffix(".pdf")
        if problem or not pdf.is_file():
            raise ExportError(f"LibreOffice 未能转换为 PDF（{problem or '没有生成文件'}）", out)
        return pdf.read_bytes()
