import QtQuick
import Testament
import kiosk.qml

SlideFrame {
    id: slideRoot
    SlideHeading { text: slideRoot.slide.heading }
    BodyText { text: slideRoot.slide.body }
}
