#!/usr/bin/env bash
# Prepare this checkout for `make test`, `make run` or a build: the system libraries Qt needs, the virtualenv
# with the project installed, then the generated media. Safe to run again: with nothing changed it does no apt
# or pip work and takes a fraction of a second, plus the media generator's own up-to-date check.
#
#   scripts/setup.sh [test|run|build]     (default: test)
set -euo pipefail

mode=${1:-test}
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Libraries Qt loads even offscreen, and the typefaces the app is designed in (PT Serif/Sans/Mono, with Cyrillic).
packages=(libegl1 libgl1 libopengl0 libfontconfig1 libfreetype6 libxkbcommon0 libglib2.0-0 libdbus-1-3 libx11-6
          fonts-dejavu-core fonts-paratype)
# The narration is spoken at build time (`kiosk media narrate`): espeak-ng speaks, oggenc (vorbis-tools) encodes.
packages+=(espeak-ng vorbis-tools)
# A real window goes through Qt's xcb plugin, which needs these on top.
xcb=(libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-randr0 libxcb-render-util0 libxcb-shape0
     libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1)
case $mode in
    # The end-to-end tests (tests/e2e) run the kiosk fullscreen under a real X server and drive it with xdotool,
    # and through AT-SPI as a screen reader does (a private session bus, the AT-SPI bus launcher and registry,
    # and pyatspi for the system python3, which runs tests/kits/atspi_driver.py).
    test) extra='[test]'; packages+=("${xcb[@]}" xvfb xdotool dbus-daemon at-spi2-core python3-pyatspi gir1.2-atspi-2.0) ;;
    build) extra='[build]' ;;
    run) extra=''; packages+=("${xcb[@]}") ;;
    *) echo "usage: $0 [test|run|build]" >&2; exit 2 ;;
esac
if [[ $mode == test && ${CI:-} == true ]]; then
    # CI also runs the frozen build inside the kiosk PC's Wayland session (tests/packaging/test_wayland_session.py):
    # the compositor, its X server, a screenshot tool, and the Wayland libraries the bundle's plugin loads;
    # and on a whole kiosk PC in a virtual machine (tests/packaging/test_vm.py): QEMU and debootstrap; the fleet's
    # guests are reached over SSH (tests/packaging/test_fleet_guests.py): the client and ssh-keygen.
    packages+=(cage xwayland grim libwayland-client0 libwayland-cursor0 libwayland-egl1
               qemu-system-x86 qemu-utils debootstrap openssh-client)
fi

if command -v dpkg-query >/dev/null; then
    installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${packages[@]}" 2>/dev/null || true)
    missing=()
    for package in "${packages[@]}"; do
        grep -qxF "$package ii " <<<"$installed" || missing+=("$package")
    done
    if ((${#missing[@]})); then
        if ((EUID == 0)); then
            echo "setup: installing ${missing[*]}"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq
            apt-get install -y -qq --no-install-recommends "${missing[@]}"
        else
            echo "setup: Qt needs system packages that are missing. Install them with:" >&2
            echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
            exit 1
        fi
    fi
else
    echo "setup: no dpkg here, so the system libraries Qt needs were not checked (see scripts/setup.sh)" >&2
fi

if [[ ! -x .venv/bin/python ]]; then
    echo "setup: creating .venv"
    python3 -m venv .venv
    # Stamps left in a .venv whose interpreter was lost describe packages that are gone.
    rm -f .venv/.setup-stamp-*
fi

# Reinstall only when pyproject.toml changed; each extra keeps its own stamp so that alternating
# `make test` and `make run` does not reinstall every time.
stamp=".venv/.setup-stamp-$mode"
want="$(sha256sum pyproject.toml | cut -d' ' -f1) .$extra"
if [[ ! -f $stamp || $(<"$stamp") != "$want" ]]; then
    echo "setup: installing the project into .venv (pip install -e '.$extra')"
    .venv/bin/python -m pip install -q -e ".$extra"
    echo "$want" >"$stamp"
fi

# `kiosk media generate` is incremental, so running it every time is cheap; older checkouts lack it.
# It never needs a screen, so it must not try to open one (CI has none).
if QT_QPA_PLATFORM=offscreen .venv/bin/kiosk media generate --help >/dev/null 2>&1; then
    QT_QPA_PLATFORM=offscreen .venv/bin/kiosk media generate
fi
# The spoken narration of every text (media/narration), also incremental.
if .venv/bin/kiosk media narrate --help >/dev/null 2>&1; then
    .venv/bin/kiosk media narrate
fi
# The QML compiled ahead (<1 s), as the build compiles the installed one's (kiosk/qt/qmlcache.py): the first start
# after a setup, whose QML cache is empty, takes it instead of compiling the attract screen before its first frame.
# A file that does not compile is the kiosk's and the tests' to report, not setup's.
QT_QPA_PLATFORM=offscreen .venv/bin/python -m kiosk.qt.qmlcache ||
    echo "setup: some QML did not compile ahead (above): Qt compiles it at the first start" >&2
