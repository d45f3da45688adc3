"""`drafter open FILE`: the drafting TUI on a draft, or on a finished report to start from."""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.errors import DraftError


def register(sub: argparse._SubParsersAction) -> None:
    """Add `open` to the `drafter` parser."""
    parser = sub.add_parser(
        "open",
        help="在起草界面中打开草稿，或打开去年的报告开始新的草稿",
        description="在起草界面中打开草稿（*.draft.yaml）；上次没有正常退出时，先问要不要恢复"
        "自动保存的内容。其他文件（.docx .txt .html .md 等）作为写好的报告打开：界面列出认出的"
        "单位、年度和各部分，可以作为今年的草稿导入，或以它为去年的报告开始新一年。",
    )
    parser.add_argument(
        "draft", type=Path, metavar="文件", help="草稿（*.draft.yaml）或报告文件"
    )
    parser.set_defaults(handler=run_open)


def run_open(args: argparse.Namespace) -> int:
    """Read a draft first, so that a missing or broken file is one line, not a TUI error
    (an answer that does not pass is left for the TUI to mark); a report only has to be
    there: reading it is the TUI's first step, with what was recognised on screen."""
    from drafter.tui.app import is_draft_file, run_tui
    from drafter.tui.session import load_for_editing

    path: Path = args.draft
    if is_draft_file(path):
        load_for_editing(path)
    elif not path.is_file():
        raise DraftError("是文件夹，不是文件" if path.is_dir() else "找不到这个文件", path)
    return run_tui(draft_path=path)
