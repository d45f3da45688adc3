"""The findings view: what the checks found, each taking you to its place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from drafter.check import Finding

SEVERITY = {"error": ("错误", "bold red"), "warning": ("注意", "yellow"), "info": ("提示", "dim")}


class FindingsList(OptionList):
    """One option per finding; Enter (or a click) posts `FindingChosen`."""

    class FindingChosen(Message):
        """The user wants to go to a finding's place."""

        def __init__(self, finding: Finding) -> None:
            super().__init__()
            self.finding = finding

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Finding] = []

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
