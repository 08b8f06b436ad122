"""Translation loading. Source strings are Japanese; English comes from resources/i18n.

Regenerate the catalogue after changing UI strings with
``.venv/bin/python tools/update_translations.py`` (runs pyside6-lupdate, then
pyside6-lrelease; fill new English strings in the .ts with pyside6-linguist
or a text editor before the lrelease step).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = {"ja": "日本語", "en": "English"}
DEFAULT_LANGUAGE = "ja"
CATALOGUE = "plan_desktop"


def i18n_dir() -> Path:
    from ..paths import resources_dir

    return resources_dir() / "i18n"


def normalise_language(value: object) -> str:
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install our catalogue (for English) and Qt's own (for standard dialogs). Returns them
    so the caller keeps them alive."""
    language = normalise_language(language)
    installed: list[QTranslator] = []
    QLocale.setDefault(QLocale(QLocale.Language.Japanese if language == "ja" else QLocale.Language.English))
    if language != DEFAULT_LANGUAGE:
        ours = QTranslator(app)
        if ours.load(str(i18n_dir() / f"{CATALOGUE}_{language}.qm")):
            app.installTranslator(ours)
            installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
