"""The corpus engine: report files become a phrasebook.

ingest (files → paragraphs) → parse (heading structure) → classify (slots,
topics, metadata) → mine (phrases with typed placeholders) → phrasebook (the
SQLite index that suggests as you type). `pipeline.load_report` runs the first
three. Nothing here knows about drafts, templates or the UI.
"""
