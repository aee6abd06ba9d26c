import { InvalidArgumentError } from '../../../src/errors/invalid-argument-error';
import { Pcsc } from '../../../src/compose/pcsc';
import type { ConnectOptions } from '../../../src/core/pcsc';
import { SimulatedPcsc } from '../../../src/simulator';
import { VirtualCard } from '../../../src/testing/virtual-card';
import { DUAL_PROTOCOL_ATR, hex, T0_ONLY_ATR } from '../simulator/simulator-fixtures';

const READ_RECORD = '00 B2 01 0C 00';
const GET_CHALLENGE = '00 84 00 00 00';

/**
 * A card that answers like a T=0 card with long data: READ RECORD gives 61 05 then 5 bytes on GET
 * RESPONSE; GET CHALLENGE with the wrong Le gives 6C 08 and 8 bytes when asked with Le = 8.
 */
function t0StyleCard(atr: string): VirtualCard {
  return new VirtualCard({
    atr,
    respond: (apdu) => {
      if (apdu[1] === 0xb2) return '61 05';
      if (apdu[1] === 0xc0) return apdu[4] === 0x05 ? '01 02 03 04 05 90 00' : '67 00';
      if (apdu[1] === 0x84) return apdu[4] === 0x08 ? '11 12 13 14 15 16 17 18 90 00' : '6C 08';
      return '90 00';
    },
  });
}

describe('automatic GET RESPONSE (connect option getResponse)', () => {
  const opened: Pcsc[] = [];
  afterEach(async () => {
    for (const pcsc of opened.splice(0)) await pcsc.close();
  });

  async function connect(atr: string, options: ConnectOptions = {}) {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const virtualCard = t0StyleCard(atr);
    sim.addReader('Reader').insert(virtualCard);
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    opened.push(pcsc);
    return { card: await pcsc.connect('Reader 00 00', options), virtualCard };
  }

  it('is on by default under T=0: 61xx is followed with GET RESPONSE and 6Cxx resent with the right Le', async () => {
    const { card, virtualCard } = await connect(T0_ONLY_ATR);
    expect(card.protocol).toBe('T0');
    expect(hex((await card.transmit(READ_RECORD)).bytes)).toBe('01 02 03 04 05 90 00');
    expect(hex((await card.transmit(GET_CHALLENGE)).bytes)).toBe('11 12 13 14 15 16 17 18 90 00');
    expect(virtualCard.log.map((entry) => hex(entry.command))).toEqual(['00 B2 01 0C 00', '00 C0 00 00 05', '00 84 00 00 00', '00 84 00 00 08']);
  });

  it('keeps the follow-up in the same turn: a command sent meanwhile waits until the exchange is complete', async () => {
    const { card, virtualCard } = await connect(T0_ONLY_ATR);
    const [long, other] = await Promise.all([card.transmit(READ_RECORD), card.transmit('00 A4 00 0C 00')]);
    expect(hex(long.bytes)).toBe('01 02 03 04 05 90 00');
    expect(other.sw).toBe(0x9000);
    expect(virtualCard.log.map((entry) => entry.command[1])).toEqual([0xb2, 0xc0, 0xa4]);
  });

  it('is off by default under T=1, and getResponse: false hands back 61xx under T=0', async () => {
    const t1 = await connect(DUAL_PROTOCOL_ATR, { protocols: ['T1'] });
    expect(t1.card.protocol).toBe('T1');
    expect(hex((await t1.card.transmit(READ_RECORD)).bytes)).toBe('61 05');
    const raw = await connect(T0_ONLY_ATR, { getResponse: false });
    expect(hex((await raw.card.transmit(READ_RECORD)).bytes)).toBe('61 05');
    expect(raw.virtualCard.commandCount).toBe(1);
  });

  it('getResponse: true turns it on under T=1 too, and a bad value is refused', async () => {
    const { card } = await connect(DUAL_PROTOCOL_ATR, { protocols: ['T1'], getResponse: true });
    expect(hex((await card.transmit(GET_CHALLENGE)).bytes)).toBe('11 12 13 14 15 16 17 18 90 00');
    await expect(connect(T0_ONLY_ATR, { getResponse: 'yes' as unknown as boolean })).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
