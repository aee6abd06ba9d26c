import { PNP_NOTIFICATION_READER, SCARD_STATE_EVENT_COUNTER_SHIFT, SCARD_STATE_UNAWARE } from '../../../../src/driver/scard-constants';
import type { Pcsc } from '../../../../src/core/pcsc';
import { seedTestApplet } from '../../../../src/testing/sample-cards';
import { replacementCard } from '../../../fixtures/seed';
import type { QuirkScenario } from './quirk-scenario';
import { codeName, contextOf, outcomeOf } from './quirk-world';

const READER = 'Gemalto PC Twin Reader';
const EVENT_WAIT_MS = 2000;

function nextEvent(pcsc: { once(event: string, listener: (...args: unknown[]) => void): unknown }, event: string): Promise<string> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('not seen'), EVENT_WAIT_MS);
    pcsc.once(event, () => {
      clearTimeout(timer);
      resolve('seen');
    });
  });
}

/** Starts the monitor and waits until it has seen the readers as they are, so later changes are events. */
async function primedMonitor(pcsc: Pcsc): Promise<void> {
  await pcsc.waitForCard({ timeout: EVENT_WAIT_MS });
}

/** The same card out of its reader this long and back: long enough for any reader driver to notice. */
const REINSERTION_GAP_MS = 300;

export const noEventCounter: QuirkScenario = {
  personality: 'darwin-17',
  async run(world) {
    const slot = world.sim.addReader(READER);
    slot.insert(seedTestApplet());
    const driver = world.wrap();
    const context = await contextOf(driver);
    const counter = async (): Promise<number> =>
      ((await driver.getStatusChange(context, [{ reader: slot.name, currentState: SCARD_STATE_UNAWARE }], 0)).value?.[0]?.eventState ?? 0) >>>
      SCARD_STATE_EVENT_COUNTER_SHIFT;
    const pcsc = await world.pcsc();
    await primedMonitor(pcsc);
    const before = await counter();
    const inserted = nextEvent(pcsc, 'card-inserted');
    const replacement = replacementCard();
    slot.remove();
    slot.insert(replacement);
    const step = (await counter()) - before;
    const swapped = await inserted;

    const app = await world.connectedApp(slot.name);
    slot.remove();
    await new Promise((resolve) => setTimeout(resolve, REINSERTION_GAP_MS));
    slot.insert(replacement);
    const transmit = await app.driver.transmit(app.handle, app.protocol, Uint8Array.of(0x00, 0xa4, 0x04, 0x00));
    return `event counter step after a card swap: ${step}; monitor reports the new card: ${swapped}; SCardTransmit after the same card was out for ${REINSERTION_GAP_MS} ms: ${codeName(transmit.rc)}`;
  },
  expected: {
    'pcsc-lite':
      'event counter step after a card swap: 2; monitor reports the new card: seen; SCardTransmit after the same card was out for 300 ms: SCARD_W_REMOVED_CARD',
    unpatched:
      'event counter step after a card swap: 0; monitor reports the new card: seen; SCardTransmit after the same card was out for 300 ms: SCARD_W_RESET_CARD',
    quirked:
      'event counter step after a card swap: 0; monitor reports the new card: seen; SCardTransmit after the same card was out for 300 ms: SCARD_W_REMOVED_CARD',
  },
};

export const noPnpNotification: QuirkScenario = {
  personality: 'darwin-15',
  async run(world) {
    world.reader(READER, seedTestApplet());
    const driver = world.wrap();
    const context = await contextOf(driver);
    const pnp = await driver.getStatusChange(context, [{ reader: PNP_NOTIFICATION_READER, currentState: 1 << SCARD_STATE_EVENT_COUNTER_SHIFT }], 0);
    const pcsc = await world.pcsc();
    await primedMonitor(pcsc);
    const attached = nextEvent(pcsc, 'reader-attached');
    world.sim.addReader('Second Reader');
    return `status change on the PnP reader: ${codeName(pnp.rc)}; monitor reports a new reader: ${await attached}`;
  },
  expected: {
    'pcsc-lite': 'status change on the PnP reader: SCARD_E_TIMEOUT; monitor reports a new reader: seen',
    unpatched: 'status change on the PnP reader: SCARD_E_UNKNOWN_READER; monitor reports a new reader: seen',
    quirked: 'status change on the PnP reader: SCARD_E_UNKNOWN_READER; monitor reports a new reader: seen',
  },
};

export const serviceStopsWithLastReader: QuirkScenario = {
  personality: 'win32',
  async run(world) {
    const first = world.sim.addReader(READER);
    first.insert(seedTestApplet());
    const driver = world.wrap();
    const context = await contextOf(driver);
    const pcsc = await world.pcsc();
    await pcsc.listReaders();
    world.sim.removeReader(first.name);
    const oldContext = codeName((await driver.listReaders(context)).rc);
    const replugged = world.sim.addReader('Second Reader').name;
    let listed = 'not listed';
    for (let attempt = 0; attempt < 40 && listed === 'not listed'; attempt += 1) {
      const names = await outcomeOf(async () => (await pcsc.listReaders()).map((reader) => reader.name).join(','));
      if (names.includes(replugged)) listed = 'listed';
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return `old context after the last reader left: ${oldContext}; the application lists a reader plugged in later: ${listed}`;
  },
  expected: {
    'pcsc-lite': 'old context after the last reader left: SCARD_E_NO_READERS_AVAILABLE; the application lists a reader plugged in later: listed',
    unpatched: 'old context after the last reader left: SCARD_E_SERVICE_STOPPED; the application lists a reader plugged in later: listed',
    quirked: 'old context after the last reader left: SCARD_E_SERVICE_STOPPED; the application lists a reader plugged in later: listed',
  },
};
