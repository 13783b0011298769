pragma ComponentBehavior: Bound
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
    // the layout follows the stage, which low reach makes shorter than the window
    Binding { target: Theme; property: "shortSide"; value: Math.min(stage.width, stage.height) }
    Binding { target: Theme; property: "showFocus"; value: window.kiosk.modes.keyboard }
    Binding { target: Theme; property: "portrait"; value: stage.height > stage.width }

    // Low reach: the rows 380-1220 mm above the floor (kiosk.core.visit.reach); the visitor's stage and the
    // overlays they operate move into them, and the exhibit's title rests calmly above.
    readonly property var reachBand: kiosk.reachBand(height, kiosk.pxPerMm)
    readonly property bool lowReach: kiosk.modes.lowReach && reachBand.usable
    Binding { target: Theme; property: "lowReachOffered"; value: window.reachBand.usable }

    AboveReach {
        visible: window.lowReach
        width: parent.width
        height: stage.y
        title: window.kiosk.title
    }

    FocusScope {
        id: stage
        objectName: "stage"
        y: window.lowReach ? window.reachBand.top : 0
        width: parent.width
        height: window.lowReach ? window.reachBand.bottom - window.reachBand.top : parent.height
        focus: true

        readonly property var screens: ({
            attract: attract, home: home, chapter: chapter, document: documentScreen,
            timeline: timeline, people: people, person: person, myth: myth
        })
        // Followed by hand from the first move on, not bound: a screen built as it is shown can move the visit
        // while the change is under way (a slide list settling on the visitor's slide), and a binding entered
        // again that way is dropped, with a warning, and could leave the stage on a screen the visit has left.
        property ScreenSlot current: visited()
        function visited(): ScreenSlot { return screens[window.kiosk.visit.screen] || home }
        Connections {
            target: window.kiosk.visit
            function onLocationChanged() { stage.current = stage.visited() }
        }
        // Only the screen showing is needed for the first frame. Home, the chapters, and the document and the myth
        // their slides open, where visits go next, are built in the background after it, a little per frame; the
        // timeline and the people when first asked for, as the change shows them (built up front, the far screens
        // held ~10 MB at 1920x1080 and raised the peak of the first screen change, docs/performance.md). A screen
        // once built stays built, with whatever the visitor left it at. The document and the myth show what a link
        // asks of them only once built: they are among the early ones.
        property bool firstFrameShown: false
        // The early screens are begun once the first frame's own handlers have run (the start-up probe, systemd's
        // readiness among them): compiling them inside those handlers held the frame's news back by as long.
        property bool buildingEarly: false

        // the attract screen, where every start and every visit ends, is compiled with this file; each of the
        // others from its own file when its slot is first active
        ScreenSlot { id: attract; AttractScreen { kiosk: window.kiosk; windowShown: stage.firstFrameShown } }
        ScreenSlot { id: home; early: true; file: "screens/HomeScreen.qml" }
        ScreenSlot { id: chapter; early: true; file: "screens/ChapterScreen.qml" }
        ScreenSlot { id: documentScreen; early: true; file: "screens/DocumentScreen.qml" }
        ScreenSlot { id: timeline; file: "screens/TimelineScreen.qml" }
        ScreenSlot { id: people; file: "screens/PeopleScreen.qml" }
        ScreenSlot { id: person; file: "screens/PersonScreen.qml" }
        ScreenSlot { id: myth; early: true; file: "screens/MythScreen.qml" }

        // A screen change dips through the paper: a veil thickens over the screen left until only paper shows,
        // the next screen takes its place beneath it, and the veil clears. One screen is drawn at every frame, and
        // no picture of a whole screen is kept for the change: the crossfade this replaced drew the screen left
        // into a layer and the software renderer a flipped copy of it, 16.6 MB at the change at 1920x1080
        // (docs/performance.md).
        // Drawn by the processor, a screen of more than twice full HD cannot be redrawn at 60 Hz (3840x2160: 5-8
        // frames a second on two cores): there the screens change at once, in one frame. The proof, which draws
        // only when it grabs, changes them at once too.
        property bool dips: !(GraphicsInfo.api === GraphicsInfo.Software && width * height > 2 * 1920 * 1080)
        // The change begins a frame after the touch or key that asked for it: that frame, cheap, shows the visitor
        // their touch was taken (the button let go) within a frame. It also lets the event that changed the screen
        // be handled first: a key that began the visit must not also move the focus on the screen it opened, as
        // the keypad does with a key no screen took. One frame at 60 Hz; the proof, which draws only when it
        // grabs, sets it to 0.
        property int changeDelay: 20
        // Where the screens change at once and the next one is built, that screen is itself the answer to the
        // touch: a frame of the screen left before it only put it off, by more than a frame (3840x2160: 25-30 ms
        // between the two, what the bench counted as dropped frames), so it is drawn in the touch's own frame,
        // still after the event that asked for it is handled (a timer of 0 fires once the event is done). A screen
        // still to be built waits the frame, as everywhere: building it takes longer than the touch's answer may.
        function changeAfter() {
            return !dips && current.status === Loader.Ready ? 0 : changeDelay
        }
        readonly property Timer change: Timer {
            onTriggered: {
                if (stage.dips && stage.drawn !== stage.current) {
                    stage.coming = stage.current
                    stage.dip.restart()
                } else {
                    stage.dip.stop()
                    veil.opacity = 0
                    stage.draw()
                }
            }
        }
        property ScreenSlot drawn: null
        // The screen a dip is under way to: finished, laid out and its pictures asked for while the veil thickens
        // over the screen left, but not drawn (its opacity is 0) until the veil hides that one. Made ready at the
        // depth of the dip instead, it took the frames the veil clears in, and its pictures came after the veil.
        property ScreenSlot coming: null
        readonly property bool changing: veil.visible
        // what the stage draws from now on: the current screen; a screen asked for is finished here, at once
        function draw() {
            drawn = current
            for (const slot of Object.values(screens))
                slot.opacity = slot === drawn ? 1 : 0
            coming = null
        }
        readonly property SequentialAnimation dip: SequentialAnimation {
            NumberAnimation { target: veil; property: "opacity"; to: 1; duration: Theme.fast; easing.type: Easing.OutQuad }
            ScriptAction { script: stage.draw() }
            NumberAnimation { target: veil; property: "opacity"; to: 0; duration: Theme.normal - Theme.fast; easing.type: Easing.OutCubic }
        }
        Rectangle {
            id: veil
            objectName: "screenVeil"
            anchors.fill: parent
            z: 1
            color: Theme.paper
            opacity: 0
            visible: opacity > 0
        }

        onCurrentChanged: {
            current.forceActiveFocus()
            change.interval = changeAfter()
            change.restart()
        }
        Component.onCompleted: {
            draw()
            current.forceActiveFocus()
        }

        Keys.onEscapePressed: window.kiosk.visit.goBack()
        Keys.onBackPressed: window.kiosk.visit.goBack()
    }

    Connections {
        target: window
        enabled: !stage.firstFrameShown
        function onFrameSwapped() {
            stage.firstFrameShown = true
            Qt.callLater(() => { stage.buildingEarly = true })
        }
    }

    // One screen's place on the stage: drawn while it is the current screen; what it shows is created when
    // it is first needed, at once if it is to be shown, else in the background after the first frame.
    component ScreenSlot: Loader {
        id: slot
        default property Component screen
        // A screen in a file of its own is compiled only when its slot is first active, so that a start compiles
        // the screen it shows, not all of them (with an empty QML cache, after an install or an update:
        // docs/performance.md). It is compiled here, at once, and the Loader is handed the compiled file: a
        // Loader left to compile a file itself, in the background, and then told to build at once, starts again
        // and forgets the kiosk it was given; and a screen compiled on Qt's loader thread came when that thread
        // got to it, which under load was after the visitor.
        property string file
        property Component compiled: null
        function compile() {
            if (!active || file === "" || source.toString() !== "")
                return
            compiled = Qt.createComponent(file, Component.PreferSynchronous, slot)
            setSource(file, { kiosk: window.kiosk })  // a file that failed to compile too: the Loader reports it
        }
        onActiveChanged: compile()
        readonly property bool showing: stage.current === slot
        anchors.fill: parent
        sourceComponent: screen
        // built in the background after the first frame, not only when first shown
        property bool early: false
        // A screen asked for is begun in the background at the touch and finished when the change begins (a frame
        // after it): the frame that shows the touch was taken does not wait for a screen to be built. Once asked
        // for, a slot stays active, even if the visitor moves on before the screen is built: it is built once.
        property bool asked: false
        active: showing || asked || (early && stage.buildingEarly)
        asynchronous: !visible
        opacity: 0  // set by the stage (draw)
        visible: opacity > 0 || stage.coming === slot
        enabled: showing
        onShowingChanged: asked = asked || showing
        Component.onCompleted: {
            asked = showing
            compile()
        }
        onLoaded: window.kiosk.audio.focusMadeScreen(item)
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

    // the overlays dim the whole window; what is operated on them lies where the stage is
    IdleWarning { anchors.fill: parent; kiosk: window.kiosk; reach: Qt.rect(stage.x, stage.y, stage.width, stage.height) }
    StaffAccess {
        anchors.fill: parent
        kiosk: window.kiosk
        reach: Qt.rect(stage.x, stage.y, stage.width, stage.height)
        onDismissed: stage.current.forceActiveFocus()
    }
    // the curator's tools, in preview only (kiosk run --preview): a kiosk neither compiles nor builds them
    Loader {
        objectName: "curatorOverlay"  // the proof checks leave it and everything in it out (kiosk.qt.proof.scene)
        anchors.fill: parent
        active: window.kiosk.preview
        Component.onCompleted: setSource(Qt.resolvedUrl("overlays/CuratorOverlay.qml"), { kiosk: window.kiosk })
    }
}
