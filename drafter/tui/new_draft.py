"""The new-draft form: pick a template pack and answer its questions (unit, year, …)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Select

from drafter.drafting.outline import list_packs
from drafter.errors import DrafterError
from drafter.tui.dialogs import ConfirmDialog
from drafter.tui.guard import Guarded
from drafter.tui.messages import OpenDraft
from drafter.tui.meta_form import MetaForm
from drafter.tui.status import StatusBar

DEFAULT_PACK = "standard"


class NewDraftScreen(Guarded, Screen[None]):
    """The pack's metadata questions, with its defaults, help and validation; Enter creates."""

    BINDINGS = [
        Binding("ctrl+n", "create", "创建草稿", priority=True),
        Binding("escape", "back", "返回"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.packs = {pack.name: pack for pack in list_packs()}

    def compose(self) -> ComposeResult:
        yield StatusBar("[b]新建报告[/]", id="status")
        with Vertical(id="new-draft"):
            if not self.packs:
                yield Label("没有可用的模板包（templates/）。", classes="form-note -invalid")
            else:
                default = DEFAULT_PACK if DEFAULT_PACK in self.packs else next(iter(self.packs))
                with Horizontal(id="pack-row", classes="question"):
                    yield Label("模板", classes="question-label")
                    yield Select(
                        [(Text(f"{p.label}（{p.name}）"), p.name) for p in self.packs.values()],
                        value=default,
                        allow_blank=False,
                        id="pack",
                    )
                yield MetaForm(self.packs[default], id="meta-form")
                with Horizontal(classes="buttons"):
                    yield Button("创建草稿 (Ctrl+N)", id="create", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        fields = self.query(".question-field")
        if fields:
            fields.first().focus()

    @on(Select.Changed, "#pack")
    async def _pack_changed(self, event: Select.Changed) -> None:
        form = self.query_one(MetaForm)
        if event.value == form.outline.name:
            return
        await form.remove()
        new_form = MetaForm(self.packs[str(event.value)], id="meta-form")
        await self.query_one("#new-draft").mount(new_form, after="#pack-row")

    def action_back(self) -> None:
        """Back to the start screen, asking first if anything was typed into the form."""
        if not any(form.touched for form in self.query(MetaForm)):
            self.app.pop_screen()
            return

        def answered(choice: str | None) -> None:
            if choice == "discard":
                self.app.pop_screen()

        self.app.push_screen(
            ConfirmDialog(
                "放弃填写的内容？",
                "返回后，表单里填写的内容不会保留。",
                [("stay", "继续填写", "primary"), ("discard", "放弃并返回", "error")],
            ),
            answered,
        )

    @on(Button.Pressed, "#create")
    @on(Input.Submitted, "#meta-form Input")
    def action_create(self) -> None:
        """Create the draft from the form, if every answer is acceptable."""
        from drafter.drafting.draft import new_draft

        forms = self.query(MetaForm)
        if not forms:
            return
        form = forms.first()
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
