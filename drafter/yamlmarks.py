"""YAML that remembers where each value was written, loaded within bounds.

Drafts and outlines are edited by hand; when one is wrong the user needs the
line and column, not a traceback. `load_marked` returns plain Python data plus
the position of every key and value, addressed by its path (`("meta", "year")`).

These files come from users and from packs others wrote, so only the plain part
of YAML is accepted: mappings, lists and scalars. Anchors and aliases (a
"billion laughs" expands a few hundred bytes into gigabytes, a recursive alias
never ends), merge keys and tags (`!!int` with no value crashes PyYAML's
constructors) are refused with their position, and nesting is limited. The data
is built from the parser's event stream by a loop, never by recursion, so no
input can exhaust the stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafter.errors import DrafterError, explained

Key = tuple[Any, ...]

MAX_DEPTH = 32
"""Nesting allowed; drafts and outlines need five levels, a manifest three."""

_MERGE = "tag:yaml.org,2002:merge"


@dataclass
class Marked:
    """Parsed YAML data with the line and column of every node (1-based)."""

    data: Any
    path: Path | str
    error: type[DrafterError]
    positions: dict[Key, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Key, tuple[int, int]] = field(default_factory=dict)

    def line(self, key: Key) -> int | None:
        """The line a value starts on, or None if it is not in the file."""
        position = self.positions.get(key)
        return position[0] if position else None

    def fail(self, key: Key, problem: str, *, at_key: bool = False) -> DrafterError:
        """An error of this file's kind, located at the value of `key` (or at the key
        itself, for a key that should not be there), else at its nearest parent."""
        if at_key and key in self.key_positions:
            return self.fail_at(self.key_positions[key], problem)
        while key and key not in self.positions:
            key = key[:-1]
        return self.fail_at(self.positions.get(key, (1, 1)), problem)

    def fail_at(self, position: tuple[int, int], problem: str) -> DrafterError:
        """An error of this file's kind at a line and column."""
        line, column = position
        return self.error(f"{where(line, column)}：{problem}", self.path)


def load_marked(text: str, path: Path | str, error: type[DrafterError]) -> Marked:
    """Parse YAML text; syntax errors, duplicate keys and the refused constructs
    (anchors, aliases, merge keys, tags, deep nesting) raise `error` with a position."""
    marked = Marked(None, path, error)
    _Builder(marked, yaml.SafeLoader("")).build(yaml.parse(text, Loader=yaml.SafeLoader), text)
    return marked


def load_plain(text: str, path: Path | str, error: type[DrafterError]) -> Any:
    """The data of a YAML file whose positions nobody needs (the corpus manifest),
    within the same bounds as `load_marked`; parsed by libyaml where PyYAML has it."""
    marked = Marked(None, path, error)
    parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    _Builder(marked, yaml.SafeLoader("")).build(yaml.parse(text, Loader=parser), text)
    return marked.data


def where(line: int, column: int) -> str:
    """A position in a file as the messages give it: `第3行第5列`."""
    return f"第{line}行第{column}列"


def yaml_problem(exc: yaml.YAMLError, text: str) -> str:
    """A YAML syntax error as one line, with its position: `第3行第5列：YAML 格式有误：…`."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        position = f"{where(mark.line + 1, mark.column + 1)}：" if mark else ""
        return f"{position}YAML 格式有误{explained(exc.problem or exc.context or '', _WORDINGS)}"
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        return (
            f"{where(line, column)}：YAML 格式有误："
            f"不能有控制字符 U+{exc.character:04X}，请删去它"
        )
    return f"YAML 格式有误{explained(' '.join(str(exc).split()), _WORDINGS)}"


_WORDINGS = (
    (r"mapping values are not allowed", "这里不能有冒号（缩进不对？值里有冒号时请给整个值加引号）"),
    (r"sequence entries are not allowed", "这里不能有“- ”列表项（缩进不对？）"),
    (r"mapping keys are not allowed", "这里不能有“? ”"),
    (r"could not find expected ':'", "缺少冒号（每行应是“键: 值”；引号没有配对？）"),
    (r"did not find expected (key|'-' indicator)|expected <block end>",
     "缩进不对：这一行和上面的行没有对齐"),
    (r"expected the node content|did not find expected node content", "这里缺少内容"),
    (r"found character '\\t' that cannot start any token", "这里不能用 Tab（缩进只能用空格）"),
    (r"found character (\S+) that cannot start any token",
     "这里不能以 {1} 开头（以 @ ` 等符号开头的值请加引号）"),
    (r"found character that cannot start any token",
     "这里有不能开头的字符（缩进只能用空格，不能用 Tab；以 @ ` 等符号开头的值请加引号）"),
    (r"found unexpected end of stream", "文件意外结束（引号没有配对？）"),
    (r"expected ',' or '\]'|did not find expected ',' or '\]'",
     "方括号 [ ] 没有配对，或两项之间缺少英文逗号"),
    (r"expected ',' or '\}'|did not find expected ',' or '\}'",
     "花括号 { } 没有配对，或两项之间缺少英文逗号"),
    (r"invalid indentation or unclosed", "缩进不对，或 [ { 没有配对"),
    (r"found unknown escape character",
     "双引号里的反斜杠 \\ 用得不对（要写反斜杠本身请写两个，或改用单引号）"),
    (r"found unexpected document (separator|indicator)", "引号没有配对：到了 --- 这一行还没有结束"),
    (r"expected '<document start>'", "这一行的位置不对（缩进不对？）"),
)  # fmt: skip
"""PyYAML's and libyaml's wording of the usual slips, as a user would be told them."""


@dataclass
class _Collection:
    """A mapping or list being filled, with the key its next value goes under."""

    data: dict[Any, Any] | list[Any]
    key: Key
    pending: Any = None
    has_pending: bool = False


class _Builder:
    """Builds plain data from parser events, with an explicit stack."""

    def __init__(self, marked: Marked, constructor: yaml.SafeLoader) -> None:
        self.marked = marked
        self.constructor = constructor
        self.stack: list[_Collection] = []

    def build(self, events: Any, text: str) -> None:
        """Fill `marked` from the events. A syntax error anywhere is reported before
        any other problem, except nesting: the scanner slows with depth, so parsing
        stops as soon as it is too deep."""
        parsed: list[yaml.Event] = []
        depth = 0
        try:
            for event in events:
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        raise self._fail(event, f"嵌套超过 {MAX_DEPTH} 层")
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
                parsed.append(event)
        except yaml.YAMLError as exc:
            raise self.marked.error(yaml_problem(exc, text), self.marked.path) from None
        documents = 0
        for event in parsed:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self._fail(event, "一个文件只能有一份 YAML 文档（请去掉 ---）")
            elif isinstance(event, yaml.AliasEvent):
                raise self._fail(event, "不支持 YAML 别名（*…），请把内容直接写出来")
            elif isinstance(event, yaml.ScalarEvent):
                self._refuse_marks(event)
                self._place(event, self._scalar(event))
            elif isinstance(event, yaml.CollectionStartEvent):
                self._refuse_marks(event)
                self._open(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                self.stack.pop()

    def _refuse_marks(self, event: yaml.NodeEvent) -> None:
        if event.anchor is not None:
            raise self._fail(event, "不支持 YAML 锚点（&…），请把内容直接写出来")
        tag = getattr(event, "tag", None)
        if tag is not None:
            tag = tag.replace("tag:yaml.org,2002:", "!!")
            raise self._fail(event, f"不支持 YAML 标签（{tag}），请去掉它")

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.data, dict) and not parent.has_pending:
            raise self._fail(event, "键只能是简单的文字，不能是列表或映射")
        data: dict[Any, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        key = self._place(event, data)
        self.stack.append(_Collection(data, key))

    def _place(self, event: yaml.NodeEvent, value: Any) -> Key:
        """Put a new value where the event stands: a key, a value or a list entry."""
        position = _position(event)
        if not self.stack:
            self.marked.data = value
            self.marked.positions[()] = position
            return ()
        parent = self.stack[-1]
        if isinstance(parent.data, list):
            key = (*parent.key, len(parent.data))
            parent.data.append(value)
        elif not parent.has_pending:
            self._take_key(parent, event, value)
            return parent.key
        else:
            key = (*parent.key, parent.pending)
            parent.data[parent.pending] = value
            parent.has_pending = False
        self.marked.positions[key] = position
        return key

    def _take_key(self, parent: _Collection, event: yaml.NodeEvent, name: Any) -> None:
        key = (*parent.key, name)
        self.marked.key_positions[key] = _position(event)
        if not isinstance(name, str | int):
            raise self.marked.fail(key, "键只能是简单的文字或数字", at_key=True)
        if name in parent.data:
            raise self.marked.fail(key, f"{name!r} 写了两次，请删去一处", at_key=True)
        parent.pending, parent.has_pending = name, True

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        """A scalar as YAML's implicit types read it; a value its type cannot hold (an
        impossible date, a 5,000-digit number) is kept as written, for the type check."""
        tag = self.constructor.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _MERGE and self._expects_key():
            raise self._fail(event, "不支持 YAML 合并键（<<），请把各项直接写出来")
        construct = self.constructor.yaml_constructors.get(tag)
        if construct is None:
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return construct(self.constructor, node)
        except (yaml.YAMLError, ValueError, OverflowError):
            return event.value

    def _expects_key(self) -> bool:
        return (
            bool(self.stack)
            and isinstance(self.stack[-1].data, dict)
            and not (self.stack[-1].has_pending)
        )

    def _fail(self, event: yaml.Event, problem: str) -> DrafterError:
        return self.marked.fail_at(_position(event), problem)


def _position(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1
