/** A PcscdDriver on a FakePcscd per test, both ended after each test of the file that calls this. */
import { PcscdDriver } from '../../../../src/adapters/pcscd/pcscd-driver';
import { SCARD_PROTOCOL_T1, SCARD_SHARE_SHARED } from '../../../../src/driver/scard-constants';
import { FakePcscd, type FakeOptions, type Override } from './fake-pcscd';

export interface FakeSession {
  readonly driver: PcscdDriver;
  readonly daemon: FakePcscd;
  readonly context: number;
}

export interface FakeSessions {
  /** A daemon answering as `override` says (else as pcscd 1.9.9), a driver and one context. */
  start(override?: Override): Promise<FakeSession>;
  /** The same with one shared connection to the fake reader. */
  connected(override?: Override): Promise<FakeSession & { readonly handle: number }>;
}

/** `version`: the fake daemon's protocol (default 4.4 only, as pcscd 1.9.9). */
export function fakeSessions(version?: FakeOptions['version']): FakeSessions {
  const open: Array<{ driver: PcscdDriver; daemon: FakePcscd }> = [];
  afterEach(async () => {
    for (const { driver, daemon } of open.splice(0)) {
      await driver.dispose();
      await daemon.stop();
    }
  });
  const start = async (override?: Override): Promise<FakeSession> => {
    const daemon = await FakePcscd.start({ override, ...(version ? { version } : {}) });
    const driver = new PcscdDriver({ socketPath: daemon.path });
    open.push({ driver, daemon });
    const context = await driver.establishContext();
    if (!context.ok) throw new Error(`establish: ${context.rc}`);
    return { driver, daemon, context: context.value };
  };
  return {
    start,
    async connected(override) {
      const session = await start(override);
      const card = await session.driver.connect(session.context, session.daemon.readers[0]?.name ?? '', SCARD_SHARE_SHARED, SCARD_PROTOCOL_T1);
      if (!card.ok) throw new Error(`connect: ${card.rc}`);
      return { ...session, handle: card.value.handle };
    },
  };
}

/** Resolves once `predicate` holds, checking after each turn of the event loop (no clock involved). */
export async function until(predicate: () => boolean): Promise<void> {
  while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
}
