"""The translation context shared by the exchange menu entries and the exchange dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


class ExchangeDialogs:
    """Translation context of the exchange actions and dialogs. lupdate files
    ``ExchangeDialogs.tr("…")`` under "ExchangeDialogs"."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("ExchangeDialogs", text)
