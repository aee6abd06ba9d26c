import type { ContextId, HandleId, PcscDriver } from '../../../src/driver/pcsc-driver';
import { SCARD_PROTOCOL_T0, SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from '../../../src/driver/scard-constants';
import { valueOf } from '../../fixtures/seed';
import { SimulatedPcsc, type SimulatedPcscOptions } from '../../../src/simulator';
import type { SimulatedReaderSlot } from '../../../src/simulator';
import { VirtualCard } from '../../../src/testing/virtual-card';

export { COMMAND_BYTES as COMMAND, SELECT_BYTES as SELECT, hex, statusWord, valueOf } from '../../fixtures/seed';
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
