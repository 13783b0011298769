pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// The loop that invites a passer-by: period imagery drifting slowly, crossfading, the title, and
// "Touch to begin" in every language. Nothing moves faster than a gentle drift; nothing flashes.
FocusScope {
    id: attract
    objectName: "attract"  // the start-up probe waits for its first picture (kiosk.qt.firstframe)
    required property Kiosk kiosk
    readonly property bool running: visible && kiosk.attractImages.length > 0
    property int imageIndex: 0
    // The first picture is decoded once the window has shown its first frame (the title and the invitation), so
    // that frame does not share the processor and the memory with it; the next picture once the first one shows.
    // kiosk bench times both frames (kiosk.qt.firstframe). Main.qml says when the window's first frame is up.
    property bool windowShown: true
    property bool firstPictureShown: false
    // The next picture, decoded ahead for the crossfade, is let go as soon as a visit begins (unless it is
    // already fading in): the screen change's dip then holds the picture showing and the next screen's pictures,
    // not a third full-screen picture besides (11 MB at 1920x1080, at the peak of the change).
    readonly property bool inviting: kiosk.visit.screen === "attract"

    Accessible.role: Accessible.Pane
    Accessible.name: kiosk.title

    Rectangle { anchors.fill: parent; color: Theme.night }

    Repeater {
        id: layers
        model: 2
        delegate: Item {
            id: layer
            required property int index
            readonly property bool front: (attract.imageIndex % 2) === index
            readonly property var entry: attract.kiosk.attractImages.length > 0
                ? attract.kiosk.attractImages[(attract.imageIndex + (front ? 0 : 1)) % attract.kiosk.attractImages.length]
                : null
            anchors.fill: parent
            clip: true
            // in 48 steps, so that a crossfade redraws the screen about 16 times a second, not at every frame: a
            // picture fading over seconds looks the same, and a kiosk without a graphics processor can afford it
            property real shown: front ? 1 : 0
            opacity: Math.round(shown * 48) / 48
            Behavior on shown { NumberAnimation { duration: attract.kiosk.attractCrossfadeSeconds * 1000; easing.type: Easing.InOutQuad } }

            Image {
                id: picture
                height: attract.height
                width: Math.max(attract.width * 1.08, implicitWidth > 0 ? height * implicitWidth / implicitHeight : attract.width)
                fillMode: Image.PreserveAspectCrop
                asynchronous: true
                sourceSize.height: Math.round(height)
                source: layer.entry && attract.visible && attract.windowShown
                        && (layer.front || (attract.firstPictureShown && (attract.inviting || layer.opacity > 0)))
                    ? "image://media/" + layer.entry.source : ""
                onStatusChanged: if (status === Image.Ready && layer.front) attract.firstPictureShown = true
                Accessible.ignored: true
                // a slow pan over at most a quarter of the picture, restarted on each crossfade. The pan runs from
                // 0 to 1 and the travel follows the picture's size, which is known only once it has loaded. The
                // picture moves in whole pixels, so a frame is drawn only when it has moved one: a few a second.
                readonly property real travel: Math.min(width - attract.width, width * 0.25)
                property real panned: 0
                x: -Math.round(travel * panned)
                NumberAnimation on panned {
                    running: attract.running && layer.front
                    from: 0
                    to: 1
                    duration: attract.kiosk.attractPanSeconds * 1000
                    easing.type: Easing.InOutSine
                }
            }
        }
    }

    Timer {
        interval: Math.max(5000, (attract.kiosk.attractPanSeconds - attract.kiosk.attractCrossfadeSeconds) * 1000)
        repeat: true
        running: attract.running && attract.kiosk.attractImages.length > 1
        onTriggered: attract.imageIndex += 1
    }

    Rectangle {
        // darkens the lower part so the title reads over any picture
        anchors.fill: parent
        gradient: Gradient {
            GradientStop { position: 0.0; color: Theme.scrim(0.25) }
            GradientStop { position: 0.45; color: Theme.scrim(0.55) }
            GradientStop { position: 1.0; color: Theme.scrim(0.96) }
        }
    }

    MouseArea {
        anchors.fill: parent
        onClicked: attract.kiosk.visit.begin()
        Accessible.role: Accessible.Button
        Accessible.name: attract.kiosk.strings.touch_to_begin
        Accessible.onPressAction: attract.kiosk.visit.begin()   // Orca and switch access press it, not a finger
    }

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        spacing: Theme.gap * 2

        Text {
            objectName: "exhibitTitle"
            Layout.fillWidth: true
            text: attract.kiosk.title
            color: Theme.onNightText
            font.family: Theme.serif
            font.bold: true
            font.pixelSize: Theme.displaySize
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Text {
            Layout.fillWidth: true
            text: attract.kiosk.subtitle
            color: Theme.onNightSoft
            font.family: Theme.serif
            font.italic: true
            font.pixelSize: Theme.headingSize
            wrapMode: Text.WordWrap
            Accessible.name: text
        }
        Rectangle {
            Layout.preferredWidth: Theme.mm(40)
            Layout.preferredHeight: Math.round(Theme.mm(1.2))
            color: Theme.red
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap * 4
            Repeater {
                model: attract.kiosk.languages
                delegate: Text {
                    required property var modelData
                    text: attract.kiosk.stringsByLanguage[modelData.code].touch_to_begin
                    color: Theme.gold
                    font.family: Theme.sans
                    font.bold: true
                    font.pixelSize: Theme.headingSize
                    Accessible.name: text
                }
            }
        }
        RowLayout {
            spacing: Theme.gap * 2
            Repeater {
                model: attract.kiosk.languages
                delegate: KButton {
                    required property var modelData
                    required property int index
                    objectName: "attractLanguage_" + modelData.code
                    text: modelData.name
                    onNight: true
                    primary: modelData.code === attract.kiosk.language
                    focus: index === 0
                    onActivated: {
                        attract.kiosk.setLanguage(modelData.code)
                        attract.kiosk.visit.begin()
                    }
                }
            }
            KButton {
                // says the title and the invitation in every language without beginning the visit: its own
                // MouseArea takes the press from the full-screen one below
                objectName: "attractListenButton"
                visible: attract.kiosk.audio.available
                text: attract.kiosk.audio.playing ? attract.kiosk.strings.listen_stop : attract.kiosk.strings.listen
                icon: attract.kiosk.audio.playing ? "fa6s.stop" : "fa6s.volume-high"
                onNight: true
                onActivated: attract.kiosk.audio.playing ? attract.kiosk.audio.stop() : attract.kiosk.audio.speakCurrent()
            }
        }
    }

    // any key begins, but left and right, which choose among the languages (the keypad moves the focus on them)
    Keys.onPressed: (event) => {
        if (event.key === Qt.Key_Left || event.key === Qt.Key_Right) {
            event.accepted = false
            return
        }
        kiosk.visit.begin()
    }
}
