"""Sheets laid out in parts (several processes) are the sheets made in one piece.

The parts are forked processes; the test process has Qt loaded (pytest-qt),
which must not fork, so the builds run in a fresh interpreter and the PDFs
are compared here: pages, every page's text, bookmarks, links, document
information and font warnings; and the rendered pages pixel for pixel where
poppler is installed.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from other_city import other_city_plan
from print_samples import evaluated_plan, hostile_plan

from plan_desktop.reports import parallel
from plan_desktop.reports.base import PartLink, ReportOptions, ReportResult
from plan_desktop.reports.parallel import PartFailed, build_in_parts, cores_for_parts, runnable_elsewhere
from plan_desktop.reports.pdf_join import Part, PdfJoinError, join_parts

BUILD = r"""
import json, pickle, sys
from plan_desktop.reports import sheet
from plan_desktop.reports.base import ReportOptions
from plan_desktop.reports.sheet import build_sheets
sheet.MIN_SHEETS_PER_PART = 2  # small plans in several parts, to keep the test short
jobs = pickle.load(open(sys.argv[1], "rb"))
out = {}
for name, (data, fy, kw, processes) in jobs.items():
    options = ReportOptions(**kw)
    r = build_sheets(data, fy, options=options, processes=processes)
    open(f"{sys.argv[2]}/{name}.pdf", "wb").write(r.pdf)
    out[name] = {"pages": r.page_count, "warnings": r.warnings, "title": r.title, "name": r.suggested_name}
print(json.dumps(out))
"""


def _build(tmp_path: Path, jobs: dict) -> dict:
    """Run *jobs* ({name: (data, fy, ReportOptions kwargs, processes)}) in a fresh interpreter."""
    spec = tmp_path / "jobs.pickle"
    spec.write_bytes(pickle.dumps(jobs))
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    proc = subprocess.run([sys.executable, "-c", BUILD, str(spec), str(tmp_path)], capture_output=True,
                          encoding="utf-8", errors="replace", env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def _facts(pdf: bytes) -> dict:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # reportlab's ToUnicode of characters beyond U+FFFF

    reader = PdfReader(io.BytesIO(pdf), strict=True)
    outline: list[tuple[int, str, int]] = []

    def walk(items, level):
        for it in items:
            if isinstance(it, list):
                walk(it, level + 1)
            else:
                outline.append((level, it.title, reader.get_destination_page_number(it)))

    walk(reader.outline, 0)
    links = []
    fonts: list[str] = []
    for i, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            target = a["/Dest"]
            assert not isinstance(target, str), "every link is a direct destination"
            links.append((i, tuple(round(float(x), 2) for x in a["/Rect"]), reader.get_page_number(target[0].get_object())))
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.append((font.idnum, str(font.get_object()["/BaseFont"])))
    names = {}
    for idnum, base in fonts:
        assert names.setdefault(base, idnum) == idnum, f"two different subsets are both called {base}"
    return {"pages": [p.extract_text() for p in reader.pages], "outline": outline, "links": links,
            "info": dict(reader.metadata or {})}


def _same_pixels(a: Path, b: Path, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        return
    from PIL import Image, ImageChops

    tmp_path.mkdir()
    for name, pdf in (("a", a), ("b", b)):
        subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / name)], check=True, timeout=600)
    pages_a = sorted(tmp_path.glob("a-*.png"))
    assert len(pages_a) == len(list(tmp_path.glob("b-*.png")))
    for pa in pages_a:
        pb = tmp_path / ("b" + pa.name[1:])
        with Image.open(pa) as ia, Image.open(pb) as ib:
            assert ImageChops.difference(ia.convert("RGB"), ib.convert("RGB")).getbbox() is None, pa.name


@pytest.mark.slow
def test_sheets_laid_out_in_parts_are_the_sheets_made_in_one_piece(seed_data, tmp_path):
    hostile = hostile_plan(seed_data)
    hostile.measures = hostile.measures[:2] + hostile.measures[-3:]  # long texts, rare glyphs, a huge №
    evaluated = evaluated_plan(seed_data)
    evaluated.measures = evaluated.measures[:7]
    nested = other_city_plan()
    nested.measures = nested.measures[:14]
    kw = {"invariant": True}
    jobs = {
        "hostile-1": (hostile, 2024, kw, 1),
        "hostile-2": (hostile, 2024, kw, 2),
        "hostile-2-again": (hostile, 2024, kw, 2),
        "evaluated-1": (evaluated, 2024, {**kw, "duplex": False}, 1),
        "evaluated-3": (evaluated, 2024, {**kw, "duplex": False}, 3),
        # four levels of groups: a part starting inside a group prints only the headings below the common path
        "nested-1": (nested, 2023, kw, 1),
        "nested-3": (nested, 2023, kw, 3),
    }
    out = _build(tmp_path, jobs)
    for one, parts in (("hostile-1", "hostile-2"), ("evaluated-1", "evaluated-3"), ("nested-1", "nested-3")):
        a, b = (tmp_path / f"{one}.pdf").read_bytes(), (tmp_path / f"{parts}.pdf").read_bytes()
        assert a != b  # really made in parts (a font subset per part)
        assert out[one] == out[parts]  # page count, warnings, title, file name
        fa, fb = _facts(a), _facts(b)
        assert fa["pages"] == fb["pages"]
        assert fa["outline"] == fb["outline"] and len(fa["outline"]) > len(jobs[one][0].measures)
        assert fa["links"] == fb["links"] and fa["links"]
        assert fa["info"] == fb["info"]
        _same_pixels(tmp_path / f"{one}.pdf", tmp_path / f"{parts}.pdf", tmp_path / one)
    assert out["hostile-1"]["warnings"], "the hostile plan has characters the font lacks"
    # duplex: blank versos at the joins where one piece has them
    assert any("（白紙）" in t for t in _facts((tmp_path / "hostile-2.pdf").read_bytes())["pages"])
    # invariant builds in parts are reproducible too
    assert (tmp_path / "hostile-2.pdf").read_bytes() == (tmp_path / "hostile-2-again.pdf").read_bytes()


def test_a_short_batch_is_made_in_one_piece(plan):
    from plan_desktop.reports.sheet import MIN_SHEETS_PER_PART, _SheetsJob

    options = ReportOptions(invariant=True)
    few = _SheetsJob(plan, 2024, plan.measures[: 2 * MIN_SHEETS_PER_PART - 1], False, None, options, None)
    assert few.part_ranges(8) == [(0, 2 * MIN_SHEETS_PER_PART - 1)]
    many = _SheetsJob(plan, 2024, plan.measures, False, None, options, None)
    ranges = many.part_ranges(2)
    assert len(ranges) == 2 and ranges[0][0] == 0 and ranges[-1][1] == len(plan.measures)
    assert ranges[0][1] == ranges[1][0]
    assert many.part_ranges(1) == [(0, len(plan.measures))]


def test_the_first_part_which_also_joins_the_parts_gets_less_to_lay_out(plan):
    from plan_desktop.reports.sheet import _SheetsJob

    same = [plan.measures[0]] * 24  # sheets of equal work
    bare = _SheetsJob(plan, 2024, same, False, False, ReportOptions(), None).part_ranges(2)
    assert len(bare) == 2 and bare[0][1] - bare[0][0] < bare[1][1] - bare[1][0]
    covered = _SheetsJob(plan, 2024, same * 3, False, True, ReportOptions(), None).part_ranges(2)
    bare = _SheetsJob(plan, 2024, same * 3, False, False, ReportOptions(), None).part_ranges(2)
    assert covered[0][1] < bare[0][1]  # the cover and contents count as well


def test_parts_are_not_forked_from_a_qt_process():
    assert "PySide6.QtCore" in sys.modules  # pytest-qt
    assert cores_for_parts() == 1 and cores_for_parts(4) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parts are forked on Linux only")
@pytest.mark.parametrize(("load", "expected"), [(0.2, 4), (1.9, 3), (3.5, 1), (12.0, 1)])
def test_by_default_parts_go_to_the_idle_cores(monkeypatch, load, expected):
    monkeypatch.delitem(sys.modules, "PySide6.QtCore")  # as in the command-line process
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(parallel, "runnable_elsewhere", lambda: 8)  # busy right now as well
    assert cores_for_parts() == expected
    assert cores_for_parts(2) == 2  # --processes N is taken as asked


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="parts are forked on Linux only")
@pytest.mark.parametrize(("load", "running", "expected"), [(1.6, 0, 2), (1.6, 1, 1), (0.1, 5, 2), (6.0, None, 1)])
def test_a_core_idle_right_now_is_used_whatever_the_load_average_remembers(monkeypatch, load, running, expected):
    """A benchmark or a previous print leaves a load average of ~1 for a minute after it ended."""
    monkeypatch.delitem(sys.modules, "PySide6.QtCore")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    monkeypatch.setattr(parallel, "runnable_elsewhere", lambda: running)
    assert cores_for_parts() == expected


@pytest.mark.parametrize(("text", "expected"), [("0.52 0.61 0.70 1/312 4242\n", 0), ("3.10 2.00 1.50 4/500 99\n", 3),
                                                ("garbage", None)])
def test_runnable_tasks_are_read_from_proc_loadavg_less_the_reader(tmp_path, text, expected):
    f = tmp_path / "loadavg"
    f.write_text(text, encoding="ascii")
    assert runnable_elsewhere(str(f)) == expected
    assert runnable_elsewhere(str(tmp_path / "missing")) is None


FAILING = r"""
import os, sys
from plan_desktop.reports import parallel
from plan_desktop.reports.base import ReportResult

def build_part(i, link):
    if i == int(sys.argv[1]):
        raise ValueError("part %d cannot be laid out" % i)
    link.resolve(1, {})
    return ReportResult(b"%PDF-", 1, "t")

try:
    parallel.build_in_parts(build_part, 3)
except Exception as exc:
    print(type(exc).__name__, str(exc).splitlines()[-1])
try:
    os.waitpid(-1, os.WNOHANG)
    print("a process is left")
except ChildProcessError:
    print("no process left")
"""


@pytest.mark.parametrize("failing", [0, 1, 2])
def test_a_failing_part_fails_the_build_and_leaves_no_process(failing):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    proc = subprocess.run([sys.executable, "-c", FAILING, str(failing)], capture_output=True, encoding="utf-8",
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    first, second = proc.stdout.splitlines()
    if failing == 0:  # this process's own part: its own exception
        assert first == "ValueError part 0 cannot be laid out"
    else:  # another process's: PartFailed with that process's traceback
        assert first == f"PartFailed ValueError: part {failing} cannot be laid out"
    assert second == "no process left"


def test_build_in_parts_needs_two_parts():
    with pytest.raises(ValueError):
        build_in_parts(lambda i, link: ReportResult(b"", 0, ""), 1)
    assert issubclass(PartFailed, RuntimeError)


def test_join_refuses_what_reportlab_did_not_write():
    with pytest.raises(PdfJoinError):
        join_parts([Part(b"not a pdf")])
    with pytest.raises(PdfJoinError):
        join_parts([])


def test_a_link_to_an_anchor_no_part_has_is_an_error():
    from plan_desktop.reports.base import Anchor, PageRef, build_pdf, new_context
    from plan_desktop.reports.styles import PageSetup

    def part(story, link):
        ctx = new_context()
        return build_pdf(story, setup=PageSetup("A4", "portrait"), ctx=ctx, options=ReportOptions(invariant=True),
                         header_left="h", header_right="h", title="t", subject="s", part=link)

    from plan_desktop.reports.base import PartNumbers

    link = PartLink(lambda pages, anchors: PartNumbers(1, pages, anchors))
    pdf = part([Anchor("here", "ここ", 0), PageRef("elsewhere", new_context().fonts.name)], link)
    assert link.outline == [("ここ", "here", 0, True)]
    with pytest.raises(PdfJoinError, match="elsewhere"):
        join_parts([Part(pdf.pdf, link.anchors)])
    joined, pages = join_parts([Part(pdf.pdf, {"here": 1, "elsewhere": 1}), Part(pdf.pdf, {"far": 1})])
    facts = _facts(joined)
    assert pages == 2
    assert [(page, target) for page, _rect, target in facts["links"]] == [(0, 0), (1, 0)]
