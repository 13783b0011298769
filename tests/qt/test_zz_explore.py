from qtkit import *

def test_explore(kiosk_app, qtbot):
    w = kiosk_app.window
    t = find(qtbot, w, "exhibitTitle")
    th = kiosk_app.engine.singletonInstance("kiosk.qml", "Theme")
    print("THEME", th, {k: th.property(k) for k in ["onNight", "onNightSoft", "night", "highContrast", "gold", "paper"]})
    print("COLOR", t.property("color"))
