pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// The staff's way out: press and hold the top-left corner for about 3 s, then enter the PIN.
// Five wrong PINs lock the pad for a minute. The panel offers Exit, Reload content and Diagnostics.
Item {
    id: staff
    required property Kiosk kiosk
    property string stage: "closed"   // closed, pin, panel
    property string entered: ""
    property string diagnostics: ""
    property rect reach: Qt.rect(0, 0, width, height)  // where the PIN pad and the panel go (low reach: the band)
    readonly property int holdMs: 3000
    signal dismissed()   // the screens underneath take the keyboard back

    function open() { stage = "pin"; entered = ""; kiosk.idle.activity(); pinPad.forceActiveFocus() }
    function close() { stage = "closed"; entered = ""; diagnostics = ""; dismissed() }
    function press(key) {
        if (kiosk.staff.pinLockedSeconds > 0) return
        if (key === "clear") { entered = ""; return }
        if (key === "ok") {
            if (kiosk.staff.submitPin(entered)) {
                stage = "panel"
                staffClose.forceActiveFocus()   // the harmless choice first: Enter pressed twice never exits
            }
            entered = ""
            return
        }
        if (entered.length < 12) entered += key
    }

    MouseArea {
        id: corner
        objectName: "staffCorner"
        width: Theme.target
        height: Theme.target
        pressAndHoldInterval: staff.holdMs
        onPressAndHold: staff.open()
        Accessible.ignored: true
    }

    Rectangle {
        anchors.fill: parent
        visible: staff.stage !== "closed"
        color: Theme.scrim(0.85)
        MouseArea { anchors.fill: parent }   // nothing underneath reacts while staff are here
    }

    Rectangle {
        id: pinPad
        objectName: "pinPad"
        visible: staff.stage === "pin"
        // staff with a keyboard type the PIN: digits, Backspace, Enter; Escape cancels
        Keys.onPressed: (event) => {
            if (event.text >= "0" && event.text <= "9" && event.text.length === 1) staff.press(event.text)
            else if (event.key === Qt.Key_Backspace) staff.press("clear")
            else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter) staff.press("ok")
            else if (event.key === Qt.Key_Escape) staff.close()
            else return
            event.accepted = true
        }
        x: Math.round(staff.reach.x + (staff.reach.width - width) / 2)
        y: Math.max(staff.reach.y, Math.round(staff.reach.y + (staff.reach.height - height) / 2))
        width: pad.implicitWidth + Theme.gap * 8
        height: pad.implicitHeight + Theme.gap * 8
        color: Theme.paper
        radius: Theme.radius
        Accessible.role: Accessible.Dialog
        Accessible.name: staff.kiosk.strings.staff_pin

        ColumnLayout {
            id: pad
            anchors.centerIn: parent
            spacing: Theme.gap * 2
            Text {
                Layout.alignment: Qt.AlignHCenter
                text: staff.kiosk.strings.staff_pin
                color: Theme.ink
                font.family: Theme.sans
                font.bold: true
                font.pixelSize: Theme.headingSize
            }
            Text {
                objectName: "pinDots"
                Layout.alignment: Qt.AlignHCenter
                text: staff.kiosk.staff.pinLockedSeconds > 0 ? "\u23F3 " + staff.kiosk.staff.pinLockedSeconds + " s"
                                                       : "\u2022".repeat(staff.entered.length) || " "
                color: Theme.ink
                font.family: Theme.mono
                font.pixelSize: Theme.headingSize
                Accessible.name: staff.kiosk.staff.pinLockedSeconds > 0 ? text : staff.entered.length + " digits"
            }
            GridLayout {
                columns: 3
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                Repeater {
                    model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
                    delegate: KButton {
                        required property string modelData
                        objectName: "pinKey_" + modelData
                        Layout.preferredWidth: Theme.target * 1.4
                        Layout.preferredHeight: Theme.target * 1.2
                        text: modelData === "clear" ? "\u232B" : modelData === "ok" ? "OK" : modelData
                        accessibleName: modelData
                        primary: modelData === "ok"
                        enabled: staff.kiosk.staff.pinLockedSeconds === 0
                        onActivated: staff.press(modelData)
                    }
                }
            }
            KButton {
                objectName: "pinCancel"
                Layout.alignment: Qt.AlignHCenter
                text: staff.kiosk.strings.back
                onActivated: staff.close()
            }
        }
        Timer {
            // refresh the lockout countdown while it runs
            interval: 1000
            repeat: true
            running: staff.stage === "pin" && staff.kiosk.staff.pinLockedSeconds > 0
            onTriggered: staff.kiosk.idle.activity()
        }
    }

    Rectangle {
        objectName: "staffPanel"
        visible: staff.stage === "panel"
        x: Math.round(staff.reach.x + (staff.reach.width - width) / 2)
        y: Math.round(staff.reach.y + (staff.reach.height - height) / 2)
        width: Math.min(staff.reach.width - 2 * Theme.margin, panel.implicitWidth + Theme.gap * 8)
        height: Math.min(staff.reach.height - 2 * Theme.margin, panel.implicitHeight + Theme.gap * 8)
        color: Theme.paper
        radius: Theme.radius
        Accessible.role: Accessible.Dialog
        Keys.onEscapePressed: staff.close()
        ColumnLayout {
            id: panel
            anchors.centerIn: parent
            width: parent.width - Theme.gap * 8
            spacing: Theme.gap * 2
            RowLayout {
                spacing: Theme.gap * 2
                KButton {
                    objectName: "staffExit"
                    text: staff.kiosk.strings.staff_exit
                    icon: "fa6s.power-off"
                    onActivated: staff.kiosk.staff.exit()
                }
                KButton {
                    objectName: "staffReload"
                    text: staff.kiosk.strings.staff_reload
                    icon: "fa6s.rotate"
                    onActivated: { staff.kiosk.staff.reload(); staff.close() }
                }
                KButton {
                    objectName: "staffDiagnostics"
                    text: staff.kiosk.strings.staff_diagnostics
                    icon: "fa6s.stethoscope"
                    onActivated: staff.diagnostics = staff.kiosk.staff.diagnostics()
                }
                KButton {
                    id: staffClose
                    objectName: "staffClose"
                    text: staff.kiosk.strings.back
                    primary: true
                    onActivated: staff.close()
                }
            }
            Text {
                objectName: "diagnosticsText"
                Layout.fillWidth: true
                visible: text !== ""
                text: staff.diagnostics
                color: Theme.ink
                font.family: Theme.mono
                font.pixelSize: Theme.captionSize
                wrapMode: Text.WrapAnywhere
                Accessible.name: text
            }
        }
    }
}
