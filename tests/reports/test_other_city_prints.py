"""Every print of another city's plan: its own words, nested headings, codes, active years —
and none of the bundled plan's words (日立, 提言, 推進協議会, 所長会議, 学区, 取組の視点, 推進事項)."""

from __future__ import annotations

import pytest
from other_city import hitachi_words_in, other_city_db, other_city_plan

from plan_desktop.cli.dispatch import main
from plan_desktop.reports.base import ReportOptions
from plan_desktop.reports.review import build_review
from plan_desktop.reports.schedule_overview import build_schedule
from plan_desktop.reports.sheet import build_sheets
from plan_desktop.reports.summary import build_summary


@pytest.fixture(scope="module")
def city():
    return other_city_plan()


@pytest.fixture(scope="module")
def prints(city):
    """Every print of the plan once (they take a while): name -> (page count, extracted text)."""
    import io

    from pypdf import PdfReader

    def _all_text(pdf: bytes) -> str:  # as the pdf fixture's all_text (module scope cannot use it)
        import re

        return re.sub(r"[\s\u00a0\u3000]+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))

    options = ReportOptions(invariant=True)
    made = {
        "sheets": build_sheets(city, 2023, options=options),
        "blank": build_sheets(city, 2024, blank=True, options=options),
        "schedule": build_schedule(city, options=options),
        "schedule A3": build_schedule(city, paper="A3", options=options),
        "summary": build_summary(city, 2023, options=options),
        "review 第1期": build_review(city, "第1期", options=options),
        "review 第2期": build_review(city, "第2期", options=options),
    }
    return {name: (r.page_count, _all_text(r.pdf)) for name, r in made.items()}


def test_no_print_carries_a_word_of_the_bundled_plan(prints):
    for name, (pages, text) in prints.items():
        assert not hitachi_words_in(text), (name, hitachi_words_in(text))
        assert pages >= 1


def test_sheets_name_the_plans_words_codes_and_nested_groups(prints):
    text = prints["sheets"][1]
    assert "事業№1010101" in text or "№1010101" in text
    assert "所属" in text and "まちづくり方針1安心して暮らせるまち" in text and "施策1-1-1地域防災力の強化" in text
    assert "担当課の評価・意見" in text.replace("\n", "") or "担当課" in text
    assert "行政評価委員会" in text and "拡大" in text and "休止" in text  # its stages and options
    assert "関連性" not in text  # no cross-reference table: no relation row


def test_sheets_of_a_year_leave_out_measures_that_do_not_run_in_it(city, prints):
    ended = [m for m in city.measures if m.fy_to is not None and m.fy_to < 2023]
    assert ended
    text = prints["sheets"][1]
    for m in ended:
        assert f"№{m.code}" not in text
    assert f"{len(city.active_measures(2023))}件" in text  # the cover counts the active ones


def test_summary_and_schedule_follow_the_nesting(prints):
    s = prints["summary"][1]
    for heading in ("まちづくり方針1", "施策の柱1-1", "施策1-1-1", "1-2-1-1"):
        assert heading in s
    assert "1010101" in s and "着手" in s
    o = prints["schedule"][1]
    assert "事業一覧及び工程" in o and "施策の柱1-2" in o and "1021101" in o


def test_review_counts_only_active_years_and_states_no_goal(prints):
    text = prints["review 第2期"][1]
    assert "目標" not in text  # the plan names no goal sentence
    assert "・：実施期間外の年度" in text
    assert "まちづくり方針" in text


def test_cli_prints_the_other_city_by_code(tmp_path, capsys, pdf):
    db = other_city_db(tmp_path / "若葉市.sqlite")
    out = tmp_path / "sheet.pdf"
    assert main(["print", "sheets", "--db", str(db), "--fy", "2023", "--measures", "1010101,1010102",
                 "-o", str(out), "--invariant"]) == 0
    text = pdf.all_text(out.read_bytes())
    assert "1010101" in text and "1010102" in text and not hitachi_words_in(text)
    assert main(["print", "sheets", "--db", str(db), "--fy", "2023", "--measures", "9999999",
                 "-o", str(tmp_path / "x.pdf")]) == 1
    assert "計画にない事業です: №9999999" in capsys.readouterr().err
