"""The drafting screen: outline, item editor, suggestions, preview and findings.

The draft object is the model: every edit the panes report writes into it, marks
it dirty and schedules an autosave (see `session.AutosaveClock`; also whenever the
user leaves an item). Each pane is its own widget with its own messages — the
outline (`OutlineTree`), the item editor (`ItemEditor.Edited/Moved`), the
suggestions (`SuggestionPanel`), the preview and the findings
(`FindingsList.Checked/FindingChosen`) — and this screen wires them together; F5
opens the coverage view (`CoverageScreen`) over it.
Rendering, checks and lookups work on copies in thread workers, so typing never waits.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import (
    ContentSwitcher,
    Footer,
    OptionList,
    TabbedContent,
    TabPane,
    Tree,
)

from drafter.errors import DrafterError
from drafter.tui import session
from drafter.tui.editor import ItemEditor
from drafter.tui.findings import FindingsList
from drafter.tui.guard import Guarded, guarded
from drafter.tui.meta_form import MetaEditor, MetaForm, answer_problems
from drafter.tui.outline_tree import (
    OutlineHint,
    OutlineTree,
    Place,
    item_title,
    next_place_with_placeholder,
)
from drafter.tui.preview import PreviewPane
from drafter.tui.promises import PromisePanel, promise_title
from drafter.tui.saving import DraftKeeping
from drafter.tui.status import StatusBar
from drafter.tui.suggestions import Request, SuggestionPanel, query_before

if TYPE_CHECKING:
    from drafter.drafting.check import Finding
    from drafter.drafting.draft import Draft, Item
    from drafter.drafting.outline import Section

_TAB_FOCUS = {"edit": "#body", "preview": "#preview-pane", "findings": "#findings-list"}
"""What gets the focus on each tab (focus left in a hidden tab would switch back to it)."""
CHECK_DELAY = 1.5
"""Seconds of quiet before the checks run again (they mark the outline)."""
UNTYPED_NOTICE = 3.0
"""Seconds between two notices that typing had nowhere to go (one per burst of keys)."""
WIDE = 120
"""From this many columns the screen is laid out wide (outline, editor and side by side)."""
ANSWERED = {"年度": "year", "单位": "unit"}
"""Placeholders a draft answers by itself, by the question that answers them; a pack's
own question answers the placeholder named by its label (`{上级}` for 上级机关)."""


def known_answers(draft: Draft) -> dict[str, str]:
    """Placeholder name → the draft's answer, for filling suggestions as they go in."""
    try:
        answers = draft.answers()
    except DrafterError:
        answers = dict(draft.meta)
    known = {}
    for question in draft.outline.questions:
        value = answers.get(question.key)
        if value in (None, ""):
            continue
        names = [name for name, key in ANSWERED.items() if key == question.key]
        names += [question.label, question.label.removesuffix("机关").removesuffix("名称")]
        for name in names:
            known.setdefault(name, str(value))
    return known


def lookup_scope(draft: Draft) -> tuple[int | None, str | None]:
    """The draft's year and kind of unit, for suggestions fit for its report; a year
    missing or wrong (being typed) is None, and suggestions of any year are offered."""
    try:
        year: int | None = draft.year
    except DrafterError:
        year = None
    return year, draft.unit_kind


class DraftingScreen(DraftKeeping, Guarded, Screen[None]):
    """Write the report: pick a place in the outline, type, borrow from suggestions."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
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
        Binding(
            "f5",
            "coverage",
            "纲要覆盖",
            tooltip="主要举措在纲要各任务分项的分布，与语料中的报告对照",
        ),
        Binding(
            "f6",
            "toggle_guidance",
            "展开要求",
            show=False,
            priority=True,
            tooltip="展开或收起本部分的写作要求",
        ),
        Binding("escape", "focus_outline", "回到大纲", show=False),
    ]

    def __init__(self, draft: Draft, *, autosave: Path | None = None, dirty: bool = False) -> None:
        super().__init__()
        self.draft = draft
        self.outline = draft.outline
        # a draft made here (new, imported, next year's) is on no disk yet: quitting asks,
        # and it is autosaved like typed text
        self.dirty = dirty or draft.path is None
        self.autosave_path = autosave or session.slot_path(draft.path)
        self.place = Place()
        self.findings: list[Finding] = []
        self.clock = session.AutosaveClock(pending=self.dirty)
        self.slot_writer = session.SlotWriter()
        self._check_timer: Timer | None = None
        self._untyped_at = -UNTYPED_NOTICE
        self._scope = lookup_scope(draft)

    # --- layout --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="main"):
            with Vertical(id="outline-pane"):
                yield OutlineTree(id="outline")
                yield OutlineHint(id="outline-hint")
            with TabbedContent(id="tabs", initial="edit"):
                with TabPane("编辑 F2", id="edit"), Horizontal(id="edit-area"):
                    with ContentSwitcher(initial="item-editor", id="editor-switcher"):
                        yield ItemEditor(id="item-editor")
                        yield MetaEditor(self.outline, self.draft.meta, id="meta-editor")
                    with Vertical(id="side"):
                        yield PromisePanel(id="promises")
                        yield SuggestionPanel(id="suggestions")
                with TabPane("预览 F3", id="preview"):
                    yield PreviewPane(id="preview-pane")
                with TabPane("检查 F4", id="findings"):
                    yield FindingsList(id="findings-list")
        yield Footer()

    def on_mount(self) -> None:
        first = self.outline.sections[0]
        start = Place(first.key, 0 if self.draft.items(first.key) else None)
        problems = answer_problems(self.draft)
        if problems:  # a bad answer kept from the file: open on it, marked
            start = Place()
        tree = self.query_one(OutlineTree)
        tree.build(self.outline, self.draft, [], start)
        self.show_place(start)
        if problems:
            form = self.query_one("#draft-meta", MetaForm)
            self.call_after_refresh(form.show_problems, focus=True)
        else:
            self.query_one(ItemEditor).body.focus()
        self.set_interval(session.AUTOSAVE_TICK, guarded(self, self._autosave_tick))
        self.update_status()
        self._schedule_check(0.1)
        self.watch(self.app, "book", lambda _book: self._schedule_check(0.1), init=False)

    def on_resize(self, event: events.Resize) -> None:
        """Narrower than WIDE, the footer drops its padding: every key it shows fits in 80."""
        self.query_one(Footer).compact = event.size.width < WIDE

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
            self.query_one(ItemEditor).body.focus()

    def go_to(self, place: Place, field: str | None = None) -> None:
        """Show `place` in the outline and the editor, and focus one of its fields."""
        self.query_one("#tabs", TabbedContent).active = "edit"
        self.query_one(OutlineTree).move_to(place)
        self.show_place(place)
        editor = self.query_one(ItemEditor)
        if field == "heading" and editor.heading.display:
            editor.heading.focus()
        elif field is not None and place.section is not None and place.item is not None:
            editor.body.focus()
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
        self.query_one("#side").display = place.section is not None
        measures = place.section is not None and self.outline.section(place.section).slot
        self.query_one(PromisePanel).display = bool(self.draft.promises) and (
            measures == "measures"
        )
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
        self.query_one(PromisePanel).follow((section.key, place.item), item.heading)
        label = f"{title} · 第{place.item + 1}条" if section.repeatable else title
        editor.show(
            label, section.guidance, item.heading if section.repeatable else None, item.body
        )
        self._request_suggestions()

    def _title(self, section: Section) -> str:
        """The section's title for this draft (its template while an answer is wrong)."""
        try:
            return self.outline.title_of(section, self.draft.meta)
        except DrafterError:
            return section.title

    def action_coverage(self) -> None:
        """Show how the measures spread over the 纲要's task areas (on a copy of the draft)."""
        from drafter.tui.coverage_view import CoverageScreen

        self.app.push_screen(CoverageScreen(copy.deepcopy(self.draft)))

    def action_toggle_guidance(self) -> None:
        """Show the whole of the section's guidance, or two lines of it again."""
        self.query_one(ItemEditor).guidance.toggle()

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
            self.query_one(PreviewPane).render_draft(copy.deepcopy(self.draft))
        elif pane == "findings":
            self._check()

    # --- editing -------------------------------------------------------------------

    @property
    def item(self) -> Item | None:
        """The item in the editor, if an item is shown."""
        if self.place.section is None or self.place.item is None:
            return None
        return self.draft.items(self.place.section)[self.place.item]

    @on(ItemEditor.Edited)
    def _edited(self, event: ItemEditor.Edited) -> None:
        item = self.item
        if item is not None:
            setattr(item, event.field, event.value)
            self._changed()
            self._request_suggestions()

    @on(ItemEditor.Moved)
    def _moved(self) -> None:
        self._request_suggestions()
        self.query_one(StatusBar).set_hint(self.query_one(ItemEditor).placeholder_hint())

    def on_key(self, event: events.Key) -> None:
        """A character typed where it cannot go (the outline, a list) goes to the body,
        which takes the focus: nothing typed is lost."""
        if not event.is_printable or event.key in self.active_bindings:
            return
        event.stop()
        body = self.query_one(ItemEditor).body
        if self.item is None or not body.display:
            if time.monotonic() - self._untyped_at > UNTYPED_NOTICE:
                what = "报告信息" if self.place.section is None else "这一部分"
                notice = f"没有输入：先在大纲中选中条目，或按回车编辑{what}。"
                self.notify(notice, severity="warning")
            self._untyped_at = time.monotonic()
            return
        self.query_one("#tabs", TabbedContent).active = "edit"
        body.focus()
        body.replace(event.character or "", *body.selection)

    @on(MetaForm.Changed, "#draft-meta")
    def _meta_changed(self, event: MetaForm.Changed) -> None:
        self.draft.meta = event.form.answers()
        self._scope = lookup_scope(self.draft)
        self._changed()

    def _changed(self) -> None:
        self.dirty = True
        self.clock.changed()
        self.query_one(OutlineTree).update_marks(self.outline, self.draft, self.findings)
        self.update_status()
        self._schedule_check(CHECK_DELAY)

    def update_status(self) -> None:
        meta = self.draft.meta
        name = Path(self.draft.path).name if self.draft.path else "新草稿"
        saved = self.draft.path and not self.dirty
        state = ("✓ 已保存", "green") if saved else ("● 未保存", "bold yellow")
        who = f"{meta.get('unit', '')} {meta.get('year', '')}".strip()
        head = Text.assemble(state, " ", (who, "bold"))
        problems = answer_problems(self.draft)
        if problems:
            head.append(f" {self.outline.question(next(iter(problems))).label}有误", "bold red")
        self.query_one(StatusBar).set_text(head, Text(name))

    def action_add_item(self) -> None:
        """Add an item to the current section (for sections that take several)."""
        if self.place.section is not None:
            self.add_item(self.place.section)

    def add_item(self, key: str | None) -> None:
        """Append an empty item to section `key` and start editing its heading."""
        from drafter.drafting.draft import Item

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
        editor = self.query_one(ItemEditor)
        year, unit_kind = self._scope
        if editor.field == "heading":
            query, headings = item.heading.strip(), True
        else:
            fallback = item.heading or topic or section.title
            query, headings = query_before(editor.text_before_cursor(), fallback), False
        panel.request(Request(query, section.slot, topic, headings, year, unit_kind))

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
        self.query_one(ItemEditor).insert(text, known_answers(self.draft))

    def action_next_placeholder(self) -> None:
        """Select the next `{…}` to fill: in this item, else in the next item that has one."""
        editor = self.query_one(ItemEditor)
        self.query_one("#tabs", TabbedContent).active = "edit"
        if self.item is not None and editor.next_placeholder():
            return
        target = next_place_with_placeholder(self.outline, self.draft, self.place)
        if target is None:
            self.notify("没有待填写的占位符了。")
            return
        place, field = target
        self.go_to(place, field)
        editor.first_placeholder(field)

    # --- preview and checks --------------------------------------------------------

    def _schedule_check(self, delay: float) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(delay, guarded(self, self._check))

    def _check(self) -> None:
        """Run the checks on a copy, against last year's report when the draft came from
        one and with the corpus once the phrasebook is open (checked again then); and see
        which of last year's promises the measures now answer."""
        against = Path(self.draft.source) if self.draft.source else None
        book = getattr(self.app, "book", None)
        self.query_one(FindingsList).check(copy.deepcopy(self.draft), against, book)
        if self.draft.promises:
            self.query_one(PromisePanel).update_coverage(copy.deepcopy(self.draft))

    @on(PromisePanel.PromiseChosen)
    def _promise_chosen(self, event: PromisePanel.PromiseChosen) -> None:
        """Go to the measure that answers a promise; for one not answered yet, to the
        measure headed with it (next year's checklist), else a new one."""
        from drafter.drafting.draft import Item

        if event.place is not None:
            self.go_to(Place(*event.place), "body")
            return
        section = next(s for s in self.outline.sections if s.slot == "measures")
        items = self.draft.items(section.key)
        heading = promise_title(event.promise)
        index = next((i for i, item in enumerate(items) if item.heading.strip() == heading), None)
        if index is None:
            items.append(Item(heading, "", event.promise.topic))
            index = len(items) - 1
            self.query_one(OutlineTree).build(
                self.outline, self.draft, self.findings, Place(section.key, index)
            )
            self._changed()
        self.go_to(Place(section.key, index), "body")

    @on(FindingsList.Checked)
    def _checked(self, event: FindingsList.Checked) -> None:
        findings = self.findings = event.findings
        self.query_one(OutlineTree).update_marks(self.outline, self.draft, findings)
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
