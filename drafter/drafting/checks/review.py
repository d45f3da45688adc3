"""All the content checks of a draft, in one call for `check_draft`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.drafting.checks import copying, coverage, dated, hygiene, places
from drafter.drafting.checks.scope import Flag, Scope

if TYPE_CHECKING:
    from drafter.corpus.phrasebook import Phrasebook


def review(scope: Scope, corpus: Phrasebook | None = None) -> list[Flag]:
    """Every flag of the content checks; those that need the corpus only with a phrasebook."""
    flags = [*dated.check(scope), *places.check(scope, corpus), *hygiene.check(scope)]
    if corpus is not None:
        flags += copying.check(scope, corpus)
        flags += coverage.check(scope, corpus)
    return flags
