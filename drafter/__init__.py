"""drafter: an offline assistant for drafting the annual 法治政府建设情况报告.

The package has two halves and two faces. `drafter.corpus` is the corpus engine
(report files → phrasebook) and `drafter.drafting` the drafting side (template
pack + answers → report); `drafter.cli` and `drafter.tui` sit on both. Small
shared pieces (errors, paths, atomic writes, text normalisation, YAML marks,
placeholders) are the modules at the top.

For scripts and tests, the main entry points are importable from here; they are
loaded on first use, so `import drafter` costs nothing (the TUI's start time
does not grow):

    from drafter import Phrasebook, load_report, import_report, export_draft

    with Phrasebook.open() as book:               # bundled corpus + your own
        for s in book.suggest("行政复议", slot="measures"):
            print(s.text, s.uses)
    report = load_report("去年报告.docx")          # read, parse, classify
    draft = import_report("去年报告.docx")         # … as a draft
    export_draft(draft, "报告.docx", force=True)   # GB/T 9704 Word file
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API: dict[str, str] = {
    "DrafterError": "drafter.errors",
    "Phrasebook": "drafter.corpus.phrasebook",
    "Suggestion": "drafter.corpus.phrasebook",
    "Report": "drafter.corpus.report",
    "load_report": "drafter.corpus.pipeline",
    "Draft": "drafter.drafting.draft",
    "new_draft": "drafter.drafting.draft",
    "load_draft": "drafter.drafting.draft",
    "save_draft": "drafter.drafting.draft",
    "import_report": "drafter.drafting.reuse",
    "next_year_draft": "drafter.drafting.reuse",
    "render_text": "drafter.drafting.render",
    "render_markdown": "drafter.drafting.render",
    "check_draft": "drafter.drafting.check",
    "export_draft": "drafter.drafting.export",
}
"""Public name → the module that defines it."""

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    """Import a public name's module the first time the name is used."""
    if name not in _API:
        raise AttributeError(f"module 'drafter' has no attribute {name!r}")
    value = getattr(importlib.import_module(_API[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_API})
