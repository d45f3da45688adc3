"""The `drafter` command: a thin layer over the core.

With no arguments it opens the TUI. Each command module registers its own
subcommands; handlers import what they need lazily so that `drafter --help`
and quick commands never wait for jieba, Textual, rich or the index. The
parsers are `ChineseParser`s: help, usage and usage errors are in Chinese.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from drafter import __version__
from drafter.cli.argparse_zh import ChineseParser
from drafter.errors import DrafterError

COMMAND_MODULES = (
    "drafter.cli.parse_cmds",
    "drafter.cli.corpus_cmds",
    "drafter.cli.draft_cmds",
    "drafter.cli.check_cmds",
    "drafter.cli.tui_cmds",
)


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseParser(
        prog="drafter",
        description="起草年度法治政府建设情况报告。不带命令时打开起草界面。",
        epilog="每个命令的用法：drafter 命令 --help",
    )
    parser.add_argument(
        "--version", action="version", version=f"drafter {__version__}", help="显示版本号并退出"
    )
    sub = parser.add_subparsers(dest="command", metavar="命令")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from drafter.tui.app import run_tui

            return run_tui()
        return int(args.handler(args) or 0)
    except DrafterError as error:
        print(f"drafter: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("drafter: 已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
