"""Rendering: a draft becomes the report, as text, Markdown or layout blocks.

One function, `report_context`, decides what the report contains — which parts
appear, their numbers, titles, signature — and everything else presents it:
the pack's Jinja templates (`report.txt.j2`, `report.md.j2`) for text, and
`render_blocks` for the Word export and the TUI preview. Half-width punctuation
in Chinese text is made full-width on the way out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from drafter.drafting import templating
from drafter.drafting.draft import Draft
from drafter.drafting.templating import cn_date, cn_num
from drafter.errors import DraftError
from drafter.textnorm import to_display

_FALLBACK_PACK = "standard"
"""Packs without their own report templates borrow the standard pack's."""

# A paragraph that opens with a third- or fourth-level heading: `1.压实第一责任。…`, `（1）…`.
_SUBHEADING = re.compile(
    r"^(?P<marker>\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）])\s*"
    r"(?P<heading>[^。！？；：:;!?]{1,40}(?:[。！？；：]|$))"
)


@dataclass(frozen=True)
class Block:
    """One paragraph of the finished report, with where it came from in the draft.

    For headings, `text` is the heading (number included) and `body` any text that
    runs on in the same paragraph (`1.压实第一责任。` + `为切实发挥……`).
    """

    kind: str
    text: str
    section_key: str | None = None
    item_index: int | None = None
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
    }


def _date_cn(value: Any, draft: Draft) -> str:
    """The 成文日期 as the report writes it. A date that is not one (yet: the TUI's form
    holds what is being typed) is a DraftError, which the preview shows and export reports."""
    try:
        return cn_date(value)
    except (TypeError, ValueError):
        problem = f"成文日期：需要日期，如 2025-01-19，而不是 {value!r}"
        raise DraftError(problem, draft.path) from None


def render_text(draft: Draft) -> str:
    """The report as plain text (the pack's `report.txt.j2`)."""
    return _render_template(draft, "report.txt.j2")


def render_markdown(draft: Draft) -> str:
    """The report as Markdown (the pack's `report.md.j2`)."""
    return _render_template(draft, "report.md.j2")


def _render_template(draft: Draft, name: str) -> str:
    outline = draft.outline
    names = [name, f"{_FALLBACK_PACK}/{name}"]
    return templating.render_file(names, report_context(draft), outline.roots)


def render_blocks(draft: Draft) -> list[Block]:
    """The report as a list of typed paragraphs, for the Word export and the preview."""
    context = report_context(draft)
    blocks = [Block("title", context["title"])]
    if context["recipient"]:
        blocks.append(Block("recipient", f"{context['recipient']}："))
    for section in context["sections"]:
        key = section["key"]
        if section["numbered"]:
            blocks.append(Block("heading1", cn_num(section["number"], 1) + section["title"], key))
        for item in section["items"]:
            index = item["index"]
            if item["heading"]:
                text = cn_num(item["number"], 2) + item["heading"]
                blocks.append(Block("heading2", text, key, index))
            blocks.extend(_paragraph_block(p, key, index) for p in item["paragraphs"])
    blocks.append(Block("body", context["closing"]))
    blocks.extend(Block("signature", line) for line in context["signature"])
    if context["date_cn"]:
        blocks.append(Block("date", context["date_cn"]))
    return blocks


def _paragraph_block(text: str, section_key: str, item_index: int) -> Block:
    """A body paragraph, or a level-3/4 heading when it opens with `1.` or `（1）`."""
    match = _SUBHEADING.match(text)
    if not match:
        return Block("body", text, section_key, item_index)
    kind = "heading4" if match.group("marker")[0] in "（(" else "heading3"
    head = text[: match.end()]
    return Block(kind, head, section_key, item_index, body=text[match.end() :])
