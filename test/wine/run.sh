#!/usr/bin/env bash
# The Windows code path run for real: packs the package, installs the tarball into a new project
# with koffi's win32-x64 binary beside koffi, and runs test/wine/windows-suite.cjs with the Windows
# node.exe under Wine (driver 'winscard', Wine's winscard.dll -> libpcsclite) against the real
# pcscd and vpcd cards in the test namespace. Needs a built dist/ (npm run build); installs what it
# needs on Debian 12 through test/wine/setup.sh. Prints `wine: N passed, N failed`.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"
started=$SECONDS

[[ -f dist/index.js ]] || { echo "wine: dist/ is missing; run npm run build first" >&2; exit 1; }
bash test/wine/setup.sh
# shellcheck disable=SC1091
source node_modules/.cache/wine/env
setup_seconds=$((SECONDS - started))

work="$(mktemp -d)"
[[ -n "${RESILIENT_PCSC_KEEP_CONSUMER:-}" ]] || trap 'rm -rf "$work"' EXIT
consumer="$work/consumer"
mkdir -p "$consumer"
tarball="$work/$(npm pack --ignore-scripts --silent --pack-destination "$work" | tail -n 1)"
echo '{ "name": "resilient-pcsc-windows-consumer", "private": true }' >"$consumer/package.json"
# Install scripts stay off: the Linux builds of the native bindings are of no use to node.exe.
(cd "$consumer" && npm install --no-audit --no-fund --prefer-offline --ignore-scripts --loglevel=error "$tarball")
mkdir -p "$consumer/node_modules/@koromix"
cp -r "$WINE_KOFFI_WIN32" "$consumer/node_modules/@koromix/koffi-win32-x64"
cp test/wine/windows-suite.cjs "$consumer/"
cp -r test/wine/windows "$consumer/"
install_seconds=$((SECONDS - started - setup_seconds))

status=0
bash test/harness/run-in-namespace.sh "$repo/node_modules/.bin/tsx" test/wine/orchestrate.ts "$consumer" || status=$?
echo "wine: setup ${setup_seconds} s, packed and installed in ${install_seconds} s, total $((SECONDS - started)) s"
exit "$status"
