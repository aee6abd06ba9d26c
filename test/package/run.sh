#!/usr/bin/env bash
# The package as users install it: packs it, installs the tarball into a new project in a temp
# directory (the native bindings build there too), runs the CommonJS and ES module consumers
# against a real pcscd, type-checks a TypeScript consumer under each moduleResolution, and lints
# the package with publint and @arethetypeswrong/cli. Builds dist/ first when it is missing or
# older than the sources (the package has no install-time build of its own).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"

if [[ ! -f dist/index.js || ! -f dist/index.mjs || -n "$(find src tsup.config.ts package.json -newer dist/index.js -print -quit)" ]]; then
  echo "package test: dist/ is missing or older than the sources; building it"
  npm run build --silent
fi

work="$(mktemp -d)"
[[ -n "${RESILIENT_PCSC_KEEP_CONSUMER:-}" ]] || trap 'rm -rf "$work"' EXIT
consumer="$work/consumer"
mkdir -p "$consumer"

seconds_since() { node -e 'console.log(((Date.now() - Number(process.argv[1])) / 1000).toFixed(1))' "$1"; }
version_of() { node -p "require('$repo/node_modules/$1/package.json').version"; }

tarball="$work/$(npm pack --ignore-scripts --silent --pack-destination "$work" | tail -n 1)"
echo "package test: packed $(basename "$tarball") ($(du -k "$tarball" | cut -f1) kB)"

# npm runs (or, from version 11, asks users to approve) these when the package is installed; a
# library that ships built code needs none of them.
tar -xOzf "$tarball" package/package.json | node -e '
  const manifest = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const installTime = ["preinstall", "install", "postinstall", "preprepare", "prepare", "postprepare"];
  const found = installTime.filter((name) => manifest.scripts && name in manifest.scripts);
  if (found.length > 0) {
    console.error(`package test: the packed package.json has install-time scripts: ${found.map((name) => `${name}: ${manifest.scripts[name]}`).join(", ")}`);
    process.exit(1);
  }
  if (manifest.gypfile) { console.error("package test: the packed package.json has gypfile set"); process.exit(1); }
'
tar -tzf "$tarball" | grep -qx 'package/binding.gyp' && { echo "package test: the tarball has a binding.gyp (npm would build it at install)" >&2; exit 1; }
echo "package test: the packed package.json has no install-time scripts"

cp test/package/consumer/* "$consumer/"
cp test/entries/surfaces.json test/entries/read-surface.cjs "$consumer/"
cp "$consumer/typed.ts" "$consumer/typed-esm.mts"
cat >"$consumer/package.json" <<JSON
{
  "name": "resilient-pcsc-consumer",
  "private": true,
  "allowScripts": { "pcsclite": true, "smartcard": true, "koffi": false }
}
JSON

started="$(node -p 'Date.now()')"
(cd "$consumer" && npm install --no-audit --no-fund --prefer-offline --loglevel=error \
  "$tarball" "typescript@$(version_of typescript)" "@types/node@$(version_of @types/node)")
echo "package test: tarball installed with its native bindings in $(seconds_since "$started") s"

for resolution in node16 nodenext bundler node10; do
  case "$resolution" in
    node16 | nodenext) module="$resolution"; files='["typed.ts", "typed-esm.mts"]' ;;
    bundler) module=esnext; files='["typed.ts"]' ;;
    node10) module=commonjs; files='["typed.ts"]' ;;
  esac
  cat >"$consumer/tsconfig.$resolution.json" <<JSON
{
  "compilerOptions": {
    "module": "$module",
    "moduleResolution": "$resolution",
    "target": "es2022",
    "lib": ["es2022"],
    "types": ["node"],
    "strict": true,
    "skipLibCheck": false,
    "noEmit": true
  },
  "files": $files
}
JSON
  (cd "$consumer" && node_modules/.bin/tsc -p "tsconfig.$resolution.json")
  echo "package test: TypeScript consumer type-checks with moduleResolution $resolution"
done

(cd "$consumer" && node surfaces.cjs)

[[ -n "${RESILIENT_PCSC_SKIP_RUN:-}" ]] || timeout --kill-after=30s 10m bash test/harness/run-in-namespace.sh npx tsx test/package/in-namespace.ts "$consumer"

npx publint --strict
npx attw "$tarball"
echo "package test: passed"
