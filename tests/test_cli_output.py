"""What the commands print: tables that line up with Chinese, plain text in a pipe,
styled text on a terminal, and the progress of a long job."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from rich.cells import cell_len
from tables import assert_lined_up, spans

from drafter.cli.output import print_table, progress_bar, say

ROWS = [
    ("standard", "自带", "法治政府建设情况报告（区、县、市人民政府）", 3),
    ("mine", "你的", "我的包", 12),
    ("一个很长的中文名字", "bundled", "plain ASCII", 1024),
]
HEADERS = ("名称", "来源", "说明", "条目数")


def test_a_table_lines_up_chinese_and_latin_columns(capsys: pytest.CaptureFixture) -> None:
    print_table(ROWS, HEADERS)
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == 4 and "\x1b" not in out
    assert all(line == line.rstrip() for line in lines)  # no padding left at the end
    cells = [HEADERS, *([str(value) for value in row] for row in ROWS)]
    assert_lined_up(lines, cells, right=(3,))  # numbers are right-aligned: they end alike
    widest_name = max(cell_len(str(row[0])) for row in ROWS)
    starts = {spans(line, row)[1][0] for line, row in zip(lines[1:], cells[1:], strict=True)}
    assert starts == {widest_name + 2}


def test_a_table_without_headers_and_with_gaps(capsys: pytest.CaptureFixture) -> None:
    print_table([("报告", 5, None), ("句子", 1234, "合并后")])
    assert capsys.readouterr().out == "报告     5  —\n句子  1234  合并后\n"


def test_rich_markup_in_text_is_printed_as_it_is(capsys: pytest.CaptureFixture) -> None:
    """A report's text may hold brackets and colons; none of it is taken for markup."""
    say("〔2024〕3号 [bold]不加粗[/bold] :smile:")
    print_table([("[red]x[/red]", "a:b:")])
    assert capsys.readouterr().out == (
        "〔2024〕3号 [bold]不加粗[/bold] :smile:\n[red]x[/red]  a:b:\n"
    )


def test_a_long_line_is_never_broken_off_a_terminal(capsys: pytest.CaptureFixture) -> None:
    path = "/某个/很深的/文件夹/" * 30 + "长治市潞州区2024.draft.yaml"
    say(f"已导出 {path}", style="green")
    assert capsys.readouterr().out == f"已导出 {path}\n"


def colour_env(**extra: str) -> dict[str, str]:
    """An environment that asks for colour as hard as one can."""
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    return {**env, "FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "30", **extra}


def test_output_to_a_pipe_is_plain_text(tmp_path: Path) -> None:
    """No escape codes, no wrapping to COLUMNS, even when the environment asks for colour."""
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "templates", "list"],
        capture_output=True, text=True, env=colour_env(), cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and "\x1b" not in result.stdout
    assert result.stdout.splitlines() == [
        "名称        来源  说明",
        "department  自带  法治政府建设情况报告（政府工作部门）",
        "standard    自带  法治政府建设情况报告（区、县、市人民政府）",
    ]
    draft = tmp_path / "d.draft.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "new", "--unit", "潞州区", "--year", "2024",
         "-o", str(draft)],
        capture_output=True, text=True, env=colour_env(), cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 0 and "\x1b" not in result.stdout + result.stderr
    assert result.stdout.startswith(f"已创建草稿 {draft}（潞州区2024年度法治政府建设情况报告）\n")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="a pseudo-terminal")
def test_on_a_terminal_the_same_output_is_styled() -> None:
    """The counterpart of the pipe test: the plain text above is a choice, not an accident."""
    leader, follower = os.openpty()
    try:
        subprocess.run(
            [sys.executable, "-m", "drafter", "templates", "list"],
            stdout=follower, stderr=follower, env=colour_env(COLUMNS="100"), cwd=ROOT,
            check=True,
        )  # fmt: skip
    finally:
        os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the other end is closed
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    text = shown.decode("utf-8")
    assert "\x1b[1m名称" in text and "法治政府建设情况报告（政府工作部门）" in text


# --- progress ------------------------------------------------------------------------------


def test_progress_off_a_terminal_is_a_line_at_each_tenth(capsys: pytest.CaptureFixture) -> None:
    with progress_bar("建立索引") as progress:
        for done in range(1, 31):
            progress(done, 30, f"{done}.txt")
    assert capsys.readouterr().err.splitlines() == [
        f"drafter: 建立索引 {done}/30" for done in (1, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30)
    ]
    with progress_bar("建立索引") as progress:
        for done in range(1, 6):
            progress(done, 5, f"{done}.txt")
    assert capsys.readouterr().err == "drafter: 建立索引 5/5\n"  # a short job: its end only
    with progress_bar("建立索引"):
        pass
    assert capsys.readouterr().err == ""  # nothing to do, nothing said


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_on_a_terminal_is_a_bar_with_the_time_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with progress_bar("建立索引") as progress:
        for done, name in enumerate(["甲.txt", "乙.docx", "丙.html"], 1):
            progress(done, 3, name)
    shown = screen.getvalue()
    assert "建立索引" in shown and "3/3" in shown and "剩余" in shown and "丙.html" in shown
    assert "━" in shown and shown.endswith("\x1b[?25h")  # the bar, then the cursor back


def test_the_bar_is_closed_when_the_job_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with pytest.raises(KeyboardInterrupt), progress_bar("建立索引") as progress:
        progress(1, 9, "甲.txt")
        raise KeyboardInterrupt
    assert "1/9" in screen.getvalue() and screen.getvalue().endswith("\x1b[?25h")


def test_on_a_narrow_terminal_a_long_cell_folds_inside_its_column(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", screen)
    monkeypatch.setenv("COLUMNS", "40")
    print_table([row[:3] for row in ROWS[:2]], HEADERS[:3])
    header, first, *folded, last = re.sub(r"\x1b\[[0-9;]*m", "", screen.getvalue()).splitlines()
    assert folded and max(map(cell_len, [header, first, *folded, last])) <= 40
    assert first.startswith("standard  自带  ") and last.startswith("mine      你的  我的包")
    described = first.removeprefix("standard  自带  ") + "".join(folded)
    assert described.replace(" ", "") == ROWS[0][2]  # all of it, folded, none cut off
    assert {cell_len(line) - cell_len(line.lstrip()) for line in folded} == {16}
