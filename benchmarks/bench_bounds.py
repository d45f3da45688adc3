"""What the bounds cost and what they stop: template rendering and validator regexes.

Baseline: rendering the luzhou draft through the standard pack, in the same run.
Then the time each hostile template takes to be refused (it would run for minutes or
exhaust memory without the bounds), and the time a validator takes to match 200
characters against the choice-point estimate `outline.validator_problem` uses: the
estimates show why 10^8 is the budget (three `\\d*` pass, four are refused).

    python benchmarks/bench_bounds.py
"""

from __future__ import annotations

import re
import re._parser as sre_parse
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = {
    "2 ** (10 ** 10)": "{{ 2 ** (10 ** 10) }}",
    "nested range(100000)": "{% for i in range(100000) %}{% for j in range(100000) %}"
    "{% endfor %}{% endfor %}",
    "lipsum(10 ** 7)": "{{ lipsum(10 ** 7) }}",
    "'x' * 10 ** 9": "{{ 'x' * 10 ** 9 }}",
    "exponential macro": "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}"
    "{% endmacro %}{{ m(60) }}",
}
VALIDATORS = [r"[^\s，。]{2,40}", r"\d*\d*x", r"\d*\d*\d*x", r"\d*\d*\d*\d*x", r"(a|b|ab)*c"]


def timed(function, *args, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        function(*args)
    return (time.perf_counter() - start) / repeat


def refuse(draft, name: str) -> None:
    from drafter.drafting.render import render_text
    from drafter.errors import TemplateError

    try:
        render_text(draft)
    except TemplateError:
        return
    raise AssertionError(f"{name} was rendered")


def main() -> None:
    import os

    os.environ["DRAFTER_HOME"] = tempfile.mkdtemp(prefix="drafter-bench-")
    from drafter.drafting.draft import load_draft, new_draft
    from drafter.drafting.outline import _backtracking
    from drafter.drafting.render import render_text
    from drafter.paths import bundled_dir, user_dirs

    draft = load_draft(ROOT / "tests" / "data" / "drafts" / "luzhou2023.draft.yaml")
    render_text(draft)
    baseline = timed(render_text, draft, repeat=50)
    print(f"baseline: render the luzhou draft      {baseline * 1000:8.2f} ms")
    pack = user_dirs().templates / "hostile"
    for name, template in HOSTILE.items():
        shutil.rmtree(pack, ignore_errors=True)
        shutil.copytree(bundled_dir("templates") / "standard", pack)
        for name_j2 in ("report.j2", "report.txt.j2"):  # whichever the pack renders
            if (pack / name_j2).exists():
                (pack / name_j2).write_text(template, encoding="utf-8")
        hostile = new_draft("hostile", {"unit": "甲区", "year": 2024})
        print(f"refused: {name:<30} {timed(refuse, hostile, name) * 1000:8.2f} ms")
    for pattern in VALIDATORS:
        cost = _backtracking(list(sre_parse.parse(pattern)), 200)
        subject = "1" * 200 if "d" in pattern else "ab" * 20
        seconds = timed(re.fullmatch, pattern, subject)
        print(f"validator {pattern:<18} estimate {cost:>12,}  match {seconds * 1000:10.2f} ms")


if __name__ == "__main__":
    main()
