pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// Everyone the story names, as cards with a portrait, the name and one line on who they were. A card opens
// the person (person/<id>).
FocusScope {
    id: screen
    required property Kiosk kiosk
    readonly property var views: kiosk.views

    Accessible.role: Accessible.Pane
    Accessible.name: kiosk.strings.people

    Rectangle { anchors.fill: parent; color: Theme.paper }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ScreenHeader { title: screen.kiosk.strings.people }

        GridView {
            id: grid
            objectName: "peopleGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.leftMargin: Theme.margin - Theme.gap
            Layout.rightMargin: Theme.margin - Theme.gap
            Layout.topMargin: Theme.gap * 2
            Layout.bottomMargin: Theme.gap
            readonly property int columns: Math.max(1, Math.min(Theme.portrait ? 2 : 4, Math.floor(width / (Theme.bodySize * 20))))
            readonly property int thumb: Math.round(Theme.mm(26) * Math.min(Theme.textScale, 1.15))
            cellWidth: Math.floor(width / columns)
            cellHeight: Math.round(Math.max(thumb, Theme.bodySize * 1.3 + Theme.captionSize * 1.35 * 3) + Theme.gap * 4)
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            keyNavigationEnabled: true
            activeFocusOnTab: true   // the keypad comes back to the cards from the buttons below
            focus: true
            model: screen.views.people
            Accessible.role: Accessible.List
            Accessible.name: screen.kiosk.strings.people

            delegate: Item {
                id: cell
                required property int index
                required property string personId
                required property string name
                required property string role
                required property string portrait
                width: grid.cellWidth
                height: grid.cellHeight
                // the view makes its delegates accessible, but a cell is only the card's margin: the card speaks
                Accessible.ignored: true

                Rectangle {
                    id: card
                    objectName: "personCard_" + cell.personId
                    anchors.fill: parent
                    anchors.margins: Theme.gap
                    radius: Theme.radius
                    color: touch.pressed ? Theme.paper : Theme.paperDark
                    border.width: touch.pressed ? Theme.pressedWidth : Theme.ruleWidth
                    border.color: touch.pressed ? Theme.redDark : Theme.rule
                    Accessible.role: Accessible.Button
                    Accessible.name: cell.name + ", " + cell.role
                    Accessible.onPressAction: screen.kiosk.visit.openLink("person/" + cell.personId)

                    Image {
                        id: picture
                        x: Theme.gap
                        anchors.verticalCenter: parent.verticalCenter
                        width: grid.thumb
                        height: grid.thumb
                        fillMode: Image.PreserveAspectCrop
                        asynchronous: true
                        sourceSize.width: width
                        sourceSize.height: height
                        source: cell.portrait !== "" && screen.visible ? "image://media/" + cell.portrait : ""
                        Accessible.ignored: true
                    }
                    Column {
                        anchors.left: picture.right
                        anchors.leftMargin: Theme.gap * 1.5
                        anchors.right: parent.right
                        anchors.rightMargin: Theme.gap * 1.5
                        anchors.verticalCenter: parent.verticalCenter
                        spacing: Math.round(Theme.gap / 3)
                        Text {
                            width: parent.width
                            text: cell.name
                            color: Theme.ink
                            font.family: Theme.serif
                            font.bold: true
                            font.pixelSize: Theme.bodySize
                            wrapMode: Text.WordWrap
                            Accessible.ignored: true
                        }
                        Label {
                            width: parent.width
                            text: cell.role
                            lineHeight: 1.1
                            Accessible.ignored: true
                        }
                    }
                    TapHandler {
                        id: touch
                        onTapped: screen.kiosk.visit.openLink("person/" + cell.personId)
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
            Keys.onReturnPressed: screen.kiosk.visit.openLink("person/" + screen.views.people.get(currentIndex, "personId"))
            Keys.onEnterPressed: screen.kiosk.visit.openLink("person/" + screen.views.people.get(currentIndex, "personId"))
            Keys.onSpacePressed: screen.kiosk.visit.openLink("person/" + screen.views.people.get(currentIndex, "personId"))
        }

        BottomBar {
            Layout.fillWidth: true
            kiosk: screen.kiosk
        }
    }
}
