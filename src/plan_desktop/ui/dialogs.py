"""Settings and about/licence dialogs."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, qVersion
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .display_settings import (  # noqa: F401 - stored_* and the keys: this dialog's values, read at start-up there
    KEY_FONT_SIZE,
    KEY_LANGUAGE,
    MAX_FONT_PT,
    MIN_FONT_PT,
    stored_font_size,
    stored_language,
)
from .i18n import LANGUAGES
from .screen_fit import fit_to_screen


class SettingsDialog(QDialog):
    """Language and font size. Values are written to QSettings on accept()."""

    def __init__(self, settings: QSettings, default_font_pt: int, parent=None, *, sample: str = ""):
        """*sample*: a line of the open plan shown at the chosen size (e.g. its first measure)."""
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("設定"))
        self._settings = settings
        self._initial_language = stored_language(settings)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(self._initial_language))
        form.addRow(self.tr("表示言語"), self.language_combo)
        self.font_spin = QSpinBox()
        self.font_spin.setObjectName("fontSizeSpin")
        self.font_spin.setRange(MIN_FONT_PT, MAX_FONT_PT)
        self.font_spin.setSuffix(self.tr(" ポイント"))
        self.font_spin.setValue(stored_font_size(settings) or default_font_pt)
        form.addRow(self.tr("文字の大きさ"), self.font_spin)
        self.preview = QLabel(self.tr("見本：{sample}").format(sample=sample or self.tr("№1 計画の項目の名称")))
        self.preview.setWordWrap(True)
        form.addRow(self.tr("見本"), self.preview)
        self.font_spin.valueChanged.connect(self._preview)
        self._preview(self.font_spin.value())
        lay.addLayout(form)
        note = QLabel(self.tr("表示言語の変更は、次にアプリを起動したときに反映されます。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #666;")
        lay.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _preview(self, pt: int) -> None:
        f = self.preview.font()
        f.setPointSize(pt)
        self.preview.setFont(f)

    def language(self) -> str:
        return self.language_combo.currentData()

    def font_size(self) -> int:
        return self.font_spin.value()

    def language_changed(self) -> bool:
        return self.language() != self._initial_language

    def accept(self) -> None:
        self._settings.setValue(KEY_LANGUAGE, self.language())
        self._settings.setValue(KEY_FONT_SIZE, self.font_size())
        self._settings.sync()
        super().accept()


THIRD_PARTY = (
    ("Qt / PySide6", "LGPL v3", "https://www.qt.io/"),
    ("sqlite-utils", "Apache License 2.0", "https://sqlite-utils.datasette.io/"),
    ("SQLite", "Public Domain", "https://sqlite.org/"),
    ("ReportLab", "BSD License", "https://www.reportlab.com/"),
    ("platformdirs", "MIT License", "https://github.com/platformdirs/platformdirs"),
    ("IPAexゴシック (IPAexGothic)", "IPA Font License Agreement v1.0", "https://moji.or.jp/ipafont/"),
)


class AboutDialog(QDialog):
    """Version, third-party components and the full font licence text."""

    def __init__(self, plan_title: str, parent=None):
        super().__init__(parent)
        from .. import __version__
        from ..paths import resources_dir

        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("バージョン情報"))
        lay = QVBoxLayout(self)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs)

        about = QWidget()
        al = QVBoxLayout(about)
        title = QLabel(self.tr("行動計画 進捗管理（plan_desktop）"))
        f = title.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        title.setFont(f)
        al.addWidget(title)
        import PySide6

        info = QLabel(self.tr("バージョン {version}\n\n{plan}\n\n行動計画の項目・年度別行動計画・工程・進捗評価を"
                              "管理するアプリケーションです。\n\nPySide6 {pyside} / Qt {qt}").format(
            version=__version__, plan=plan_title, pyside=PySide6.__version__, qt=qVersion()))
        info.setWordWrap(True)
        info.setAlignment(Qt.AlignmentFlag.AlignTop)
        al.addWidget(info)
        al.addStretch(1)
        self.tabs.addTab(about, self.tr("このアプリについて"))

        parts = QPlainTextEdit()
        parts.setReadOnly(True)
        parts.setPlainText("\n\n".join(f"{name}\n  {lic}\n  {url}" for name, lic, url in THIRD_PARTY))
        self.tabs.addTab(parts, self.tr("使用しているソフトウェア"))

        licence = QPlainTextEdit()
        licence.setObjectName("fontLicenceText")
        licence.setReadOnly(True)
        path = resources_dir() / "fonts" / "IPA_Font_License_Agreement_v1.0.txt"
        try:
            licence.setPlainText(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            licence.setPlainText(self.tr("ライセンス文書を読み込めません: {error}").format(error=exc))
        self.licence_text = licence
        self.tabs.addTab(licence, self.tr("フォントのライセンス"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        # Wide enough for every tab's name at the chosen font size (no scroll arrows on the tab bar).
        tabs_width = self.tabs.tabBar().sizeHint().width() + 2 * lay.contentsMargins().left() + 8
        fit_to_screen(self, max(640, tabs_width), 520)
