"""Review and community-matrix PDFs: text checks with pypdf, and the print CLI."""

import io

import pytest
from period_sample import hitachi_demo, sample_plan
from pypdf import PdfReader

from plan_desktop.cli import main
from plan_desktop.domain.model import CommunityEntry
from plan_desktop.reports.base import ReportOptions
from plan_desktop.reports.community_matrix import build_community_matrix
from plan_desktop.reports.review import build_review


def _text(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_review_pdf_shows_the_computed_figures_of_another_plan():
    result = build_review(sample_plan(), "第1期", options=ReportOptions(invariant=True, include_drafts=True))
    text = _text(result.pdf)
    assert "第1期計画の検証（令和2年度～令和4年度）" in text
    assert "目標" not in text and "着手率 40.0%" in text  # the plan names no goal
    assert "人手不足" in text and "廃止" in text
    assert "期間中に一度も評価されていない取組（2項目）" in text
    assert "令和4年度までに着手していない取組（3項目）" in text
    assert "S" in text and "概ね順調" in text  # the plan's own scale, not A–D
    assert build_review(sample_plan(), "第1期",
                        options=ReportOptions(invariant=True, include_drafts=True)).pdf == result.pdf


def test_review_pdf_of_the_bundled_plan_counts_its_measures(seed_data):
    text = _text(build_review(hitachi_demo(seed_data), "前期", options=ReportOptions(invariant=True)).pdf)
    assert f"全{len(seed_data.measures)}項目の取組に着手" in text
    assert "№21 市報の新たな配布方式の定着" in text


def test_matrix_pdf_one_page_per_measure_with_summary_sentence():
    data = sample_plan()
    m = data.measures[3]
    for c in data.communities[:2]:
        data.community_entries.append(CommunityEntry(m.id, c.id, 2021, "完了", "総会で承認"))
    result = build_community_matrix(data, options=ReportOptions(invariant=True))
    assert result.page_count == 2  # №4 and №5
    first = PdfReader(io.BytesIO(result.pdf)).pages[0].extract_text()
    assert "地区別の進捗 №4 自治会の加入促進" in first  # the plan names no unit: neutral 地区
    assert "3地区中2地区で改訂済み" in first and "総会で承認" in first
    assert "北" in first and "東" in first
    data.communities += [type(data.communities[0])(f"地区{i}") for i in range(60)]
    many = build_community_matrix(data, [m])  # never under 7 pt: a long list runs on, title and heads repeated
    assert many.page_count >= 2
    later = PdfReader(io.BytesIO(many.pdf)).pages[1].extract_text()
    assert "№4 自治会の加入促進（続き）" in later and data.terms.community_unit in later
    with pytest.raises(ValueError, match="地区別の取組がありません"):
        build_community_matrix(data, [data.measures[0]])


@pytest.fixture
def demo_db(tmp_path, seed_data):
    from plan_desktop.storage.database import open_database
    from plan_desktop.storage.repository import PlanRepository

    path = tmp_path / "demo.sqlite"
    db = open_database(path)
    PlanRepository(db).replace_all(hitachi_demo(seed_data))
    db.close()
    return path


def test_cli_review_and_communities(demo_db, tmp_path, capsys):
    out = tmp_path / "review.pdf"
    assert main(["print", "review", "--period", "前期", "--db", str(demo_db), "-o", str(out), "--invariant"]) == 0
    assert "前期計画の検証" in _text(out.read_bytes())
    out2 = tmp_path / "m.pdf"
    assert main(["print", "communities", "--measures", "5,21", "--db", str(demo_db), "-o", str(out2)]) == 0
    assert len(PdfReader(str(out2)).pages) == 2
    assert "23学区中" in _text(out2.read_bytes())


@pytest.mark.parametrize("argv, message", [
    (["print", "review", "-o", "x.pdf"], "--period で検証する期間を指定してください"),
    (["print", "review", "--period", "中期", "-o", "x.pdf"], "期間「中期」はこの計画にありません"),
    (["print", "communities", "--measures", "1", "-o", "x.pdf"], "学区別の推進事項ではありません: №1"),
    (["print", "communities", "--measures", "99", "-o", "x.pdf"], "計画にない推進事項です"),
    (["print", "communities", "--period", "中期", "-o", "x.pdf"], "期間「中期」はこの計画にありません"),
])
def test_cli_errors_are_japanese_and_exit_1(demo_db, tmp_path, capsys, argv, message):
    argv = [*argv[:-1], str(tmp_path / argv[-1]), "--db", str(demo_db)]
    assert main(argv) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_cli_missing_database(tmp_path, capsys):
    assert main(["print", "review", "--period", "前期", "--db", str(tmp_path / "none.sqlite"), "-o",
                 str(tmp_path / "x.pdf")]) == 1
    assert "データベースが見つかりません" in capsys.readouterr().err
