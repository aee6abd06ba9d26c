'use strict';
const checks = require('./checks.cjs');

/** Every entry point the package exports, each loaded through require(). */
function requireEveryEntry() {
  const { exports } = require('resilient-pcsc/package.json');
  for (const subpath of Object.keys(exports)) require(subpath === '.' ? 'resilient-pcsc' : `resilient-pcsc${subpath.slice(1)}`);
}

async function main() {
  requireEveryEntry();
  const lib = {
    root: require('resilient-pcsc'),
    driver: require('resilient-pcsc/driver'),
    testing: require('resilient-pcsc/testing'),
    pyscard: require('resilient-pcsc/pyscard'),
    nfc: require('resilient-pcsc/nfc'),
    nfcPcsc: require('resilient-pcsc/nfc-pcsc'),
  };
  const other = {
    root: await import('resilient-pcsc'),
    driver: await import('resilient-pcsc/driver'),
    testing: await import('resilient-pcsc/testing'),
    pyscard: await import('resilient-pcsc/pyscard'),
    nfc: await import('resilient-pcsc/nfc'),
  };
  await checks.run('cjs', lib, other, __dirname);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
