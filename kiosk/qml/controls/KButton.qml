import QtQuick
import kiosk.qml

// A touch button: at least the minimum target in both directions, pressed state on the touch frame,
// a visible focus ring for keyboard users, and a name for screen readers. Icons always come with a label.
Item {
    id: control

    property string text
    property string icon: ""
    property bool onNight: false
    property bool primary: false
    property bool checked: false
    property string accessibleName: text
    readonly property bool down: touch.pressed
    signal activated()

    implicitWidth: Math.max(Theme.target, content.implicitWidth + 2 * Theme.gap + Theme.gap)
    implicitHeight: Theme.target
    // Tab already skips hidden and disabled items; binding this to them made Qt warn whenever a focused button
    // hid itself (Next on the last slide)
    activeFocusOnTab: true
    opacity: enabled ? 1 : 0.45

    Accessible.role: Accessible.Button
    Accessible.name: accessibleName
    Accessible.checkable: false
    Accessible.onPressAction: control.activated()
    Keys.onReturnPressed: control.activated()
    Keys.onEnterPressed: control.activated()
    Keys.onSpacePressed: control.activated()

    readonly property color foreground: {
        if (primary || checked) return onNight ? Theme.night : Theme.paper
        return onNight ? Theme.onNightText : Theme.ink
    }

    Rectangle {
        id: face
        anchors.fill: parent
        radius: Theme.radius
        color: {
            if (control.down) return control.onNight ? Theme.gold : Theme.redDark
            if (control.primary || control.checked) return control.onNight ? Theme.onNightText : Theme.red
            return "transparent"
        }
        border.width: Theme.outlineWidth
        border.color: control.onNight ? Theme.onNightSoft : Theme.inkSoft
    }

    Rectangle {
        // keyboard focus ring, outside the face so it never hides the label
        anchors.fill: parent
        anchors.margins: -Theme.focusWidth * 2
        radius: Theme.radius + Theme.focusWidth
        color: "transparent"
        border.width: Theme.focusWidth
        border.color: control.onNight ? Theme.focusOnNight : Theme.focusOnPaper
        visible: control.activeFocus && Theme.showFocus
    }

    Row {
        id: content
        anchors.centerIn: parent
        spacing: Theme.gap
        Image {
            anchors.verticalCenter: parent.verticalCenter
            visible: control.icon !== ""
            readonly property int side: Math.round(Theme.buttonTextSize * 1.1)
            width: side
            height: side
            sourceSize: Qt.size(side, side)
            // only asked for while shown: hidden buttons (the other screens) load no icon
            source: control.icon !== "" && control.visible
                    ? "image://icon/" + control.icon + "?color=" + encodeURIComponent(control.down ? (control.onNight ? Theme.night : Theme.paper) : control.foreground)
                    : ""
            Accessible.ignored: true
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: control.text
            visible: text !== ""
            color: control.down ? (control.onNight ? Theme.night : Theme.paper) : control.foreground
            font.family: Theme.sans
            font.bold: true
            font.pixelSize: Theme.buttonTextSize
            Accessible.ignored: true
        }
    }

    MouseArea {
        id: touch
        // the hit area may be larger than the face, never smaller
        anchors.fill: parent
        anchors.margins: -Math.round(Theme.gap / 2)
        enabled: control.enabled
        onClicked: control.activated()
    }
}
