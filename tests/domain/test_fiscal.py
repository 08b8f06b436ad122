import datetime as dt

import pytest

from plan_desktop.domain import fiscal


@pytest.mark.parametrize(
    "day, fy",
    [(dt.date(2024, 4, 1), 2024), (dt.date(2025, 3, 31), 2024), (dt.date(2026, 11, 29), 2026), (dt.date(2027, 1, 5), 2026)],
)
def test_fiscal_year_runs_april_to_march(day, fy):
    assert fiscal.fiscal_year_of(day) == fy


@pytest.mark.parametrize(
    "fy, label, short",
    [(2022, "令和4年度", "R4"), (2031, "令和13年度", "R13"), (2019, "令和元年度", "R1"), (2018, "平成30年度", "H30")],
)
def test_fiscal_year_labels_use_the_era(fy, label, short):
    assert fiscal.fy_label(fy) == label
    assert fiscal.fy_short(fy) == short


def test_label_with_western_year_and_ranges():
    assert fiscal.fy_label_with_western(2024) == "令和6年度 (2024)"
    assert fiscal.fy_range_label(2023, 2026) == "令和5年度～令和8年度"
    assert fiscal.fy_range_label(2022, 2022) == "令和4年度"


@pytest.mark.parametrize("text, fy", [("2024", 2024), ("令和6年度", 2024), ("令和６年度", 2024), ("R6", 2024), ("令和元年度", 2019), ("H30", 2018)])
def test_parse_fiscal_year_accepts_common_spellings(text, fy):
    assert fiscal.parse_fy(text) == fy


@pytest.mark.parametrize("text", ["", "来年", "令和", "R"])
def test_parse_fiscal_year_rejects_garbage_with_japanese_message(text):
    with pytest.raises(ValueError, match="年度"):
        fiscal.parse_fy(text)


def test_date_label_in_reiwa():
    assert fiscal.date_label(dt.date(2026, 11, 29)) == "令和8年11月29日"
    assert fiscal.date_label(dt.date(2019, 4, 30)) == "平成31年4月30日"
