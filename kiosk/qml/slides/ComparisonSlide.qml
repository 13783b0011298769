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
        SlideHeading { text: slideRoot.slide.heading }
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
                    required property var modelData
                    required property int index
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    implicitHeight: side.implicitHeight + Theme.gap * 4
                    color: index === 0 ? Theme.paper : Theme.paperDark
                    border.width: Math.max(2, Math.round(Theme.mm(0.5)))
                    border.color: index === 0 ? Theme.inkSoft : Theme.redDark
                    Column {
                        id: side
                        x: Theme.gap * 2
                        y: Theme.gap * 2
                        width: parent.width - 2 * x
                        spacing: Theme.gap * 1.5
                        Text {
                            width: parent.width
                            text: modelData.label
                            color: index === 0 ? Theme.inkSoft : Theme.redDark
                            font.family: Theme.sans
                            font.bold: true
                            font.capitalization: Font.AllUppercase
                            font.letterSpacing: Theme.mm(0.3)
                            font.pixelSize: Theme.captionSize
                            wrapMode: Text.WordWrap
                            Accessible.role: Accessible.Heading
                            Accessible.name: text
                        }
                        QuoteBlock {
                            visible: modelData.quote
                            text: modelData.text
                            attribution: modelData.attribution
                            textSize: Theme.bodySize
                            translated: slideRoot.slide.quoteTranslated
                            translatedNote: slideRoot.kiosk.strings.translated_note || ""
                        }
                        BodyText {
                            visible: !modelData.quote
                            text: modelData.text
                        }
                    }
                }
            }
        }
        BodyText { text: slideRoot.slide.body }
    }
}
