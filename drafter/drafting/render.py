"""Rendering: a draft becomes the report's paragraphs, each with its role, once.

One function, `report_context`, decides what the report contains — which parts
appear, their numbers, titles, signature. The pack's one template,
`report.j2`, lays that out as lines, each a paragraph that may open with its
role in brackets (`【一级标题】一、……`); `render_blocks` reads those lines
into `Block`s, and every output is written from the same blocks: plain text
(`render_text`), Markdown (`render_markdown`), the Word file (`docx_layout`)
and the TUI's preview. So a line a user adds to a copied pack's template
reaches every format.

Half-width punctuation in Chinese text is made full-width on the way in, and
characters no file may hold (control characters, lone surrogates) are dropped
where blocks are made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from drafter.drafting import templating
from drafter.drafting.draft import Draft
from drafter.drafting.gbt9704 import Layout, Placed, signature_rows
from drafter.drafting.templating import cn_date, md_paragraph
from drafter.errors import DraftError, TemplateError
from drafter.textnorm import clean_text, to_display

TEMPLATE = "report.j2"
LEGACY_TEMPLATES = ("report.txt.j2", "report.md.j2")
"""What packs held before the one `report.j2`."""
_FALLBACK_PACK = "standard"
"""Packs without their own report template borrow the standard pack's."""

ROLES = {
    "公文标题": "title",
    "主送机关": "recipient",
    "一级标题": "heading1",
    "二级标题": "heading2",
    "三级标题": "heading3",
    "四级标题": "heading4",
    "正文": "body",
    "附件说明": "attachment",
    "署名": "signature",
    "成文日期": "date",
}
"""A line's role, as the template names it (the Word style's name), and the block kind."""

_ROLE_TAG = re.compile(r"^【(?P<role>[^】]{1,6})】")
# A paragraph that opens with a third- or fourth-level heading: `1.压实第一责任。…`, `（1）…`.
_SUBHEADING = re.compile(
    r"^(?P<marker>\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）])\s*"
    r"(?P<heading>[^。！？；：:;!?]{1,40}(?:[。！？；：]|$))"
)


@dataclass(frozen=True)
class Block:
    """One paragraph of the finished report and its role (`kind`, see `ROLES`).

    For headings, `text` is the heading (number included) and `body` any text that
    runs on in the same paragraph (`1.压实第一责任。` + `为切实发挥……`).
    """

    kind: str
    text: str
    body: str = ""

    @property
    def full_text(self) -> str:
        return self.text + self.body


def report_context(draft: Draft) -> dict[str, Any]:
    """Everything a report template sees: answers, title, numbered sections, signature.

    Optional parts with nothing written are left out (and the numbers close up);
    required ones always appear, so a preview shows what is still missing.
    """
    outline = draft.outline
    answers = draft.answers()
    sections = []
    for section in outline.sections:
        items = []
        headed = 0
        for index, item in enumerate(draft.sections.get(section.key, [])):
            if item.is_empty():
                continue
            headed += bool(item.heading.strip())
            paragraphs = [to_display(p.strip()) for p in item.body.splitlines() if p.strip()]
            items.append(
                {
                    "index": index,
                    "number": headed if item.heading.strip() else 0,
                    "heading": to_display(item.heading.strip()),
                    "topic": item.topic,
                    "paragraphs": paragraphs,
                }
            )
        if not items and not section.required:
            continue
        sections.append(
            {
                "key": section.key,
                "numbered": section.numbered,
                "title": to_display(outline.title_of(section, answers)),
                "items": items,
            }
        )
    for number, section in enumerate((s for s in sections if s["numbered"]), 1):
        section["number"] = number
    recipient = str(answers.get("recipient") or "").strip().rstrip(":：")
    return {
        **answers,
        "meta": answers,
        "title": to_display(str(answers.get("title") or "")),
        "recipient": to_display(recipient),
        "sections": sections,
        "closing": outline.closing,
        "signature": [str(answers[key]) for key in outline.signature if answers.get(key)],
        "date_cn": _date_cn(answers.get("date"), draft),
        "attachments": _lines(answers.get("attachments")),
    }


def _lines(value: Any) -> list[str]:
    """An answer written one entry a line (附件名称), as a list."""
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def _date_cn(value: Any, draft: Draft) -> str:
    """The 成文日期 as the report writes it. A date that is not one (yet: the TUI's form
    holds what is being typed) is a DraftError, which the preview shows and export reports."""
    try:
        return cn_date(value)
    except (TypeError, ValueError):
        problem = f"成文日期：需要日期，如 2025-01-19，而不是 {value!r}"
        raise DraftError(problem, draft.path) from None


def render_blocks(draft: Draft) -> list[Block]:
    """The report as paragraphs with roles: the pack's `report.j2`, rendered once.

    A pack copied before `report.j2` existed holds `report.txt.j2`/`report.md.j2`,
    which are no longer read: rather than ignore the user's changes in silence, the
    render stops and says what to do.
    """
    pack = draft.outline.root
    legacy = [name for name in LEGACY_TEMPLATES if (pack / name).is_file()]
    if legacy and not (pack / TEMPLATE).is_file():
        raise TemplateError(
            f"这个模板包还在用旧的 {'、'.join(legacy)}，已不再读取：请把其中的改动移到"
            f" {TEMPLATE}（可用 drafter templates copy standard 新名称 取得一份）",
            pack,
        )
    names = [TEMPLATE, f"{_FALLBACK_PACK}/{TEMPLATE}"]
    text = templating.render_file(names, report_context(draft), draft.outline.roots)
    return parse_blocks(text)


def parse_blocks(text: str) -> list[Block]:
    """Blocks from a rendered template: one per non-blank line, its role from a leading
    `【角色】` (none: 正文). A 正文 line opening with `1.` or `（1）` is a third- or
    fourth-level heading, with the rest of its sentence as body."""
    blocks = []
    for raw in clean_text(text).splitlines():  # template output is text coming in
        line = raw.replace("\t", " ")
        match = _ROLE_TAG.match(line)
        kind = ROLES.get(match["role"]) if match else None
        if kind is not None:
            line = line[match.end() :]
        line = line.strip(" \t\u3000")
        if not line:
            continue
        blocks.append(_block(kind or "body", line))
    return blocks


def _block(kind: str, text: str) -> Block:
    if kind not in ("body", "heading3", "heading4"):
        return Block(kind, text)
    match = _SUBHEADING.match(text)
    if not match:
        return Block(kind, text)
    if kind == "body":
        kind = "heading4" if match.group("marker")[0] in "（(" else "heading3"
    return Block(kind, text[: match.end()], text[match.end() :])


# --- the text writers -----------------------------------------------------------------

INDENT = "\u3000\u3000"
"""Paragraphs open two full-width spaces in, as in the printed report."""


def render_text(draft: Draft) -> str:
    """The report as plain text, laid out in characters as on the printed page."""
    return write_text(render_blocks(draft), draft.outline.layout)


def render_markdown(draft: Draft) -> str:
    """The report as Markdown: the title `#`, parts `##`, subheadings `###`."""
    return write_markdown(render_blocks(draft))


def write_text(blocks: list[Block], layout: Layout) -> str:
    """Plain text: a blank line under the title, paragraphs indented two characters,
    the signature block placed as GB/T 9704 places it on a 28-character line."""
    lines: list[str] = []
    for group, members in paragraph_groups(blocks):
        if group == "title":
            lines += [b.full_text for b in members] + [""]
        elif group == "attachments":
            lines += [""] + _attachment_lines(members, INDENT)
        elif group == "signature":
            lines += [""] * layout.blank_lines_before_signature
            lines += [_placed_line(row) for row in signature_block(members, layout)]
        else:
            for block in members:
                if block.kind != "recipient":
                    lines.append(INDENT + block.full_text)
                    continue
                lines += [block.full_text] + [""] * layout.blank_after_recipient
    return "\n".join(lines) + "\n"


def write_markdown(blocks: list[Block]) -> str:
    """Markdown, one paragraph per block (a numbered subheading is escaped, not a list)."""
    prefix = {"title": "# ", "heading1": "## ", "heading2": "### "}
    paragraphs = []
    for group, members in paragraph_groups(blocks):
        if group == "attachments":
            paragraphs += [md_paragraph(line) for line in _attachment_lines(members, "")]
            continue
        for block in members:
            marker = prefix.get(block.kind)
            paragraphs.append(marker + block.full_text if marker else md_paragraph(block.full_text))
    return "\n\n".join(paragraphs) + "\n"


def paragraph_groups(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    """Runs of blocks laid out together: the title, the attachments, the signature block
    (署名 and 成文日期), and each other paragraph on its own."""
    together = {"title": "title", "attachment": "attachments", "signature": "signature",
                "date": "signature"}  # fmt: skip
    groups: list[tuple[str, list[Block]]] = []
    for block in blocks:
        group = together.get(block.kind, "")
        if group and groups and groups[-1][0] == group:
            groups[-1][1].append(block)
        else:
            groups.append((group or block.kind, [block]))
    return groups


def attachment_entries(blocks: list[Block]) -> list[tuple[str, str]]:
    """附件说明 per GB/T 9704 7.3.4: `附件：` then the names, numbered when more than one;
    pairs of (lead, name) where the lead is `附件：1.` or the numbers under it."""
    if len(blocks) == 1:
        return [("附件：", blocks[0].full_text)]
    return [(("附件：" if i == 0 else "") + f"{i + 1}.", b.full_text) for i, b in enumerate(blocks)]


def _attachment_lines(blocks: list[Block], indent: str) -> list[str]:
    lead_width = "\u3000" * 3  # `附件：` is three characters; later numbers align under `1.`
    return [indent + (lead if lead.startswith("附件") else lead_width + lead) + name
            for lead, name in attachment_entries(blocks)]  # fmt: skip


def signature_block(blocks: list[Block], layout: Layout) -> list[list[Placed]]:
    """The 署名 and 成文日期 blocks placed on their lines (see `gbt9704.signature_rows`)."""
    names = [b.full_text for b in blocks if b.kind == "signature"]
    date = next((b.full_text for b in blocks if b.kind == "date"), "")
    return signature_rows(names, date, sealed=layout.sealed)


def _placed_line(row: list[Placed]) -> str:
    """A signature line in characters: full-width spaces, a half-width one for a half."""
    line, at = "", 0.0
    for piece in row:
        halves = max(round((piece.start - at) * 2), 0)
        line += "\u3000" * (halves // 2) + " " * (halves % 2) + piece.text
        at = piece.end
    return line
