/**
 * 'card-removed' says why: a card taken out leaves an empty reader ('removed'); across a pcscd
 * restart a card that is still there counts as removed and inserted again ('service-restarted'),
 * since the new daemon powered it anew, and the reader it names holds that card.
 */
import { Pcsc } from '../../src';
import type { CardRemovedReason, ReaderInfo } from '../../src';
import { REAL_DRIVERS } from '../harness/drivers';
import { withHarness } from '../harness/with-harness';

const harness = withHarness();
const RECOVERY = { minDelayMs: 50, maxDelayMs: 300 };
/** Only against a hang: the events come within a second or two. */
const EVENT_GUARD_MS = 20_000;

jest.setTimeout(60_000);

interface Removal {
  readonly reader: string;
  readonly state: ReaderInfo['state'];
  readonly reason: CardRemovedReason;
}

function nextEvent<T>(register: (resolve: (value: T) => void) => void, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const guard = setTimeout(() => reject(new Error(`no ${what} within ${EVENT_GUARD_MS} ms`)), EVENT_GUARD_MS);
    register((value) => {
      clearTimeout(guard);
      resolve(value);
    });
  });
}

/** Makes every new context of `pcsc` wait until the returned function is called. */
function holdNewContexts(pcsc: Pcsc): () => void {
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const driver = pcsc.driver;
  const establish = driver.establishContext.bind(driver);
  driver.establishContext = async () => {
    await released;
    return establish();
  };
  return release;
}

describe.each(REAL_DRIVERS)("'card-removed' with its reason (%s)", (driver) => {
  it("'service-restarted' across a restart with the card still in, 'removed' when it is taken out", async () => {
    const pcsc = await Pcsc.open({ driver, recovery: RECOVERY });
    const removals: Removal[] = [];
    const streamed: Removal[] = [];
    const stop = new AbortController();
    try {
      pcsc.on('card-removed', (reader, reason) => removals.push({ reader: reader.name, state: reader.state, reason }));
      const consuming = (async () => {
        for await (const event of pcsc.events({ signal: stop.signal })) {
          if (event.type === 'card-removed') streamed.push({ reader: event.reader.name, state: event.reader.state, reason: event.reason });
        }
      })();
      await pcsc.waitForCard({ reader: harness.readerName, timeout: 10_000 });

      const reinserted = nextEvent<void>((resolve) => pcsc.once('card-inserted', () => resolve()), 'card-inserted after the restart');
      // New contexts wait until the card is back in, so that the new daemon is first seen with it.
      const cardIn = holdNewContexts(pcsc);
      await harness.restartPcscd('SIGTERM');
      cardIn();
      await reinserted;
      expect(removals).toEqual([{ reader: harness.readerName, state: 'present', reason: 'service-restarted' }]);

      const removed = nextEvent<void>((resolve) => pcsc.once('card-removed', () => resolve()), 'card-removed');
      await harness.removeCard();
      await removed;
      expect(removals[1]).toEqual({ reader: harness.readerName, state: 'empty', reason: 'removed' });
      stop.abort();
      await consuming;
      expect(streamed).toEqual(removals);
    } finally {
      stop.abort();
      await pcsc.close();
      await harness.insertCard();
    }
  });
});
