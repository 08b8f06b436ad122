"""The display language and font size the user chose (設定), as stored in the settings.

Read at every start, before the window is built; the dialog that changes them
(ui/dialogs.py) is imported only when it is opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .i18n import normalise_language

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

MIN_FONT_PT, MAX_FONT_PT = 8, 24
KEY_LANGUAGE = "ui/language"
KEY_FONT_SIZE = "ui/fontSize"


def stored_language(settings: QSettings) -> str:
    return normalise_language(settings.value(KEY_LANGUAGE, "ja"))


def stored_font_size(settings: QSettings) -> int:
    """Point size chosen by the user; 0 means the system default."""
    try:
        pt = int(settings.value(KEY_FONT_SIZE, 0))
    except (TypeError, ValueError):
        return 0
    return pt if MIN_FONT_PT <= pt <= MAX_FONT_PT else 0
