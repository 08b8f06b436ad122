"""Helpers shared by the data-safety tests."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path


def damage(path: Path, *, first_page: int = 2, pages: int = 6) -> None:
    """Overwrite some b-tree pages in the middle of a database with garbage (the header stays valid)."""
    page_size = 4096
    with open(path, "r+b") as f:
        header = f.read(100)
        page_size = int.from_bytes(header[16:18], "big") or 65536
        f.seek(page_size * first_page)
        f.write(bytes((i * 37 + 11) % 256 for i in range(page_size * pages)))


def table_dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read with a plain connection (order-independent)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
