import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// A picture with its caption and credit line. Decoded at the size shown, off the GUI thread.
ColumnLayout {
    id: figure
    required property Kiosk kiosk
    property string source
    property string alt
    property string caption
    property string credit
    spacing: Math.round(Theme.gap * 0.8)

    Image {
        id: picture
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.target
        fillMode: Image.PreserveAspectFit
        horizontalAlignment: Image.AlignHCenter
        verticalAlignment: Image.AlignVCenter
        asynchronous: true
        sourceSize.width: Math.max(1, Math.round(width))
        sourceSize.height: Math.max(1, Math.round(height))
        source: figure.source && figure.visible && width > 0 ? "image://media/" + figure.source : ""
        Accessible.role: Accessible.Graphic
        Accessible.name: figure.alt
    }
    Label {
        Layout.fillWidth: true
        visible: text !== ""
        text: figure.caption
        color: Theme.ink
    }
    Label {
        Layout.fillWidth: true
        visible: text !== ""
        text: figure.credit
        font.italic: true
    }
}
