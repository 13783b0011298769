pragma ComponentBehavior: Bound
import QtQuick
import kiosk.qml

// An excerpt of the typed document: monospaced text on a sheet, with its date, then the exhibit's comment.
SlideFrame {
    id: slideRoot
    Heading { text: slideRoot.slide.heading }
    Rectangle {
        width: parent.width
        height: sheet.implicitHeight + 2 * Theme.gap * 2
        color: Theme.paperDark
        border.width: Theme.ruleWidth
        border.color: Theme.rule
        Accessible.role: Accessible.Grouping
        Accessible.name: slideRoot.slide.documentTitle
        Column {
            id: sheet
            x: Theme.gap * 2
            y: Theme.gap * 2
            width: parent.width - 2 * x
            spacing: Theme.gap * 1.5
            Repeater {
                model: slideRoot.slide.paragraphs
                delegate: Column {
                    id: excerpt
                    required property var modelData
                    width: sheet.width
                    spacing: Math.round(Theme.gap / 2)
                    Text {
                        width: parent.width
                        visible: excerpt.modelData.startsPart
                        text: excerpt.modelData.partTitle + " \u00B7 " + excerpt.modelData.dateLabel
                        color: Theme.redDark
                        font.family: Theme.mono
                        font.bold: true
                        font.pixelSize: Theme.captionSize
                        wrapMode: Text.WordWrap
                        Accessible.role: Accessible.Heading
                        Accessible.name: text
                    }
                    Text {
                        width: parent.width
                        text: excerpt.modelData.text
                        color: Theme.ink
                        font.family: Theme.mono
                        font.pixelSize: Theme.bodySize
                        lineHeight: 1.35
                        wrapMode: Text.WordWrap
                        Accessible.name: text
                    }
                }
            }
            Label {
                width: parent.width
                visible: slideRoot.slide.quoteTranslated
                text: slideRoot.kiosk.strings.translated_note
                font.italic: true
            }
        }
    }
    Body { text: slideRoot.slide.body }
    MoreText { kiosk: slideRoot.kiosk; text: slideRoot.slide.more }
}
