import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDriver } from '../../../src/compose/open-driver';
import { Pcsc } from '../../../src/compose/pcsc';
import { PcscdDriver } from '../../../src/adapters/pcscd/pcscd-driver';
import { DRIVER_BINDINGS, type DriverBindings, type DriverSettings } from '../../../src/compose/driver-bindings';
import { InvalidArgumentError } from '../../../src/errors/invalid-argument-error';
import { NoServiceError } from '../../../src/errors/pcsc-error';
import { SimulatedPcsc } from '../../../src/simulator';
import { appletCard } from '../simulator/simulator-fixtures';

/** The bindings, 'pcscd' building its real driver but telling what it was built with; no probe may run. */
function recordingBindings(built: (DriverSettings | undefined)[]): DriverBindings {
  const refuse = (): never => {
    throw new Error('an explicitly chosen driver is not probed');
  };
  return {
    ...DRIVER_BINDINGS,
    pcscd: {
      ...DRIVER_BINDINGS.pcscd,
      probe: refuse,
      create: (settings) => {
        built.push(settings);
        return new PcscdDriver(settings);
      },
    },
  };
}

describe("Pcsc.open's socket option", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'socket-option-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['an empty string', ''],
    ['a number', 42],
    ['a path with NUL', '/run/pcscd/pcscd.comm\u0000x'],
    ['a path longer than a socket address holds', `/tmp/${'x'.repeat(120)}.sock`],
  ])('refuses %s with InvalidArgumentError naming `socket`', async (_what, socket) => {
    const opening = Pcsc.open({ driver: 'pcscd', socket: socket as string });
    await expect(opening).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(opening).rejects.toMatchObject({ argument: 'socket' });
  });

  it.each(['winscard', 'pcsclite', 'smartcard', 'auto'] as const)("refuses driver '%s' with a socket", async (driver) => {
    await expect(Pcsc.open({ driver, socket: join(dir, 'pcscd.comm') })).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      argument: 'socket',
      message: expect.stringContaining("driver: 'pcscd'"),
    });
  });

  it("refuses isolation 'worker' with a socket (the 'pcscd' driver runs in this process)", async () => {
    await expect(Pcsc.open({ driver: 'pcscd', socket: join(dir, 'pcscd.comm'), isolation: 'worker' })).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      argument: 'isolation',
    });
  });

  it("builds the 'pcscd' driver on the socket, without probing, whether driver is 'pcscd' or omitted", async () => {
    const built: (DriverSettings | undefined)[] = [];
    const socket = join(dir, 'pcscd.comm');
    for (const options of [{ driver: 'pcscd' as const, socket }, { socket }, { socket, isolation: 'auto' as const }]) {
      const { driver } = await openDriver({ ...options, quirks: 'none' }, undefined, recordingBindings(built));
      expect(driver.name).toBe('pcscd');
      await driver.dispose();
    }
    expect(built).toEqual([{ socketPath: socket }, { socketPath: socket }, { socketPath: socket }]);
  });

  it('a socket nobody serves is a lost service: NoServiceError with requireService, PCSCLITE_CSOCK_NAME not consulted', async () => {
    const saved = process.env.PCSCLITE_CSOCK_NAME;
    process.env.PCSCLITE_CSOCK_NAME = join(dir, 'elsewhere.comm');
    try {
      const socket = join(dir, 'nobody.comm');
      const opening = Pcsc.open({ driver: 'pcscd', socket, requireService: true, quirks: 'none' });
      await expect(opening).rejects.toBeInstanceOf(NoServiceError);
      const pcsc = await Pcsc.open({ socket, quirks: 'none' });
      expect(pcsc.serviceAvailable).toBe(false);
      expect(pcsc.label).toBe(socket);
      await pcsc.close();
    } finally {
      if (saved === undefined) delete process.env.PCSCLITE_CSOCK_NAME;
      else process.env.PCSCLITE_CSOCK_NAME = saved;
    }
  });

  it('PcscdDriver refuses a bad socketPath with InvalidArgumentError naming it', () => {
    expect(() => new PcscdDriver({ socketPath: '' })).toThrow(InvalidArgumentError);
    expect(() => new PcscdDriver({ socketPath: 'a\u0000b' })).toThrow(expect.objectContaining({ argument: 'socketPath' }));
  });
});

describe("Pcsc.open's label: readers of several services side by side", () => {
  it('every ReaderInfo of a labelled Pcsc carries the label as `service`, and connect() takes it or the name', async () => {
    const lab = new SimulatedPcsc({ idlePowerOffMs: false });
    const kiosk = new SimulatedPcsc({ idlePowerOffMs: false });
    lab.addReader('Reader').insert(appletCard());
    kiosk.addReader('Reader');
    const a = await Pcsc.open({ driver: lab.driver(), label: 'lab' });
    const b = await Pcsc.open({ driver: kiosk.driver(), label: 'kiosk' });
    const unlabelled = await Pcsc.open({ driver: lab.driver() });
    try {
      const [labReader] = await a.listReaders();
      const [kioskReader] = await b.listReaders();
      expect(labReader).toMatchObject({ name: 'Reader 00 00', service: 'lab', state: 'present' });
      expect(kioskReader).toMatchObject({ name: 'Reader 00 00', service: 'kiosk', state: 'empty' });
      expect(a.label).toBe('lab');
      expect('service' in ((await unlabelled.listReaders())[0] ?? {})).toBe(false);

      // waitForCard resolves once the monitor has had its first look: later changes are events.
      expect(await a.waitForCard({ timeout: 10_000 })).toMatchObject({ name: 'Reader 00 00', service: 'lab' });
      const inserted = new Promise((resolve) => a.once('card-inserted', resolve));
      lab.addReader('Second').insert(appletCard());
      expect(await inserted).toMatchObject({ name: 'Second 01 00', service: 'lab' });
      const detached = new Promise((resolve) => a.once('reader-detached', resolve));
      lab.removeReader('Second');
      expect(await detached).toEqual({ name: 'Second 01 00', service: 'lab' });

      const card = await a.connect(labReader!);
      expect(card.reader).toBe('Reader 00 00');
      await card.disconnect();
      await (await a.connect('Reader 00 00')).disconnect();
    } finally {
      await Promise.all([a.close(), b.close(), unlabelled.close()]);
    }
  });

  it.each([[''], [7]])('refuses label %p with InvalidArgumentError', async (label) => {
    await expect(Pcsc.open({ driver: new SimulatedPcsc().driver(), label: label as string })).rejects.toMatchObject({
      name: 'InvalidArgumentError',
      argument: 'label',
    });
  });
});
