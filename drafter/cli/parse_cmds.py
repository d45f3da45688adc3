"""`drafter parse FILE`: show how drafter reads a report."""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.cli.corpus_cmds import REPORT_FORMATS, json_option

SHOWN_CHARS = 60
"""Characters of a line shown by `parse`: enough to recognise it, one screen line."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add `parse` to the `drafter` parser."""
    parser = sub.add_parser(
        "parse",
        help="读取一份报告，显示 drafter 读出的结构（部分、主题、标题层级）",
        description=(
            f"读取一份报告（{REPORT_FORMATS}；常见中文编码、繁体均可），"
            "显示每行的部分、主题和标题层级，以及读取时做了哪些修复。"
        ),
    )
    parser.add_argument("file", type=Path, metavar="报告", help="报告文件")
    json_option(parser)
    parser.set_defaults(handler=run_parse)


def run_parse(args: argparse.Namespace) -> int:
    from drafter.cli.output import print_json, print_table, say
    from drafter.corpus.pipeline import load_report
    from drafter.corpus.report import SLOT_LABELS

    report = load_report(args.file)
    if args.json:
        print_json(report.to_json())
        return 0
    print_table(
        [
            ("标题", report.title),
            ("单位", report.issuer),
            ("年度", report.year),
            ("日期", report.date),
            ("读取", report.reading.summary() if report.reading else None),
        ]
    )
    say("")
    rows = []
    for line in report.lines:
        indent = "  " * max(line.level - 1, 0)
        text = line.text if len(line.text) <= SHOWN_CHARS else line.text[: SHOWN_CHARS - 1] + "…"
        rows.append((line.line, SLOT_LABELS[line.slot], line.topic or "", indent + text))
    print_table(rows, ("行", "部分", "主题", "内容"))
    return 0
