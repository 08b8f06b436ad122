"""What reportlab loads at import and the reports never use (a URL pattern, Pillow) waits for first use."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from plan_desktop.reports.reportlab_imports import DeferredPattern, remembered_fp_str


@pytest.mark.parametrize(("pattern", "flags", "text"), [
    (r"(^(?:[a-z0-9.\-+]*)://)(?:\S+)", re.I, "HTTPS://example.com/x"),
    ("([\u2e80-\uffff])", re.UNICODE, "abc漢字かなABC"),
    (r"\s+", 0, "a  b\tc"),
])
def test_a_deferred_pattern_answers_as_the_compiled_one(pattern, flags, text):
    deferred, real = DeferredPattern(pattern, flags), re.compile(pattern, flags)
    assert not deferred.is_compiled
    assert deferred.match(text) is not None or real.match(text) is None
    assert bool(deferred.match(text)) == bool(real.match(text))
    assert deferred.split(text) == real.split(text)
    assert deferred.sub("_", text) == real.sub("_", text)
    assert deferred.findall(text) == real.findall(text)
    assert (deferred.pattern, deferred.flags) == (real.pattern, real.flags)
    assert deferred.is_compiled


PROBE = r"""
import json, sys
from plan_desktop.reports.sheet import build_sheets
from plan_desktop.reports.base import ReportOptions
from plan_desktop.paths import seed_source
from plan_desktop.storage.seed import load_seed
import reportlab.platypus.paragraph as P
from plan_desktop.reports.reportlab_imports import DeferredPattern, remembered_fp_str
data = load_seed(seed_source())
deferred_at_import = isinstance(P.uri_pat, DeferredPattern) and not P.uri_pat.is_compiled
result = build_sheets(data, 2025, data.measures[:2], options=ReportOptions(invariant=True))
import html.parser, re
others_compiled = all(not isinstance(v, DeferredPattern) for v in vars(html.parser).values())
others_compiled = others_compiled and isinstance(html.parser.tagfind_tolerant, re.Pattern)
pillow_loaded = type(sys.modules["PIL.Image"]).__name__ != "_LazyModule"
import reportlab.lib.utils as U
have_images = U.haveImages
from reportlab.lib import rl_accel
fp_remembered = [name for name, m in sys.modules.items()
                 if name.startswith("reportlab") and getattr(getattr(m, "fp_str", None), "__wrapped__", None)]
fp_plain = [name for name, m in sys.modules.items()
            if name.startswith("reportlab") and callable(getattr(m, "fp_str", None))
            and not hasattr(m.fp_str, "__wrapped__")]
from PIL import Image
print(json.dumps({"deferred_at_import": deferred_at_import, "compiled_after": P.uri_pat.is_compiled,
                  "pillow_loaded": pillow_loaded, "others_compiled": others_compiled, "have_images": have_images, "image_class": Image.Image.__name__,
                  "pages": result.page_count, "urls": P._uri_split_pairs("https://example.com/a/b"),
                  "fp_remembered": fp_remembered, "fp_plain": fp_plain}))
"""


def test_the_reports_never_compile_reportlabs_url_pattern_nor_load_pillow():
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, encoding="utf-8", errors="replace",
                          env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    facts = json.loads(proc.stdout)
    assert facts["deferred_at_import"] and not facts["compiled_after"] and facts["pages"] > 1
    assert not facts["pillow_loaded"]
    # modules imported while paragraph.py runs (html.parser) compile their patterns as usual
    assert facts["others_compiled"]
    # reportlab still knows it can draw bitmaps, and Pillow loads when it is used
    assert facts["have_images"] and facts["image_class"] == "Image"
    # and where reportlab uses it after all, it works as compiled at import
    assert facts["urls"] == [["https://example.com/a/", "b"], ["https://example.com/", "a/b"],
                             ["https://", "example.com/a/b"]]
    # every reportlab module that formats numbers for the PDF uses the remembering fp_str
    assert {"reportlab.pdfgen.canvas", "reportlab.pdfgen.textobject", "reportlab.lib.colors",
            "reportlab.pdfbase.pdfdoc"} <= set(facts["fp_remembered"])
    assert facts["fp_plain"] == []


def test_remembered_number_formatting_gives_reportlabs_answers(monkeypatch):
    from reportlab.lib import rl_accel

    from plan_desktop.reports import reportlab_imports

    real = getattr(rl_accel.fp_str, "__wrapped__", rl_accel.fp_str)
    monkeypatch.setattr(reportlab_imports, "FP_STR_ENTRIES", 8)  # starts afresh too
    fp_str = remembered_fp_str(real)
    cases = [(8.5,), (0.45,), (1,), (1.0,), (True,), (-0.0,), (0,), (1e-8,), (484.72440944881885, 0),
             ((0.13333333333333333,) * 3,), ((1, 2),), ((1.0, 2.0),), (1, 0, 0, 1, 56.6929, 771.0236),
             (-3.25, 1e6), (float("nan"),), (123456.789,)]
    for _ in range(3):  # answered, then remembered (and forgotten past the limit)
        for args in cases:
            assert fp_str(*args) == real(*args), args
    assert fp_str([1.5, 2]) == real([1.5, 2])  # a list cannot be remembered: formatted each time


def test_reportlab_runs_with_its_c_accelerator():
    """rl-accel (a dependency): number formatting and string widths in C, ~9 % of laying out a print."""
    from reportlab.lib import rl_accel

    assert {"fp_str", "escapePDF", "sameFrag", "instanceStringWidthTTF"} <= set(rl_accel._c_funcs)


def test_a_deferred_pattern_shows_its_pattern_without_compiling_it():
    p = DeferredPattern("[a-z]+", re.I)
    assert repr(p).startswith("DeferredPattern('[a-z]+'") and "IGNORECASE" in repr(p)
    assert not p.is_compiled


def test_re_compile_is_restored_when_a_deferred_module_fails_to_import(tmp_path):
    import importlib.util

    from plan_desktop.reports.reportlab_imports import _DeferringLoader

    source = tmp_path / "failing_module.py"
    source.write_text("import re\nP = re.compile('a')\nraise RuntimeError('boom')\n", encoding="utf-8")
    real = re.compile
    loader = _DeferringLoader("failing_module", str(source))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader("failing_module", loader))
    with pytest.raises(RuntimeError, match="boom"):
        loader.exec_module(module)
    assert re.compile is real
