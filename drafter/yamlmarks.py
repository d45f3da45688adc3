"""YAML that remembers where each value was written.

Drafts and outlines are edited by hand; when one is wrong the user needs the
line and column, not a traceback. `load_marked` returns plain Python data plus
the position of every key and value, addressed by its path (`("meta", "year")`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafter.errors import DrafterError

Key = tuple[Any, ...]


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
            line, column = self.key_positions[key]
            return self.error(f"line {line}, column {column}: {problem}", self.path)
        while key and key not in self.positions:
            key = key[:-1]
        line, column = self.positions.get(key, (1, 1))
        return self.error(f"line {line}, column {column}: {problem}", self.path)


def load_marked(text: str, path: Path | str, error: type[DrafterError]) -> Marked:
    """Parse YAML text; syntax errors and duplicate keys raise `error` with a position."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise error(yaml_problem(exc, text), path) from None
    marked = Marked(None, path, error)
    if node is not None:
        marked.data = _build(node, (), marked, yaml.SafeLoader(""))
    return marked


def yaml_problem(exc: yaml.YAMLError, text: str) -> str:
    """A YAML syntax error as one line, with its position: `line 3, column 5: invalid YAML: …`."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        return f"{where}invalid YAML: {exc.problem or exc.context}"
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        return (
            f"line {line}, column {column}: invalid YAML: "
            f"control character U+{exc.character:04X} is not allowed"
        )
    return "invalid YAML: " + " ".join(str(exc).split())


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(node: yaml.Node, key: Key, marked: Marked, loader: yaml.SafeLoader) -> Any:
    marked.positions[key] = _position(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            name = (
                loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            )
            marked.key_positions[(*key, name)] = _position(key_node)
            if not isinstance(name, str | int):
                raise marked.fail((*key, name), "keys must be plain words", at_key=True)
            if name in result:
                raise marked.fail((*key, name), f"{name!r} is given twice", at_key=True)
            result[name] = _build(value_node, (*key, name), marked, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(child, (*key, i), marked, loader) for i, child in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError):
        return node.value  # e.g. an impossible date: kept as written, for the type check
