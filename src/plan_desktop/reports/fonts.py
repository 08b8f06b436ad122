"""Fonts for the reports: the bundled IPAex Gothic, embedded as subsets.

Every text that reaches a PDF goes through :class:`FontSet`, which knows the
characters the primary font covers. Characters it lacks (emoji, rare kanji
outside JIS X 0208/0213) are drawn with a fallback font when one on this
computer has them, or replaced by the geta mark 〓 — the traditional Japanese
typesetting substitute for a missing character — and always reported, so no
character turns into an unexplained empty box and nothing crashes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

PRIMARY_FONT = "IPAexGothic"
PRIMARY_FILE = "ipaexg.ttf"
SUBSTITUTE_CHAR = "〓"  # U+3013 GETA MARK

# Fonts tried, in order, for characters the primary font lacks. Only outline
# (glyf) TrueType fonts work with reportlab; colour emoji fonts do not.
_FALLBACK_CANDIDATES: tuple[str, ...] = (
    # bundled extras, if a deployment adds any
    "{resources}/fonts/fallback",
    # Windows
    "C:/Windows/Fonts/seguisym.ttf",
    "C:/Windows/Fonts/YuGothR.ttc",
    "C:/Windows/Fonts/msgothic.ttc",
    # Linux
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansSymbols-Regular.ttf",
    # macOS
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)


def fonts_dir() -> Path:
    from ..paths import resources_dir

    return resources_dir() / "fonts"


def _covered(font: TTFont) -> frozenset[int]:
    return frozenset(font.face.charToGlyph)


@dataclass
class _Fallback:
    name: str
    path: str
    covered: frozenset[int]


@dataclass
class MissingGlyphs:
    """Characters that could not be drawn with the primary font, and where they were."""

    # char -> (drawn with fallback font name or None when substituted, places)
    chars: dict[str, tuple[str | None, list[str]]] = field(default_factory=dict)

    def add(self, ch: str, font: str | None, where: str) -> None:
        entry = self.chars.setdefault(ch, (font, []))
        if where and where not in entry[1] and len(entry[1]) < 5:
            entry[1].append(where)

    def messages(self) -> list[str]:
        out = []
        for ch, (font, places) in self.chars.items():
            how = f"{font} で代替表示しました" if font else f"「{SUBSTITUTE_CHAR}」に置き換えました"
            where = f"（{'、'.join(places)}）" if places else ""
            out.append(f"フォントにない文字 U+{ord(ch):04X}「{ch}」を{how}{where}")
        return out


_NOT_DRAWN = frozenset("\n\r\t")  # line breaks and tabs are never glyphs


class FontSet:
    """The primary font plus lazily discovered fallbacks, with coverage checks."""

    def __init__(self, primary_path: Path | None = None, fallback_paths: Iterable[str] | None = None):
        path = primary_path or fonts_dir() / PRIMARY_FILE
        self.name = PRIMARY_FONT
        if PRIMARY_FONT not in pdfmetrics.getRegisteredFontNames():
            from .font_cache import load_ttf

            pdfmetrics.registerFont(load_ttf(PRIMARY_FONT, path))
        self.covered = _covered(pdfmetrics.getFont(PRIMARY_FONT))
        # the same as characters, for set differences at C speed (missing() runs for every text)
        self._covered_chars = frozenset(map(chr, self.covered)) | _NOT_DRAWN
        self._fallback_paths = list(fallback_paths) if fallback_paths is not None else None
        self._fallbacks: list[_Fallback] | None = None

    # ------------------------------------------------------------ fallbacks
    def _candidate_files(self) -> list[str]:
        if self._fallback_paths is not None:
            return self._fallback_paths
        out: list[str] = []
        for c in _FALLBACK_CANDIDATES:
            c = c.replace("{resources}", str(fonts_dir().parent))
            p = Path(c)
            if p.is_dir():
                out.extend(str(f) for f in sorted(p.glob("*.tt[fc]")))
            elif p.exists():
                out.append(c)
        if sys.platform == "win32":
            windir = os.environ.get("WINDIR", "C:/Windows")
            out = [o.replace("C:/Windows", windir) for o in out]
        return out

    def fallbacks(self) -> list[_Fallback]:
        if self._fallbacks is None:
            self._fallbacks = []
            for i, path in enumerate(self._candidate_files()):
                name = f"PDFallback{i}"
                try:
                    if name not in pdfmetrics.getRegisteredFontNames():
                        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
                    self._fallbacks.append(_Fallback(name, path, _covered(pdfmetrics.getFont(name))))
                except Exception:  # noqa: BLE001 - an unusable system font is simply skipped
                    continue
        return self._fallbacks

    @lru_cache(maxsize=4096)  # noqa: B019 - FontSet lives for the process
    def font_for(self, ch: str) -> str | None:
        """The font that draws *ch*: the primary, a fallback, or None (substitute)."""
        cp = ord(ch)
        if cp in self.covered:
            return self.name
        for fb in self.fallbacks():
            if cp in fb.covered:
                return fb.name
        return None

    def label(self, font: str | None) -> str | None:
        """A readable name for a fallback font (its file name), for warnings."""
        for fb in self._fallbacks or ():
            if fb.name == font:
                return Path(fb.path).stem
        return font

    def missing(self, text: str) -> set[str]:
        """Characters of *text* the primary font cannot draw (line breaks excluded)."""
        return set(text).difference(self._covered_chars)

    def runs(self, text: str, missing: MissingGlyphs | None = None, where: str = "") -> list[tuple[str, str]]:
        """Split *text* into (font name, text) runs; uncovered characters become 〓."""
        if not self.missing(text):
            return [(self.name, text)]
        runs: list[tuple[str, str]] = []
        for ch in text:
            font = self.font_for(ch)
            if font != self.name and missing is not None:
                missing.add(ch, self.label(font), where)
            if font is None:
                font, ch = self.name, SUBSTITUTE_CHAR
            if runs and runs[-1][0] == font:
                runs[-1] = (font, runs[-1][1] + ch)
            else:
                runs.append((font, ch))
        return runs


_DEFAULT: FontSet | None = None


def default_fonts() -> FontSet:
    """The process-wide font set (parsing a TTF costs ~0.1 s, so it happens once, and
    the parsed primary font is cached between processes: :mod:`.font_cache`)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = FontSet()
    return _DEFAULT
