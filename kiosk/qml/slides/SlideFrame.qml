import QtQuick
import Testament
import kiosk.qml

// The common layout of a slide: a figure and a reading column, side by side in landscape (figure left,
// large) and stacked in portrait (figure on top). Without a figure the text takes a comfortable measure.
Item {
    id: frame
    required property Kiosk kiosk
    required property var slide
    default property alias reading: column.content
    readonly property bool hasImage: slide.image !== ""
    readonly property real measure: Math.min(width, Theme.bodySize * 34)

    SlideImage {
        id: figure
        visible: frame.hasImage
        kiosk: frame.kiosk
        source: frame.slide.image
        alt: frame.slide.imageAlt
        caption: frame.slide.imageCaption
        credit: frame.slide.imageCredit
        x: 0
        y: 0
        width: !frame.hasImage ? 0 : (Theme.portrait ? frame.width : Math.round(frame.width * 0.48))
        height: !frame.hasImage ? 0 : (Theme.portrait ? Math.round(frame.height * 0.42) : frame.height)
    }

    ReadingColumn {
        id: column
        objectName: "slideReading"
        x: frame.hasImage ? (Theme.portrait ? 0 : figure.width + Theme.gap * 4) : Math.round((frame.width - width) / 2)
        // alone on the slide, the text sits a little above the middle rather than under the heading with the
        // lower half of the screen empty; taller than the slide, it starts at the top and scrolls
        y: frame.hasImage ? (Theme.portrait ? figure.height + Theme.gap * 3 : 0)
                          : Math.round(Math.max(0, frame.height - contentHeight) * 0.4)
        width: frame.hasImage ? (Theme.portrait ? frame.width : frame.width - x) : Math.min(frame.width, Theme.bodySize * 40)
        height: frame.height - y
    }
}
