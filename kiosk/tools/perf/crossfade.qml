// kiosk bench's bare crossfade (kiosk/tools/perf/crossfade.py): two full-screen pictures, faded one into the
// other for as long as the kiosk's screen change lasts.
import QtQuick

Window {
    id: window
    required property url first
    required property url second
    required property int duration
    property bool showSecond: false
    readonly property bool ready: one.status === Image.Ready && two.status === Image.Ready

    color: "black"

    component Picture: Image {
        required property bool shown
        anchors.fill: parent
        sourceSize.width: window.width
        sourceSize.height: window.height
        fillMode: Image.PreserveAspectCrop
        opacity: shown ? 1 : 0
        Behavior on opacity { NumberAnimation { duration: window.duration; easing.type: Easing.OutCubic } }
    }

    Picture { id: one; source: window.first; shown: !window.showSecond }
    Picture { id: two; source: window.second; shown: window.showSecond }
}
