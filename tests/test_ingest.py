"""Reading real reports in the shapes users have them: encodings, formats, bad files.

Fixtures in tests/data/ingest are the seed reports (see make_fixtures.py there);
`seedNNN.txt` holds the original UTF-8 text each variant is compared against.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from drafter.corpus.ingest import SUPPORTED_SUFFIXES, iter_report_files, read_document
from drafter.corpus.report import Paragraph
from drafter.errors import IngestError

DATA = Path(__file__).parent / "data" / "ingest"
UNDECODABLE = "无法识别文字编码（不是 UTF-8、UTF-16 或 GB18030 文本）：请另存为 UTF-8 文本后再试"
NOT_DOCX = "不是有效的 .docx 文件（已损坏？）：请用 Word 或 WPS 打开后另存为 .docx"


def original(name: str) -> list[str]:
    """The UTF-8 seed excerpt's lines, as a text editor numbers them."""
    return (DATA / name).read_text(encoding="utf-8").split("\n")


def numbered(name: str) -> list[tuple[int, str]]:
    """What reading the seed excerpt must give: (line number, text) of non-blank lines."""
    return [(n, line.rstrip()) for n, line in enumerate(original(name), 1) if line.strip()]


def pairs(paragraphs: list[Paragraph]) -> list[tuple[int, str]]:
    return [(p.number, p.text) for p in paragraphs]


def ingest_error(path: Path, **kwargs: int) -> str:
    """The problem text of the IngestError reading `path` raises; it must name the file."""
    with pytest.raises(IngestError) as caught:
        read_document(path, **kwargs)
    message = str(caught.value)
    assert caught.value.path == str(path)
    assert message == f"{path}：{caught.value.problem}"
    return caught.value.problem


# --- text files and encodings -------------------------------------------------


def test_utf8_report_keeps_source_line_numbers() -> None:
    doc = read_document(DATA / "seed000.txt")
    assert (doc.format, doc.encoding, doc.title_hint) == ("txt", "utf-8", None)
    assert doc.paragraphs[0] == Paragraph(
        1, "河北唐山芦台经济开发区管委会2022年度法治政府建设工作报告"
    )
    assert doc.paragraphs[4] == Paragraph(5, "一、不断完善推进机制,推动整体水平提升")
    assert doc.paragraphs[-1] == Paragraph(78, "2023年1月6日")
    assert pairs(doc.paragraphs) == numbered("seed000.txt")


@pytest.mark.parametrize(
    ("fixture", "seed", "encoding"),
    [
        ("seed003_gb18030.txt", "seed003.txt", "gb18030"),
        ("seed004_gbk_crlf.txt", "seed004.txt", "gb18030"),
        ("seed001_utf16le_bom.txt", "seed001.txt", "utf-16-le"),
        ("seed002_utf16be.txt", "seed002.txt", "utf-16-be"),
        ("seed004_utf16le.txt", "seed004.txt", "utf-16-le"),
        ("seed004_utf8_bom.txt", "seed004.txt", "utf-8-sig"),
    ],
)
def test_encodings_decode_to_the_original_lines(fixture: str, seed: str, encoding: str) -> None:
    doc = read_document(DATA / fixture)
    assert doc.encoding == encoding
    assert doc.format == "txt"
    assert pairs(doc.paragraphs) == numbered(seed)


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes("\ufeff".encode(codec) + "\n".join(original("seed004.txt")).encode(codec))
    doc = read_document(path)
    assert doc.encoding == codec
    assert pairs(doc.paragraphs) == numbered("seed004.txt")


def test_blank_lines_are_skipped_but_counted() -> None:
    doc = read_document(DATA / "seed003_gb18030.txt")
    assert [p.number for p in doc.paragraphs[:6]] == [1, 3, 5, 6, 7, 8]
    assert doc.paragraphs[4] == Paragraph(7, "河东区人民政府2021年法治政府建设情况报告")
    by_number = {p.number: p.text for p in doc.paragraphs}
    assert 21 not in by_number  # a line of spaces only
    assert by_number[29].startswith("\u2002" * 4 + "对标法治政府建设")  # indentation kept
    assert "\xa0" in "".join(by_number.values())  # GB18030 four-byte sequences decoded


def test_gb18030_bytes_the_gbk_codec_cannot_read(tmp_path: Path) -> None:
    lines = original("seed003.txt")[:10]
    assert "\xa0" in "".join(lines)
    path = tmp_path / "report.txt"
    path.write_bytes("\n".join(lines).encode("gb18030"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("gbk")
    assert [p.text for p in read_document(path).paragraphs] == [x for x in lines if x.strip()]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_endings(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(newline.join(original("seed004.txt")).encode("utf-8"))
    assert pairs(read_document(path).paragraphs) == numbered("seed004.txt")


def test_truncated_last_utf8_character_is_dropped(tmp_path: Path) -> None:
    text = (DATA / "seed004.txt").read_text(encoding="utf-8").rstrip("\n")
    path = tmp_path / "cut.txt"
    path.write_bytes(text.encode("utf-8")[:-1])  # half of the last character
    doc = read_document(path)
    assert doc.encoding == "utf-8"
    assert doc.paragraphs[-1].text == text.split("\n")[-1][:-1]


def test_utf8_with_a_stray_gbk_line_is_refused_not_mangled(tmp_path: Path) -> None:
    lines = original("seed004.txt")
    path = tmp_path / "mixed.txt"
    path.write_bytes("\n".join(lines[:3]).encode("utf-8") + b"\n" + lines[3].encode("gbk") + b"\n")
    assert ingest_error(path) == UNDECODABLE


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    text_file = tmp_path / "report"
    shutil.copy(DATA / "seed004_gbk_crlf.txt", text_file)
    doc = read_document(text_file)
    assert (doc.format, doc.encoding) == ("txt", "gb18030")
    assert pairs(doc.paragraphs) == numbered("seed004.txt")

    word_file = tmp_path / "report.bin"
    shutil.copy(DATA / "seed000.docx", word_file)
    assert read_document(word_file).format == "docx"

    picture = tmp_path / "scan.dat"
    shutil.copy(DATA / "picture.txt", picture)
    assert ingest_error(picture) == "是二进制文件，不是报告"


def test_suffixes_are_case_insensitive(tmp_path: Path) -> None:
    shutil.copy(DATA / "seed000.docx", tmp_path / "REPORT.DOCX")
    shutil.copy(DATA / "seed001_gbk.html", tmp_path / "PAGE.HTM")
    assert read_document(tmp_path / "REPORT.DOCX").format == "docx"
    assert read_document(tmp_path / "PAGE.HTM").format == "html"


# --- markdown -----------------------------------------------------------------


def test_markdown_marks_are_stripped_and_line_numbers_kept() -> None:
    doc = read_document(DATA / "seed004.md")
    assert (doc.format, doc.encoding) == ("md", "utf-8")
    source = (DATA / "seed004.md").read_text(encoding="utf-8").split("\n")
    assert [p.text for p in doc.paragraphs] == [text for _, text in numbered("seed004.txt")]
    for p in doc.paragraphs:  # every paragraph comes from the line its number names
        assert p.text in source[p.number - 1].replace("**", "")
    assert pairs(doc.paragraphs[:3]) == [
        (1, "徂汶景区党工委、管委会"),
        (2, "2024年1月20日"),
        (5, original("seed004.txt")[2]),
    ]
    headings = {p.number: p.text for p in doc.paragraphs if source[p.number - 1][:1] == "#"}
    assert "一、法治建设工作落实情况" in headings.values()
    assert "(一)坚持以上率下,切实发挥领导作用" in headings.values()
    # "1." is a level-3 heading in a report, not list syntax to strip.
    assert any(p.text.startswith("1.压实第一责任。为切实") for p in doc.paragraphs)


def test_markdown_inline_syntax(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "> ## 二、存在问题\n"
        "见[《实施纲要》](https://www.gov.cn/a.html)和`附件1`。\n"
        "![图片](a.png)\n"
        "| 指标 | 数量 |\n"
        "|:---|---:|\n"
        "1\\. 不是列表 \\*号\n"
        "```\n"
        "**原样**\n"
        "```\n"
        "+ 要点\n",
        encoding="utf-8",
    )
    assert pairs(read_document(path).paragraphs) == [
        (1, "二、存在问题"),
        (2, "见《实施纲要》和附件1。"),
        (4, "| 指标 | 数量 |"),
        (6, "1. 不是列表 *号"),
        (8, "**原样**"),
        (10, "要点"),
    ]


# --- HTML ---------------------------------------------------------------------


def test_government_page_in_gbk() -> None:
    doc = read_document(DATA / "seed001_gbk.html")
    assert (doc.format, doc.encoding) == ("html", "gb18030")
    # the page <title> ends in the site's name, which is not part of the report's title
    assert doc.title_hint == "长治市潞州区2023年度法治政府建设情况报告"
    assert [p.number for p in doc.paragraphs] == list(range(1, 38))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "首页 | 无障碍"
    assert texts[1:36] == original("seed001.txt")[:35]  # entities, <br>, table rows
    assert texts[36] == "主办：长治市潞州区人民政府办公室\xa0\xa0©\xa0版权所有"
    page = "\n".join(texts)
    for hidden in ("浏览次数", "_hmt", "font-family", "分享", "页脚", "viewport"):
        assert hidden not in page


LUZHOU = original("seed001.txt")[7]  # a real paragraph, 400 characters


@pytest.mark.parametrize(
    ("head", "body", "codec", "encoding"),
    [
        # a gb2312 label on a page that uses a GBK-only character (喆)
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
            f"区长王喆主持。{LUZHOU}",
            "gbk",
            "gb18030",
        ),
        ("<meta charset='GBK'>", LUZHOU, "gbk", "gb18030"),
        ('<meta charset="gbk">', LUZHOU, "utf-8", "utf-8"),  # the label lies: bytes are UTF-8
        ('<meta charset="utf-8">', LUZHOU, "gb18030", "gb18030"),  # lies the other way
        ("", LUZHOU, "gbk", "gb18030"),  # no label at all
        ('<meta charset="iso-8859-1">', LUZHOU, "gbk", "gb18030"),  # a mislabelled GBK page
        # charsets detection does not try are taken from the label (a Big5 page is
        # traditional script, read as simplified: see test_traditional_script)
        ('<meta charset="big5">', "法治政府建設情況報告", "big5", "big5"),
        ('<meta charset="windows-1252">', "Rapport d’activité 2023", "cp1252", "cp1252"),
    ],
)
def test_html_charset_is_honoured_but_verified(
    tmp_path: Path, head: str, body: str, codec: str, encoding: str
) -> None:
    path = tmp_path / "page.html"
    page = f"<html><head>{head}<title>Report 2023</title></head><body><p>{body}</p>"
    path.write_bytes(page.encode(codec))
    doc = read_document(path)
    assert doc.encoding == encoding
    text = "法治政府建设情况报告" if codec == "big5" else body
    assert (doc.title_hint, pairs(doc.paragraphs)) == ("Report 2023", [(1, text)])


@pytest.mark.parametrize("charset", ["rot13", "undefined", "base64", "hex", "zlib", "no-such"])
def test_html_charset_naming_no_text_encoding_is_refused_in_one_line(
    tmp_path: Path, charset: str
) -> None:
    path = tmp_path / "page.html"
    page = f'<meta charset="{charset}"><p>Rapport d\u2019activit\u00e9 2023 \u00e0 Paris</p>'
    path.write_bytes(page.encode("cp1252"))  # neither UTF-8 nor Chinese GB18030
    assert ingest_error(path) == UNDECODABLE


def test_html_from_word_with_unclosed_head(tmp_path: Path) -> None:
    path = tmp_path / "word.htm"
    path.write_text(
        "<html><head><title>二〇二三年度\n报告</title><style>p{}</style>"
        "<body><p class=MsoListParagraph><![if !supportLists]><span>1.</span><![endif]>"
        "健全制度&nbsp;</p><table><tr><td>案件</td><td>12件</td></tr></table>"
        "<p>&lt;附件&gt; &amp; 说明</p>",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.title_hint == "二〇二三年度 报告"
    assert pairs(doc.paragraphs) == [(1, "1.健全制度"), (2, "案件 12件"), (3, "<附件> & 说明")]


# --- .docx --------------------------------------------------------------------


def test_word_file_paragraphs_and_table_cells_in_order() -> None:
    doc = read_document(DATA / "seed000.docx")
    assert (doc.format, doc.encoding) == ("docx", None)
    assert doc.title_hint == "河北唐山芦台经济开发区管委会2022年度法治政府建设工作报告"
    lines = [text for _, text in numbered("seed000.txt")]
    assert [p.text for p in doc.paragraphs] == lines
    numbers = [p.number for p in doc.paragraphs]
    # the empty third paragraph is counted, the merged signature cell read once
    assert numbers == [1, 2, *range(4, 80)]
    assert doc.paragraphs[4] == Paragraph(6, "一、不断完善推进机制,推动整体水平提升")
    assert pairs(doc.paragraphs[-3:]) == [
        (77, "中共河北唐山芦台经济开发区工委"),
        (78, "全面依法治区委员会办公室"),
        (79, "2023年1月6日"),
    ]


def test_word_file_nested_tables_and_line_breaks(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("一、主要举措")
    paragraph.add_run().add_break()
    paragraph.add_run("和成效\t(略)")
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "复议案件"
    inner = outer.cell(0, 1).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "12件"
    document.add_paragraph("特此报告。")
    path = tmp_path / "nested.docx"
    document.save(str(path))
    # Numbers count every paragraph, empty ones too: a cell that holds a table
    # keeps an empty paragraph before it (3) and after it (5).
    assert pairs(read_document(path).paragraphs) == [
        (1, "一、主要举措 和成效\t(略)"),
        (2, "复议案件"),
        (4, "12件"),
        (6, "特此报告。"),
    ]


def test_word_file_text_is_what_word_shows(tmp_path: Path) -> None:
    """Tracked insertions count; deletions, field codes and text boxes do not."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    v = "urn:schemas-microsoft-com:vml"
    document = docx.Document()
    document.element.body.insert(
        0,
        parse_xml(
            f'<w:p xmlns:w="{w}" xmlns:v="{v}">'
            "<w:r><w:t>共办理复议案件</w:t></w:r>"
            "<w:del><w:r><w:tab/><w:delText>10</w:delText></w:r></w:del>"
            "<w:ins><w:r><w:t>12</w:t></w:r></w:ins>"
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            "<w:r><w:instrText> PAGE </w:instrText></w:r>"
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            "<w:r><w:t>件</w:t></w:r>"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            "<w:r><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>框内说明</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></w:pict><w:t>。</w:t></w:r>"
            "</w:p>"
        ),
    )
    path = tmp_path / "tracked.docx"
    document.save(str(path))
    assert pairs(read_document(path).paragraphs) == [(1, "共办理复议案件12件。")]


def test_word_file_without_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("")
    document.add_table(rows=1, cols=1)
    path = tmp_path / "blank.docx"
    document.save(str(path))
    assert ingest_error(path) == "没有文字内容"


# --- bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "problem"),
    [
        ("empty.txt", "是空文件"),
        ("whitespace.txt", "没有文字内容"),
        ("picture.txt", "是二进制文件，不是报告"),
        ("latin_cp1252.txt", UNDECODABLE),
        ("traditional_big5.txt", UNDECODABLE),
        ("no_document.docx", NOT_DOCX),
        ("truncated.docx", NOT_DOCX),
        ("no-such-report.txt", "找不到这个文件"),
        (".", "是文件夹，不是文件"),
    ],
)
def test_bad_files_name_the_problem(fixture: str, problem: str) -> None:
    assert ingest_error(DATA / fixture) == problem


@pytest.mark.parametrize("fixture", ["latin_cp1252.txt", "traditional_big5.txt"])
def test_mojibake_is_refused_although_the_bytes_are_valid_gb18030(fixture: str) -> None:
    data = (DATA / fixture).read_bytes()
    data.decode("gb18030")  # strict decoding alone would accept it as Chinese
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert ingest_error(DATA / fixture) == UNDECODABLE


def test_binary_without_nul_bytes(tmp_path: Path) -> None:
    rng = random.Random(7)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(1, 256) for _ in range(2000)))
    assert ingest_error(path) == "是二进制文件，不是报告"


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
"""The start of a Word 97-2003 or WPS file (an OLE container)."""


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        # the content decides, not the name: a cut-off PDF named .txt is a damaged PDF
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x01", "PDF文件已损坏"),
        ("report.docx", OLE, ".doc文件需要LibreOffice"),  # an old Word file renamed
        ("report.txt", OLE, ".doc文件需要LibreOffice"),
        ("report.wps", OLE, ".wps文件需要LibreOffice"),
        ("report.txt", b"{\\rtf1\\ansi \\f0 text}", ".rtf文件需要LibreOffice"),
        ("report.docx", "一、主要举措".encode(), NOT_DOCX),
        (
            "report.txt",
            b"\xff\xfe\x00\xd8",
            "开头标明是 utf-16-le 文本，内容却不是有效的 utf-16-le（文件已损坏？）",
        ),
    ],
)
def test_files_users_drop_in_by_mistake(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes, problem: str
) -> None:
    monkeypatch.setattr("drafter.corpus.convert.libreoffice", lambda: None)
    path = tmp_path / name
    path.write_bytes(data)
    assert ingest_error(path).startswith(problem)


def test_too_large_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(int(52.4 * 1024 * 1024))  # sparse: no disk space used

    class Unread(io.BufferedReader):
        def read(self, *args: object) -> bytes:
            raise AssertionError("the file was read")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Unread(io.FileIO(fd, "r")))
    assert ingest_error(path) == "文件太大（52.4 MB，上限 20 MB）"


def test_size_limit_is_configurable() -> None:
    path = DATA / "seed000.txt"
    assert ingest_error(path, max_bytes=10_000) == "文件太大（30 KB，上限 10 KB）"
    assert len(read_document(path, max_bytes=path.stat().st_size).paragraphs) == 78


def test_permission_denied(monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)  # chmod does not stop root, who runs CI
    assert ingest_error(DATA / "seed000.txt") == "无法读取（没有权限）"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    # and no hang waiting for a writer
    assert ingest_error(path) == "不是普通文件（管道、设备之类），无法读取"


# --- corpus folders -----------------------------------------------------------


def test_iter_report_files(tmp_path: Path) -> None:
    root = tmp_path / ".local" / "share" / "drafter" / "corpus"  # a hidden data dir
    names = [
        "2023/潞州区.docx",
        "2023/~$潞州区.docx",
        "2023/.draft.txt",
        "2022/page.HTM",
        "2022/notes.md",
        "2022/scan.pdf",
        "2022/old.DOC",
        "2022/notes.odt",
        "2022/picture.png",
        ".git/readme.txt",
        "a.txt",
        "b.html",
    ]
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
    assert [p.relative_to(root).as_posix() for p in iter_report_files(root)] == [
        "2022/notes.md",
        "2022/notes.odt",
        "2022/old.DOC",
        "2022/page.HTM",
        "2022/scan.pdf",
        "2023/潞州区.docx",
        "a.txt",
        "b.html",
    ]
    assert list(iter_report_files(root / "a.txt")) == [root / "a.txt"]
    assert list(iter_report_files(root / "2022" / "picture.png")) == []
    with pytest.raises(IngestError, match="：找不到这个文件夹$"):
        list(iter_report_files(tmp_path / "missing"))
    assert SUPPORTED_SUFFIXES == (
        ".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".doc", ".wps", ".rtf", ".odt"
    )


# --- cost ---------------------------------------------------------------------


def test_import_is_light() -> None:
    code = (
        "import sys, drafter.corpus.ingest; "
        "print(sorted({'docx', 'lxml', 'html.parser', 'zipfile'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
