import QtQuick
import Testament

SlideFrame {
    id: slideRoot
    SlideHeading { text: slideRoot.slide.heading }
    BodyText { text: slideRoot.slide.body }
}
