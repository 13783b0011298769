pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// The chapters as large cards in story order, and the ways into the document, timeline, people and myth.
FocusScope {
    id: home
    required property Kiosk kiosk

    Accessible.role: Accessible.Pane
    Accessible.name: kiosk.title

    Rectangle { anchors.fill: parent; color: Theme.paper }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ColumnLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Theme.margin * 0.6
            spacing: Theme.gap
            Text {
                Layout.fillWidth: true
                text: home.kiosk.title
                color: Theme.ink
                font.family: Theme.serif
                font.bold: true
                font.pixelSize: Theme.titleSize
                wrapMode: Text.WordWrap
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            Text {
                Layout.fillWidth: true
                text: home.kiosk.subtitle
                color: Theme.inkSoft
                font.family: Theme.serif
                font.italic: true
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                Accessible.name: text
            }
        }

        GridView {
            id: grid
            objectName: "chapterGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.leftMargin: Theme.margin - Theme.gap
            Layout.rightMargin: Theme.margin - Theme.gap
            Layout.topMargin: Theme.gap * 2
            readonly property int columns: Theme.portrait ? 2 : 3
            readonly property int rows: Math.ceil(count / columns)
            cellWidth: Math.floor(width / columns)
            cellHeight: Math.max(Theme.target * 3, Math.floor(height / Math.max(1, rows)))
            clip: true
            interactive: contentHeight > height
            boundsBehavior: Flickable.StopAtBounds
            keyNavigationEnabled: true
            activeFocusOnTab: true   // the keypad comes back to the cards from the buttons below
            focus: true
            model: home.kiosk.chapters
            Accessible.role: Accessible.List
            Accessible.name: home.kiosk.strings.chapters

            delegate: Item {
                id: cell
                required property int index
                required property string chapterId
                required property int number
                required property string title
                required property string dates
                required property string image
                required property string imageAlt
                width: grid.cellWidth
                height: grid.cellHeight
                // the view makes its delegates accessible, but a cell is only the card's margin: the card speaks
                Accessible.ignored: true

                Rectangle {
                    id: card
                    objectName: "chapterCard_" + cell.chapterId
                    anchors.fill: parent
                    anchors.margins: Theme.gap
                    radius: Theme.radius
                    color: touch.pressed ? Theme.paper : Theme.paperDark
                    border.width: touch.pressed ? Theme.pressedWidth : Theme.ruleWidth
                    border.color: touch.pressed ? Theme.redDark : Theme.rule
                    clip: true

                    Accessible.role: Accessible.Button
                    Accessible.name: cell.number + ". " + cell.title + ", " + cell.dates
                    Accessible.onPressAction: home.kiosk.visit.openChapter(cell.index)

                    Image {
                        anchors.top: parent.top
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.bottom: caption.top
                        fillMode: Image.PreserveAspectCrop
                        asynchronous: true
                        sourceSize.width: Math.round(width)
                        source: cell.image && home.visible ? "image://media/" + cell.image : ""
                        Accessible.ignored: true
                    }

                    ColumnLayout {
                        id: caption
                        anchors.left: parent.left
                        anchors.right: parent.right
                        anchors.bottom: parent.bottom
                        anchors.margins: Theme.gap * 1.5
                        spacing: Math.round(Theme.gap / 2)
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.gap
                            Text {
                                Layout.alignment: Qt.AlignTop
                                text: cell.number
                                color: Theme.red
                                font.family: Theme.serif
                                font.bold: true
                                font.pixelSize: Theme.headingSize
                                Accessible.ignored: true
                            }
                            Text {
                                Layout.fillWidth: true
                                text: cell.title
                                color: Theme.ink
                                font.family: Theme.serif
                                font.bold: true
                                font.pixelSize: Theme.leadSize
                                wrapMode: Text.WordWrap
                                Accessible.ignored: true
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            text: cell.dates
                            Accessible.ignored: true
                        }
                    }

                    MouseArea {
                        id: touch
                        anchors.fill: parent
                        onClicked: home.kiosk.visit.openChapter(cell.index)
                    }
                }
                Rectangle {
                    anchors.fill: card
                    anchors.margins: -Theme.focusWidth
                    radius: Theme.radius
                    color: "transparent"
                    border.width: Theme.focusWidth
                    border.color: Theme.focusOnPaper
                    visible: grid.activeFocus && Theme.showFocus && grid.currentIndex === cell.index
                }
            }
            Keys.onReturnPressed: home.kiosk.visit.openChapter(currentIndex)
            Keys.onEnterPressed: home.kiosk.visit.openChapter(currentIndex)
            Keys.onSpacePressed: home.kiosk.visit.openChapter(currentIndex)
        }

        Flow {
            id: entries
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Theme.gap * 2
            Layout.bottomMargin: Theme.gap * 2
            spacing: Theme.gap * 3
            KButton {
                objectName: "openDocument"
                text: home.kiosk.strings.read_testament
                icon: "fa6s.file-lines"
                primary: true
                onActivated: home.kiosk.visit.openScreen("document")
            }
            KButton {
                objectName: "openTimeline"
                text: home.kiosk.strings.timeline
                icon: "fa6s.timeline"
                onActivated: home.kiosk.visit.openScreen("timeline")
            }
            KButton {
                objectName: "openPeople"
                text: home.kiosk.strings.people
                icon: "fa6s.users"
                onActivated: home.kiosk.visit.openScreen("people")
            }
            KButton {
                objectName: "openMyth"
                text: home.kiosk.strings.myth_and_document
                icon: "fa6s.magnifying-glass"
                onActivated: home.kiosk.visit.openScreen("myth")
            }
        }

        BottomBar {
            Layout.fillWidth: true
            kiosk: home.kiosk
            showHome: false
        }
    }
}
