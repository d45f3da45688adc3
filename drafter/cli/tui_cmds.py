"""`drafter open FILE`: the drafting TUI on a draft, or on a finished report to start from."""

from __future__ import annotations

import argparse
from pathlib import Path

from drafter.errors import DraftError


def register(sub: argparse._SubParsersAction) -> None:
    """Add `open` to the `drafter` parser."""
    parser = sub.add_parser(
        "open",
        help="open a draft, or last year's report, in the drafting TUI",
        description="Open a draft (*.draft.yaml) in the drafting TUI, offering its autosave "
        "if the last session ended without saving. Any other file (.docx, .txt, .html, .md …) "
        "is a finished report: the TUI shows what it recognised and offers to import it as "
        "this year's draft or to start next year's draft from it.",
    )
    parser.add_argument("draft", type=Path, help="the draft file (*.draft.yaml) or a report")
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
        problem = "is a directory, not a report file" if path.is_dir() else "no such file"
        raise DraftError(problem, path)
    return run_tui(draft_path=path)
