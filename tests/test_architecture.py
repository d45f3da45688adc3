"""The package's shape: layers one way, no import circles, a light top level.

drafter has two halves and two faces: `drafter.corpus` (the corpus engine) and
`drafter.drafting` (the drafting side), with `drafter.cli` and `drafter.tui` on
top and the small shared modules at the bottom. Imports run one way:

    tui, cli  →  drafting  →  corpus  →  shared (drafter.errors, drafter.paths, …)

`drafter/tui/` is the only place Textual enters, and jieba's dictionary (about a
second to load) is loaded only when text is actually segmented.
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import drafter

PACKAGE = Path(drafter.__file__).parent
LAYERS = {"shared": 0, "corpus": 1, "drafting": 2, "cli": 3, "tui": 3}
"""A module may import modules of its own layer or below, never above."""


def modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(drafter.__path__, prefix="drafter.")
        if info.name != "drafter.__main__"  # importing it runs the command
    ]
    assert {"drafter.corpus.parse", "drafter.drafting.render", "drafter.cli"} <= set(names)
    return names


def layer(module: str) -> str:
    """corpus, drafting, cli or tui for their subpackages; shared for the top modules."""
    part = module.split(".")[1] if module.count(".") else ""
    return part if part in ("corpus", "drafting", "cli", "tui") else "shared"


def source(module: str) -> Path:
    path = PACKAGE.joinpath(*module.split(".")[1:])
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def imported(module: str, known: set[str]) -> set[str]:
    """drafter modules `module` imports, at the top or inside a function."""
    tree = ast.parse(source(module).read_text(encoding="utf-8"))
    found: set[str] = set()
    package = module if source(module).name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        found.update(name for name in names if name in known)
    found.discard(module)
    return found


def graph() -> dict[str, set[str]]:
    names = set(modules()) - {"drafter"}
    return {name: imported(name, names) for name in names}


def test_layers_run_one_way() -> None:
    wrong = [
        f"{module} ({layer(module)}) imports {other} ({layer(other)})"
        for module, others in graph().items()
        for other in others
        if LAYERS[layer(other)] > LAYERS[layer(module)]
        or (layer(module), layer(other)) == ("tui", "cli")
    ]
    assert wrong == []


def test_no_module_is_imported_by_a_module_it_imports() -> None:
    edges = graph()

    def reaches(start: str, goal: str) -> bool:
        seen, stack = set(), [start]
        while stack:
            node = stack.pop()
            if node == goal:
                return True
            if node not in seen:
                seen.add(node)
                stack.extend(edges.get(node, ()))
        return False

    circles = sorted(
        f"{a} ⇄ {b}" for a, others in edges.items() for b in others if a < b and reaches(b, a)
    )
    assert circles == []


def test_the_layering_test_sees_real_edges() -> None:
    edges = graph()
    assert "drafter.corpus.parse" in edges["drafter.corpus.classify"]
    assert "drafter.corpus.pipeline" in edges["drafter.drafting.reuse"]
    assert "drafter.errors" in edges["drafter.yamlmarks"]
    assert layer("drafter.corpus.mine") == "corpus" and layer("drafter.atomic") == "shared"
    assert layer("drafter.drafting") == "drafting" and layer("drafter.tui.app") == "tui"


def test_core_imports_neither_textual_nor_jieba() -> None:
    core = [name for name in modules() if not name.startswith("drafter.tui")]
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'jieba'}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_the_top_level_api_is_lazy() -> None:
    code = (
        "import sys, drafter\n"
        "print(sorted(m for m in sys.modules if m.startswith('drafter.')))\n"
        "from drafter import Phrasebook, load_report, export_draft, import_report\n"
        "print(Phrasebook.__module__, load_report.__module__, export_draft.__module__)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == [
        "[]",
        "drafter.corpus.phrasebook drafter.corpus.pipeline drafter.drafting.export",
    ]
    assert set(drafter.__all__) <= set(dir(drafter))
