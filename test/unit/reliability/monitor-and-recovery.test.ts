import { Pcsc } from '../../../src/compose/pcsc';
import { CardResetError, NoServiceError, TimeoutError } from '../../../src/errors/pcsc-error';
import type { PcscEvent } from '../../../src/core/pcsc-events';
import { ForwardingDriver } from '../../../src/driver/forwarding-driver';
import type { HandleId, Outcome } from '../../../src/driver/pcsc-driver';
import { SimulatedPcsc } from '../../../src/simulator';
import { appletCard, SELECT, COMMAND } from '../simulator/simulator-fixtures';

const fast = { minDelayMs: 5, maxDelayMs: 20 };

function nextEvent(iterator: AsyncIterator<PcscEvent>, type: PcscEvent['type']): Promise<PcscEvent> {
  return (async () => {
    for (;;) {
      const step = await iterator.next();
      if (step.done) throw new Error(`the event stream ended before '${type}'`);
      if (step.value.type === type) return step.value;
    }
  })();
}

describe('reader monitor and service recovery on the simulator', () => {
  const opened: Pcsc[] = [];
  const open = async (sim: SimulatedPcsc, options: Partial<Parameters<typeof Pcsc.open>[0]> = {}): Promise<Pcsc> => {
    const pcsc = await Pcsc.open({ driver: sim.driver(), recovery: fast, ...options });
    opened.push(pcsc);
    return pcsc;
  };
  afterEach(async () => {
    for (const pcsc of opened.splice(0)) await pcsc.close();
  });

  it('reports readers attached and detached, cards inserted (with ATR) and removed', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const pcsc = await open(sim);
    const events = pcsc.events();
    await pcsc.waitForCard({ timeout: 1 }).catch(() => undefined);
    const slot = sim.addReader('Reader A');
    expect(await nextEvent(events, 'reader-attached')).toMatchObject({ reader: { name: 'Reader A 00 00' } });
    const card = appletCard();
    slot.insert(card);
    const inserted = await nextEvent(events, 'card-inserted');
    expect(inserted).toMatchObject({ reader: { name: 'Reader A 00 00', state: 'present' } });
    expect([...(inserted as { reader: { atr: Uint8Array } }).reader.atr]).toEqual([...card.atr]);
    slot.remove();
    expect(await nextEvent(events, 'card-removed')).toMatchObject({ reader: { name: 'Reader A 00 00' } });
    sim.removeReader('Reader A 00 00');
    expect(await nextEvent(events, 'reader-detached')).toEqual({ type: 'reader-detached', reader: { name: 'Reader A 00 00' } });
    await events.return?.();
  });

  it('a throwing listener is reported as an error and the monitor keeps going', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const slot = sim.addReader('Reader B');
    const pcsc = await open(sim);
    const errors: Error[] = [];
    pcsc.on('error', (error) => errors.push(error));
    pcsc.on('card-inserted', () => {
      throw new Error('listener bug');
    });
    const waiting = pcsc.waitForCard({ reader: 'Reader B 00 00' });
    await pcsc.waitForCard({ timeout: 1 }).catch(() => undefined);
    slot.insert(appletCard());
    expect((await waiting).name).toBe('Reader B 00 00');
    expect(errors.map((e) => e.message)).toEqual(['listener bug']);
    slot.remove();
    slot.insert(appletCard());
    await pcsc.waitForCard({ reader: 'Reader B 00 00' });
    expect(errors).toHaveLength(1);
  });

  it('waitForCard resolves for a present card, filters by ATR, and times out with TimeoutError', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader C').insert(appletCard('3B 02 14 50'));
    const pcsc = await open(sim);
    expect((await pcsc.waitForCard({ atr: '3B 02 14 50' })).name).toBe('Reader C 00 00');
    await expect(pcsc.waitForCard({ atr: '3B 80 80 01 01', timeout: 30 })).rejects.toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const aborted = pcsc.waitForCard({ reader: 'Nowhere', signal: controller.signal });
    controller.abort(new Error('stop waiting'));
    await expect(aborted).rejects.toThrow('stop waiting');
  });

  it.each([false, true])('service lost (crash: %s): typed errors, backoff, service-restored, reconnect resumes', async (crash) => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const slot = sim.addReader('Reader D');
    slot.insert(appletCard());
    const pcsc = await open(sim);
    const events = pcsc.events();
    await pcsc.waitForCard();
    const card = await pcsc.connect('Reader D 00 00');
    await card.transmit(SELECT);
    sim.stopService({ crash });
    await nextEvent(events, 'service-lost');
    expect(pcsc.serviceAvailable).toBe(false);
    await expect(card.transmit(COMMAND)).rejects.toBeInstanceOf(NoServiceError);
    await expect(pcsc.listReaders()).rejects.toBeInstanceOf(NoServiceError);
    sim.startService();
    await nextEvent(events, 'service-restored');
    expect(pcsc.serviceAvailable).toBe(true);
    await card.reconnect();
    await card.transmit(SELECT);
    expect([...(await card.transmit(COMMAND)).data]).toHaveLength(14);
    await events.return?.();
  });

  it('opens while the service is down and emits service-restored once it answers; requireService throws', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader E');
    sim.stopService();
    await expect(Pcsc.open({ driver: sim.driver(), requireService: true })).rejects.toBeInstanceOf(NoServiceError);
    const pcsc = await open(sim);
    expect(pcsc.serviceAvailable).toBe(false);
    const restored = new Promise<void>((resolve) => pcsc.once('service-restored', resolve));
    sim.startService();
    await restored;
    expect((await pcsc.listReaders()).map((r) => r.name)).toEqual(['Reader E 00 00']);
  });

  it('a second reset inside restore surfaces the CardResetError', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader F').insert(appletCard());
    const app = await open(sim);
    const other = await open(sim);
    const restore = jest.fn(async (c: Awaited<ReturnType<Pcsc['connect']>>) => {
      const resetter = await other.connect('Reader F 00 00');
      await resetter.disconnect('reset');
      await c.transmit(SELECT);
    });
    const card = await app.connect('Reader F 00 00', { onReset: 'reconnect', restore });
    const first = await other.connect('Reader F 00 00');
    await first.disconnect('reset');
    await expect(card.transmit(COMMAND)).rejects.toBeInstanceOf(CardResetError);
    expect(restore).toHaveBeenCalledTimes(1);
  });

  it('transmit timeout rejects with TimeoutError; later commands wait for the hung one, then run', async () => {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const applet = appletCard();
    sim.addReader('Reader G').insert(applet);
    let release: () => void = () => undefined;
    class HangOnce extends ForwardingDriver {
      hang = true;
      override async transmit(handle: HandleId, protocol: number, command: Uint8Array): Promise<Outcome<Uint8Array>> {
        if (this.hang) {
          this.hang = false;
          await new Promise<void>((resolve) => (release = resolve));
        }
        return this.inner.transmit(handle, protocol, command);
      }
    }
    const pcsc = await open(sim, { driver: new HangOnce(sim.driver()) });
    const card = await pcsc.connect('Reader G 00 00');
    await expect(card.transmit(SELECT, { timeout: 20 })).rejects.toBeInstanceOf(TimeoutError);
    const queued = card.transmit(COMMAND, { timeout: 20 });
    await expect(queued).rejects.toBeInstanceOf(TimeoutError);
    const later = card.transmit(SELECT);
    release();
    expect((await later).sw).toBe(0x9000);
    // The queued command whose caller gave up never reached the card.
    expect(applet.log.map((e) => e.command[1])).toEqual([0xa4, 0xa4]);
  });
});
