pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// Myth and document, the "six words": Radek's story as Emil Ludwig printed it, set beside the letter. The
// visitor searches the letter for the words the story quotes; the search reads it paragraph by paragraph, in
// plain sight, and finds nothing; the words the story garbles are shown where they really are (about others),
// and then Trotsky's account of where the story came from. The step (0 the story, 1 the result, 2 the account)
// is the kiosk's position, so Back from a chapter slide returns to it.
FocusScope {
    id: screen
    required property Kiosk kiosk
    readonly property var myth: kiosk.views.myth
    readonly property var paragraphs: myth.paragraphs
    property int step: 0
    property bool searching: false
    property int reading: -1          // the paragraph the search is reading
    readonly property int stepMs: 260 // eleven paragraphs: about three seconds, calm

    Accessible.role: Accessible.Pane
    Accessible.name: kiosk.strings.myth_and_document

    function search() {
        if (searching || paragraphs.length === 0 || !myth.available)
            return
        step = 0
        kiosk.visit.setPosition(0)
        reading = 0
        searching = true
        kiosk.recordFeature("myth.search")
        letter.reveal(0)
        reader.restart()
    }
    function finish() {
        searching = false
        reading = -1
        step = 1
        kiosk.visit.setPosition(1)
        letter.reveal(myth.nearIndex)
        Qt.callLater(() => whereButton.forceActiveFocus())
    }
    function explain() {
        step = 2
        kiosk.visit.setPosition(2)
        kiosk.recordFeature("myth.reveal")
        Qt.callLater(() => { side.contentY = 0; chapterButton.forceActiveFocus() })
    }
    function followLocation() {
        if (kiosk.visit.screen === "myth") {
            if (!searching && kiosk.visit.position !== step) {
                step = Math.min(kiosk.visit.position, 2)
                if (step > 0)
                    letter.reveal(myth.nearIndex)
            }
        } else if (kiosk.visit.screen === "attract" || kiosk.visit.screen === "home") {
            reader.stop()
            searching = false
            reading = -1
            step = 0
        }
    }
    Connections {
        target: screen.kiosk.visit
        function onLocationChanged() { screen.followLocation() }
    }
    onVisibleChanged: if (visible && step === 0) Qt.callLater(() => searchButton.forceActiveFocus())

    Timer {
        id: reader
        interval: screen.stepMs
        repeat: true
        onTriggered: {
            if (screen.reading + 1 < screen.paragraphs.length) {
                screen.reading += 1
                letter.reveal(screen.reading)
            } else {
                stop()
                settle.start()
            }
        }
    }
    Timer { id: settle; interval: screen.stepMs * 2; onTriggered: screen.finish() }

    Rectangle { anchors.fill: parent; color: Theme.paper }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ScreenHeader { title: screen.kiosk.strings.myth_and_document }

        Item {
            id: stage
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Theme.gap * 2
            Layout.bottomMargin: Theme.gap * 2

            // --- the story, the result, the account -------------------------------------------------------
            // in landscape the story and the letter sit side by side, centred when the screen is wider than both
            readonly property real sheetWidth: Theme.typedMeasure + Theme.gap * 5
            readonly property real inset: Theme.portrait ? 0 : Math.max(0, Math.round((width - side.width - Theme.gap * 5 - sheetWidth) / 2))

            ReadingColumn {
                id: side
                objectName: "mythStory"
                x: stage.inset
                y: 0
                width: Theme.portrait ? stage.width : Math.min(Math.round(stage.width * 0.44), Theme.bodySize * 34)
                height: Theme.portrait ? Math.min(Math.round(stage.height * 0.55), contentHeight) : stage.height
                spacing: Theme.gap * 2

                // the story (before and during the search)
                Kicker {
                    width: parent.width
                    visible: screen.step === 0
                    text: screen.myth.storyLabel
                    color: Theme.inkSoft
                }
                QuoteBlock {
                    visible: screen.step === 0
                    text: screen.myth.storyText
                    attribution: screen.myth.storyAttribution
                    textSize: Theme.leadSize
                    translated: screen.myth.storyTranslated
                    translatedNote: screen.kiosk.strings.translated_note
                }
                Text {
                    width: parent.width
                    visible: screen.step < 2 && screen.myth.available
                    text: screen.kiosk.strings.myth_intro
                    color: Theme.ink
                    font.family: Theme.sans
                    font.pixelSize: Theme.bodySize
                    wrapMode: Text.WordWrap
                    Accessible.name: text
                }
                Rectangle {
                    // the words the story quotes
                    visible: screen.step < 2 && screen.myth.available
                    width: parent.width
                    height: phraseText.implicitHeight + Theme.gap * 3
                    color: Theme.paperDark
                    border.width: Theme.outlineWidth
                    border.color: Theme.inkSoft
                    Text {
                        id: phraseText
                        objectName: "mythPhrase"
                        x: Theme.gap * 2
                        y: Theme.gap * 1.5
                        width: parent.width - 2 * x
                        text: screen.myth.phraseQuoted
                        color: Theme.ink
                        font.family: Theme.serif
                        font.bold: true
                        font.pixelSize: Theme.quoteSize
                        font.strikeout: screen.step === 1
                        wrapMode: Text.WordWrap
                        Accessible.name: screen.myth.phrase
                    }
                }
                Text {
                    width: parent.width
                    visible: screen.step === 0 && screen.myth.available
                    text: screen.kiosk.strings.myth_prompt
                    color: Theme.ink
                    font.family: Theme.sans
                    font.pixelSize: Theme.bodySize
                    wrapMode: Text.WordWrap
                    Accessible.name: text
                }
                KButton {
                    id: searchButton
                    objectName: "mythSearchButton"
                    visible: screen.step === 0 && screen.myth.available
                    enabled: !screen.searching
                    text: screen.kiosk.strings.myth_search
                    icon: "fa6s.magnifying-glass"
                    primary: true
                    onActivated: screen.search()
                }

                // the result
                Text {
                    objectName: "mythVerdict"
                    width: parent.width
                    visible: screen.step === 1
                    text: screen.kiosk.strings.myth_not_found
                    color: Theme.red
                    font.family: Theme.serif
                    font.bold: true
                    font.pixelSize: Theme.headingSize
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }
                Kicker {
                    width: parent.width
                    visible: screen.step === 1
                    text: screen.kiosk.strings.myth_near
                    color: Theme.inkSoft
                }
                Body {
                    objectName: "mythConclusion"
                    visible: screen.step === 1
                    text: screen.myth.conclusion
                }
                Flow {
                    width: parent.width
                    visible: screen.step === 1
                    spacing: Theme.gap * 2
                    KButton {
                        id: whereButton
                        objectName: "mythWhereButton"
                        text: screen.kiosk.strings.myth_where
                        icon: "fa6s.circle-question"
                        primary: true
                        onActivated: screen.explain()
                    }
                    KButton {
                        objectName: "mythAgainButton"
                        text: screen.kiosk.strings.myth_again
                        icon: "fa6s.rotate-left"
                        onActivated: screen.search()
                    }
                }

                // the account of where the story came from
                Kicker {
                    objectName: "mythAccountHeading"
                    width: parent.width
                    visible: screen.step === 2
                    text: screen.kiosk.strings.myth_account
                }
                Repeater {
                    model: screen.step === 2 ? screen.myth.account : []
                    delegate: Column {
                        id: section
                        required property var modelData
                        width: side.width - (side.overflowing ? Theme.mm(3) : 0)
                        spacing: Theme.gap * 1.5
                        Heading {
                            text: section.modelData.heading
                            font.pixelSize: Theme.subheadingSize
                        }
                        Grid {
                            visible: section.modelData.leftText !== ""
                            width: parent.width
                            columns: 2
                            columnSpacing: Theme.gap * 2
                            rowSpacing: Theme.gap
                            Repeater {
                                model: [
                                    { label: section.modelData.leftLabel, text: section.modelData.leftText },
                                    { label: section.modelData.rightLabel, text: section.modelData.rightText }
                                ]
                                delegate: Column {
                                    id: comparisonSide
                                    required property var modelData
                                    width: (section.width - Theme.gap * 2) / 2
                                    spacing: Math.round(Theme.gap / 2)
                                    Label {
                                        width: parent.width
                                        text: comparisonSide.modelData.label
                                    }
                                    Text {
                                        width: parent.width
                                        text: comparisonSide.modelData.text
                                        color: Theme.ink
                                        font.family: Theme.serif
                                        font.italic: true
                                        font.pixelSize: Theme.bodySize
                                        wrapMode: Text.WordWrap
                                        Accessible.name: text
                                    }
                                }
                            }
                        }
                        Body { text: section.modelData.body }
                    }
                }
                Flow {
                    width: parent.width
                    visible: screen.step === 2
                    spacing: Theme.gap * 2
                    KButton {
                        id: chapterButton
                        objectName: "mythChapterButton"
                        visible: screen.myth.chapterLink !== ""
                        text: screen.kiosk.strings.read_chapter
                        icon: "fa6s.book-open"
                        primary: true
                        onActivated: screen.kiosk.visit.openLink(screen.myth.chapterLink)
                    }
                    KButton {
                        objectName: "mythAgainButton2"
                        text: screen.kiosk.strings.myth_again
                        icon: "fa6s.rotate-left"
                        onActivated: screen.search()
                    }
                }
            }

            // --- the letter, searched -------------------------------------------------------------------------
            Rectangle {
                id: sheet
                x: Theme.portrait ? 0 : side.x + side.width + Theme.gap * 5
                y: Theme.portrait ? side.height + Theme.gap * 2 : 0
                width: Theme.portrait ? stage.width : Math.min(stage.width - x, stage.sheetWidth)
                height: stage.height - y
                color: Theme.paperDark
                border.width: Theme.ruleWidth
                border.color: Theme.rule

                Text {
                    id: status
                    objectName: "mythStatus"
                    x: letter.x
                    y: Theme.gap * 1.5
                    width: letter.width
                    text: screen.searching
                          ? screen.kiosk.strings.myth_searching.replace("{n}", screen.reading + 1).replace("{m}", screen.paragraphs.length)
                          : screen.myth.documentTitle
                    color: screen.searching ? Theme.redDark : Theme.ink
                    font.family: Theme.sans
                    font.bold: true
                    font.pixelSize: Theme.captionSize
                    wrapMode: Text.WordWrap
                    Accessible.role: Accessible.StatusBar
                    Accessible.name: text
                }

                // the letter at reading size is taller than the sheet: it scrolls, and says there is more below;
                // on a sheet wider than the typed measure (portrait) it keeps the measure, centred like a page
                ReadingColumn {
                    id: letter
                    objectName: "mythLetter"
                    x: Math.round((parent.width - width) / 2)
                    y: status.y + status.height + Theme.gap
                    width: Math.min(parent.width - Theme.gap * 4, Theme.typedMeasure + Theme.gap)
                    height: parent.height - y - Theme.gap
                    spacing: Theme.gap
                    fadeColor: Theme.paperDark
                    interactive: overflowing && !screen.searching
                    Accessible.role: Accessible.Document
                    Accessible.name: screen.myth.documentTitle

                    function reveal(index) {
                        const item = index >= 0 ? lineRepeater.itemAt(index) : null
                        if (!item)
                            return
                        // keep the paragraph being read in the upper third, gliding rather than jumping
                        const target = Math.max(0, Math.min(contentHeight - height, item.y - height / 3))
                        glide.stop()
                        glide.to = target
                        glide.start()
                    }
                    NumberAnimation { id: glide; target: letter; property: "contentY"; duration: screen.stepMs; easing.type: Easing.InOutQuad }

                    Rectangle {
                        // the search's reading mark: it moves from paragraph to paragraph, under the text
                        objectName: "mythReadingMark"
                        parent: letter.contentItem
                        z: -1
                        readonly property Item at: screen.reading >= 0 ? lineRepeater.itemAt(screen.reading) : null
                        visible: at !== null
                        x: -Theme.gap
                        y: at ? at.y - Theme.gap / 2 : 0
                        width: at ? at.width + Theme.gap : 0
                        height: at ? at.height + Theme.gap : 0
                        color: Theme.paper
                        border.width: Theme.outlineWidth
                        border.color: Theme.red
                        radius: Theme.radius
                        Behavior on y { NumberAnimation { duration: screen.stepMs * 0.8; easing.type: Easing.InOutQuad } }
                        Behavior on height { NumberAnimation { duration: screen.stepMs * 0.8; easing.type: Easing.InOutQuad } }
                    }

                    Repeater {
                        id: lineRepeater
                        model: screen.paragraphs
                        delegate: Column {
                            id: line
                            required property var modelData
                            required property int index
                            readonly property bool isNear: screen.step > 0 && index === screen.myth.nearIndex
                            objectName: "mythParagraph_" + index
                            width: letter.width - (letter.overflowing ? Theme.mm(3) : 0)
                            spacing: Math.round(Theme.gap / 2)
                            Text {
                                visible: line.modelData.partStart
                                width: parent.width
                                topPadding: line.index > 0 ? Theme.gap : 0
                                text: line.modelData.partTitle + " \u00b7 " + line.modelData.partDate
                                color: Theme.redDark
                                font.family: Theme.sans
                                font.bold: true
                                font.pixelSize: Theme.captionSize
                                wrapMode: Text.WordWrap
                                Accessible.role: Accessible.Heading
                                Accessible.name: text
                            }
                            Rectangle {
                                width: parent.width
                                height: paragraph.implicitHeight + (line.isNear ? Theme.gap * 2 : 0)
                                color: line.isNear ? Theme.paper : "transparent"
                                border.width: line.isNear ? Theme.outlineWidth : 0
                                border.color: Theme.redDark
                                radius: Theme.radius
                                Text {
                                    id: paragraph
                                    objectName: line.isNear ? "mythNearParagraph" : ""
                                    x: line.isNear ? Theme.gap : 0
                                    y: line.isNear ? Theme.gap : 0
                                    width: parent.width - 2 * x
                                    textFormat: line.isNear ? Text.RichText : Text.PlainText
                                    text: line.isNear
                                          ? String(screen.myth.nearHtml).replace(/<span class="near">/g,
                                                '<span style="background-color:' + Theme.gold + '; color:' + Theme.ink + '; font-weight:bold">')
                                          : line.modelData.text
                                    color: screen.searching && line.index > screen.reading ? Theme.inkSoft : Theme.ink
                                    font.family: Theme.mono
                                    font.pixelSize: Theme.bodySize
                                    lineHeight: Theme.lineHeight
                                    wrapMode: Text.WordWrap
                                    Accessible.name: line.modelData.text
                                }
                            }
                        }
                    }
                }
            }
        }

        BottomBar {
            Layout.fillWidth: true
            kiosk: screen.kiosk
        }
    }

    Keys.onPressed: (event) => {
        if (event.key !== Qt.Key_Return && event.key !== Qt.Key_Enter && event.key !== Qt.Key_Space)
            return
        // the step's main action, whatever has the focus
        if (screen.step === 0 && !screen.searching) screen.search()
        else if (screen.step === 1) screen.explain()
        else if (screen.step === 2 && screen.myth.chapterLink) screen.kiosk.visit.openLink(screen.myth.chapterLink)
        event.accepted = true
    }
}
