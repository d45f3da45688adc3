"""argparse in Chinese: help, usage and argparse's own messages.

`drafter` and every subparser are a `ChineseParser` (argparse makes subparsers of
their parent's class), so a command module adds its arguments as usual, with
Chinese `help=` and `metavar=`, and its `--help` and usage errors come out in
Chinese with nothing more to do.

argparse words its own strings (`usage: `, `options`, `the following arguments are
required: %s` …) through gettext's `_()` and `ngettext()`, looked up in its module
at each call. While a ChineseParser is at work those two names answer from
`MESSAGES`; outside it argparse is left as it was, for any other parser in the
process. The help formatter measures text in terminal cells (a Chinese character
is two), so help wraps at the terminal's width and its columns line up.

Only the standard library is imported here: `drafter --help` stays instant.
"""

from __future__ import annotations

import argparse
import functools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from drafter.textnorm import cell_width, is_wide

MESSAGES = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "没有 %(value)r 这一项（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的%(type)s",
    "expected one argument": "后面要跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少要跟一个值",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "one of the arguments %s is required": "%s 必须给出其中一个",
    "ignored explicit argument %r": "不接受值 %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "没有 %(parser_name)r 这个命令（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开 %(filename)s：%(error)s",
    "unexpected option string: %s": "意外的选项：%s",
    "subcommands": "命令",
    # mistakes in drafter's own parsers, which its tests would meet first
    "'required' is an invalid argument for positionals": "位置参数不能设 required",
    "%r is not callable": "%r 不可调用",
    ".__call__() not defined": ".__call__() 没有定义",
    'argument "-" with mode %r': "参数“-”不能用模式 %r",
    "cannot have multiple subparser arguments": "只能有一组子命令",
    "cannot merge actions - two groups are named %r": "无法合并：两组都叫 %r",
    "conflicting subparser alias: %s": "子命令别名重复：%s",
    "conflicting subparser: %s": "子命令重复：%s",
    "dest= is required for options like %r": "像 %r 这样的选项需要给 dest=",
    "invalid conflict_resolution value: %r": "无效的 conflict_resolution：%r",
    "mutually exclusive arguments must be optional": "互斥的参数必须是可选的",
}  # fmt: skip
"""argparse's own strings (the gettext message ids it uses) and how drafter says them."""

PLURAL_MESSAGES = {
    "expected %s argument": "后面要跟 %s 个值",
    "conflicting option string: %s": "选项重复：%s",
}
"""argparse's `ngettext` strings, by their singular form (Chinese has one form)."""

TYPE_NAMES = {"int": "整数", "float": "数", "Path": "路径"}
"""How the types of arguments are named in `invalid %(type)s value`."""


class _TypeNamed(str):
    """A format string whose `%(type)s` is said in Chinese (`整数`, not `int`)."""

    def __mod__(self, values: Any) -> str:
        if isinstance(values, dict) and "type" in values:
            values = {**values, "type": TYPE_NAMES.get(values["type"], values["type"])}
        return str.__mod__(self, values)


def _gettext(message: str) -> str:
    chinese = MESSAGES.get(message, message)
    return _TypeNamed(chinese) if "%(type)s" in chinese else chinese


def _ngettext(singular: str, plural: str, count: int) -> str:
    return PLURAL_MESSAGES.get(singular, singular if count == 1 else plural)


@contextmanager
def chinese_messages() -> Iterator[None]:
    """argparse speaks Chinese inside this block, and is put back as it was after it."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


_Method = TypeVar("_Method", bound=Callable[..., Any])


def _in_chinese(method: _Method) -> _Method:
    """The parser method, with argparse speaking Chinese while it runs."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with chinese_messages():
            return method(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


# --- width in terminal cells ---------------------------------------------------------


def _tokens(text: str) -> Iterator[str]:
    """What a line may break between: single spaces, each wide (Chinese) character,
    each run of other text (a word, a path, an option)."""
    run = ""
    for char in " ".join(text.split()):
        if char == " " or is_wide(char):
            if run:
                yield run
                run = ""
            yield char
        else:
            run += char
    if run:
        yield run


_NO_LINE_START = set("，。、；：？！）》」』”’…—%")
"""Punctuation a Chinese line never starts with: it goes down with the character before it."""
_NO_LINE_END = set("（《「『“‘")
"""Punctuation a Chinese line never ends with: it goes down with what it opens."""


def wrap_cells(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells: broken between Chinese characters or at
    spaces, never inside a word or path, never before closing or after opening punctuation."""
    lines: list[list[str]] = [[]]
    for token in _tokens(text):
        line = lines[-1]
        over = token != " " and sum(map(cell_width, line)) + cell_width(token) > width
        hangs = token[0] in _NO_LINE_START and len(line) == 1  # after a word wider than a line
        if line and over and not hangs:
            lines.append(_carried(line, token))
            line = lines[-1]
        if line or token != " ":
            line.append(token)
    return ["".join(line).rstrip() for line in lines if line]


def _carried(line: list[str], token: str) -> list[str]:
    """What goes down to the next line with `token`, taken off the end of `line`."""
    carried: list[str] = []
    if token[0] in _NO_LINE_START and len(line) > 1:
        carried.insert(0, line.pop())
    while len(line) > 1 and line[-1][-1] in _NO_LINE_END:
        carried.insert(0, line.pop())
    while line and line[-1] == " ":
        line.pop()
    return [part for part in carried if part != " "]


class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's layout, measured in terminal cells rather than characters."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_cells(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap_cells(text, width - len(indent)))

    class _Section(argparse.HelpFormatter._Section):  # type: ignore[name-defined]
        """A section whose heading ends with a full-width colon: `选项：`."""

        def format_help(self) -> str:
            text = super().format_help()
            if not self.heading:
                return text
            return text.replace(f"{self.heading}:\n", f"{self.heading}：\n", 1)

    def _format_action_invocation(self, action: argparse.Action) -> str:
        """`-o, --output 文件` rather than `-o 文件, --output 文件`: the value once."""
        if not action.option_strings or action.nargs == 0:
            return super()._format_action_invocation(action)
        value = self._format_args(action, self._get_default_metavar_for_optional(action))
        return f"{', '.join(action.option_strings)} {value}"

    def add_argument(self, action: argparse.Action) -> None:
        """As argparse, but a subcommand's width is measured at its own indent."""
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            widest = cell_width(self._format_action_invocation(action)) + self._current_indent
            for subaction in self._iter_indented_subactions(action):
                width = cell_width(self._format_action_invocation(subaction))
                widest = max(widest, width + self._current_indent)
            self._action_max_length = max(self._action_max_length, widest)

    def _format_action(self, action: argparse.Action) -> str:
        """An argument and its help beside it (under it, when the argument is long),
        padded by cells so that the help column is straight."""
        help_position = min(self._action_max_length + 2, self._max_help_position)
        help_width = max(self._width - help_position, 11)
        action_width = help_position - self._current_indent - 2
        header = self._format_action_invocation(action)
        help_lines = []
        if action.help and action.help.strip():
            help_lines = self._split_lines(self._expand_help(action), help_width)
        indent = " " * self._current_indent
        if help_lines and cell_width(header) <= action_width:
            padding = " " * (action_width - cell_width(header) + 2)
            lines = [indent + header + padding + help_lines.pop(0)]
        else:
            lines = [indent + header]
        lines += [" " * help_position + line for line in help_lines]
        text = "".join(line + "\n" for line in lines)
        return text + "".join(map(self._format_action, self._iter_indented_subactions(action)))

    def _format_usage(
        self, usage: str | None, actions: Any, groups: Any, prefix: str | None
    ) -> str:
        """argparse's usage laid out on one line, then wrapped by cells: arguments line up
        after the program's name (under it, when the name is long)."""
        if prefix is None:
            prefix = MESSAGES["usage: "]
        width, self._width = self._width, 1_000_000
        try:
            flat = super()._format_usage(usage, actions, groups, prefix)
        finally:
            self._width = width
        flat = flat.removeprefix(prefix).rstrip("\n")
        text_width = self._width - self._current_indent
        if usage is not None or cell_width(prefix + flat) <= text_width:
            return f"{prefix}{flat}\n\n"
        prog = self._prog
        parts = _USAGE_PART.findall(flat.removeprefix(prog))
        if cell_width(prefix) + cell_width(prog) <= 0.75 * text_width:
            indent, lines = cell_width(prefix) + cell_width(prog) + 1, [prog]
        else:
            indent, lines = cell_width(prefix), [prog, ""]
        for part in parts:
            start = cell_width(prefix) if len(lines) == 1 else indent
            if lines[-1] and start + cell_width(lines[-1]) + 1 + cell_width(part) > text_width:
                lines.append(part)
            else:
                lines[-1] = f"{lines[-1]} {part}" if lines[-1] else part
        return prefix + "\n".join([lines[0], *(" " * indent + line for line in lines[1:])]) + "\n\n"


_USAGE_PART = re.compile(r"\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+")
"""One argument in a usage line, with its brackets (as argparse itself splits it)."""


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose help, usage and errors are in Chinese.

    A usage error prints the usage and one line, `drafter new: 错误：…`, and exits 2.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        with chinese_messages():
            super().__init__(*args, **kwargs)

    add_subparsers = _in_chinese(argparse.ArgumentParser.add_subparsers)
    parse_args = _in_chinese(argparse.ArgumentParser.parse_args)
    parse_known_args = _in_chinese(argparse.ArgumentParser.parse_known_args)
    format_usage = _in_chinese(argparse.ArgumentParser.format_usage)
    format_help = _in_chinese(argparse.ArgumentParser.format_help)
    error = _in_chinese(argparse.ArgumentParser.error)
