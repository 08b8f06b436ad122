"""Where file dialogs open and which names they suggest.

Export, import, merge, PDF, package and copy dialogs open in the folder the
user chose last time (kept in the settings as ``files/lastFolder``), else in
the plan's own folder when the user keeps the plan somewhere of their own,
else in Documents. Never in the per-user data folder where the working copy
lives (``%LOCALAPPDATA%\\plan_desktop\\plan_desktop``: hidden on Windows, and
files put there are lost to the user). Suggested names go through
:func:`~plan_desktop.domain.file_names.safe_file_name` (plan titles,
departments and district names may hold anything).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ..domain.file_names import safe_file_name

LAST_FOLDER_KEY = "files/lastFolder"


def settings_for(widget: QWidget | None) -> QSettings | None:
    """The settings of the main window *widget* belongs to (None outside one)."""
    while widget is not None:
        settings = getattr(widget, "settings", None)
        if isinstance(settings, QSettings):
            return settings
        widget = widget.parentWidget()
    return None


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def _inside(folder: Path, root: Path) -> bool:
    try:
        folder.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


def is_private_data_folder(folder: Path) -> bool:
    """True inside the per-user data folder (the working copy and its backups live there, out of sight)."""
    from ..paths import per_user_data_dir

    return _inside(Path(folder), per_user_data_dir())


def start_folder(widget: QWidget | None, document_path: Path | None = None) -> Path:
    """The last folder chosen, else the plan's folder (unless it is the private data folder), else Documents."""
    settings = settings_for(widget)
    last = settings.value(LAST_FOLDER_KEY) if settings is not None else None
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    if document_path is not None:
        folder = Path(document_path).parent
        if folder.is_dir() and not is_private_data_folder(folder):
            return folder
    return documents_folder()


def remember_folder(widget: QWidget | None, chosen: Path) -> None:
    settings = settings_for(widget)
    if settings is not None:
        settings.setValue(LAST_FOLDER_KEY, str(Path(chosen).parent))


def suggested_path(widget: QWidget | None, name: str, document_path: Path | None = None) -> Path:
    return start_folder(widget, document_path) / safe_file_name(name)


def ask_save_path(widget: QWidget | None, title: str, name: str, file_filter: str,
                  document_path: Path | None = None) -> Path | None:
    """Ask where to save, suggesting a cleaned *name* in the start folder; remembers the folder chosen."""
    start = suggested_path(widget, name, document_path)
    path, _ = QFileDialog.getSaveFileName(widget, title, str(start), file_filter)
    if not path:
        return None
    remember_folder(widget, Path(path))
    return Path(path)


def ask_open_path(widget: QWidget | None, title: str, file_filter: str,
                  document_path: Path | None = None) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(widget, title, str(start_folder(widget, document_path)), file_filter)
    if not path:
        return None
    remember_folder(widget, Path(path))
    return Path(path)


__all__ = ["LAST_FOLDER_KEY", "ask_open_path", "ask_save_path", "documents_folder", "is_private_data_folder",
           "remember_folder", "settings_for", "start_folder", "suggested_path"]
