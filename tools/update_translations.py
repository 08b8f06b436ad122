"""Regenerate the translation catalogue: resources/i18n/plan_desktop_en.ts and .qm.

    .venv/bin/python tools/update_translations.py

1. ``pyside6-lupdate`` collects every ``tr()`` / ``QCoreApplication.translate()``
   string of app.py and ui/ into the .ts (existing translations are kept;
   strings no longer in the code are dropped).
2. Fill the new (``type="unfinished"``) entries with English, in
   ``pyside6-linguist resources/i18n/plan_desktop_en.ts`` or a text editor.
3. ``pyside6-lrelease`` compiles the .ts into the .qm the app loads
   (run this script again after step 2, or pass ``--release-only``).

Source strings are Japanese; untranslated entries simply show in Japanese.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "plan_desktop"
TS = ROOT / "resources" / "i18n" / "plan_desktop_en.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent


def sources() -> list[Path]:
    return [PKG / "app.py", *sorted((PKG / "ui").glob("*.py"))]


def main(argv: list[str]) -> int:
    if "--release-only" not in argv:
        subprocess.run([str(BIN / "pyside6-lupdate"), "-locations", "none", "-no-obsolete", "-target-language", "en",
                        *map(str, sources()), "-ts", str(TS)], check=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    text = TS.read_text(encoding="utf-8")
    unfinished = len(re.findall(r'type="unfinished"', text))
    total = text.count("<message>")
    print(f"{TS.name}: {total} strings, {unfinished} without English yet")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
