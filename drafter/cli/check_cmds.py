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
    from drafter.drafting.checks.coverage import Coverage
    from drafter.drafting.findings import Finding

CHECK_EXIT = "退出状态：没有错误（可以有注意和提示）时为 0，有错误时为 1"
BAR_WIDTH = 20
"""Characters of a coverage bar: the whole bar is `BAR_SCALE` of the measures."""
BAR_SCALE = 0.4


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
    from drafter.drafting.checks.coverage import coverage
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


def coverage_lines(found: Coverage) -> list[str]:
    """The coverage as text bars, one task area a line, the typical share marked `|`."""
    from rich.cells import cell_len

    if found.reports:
        against = f"“|”为语料中{found.reports}份报告的中位数"
    else:
        against = "没有可对照的语料"
    lines = [f"主要举措和成效共{found.sentences}句，按纲要任务分项（{against}）："]
    width = max(cell_len(topic.topic) for topic in found.topics)
    for topic in found.topics:
        name = topic.topic + " " * (width - cell_len(topic.topic))
        bar = _bar(topic.share, topic.typical_share)
        line = f"  {name} {bar} {topic.sentences:>3}句 {topic.share:>4.0%}"
        if topic.typical_share is not None:
            line += f"  常见 {topic.typical_share:>4.0%}（中位 {topic.typical_sentences:g}句）"
            if topic in found.thin():
                line += "  偏少"
        lines.append(line)
    rest = found.sentences - sum(topic.sentences for topic in found.topics)
    if rest:
        lines.append(f"  未归入分项：{rest}句")
    return lines


def _bar(share: float, typical: float | None) -> str:
    filled = min(BAR_WIDTH, round(share / BAR_SCALE * BAR_WIDTH))
    cells = ["█"] * filled + ["·"] * (BAR_WIDTH - filled)
    if typical is not None:
        cells[min(BAR_WIDTH - 1, round(typical / BAR_SCALE * BAR_WIDTH))] = "|"
    return "".join(cells)
