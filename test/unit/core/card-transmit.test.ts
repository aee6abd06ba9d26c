import { InvalidArgumentError } from '../../../src/errors/invalid-argument-error';
import { Pcsc } from '../../../src/compose/pcsc';
import { ApduError } from '../../../src/errors/apdu-error';
import { ClosedError, NoServiceError } from '../../../src/errors/pcsc-error';
import { ForwardingDriver } from '../../../src/driver/forwarding-driver';
import { type HandleId, type Outcome, fail } from '../../../src/driver/pcsc-driver';
import { SCARD_E_INVALID_HANDLE, SCARD_E_NO_SERVICE, SCARD_F_COMM_ERROR } from '../../../src/driver/return-codes';
import { SimulatedPcsc } from '../../../src/simulator';
import { appletCard, COMMAND, SELECT } from '../simulator/simulator-fixtures';

/** Counts transmits in flight at the driver and answers each only when the test says so. */
class HeldTransmits extends ForwardingDriver {
  inFlight = 0;
  mostInFlight = 0;
  readonly held: Array<() => void> = [];
  failNext: number | undefined;

  override async transmit(handle: HandleId, protocol: number, command: Uint8Array): Promise<Outcome<Uint8Array>> {
    this.inFlight += 1;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    await new Promise<void>((resolve) => this.held.push(resolve));
    this.inFlight -= 1;
    if (this.failNext !== undefined) {
      const rc = this.failNext;
      this.failNext = undefined;
      return fail(rc);
    }
    return this.inner.transmit(handle, protocol, command);
  }

  async releaseAll(): Promise<void> {
    while (this.held.length > 0 || this.inFlight > 0) {
      this.held.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

describe('Card.transmit', () => {
  const opened: Pcsc[] = [];
  afterEach(async () => {
    for (const pcsc of opened.splice(0)) await pcsc.close();
  });

  async function connect(driver?: (sim: SimulatedPcsc) => HeldTransmits) {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    sim.addReader('Reader').insert(appletCard());
    const held = driver?.(sim);
    const pcsc = await Pcsc.open({ driver: held ?? sim.driver() });
    opened.push(pcsc);
    return { card: await pcsc.connect('Reader 00 00'), held, sim };
  }

  it('reports bad input, a bad timeout and a closed card as rejections, never as throws', async () => {
    const { card } = await connect();
    const tooShort = card.transmit([0x00, 0xa4]);
    await expect(tooShort).rejects.toBeInstanceOf(ApduError);
    await expect(card.transmit(SELECT, { timeout: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(card.transmit(SELECT, { signal: AbortSignal.abort(new Error('gave up')) })).rejects.toThrow('gave up');
    await card.disconnect();
    await expect(card.transmit(SELECT)).rejects.toBeInstanceOf(ClosedError);
  });

  it('never has two commands of one card at the driver at once, and answers each caller in order', async () => {
    const { card, held } = await connect((sim) => new HeldTransmits(sim.driver()));
    const answers = [card.transmit(SELECT), card.transmit(COMMAND), card.transmit(COMMAND, { timeout: 60_000 })];
    await held?.releaseAll();
    const responses = await Promise.all(answers);
    expect(held?.mostInFlight).toBe(1);
    expect(responses.map((response) => response.sw)).toEqual([0x9000, 0x9000, 0x9000]);
    expect(responses[1]?.data).toHaveLength(14);
  });

  it('turns a lost service into NoServiceError and then refuses commands until reconnect', async () => {
    const { card, held } = await connect((sim) => new HeldTransmits(sim.driver()));
    if (!held) throw new Error('no driver');
    held.failNext = SCARD_E_NO_SERVICE;
    const lost = expect(card.transmit(SELECT)).rejects.toBeInstanceOf(NoServiceError);
    await held.releaseAll();
    await lost;
    expect(card.isAlive).toBe(false);
    await expect(card.transmit(SELECT)).rejects.toBeInstanceOf(NoServiceError);
  });

  it.each([
    ['SCARD_E_INVALID_HANDLE', SCARD_E_INVALID_HANDLE],
    ['SCARD_F_COMM_ERROR', SCARD_F_COMM_ERROR],
  ])(
    'reports a handle that answered %s when the service died as a NoServiceError named by its own code, keeping the answer in returnCode',
    async (_name, answered) => {
      const { card, held } = await connect((sim) => new HeldTransmits(sim.driver()));
      if (!held) throw new Error('no driver');
      held.failNext = answered;
      const lost = card.transmit(SELECT).catch((error: unknown) => error);
      await held.releaseAll();
      const error = await lost;
      expect(error).toBeInstanceOf(NoServiceError);
      expect(error).toMatchObject({ code: SCARD_E_NO_SERVICE, codeName: 'SCARD_E_NO_SERVICE', returnCode: answered, call: 'SCardTransmit' });
    },
  );
});
