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
    assert fiscal.fy_label_with_western(2024) == "令和6年度（2024）"
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


@pytest.mark.parametrize("text", ["令和6年5月10日", "R6.5.10", "r6/5/10", "R6-5-10", "令和６年５月１０日", "2024/5/10",
                                  "2024-05-10", "2024.5.10", "2024年5月10日", "20240510", " ２０２４／５／１０ ",
                                  "令和 6年 5月 10日"])
def test_parse_date_reads_what_offices_type(text):
    assert fiscal.parse_date(text) == dt.date(2024, 5, 10)


def test_parse_date_blank_is_none_and_eras_and_first_year():
    assert fiscal.parse_date("") is None and fiscal.parse_date("　") is None
    assert fiscal.parse_date("令和元年5月1日") == dt.date(2019, 5, 1)
    assert fiscal.parse_date("H31.4.30") == dt.date(2019, 4, 30)


def test_parse_date_month_and_day_belong_to_the_fiscal_year():
    assert fiscal.parse_date("5/10", fiscal_year=2024) == dt.date(2024, 5, 10)
    assert fiscal.parse_date("2月3日", fiscal_year=2024) == dt.date(2025, 2, 3)
    with pytest.raises(ValueError, match="日付として読めません"):
        fiscal.parse_date("5/10")  # no year to put it in


@pytest.mark.parametrize("text, why", [("2024/2/30", "月・日"), ("20241340", "月・日"), ("令和元年4月30日", "始まる前"),
                                       ("来週", "読めません"), ("R6.5", "読めません"), ("R0.5.1", "年")])
def test_parse_date_rejects_with_a_japanese_reason(text, why):
    with pytest.raises(ValueError, match=why):
        fiscal.parse_date(text)


def test_date_label_is_the_era_form():
    assert fiscal.date_label(dt.date(2024, 5, 10)) == "令和6年5月10日"
    assert fiscal.date_label(dt.date(2019, 5, 1)) == "令和元年5月1日"
