"""The user guide (F1): Japanese HTML shipped in ``resources/help``, shown offline.

The guide is plain HTML with PNG screenshots made from the app itself
(``tools/make_help_screenshots.py``). F1 opens it at the chapter that fits
where the user is (the evaluation form opens 「年度の評価の進め方」).

The guide is written in the bundled plan's words (推進事項, 取組の視点,
推進協議会・所長会議 …); it is shown in the open plan's words (:func:`guide_words`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ..domain.terms import PlanTerms
from ..paths import resources_dir
from .screen_fit import fit_to_screen

#: Chapters (anchors of index.html) the window can open at.
CHAPTERS = ("start", "evaluation", "mode", "printing", "excel", "backup", "laptops", "input", "keys")


def help_dir() -> Path:
    return resources_dir() / "help"


def guide_url(chapter: str | None = None) -> QUrl:
    url = QUrl.fromLocalFile(str(help_dir() / "index.html"))
    if chapter:
        url.setFragment(chapter)
    return url


# The words the guide is written in (the bundled plan's) and what each is in a plan's terms.
_GUIDE_WORDS: tuple[tuple[str, Callable[[PlanTerms], str]], ...] = (
    ("推進協議会・所長会議", lambda t: t.stages[-1].name),
    ("所管課確定", lambda t: t.stages[0].confirmed_label),
    ("会議確定", lambda t: t.stages[-1].confirmed_label),
    ("所管課", lambda t: t.stages[0].name),
    ("取組の視点", lambda t: t.level_name(0)),
    ("推進事項", lambda t: t.measure),
    ("提言", lambda t: t.cross_reference),
    ("学区", lambda t: t.community_unit),
)


def guide_words(terms: PlanTerms) -> dict[str, str]:
    """The guide's words that the plan of *terms* calls otherwise, with its own word for each."""
    out = {}
    for word, own in _GUIDE_WORDS:
        mine = own(terms)
        if mine and mine != word:
            out[word] = mine
    return out


def in_plan_words(html: str, words: dict[str, str]) -> str:
    """*html* of the guide with the bundled plan's words replaced by *words* (longest first)."""
    if not words:
        return html
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return pattern.sub(lambda m: words[m.group(0)], html)


class _GuideBrowser(QTextBrowser):
    """Loads the guide's pages in the open plan's words."""

    def __init__(self, words: Callable[[], dict[str, str]], parent=None):
        super().__init__(parent)
        self._words = words

    def loadResource(self, kind: int, name: QUrl):  # noqa: N802 (Qt's name)
        html_kind = QTextDocument.ResourceType.HtmlResource
        if kind in (html_kind, html_kind.value) and name.isLocalFile():
            path = Path(name.toLocalFile())
            if path.suffix.lower() in (".html", ".htm") and path.is_file():
                return in_plan_words(path.read_text(encoding="utf-8"), self._words())
        return super().loadResource(kind, name)


class HelpWindow(QWidget):
    """A browser over the guide: back, forward, contents; links to other sites open nowhere (offline)."""

    def __init__(self, parent=None, terms: Callable[[], PlanTerms] | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self._terms = terms or PlanTerms
        self._shown_words: dict[str, str] | None = None
        self.setObjectName("helpWindow")
        self.setWindowTitle(self.tr("使い方ガイド"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← 戻る"))
        self.forward_button = QPushButton(self.tr("進む →"))
        self.home_button = QPushButton(self.tr("目次"))
        for b in (self.back_button, self.forward_button, self.home_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.note = QLabel()
        self.note.setStyleSheet("color: #666;")
        bar.addWidget(self.note)
        lay.addLayout(bar)
        self.browser = _GuideBrowser(self.words)
        self.browser.setObjectName("helpBrowser")
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)  # links are followed by _follow: never out to the web
        self.browser.setSearchPaths([str(help_dir())])
        self.browser.anchorClicked.connect(self._follow)
        lay.addWidget(self.browser, 1)
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button.clicked.connect(self.browser.forward)
        self.home_button.clicked.connect(lambda: self.show_chapter(None))
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        close = QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self)
        close.activated.connect(self.close)
        QShortcut(QKeySequence("Esc"), self).activated.connect(self.close)
        fit_to_screen(self, 980, 900)

    def words(self) -> dict[str, str]:
        """The guide's words as the open plan names them (see :func:`guide_words`)."""
        return guide_words(self._terms())

    def show_chapter(self, chapter: str | None = None) -> None:
        if not (help_dir() / "index.html").is_file():
            self.browser.setPlainText(self.tr("使い方ガイドが見つかりません: {0}").format(help_dir()))
            return
        self.browser.setSource(guide_url(chapter))
        words = self.words()
        if self._shown_words is not None and words != self._shown_words:
            self.browser.reload()  # the plan's words changed (another plan, 計画の設定) since the page was loaded
        self._shown_words = words
        if chapter:
            self.browser.scrollToAnchor(chapter)

    def _follow(self, url: QUrl) -> None:
        if url.scheme() in ("", "file"):
            self.note.setText("")
            self.browser.setSource(self.browser.source().resolved(url))
        else:
            # The guide works offline; web addresses are shown, not opened.
            self.note.setText(self.tr("外部のページ: {0}").format(url.toString()))
