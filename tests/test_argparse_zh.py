"""The command line in Chinese: help, usage, usage errors, and argparse left as it was."""

from __future__ import annotations

import argparse
import gettext
import inspect
import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT
from rich.cells import cell_len

from drafter.cli import build_parser
from drafter.cli.argparse_zh import (
    _NO_LINE_END,
    _NO_LINE_START,
    MESSAGES,
    PLURAL_MESSAGES,
    ChineseParser,
    _tokens,
    wrap_cells,
)
from drafter.textnorm import cell_width

DRAFT_COMMANDS = ("new", "import", "next-year", "render", "export", "templates")
"""The commands whose own help this module's tests hold to Chinese, word for word."""

ARGPARSE_ENGLISH = (
    "usage:", "options", "positional arguments", "show this help", "error:",
    "the following arguments", "invalid choice", "expected one argument",
)  # fmt: skip

CJK = re.compile(r"[\u4e00-\u9fff]")


def drafter(*args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    """`drafter ARGS` in a real process, in a terminal `columns` wide as far as help knows."""
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    "command",
    [(), ("new",), ("import",), ("next-year",), ("render",), ("export",), ("templates", "copy")],
    ids=lambda command: " ".join(command) or "drafter",
)
def test_help_is_chinese(command: tuple[str, ...]) -> None:
    result = drafter(*command, "--help")
    assert result.returncode == 0 and result.stderr == ""
    out = result.stdout
    assert out.startswith(" ".join(("用法：drafter", *command)) + " [-h]")
    assert "\n选项：\n  -h, --help" in out and "显示本帮助并退出" in out
    assert [english for english in ARGPARSE_ENGLISH if english in out] == []


def test_root_help_lists_the_commands_and_how_to_get_theirs() -> None:
    out = drafter("--help").stdout
    assert out.splitlines()[:3] == [
        "用法：drafter [-h] [--version] 命令 ...",
        "",
        "起草年度法治政府建设情况报告。不带命令时打开起草界面。",
    ]
    assert "    new        从模板包新建一份草稿\n" in out
    assert "  --version    显示版本号并退出\n" in out
    assert out.endswith("\n每个命令的用法：drafter 命令 --help\n")


def test_new_help_names_its_values_in_chinese() -> None:
    out = drafter("new", "--help").stdout
    assert out.splitlines()[:2] == [
        "用法：drafter new [-h] [--template 模板包] [--unit 单位] [--year 年度]",
        "                  [--set 键=值] [-o 文件] [--force]",
    ]
    assert "  --unit 单位        单位名称，如 长治市潞州区\n" in out
    assert "  -o, --output 文件  草稿文件" in out  # the value named once


def test_every_draft_command_is_explained_in_chinese() -> None:
    """Each command's line in `drafter --help`, its description, and every argument's
    help and value name."""
    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    listed = {choice.dest: choice.help for choice in commands._choices_actions}
    parsers = [commands.choices[name] for name in DRAFT_COMMANDS]
    parsers += list(commands.choices["templates"]._subparsers._group_actions[0].choices.values())
    for parser in parsers:
        assert CJK.search(parser.description), parser.prog
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):  # its commands are checked
                assert CJK.search(action.metavar), parser.prog
                continue
            assert CJK.search(action.help), (parser.prog, action.dest)
            if action.nargs != 0:
                assert action.choices or CJK.search(action.metavar), (parser.prog, action.dest)
    assert all(CJK.search(listed[name]) for name in DRAFT_COMMANDS)


@pytest.mark.parametrize("columns", [50, 80, 120])
@pytest.mark.parametrize("command", [("new",), ("export",), ("next-year",)])
def test_help_fits_the_terminal_and_its_columns_line_up(
    command: tuple[str, ...], columns: int
) -> None:
    """Measured in cells as a terminal shows them: a Chinese character is two."""
    lines = drafter(*command, "--help", columns=columns).stdout.splitlines()
    assert max(map(cell_len, lines)) <= columns - 2
    starts = set()
    for line in lines[lines.index("选项：") + 1 :]:
        beside = re.match(r"^(  -\S.*?  +)\S", line)  # an option with its help beside it
        under = re.match(r"^( {8,})\S", line)  # help continued, or put under a long option
        if beside or under:
            starts.add(cell_len((beside or under).group(1)))
    assert len(starts) == 1


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("nwe",), "drafter: 错误：命令：没有 'nwe' 这一项（可选：'parse', "),
        (("export", "d.draft.yaml"), "drafter export: 错误：缺少必需的参数：-o/--output"),
        (("export",), "drafter export: 错误：缺少必需的参数：草稿, -o/--output"),
        (("new", "--year"), "drafter new: 错误：--year：后面要跟一个值"),
        (("new", "--bogus"), "drafter: 错误：不认识的参数：--bogus"),
        (("templates",), "drafter templates: 错误：缺少必需的参数：操作"),
        (
            ("render", "d.draft.yaml", "--format", "html"),
            "drafter render: 错误：--format：没有 'html' 这一项（可选：'text', 'markdown'）",
        ),
    ],
)
def test_a_usage_error_is_the_usage_and_one_chinese_line(
    args: tuple[str, ...], error: str
) -> None:
    result = drafter(*args)
    assert result.returncode == 2 and result.stdout == ""
    *usage, last = result.stderr.splitlines()
    assert usage[0].startswith("用法：drafter") and all(u.startswith(" ") for u in usage[1:])
    assert last.startswith(error) and "错误" not in "".join(usage)
    assert [english for english in ARGPARSE_ENGLISH if english in result.stderr] == []


def test_a_value_of_the_wrong_type_is_named_in_chinese(capsys: pytest.CaptureFixture) -> None:
    parser = ChineseParser(prog="drafter suggest")
    parser.add_argument("--limit", type=int)
    with pytest.raises(SystemExit) as caught:
        parser.parse_args(["--limit", "八"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "drafter suggest: 错误：--limit：'八' 不是有效的整数"
    )


def test_argparse_is_left_as_it_was(capsys: pytest.CaptureFixture) -> None:
    """Other parsers in the process (a test runner's, a script's) keep their language."""
    with pytest.raises(SystemExit):
        build_parser().parse_args(["new", "--year"])
    assert capsys.readouterr().err.startswith("用法：drafter new")
    assert argparse._ is gettext.gettext and argparse.ngettext is gettext.ngettext
    plain = argparse.ArgumentParser(prog="other")
    assert plain.format_usage() == "usage: other [-h]\n"
    assert "show this help message and exit" in plain.format_help()


def test_every_message_argparse_words_has_a_chinese_one() -> None:
    """A newer Python that adds a message fails here until it is translated."""
    source = inspect.getsource(argparse)
    said = set(re.findall(r"""\b_\((['"])(.*?)\1\)""", source))
    plural = set(re.findall(r"""ngettext\(\s*(['"])(.*?)\1""", source))
    assert {text.encode().decode("unicode_escape") for _, text in said} - set(MESSAGES) == set()
    assert {text for _, text in plural} - set(PLURAL_MESSAGES) == set()


# --- wrapping by cells ---------------------------------------------------------------------

TEXTS = [
    "导出草稿为报告文件；还有占位符时不导出，除非加 --force。"
    "已有同名文件时，原文件保留为“文件名~”。",
    ".txt 的字符编码：utf-8（默认）或 gb18030",
    "草稿文件（默认：单位加年度，如 长治市潞州区2024.draft.yaml）",
    "回答模板包的其他问题，如 recipient=主送机关、issuer=署名、date=成文日期；可多次使用",
]


@pytest.mark.parametrize("width", [11, 16, 23, 40, 56])
@pytest.mark.parametrize("text", TEXTS)
def test_wrapping_keeps_to_the_width_and_the_rules_of_chinese_lines(text: str, width: int) -> None:
    lines = wrap_cells(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    # only a word wider than the line (and the punctuation closing it) may stick out
    assert all(cell_len(line) <= width or len(list(_tokens(line))) <= 2 for line in lines)
    assert not any(line[0] in _NO_LINE_START or line[-1] in _NO_LINE_END for line in lines)
    for word in re.findall(r"[!-~]+", text):  # a word, path or option is never cut
        assert any(word in line for line in lines)


def test_wrapping_carries_punctuation_down_with_its_character() -> None:
    assert wrap_cells("甲乙丙，丁", 6) == ["甲乙", "丙，丁"]
    assert wrap_cells("甲乙（丙）", 6) == ["甲乙", "（丙）"]
    assert wrap_cells("见 2024.draft.yaml）", 8) == ["见", "2024.draft.yaml）"]
    assert wrap_cells("", 10) == [] and wrap_cells("a b", 1) == ["a", "b"]


def test_cells_are_counted_as_rich_counts_them() -> None:
    """The help and the tables measure alike."""
    for text in [*TEXTS, "ａｂｃ　全角", "e\u0301", "“引号”……——"]:
        assert cell_width(text) == cell_len(text)
