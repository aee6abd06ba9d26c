import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import checks from './checks.cjs';

const require = createRequire(import.meta.url);
const { exports } = require('resilient-pcsc/package.json');
for (const subpath of Object.keys(exports)) {
  if (subpath.endsWith('.json')) require(`resilient-pcsc${subpath.slice(1)}`);
  else await import(subpath === '.' ? 'resilient-pcsc' : `resilient-pcsc${subpath.slice(1)}`);
}

const lib = {
  root: await import('resilient-pcsc'),
  driver: await import('resilient-pcsc/driver'),
  testing: await import('resilient-pcsc/testing'),
  pyscard: await import('resilient-pcsc/pyscard'),
  nfc: await import('resilient-pcsc/nfc'),
  nfcPcsc: await import('resilient-pcsc/nfc-pcsc'),
};
const other = {
  root: require('resilient-pcsc'),
  driver: require('resilient-pcsc/driver'),
  testing: require('resilient-pcsc/testing'),
  pyscard: require('resilient-pcsc/pyscard'),
  nfc: require('resilient-pcsc/nfc'),
};
await checks.run('esm', lib, other, dirname(fileURLToPath(import.meta.url)));
