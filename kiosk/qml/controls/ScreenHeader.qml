import QtQuick
import QtQuick.Layouts
import kiosk.qml

// The top of a screen of its own (the timeline, the people, the myth): its title and, when there is one, a line
// on how to use it. Laid out in the screen's column, inside its margins.
ColumnLayout {
    property alias title: titleText.text
    property alias hint: hintText.text
    Layout.fillWidth: true
    Layout.leftMargin: Theme.margin
    Layout.rightMargin: Theme.margin
    Layout.topMargin: Math.round(Theme.margin * 0.5)
    spacing: Math.round(Theme.gap / 2)

    Text {
        id: titleText
        Layout.fillWidth: true
        color: Theme.ink
        font.family: Theme.serif
        font.bold: true
        font.pixelSize: Theme.headingSize
        wrapMode: Text.WordWrap
        Accessible.role: Accessible.Heading
        Accessible.name: text
    }
    Label {
        id: hintText
        Layout.fillWidth: true
        visible: text !== ""
    }
}
