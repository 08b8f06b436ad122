"""ファイル menu entries for Excel/CSV exchange and merging, without their weight.

The dialogs (``exchange_dialogs``) and the exchange engine load when one of
these actions is first used, so start-up does not pay for them.
"""

from __future__ import annotations

from PySide6.QtGui import QAction

from .exchange_text import ExchangeDialogs


def exchange_handler(main_window):
    """The window's ``_ExchangeActions`` (made, and its module imported, on first use)."""
    handler = getattr(main_window, "_exchange_actions", None)
    if handler is None:
        from .exchange_dialogs import _ExchangeActions

        handler = main_window._exchange_actions = _ExchangeActions(main_window)
    return handler


def install_exchange_actions(main_window) -> dict[str, QAction]:
    """Add ファイル → エクスポート…/インポート…/別のファイルから取り込み… to ``main_window.file_menu``.

    Uses ``main_window.document`` at the time an action runs. Returns the
    actions by name ('export', 'import', 'merge').
    """
    menu = main_window.file_menu
    actions = {
        "export": QAction(ExchangeDialogs.tr("エクスポート(&E)…"), main_window),
        "import": QAction(ExchangeDialogs.tr("インポート(&I)…"), main_window),
        "merge": QAction(ExchangeDialogs.tr("別のファイルから取り込み(&M)…"), main_window),
    }
    actions["export"].setObjectName("actionExport")
    actions["export"].setStatusTip(ExchangeDialogs.tr("Excel ブック・CSV・評価入力シートに書き出します"))
    actions["import"].setObjectName("actionImport")
    actions["import"].setStatusTip(ExchangeDialogs.tr("書き出した Excel/CSV や記入済みの評価入力シートを読み込みます（確認してから適用）"))
    actions["merge"].setObjectName("actionMerge")
    actions["merge"].setStatusTip(ExchangeDialogs.tr("別のパソコンの計画ファイルや変更パッケージの変更を取り込みます"))
    actions["export"].triggered.connect(lambda: exchange_handler(main_window).export())
    actions["import"].triggered.connect(lambda: exchange_handler(main_window).import_())
    actions["merge"].triggered.connect(lambda: exchange_handler(main_window).merge())
    quit_action = getattr(main_window, "act_quit", None)
    if quit_action is not None and quit_action in menu.actions():
        for a in actions.values():
            menu.insertAction(quit_action, a)
        menu.insertSeparator(quit_action)
    else:
        menu.addSeparator()
        for a in actions.values():
            menu.addAction(a)
    return actions
