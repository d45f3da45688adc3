"""Export: the file a user hands in — .txt, .md or .docx (GB/T 9704-2012 layout).

Export refuses a draft that still has placeholders (`{数量}` …), naming them,
unless forced: a report with gaps must never go out by accident. The whole file
is built in memory and written atomically, so a failure leaves nothing behind.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from drafter.atomic import write_bytes_atomic
from drafter.drafting.draft import Draft
from drafter.drafting.render import Block, render_blocks, render_markdown, render_text
from drafter.errors import ExportError, PlaceholdersLeft
from drafter.placeholders import placeholder_names

FORMATS = (".txt", ".md", ".docx")


def export_draft(
    draft: Draft, out: Path | str, *, encoding: str = "utf-8", force: bool = False
) -> Path:
    """Write the report to `out`, in the format its suffix names; returns the path."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise ExportError(
            f"cannot export to {suffix or 'a file without suffix'}; use .txt, .md or .docx", out
        )
    if suffix != ".txt" and encoding.lower().replace("-", "") != "utf8":
        raise ExportError("--encoding applies to .txt only", out)
    _check_encoding(encoding, out)
    blocks = render_blocks(draft)
    if not force:
        left = [name for block in blocks for name in placeholder_names(block.full_text)]
        if left:
            raise PlaceholdersLeft(left, out)
    data = _encode(draft, blocks, suffix, encoding, out)
    try:
        return write_bytes_atomic(out, data)
    except OSError as error:
        raise ExportError(f"cannot write ({error.strerror or error})", out) from None


def _check_encoding(encoding: str, out: Path) -> None:
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise ExportError(f"unknown encoding {encoding!r} (try utf-8 or gb18030)", out) from None


def _encode(draft: Draft, blocks: list[Block], suffix: str, encoding: str, out: Path) -> bytes:
    if suffix == ".docx":
        from drafter.drafting.docx_layout import build_docx

        author = str(draft.answers().get("issuer") or "")
        return build_docx(blocks, draft.outline.fonts, author=author)
    text = render_text(draft) if suffix == ".txt" else render_markdown(draft)
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as error:
        bad = text[error.start : error.end]
        raise ExportError(f"{encoding} cannot encode {bad!r}; use utf-8", out) from None
