pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// Two things side by side (stacked in portrait): a claim and the document, two versions of a story.
Item {
    id: slideRoot
    required property Kiosk kiosk
    required property var slide

    ReadingColumn {
        anchors.fill: parent
        Heading { text: slideRoot.slide.heading }
        GridLayout {
            width: parent.width
            columns: Theme.portrait ? 1 : 2
            columnSpacing: Theme.gap * 4
            rowSpacing: Theme.gap * 3
            Repeater {
                model: [
                    { label: slideRoot.slide.leftLabel, text: slideRoot.slide.leftText, quote: slideRoot.slide.leftIsQuote, attribution: slideRoot.slide.leftAttribution },
                    { label: slideRoot.slide.rightLabel, text: slideRoot.slide.rightText, quote: slideRoot.slide.rightIsQuote, attribution: slideRoot.slide.rightAttribution }
                ]
                delegate: Rectangle {
                    id: sideCard
                    required property var modelData
                    required property int index
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    implicitHeight: side.implicitHeight + Theme.gap * 4
                    color: sideCard.index === 0 ? Theme.paper : Theme.paperDark
                    border.width: Theme.outlineWidth
                    border.color: sideCard.index === 0 ? Theme.inkSoft : Theme.redDark
                    Column {
                        id: side
                        x: Theme.gap * 2
                        y: Theme.gap * 2
                        width: parent.width - 2 * x
                        spacing: Theme.gap * 1.5
                        Kicker {
                            width: parent.width
                            text: sideCard.modelData.label
                            color: sideCard.index === 0 ? Theme.inkSoft : Theme.redDark
                        }
                        QuoteBlock {
                            visible: sideCard.modelData.quote
                            text: sideCard.modelData.text
                            attribution: sideCard.modelData.attribution
                            textSize: Theme.bodySize
                            translated: slideRoot.slide.quoteTranslated
                            translatedNote: slideRoot.kiosk.strings.translated_note
                        }
                        Body {
                            visible: !sideCard.modelData.quote
                            text: sideCard.modelData.text
                        }
                    }
                }
            }
        }
        Body { text: slideRoot.slide.body }
        MoreText { kiosk: slideRoot.kiosk; text: slideRoot.slide.more }
    }
}
