import type { ContextId, HandleId, Outcome, PcscDriver } from '../../../src/driver/pcsc-driver';
import { SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from '../../../src/driver/scard-constants';
import { SimulatedPcsc, type SimulatedPcscOptions } from '../../../src/simulator';
import type { SimulatedReaderSlot } from '../../../src/simulator';
import { VirtualCard } from '../../../src/testing/virtual-card';

export const SELECT = Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x06, 0xa0, 0x00, 0x00, 0x00, 0x18, 0xff);
export const COMMAND = Uint8Array.of(0x80, 0x34, 0x00, 0x0e, 0x0e);
export const T0_OR_T1 = SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1;
/** Offers T=0 (first) and T=1. */
export const DUAL_PROTOCOL_ATR = '3B 80 80 01 01';
/** No TD1 byte: T=0 only. */
export const T0_ONLY_ATR = '3B 02 14 50';

/** Test applet of the El Capitan reports: select gives 90 00; the command 14 bytes + 90 00 if selected, else 69 85. */
export function appletCard(atr = DUAL_PROTOCOL_ATR): VirtualCard {
  let selected = false;
  return new VirtualCard({
    atr,
    onReset: () => {
      selected = false;
    },
    respond: (apdu) => {
      if (apdu[1] === 0xa4) {
        selected = true;
        return '90 00';
      }
      if (apdu[1] === 0x34) return selected ? [...Array.from({ length: 14 }, (_, i) => i), 0x90, 0x00] : '69 85';
      return '6D 00';
    },
  });
}

export function hex(bytes: Uint8Array | undefined): string {
  return Array.from(bytes ?? [], (byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

/** The status word of an answer, e.g. '90 00'. */
export function statusWord(outcome: Outcome<Uint8Array>): string {
  return hex(outcome.value?.slice(-2));
}

export function valueOf<T>(outcome: Outcome<T>): T {
  if (outcome.value === undefined) throw new Error(`expected success, got 0x${outcome.rc.toString(16)}`);
  return outcome.value;
}

export interface Application {
  readonly driver: PcscDriver;
  readonly context: ContextId;
}

export async function openApplication(sim: SimulatedPcsc): Promise<Application> {
  const driver = sim.driver();
  const context = valueOf(await driver.establishContext());
  return { driver, context };
}

export async function connectShared(app: Application, reader: string): Promise<{ handle: HandleId; protocol: number }> {
  return valueOf(await app.driver.connect(app.context, reader, SCARD_SHARE_SHARED, T0_OR_T1));
}

export interface Bench {
  readonly sim: SimulatedPcsc;
  readonly slot: SimulatedReaderSlot;
  readonly card: VirtualCard;
  readonly app1: Application;
  readonly app2: Application;
}

/** A service with one reader holding the applet card, and two applications. */
export async function bench(options: SimulatedPcscOptions = {}, atr = DUAL_PROTOCOL_ATR): Promise<Bench> {
  const sim = new SimulatedPcsc(options);
  const slot = sim.addReader('Gemalto PC Twin Reader');
  const card = appletCard(atr);
  slot.insert(card);
  return { sim, slot, card, app1: await openApplication(sim), app2: await openApplication(sim) };
}

/** Whether a promise is still pending after the microtask queue drained. */
export async function isPending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  await new Promise((resolve) => setImmediate(resolve));
  return !settled;
}
