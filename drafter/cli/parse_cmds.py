"""`drafter parse FILE`: show how drafter reads a report."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    """Add `parse` to the `drafter` parser."""
    parser = sub.add_parser(
        "parse",
        help="read a report and show its outline (slots, topics, headings)",
        description=(
            "读取一份报告（.txt/.md/.html/.docx/.pdf；装有LibreOffice时也读.doc/.wps/.rtf/.odt；"
            "常见中文编码、繁体均可），显示每行的部分、主题和标题层级，以及读取时做了哪些修复。"
        ),
    )
    parser.add_argument("file", type=Path, help="the report file")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.set_defaults(handler=run_parse)


def run_parse(args: argparse.Namespace) -> int:
    from drafter.cli.output import print_json
    from drafter.corpus.pipeline import load_report

    report = load_report(args.file)
    if args.json:
        print_json(report.to_json())
        return 0
    print(f"标题  {report.title or '—'}")
    print(f"单位  {report.issuer or '—'}")
    print(f"年度  {report.year or '—'}    日期  {report.date or '—'}")
    if report.reading:
        print(f"读取  {report.reading.summary()}")
    print()
    for line in report.lines:
        topic = f" {line.topic}" if line.topic else ""
        indent = "  " * max(line.level - 1, 0)
        text = line.text if len(line.text) <= 60 else line.text[:59] + "…"
        print(f"{line.line:>4}  {line.slot:<12}{topic:<10} {indent}{text}")
    return 0
