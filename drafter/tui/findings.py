"""The findings view: what the checks found, each taking you to its place.

`check` runs the checks on a copy of the draft in a thread worker; the list
shows what they found and posts `Checked`, so the screen can mark the outline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.drafting.check import Finding
    from drafter.drafting.draft import Draft

SEVERITY = {"error": ("错误", "bold red"), "warning": ("注意", "yellow"), "info": ("提示", "dim")}


class FindingsList(OptionList):
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

    @work(thread=True, exclusive=True, group="check")
    def check(self, draft: Draft) -> None:
        """Run the checks on a copy of the draft off the UI thread, then list the findings."""
        from drafter.drafting.check import check_draft

        try:
            findings = check_draft(draft)
        except DrafterError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error")
            return
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


def _option(finding: Finding) -> Option:
    label, style = SEVERITY.get(finding.severity, (finding.severity, ""))
    text = Text.assemble((f"[{label}] ", style), (finding.place, "bold"), " ", finding.message)
    return Option(text)
