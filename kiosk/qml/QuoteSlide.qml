import QtQuick
import Testament

SlideFrame {
    id: slideRoot
    SlideHeading { text: slideRoot.slide.heading }
    QuoteBlock {
        text: slideRoot.slide.quoteText
        attribution: slideRoot.slide.quoteAttribution
        translated: slideRoot.slide.quoteTranslated
        translatedNote: slideRoot.kiosk.strings.translated_note || ""
        openMark: slideRoot.kiosk.strings.quote_open || "\u201C"
        closeMark: slideRoot.kiosk.strings.quote_close || "\u201D"
    }
    BodyText { text: slideRoot.slide.body }
}
