import QtQuick
import kiosk.qml

// Text at caption size: captions, credits, dates, citations, the words beside a control.
Text {
    color: Theme.inkSoft
    font.family: Theme.sans
    font.pixelSize: Theme.captionSize
    wrapMode: Text.WordWrap
    Accessible.name: text
}
