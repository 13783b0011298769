#!/usr/bin/env bash
# The guest's half of the VM test (packaging/vm/vmtest.py is the host's). The base image's vm-test-runner
# unit runs this from the 9p share (/mnt/host) on every boot, once the machine is up (after
# multi-user.target). Each boot does the step named in /mnt/host/state and names the next one:
#
#   install        install.sh from the share, as a technician would; reboot
#   verify         the kiosk came up by itself: autologin, cage, READY=1, the screen; kill -9, a hang, a stop
#                  during a visit, the curators' content, a bad edit and the nightly restart, the cage session
#                  stopping, install.sh a second time and --rollback; then a reboot in the middle of a visit
#   after-reboot   how the kiosk ended before the reboot; then a visit and a content update, and a power cut
#   after-cut      the database and the content after the power cut; power off
#
# Results go to /mnt/host/results.env, one `name=value` line each, read by the host. The guest asks the host
# for what only the host can do (a screendump, a tap on the screen, pulling the plug) by creating a file in
# /mnt/host/requests/ and waiting for the host to remove it.
set -uo pipefail

share=/mnt/host
user=kiosk
home=/home/$user
db=$home/.local/share/testament-kiosk/analytics.sqlite3
kiosk_log=$home/.local/state/testament-kiosk/log/kiosk.log
prefix=/opt/testament-kiosk
unit=testament-kiosk.service

say() { echo "guest[$state]: $*"; }
result() { echo "$1=$2" >>"$share/results.env"; say "$1=$2"; }
fail() {
    result "failed" "$state: $*"
    # What the host's error message points to: the journal, the processes, the kiosk's log.
    journalctl -b -q --no-pager | tail -n 400 >"$share/failed-journal.txt"
    ps -eo pid,ppid,user,stat,etime,args --forest >"$share/failed-ps.txt"
    tail -n 200 "$kiosk_log" >"$share/failed-kiosk-log.txt" 2>&1
    next done
    systemctl poweroff
    exit 1
}
next() { echo "$1" >"$share/state.new" && mv "$share/state.new" "$share/state"; }
uptime_s() { cut -d' ' -f1 /proc/uptime; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# The kiosk user's systemd, through its private socket in XDG_RUNTIME_DIR. (Not `systemctl --user -M kiosk@`:
# each call of that opens a new login session of the kiosk user, and this script polls.)
kiosk_systemctl() { runuser -u "$user" -- env XDG_RUNTIME_DIR="/run/user/$(id -u "$user")" systemctl --user "$@"; }
prop() { kiosk_systemctl show -p "$1" --value "$unit"; }
# Seconds of CLOCK_MONOTONIC (the VM never suspends, so it is /proc/uptime's clock) at a unit timestamp.
prop_seconds() { awk -v us="$(prop "$1")" 'BEGIN { printf "%.2f", us / 1e6 }'; }
as_kiosk() { runuser -u "$user" -- "$@"; }
# As the kiosk user: a database file sqlite3 creates as root (-wal, -shm) would lock the kiosk out of its own.
query() { as_kiosk sqlite3 -batch -noheader "$db" "$1"; }

# Wait until the kiosk is active (READY=1: its first frame is on screen) with a main PID other than $1.
wait_ready() {
    local old_pid=$1 timeout=$2 started pid
    started=$(uptime_s)
    while :; do
        pid=$(prop MainPID 2>/dev/null || echo 0)
        if [[ $(prop ActiveState 2>/dev/null) == active && $pid != 0 && $pid != "$old_pid" ]]; then
            return 0
        fi
        if awk -v a="$started" -v b="$(uptime_s)" -v t="$timeout" 'BEGIN { exit !(b - a > t) }'; then
            return 1
        fi
        sleep 0.2
    done
}

request() {  # request NAME [ARGUMENT]: ask the host and wait until it has done it
    mkdir -p "$share/requests"
    echo "${2:-}" >"$share/requests/$1.new" && mv "$share/requests/$1.new" "$share/requests/$1"
    for _ in $(seq 600); do
        [[ -e $share/requests/$1 ]] || return 0
        sleep 0.2
    done
    fail "the host did not answer the request $1"
}

open_visit() {  # tap the attract screen, wait until the visit it starts is in the database, print its id
    local id
    request tap
    for _ in $(seq 150); do
        id=$(query "SELECT id FROM sessions WHERE duration_s IS NULL LIMIT 1" 2>/dev/null)
        [[ -n $id ]] && { echo "$id"; return 0; }
        sleep 0.2
    done
    return 1
}

visit_end() { query "SELECT COALESCE(end_reason, 'open') FROM sessions WHERE id = $1"; }

# How many lines of the kiosk's log since its last start match a pattern.
logged_since_start() { awk -v p="$1" '/starting; log file/ { n = 0 } $0 ~ p { n++ } END { print n + 0 }' "$kiosk_log"; }

content_status() { prop StatusText | sed -n 's/^content \([0-9a-f]*\).*/\1/p'; }

# What the kiosk user's systemd said about the kiosk's unit (starts, stops, watchdog); root reads the user's journal.
unit_journal() { journalctl -q --no-pager USER_UNIT="$unit" "$@"; }

# The kiosk's last stop by its user manager's journal (short-monotonic lines start with "[  123.456789]"):
# "<seconds from Stopping to Stopped> <clean, or what systemd said went wrong>", without the time runuser and
# systemctl take to start. (systemd logs nothing for a user unit that ended well, only when it did not.)
last_stop() {
    unit_journal -o short-monotonic "$@" | awk '{ t = $0; sub(/^\[ */, "", t); sub(/\].*/, "", t) }
        /Stopping testament-kiosk.service/ { s = t; how = "clean"; stopping = 1; next }
        stopping && how == "clean" && /Main process exited|Failed with result/ {
            how = $0; sub(/.*testament-kiosk.service: /, "", how); gsub(/ /, "_", how) }
        stopping && /Stopped testament-kiosk.service/ { d = t - s; last = how; stopping = 0 }
        END { if (d != "") printf "%.2f %s", d, last }'
}

# Core dumps of a program in a boot, but for the processes listed after the boot.
core_dumps() {
    local program=$1 boot=$2 dumps pid
    shift 2
    dumps=$(journalctl -b "$boot" -t systemd-coredump --no-pager -q | grep "($program)")
    for pid in "$@"; do
        dumps=$(grep -v "Process $pid " <<<"$dumps")
    done
    grep -c . <<<"$dumps" || true
}
cage_core_dumps() { core_dumps cage "${1:-0}"; }

state=$(cat "$share/state" 2>/dev/null || echo install)
say "boot at uptime $(uptime_s) s"

case $state in
install)
    result guest_kernel "$(uname -r)"
    started=$(uptime_s)
    # As packaging/README.md tells the technician: the build folder copied over, then its installer.
    bash "$share/testament-kiosk/deploy/install.sh" >"$share/install-1.log" 2>&1
    rc=$?
    result install_1_rc "$rc"
    result install_1_s "$(elapsed "$started" "$(uptime_s)")"
    ((rc == 0)) || fail "install.sh failed (install-1.log)"
    result release_1 "$(basename "$(readlink "$prefix/current")")"
    next verify
    systemctl reboot
    ;;

verify)
    # --- boot to the attract screen -----------------------------------------------------------------------
    wait_ready 0 300 || fail "the kiosk was not active 300 s after boot"
    result boot_ready_s "$(prop_seconds ActiveEnterTimestampMonotonic)"
    result boot_started_s "$(prop_seconds ExecMainStartTimestampMonotonic)"
    result autologin "$(loginctl list-sessions --no-legend | awk -v u="$user" '$3 == u { print $5 }' | head -n1)"
    pid=$(prop MainPID)
    result kiosk_exe "$(readlink "/proc/$pid/exe")"
    result compositor "$(ps -o comm= -p "$(ps -o ppid= -p "$(pgrep -u "$user" -x kiosk-session | head -n1)" | tr -d ' ')")"
    result platform "$(tr '\0' '\n' <"/proc/$pid/environ" | sed -n 's/^QT_QPA_PLATFORM=//p')"
    sleep 3  # the attract's fade-in
    request screendump attract

    # --- kill -9: systemd starts it again ---------------------------------------------------------------------
    started=$(uptime_s)
    kill -9 "$pid"
    wait_ready "$pid" 120 || fail "not back 120 s after kill -9"
    result kill9_restart_s "$(elapsed "$started" "$(prop_seconds ExecMainStartTimestampMonotonic)")"
    result kill9_ready_s "$(elapsed "$started" "$(prop_seconds ActiveEnterTimestampMonotonic)")"

    # --- a hang: the watchdog kills it and systemd starts it again ----------------------------------------------
    pid=$(prop MainPID)
    echo "$pid" >"$share/watchdog-pid"  # its core dump is the watchdog's SIGABRT at work, not a crash
    # systemctl prints it as a time span ("30s"); systemd-analyze gives it in microseconds.
    result watchdog_sec "$(systemd-analyze timespan "$(prop WatchdogUSec)" | awk '/μs:/ { print $2 / 1e6 }')"
    started=$(uptime_s)
    kill -STOP "$pid"
    wait_ready "$pid" 300 || fail "a hung kiosk was not restarted within 300 s"
    result watchdog_restart_s "$(elapsed "$started" "$(prop_seconds ExecMainStartTimestampMonotonic)")"
    result watchdog_ready_s "$(elapsed "$started" "$(prop_seconds ActiveEnterTimestampMonotonic)")"
    result watchdog_logged "$(unit_journal -b | grep -c 'Watchdog timeout')"

    # --- systemctl stop during a visit: a clean exit, the visit closed as "shutdown" ---------------------------
    visit=$(open_visit) || fail "a tap did not start a visit"
    result stop_visit_before "$(visit_end "$visit")"
    started=$(uptime_s)
    since=$(date +%s)
    kiosk_systemctl stop "$unit"
    result stop_command_s "$(elapsed "$started" "$(uptime_s)")"
    result stop_s "$(last_stop --since "@$since" | cut -d' ' -f1)"
    result stop_result "$(prop Result)"
    result stop_exit_status "$(prop ExecMainStatus)"
    result stop_visit_end "$(visit_end "$visit")"
    result stop_integrity "$(query 'PRAGMA integrity_check')"
    # The curators' content folder (kiosk.toml's [content] dir), as a link to a complete version (see after-reboot),
    # taken up by the next start.
    as_kiosk mkdir -p "$home/content-versions"
    as_kiosk cp -r "$share/content-A" "$home/content-versions/A"
    as_kiosk ln -sfn content-versions/A "$home/content"
    # As packaging/README.md says: uncomment the [content] dir line of the kiosk.toml that install.sh wrote.
    as_kiosk sed -i "s|^# dir = \"$home/content\".*|dir = \"$home/content\"|" "$home/.config/testament-kiosk/kiosk.toml"
    grep -q "^dir = \"$home/content\"" "$home/.config/testament-kiosk/kiosk.toml" || fail "no [content] dir line to uncomment"
    kiosk_systemctl start "$unit"
    wait_ready 0 300 || fail "the kiosk did not start again after the stop"
    result content_good "$(content_status)"

    # --- a bad content edit during the day, then the nightly restart: the kiosk stays on the last good content -----
    result timer_enabled "$(kiosk_systemctl is-enabled testament-kiosk-restart.timer)"
    result timer_next "$(kiosk_systemctl show -p NextElapseUSecRealtime --value testament-kiosk-restart.timer)"
    as_kiosk sed -i 's/"chapters": \[/"chapters": ["chapter-that-does-not-exist", /' "$home/content/exhibit.json"
    pid=$(prop MainPID)
    started=$(uptime_s)
    kiosk_systemctl start testament-kiosk-restart.service  # what the timer starts at 04:30
    wait_ready "$pid" 300 || fail "the nightly restart's service did not restart the kiosk"
    result nightly_restart_ready_s "$(elapsed "$started" "$(prop_seconds ActiveEnterTimestampMonotonic)")"
    result content_bad_source "$(sed -n 's/.*"content_hash": "\([0-9a-f]*\)".*/\1/p' \
        "$home/.local/share/testament-kiosk/last-good-content/LAST-GOOD.json")"
    result content_bad_logged_fallback "$(logged_since_start 'running on the last good copy')"
    result content_bad_logged_why "$(logged_since_start 'chapter-that-does-not-exist')"
    as_kiosk cp "$share/content-A/exhibit.json" "$home/content/exhibit.json"  # the curator fixes it

    # --- the session stops (as at shutdown): the kiosk first, then cage, both cleanly; the autologin brings it back --
    pid=$(prop MainPID)
    dumps=$(cage_core_dumps)
    started=$(uptime_s)
    since=$(date +%s)
    kiosk_systemctl stop testament-kiosk-session.service
    result session_stop_command_s "$(elapsed "$started" "$(uptime_s)")"
    result session_kiosk_stop_s "$(last_stop --since "@$since" | cut -d' ' -f1)"
    result session_result "$(kiosk_systemctl show -p Result --value testament-kiosk-session.service)"
    result session_cage_exit "$(kiosk_systemctl show -p ExecMainStatus --value testament-kiosk-session.service)"
    result session_kiosk_result "$(prop Result)"
    result session_kiosk_exit "$(prop ExecMainStatus)"
    wait_ready "$pid" 300 || fail "the kiosk did not come back after its session stopped"
    result session_restart_ready_s "$(elapsed "$started" "$(prop_seconds ActiveEnterTimestampMonotonic)")"
    result session_cage_core_dumps "$(($(cage_core_dumps) - dumps))"

    # --- install.sh a second time, then --rollback -----------------------------------------------------------------
    bash "$share/testament-kiosk/deploy/install.sh" >"$share/install-2.log" 2>&1
    result install_2_rc "$?"
    result release_2 "$(basename "$(readlink "$prefix/current")")"
    result release_2_previous "$(basename "$(readlink "$prefix/previous")")"
    wait_ready 0 300 || fail "no kiosk after the second install"
    pid=$(prop MainPID)
    "$prefix/current/deploy/install.sh" --rollback >"$share/rollback.log" 2>&1
    result rollback_rc "$?"
    result rollback_current "$(basename "$(readlink "$prefix/current")")"
    wait_ready "$pid" 300 || fail "no kiosk after --rollback"
    result rollback_exe "$(readlink "/proc/$(prop MainPID)/exe")"

    # --- a reboot in the middle of a visit -----------------------------------------------------------------------
    visit=$(open_visit) || fail "a tap did not start a visit (before the reboot)"
    echo "$visit" >"$share/reboot-visit"
    next after-reboot
    systemctl reboot
    ;;

after-reboot)
    # How the kiosk ended when the machine went down (the previous boot's journal, kept on disk).
    unit_journal -b -1 >"$share/reboot-journal.txt"
    read -r seconds how < <(last_stop -b -1)
    result reboot_stop_s "$seconds"
    result reboot_kiosk_exit "$how"
    result reboot_cage_core_dumps "$(cage_core_dumps -1)"
    # The watchdog's SIGABRT (with a SIGCONT) makes the hung kiosk dump core; any other dump is a crash.
    result verify_boot_kiosk_crashes "$(core_dumps testament-kiosk -1 "$(cat "$share/watchdog-pid")")"
    wait_ready 0 600 || fail "the kiosk was not active after the reboot"
    result reboot_visit_end "$(visit_end "$(cat "$share/reboot-visit")")"

    # --- a power cut in the middle of a visit and of a content update --------------------------------------------
    visit=$(open_visit) || fail "a tap did not start a visit (before the power cut)"
    echo "$visit" >"$share/cut-visit"
    # The analytics database commits with synchronous=NORMAL: a new visit reaches the disk with the kernel's
    # writeback (within 30 s), so one that has gone on for a while is on disk when the power goes. Write it out
    # now rather than wait; what is written after this (the content update) is at the mercy of the cut.
    sync
    next after-cut
    # The content update as packaging/README.md tells curators to make it: each version copied in full beside
    # the live one, then the link switched in one rename. Back and forth between A and B until the plug is
    # pulled; the host notes the last step it saw.
    setsid runuser -u "$user" -- bash -c '
        n=0
        while :; do
            n=$((n + 1)); version=$([ $((n % 2)) = 1 ] && echo B || echo A)
            echo "$n copying $version" >'"$share"'/update-progress
            rm -rf '"$home"'/content-versions/$n.partial
            cp -r '"$share"'/content-$version '"$home"'/content-versions/$n.partial
            mv -T '"$home"'/content-versions/$n.partial '"$home"'/content-versions/$n
            ln -sfn content-versions/$n '"$home"'/content.new
            mv -T '"$home"'/content.new '"$home"'/content
            echo "$n switched to $version" >'"$share"'/update-progress
        done' </dev/null >/dev/null 2>&1 &
    sleep 2
    request power-cut
    sleep infinity
    ;;

after-cut)
    # The database as the power cut left it, copied before the kiosk opens (and repairs) it.
    mkdir -p /root/as-cut
    kiosk_running=$(pgrep -u "$user" -f "$prefix/.*/testament-kiosk$" >/dev/null && echo yes || echo no)
    cp "$db"* /root/as-cut/
    result cut_copied_while_kiosk_running "$kiosk_running"
    result cut_integrity_as_left "$(sqlite3 -batch /root/as-cut/analytics.sqlite3 'PRAGMA integrity_check')"
    result cut_ext4_recovery "$(journalctl -k -b -q --no-pager | grep -c 'recovery complete')"
    wait_ready 0 600 || fail "the kiosk was not active after the power cut"
    result cut_ready_s "$(prop_seconds ActiveEnterTimestampMonotonic)"
    visit=$(cat "$share/cut-visit")
    result cut_integrity "$(query 'PRAGMA integrity_check')"
    # The kiosk closes the visits a crash left open as it opens its database, on its writer thread.
    for _ in $(seq 60); do [[ $(visit_end "$visit") == open ]] || break; sleep 1; done
    result cut_visit_end "$(visit_end "$visit")"
    result cut_crash_recovered "$(query "SELECT COUNT(*) FROM app_events WHERE kind = 'crash-recovered'")"
    result cut_content_status "$(content_status)"
    result cut_content_link "$(readlink "$home/content")"
    result cut_content_fallback "$(logged_since_start 'running on the last good copy')"
    result later_boots_kiosk_crashes "$(($(core_dumps testament-kiosk -1) + $(core_dumps testament-kiosk 0)))"
    next done
    systemctl poweroff
    ;;

*)
    say "nothing to do"
    ;;
esac
