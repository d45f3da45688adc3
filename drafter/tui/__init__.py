"""The drafting TUI: the only part of drafter that imports Textual."""
