"""The findings view: what the checks found, each taking you to its place.

`check` runs the checks on a copy of the draft in a thread worker; the list
shows what they found and posts `Checked`, so the screen can mark the outline.
A draft the checks cannot run on (an answer being typed wrong, last year's
report gone missing) is itself listed as findings, not a failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from drafter.errors import CorpusError, DrafterError
from drafter.tui.guard import Guarded, describe
from drafter.tui.meta_form import answer_problems

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook
    from drafter.drafting.check import Finding
    from drafter.drafting.draft import Draft

SEVERITY = {"error": ("错误", "bold red"), "warning": ("注意", "yellow"), "info": ("提示", "dim")}


class FindingsList(Guarded, OptionList):
    """One option per finding; Enter (or a click) posts `FindingChosen`."""

    class FindingChosen(Message):
        """The user wants to go to a finding's place."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    class Checked(Message):
        """The checks ran; these are their findings (now listed)."""

        def __init__(self, findings: list[Finding]) -> None:
            super().__init__()
            self.findings = findings

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Finding] = []

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def check(
        self, draft: Draft, against: Path | None = None, corpus: Phrasebook | None = None
    ) -> None:
        """Run the checks on a copy of the draft off the UI thread, then list the findings;
        `against` is last year's report, for what is repeated from it, `corpus` the open
        phrasebook, for text copied from other units' reports (its lookups hold its lock,
        so the suggestions' worker can use it meanwhile). A newer check supersedes this one."""
        findings = checks_of(draft, against, corpus)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._checked, findings)

    def _checked(self, findings: list[Finding]) -> None:
        self.show(findings)
        self.post_message(self.Checked(findings))

    def show(self, findings: list[Finding]) -> None:
        """List `findings`, keeping the highlight where it was."""
        highlighted = self.highlighted
        self.findings = findings
        self.clear_options()
        if not findings:
            self.add_option(Option("没有发现问题。", disabled=True))
            return
        self.add_options(_option(f) for f in findings)
        if highlighted is not None:
            self.highlighted = min(highlighted, len(findings) - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_index < len(self.findings):
            self.post_message(self.FindingChosen(self.findings[event.option_index]))


def checks_of(
    draft: Draft, against: Path | None, corpus: Phrasebook | None = None
) -> list[Finding]:
    """The checks' findings; when they cannot run, findings that say why."""
    from drafter.drafting.check import Finding, check_draft

    try:
        return check_draft(draft, against=against, corpus=corpus)
    except DrafterError as error:
        if against is not None and error.path == str(against):
            missing = Finding("info", "source-unreadable", f"没有与去年的报告对照：{error}")
            return [missing, *checks_of(draft, None, corpus)]
        if corpus is not None and isinstance(error, CorpusError):
            skipped = Finding("info", "corpus-unavailable", f"未做需要语料的检查：{error}")
            return [skipped, *checks_of(draft, against, None)]
        failure: Exception = error
    except Exception as error:  # a bug in a check: say so, keep the list
        failure = error
    outline = draft.outline
    problems = answer_problems(draft)
    if problems:
        labels = {question.key: question.label for question in outline.questions}
        return [
            Finding("error", "meta-invalid", problem, field=f"meta:{key}", place=labels[key])
            for key, problem in problems.items()
        ]
    message = describe(failure)
    named = [q for q in outline.questions if q.label in message]
    field, place = (f"meta:{named[0].key}", named[0].label) if named else (None, "全文")
    return [Finding("error", "not-checked", f"无法检查：{message}", field=field, place=place)]


def _option(finding: Finding) -> Option:
    label, style = SEVERITY.get(finding.severity, (finding.severity, ""))
    text = Text.assemble((f"[{label}] ", style), (finding.place, "bold"), " ", finding.message)
    return Option(text)
