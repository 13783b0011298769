pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// One event of the timeline: what happened, the people in it, the source passages it rests on (verbatim, with
// where in the source), and the chapter slide that tells it.
Rectangle {
    id: panel
    required property Kiosk kiosk
    property int event: -1
    property bool shown: false
    // the event's row, read again when the texts change (a language switch, a reload)
    readonly property var row: { void kiosk.views.document; return kiosk.views.eventRow(event) }
    readonly property bool valid: row.eventId !== undefined
    readonly property string slideLink: valid ? row.slideLink : ""
    signal closed()

    visible: opacity > 0
    opacity: shown ? 1 : 0
    Behavior on opacity { NumberAnimation { duration: Theme.normal; easing.type: Easing.OutCubic } }
    color: Theme.paper
    Accessible.role: Accessible.Pane
    Accessible.name: valid ? row.dateLabel + ". " + row.title : ""

    Rectangle {
        // the edge towards the timeline
        x: Theme.portrait ? 0 : 0
        width: Theme.portrait ? parent.width : Math.max(2, Math.round(Theme.mm(0.8)))
        height: Theme.portrait ? Math.max(2, Math.round(Theme.mm(0.8))) : parent.height
        color: Theme.red
    }
    MouseArea { anchors.fill: parent } // taps on the panel stay on the panel

    ReadingColumn {
        id: column
        anchors.fill: parent
        anchors.leftMargin: Theme.gap * 4
        anchors.rightMargin: Theme.portrait ? Theme.margin : Theme.gap * 4
        anchors.topMargin: Theme.gap * 3
        anchors.bottomMargin: Theme.gap * 2
        spacing: Theme.gap * 1.5

        RowLayout {
            width: parent.width
            spacing: Theme.gap * 2
            Text {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignVCenter
                text: panel.valid ? panel.row.dateLabel : ""
                color: Theme.redDark
                font.family: Theme.mono
                font.pixelSize: Theme.captionSize
                wrapMode: Text.WordWrap
                Accessible.name: text
            }
            KButton {
                objectName: "closeEventButton"
                text: panel.kiosk.strings.close
                icon: "fa6s.xmark"
                onActivated: panel.closed()
            }
        }
        Heading {
            objectName: "eventDetailTitle"
            text: panel.valid ? panel.row.title : ""
            font.pixelSize: Theme.subheadingSize
        }
        Body { text: panel.valid ? panel.row.body : "" }

        KButton {
            objectName: "eventSlideLink"
            visible: panel.slideLink !== ""
            width: Math.min(parent.width, implicitWidth)
            text: panel.kiosk.strings.read_in_chapter
            accessibleName: text + ": " + (panel.valid ? panel.row.slideLabel : "")
            icon: "fa6s.book-open"
            primary: true
            onActivated: panel.kiosk.visit.openLink(panel.slideLink)
        }
        Label {
            width: parent.width
            visible: panel.slideLink !== ""
            text: panel.valid ? panel.row.slideLabel : ""
            Accessible.ignored: true
        }

        Flow {
            width: parent.width
            spacing: Theme.gap * 1.5
            visible: people.count > 0
            Repeater {
                id: people
                model: panel.valid ? panel.row.people : []
                delegate: KButton {
                    required property var modelData
                    objectName: "eventPerson_" + modelData.personId
                    text: modelData.name
                    icon: "fa6s.user"
                    onActivated: panel.kiosk.visit.openLink("person/" + modelData.personId)
                }
            }
        }

        Kicker {
            width: parent.width
            topPadding: Theme.gap
            text: panel.kiosk.strings.source
        }
        Repeater {
            model: panel.valid ? panel.row.sources : []
            delegate: QuoteBlock {
                required property var modelData
                objectName: "eventSource"
                text: modelData.excerpt
                attribution: modelData.author + ", " + modelData.source + " \u00b7 " + modelData.locator
                textSize: Theme.captionSize
                translated: modelData.otherLanguage
                translatedNote: panel.kiosk.strings.source_words_note
            }
        }
    }
}
