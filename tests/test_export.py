"""Export: one rendering path to .txt/.md/.docx/.pdf, GB/T 9704-2012 styles and layout,
house styles, never a half-written file or a lost previous report."""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from conftest import DATA, seed_path
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from lxml import etree

from drafter.corpus.metadata import is_date_line, is_org_line, is_title_line
from drafter.corpus.pipeline import load_report
from drafter.corpus.report import CONTENT_SLOTS
from drafter.drafting import export
from drafter.drafting.draft import Draft, load_draft
from drafter.drafting.export import export_draft
from drafter.drafting.gbt9704 import CHARS_PER_LINE, Layout, text_width
from drafter.drafting.outline import copy_pack, load_pack
from drafter.drafting.render import render_markdown, render_text
from drafter.drafting.reuse import import_report
from drafter.errors import ExportError, PlaceholdersLeft, TemplateError
from drafter.textnorm import fold

LUZHOU = DATA / "drafts" / "luzhou2023.draft.yaml"
EM = Layout().type_width / CHARS_PER_LINE  # one character of the 28-character line, in points


def luzhou() -> Draft:
    return load_draft(LUZHOU)


def word(draft: Draft, path: Path, **kwargs) -> docx.document.Document:
    return docx.Document(str(export_draft(draft, path, **kwargs)))


def styled(document: docx.document.Document) -> list[tuple[str, str]]:
    """(style name, text) of every paragraph, blank ones included."""
    return [(p.style.name, p.text) for p in document.paragraphs]


def style_fonts(style) -> tuple[str | None, str | None]:
    """(East Asian font, Latin font) a style names."""
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")), fonts.get(qn("w:ascii"))


def outline_level(style) -> str | None:
    level = style.element.pPr.find(qn("w:outlineLvl"))
    return level.get(qn("w:val")) if level is not None else None


def pack_with(name: str, *, layout: str = "", template_line: str = "") -> Path:
    """A copy of the standard pack with a `layout:` and/or a line added to its template."""
    folder = copy_pack("standard", name)
    if layout:  # in place of the bundled one
        outline = folder / "outline.yaml"
        text = re.sub(r"(?m)^layout:\n(?:  .*\n)*", "", outline.read_text(encoding="utf-8"))
        outline.write_text(text + layout, encoding="utf-8")
    if template_line:
        template = folder / "report.j2"
        text = template.read_text(encoding="utf-8")
        text = text.replace("【正文】{{ closing }}\n", template_line + "【正文】{{ closing }}\n")
        template.write_text(text, encoding="utf-8")
    return folder


def test_text_and_markdown_in_the_chosen_encoding(tmp_path: Path) -> None:
    draft = luzhou()
    utf8 = export_draft(draft, tmp_path / "r.txt")
    assert utf8.read_text(encoding="utf-8") == render_text(draft)
    gb = export_draft(draft, tmp_path / "gb.txt", encoding="GB18030")
    assert gb.read_bytes() == render_text(draft).encode("gb18030")
    assert gb.read_bytes() != utf8.read_bytes()
    md = export_draft(draft, tmp_path / "r.md")
    assert md.read_text(encoding="utf-8") == render_markdown(draft)


def test_a_line_added_to_a_copied_packs_template_reaches_every_format(tmp_path: Path) -> None:
    pack_with("withline", template_line="【正文】本报告经区政府常务会议审议通过。\n")
    draft = luzhou()
    draft.template = "withline"
    line = "本报告经区政府常务会议审议通过。"
    text = export_draft(draft, tmp_path / "r.txt").read_text(encoding="utf-8")
    markdown = export_draft(draft, tmp_path / "r.md").read_text(encoding="utf-8")
    assert f"\u3000\u3000{line}\n\u3000\u3000特此报告。" in text
    assert f"\n\n{line}\n\n特此报告。" in markdown
    paragraphs = styled(word(draft, tmp_path / "r.docx"))
    at = paragraphs.index(("正文", line))
    assert paragraphs[at + 1] == ("正文", "特此报告。")
    original = styled(word(luzhou(), tmp_path / "plain.docx"))
    assert ("正文", line) not in original and len(original) == len(paragraphs) - 1


def test_every_paragraph_names_its_style_and_the_styles_carry_the_layout(tmp_path: Path) -> None:
    draft = luzhou()
    draft.items("measures")[0].body += "\n1.压实第一责任。开展检查12次。\n（1）细化清单"
    document = word(draft, tmp_path / "r.docx")
    paragraphs = styled(document)
    names = {name for name, text in paragraphs if text}
    assert names == {
        "公文标题",
        "一级标题",
        "二级标题",
        "三级标题",
        "四级标题",
        "正文",
        "署名",
        "成文日期",
    }
    assert ("一级标题", "一、2023年推进法治政府建设的主要举措和成效") in paragraphs
    assert ("二级标题", "（一）依法履行政府职能") in paragraphs
    assert ("三级标题", "1.压实第一责任。开展检查12次。") in paragraphs
    assert ("四级标题", "（1）细化清单") in paragraphs
    styles = document.styles
    expected = {
        # style: (East Asian font, size in points, bold, outline level)
        "公文标题": ("方正小标宋简体", 22, None, None),
        "一级标题": ("黑体", 16, None, "0"),
        "二级标题": ("楷体_GB2312", 16, None, "1"),
        "三级标题": ("仿宋_GB2312", 16, True, "2"),
        "四级标题": ("仿宋_GB2312", 16, None, "3"),
        "正文": ("仿宋_GB2312", 16, None, None),
        "署名": ("仿宋_GB2312", 16, None, None),
        "成文日期": ("仿宋_GB2312", 16, None, None),
        "页码": ("宋体", 14, None, None),
    }
    for name, (east_asian, size, bold, level) in expected.items():
        style = styles[name]  # each style states its own layout, not only Normal's
        assert style_fonts(style)[0] == east_asian and style.font.size == Pt(size), name
        assert (style.font.bold, outline_level(style)) == (bold, level), name
        line = style.paragraph_format
        assert line.line_spacing == Pt(size if name == "页码" else 28.95), name
        assert line.line_spacing_rule == WD_LINE_SPACING.EXACTLY, name
    assert styles["正文"].paragraph_format.first_line_indent == Pt(32)
    assert styles["公文标题"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert styles["署名"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # the run-on body of a level-3 heading is not bold
    sub = next(p for p in document.paragraphs if p.text.startswith("1.压实"))
    assert [(r.text, r.bold) for r in sub.runs] == [
        ("1.压实第一责任。", None),
        ("开展检查12次。", False),
    ]
    # only styles: no paragraph carries its own font or size
    body = document.element.body
    assert not body.findall(f".//{qn('w:sz')}") and not body.findall(f".//{qn('w:spacing')}")


def test_a4_margins_and_22_lines_of_28_characters(tmp_path: Path) -> None:
    document = word(luzhou(), tmp_path / "r.docx")
    section = document.sections[0]
    sizes = (section.page_width, section.page_height)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(length.mm) for length in sizes] == [210, 297]
    assert [round(length.mm, 1) for length in margins] == [37, 35, 28, 26]
    normal = document.styles["Normal"].element.rPr
    squeeze = int(normal.find(qn("w:spacing")).get(qn("w:val"))) / 20
    assert CHARS_PER_LINE * (16 + squeeze) <= Mm(156).pt  # 28 characters fit the line
    assert 22 * 28.95 <= Mm(225).pt < 23 * 28.95  # and 22 lines the type area


def test_a_blank_line_under_the_title_and_the_body_right_under_the_recipient(
    tmp_path: Path,
) -> None:
    paragraphs = styled(word(luzhou(), tmp_path / "r.docx"))
    assert paragraphs[0][0] == "公文标题" and paragraphs[1] == ("Normal", "")
    assert paragraphs[2][0] == "正文" and paragraphs[2][1].startswith("2023年，在市委")
    draft = luzhou()
    draft.meta["recipient"] = "中共长治市委、长治市人民政府"
    paragraphs = styled(word(draft, tmp_path / "to.docx"))
    assert paragraphs[1:4] == [
        ("Normal", ""),
        ("主送机关", "中共长治市委、长治市人民政府："),
        paragraphs[3],
    ]
    assert paragraphs[3][0] == "正文" and paragraphs[3][1].startswith("2023年，在市委")


def test_a_long_title_breaks_at_the_unit_into_lines_that_fit(tmp_path: Path) -> None:
    document = word(luzhou(), tmp_path / "r.docx")
    title = document.paragraphs[0]
    assert title.text == "长治市潞州区\n2023年度法治政府建设情况报告"
    assert len(title._p.findall(f".//{qn('w:br')}")) == 1
    assert all(text_width(line) <= Layout().title_capacity for line in title.text.split("\n"))
    assert document.core_properties.title == "长治市潞州区2023年度法治政府建设情况报告"
    assert document.core_properties.author == "长治市潞州区人民政府"


def test_sealed_joint_signature_side_by_side_over_the_date(tmp_path: Path) -> None:
    document = word(luzhou(), tmp_path / "r.docx")
    paragraphs = document.paragraphs
    closing = next(i for i, p in enumerate(paragraphs) if p.text == "特此报告。")
    assert [p.text for p in paragraphs[closing + 1 : closing + 3]] == ["", ""]
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[closing : closing + 4])
    names, date = paragraphs[closing + 3 :]
    assert names.text == "\t中共长治市潞州区委员会\t长治市潞州区人民政府"
    stops = [stop.position.pt for stop in names.paragraph_format.tab_stops]
    assert date.style.name == "成文日期" and date.text == "2024年1月19日"
    assert date.paragraph_format.right_indent.pt == pytest.approx(4 * EM, abs=0.1)  # 右空四字
    date_centre = CHARS_PER_LINE - 4 - text_width(date.text) / 2
    government_centre = stops[1] / EM + text_width("长治市潞州区人民政府") / 2
    assert government_centre == pytest.approx(date_centre, abs=0.01)  # 以成文日期为准居中
    assert stops[0] >= 0 and (stops[1] - stops[0]) / EM >= 8  # room for two seals


def test_unsealed_signature_is_a_pack_option(tmp_path: Path) -> None:
    pack_with("unsealed", layout="layout:\n  signature: unsealed\n")
    draft = luzhou()
    draft.template = "unsealed"
    draft.meta["joint"] = "否"
    paragraphs = word(draft, tmp_path / "r.docx").paragraphs
    name, date = paragraphs[-2:]
    assert paragraphs[-3].text == "" and paragraphs[-4].text == "特此报告。"  # one blank line
    assert (name.style.name, name.text) == ("署名", "长治市潞州区人民政府")
    name_start = name.paragraph_format.left_indent.pt / EM
    assert name_start + text_width(name.text) == pytest.approx(
        CHARS_PER_LINE - 2, abs=0.01
    )  # 右空二字
    date_start = date.paragraph_format.left_indent.pt / EM
    assert date_start == pytest.approx(name_start + 2, abs=0.01)  # 首字右移二字
    assert name.alignment == date.alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_font_table_declares_fallbacks_and_runs_mark_east_asian_punctuation(
    tmp_path: Path,
) -> None:
    path = export_draft(luzhou(), tmp_path / "r.docx")
    with zipfile.ZipFile(path) as package:
        fonts = etree.fromstring(package.read("word/fontTable.xml"))
        names = set(package.namelist())
        for name in names:
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))  # every part is well-formed XML
    assert {"word/document.xml", "word/styles.xml", "word/footer1.xml"} <= names
    declared = {
        font.get(qn("w:name")): font.find(qn("w:altName")).get(qn("w:val")).split(",")
        for font in fonts.iter(qn("w:font"))
    }
    assert declared["仿宋_GB2312"][:3] == ["仿宋", "FangSong", "STFangsong"]
    assert declared["楷体_GB2312"][:2] == ["楷体", "KaiTi"]
    assert declared["黑体"][0] == "SimHei"
    assert "宋体" in declared["方正小标宋简体"]
    charsets = {font.find(qn("w:charset")).get(qn("w:val")) for font in fonts.iter(qn("w:font"))}
    assert charsets == {"86"}  # GB2312: Word knows to substitute a Chinese face

    runs = [run for p in docx.Document(str(path)).paragraphs for run in p.runs]
    quoted = [run for run in runs if re.search("[“”—…]", run.text)]
    plain = [run for run in runs if run.text and not re.search("[“”‘’—…·×]", run.text)]
    assert quoted and plain
    for run in quoted:
        assert run._r.rPr.find(qn("w:rFonts")).get(qn("w:hint")) == "eastAsia"
    assert all(run._r.rPr is None for run in plain)


def test_house_style_options(tmp_path: Path) -> None:
    layout = (
        "layout:\n  margins: {top: 28, bottom: 28, left: 28, right: 28}\n  line_spacing: 33\n"
        "  latin_font: Times New Roman\n  bold_lead: true\n"
    )
    pack_with("province", layout=layout)
    draft = luzhou()
    draft.template = "province"
    document = word(draft, tmp_path / "r.docx")
    section = document.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm, 1) for m in margins] == [28] * 4
    styles = document.styles
    assert styles["Normal"].paragraph_format.line_spacing == Pt(33)
    assert style_fonts(styles["Normal"]) == ("仿宋_GB2312", "Times New Roman")
    assert style_fonts(styles["一级标题"]) == ("黑体", "Times New Roman")
    assert style_fonts(styles["页码"]) == ("宋体", "宋体")  # 半角宋体阿拉伯数字
    squeeze = int(styles["Normal"].element.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    assert CHARS_PER_LINE * (16 + squeeze) <= Mm(154).pt  # still 28 to a line
    lead = next(p for p in document.paragraphs if p.text.startswith("一是继续强化"))
    assert [(r.text, r.bold) for r in lead.runs[:3]] == [
        ("一是继续强化权力清单、责任清单动态管理。", True),
        ("公示全区行政执法主体，实现政府机构、职能、权限、程序、职责法定化。", None),
        ("二是持续优化政务服务环境。", True),
    ]
    plain = word(luzhou(), tmp_path / "plain.docx")
    assert all(r.bold is None for p in plain.paragraphs if p.style.name == "正文" for r in p.runs)


def test_a_blank_line_after_the_recipient_is_a_house_rule(tmp_path: Path) -> None:
    """GB/T 9704 7.3.3 puts the body on the line under the 主送机关; a pack may want a
    blank line there, in the Word file and the text alike."""

    def after_recipient(document: docx.document.Document) -> str:
        texts = [p.text for p in document.paragraphs]
        return texts[next(i for i, t in enumerate(texts) if t.endswith("：")) + 1]

    def text_after_recipient(text: str) -> str:
        lines = text.splitlines()
        return lines[next(i for i, t in enumerate(lines) if t.endswith("：")) + 1]

    standard = luzhou()
    standard.meta["recipient"] = "中共长治市委、长治市人民政府"
    assert after_recipient(word(standard, tmp_path / "a.docx")).startswith("2023年")
    assert text_after_recipient(render_text(standard)).startswith("　　2023年")
    pack_with("spaced", layout="layout:\n  blank_after_recipient: true\n")
    spaced = luzhou()
    spaced.template = "spaced"
    spaced.meta["recipient"] = "中共长治市委、长治市人民政府"
    assert after_recipient(word(spaced, tmp_path / "b.docx")) == ""
    assert text_after_recipient(render_text(spaced)) == ""


@pytest.mark.parametrize(
    ("layout", "problem"),
    [
        ("layout:\n  signature: stamped\n", "signature 只能是 sealed 或 unsealed"),
        ("layout:\n  margins: {top: 5}\n", "需要 10 到 60 之间的数（毫米）"),
        ("layout:\n  line_spacing: tight\n", "需要 18 到 40 之间的数（磅）"),
        ("layout:\n  colour: red\n", "这里没有 'colour' 这一项（可有：signature、margins、"),
        ("layout:\n  bold_lead: 是\n", "这里应写 true 或 false"),
    ],
)
def test_a_bad_house_style_is_one_line_naming_the_file(layout: str, problem: str) -> None:
    folder = pack_with("badlayout", layout=layout)
    with pytest.raises(TemplateError, match=re.escape(problem)) as caught:
        load_pack("badlayout")
    message = str(caught.value)
    assert message.startswith(f"{folder / 'outline.yaml'}：第") and "\n" not in message
    assert re.search(r"：第\d+行第\d+列：", message)


def test_page_numbers_odd_right_even_left(tmp_path: Path) -> None:
    document = word(luzhou(), tmp_path / "r.docx")
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, alignment, indent in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right_indent"),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left_indent"),
    ):
        (paragraph,) = footer.paragraphs
        assert paragraph.style.name == "页码" and paragraph.alignment == alignment
        assert getattr(paragraph.paragraph_format, indent) == Pt(14)  # 空一字
        xml = paragraph._p.xml
        assert [t.text for t in paragraph._p.iter(qn("w:instrText"))] == [" PAGE "]
        assert xml.count('w:fldCharType="begin"') == xml.count('w:fldCharType="end"') == 1
        assert paragraph.text == "— 1 —"
    # the number's top 7 mm below the type area: footer distance + one 4号 line = 35 − 7 mm
    assert abs(section.footer_distance + Pt(14) - Mm(28)) <= Twips(1)


def test_a_pack_can_name_other_fonts(tmp_path: Path) -> None:
    folder = copy_pack("standard", "plainfonts")
    with (folder / "outline.yaml").open("a", encoding="utf-8") as handle:
        handle.write("fonts:\n  body: 仿宋\n  title: 宋体\n")
    draft = luzhou()
    draft.template = "plainfonts"
    styles = word(draft, tmp_path / "r.docx").styles
    assert style_fonts(styles["正文"])[0] == style_fonts(styles["Normal"])[0] == "仿宋"
    assert style_fonts(styles["公文标题"])[0] == "宋体"
    assert style_fonts(styles["一级标题"])[0] == "黑体"
    with zipfile.ZipFile(tmp_path / "r.docx") as package:
        table = package.read("word/fontTable.xml").decode("utf-8")
    assert "仿宋_GB2312" not in table.split("altName")[0] and '方正小标宋简体"' not in table


def test_attachments_are_set_under_the_body(tmp_path: Path) -> None:
    folder = copy_pack("standard", "withattachments")
    outline = folder / "outline.yaml"
    text = outline.read_text(encoding="utf-8").replace(
        "\nsections:\n",
        "  - key: attachments\n    label: 附件\n    type: text\n    required: false\n\nsections:\n",
    )
    outline.write_text(text, encoding="utf-8")
    draft = luzhou()
    draft.template = "withattachments"
    draft.meta["attachments"] = "行政执法统计表\n法律顾问名单"
    paragraphs = word(draft, tmp_path / "r.docx").paragraphs
    closing = next(i for i, p in enumerate(paragraphs) if p.text == "特此报告。")
    blank, first, second = paragraphs[closing + 1 : closing + 4]
    assert blank.text == "" and first.style.name == second.style.name == "附件说明"
    assert (first.text, second.text) == ("附件：1.行政执法统计表", "2.法律顾问名单")
    first_fmt, second_fmt = first.paragraph_format, second.paragraph_format
    # 左空二字; a long name wraps under its own first character, later numbers under 1.
    assert abs(Pt(2 * EM) - (first_fmt.left_indent + first_fmt.first_line_indent)) < Pt(0.1)
    assert first_fmt.left_indent == second_fmt.left_indent
    assert abs(Pt(5 * EM) - (second_fmt.left_indent + second_fmt.first_line_indent)) < Pt(0.1)


def test_placeholders_block_export_unless_forced(tmp_path: Path) -> None:
    draft = luzhou()
    draft.items("measures")[0].body += "\n办结{数量}件，占{比例}，又办{数量}件。"
    out = tmp_path / "r.docx"
    left = r"：还有3处待填：\{数量\}、\{比例\}；请先填写，或加 --force 照样导出$"
    with pytest.raises(PlaceholdersLeft, match=left) as error:
        export_draft(draft, out)
    assert error.value.names == ["{数量}", "{比例}"]
    assert list(tmp_path.iterdir()) == []
    export_draft(draft, out, force=True)
    assert "办结{数量}件" in "".join(p.text for p in docx.Document(str(out)).paragraphs)


@pytest.mark.parametrize(
    ("name", "kwargs", "problem"),
    [
        ("r.odt", {}, r"不能导出为 \.odt"),
        ("r", {}, "不能导出为 没有扩展名的文件"),
        ("r.txt", {"encoding": "klingon"}, "未知的字符编码 'klingon'"),
        ("r.txt", {"encoding": "rot13"}, "'rot13' 不是文本文件的字符编码"),
        ("r.txt", {"encoding": "idna"}, "'idna' 不是文本文件的字符编码"),
        ("r.txt", {"encoding": "base64"}, "'base64' 不是文本文件的字符编码"),
        ("r.txt", {"encoding": "ascii"}, "ascii 编码无法表示字符"),
        ("r.docx", {"encoding": "gb18030"}, "--encoding 只适用于 .txt 文件"),
    ],
)
def test_bad_export_requests(tmp_path: Path, name: str, kwargs: dict, problem: str) -> None:
    with pytest.raises(ExportError, match=problem) as caught:
        export_draft(luzhou(), tmp_path / name, **kwargs)
    assert str(caught.value).startswith(str(tmp_path / name)) and "\n" not in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_output_leaves_nothing_behind(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="无法写入"):
        export_draft(luzhou(), blocker / "r.txt")
    assert list(tmp_path.iterdir()) == [blocker]


def test_a_read_only_folder_is_one_error_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder refuses new files (as a read-only mount does, even for root)."""
    import errno

    locked = tmp_path / "locked"
    locked.mkdir()

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(locked))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match="无法写入（所在的磁盘只能读、不能写）"):
        export_draft(luzhou(), locked / "r.docx")
    assert list(locked.iterdir()) == []


@pytest.mark.parametrize("suffix", [".docx", ".txt"])
def test_exporting_over_a_report_keeps_the_previous_one(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"报告{suffix}"
    out.write_bytes(b"edited in Word")
    export_draft(luzhou(), out)
    assert (tmp_path / f"报告{suffix}~").read_bytes() == b"edited in Word"
    assert out.read_bytes() != b"edited in Word"


def saved_by_word(path: Path) -> bytes:
    """The .docx as Word leaves it after the user saves: Word's name in docProps/app.xml."""
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(path.with_suffix(".tmp"), "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "docProps/app.xml":
                data = data.replace(b"drafter", b"Microsoft Office Word")
            new.writestr(item, data)
    path.with_suffix(".tmp").replace(path)
    return path.read_bytes()


def test_the_backup_keeps_the_last_version_a_person_edited(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    backup = tmp_path / "报告.docx~"
    export_draft(luzhou(), out)
    export_draft(luzhou(), out)  # drafter's own file, unedited: nothing to keep
    assert not backup.exists()
    edited = saved_by_word(out)
    export_draft(luzhou(), out)
    assert backup.read_bytes() == edited
    export_draft(luzhou(), out)  # again: the edited version stays in 报告.docx~
    assert backup.read_bytes() == edited
    text = tmp_path / "报告.txt"
    export_draft(luzhou(), text)
    export_draft(luzhou(), text)  # the same text: nothing to keep
    assert not (tmp_path / "报告.txt~").exists()


def test_the_command_says_where_the_previous_report_went(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from drafter.cli import main

    out = tmp_path / "报告.docx"
    out.write_bytes(b"edited")
    assert main(["export", str(LUZHOU), "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"已导出 {out}\n原来的文件已保留为 {out}~\n"
    assert main(["export", str(LUZHOU), "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"已导出 {out}\n"


@pytest.mark.parametrize("text", ["x\x07y", "转\x1b义", "孤\ud800代理", "\x00空\x7f页"])
def test_characters_no_file_can_hold_do_not_stop_an_export(tmp_path: Path, text: str) -> None:
    draft = luzhou()
    draft.items("other")[0].body = text
    kept = "".join(ch for ch in text if ch.isprintable())
    document = word(draft, tmp_path / "r.docx")
    assert ("正文", kept) in styled(document)
    assert kept in export_draft(draft, tmp_path / "r.txt").read_text(encoding="utf-8")


# --- PDF --------------------------------------------------------------------------


@pytest.fixture
def temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, here, to see that nothing is left in it."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> Path:
    """A `soffice` first on PATH, running `script` (sh)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    program = bin_dir / "soffice"
    program.write_text(f"#!/bin/sh\nPATH=/usr/bin:/bin\n{script}\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(bin_dir))
    return program


def test_pdf_without_libreoffice_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temp_folder: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    out = tmp_path / "报告.pdf"
    with pytest.raises(ExportError, match="导出 PDF 需要 LibreOffice（soffice），本机没有找到"):
        export_draft(luzhou(), out)
    assert not out.exists() and list(temp_folder.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
def test_a_hung_converter_is_stopped_with_its_children_and_nothing_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temp_folder: Path
) -> None:
    child = tmp_path / "child.pid"
    fake_soffice(tmp_path, monkeypatch, f"sleep 60 >/dev/null 2>&1 & echo $! > {child}\nwait")
    monkeypatch.setattr(export, "PDF_TIMEOUT", 1)
    out = tmp_path / "报告.pdf"
    with pytest.raises(ExportError, match="LibreOffice 未能转换为 PDF（1 秒内没有完成，已停止）"):
        export_draft(luzhou(), out)
    assert not out.exists() and list(temp_folder.iterdir()) == []
    pid = int(child.read_text())
    deadline = time.monotonic() + 5
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(pid)


def running(pid: int) -> bool:
    """Whether the process runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in "ZX"


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands in for LibreOffice")
def test_a_failing_converter_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temp_folder: Path
) -> None:
    fake_soffice(tmp_path, monkeypatch, "echo 'Error: source file could not be loaded' >&2; exit 1")
    out = tmp_path / "报告.pdf"
    with pytest.raises(ExportError, match="（Error: source file could not be loaded）$"):
        export_draft(luzhou(), out)
    assert not out.exists() and list(temp_folder.iterdir()) == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_through_libreoffice(tmp_path: Path, temp_folder: Path) -> None:
    out = tmp_path / "报告.pdf"
    export_draft(luzhou(), out)
    assert out.read_bytes().startswith(b"%PDF") and list(temp_folder.iterdir()) == []
    if shutil.which("pdftotext"):
        import subprocess

        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, check=True)
        words = fold(text.stdout.decode("utf-8"))
        assert "长治市潞州区" in words and "特此报告" in words and "—10—" in words


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
