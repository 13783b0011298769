import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// The place of a screen that Home links to (document, timeline, people, myth): its title and the bar.
FocusScope {
    id: section
    required property Kiosk kiosk
    property string title

    visible: opacity > 0
    Behavior on opacity { NumberAnimation { duration: Theme.normal; easing.type: Easing.OutCubic } }
    Accessible.role: Accessible.Pane
    Accessible.name: title

    Rectangle { anchors.fill: parent; color: Theme.paper }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        Text {
            Layout.fillWidth: true
            Layout.margins: Theme.margin
            text: section.title
            color: Theme.ink
            font.family: Theme.serif
            font.bold: true
            font.pixelSize: Theme.titleSize
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Item { Layout.fillHeight: true; Layout.fillWidth: true }
        BottomBar {
            Layout.fillWidth: true
            kiosk: section.kiosk
        }
    }
}
