"""Where drafter finds its bundled data and the user's files.

`user_dirs()` is the one function that locates user files; tests patch it
(or set DRAFTER_HOME) so they never touch the real home directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "drafter"

DRAFT_SUFFIX = ".draft.yaml"
"""Drafts are YAML files named `*.draft.yaml`."""


@dataclass(frozen=True)
class UserDirs:
    """The user's own folders: data (corpus, templates, drafts), cache (index), state."""

    data: Path
    cache: Path
    state: Path

    @property
    def corpus(self) -> Path:
        return self.data / "corpus"

    @property
    def templates(self) -> Path:
        return self.data / "templates"

    @property
    def autosave(self) -> Path:
        return self.state / "autosave"


def user_dirs() -> UserDirs:
    """The user's folders; DRAFTER_HOME puts all of them under one directory."""
    home = os.environ.get("DRAFTER_HOME")
    if home:
        root = Path(home)
        return UserDirs(root / "data", root / "cache", root / "state")
    import platformdirs

    return UserDirs(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
    )


def bundled_dir(name: str) -> Path:
    """A folder shipped with drafter (`corpus`, `templates`).

    An installed wheel carries them inside the package (drafter/_data/NAME);
    a source checkout or an editable install has them at the top level.
    """
    package = Path(__file__).resolve().parent
    for candidate in (package / "_data" / name, package.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} not found beside {package}")
