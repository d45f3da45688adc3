"""`drafter open FILE`: the drafting TUI on a draft file."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    """Add `open` to the `drafter` parser."""
    parser = sub.add_parser(
        "open",
        help="open a draft in the drafting TUI",
        description="Open a draft (*.draft.yaml) in the drafting TUI, offering its autosave "
        "if the last session ended without saving.",
    )
    parser.add_argument("draft", type=Path, help="the draft file (*.draft.yaml)")
    parser.set_defaults(handler=run_open)


def run_open(args: argparse.Namespace) -> int:
    """Read the draft first, so that a missing or broken file is one line, not a TUI error."""
    from drafter.drafting.draft import load_draft

    load_draft(args.draft)
    from drafter.tui.app import run_tui

    return run_tui(draft_path=args.draft)
