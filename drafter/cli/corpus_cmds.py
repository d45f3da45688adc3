"""`drafter corpus add|build|stats` and `drafter suggest`: the phrasebook from the shell."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.corpus.report import CONTENT_SLOTS, SLOT_LABELS, UNIT_KINDS
from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook, Suggestion

REPORT_FORMATS = ".txt/.md/.html/.htm/.docx/.pdf；装有 LibreOffice 时也读 .doc/.wps/.rtf/.odt"
"""The report files drafter reads (`ingest.SUPPORTED_SUFFIXES`), as help texts name them;
written out so that `drafter --help` does not import the reader."""
INDEXING = "建立短语索引"
"""The label of the progress bar while reports are read into the index."""
MISSING = "找不到这个文件或文件夹"


def register(sub: argparse._SubParsersAction) -> None:
    """Add `corpus` (add, build, stats) and `suggest` to the `drafter` parser."""
    corpus = sub.add_parser(
        "corpus",
        help="管理语料：建议和检查所依据的报告",
        description="语料是随程序附带的报告，加上你自己的报告（用 drafter corpus add 加入）；"
        "建议的说法和对照检查都来自语料的短语索引。",
    )
    corpus_sub = corpus.add_subparsers(dest="corpus_command", metavar="操作", required=True)

    add = corpus_sub.add_parser(
        "add",
        help="把报告文件（或整个文件夹的报告）复制到你的语料中",
        description=f"把报告（{REPORT_FORMATS}）复制到你的语料文件夹。"
        "每份先试读一遍，读不了的不复制，并逐个说明原因。",
    )
    add.add_argument("paths", nargs="+", type=Path, metavar="路径", help="报告文件或文件夹")
    json_option(add)
    add.set_defaults(handler=run_add)

    build = corpus_sub.add_parser(
        "build",
        help="建立或更新短语索引",
        description="为语料建立短语索引；只重新读取新加入或改动过的文件，并显示进度。",
    )
    corpus_option(build)
    json_option(build)
    build.set_defaults(handler=run_build)

    stats = corpus_sub.add_parser(
        "stats",
        help="索引中有多少报告和短语",
        description="列出索引中的报告、句子、标题和短语数目（按部分、按主题），"
        "以及跳过的文件、重复的报告和不作为建议的短语。",
    )
    corpus_option(stats)
    json_option(stats)
    stats.set_defaults(handler=run_stats)

    suggest = sub.add_parser(
        "suggest",
        help="从语料中找出可用的说法",
        description="给出真实报告里用过的说法，最合适的在前；"
        "其中的单位、上级、人名、数字和年份已换成 {单位}、{数量} 这样的占位符。",
    )
    suggest.add_argument("text", metavar="文字", help="正在写的内容（几个词或一句话）")
    suggest.add_argument(
        "--slot",
        metavar="部分",
        help="报告的部分："
        + "、".join(f"{slot}（{SLOT_LABELS[slot]}）" for slot in CONTENT_SLOTS)
        + "，以及 front（开头）、closing（结尾）",
    )
    suggest.add_argument(
        "--topic", metavar="主题", help="纲要的任务分项，如 行政执法（也可用英文别名 enforcement）"
    )
    suggest.add_argument(
        "--limit", type=int, default=8, metavar="条数", help="最多给出几条（默认 8）"
    )
    suggest.add_argument(
        "--year",
        type=int,
        metavar="年度",
        help="报告年度：不提供该年度已过时或在其后才出现的提法",
    )
    suggest.add_argument(
        "--unit-kind",
        choices=UNIT_KINDS,
        metavar="单位类型",
        help=f"单位类型（{'、'.join(UNIT_KINDS)}）：同类单位用过的说法排在前面",
    )
    suggest.add_argument("--headings", action="store_true", help="给出标题（默认给出句子）")
    corpus_option(suggest)
    json_option(suggest)
    suggest.set_defaults(handler=run_suggest)


def corpus_option(parser: argparse.ArgumentParser) -> None:
    """`--corpus 文件夹`, for the commands that read the phrase index."""
    parser.add_argument(
        "--corpus",
        action="append",
        type=Path,
        metavar="文件夹",
        help="语料文件夹（可重复；默认：自带语料和你的语料）",
    )


def json_option(parser: argparse.ArgumentParser) -> None:
    """`--json`, for the commands whose output a script may read."""
    parser.add_argument("--json", action="store_true", help="输出机器可读的 JSON")


# --- handlers ----------------------------------------------------------------------------


def run_add(args: argparse.Namespace) -> int:
    from drafter.cli.output import print_json, say, warn
    from drafter.paths import user_dirs

    target = user_dirs().corpus
    copied: list[str] = []
    present: list[str] = []
    problems: list[dict[str, str]] = []
    for source in _report_files(args.paths, problems):
        try:
            outcome, name = _copy_report(source, target)
        except DrafterError as error:
            problems.append({"file": str(source), "error": str(error)})
            continue
        (copied if outcome == "copied" else present).append(name)
    for problem in problems:
        warn(problem["error"])
    if args.json:
        print_json(
            {"corpus": str(target), "copied": copied, "present": present, "skipped": problems}
        )
    else:
        if copied:
            say(f"已把{len(copied)}份报告复制到 {target}", style="green")
        if present:
            say(f"{len(present)}份报告已在语料中，没有再复制")
        if copied:
            say("下次运行 drafter corpus build 或查找建议时，会为它们建立索引")
    if not (copied or present):
        raise DrafterError("没有加入任何报告（原因见上面的警告）")
    return 0


def run_build(args: argparse.Namespace) -> int:
    from drafter.cli.output import print_json, say

    with _open_book(args.corpus) as book:
        stats = book.stats()
        summary = book.summary
    _warn_skipped(stats["skipped"])
    _warn_all(summary.warnings)
    if args.json:
        print_json({**summary.to_json(), **stats})
        return 0
    state = "已更新" if summary.rebuilt else "已是最新"
    say(
        f"短语索引{state}：{stats['reports']}份报告，{stats['phrases']}条短语"
        f"（读取{summary.mined}个文件，移除{summary.removed}个，"
        f"跳过{len(stats['skipped'])}个，重复{len(stats['duplicates'])}个）"
    )
    say(f"索引文件：{stats['index']}")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from drafter.cli.output import print_json, print_table, say

    with _open_book(args.corpus) as book:
        stats = book.stats()
        warnings = book.summary.warnings
    _warn_all(warnings)
    _warn_skipped(stats["skipped"])
    if args.json:
        print_json(stats)
        return 0
    print_table(
        [
            ("报告", stats["reports"], f"跳过{len(stats['skipped'])}个读不了的文件"),
            ("重复", len(stats["duplicates"]), "同一报告的另一份文件，只计一次"),
            ("句子", stats["sentences"], ""),
            ("标题", stats["headings"], ""),
            ("不作建议", stats["specific"], "含来源单位特有的地名或人名，无法泛化"),
            ("残片", stats["fragments"], "句子残片，不作为句子建议"),
            ("短语", stats["phrases"], "合并相近的说法之后"),
        ],
        ("语料", "数目", "说明"),
    )
    if stats["duplicates"]:
        say("")
        print_table(
            [(d["file"], d["same_as"]) for d in stats["duplicates"]],
            ("重复的文件", "与之相同的报告"),
        )
    say("")
    by_slot = [(SLOT_LABELS.get(slot, slot), count) for slot, count in stats["by_slot"].items()]
    print_table(by_slot, ("部分", "短语"))
    say("")
    print_table(stats["by_topic"].items(), ("主题", "短语"))
    say("")
    say(f"索引文件：{stats['index']}")
    return 0


def run_suggest(args: argparse.Namespace) -> int:
    from drafter.cli.output import print_json, print_table, say
    from drafter.corpus.report import resolve_topic

    try:
        topic = resolve_topic(args.topic)
        with _open_book(args.corpus) as book:
            suggestions = book.suggest(
                args.text,
                slot=args.slot,
                topic=topic,
                limit=args.limit,
                kind="heading" if args.headings else "sentence",
                year=args.year,
                unit_kind=args.unit_kind,
            )
            warnings = book.summary.warnings
    except ValueError as error:
        raise DrafterError(str(error)) from None
    _warn_all(warnings)
    if args.json:
        print_json([s.to_json() for s in suggestions])
        return 0
    if not suggestions:
        say("没有找到合适的说法：换几个词再试，或去掉 --slot、--topic、--year 的限制")
        return 0
    rows = [
        (
            number,
            s.template,
            round(s.score, 1),
            s.uses,
            SLOT_LABELS[s.slot] + (f"·{s.topic}" if s.topic else ""),
            _sources(s),
        )
        for number, s in enumerate(suggestions, 1)
    ]
    print_table(rows, ("序号", "建议", "得分", "报告数", "部分", "来源"))
    return 0


# --- helpers -----------------------------------------------------------------------------

SHOWN_SOURCES = 2
"""Sources named beside a suggestion (`--json` lists them all)."""


def _sources(suggestion: Suggestion) -> str:
    """`seed001.txt（长治市潞州区 2022）；seed004.txt（…）等5篇`: where a phrasing was used."""
    named = []
    for source in suggestion.sources[:SHOWN_SOURCES]:
        about = " ".join(str(part) for part in (source.issuer, source.year) if part)
        named.append(source.file + (f"（{about}）" if about else ""))
    more = f"等{suggestion.uses}篇" if suggestion.uses > len(named) else ""
    return "；".join(named) + more


@contextmanager
def _open_book(corpus: list[Path] | None) -> Iterator[Phrasebook]:
    """The phrase index of `corpus` (None: the default), brought up to date with its
    progress on stderr; what the command prints comes after the block."""
    from drafter.cli.output import progress_bar
    from drafter.corpus.phrasebook import Phrasebook

    with progress_bar(INDEXING) as progress, Phrasebook.open(corpus, progress=progress) as book:
        yield book


def _warn_all(warnings: list[str]) -> None:
    from drafter.cli.output import warn

    for warning in warnings:
        warn(warning)


def _warn_skipped(skipped: list[dict[str, str]]) -> None:
    from drafter.cli.output import warn

    for problem in skipped:
        warn(f"已跳过 {problem['error']}")


def _report_files(paths: list[Path], problems: list[dict[str, str]]) -> list[Path]:
    """Report files named by the arguments (folders searched), noting paths that are not."""
    from drafter.corpus.ingest import iter_report_files
    from drafter.errors import IngestError

    files: list[Path] = []
    for path in paths:
        if not path.exists():
            problems.append({"file": str(path), "error": str(IngestError(MISSING, path))})
            continue
        try:
            found = list(iter_report_files(path))
        except IngestError as error:
            problems.append({"file": str(path), "error": str(error)})
            continue
        if not found:
            kind = "文件夹里没有报告文件" if path.is_dir() else "不是报告文件"
            problem = f"{kind}（能读的有 {REPORT_FORMATS}）"
            problems.append({"file": str(path), "error": str(IngestError(problem, path))})
        files.extend(found)
    return files


def _copy_report(source: Path, target: Path) -> tuple[str, str]:
    """Copy one report into the corpus once it reads well: ("copied" | "present", name).

    A different file with the same name gets a numbered name rather than replacing it.
    """
    from drafter.atomic import write_bytes_atomic
    from drafter.corpus.ingest import read_document
    from drafter.errors import CorpusError, os_problem

    read_document(source)  # raises IngestError (naming the file) if drafter cannot read it
    try:
        data = source.read_bytes()
        destination = target / source.name
        number = 1
        while destination.exists():
            if destination.read_bytes() == data:
                return "present", destination.name
            number += 1
            destination = target / f"{source.stem}-{number}{source.suffix}"
        write_bytes_atomic(destination, data)
    except OSError as error:
        raise CorpusError(f"无法复制到 {target}（{os_problem(error)}）", source) from None
    return "copied", destination.name
