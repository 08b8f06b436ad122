"""進捗状況評価シート: content, long text, escaping, fonts, batches."""

from __future__ import annotations

import pytest

from plan_desktop.domain.fiscal import date_label, fy_label
from plan_desktop.reports.sheet import build_sheets


def _fields(m, e, data):
    """Every text the sheet must print for measure *m* and evaluation *e*."""
    from plan_desktop.domain.evaluation import format_number

    out = [m.title, m.issue, m.content, *m.departments]
    for b in m.blocks_for(e.fy if e else 2024):
        for it in b.items:
            out.append(it.text)
            out.extend(it.sub)
    if e is not None:
        out += [e.achievements, e.issues, e.improvements, e.committee_opinion, e.starting_point,
                e.planned_actions, e.self_comment, e.self_author, e.status]
        for ind in e.indicators:
            out += [ind.name, ind.unit, format_number(ind.target), format_number(ind.actual)]
        out += [f"{k}:{v}" for k, v in e.extra.items()]
    for lv in data.rating_scale:
        out += [lv.label]  # definitions are printed on the blank form
    return [x for x in out if x]


def test_single_sheet_prints_every_field(evaluated, options, pdf):
    m = evaluated.measures[0]
    e = m.evaluation_for(2024)
    r = build_sheets(evaluated, 2024, [m], options=options)
    assert r.page_count == 1
    assert r.warnings == []
    text = pdf.body_text(r.pdf)
    for f in _fields(m, e, evaluated):
        assert pdf.norm(f) in text, f
    assert "70.0%" in text and "85.3%" in text  # achievement rates computed
    assert pdf.norm(date_label(__import__("datetime").date(2025, 3, 15))) in text
    everything = pdf.all_text(r.pdf)
    assert pdf.norm(evaluated.plan.title) in everything  # running header
    assert pdf.norm(fy_label(2024)) in everything
    assert "1/1" in everything and "印刷日令和8年11月29日" in everything


def test_checkboxes_mark_the_recorded_choices(evaluated, options, pdf):
    m = evaluated.measures[1]
    e = m.evaluation_for(2024)
    text = pdf.body_text(build_sheets(evaluated, 2024, [m], options=options).pdf)
    assert f"■{e.progress}" in text
    assert f"■{e.direction}" in text
    level = next(lv for lv in evaluated.rating_scale if lv.letter == e.rating)
    assert pdf.norm(f"■{level.letter}{level.label}") in text
    assert text.count("■") == 5  # progress, rating, direction, department rating, council rating


def test_user_markup_is_printed_literally(plan, options, pdf):
    m = plan.measures[0]
    m.title = "<b>&amp;</b> 太字にならない <font size=30>"
    m.issue = "a < b && c > d\n  二つの空白で始まる行\n\n空行の後"
    r = build_sheets(plan, 2024, [m], options=options)
    text = pdf.body_text(r.pdf)
    assert pdf.norm("<b>&amp;</b>太字にならない<font size=30>") in text
    assert pdf.norm("a < b && c > d") in text
    assert "二つの空白で始まる行空行の後" in text


def test_leading_spaces_keep_their_width():
    from plan_desktop.reports.fonts import default_fonts
    from plan_desktop.reports.text import NBSP, TextContext

    ctx = TextContext(default_fonts())
    assert ctx.markup("  a  b") == f"{NBSP}{NBSP}a {NBSP}b"
    assert ctx.markup("\u3000字下げ") == f"{NBSP * 4}字下げ"
    assert ctx.markup("1\r\n2\r3") == "1<br/>2<br/>3"
    assert ctx.markup("x\x00\x07y") == "xy"


def test_eight_thousand_character_fields_flow_over_pages(plan, options, pdf):
    from plan_desktop.domain.model import ActionItem, Evaluation

    def long(tag: str) -> str:
        # numbered chunks prove that nothing is dropped or reordered
        return "".join(f"［{tag}{i:04d}］あいうえおかきくけこさしすせそ" for i in range(400))[:8000]

    m = plan.measures[2]
    m.issue, m.content = long("課"), long("推")
    m.action_plan[0].items.append(ActionItem(long("行"), [long("細")]))
    m.action_plan[0].fy_from, m.action_plan[0].fy_to = 2022, 2026
    m.evaluations = [Evaluation(fy=2024, achievements=long("実"), issues=long("題"), improvements=long("改"),
                                committee_opinion=long("意"), self_comment=long("所"), rating="A")]
    r = build_sheets(plan, 2024, [m], options=options)
    assert r.page_count >= 8
    text = pdf.body_text(r.pdf)
    # a row continued on the next page repeats its label with （続き）
    assert text.count("（続き）") >= 8
    text = pdf.joined(text)
    for tag in "課推行細実題改意所":
        s = long(tag)
        assert len(s) == 8000
        assert pdf.norm(s) in text, tag


def test_unbreakable_words_and_huge_lists_do_not_break_layout(plan, options, pdf):
    from plan_desktop.domain.model import ActionItem

    m = plan.measures[0]
    m.title = "x" * 3000
    m.content = "ABCDEFGHIJ" * 800  # no break opportunities at all
    m.departments = [f"部署{i}" for i in range(300)]
    m.action_plan[-1].items = [ActionItem(f"項目{i}", [f"細目{i}-{j}" for j in range(5)]) for i in range(200)]
    m.action_plan[-1].fy_from = 2022
    r = build_sheets(plan, 2024, [m], options=options)
    text = pdf.joined(pdf.body_text(r.pdf))
    assert "x" * 3000 in text
    assert "ABCDEFGHIJ" * 800 in text
    assert "部署299" in text and "細目199-4" in text


def test_missing_evaluation_prints_an_empty_section(plan, options, pdf):
    m = plan.measures[0]
    assert m.evaluation_for(2025) is None
    r = build_sheets(plan, 2025, [m], options=options)
    text = pdf.body_text(r.pdf)
    assert "未評価" in text
    assert "■" not in text
    assert "□未着手" in text and "取組実績" in text


def test_blank_form_leaves_evaluation_empty(evaluated, options, pdf):
    m = evaluated.measures[0]
    e = m.evaluation_for(2024)
    r = build_sheets(evaluated, 2024, [m], blank=True, options=options)
    assert r.page_count == 2
    text = pdf.body_text(r.pdf)
    assert pdf.norm(m.issue) in text and pdf.norm(m.content) in text  # plan fields filled
    assert pdf.norm(e.achievements) not in text  # evaluation left for handwriting
    assert pdf.norm(e.committee_opinion) not in text
    assert "■" not in text
    assert "記入用" in pdf.all_text(r.pdf)


def test_fonts_are_embedded_subsets(evaluated, options, pdf):
    r = build_sheets(evaluated, 2024, evaluated.measures[:3], options=options)
    reader = pdf.reader(r.pdf)
    seen = set()

    def fonts_of(resources):
        resources = resources.get_object() if resources is not None else {}
        for f in (resources.get("/Font") or {}).values():
            yield f.get_object()
        for x in (resources.get("/XObject") or {}).values():
            x = x.get_object()
            if x.get("/Resources") is not None:
                yield from fonts_of(x["/Resources"])

    for page in reader.pages:
        for font in fonts_of(page.get("/Resources")):
            name = str(font["/BaseFont"])
            seen.add(name)
            assert "+" in name, f"{name} is not a subset"
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{name} is not embedded"
    assert any("IPAexGothic" in n for n in seen)
    assert not any("Helvetica" in n for n in seen)


def test_pdffonts_reports_everything_embedded(evaluated, options, tmp_path):
    import shutil
    import subprocess

    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "s.pdf"
    path.write_bytes(build_sheets(evaluated, 2024, evaluated.measures[:2], options=options).pdf)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, encoding="utf-8", errors="replace", check=True).stdout.splitlines()
    rows = [line.split() for line in lines[2:]]
    assert rows
    for row in rows:
        # name type encoding emb sub uni id gen; the type may be two words
        assert row[-5:-3] == ["yes", "yes"], row


def test_missing_glyphs_fall_back_and_warn(plan, options, pdf):
    m = plan.measures[0]
    m.issue = "絵文字😀と𠮷野家と記号☺"
    r = build_sheets(plan, 2024, [m], options=options)
    text = " ".join(r.warnings)
    assert "U+1F600" in text and "U+20BB7" in text
    assert "№1 課題" in text  # where it happened
    body = pdf.body_text(r.pdf)
    assert "絵文字" in body and "野家と記号" in body


def test_fallback_without_any_fallback_font_substitutes_geta(tmp_path, plan, options, pdf):
    from plan_desktop.reports.fonts import FontSet

    fonts = FontSet(fallback_paths=[])
    m = plan.measures[0]
    m.issue = "前😀後"
    r = build_sheets(plan, 2024, [m], options=options, fonts=fonts)
    assert "前〓後" in pdf.body_text(r.pdf)
    assert any("〓" in w and "U+1F600" in w for w in r.warnings)


def test_invariant_output_is_reproducible(evaluated, options):
    a = build_sheets(evaluated, 2024, evaluated.measures[:4], options=options).pdf
    b = build_sheets(evaluated, 2024, evaluated.measures[:4], options=options).pdf
    assert a == b


def test_metadata(evaluated, options, pdf):
    r = build_sheets(evaluated, 2024, evaluated.measures[:1], options=options)
    meta = pdf.reader(r.pdf).metadata
    assert "進捗状況評価シート" in meta.title and "令和6年度" in meta.title
    assert evaluated.plan.title in meta.subject
    assert meta.creator.startswith("plan_desktop")


def test_fiscal_year_outside_plan_is_refused(plan, options):
    from plan_desktop.reports.common import SelectionError

    with pytest.raises(SelectionError, match="計画期間"):
        build_sheets(plan, plan.plan.fy_end + 1, options=options)


def test_other_plan_shapes(small_plan, options, pdf):
    """Nothing assumes the bundled plan's numbers, viewpoints, phases, proposals or years."""
    r = build_sheets(small_plan, 2032, options=options)
    text = pdf.body_text(r.pdf)
    for m in small_plan.measures:
        assert pdf.norm(m.title) in text
        assert pdf.norm(f"事項{m.no}の後半の行動") in text  # the 2032 block only
        assert pdf.norm(f"事項{m.no}の細目") not in text
    assert "未定義の段階" in text
    assert "関連項目5" in text  # the plan names no cross-reference word: neutral
    assert pdf.norm("S大きく進んだ") in text
    levels = [t for lv, t, _ in pdf.outline(r.pdf) if lv == 0]
    assert pdf.norm(levels[-1]) == pdf.norm("9　視点その九")


def test_every_evaluation_stage_of_the_plan_gets_its_own_row(plan, options, pdf):
    from plan_desktop.domain.model import Evaluation
    from plan_desktop.domain.terms import EvaluationStage, PlanTerms

    plan.terms = PlanTerms(stages=[EvaluationStage("所管課"), EvaluationStage("関係課所長会議"),
                                   EvaluationStage("推進協議会")])
    m = plan.measures[0]
    m.evaluations = [Evaluation(fy=2024, rating="B", status="会議確定", self_comment="所管課の意見",
                                middle_rating="B", middle_opinion="所長会議の意見", council_rating="A",
                                committee_opinion="協議会の意見")]
    text = pdf.body_text(build_sheets(plan, 2024, [m], options=options).pdf)
    for words in ("所管課の評価・意見", "関係課所長会議の評価・意見", "推進協議会の評価・意見",
                  "所管課の意見", "所長会議の意見", "協議会の意見"):
        assert words in text, words
    assert "案" not in text  # confirmed by the last stage
