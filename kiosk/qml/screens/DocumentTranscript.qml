pragma ComponentBehavior: Bound
import QtQuick
import Testament
import kiosk.qml

// The document's text in the visitor's language, paragraph by paragraph under the headings of its parts (the
// letter of December 25, 1922; the postscript of January 4, 1923). Names and annotated words are links; the
// paragraph being read is marked and kept in view.
Flickable {
    id: transcript

    required property Kiosk kiosk
    required property var paragraphs
    property int current: -1
    property string heading
    property string hint
    property string note     // "Translated from the English edition", when reading a translation

    signal paragraphChosen(int index)
    signal personChosen(int index, string personId)
    signal noteChosen(int index, int note)

    contentWidth: width
    contentHeight: column.implicitHeight + Theme.gap * 4
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    flickableDirection: Flickable.VerticalFlick
    Accessible.role: Accessible.Document
    Accessible.name: heading

    // a name is a small target inside a line of text: a finger landing a few millimetres off still hits it
    function linkNear(text, x, y) {
        const r = Theme.mm(4)
        const probes = [[0, 0], [-r, 0], [r, 0], [0, -r / 3], [0, r / 3], [-r / 2, -r / 3], [r / 2, -r / 3],
                        [-r / 2, r / 3], [r / 2, r / 3], [-2 * r, 0], [2 * r, 0]]
        for (const [dx, dy] of probes) {
            const link = text.linkAt(x + dx, y + dy)
            if (link !== "")
                return link
        }
        return ""
    }
    function itemFor(index) { return index >= 0 && index < repeater.count ? repeater.itemAt(index) : null }
    // bring a paragraph into view: its top a little below the top edge, or the whole of it when it fits
    function reveal(index, animated) {
        const item = itemFor(index)
        if (!item)
            return
        const top = column.y + item.y + item.paragraphTop - Theme.gap * 2
        const target = Math.max(0, Math.min(contentHeight - height, top))
        scroller.stop()
        if (animated) {
            scroller.to = target
            scroller.start()
        } else {
            contentY = target
        }
    }
    NumberAnimation { id: scroller; target: transcript; property: "contentY"; duration: Theme.normal; easing.type: Easing.OutCubic }

    Column {
        id: column
        // at most about 65 characters a line, centred when the panel is wider (portrait on a large screen)
        width: Math.min(transcript.width - Theme.gap * 6, Theme.typedMeasure + Theme.gap * 6)
        x: Math.round((transcript.width - width) / 2)
        y: Theme.gap * 3
        spacing: Theme.gap * 2

        Text {
            width: parent.width
            text: transcript.heading
            color: Theme.ink
            font.family: Theme.serif
            font.bold: true
            font.pixelSize: Theme.headingSize
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        Label {
            objectName: "translatedNote"
            width: parent.width
            visible: transcript.note !== ""
            text: transcript.note
            font.italic: true
        }
        Label {
            width: parent.width
            visible: text !== ""
            text: transcript.hint
            lineHeight: 1.25
        }

        Repeater {
            id: repeater
            model: transcript.paragraphs
            delegate: Column {
                id: entry
                required property int index
                required property string paragraphId
                required property string partTitle
                required property string partDate
                required property bool partStart
                required property bool partEnd
                required property string text
                required property string html
                required property int number
                readonly property bool isCurrent: transcript.current === index
                readonly property real paragraphTop: header.visible ? header.height + spacing : 0
                width: column.width
                spacing: Theme.gap

                Column {
                    id: header
                    objectName: "partHeading_" + entry.paragraphId
                    visible: entry.partStart
                    width: parent.width
                    topPadding: entry.index > 0 ? Theme.gap * 3 : Theme.gap
                    spacing: Math.round(Theme.gap / 2)
                    Rectangle {
                        visible: entry.index > 0
                        width: parent.width
                        height: Theme.outlineWidth
                        color: Theme.red
                    }
                    Kicker {
                        width: parent.width
                        topPadding: entry.index > 0 ? Theme.gap : 0
                        text: entry.partTitle
                        Accessible.name: entry.partTitle + ", " + entry.partDate
                    }
                    Text {
                        width: parent.width
                        text: entry.partDate
                        color: Theme.ink
                        font.family: Theme.serif
                        font.bold: true
                        font.pixelSize: Theme.leadSize
                        wrapMode: Text.WordWrap
                        Accessible.ignored: true
                    }
                }

                Rectangle {
                    id: card
                    objectName: "paragraph_" + entry.index
                    width: parent.width
                    height: body.implicitHeight + 2 * Theme.gap * 1.5
                    radius: Theme.radius
                    color: entry.isCurrent ? Theme.paperDark : "transparent"
                    border.width: entry.isCurrent ? Theme.currentOutlineWidth : 0
                    border.color: Theme.ink
                    Behavior on color { ColorAnimation { duration: Theme.normal } }
                    Accessible.role: Accessible.Paragraph
                    Accessible.name: entry.text
                    Accessible.selected: entry.isCurrent
                    Accessible.onPressAction: transcript.paragraphChosen(entry.index)

                    Rectangle {
                        // the red rule of the paragraph being read
                        width: Math.max(3, Math.round(Theme.mm(1.2)))
                        height: parent.height
                        color: Theme.red
                        visible: entry.isCurrent
                    }
                    Text {
                        id: body
                        objectName: "paragraphText_" + entry.index
                        x: Theme.gap * 2.5
                        y: Theme.gap * 1.5
                        width: parent.width - x - Theme.gap * 1.5
                        // rich text takes its link colour from CSS, not from linkColor
                        text: "<style>a { color: " + Theme.redDark + "; }</style>" + entry.html
                        textFormat: Text.RichText
                        color: Theme.ink
                        font.family: Theme.mono
                        font.pixelSize: Theme.bodySize
                        lineHeight: Theme.lineHeight
                        wrapMode: Text.WordWrap
                        Accessible.ignored: true
                    }
                    TapHandler {
                        // a name opens the person's card, a numbered word its note, anything else reads here
                        onTapped: (point) => {
                            const p = body.mapFromItem(null, point.scenePosition)
                            const link = transcript.linkNear(body, p.x, p.y)
                            if (link.startsWith("person:"))
                                transcript.personChosen(entry.index, link.slice(7))
                            else if (link.startsWith("note:"))
                                transcript.noteChosen(entry.index, parseInt(link.slice(5)))
                            else
                                transcript.paragraphChosen(entry.index)
                        }
                    }
                }

                Text {
                    // the date as typed at the end of each part
                    visible: entry.partEnd
                    width: parent.width
                    rightPadding: Theme.gap * 1.5
                    horizontalAlignment: Text.AlignRight
                    text: entry.partDate
                    color: Theme.redDark
                    font.family: Theme.mono
                    font.pixelSize: Theme.captionSize
                    wrapMode: Text.WordWrap
                    Accessible.name: entry.partTitle + ", " + text
                }
            }
        }
    }
}
