pragma Singleton
import QtQuick

// One place for the exhibit's look: palette, type and sizes in physical millimetres.
// Main.qml binds the inputs (screen density, visitor modes); everything else derives from them.
QtObject {
    id: theme

    // inputs
    property real pxPerMm: 3.78
    property real minTargetMm: 15
    property bool largeText: false
    property bool highContrast: false
    property real shortSide: 1080
    property bool portrait: false
    property bool showFocus: false
    property bool lowReachOffered: false  // the screen reaches above a seated visitor's reach (Main.qml)

    // palette (see shared/design/style-guide.md; contrast measured there)
    readonly property color paper: highContrast ? "#FFFFFF" : "#EFE6D2"
    readonly property color paperDark: highContrast ? "#FFFFFF" : "#E2D5B8"
    readonly property color ink: highContrast ? "#000000" : "#1F1B16"
    readonly property color inkSoft: highContrast ? "#000000" : "#4A4036"
    readonly property color red: highContrast ? "#000000" : "#A3242A"
    readonly property color redDark: highContrast ? "#000000" : "#7E1A1F"
    readonly property color night: highContrast ? "#000000" : "#16130F"
    // not "onNight": next to the "night" property QML reads "onNight: ..." as a handler and the colour stays unset
    readonly property color onNightText: highContrast ? "#FFFFFF" : "#EFE6D2"
    readonly property color onNightSoft: highContrast ? "#FFFFFF" : "#D9CDB4"
    readonly property color gold: highContrast ? "#FFFFFF" : "#C8A45A"
    readonly property color accentRule: highContrast ? "#000000" : "#A3242A"
    readonly property color focusOnPaper: highContrast ? "#000000" : "#7E1A1F"
    readonly property color focusOnNight: highContrast ? "#FFFFFF" : "#C8A45A"
    // the preview's banner of content problems: white on red-dark, white on black in high contrast
    readonly property color errorBanner: highContrast ? "#000000" : "#7E1A1F"
    readonly property color errorBannerText: "#FFFFFF"
    // the hairline round cards and panels on paper: ink-soft, faint; plain ink in high contrast
    readonly property color rule: highContrast ? ink : Qt.alpha(inkSoft, 0.35)
    readonly property color ruleStrong: highContrast ? ink : Qt.alpha(inkSoft, 0.45)
    // gold wash over the facsimile's paragraph in view; in high contrast only its outline shows
    readonly property color highlight: highContrast ? "transparent" : Qt.alpha(gold, 0.16)
    // night laid over what is behind (pictures, the exhibit under an overlay) so what is on it reads
    function scrim(alpha) { return Qt.alpha(night, alpha) }

    // the curator's preview tools (CuratorOverlay.qml): fixed pixels and colours, apart from what visitors see
    readonly property int toolTextSize: 14
    readonly property int toolDetailSize: 13
    readonly property color toolSurface: "#FFFFFF"
    readonly property color toolPanel: Qt.alpha("#F6F0E2", 0.97)
    readonly property color toolReach: "#2973D9"
    readonly property color toolReachText: "#0F3D7A"
    readonly property color toolGrid: Qt.alpha("#A3242A", 0.35)
    readonly property color toolError: "#D0202A"
    readonly property color toolWarning: "#C88A10"

    // type
    readonly property string serif: "PT Serif"
    readonly property string sans: "PT Sans"
    readonly property string mono: "PT Mono"
    readonly property real textScale: largeText ? 1.3 : 1.0
    // PT Sans' cap height is ~0.7 em: a 7.2 mm em gives the 5 mm cap height the style guide asks of body text.
    readonly property int bodySize: Math.round(mm(7.2) * textScale)
    readonly property int captionSize: Math.round(mm(5.8) * textScale)
    readonly property int headingSize: Math.round(mm(10.5) * textScale)
    readonly property int titleSize: Math.round(mm(15) * textScale)
    readonly property int displaySize: Math.round(mm(19))
    readonly property int quoteSize: Math.round(mm(8.6) * textScale)
    readonly property int buttonTextSize: Math.round(mm(6.2) * Math.min(textScale, 1.15))
    // steps between those: titles of cards and sections, and the smaller text of cards
    readonly property int subheadingSize: Math.round(headingSize * 0.85)
    readonly property int leadSize: Math.round(bodySize * 1.1)
    readonly property int compactSize: Math.round(bodySize * 0.95)
    readonly property real lineHeight: 1.4
    // typed text (PT Mono, 0.6 em a character) at body size, 65 characters to the line: the measure of the
    // document's transcript and of the letter in the myth interactive
    readonly property int typedMeasure: Math.round(bodySize * 0.6 * 65)

    // layout
    readonly property int target: Math.ceil(mm(minTargetMm))
    readonly property int gap: Math.round(mm(3))
    readonly property int margin: Math.round(Math.max(shortSide * 0.05, mm(10)))
    readonly property int barHeight: target + 2 * gap
    readonly property int radius: Math.round(mm(1.2))
    readonly property int focusWidth: Math.max(3, Math.round(mm(1)))
    readonly property int ruleWidth: 1
    readonly property int outlineWidth: Math.max(2, Math.round(mm(0.5)))  // a selected or marked thing
    readonly property int pressedWidth: Math.round(mm(0.8))  // a card's edge under the finger
    // what is current is tinted paper-dark; in high contrast that is white, so a 3 px outline marks it instead
    readonly property int currentOutlineWidth: highContrast ? 3 : 0

    // motion: respond first, animate second; nothing longer than 300 ms
    readonly property int fast: 120
    readonly property int normal: 240

    function mm(value) { return value * pxPerMm }
}
