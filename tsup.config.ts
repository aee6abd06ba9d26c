import { defineConfig } from 'tsup';

const NATIVE_BINDINGS = ['pcsclite', 'smartcard', 'koffi'];

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      driver: 'src/driver-entry.ts',
      testing: 'src/testing/index.ts',
      pyscard: 'src/pyscard/index.ts',
      nfc: 'src/nfc/index.ts',
      'nfc-pcsc': 'src/nfc-pcsc/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    // One chunk per shared module in both formats, so each class exists once per format.
    splitting: true,
    // __filename/__dirname in the ES module build: the optional bindings are required relative to it.
    shims: true,
    sourcemap: true,
    target: 'node18',
    // Classes keep their source names (`Pcsc.name === 'Pcsc'`, error names in both formats): without
    // it esbuild names a self-referencing class `_Pcsc` and the CommonJS conversion `_class5`.
    keepNames: true,
    external: NATIVE_BINDINGS,
    // p-retry is ESM-only; bundling it lets the CommonJS build require() the library. eventemitter3
    // is bundled too: imported from its package, the ES module build goes through Node's CommonJS
    // interop (its index.mjs wraps index.js), which costs `import 'resilient-pcsc'` more start-up
    // time than all of eventemitter3's code. It stays a dependency for its type declarations.
    noExternal: ['p-retry', 'is-network-error', 'eventemitter3'],
    esbuildOptions(options, { format }) {
      options.sourcesContent = false;
      // The CommonJS build has __filename already, and no source uses import.meta: tsup's
      // import.meta.url shim would only add a chunk that every other chunk requires and calls.
      if (format === 'cjs') options.inject = options.inject?.filter((file) => !file.endsWith('cjs_shims.js'));
    },
  },
  {
    entry: { cli: 'src/cli/main.ts', 'worker-entry': 'src/adapters/worker/worker-entry.ts' },
    format: ['cjs'],
    // Chunks, so that a command loads only its own modules (`--help` loads none of the library).
    splitting: true,
    sourcemap: true,
    target: 'node18',
    keepNames: true,
    external: NATIVE_BINDINGS,
    noExternal: ['p-retry', 'is-network-error'],
    banner: { js: '#!/usr/bin/env node' },
    esbuildOptions(options) {
      options.sourcesContent = false;
    },
  },
]);
