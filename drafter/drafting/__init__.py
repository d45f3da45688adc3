"""The drafting side: a template pack and a user's answers become a report.

outline (template packs) → draft (the YAML the user writes) → render (Jinja,
sandboxed in `templating`) → check (what a reviewer marks down) → export
(.txt, .md, .docx, .pdf). `reuse` makes drafts from earlier work (import, next year),
which is where this side reads reports through the corpus engine.
"""
