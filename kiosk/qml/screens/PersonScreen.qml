pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// One person: portrait, name, role and biography, and every place the exhibit shows them, each a link:
// the chapter slides about them, the paragraphs of the testament that name them, the events they took part in.
FocusScope {
    id: screen
    required property Kiosk kiosk
    readonly property var person: kiosk.views.person

    Accessible.role: Accessible.Pane
    Accessible.name: person.name

    readonly property var groups: [
        { key: "chapter", title: kiosk.strings.in_chapters },
        { key: "document", title: kiosk.strings.in_document },
        { key: "timeline", title: kiosk.strings.on_timeline }
    ]
    function appearancesIn(group) {
        return person.appearances.filter(a => a.group === group)
    }
    Connections {
        target: screen.kiosk.visit
        function onLocationChanged() {
            if (screen.kiosk.visit.screen === "person")
                column.contentY = 0
        }
    }

    Rectangle { anchors.fill: parent; color: Theme.paper }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Item {
            id: stage
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Math.round(Theme.margin * 0.5)
            Layout.bottomMargin: Theme.gap * 2

            Column {
                id: figure
                width: Theme.portrait ? stage.width : Math.round(stage.width * 0.3)
                spacing: Theme.gap
                Image {
                    objectName: "personPortrait"
                    readonly property int side: Theme.portrait ? Math.round(Math.min(stage.height * 0.24, stage.width * 0.4))
                                                               : Math.round(Math.min(figure.width, stage.height * 0.62))
                    width: side
                    height: side
                    fillMode: Image.PreserveAspectCrop
                    asynchronous: true
                    sourceSize.width: side
                    sourceSize.height: side
                    source: screen.person.portrait !== "" && screen.visible ? "image://media/" + screen.person.portrait : ""
                    Accessible.role: Accessible.Graphic
                    Accessible.name: screen.person.portraitAlt
                }
                Label {
                    width: parent.width
                    visible: text !== ""
                    text: screen.person.portraitCredit
                    font.italic: true
                }
            }

            ReadingColumn {
                id: column
                objectName: "personColumn"
                x: Theme.portrait ? 0 : figure.width + Theme.gap * 5
                y: Theme.portrait ? figure.height + Theme.gap * 2 : 0
                width: Math.min(stage.width - x, Theme.bodySize * 36)
                height: stage.height - y
                spacing: Theme.gap * 1.5

                Text {
                    objectName: "personName"
                    width: parent.width
                    text: screen.person.name
                    color: Theme.ink
                    font.family: Theme.serif
                    font.bold: true
                    font.pixelSize: Theme.titleSize
                    lineHeight: 1.1
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
                Text {
                    width: parent.width
                    text: [screen.person.role, screen.person.years].filter(t => t !== "").join(" \u00b7 ")
                    color: Theme.redDark
                    font.family: Theme.sans
                    font.bold: true
                    font.pixelSize: Theme.captionSize
                    wrapMode: Text.WordWrap
                    Accessible.name: text
                }
                Body { text: screen.person.bio }

                Repeater {
                    model: screen.groups
                    delegate: Column {
                        id: group
                        required property var modelData
                        readonly property var entries: screen.appearancesIn(modelData.key)
                        visible: entries.length > 0
                        width: column.width - (column.overflowing ? Theme.mm(3) : 0)
                        spacing: Theme.gap
                        topPadding: Theme.gap * 2
                        Kicker {
                            width: parent.width
                            text: group.modelData.title
                        }
                        Repeater {
                            model: group.entries
                            delegate: Rectangle {
                                id: link
                                required property var modelData
                                objectName: "appearance_" + modelData.link
                                width: group.width
                                height: Math.max(Theme.target, lines.implicitHeight + Theme.gap * 2)
                                radius: Theme.radius
                                color: tap.pressed ? Theme.paper : Theme.paperDark
                                border.width: tap.pressed ? Theme.pressedWidth : Theme.ruleWidth
                                border.color: tap.pressed ? Theme.redDark : Theme.rule
                                activeFocusOnTab: true
                                Accessible.role: Accessible.Link
                                Accessible.name: modelData.label + ": " + modelData.detail
                                Accessible.onPressAction: screen.kiosk.visit.openLink(modelData.link)
                                Keys.onReturnPressed: screen.kiosk.visit.openLink(modelData.link)
                                Keys.onSpacePressed: screen.kiosk.visit.openLink(modelData.link)
                                Column {
                                    id: lines
                                    x: Theme.gap * 1.5
                                    anchors.verticalCenter: parent.verticalCenter
                                    width: parent.width - x - arrow.width - Theme.gap * 3
                                    spacing: Math.round(Theme.gap / 3)
                                    Label {
                                        width: parent.width
                                        text: link.modelData.label
                                        Accessible.ignored: true
                                    }
                                    Text {
                                        width: parent.width
                                        text: link.modelData.detail
                                        color: Theme.ink
                                        font.family: link.modelData.group === "document" ? Theme.mono : Theme.sans
                                        font.pixelSize: Theme.compactSize
                                        wrapMode: Text.WordWrap
                                        Accessible.ignored: true
                                    }
                                }
                                Image {
                                    id: arrow
                                    anchors.right: parent.right
                                    anchors.rightMargin: Theme.gap * 1.5
                                    anchors.verticalCenter: parent.verticalCenter
                                    readonly property int side: Math.round(Theme.buttonTextSize)
                                    width: side
                                    height: side
                                    sourceSize: Qt.size(side, side)
                                    source: screen.visible ? "image://icon/fa6s.chevron-right?color=" + encodeURIComponent(Theme.redDark) : ""
                                    Accessible.ignored: true
                                }
                                Rectangle {
                                    anchors.fill: parent
                                    anchors.margins: -Theme.focusWidth
                                    radius: Theme.radius
                                    color: "transparent"
                                    border.width: Theme.focusWidth
                                    border.color: Theme.focusOnPaper
                                    visible: link.activeFocus && Theme.showFocus
                                }
                                TapHandler {
                                    id: tap
                                    onTapped: screen.kiosk.visit.openLink(link.modelData.link)
                                }
                            }
                        }
                    }
                }
            }
        }

        BottomBar {
            Layout.fillWidth: true
            kiosk: screen.kiosk
            KButton {
                objectName: "allPeopleButton"
                text: screen.kiosk.strings.all_people
                icon: "fa6s.users"
                onActivated: screen.kiosk.visit.openLink("people")
            }
        }
    }
}
