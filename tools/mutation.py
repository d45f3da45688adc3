"""Mutation testing of the core rule modules, with a kill rate per module.

    .venv/bin/pip install -e '.[mutation]'
    .venv/bin/python tools/mutation.py            # a fresh run (about 90 min on 2 shared cores)
    .venv/bin/python tools/mutation.py --report   # the figures of the last run again

mutmut (configured under [tool.mutmut] in pyproject.toml) makes small changes to
the rule modules one at a time — a comparison flipped, a constant changed, a
string or a call dropped — and runs the tests that cover the changed function,
without the TUI tests. A mutant the tests let pass is a rule nothing guards.
`mutmut results` lists the survivors and `mutmut show NAME` shows one (while the
tree is as it was when the run started).

Some survivors change nothing a caller can see (an equivalent mutant: a
default argument nobody passes, a `str(x)` of what is already a string). The
figure that counts is the kill rate among the mutants that change behaviour;
the survivors judged equivalent are listed, with why, in
`tools/mutation_equivalent/<module>.txt` (one mutant name a line, then `#` and
the reason; a name that is no longer a survivor is reported as stale).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = Path(sys.executable).with_name("mutmut")
EQUIVALENT = Path(__file__).with_name("mutation_equivalent")


def equivalent_names() -> set[str]:
    """Mutant names judged equivalent (first word of each non-comment line of each list)."""
    names = set()
    for listing in sorted(EQUIVALENT.glob("*.txt")):
        for line in listing.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                names.add(line.split()[0])
    return names


def results() -> dict[str, str]:
    """Every mutant of the last run and its status (killed, survived, timeout, …), read from
    the run's own records under mutants/ (so the figures stand even if files moved since)."""
    from mutmut.stats import status_by_exit_code

    found = {}
    for meta in sorted((ROOT / "mutants").rglob("*.py.meta")):
        data = json.loads(meta.read_text(encoding="utf-8"))
        for name, code in data.get("exit_code_by_key", {}).items():
            found[name] = status_by_exit_code[code]
    return found


def report(found: dict[str, str]) -> int:
    equivalent = equivalent_names()
    stale = sorted(equivalent - {n for n, s in found.items() if s == "survived"})
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for name, status in found.items():
        module = name.rsplit(".", 1)[0]
        if status == "survived" and name in equivalent:
            status = "equivalent"
        by_module[module][status] += 1
    header = f"{'module':<22}{'mutants':>8}{'killed':>8}{'survived':>9}{'equiv.':>7}{'other':>6}"
    print(header + f"{'killed/behaviour-changing':>28}")
    total: Counter[str] = Counter()
    for module in sorted(by_module):
        counts = by_module[module]
        total.update(counts)
        print(_row(module, counts))
    print(_row("all", total))
    for name in stale:
        print(f"stale entry in {EQUIVALENT.name}/ (no such survivor): {name}")
    return 0


def _row(name: str, counts: Counter[str]) -> str:
    killed = counts["killed"] + counts["timeout"]
    other = sum(counts.values()) - killed - counts["survived"] - counts["equivalent"]
    changing = killed + counts["survived"]
    rate = f"{100 * killed / changing:.1f}%" if changing else "—"
    return (
        f"{name:<22}{sum(counts.values()):>8}{killed:>8}{counts['survived']:>9}"
        f"{counts['equivalent']:>7}{other:>6}{rate:>28}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="only print the last run's figures")
    args = parser.parse_args()
    if not MUTMUT.exists():
        print("mutmut is not installed: .venv/bin/pip install -e '.[mutation]'", file=sys.stderr)
        return 2
    if not args.report:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
        subprocess.run([str(MUTMUT), "run"], cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    return report(results())


if __name__ == "__main__":
    sys.exit(main())
