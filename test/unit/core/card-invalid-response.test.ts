import { Pcsc } from '../../../src/compose/pcsc';
import { CardCommunicationError, CardRemovedError } from '../../../src/errors/pcsc-error';
import { SimulatedPcsc } from '../../../src/simulator';
import { VirtualCard } from '../../../src/testing/virtual-card';

const GOOD = '80 10 00 00 00';
const EMPTY = '80 20 00 00 00';
const ONE_BYTE = '80 30 00 00 00';

/** A card whose reader driver hands back "success" with fewer than two bytes for some commands. */
function brokenCard(): VirtualCard {
  return new VirtualCard({
    atr: '3B 80 80 01 01',
    respond: (apdu) => {
      if (apdu[1] === 0x20) return [];
      if (apdu[1] === 0x30) return [0x90];
      return '90 00';
    },
  });
}

describe('a response shorter than two bytes', () => {
  const opened: Pcsc[] = [];
  afterEach(async () => {
    for (const pcsc of opened.splice(0)) await pcsc.close();
  });

  async function connect() {
    const sim = new SimulatedPcsc({ idlePowerOffMs: false });
    const virtualCard = brokenCard();
    sim.addReader('Reader').insert(virtualCard);
    const pcsc = await Pcsc.open({ driver: sim.driver() });
    opened.push(pcsc);
    return { card: await pcsc.connect('Reader 00 00'), virtualCard };
  }

  it.each([
    ['no byte', EMPTY],
    ['one byte', ONE_BYTE],
  ])('with %s is a typed error, never a ResponseApdu', async (_what, command) => {
    const { card } = await connect();
    const error = await card.transmit(command).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardCommunicationError);
    expect(error).toMatchObject({ codeName: 'SCARD_E_COMM_DATA_LOST', call: 'SCardTransmit' });
    expect((error as Error).message).toContain('Card returned no valid response');
  });

  it('leaves the handle untrusted: later calls are CardRemovedError and never reach the card until reconnect()', async () => {
    const { card, virtualCard } = await connect();
    await card.transmit(EMPTY).catch(() => undefined);
    const reached = virtualCard.commandCount;
    await expect(card.transmit(GOOD)).rejects.toBeInstanceOf(CardRemovedError);
    await expect(card.control(0x42000001)).rejects.toBeInstanceOf(CardRemovedError);
    await expect(card.status()).rejects.toBeInstanceOf(CardRemovedError);
    expect(virtualCard.commandCount).toBe(reached);
    await card.reconnect();
    expect((await card.transmit(GOOD)).sw).toBe(0x9000);
  });
});
