import QtQuick
import Testament
import kiosk.qml

// The rest of a slide's story, one tap away: the slide shows what a short visit needs, More shows the rest.
Column {
    id: more
    required property Kiosk kiosk
    property string text
    property bool open: false
    width: parent ? parent.width : implicitWidth
    spacing: Theme.gap * 2
    visible: text !== ""

    KButton {
        objectName: "slideMore"
        text: more.open ? more.kiosk.strings.less : more.kiosk.strings.more
        onActivated: more.open = !more.open
    }
    Body {
        text: more.text
        visible: more.open
    }
}
