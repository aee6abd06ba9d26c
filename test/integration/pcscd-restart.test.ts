/**
 * pcscd killed and restarted while the 'pcscd' driver is busy: transmit loops on two connections
 * and a status-change wait with no limit. Every pending call must settle with a typed answer (none
 * hangs), and after the restart the same Pcsc recovers (new sockets, new version handshake).
 */
import { Pcsc } from '../../src/compose/pcsc';
import type { Card } from '../../src/core/card';
import { NoServiceError } from '../../src/errors';
import { PcscdDriver } from '../../src/adapters/pcscd/pcscd-driver';
import * as rc from '../../src/driver/return-codes';
import { SCARD_INFINITE, SCARD_STATE_UNAWARE } from '../../src/driver/scard-constants';
import { withHarness } from '../harness/with-harness';
import { COMMAND, SELECT } from '../fixtures/seed';

const harness = withHarness();

jest.setTimeout(90_000);

it('pcscd SIGKILLed mid-load: every pending call ends typed, then the same Pcsc works again', async () => {
  const pcsc = await Pcsc.open({ driver: 'pcscd', quirks: 'none', recovery: { minDelayMs: 50, maxDelayMs: 500 } });
  const restored = new Promise<void>((resolve) => pcsc.once('service-restored', () => resolve()));
  const cards: Card[] = [];
  for (let i = 0; i < 2; i++) {
    const card = await pcsc.connect(harness.readerName);
    await card.transmit(SELECT);
    cards.push(card);
  }
  const driver = new PcscdDriver();
  const context = await driver.establishContext();
  if (!context.ok) throw new Error(`SCardEstablishContext: ${context.rc}`);
  const seen = await driver.getStatusChange(context.value, [{ reader: harness.readerName, currentState: SCARD_STATE_UNAWARE }], 0);
  const known = seen.ok ? (seen.value[0]?.eventState ?? 0) : 0;
  const wait = driver.getStatusChange(context.value, [{ reader: harness.readerName, currentState: known }], SCARD_INFINITE);

  let answered = 0;
  const failures: unknown[] = [];
  const loops = cards.map(async (card) => {
    while (card.isAlive) {
      try {
        await card.transmit(COMMAND);
        answered++;
      } catch (error) {
        failures.push(error);
      }
    }
  });
  while (answered < 100) await new Promise((resolve) => setImmediate(resolve));
  await harness.restartPcscd('SIGKILL');
  await Promise.all(loops);
  expect(failures.length).toBeGreaterThanOrEqual(cards.length);
  expect(failures.filter((error) => !(error instanceof NoServiceError))).toEqual([]);
  expect([rc.SCARD_F_COMM_ERROR, rc.SCARD_E_NO_SERVICE]).toContain((await wait).rc);

  await restored;
  for (const card of cards) {
    await card.reconnect();
    expect((await card.transmit(SELECT)).sw).toBe(0x9000);
  }
  const again = await driver.establishContext();
  expect(again.ok).toBe(true);
  await driver.dispose();
  await pcsc.close();
});
