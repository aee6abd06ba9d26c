import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_ANY, SCARD_PROTOCOL_T1, SCARD_RESET_CARD, SCARD_SHARE_SHARED } from '../../../../src/driver/scard-constants';
import { parseHexBytes } from '../../../../src/apdu/hex';
import { guardSignalFor } from '../../../../src/quirks/guard-signal';
import { resolveQuirkProfile } from '../../../../src/quirks/quirk-profile';
import { personalityForRelease } from '../../../../src/simulator';
import { seedTestApplet } from '../../../../src/testing/sample-cards';
import { COMMAND_BYTES, SELECT, t0OnlyCard } from '../../../fixtures/seed';
import type { QuirkScenario } from './quirk-scenario';
import { codeName, contextOf, outcomeOf, pause, unlessBlocked } from './quirk-world';

const READER = 'Gemalto PC Twin Reader';
/** OS X 10.10.3: Yosemite before its shared SCardConnect started to block, so two applications can share a card. */
const EARLY_YOSEMITE = personalityForRelease({ os: 'darwin', release: '14.3.0' });
const IDLE_POWER_OFF_MS = 40;

export const statusMissesReset: QuirkScenario = {
  personality: EARLY_YOSEMITE,
  async run(world) {
    const reader = world.reader(READER, seedTestApplet());
    const app = await world.connectedApp(reader);
    const other = await world.connectedApp(reader);
    await other.driver.disconnect(other.handle, SCARD_RESET_CARD);
    const status = codeName((await app.driver.status(app.handle)).rc);
    const transmit = codeName((await app.driver.transmit(app.handle, app.protocol, COMMAND_BYTES)).rc);
    const guard = guardSignalFor(resolveQuirkProfile(world.quirks, app.driver.platform, undefined), app.driver).signal;
    return `after another application's reset: status ${status}, transmit ${transmit}; reset guard would use: ${guard}`;
  },
  expected: {
    'pcsc-lite': "after another application's reset: status SCARD_W_RESET_CARD, transmit SCARD_W_RESET_CARD; reset guard would use: status",
    unpatched: "after another application's reset: status SCARD_S_SUCCESS, transmit SCARD_W_RESET_CARD; reset guard would use: none",
    quirked: "after another application's reset: status SCARD_S_SUCCESS, transmit SCARD_W_RESET_CARD; reset guard would use: none",
  },
};

export const notTransactedForProtoMismatch: QuirkScenario = {
  personality: 'darwin-14',
  async run(world) {
    const reader = world.reader(READER, t0OnlyCard());
    const driver = world.wrap();
    const outcome = await driver.connect(await contextOf(driver), reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
    return `T=1 connect to a T=0-only card: ${codeName(outcome.rc)}`;
  },
  expected: {
    'pcsc-lite': 'T=1 connect to a T=0-only card: SCARD_E_PROTO_MISMATCH',
    unpatched: 'T=1 connect to a T=0-only card: SCARD_E_NOT_TRANSACTED',
    quirked: 'T=1 connect to a T=0-only card: SCARD_E_PROTO_MISMATCH',
  },
};

export const inheritedContextCrashes: QuirkScenario = {
  personality: 'darwin-14',
  async run(world) {
    world.reader(READER, seedTestApplet());
    const parent = world.sim.driver();
    const context = await contextOf(parent);
    const child = world.wrap(world.sim.fork(parent));
    const listed = await outcomeOf(async () => codeName((await child.listReaders(context)).rc));
    return `the forked child lists readers on its parent's context: ${listed}`;
  },
  expected: {
    'pcsc-lite': "the forked child lists readers on its parent's context: SCARD_S_SUCCESS",
    unpatched: "the forked child lists readers on its parent's context: SimulatedProcessCrash",
    quirked: "the forked child lists readers on its parent's context: ForkedContextError SCARD_E_NO_SERVICE",
  },
};

export const transmitUnpoweredWhileShared: QuirkScenario = {
  personality: EARLY_YOSEMITE,
  idlePowerOffMs: IDLE_POWER_OFF_MS,
  async run(world) {
    const reader = world.reader(READER, seedTestApplet());
    const app = await world.connectedApp(reader);
    const other = await world.connectedApp(reader);
    await other.driver.disconnect(other.handle, SCARD_LEAVE_CARD);
    await pause(IDLE_POWER_OFF_MS * 2);
    const outcome = await app.driver.transmit(app.handle, app.protocol, parseHexBytes(SELECT));
    const reconnected = await app.driver.reconnect(app.handle, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY, SCARD_LEAVE_CARD);
    const again = await app.driver.transmit(app.handle, reconnected.ok ? reconnected.value : app.protocol, parseHexBytes(SELECT));
    return `SCardTransmit after another application left the shared card: ${codeName(outcome.rc)}; after a reconnect: ${codeName(again.rc)}`;
  },
  expected: {
    'pcsc-lite': 'SCardTransmit after another application left the shared card: SCARD_S_SUCCESS; after a reconnect: SCARD_S_SUCCESS',
    unpatched: 'SCardTransmit after another application left the shared card: SCARD_W_UNPOWERED_CARD; after a reconnect: SCARD_S_SUCCESS',
    quirked: 'SCardTransmit after another application left the shared card: SCARD_W_RESET_CARD; after a reconnect: SCARD_S_SUCCESS',
  },
};

export const sharedConnectBlocks: QuirkScenario = {
  personality: 'darwin-14',
  async run(world) {
    const reader = world.reader(READER, seedTestApplet());
    const first = await world.connectedApp(reader);
    const second = world.wrap();
    const pending = second.connect(await contextOf(second), reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY);
    const early = await unlessBlocked(pending, 200);
    await first.driver.disconnect(first.handle, SCARD_LEAVE_CARD);
    const late = early === 'blocked' ? await unlessBlocked(pending, 1000) : early;
    const describe = (result: typeof early): string => (result === 'blocked' ? 'blocked' : codeName(result.rc));
    return `shared connect while another application shares the card: ${describe(early)}; ${early === 'blocked' ? `after it disconnects: ${describe(late)}` : 'no wait'}`;
  },
  expected: {
    'pcsc-lite': 'shared connect while another application shares the card: SCARD_S_SUCCESS; no wait',
    unpatched: 'shared connect while another application shares the card: blocked; after it disconnects: SCARD_S_SUCCESS',
    quirked: 'shared connect while another application shares the card: SCARD_E_SHARING_VIOLATION; no wait',
  },
};
