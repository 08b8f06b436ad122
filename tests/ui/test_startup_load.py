"""Start-up reads only what the first frame shows; the rest of the plan follows right after it.

The measures' action plans, schedules and evaluations wait in the file until something
uses them (storage/measure_parts.py): the first frame reads those of the rows
in view and of the measure shown; the window reads the rest after that frame.
Whatever the user does first finds everything in place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from generated_plans import generated_plan_file
from PySide6.QtCore import Qt

from plan_desktop.storage import measure_parts
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository
from plan_desktop.ui import main_window
from plan_desktop.ui.first_paint import after_first_paint
from plan_desktop.ui.measure_tree_model import MeasureIdRole

ROOT = Path(__file__).resolve().parents[2]
MEASURES = 300  # far more rows than a window shows


@pytest.fixture(scope="module")
def big_template(tmp_path_factory) -> Path:
    return generated_plan_file(tmp_path_factory.mktemp("big"), MEASURES)


@pytest.fixture
def big_db(big_template, tmp_path) -> Path:
    path = tmp_path / "計画 2.sqlite"
    shutil.copyfile(big_template, path)
    return path


def _eager(path: Path):
    db = open_database(path, backups=False, readonly=True)
    try:
        return PlanRepository(db).load()
    finally:
        db.close()


def _loaded(window) -> int:
    return sum(m.parts_loaded for m in window.document.data.measures)


@pytest.fixture
def big_window(qtbot, big_db, settings, no_modal_dialogs, monkeypatch):
    """The window on the big plan, shown at a laptop's size, whose own read of the rest is held back."""
    from plan_desktop.app import create_main_window

    monkeypatch.setattr(main_window, "COMPLETE_LOAD_DELAY_MS", 600_000)
    w = create_main_window(big_db, settings)
    qtbot.addWidget(w)
    at_first_frame: list[int] = []
    with_plans: list[int] = []
    after_first_paint(w, lambda: at_first_frame.append(_loaded(w)))
    after_first_paint(w, lambda: with_plans.append(sum("action_plan" in vars(m) for m in w.document.data.measures)))
    w.resize(1366, 768)
    w.show()
    qtbot.waitUntil(lambda: bool(at_first_frame))
    w.at_first_frame = at_first_frame[0]
    w.with_plans_at_first_frame = with_plans[0]
    yield w
    w.document.close()


def test_the_first_frame_reads_the_parts_of_the_rows_in_view_and_the_measure_shown(big_window):
    w = big_window
    first = w.document.data.measures[0]
    assert w.current_measure_id() == first.id and first.parts_loaded
    assert 1 < w.at_first_frame <= measure_parts.BULK_AFTER < MEASURES
    assert w.with_plans_at_first_frame == w.at_first_frame  # no action plan but those of the measures read


def test_the_first_frame_reads_the_rows_in_view_in_one_query_per_table(qtbot, big_db, settings, no_modal_dialogs,
                                                                       monkeypatch):
    from plan_desktop.app import create_main_window

    monkeypatch.setattr(main_window, "COMPLETE_LOAD_DELAY_MS", 600_000)
    reads = []
    real = measure_parts.read_parts
    monkeypatch.setattr(measure_parts, "read_parts", lambda db, scope, params: reads.append(len(params)) or real(db, scope, params))
    w = create_main_window(big_db, settings)
    qtbot.addWidget(w)
    at_first_frame: list[list[int]] = []
    after_first_paint(w, lambda: at_first_frame.append(list(reads)))
    w.resize(1366, 768)
    try:
        w.show()
        qtbot.waitUntil(lambda: bool(at_first_frame))
        assert at_first_frame[0] == [measure_parts.ROWS_READ_TOGETHER]
        assert all(w.document.data.measures[i].parts_loaded for i in range(measure_parts.ROWS_READ_TOGETHER))
    finally:
        w.document.close()


def test_a_search_before_the_rest_is_read_ends_with_what_it_finds_after(big_window, big_db, qtbot):
    """The keystroke reads no action plan: it shows the matches among what is read at once and
    says it is still searching; the window's read (started by the search when it has not begun)
    brings the rest in, and the result ends as if everything had been read."""
    from plan_desktop.domain.search import measure_matches, query_terms

    w = big_window
    eager = _eager(big_db)
    far = eager.measures[MEASURES - 3]
    words = far.action_plan[0].items[0].text  # found in an action plan far below the rows in view
    reference = [m.id for m in eager.measures if measure_matches(m, query_terms(words))]
    assert far.id in reference
    without_plans = [m.id for m in w.document.data.measures if "action_plan" not in vars(m)]
    assert far.id in without_plans
    w.search_box.setText(words)
    assert [m.id for m in w.document.data.measures if "action_plan" not in vars(m)] == without_plans
    assert w.proxy.searching() and w.count_label.text() == "検索中…"
    assert set(w.visible_measure_ids()) < set(reference)
    qtbot.waitUntil(lambda: not w.proxy.searching(), timeout=10_000)
    assert w.visible_measure_ids() == reference
    assert w.count_label.text() == f"{len(reference)} / {MEASURES} 件"
    w.document.complete_load()
    w.search_box.setText("")
    w.search_box.setText(words)
    assert w.visible_measure_ids() == reference and not w.proxy.searching()


def test_a_click_before_the_rest_is_read_selects_and_shows_the_measure(big_window, big_db, qtbot):
    w = big_window
    eager = _eager(big_db)
    tree = w.tree
    ix = tree.indexBelow(tree.indexBelow(tree.currentIndex()))
    mid = ix.data(MeasureIdRole)
    assert mid is not None
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(ix).center())
    assert w.current_measure_id() == mid and w.editor.measure_id == mid
    shown = w.document.measure(mid)
    assert shown == next(m for m in eager.measures if m.id == mid)
    # A measure far below the rows in view: its evaluations are read when they are first used (the
    # 進捗評価 tab, built after the first frame, shows them).
    far = w.document.data.measures[MEASURES - 5]
    w.select_measure(far.id)
    assert w.editor.measure_id == far.id
    w.editor.tabs.setCurrentIndex(w.editor.tabs.indexOf(w.editor.evaluation_panel))
    assert far.parts_loaded
    assert far.evaluations == eager.measures[MEASURES - 5].evaluations and far.evaluations


def test_an_edit_before_the_rest_is_read_keeps_file_and_window_in_step(big_window, big_db):
    w = big_window
    doc = w.document
    mid = doc.data.measures[200].id
    doc.update_measure(mid, "名称の変更", title="すぐに変えた名称")
    assert all(m.parts_loaded for m in doc.data.measures)
    assert _eager(big_db) == doc.data
    doc.undo()
    assert doc.measure(mid).title != "すぐに変えた名称"
    assert _eager(big_db) == doc.data


def test_the_rest_of_the_plan_is_read_after_the_first_frame_in_steps(qtbot, big_db, settings, no_modal_dialogs,
                                                                     monkeypatch):
    from plan_desktop.app import create_main_window
    from plan_desktop.document import plan_document

    monkeypatch.setattr(plan_document, "LOAD_STEP", 40)
    steps = []
    load_some = measure_parts.DeferredParts.load_some
    monkeypatch.setattr(measure_parts.DeferredParts, "load_some",
                        lambda self, count: steps.append(count) or load_some(self, count))
    w = create_main_window(big_db, settings)
    qtbot.addWidget(w)
    try:
        assert _loaded(w) < MEASURES  # nothing read the rest while the window was built
        w.show()
        qtbot.waitUntil(lambda: _loaded(w) == MEASURES, timeout=15_000)
        assert len(steps) >= (MEASURES - measure_parts.BULK_AFTER) // 40 and set(steps) == {40}
        assert _eager(big_db) == w.document.data
    finally:
        w.document.close()


def _damage_evaluation_of(db, offset: int, *, from_end: bool = False) -> None:
    """Bad UTF-8 in the evaluations of the measure at *offset* in plan order (or from its end)."""
    import sqlite3

    order = "DESC" if from_end else "ASC"
    conn = sqlite3.connect(db)
    conn.execute("UPDATE evaluations SET achievements = CAST(X'E8AAACE6FF8E' AS TEXT) WHERE measure_id = "
                 f"(SELECT id FROM measures ORDER BY position {order} LIMIT 1 OFFSET ?)", (offset,))
    conn.commit()
    conn.close()


def _show_until_checked(qtbot, db, settings, message_boxes, tmp_path, *, after=lambda w: None) -> list:
    """Show a window on *db* until it shows データベースの検査; the unexpected errors seen meanwhile."""
    from plan_desktop.app import create_main_window
    from plan_desktop.ui.unexpected_errors import UnexpectedErrorHandler

    unexpected: list = []
    w = create_main_window(db, settings)
    qtbot.addWidget(w)
    handler = UnexpectedErrorHandler(lambda: w, tmp_path / "errors.log",
                                     show=lambda *args: unexpected.append(args)).install()
    try:
        w.resize(1366, 768)
        w.show()
        qtbot.waitUntil(lambda: any(title == "データベースの検査" for _kind, title, _text in message_boxes),
                        timeout=15_000)
        after(w)
        qtbot.wait(50)
    finally:
        handler.uninstall()
        w.document.close()  # closing reads nothing more and raises nothing
    return unexpected


def test_a_damaged_evaluation_read_after_the_first_frame_is_named_with_the_way_back(
        qtbot, big_db, settings, message_boxes, tmp_path):
    """Read eagerly, such a file was refused at open with the restore offered; read after the first
    frame, the window names the damage and points to the restore: never an unexpected error."""
    _damage_evaluation_of(big_db, 5, from_end=True)  # far below the rows in view: read after the first frame
    assert _show_until_checked(qtbot, big_db, settings, message_boxes, tmp_path) == []
    text = next(text for _kind, title, text in message_boxes if title == "データベースの検査")
    assert "evaluations" in text and "バックアップから復元" in text


@pytest.mark.qt_no_exception_capture  # the app's own hook handles what escapes Qt's calls
def test_a_damaged_evaluation_of_a_row_in_view_is_named_once_not_an_unexpected_error(
        qtbot, big_db, settings, message_boxes, tmp_path):
    """The first frame paints the rows in view, reading their parts: a damaged one is reported as
    a damaged file (the check and the restore), once, however often the row is painted again."""
    _damage_evaluation_of(big_db, 1)

    def paint_again(w):
        w.tree.viewport().update()  # painted again from the event loop
        qtbot.wait(200)

    assert _show_until_checked(qtbot, big_db, settings, message_boxes, tmp_path, after=paint_again) == []
    checks = [text for _kind, title, text in message_boxes if title == "データベースの検査"]
    assert len(checks) == 1 and "evaluations" in checks[0] and "バックアップから復元" in checks[0]
