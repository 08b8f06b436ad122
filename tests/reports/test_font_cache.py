"""The parsed bundled font is cached between processes, and the cache never changes a PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plan_desktop.reports import font_cache
from plan_desktop.reports.font_cache import load_ttf
from plan_desktop.reports.fonts import PRIMARY_FILE, fonts_dir

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def font_file(tmp_path) -> Path:
    path = tmp_path / "フォント 置き場" / PRIMARY_FILE  # spaces and Japanese in the path
    path.parent.mkdir()
    shutil.copyfile(fonts_dir() / PRIMARY_FILE, path)
    return path


@pytest.fixture
def parses(monkeypatch) -> list[str]:
    """The font files actually parsed by reportlab."""
    seen: list[str] = []
    real = font_cache._parse

    def counting(name, path):
        seen.append(str(path))
        return real(name, path)

    monkeypatch.setattr(font_cache, "_parse", counting)
    return seen


def _face_state(font) -> dict:
    return {k: v for k, v in font.face.__dict__.items() if k != "_pdfScale"}


def test_a_cached_font_is_the_parsed_font(tmp_path, font_file, parses):
    cache = tmp_path / "cache"
    parsed = load_ttf("CacheTest", font_file, cache)
    cached = load_ttf("CacheTest", font_file, cache)
    assert parses == [str(font_file)]  # the second load read the cache
    assert cached is not parsed
    assert _face_state(cached) == _face_state(parsed)
    assert {k: v for k, v in vars(cached).items() if k not in ("face", "state", "encoding")} == \
        {k: v for k, v in vars(parsed).items() if k not in ("face", "state", "encoding")}
    assert all(cached.face._pdfScale(x) == parsed.face._pdfScale(x) for x in (-1200, -1, 0, 1, 77, 2048, 9999))
    assert len(cached.state) == 0 and type(cached.state) is type(parsed.state)
    text = "進捗状況評価シート ABC 123（令和7年度）"
    assert cached.stringWidth(text, 9.5) == parsed.stringWidth(text, 9.5)


def test_a_changed_font_file_is_parsed_again(tmp_path, font_file, parses):
    cache = tmp_path / "cache"
    load_ttf("CacheTest", font_file, cache)
    stamp = os.stat(font_file)
    with open(font_file, "ab") as f:  # trailing bytes: still a valid font, but another file
        f.write(b"\0\0\0\0")
    os.utime(font_file, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # even with the old time stamp
    load_ttf("CacheTest", font_file, cache)
    load_ttf("CacheTest", font_file, cache)
    assert parses == [str(font_file)] * 2  # parsed again once, then cached again


def test_another_reportlab_does_not_use_the_cache(tmp_path, font_file, parses, monkeypatch):
    cache = tmp_path / "cache"
    load_ttf("CacheTest", font_file, cache)
    monkeypatch.setattr(font_cache, "_REPORTLAB_VERSION", "0.0-other")
    load_ttf("CacheTest", font_file, cache)
    assert len(parses) == 2


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_cache_is_parsed_over(tmp_path, font_file, parses, content):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "CacheTest.ttfcache").write_bytes(content)
    font = load_ttf("CacheTest", font_file, cache)
    assert font.face.charToGlyph and parses == [str(font_file)]
    load_ttf("CacheTest", font_file, cache)
    assert len(parses) == 1  # the damaged file was replaced by a good one


def test_a_cache_folder_that_cannot_be_made_only_costs_the_parse(tmp_path, font_file, parses):
    blocker = tmp_path / "a file"
    blocker.write_bytes(b"")
    for _ in range(2):
        assert load_ttf("CacheTest", font_file, blocker / "cache").face.charToGlyph
    assert len(parses) == 2


@pytest.mark.slow
def test_sheets_are_the_same_bytes_with_and_without_the_cache(tmp_path):
    """End to end: a print with an empty cache (parsing) and one that reads it give the same PDF."""
    db = tmp_path / "plan.sqlite"
    shutil.copyfile(ROOT / "data" / "plan.sqlite", db)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(XDG_CACHE_HOME=str(tmp_path / "xdg-cache"), HOME=str(tmp_path),
               LOCALAPPDATA=str(tmp_path / "local"))
    pdfs = []
    for run in range(2):
        out = tmp_path / f"sheets-{run}.pdf"
        proc = subprocess.run([sys.executable, "-m", "plan_desktop", "print", "sheets", "--db", str(db), "--fy", "2025",
                               "--measures", "1-3", "--invariant", "-o", str(out)], env=env, capture_output=True,
                              encoding="utf-8", errors="replace", timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
        pdfs.append(out.read_bytes())
        assert list((tmp_path / "xdg-cache").rglob("*.ttfcache")), "the first print leaves the parsed font"
    assert pdfs[0] == pdfs[1]
