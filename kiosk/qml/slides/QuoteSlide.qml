import QtQuick
import kiosk.qml

SlideFrame {
    id: slideRoot
    Heading { text: slideRoot.slide.heading }
    QuoteBlock {
        text: slideRoot.slide.quoteText
        attribution: slideRoot.slide.quoteAttribution
        translated: slideRoot.slide.quoteTranslated
        translatedNote: slideRoot.kiosk.strings.translated_note
    }
    Body { text: slideRoot.slide.body }
    MoreText { kiosk: slideRoot.kiosk; text: slideRoot.slide.more }
}
