import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// "Still there?": a calm countdown (never shorter than 20 s) and a large Continue that works any number of
// times. Any touch or key anywhere also counts as being there.
Item {
    id: warning
    required property Kiosk kiosk
    property rect reach: Qt.rect(0, 0, width, height)  // where the visitor reaches (low reach: the band)
    visible: opacity > 0
    opacity: kiosk.idle.state === "warning" ? 1 : 0
    Behavior on opacity { NumberAnimation { duration: Theme.normal } }

    // Continue takes the keyboard focus while the warning shows and hands it back afterwards; without that
    // the keys would go nowhere once the warning is gone.
    readonly property bool showing: kiosk.idle.state === "warning"
    property Item focusBefore: null
    onShowingChanged: {
        if (showing) {
            focusBefore = Window.activeFocusItem
            continueButton.forceActiveFocus()
        } else {
            if (continueButton.activeFocus && focusBefore)
                focusBefore.forceActiveFocus()
            focusBefore = null
        }
    }

    Rectangle { anchors.fill: parent; color: Theme.scrim(0.78) }
    MouseArea { anchors.fill: parent; onClicked: warning.kiosk.idle.activity() }

    Rectangle {
        id: panel
        objectName: "idlePanel"
        anchors.horizontalCenter: parent.horizontalCenter
        y: Math.max(warning.reach.y, Math.round(warning.reach.y + warning.reach.height * 0.88) - height)
        width: Math.min(parent.width - 2 * Theme.margin, Theme.bodySize * 26)
        height: column.implicitHeight + Theme.gap * 8
        radius: Theme.radius
        color: Theme.paper
        Accessible.role: Accessible.AlertMessage
        Accessible.name: question.text + " " + countdown.text

        ColumnLayout {
            id: column
            anchors.centerIn: parent
            width: parent.width - Theme.gap * 8
            spacing: Theme.gap * 2
            Text {
                id: question
                Layout.fillWidth: true
                text: warning.kiosk.strings.still_there
                color: Theme.ink
                font.family: Theme.serif
                font.bold: true
                font.pixelSize: Theme.titleSize
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
            Text {
                id: countdown
                objectName: "idleCountdown"
                Layout.fillWidth: true
                text: warning.kiosk.strings.returning_in.replace("{seconds}", warning.kiosk.idle.secondsLeft)
                color: Theme.inkSoft
                font.family: Theme.sans
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
            Rectangle {
                // the time left, shrinking smoothly: no blinking, no colour changes
                Layout.fillWidth: true
                Layout.preferredHeight: Math.round(Theme.mm(1.5))
                color: Theme.paperDark
                Rectangle {
                    height: parent.height
                    width: parent.width * warning.kiosk.idle.secondsLeft / Math.max(1, warning.kiosk.idle.warningSeconds)
                    color: Theme.red
                    Behavior on width { NumberAnimation { duration: 1000 } }
                }
            }
            KButton {
                id: continueButton
                objectName: "continueButton"
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: Math.max(implicitWidth, Theme.target * 4)
                Layout.preferredHeight: Math.round(Theme.target * 1.3)
                text: warning.kiosk.strings.continue
                icon: "fa6s.hand-pointer"
                primary: true
                onActivated: warning.kiosk.idle.activity()
            }
        }
    }
}
