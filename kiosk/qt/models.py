"""List models that show rows of the core's presentation dictionaries (kiosk.core.presentation.slides) to QML."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Property, QAbstractListModel, QByteArray, QModelIndex, QObject, Signal, Slot

USER_ROLE = 0x0100  # Qt.ItemDataRole.UserRole, by its value: the first frame does without Qt's namespace (kiosk/qt)
ROW_ROLE = "wholeRow"


class DictListModel(QAbstractListModel):
    """Rows are dicts with a fixed set of keys; each key is a role of the same name, and the role ``wholeRow`` is
    the whole row, for a delegate that hands it on (a chapter's page to its slide). A delegate holding
    ``wholeRow`` keeps its value while the view takes it down; one holding ``model`` sees it turn null."""

    countChanged = Signal()

    def __init__(self, keys: Sequence[str], parent: QObject | None = None):
        super().__init__(parent)
        self._keys = tuple(keys)
        if ROW_ROLE in self._keys:
            raise ValueError(f"{ROW_ROLE!r} names the whole row; a key cannot have that name")
        self._rows: list[dict] = []

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def roleNames(self) -> dict[int, QByteArray]:
        roles = {USER_ROLE + i: QByteArray(key.encode()) for i, key in enumerate(self._keys)}
        roles[USER_ROLE + len(self._keys)] = QByteArray(ROW_ROLE.encode())
        return roles

    def data(self, index: QModelIndex, role: int = USER_ROLE):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, key_index = self._rows[index.row()], role - USER_ROLE
        if 0 <= key_index < len(self._keys):
            return row.get(self._keys[key_index])
        return row if key_index == len(self._keys) else None

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
