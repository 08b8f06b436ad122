"""The window on the laptops it is used on: 1366×768, and 1280×720 logical (1920×1080 at 150 %).

Each screen runs in its own process (the offscreen platform takes its screen
description when QApplication starts). With fresh settings the first window
must fit the available area, and the evaluation form — in the main window
and in the evaluation mode — must show no horizontal scroll bar, at most one
vertical one, no button or table column cut off; the rest of the window shows
nothing cut off at the side, and every window the menus open fits the screen,
also with the font size set to 14 pt.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


@functools.cache  # one process per screen, shared by the tests below
def _check(screen: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={HERE / 'screens' / screen}")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p)
    done = subprocess.run([sys.executable, str(HERE / "screen_check.py")], env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _inside(inner: list[int], outer: list[int]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return x >= ox and y >= oy and x + w <= ox + ow and y + h <= oy + oh


@pytest.mark.slow
@pytest.mark.parametrize("screen, logical", [("laptop-1366x768.json", [1366, 768]),
                                             ("laptop-1920x1080-at-150.json", [1280, 720])])
def test_first_window_and_evaluation_form_fit_the_laptop_screen(screen, logical):
    r = _check(screen)
    assert r["available"][2:] == logical
    assert _inside(r["window"], r["available"]), r  # status bar and timeline bottom on screen
    assert r["main_window"]["status_bar_inside"]
    for form in ("evaluation_tab", "evaluation_mode"):
        assert r[form]["horizontal_scroll_bars"] == [], (form, r[form])
        assert r[form]["clipped_buttons"] == [], (form, r[form])
        assert r[form]["clipped_columns"] == [], (form, r[form])  # 実績値・達成率 of 成果指標 in view
        assert r[form]["past_window_edge"] == [], (form, r[form])
    # The tab: one column that scrolls (the plan is part of it); the mode: the form scrolls, the plan beside it may.
    assert r["evaluation_tab"]["vertical_scroll_bars"] in ([], ["evaluationScroll"]), r["evaluation_tab"]
    assert not r["evaluation_tab_plan_beside"] and r["evaluation_mode_plan_beside"]
    assert set(r["evaluation_mode"]["vertical_scroll_bars"]) <= {"evaluationScroll", "evaluationPlanView"}
    assert _inside(r["mode_window"], r["available"])
    main = r["main_window"]  # tree, editor (each tab), timeline
    assert main["clipped_buttons"] == [] and main["horizontal_scroll_bars"] == [] and main["past_window_edge"] == []
    # Every window the menus open (printing aside) fits the screen, at the default font size and at 14 pt.
    for key in ("dialogs", "dialogs_14pt"):
        for name, d in r[key].items():
            assert d["inside"] and d["minimum_fits"], (key, name, d)
            assert d["clipped_buttons"] == [] and d["past_window_edge"] == [], (key, name, d)
    at_14 = r["evaluation_tab_14pt"]
    assert at_14["horizontal_scroll_bars"] == [] and at_14["clipped_buttons"] == [] and at_14["clipped_columns"] == []


@pytest.mark.slow
@pytest.mark.parametrize("screen", ["laptop-1366x768.json", "laptop-1920x1080-at-150.json", "fullhd-1920x1080.json"])
def test_evaluation_tab_shows_several_fields_without_scrolling_beside_the_timeline(screen):
    """On a laptop the plan above the form folds to one line and the timeline dock starts low, so the
    first evaluation fields are in view at once — also at 14 pt, where the dock still shows a whole row."""
    r = _check(screen)
    for key in ("evaluation_fields_in_view", "evaluation_fields_in_view_14pt"):
        assert len(r[key]) >= 3, (key, r[key])
        assert r[key][:3] == ["starting_point", "planned_actions", "progress"], (key, r[key])
    assert r["timeline_fits_a_row"] and r["timeline_fits_a_row_14pt"]
