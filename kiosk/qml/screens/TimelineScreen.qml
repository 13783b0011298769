pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// September 1922 to December 1932 along a horizontal strip that follows the finger. Months where events crowd
// are wide and empty months narrow (the scale steps at month boundaries; ticks show it); cards sit in two
// lanes above and below the axis with a line to their date. A tapped event opens its detail: what happened,
// the source passage it rests on, and the chapter slide that tells it.
FocusScope {
    id: screen
    objectName: "timelineScreen"
    required property Kiosk kiosk
    readonly property var views: kiosk.views
    readonly property int selected: kiosk.visit.screen === "timeline" || kiosk.visit.screen === "attract" ? views.eventIndex(kiosk.visit.item) : lastSelected
    property int lastSelected: -1
    onSelectedChanged: {
        lastSelected = selected
        if (selected >= 0)
            Qt.callLater(revealEvent, selected)
    }

    Accessible.role: Accessible.Pane
    Accessible.name: kiosk.strings.timeline

    // one card width: the unit of the timeline's layout (kiosk.core.presentation.timeline.timeline_layout)
    readonly property real unit: Math.round(Math.min(Theme.mm(78), track.width * 0.42))
    readonly property real axisBand: Math.round(Theme.captionSize * 2.2)
    readonly property real axisY: eraStrip.height + (track.height - eraStrip.height) / 2
    readonly property real lead: Theme.margin

    function select(index) {
        if (index < 0 || index >= views.events.count)
            return
        kiosk.visit.select(views.events.get(index, "eventId"))
        kiosk.recordFeature("timeline.event")
    }
    function closeDetail() { kiosk.visit.select("") }
    // the strip's width beside the detail (which shows whenever an event is selected)
    readonly property real trackWidth: Theme.portrait || selected < 0 ? area.width : area.width - detail.width
    function revealEvent(index) {
        const x = lead + views.events.get(index, "cardX") * unit
        const target = Math.max(0, Math.min(flick.contentWidth - trackWidth, x - (trackWidth - unit) / 2))
        scroller.to = target
        scroller.restart()
    }
    Connections {
        target: screen.kiosk.visit
        function onLocationChanged() {
            if (screen.kiosk.visit.screen === "attract")
                flick.contentX = 0
        }
    }

    Rectangle { anchors.fill: parent; color: Theme.paper }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ScreenHeader {
            title: screen.kiosk.strings.timeline
            hint: screen.kiosk.strings.timeline_hint
        }

        Item {
            id: area
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.topMargin: Theme.gap

            Item {
                id: track
                x: 0
                y: 0
                width: screen.trackWidth
                height: Theme.portrait && detail.shown ? area.height - detail.height : area.height

                Flickable {
                    id: flick
                    objectName: "timelineFlick"
                    anchors.fill: parent
                    clip: true
                    contentWidth: screen.lead * 2 + screen.views.timelineWidth * screen.unit
                    contentHeight: height
                    flickableDirection: Flickable.HorizontalFlick
                    boundsBehavior: Flickable.StopAtBounds
                    flickDeceleration: 1500
                    Accessible.role: Accessible.List
                    Accessible.name: screen.kiosk.strings.timeline
                    NumberAnimation { id: scroller; target: flick; property: "contentX"; duration: Theme.normal * 1.5; easing.type: Easing.OutCubic }

                    // eras: a faint band across the height, its title in the strip at the top. All the bands
                    // first, then all the titles: eras overlap in time, and a later band must not cover an
                    // earlier era's title.
                    Repeater {
                        model: screen.views.eras
                        delegate: Rectangle {
                            required property string eraId
                            required property real begin
                            required property real span
                            required property int row
                            required property int index
                            objectName: "eraBand_" + eraId
                            x: screen.lead + begin * screen.unit
                            y: eraStrip.rowHeight * row
                            width: span * screen.unit
                            height: flick.height - y
                            color: index % 2 === 0 ? Theme.paperDark : "transparent"
                            opacity: 0.55
                        }
                    }
                    Repeater {
                        model: screen.views.eras
                        delegate: Item {
                            required property string eraId
                            required property string title
                            required property real begin
                            required property real span
                            required property int row
                            Rectangle {
                                x: screen.lead + parent.begin * screen.unit
                                y: eraStrip.rowHeight * parent.row
                                width: parent.span * screen.unit
                                height: Math.max(2, Math.round(Theme.mm(0.8)))
                                color: Theme.red
                            }
                            Text {
                                // the era's name stays in view while any of the era is
                                objectName: "era_" + parent.eraId
                                readonly property real first: screen.lead + parent.begin * screen.unit + Theme.gap
                                readonly property real last: screen.lead + (parent.begin + parent.span) * screen.unit - Theme.gap - width
                                x: Math.max(first, Math.min(last, flick.contentX + Theme.gap))
                                y: eraStrip.rowHeight * parent.row + Theme.gap
                                width: Math.min(implicitWidth, Math.max(Theme.mm(10), parent.span * screen.unit - 2 * Theme.gap))
                                text: parent.title
                                color: Theme.redDark
                                font.family: Theme.sans
                                font.bold: true
                                font.pixelSize: Theme.captionSize
                                wrapMode: Text.WordWrap
                                Accessible.name: text
                            }
                        }
                    }
                    Item {
                        id: eraStrip
                        readonly property real rowHeight: Math.round(Theme.captionSize * 1.5 + Theme.gap * 2)
                        width: 1
                        height: rowHeight * 2 + Theme.gap
                    }

                    // the axis, its ticks and labels
                    Rectangle {
                        x: screen.lead
                        y: screen.axisY - height / 2
                        width: screen.views.timelineWidth * screen.unit
                        height: Math.max(3, Math.round(Theme.mm(1)))
                        color: Theme.ink
                    }
                    Repeater {
                        model: screen.views.ticks
                        delegate: Item {
                            required property real at
                            required property string label
                            required property bool major
                            required property real room
                            // the dates read over the lines that join the cards to the axis, not struck through
                            z: 1
                            Rectangle {
                                x: screen.lead + parent.at * screen.unit
                                y: screen.axisY - height / 2
                                width: parent.major ? Math.max(2, Math.round(Theme.mm(0.7))) : 1
                                height: parent.major ? Theme.mm(6) : Theme.mm(3)
                                color: Theme.ink
                            }
                            Text {
                                // every year shows; a month's name only where it ends clear of the next tick
                                visible: parent.major || Theme.mm(1) + implicitWidth + Theme.gap <= parent.room * screen.unit
                                x: screen.lead + parent.at * screen.unit + Theme.mm(1)
                                y: screen.axisY + Theme.mm(1.5)
                                text: parent.label
                                color: parent.major ? Theme.ink : Theme.inkSoft
                                font.family: Theme.sans
                                font.bold: parent.major
                                font.pixelSize: Theme.captionSize
                                style: Text.Outline
                                styleColor: Theme.paper
                                Accessible.ignored: true
                            }
                        }
                    }

                    // the events
                    Repeater {
                        id: cards
                        model: screen.views.events
                        delegate: Item {
                            id: event
                            required property int index
                            required property string eventId
                            required property string dateLabel
                            required property string title
                            required property real cardX
                            required property real axisX
                            required property int lane
                            readonly property bool above: lane % 2 === 0
                            readonly property bool isSelected: screen.selected === index
                            // cards above the axis hang from their connector; those below stand on it
                            readonly property real cardY: above ? screen.axisY - screen.axisBand / 2 - Theme.gap * 2 - card.height
                                                                : screen.axisY + screen.axisBand / 2 + Theme.gap * 2

                            // the line from the card to its date, and the dot on the axis
                            Rectangle {
                                x: screen.lead + event.axisX * screen.unit - width / 2
                                y: event.above ? event.cardY + card.height : screen.axisY
                                width: Theme.outlineWidth
                                height: event.above ? screen.axisY - y : event.cardY - screen.axisY
                                color: event.isSelected ? Theme.red : Theme.inkSoft
                            }
                            Rectangle {
                                readonly property real side: Math.round(Theme.mm(3.2))
                                x: screen.lead + event.axisX * screen.unit - side / 2
                                y: screen.axisY - side / 2
                                width: side
                                height: side
                                radius: side / 2
                                color: event.isSelected ? Theme.red : Theme.ink
                            }
                            Rectangle {
                                id: card
                                objectName: "event_" + event.eventId
                                x: screen.lead + event.cardX * screen.unit
                                y: event.cardY
                                width: screen.unit
                                height: lines.implicitHeight + 2 * lines.y
                                radius: Theme.radius
                                color: event.isSelected ? Theme.paper : (touch.pressed ? Theme.paper : Theme.paperDark)
                                border.width: event.isSelected ? Theme.pressedWidth : Theme.ruleWidth
                                border.color: event.isSelected ? Theme.red : Theme.ruleStrong
                                clip: true
                                Accessible.role: Accessible.Button
                                Accessible.name: event.dateLabel + ". " + event.title
                                Accessible.selected: event.isSelected
                                Accessible.onPressAction: screen.select(event.index)
                                Column {
                                    id: lines
                                    x: Theme.gap * 1.5
                                    y: Theme.gap * 1.2
                                    width: parent.width - 2 * x
                                    spacing: Math.round(Theme.gap / 2)
                                    Text {
                                        width: parent.width
                                        text: event.dateLabel
                                        color: Theme.redDark
                                        font.family: Theme.mono
                                        font.pixelSize: Theme.captionSize
                                        wrapMode: Text.WordWrap
                                        Accessible.ignored: true
                                    }
                                    Text {
                                        objectName: "eventTitle_" + event.eventId
                                        width: parent.width
                                        text: event.title
                                        color: Theme.ink
                                        font.family: Theme.serif
                                        font.bold: true
                                        font.pixelSize: Theme.compactSize
                                        lineHeight: 1.15
                                        wrapMode: Text.WordWrap
                                        Accessible.ignored: true
                                    }
                                }
                                TapHandler {
                                    id: touch
                                    onTapped: screen.select(event.index)
                                }
                            }
                        }
                    }
                }
            }

            Rectangle {
                // the year at the left edge of the strip, so a visitor in the middle of it knows when they are
                objectName: "yearInView"
                x: 0
                y: screen.axisY - screen.axisBand / 2 - height
                width: yearText.implicitWidth + Theme.gap * 2
                height: yearText.implicitHeight + Theme.gap
                color: Theme.paper
                visible: text !== "" && flick.contentX > screen.lead
                readonly property string text: {
                    const at = (flick.contentX - screen.lead) / screen.unit
                    let year = ""
                    for (let i = 0; i < screen.views.ticks.count; i++) {
                        if (screen.views.ticks.get(i, "at") > at + 0.05)
                            break
                        year = String(screen.views.ticks.get(i, "year"))
                    }
                    return year
                }
                Text {
                    id: yearText
                    anchors.centerIn: parent
                    text: parent.text
                    color: Theme.ink
                    font.family: Theme.sans
                    font.bold: true
                    font.pixelSize: Theme.captionSize
                    Accessible.ignored: true
                }
            }

            EventDetail {
                id: detail
                objectName: "eventDetail"
                kiosk: screen.kiosk
                event: screen.selected
                shown: screen.selected >= 0
                x: Theme.portrait ? 0 : area.width - width
                y: Theme.portrait ? area.height - height : 0
                width: Theme.portrait ? area.width : Math.round(Math.max(area.width * 0.25, Math.min(area.width * 0.5, Theme.bodySize * 26)))
                height: Theme.portrait ? Math.round(area.height * 0.52) : area.height
                onClosed: screen.closeDetail()
            }
        }

        BottomBar {
            Layout.fillWidth: true
            kiosk: screen.kiosk
            KButton {
                objectName: "previousEventButton"
                text: screen.kiosk.strings.previous
                icon: "fa6s.chevron-left"
                enabled: screen.selected !== 0
                onActivated: screen.select(screen.selected < 0 ? 0 : screen.selected - 1)
            }
            KButton {
                objectName: "nextEventButton"
                focus: true
                text: screen.kiosk.strings.next
                icon: "fa6s.chevron-right"
                enabled: screen.selected < screen.views.events.count - 1
                onActivated: screen.select(screen.selected + 1)
            }
        }
    }

    Keys.onLeftPressed: select(selected < 0 ? 0 : selected - 1)
    Keys.onRightPressed: select(selected + 1)
    Keys.onPressed: (event) => {
        if (event.key === Qt.Key_Escape && selected >= 0) {
            closeDetail()
            event.accepted = true
        } else if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter) && selected >= 0 && detail.slideLink !== "") {
            kiosk.visit.openLink(detail.slideLink)
            event.accepted = true
        }
    }
}
