import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', driver: 'src/driver-entry.ts', testing: 'src/testing/index.ts', pyscard: 'src/pyscard/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    // The ES module build gets __filename, which the optional bindings are required relative to.
    shims: true,
    target: 'node18',
    external: ['pcsclite', 'smartcard', 'koffi'],
  },
  {
    entry: { cli: 'src/cli/main.ts', 'worker-entry': 'src/driver/adapters/worker/worker-entry.ts' },
    format: ['cjs'],
    sourcemap: true,
    target: 'node18',
    external: ['pcsclite', 'smartcard', 'koffi'],
    banner: { js: '#!/usr/bin/env node' },
  },
]);
