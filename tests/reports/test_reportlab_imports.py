"""What reportlab loads at import and the reports never use (a URL pattern, Pillow) waits for first use."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from plan_desktop.reports.reportlab_imports import DeferredPattern


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
from plan_desktop.reports.reportlab_imports import DeferredPattern
data = load_seed(seed_source())
deferred_at_import = isinstance(P.uri_pat, DeferredPattern) and not P.uri_pat.is_compiled
result = build_sheets(data, 2025, data.measures[:2], options=ReportOptions(invariant=True))
import html.parser, re
others_compiled = all(not isinstance(v, DeferredPattern) for v in vars(html.parser).values())
others_compiled = others_compiled and isinstance(html.parser.tagfind_tolerant, re.Pattern)
pillow_loaded = type(sys.modules["PIL.Image"]).__name__ != "_LazyModule"
import reportlab.lib.utils as U
have_images = U.haveImages
from PIL import Image
print(json.dumps({"deferred_at_import": deferred_at_import, "compiled_after": P.uri_pat.is_compiled,
                  "pillow_loaded": pillow_loaded, "others_compiled": others_compiled, "have_images": have_images, "image_class": Image.Image.__name__,
                  "pages": result.page_count, "urls": P._uri_split_pairs("https://example.com/a/b")}))
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
