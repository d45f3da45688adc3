"""Make `drafter/data/gazetteer.tsv` from jionlp's list of China's administrative divisions.

    pip download jionlp==1.5.31 --no-deps -d /tmp/jio
    unzip -p /tmp/jio/jionlp-*.whl jionlp/dictionary/china_location.zip > /tmp/loc.zip
    unzip -o /tmp/loc.zip -d /tmp/loc
    python tools/make_gazetteer.py /tmp/loc/china_location.txt

The source lists provinces, prefectures, counties, towns and villages as a tab-indented
tree (`name<TAB>code<TAB>short`); drafter keeps the first three levels. Municipalities
appear as province and as prefecture: the province row is kept.
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "drafter" / "data" / "gazetteer.tsv"
GENERIC = {
    "经开区", "高新区", "开发区", "新区", "城区", "郊区", "市辖区", "县", "矿区", "市中", "新城",
}
"""Short forms that name no one place."""
HEADER = """\
# China's administrative divisions down to county level: code, level (1 province,
# 2 prefecture, 3 county), official name, common short form.
# From jionlp (https://github.com/dongrixinyu/JioNLP), dictionary/china_location.txt,
# version 1.5.31 (data of 2025-11), Apache License 2.0; generic short forms
# (经开区, 高新区, 城区 …) dropped. Regenerate with tools/make_gazetteer.py.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="jionlp's china_location.txt")
    args = parser.parse_args()
    rows: dict[str, tuple[int, str, str]] = {}
    for line in args.source.read_text(encoding="utf-8").splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t")
        if depth > 2 or len(parts) < 2:
            continue
        level, name, code = depth + 1, parts[0], parts[1]
        short = parts[2] if len(parts) > 2 else ""
        if code in rows and rows[code][0] <= level:
            continue
        if short in GENERIC or short == name or len(short) < 2:
            short = ""
        rows[code] = (level, name, short)
    lines = [
        f"{code}\t{level}\t{name}\t{short}" for code, (level, name, short) in sorted(rows.items())
    ]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} divisions to {OUT}")


if __name__ == "__main__":
    main()
