pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// "Read the testament": the facsimile beside its transcript (below it in portrait), kept in step both ways.
// The paragraph being read is the kiosk's position (document/<id>/<paragraph>), so Back from a person's card
// returns to it. Keys: + and - zoom, Page Up / Page Down move by paragraph, 0 shows the whole page. The facsimile
// has the focus first: select zooms in and back out, arrows pan it while zoomed, up and down turn its pages at the
// whole page; on the transcript up and down move by paragraph. An arrow with nowhere to go moves the focus on.
FocusScope {
    id: screen
    required property Kiosk kiosk
    readonly property var views: kiosk.views
    property int current: -1
    property int noteParagraph: -1
    property int noteIndex: -1

    Accessible.role: Accessible.Pane
    Accessible.name: kiosk.strings.read_testament

    // read a paragraph: mark it in both views and remember it as the reading position
    function choose(index, moveFacsimile, moveTranscript) {
        if (index < 0 || index >= views.paragraphs.count)
            return
        current = index
        kiosk.visit.setPosition(index)
        if (moveFacsimile)
            kiosk.recordFeature("document.transcript")
        if (moveFacsimile)
            viewer.focusParagraph(index, true)
        if (moveTranscript)
            transcript.reveal(index, true)
    }
    function step(delta) {
        choose(Math.max(0, Math.min(views.paragraphs.count - 1, (current < 0 ? 0 : current + delta))), true, true)
    }
    // the place the kiosk says (a deep link, Back, a new visit)
    function followLocation() {
        if (kiosk.visit.screen !== "document") {
            if (kiosk.visit.screen === "attract" || kiosk.visit.screen === "home")
                current = -1 // a new visit, or a fresh start from Home
            return
        }
        const wanted = kiosk.visit.position
        if (wanted === current)
            return // Back to where the visitor was: everything is still in place
        noteParagraph = -1
        current = wanted
        if (wanted === 0) {
            viewer.showPage(1, false)
            transcript.contentY = 0
        } else {
            viewer.focusParagraph(wanted, false)
            transcript.reveal(wanted, false)
        }
    }
    Connections {
        target: screen.kiosk.visit
        function onLocationChanged() { screen.followLocation() }
    }
    Component.onCompleted: followLocation()
    // a screen that was hidden has not laid its transcript out yet: scroll to the paragraph once it shows
    onVisibleChanged: if (visible && current > 0) Qt.callLater(() => {
        viewer.focusParagraph(current, false)
        transcript.reveal(current, false)
    })

    Rectangle { anchors.fill: parent; color: Theme.night }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Item {
            id: stage
            Layout.fillWidth: true
            Layout.fillHeight: true

            FacsimileViewer {
                id: viewer
                objectName: "facsimile"
                onZoomedChanged: if (zoomed) screen.kiosk.recordFeature("document.zoom")
                focus: true
                activeFocusOnTab: true
                Keys.onPressed: (event) => screen.facsimileKey(event)
                pages: screen.views.pages
                paragraphs: screen.views.paragraphs
                current: screen.current
                x: 0
                y: 0
                // the transcript keeps a comfortable measure (about 65 characters); the facsimile takes the rest
                readonly property real transcriptWidth: Math.min(Math.round(stage.width * 0.5), Theme.typedMeasure + Theme.gap * 12)
                width: Theme.portrait ? stage.width : stage.width - transcriptWidth
                height: (Theme.portrait ? Math.round(stage.height * 0.5) : stage.height) - facsimileCredit.height
                Accessible.role: Accessible.Graphic
                Accessible.name: screen.views.document.title

                onViewMovedByVisitor: {
                    // the paragraph in view: under the middle when zoomed in; on a whole page, the one being read
                    // if it is on the page shown, else the page's first
                    let found = -1
                    if (zoomed) {
                        const at = pointOnPage(width / 2, height / 2)
                        found = screen.views.paragraphAt(at.page, at.fx, at.fy)
                    } else {
                        const page = pageInView()
                        if (screen.current >= 0 && screen.views.paragraphs.get(screen.current, "page") === page)
                            return
                        found = screen.views.paragraphAt(page, 0.5, 0)
                    }
                    if (found >= 0 && found !== screen.current)
                        screen.choose(found, false, true)
                }
            }

            Rectangle {
                // the keyboard focus ring, inside the facsimile's edge
                anchors.fill: viewer
                color: "transparent"
                border.width: Theme.focusWidth
                border.color: Theme.focusOnNight
                visible: viewer.activeFocus && Theme.showFocus
            }

            Rectangle {
                // which page, over the facsimile's top edge; this and the zoom controls come before the captions
                // below the page, so that a screen reader reads them in the order they are seen
                anchors.left: viewer.left
                anchors.top: viewer.top
                anchors.margins: Theme.gap
                visible: viewer.pageCount > 1
                width: pageLabel.implicitWidth + Theme.gap * 2
                height: pageLabel.implicitHeight + Theme.gap
                radius: Theme.radius
                color: Theme.scrim(0.85)
                Text {
                    id: pageLabel
                    objectName: "pageLabel"
                    anchors.centerIn: parent
                    text: screen.kiosk.strings.page_of.replace("{n}", viewer.pageInViewNow).replace("{m}", viewer.pageCount)
                    color: Theme.onNightText
                    font.family: Theme.sans
                    font.pixelSize: Theme.captionSize
                    Accessible.name: text
                }
            }

            Column {
                // the zoom controls, in the facsimile's lower corner (pinch and double tap do the same)
                anchors.right: viewer.right
                anchors.bottom: viewer.bottom
                anchors.margins: Theme.gap * 2
                spacing: Theme.gap * 1.5
                KButton {
                    objectName: "zoomInButton"
                    anchors.right: parent.right
                    text: screen.kiosk.strings.zoom_in
                    icon: "fa6s.magnifying-glass-plus"
                    onNight: true
                    enabled: viewer.zoom < viewer.maxZoom - 0.01
                    onActivated: viewer.zoomBy(1.5)
                    Rectangle { z: -1; anchors.fill: parent; radius: Theme.radius; color: Theme.night; opacity: 0.85 }
                }
                KButton {
                    objectName: "zoomOutButton"
                    anchors.right: parent.right
                    text: screen.kiosk.strings.zoom_out
                    icon: "fa6s.magnifying-glass-minus"
                    onNight: true
                    visible: viewer.zoomed // at the whole page only "Zoom in" shows, to keep the page clear
                    onActivated: viewer.zoomBy(1 / 1.5)
                    Rectangle { z: -1; anchors.fill: parent; radius: Theme.radius; color: Theme.night; opacity: 0.85 }
                }
                KButton {
                    objectName: "resetZoomButton"
                    anchors.right: parent.right
                    text: screen.kiosk.strings.whole_page
                    icon: "fa6s.expand"
                    onNight: true
                    visible: viewer.zoomed
                    onActivated: viewer.reset(true, true)
                    Rectangle { z: -1; anchors.fill: parent; radius: Theme.radius; color: Theme.night; opacity: 0.85 }
                }
            }

            Item {
                // each page's caption and credit line on the surround below it, never over the page (the
                // facsimile is a reconstruction, and the credit says so); the page in view shows its own. The
                // band is as tall as the longest page's needs, so that the page never moves when another
                // page's lines come into view.
                id: facsimileCredit
                x: viewer.x + viewer.pad
                y: viewer.y + viewer.height
                width: viewer.width - 2 * viewer.pad
                // itemAt() is not a property a binding can follow: counting the lines as they are made is
                property int linesMade: 0
                height: {
                    let tallest = linesMade * 0
                    for (let i = 0; i < pageLines.count; ++i) {
                        const lines = pageLines.itemAt(i)
                        if (lines)
                            tallest = Math.max(tallest, lines.implicitHeight)
                    }
                    return tallest
                }
                Repeater {
                    id: pageLines
                    model: screen.views.pages
                    onItemAdded: facsimileCredit.linesMade += 1
                    onItemRemoved: facsimileCredit.linesMade -= 1
                    Column {
                        id: pageLine
                        required property int index
                        required property string caption
                        required property string credit
                        width: facsimileCredit.width
                        visible: index === viewer.pageInViewNow - 1
                        topPadding: Math.round(Theme.gap / 2)
                        bottomPadding: Theme.gap
                        Label {
                            objectName: "facsimileCaption"
                            width: parent.width
                            visible: text !== ""
                            text: pageLine.caption
                            horizontalAlignment: Text.AlignHCenter
                            color: Theme.onNightText
                        }
                        Label {
                            objectName: "facsimileCredit"
                            width: parent.width
                            visible: text !== ""
                            text: pageLine.credit
                            horizontalAlignment: Text.AlignHCenter
                            color: Theme.onNightSoft
                            font.italic: true
                        }
                    }
                }
            }

            Rectangle {
                id: reading
                x: Theme.portrait ? 0 : viewer.width
                y: Theme.portrait ? facsimileCredit.y + facsimileCredit.height : 0
                width: stage.width - x
                height: stage.height - y
                color: Theme.paper

                DocumentTranscript {
                    id: transcript
                    objectName: "transcript"
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.top: parent.top
                    anchors.bottom: paragraphLinks.top
                    kiosk: screen.kiosk
                    paragraphs: screen.views.paragraphs
                    current: screen.current
                    heading: screen.views.document.title
                    hint: screen.kiosk.strings.document_hint
                    note: screen.views.document.translated ? screen.kiosk.strings.translated_note : ""
                    onParagraphChosen: (index) => screen.choose(index, true, false)
                    activeFocusOnTab: true
                    Keys.onPressed: (event) => {
                        const delta = event.key === Qt.Key_Down ? 1 : (event.key === Qt.Key_Up ? -1 : 0)
                        const next = (screen.current < 0 ? -1 : screen.current) + delta
                        event.accepted = delta !== 0 && next >= 0 && next < screen.views.paragraphs.count
                        if (event.accepted)
                            screen.step(delta)
                    }
                    onPersonChosen: (index, personId) => {
                        // remember the paragraph first: Back from the card returns to it
                        screen.choose(index, false, false)
                        screen.kiosk.visit.openLink("person/" + personId)
                    }
                    onNoteChosen: (index, note) => {
                        screen.choose(index, true, false)
                        screen.noteParagraph = index
                        screen.noteIndex = note
                    }
                }

                // the names and notes of the paragraph being read, as buttons: the way to them by keys (Tab),
                // and a larger target than a word in the text
                Flow {
                    id: paragraphLinks
                    objectName: "paragraphLinks"
                    readonly property var row: {
                        void screen.views.document
                        return screen.current >= 0 ? screen.views.paragraphRow(screen.current) : ({})
                    }
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.margins: visibleChildren.length > 0 ? Theme.gap * 2 : 0
                    height: visibleChildren.length > 0 ? implicitHeight : 0
                    spacing: Theme.gap * 2
                    Repeater {
                        model: paragraphLinks.row.mentions || []
                        delegate: KButton {
                            required property var modelData
                            objectName: "mentionButton_" + modelData.personId
                            text: modelData.name
                            icon: "fa6s.user"
                            onActivated: screen.kiosk.visit.openLink("person/" + modelData.personId)
                        }
                    }
                    Repeater {
                        model: paragraphLinks.row.notes || []
                        delegate: KButton {
                            required property var modelData
                            required property int index
                            objectName: "noteButton_" + modelData.number
                            text: screen.kiosk.strings.note + " " + modelData.number
                            accessibleName: text + ": " + modelData.anchor
                            onActivated: { screen.noteParagraph = screen.current; screen.noteIndex = index }
                        }
                    }
                }

                Rectangle {
                    // the keyboard focus ring round the transcript
                    anchors.fill: transcript
                    color: "transparent"
                    border.width: Theme.focusWidth
                    border.color: Theme.focusOnPaper
                    visible: transcript.activeFocus && Theme.showFocus
                }

                NotePanel {
                    id: notePanel
                    objectName: "notePanel"
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    kiosk: screen.kiosk
                    readonly property var notes: { void screen.views.document; return screen.views.paragraphRow(screen.noteParagraph).notes || [] }
                    readonly property var entry: notes && screen.noteIndex >= 0 && screen.noteIndex < notes.length ? notes[screen.noteIndex] : null
                    shown: entry !== null
                    anchor: entry ? entry.anchor : ""
                    number: entry ? entry.number : 0
                    text: entry ? entry.note : ""
                    onClosed: screen.noteParagraph = -1
                }
            }
        }

        BottomBar {
            Layout.fillWidth: true
            kiosk: screen.kiosk
            onNight: true
        }
    }

    function facsimileKey(event) {
        const stepPx = Math.round(Math.min(viewer.width, viewer.height) * 0.2)
        const page = viewer.pageInView()
        switch (event.key) {
        case Qt.Key_Return: case Qt.Key_Enter: case Qt.Key_Space:
            if (viewer.zoomed)
                viewer.reset(true, true)
            else
                viewer.zoomBy(2.5)
            break
        case Qt.Key_Left: if (!viewer.zoomed) return; viewer.panBy(-stepPx, 0); break
        case Qt.Key_Right: if (!viewer.zoomed) return; viewer.panBy(stepPx, 0); break
        case Qt.Key_Up:
            if (viewer.zoomed) viewer.panBy(0, -stepPx)
            else if (page > 1) viewer.showPage(page - 1, true, true)
            else return
            break
        case Qt.Key_Down:
            if (viewer.zoomed) viewer.panBy(0, stepPx)
            else if (page < viewer.pageCount) viewer.showPage(page + 1, true, true)
            else return
            break
        default: return
        }
        event.accepted = true
    }

    Keys.onPressed: (event) => {
        switch (event.key) {
        case Qt.Key_Plus: case Qt.Key_Equal: viewer.zoomBy(1.5); break
        case Qt.Key_Minus: case Qt.Key_Underscore: viewer.zoomBy(1 / 1.5); break
        case Qt.Key_0: viewer.reset(true, true); break
        case Qt.Key_PageDown: screen.step(1); break
        case Qt.Key_PageUp: screen.step(-1); break
        case Qt.Key_Escape:
            if (screen.noteParagraph < 0)
                return
            screen.noteParagraph = -1
            break
        default: return
        }
        event.accepted = true
    }
}
