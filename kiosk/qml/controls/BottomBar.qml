import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// The persistent controls, in the lower band of the screen where a seated visitor can reach them:
// Home, Back and Listen, the screen's own controls in the middle, language and reading modes on the right.
// In portrait the screen's controls, Home/Back and the modes each get a row.
Rectangle {
    id: bar

    required property Kiosk kiosk
    property bool onNight: false
    property bool showHome: true
    default property alias middle: middleRow.data

    implicitHeight: layout.implicitHeight + 2 * Theme.gap
    color: onNight ? Theme.night : Theme.paperDark

    Rectangle {
        anchors.top: parent.top
        width: parent.width
        height: Math.max(1, Math.round(Theme.mm(0.4)))
        color: bar.onNight ? Theme.onNightSoft : Theme.inkSoft
        opacity: 0.5
    }

    GridLayout {
        id: layout
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        anchors.topMargin: Theme.gap
        anchors.bottomMargin: Theme.gap
        rowSpacing: Theme.gap * 2
        columnSpacing: Theme.gap * 2

        RowLayout {
            id: leading
            Layout.row: Theme.portrait ? 1 : 0
            Layout.column: 0
            spacing: Theme.gap * 2

            KButton {
                objectName: "homeButton"
                visible: bar.showHome
                text: bar.kiosk.strings.home
                icon: "fa6s.house"
                onNight: bar.onNight
                onActivated: bar.kiosk.visit.goHome()
            }
            KButton {
                objectName: "backButton"
                text: bar.kiosk.strings.back
                icon: "fa6s.arrow-left"
                onNight: bar.onNight
                enabled: bar.kiosk.visit.canGoBack
                onActivated: bar.kiosk.visit.goBack()
            }
            KButton {
                // speaks what this screen shows; hidden where the kiosk has no sound, as nothing would be heard
                objectName: "listenButton"
                visible: bar.kiosk.audio.available
                text: bar.kiosk.audio.playing ? bar.kiosk.strings.listen_stop : bar.kiosk.strings.listen
                icon: bar.kiosk.audio.playing ? "fa6s.stop" : "fa6s.volume-high"
                onNight: bar.onNight
                onActivated: {
                    if (bar.kiosk.audio.playing)
                        return bar.kiosk.audio.stop()
                    bar.kiosk.recordFeature("audio.listen")
                    bar.kiosk.audio.speakCurrent()
                }
            }
        }

        RowLayout {
            id: middleRow
            Layout.row: 0
            Layout.column: Theme.portrait ? 0 : 1
            Layout.columnSpan: Theme.portrait ? 2 : 1
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignHCenter
            spacing: Theme.gap * 2
        }

        ModeButtons {
            // portrait screens are narrow: the language and reading modes get a row of their own
            Layout.row: Theme.portrait ? 2 : 0
            Layout.column: Theme.portrait ? 0 : 2
            Layout.columnSpan: Theme.portrait ? 2 : 1
            Layout.alignment: Qt.AlignRight
            kiosk: bar.kiosk
            onNight: bar.onNight
        }
    }
}
