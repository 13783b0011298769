import QtQuick
import kiosk.qml

Text {
    width: parent ? parent.width : implicitWidth
    visible: text !== ""
    color: Theme.ink
    font.family: Theme.sans
    font.pixelSize: Theme.bodySize
    lineHeight: Theme.lineHeight
    wrapMode: Text.WordWrap
    Accessible.role: Accessible.StaticText
    Accessible.name: text
}
