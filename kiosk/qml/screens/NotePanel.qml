import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// A note on a word of the document, over the lower part of the transcript until closed.
Rectangle {
    id: panel
    required property Kiosk kiosk
    property bool shown: false
    property string anchor
    property int number
    property string text
    signal closed()

    visible: opacity > 0
    opacity: shown ? 1 : 0
    Behavior on opacity { NumberAnimation { duration: Theme.normal; easing.type: Easing.OutCubic } }
    height: Math.min(parent ? parent.height * 0.7 : implicitHeight, layout.implicitHeight + Theme.gap * 4)
    color: Theme.paperDark
    border.width: Theme.outlineWidth
    border.color: Theme.redDark
    Accessible.role: Accessible.Dialog
    Accessible.name: kiosk.strings.note + " " + number + ": " + anchor

    // a tap on the panel stays on the panel
    MouseArea { anchors.fill: parent }

    ColumnLayout {
        id: layout
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap * 2
            Text {
                Layout.fillWidth: true
                text: panel.kiosk.strings.note + " " + panel.number + " \u00b7 " + panel.anchor
                color: Theme.redDark
                font.family: Theme.sans
                font.bold: true
                font.pixelSize: Theme.captionSize
                wrapMode: Text.WordWrap
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            KButton {
                objectName: "closeNoteButton"
                text: panel.kiosk.strings.close
                icon: "fa6s.xmark"
                onActivated: panel.closed()
            }
        }
        Flickable {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: noteText.implicitHeight
            contentHeight: noteText.implicitHeight
            clip: contentHeight > height
            interactive: contentHeight > height
            boundsBehavior: Flickable.StopAtBounds
            Body {
                id: noteText
                objectName: "noteText"
                width: parent.width
                text: panel.text
            }
        }
    }
}
