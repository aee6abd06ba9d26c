/**
 * What each binding can do, as docs/drivers.md's driver table documents it, tried on the real pcscd: a call
 * the binding has does its work, one it lacks answers SCARD_E_UNSUPPORTED_FEATURE at the port and
 * the core raises UnsupportedFeatureError (or, for reconnect, falls back to disconnect + connect).
 * The expectations come from the documentation, not from the driver's `capabilities`.
 */
import { openDriver } from '../../src/compose/open-driver';
import { Pcsc } from '../../src/compose/pcsc';
import type { HandleId, PcscDriver } from '../../src/driver/pcsc-driver';
import * as rc from '../../src/driver/return-codes';
import * as k from '../../src/driver/scard-constants';
import { UnsupportedFeatureError } from '../../src/errors';
import { seedTestApplet } from '../../src/testing/sample-cards';
import type { VirtualCard } from '../../src/testing/virtual-card';
import { attachToVpcd, type VpcdAttachment } from '../../src/testing/vpcd-link';
import type { RealDriver } from '../harness/drivers';
import { startPcscd, stopPcscd } from '../harness/pcscd';
import { COMMAND, SELECT, hex, valueOf, waitForReaderState } from '../fixtures/seed';
import { driversUnderTest } from './real-world';
import { CONTRACT_READERS } from './simulated-world';

jest.setTimeout(60_000);

/** docs/drivers.md's driver table: which of these calls each binding has. */
const DOCUMENTED: Readonly<Record<RealDriver, { readonly status: boolean; readonly reconnect: boolean; readonly transactions: boolean }>> = {
  pcscd: { status: true, reconnect: true, transactions: true },
  winscard: { status: true, reconnect: true, transactions: true },
  smartcard: { status: true, reconnect: true, transactions: false },
  pcsclite: { status: false, reconnect: false, transactions: false },
};
const READER = CONTRACT_READERS[0];
/** Far longer than pcsc-lite takes to grant a free lock: a begin still waiting then is held off. */
const HELD_OFF_MS = 1_000;

afterAll(() => stopPcscd());

describe.each(driversUnderTest().map((driver) => [driver.label, driver] as const))('%s: what the binding does', (_label, driver) => {
  const documented = DOCUMENTED[driver.binding];
  let card: VirtualCard;
  let slot: VpcdAttachment | undefined;
  const opened: PcscDriver[] = [];
  let pcsc: Pcsc;

  beforeAll(async () => {
    await stopPcscd();
    await startPcscd();
    card = seedTestApplet();
    slot = await attachToVpcd(card);
    pcsc = await Pcsc.open({ driver: driver.binding, isolation: driver.isolation, quirks: 'none' });
    await waitForReaderState(pcsc, READER, (state) => state === 'present');
  });

  afterAll(async () => {
    await pcsc.close();
    for (const port of opened.splice(0)) await port.dispose();
    await slot?.remove();
  });

  /** A new application on the port with a shared connection to the seed card. */
  async function connectedApp(): Promise<{ port: PcscDriver; handle: HandleId; protocol: number }> {
    const port = (await openDriver({ driver: driver.binding, isolation: driver.isolation, quirks: 'none' })).driver;
    opened.push(port);
    const context = valueOf(await port.establishContext());
    const connected = valueOf(await port.connect(context, READER, k.SCARD_SHARE_SHARED, k.SCARD_PROTOCOL_T0 | k.SCARD_PROTOCOL_T1));
    return { port, ...connected };
  }

  it(`SCardStatus ${documented.status ? 'answers the ATR' : 'is refused'}`, async () => {
    const connection = await pcsc.connect(READER);
    const { port, handle } = await connectedApp();
    const atPort = await port.status(handle);
    if (documented.status) {
      expect(hex(valueOf(atPort).atr)).toBe('3B 80 80 01 01 01');
      expect(hex((await connection.status()).atr)).toBe('3B 80 80 01 01 01');
    } else {
      expect(atPort.rc).toBe(rc.SCARD_E_UNSUPPORTED_FEATURE);
      const refused = await connection.status().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(UnsupportedFeatureError);
      expect((refused as UnsupportedFeatureError).codeName).toBe('SCARD_E_UNSUPPORTED_FEATURE');
    }
    expect((await connection.transmit(SELECT)).sw).toBe(0x9000);
    await connection.disconnect();
  });

  it(`SCardReconnect ${documented.reconnect ? 'resets the card' : 'is refused, and the core resets the card by connecting again'}`, async () => {
    const { port, handle } = await connectedApp();
    const resetsBefore = card.resetCount;
    const atPort = await port.reconnect(handle, k.SCARD_SHARE_SHARED, k.SCARD_PROTOCOL_T0 | k.SCARD_PROTOCOL_T1, k.SCARD_RESET_CARD);
    if (documented.reconnect) {
      expect(atPort.rc).toBe(rc.SCARD_S_SUCCESS);
      expect(card.resetCount).toBe(resetsBefore + 1);
    } else {
      expect(atPort.rc).toBe(rc.SCARD_E_UNSUPPORTED_FEATURE);
      expect(card.resetCount).toBe(resetsBefore);
    }
    expect(await port.disconnect(handle, k.SCARD_LEAVE_CARD)).toBe(rc.SCARD_S_SUCCESS);

    const connection = await pcsc.connect(READER);
    expect((await connection.transmit(SELECT)).sw).toBe(0x9000);
    const resetsThen = card.resetCount;
    await connection.reconnect({ initialization: 'reset' });
    expect(card.resetCount).toBe(resetsThen + 1);
    // The reset deselected the applet, whichever way the core reconnected.
    expect((await connection.transmit(COMMAND)).sw).toBe(0x6985);
    await connection.disconnect();
  });

  it(`SCardBeginTransaction ${documented.transactions ? 'holds another application off' : 'is refused'}`, async () => {
    const holder = await connectedApp();
    const other = await connectedApp();
    const begun = await holder.port.beginTransaction(holder.handle);
    if (documented.transactions) {
      expect(begun).toBe(rc.SCARD_S_SUCCESS);
      let otherBegun: number | undefined;
      const waiting = other.port.beginTransaction(other.handle).then((code) => (otherBegun = code));
      await new Promise((resolve) => setTimeout(resolve, HELD_OFF_MS));
      expect(otherBegun).toBeUndefined();
      expect(await holder.port.endTransaction(holder.handle, k.SCARD_LEAVE_CARD)).toBe(rc.SCARD_S_SUCCESS);
      expect(await waiting).toBe(rc.SCARD_S_SUCCESS);
      expect(await other.port.endTransaction(other.handle, k.SCARD_LEAVE_CARD)).toBe(rc.SCARD_S_SUCCESS);
    } else {
      expect(begun).toBe(rc.SCARD_E_UNSUPPORTED_FEATURE);
      const connection = await pcsc.connect(READER);
      const refused = await connection.transaction(() => undefined).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(UnsupportedFeatureError);
      expect((refused as UnsupportedFeatureError).codeName).toBe('SCARD_E_UNSUPPORTED_FEATURE');
      await connection.disconnect();
    }
    for (const app of [holder, other]) expect(await app.port.disconnect(app.handle, k.SCARD_LEAVE_CARD)).toBe(rc.SCARD_S_SUCCESS);
  });
});
