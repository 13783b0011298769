import QtQuick
import kiosk.qml

// What shows above the stage in low reach: night, and the exhibit's title to be seen from across the room.
// Nothing here is to be touched or read closely; the proof's reach check leaves this file's items out.
Rectangle {
    property alias title: titleText.text
    color: Theme.night
    Accessible.ignored: true

    Text {
        id: titleText
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        visible: parent.height > implicitHeight + 2 * Theme.margin
        color: Theme.onNightSoft
        font.family: Theme.serif
        font.bold: true
        font.pixelSize: Theme.displaySize
        wrapMode: Text.WordWrap
        horizontalAlignment: Text.AlignHCenter
        Accessible.ignored: true
    }
    Rectangle {
        // the band's upper edge, so the stage below reads as the exhibit
        anchors.bottom: parent.bottom
        width: parent.width
        height: Math.max(1, Math.round(Theme.mm(0.6)))
        color: Theme.gold
        opacity: 0.6
    }
}
