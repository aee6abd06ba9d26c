/**
 * SCardBeginTransaction through the 'winscard' driver excludes another process's transaction both
 * ways: PySCard (its own libpcsclite client) against this driver, on the same real pcscd and card.
 */
import { WinscardDriver } from '../../src/adapters/winscard/winscard-driver';
import * as rc from '../../src/driver/return-codes';
import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from '../../src/driver/scard-constants';
import { withHarness } from '../harness/with-harness';
import { RunningScript } from '../parity/run-script';

const harness = withHarness();
jest.setTimeout(60_000);

/** Time PySCard gets to reach SCardBeginTransaction; a transaction that failed to exclude it would end within it. */
const GRACE_MS = 1_000;

async function connected(driver: WinscardDriver, reader: string): Promise<number> {
  const context = await driver.establishContext();
  if (!context.ok) throw new Error(`SCardEstablishContext: 0x${context.rc.toString(16)}`);
  const card = await driver.connect(context.value, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
  if (!card.ok) throw new Error(`SCardConnect: 0x${card.rc.toString(16)}`);
  return card.value.handle;
}

describe('transactions through winscard against PySCard on the real pcscd', () => {
  let driver: WinscardDriver;

  beforeEach(() => {
    driver = new WinscardDriver();
  });
  afterEach(async () => {
    await driver.dispose();
  });

  it('waits while PySCard holds a transaction, and gets it once PySCard ends it', async () => {
    const handle = await connected(driver, harness.readerName);
    const python = new RunningScript('python', 'transaction', ['hold', harness.readerName]);
    try {
      await python.waitForLine('Began');
      const events: string[] = [];
      const begun = driver.beginTransaction(handle).then((code) => {
        events.push('node began');
        return code;
      });
      await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
      events.push('python ends');
      python.sendLine();
      await python.waitForLine('Ended');
      expect(await begun).toBe(rc.SCARD_S_SUCCESS);
      expect(events).toEqual(['python ends', 'node began']);
      expect(await driver.endTransaction(handle, SCARD_LEAVE_CARD)).toBe(rc.SCARD_S_SUCCESS);
      expect((await python.finished()).code).toBe(0);
    } finally {
      python.kill();
    }
  });

  it('makes PySCard wait while it holds a transaction', async () => {
    const handle = await connected(driver, harness.readerName);
    expect(await driver.beginTransaction(handle)).toBe(rc.SCARD_S_SUCCESS);
    const python = new RunningScript('python', 'transaction', ['take', harness.readerName]);
    try {
      await python.waitForLine('Trying');
      await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
      await expect(python.waitForLine('Began', 0)).rejects.toThrow(/did not print "Began"/);
      expect(await driver.endTransaction(handle, SCARD_LEAVE_CARD)).toBe(rc.SCARD_S_SUCCESS);
      await python.waitForLine('Began');
      const result = await python.finished();
      expect(result.lines).toEqual(['Trying', 'Began', 'Ended']);
      expect(result.code).toBe(0);
    } finally {
      python.kill();
    }
  });

  it('a second handle of this process waits for the first one’s transaction too', async () => {
    const holder = await connected(driver, harness.readerName);
    const other = new WinscardDriver();
    try {
      const waiter = await connected(other, harness.readerName);
      expect(await driver.beginTransaction(holder)).toBe(rc.SCARD_S_SUCCESS);
      let began = false;
      const begun = other.beginTransaction(waiter).then((code) => {
        began = true;
        return code;
      });
      await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
      expect(began).toBe(false);
      expect(await driver.endTransaction(holder, SCARD_LEAVE_CARD)).toBe(rc.SCARD_S_SUCCESS);
      expect(await begun).toBe(rc.SCARD_S_SUCCESS);
      expect(await other.endTransaction(waiter, SCARD_LEAVE_CARD)).toBe(rc.SCARD_S_SUCCESS);
    } finally {
      await other.dispose();
    }
  });
});
