#!/usr/bin/env bash
# Build (once) the Debian 12 base image the VM test boots: systemd as PID 1, a kernel, the packages of
# guest-packages.txt, and a baked runner unit that runs the host's script from the 9p share on every boot.
#
#   sudo packaging/vm/build-base-image.sh [CACHE_DIR]      (default: ~/.cache/testament-kiosk-vm)
#
# Prints the folder holding base.raw, vmlinuz and initrd.img. The folder is named after a hash of this script
# and guest-packages.txt, so a second run with neither changed only prints it; change either and the next run
# builds a new image (old ones are removed). Needs root (debootstrap, chroot), debootstrap, e2fsprogs and the
# machine's Debian mirror (read from its apt sources). About 3-4 minutes, most of it debootstrap.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/testament-kiosk-vm}
key=$(cat "${BASH_SOURCE[0]}" "$here/guest-packages.txt" | sha256sum | cut -c1-16)
image="$cache/base-$key"

say() { echo "build-base-image: $*" >&2; }
die() { say "$*"; exit 1; }

built() { [[ -f $image/base.raw && -f $image/vmlinuz && -f $image/initrd.img ]]; }

if built; then
    echo "$image"
    exit 0
fi
((EUID == 0)) || die "run as root: debootstrap and chroot need it"
mkdir -p "$cache"
# One builder at a time (a VM test and the fleet's may start together): the second one waits, then reuses.
exec 9>"$cache/.build.lock"
flock 9
if built; then
    echo "$image"
    exit 0
fi
command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install debootstrap)"
command -v mkfs.ext4 >/dev/null || die "mkfs.ext4 is missing (apt-get install e2fsprogs)"

# The same mirror the machine's own apt uses: on CI it is the only one reachable.
mirror=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null \
         | grep -v security | head -n1 || true)
if [[ -z $mirror ]]; then
    mirror=$(sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\{0,1\}\(http[^[:space:]]*\).*/\2/p' \
             /etc/apt/sources.list 2>/dev/null | grep -v security | head -n1 || true)
fi
[[ -n $mirror ]] || die "no Debian mirror found in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"

work=$(mktemp -d "$cache/.building-XXXXXX")
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
packages=$(grep -v '^#' "$here/guest-packages.txt" | grep -v '^[[:space:]]*$' | paste -sd, -)

started=$SECONDS
say "debootstrap bookworm from $mirror"
debootstrap --variant=minbase --include="$packages" bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed (log above)"; }
say "debootstrap: $((SECONDS - started)) s"

# --- the machine -----------------------------------------------------------------------------------------
echo kiosk-vm >"$rootfs/etc/hostname"
echo 'LANG=C.UTF-8' >"$rootfs/etc/default/locale"
chroot "$rootfs" passwd -d root >/dev/null  # a root login on the serial console, for someone debugging a run
# Root is mounted rw by the kernel, so ext4's journal replay (not fsck) is what recovers it after a power cut.
# The host's 9p share carries the test's script, requests and results. It is mounted once the 9p modules are
# loaded (modules-load.d below): a mount that raced their loading found the transport but not yet the device
# ("9pnet_virtio: no channels available for device host0"), and that guest booted without its share, its SSH keys
# among them (one fleet guest of CI's, 2026-12-06).
cat >"$rootfs/etc/fstab" <<'FSTAB'
/dev/vda / ext4 rw,errors=remount-ro 0 1
host0 /mnt/host 9p trans=virtio,version=9p2000.L,msize=262144,nofail,x-systemd.requires=systemd-modules-load.service 0 0
FSTAB
mkdir -p "$rootfs/mnt/host"
printf '9p\n9pnet_virtio\n' >"$rootfs/etc/modules-load.d/9p.conf"
# A small initramfs with only the disk's drivers: it boots in half the time under TCG.
echo MODULES=list >"$rootfs/etc/initramfs-tools/conf.d/vm-test"
printf 'virtio_pci\nvirtio_blk\next4\n' >>"$rootfs/etc/initramfs-tools/modules"
chroot "$rootfs" update-initramfs -u -k all >/dev/null 2>&1
# Keep the journal across boots: the test reads how the kiosk ended before a reboot (journalctl -b -1).
mkdir -p "$rootfs/var/log/journal"

# QEMU's user-mode network (slirp): install.sh runs apt-get update/install in the guest, as on a kiosk PC.
cat >"$rootfs/etc/systemd/network/10-qemu-user.network" <<'NET'
[Match]
Name=en*
[Network]
Address=10.0.2.15/24
Gateway=10.0.2.2
DNS=10.0.2.3
NET
chroot "$rootfs" systemctl enable systemd-networkd.service >/dev/null 2>&1
# apt's indexes, fetched now so that the guest's apt-get update only checks they are current.
cp /etc/resolv.conf "$rootfs/etc/resolv.conf"
chroot "$rootfs" apt-get update -qq
echo 'nameserver 10.0.2.3' >"$rootfs/etc/resolv.conf"
chroot "$rootfs" apt-get clean
# Nothing else may run apt or scrub the disk in the middle of a measured boot.
chroot "$rootfs" systemctl mask apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service \
    >/dev/null 2>&1

# virtio-gpu without 3D has no render node: wlroots must draw with its software renderer. A kiosk PC with a
# GPU leaves this unset (wlroots then uses the GPU); this is the VM's setting, not the kiosk's. cage runs under
# the kiosk user's systemd (testament-kiosk-session.service), which reads environment.d.
mkdir -p "$rootfs/etc/environment.d"
echo 'WLR_RENDERER=pixman' >"$rootfs/etc/environment.d/90-vm-test.conf"

# The kiosk unit's start timeout is sized for a kiosk PC; TCG runs the kiosk's first start (QML cache, shaders)
# ten or more times slower, past its 90 s. A drop-in for every user's copy of the unit, there before install.sh.
mkdir -p "$rootfs/etc/systemd/user/testament-kiosk.service.d"
printf '[Service]\nTimeoutStartSec=300\n' >"$rootfs/etc/systemd/user/testament-kiosk.service.d/90-vm-test.conf"

# --- SSH for the fleet's guests (packaging/vm/fleet.py) ---------------------------------------------------
# No host keys in the image: each guest gets its own, with root's authorized_keys, from its 9p share at boot
# (vm-ssh-keys.service). Without them (the single VM test's guests) sshd is skipped, not failed.
rm -f "$rootfs"/etc/ssh/ssh_host_*
cat >"$rootfs/etc/ssh/sshd_config.d/vm-test.conf" <<'SSHD'
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
SSHD
mkdir -p "$rootfs/etc/systemd/system/ssh.service.d"
printf '[Unit]\nConditionPathExists=/etc/ssh/ssh_host_ed25519_key\n' \
    >"$rootfs/etc/systemd/system/ssh.service.d/vm-test.conf"
cat >"$rootfs/etc/systemd/system/vm-ssh-keys.service" <<'UNIT'
[Unit]
Description=Testament Kiosk VM fleet: this guest's SSH host key and root's authorized_keys from the host
RequiresMountsFor=/mnt/host
ConditionPathExists=/mnt/host/ssh/authorized_keys
Before=ssh.service

[Service]
Type=oneshot
ExecStart=/usr/bin/install -D -m 600 /mnt/host/ssh/authorized_keys /root/.ssh/authorized_keys
ExecStart=/usr/bin/install -m 600 /mnt/host/ssh/ssh_host_ed25519_key /etc/ssh/ssh_host_ed25519_key
ExecStart=/usr/bin/install -m 644 /mnt/host/ssh/ssh_host_ed25519_key.pub /etc/ssh/ssh_host_ed25519_key.pub

[Install]
WantedBy=multi-user.target
UNIT
chroot "$rootfs" systemctl enable ssh.service vm-ssh-keys.service >/dev/null 2>&1

# --- the runner: on every boot, the script the host put in the share (packaging/vm/guest-steps.sh) --------
cat >"$rootfs/etc/systemd/system/vm-test-runner.service" <<'UNIT'
[Unit]
Description=Testament Kiosk VM test: the next step of the host's script (packaging/vm/guest-steps.sh)
After=multi-user.target
RequiresMountsFor=/mnt/host
ConditionPathExists=/mnt/host/guest-steps.sh

[Service]
Type=oneshot
ExecStart=/bin/bash /mnt/host/guest-steps.sh
StandardOutput=journal+console
StandardError=journal+console
TimeoutStartSec=infinity

[Install]
WantedBy=multi-user.target
UNIT
chroot "$rootfs" systemctl enable vm-test-runner.service >/dev/null 2>&1

# --- the disk and the boot files ---------------------------------------------------------------------------
cp "$rootfs"/boot/vmlinuz-* "$work/vmlinuz"
cp "$rootfs"/boot/initrd.img-* "$work/initrd.img"
truncate -s 6G "$work/base.raw"
mkfs.ext4 -q -F -L kiosk-vm -d "$rootfs" "$work/base.raw"
rm -rf "$rootfs"

rm -rf "$cache"/base-*  # earlier keys: a changed package list or builder
mv "$work" "$image"
trap - EXIT
say "built $image in $((SECONDS - started)) s"
echo "$image"
