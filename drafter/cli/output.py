"""Output helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    """Machine-readable output: UTF-8 JSON with Chinese kept readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def warn(message: str) -> None:
    """A one-line warning on stderr (the run goes on)."""
    print(f"drafter: warning: {message}", file=sys.stderr)
