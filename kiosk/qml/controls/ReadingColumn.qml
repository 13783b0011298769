import QtQuick
import kiosk.qml

// A column of text that scrolls when (and only when) it is taller than its space, so no text is ever cut.
// When it scrolls, a soft fade and a position bar say there is more to read.
Flickable {
    id: column
    default property alias content: inner.data
    property alias spacing: inner.spacing
    property color fadeColor: Theme.paper
    readonly property bool overflowing: contentHeight > height + 1
    contentWidth: width
    contentHeight: inner.implicitHeight
    clip: overflowing
    interactive: overflowing
    boundsBehavior: Flickable.StopAtBounds
    flickableDirection: Flickable.VerticalFlick

    Column {
        id: inner
        width: column.width - (column.overflowing ? bar.width * 3 : 0)
        spacing: Theme.gap * 2
    }

    Rectangle {
        // "more below": fades the last lines until the reader reaches the end
        parent: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: Math.min(column.height / 4, Theme.bodySize * 2.5)
        visible: column.overflowing && !column.atYEnd
        gradient: Gradient {
            GradientStop { position: 0.0; color: Qt.alpha(column.fadeColor, 0) }
            GradientStop { position: 1.0; color: column.fadeColor }
        }
    }

    Rectangle {
        id: bar
        parent: column
        anchors.right: parent.right
        width: Math.max(3, Math.round(Theme.mm(1)))
        radius: width / 2
        visible: column.overflowing
        color: Theme.inkSoft
        opacity: 0.6
        y: column.visibleArea.yPosition * column.height
        height: Math.max(Theme.target / 2, column.visibleArea.heightRatio * column.height)
    }
}
