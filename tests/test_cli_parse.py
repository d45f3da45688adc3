"""`drafter parse`: JSON for scripts, one clear line for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import DATA, seed_path

from drafter.cli import main


def run_json(capsys, *args: str):
    assert main(["parse", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_parse_json_shape_and_line_numbers(capsys) -> None:
    data = run_json(capsys, str(seed_path("002")))
    assert set(data) == {"title", "issuer", "year", "date", "reading", "lines"}
    assert data["reading"]["format"] == "txt"  # a tidy text file: nothing repaired
    assert sum(v for k, v in data["reading"].items() if isinstance(v, int) and v) == 0
    assert (data["title"], data["year"], data["date"]) == (
        "关于2022年法治政府建设情况的报告", 2022, "2023-02-27"
    )
    numbers = [line["line"] for line in data["lines"]]
    assert 7 not in numbers and 9 not in numbers  # blank lines of the source are skipped
    first_part = next(line for line in data["lines"] if line["line"] == 12)
    assert first_part == {
        "line": 12, "slot": "measures", "topic": "党的领导与推进机制", "level": 1,
        "heading": "工作开展情况", "text": "一、工作开展情况",
    }
    plans = [line for line in data["lines"] if line["slot"] == "plans"]
    assert [line["line"] for line in plans] == [34, 36, 38, 40, 42]


def test_parse_reads_word_and_gbk_html_like_text(capsys) -> None:
    docx = run_json(capsys, str(DATA / "ingest" / "seed000.docx"))
    text = run_json(capsys, str(seed_path("000")))
    assert [line["slot"] for line in docx["lines"]] == [line["slot"] for line in text["lines"]]
    html = run_json(capsys, str(DATA / "ingest" / "seed001_gbk.html"))
    assert html["issuer"] == "中共长治市潞州区委员会、长治市潞州区人民政府"
    assert html["lines"][-1]["slot"] == "noise"  # the site footer


def test_bad_input_is_one_line_and_non_zero(tmp_path) -> None:
    binary = DATA / "ingest" / "picture.txt"
    for path, problem in [
        (tmp_path / "missing.txt", "：找不到这个文件\n"),
        (binary, "：是二进制文件，不是报告\n"),
        (
            DATA / "ingest" / "latin_cp1252.txt",
            "：无法识别文字编码（不是 UTF-8、UTF-16 或 GB18030 文本）",
        ),
        (DATA / "ingest" / "empty.txt", "：是空文件\n"),
    ]:
        result = subprocess.run(
            [sys.executable, "-m", "drafter", "parse", str(path), "--json"],
            capture_output=True, text=True,
        )
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"drafter: {path}：") and problem in result.stderr
