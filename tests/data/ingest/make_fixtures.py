"""Regenerate the ingest fixtures from the bundled seed reports in corpus/.

    .venv/bin/python tests/data/ingest/make_fixtures.py

Each fixture is a real report (or an excerpt) in one of the shapes users have
them in: other encodings, Markdown, a GBK page saved from a government site, a
Word file. The UTF-8 excerpts are written too, so the tests compare against the
original lines without reading anything outside tests/data/ingest.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[2] / "corpus"


def seed(number: str, lines: int | None = None) -> str:
    """A seed report, or its first `lines` lines, with a final newline."""
    (path,) = CORPUS.glob(f"{number}_*.txt")
    text = path.read_text(encoding="utf-8")
    if lines is not None:
        text = "".join(text.splitlines(keepends=True)[:lines])
    return text if text.endswith("\n") else text + "\n"


def write_text_fixtures() -> None:
    s000, s001, s002 = seed("000"), seed("001"), seed("002", 20)
    s003, s004 = seed("003", 45), seed("004")
    for name, text in [("000", s000), ("001", s001), ("002", s002), ("003", s003), ("004", s004)]:
        (HERE / f"seed{name}.txt").write_text(text, encoding="utf-8", newline="")
    (HERE / "seed003_gb18030.txt").write_bytes(s003.encode("gb18030"))
    (HERE / "seed004_gbk_crlf.txt").write_bytes(s004.replace("\n", "\r\n").encode("gbk"))
    (HERE / "seed001_utf16le_bom.txt").write_bytes(b"\xff\xfe" + s001.encode("utf-16-le"))
    (HERE / "seed002_utf16be.txt").write_bytes(s002.encode("utf-16-be"))
    (HERE / "seed004_utf16le.txt").write_bytes(s004.encode("utf-16-le"))
    (HERE / "seed004_utf8_bom.txt").write_bytes(b"\xef\xbb\xbf" + s004.encode("utf-8"))


def write_markdown() -> None:
    """Seed 004 as Markdown: headings, bold run-in headings, a rule, blank lines."""
    out: list[str] = []
    for i, line in enumerate(seed("004").splitlines(), 1):
        if i == 1:
            out.append(f"# {line}")
        elif re.match(r"[一二三四五六七八九十]、", line):
            out += ["", f"## {line}", ""]
        elif re.match(r"\([一二三四五六七八九十]\)", line) and len(line) < 40:
            out += [f"### {line} ###", ""]
        elif m := re.match(r"(\d\.)(.+?。)(.*)", line):
            out.append(f"{m[1]}**{m[2]}**{m[3]}")  # "1." stays: a level-3 heading
        elif i == 2:
            out += [f"*{line}*", "", "---"]
        elif i == 21:
            out.append(f"- {line}")
        else:
            out.append(line)
    (HERE / "seed004.md").write_text("\n".join(out) + "\n", encoding="utf-8")


def write_html() -> None:
    """Seed 001 as the GBK page of a county government site."""
    lines = seed("001").splitlines()
    crumbs = lines[0].replace(">", "&gt;")
    body = [
        f'<p style="text-indent:2em">&nbsp;&nbsp;{_entities(line)}</p>'
        if not re.match(r"[一二三四五]、", line)
        else f"<p><strong>{line}</strong></p>"
        for line in lines[7:32]
    ]
    page = f"""<!DOCTYPE html>
<html>
<head>
<meta charset="gbk">
<meta name="viewport" content="width=device-width">
<title>{lines[5].split(": ", 1)[1].split(" |")[0]}_长治市潞州区人民政府</title>
<link rel="stylesheet" href="/css/main.css">
<style>body {{ font-family: "宋体"; }} p {{ line-height: 2; }}</style>
<script type="text/javascript">
  var _hmt = _hmt || [];
  document.write("<p>浏览次数：</p>");
</script>
</head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/wza/">无障碍</a></div>
<div class="crumbs">{crumbs}</div>
<div class="font-size">{lines[1]}</div>
<table class="meta">
<tr><td>{lines[2]}</td></tr>
<tr><td>{lines[3]}</td></tr>
<tr><td>{lines[4]}</td></tr>
<tr><td>{lines[5]}</td></tr>
<tr><td>{lines[6]}</td></tr>
</table>
<div id="zoom">
{chr(10).join(body)}
<p style="text-align:right">{lines[32]}<br>{lines[33]}<br/>{lines[34]}</p>
</div>
<!-- 页脚 -->
<div class="footer">主办：长治市潞州区人民政府办公室&nbsp;&nbsp;&copy;&nbsp;版权所有</div>
<script>window.onload = function () {{ share("<div>分享</div>"); }};</script>
</body>
</html>
"""
    (HERE / "seed001_gbk.html").write_bytes(page.encode("gbk"))


def _entities(line: str) -> str:
    """Quotes and a few characters as HTML entities, the way CMS editors write them."""
    line = line.replace("“", "&ldquo;").replace("”", "&rdquo;")
    return line.replace("。", "&#12290;", 1).replace("、", "&#x3001;", 1)


def write_docx() -> None:
    """Seed 000 as a Word file: styled headings, split runs, an empty paragraph and
    the signature in a table with a merged cell."""
    import docx

    lines = seed("000").splitlines()
    document = docx.Document()
    document.core_properties.title = lines[0]
    document.add_paragraph(lines[0], style="Title")
    document.add_paragraph(lines[1])
    document.add_paragraph("")
    for line in lines[2:75]:
        if m := re.match(r"([一二三四五六七八九十]、)(.*)", line):
            paragraph = document.add_paragraph(style="Heading 1")
            paragraph.add_run(m[1])
            paragraph.add_run(m[2]).bold = True
        else:
            document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = lines[75]
    table.cell(0, 1).text = lines[76]
    table.cell(1, 0).merge(table.cell(1, 1)).text = lines[77]
    buffer = io.BytesIO()
    document.save(buffer)
    (HERE / "seed000.docx").write_bytes(buffer.getvalue())
    (HERE / "truncated.docx").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])


def write_bad_inputs() -> None:
    # Latin-1 text whose bytes happen to be valid GB18030: each accented letter is
    # followed by a byte that completes a two-byte GB18030 character.
    cp1252 = (
        "Der Präsident verfügt über Zuständigkeiten für Verträge.\n"
        "Sociétés générales: réglementation für Bürger, Gebühren und Prüfungen.\n"
    )
    (HERE / "latin_cp1252.txt").write_bytes(cp1252.encode("cp1252"))
    big5 = "法治政府建設情況報告\n本年度持續推進依法行政，健全行政決策機制，強化執法監督。\n"
    (HERE / "traditional_big5.txt").write_bytes(big5.encode("big5"))
    rng = random.Random(20240125)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"
    (HERE / "picture.txt").write_bytes(png + bytes(rng.randrange(256) for _ in range(400)))
    (HERE / "empty.txt").write_bytes(b"")
    (HERE / "whitespace.txt").write_text(" \n\u3000\u3000\n\t\r\n\n", encoding="utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
    (HERE / "no_document.docx").write_bytes(buffer.getvalue())


if __name__ == "__main__":
    write_text_fixtures()
    write_markdown()
    write_html()
    write_docx()
    write_bad_inputs()
