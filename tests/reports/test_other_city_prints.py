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


# ---------------------------------------------------------------- 8-character codes, headings, 8 groups
def _with_codes_of(length: int):
    data = other_city_plan()
    for m in data.measures:
        m.code = (m.code + "89")[:length]
    return data


def _rows(page) -> list[str]:
    """The page's text rows from top to bottom (glyphs on one baseline), whitespace removed."""
    from collections import defaultdict

    rows: dict[float, list[dict]] = defaultdict(list)
    for c in page.chars:
        rows[round(c["top"])].append(c)
    out = []
    for _top, chars in sorted(rows.items()):
        text = "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"]))
        if text := "".join(text.split()).replace("\u00a0", ""):
            out.append(text)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("length", [7, 8])
def test_codes_of_up_to_8_characters_stay_on_one_line_inside_the_number_column(length):
    import print_check as check

    data = _with_codes_of(length)
    options = ReportOptions(invariant=True)
    for name, made in (("summary", build_summary(data, 2023, options=options)),
                       ("review", build_review(data, "第2期", options=options)),
                       ("schedule", build_schedule(data, options=options))):
        pages = check.pages(made.pdf)
        assert not [p for page in pages for p in check.crossings(page)], name
        runs = {"".join(c["text"] for c in run).strip() for page in pages for run in check.text_lines(page)}
        listed = data.active_measures(2023) if name == "summary" else data.measures
        if name == "review":
            listed = [m for m in data.measures if any(m.active_in(fy) for fy in range(2021, 2026))]
        assert [m.code for m in listed if m.code not in runs] == [], name  # each code whole, on one line


@pytest.mark.slow
@pytest.mark.parametrize("length", [7, 8])
def test_a_group_heading_never_ends_a_page(length):
    import print_check as check

    from plan_desktop.reports.common import heading_text, with_headings

    data = _with_codes_of(length)
    headings = {"".join(heading_text(data, node).split()) for kind, node in with_headings(data, data.measures)
                if kind == "group"}
    options = ReportOptions(invariant=True)
    contents_pages = []
    if length == 8:  # the sheets' contents (目次) once: the batch takes a while
        import io

        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter()
        for page in PdfReader(io.BytesIO(build_sheets(data, 2023, options=options).pdf)).pages[:6]:
            writer.add_page(page)
        first = io.BytesIO()
        writer.write(first)
        contents_pages = [p for p in check.pages(first.getvalue()) if "頁" in p.text]
        assert len(contents_pages) >= 2
    for name, made in (("summary", build_summary(data, 2023, options=options)),
                       ("review", build_review(data, "第2期", options=options)),
                       ("schedule", build_schedule(data, options=options)), ("contents", None)):
        for page in check.pages(made.pdf) if made else contents_pages:
            body = [r for r in _rows(page) if "印刷日" not in r]
            assert body and body[-1] not in headings, (name, page.index + 1, body[-3:])


def test_eight_top_level_groups_label_the_summary_chart_without_overlaps():
    import print_check as check

    from plan_desktop.domain.model import Viewpoint

    data = other_city_plan()
    titles = ["地域の防災力を高め、誰もが安心して暮らせるまちをつくる", "健康づくりと地域福祉の充実",
              "子育て世代が住み続けたいまち", "生涯にわたって学び、文化とスポーツに親しむまち", "産業の振興と雇用の創出",
              "観光と交流の推進", "持続可能な行財政運営と公共施設の適正配置", "環境にやさしい循環型社会の形成"]
    data.viewpoints = [Viewpoint(i + 1, t) for i, t in enumerate(titles)]
    for i, m in enumerate(data.measures):
        m.viewpoint = i % 8 + 1
    data.terms.levels = data.terms.levels[:1]
    made = build_summary(data, 2022, options=ReportOptions(invariant=True))
    chart_page = check.pages(made.pdf)[-1]
    assert "件数" in chart_page.text
    glyphs = [c for c in chart_page.chars if c["text"].strip()]
    for a in glyphs:  # no two glyphs of the labels (or anything else on the page) overlap
        for b in glyphs:
            if a is not b and abs(a["top"] - b["top"]) < 2:
                overlap = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
                assert overlap < 1.0, (a["text"], b["text"], a["x0"], b["x0"], a["top"])
    label_text = "".join(c["text"] for c in glyphs)
    assert "環境にやさし" in label_text and "循環型" in label_text  # the eighth label is there, wrapped not cut


@pytest.mark.slow
def test_a_plan_that_names_nothing_prints_neutral_words_in_every_report(tmp_path):
    """Neutral words (分野, 取組, 関連項目, 地区, 所管課 → 会議) in every kind of print, also with a
    cross-reference table and communities; checked on the text pdftotext-like extraction gives."""
    from other_city import neutral_plan

    from plan_desktop.reports.community_matrix import build_community_matrix

    data = neutral_plan()
    options = ReportOptions(invariant=True)
    made = {
        "sheets": build_sheets(data, 2023, data.measures[:12], options=options),
        "blank": build_sheets(data, 2024, data.measures[:4], blank=True, options=options),
        "schedule": build_schedule(data, options=options),
        "schedule A3": build_schedule(data, paper="A3", options=options),
        "summary": build_summary(data, 2023, options=options),
        "review": build_review(data, "第2期", options=options),
        "communities": build_community_matrix(data, options=options),
    }
    import print_check as check

    for name, r in made.items():
        text = "".join("".join(page.text.split()) for page in check.pages(r.pdf))
        assert not hitachi_words_in(text), (name, hitachi_words_in(text))
    sheets = "".join(p.text for p in check.pages(made["sheets"].pdf))
    assert "関連項目" in sheets and "所管課" in sheets and "会議" in sheets
    assert "地区" in "".join(p.text for p in check.pages(made["communities"].pdf))
