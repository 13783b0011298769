pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// The curator's tools over the exhibit in preview mode (kiosk run --preview); never built in a kiosk.
// A small "Curator" button in the top-right corner (or F2) opens a panel: go to any view, switch language and
// simulated screen, show the reach zone and the 15 mm target grid, and check the view in front of you with the
// same checks as `kiosk proof`. The decisions are made in Python (kiosk/qt/proof/curator.py); this only draws them.
Item {
    id: overlay
    objectName: "curatorOverlay"   // the proof checks leave this item and everything in it out
    required property Kiosk kiosk
    visible: kiosk.preview

    component ToolButton: Rectangle {
        id: button
        property string label
        property bool checked: false
        signal clicked()
        implicitWidth: buttonLabel.implicitWidth + 16
        implicitHeight: buttonLabel.implicitHeight + 8
        radius: 3
        color: checked ? Theme.redDark : (buttonTouch.pressed ? Theme.paperDark : Theme.toolSurface)
        border.color: Theme.inkSoft
        border.width: Theme.ruleWidth
        Text {
            id: buttonLabel
            anchors.centerIn: parent
            text: button.label
            color: button.checked ? Theme.toolSurface : Theme.ink
            font.family: Theme.sans
            font.pixelSize: Theme.toolTextSize
        }
        MouseArea { id: buttonTouch; anchors.fill: parent; onClicked: button.clicked() }
    }

    Loader {
        anchors.fill: parent
        active: overlay.kiosk.preview
        sourceComponent: Item {
            id: curator
            property bool open: false
            property bool showReach: false
            property bool showGrid: false
            
            CuratorTools {
                id: tools
                objectName: "curatorTools"
                kiosk: overlay.kiosk
                window: overlay.Window.window
            }

            Shortcut { sequence: "F2"; onActivated: curator.open = !curator.open }

            // the lower 40 % of the screen: where a seated visitor reaches the controls
            Rectangle {
                objectName: "curatorReachZone"
                visible: curator.showReach
                x: 0
                y: Math.round(parent.height * 0.6)
                width: parent.width
                height: parent.height - y
                color: Qt.alpha(Theme.toolReach, 0.16)
                border.color: Qt.alpha(Theme.toolReach, 0.7)
                border.width: 2
                Text {
                    x: 8; y: 6
                    text: "reach zone: lower 40 %"
                    color: Theme.toolReachText
                    font.pixelSize: Theme.toolTextSize; font.family: Theme.sans
                }
            }

            // 15 mm squares at this screen's density: every touch target should cover one
            Item {
                id: targetGrid
                objectName: "curatorTargetGrid"
                anchors.fill: parent
                visible: curator.showGrid
                readonly property real step: Math.max(4, Theme.mm(Theme.minTargetMm))
                Repeater {
                    model: targetGrid.visible ? Math.ceil(overlay.width / targetGrid.step) : 0
                    Rectangle {
                        required property int index
                        x: Math.round(index * targetGrid.step); width: 1; height: overlay.height; color: Theme.toolGrid
                    }
                }
                Repeater {
                    model: targetGrid.visible ? Math.ceil(overlay.height / targetGrid.step) : 0
                    Rectangle {
                        required property int index
                        y: Math.round(index * targetGrid.step); height: 1; width: overlay.width; color: Theme.toolGrid
                    }
                }
            }

            // what the last check found, drawn where it is
            Repeater {
                model: tools.findings
                delegate: Rectangle {
                    required property var modelData
                    x: modelData.x - 2; y: modelData.y - 2
                    width: modelData.w + 4; height: modelData.h + 4
                    visible: modelData.w > 0
                    color: "transparent"
                    border.width: 3
                    border.color: modelData.severity === "error" ? Theme.toolError : Theme.toolWarning
                }
            }

            Rectangle {
                id: toggle
                objectName: "curatorToggle"
                anchors.top: parent.top
                anchors.right: parent.right
                anchors.margins: 6
                width: toggleLabel.implicitWidth + 20
                height: toggleLabel.implicitHeight + 10
                radius: 4
                color: curator.open ? Theme.redDark : Theme.scrim(0.75)
                Text {
                    id: toggleLabel
                    anchors.centerIn: parent
                    text: "Curator"
                    color: Theme.toolSurface
                    font.family: Theme.sans
                    font.bold: true
                    font.pixelSize: Theme.toolTextSize
                }
                MouseArea { anchors.fill: parent; onClicked: curator.open = !curator.open }
            }

            Rectangle {
                objectName: "curatorPanel"
                visible: curator.open
                anchors.top: toggle.bottom
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                anchors.margins: 6
                width: Math.min(430, parent.width * 0.6)
                radius: 4
                color: Theme.toolPanel
                border.color: Theme.inkSoft
                MouseArea { anchors.fill: parent }   // clicks on the panel never reach the exhibit

                ColumnLayout {
                    anchors.fill: parent
                    anchors.margins: 10
                    spacing: 6

                    Text { text: "Language"; font.bold: true; font.pixelSize: Theme.toolTextSize; font.family: Theme.sans; color: Theme.ink }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 4
                        Repeater {
                            model: overlay.kiosk.languages
                            delegate: ToolButton {
                                required property var modelData
                                label: modelData.name
                                checked: overlay.kiosk.language === modelData.code
                                onClicked: { overlay.kiosk.setLanguage(modelData.code); tools.clear() }
                            }
                        }
                    }
                    Text { text: "Screen"; font.bold: true; font.pixelSize: Theme.toolTextSize; font.family: Theme.sans; color: Theme.ink }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 4
                        Repeater {
                            model: tools.shapes
                            delegate: ToolButton {
                                required property string modelData
                                label: modelData
                                checked: tools.shape === modelData
                                onClicked: tools.simulate(modelData)
                            }
                        }
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: 4
                        ToolButton { label: "Reach zone"; checked: curator.showReach; onClicked: curator.showReach = !curator.showReach }
                        ToolButton { label: "15 mm grid"; checked: curator.showGrid; onClicked: curator.showGrid = !curator.showGrid }
                        ToolButton { objectName: "curatorCheck"; label: "Check this view"; onClicked: tools.check() }
                        ToolButton { label: "Clear"; onClicked: tools.clear() }
                    }
                    Text {
                        Layout.fillWidth: true
                        text: tools.summary
                        visible: text !== ""
                        wrapMode: Text.WordWrap
                        font.pixelSize: Theme.toolTextSize; font.family: Theme.sans
                        color: Theme.ink
                    }
                    ListView {
                        objectName: "curatorFindings"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Math.min(contentHeight, curator.height * 0.3)
                        clip: true
                        spacing: 4
                        model: tools.findings
                        delegate: Text {
                            required property var modelData
                            width: ListView.view.width
                            wrapMode: Text.WordWrap
                            font.pixelSize: Theme.toolDetailSize; font.family: Theme.sans
                            color: modelData.severity === "error" ? Theme.redDark : Theme.ink
                            text: "\u25A0 " + modelData.check + ": " + modelData.message
                                  + (modelData.text ? " \u2014 \u201C" + modelData.text + "\u201D" : "")
                                  + (modelData.where ? "\n   " + modelData.where : "")
                        }
                    }
                    Text { text: "Go to"; font.bold: true; font.pixelSize: Theme.toolTextSize; font.family: Theme.sans; color: Theme.ink }
                    ListView {
                        objectName: "curatorViews"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: tools.views
                        delegate: Rectangle {
                            id: viewRow
                            required property var modelData
                            width: ListView.view.width
                            height: viewLabel.implicitHeight + 6
                            color: tools.shown === modelData.name ? Theme.paperDark : "transparent"
                            Text {
                                id: viewLabel
                                x: 4
                                anchors.verticalCenter: parent.verticalCenter
                                width: parent.width - 8
                                elide: Text.ElideRight
                                text: viewRow.modelData.label + "   " + viewRow.modelData.link
                                      + (viewRow.modelData.state ? " + " + viewRow.modelData.state : "")
                                font.pixelSize: Theme.toolDetailSize; font.family: Theme.sans
                                color: Theme.ink
                            }
                            MouseArea { anchors.fill: parent; onClicked: tools.goTo(viewRow.modelData.name) }
                        }
                    }
                }
            }
        }
    }
}
