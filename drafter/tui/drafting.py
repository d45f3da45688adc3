"""The drafting screen: outline, item editor, suggestions, preview and findings.

The draft object is the model: every keystroke writes into it, marks it dirty
and schedules an autosave (a few seconds after typing stops, at least every few
seconds while it goes on, and whenever the user leaves an item). Rendering,
checks and lookups work on copies in thread workers, so typing never waits.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    ContentSwitcher,
    Footer,
    Input,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
    Tree,
)

from drafter.errors import DrafterError
from drafter.placeholders import find_placeholders
from drafter.tui import session
from drafter.tui.editor import BodyArea, ItemEditor, select_next_placeholder_in_input
from drafter.tui.findings import FindingsList
from drafter.tui.meta_form import MetaForm
from drafter.tui.outline_tree import LEGEND, OutlineTree, Place, item_title
from drafter.tui.preview import PreviewPane
from drafter.tui.status import StatusBar
from drafter.tui.suggestions import Request, SuggestionPanel, fragment_start, query_before

if TYPE_CHECKING:
    from drafter.check import Finding
    from drafter.draft import Draft, Item
    from drafter.outline import Section

AUTOSAVE_IDLE = 2.0
"""Seconds after the last keystroke before an autosave."""
AUTOSAVE_MAX = 5.0
"""While typing goes on, autosave at least this often: at most this much is lost in a crash."""
_TAB_FOCUS = {"edit": "#body", "preview": "#preview-pane", "findings": "#findings-list"}
"""What gets the focus on each tab (focus left in a hidden tab would switch back to it)."""
CHECK_DELAY = 1.5
"""Seconds of quiet before the checks run again (they mark the outline)."""


class DraftingScreen(Screen[None]):
    """Write the report: pick a place in the outline, type, borrow from suggestions."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    """Only this screen changes its layout with the width (other screens skip the restyle)."""
    BINDINGS = [
        Binding("ctrl+s", "save", "保存", priority=True, tooltip="保存草稿（首次会问路径）"),
        Binding(
            "ctrl+t",
            "insert(True)",
            "插入",
            priority=True,
            tooltip="插入选中的建议（模板，带占位符），替换正在输入的半句",
        ),
        Binding(
            "ctrl+r",
            "insert(False)",
            "插入原文",
            show=False,
            priority=True,
            tooltip="插入选中建议的原文（不带占位符）",
        ),
        Binding("ctrl+down", "suggestion(1)", "下一条建议", show=False, priority=True),
        Binding("ctrl+up", "suggestion(-1)", "上一条建议", show=False, priority=True),
        Binding(
            "ctrl+l",
            "next_placeholder",
            "填空",
            priority=True,
            tooltip="选中下一个 {…} 占位符，直接输入即替换",
        ),
        Binding("ctrl+o", "export", "导出", priority=True, tooltip="导出 .docx / .md / .txt"),
        Binding("ctrl+n", "add_item", "新增条目", show=False, priority=True),
        Binding("f2", "tab('edit')", "编辑", show=False),
        Binding("f3", "tab('preview')", "预览", tooltip="预览整篇报告"),
        Binding("f4", "tab('findings')", "检查", show=False, tooltip="检查结果，回车跳到问题处"),
        Binding("escape", "focus_outline", "回到大纲", show=False),
    ]

    def __init__(self, draft: Draft, *, autosave: Path | None = None, dirty: bool = False) -> None:
        super().__init__()
        self.draft = draft
        self.outline = draft.outline
        self.dirty = dirty
        self.autosave_path = autosave or session.slot_path(draft.path)
        self.place = Place()
        self.findings: list[Finding] = []
        self._field = "body"
        """The editor field suggestions go to: "heading" or "body"."""
        self._pending = dirty
        self._changed_at = self._autosaved_at = time.monotonic()
        self._check_timer: Timer | None = None

    # --- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="main"):
            with Vertical(id="outline-pane"):
                yield OutlineTree(id="outline")
                yield Static(LEGEND, id="legend")
            with TabbedContent(id="tabs", initial="edit"):
                with TabPane("编辑 F2", id="edit"), Horizontal(id="edit-area"):
                    with ContentSwitcher(initial="item-editor", id="editor-switcher"):
                        yield ItemEditor(id="item-editor")
                        with Vertical(id="meta-editor"):
                            yield Static(
                                "[b]报告信息[/]（修改后标题、年度、落款随之更新）",
                                classes="editor-title",
                            )
                            yield MetaForm(self.outline, self.draft.meta, id="draft-meta")
                    yield SuggestionPanel(id="suggestions")
                with TabPane("预览 F3", id="preview"):
                    yield PreviewPane(id="preview-pane")
                with TabPane("检查 F4", id="findings"):
                    yield FindingsList(id="findings-list")
        yield Footer()

    def on_mount(self) -> None:
        first = self.outline.sections[0]
        tree = self.query_one(OutlineTree)
        tree.build(
            self.outline,
            self.draft,
            [],
            Place(first.key, 0 if self.draft.items(first.key) else None),
        )
        self.show_place(tree.cursor_node.data if tree.cursor_node else Place())
        self.query_one("#body", BodyArea).focus()
        self.set_interval(1.0, self._autosave_tick)
        self._update_status()
        self._schedule_check(0.1)

    # --- moving around -------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#outline")
    def _highlighted(self, event: Tree.NodeHighlighted[Place]) -> None:
        place = event.node.data
        if place is not None and not place.add and place != self.place:
            self.show_place(place)

    @on(Tree.NodeSelected, "#outline")
    def _selected(self, event: Tree.NodeSelected[Place]) -> None:
        place = event.node.data
        if place is None:
            return
        if place.add:
            self.add_item(place.section)
        elif place.section is None:
            self.query_one("#draft-meta", MetaForm).query(".question-field").first().focus()
        elif place.item is None:
            if self.draft.items(place.section):
                self.go_to(Place(place.section, 0), "body")
            else:
                self.add_item(place.section)
        else:
            self.query_one("#body", BodyArea).focus()

    def go_to(self, place: Place, field: str | None = None) -> None:
        """Show `place` in the outline and the editor, and focus one of its fields."""
        self.query_one("#tabs", TabbedContent).active = "edit"
        self.query_one(OutlineTree).move_to(place)
        self.show_place(place)
        if field == "heading" and self.query_one("#heading").display:
            self.query_one("#heading", Input).focus()
        elif field is not None and place.section is not None and place.item is not None:
            self.query_one("#body", BodyArea).focus()
        elif field is not None and place.section is None:
            form = self.query_one("#draft-meta", MetaForm)
            target = form.query(f"#q-{field} .question-field") or form.query(".question-field")
            target.first().focus()

    def show_place(self, place: Place) -> None:
        """Load `place` into the editor (autosaving what was being edited first)."""
        self._autosave_if_pending()
        self.place = place
        switcher = self.query_one("#editor-switcher", ContentSwitcher)
        editor = self.query_one(ItemEditor)
        if place.section is None:
            switcher.current = "meta-editor"
            return
        switcher.current = "item-editor"
        section = self.outline.section(place.section)
        title = self._title(section)
        if place.item is None:
            count = len(self.draft.items(section.key))
            hint = f"\n\n本部分共 {count} 条。回车编辑第一条，或在大纲中选“＋ 新增一条”。"
            editor.show(title, section.guidance + hint, None, None)
            return
        item = self.draft.items(section.key)[place.item]
        label = f"{title} · 第{place.item + 1}条" if section.repeatable else title
        editor.show(
            label, section.guidance, item.heading if section.repeatable else None, item.body
        )
        self._field = "body"
        self._request_suggestions()

    def _title(self, section: Section) -> str:
        try:
            return self.outline.title_of(section, self.draft.meta)
        except DrafterError:
            return section.title

    def action_focus_outline(self) -> None:
        """Leave the editor for the outline."""
        self.query_one(OutlineTree).focus()

    def action_tab(self, tab: str) -> None:
        """Switch between editing, the preview and the findings, focus going along."""
        self.query_one("#tabs", TabbedContent).active = tab
        self.query_one(_TAB_FOCUS[tab]).focus()

    @on(TabbedContent.TabActivated, "#tabs")
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        pane = event.pane.id
        if pane == "preview":
            self.render_preview(copy.deepcopy(self.draft))
        elif pane == "findings":
            self.run_checks(copy.deepcopy(self.draft))

    # --- editing -------------------------------------------------------------------

    @property
    def item(self) -> Item | None:
        """The item in the editor, if an item is shown."""
        if self.place.section is None or self.place.item is None:
            return None
        return self.draft.items(self.place.section)[self.place.item]

    @on(Input.Changed, "#heading")
    def _heading_changed(self, event: Input.Changed) -> None:
        if self.item is not None:
            self.item.heading = event.value
            self._changed()
            self._request_suggestions()

    @on(TextArea.Changed, "#body")
    def _body_changed(self, event: TextArea.Changed) -> None:
        if self.item is not None:
            self.item.body = event.text_area.text
            self._changed()
            self._request_suggestions()

    @on(TextArea.SelectionChanged, "#body")
    def _cursor_moved(self) -> None:
        self._request_suggestions()

    @on(MetaForm.Changed, "#draft-meta")
    def _meta_changed(self, event: MetaForm.Changed) -> None:
        self.draft.meta = event.form.answers()
        self._changed()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        widget_id = event.widget.id
        if widget_id in ("heading", "body") and widget_id != self._field:
            self._field = widget_id
            self._request_suggestions()

    def _changed(self) -> None:
        self.dirty = self._pending = True
        self._changed_at = time.monotonic()
        self.query_one(OutlineTree).update_marks(self.outline, self.draft, self.findings)
        self._update_status()
        self._schedule_check(CHECK_DELAY)

    def _update_status(self) -> None:
        meta = self.draft.meta
        name = Path(self.draft.path).name if self.draft.path else "新草稿"
        saved = self.draft.path and not self.dirty
        state = "[green]✓ 已保存[/]" if saved else "[b yellow]● 未保存[/]"
        self.query_one(StatusBar).set_text(
            f"{state} [b]{meta.get('unit', '')} {meta.get('year', '')}[/]", name
        )

    def action_add_item(self) -> None:
        """Add an item to the current section (for sections that take several)."""
        if self.place.section is not None:
            self.add_item(self.place.section)

    def add_item(self, key: str | None) -> None:
        """Append an empty item to section `key` and start editing its heading."""
        from drafter.draft import Item

        section = self.outline.section(key) if key else None
        if section is None or not section.repeatable:
            self.notify("这一部分只有一段正文，不能新增条目。", severity="warning")
            return
        items = self.draft.items(section.key)
        items.append(Item(topic=section.topics[0] if len(section.topics) == 1 else None))
        place = Place(section.key, len(items) - 1)
        self.query_one(OutlineTree).build(self.outline, self.draft, self.findings, place)
        self._changed()
        self.go_to(place, "heading")

    def action_delete_item(self) -> None:
        """Delete the item in the editor (asks first when it has text)."""
        from drafter.tui.dialogs import ConfirmDialog

        item, place = self.item, self.place
        if item is None or place.section is None or place.item is None:
            return
        if not self.outline.section(place.section).repeatable:
            self.notify("这一部分不能删除，可以清空正文。", severity="warning")
            return

        def delete(choice: str | None = "delete") -> None:
            if choice != "delete" or place.section is None or place.item is None:
                return
            del self.draft.items(place.section)[place.item]
            tree = self.query_one(OutlineTree)
            tree.build(self.outline, self.draft, self.findings, Place(place.section))
            self._changed()
            self.show_place(Place(place.section))

        if item.is_empty():
            delete()
            return
        self.app.push_screen(
            ConfirmDialog(
                "删除条目",
                f"删除“{item_title(item, place.item)}”及其正文？",
                [("delete", "删除", "error"), ("cancel", "取消", "default")],
            ),
            delete,
        )

    # --- suggestions ---------------------------------------------------------------

    def _request_suggestions(self) -> None:
        item, place = self.item, self.place
        if item is None or place.section is None:
            return
        section = self.outline.section(place.section)
        topic = item.topic or (section.topics[0] if len(section.topics) == 1 else None)
        panel = self.query_one(SuggestionPanel)
        if self._field == "heading":
            panel.request(Request(item.heading.strip(), section.slot, topic, headings=True))
            return
        area = self.query_one("#body", BodyArea)
        before = area.text[: area.cursor_index]
        fallback = item.heading or topic or section.title
        panel.request(Request(query_before(before, fallback), section.slot, topic))

    def action_suggestion(self, delta: int) -> None:
        """Highlight the next or previous suggestion without leaving the editor."""
        self.query_one(SuggestionPanel).move(delta)

    @on(OptionList.OptionSelected, "#suggestion-list")
    def _suggestion_chosen(self) -> None:
        self.action_insert(True)

    def action_insert(self, template: bool) -> None:
        """Insert the highlighted suggestion (its template, or its original text)."""
        chosen = self.query_one(SuggestionPanel).selected
        if chosen is None or self.item is None:
            self.notify("没有可插入的建议：先在正文或小标题里输入几个字。", severity="warning")
            return
        text = chosen.template if template else chosen.text
        if self._field == "heading" and self.query_one("#heading").display:
            field = self.query_one("#heading", Input)
            field.value = text
            field.focus()
            if not select_next_placeholder_in_input(field):
                field.cursor_position = len(text)
            return
        area = self.query_one("#body", BodyArea)
        area.focus()
        cursor = area.cursor_index
        start = fragment_start(area.text[:cursor])
        location = area.document.get_location_from_index
        area.replace(text, location(start), location(cursor))
        inserted = find_placeholders(text)
        if inserted:
            area.select_span(start + inserted[0].start(), start + inserted[0].end())

    def action_next_placeholder(self) -> None:
        """Select the next `{…}` to fill: in this field, else in the next item that has one."""
        focused = self.focused
        if isinstance(focused, Input) and focused.id == "heading":
            if select_next_placeholder_in_input(focused):
                return
        area = self.query_one("#body", BodyArea)
        if self.item is not None and find_placeholders(area.text):
            body_matches = find_placeholders(area.text)
            if focused is area or body_matches[-1].end() > area.cursor_index:
                area.focus()
                area.select_next_placeholder()
                return
        target = self._next_place_with_placeholder()
        if target is None:
            self.notify("没有待填写的占位符了。")
            return
        place, field = target
        self.go_to(place, field)
        if field == "heading":
            select_next_placeholder_in_input(self.query_one("#heading", Input))
        else:
            area.move_cursor((0, 0))
            area.select_next_placeholder()

    def _next_place_with_placeholder(self) -> tuple[Place, str] | None:
        """The first item after the current one (wrapping) with a placeholder left."""
        places = [
            (Place(section.key, index), item, section.repeatable)
            for section in self.outline.sections
            for index, item in enumerate(self.draft.items(section.key))
        ]
        current = next((i for i, (p, _, _) in enumerate(places) if p == self.place), -1)
        for place, item, repeatable in places[current + 1 :] + places[: current + 1]:
            if repeatable and find_placeholders(item.heading):
                return place, "heading"
            if find_placeholders(item.body):
                return place, "body"
        return None

    # --- preview and checks --------------------------------------------------------

    @work(thread=True, exclusive=True, group="render")
    def render_preview(self, draft: Draft) -> None:
        """Render the report off the UI thread and show it."""
        from drafter.render import render_blocks

        pane = self.query_one(PreviewPane)
        try:
            blocks = render_blocks(draft)
        except DrafterError as error:
            self.app.call_from_thread(pane.show_error, str(error))
            return
        self.app.call_from_thread(pane.show, blocks)

    def _schedule_check(self, delay: float) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(
            delay, lambda: self.run_checks(copy.deepcopy(self.draft))
        )

    @work(thread=True, exclusive=True, group="check")
    def run_checks(self, draft: Draft) -> None:
        """Run the checks off the UI thread; the outline marks and the findings list follow."""
        from drafter.check import check_draft

        try:
            findings = check_draft(draft)
        except DrafterError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self._show_findings, findings)

    def _show_findings(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.query_one(OutlineTree).update_marks(self.outline, self.draft, findings)
        self.query_one(FindingsList).show(findings)
        count = sum(f.severity in ("error", "warning") for f in findings)
        self.query_one("#tabs", TabbedContent).get_tab("findings").label = (
            f"检查 F4 ({count})" if count else "检查 F4"
        )

    @on(FindingsList.FindingChosen)
    def _finding_chosen(self, event: FindingsList.FindingChosen) -> None:
        finding = event.finding
        if finding.section is None:
            if finding.field and finding.field.startswith("meta:"):
                self.go_to(Place(), finding.field.removeprefix("meta:"))
            return
        section = self.outline.section(finding.section)
        index = finding.item
        if index is None and (not section.repeatable or self.draft.items(section.key)):
            index = 0
        self.go_to(Place(section.key, index), finding.field or "body")

    # --- saving, autosave, export, quit --------------------------------------------

    def action_save(self) -> None:
        """Save the draft file (asking where, the first time)."""
        self.save()

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Save, asking for a path if the draft has none; call `then()` once saved."""
        from drafter.paths import DRAFT_SUFFIX
        from drafter.tui.dialogs import SaveDialog, report_stem

        if self.draft.path is not None:
            if self._save_to(Path(self.draft.path)) and then is not None:
                then()
            return

        def chosen(path: Path | None) -> None:
            if path is not None and self._save_to(path) and then is not None:
                then()

        suggested = Path.cwd() / f"{report_stem(self.draft)}{DRAFT_SUFFIX}"
        self.app.push_screen(SaveDialog(suggested), chosen)

    def _save_to(self, path: Path) -> bool:
        from drafter.draft import save_draft

        try:
            save_draft(self.draft, path)
        except (DrafterError, OSError) as error:
            self.notify(str(error), title="保存失败", severity="error", timeout=10)
            return False
        self.draft.path = path
        session.discard_slot(self.autosave_path)
        self.autosave_path = session.slot_path(path)
        session.discard_slot(self.autosave_path)
        session.remember_recent(path)
        self.dirty = self._pending = False
        self._update_status()
        self.notify(f"已保存到 {path}")
        return True

    def _autosave_tick(self) -> None:
        now = time.monotonic()
        if self._pending and (
            now - self._changed_at >= AUTOSAVE_IDLE or now - self._autosaved_at >= AUTOSAVE_MAX
        ):
            self.autosave()

    def _autosave_if_pending(self) -> None:
        if self._pending:
            self.autosave()

    def autosave(self) -> None:
        """Write the draft to its autosave slot now (atomically)."""
        from drafter.draft import dump_draft

        try:
            session.write_slot(self.autosave_path, dump_draft(self.draft), self.draft.path)
        except (DrafterError, OSError) as error:
            self.notify(str(error), title="自动保存失败", severity="error")
            return
        self._pending = False
        self._autosaved_at = time.monotonic()

    def action_export(self) -> None:
        """Export the report to .docx, .md or .txt."""
        from drafter.tui.export_dialog import ExportDialog

        self._autosave_if_pending()
        self.app.push_screen(ExportDialog(self.draft))

    def request_quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        from drafter.tui.dialogs import ConfirmDialog

        if not self.dirty:
            self._leave()
            return

        def answered(choice: str | None) -> None:
            if choice == "save":
                self.save(then=self._leave)
            elif choice == "discard":
                self._leave()

        self.app.push_screen(
            ConfirmDialog(
                "退出",
                "草稿有未保存的修改。",
                [
                    ("save", "保存并退出", "primary"),
                    ("discard", "不保存退出", "error"),
                    ("cancel", "取消", "default"),
                ],
            ),
            answered,
        )

    def _leave(self) -> None:
        """A clean exit: the autosave slot is no longer needed."""
        session.discard_slot(self.autosave_path)
        self.app.exit()
