"""List models that show rows of the core's presentation dictionaries (kiosk.core.presentation.slides) to QML."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Property, QAbstractListModel, QByteArray, QModelIndex, QObject, Qt, Signal, Slot

USER_ROLE = int(Qt.ItemDataRole.UserRole)


class DictListModel(QAbstractListModel):
    """Rows are dicts with a fixed set of keys; each key is a role of the same name."""

    countChanged = Signal()

    def __init__(self, keys: Sequence[str], parent: QObject | None = None):
        super().__init__(parent)
        self._keys = tuple(keys)
        self._rows: list[dict] = []

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        return {USER_ROLE + i: QByteArray(key.encode()) for i, key in enumerate(self._keys)}

    def data(self, index: QModelIndex, role: int = USER_ROLE):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key_index = role - USER_ROLE
        if 0 <= key_index < len(self._keys):
            return self._rows[index.row()].get(self._keys[key_index])
        return None

    @Property(int, notify=countChanged)
    def count(self) -> int:
        return len(self._rows)

    def rows(self) -> list[dict]:
        return list(self._rows)

    def set_rows(self, rows: list[dict]) -> None:
        """Replace all rows; when only the texts changed (same count), update in place to keep views still."""
        if len(rows) == len(self._rows) and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        self.countChanged.emit()

    @Slot(int, str, result="QVariant")
    def get(self, row: int, key: str):
        """One value, for QML code outside a delegate (e.g. the title of the next chapter)."""
        if 0 <= row < len(self._rows):
            return self._rows[row].get(key)
        return None
