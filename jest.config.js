/** @type {import('jest').Config} */
const transform = { '^.+\\.(ts|js)$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
// p-retry (and its dependency) ship only as ES modules; jest runs CommonJS, so they are compiled too.
const transformIgnorePatterns = ['/node_modules/(?!(p-retry|is-network-error)/)'];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'real',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/conformance/**/*.test.ts', '<rootDir>/test/contract/**/*.test.ts'],
      // The random differential run has divergences still open (see docs/driver-contract.md): it
      // runs on its own (`npm run test:differential`, and in `npm run test:soak`), not in `npm test`.
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/contract/differential\\.test\\.ts$'],
      globalTeardown: '<rootDir>/test/harness/exit-watchdog.ts',
    },
    {
      displayName: 'differential',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/contract/differential.test.ts'],
      globalTeardown: '<rootDir>/test/harness/exit-watchdog.ts',
    },
  ],
};
