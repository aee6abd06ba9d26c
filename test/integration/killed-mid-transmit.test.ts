/**
 * pcscd killed while commands are on their way, several times in a row: every command that fails
 * fails with NoServiceError, whatever the client library made of the broken link. libpcsclite
 * answers SCARD_W_SECURITY_VIOLATION when the daemon's end of the socket was reset (a killed
 * daemon with unread bytes in its socket resets it), and an application that reconnects on
 * NoServiceError must see that as the service gone too.
 */
import { Pcsc } from '../../src/compose/pcsc';
import type { Card } from '../../src/core/card';
import { NoServiceError } from '../../src/errors/pcsc-error';
import { isServiceLoss } from '../../src/errors/code-kinds';
import { describeCode } from '../../src/errors/error-table';
import { DRIVER_BINDINGS } from '../../src/compose/driver-bindings';
import type { PcscDriver } from '../../src/driver/pcsc-driver';
import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from '../../src/driver/scard-constants';
import { SCARD_E_NO_SMARTCARD } from '../../src/driver/return-codes';
import { REAL_DRIVERS } from '../harness/drivers';
import { withHarness } from '../harness/with-harness';
import { COMMAND, COMMAND_BYTES, SELECT } from '../fixtures/seed';

const harness = withHarness();
const KILLS = 6;
const RECONNECT_GUARD_MS = 20_000;

jest.setTimeout(180_000);

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.constructor.name}(${(error as { codeName?: string }).codeName ?? '?'}): ${error.message}` : String(error);
}

async function reconnectOnceServed(card: Card): Promise<void> {
  const deadline = Date.now() + RECONNECT_GUARD_MS;
  for (;;) {
    try {
      await card.reconnect();
      return;
    } catch (error) {
      if (!(error instanceof NoServiceError) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe.each(REAL_DRIVERS)('pcscd killed mid-transmit (%s)', (driver) => {
  it(`every failed command is a NoServiceError, over ${KILLS} kills`, async () => {
    const pcsc = await Pcsc.open({ driver, quirks: 'none', recovery: { minDelayMs: 50, maxDelayMs: 300 } });
    const others: string[] = [];
    try {
      const cards: Card[] = [];
      for (let i = 0; i < 2; i++) {
        const card = await pcsc.connect(harness.readerName);
        await card.transmit(SELECT);
        cards.push(card);
      }
      for (let kill = 0; kill < KILLS; kill++) {
        let answered = 0;
        let failed = 0;
        const loops = cards.map(async (card) => {
          for (;;) {
            try {
              await card.transmit(COMMAND);
              answered++;
            } catch (error) {
              failed++;
              if (!(error instanceof NoServiceError)) others.push(describeError(error));
              return;
            }
          }
        });
        while (answered < 50) await new Promise((resolve) => setImmediate(resolve));
        await harness.restartPcscd('SIGKILL');
        await Promise.all(loops);
        expect(failed).toBe(cards.length);
        for (const card of cards) {
          await reconnectOnceServed(card);
          expect((await card.transmit(SELECT)).sw).toBe(0x9000);
        }
      }
      expect(others).toEqual([]);
    } finally {
      await pcsc.close();
    }
  });
});

/** The adapters over libpcsclite: each answers a broken link as the service gone, not as the code libpcsclite chose. */
describe.each(['pcsclite', 'winscard'] as const)('the %s driver when pcscd is killed mid-transmit', (name) => {
  it(`answers a transmit that the kill broke with a service-loss code, over ${KILLS} kills`, async () => {
    const others: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const driver: PcscDriver = await DRIVER_BINDINGS[name].create();
      try {
        const context = await driver.establishContext();
        if (!context.ok) throw new Error(`SCardEstablishContext: ${describeCode(context.rc).name}`);
        const loops = [0, 1].map(async () => {
          const connected = await driver.connect(context.value, harness.readerName, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
          if (!connected.ok) throw new Error(`SCardConnect: ${describeCode(connected.rc).name}`);
          const { handle, protocol } = connected.value;
          let answered = 0;
          for (;;) {
            const sent = await driver.transmit(handle, protocol, COMMAND_BYTES);
            if (!sent.ok) return { answered, rc: sent.rc };
            answered++;
          }
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await harness.restartPcscd('SIGKILL');
        for (const ended of await Promise.all(loops)) {
          expect(ended.answered).toBeGreaterThan(0);
          if (!isServiceLoss(ended.rc)) others.push(describeCode(ended.rc).name);
        }
      } finally {
        await driver.dispose();
      }
    }
    expect(others).toEqual([]);
  });
});

/**
 * SCardConnect is where pcscd itself may answer SCARD_W_SECURITY_VIOLATION (a polkit refusal), so
 * the adapters tell the two apart by asking whether the service still answers.
 */
describe.each(['pcsclite', 'winscard'] as const)('the %s driver when pcscd is killed mid-connect', (name) => {
  it(`answers a connect that the kill broke with a service-loss code, over ${KILLS} kills`, async () => {
    const others: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const driver: PcscDriver = await DRIVER_BINDINGS[name].create();
      try {
        const context = await driver.establishContext();
        if (!context.ok) throw new Error(`SCardEstablishContext: ${describeCode(context.rc).name}`);
        let connects = 0;
        const loops = [0, 1].map(async () => {
          for (;;) {
            const connected = await driver.connect(context.value, harness.readerName, SCARD_SHARE_SHARED, SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1);
            if (!connected.ok) return connected.rc;
            connects++;
            await driver.disconnect(connected.value.handle, SCARD_LEAVE_CARD);
          }
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await harness.restartPcscd('SIGKILL');
        // A connect that reached the new daemon before the card was back in answers that no card is there.
        for (const code of await Promise.all(loops)) if (!isServiceLoss(code) && code !== SCARD_E_NO_SMARTCARD) others.push(describeCode(code).name);
        expect(connects).toBeGreaterThan(0);
      } finally {
        await driver.dispose();
      }
    }
    expect(others).toEqual([]);
  });
});
