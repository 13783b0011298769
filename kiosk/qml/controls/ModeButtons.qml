pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Testament
import kiosk.qml

// Language, reading modes and the audio guide. Each language is named in itself; with two languages one button switches.
// Low reach is offered where the screen reaches above a seated visitor (Theme.lowReachOffered); these buttons
// sit in the bottom bar, so a visitor in a wheelchair reaches its switch in the full layout too.
GridLayout {
    id: modes
    required property Kiosk kiosk
    property bool onNight: false
    // one row in landscape; rows of three on a portrait screen, which is too narrow for all of them in Russian
    columns: Theme.portrait ? 3 : -1
    rowSpacing: Theme.gap * 2
    columnSpacing: Theme.gap * 2

    Repeater {
        model: modes.kiosk.languages
        delegate: KButton {
            required property var modelData
            objectName: "language_" + modelData.code
            visible: modelData.code !== modes.kiosk.language
            text: modelData.name
            accessibleName: modelData.name
            icon: "fa6s.language"
            onNight: modes.onNight
            onActivated: modes.kiosk.setLanguage(modelData.code)
        }
    }
    KButton {
        objectName: "largeTextButton"
        text: modes.kiosk.strings.large_text
        icon: "fa6s.text-height"
        checked: modes.kiosk.modes.largeText
        onNight: modes.onNight
        onActivated: modes.kiosk.modes.setLargeText(!modes.kiosk.modes.largeText)
    }
    KButton {
        objectName: "contrastButton"
        text: modes.kiosk.strings.high_contrast
        icon: "fa6s.circle-half-stroke"
        checked: modes.kiosk.modes.highContrast
        onNight: modes.onNight
        onActivated: modes.kiosk.modes.setHighContrast(!modes.kiosk.modes.highContrast)
    }
    KButton {
        // for a visitor with headphones: each screen speaks as it opens, and each control as the focus reaches it
        objectName: "audioGuideButton"
        visible: modes.kiosk.audio.available
        text: modes.kiosk.strings.audio_guide
        icon: "fa6s.headphones"
        checked: modes.kiosk.audio.guide
        onNight: modes.onNight
        onActivated: modes.kiosk.audio.setGuide(!modes.kiosk.audio.guide)
    }
    KButton {
        objectName: "lowReachButton"
        visible: Theme.lowReachOffered
        text: modes.kiosk.strings.low_reach
        icon: "fa6s.wheelchair"
        checked: modes.kiosk.modes.lowReach
        onNight: modes.onNight
        onActivated: modes.kiosk.modes.setLowReach(!modes.kiosk.modes.lowReach)
    }
}
