"""Previews show where two texts differ, not their identical beginnings."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from plan_desktop.exchange.importer import CHANGED, FieldChange, ImportPreview, MeasureChange
from plan_desktop.exchange.text_diff import excerpts

LONG = "地域の担い手を育てるため、説明会と研修を年に数回開催し、参加者の声を次年度の計画に反映する。" * 3


def test_an_edit_at_the_end_of_a_long_text_shows_the_end_on_both_sides():
    before, after = excerpts(LONG + "最後に報告書をまとめた。", LONG + "最後に報告書を公開した。")
    assert before != after
    assert before.startswith("…") and "まとめた" in before and "公開した" in after


def test_an_edit_in_the_middle_shows_the_place_with_context_on_both_sides():
    before, after = excerpts(LONG + "旧い文" + LONG, LONG + "新しい文" + LONG)
    assert "旧い文" in before and "新しい文" in after
    assert before.startswith("…") and before.endswith("…") and after.endswith("…")


def test_short_texts_are_shown_whole_with_line_breaks_marked():
    assert excerpts("一行目\n二行目", "一行目\n三行目") == ("一行目⏎二行目", "一行目⏎三行目")


_TEXT = st.text(st.characters(blacklist_characters="\r⏎"), max_size=120)


@given(_TEXT, _TEXT.map(lambda t: t[:30]), _TEXT.map(lambda t: t[:30]), _TEXT, st.integers(8, 80))
def test_each_excerpt_is_short_and_the_two_differ_when_the_texts_do(prefix, mid_a, mid_b, suffix, width):
    a, b = prefix + mid_a + suffix, prefix + mid_b + suffix
    ea, eb = excerpts(a, b, width=width)
    assert len(ea) <= width + 2 and len(eb) <= width + 2  # the width plus an ellipsis on each end
    if a != b:
        assert ea != eb


def _preview(before: str, after: str) -> ImportPreview:
    f = FieldChange("評価", "令和6年度 取組実績", before, after, CHANGED)
    return ImportPreview("x.xlsx", measures=[MeasureChange("id", 3, "名称", CHANGED, [f], None, None)])  # type: ignore[arg-type]


def test_the_printed_preview_shows_where_a_long_text_changed():
    text = _preview(LONG + "最後に報告書をまとめた。", LONG + "最後に報告書を公開した。").report()
    line = next(x for x in text.splitlines() if "取組実績" in x)
    assert "まとめた" in line and "公開した" in line


def test_the_preview_dialog_shows_where_a_long_text_changed(qtbot):
    from plan_desktop.ui.exchange_dialogs import ImportPreviewDialog

    dlg = ImportPreviewDialog(_preview(LONG + "最後に報告書をまとめた。", LONG + "最後に報告書を公開した。"))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    model = dlg.model
    # what the columns have room for, not a fixed count the view then cuts at its right edge
    room = dlg.tree.columnWidth(2) // dlg.tree.fontMetrics().horizontalAdvance("あ")
    qtbot.waitUntil(lambda: model.excerpt_chars > 8)
    assert model.excerpt_chars <= room
    field = model.index(0, 0, model.index(0, 0))
    before, after = (model.data(field.siblingAtColumn(c)) for c in (2, 3))
    assert "まとめた" in before and "公開した" in after
