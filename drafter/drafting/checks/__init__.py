"""The checks a reviewer makes of the content, beyond the report's form.

`drafter.drafting.check` checks the form (parts present, placeholders, years,
numbering, length); these read what the text says, the way a 司法局 reviewer
marks a report down: formulations out of their time (`dated`), other places,
people and brands (`places`), text copied from other units' reports
(`copying`) or from last year (`lastyear`), sloppy text (`hygiene`), and task
areas left thin (`coverage`).

Each check reads a `Scope` (the draft, its year and date, its unit's places,
every passage with its place) and yields `Finding`s, which `check_draft` locates
in the draft file. The corpus-based checks take an open phrasebook and
are skipped without one.
"""
