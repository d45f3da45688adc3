"""The first screen: a small menu (new report, start from last year's report, open a
draft, recent drafts) and crash recovery.

It must paint fast, so it holds a handful of widgets and loads nothing of the core:
the new-draft form (which loads the template packs) is a screen of its own, built
when the user asks for it; its modules and the packs load in a thread after the
first paint, and autosaves are described only then too.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Button, Footer, Label, OptionList, Static
from textual.widgets.option_list import Option

from drafter.tui.guard import Guarded, describe
from drafter.tui.messages import OpenDraft, OpenDraftFile
from drafter.tui.session import Autosave, list_autosaves, load_recent
from drafter.tui.status import StatusBar

INTRO = "起草年度《法治政府建设情况报告》：新建，从去年的报告开始，或继续写草稿。"
HINT = "[dim]↑↓ 选择，回车确认[/]"
MENU_LABEL_CELLS = 20


class StartScreen(Guarded, Screen[None]):
    """New report, open a draft or a report (recent drafts listed), and autosaves left by
    a crash."""

    BINDINGS = [
        Binding("ctrl+n", "new", "新建报告", priority=True),
        Binding("ctrl+o", "open", "打开草稿或报告", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.autosaves: list[Autosave] = list_autosaves()
        self.recent: list[Path] = load_recent()

    def compose(self) -> ComposeResult:
        yield StatusBar("[b]drafter[/] 法治政府建设情况报告起草助手", id="status")
        if self.autosaves:
            with Vertical(id="recover"):
                yield Label("上次有未保存就退出的草稿（崩溃或终端被关闭），可以恢复：")
                yield OptionList(
                    *(_autosave_prompt(slot) for slot in self.autosaves), id="recover-list"
                )
                with Horizontal(classes="buttons"):
                    yield Button(
                        "恢复 (回车)", id="recover-button", variant="warning", compact=True
                    )
                    yield Button("丢弃", id="discard-button", compact=True)
        with Vertical(id="start"):
            yield Static(INTRO, id="intro")
            yield OptionList(*self._menu(), id="start-menu")
            yield Static(HINT, id="start-hint")
        yield Footer()

    def _menu(self) -> list[Option | None]:
        """新建 and 打开, then the recent drafts (each opens on Enter)."""
        menu: list[Option | None] = [
            _entry("new", "新建报告", "填写单位、年度等，生成报告框架　Ctrl+N"),
            _entry("open", "从去年的报告开始…", "打开 .docx 等，导入或开始新一年"),
            _entry("open-draft", "打开草稿…", "*.draft.yaml 或报告文件　Ctrl+O"),
        ]
        if self.recent:
            menu += [None, Option("[b]最近的草稿[/]", disabled=True)]
            menu += [Option(escape(str(path)), id=str(path)) for path in self.recent]
        return menu

    def on_mount(self) -> None:
        self.query_one("#recover-list" if self.autosaves else "#start-menu").focus()
        self.call_after_refresh(self._prepare)
        if self.autosaves:
            self.call_after_refresh(self._name_autosaves)

    @work(thread=True, group="prepare")
    def _prepare(self) -> None:
        """After the first paint: load the next screens' modules and the (cached) template packs."""
        from drafter.drafting.outline import list_packs

        for module in ("drafter.tui.new_draft", "drafter.tui.drafting"):
            importlib.import_module(module)
        list_packs()

    # --- new and open ----------------------------------------------------------

    def action_new(self) -> None:
        """Show the new-draft form (the pack's questions)."""
        from drafter.tui.new_draft import NewDraftScreen

        self.app.push_screen(NewDraftScreen())

    def action_open(self) -> None:
        """Ask for the path of a draft, or of a report to start from, and open it."""
        from drafter.tui.dialogs import OpenDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.post_message(OpenDraftFile(path))

        self.app.push_screen(OpenDialog(f"{Path.cwd()}{os.sep}"), chosen)

    @on(OptionList.OptionSelected, "#start-menu")
    def _menu_chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id
        if choice == "new":
            self.action_new()
        elif choice in ("open", "open-draft"):
            self.action_open()
        elif choice is not None:
            self.post_message(OpenDraftFile(Path(choice)))

    # --- recover ---------------------------------------------------------------

    def _name_autosaves(self) -> None:
        """Add each autosave's unit and year (reading a draft loads its template pack)."""
        recover = self.query_one("#recover-list", OptionList)
        for index, slot in enumerate(self.autosaves):
            try:
                meta = slot.read().meta
                who = f"{meta.get('unit', '')} {meta.get('year', '')}".strip()
            except Exception:  # told in full if the writer picks it
                who = "（无法读取）"
            recover.replace_option_prompt_at_index(index, _autosave_prompt(slot, who))

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
        except Exception as error:
            self.notify(describe(error), title="无法恢复", severity="error", timeout=10)
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
            self.query_one("#start-menu").focus()


def _entry(choice: str, label: str, note: str) -> Option:
    """A menu entry: the label padded to one width (CJK takes two cells), a dim note."""
    padding = " " * max(MENU_LABEL_CELLS - cell_len(label), 1)
    return Option(Text.assemble(label, padding, (note, "dim")), id=choice)


def _autosave_prompt(slot: Autosave, who: str = "…") -> str:
    """`长治市潞州区 2024 · /path/x.draft.yaml · 自动保存于 03-15 10:20`."""
    where = str(slot.draft_path) if slot.draft_path else "未保存的新草稿"
    return escape(f"{who} · {where} · 自动保存于 {slot.saved_at:%m-%d %H:%M}")
