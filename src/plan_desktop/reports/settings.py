"""Print settings that the GUI and the command line read before any report is built.

Kept free of reportlab so the window can offer them without loading it.
"""

from __future__ import annotations

DEFAULT_STAMPS = ("課長", "担当")
MAX_STAMPS = 6


def parse_stamps(text: str) -> tuple[str, ...]:
    """'課長,係長、担当' → ('課長', '係長', '担当'); '' → () (no 確認欄). ValueError (Japanese) when unusable."""
    import re

    names = tuple(n.strip() for n in re.split("[,、，]", text) if n.strip())
    if len(names) > MAX_STAMPS:
        raise ValueError(f"確認欄の枠は{MAX_STAMPS}個までです（{len(names)}個指定されています）")
    long = [n for n in names if len(n) > 6]
    if long:
        raise ValueError(f"確認欄の名前は6文字以内にしてください: {long[0]}")
    return names
