"""The user guide says what the window really shows: menu paths, shortcuts, buttons and pictures."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton

from plan_desktop.ui.help_window import CHAPTERS, help_dir

GUIDE = help_dir() / "index.html"


def _plain(text: str) -> str:
    """A menu or button text as the guide writes it: without the accelerator ((&F) or &F)."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "").strip()


@pytest.fixture
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


@pytest.fixture
def menus(window) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}

    def walk(menu, into: list[str]) -> None:
        menu.aboutToShow.emit()
        for a in menu.actions():
            if a.isSeparator():
                continue
            into.append(_plain(a.text()))
            if a.menu() is not None:
                walk(a.menu(), into)

    for top in window.menuBar().actions():
        walk(top.menu(), out.setdefault(_plain(top.text()), []))
    return out


def test_every_menu_path_in_the_guide_is_a_real_menu_item(guide, menus):
    paths = re.findall(r'<span class="menu">([^<]+)</span>', guide)
    assert len(paths) > 10
    for path in paths:
        parts = [p.strip() for p in path.split("→")]
        assert parts[0] in menus, (path, list(menus))
        for item in parts[1:]:
            assert item in menus[parts[0]], (path, menus[parts[0]])


def test_every_shortcut_in_the_guide_does_what_it_says(guide, window):
    window.open_evaluation_mode()
    mode = window.evaluation_mode_window
    bound = {a.shortcut().toString() for a in window.findChildren(QAction) if not a.shortcut().isEmpty()}
    bound |= {s.key().toString() for w in (window, mode) for s in w.findChildren(QShortcut)}
    keys = set(re.findall(r'<span class="key">((?:Ctrl|F\d)[^<]*)</span>', guide))
    assert {"F1", "Ctrl+S", "Ctrl+Shift+E", "Ctrl+PgDn"} <= keys
    for key in keys:
        for one in key.split(" / "):
            name = QKeySequence(one.replace("PgDn", "PgDown")).toString()
            assert name in bound, (one, sorted(bound))
    mode.close()


def test_the_buttons_the_guide_names_are_on_the_evaluation_form_and_mode(guide, window):
    window.open_evaluation_mode()
    mode = window.evaluation_mode_window
    texts = {_plain(b.text()) for w in (window, mode) for b in w.findChildren(QAbstractButton)}
    for name in ("前年度から開始", "所管課確定", "会議確定", "ロック解除…", "再ロック", "評価の入力画面…",
                 "次へ →", "← 前へ", "評価基準…", "指標を追加", "カレンダー"):
        assert name in guide, name
        assert name in texts, name
    assert "次の未入力へ" in guide and any(t.startswith("次の未入力へ") for t in texts)
    mode.close()


def test_the_guide_has_every_chapter_and_its_pictures(guide):
    for chapter in CHAPTERS:
        if chapter != "start":
            assert f'<a name="{chapter}">' in guide, chapter
    pictures = re.findall(r'<img src="([^"]+)"', guide)
    assert pictures
    for picture in pictures:
        assert (help_dir() / picture).is_file(), picture


def test_the_bundled_plan_reads_the_guide_as_written(window, qtbot):
    from plan_desktop.ui.help_window import guide_words

    assert guide_words(window.document.data.terms) == {}
    help_window = window.open_help(None)
    qtbot.addWidget(help_window)
    text = help_window.browser.toPlainText()
    assert "推進事項の一覧（取組の視点ごと）" in text and "推進協議会・所長会議の評価" in text
