"""All the content checks of a draft, in one call for `check_draft`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.drafting.checks import copying, coverage, dated, hygiene, places
from drafter.drafting.checks.scope import Scope
from drafter.drafting.findings import Finding

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook


def review(scope: Scope, corpus: Phrasebook | None = None) -> list[Finding]:
    """Every finding of the content checks; those that need the corpus only with one."""
    found = [*dated.check(scope), *places.check(scope, corpus), *hygiene.check(scope)]
    if corpus is not None:
        found += copying.check(scope, corpus)
        found += coverage.check(scope, corpus)
    return found
