#!/usr/bin/env bash
# Builds pcscd and libpcsclite of one pcsc-lite release for the suites that run other releases.
#
#   bash test/harness/build-pcsc-lite.sh 2.3.3 OUTDIR    # -> OUTDIR/pcscd, OUTDIR/libpcsclite.so.1
#   bash test/harness/build-pcsc-lite.sh --hotplug 2.5.1 OUTDIR
#
# Default: serial readers only (vpcd is one). --hotplug adds USB hotplug through libusb, and with it
# what a build without USB lacks: on SIGUSR1 (which pcscd also sends itself when a reader driver
# answers IFD_NO_SUCH_DEVICE) pcscd checks its serial readers again and removes those that are
# gone, so a test can unplug one (needs libusb-1.0-0-dev).
#
# Run it outside run-in-namespace.sh: the test namespace has no network.
# Where the sources come from, first found:
#   1. the release tarball in ../shared/pcsc-lite/ beside the checkout;
#   2. the upstream tarball of Debian's source package of that version, else of the newest release
#      of the same series Debian has (trixie has 2.3.3; sid has 2.5.x but not 2.5.1: the same
#      socket protocol 4.6), found with apt-get in a private apt state, so the machine's apt setup
#      is left alone.
# Needs meson, ninja-build, flex, gcc and pkg-config.
set -euo pipefail
usb=(-Dlibusb=false -Dusb=false)
if [[ ${1:-} == --hotplug ]]; then
  usb=(-Dlibusb=true -Dusb=true)
  shift
fi
version=${1:?usage: build-pcsc-lite.sh [--hotplug] VERSION OUTDIR}
out=${2:?usage: build-pcsc-lite.sh [--hotplug] VERSION OUTDIR}
[[ -x $out/pcscd ]] && { echo "$out/pcscd already built"; exit 0; }
repo=$(cd "$(dirname "$0")/../.." && pwd)
shared="$repo/../shared/pcsc-lite"

for tool in meson ninja flex; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y meson ninja-build flex" >&2; exit 1; }
done
if [[ ${usb[0]} == -Dlibusb=true ]] && ! pkg-config --exists libusb-1.0; then
  echo "missing libusb for --hotplug: apt-get install -y libusb-1.0-0-dev" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/apt/lists/partial" "$work/fetch" "$work/src"

# Sets orig (the upstream tarball), upstream (its release) and origin (where it came from).
fetch_from_debian() {
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg suite series candidates debian_version uri
  for suite in trixie forky sid experimental; do  # the newer suites: later releases, while they have them
    echo "deb-src [signed-by=$keyring] http://deb.debian.org/debian $suite main"
  done >"$work/apt/sources.list"
  local apt_private=(-o "Dir::Etc::SourceList=$work/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null -o "Dir::State::Lists=$work/apt/lists")
  apt-get "${apt_private[@]}" update -qq >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 1; }
  apt-cache "${apt_private[@]}" showsrc pcsc-lite >/dev/null 2>&1 || { echo "Debian's source lists could not be fetched (no network here?):" >&2; cat "$work/apt.log" >&2; exit 1; }
  # The exact release, else another of the same series (same socket protocol): Debian keeps only some.
  series=${version%.*}
  candidates=$(apt-cache "${apt_private[@]}" showsrc pcsc-lite | sed -n 's/^Version: //p' | sort -u -V -r |
    awk -v v="$version" -v s="$series" 'index($0, v "-") == 1 { print "0 " $0; next } index($0, s ".") == 1 { print "1 " $0 }' |
    sort -k1,1n -s | cut -d' ' -f2)
  [[ -n $candidates ]] || {
    echo "pcsc-lite $version (or any $series.x) is neither in $shared nor in Debian's sources (they have: $(apt-cache "${apt_private[@]}" showsrc pcsc-lite | sed -n 's/^Version: //p' | xargs))" >&2
    exit 1
  }
  for debian_version in $candidates; do
    upstream=${debian_version%-*}
    # Only the upstream tarball is needed, fetched with apt's own downloader from the address apt gives
    # for it; a mirror may list a release whose files it no longer has, so the next candidate is tried.
    uri=$(apt-get "${apt_private[@]}" --print-uris source "pcsc-lite=$debian_version" 2>/dev/null |
      sed -n "s/^'\([^']*\)' \(pcsc-lite_$upstream\.orig\.tar\.[a-z0-9]*\) .*/\1/p" | head -1)
    [[ -n $uri ]] || continue
    if /usr/lib/apt/apt-helper download-file "$uri" "$work/fetch/${uri##*/}" >"$work/apt.log" 2>&1; then
      orig="$work/fetch/${uri##*/}"
      origin="Debian $debian_version sources"
      return
    fi
  done
  echo "none of Debian's pcsc-lite sources for $series.x could be downloaded:" >&2
  cat "$work/apt.log" >&2
  exit 1
}

if [[ -f $shared/pcsc-lite-$version.tar.gz ]]; then
  orig="$shared/pcsc-lite-$version.tar.gz"
  upstream=$version
  origin="../shared/pcsc-lite"
else
  fetch_from_debian
fi
tar -xf "$orig" -C "$work/src" --strip-components=1
meson setup "$work/build" "$work/src" \
  -Dlibsystemd=false -Dlibudev=false "${usb[@]}" -Dpolkit=false -Dserial=true \
  -Dipcdir=/run/pcscd -Dserialconfdir=/etc/reader.conf.d -Dusbdropdir=/usr/lib/pcsc/drivers \
  >"$work/setup.log" 2>&1 || { cat "$work/setup.log" >&2; exit 1; }
ninja -C "$work/build" >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; exit 1; }
mkdir -p "$out"
# 2.x: libpcsclite.so.1 is a small loader of libpcsclite_real.so.1; copy both.
cp -aL "$work/build/pcscd" "$work/build/libpcsclite.so.1" "$out/"
[[ -e "$work/build/libpcsclite_real.so.1" ]] && cp -aL "$work/build/libpcsclite_real.so.1" "$out/"
echo "built pcscd $upstream (${origin}; asked for $version$([[ ${usb[0]} == -Dlibusb=true ]] && echo ', with USB hotplug')) in $out"
