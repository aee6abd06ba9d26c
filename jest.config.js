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
      // The contract's random differential run is part of it with its bounded count (300 sequences);
      // the 'differential' project runs it alone (`npm run test:differential`, longer in `npm run test:soak`).
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/conformance/**/*.test.ts', '<rootDir>/test/contract/**/*.test.ts'],
      globalTeardown: '<rootDir>/test/harness/exit-watchdog.ts',
      setupFilesAfterEnv: ['<rootDir>/test/harness/real-timeouts.ts'],
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
