"""Labelled reports in the shapes users actually have, and how to score them.

A labelled report (a seed or a tuning-set report, labelled line by line) is
turned into the forms reports arrive in: flattened into one line as a web page
copied without its breaks, hard-wrapped with page numbers and running heads as
text copied out of a PDF, in traditional script, as a .docx whose headings are
Word's automatic numbering (and, through LibreOffice, as a PDF of that .docx).

Scoring maps each labelled line back onto what drafter read from the variant
through the text itself: the variant's lines are aligned character by character
with the original's, and a labelled line (or each of its headings and sentences)
is right when most of its characters land in a line of an accepted slot.
"""

from __future__ import annotations

import difflib
import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
LABELLED = {
    "seeds": (ROOT / "corpus", DATA / "gold.yaml"),
    "tuning1": (DATA / "tuning1", DATA / "tuning1" / "labels.yaml"),
    "tuning2": (DATA / "tuning2", DATA / "tuning2" / "labels.yaml"),
    "tuning3": (DATA / "tuning3", DATA / "tuning3" / "labels.yaml"),
}
"""Sets variants are made from. The blind set is not among them: it is measured, never
used to make data that rules are checked against."""
BLIND = (DATA / "blind", DATA / "blind" / "labels.yaml")
"""The blind set: its variants are made only by benchmarks/measure_blind.py, which prints
figures and no lines, never by the tests."""

_CN = "一二三四五六七八九十"
_WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# --- labels ------------------------------------------------------------------------


def labelled_reports(set_name: str) -> list[tuple[str, list[tuple[int, str]], dict[int, set[str]]]]:
    """(file name, non-blank (line number, text), labels) of every report in a set."""
    folder, labels_path = BLIND if set_name == "blind" else LABELLED[set_name]
    out = []
    from test_classify_labelled import load_labels

    for name, labels in sorted(load_labels(labels_path)[0].items()):
        text = (folder / name).read_text("utf-8")
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        out.append((name, lines, labels))
    return out


# --- making variants -----------------------------------------------------------------


def flattened(lines: list[str], rng: random.Random) -> str:
    """A page copied without its paragraph breaks: one line, joined with nothing or a space."""
    glue = rng.choice(["", "", " ", "  "])
    return glue.join(line.strip() for line in lines) + "\n"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap(paragraph: str, columns: int) -> list[str]:
    """Cut a paragraph into lines of at most `columns` display columns."""
    rows, row, used = [], [], 0
    for ch in paragraph:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if used + w > columns and row:
            rows.append("".join(row))
            row, used = [], 0
        row.append(ch)
        used += w
    if row:
        rows.append("".join(row))
    return rows


_PAGE_STYLES = ("— {n} —", "- {n} -", "第{n}页 共{total}页", "-{n}-", "{n}")


def pdf_copy(lines: list[str], rng: random.Random, head: str | None) -> str:
    """Text as copied out of a PDF: hard-wrapped at 28–40 characters, the first line of a
    paragraph indented, spaces put between digits and Chinese, a page number at every
    page end and (when `head` is given) a running head at every page top but the first."""
    columns = 2 * rng.randint(28, 40)
    style = rng.choice(_PAGE_STYLES)
    per_page = rng.randint(22, 30)
    rows: list[str] = []
    for line in lines:
        text = line.strip()
        if rng.random() < 0.5:
            text = re.sub(r"(?<=[\u4e00-\u9fff])(?=\d)|(?<=\d)(?=[\u4e00-\u9fff])", " ", text)
        indent = "\u3000\u3000" if len(text) > 40 and rng.random() < 0.7 else ""
        rows.extend(_wrap(indent + text, columns))
    pages = [rows[i : i + per_page] for i in range(0, len(rows), per_page)]
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        if head and n > 1:
            out.append(head)
        out.extend(page)
        out.append(style.format(n=n, total=len(pages)))
    return "\n".join(out) + "\n"


def traditional(text: str) -> str:
    """The same text in traditional script (OpenCC s2t), as a 繁體 site serves it."""
    import opencc

    return opencc.OpenCC("s2t").convert(text)


_NUMBERED = (
    (1, re.compile(rf"^[{_CN}]{{1,3}}\s*[、.．]\s*")),
    (2, re.compile(rf"^[（(]\s*[{_CN}]{{1,3}}\s*[)）]\s*[、.]?\s*")),
    (3, re.compile(r"^\d{1,2}\s*(?:、|[.．](?!\d))\s*")),
)


def numbered_docx(
    lines: list[str], path: Path, *, head: str | None = None, indent: bool = False
) -> int:
    """A .docx of the report whose 一、/（一）/1. headings are Word's automatic numbering:
    the marker is taken out of the text and the paragraph put in a list at its level.
    Every page has its number in the footer (`— 3 —`) and, given `head`, a running
    head; `indent` indents first lines by two characters, as the official layout does.
    Returns how many paragraphs got a list number."""
    import docx
    from docx.oxml import parse_xml
    from docx.shared import Pt

    document = docx.Document()
    section = document.sections[0]
    if head:
        section.header.paragraphs[0].text = head
    footer = section.footer.paragraphs[0]
    footer.add_run("— ")
    footer._p.append(parse_xml(
        '<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    ))
    footer.add_run(" —")
    if indent:
        document.styles["Normal"].paragraph_format.first_line_indent = Pt(21)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(
            [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
        )
    )
    # Definitions come before list instances in numbering.xml, with ids of their own.
    def ids(tag: str, attribute: str) -> list[int]:
        found = numbering.iterfind(f"{{{_WORD}}}{tag}")
        return [int(e.get(f"{{{_WORD}}}{attribute}")) for e in found]

    abstract_id = max(ids("abstractNum", "abstractNumId"), default=0) + 1
    num_id = max(ids("num", "numId"), default=0) + 1
    definition = parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'
    )
    first_num = numbering.find(f"{{{_WORD}}}num")
    if first_num is None:
        numbering.append(definition)
    else:
        first_num.addprevious(definition)
    numbering.append(
        parse_xml(f'<w:num {w} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>')
    )
    count = 0
    for line in lines:
        text = line.strip()
        level = next((lvl for lvl, pattern in _NUMBERED if pattern.match(text)), None)
        if level is None:
            document.add_paragraph(text)
            continue
        paragraph = document.add_paragraph(_NUMBERED[level - 1][1].sub("", text, count=1))
        paragraph._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr {w}><w:ilvl w:val="{level - 1}"/><w:numId w:val="{num_id}"/></w:numPr>'
            )
        )
        count += 1
    document.save(str(path))
    return count


def pdf_docx(lines: list[str], path: Path, seed: str) -> None:
    """The .docx a PDF variant is printed from: Word numbering, page numbers in the
    footer, for some reports a running head (the title) and indented first lines."""
    rng = random.Random(seed)
    numbered_docx(lines, path, head=rng.choice([None, lines[0][:30]]), indent=rng.random() < 0.5)


# --- scoring -------------------------------------------------------------------------


def _fold(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def _simplified(text: str) -> str:
    import opencc

    return opencc.OpenCC("t2s").convert(text)


_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*")


def units(text: str, *, sentences: bool) -> list[str]:
    """A labelled line as scored: whole, or as its heading and sentences."""
    if not sentences:
        return [text]
    from drafter.corpus.parse import _MARKERS

    folded = unicodedata.normalize("NFKC", text).strip()
    out: list[str] = []
    for _, pattern in _MARKERS:
        match = pattern.match(folded)
        if match:
            stop = re.search(r"[。！？!?：:；;]", folded[match.end():])
            if stop and stop.start() <= 40:
                end = match.end() + stop.end()
                out.append(folded[:end])
                folded = folded[end:]
            break
    out.extend(s for s in _SENTENCE.findall(folded) if _fold(s))
    return out


@dataclass
class Score:
    """How many labelled units landed in an accepted slot, and which did not."""

    total: int
    right: int
    wrong: list[tuple[str, int, str, str]]
    """(file, line, slot drafter gave, unit text) for every unit in the wrong slot."""

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0

    def __add__(self, other: Score) -> Score:
        """Two scores as one (a set's reports added up)."""
        return Score(self.total + other.total, self.right + other.right, self.wrong + other.wrong)


def score(
    name: str,
    original: list[tuple[int, str]],
    labels: dict[int, set[str]],
    read: list[tuple[str, str]],
    *,
    sentences: bool,
    simplify: bool = False,
) -> Score:
    """Score what drafter read from a variant, `read` = (text, slot) of its lines.

    The original's units and the variant's lines are folded (NFKC, no white space)
    and aligned; each unit takes the slot most of its aligned characters got.
    """
    ours: list[str] = []
    slots: list[str] = []
    for text, slot in read:
        folded = _fold(_simplified(text) if simplify else text)
        ours.append(folded)
        slots.extend([slot] * len(folded))
    b = "".join(ours)
    pieces: list[tuple[int, str, set[str]]] = []
    a_parts: list[str] = []
    owner: list[int] = []
    for number, text in original:
        if number not in labels:
            continue
        for unit in units(text, sentences=sentences):
            folded = _fold(unit)
            if not folded:
                continue
            owner.extend([len(pieces)] * len(folded))
            pieces.append((number, unit, labels[number]))
            a_parts.append(folded)
    a = "".join(a_parts)
    got: list[dict[str, int]] = [{} for _ in pieces]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for i, j, size in matcher.get_matching_blocks():
        for k in range(size):
            votes = got[owner[i + k]]
            votes[slots[j + k]] = votes.get(slots[j + k], 0) + 1
    right, wrong = 0, []
    for (number, unit, accepted), votes in zip(pieces, got, strict=True):
        slot = max(votes, key=votes.__getitem__) if votes else "(lost)"
        if slot in accepted:
            right += 1
        else:
            wrong.append((name, number, slot, unit[:30]))
    return Score(len(pieces), right, wrong)
