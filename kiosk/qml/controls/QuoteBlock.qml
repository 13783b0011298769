import QtQuick
import kiosk.qml

// A quotation set apart: serif italic behind a red rule, the citation in sans below, and a note when the
// visitor reads a translation.
Item {
    id: block
    property string text
    property string attribution
    property bool translated: false
    property string translatedNote
    property real textSize: Theme.quoteSize
    width: parent ? parent.width : implicitWidth
    implicitHeight: column.implicitHeight

    Rectangle {
        width: Math.max(3, Math.round(Theme.mm(1.4)))
        height: column.implicitHeight
        color: Theme.accentRule
    }
    Column {
        id: column
        x: Math.round(Theme.mm(6))
        width: block.width - x
        spacing: Theme.gap
        Text {
            width: parent.width
            text: block.text  // set apart by the rule and italics, not by marks that would clash with inner quotes
            color: Theme.ink
            font.family: Theme.serif
            font.italic: true
            font.pixelSize: block.textSize
            lineHeight: 1.3
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.StaticText
            Accessible.name: block.text
        }
        Label {
            width: parent.width
            visible: text !== ""
            text: block.attribution ? "\u2014 " + block.attribution : ""
            Accessible.name: block.attribution
        }
        Label {
            width: parent.width
            visible: block.translated && text !== ""
            text: block.translatedNote
            font.italic: true
        }
    }
}
