import { ForwardingDriver } from '../../../../src/driver/forwarding-driver';
import { type ContextId, type Outcome, type ReaderStateQuery, type ReaderStateResult, succeed } from '../../../../src/driver/pcsc-driver';
import { SCARD_E_SHARING_VIOLATION, SCARD_E_TIMEOUT, SCARD_S_SUCCESS } from '../../../../src/driver/return-codes';
import { SCARD_LEAVE_CARD, SCARD_PROTOCOL_ANY, SCARD_SHARE_SHARED, SCARD_STATE_INUSE, SCARD_STATE_UNAWARE } from '../../../../src/driver/scard-constants';
import { SharedConnectWithoutBlocking } from '../../../../src/quirks/workarounds/shared-connect-without-blocking';
import { SimulatedPcsc } from '../../../../src/simulator';
import { seedTestApplet } from '../../../../src/testing/sample-cards';
import { valueOf } from '../../../fixtures/seed';

/** Reports every reader idle, as if the other application connected just after the look. */
class StaleReaderState extends ForwardingDriver {
  override async getStatusChange(context: ContextId, readers: readonly ReaderStateQuery[], timeoutMs: number): Promise<Outcome<readonly ReaderStateResult[]>> {
    const outcome = await this.inner.getStatusChange(context, readers, timeoutMs);
    if (outcome.value === undefined) return outcome;
    return succeed(outcome.value.map((state) => ({ ...state, eventState: state.eventState & ~SCARD_STATE_INUSE })));
  }
}

async function setUp() {
  const sim = new SimulatedPcsc({ personality: 'darwin-14', idlePowerOffMs: false });
  const slot = sim.addReader('Gemalto PC Twin Reader');
  slot.insert(seedTestApplet());
  const holder = sim.driver();
  const holderContext = valueOf(await holder.establishContext());
  const held = await holder.connect(holderContext, slot.name, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY);
  return { sim, reader: slot.name, holder, holderHandle: valueOf(held).handle };
}

describe('SharedConnectWithoutBlocking', () => {
  it('refuses a shared connect to a reader another application uses, once explaining why', async () => {
    const { sim, reader } = await setUp();
    const notices: string[] = [];
    const driver = new SharedConnectWithoutBlocking(sim.driver(), (notice) => notices.push(notice.quirk));
    const context = valueOf(await driver.establishContext());
    expect((await driver.connect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY)).rc).toBe(SCARD_E_SHARING_VIOLATION);
    expect((await driver.connect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY)).rc).toBe(SCARD_E_SHARING_VIOLATION);
    expect(notices).toEqual(['shared-connect-blocks']);
  });

  it('gives up a connect that blocks anyway, and closes the handle it yields later', async () => {
    const { sim, reader, holder, holderHandle } = await setUp();
    const inner = sim.driver();
    const driver = new SharedConnectWithoutBlocking(new StaleReaderState(inner), () => undefined, 30);
    const context = valueOf(await driver.establishContext());
    expect((await driver.connect(context, reader, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY)).rc).toBe(SCARD_E_TIMEOUT);

    expect(await holder.disconnect(holderHandle, SCARD_LEAVE_CARD)).toBe(SCARD_S_SUCCESS);
    const observer = sim.driver();
    const observerContext = valueOf(await observer.establishContext());
    let inUse = true;
    for (let attempt = 0; attempt < 50 && inUse; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const state = await observer.getStatusChange(observerContext, [{ reader, currentState: SCARD_STATE_UNAWARE }], 0);
      inUse = ((state.value?.[0]?.eventState ?? 0) & SCARD_STATE_INUSE) !== 0;
    }
    expect(inUse).toBe(false);
  });

  it('lets an application share a reader with itself', async () => {
    const sim = new SimulatedPcsc({ personality: 'darwin-14', idlePowerOffMs: false });
    const slot = sim.addReader('Gemalto PC Twin Reader');
    slot.insert(seedTestApplet());
    const driver = new SharedConnectWithoutBlocking(sim.driver(), () => undefined);
    const context = valueOf(await driver.establishContext());
    expect((await driver.connect(context, slot.name, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY)).rc).toBe(SCARD_S_SUCCESS);
    expect((await driver.connect(context, slot.name, SCARD_SHARE_SHARED, SCARD_PROTOCOL_ANY)).rc).toBe(SCARD_S_SUCCESS);
  });
});
