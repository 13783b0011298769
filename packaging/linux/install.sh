#!/usr/bin/env bash
# Install (or update, or roll back) the Testament Kiosk on a Debian 12 / Ubuntu 22.04 or newer machine.
#
#   sudo ./install.sh [DIST] [--session cage|x11|none] [--user kiosk] [--no-nightly-restart]
#   sudo ./install.sh --rollback
#
# DIST is the built folder (dist/testament-kiosk; default: the folder this script was shipped in, i.e. run it
# as dist/testament-kiosk/deploy/install.sh). What it does:
#   1. installs the system packages the build needs (DIST/system-packages.txt) and those of the session;
#   2. creates the dedicated kiosk user (no password, autologin on tty1);
#   3. copies DIST to /opt/testament-kiosk/releases/<version>-<date>, runs its self-test as the kiosk user
#      (offscreen, with the kiosk's own settings and content) and only if that passes points
#      /opt/testament-kiosk/current at it; the release that was current stays as /opt/testament-kiosk/previous
#      (`--rollback` swaps them back); older releases are removed;
#   4. installs the systemd user units (the service with its watchdog, the cage session, the nightly restart
#      timer), the session script, the tty1 autologin and the session start (cage on Wayland, or xinit on X11);
#   5. restarts the kiosk if it is running (otherwise it starts with the next login/boot).
# Settings: ~kiosk/.config/testament-kiosk/kiosk.toml (created, all commented, if missing); logs:
# ~kiosk/.local/state/testament-kiosk/log/. See deploy/README.md.
#
# --prefix DIR and --no-system (no apt, users, autologin or systemctl; the current user) are for trying the
# release handling elsewhere; the tests use them.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prefix=/opt/testament-kiosk
user=kiosk
session=cage
nightly=1
system=1
rollback=0
dist=""

usage() { sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }
while (($#)); do
    case $1 in
        --session) session=$2; shift ;;
        --user) user=$2; shift ;;
        --prefix) prefix=$2; shift ;;
        --no-nightly-restart) nightly=0 ;;
        --no-system) system=0 ;;
        --rollback) rollback=1 ;;
        -h|--help) usage 0 ;;
        -*) echo "install.sh: unknown option $1" >&2; usage ;;
        *) dist=$1 ;;
    esac
    shift
done
case $session in cage|x11|none) ;; *) echo "install.sh: --session is cage, x11 or none" >&2; exit 2 ;; esac

say() { echo "install: $*"; }
die() { echo "install: $*" >&2; exit 1; }

if ((system)); then
    ((EUID == 0)) || die "run as root (sudo): it installs packages, a user and services"
    home=$(getent passwd "$user" | cut -d: -f6 || true)
else
    user=$(id -un)
    home=$HOME
fi

as_user() {
    if ((system)); then
        runuser -u "$user" -- env HOME="$home" XDG_RUNTIME_DIR="/run/user/$(id -u "$user")" "$@"
    else
        "$@"
    fi
}

# The kiosk user's systemd, through its private socket. (Not `systemctl --user -M kiosk@`: that goes through the
# user's D-Bus, which a minimal Debian does not run, and then finds nothing running.)
user_systemctl() { as_user systemctl --user "$@"; }

restart_if_running() {
    ((system)) || return 0
    if user_systemctl is-active --quiet testament-kiosk.service 2>/dev/null; then
        say "restarting the running kiosk"
        user_systemctl restart testament-kiosk.service
    fi
}

# --- rollback ---------------------------------------------------------------------------------------------
if ((rollback)); then
    [[ -L $prefix/previous ]] || die "no previous release in $prefix to roll back to"
    old_current=$(readlink "$prefix/current")
    old_previous=$(readlink "$prefix/previous")
    ln -sfn "$old_previous" "$prefix/current.new" && mv -T "$prefix/current.new" "$prefix/current"
    ln -sfn "$old_current" "$prefix/previous.new" && mv -T "$prefix/previous.new" "$prefix/previous"
    say "current is now $(basename "$old_previous") (was $(basename "$old_current"))"
    restart_if_running
    exit 0
fi

# --- the build --------------------------------------------------------------------------------------------
if [[ -z $dist ]]; then
    dist=$(cd "$here/.." && pwd)  # shipped as <dist>/deploy/install.sh
fi
[[ -x $dist/testament-kiosk && -x $dist/testament-kiosk-debug ]] \
    || die "$dist is not a kiosk build (no testament-kiosk executables): pass the dist/testament-kiosk folder"
version=$("$dist/testament-kiosk-debug" --version 2>/dev/null | sed -n '1s/^Testament Kiosk //p') || true
[[ -n $version ]] || die "$dist/testament-kiosk-debug --version did not run: is this the right machine (x86-64 Linux)?"
say "installing Testament Kiosk $version from $dist"

# --- system packages, user, session -----------------------------------------------------------------------
if ((system)); then
    packages=(libegl1 libgl1 libopengl0 libgbm1 libdrm2 libwayland-client0 libwayland-cursor0 libwayland-egl1
              libxcb1 fontconfig fonts-dejavu-core)
    if [[ -f $dist/system-packages.txt ]]; then
        mapfile -t listed < <(grep -v '^#' "$dist/system-packages.txt" | grep -v '^$')
        packages+=("${listed[@]}")
    fi
    case $session in
        # cage 0.1.4 (Debian 12) will not start without an X server for X clients: "Cannot create XWayland
        # server", and the session ends at once; its package only recommends it. cage runs as a user service
        # (testament-kiosk-session.service), outside the login session, so seatd gives it the screen and input.
        cage) packages+=(cage xwayland seatd) ;;
        # Qt's xcb plugin: the same list as scripts/setup.sh's run mode (a build machine without them lists
        # fewer in system-packages.txt).
        x11) packages+=(xserver-xorg-core xserver-xorg-input-libinput xinit x11-xserver-utils
                        libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-randr0 libxcb-render-util0
                        libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1) ;;
    esac
    say "installing system packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${packages[@]}"

    if ! getent passwd "$user" >/dev/null; then
        say "creating the kiosk user $user"
        # The screen (video, render) and the touchscreen (input); a minimal system may lack some of them.
        groups=()
        for group in video render input; do
            getent group "$group" >/dev/null && groups+=("$group")
        done
        useradd --create-home --shell /bin/bash ${groups:+--groups "$(IFS=,; echo "${groups[*]}")"} \
            --comment "Testament Kiosk" "$user"
        passwd --lock "$user" >/dev/null
    fi
    if [[ $session == cage ]]; then
        usermod --append --groups video "$user"  # seatd (Debian's unit runs `seatd -g video`) admits this group
    fi
    home=$(getent passwd "$user" | cut -d: -f6)
fi

# --- the release ------------------------------------------------------------------------------------------
release="$prefix/releases/$version-$(date +%Y%m%d-%H%M%S)"
[[ ! -e $release ]] || release+="-$$"  # two installs in one second
mkdir -p "$prefix/releases"
say "copying to $release"
cp -a "$dist" "$release.partial"
mv -T "$release.partial" "$release"

say "self-test of the new release (as $user, offscreen, with the kiosk's settings)"
if ! as_user env QT_QPA_PLATFORM=offscreen QT_QUICK_BACKEND=software "$release/testament-kiosk-debug" --self-test; then
    rm -rf "$release"
    die "the self-test failed: nothing was changed, the kiosk stays on its current release"
fi

if [[ -L $prefix/current ]]; then
    ln -sfn "$(readlink "$prefix/current")" "$prefix/previous.new" && mv -T "$prefix/previous.new" "$prefix/previous"
fi
ln -sfn "$release" "$prefix/current.new" && mv -T "$prefix/current.new" "$prefix/current"
previous=$(readlink "$prefix/previous" 2>/dev/null || echo none)
say "current -> $(basename "$release"), previous -> $(basename "$previous")"

# Keep the current and the previous release only.
keep_current=$(readlink -f "$prefix/current")
keep_previous=$(readlink -f "$prefix/previous" 2>/dev/null || true)
for old in "$prefix"/releases/*; do
    [[ -d $old ]] || continue
    resolved=$(readlink -f "$old")
    if [[ $resolved != "$keep_current" && $resolved != "$keep_previous" ]]; then
        say "removing old release $(basename "$old")"
        rm -rf "$old"
    fi
done

# --- session, units, settings -----------------------------------------------------------------------------
mkdir -p "$prefix/session"
install -m 0755 "$here/kiosk-session" "$prefix/session/kiosk-session"

units="$home/.config/systemd/user"
as_user mkdir -p "$units" "$home/.config/testament-kiosk"
for unit in testament-kiosk.service testament-kiosk-session.service testament-kiosk-restart.service \
            testament-kiosk-restart.timer; do
    sed "s|/opt/testament-kiosk|$prefix|g" "$here/$unit" >"$units/$unit"
done
if ((nightly)); then
    as_user mkdir -p "$units/timers.target.wants"
    ln -sfn ../testament-kiosk-restart.timer "$units/timers.target.wants/testament-kiosk-restart.timer"
else
    rm -f "$units/timers.target.wants/testament-kiosk-restart.timer"
fi

config="$home/.config/testament-kiosk/kiosk.toml"
if [[ ! -f $config ]]; then
    cat >"$config" <<'TOML'
# Testament Kiosk settings. Every key is optional; see deploy/README.md ("Settings").
[kiosk]
# name = "gallery-2-left"       # what `status --json` and a fleet report call this kiosk; the hostname when unset
[content]
# dir = "/home/kiosk/content"   # curators' content folder; the content bundled with the app when unset
[display]
# diagonal_inches = 32.0        # when the screen reports its size wrongly
[staff]
# pin_hash = "..."              # make one with: /opt/testament-kiosk/current/testament-kiosk-debug hash-pin 1234
[logging]
# level = "INFO"
TOML
fi

if ((system)); then
    chown -R "$user:" "$home/.config"

    if [[ $session == cage ]]; then
        # cage holds the screen through seatd; at shutdown the kiosk user's systemd (which stops the kiosk, then
        # cage) must go before seatd does, or cage loses the screen under a kiosk still closing its visit.
        mkdir -p "/etc/systemd/system/user@$(id -u "$user").service.d"
        cat >"/etc/systemd/system/user@$(id -u "$user").service.d/testament-kiosk-seatd.conf" <<CONF
# Testament Kiosk: stop the kiosk user's services (the kiosk, then cage) before seatd (installed by install.sh)
[Unit]
After=seatd.service
CONF
    fi

    # Autologin of the kiosk user on tty1, and its session started from its login shell there.
    mkdir -p /etc/systemd/system/getty@tty1.service.d
    cat >/etc/systemd/system/getty@tty1.service.d/testament-kiosk-autologin.conf <<CONF
# Testament Kiosk: log the kiosk user in on tty1 (installed by install.sh)
[Service]
ExecStart=
ExecStart=-/sbin/agetty --autologin $user --noclear %I \$TERM
CONF
    profile="$home/.profile"
    touch "$profile"
    sed -i '/# >>> testament-kiosk session >>>/,/# <<< testament-kiosk session <<</d' "$profile"
    case $session in
        # The login stays for as long as the session service runs; if it is stopped, the login ends and getty's
        # autologin starts it again. (Not `systemctl --user start --wait`: that needs the user's D-Bus, which a
        # minimal Debian does not run.)
        cage) start="systemctl --user start testament-kiosk-session.service
    while systemctl --user is-active --quiet testament-kiosk-session.service; do sleep 5; done
    exit" ;;
        x11) start="exec xinit $prefix/session/kiosk-session -- :0 vt1 -nocursor -s 0 -dpms -nolisten tcp" ;;
        none) start="" ;;
    esac
    if [[ -n $start ]]; then
        cat >>"$profile" <<PROFILE
# >>> testament-kiosk session >>>
if [ "\$(tty)" = /dev/tty1 ] && [ -z "\${WAYLAND_DISPLAY:-}\${DISPLAY:-}" ]; then
    $start
fi
# <<< testament-kiosk session <<<
PROFILE
    fi
    chown "$user:" "$profile"
    # The console itself must not blank before the session starts either.
    setterm --blank 0 --powerdown 0 </dev/tty1 >/dev/tty1 2>/dev/null || true
    if [[ -d /run/systemd/system ]]; then
        systemctl daemon-reload
        user_systemctl daemon-reload 2>/dev/null || true
        restart_if_running
    else
        # A chroot or a container being prepared as an image: everything is in place for the first boot.
        say "systemd is not running here: the autologin and the kiosk's units take effect at the next boot"
    fi
fi
say "done: Testament Kiosk $version is current ($prefix/current)"
