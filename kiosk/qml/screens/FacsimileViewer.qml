pragma ComponentBehavior: Bound
import QtQuick
import kiosk.qml

// The facsimile pages, stacked, on the dark surround: pinch (centred on the fingers), double tap and keys
// zoom; a finger pans with inertia; the bounds keep the page in view. Pages are decoded at the size shown,
// and again larger only when zoomed in. The paragraph being read is outlined on the page.
//
// Geometry: "sheet units" are pixels of the sheet at zoom 1 (every page fitting the viewport); content
// position = sheet point * zoom + the sheet's offset at that zoom - the viewport point.
Item {
    id: viewer

    required property var pages        // list model: page, src, alt, aspect
    required property var paragraphs   // list model: index, page, hasBox, boxX, boxY, boxW, boxH
    property int current: -1           // paragraph outlined on the page
    property real zoom: 1
    readonly property real minZoom: 1
    // Up to the page scan's own pixels on this screen, so that a big screen never shows a blur of the typing;
    // yet at least twice the fit, which reading the typing up close needs.
    readonly property int scanWidth: pageCount > 0 ? (pages.get(0, "pixelWidth") || 0) : 0
    readonly property real scanZoom: scanWidth > 0 ? scanWidth / (pageWidth * Screen.devicePixelRatio) : 4
    readonly property real maxZoom: Math.max(2, Math.min(4, scanZoom))
    readonly property bool zoomed: zoom > 1.05
    readonly property alias flickable: flick
    readonly property bool interacting: pinch.active || flick.moving || settle.running

    // the visitor moved the pages (a pan, a pinch, a double tap): the view asks which paragraph is in view
    signal viewMovedByVisitor()

    readonly property real pad: Theme.gap * 2
    readonly property int pageCount: repeater.count
    readonly property real aspect: pageCount > 0 ? (pages.get(0, "aspect") || 0.707) : 0.707
    readonly property real pageWidth: Math.max(1, Math.min(width - 2 * pad, (height - 2 * pad) * aspect))
    readonly property real pageHeight: pageWidth / aspect
    readonly property real pageGap: Theme.gap * 3
    readonly property real sheetWidth: pageWidth
    readonly property real sheetHeight: pageCount * pageHeight + Math.max(0, pageCount - 1) * pageGap
    // the decode size steps up with the zoom, so a small zoom never re-decodes and fit never loads the largest
    readonly property real decodeScale: zoom < 1.4 ? 1 : (zoom < 2.8 ? 2 : 4)
    readonly property int decodeWidth: Math.ceil(pageWidth * Math.min(decodeScale, maxZoom) * Screen.devicePixelRatio)

    function offsetX(z) { return Math.max(pad, (width - sheetWidth * z) / 2) }
    function offsetY(z) { return Math.max(pad, (height - sheetHeight * z) / 2) }
    function contentW(z) { return Math.max(width, sheetWidth * z + 2 * pad) }
    function contentH(z) { return Math.max(height, sheetHeight * z + 2 * pad) }
    function clampZoom(z) { return Math.max(minZoom, Math.min(maxZoom, z)) }
    function pageTop(i) { return i * (pageHeight + pageGap) }

    // the sheet point under a viewport point, now
    function sheetPointAt(vx, vy) {
        return Qt.point((flick.contentX + vx - offsetX(zoom)) / zoom, (flick.contentY + vy - offsetY(zoom)) / zoom)
    }
    // show sheet point u under viewport point p at zoom z, within bounds
    function place(z, u, p) {
        zoom = z
        flick.contentX = Math.max(0, Math.min(contentW(z) - width, u.x * z + offsetX(z) - p.x))
        flick.contentY = Math.max(0, Math.min(contentH(z) - height, u.y * z + offsetY(z) - p.y))
    }

    // --- animated moves: interpolate zoom (geometrically), the sheet point and where it shows -----------
    property real _z0: 1
    property real _z1: 1
    property point _u0
    property point _u1
    property point _p0
    property point _p1
    property real progress: 0
    onProgressChanged: {
        if (!settle.running)
            return
        const t = progress
        place(t >= 1 ? _z1 : _z0 * Math.pow(_z1 / _z0, t),
              Qt.point(_u0.x + (_u1.x - _u0.x) * t, _u0.y + (_u1.y - _u0.y) * t),
              Qt.point(_p0.x + (_p1.x - _p0.x) * t, _p0.y + (_p1.y - _p0.y) * t))
    }
    NumberAnimation {
        id: settle
        target: viewer
        property: "progress"
        from: 0
        to: 1
        duration: Theme.normal
        easing.type: Easing.OutCubic
        onFinished: {
            viewer._remember()
            if (viewer._byVisitor)
                viewer.viewMovedByVisitor()
        }
    }
    property bool _byVisitor: false
    function moveTo(z, u, p, animated, byVisitor) {
        flick.cancelFlick()
        settle.stop()
        z = clampZoom(z)
        _byVisitor = byVisitor === true
        if (!animated) {
            place(z, u, p)
            _remember()
            if (_byVisitor)
                viewMovedByVisitor()
            return
        }
        _z0 = zoom; _z1 = z
        const centre = Qt.point(width / 2, height / 2)
        _u0 = sheetPointAt(centre.x, centre.y); _p0 = centre
        // the end point is expressed at the viewport centre too, so the path is a straight glide
        _u1 = Qt.point(u.x + (centre.x - p.x) / z, u.y + (centre.y - p.y) / z); _p1 = centre
        progress = 0
        settle.start()
    }

    // zoom about a viewport point (buttons and keys use the centre)
    function zoomBy(factor, vx, vy) {
        const p = Qt.point(vx === undefined ? width / 2 : vx, vy === undefined ? height / 2 : vy)
        if (settle.running && vx === undefined) // a second press while the first still glides: go on from its end
            moveTo(_z1 * factor, _u1, _p1, true, true)
        else
            moveTo(zoom * factor, sheetPointAt(p.x, p.y), p, true, true)
    }
    function panBy(dx, dy) {
        const centre = Qt.point(width / 2, height / 2)
        if (settle.running)
            moveTo(_z1, Qt.point(_u1.x + dx / _z1, _u1.y + dy / _z1), centre, true, true)
        else
            moveTo(zoom, sheetPointAt(centre.x + dx, centre.y + dy), centre, true, true)
    }
    // back to the whole page that is most in view
    function reset(animated, byVisitor) {
        const page = pageInView()
        const u = Qt.point(sheetWidth / 2, pageTop(page - 1) + pageHeight / 2)
        moveTo(1, u, Qt.point(width / 2, height / 2), animated, byVisitor)
    }
    function showPage(page, animated, byVisitor) {
        moveTo(1, Qt.point(sheetWidth / 2, pageTop(page - 1) + pageHeight / 2), Qt.point(width / 2, height / 2), animated, byVisitor)
    }
    // zoom so that a paragraph's box fills the width, centred
    function focusParagraph(index, animated) {
        if (index < 0 || index >= paragraphs.count)
            return
        if (!paragraphs.get(index, "hasBox")) {
            showPage(paragraphs.get(index, "page"), animated)
            return
        }
        const bw = paragraphs.get(index, "boxW") * pageWidth
        const bh = paragraphs.get(index, "boxH") * pageHeight
        const z = clampZoom(Math.min(width * 0.9 / bw, height * 0.8 / bh, 2.6))
        const u = Qt.point((paragraphs.get(index, "boxX") + paragraphs.get(index, "boxW") / 2) * pageWidth,
                           pageTop(paragraphs.get(index, "page") - 1) + (paragraphs.get(index, "boxY") + paragraphs.get(index, "boxH") / 2) * pageHeight)
        moveTo(z, u, Qt.point(width / 2, height / 2), animated)
    }

    readonly property int pageInViewNow: { void flick.contentY; void zoom; void height; return pageInView() }

    // the page (1-based) with the most of it on screen, and where the reading point falls on a page
    function pageInView() {
        const top = (flick.contentY - offsetY(zoom)) / zoom
        const bottom = top + height / zoom
        let best = 1, bestShown = -1
        for (let i = 0; i < pageCount; i++) {
            const shown = Math.min(bottom, pageTop(i) + pageHeight) - Math.max(top, pageTop(i))
            if (shown > bestShown) { best = i + 1; bestShown = shown }
        }
        return best
    }
    function pointOnPage(vx, vy) {
        const u = sheetPointAt(vx, vy)
        let page = 1
        for (let i = 0; i < pageCount; i++)
            if (u.y >= pageTop(i) - pageGap / 2) page = i + 1
        return { page: page, fx: u.x / pageWidth, fy: (u.y - pageTop(page - 1)) / pageHeight }
    }

    // the same sheet point stays in the middle when the viewport changes size (rotation, split)
    property point _centre
    property bool _placed: false
    function _remember() {
        if (_placed)
            _centre = sheetPointAt(width / 2, height / 2)
    }
    onWidthChanged: Qt.callLater(_restore)
    onHeightChanged: Qt.callLater(_restore)
    onPageCountChanged: Qt.callLater(_restore)
    function _restore() {
        if (width <= 0 || height <= 0 || pageCount === 0)
            return
        if (!_placed) {
            _placed = true
            showPage(1, false)
        } else {
            place(zoom, _centre, Qt.point(width / 2, height / 2))
        }
    }

    Rectangle { anchors.fill: parent; color: Theme.night }

    Flickable {
        id: flick
        objectName: "facsimileFlick"
        anchors.fill: parent
        clip: true
        contentWidth: viewer.contentW(viewer.zoom)
        contentHeight: viewer.contentH(viewer.zoom)
        boundsBehavior: Flickable.StopAtBounds
        flickDeceleration: 2500
        maximumFlickVelocity: Theme.mm(900)
        interactive: !pinch.active
        onMovementEnded: { viewer._remember(); viewer.viewMovedByVisitor() }
        onContentXChanged: if (!moving && !pinch.active && !settle.running) viewer._remember()
        onContentYChanged: if (!moving && !pinch.active && !settle.running) viewer._remember()

        Item {
            id: sheet
            objectName: "facsimileSheet"
            x: viewer.offsetX(viewer.zoom)
            y: viewer.offsetY(viewer.zoom)
            width: viewer.sheetWidth * viewer.zoom
            height: viewer.sheetHeight * viewer.zoom

            Repeater {
                id: repeater
                model: viewer.pages
                delegate: Rectangle {
                    id: pageItem
                    required property int index
                    required property string src
                    required property string alt
                    objectName: "facsimilePage_" + (index + 1)
                    y: viewer.pageTop(index) * viewer.zoom
                    width: viewer.pageWidth * viewer.zoom
                    height: viewer.pageHeight * viewer.zoom
                    color: Theme.paperDark
                    Image {
                        objectName: "facsimileImage_" + (pageItem.index + 1)
                        anchors.fill: parent
                        asynchronous: true
                        retainWhileLoading: true
                        smooth: true
                        mipmap: false
                        fillMode: Image.Stretch
                        sourceSize.width: viewer.decodeWidth
                        source: viewer.visible && pageItem.src !== "" ? "image://media/" + pageItem.src : ""
                        Accessible.role: Accessible.Graphic
                        Accessible.name: pageItem.alt
                    }
                }
            }

            Rectangle {
                // the paragraph being read, outlined on its page
                objectName: "facsimileHighlight"
                readonly property bool shown: viewer.current >= 0 && viewer.current < viewer.paragraphs.count
                                              && viewer.paragraphs.get(viewer.current, "hasBox") === true
                visible: shown
                readonly property real margin: Theme.mm(1.2)
                x: shown ? viewer.paragraphs.get(viewer.current, "boxX") * viewer.pageWidth * viewer.zoom - margin : 0
                y: shown ? (viewer.pageTop(viewer.paragraphs.get(viewer.current, "page") - 1)
                            + viewer.paragraphs.get(viewer.current, "boxY") * viewer.pageHeight) * viewer.zoom - margin : 0
                width: shown ? viewer.paragraphs.get(viewer.current, "boxW") * viewer.pageWidth * viewer.zoom + 2 * margin : 0
                height: shown ? viewer.paragraphs.get(viewer.current, "boxH") * viewer.pageHeight * viewer.zoom + 2 * margin : 0
                color: Theme.highlight
                border.width: Theme.outlineWidth
                border.color: Theme.red
                radius: Theme.radius
                Behavior on x { enabled: !viewer.interacting; NumberAnimation { duration: Theme.normal; easing.type: Easing.OutCubic } }
                Behavior on y { enabled: !viewer.interacting; NumberAnimation { duration: Theme.normal; easing.type: Easing.OutCubic } }
                Behavior on height { enabled: !viewer.interacting; NumberAnimation { duration: Theme.normal; easing.type: Easing.OutCubic } }
            }
        }

        PinchHandler {
            id: pinch
            objectName: "facsimilePinch"
            target: null
            property real startZoom: 1
            property point anchor
            onActiveChanged: {
                if (active) {
                    settle.stop()
                    flick.cancelFlick()
                    startZoom = viewer.zoom
                    const c = viewer.mapFromItem(null, centroid.scenePosition)
                    anchor = viewer.sheetPointAt(c.x, c.y)
                } else {
                    flick.returnToBounds()
                    viewer._remember()
                    viewer.viewMovedByVisitor()
                }
            }
            onActiveScaleChanged: follow()
            onCentroidChanged: follow()
            function follow() {
                if (!active)
                    return
                // the sheet point first under the fingers stays under their centre, at the new zoom
                const c = viewer.mapFromItem(null, centroid.scenePosition)
                viewer.place(viewer.clampZoom(startZoom * activeScale), anchor, c)
            }
        }

        TapHandler {
            objectName: "facsimileTaps"
            onDoubleTapped: (point) => {
                const v = flick.mapFromItem(null, point.scenePosition)
                if (viewer.zoom < 1.6)
                    viewer.moveTo(2.5, viewer.sheetPointAt(v.x, v.y), v, true, true)
                else
                    viewer.reset(true, true)
            }
        }
    }

}
