"""The `check` command: what a reviewer would mark down, and how the measures cover the 纲要.

The corpus-based checks (text copied from other units' reports, their people
and brands, coverage against typical reports) use the phrase index of the
default corpus, or of `--corpus` folders; `--no-corpus` skips them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.cli.corpus_cmds import INDEXING, corpus_option, json_option

if TYPE_CHECKING:
    from drafter.cli.output import ProgressCallback
    from drafter.corpus.phrasebook import Phrasebook
    from drafter.drafting.findings import Finding

CHECK_EXIT = "退出状态：没有错误（可以有注意和提示）时为 0，有错误时为 1"


def register(sub: argparse._SubParsersAction) -> None:
    """Add the `check` command to the `drafter` parser."""
    check = sub.add_parser(
        "check",
        help="列出审阅者会指出的问题",
        description="检查草稿：缺少的部分、待填内容、年份、编号、标点、数字、期限、篇幅；"
        "过时的提法和晚于成文日期的事件；外地的地名、人名和品牌；抄自其他单位报告的文字"
        "（需要语料）；括号引号、空格、正文中的编号、超过100%的比率、重复的句子；"
        "用 --against 对照去年的报告找出照抄的段落、句子和未更新的数字。",
        epilog=CHECK_EXIT,
    )
    check.add_argument("file", type=Path, metavar="草稿", help="草稿文件")
    check.add_argument("--against", type=Path, metavar="报告", help="去年的报告（任何格式）或草稿")
    check.add_argument(
        "--coverage",
        action="store_true",
        help="不列问题，改为显示主要举措对纲要各任务分项的覆盖（与语料中的报告对照）",
    )
    corpus_option(check)
    check.add_argument("--no-corpus", action="store_true", help="不做需要语料的检查（更快）")
    json_option(check)
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from drafter.cli.output import print_json, progress_bar, say
    from drafter.drafting.check import check_draft
    from drafter.drafting.checks.coverage import coverage, coverage_lines
    from drafter.drafting.draft import load_draft

    draft = load_draft(args.file)
    with progress_bar(INDEXING) as progress:
        corpus = None if args.no_corpus else _open_corpus(args.corpus, progress)
        try:
            if args.coverage:
                found = coverage(draft, corpus)
            else:
                findings = check_draft(draft, args.against, corpus=corpus)
        finally:
            if corpus is not None:
                corpus.close()
    if args.coverage:
        if args.json:
            print_json(found.to_json())
        else:
            say("\n".join(coverage_lines(found)))
        return 0
    errors = sum(f.severity == "error" for f in findings)
    if args.json:
        print_json([finding.to_json() for finding in findings])
        return 1 if errors else 0
    print_findings(args.file, findings)
    return 1 if errors else 0


def print_findings(path: Path, findings: list[Finding]) -> None:
    """The findings in a table (line, severity, check, place, problem) under the draft's
    name, then how many of each severity."""
    from drafter.cli.output import print_table, say
    from drafter.drafting.findings import SEVERITY_LABELS

    if findings:
        rows = [
            (f.line, SEVERITY_LABELS.get(f.severity, f.severity), f.code, f.place, f.message)
            for f in findings
        ]
        print_table(rows, ("行", "级别", "检查项", "位置", "问题"), title=str(path))
    counts = [
        f"{label}{sum(f.severity == severity for f in findings)}处"
        for severity, label in SEVERITY_LABELS.items()
    ]
    say("，".join(counts))


def _open_corpus(dirs: list[Path] | None, progress: ProgressCallback) -> Phrasebook | None:
    """The phrase index. Folders given on the command line must open; the default corpus
    failing only skips the corpus-based checks."""
    from drafter.cli.output import warn
    from drafter.corpus.phrasebook import Phrasebook
    from drafter.errors import CorpusError

    try:
        return Phrasebook.open(dirs, progress=progress)
    except CorpusError as error:
        if dirs:
            raise
        warn(f"语料不可用，未做需要语料的检查：{error}")
        return None
