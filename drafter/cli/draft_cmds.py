"""Draft commands: new, import, next-year, render, export, templates (check: check_cmds).

The whole path from the shell: `drafter new` → edit the YAML → `drafter check`
→ `drafter export -o 报告.docx`. Each handler is a thin layer over the core and
imports it lazily, so `drafter --help` stays instant.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft


def register(sub: argparse._SubParsersAction) -> None:
    """Add the draft commands to the `drafter` parser."""
    new = sub.add_parser(
        "new",
        help="start a draft from a template pack",
        description="Start a draft (*.draft.yaml) with the pack's outline and suggested items.",
    )
    new.add_argument("--template", default="standard", help="template pack (default: standard)")
    new.add_argument("--unit", help="单位名称, e.g. 长治市潞州区")
    new.add_argument("--year", help="报告年度: the year the report covers, e.g. 2024")
    new.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="answer any other question of the pack (recipient, issuer, date, …)",
    )
    _output(new, "the draft file (default: UNITYEAR.draft.yaml)")
    new.set_defaults(handler=run_new)

    imp = sub.add_parser(
        "import",
        help="turn a finished report (.docx/.txt/.html/.md) into a draft",
        description="Read a report and put its metadata and parts into a draft.",
    )
    imp.add_argument("report", type=Path, help="the report file")
    imp.add_argument("--template", default="standard", help="template pack (default: standard)")
    _output(imp, "the draft file (default: REPORT.draft.yaml)")
    imp.set_defaults(handler=run_import)

    nxt = sub.add_parser(
        "next-year",
        help="start next year's draft from this one (plans become the measures checklist)",
        description="Years advanced; last year's plans become this year's measures, to fill.",
    )
    nxt.add_argument("file", type=Path, help="last year's draft")
    _output(nxt, "the new draft file (default: UNITYEAR.draft.yaml)")
    nxt.set_defaults(handler=run_next_year)

    render = sub.add_parser(
        "render",
        help="print the report as text or Markdown",
        description="Render a draft through its pack's templates (or another pack's).",
    )
    render.add_argument("file", type=Path, help="the draft")
    render.add_argument("--template", help="render with this pack instead of the draft's")
    render.add_argument(
        "--format", choices=("text", "markdown"), help="default: from -o's suffix, else text"
    )
    render.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    render.set_defaults(handler=run_render)

    export = sub.add_parser(
        "export",
        help="导出报告：.txt、.md、.docx（GB/T 9704-2012 公文格式）或 .pdf",
        description="导出草稿为报告文件；还有占位符时不导出，除非加 --force。"
        "已有同名文件时，原文件保留为“文件名~”。导出 .pdf 需要安装 LibreOffice（soffice）。",
    )
    export.add_argument("file", type=Path, help="草稿文件")
    export.add_argument(
        "-o", "--output", type=Path, required=True, help="输出文件：.txt、.md、.docx 或 .pdf"
    )
    export.add_argument(
        "--encoding", default="utf-8", help=".txt 的字符编码：utf-8（默认）、gb18030"
    )
    export.add_argument("--force", action="store_true", help="有占位符未填也导出")
    export.set_defaults(handler=run_export)

    templates = sub.add_parser("templates", help="list template packs, or copy one to customize")
    tsub = templates.add_subparsers(dest="templates_command", metavar="ACTION", required=True)
    tlist = tsub.add_parser("list", help="the packs drafter finds (yours first)")
    tlist.set_defaults(handler=run_templates_list)
    tcopy = tsub.add_parser("copy", help="copy a pack into your templates folder")
    tcopy.add_argument("source", help="pack to copy, e.g. standard")
    tcopy.add_argument("dest", help="name of your copy, e.g. mine")
    tcopy.set_defaults(handler=run_templates_copy)


def _output(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("-o", "--output", type=Path, help=help_text)
    parser.add_argument("--force", action="store_true", help="overwrite an existing file")


def _save_new(draft: Draft, output: Path | None, force: bool, default: str | None = None) -> int:
    """Save a freshly made draft, never over an existing file unless forced.

    Without -o it is named `default`, else after its unit and year (`长治市潞州区2024.draft.yaml`).
    """
    from drafter.drafting.draft import save_draft
    from drafter.errors import DraftError
    from drafter.paths import DRAFT_SUFFIX

    meta = draft.meta
    path = output or Path(default or f"{meta.get('unit', '')}{meta.get('year', '')}{DRAFT_SUFFIX}")
    if path.exists() and not force:
        raise DraftError("already exists; use --force to overwrite", path)
    save_draft(draft, path)
    print(f"wrote {path} ({draft.meta.get('title', draft.template)})")
    print(f"next: edit it (or run `drafter` to open it), then `drafter check {path}`")
    return 0


def run_new(args: argparse.Namespace) -> int:
    from drafter.drafting.draft import new_draft
    from drafter.errors import DraftError

    answers: dict[str, str] = {}
    for pair in args.set:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise DraftError(f"--set wants KEY=VALUE, not {pair!r}")
        answers[key.strip()] = value
    for key in ("unit", "year"):
        if getattr(args, key) is not None:
            answers[key] = getattr(args, key)
    draft = new_draft(args.template, answers)
    unknown = sorted(set(answers) - {q.key for q in draft.outline.questions})
    if unknown:
        raise DraftError(f"pack {args.template!r} asks no question {', '.join(unknown)}")
    return _save_new(draft, args.output, args.force)


def run_import(args: argparse.Namespace) -> int:
    from drafter.drafting.reuse import import_report
    from drafter.paths import DRAFT_SUFFIX

    draft = import_report(args.report, args.template)
    return _save_new(draft, args.output, args.force, default=args.report.stem + DRAFT_SUFFIX)


def run_next_year(args: argparse.Namespace) -> int:
    from drafter.drafting.draft import load_draft
    from drafter.drafting.reuse import next_year_draft

    draft = next_year_draft(load_draft(args.file))
    return _save_new(draft, args.output, args.force)


def run_render(args: argparse.Namespace) -> int:
    from drafter.atomic import write_text_atomic
    from drafter.drafting.draft import load_draft
    from drafter.drafting.outline import load_pack
    from drafter.drafting.render import render_markdown, render_text
    from drafter.errors import ExportError
    from drafter.paths import DRAFT_SUFFIX

    draft = load_draft(args.file)
    if args.template:
        load_pack(args.template)  # a clear error for an unknown or broken pack
        draft.template = args.template
    markdown = args.format == "markdown" or (
        args.format is None and args.output is not None and args.output.suffix.lower() == ".md"
    )
    text = render_markdown(draft) if markdown else render_text(draft)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    if args.output.name.endswith(DRAFT_SUFFIX):
        raise ExportError(
            f"渲染结果不能写成草稿文件（{DRAFT_SUFFIX}）；请换一个文件名", args.output
        )
    try:
        write_text_atomic(args.output, text, backup=True, protect=[args.file])
    except OSError as error:
        raise ExportError(f"cannot write ({error.strerror or error})", args.output) from None
    print(f"wrote {args.output}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from drafter.drafting.draft import load_draft
    from drafter.drafting.export import export_draft

    backup = args.output.with_name(args.output.name + "~")
    before = backup.stat() if backup.exists() else None
    path = export_draft(
        load_draft(args.file), args.output, encoding=args.encoding, force=args.force
    )
    print(f"wrote {path}")
    if backup.exists() and backup.stat() != before:  # a new inode: export kept the old file
        print(f"原来的文件已保留为 {backup}")
    return 0


def run_templates_list(args: argparse.Namespace) -> int:
    from drafter.cli.output import warn
    from drafter.drafting.outline import list_packs, pack_roots
    from drafter.errors import TemplateError

    errors: list[TemplateError] = []
    packs = list_packs(errors)
    user_root = pack_roots()[0]
    for pack in packs:
        origin = "yours" if pack.root.parent == user_root.resolve() else "bundled"
        print(f"{pack.name:<16}{origin:<9}{pack.label}")
    for error in errors:
        warn(f"skipped a broken pack: {error}")
    return 0


def run_templates_copy(args: argparse.Namespace) -> int:
    from drafter.drafting.outline import copy_pack

    target = copy_pack(args.source, args.dest)
    print(f"copied {args.source} to {target}; edit its outline.yaml and report.*.j2")
    return 0
