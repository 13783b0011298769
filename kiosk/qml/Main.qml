import QtQuick
import QtQuick.Window
import Testament

Window {
    id: window
    required property Kiosk kiosk

    width: 1280
    height: 720
    visible: false
    color: Theme.night
    title: kiosk.title

    // a close request (window manager, Alt+F4) never ends a locked-down kiosk; staff use the PIN
    onClosing: (close) => { close.accepted = !window.kiosk.lockdown }

    Binding { target: Theme; property: "pxPerMm"; value: window.kiosk.pxPerMm }
    Binding { target: Theme; property: "minTargetMm"; value: window.kiosk.minTargetMm }
    Binding { target: Theme; property: "largeText"; value: window.kiosk.modes.largeText }
    Binding { target: Theme; property: "highContrast"; value: window.kiosk.modes.highContrast }
    Binding { target: Theme; property: "shortSide"; value: Math.min(window.width, window.height) }
    Binding { target: Theme; property: "showFocus"; value: window.kiosk.modes.keyboard }
    Binding { target: Theme; property: "portrait"; value: window.height > window.width }

    FocusScope {
        id: stage
        anchors.fill: parent
        focus: true

        readonly property var screens: ({
            attract: attract, home: home, chapter: chapter, document: documentScreen,
            timeline: timeline, people: people, person: person, myth: myth
        })
        readonly property Item current: screens[window.kiosk.visit.screen] || home

        // every screen exists from the start, so a touch switches at once; only the current one is shown
        AttractScreen { id: attract; kiosk: window.kiosk; anchors.fill: parent; opacity: stage.current === attract ? 1 : 0; enabled: stage.current === attract }
        HomeScreen { id: home; kiosk: window.kiosk; anchors.fill: parent; opacity: stage.current === home ? 1 : 0; enabled: stage.current === home }
        ChapterScreen { id: chapter; kiosk: window.kiosk; anchors.fill: parent; opacity: stage.current === chapter ? 1 : 0; enabled: stage.current === chapter }
        DocumentScreen { id: documentScreen; kiosk: window.kiosk; anchors.fill: parent; opacity: stage.current === documentScreen ? 1 : 0; enabled: stage.current === documentScreen }
        TimelineScreen { id: timeline; kiosk: window.kiosk; anchors.fill: parent; opacity: stage.current === timeline ? 1 : 0; enabled: stage.current === timeline }
        PeopleScreen { id: people; kiosk: window.kiosk; anchors.fill: parent; opacity: stage.current === people ? 1 : 0; enabled: stage.current === people }
        PersonScreen { id: person; kiosk: window.kiosk; anchors.fill: parent; opacity: stage.current === person ? 1 : 0; enabled: stage.current === person }
        MythScreen { id: myth; kiosk: window.kiosk; anchors.fill: parent; opacity: stage.current === myth ? 1 : 0; enabled: stage.current === myth }

        onCurrentChanged: current.forceActiveFocus()
        Component.onCompleted: current.forceActiveFocus()

        Keys.onEscapePressed: window.kiosk.visit.goBack()
        Keys.onBackPressed: window.kiosk.visit.goBack()
    }

    Rectangle {
        objectName: "contentErrorBanner"
        visible: window.kiosk.contentErrors !== ""
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        height: Math.min(parent.height * 0.4, errorsText.implicitHeight + Theme.gap * 2)
        color: Theme.errorBanner
        clip: true
        Text {
            id: errorsText
            x: Theme.gap
            y: Theme.gap
            width: parent.width - 2 * Theme.gap
            text: window.kiosk.contentErrors
            color: Theme.errorBannerText
            font.family: Theme.mono
            font.pixelSize: Theme.captionSize
            wrapMode: Text.WrapAnywhere
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }

    IdleWarning { anchors.fill: parent; kiosk: window.kiosk }
    StaffAccess { anchors.fill: parent; kiosk: window.kiosk; onDismissed: stage.current.forceActiveFocus() }
    CuratorOverlay { anchors.fill: parent; kiosk: window.kiosk }   // preview only (kiosk run --preview)
}
