"""The metadata form, generated from a pack's questions: a new pack needs no TUI code.

Defaults are Jinja over earlier answers (`{{ unit }}人民政府`), so fields the
user has not touched follow the answers they depend on. `when` hides questions
that do not apply; each field shows its help while focused and its problem
(required, type, validator) as soon as it is edited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from drafter.drafting.outline import Outline, Question
from drafter.errors import DrafterError
from drafter.tui.guard import Guarded
from drafter.tui.text import clip_lines

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft

PROBLEM_CELLS = 18
"""Width of the short problem shown beside a field (the note under the form has it all)."""


def answer_problems(draft: Draft) -> dict[str, str]:
    """What is wrong with a draft's answers (its pack's defaults filling the gaps); a pack
    whose own rules fail on them is left for the checks to report."""
    outline = draft.outline
    try:
        answers = outline.defaults(draft.meta)
    except DrafterError:
        answers = dict(draft.meta)
    try:
        return outline.validate_answers(answers)
    except DrafterError:
        return {}


class MetaForm(Guarded, VerticalScroll):
    """One row per question of the pack: label, field, help (when focused) and problem."""

    class Changed(Message):
        """An answer was edited (by the user, not by a default following another answer)."""

        def __init__(self, form: MetaForm, key: str) -> None:
            super().__init__()
            self.form = form
            self.key = key

        @property
        def control(self) -> MetaForm:
            return self.form

    def __init__(
        self, outline: Outline, answers: dict[str, Any] | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id, classes="meta-form")
        self.outline = outline
        self.given = dict(answers or {})
        """Answers the user gave (or the draft had); other fields show defaults."""
        self.shown_problems: dict[str, str] = {}
        self._focused_key: str | None = None
        self.pristine: dict[str, Any] = self._defaults()
        """The answers as the form first showed them."""

    def compose(self) -> ComposeResult:
        shown = self._defaults()
        for question in self.outline.questions:
            with Horizontal(classes="question", id=f"q-{question.key}"):
                mark = "*" if question.required else " "
                yield Label(f"{question.label}{mark}", classes="question-label", markup=False)
                yield _field(question, shown.get(question.key))
                yield Static("", classes="question-problem", markup=False)
        yield Static("", classes="form-note", markup=False)

    def on_mount(self) -> None:
        self._show_active(self._defaults())
        self.call_after_refresh(self._settled)

    def _settled(self) -> None:
        self.pristine = self.answers()

    @property
    def touched(self) -> bool:
        """Whether the writer changed any answer since the form appeared."""
        return self.answers() != self.pristine

    def answers(self) -> dict[str, Any]:
        """The answers of the active questions, typed (`"2024"` → 2024), defaults included."""
        return self._defaults()

    def problems(self) -> dict[str, str]:
        """Problems with the answers by question key; shown beside their fields as well,
        the first one focused."""
        return self.show_problems(focus=True)

    def show_problems(self, *, focus: bool = False) -> dict[str, str]:
        """Mark every answer that will not do (and focus the first, if asked)."""
        answers = self.answers()
        problems = {
            q.key: problem
            for q in self.outline.questions
            if (problem := _problem(q, self._raw(q), answers))
        }
        for question in self.outline.questions:
            self._show_problem(question, problems.get(question.key, ""))
        if problems and focus:
            first = next(iter(problems))
            self.query_one(f"#q-{first}").query(".question-field").first().focus()
        return problems

    def _defaults(self) -> dict[str, Any]:
        try:
            shown = self.outline.defaults(self.given)
        except DrafterError:
            shown = dict(self.given)
        return {
            k: v for k, v in shown.items() if v is not None and self.given.get(k, v) is not None
        }

    def _raw(self, question: Question) -> Any:
        """What the field holds now (untyped), for validation."""
        widget = self.query_one(f"#q-{question.key}").query(".question-field").first()
        return _value_of(widget)

    def _show_problem(self, question: Question, problem: str) -> None:
        self.shown_problems[question.key] = problem
        row = self.query_one(f"#q-{question.key}")
        row.set_class(bool(problem), "-invalid")
        short = problem.removeprefix(f"{question.label}：")
        row.query_one(".question-problem", Static).update(
            clip_lines(f"！{short}", PROBLEM_CELLS, 1) if problem else ""
        )
        self._update_note()

    def _update_note(self) -> None:
        """Under the form: the focused question's problem, else its help."""
        key = self._focused_key
        problem = self.shown_problems.get(key, "") if key else ""
        note = self.query_one(".form-note", Static)
        note.set_class(bool(problem), "-invalid")
        note.update(problem or (self.outline.question(key).help if key else ""))

    def _show_active(self, shown: dict[str, Any]) -> None:
        """Hide inactive questions, and let untouched fields follow their defaults."""
        for question in self.outline.questions:
            row = self.query_one(f"#q-{question.key}")
            row.display = question.active(shown)
            if question.key in self.given:
                continue
            widget = row.query(".question-field").first()
            with self.prevent(Input.Changed, Select.Changed, TextArea.Changed):
                _set_value(widget, shown.get(question.key))

    def on_descendant_focus(self) -> None:
        focused = self.screen.focused
        self._focused_key = None
        for row in self.query(".question"):
            inside = focused in row.query(".question-field")
            row.set_class(inside, "-focused")
            if inside and row.id:
                self._focused_key = row.id.removeprefix("q-")
        self._update_note()

    @on(Input.Changed, ".question-field")
    @on(Select.Changed, ".question-field")
    @on(TextArea.Changed, ".question-field")
    def _edited(self, event: Input.Changed | Select.Changed | TextArea.Changed) -> None:
        event.stop()
        widget = event.control
        assert widget is not None and widget.parent is not None
        question_row = widget.parent
        assert question_row.id is not None
        key = question_row.id.removeprefix("q-")
        question = self.outline.question(key)
        value = question.coerce(_value_of(widget))
        if key in self.given and self.given[key] == value:
            return  # a widget settling on the value it was given, not an edit
        self.given[key] = value
        shown = self._defaults()
        self._show_active(shown)
        self._show_problem(question, _problem(question, _value_of(widget), shown) or "")
        self.post_message(self.Changed(self, key))


def _problem(question: Question, raw: Any, answers: dict[str, Any]) -> str | None:
    """What is wrong with an answer, in the user's words ("必填" for a required blank)."""
    if question.required and question.active(answers) and question.coerce(raw) is None:
        return f"{question.label}：必填"
    return question.validate(raw, answers)


def _field(question: Question, value: Any) -> Widget:
    """The widget for one question: a Select for choices, a TextArea for text, else an Input."""
    if question.type == "choice":
        return Select(
            [(Text(choice), choice) for choice in question.choices],
            value=value if value in question.choices else Select.NULL,
            allow_blank=not question.required,
            classes="question-field",
        )
    if question.type == "text":
        area = TextArea(str(value or ""), soft_wrap=True, classes="question-field")
        area.show_line_numbers = False
        return area
    placeholders = {"date": "例如 2025-03-15", "int": "数字"}
    return Input(
        "" if value is None else str(value),
        placeholder=placeholders.get(question.type, ""),
        classes="question-field",
    )


def _value_of(widget: Widget) -> Any:
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, TextArea):
        return widget.text
    assert isinstance(widget, Input)
    return widget.value


def _set_value(widget: Widget, value: Any) -> None:
    if isinstance(widget, Select):
        widget.value = value if value is not None else Select.NULL
    elif isinstance(widget, TextArea):
        widget.load_text(str(value or ""))
    elif isinstance(widget, Input):
        widget.value = "" if value is None else str(value)


class MetaEditor(Guarded, Vertical):
    """The drafting screen's 报告信息: a title line over the draft's `MetaForm`."""

    def __init__(self, outline: Outline, answers: dict[str, Any], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.outline = outline
        self.answers = answers

    def compose(self) -> ComposeResult:
        yield Static(
            "[b]报告信息[/]（修改后标题、年度、落款随之更新；有误的一项标红）",
            classes="editor-title",
        )
        yield MetaForm(self.outline, self.answers, id="draft-meta")
