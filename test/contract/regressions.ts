import type { Step } from './steps';

/**
 * Sequences where a driver and the simulator once disagreed (found by the random run, then
 * shrunk). Each stays as a fixed scenario run on every driver.
 */
export const REGRESSIONS: ReadonlyArray<{ readonly name: string; readonly steps: readonly Step[] }> = [
  {
    name: 'transmit on a direct connection to an empty reader',
    steps: [
      { op: 'remove-card', reader: 1 },
      { op: 'connect', app: 0, reader: 1, share: 'direct', protocols: 'none' },
      { op: 'transmit', app: 0, handle: 0, command: 'test' },
      { op: 'disconnect', app: 0, handle: 0, disposition: 'leave' },
    ],
  },
  {
    name: 'a connection survives another application unpowering the card',
    steps: [
      { op: 'connect', app: 0, reader: 0, share: 'shared', protocols: 'any' },
      { op: 'transmit', app: 0, handle: 0, command: 'select' },
      { op: 'connect', app: 1, reader: 0, share: 'shared', protocols: 'any' },
      { op: 'disconnect', app: 1, handle: 0, disposition: 'unpower' },
      { op: 'transmit', app: 0, handle: 0, command: 'test' },
      { op: 'reconnect', app: 0, handle: 0, share: 'shared', protocols: 'any', initialization: 'leave' },
      { op: 'transmit', app: 0, handle: 0, command: 'test' },
      { op: 'connect', app: 2, reader: 0, share: 'shared', protocols: 'any' },
      { op: 'transmit', app: 2, handle: 0, command: 'select' },
    ],
  },
  {
    name: 'sharing, removal and insertion seen by waits',
    steps: [
      { op: 'wait', app: 1, reader: 0, timeoutMs: 0 },
      { op: 'connect', app: 0, reader: 0, share: 'exclusive', protocols: 'T1' },
      { op: 'connect', app: 0, reader: 0, share: 'exclusive', protocols: 'T0' },
      { op: 'connect', app: 1, reader: 0, share: 'shared', protocols: 'any' },
      { op: 'wait', app: 1, reader: 0, timeoutMs: 50 },
      { op: 'remove-card', reader: 0 },
      { op: 'wait', app: 1, reader: 0, timeoutMs: 50 },
      { op: 'transmit', app: 0, handle: 0, command: 'test' },
      { op: 'insert-card', reader: 0 },
      { op: 'wait', app: 1, reader: 0, timeoutMs: 0 },
      { op: 'transmit', app: 0, handle: 0, command: 'test' },
      { op: 'disconnect', app: 0, handle: 0, disposition: 'reset' },
      { op: 'connect', app: 1, reader: 0, share: 'shared', protocols: 'any' },
    ],
  },
  {
    name: 'the handles of a released context',
    steps: [
      { op: 'connect', app: 0, reader: 1, share: 'shared', protocols: 'any' },
      { op: 'release', app: 0 },
      { op: 'transmit', app: 0, handle: 0, command: 'select' },
      { op: 'connect', app: 0, reader: 1, share: 'shared', protocols: 'any' },
      { op: 'wait', app: 0, reader: 1, timeoutMs: 0 },
      { op: 'list', app: 0 },
      { op: 'establish', app: 0 },
      { op: 'connect', app: 0, reader: 1, share: 'shared', protocols: 'any' },
      { op: 'release', app: 0 },
      { op: 'release', app: 0 },
    ],
  },
  {
    name: 'a reset on disconnect leaves no raw protocol behind',
    steps: [
      { op: 'connect', app: 0, reader: 1, share: 'shared', protocols: 'raw' },
      { op: 'disconnect', app: 0, handle: 0, disposition: 'reset' },
      { op: 'connect', app: 0, reader: 1, share: 'shared', protocols: 'T0' },
      { op: 'connect', app: 1, reader: 1, share: 'shared', protocols: 'raw' },
      { op: 'disconnect', app: 1, handle: 0, disposition: 'unpower' },
      { op: 'connect', app: 2, reader: 1, share: 'direct', protocols: 'none' },
      { op: 'transmit', app: 2, handle: 0, command: 'test' },
    ],
  },
  {
    name: 'every call after pcscd restarted',
    steps: [
      { op: 'connect', app: 0, reader: 0, share: 'shared', protocols: 'any' },
      { op: 'restart-service' },
      { op: 'transmit', app: 0, handle: 0, command: 'select' },
      { op: 'status', app: 0, handle: 0 },
      { op: 'wait', app: 0, reader: 0, timeoutMs: 0 },
      { op: 'list', app: 0 },
      { op: 'connect', app: 0, reader: 0, share: 'shared', protocols: 'any' },
      { op: 'disconnect', app: 0, handle: 0, disposition: 'leave' },
      { op: 'release', app: 0 },
      { op: 'release', app: 1 },
      { op: 'establish', app: 0 },
      { op: 'connect', app: 0, reader: 0, share: 'shared', protocols: 'any' },
      { op: 'transmit', app: 0, handle: 1, command: 'select' },
    ],
  },
];
