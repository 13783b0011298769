// kiosk bench's bare window (kiosk/tools/perf/baseline.py): what any Qt Quick window costs from Python here.
import QtQuick

Window {
    color: "#f4efe6"

    Text {
        anchors.centerIn: parent
        text: "Testament Kiosk"
        font.pixelSize: 48
    }
}
