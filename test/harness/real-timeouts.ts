// Hooks start and stop daemons and workers: jest's 5 s default is tight on a loaded machine.
// A test file's own jest.setTimeout still applies to it.
jest.setTimeout(30_000);
