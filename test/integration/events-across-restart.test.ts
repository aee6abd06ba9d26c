/**
 * What the reader monitor knew before pcscd went away is compared with what it finds once pcscd
 * answers again, and every difference is emitted: readers that came or went, cards that came or went.
 */
import { Pcsc } from '../../src';
import { seedTestApplet, type VpcdAttachment } from '../../src/testing';
import { REAL_DRIVERS } from '../harness/drivers';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { vpcdReaderName } from '../harness/with-harness';

const FIRST_SLOT = 35963;
const SECOND_SLOT = 35964;
const FIRST_READER = vpcdReaderName(FIRST_SLOT);
const SECOND_READER = vpcdReaderName(SECOND_SLOT);
const RECOVERY = { minDelayMs: 50, maxDelayMs: 300 };
/** Only against a hang: the events come within a second or two once pcscd is back. */
const EVENTS_GUARD_MS = 30_000;

jest.setTimeout(60_000);

/** Every event of `pcsc` as `type reader`, and a way to wait until some have arrived. */
function record(pcsc: Pcsc): { readonly seen: string[]; until(...wanted: string[]): Promise<void> } {
  const seen: string[] = [];
  const waiters = new Set<() => void>();
  const add = (entry: string): void => {
    seen.push(entry);
    for (const wake of [...waiters]) wake();
  };
  pcsc.on('reader-attached', (reader) => add(`reader-attached ${reader.name}`));
  pcsc.on('reader-detached', (reader) => add(`reader-detached ${reader.name}`));
  pcsc.on('card-inserted', (reader) => add(`card-inserted ${reader.name}`));
  pcsc.on('card-removed', (reader) => add(`card-removed ${reader.name}`));
  pcsc.on('service-lost', () => add('service-lost'));
  pcsc.on('service-restored', () => add('service-restored'));
  return {
    seen,
    until: (...wanted) =>
      new Promise<void>((resolve, reject) => {
        const guard = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`Still waiting for ${JSON.stringify(wanted)}; seen ${JSON.stringify(seen)}`));
        }, EVENTS_GUARD_MS);
        const check = (): void => {
          if (!wanted.every((entry) => seen.includes(entry))) return;
          clearTimeout(guard);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
  };
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

async function insertCard(port: number): Promise<VpcdAttachment> {
  const attachment = await seedTestApplet().attachToVpcd({ port });
  await attachment.whenActivated();
  return attachment;
}

describe.each(REAL_DRIVERS)('events across a pcscd restart (%s)', (driver) => {
  const cards: VpcdAttachment[] = [];
  let pcsc: Pcsc | undefined;

  afterEach(async () => {
    await pcsc?.close();
    pcsc = undefined;
    for (const card of cards.splice(0)) await card.remove();
    await stopPcscd();
  });

  it('started with no reader, restarted with two: reader-attached for each', async () => {
    await startPcscd({ readers: 'none' });
    pcsc = await Pcsc.open({ driver, recovery: RECOVERY });
    const events = record(pcsc);
    expect(await pcsc.listReaders()).toEqual([]);
    await expect(pcsc.waitForCard({ timeout: 200 })).rejects.toThrow();

    await stopPcscd();
    await startPcscd();
    await events.until('service-restored', `reader-attached ${FIRST_READER}`, `reader-attached ${SECOND_READER}`);

    expect(events.seen.filter((entry) => entry.startsWith('reader-') || entry.startsWith('card-')).sort()).toEqual([
      `reader-attached ${FIRST_READER}`,
      `reader-attached ${SECOND_READER}`,
    ]);
    expect(events.seen.indexOf('service-lost')).toBeLessThan(events.seen.indexOf('service-restored'));
  });

  it('opened while pcscd is down, pcscd back with a card present: card-inserted', async () => {
    await stopPcscd();
    pcsc = await Pcsc.open({ driver, recovery: RECOVERY });
    expect(pcsc.serviceAvailable).toBe(false);
    // New contexts wait until the card is in, so that the service comes back with the card present.
    const cardIn = holdNewContexts(pcsc);
    const events = record(pcsc);

    await startPcscd();
    cards.push(await insertCard(FIRST_SLOT));
    cardIn();
    await events.until('service-restored', `card-inserted ${FIRST_READER}`);

    expect(events.seen).toEqual(expect.arrayContaining([`reader-attached ${FIRST_READER}`, `reader-attached ${SECOND_READER}`]));
    expect(events.seen.filter((entry) => entry.startsWith('card-'))).toEqual([`card-inserted ${FIRST_READER}`]);
    await expect(pcsc.waitForCard({ timeout: 10_000 })).resolves.toMatchObject({ name: FIRST_READER });
  });

  it('a card in the first reader before, one in the second after: card-removed and card-inserted', async () => {
    await startPcscd();
    cards.push(await insertCard(FIRST_SLOT));
    pcsc = await Pcsc.open({ driver, recovery: RECOVERY });
    const events = record(pcsc);
    await expect(pcsc.waitForCard({ reader: FIRST_READER, timeout: 10_000 })).resolves.toMatchObject({ name: FIRST_READER });

    await stopPcscd();
    for (const card of cards.splice(0)) await card.remove();
    await startPcscd();
    cards.push(await insertCard(SECOND_SLOT));
    await events.until('service-restored', `card-removed ${FIRST_READER}`, `card-inserted ${SECOND_READER}`);

    expect(events.seen.filter((entry) => entry.startsWith('card-') || entry.startsWith('reader-'))).toEqual([
      `card-removed ${FIRST_READER}`,
      `card-inserted ${SECOND_READER}`,
    ]);
  });
});
