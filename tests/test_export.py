"""Export: .txt/.md/.docx files, GB/T 9704-2012 layout, never a half-written file."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml
from conftest import DATA, seed_path
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from drafter.corpus.metadata import is_date_line, is_org_line, is_title_line
from drafter.corpus.pipeline import load_report
from drafter.corpus.report import CONTENT_SLOTS
from drafter.drafting.draft import Draft, load_draft
from drafter.drafting.export import export_draft
from drafter.drafting.outline import copy_pack
from drafter.drafting.render import render_markdown, render_text
from drafter.drafting.reuse import import_report
from drafter.errors import ExportError, PlaceholdersLeft
from drafter.textnorm import fold

LUZHOU = DATA / "drafts" / "luzhou2023.draft.yaml"


def luzhou() -> Draft:
    return load_draft(LUZHOU)


def east_asian_font(run: docx.text.run.Run) -> str | None:
    fonts = run._r.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def test_text_and_markdown_in_the_chosen_encoding(tmp_path: Path) -> None:
    draft = luzhou()
    utf8 = export_draft(draft, tmp_path / "r.txt")
    assert utf8.read_text(encoding="utf-8") == render_text(draft)
    gb = export_draft(draft, tmp_path / "gb.txt", encoding="gb18030")
    assert gb.read_bytes() == render_text(draft).encode("gb18030")
    assert gb.read_bytes() != utf8.read_bytes()
    md = export_draft(draft, tmp_path / "r.md")
    assert md.read_text(encoding="utf-8") == render_markdown(draft)


def test_word_file_in_gbt_9704_layout(tmp_path: Path) -> None:
    draft = luzhou()
    draft.items("measures")[0].body += "\n1.压实第一责任。开展检查12次。"
    document = docx.Document(str(export_draft(draft, tmp_path / "r.docx")))
    section = document.sections[0]
    sizes = (section.page_width, section.page_height)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(length.mm, 1) for length in sizes] == [210, 297]  # A4, to the twip
    assert [round(length.mm, 1) for length in margins] == [37, 35, 28, 26]

    paragraphs = [p for p in document.paragraphs if p.text]
    runs = [run for p in paragraphs for run in p.runs]
    assert runs and all(east_asian_font(run) == run.font.name for run in runs)

    title = paragraphs[0]
    assert title.text == "长治市潞州区2023年度法治政府建设情况报告"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert (title.runs[0].font.size, east_asian_font(title.runs[0])) == (Pt(22), "方正小标宋简体")

    def styled(text: str) -> tuple[str | None, float, bool | None]:
        paragraph = next(p for p in paragraphs if p.text.startswith(text))
        run = paragraph.runs[0]
        return east_asian_font(run), run.font.size.pt, run.font.bold

    assert styled("一、2023年") == ("黑体", 16, False)
    assert styled("（一）依法履行政府职能") == ("楷体_GB2312", 16, False)
    assert styled("1.压实第一责任") == ("仿宋_GB2312", 16, True)
    assert styled("一是继续强化") == ("仿宋_GB2312", 16, False)
    sub = next(p for p in paragraphs if p.text.startswith("1.压实"))
    assert [r.text for r in sub.runs] == ["1.压实第一责任。", "开展检查12次。"]
    assert sub.runs[1].font.bold is False

    body = next(p for p in paragraphs if p.text.startswith("一是继续强化"))
    fmt = body.paragraph_format
    assert fmt.first_line_indent == Pt(32) and fmt.line_spacing == Pt(28.95)
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY

    signature = paragraphs[-3:]
    assert [p.text for p in signature] == [
        "中共长治市潞州区委员会",
        "长治市潞州区人民政府",
        "2024年1月19日",
    ]
    for paragraph in signature:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert paragraph.paragraph_format.right_indent == Pt(64)
    assert paragraphs[-4].text == "特此报告。" and paragraphs[-4].paragraph_format.keep_with_next
    assert document.core_properties.title == title.text
    assert document.core_properties.author == "长治市潞州区人民政府"


def test_page_numbers_odd_right_even_left(tmp_path: Path) -> None:
    document = docx.Document(str(export_draft(luzhou(), tmp_path / "r.docx")))
    assert document.settings.odd_and_even_pages_header_footer
    settings = document.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    section = document.sections[0]
    for footer, alignment, indent in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent"),
    ):
        (paragraph,) = footer.paragraphs
        assert paragraph.alignment == alignment
        assert getattr(paragraph.paragraph_format, indent) == Pt(14)
        xml = paragraph._p.xml
        assert [t.text for t in paragraph._p.iter(qn("w:instrText"))] == [" PAGE "]
        assert xml.count('w:fldCharType="begin"') == xml.count('w:fldCharType="end"') == 1
        assert paragraph.text == "— 1 —"
        assert {run.font.size for run in paragraph.runs} == {Pt(14)}
        assert {east_asian_font(run) for run in paragraph.runs} == {"宋体"}


def test_a_pack_can_name_other_fonts(tmp_path: Path) -> None:
    folder = copy_pack("standard", "plainfonts")
    with (folder / "outline.yaml").open("a", encoding="utf-8") as handle:
        handle.write("fonts:\n  body: 仿宋\n  title: 宋体\n")
    draft = luzhou()
    draft.template = "plainfonts"
    document = docx.Document(str(export_draft(draft, tmp_path / "r.docx")))
    fonts = {east_asian_font(run) for p in document.paragraphs for run in p.runs}
    assert {"仿宋", "宋体", "黑体"} <= fonts and "仿宋_GB2312" not in fonts
    assert "方正小标宋简体" not in fonts


def test_placeholders_block_export_unless_forced(tmp_path: Path) -> None:
    draft = luzhou()
    draft.items("measures")[0].body += "\n办结{数量}件，占{比例}，又办{数量}件。"
    out = tmp_path / "r.docx"
    left = r"3 placeholder\(s\) left: \{数量\}、\{比例\}"
    with pytest.raises(PlaceholdersLeft, match=left) as error:
        export_draft(draft, out)
    assert error.value.names == ["{数量}", "{比例}"]
    assert list(tmp_path.iterdir()) == []
    export_draft(draft, out, force=True)
    assert "办结{数量}件" in "".join(p.text for p in docx.Document(str(out)).paragraphs)


@pytest.mark.parametrize(
    ("name", "kwargs", "problem"),
    [
        ("r.pdf", {}, r"cannot export to \.pdf"),
        ("r.txt", {"encoding": "klingon"}, "unknown encoding 'klingon'"),
        ("r.txt", {"encoding": "ascii"}, "ascii cannot encode"),
        ("r.docx", {"encoding": "gb18030"}, "--encoding applies to .txt only"),
    ],
)
def test_bad_export_requests(tmp_path: Path, name: str, kwargs: dict, problem: str) -> None:
    with pytest.raises(ExportError, match=problem):
        export_draft(luzhou(), tmp_path / name, **kwargs)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_leaves_nothing_behind(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="cannot write"):
        export_draft(luzhou(), blocker / "r.txt")


def test_a_read_only_folder_is_one_error_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder refuses new files (as a read-only mount does, even for root)."""
    import errno
    import tempfile

    locked = tmp_path / "locked"
    locked.mkdir()

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(locked))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match="cannot write .Read-only file system"):
        export_draft(luzhou(), locked / "r.docx")
    assert list(locked.iterdir()) == []


# --- import → export keeps the report's content -------------------------------------


def body_sentences(prefix: str) -> list[str]:
    """The report's body sentences: lines the gold labels put in the front or a content
    part, minus title, recipient, signature and date, minus heading words."""
    path = seed_path(prefix)
    gold = yaml.safe_load((DATA / "gold.yaml").read_text(encoding="utf-8"))[path.name]
    wanted: set[int] = set()
    for first, last, slots in gold:
        if set(slots.split("|")) <= {"front", *CONTENT_SLOTS}:
            wanted.update(range(first, last + 1))
    sentences = []
    for line in load_report(path).lines:
        text = line.body if line.level else line.text
        if line.line not in wanted or is_title_line(text) or is_date_line(text):
            continue
        if is_org_line(text) or re.fullmatch(r"[^。，]{2,40}：", text):
            continue
        sentences += [s for s in re.split(r"(?<=[。！？；])", text) if len(fold(s)) >= 6]
    return sentences


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_import_then_export_keeps_the_body_sentences(tmp_path: Path, prefix: str) -> None:
    sentences = body_sentences(prefix)
    assert len(sentences) > 30
    draft = import_report(seed_path(prefix))
    text = fold(export_draft(draft, tmp_path / "r.txt", force=True).read_text(encoding="utf-8"))
    document = docx.Document(str(export_draft(draft, tmp_path / "r.docx", force=True)))
    word = fold("\n".join(p.text for p in document.paragraphs))
    for exported in (text, word):
        kept = [s for s in sentences if fold(s) in exported]
        assert len(kept) >= 0.95 * len(sentences)
    headings = [p.text for p in document.paragraphs if re.match("^[一二三四五]、", p.text)]
    assert headings[0] == f"一、{draft.year}年推进法治政府建设的主要举措和成效"
