import { SCARD_PROTOCOL_ANY, SCARD_SHARE_EXCLUSIVE, SCARD_SHARE_SHARED, SCARD_UNPOWER_CARD, SCARD_RESET_CARD } from '../../../../src/driver/scard-constants';
import { parseHexBytes } from '../../../../src/apdu/hex';
import { seedTestApplet } from '../../../../src/testing/sample-cards';
import { COMMAND, replacementCard, SELECT } from '../../../fixtures/seed';
import type { QuirkScenario } from './quirk-scenario';
import { codeName, contextOf } from './quirk-world';

const READER = 'Gemalto PC Twin Reader';

export const protoMismatchForSharingViolation: QuirkScenario = {
  personality: 'darwin-15',
  async run(world) {
    const reader = world.reader(READER, seedTestApplet());
    const holder = world.wrap();
    await holder.connect(await contextOf(holder), reader, SCARD_SHARE_EXCLUSIVE, SCARD_PROTOCOL_ANY);
    const other = world.wrap();
    const outcome = await other.connect(await contextOf(other), reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY);
    return `shared connect while another application holds the card exclusively: ${codeName(outcome.rc)}`;
  },
  expected: {
    'pcsc-lite': 'shared connect while another application holds the card exclusively: SCARD_E_SHARING_VIOLATION',
    unpatched: 'shared connect while another application holds the card exclusively: SCARD_E_PROTO_MISMATCH',
    quirked: 'shared connect while another application holds the card exclusively: SCARD_E_SHARING_VIOLATION',
  },
};

export const transmitMissesReset: QuirkScenario = {
  personality: 'darwin-15',
  async run(world) {
    const card = seedTestApplet();
    const reader = world.reader(READER, card);
    const app = await world.connectedApp(reader);
    await app.driver.transmit(app.handle, app.protocol, parseHexBytes(SELECT));
    const other = await world.connectedApp(reader);
    await other.driver.disconnect(other.handle, SCARD_RESET_CARD);
    const before = card.commandCount;
    const outcome = await app.driver.transmit(app.handle, app.protocol, parseHexBytes(COMMAND));
    return `transmit after another application's reset: ${codeName(outcome.rc)}, commands the card received: ${card.commandCount - before}`;
  },
  expected: {
    'pcsc-lite': "transmit after another application's reset: SCARD_W_RESET_CARD, commands the card received: 0",
    unpatched: "transmit after another application's reset: SCARD_S_SUCCESS, commands the card received: 1",
    quirked: "transmit after another application's reset: SCARD_W_RESET_CARD, commands the card received: 0",
  },
};

export const noPcscAfterFork: QuirkScenario = {
  personality: 'darwin-15',
  async run(world) {
    world.reader(READER, seedTestApplet());
    const child = world.wrap(world.sim.driver({ forkedChild: true }));
    try {
      return `SCardEstablishContext in a forked child: ${codeName((await child.establishContext()).rc)}`;
    } catch (error) {
      return `SCardEstablishContext in a forked child: ${(error as Error).constructor.name}`;
    }
  },
  expected: {
    'pcsc-lite': 'SCardEstablishContext in a forked child: SCARD_S_SUCCESS',
    unpatched: 'SCardEstablishContext in a forked child: SCARD_E_NO_SERVICE',
    quirked: 'SCardEstablishContext in a forked child: ForkedContextError',
  },
};

export const ct700BreaksPcsc: QuirkScenario = {
  personality: 'darwin-15',
  async run(world) {
    world.reader('Gemalto USB GemPCPinpad SmartCard Reader');
    world.reader(READER, seedTestApplet());
    const pcsc = await world.pcsc();
    const listed = (await pcsc.listReaders().catch(() => [])).length;
    await new Promise((resolve) => setImmediate(resolve));
    const notices = [...new Set([...world.notices, ...pcsc.quirkNotices.map((notice) => notice.quirk)])];
    return `readers listed: ${listed}; explained: ${notices.join(',') || 'no'}`;
  },
  expected: {
    'pcsc-lite': 'readers listed: 2; explained: no',
    unpatched: 'readers listed: 0; explained: no',
    quirked: 'readers listed: 0; explained: ct700-breaks-pcsc',
  },
};

export const beginTransactionResetForRemoved: QuirkScenario = {
  personality: 'darwin-15',
  async run(world) {
    const slot = world.sim.addReader(READER);
    slot.insert(seedTestApplet());
    const app = await world.connectedApp(slot.name);
    slot.remove();
    slot.insert(replacementCard());
    return `SCardBeginTransaction after the card was swapped: ${codeName(await app.driver.beginTransaction(app.handle))}`;
  },
  expected: {
    'pcsc-lite': 'SCardBeginTransaction after the card was swapped: SCARD_W_REMOVED_CARD',
    unpatched: 'SCardBeginTransaction after the card was swapped: SCARD_W_RESET_CARD',
    quirked: 'SCardBeginTransaction after the card was swapped: SCARD_W_REMOVED_CARD',
  },
};

export const beginTransactionUnpoweredForReset: QuirkScenario = {
  personality: 'darwin-15',
  async run(world) {
    const reader = world.reader(READER, seedTestApplet());
    const app = await world.connectedApp(reader);
    const other = await world.connectedApp(reader);
    await other.driver.disconnect(other.handle, SCARD_UNPOWER_CARD);
    return `SCardBeginTransaction after another application powered the card off: ${codeName(await app.driver.beginTransaction(app.handle))}`;
  },
  expected: {
    'pcsc-lite': 'SCardBeginTransaction after another application powered the card off: SCARD_W_RESET_CARD',
    unpatched: 'SCardBeginTransaction after another application powered the card off: SCARD_W_UNPOWERED_CARD',
    quirked: 'SCardBeginTransaction after another application powered the card off: SCARD_W_RESET_CARD',
  },
};
