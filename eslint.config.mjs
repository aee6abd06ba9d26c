// Lint: typescript-eslint's strict and stylistic sets with type information for every TypeScript file,
// eslint's recommended set for the plain JavaScript files; formatting is prettier's job alone.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Node's globals for the plain JavaScript files (CommonJS scripts, worker entries, the jest config).
const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'console',
    'Buffer',
    'URL',
    'TextEncoder',
    'TextDecoder',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
    'structuredClone',
    'AbortController',
    'performance',
    'globalThis',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'docs/api/**',
      'bench/results/**',
      '.scratch/**',
      '.test-results/**',
      'node_modules/**',
      // The packed-package consumer installs the tarball into its own node_modules.
      'test/package/consumer/**',
    ],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.strictTypeChecked, tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['scripts/*.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // tsconfig's noFallthroughCasesInSwitch checks this with types (it knows `process.exit()` never returns).
      'no-fallthrough': 'off',
      // Numbers in messages and labels (`reader ${index}`, `${ms} ms`) read as what they are.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => resolve()` and `(error) => reject(error)` as callbacks: the shorthand is the idiom.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // It asks for `value!` where the code says `value as T`; no-non-null-assertion forbids the former.
      '@typescript-eslint/non-nullable-type-assertion-style': 'off',
      // The code writes `T[]` and `Array<T>` as each reads best; rewriting 73 annotations to one form buys nothing.
      '@typescript-eslint/array-type': 'off',
      // Hooks that mirror PySCard's signatures (`update(_observable, _handlers)`) keep their named, unused parameters.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Port methods are `async` so that a synchronous throw arrives as a rejection, with or without an await.
      '@typescript-eslint/require-await': 'off',
      // A caught value passed on to reject() as it is (typed `unknown`) is the error the caller must see.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // Public calls check what untyped JavaScript callers pass (the types say it cannot happen, the check says it
      // did), and flags another async path sets (`this.stopped` after an await) read as constant to the checker.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // A constructor that repeats its parent's call narrows the public signature (drops `call`, makes `hresult` required).
      '@typescript-eslint/no-useless-constructor': 'off',
      // `x === undefined ? fallback : x` lets a JavaScript caller's null reach the check that rejects it; `??` would
      // take the fallback. An empty environment variable (`PCSCLITE_CSOCK_NAME=`) falls back like an unset one.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignoreTernaryTests: true, ignorePrimitives: { string: true } }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'examples/**/*.ts'],
    rules: {
      // A fixture's reader or response is known to be there; a wrong `!` throws, and the test fails as it should.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `expect(driver.transmit)` hands jest a method to inspect, never to call unbound.
      '@typescript-eslint/unbound-method': 'off',
      // jest's asymmetric matchers (`expect.any(Buffer)`) and JSON read from tool output are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Fake drivers and cards stand in for the port with empty methods on purpose.
      '@typescript-eslint/no-empty-function': 'off',
      // Fakes cast to the class they replace (`{ ... } as WorkerDriver`) are what a unit test is made of.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // Event helpers typed `nextEvent<void>` / `call<void>` for events and callbacks that carry no value.
      '@typescript-eslint/no-invalid-void-type': 'off',
      // `restore: async (c) => void (await c.transmit(SELECT))`: the answer is ignored on purpose, and says so.
      '@typescript-eslint/no-meaningless-void-operator': 'off',
      // Async event listeners: a rejection there fails the test as an unhandled rejection.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // pcsclite's callbacks type their error `any`; it is passed on to reject() as it came.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true, allowThrowingAny: true }],
    },
  },
  {
    files: ['test/parity/**/*.ts'],
    rules: {
      // PySCard's samples ported line for line: Python's reassigned names, index loops and raise-in-finally stay as written.
      'prefer-const': 'off',
      'no-unsafe-finally': 'off',
      '@typescript-eslint/prefer-for-of': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
  },
  prettier,
);
