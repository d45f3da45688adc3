"""`drafter corpus add|build|stats` and `drafter suggest`: the phrasebook from the shell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from drafter.corpus.report import UNIT_KINDS
from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook


def register(sub: argparse._SubParsersAction) -> None:
    """Add `corpus` (add, build, stats) and `suggest` to the `drafter` parser."""
    corpus = sub.add_parser(
        "corpus",
        help="manage the corpus of reports that suggestions come from",
        description="The corpus: the bundled reports plus your own (see `corpus add`).",
    )
    corpus_sub = corpus.add_subparsers(dest="corpus_command", metavar="ACTION", required=True)

    add = corpus_sub.add_parser(
        "add",
        help="copy report files (or folders of them) into your corpus",
        description="Copy reports (.txt/.md/.html/.docx) into your corpus folder; "
        "each file is read first, and files drafter cannot read are left out with a warning.",
    )
    add.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="report file or folder")
    add.add_argument("--json", action="store_true", help="machine-readable output")
    add.set_defaults(handler=run_add)

    build = corpus_sub.add_parser(
        "build",
        help="build or refresh the phrase index",
        description="Index the corpus; only new or changed files are read again.",
    )
    _corpus_option(build)
    build.add_argument("--json", action="store_true", help="machine-readable output")
    build.set_defaults(handler=run_build)

    stats = corpus_sub.add_parser("stats", help="reports and phrases in the index")
    _corpus_option(stats)
    stats.add_argument("--json", action="store_true", help="machine-readable output")
    stats.set_defaults(handler=run_stats)

    suggest = sub.add_parser(
        "suggest",
        help="phrasings from the corpus for what you are writing",
        description="Suggest phrasings used in real reports, best first.",
    )
    suggest.add_argument("text", help="what you are writing (a few words or a sentence)")
    suggest.add_argument(
        "--slot", help="part of the report: measures, duties, shortcomings, plans, other, …"
    )
    suggest.add_argument("--topic", help="task area, e.g. 行政执法 or enforcement")
    suggest.add_argument("--limit", type=int, default=8, help="how many (default 8)")
    suggest.add_argument(
        "--year",
        type=int,
        help="报告年度：不提供该年度已过时或在其后才出现的提法",
    )
    suggest.add_argument(
        "--unit-kind",
        choices=UNIT_KINDS,
        help="单位类型：同类单位用过的提法排在前面",
    )
    suggest.add_argument("--headings", action="store_true", help="标题建议（默认为句子建议）")
    _corpus_option(suggest)
    suggest.add_argument("--json", action="store_true", help="machine-readable output")
    suggest.set_defaults(handler=run_suggest)


def _corpus_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        action="append",
        type=Path,
        metavar="DIR",
        help="corpus folder (repeatable; default: the bundled corpus and yours)",
    )


# --- handlers ----------------------------------------------------------------------------


def run_add(args: argparse.Namespace) -> int:
    from drafter.cli.output import print_json, warn
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
            print(f"copied {len(copied)} report(s) into {target}")
        if present:
            print(f"{len(present)} report(s) already in the corpus")
        if copied:
            print("they will be indexed on the next `drafter corpus build` or suggestion")
    if not (copied or present):
        raise DrafterError("no report was added")
    return 0


def run_build(args: argparse.Namespace) -> int:
    from drafter.cli.output import print_json

    with _open_book(args.corpus) as book:
        stats = book.stats()
        _warn_skipped(stats["skipped"])
        _warn_all(book.summary.warnings)
        if args.json:
            print_json({**book.summary.to_json(), **stats})
            return 0
        summary = book.summary
        action = "rebuilt" if summary.rebuilt else "up to date"
        print(
            f"index {action}: {stats['reports']} reports, {stats['phrases']} phrases"
            f" ({summary.mined} file(s) read, {summary.removed} removed, "
            f"{len(stats['skipped'])} skipped, {len(stats['duplicates'])} duplicate(s))"
        )
        print(f"index file: {stats['index']}")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from drafter.cli.output import print_json

    with _open_book(args.corpus) as book:
        stats = book.stats()
        _warn_all(book.summary.warnings)
    _warn_skipped(stats["skipped"])
    if args.json:
        print_json(stats)
        return 0
    print(f"reports    {stats['reports']}  ({len(stats['skipped'])} skipped)")
    print(f"duplicates {len(stats['duplicates'])}  （同一报告的另一份文件，只计一次）")
    for duplicate in stats["duplicates"]:
        print(f"  {duplicate['file']} = {duplicate['same_as']}")
    print(f"sentences  {stats['sentences']}")
    print(f"headings   {stats['headings']}")
    print(f"held back  {stats['specific']}  （含来源单位特有的地名或人名，无法泛化）")
    print(f"fragments  {stats['fragments']}  （句子残片，不作为句子建议）")
    print(f"phrases    {stats['phrases']}  (after merging near-duplicates)")
    for title, counts in (("by slot", stats["by_slot"]), ("by topic", stats["by_topic"])):
        print(f"\n{title}")
        for name, count in counts.items():
            print(f"  {name:<14}{count:>8}")
    print(f"\nindex file: {stats['index']}")
    return 0


def run_suggest(args: argparse.Namespace) -> int:
    from drafter.cli.output import print_json
    from drafter.corpus.report import resolve_topic

    try:
        topic = resolve_topic(args.topic)
        with _open_book(args.corpus) as book:
            _warn_all(book.summary.warnings)
            suggestions = book.suggest(
                args.text,
                slot=args.slot,
                topic=topic,
                limit=args.limit,
                kind="heading" if args.headings else "sentence",
                year=args.year,
                unit_kind=args.unit_kind,
            )
    except ValueError as error:
        raise DrafterError(str(error)) from None
    if args.json:
        print_json([s.to_json() for s in suggestions])
        return 0
    if not suggestions:
        print("no suggestions")
    for number, s in enumerate(suggestions, 1):
        where = s.slot + (f"/{s.topic}" if s.topic else "")
        print(f"{number:>2}. {s.text}")
        print(f"    score {s.score:.1f} · used in {s.uses} report(s) · {where}")
        if s.template != s.text:
            print(f"    template: {s.template}")
        shown = s.sources[:3]
        for source in shown:
            about = ", ".join(str(v) for v in (source.issuer, source.year) if v)
            print(f"    {source.file}" + (f" ({about})" if about else ""))
        if s.uses > len(shown):
            print(f"    … and {s.uses - len(shown)} more report(s)")
    return 0


# --- helpers -----------------------------------------------------------------------------


def _open_book(corpus: list[Path] | None) -> Phrasebook:
    from drafter.corpus.phrasebook import Phrasebook

    return Phrasebook.open(corpus, progress=ProgressBar(sys.stderr))


def _warn_all(warnings: list[str]) -> None:
    from drafter.cli.output import warn

    for warning in warnings:
        warn(warning)


def _warn_skipped(skipped: list[dict[str, str]]) -> None:
    from drafter.cli.output import warn

    for problem in skipped:
        warn(f"skipped {problem['error']}")


def _report_files(paths: list[Path], problems: list[dict[str, str]]) -> list[Path]:
    """Report files named by the arguments (folders searched), noting paths that are not."""
    from drafter.corpus.ingest import iter_report_files
    from drafter.errors import IngestError

    files: list[Path] = []
    for path in paths:
        if not path.exists():
            problems.append({"file": str(path), "error": f"{path}: no such file or folder"})
            continue
        try:
            found = list(iter_report_files(path))
        except IngestError as error:
            problems.append({"file": str(path), "error": str(error)})
            continue
        if not found:
            kind = "folder has no report files" if path.is_dir() else "not a report file"
            problems.append({"file": str(path), "error": f"{path}: {kind} (.txt .md .html .docx)"})
        files.extend(found)
    return files


def _copy_report(source: Path, target: Path) -> tuple[str, str]:
    """Copy one report into the corpus once it reads well: ("copied" | "present", name).

    A different file with the same name gets a numbered name rather than replacing it.
    """
    from drafter.atomic import write_bytes_atomic
    from drafter.corpus.ingest import read_document
    from drafter.errors import CorpusError

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
        problem = f"cannot copy into {target} ({error.strerror or error})"
        raise CorpusError(problem, source) from None
    return "copied", destination.name


class ProgressBar:
    """Progress of a build on stderr: a redrawn bar on a terminal, a few lines otherwise."""

    WIDTH = 28

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.reported = -1

    def __call__(self, done: int, total: int, name: str) -> None:
        if self.tty:
            filled = self.WIDTH * done // max(total, 1)
            bar = "#" * filled + "." * (self.WIDTH - filled)
            end = "\n" if done >= total else ""
            self.stream.write(f"\rindexing [{bar}] {done}/{total} {name[:32]:<32}{end}")
            self.stream.flush()
            return
        tenth = 10 * done // max(total, 1)
        if tenth > self.reported and (total >= 20 or done == total):
            self.reported = tenth
            print(f"drafter: indexing {done}/{total} files", file=self.stream)
