"""The core never imports the UI, and importing it never loads jieba.

`drafter/tui/` is the only place Textual enters; jieba's dictionary takes about
a second to load, so it is loaded only when text is actually segmented.
"""

import pkgutil
import subprocess
import sys

import drafter


def core_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(drafter.__path__, prefix="drafter.")
        if not info.name.startswith("drafter.tui") and info.name != "drafter.__main__"
    ]
    assert "drafter.parse" in names and "drafter.cli" in names
    return names


def test_core_imports_neither_textual_nor_jieba() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'jieba'}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
