"""The outline: report information, then every section and item, each with its state.

States: `-` empty, `~` in progress (placeholders left, or the last sentence
unfinished), `✓` done, `!` has findings from the checks. The marks are narrow
characters on purpose: ambiguous-width symbols misalign in CJK terminals.
Labels are short (a section's short label, an item's heading) and cut at the
pane's edge; while the outline has the focus, the hint under it shows the
highlighted node's full title.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from drafter.errors import DrafterError
from drafter.placeholders import find_placeholders
from drafter.tui.guard import Guarded

if TYPE_CHECKING:
    from drafter.drafting.check import Finding
    from drafter.drafting.draft import Draft, Item
    from drafter.drafting.outline import Outline

MARKS = {"empty": ("-", "dim"), "progress": ("~", "yellow"), "done": ("✓", "green"),
         "findings": ("!", "bold red")}  # fmt: skip
LEGEND = "✓完成 ~进行中 -空 !待改"
_FINISHED = "。！？；：”"
_FLAGGED = {"error", "warning"}
"""What most section titles start with, dropped in the narrow outline."""


@dataclass(frozen=True)
class Place:
    """A node of the outline: the report information (no section), a section, an item, or
    the "add an item" entry of a repeatable section."""

    section: str | None = None
    item: int | None = None
    add: bool = False


def item_state(item: Item, flagged: bool) -> str:
    """empty / progress / done / findings, for one item (an empty item is just empty)."""
    body = item.body.strip()
    if not body:
        return "empty"
    if flagged:
        return "findings"
    if (
        find_placeholders(body)
        or find_placeholders(item.heading or "")
        or body[-1] not in _FINISHED
    ):
        return "progress"
    return "done"


def section_state(states: list[str], flagged: bool) -> str:
    """A section's state from its items' states (an empty section is just empty)."""
    if not states or all(s == "empty" for s in states):
        return "empty"
    if flagged or "findings" in states:
        return "findings"
    return "done" if all(s == "done" for s in states) else "progress"


class OutlineTree(Guarded, Tree[Place]):
    """Sections and their items; highlighting a node shows it in the editor."""

    BINDINGS = [Binding("delete", "screen.delete_item", "删除条目")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("报告", data=Place(), id=id)
        self.show_root = False
        self.guide_depth = 2
        self._outline: Outline | None = None
        self._draft: Draft | None = None

    def full_title(self, place: Place) -> str:
        """What a node's label stands for, in full: the section's title for this draft,
        the item's whole heading (or the start of its text)."""
        outline, draft = self._outline, self._draft
        if outline is None or draft is None or place.section is None:
            return "报告信息：单位、年度、标题、落款、日期"
        section = outline.section(place.section)
        try:
            title = outline.title_of(section, draft.meta)
        except DrafterError:
            title = section.title
        items = draft.items(section.key)
        if place.add:
            return f"{title}：新增一条"
        if place.item is None or not section.repeatable or place.item >= len(items):
            return title
        item = items[place.item]
        heading = (item.heading or "").strip()
        return heading or item.body.strip()[:60] or f"第{place.item + 1}条（空）"

    def build(
        self, outline: Outline, draft: Draft, findings: Iterable[Finding], select: Place | None
    ) -> None:
        """(Re)build every node, keeping the cursor on `select` when it still exists."""
        self.clear()
        self.root.add_leaf("", data=Place())
        for section in outline.sections:
            if not section.repeatable:
                self.root.add_leaf("", data=Place(section.key, 0))
                continue
            node = self.root.add("", data=Place(section.key), expand=True)
            for index in range(len(draft.sections.get(section.key, []))):
                node.add_leaf("", data=Place(section.key, index))
            node.add_leaf(
                Text("＋ 新增一条", style="dim italic"), data=Place(section.key, add=True)
            )
        self.update_marks(outline, draft, findings)
        self.call_after_refresh(self.move_to, select or Place())

    def move_to(self, place: Place) -> None:
        """Put the cursor on the node for `place` (the section node for a missing item)."""
        node = self._find(place) or self._find(Place(place.section)) or self.root
        if node is not self.root:
            self.move_cursor(node)

    def _find(self, place: Place) -> TreeNode[Place] | None:
        stack = list(self.root.children)
        while stack:
            node = stack.pop(0)
            if node.data == place:
                return node
            stack.extend(node.children)
        return None

    def update_marks(self, outline: Outline, draft: Draft, findings: Iterable[Finding]) -> None:
        """Refresh labels and marks in place (typing must not rebuild the tree)."""
        self._outline, self._draft = outline, draft
        flagged = _flagged(findings)
        self._set(Place(), "findings" if (None, None) in flagged else "done", "报告信息", "bold")
        number = 0
        for section in outline.sections:
            number += section.numbered
            items = draft.sections.get(section.key, [])
            states = [item_state(item, (section.key, i) in flagged) for i, item in enumerate(items)]
            state = section_state(states, (section.key, None) in flagged)
            title = _short_title(outline, section.key, number if section.numbered else 0)
            if not section.repeatable:
                self._set(Place(section.key, 0), state, title, "bold")
                continue
            self._set(Place(section.key), state, title, "bold")
            for index, (item, mark) in enumerate(zip(items, states, strict=True)):
                self._set(Place(section.key, index), mark, item_title(item, index))

    def _set(self, place: Place, mark: str, text: str, style: str = "") -> None:
        node = self._find(place)
        if node is not None:
            symbol, mark_style = MARKS[mark]
            label = Text.assemble((symbol, mark_style), " ")
            label.append(text, style=style)
            node.set_label(label)


class OutlineHint(Guarded, Static):
    """Under the outline: the legend, or the highlighted node's full title while the
    outline has the focus."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(LEGEND, id=id, markup=False)

    def on_mount(self) -> None:
        tree = self.screen.query_one(OutlineTree)
        self.watch(tree, "has_focus", self._follow, init=False)
        self.watch(tree, "cursor_line", self._follow, init=False)

    def _follow(self, _value: object = None) -> None:
        tree = self.screen.query_one(OutlineTree)
        node = tree.cursor_node
        if tree.has_focus and node is not None and node.data is not None:
            self.set_class(True, "-title")
            self.update(tree.full_title(node.data))
        else:
            self.set_class(False, "-title")
            self.update(LEGEND)


def next_place_with_placeholder(
    outline: Outline, draft: Draft, current: Place
) -> tuple[Place, str] | None:
    """The first item after `current` (wrapping) with a placeholder left, and its field."""
    places = [
        (Place(section.key, index), item, section.repeatable)
        for section in outline.sections
        for index, item in enumerate(draft.items(section.key))
    ]
    at = next((i for i, (p, _, _) in enumerate(places) if p == current), -1)
    for place, item, repeatable in places[at + 1 :] + places[: at + 1]:
        if repeatable and find_placeholders(item.heading):
            return place, "heading"
        if find_placeholders(item.body):
            return place, "body"
    return None


def item_title(item: Item, index: int) -> str:
    """How an item shows in the outline: its heading, else the start of its body."""
    text = (item.heading or "").strip() or item.body.strip()[:16]
    return text or f"第{index + 1}条（空）"


def _short_title(outline: Outline, key: str, number: int) -> str:
    """`一、主要举措和成效`: the section's short label, numbered as the report numbers it."""
    from drafter.textnorm import chinese_number

    label = outline.section(key).label
    return f"{chinese_number(number)}、{label}" if number else label


def _flagged(findings: Iterable[Finding]) -> set[tuple[str | None, int | None]]:
    """(section, item) pairs with findings worth a mark; (None, None) is the report info."""
    flagged: set[tuple[str | None, int | None]] = set()
    for finding in findings:
        about_meta = (finding.field or "").startswith("meta:")
        if finding.severity in _FLAGGED and (finding.section is not None or about_meta):
            flagged.add((finding.section, finding.item))
    return flagged
