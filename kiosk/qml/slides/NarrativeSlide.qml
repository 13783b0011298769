import QtQuick
import kiosk.qml

SlideFrame {
    id: slideRoot
    Heading { text: slideRoot.slide.heading }
    Body { text: slideRoot.slide.body }
    MoreText { kiosk: slideRoot.kiosk; text: slideRoot.slide.more }
}
