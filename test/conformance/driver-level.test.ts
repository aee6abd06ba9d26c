/**
 * Driver-level agreement: the same SCard* steps on the real pcscd (through the smartcard
 * binding, which has SCardStatus and SCardReconnect) and on the simulator's linux personality
 * must give the same return codes and the same reader-state flags.
 */
import { SmartcardDriver } from '../../src/adapters/smartcard/smartcard-driver';
import type { ContextId, PcscDriver } from '../../src/driver/pcsc-driver';
import * as k from '../../src/driver/scard-constants';
import { SimulatedPcsc } from '../../src/simulator';
import { seedTestApplet } from '../../src/testing/sample-cards';
import { COMMAND_BYTES, longAnswerCard, SELECT_BYTES, valueOf } from '../fixtures/seed';
import { attachToVpcd, type VpcdAttachment } from '../../src/testing/vpcd-link';
import { startPcscd, stopPcscd } from '../harness/pcscd';

const COMPARED_FLAGS = k.SCARD_STATE_EMPTY | k.SCARD_STATE_PRESENT | k.SCARD_STATE_EXCLUSIVE | k.SCARD_STATE_INUSE | k.SCARD_STATE_MUTE | k.SCARD_STATE_UNKNOWN;

type Step = readonly [step: string, code: number, detail?: string];

interface Applications {
  readonly reader: string;
  /** Each call is another application (its own driver instance). */
  readonly newDriver: () => PcscDriver;
  readonly removeCard: () => Promise<void>;
}

async function flagsOf(driver: PcscDriver, context: ContextId, reader: string): Promise<string> {
  const outcome = await driver.getStatusChange(context, [{ reader, currentState: k.SCARD_STATE_UNAWARE }], 0);
  return ((outcome.value?.[0]?.eventState ?? 0) & COMPARED_FLAGS).toString(16);
}

async function waitForFlags(driver: PcscDriver, context: ContextId, reader: string, flag: number): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    const outcome = await driver.getStatusChange(context, [{ reader, currentState: k.SCARD_STATE_UNAWARE }], 0);
    if ((outcome.value?.[0]?.eventState ?? 0) & flag) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`reader never showed state flag 0x${flag.toString(16)}`);
}

function answer(bytes: Uint8Array | undefined): string {
  return bytes ? Buffer.from(bytes).toString('hex') : '-';
}

/** The steps, recorded as [name, code, detail] so two targets can be compared whole. */
async function runSteps(apps: Applications): Promise<Step[]> {
  const steps: Step[] = [];
  const a = apps.newDriver();
  const b = apps.newDriver();
  const contextA = valueOf(await a.establishContext());
  const contextB = valueOf(await b.establishContext());
  const reader = apps.reader;

  steps.push(['idle reader flags', 0, await flagsOf(a, contextA, reader)]);
  const unknown = await a.connect(contextA, 'No Such Reader 00 00', k.SCARD_SHARE_SHARED, k.SCARD_PROTOCOL_ANY);
  steps.push(['connect unknown reader', unknown.rc]);
  const noChange = await a.getStatusChange(
    contextA,
    [{ reader, currentState: (await a.getStatusChange(contextA, [{ reader, currentState: 0 }], 0)).value?.[0]?.eventState ?? 0 }],
    50,
  );
  steps.push(['status change without change', noChange.rc]);

  const shared = await a.connect(contextA, reader, k.SCARD_SHARE_SHARED, k.SCARD_PROTOCOL_ANY);
  steps.push(['connect shared', shared.rc, String(shared.value?.protocol)]);
  const handleA = valueOf(shared).handle;
  steps.push(['flags while in use', 0, await flagsOf(b, contextB, reader)]);
  steps.push(['exclusive while in use', (await b.connect(contextB, reader, k.SCARD_SHARE_EXCLUSIVE, k.SCARD_PROTOCOL_ANY)).rc]);
  const select = await a.transmit(handleA, valueOf(shared).protocol, SELECT_BYTES);
  steps.push(['select', select.rc, answer(select.value)]);
  const command = await a.transmit(handleA, valueOf(shared).protocol, COMMAND_BYTES);
  steps.push(['command', command.rc, answer(command.value)]);
  const status = await a.status(handleA);
  steps.push(['status', status.rc, answer(status.value?.atr)]);

  const other = await b.connect(contextB, reader, k.SCARD_SHARE_SHARED, k.SCARD_PROTOCOL_ANY);
  steps.push(['second shared connect', other.rc]);
  steps.push(['other disconnects with reset', await b.disconnect(valueOf(other).handle, k.SCARD_RESET_CARD)]);
  steps.push(['transmit after reset', (await a.transmit(handleA, valueOf(shared).protocol, COMMAND_BYTES)).rc]);
  steps.push(['status after reset', (await a.status(handleA)).rc]);
  steps.push(['transmit after reset again', (await a.transmit(handleA, valueOf(shared).protocol, COMMAND_BYTES)).rc]);
  const reconnected = await a.reconnect(handleA, k.SCARD_SHARE_SHARED, k.SCARD_PROTOCOL_ANY, k.SCARD_LEAVE_CARD);
  steps.push(['reconnect', reconnected.rc]);
  const deselected = await a.transmit(handleA, valueOf(reconnected), COMMAND_BYTES);
  steps.push(['command after reconnect', deselected.rc, answer(deselected.value)]);
  steps.push(['disconnect', await a.disconnect(handleA, k.SCARD_LEAVE_CARD)]);

  const exclusive = await a.connect(contextA, reader, k.SCARD_SHARE_EXCLUSIVE, k.SCARD_PROTOCOL_ANY);
  steps.push(['connect exclusive', exclusive.rc]);
  steps.push(['flags while exclusive', 0, await flagsOf(b, contextB, reader)]);
  steps.push(['shared while exclusive', (await b.connect(contextB, reader, k.SCARD_SHARE_SHARED, k.SCARD_PROTOCOL_ANY)).rc]);

  await apps.removeCard();
  await waitForFlags(a, contextA, reader, k.SCARD_STATE_EMPTY);
  steps.push(['flags after removal', 0, await flagsOf(a, contextA, reader)]);
  steps.push(['transmit after removal', (await a.transmit(valueOf(exclusive).handle, valueOf(exclusive).protocol, COMMAND_BYTES)).rc]);
  steps.push(['status after removal', (await a.status(valueOf(exclusive).handle)).rc]);
  steps.push(['connect while the removed card is held', (await b.connect(contextB, reader, k.SCARD_SHARE_SHARED, k.SCARD_PROTOCOL_ANY)).rc]);
  steps.push(['disconnect removed card', await a.disconnect(valueOf(exclusive).handle, k.SCARD_LEAVE_CARD)]);
  steps.push(['connect to empty reader', (await b.connect(contextB, reader, k.SCARD_SHARE_SHARED, k.SCARD_PROTOCOL_ANY)).rc]);
  await a.dispose();
  await b.dispose();
  return steps;
}

/** The steps the platform-quirk scenarios rest on: receive buffers, sharing, another application unpowering the card. */
async function runQuirkReferenceSteps(apps: Applications): Promise<Step[]> {
  const steps: Step[] = [];
  const a = apps.newDriver();
  const b = apps.newDriver();
  const contextA = valueOf(await a.establishContext());
  const contextB = valueOf(await b.establishContext());
  const shared = await a.connect(contextA, apps.reader, k.SCARD_SHARE_SHARED, k.SCARD_PROTOCOL_ANY);
  const handle = valueOf(shared).handle;
  const protocol = valueOf(shared).protocol;
  const readBinary = Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00);
  for (const [label, limit] of [
    ['default', undefined],
    ['full', 65538],
    ['10 bytes', 10],
  ] as const) {
    const outcome = await a.transmit(handle, protocol, readBinary, limit);
    steps.push([`long answer, ${label} receive buffer`, outcome.rc, String(outcome.value?.length ?? '-')]);
  }
  const other = await b.connect(contextB, apps.reader, k.SCARD_SHARE_SHARED, k.SCARD_PROTOCOL_ANY);
  steps.push(['second application shares the card', other.rc]);
  steps.push(['it disconnects, unpowering the card', await b.disconnect(valueOf(other).handle, k.SCARD_UNPOWER_CARD)]);
  steps.push(['status after the power-off', (await a.status(handle)).rc]);
  steps.push(['transmit after the power-off', (await a.transmit(handle, protocol, COMMAND_BYTES)).rc]);
  const reconnected = await a.reconnect(handle, k.SCARD_SHARE_SHARED, k.SCARD_PROTOCOL_ANY, k.SCARD_LEAVE_CARD);
  steps.push(['reconnect', reconnected.rc]);
  steps.push(['transmit after reconnect', (await a.transmit(handle, valueOf(reconnected), COMMAND_BYTES)).rc]);
  steps.push(['disconnect', await a.disconnect(handle, k.SCARD_LEAVE_CARD)]);
  await a.dispose();
  await b.dispose();
  return steps;
}

// Starting pcscd and walking the steps takes longer than jest's default 5 s on a busy machine.
jest.setTimeout(60_000);

describe('driver level: the real pcscd and the linux simulator agree', () => {
  let slot: VpcdAttachment | undefined;

  afterAll(async () => {
    await slot?.remove();
    await stopPcscd();
  });

  it('returns the same codes and reader flags for the same SCard* steps', async () => {
    await startPcscd();
    slot = await attachToVpcd(seedTestApplet());
    const attached = slot;
    const probe = new SmartcardDriver();
    const context = valueOf(await probe.establishContext());
    await waitForFlags(probe, context, 'Virtual PCD 00 00', k.SCARD_STATE_PRESENT);
    await probe.dispose();
    const real = await runSteps({ reader: 'Virtual PCD 00 00', newDriver: () => new SmartcardDriver(), removeCard: () => attached.remove() });

    const sim = new SimulatedPcsc({ personality: 'linux' });
    // vpcd passes commands to a card pcscd left unpowered
    const simSlot = sim.addReader('Virtual PCD', { forwardsToUnpoweredCard: true });
    simSlot.insert(seedTestApplet());
    const simulated = await runSteps({ reader: simSlot.name, newDriver: () => sim.driver(), removeCard: async () => simSlot.remove() });

    console.log(`driver-level: ${real.length} steps compared between pcscd and the linux simulator`);
    expect(simulated).toEqual(real);
    // The recorded steps are the pcsc-lite behaviour the library relies on.
    const byName = new Map(real.map(([name, code, detail]) => [name, { code, detail }]));
    expect(byName.get('exclusive while in use')?.code).toBe(0x8010000b);
    expect(byName.get('transmit after reset')?.code).toBe(0x80100068);
    expect(byName.get('transmit after reset again')?.code).toBe(0x80100068);
    expect(byName.get('command after reconnect')?.detail).toBe('6985');
    expect(byName.get('transmit after removal')?.code).toBe(0x80100069);
    expect(byName.get('connect while the removed card is held')?.code).toBe(0x8010000b);
    expect(byName.get('connect to empty reader')?.code).toBe(0x8010000c);
    expect(byName.get('status change without change')?.code).toBe(0x8010000a);
    await slot.remove();
    slot = undefined;
  });

  it('agrees on the steps the platform-quirk scenarios rest on', async () => {
    await startPcscd();
    slot = await attachToVpcd(longAnswerCard());
    const probe = new SmartcardDriver();
    const context = valueOf(await probe.establishContext());
    await waitForFlags(probe, context, 'Virtual PCD 00 00', k.SCARD_STATE_PRESENT);
    await probe.dispose();
    const real = await runQuirkReferenceSteps({ reader: 'Virtual PCD 00 00', newDriver: () => new SmartcardDriver(), removeCard: async () => undefined });

    const sim = new SimulatedPcsc({ personality: 'linux' });
    // vpcd passes commands to a card pcscd left unpowered
    const simSlot = sim.addReader('Virtual PCD', { forwardsToUnpoweredCard: true });
    simSlot.insert(longAnswerCard());
    const simulated = await runQuirkReferenceSteps({ reader: simSlot.name, newDriver: () => sim.driver(), removeCard: async () => undefined });

    console.log(`driver-level: ${real.length} quirk reference steps compared between pcscd and the linux simulator`);
    expect(simulated).toEqual(real);
    const byName = new Map(real.map(([name, code, detail]) => [name, { code, detail }]));
    expect(byName.get('long answer, default receive buffer')?.code).toBe(0x80100008);
    expect(byName.get('long answer, full receive buffer')?.detail).toBe('302');
    expect(byName.get('transmit after the power-off')?.code).toBe(0x80100068);
  });
});
