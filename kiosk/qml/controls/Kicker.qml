import QtQuick
import kiosk.qml

// The small capitals above what they name: a part of the document, a section of a card, a step of the myth.
Text {
    color: Theme.redDark
    font.family: Theme.sans
    font.bold: true
    font.capitalization: Font.AllUppercase
    font.letterSpacing: Theme.mm(0.3)
    font.pixelSize: Theme.captionSize
    wrapMode: Text.WordWrap
    Accessible.role: Accessible.Heading
    Accessible.name: text
}
