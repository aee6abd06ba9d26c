#!/usr/bin/env bash
# Installs nfc-pcsc 0.8.1 from npm beside the dependencies (node_modules/.cache/nfc-pcsc-0.8.1), for
# the parity suite and the bench to run it against the same virtual tags. Its @pokusew/pcsclite
# binding is built with node-gyp against the system libpcsclite (libpcsclite-dev).
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${1:-node_modules/.cache/nfc-pcsc-0.8.1}"
if [[ -f "$target/node_modules/@pokusew/pcsclite/build/Release/pcsclite.node" ]]; then exit 0; fi
mkdir -p "$target"
cd "$target"
[[ -f package.json ]] || echo '{ "name": "nfc-pcsc-reference", "private": true }' >package.json
npm install --no-audit --no-fund --loglevel=error --ignore-scripts nfc-pcsc@0.8.1
(cd node_modules/@pokusew/pcsclite && npx --yes node-gyp rebuild >/dev/null)
echo "nfc-pcsc 0.8.1 installed in $target"
