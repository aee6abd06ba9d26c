import { ApduError } from '../../../src/errors/apdu-error';
import { GetResponseLimitError } from '../../../src/apdu/get-response-limit-error';
import { formatHex, parseHexBytes } from '../../../src/apdu/hex';
import { exchangeWithT0Handling } from '../../../src/apdu/t0-exchange';

/** A fake card: answers from a script keyed by command hex, and records what it was sent. */
function scriptedCard(script: Record<string, string>) {
  const sent: string[] = [];
  const transmit = async (command: Uint8Array): Promise<Uint8Array> => {
    const key = formatHex(command);
    sent.push(key);
    const answer = script[key];
    if (answer === undefined) throw new Error(`unexpected command ${key}`);
    return parseHexBytes(answer);
  };
  return { transmit, sent };
}

const run = async (card: ReturnType<typeof scriptedCard>, command: string, options = {}): Promise<string> =>
  formatHex(await exchangeWithT0Handling(card.transmit, parseHexBytes(command), options));

describe('exchangeWithT0Handling', () => {
  it('passes a final answer through untouched', async () => {
    const answer = parseHexBytes('01 02 90 00');
    const transmit = jest.fn(async () => answer);
    await expect(exchangeWithT0Handling(transmit, parseHexBytes('00 B0 00 00 02'))).resolves.toBe(answer);
    expect(transmit).toHaveBeenCalledTimes(1);
  });

  it('follows 61xx with GET RESPONSE using the command CLA and Le xx', async () => {
    const card = scriptedCard({
      '80 CA 9F 7F 00': '61 04',
      '80 C0 00 00 04': 'AA BB CC DD 90 00',
    });
    await expect(run(card, '80 CA 9F 7F 00')).resolves.toBe('AA BB CC DD 90 00');
    expect(card.sent).toEqual(['80 CA 9F 7F 00', '80 C0 00 00 04']);
  });

  it('chains several GET RESPONSEs and concatenates the data, keeping the last status word', async () => {
    const card = scriptedCard({
      '00 A4 04 00 02 3F 00': '61 00',
      '00 C0 00 00 00': '01 02 61 03',
      '00 C0 00 00 03': '03 04 05 62 82',
    });
    await expect(run(card, '00 A4 04 00 02 3F 00')).resolves.toBe('01 02 03 04 05 62 82');
    expect(card.sent).toEqual(['00 A4 04 00 02 3F 00', '00 C0 00 00 00', '00 C0 00 00 03']);
  });

  it('keeps data that arrives together with 61xx', async () => {
    const card = scriptedCard({ '00 B0 00 00 00': '11 22 61 01', '00 C0 00 00 01': '33 90 00' });
    await expect(run(card, '00 B0 00 00 00')).resolves.toBe('11 22 33 90 00');
  });

  it('resends once with the Le named in 6Cxx', async () => {
    const card = scriptedCard({ '00 B0 00 00 00': '6C 08', '00 B0 00 00 08': '01 02 03 04 05 06 07 08 90 00' });
    await expect(run(card, '00 B0 00 00 00')).resolves.toBe('01 02 03 04 05 06 07 08 90 00');
    expect(card.sent).toEqual(['00 B0 00 00 00', '00 B0 00 00 08']);
  });

  it('reads 6C00 as Le 256 and adds Le to a command that had none', async () => {
    const card = scriptedCard({ '00 CA 01 02': '6C 00', '00 CA 01 02 00': '90 00' });
    await expect(run(card, '00 CA 01 02')).resolves.toBe('90 00');
  });

  it('does not resend a second time', async () => {
    const card = scriptedCard({ '00 B0 00 00 10': '6C 08', '00 B0 00 00 08': '6C 04' });
    await expect(run(card, '00 B0 00 00 10')).resolves.toBe('6C 04');
    expect(card.sent).toHaveLength(2);
  });

  it('corrects Le of a GET RESPONSE too, then keeps chaining', async () => {
    const card = scriptedCard({
      '00 B2 01 04 00': '61 10',
      '00 C0 00 00 10': '6C 02',
      '00 C0 00 00 02': 'AB CD 90 00',
    });
    await expect(run(card, '00 B2 01 04 00')).resolves.toBe('AB CD 90 00');
  });

  it('keeps extended length fields when correcting Le', async () => {
    const card = scriptedCard({ '00 B0 00 00 00 01 00': '6C 20', '00 B0 00 00 00 00 20': '90 00' });
    await expect(run(card, '00 B0 00 00 00 01 00')).resolves.toBe('90 00');
  });

  it('returns 6Cxx as is for a command whose length fields cannot be read', async () => {
    const card = scriptedCard({ 'FF CA 00 00 05 01': '6C 02' });
    await expect(run(card, 'FF CA 00 00 05 01')).resolves.toBe('6C 02');
    expect(card.sent).toHaveLength(1);
  });

  it('leaves 6Cxx alone when resendOnWrongLe is false', async () => {
    const card = scriptedCard({ '00 B0 00 00 00': '6C 08' });
    await expect(run(card, '00 B0 00 00 00', { resendOnWrongLe: false })).resolves.toBe('6C 08');
  });

  it('uses getResponseCla when given', async () => {
    const card = scriptedCard({ '80 CA 9F 7F 00': '61 01', '00 C0 00 00 01': '42 90 00' });
    await expect(run(card, '80 CA 9F 7F 00', { getResponseCla: 0x00 })).resolves.toBe('42 90 00');
  });

  it('stops after maxGetResponses and reports the data collected', async () => {
    const card = scriptedCard({ '00 B0 00 00 00': '61 01', '00 C0 00 00 01': '77 61 01' });
    const error = await exchangeWithT0Handling(card.transmit, parseHexBytes('00 B0 00 00 00'), { maxGetResponses: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GetResponseLimitError);
    expect((error as GetResponseLimitError).getResponses).toBe(3);
    expect(formatHex((error as GetResponseLimitError).partialData)).toBe('77 77 77');
    expect(card.sent).toHaveLength(4);
  });

  it('bounds an endless 61xx loop by default', async () => {
    const transmit = jest.fn(async () => Uint8Array.of(0x61, 0x00));
    await expect(exchangeWithT0Handling(transmit, parseHexBytes('00 B0 00 00 00'))).rejects.toThrow(GetResponseLimitError);
    expect(transmit).toHaveBeenCalledTimes(258);
  });

  it('rejects bad options before sending anything', async () => {
    const transmit = jest.fn(async () => Uint8Array.of(0x90, 0x00));
    await expect(exchangeWithT0Handling(transmit, parseHexBytes('00 B0 00 00 00'), { maxGetResponses: -1 })).rejects.toThrow(ApduError);
    await expect(exchangeWithT0Handling(transmit, parseHexBytes('00 B0 00 00 00'), { getResponseCla: 256 })).rejects.toThrow(ApduError);
    expect(transmit).not.toHaveBeenCalled();
  });

  it('propagates transmit failures', async () => {
    const transmit = jest.fn(async () => {
      throw new Error('card removed');
    });
    await expect(exchangeWithT0Handling(transmit, parseHexBytes('00 B0 00 00 00'))).rejects.toThrow('card removed');
  });
});
