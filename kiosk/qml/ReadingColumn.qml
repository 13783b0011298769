import QtQuick

// A column of text that scrolls when (and only when) it is taller than its space, so no text is ever cut.
Flickable {
    id: column
    default property alias content: inner.data
    property alias spacing: inner.spacing
    contentWidth: width
    contentHeight: inner.implicitHeight
    clip: contentHeight > height
    interactive: contentHeight > height
    boundsBehavior: Flickable.StopAtBounds
    flickableDirection: Flickable.VerticalFlick

    Column {
        id: inner
        width: column.width
        spacing: Theme.gap * 2
    }
}
