import QtQuick
import kiosk.qml

Text {
    width: parent ? parent.width : implicitWidth
    color: Theme.ink
    font.family: Theme.serif
    font.bold: true
    font.pixelSize: Theme.headingSize
    lineHeight: 1.15
    wrapMode: Text.WordWrap
    Accessible.role: Accessible.Heading
    Accessible.name: text
}
