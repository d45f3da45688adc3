"""The first screen: recover an autosave, start a new draft, or open an existing one."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    Button,
    Footer,
    Input,
    Label,
    OptionList,
    Select,
    TabbedContent,
    TabPane,
)
from textual.widgets.option_list import Option

from drafter.errors import DrafterError
from drafter.tui.messages import OpenDraft, OpenDraftFile
from drafter.tui.session import Autosave, list_autosaves, load_recent
from drafter.tui.status import StatusBar

DEFAULT_PACK = "standard"


class StartScreen(Screen[None]):
    """New draft form (from the pack's questions), recent drafts, and crash recovery."""

    BINDINGS = [
        Binding("ctrl+n", "create", "创建草稿", priority=True),
        Binding("ctrl+o", "open_tab", "打开草稿", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.autosaves: list[Autosave] = list_autosaves()
        self.recent: list[Path] = load_recent()

    def compose(self) -> ComposeResult:
        from drafter.outline import list_packs

        yield StatusBar("[b]drafter[/] 法治政府建设情况报告起草助手", id="status")
        if self.autosaves:
            with Vertical(id="recover"):
                yield Label("上次有未保存就退出的草稿（崩溃或终端被关闭），可以恢复：")
                yield OptionList(*(_autosave_option(s) for s in self.autosaves), id="recover-list")
                with Horizontal(classes="buttons"):
                    yield Button(
                        "恢复 (回车)", id="recover-button", variant="warning", compact=True
                    )
                    yield Button("丢弃", id="discard-button", compact=True)
        self.packs = {pack.name: pack for pack in list_packs()}
        with TabbedContent(id="start-tabs"):
            with TabPane("新建报告", id="new"):
                with Horizontal(id="pack-row", classes="question"):
                    yield Label("模板", classes="question-label")
                    yield Select(
                        [(f"{p.label}（{p.name}）", p.name) for p in self.packs.values()],
                        value=DEFAULT_PACK if DEFAULT_PACK in self.packs else Select.NULL,
                        allow_blank=False,
                        id="pack",
                    )
                yield from self._form(self._pack_name())
                with Horizontal(classes="buttons"):
                    yield Button("创建草稿 (Ctrl+N)", id="create", variant="primary")
            with TabPane("打开草稿", id="open"):
                yield Label("最近的草稿：" if self.recent else "还没有最近打开的草稿。")
                yield OptionList(*(Option(str(p), id=str(p)) for p in self.recent), id="recent")
                with Horizontal(id="open-row"):
                    yield Input(placeholder="或输入草稿文件路径（*.draft.yaml）", id="open-path")
                    yield Button("打开", id="open-button", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        first = "#recover-list" if self.autosaves else ".question-field"
        self.query(first).first().focus()

    def _pack_name(self) -> str | None:
        if not self.packs:
            return None
        return DEFAULT_PACK if DEFAULT_PACK in self.packs else next(iter(self.packs))

    def _form(self, pack_name: str | None) -> ComposeResult:
        from drafter.tui.meta_form import MetaForm

        if pack_name is None:
            yield Label("没有可用的模板包（templates/）。", classes="form-note -invalid")
        else:
            yield MetaForm(self.packs[pack_name], id="meta-form")

    @on(Select.Changed, "#pack")
    async def _pack_changed(self, event: Select.Changed) -> None:
        from drafter.tui.meta_form import MetaForm

        form = self.query_one(MetaForm)
        if event.value == form.outline.name:
            return
        await form.remove()
        new_form = MetaForm(self.packs[str(event.value)], id="meta-form")
        await self.query_one("#new", TabPane).mount(new_form, after="#pack-row")

    # --- new -------------------------------------------------------------------

    @on(Button.Pressed, "#create")
    @on(Input.Submitted, "#meta-form Input")
    def action_create(self) -> None:
        """Create the draft from the form, if every answer is acceptable."""
        from drafter.draft import new_draft
        from drafter.tui.meta_form import MetaForm

        self.query_one("#start-tabs", TabbedContent).active = "new"
        form = self.query_one(MetaForm)
        problems = form.problems()
        if problems:
            self.notify("\n".join(problems.values()), title="请先完善报告信息", severity="warning")
            return
        try:
            draft = new_draft(form.outline.name, form.answers())
        except DrafterError as error:
            self.notify(str(error), title="无法创建草稿", severity="error", timeout=10)
            return
        self.post_message(OpenDraft(draft))

    # --- open ------------------------------------------------------------------

    def action_open_tab(self) -> None:
        """Show the open tab, focused on the recent drafts (or the path field)."""
        self.query_one("#start-tabs", TabbedContent).active = "open"
        target = "#recent" if self.recent else "#open-path"
        self.query_one(target).focus()

    @on(OptionList.OptionSelected, "#recent")
    def _open_recent(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.post_message(OpenDraftFile(Path(event.option.id)))

    @on(Input.Submitted, "#open-path")
    @on(Button.Pressed, "#open-button")
    def _open_path(self) -> None:
        text = self.query_one("#open-path", Input).value.strip()
        if text:
            self.post_message(OpenDraftFile(Path(text).expanduser()))

    # --- recover ---------------------------------------------------------------

    def _chosen_autosave(self) -> Autosave | None:
        index = self.query_one("#recover-list", OptionList).highlighted
        return self.autosaves[index] if index is not None else None

    @on(OptionList.OptionSelected, "#recover-list")
    @on(Button.Pressed, "#recover-button")
    def _recover(self) -> None:
        slot = self._chosen_autosave()
        if slot is None:
            return
        try:
            draft = slot.read()
        except (DrafterError, OSError) as error:
            self.notify(str(error), title="无法恢复", severity="error", timeout=10)
            return
        self._forget(slot)
        self.post_message(OpenDraft(draft, autosave=slot.yaml_path, dirty=True))

    @on(Button.Pressed, "#discard-button")
    def _discard(self) -> None:
        slot = self._chosen_autosave()
        if slot is not None:
            slot.discard()
            self._forget(slot)
            self.notify("已丢弃自动保存的草稿")

    def _forget(self, slot: Autosave) -> None:
        """Take a handled slot off the list; hide the box when none is left."""
        index = self.autosaves.index(slot)
        self.autosaves.pop(index)
        self.query_one("#recover-list", OptionList).remove_option_at_index(index)
        if not self.autosaves:
            self.query_one("#recover").remove()


def _autosave_option(slot: Autosave) -> Option:
    """`长治市潞州区 2024 · /path/x.draft.yaml · 自动保存于 03-15 10:20`."""
    try:
        meta = slot.read().meta
        who = f"{meta.get('unit', '')} {meta.get('year', '')}".strip()
    except (DrafterError, OSError):
        who = "（无法读取）"
    where = str(slot.draft_path) if slot.draft_path else "未保存的新草稿"
    return Option(f"{who} · {where} · 自动保存于 {slot.saved_at:%m-%d %H:%M}")
