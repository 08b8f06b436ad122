"""What a window does for the file it is about to open while its own modules still load."""

from __future__ import annotations

from pathlib import Path

from ..storage import early_check


def prepare_to_open(path: Path) -> None:
    """Start the open's integrity check of *path* on another core (storage/early_check.py)."""
    early_check.start(path)
