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

from drafter.cli.corpus_cmds import REPORT_FORMATS

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft


def register(sub: argparse._SubParsersAction) -> None:
    """Add the draft commands to the `drafter` parser."""
    new = sub.add_parser(
        "new",
        help="从模板包新建一份草稿",
        description="新建一份草稿（*.draft.yaml），含模板包的提纲和建议的条目。"
        "之后编辑它（或运行 drafter open 打开），再运行 drafter check 检查。",
    )
    _template_option(new, "模板包（默认：standard，区县市政府用；部门用 department）")
    new.add_argument("--unit", metavar="单位", help="单位名称，如 长治市潞州区")
    new.add_argument("--year", metavar="年度", help="报告年度，即报告所写的那一年，如 2024")
    new.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="键=值",
        help="回答模板包的其他问题，如 recipient=主送机关、issuer=署名、date=成文日期；可多次使用",
    )
    _output(new, "草稿文件（默认：单位加年度，如 长治市潞州区2024.draft.yaml）")
    new.set_defaults(handler=run_new)

    imp = sub.add_parser(
        "import",
        help="把写好的报告（.docx、.pdf、.txt 等）转成草稿",
        description=f"读取一份报告（{REPORT_FORMATS}），"
        "把其中的单位、年度、日期和各部分内容放进一份新草稿。",
    )
    imp.add_argument("report", type=Path, metavar="报告", help="报告文件")
    _template_option(imp, "模板包（默认：standard）")
    _output(imp, "草稿文件（默认：报告的文件名加 .draft.yaml）")
    imp.set_defaults(handler=run_import)

    nxt = sub.add_parser(
        "next-year",
        help="由去年的草稿开始今年的（去年的安排成为今年要写的举措）",
        description="年份都推后一年；去年“下一年度主要安排”里的各项留作今年的承诺清单，"
        "并成为今年“主要举措和成效”里待填写的条目。",
    )
    nxt.add_argument("file", type=Path, metavar="草稿", help="去年的草稿")
    _output(nxt, "新草稿文件（默认：单位加年度，如 长治市潞州区2025.draft.yaml）")
    nxt.set_defaults(handler=run_next_year)

    render = sub.add_parser(
        "render",
        help="把草稿排成报告，输出文本或 Markdown",
        description="用草稿的模板包（或 --template 指定的另一个）排出报告全文。",
    )
    render.add_argument("file", type=Path, metavar="草稿", help="草稿文件")
    _template_option(render, "改用这个模板包排版", default=None)
    render.add_argument(
        "--format",
        choices=("text", "markdown"),
        help="text（文本）或 markdown；默认按 -o 的扩展名，否则为 text",
    )
    render.add_argument(
        "-o", "--output", type=Path, metavar="文件", help="写入这个文件，而不是输出到屏幕"
    )
    render.set_defaults(handler=run_render)

    export = sub.add_parser(
        "export",
        help="导出报告：.txt、.md、.docx（GB/T 9704-2012 公文格式）或 .pdf",
        description="导出草稿为报告文件；还有占位符时不导出，除非加 --force。"
        "已有同名文件时，原文件保留为“文件名~”。导出 .pdf 需要安装 LibreOffice（soffice）。",
    )
    export.add_argument("file", type=Path, metavar="草稿", help="草稿文件")
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="文件",
        help="输出文件：.txt、.md、.docx 或 .pdf",
    )
    export.add_argument(
        "--encoding",
        default="utf-8",
        metavar="编码",
        help=".txt 的字符编码：utf-8（默认）或 gb18030",
    )
    export.add_argument("--force", action="store_true", help="有占位符未填也导出")
    export.set_defaults(handler=run_export)

    templates = sub.add_parser(
        "templates",
        help="列出模板包，或复制一个来修改",
        description="模板包决定报告的提纲、问题和版式。复制一个到你的模板文件夹，就可以修改它。",
    )
    tsub = templates.add_subparsers(dest="templates_command", metavar="操作", required=True)
    listed = "列出能找到的模板包（你的在前）"
    tlist = tsub.add_parser("list", help=listed, description=listed + "。")
    tlist.set_defaults(handler=run_templates_list)
    tcopy = tsub.add_parser(
        "copy",
        help="把模板包复制到你的模板文件夹，以便修改",
        description="把模板包复制到你的模板文件夹，然后修改副本里的 outline.yaml 和 report.j2。",
    )
    tcopy.add_argument("source", metavar="模板包", help="要复制的模板包，如 standard")
    tcopy.add_argument("dest", metavar="新名称", help="副本的名字，如 mine")
    tcopy.set_defaults(handler=run_templates_copy)


def _template_option(
    parser: argparse.ArgumentParser, help_text: str, default: str | None = "standard"
) -> None:
    parser.add_argument("--template", default=default, metavar="模板包", help=help_text)


def _output(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument("-o", "--output", type=Path, metavar="文件", help=help_text)
    parser.add_argument("--force", action="store_true", help="覆盖已有的文件")


def _save_new(draft: Draft, output: Path | None, force: bool, default: str | None = None) -> int:
    """Save a freshly made draft, never over an existing file unless forced.

    Without -o it is named `default`, else after its unit and year (`长治市潞州区2024.draft.yaml`).
    """
    from drafter.cli.output import say
    from drafter.drafting.draft import save_draft
    from drafter.errors import DraftError
    from drafter.paths import DRAFT_SUFFIX

    meta = draft.meta
    path = output or Path(default or f"{meta.get('unit', '')}{meta.get('year', '')}{DRAFT_SUFFIX}")
    if path.exists() and not force:
        raise DraftError("已经存在；要覆盖它请加 --force", path)
    save_draft(draft, path)
    say(f"已创建草稿 {path}（{draft.meta.get('title', draft.template)}）", style="green")
    say(f"下一步：编辑它（或运行 drafter open {path}），然后运行 drafter check {path}")
    return 0


def run_new(args: argparse.Namespace) -> int:
    from drafter.drafting.draft import new_draft
    from drafter.errors import DraftError

    answers: dict[str, str] = {}
    for pair in args.set:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise DraftError(f"--set 应写成 键=值，而不是 {pair!r}")
        answers[key.strip()] = value
    for key in ("unit", "year"):
        if getattr(args, key) is not None:
            answers[key] = getattr(args, key)
    draft = new_draft(args.template, answers)
    known = [q.key for q in draft.outline.questions]
    unknown = sorted(set(answers) - set(known))
    if unknown:
        asked = "、".join(known)
        raise DraftError(f"模板包 {args.template!r} 不问 {'、'.join(unknown)}（可填：{asked}）")
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
    from drafter.cli.output import say
    from drafter.drafting.draft import load_draft
    from drafter.drafting.outline import load_pack
    from drafter.drafting.render import render_markdown, render_text
    from drafter.errors import ExportError, os_problem
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
        raise ExportError(f"无法写入（{os_problem(error)}）", args.output) from None
    say(f"已写入 {args.output}", style="green")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from drafter.cli.output import say
    from drafter.drafting.draft import load_draft
    from drafter.drafting.export import export_draft

    backup = args.output.with_name(args.output.name + "~")
    before = backup.stat() if backup.exists() else None
    path = export_draft(
        load_draft(args.file), args.output, encoding=args.encoding, force=args.force
    )
    say(f"已导出 {path}", style="green")
    if backup.exists() and backup.stat() != before:  # a new inode: export kept the old file
        say(f"原来的文件已保留为 {backup}")
    return 0


def run_templates_list(args: argparse.Namespace) -> int:
    from drafter.cli.output import print_table, warn
    from drafter.drafting.outline import list_packs, pack_roots
    from drafter.errors import TemplateError

    errors: list[TemplateError] = []
    packs = list_packs(errors)
    user_root = pack_roots()[0].resolve()
    rows = [
        (pack.name, "你的" if pack.root.parent == user_root else "自带", pack.label)
        for pack in packs
    ]
    print_table(rows, ("名称", "来源", "说明"))
    for error in errors:
        warn(f"跳过了有问题的模板包：{error}")
    return 0


def run_templates_copy(args: argparse.Namespace) -> int:
    from drafter.cli.output import say
    from drafter.drafting.outline import copy_pack

    target = copy_pack(args.source, args.dest)
    say(f"已把 {args.source} 复制为 {target}", style="green")
    say("请修改其中的 outline.yaml（问题和提纲）和 report.j2（报告的排法）")
    return 0
