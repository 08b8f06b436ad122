"""``plan-desktop --selftest``: is this installation able to do its job?

Opens a temporary copy of the bundled plan, checks its integrity, renders
one evaluation sheet to a temporary PDF and checks that the Japanese font is
embedded. Prints one line and returns 0 (ok) or 1; an OK line ends with the
folder the working copy lives in (and "ポータブル" in portable mode). Used by
the packaged build's own build script and by support staff on a user's PC.
No Qt needed; never creates or changes the working copy.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path


def run() -> tuple[bool, str]:
    """(ok, one-line message)."""
    from .domain.fiscal import current_fiscal_year
    from .paths import is_portable, template_db, user_data_dir
    from .reports.sheet import build_sheets
    from .storage.database import open_database, quick_check
    from .storage.repository import PlanRepository

    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="plan-desktop-selftest-") as tmp:
        db_path = Path(tmp) / "plan.sqlite"
        shutil.copyfile(template_db(), db_path)
        db = open_database(db_path, backups=False)
        try:
            problems = quick_check(db)
            if problems:
                return False, f"NG: 同梱データの検査で問題: {problems[0]}"
            data = PlanRepository(db).load()
        finally:
            db.close()
        if not data.measures:
            return False, "NG: 同梱データに推進事項がありません"
        fy = min(max(current_fiscal_year(), data.plan.fy_start), data.plan.fy_end)
        result = build_sheets(data, fy, data.measures[:1])
        pdf = Path(tmp) / "sheet.pdf"
        result.save(pdf)
        raw = pdf.read_bytes()
        if not raw.startswith(b"%PDF"):
            return False, "NG: PDF を作成できませんでした"
        # Every font must carry its program (FontFile2 = embedded TrueType).
        fonts = len(re.findall(rb"/Type\s*/FontDescriptor", raw))
        embedded = len(re.findall(rb"/FontFile2", raw))
        if fonts == 0 or embedded < fonts:
            return False, f"NG: フォントが埋め込まれていません（{embedded}/{fonts}）"
    elapsed = time.perf_counter() - start
    where = f"作業データ {user_data_dir()}" + ("（ポータブル）" if is_portable() else "")
    return True, (f"OK: 推進事項 {len(data.measures)} 件、評価シート {result.page_count} ページ、"
                  f"フォント埋め込み {embedded}/{fonts}、{elapsed:.2f} 秒、{where}")


def main() -> int:
    try:
        ok, message = run()
    except Exception as exc:  # noqa: BLE001 - a self-test reports every failure as one line
        ok, message = False, f"NG: {type(exc).__name__}: {exc}"
    print(message, flush=True)
    return 0 if ok else 1
