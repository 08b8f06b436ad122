"""The parsed bundled font, kept between processes.

reportlab's :class:`~reportlab.pdfbase.ttfonts.TTFont` parses a TrueType
file's tables into Python dicts and lists (12,000 characters' glyphs and
widths for IPAex Gothic) each time a process loads it: ~0.05-0.1 s of every
``print`` command. :func:`load_ttf` keeps what the parse produced in a small
pickle in the user's cache folder and rebuilds the same font object from it;
the font file itself is still read (subsets are cut from its bytes) and its
checksum decides whether the cache belongs to it, so a replaced or edited font
file, another reportlab or another Python is parsed again. Any problem with
the cache (unreadable, damaged, a folder that cannot be written) means
parsing as before; the cache never changes what a PDF contains.
"""

from __future__ import annotations

import marshal
import pickle
import sys
import zlib
from pathlib import Path
from weakref import WeakKeyDictionary

from reportlab import Version as _REPORTLAB_VERSION
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

CACHE_FORMAT = 2
# Attributes of a parsed face that are not data: rebuilt on load.
_DATA = "_ttf_data"
_SCALE = "_pdfScale"
# The large tables of plain ints, floats, lists and tuples: marshal reads them
# back about twice as fast as pickle (the key pins the Python version).
_TABLES = ("charToGlyph", "glyphToChar", "charWidths", "hmetrics", "glyphPos")


def font_cache_dir() -> Path | None:
    """The cache folder for parsed fonts (None: no cache): per user, or in a portable copy beside
    its data folder (a portable copy leaves nothing in the computer's profile)."""
    try:
        from platformdirs import user_cache_path

        from .. import APP_NAME, ORG_NAME
        from ..paths import portable_data_dir

        portable = portable_data_dir()
        if portable is not None:
            # Only where its data lives already (the self-test never makes that folder).
            return portable / "cache" / "fonts" if portable.is_dir() else None
        return user_cache_path(APP_NAME, ORG_NAME) / "fonts"
    except Exception:  # noqa: BLE001 - no cache is never an error
        return None


def _key(name: str, data: bytes) -> tuple:
    """What the parsed font depends on: the file's bytes, reportlab and Python."""
    return (CACHE_FORMAT, name, len(data), zlib.crc32(data), _REPORTLAB_VERSION, sys.version_info[:2])


def _cache_file(cache_dir: Path, name: str) -> Path:
    return cache_dir / f"{name}.ttfcache"


def _scale(units_per_em: int):
    """reportlab's font-unit to PDF-unit scale of a face (see ``TTFontFile.extractInfo``)."""
    if units_per_em == 1000:
        return lambda x: x
    mult = 1000 / units_per_em
    return lambda x: x * mult


def _read_file(path: Path) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def _from_cache(cache_dir: Path, name: str, path: Path, data: bytes) -> TTFont | None:
    try:
        with open(_cache_file(cache_dir, name), "rb") as f:
            key, font_state, face_state, tables = pickle.load(f)
        if key != _key(name, data):
            return None
        face_state.update(marshal.loads(tables))
    except Exception:  # noqa: BLE001 - missing, unreadable or damaged: parse instead
        return None
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(face_state)
    face.__dict__[_DATA] = data
    face.__dict__[_SCALE] = _scale(face.unitsPerEm)
    face.filename = str(path)
    font = TTFont.__new__(TTFont)
    font.__dict__.update(font_state)
    font.face = face
    font.state = WeakKeyDictionary()  # per-document subset assignments, empty in a new font
    return font


def _store(cache_dir: Path, name: str, font: TTFont, data: bytes) -> None:
    font_state = {k: v for k, v in font.__dict__.items() if k not in ("face", "state")}
    face_state = {k: v for k, v in font.face.__dict__.items() if k not in (_DATA, _SCALE, *_TABLES)}
    try:
        tables = marshal.dumps({k: font.face.__dict__[k] for k in _TABLES if k in font.face.__dict__})
        blob = pickle.dumps((_key(name, data), font_state, face_state, tables), protocol=pickle.HIGHEST_PROTOCOL)
        from ..fileops import write_bytes

        cache_dir.mkdir(parents=True, exist_ok=True)
        write_bytes(_cache_file(cache_dir, name), blob, fsync=False)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is simply not kept
        return


def _parse(name: str, path: Path) -> TTFont:
    return TTFont(name, str(path))


def load_ttf(name: str, path: Path, cache_dir: Path | None = None) -> TTFont:
    """``TTFont(name, path)``, from the cache in *cache_dir* when it was made from
    the same file (default folder: :func:`font_cache_dir`), else parsed and cached."""
    cache_dir = cache_dir or font_cache_dir()
    if cache_dir is None:
        return _parse(name, path)
    data = _read_file(path)
    font = _from_cache(cache_dir, name, path, data)
    if font is None:
        font = _parse(name, path)
        _store(cache_dir, name, font, data)
    return font
