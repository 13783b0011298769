"""Qt's own messages (qWarning, QML errors, plugin problems) into the kiosk's log instead of stderr alone."""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

qt_log = logging.getLogger("qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    where = f" ({context.file}:{context.line})" if context.file else ""
    category = context.category if context.category and context.category != "default" else ""
    logger = qt_log.getChild(category) if category else qt_log
    logger.log(_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)


def install_qt_message_handler() -> None:
    """Route every Qt message to the ``qt`` logger (``qt.<category>`` for categorised ones)."""
    qInstallMessageHandler(_handler)


def uninstall_qt_message_handler() -> None:
    qInstallMessageHandler(None)
