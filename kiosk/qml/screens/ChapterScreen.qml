pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// A chapter: slides the visitor swipes through (following the finger, snapping with the flick's velocity),
// large Previous/Next buttons for those who don't swipe, progress, and at the end the way on.
FocusScope {
    id: chapter
    required property Kiosk kiosk
    readonly property int count: slides.count
    readonly property bool atEnd: kiosk.visit.slideIndex >= count - 1

    Accessible.role: Accessible.Pane
    Accessible.name: header.title

    Rectangle { anchors.fill: parent; color: Theme.paper }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Item {
            id: header
            readonly property string title: chapter.kiosk.visit.chapterTitle
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Math.round(Theme.margin * 0.5)
            implicitHeight: headerRow.implicitHeight + Theme.gap * 2

            RowLayout {
                id: headerRow
                width: parent.width
                spacing: Theme.gap * 2
                Text {
                    text: chapter.kiosk.visit.chapterIndex + 1
                    color: Theme.red
                    font.family: Theme.serif
                    font.bold: true
                    font.pixelSize: Theme.headingSize
                    Accessible.ignored: true
                }
                Text {
                    objectName: "chapterTitle"
                    Layout.fillWidth: true
                    text: header.title
                    color: Theme.ink
                    font.family: Theme.serif
                    font.bold: true
                    font.pixelSize: Theme.subheadingSize
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
                Text {
                    objectName: "slideProgress"
                    text: chapter.kiosk.strings.slide_of
                          .replace("{n}", chapter.kiosk.visit.slideIndex + 1).replace("{m}", chapter.count)
                    color: Theme.inkSoft
                    font.family: Theme.sans
                    font.pixelSize: Theme.captionSize
                    Accessible.role: Accessible.ProgressBar
                    Accessible.name: text
                    // a progress bar offers Increase and Decrease through AT-SPI: they turn the page as Next and
                    // Previous do
                    Accessible.onIncreaseAction: chapter.kiosk.visit.nextSlide()
                    Accessible.onDecreaseAction: chapter.kiosk.visit.previousSlide()
                }
            }
            Rectangle {
                // progress through the chapter
                anchors.bottom: parent.bottom
                width: parent.width
                height: Math.max(2, Math.round(Theme.mm(0.8)))
                color: Theme.paperDark
                Rectangle {
                    height: parent.height
                    width: chapter.count > 0 ? parent.width * (chapter.kiosk.visit.slideIndex + 1) / chapter.count : 0
                    color: Theme.red
                    Behavior on width { NumberAnimation { duration: Theme.normal; easing.type: Easing.OutCubic } }
                }
            }
        }

        ListView {
            id: slides
            objectName: "slideView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            orientation: ListView.Horizontal
            snapMode: ListView.SnapOneItem
            highlightRangeMode: ListView.StrictlyEnforceRange
            highlightMoveDuration: Theme.normal
            boundsBehavior: Flickable.StopAtBounds
            flickDeceleration: 4000
            maximumFlickVelocity: width * 6
            clip: true
            model: chapter.kiosk.slides
            cacheBuffer: width
            Accessible.role: Accessible.List

            // The visit says which slide shows, and the view reports what the visitor does to it; until it is laid
            // out it has no width to place a slide in, and the slide it starts at is not the visitor's (a screen
            // built as a link to its fourth slide opens: the link is kept, and the view goes there once it can).
            onCurrentIndexChanged: if (width > 0) chapter.kiosk.visit.showSlide(currentIndex)
            onCountChanged: positionViewAtIndex(chapter.kiosk.visit.slideIndex, ListView.Beginning)
            onWidthChanged: if (width > 0 && followVisit()) positionViewAtIndex(currentIndex, ListView.Beginning)
            // to the slide the visit is at, when it is at another of this chapter's; true if it moved
            function followVisit(): bool {
                if (chapter.kiosk.visit.screen !== "chapter" || currentIndex === chapter.kiosk.visit.slideIndex)
                    return false
                currentIndex = chapter.kiosk.visit.slideIndex
                return true
            }

            delegate: Item {
                id: page
                required property var wholeRow
                required property int index
                width: slides.width
                height: slides.height
                // the view makes its delegates accessible, as nameless items that claim to show even when their
                // screen is hidden; the slide's own items say what is there
                Accessible.ignored: true
                Loader {
                    anchors.fill: parent
                    anchors.leftMargin: Theme.margin
                    anchors.rightMargin: Theme.margin
                    anchors.topMargin: Theme.gap * 3
                    anchors.bottomMargin: Theme.gap * 3
                    sourceComponent: ({
                        narrative: narrativeSlide, quote: quoteSlide,
                        document: documentSlide, comparison: comparisonSlide
                    })[page.wholeRow.kind] || null
                    Component { id: narrativeSlide; NarrativeSlide { kiosk: chapter.kiosk; slide: page.wholeRow } }
                    Component { id: quoteSlide; QuoteSlide { kiosk: chapter.kiosk; slide: page.wholeRow } }
                    Component { id: documentSlide; DocumentSlide { kiosk: chapter.kiosk; slide: page.wholeRow } }
                    Component { id: comparisonSlide; ComparisonSlide { kiosk: chapter.kiosk; slide: page.wholeRow } }
                }
            }
        }

        BottomBar {
            Layout.fillWidth: true
            kiosk: chapter.kiosk
            KButton {
                objectName: "previousButton"
                text: chapter.kiosk.strings.previous
                icon: "fa6s.chevron-left"
                enabled: chapter.kiosk.visit.slideIndex > 0
                onActivated: chapter.kiosk.visit.previousSlide()
            }
            KButton {
                id: nextButton
                objectName: "nextButton"
                focus: true
                visible: !chapter.atEnd
                text: chapter.kiosk.strings.next
                icon: "fa6s.chevron-right"
                primary: true
                onActivated: chapter.kiosk.visit.nextSlide()
            }
            KButton {
                id: nextChapterButton
                objectName: "nextChapterButton"
                visible: chapter.atEnd && chapter.kiosk.visit.nextChapterTitle !== ""
                text: chapter.kiosk.strings.next_chapter
                accessibleName: text + ": " + chapter.kiosk.visit.nextChapterTitle
                icon: "fa6s.forward"
                primary: true
                onActivated: chapter.kiosk.visit.openNextChapter()
            }
            KButton {
                id: finishButton
                objectName: "finishButton"
                visible: chapter.atEnd && chapter.kiosk.visit.nextChapterTitle === ""
                text: chapter.kiosk.strings.chapters
                icon: "fa6s.table-cells-large"
                primary: true
                onActivated: chapter.kiosk.visit.goHome()
            }
        }
    }

    Connections {
        target: chapter.kiosk.visit
        function onLocationChanged() { slides.followVisit() }
    }

    // the keypad's way on when the focused control hid (Next on the last slide, Previous disabled on the first)
    function keypadStart() {
        for (const button of [nextButton, nextChapterButton, finishButton])
            if (button.visible)
                return button.forceActiveFocus()
    }

    Keys.onLeftPressed: kiosk.visit.previousSlide()
    Keys.onRightPressed: kiosk.visit.nextSlide()
}
